"""The template of an impact model as a PDF (WeasyPrint, A4, German): what the JSON template
holds – the model, its elements on the impact staircase as a table, its indicators'
definitions – for municipalities that read rather than import it. Never values, never people."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from inklusiv.core.pdf import footer_css, render_pdf, template_base_url
from inklusiv.pilots.models.region import IMPACT_STEPS

from .models import DISAGGREGATIONS, LEVEL_STEPS, Direction, ImpactModel, Level, Unit


def _rows(template: dict) -> list[dict]:
    """One row per step (the inputs first) with the elements standing on it."""
    steps = dict(IMPACT_STEPS)
    rows = []
    for level, numbers in LEVEL_STEPS.items():
        for number in numbers or (None,):
            rows.append(
                {
                    "level": Level(level).label,
                    "step": steps[number] if number else "–",
                    "elements": [
                        element
                        for element in template["elements"]
                        if element["level"] == level and element["step"] == number
                    ],
                }
            )
    return rows


def render_model(model: ImpactModel) -> bytes:
    from .services.impact import template_for

    # The template is for German municipalities: always German, whatever the page's language.
    with translation.override("de"):
        template = template_for(model)
        units, directions = dict(Unit.choices), dict(Direction.choices)
        indicators = [
            {
                **indicator,
                "unit_label": units[indicator["unit"]],
                "direction_label": directions[indicator["direction"]],
                "disaggregation_labels": [
                    DISAGGREGATIONS[key][0] for key in indicator["disaggregations"]
                ],
                "step_label": dict(IMPACT_STEPS)[indicator["step"]],
            }
            for indicator in template["indicators"]
        ]
        html = render_to_string(
            "evaluation/impact/pdf.html",
            {"template": template, "rows": _rows(template), "indicators": indicators},
        )
        footer = _("Template of an impact model: %(title)s") % {"title": model.title}
        return render_pdf(html, base_url=template_base_url(__file__), page_css=footer_css(footer))
