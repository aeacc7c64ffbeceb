"""Reads of the survey builder and the distribution pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from inklusiv.core import groupsize

from ..models import Choice, Invitation, PublicLink, Question, Response, Section, Survey


def surveys_with_counts():
    """Every survey with its regions and its number of responses."""
    return (
        Survey.objects.annotate(response_count=Count("responses", distinct=True))
        .prefetch_related("regions")
        .order_by("-wave", "title", "pk")
    )


def structure(survey: Survey) -> list[Section]:
    """The survey's sections in order, each with its questions, their options and the question
    their skip logic depends on (with that question's options)."""
    questions = Question.objects.select_related("show_if_question").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("order", "value")),
        Prefetch("show_if_question__choices", queryset=Choice.objects.order_by("order", "value")),
    )
    return list(
        Section.objects.filter(survey=survey)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("questions", queryset=questions.order_by("order", "pk")))
    )


def condition_text(question: Question) -> str:
    """The skip logic in words: „Leben Sie mit einer Behinderung?“ = ja (oder …)."""
    condition = question.show_if_question
    if condition is None:
        return ""
    labels = {choice.value: choice.label for choice in condition.choices.all()}
    values = [labels.get(value, str(value)) for value in question.show_if_values]
    return f"„{condition.text}“ = " + " / ".join(values)


def earlier_choice_questions(survey: Survey, section: Section) -> list[Question]:
    """The choice questions and Likert scales of sections before `section` (skip logic)."""
    sections = list(Section.objects.filter(survey=survey).values_list("pk", flat=True))
    earlier = sections[: sections.index(section.pk)] if section.pk in sections else []
    return list(
        Question.objects.filter(
            section_id__in=earlier,
            kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.LIKERT],
        )
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("order", "value")))
        .order_by("section__order", "section_id", "order", "pk")
    )


@dataclass
class RegionCount:
    region: object
    count: int | None  # None: fewer than k, or hidden so that it cannot be worked out
    link: PublicLink | None = None


def response_counts(survey: Survey) -> tuple[list[RegionCount], int | None]:
    """Responses per region of the survey (one query) as they may be shown, and the total;
    hidden figures are None."""
    regions = list(survey.regions.order_by("name", "pk"))
    counts = dict(
        Response.objects.filter(survey=survey)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .values_list("region_id", "n")
    )
    table = groupsize.suppress_counts(
        {region.pk: counts.get(region.pk, 0) for region in regions},
        [region.pk for region in regions],
        k=survey.min_group_size,
    )
    links = {link.region_id: link for link in PublicLink.objects.filter(survey=survey)}
    rows = [
        RegionCount(region=region, count=table.cell(region.pk, "n"), link=links.get(region.pk))
        for region in regions
    ]
    return rows, table.total


def suppressed_total(count: int, k: int) -> int | None:
    """A survey's number of responses as it may be shown (None below k)."""
    return groupsize.suppress_counts({"n": count}, ["n"], k=k).total


def invitations(survey: Survey):
    return Invitation.objects.filter(survey=survey).select_related("region").order_by("email")


def invitation_counts(survey: Survey) -> dict[str, int]:
    """Invitations by status (sent, started, completed) and in all."""
    counts = dict(
        Invitation.objects.filter(survey=survey)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        **{status: counts.get(status, 0) for status in Invitation.Status.values},
        "all": sum(counts.values()),
    }
