from .impact import LEVEL_STEPS, ImpactElement, ImpactModel, Level, level_of
from .indicators import (
    DISAGGREGATIONS,
    Aggregation,
    Direction,
    Indicator,
    IndicatorValue,
    Target,
    Unit,
)
from .reports import EvaluationReport
from .surveys import (
    Answer,
    Choice,
    Draft,
    Invitation,
    PublicLink,
    Question,
    Response,
    Section,
    Survey,
)

__all__ = [
    "LEVEL_STEPS",
    "DISAGGREGATIONS",
    "Aggregation",
    "Answer",
    "Choice",
    "Direction",
    "Draft",
    "EvaluationReport",
    "ImpactElement",
    "ImpactModel",
    "Indicator",
    "IndicatorValue",
    "Invitation",
    "Level",
    "PublicLink",
    "Question",
    "Response",
    "Section",
    "Survey",
    "Target",
    "Unit",
    "level_of",
]
