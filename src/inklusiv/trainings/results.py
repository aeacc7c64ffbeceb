"""The results of the anonymous feedback, per session and per course.

Every figure goes through the minimum group size rule (core.groupsize): with fewer answers
than the minimum, a result is None and the pages, the chart and the export show no figure
and no text at all. A course's per-session rows are shown only for sessions that reach the
minimum themselves; and when the sessions left out would together be fewer than the minimum
but more than none, more rows are left out (the smallest first), so that nobody can work out
a small session's figures by subtracting the rows shown from the course's total.
Free texts are sorted alphabetically, never in the order they were given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from inklusiv.core.groupsize import reportable

from .models import Course, FeedbackResponse, TrainingSession

SCALE = (1, 2, 3, 4, 5)
QUESTIONS = (
    ("overall", _("How satisfied are you with the training overall?")),
    ("content", _("How good was the content?")),
    ("practice", _("How useful is what you learned for your practice?")),
    ("trainer", _("How good was the trainer?")),
    ("accessibility", _("How accessible was the training for you?")),
)
TEXTS = (
    ("liked", _("What was good?")),
    ("improve", _("What could be better?")),
)
SHORT_LABELS = {
    "overall": _("Overall"),
    "content": _("Content"),
    "practice": _("Useful in practice"),
    "trainer": _("Trainer"),
    "accessibility": _("Accessibility"),
}


@dataclass
class QuestionResult:
    key: str
    label: str
    short_label: str
    mean: float
    # (rating, number of answers with it), for ratings 1 to 5.
    distribution: list[tuple[int, int]]


@dataclass
class Results:
    count: int
    questions: list[QuestionResult]
    texts: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class SessionRow:
    session: TrainingSession
    results: Results

    @property
    def count(self) -> int:
        return self.results.count


def _aggregates() -> dict:
    values = {"answers": Count("pk")}
    for key, _label in QUESTIONS:
        values[f"{key}_mean"] = Avg(key)
        for rating in SCALE:
            values[f"{key}_{rating}"] = Count("pk", filter=Q(**{key: rating}))
    return values


def _questions(figures: dict) -> list[QuestionResult]:
    return [
        QuestionResult(
            key=key,
            label=str(label),
            short_label=str(SHORT_LABELS[key]),
            mean=round(float(figures[f"{key}_mean"]), 1),
            distribution=[(rating, figures[f"{key}_{rating}"]) for rating in SCALE],
        )
        for key, label in QUESTIONS
    ]


def _results(responses) -> Results | None:
    """Figures and texts of `responses`, or None under the minimum group size."""
    figures = responses.aggregate(**_aggregates())
    count = figures["answers"]
    if not reportable(count):
        return None
    texts = []
    for key, label in TEXTS:
        written = responses.exclude(**{key: ""}).order_by(key).values_list(key, flat=True)
        texts.append((str(label), list(written)))
    return Results(count=count, questions=_questions(figures), texts=texts)


def answer_count(responses) -> int:
    return responses.count()


def session_responses(session: TrainingSession):
    return FeedbackResponse.objects.filter(session=session)


def course_responses(course: Course):
    return FeedbackResponse.objects.filter(session__course=course)


def session_results(session: TrainingSession) -> Results | None:
    return _results(session_responses(session))


def course_results(course: Course) -> Results | None:
    return _results(course_responses(course))


def session_rows(course: Course, *, total: int | None = None) -> list[SessionRow]:
    """The course's sessions whose own figures may be shown (without their texts), in one
    grouped query and one for the sessions."""
    grouped = {
        row["session"]: row
        for row in FeedbackResponse.objects.filter(session__course=course)
        .order_by()
        .values("session")
        .annotate(**_aggregates())
    }
    if total is None:
        total = sum(row["answers"] for row in grouped.values())
    shown = {pk: row for pk, row in grouped.items() if reportable(row["answers"])}
    sessions = {
        session.pk: session
        for session in TrainingSession.objects.filter(pk__in=shown).order_by("starts_at", "pk")
    }
    order = list(sessions)
    # Complementary suppression: the sessions left out must not be a small group that the
    # course's total minus the rows shown would reveal.
    left_out = total - sum(row["answers"] for row in shown.values())
    while order and 0 < left_out and not reportable(left_out):
        smallest = min(order, key=lambda pk: (shown[pk]["answers"], order.index(pk)))
        order.remove(smallest)
        left_out += shown[smallest]["answers"]
    return [
        SessionRow(
            session=sessions[pk],
            results=Results(count=shown[pk]["answers"], questions=_questions(shown[pk])),
        )
        for pk in order
    ]


# --- the chart ---------------------------------------------------------------------------------

CHART_WIDTH = 640
BAR_AREA = 520
ROW_HEIGHT = 52
LABEL_BASELINE = 18
BAR_TOP = 25
BAR_HEIGHT = 18


def chart(results: Results, number_format) -> dict:
    """A horizontal bar chart of the mean rating per question, on the scale 0 to 5.

    `number_format` turns a mean into text in the page's language (4,2 / 4.2)."""
    bars = []
    for index, question in enumerate(results.questions):
        top = index * ROW_HEIGHT
        width = round(BAR_AREA * question.mean / SCALE[-1], 1)
        bars.append(
            {
                "label": question.short_label,
                "value": number_format(question.mean),
                "label_y": top + LABEL_BASELINE,
                "bar_y": top + BAR_TOP,
                "width": width,
                "value_x": width + 8,
                "value_y": top + BAR_TOP + BAR_HEIGHT - 2,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(bars) * ROW_HEIGHT, ROW_HEIGHT),
        "bar_height": BAR_HEIGHT,
    }
