"""A survey's results as they may be published: every count, mean and quartile passes the
minimum group size (core.groupsize with k = survey.min_group_size) before a page, a chart, a
PDF or anybody else sees it.

The answers are counted in the database, grouped by question, answer code and group (the
response's region, or the response's own answer to a breakdown question), so the number of
queries stays the same however many people answered. Free texts are never part of the results:
a sentence can give its writer away; the evaluators read them in the export.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, FilteredRelation, IntegerField, Q, Value
from django.utils.translation import gettext as _

from inklusiv.core.groupsize import suppress_counts, suppress_table

from ..models import Answer, Question, Response, Survey

NONE = "none"  # the group of respondents without an answer to the breakdown question
TOTAL_KEY = "total"


@dataclass
class Group:
    key: object
    label: str


@dataclass
class Row:
    value: int
    label: str
    cells: list  # one count or None (hidden) per group
    total: int | None


@dataclass
class NumberStats:
    n: int | None
    mean: float | None = None
    median: float | None = None
    q1: float | None = None
    q3: float | None = None


@dataclass
class QuestionResult:
    question: Question
    groups: list  # the breakdown's groups (empty without a breakdown)
    rows: list = field(default_factory=list)  # choices and Likert points
    col_totals: list = field(default_factory=list)  # per group: answers or None
    total: int | None = None
    means: list = field(default_factory=list)  # Likert: per group mean or None
    mean: float | None = None  # Likert: over everybody, or None
    numbers: list = field(default_factory=list)  # numbers: NumberStats per group
    number_total: NumberStats | None = None
    hidden: int = 0
    table: object = None  # the groupsize.Table (for tests and the PDF)

    @property
    def kind(self):
        return self.question.kind

    @property
    def is_text(self):
        return self.question.kind == Question.Kind.TEXT

    @property
    def group_numbers(self):
        return list(zip(self.groups, self.numbers, strict=True)) if self.numbers else []

    @property
    def chart_rows(self):
        """(label, count or None) for the chart: the total column (every respondent)."""
        return [(row.label, row.total) for row in self.rows]


@dataclass
class SurveyResults:
    survey: Survey
    k: int
    breakdown: str | None
    breakdown_label: str
    groups: list
    questions: list
    responses: object  # groupsize.Table of responses per group ("n" column)
    response_total: int | None
    hidden: int = 0

    @property
    def has_hidden(self):
        return self.hidden > 0


def breakdown_questions(survey: Survey):
    return Question.objects.filter(section__survey=survey, is_breakdown=True).prefetch_related(
        "choices"
    )


def _mean(pairs) -> float | None:
    """The mean of (value, count) pairs."""
    n = sum(count for _value, count in pairs)
    if not n:
        return None
    return round(sum(value * count for value, count in pairs) / n, 2)


def _stats(values: list, n: int | None, k: int) -> NumberStats:
    """Mean and quartiles only for a published group of at least k answers."""
    if n is None or n < k or not values:
        return NumberStats(n=n)
    ordered = sorted(float(v) for v in values)
    q1, median, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return NumberStats(
        n=n,
        mean=round(statistics.fmean(ordered), 2),
        median=round(median, 2),
        q1=round(q1, 2),
        q3=round(q3, 2),
    )


def results(survey: Survey, *, region=None, breakdown: str | None = None) -> SurveyResults:
    """Per question the suppressed tables of `survey` (only `region`'s responses if given),
    broken down by "region", by the code of a breakdown question, or not at all."""
    k = survey.min_group_size
    questions = list(
        Question.objects.filter(section__survey=survey)
        .select_related("section", "show_if_question")
        .prefetch_related("choices")
    )
    by_code = {q.code: q for q in questions}

    responses = Response.objects.filter(survey=survey)
    answers = Answer.objects.filter(response__survey=survey)
    if region is not None:
        responses = responses.filter(region=region)
        answers = answers.filter(response__region=region)

    # The group every response belongs to, computed by the database.
    groups: list[Group] = []
    breakdown_label = ""
    if breakdown == "region" and region is None:
        regions = list(survey.regions.order_by("name"))
        groups = [Group(r.pk, r.name) for r in regions]
        breakdown_label = _("Pilot region")
        responses = responses.annotate(group=_region_key("region_id"))
        answers = answers.annotate(group=_region_key("response__region_id"))
    elif breakdown and breakdown in by_code and by_code[breakdown].is_breakdown:
        split = by_code[breakdown]
        groups = [Group(c.value, c.label) for c in split.choices.all()]
        breakdown_label = split.text
        responses = responses.annotate(
            split=FilteredRelation("answers", condition=Q(answers__question=split))
        ).annotate(group=F("split__choice"))
        answers = answers.annotate(
            split=FilteredRelation(
                "response__answers", condition=Q(response__answers__question=split)
            )
        ).annotate(group=F("split__choice"))
    else:
        breakdown = None
        responses = responses.annotate(group=_constant())
        answers = answers.annotate(group=_constant())

    per_group = {
        row["group"]: row["n"]
        # order_by(): the model's ordering would join the survey's into GROUP BY (PostgreSQL).
        for row in responses.order_by().values("group").annotate(n=Count("pk"))
    }
    if breakdown and per_group.get(None):
        # Respondents without an answer to the breakdown question are a group of their own, so
        # they take part in the suppression (left out, they would be the total's difference).
        groups.append(Group(NONE, _("no answer")))
    keys = [g.key for g in groups] if breakdown else [TOTAL_KEY]

    def key_of(value):
        if not breakdown:
            return TOTAL_KEY
        return NONE if value is None else value

    counts: dict = {}
    for row in (
        answers.filter(choice__isnull=False)
        .order_by()
        .values("question_id", "choice", "group")
        .annotate(n=Count("pk"))
    ):
        slot = (row["choice"], key_of(row["group"]))
        bucket = counts.setdefault(row["question_id"], {})
        bucket[slot] = bucket.get(slot, 0) + row["n"]

    numbers: dict = {}
    for question_id, number, group in (
        answers.filter(number__isnull=False)
        .order_by()
        .values_list("question_id", "number", "group")
    ):
        numbers.setdefault(question_id, {}).setdefault(key_of(group), []).append(number)

    response_table = suppress_counts({key_of(g): n for g, n in per_group.items()}, keys, k)
    hidden = response_table.hidden
    outcome = []
    for question in questions:
        result = QuestionResult(question=question, groups=groups if breakdown else [])
        if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.LIKERT):
            choices = list(question.choices.all())
            values = [c.value for c in choices]
            table = suppress_table(counts.get(question.pk, {}), values, keys, k)
            result.table = table
            result.rows = [
                Row(
                    value=c.value,
                    label=c.label,
                    cells=[table.cell(c.value, key) for key in keys] if breakdown else [],
                    total=table.row_total(c.value),
                )
                for c in choices
            ]
            result.col_totals = [table.col_total(key) for key in keys] if breakdown else []
            result.total = table.total
            result.hidden = table.hidden
            if question.kind == Question.Kind.LIKERT:
                raw = counts.get(question.pk, {})
                if breakdown:
                    result.means = [
                        _mean([(v, raw.get((v, key), 0)) for v in values])
                        if table.col_total(key) is not None
                        else None
                        for key in keys
                    ]
                result.mean = (
                    _mean([(v, sum(raw.get((v, key), 0) for key in keys)) for v in values])
                    if table.total is not None
                    else None
                )
        elif question.kind == Question.Kind.NUMBER:
            values = numbers.get(question.pk, {})
            table = suppress_counts({key: len(values.get(key, [])) for key in keys}, keys, k)
            result.table = table
            if breakdown:
                result.numbers = [
                    _stats(values.get(key, []), table.row_total(key), k) for key in keys
                ]
            everything = [v for key in keys for v in values.get(key, [])]
            result.number_total = _stats(everything, table.total, k)
            result.total = table.total
            result.hidden = table.hidden
        hidden += result.hidden
        outcome.append(result)

    return SurveyResults(
        survey=survey,
        k=k,
        breakdown=breakdown,
        breakdown_label=breakdown_label,
        groups=groups if breakdown else [],
        questions=outcome,
        responses=response_table,
        response_total=response_table.total,
        hidden=hidden,
    )


def _constant():
    return Value(None, output_field=IntegerField())


def _region_key(path: str):
    return F(path)


def responses_per_region(survey: Survey, regions=None):
    """(region, count or None) for the survey's regions (or `regions`), suppressed."""
    regions = list(regions if regions is not None else survey.regions.order_by("name"))
    counts = {
        row["region_id"]: row["n"]
        for row in Response.objects.filter(survey=survey, region__in=regions)
        .order_by()
        .values("region_id")
        .annotate(n=Count("pk"))
    }
    table = suppress_counts(counts, [r.pk for r in regions], survey.min_group_size)
    return [(r, table.row_total(r.pk)) for r in regions], table


def wave_comparison(survey: Survey, *, region=None):
    """The Likert means of every wave of the survey's series, question by question (by code);
    a mean only where its wave's answers form a published group. None without other waves."""
    if not survey.series:
        return None
    waves = list(
        Survey.objects.filter(series=survey.series)
        .filter(~Q(status=Survey.Status.DRAFT) | Q(pk=survey.pk))
        .order_by("wave", "pk")
    )
    if len(waves) < 2:
        return None
    if region is not None:
        covering = set(region.surveys.values_list("pk", flat=True))
        waves = [w for w in waves if w.pk in covering]
        if len(waves) < 2:
            return None
    per_wave = [results(w, region=region) for w in waves]
    rows = []
    for question in per_wave[[w.pk for w in waves].index(survey.pk)].questions:
        if question.kind != Question.Kind.LIKERT:
            continue
        means = []
        for wave_results in per_wave:
            match = next(
                (q for q in wave_results.questions if q.question.code == question.question.code),
                None,
            )
            means.append(match.mean if match else None)
        rows.append((question.question, means))
    return {"waves": waves, "rows": rows}


def as_decimal(value):
    return None if value is None else Decimal(str(value))
