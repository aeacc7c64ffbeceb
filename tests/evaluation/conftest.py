"""Shared fixtures of the evaluation: the pilots' world (a region with a person in every role)
plus a second region with its own coordinator, a concept for the first, and a survey over both
regions with a breakdown question, a Likert scale, a multiple choice, a number, a free text and
a question behind skip logic. Built with the ORM so every area's tests stand on their own."""

from dataclasses import dataclass

import pytest

from inklusiv.evaluation.models import Choice, PublicLink, Question, Section, Survey
from inklusiv.pilots.models import RegionMember
from tests.browser.conftest import browser, context, page  # noqa: F401 - one browser for all
from tests.factories import make_user
from tests.pilots.concept_fixtures import build_concept
from tests.pilots.conftest import make_region
from tests.pilots.conftest import world as pilots_world

LIKERT = [
    "stimme gar nicht zu",
    "stimme eher nicht zu",
    "teils, teils",
    "stimme eher zu",
    "stimme voll zu",
]


@dataclass
class EvaluationWorld:
    world: object  # tests.pilots.conftest.RegionWorld: region, staff, expert, coach, evaluator, …
    region: object
    other_region: object
    other_coordinator: object
    goals: list
    measures: list

    def __getattr__(self, name):
        return getattr(self.world, name)


world = pilots_world  # the pilots' fixture, under its own name


@pytest.fixture
def eworld(world) -> EvaluationWorld:
    other = make_region(world.staff, world.expert, world.other_coach, name="Nieder-Olm")
    other_coordinator = make_user(None, email="koordination@nieder-olm.example", name="Lena Roth")
    RegionMember.objects.create(
        region=other, user=other_coordinator, role=RegionMember.Role.COORDINATOR
    )
    _fields, goals, measures = build_concept(world, measures=3)
    return EvaluationWorld(
        world=world,
        region=world.region,
        other_region=other,
        other_coordinator=other_coordinator,
        goals=goals,
        measures=measures,
    )


def _choices(question, labels, *, start=1):
    for number, label in enumerate(labels):
        Choice.objects.create(
            question=question,
            value=start + number,
            label=label,
            label_easy=f"{label} (leicht)",
            order=number,
        )


def make_survey(eworld, *, status=Survey.Status.OPEN, anonymous=True, slug="einstellungen-2017"):
    survey = Survey.objects.create(
        title="Einstellungen zur Inklusion 2017",
        title_easy="Was denken Sie über Inklusion?",
        slug=slug,
        kind=Survey.Kind.REGION,
        series="Einstellungsbefragung",
        wave=2017,
        intro="Die Befragung dauert etwa 10 Minuten.",
        intro_easy="Die Fragen dauern ungefähr 10 Minuten.",
        status=status,
        anonymous=anonymous,
        min_group_size=5,
        created_by=eworld.evaluator,
    )
    survey.regions.set([eworld.region, eworld.other_region])
    about = Section.objects.create(survey=survey, title="Über Sie", title_easy="Über Sie", order=0)
    views = Section.objects.create(
        survey=survey, title="Ihre Meinung", title_easy="Was Sie denken", order=1
    )
    disability = Question.objects.create(
        section=about,
        code="behinderung",
        kind=Question.Kind.SINGLE,
        text="Leben Sie mit einer Behinderung?",
        text_easy="Haben Sie eine Behinderung?",
        required=True,
        is_breakdown=True,
        order=0,
    )
    _choices(disability, ["ja", "nein"])
    Question.objects.create(
        section=about,
        code="alter",
        kind=Question.Kind.NUMBER,
        text="Wie alt sind Sie?",
        text_easy="Wie alt sind Sie?",
        number_min=14,
        number_max=110,
        order=1,
    )
    attitude = Question.objects.create(
        section=views,
        code="einst1",
        kind=Question.Kind.LIKERT,
        text="Menschen mit Behinderung gehören selbstverständlich zu unserem Ort.",
        text_easy="Menschen mit Behinderung gehören zu unserem Ort.",
        required=True,
        order=0,
    )
    _choices(attitude, LIKERT)
    places = Question.objects.create(
        section=views,
        code="orte",
        kind=Question.Kind.MULTIPLE,
        text="Wo erleben Sie Barrieren?",
        text_easy="Wo gibt es Hindernisse für Sie?",
        order=1,
    )
    _choices(places, ["Schule", "Freizeit", "Arbeit", "Wohnen"])
    barrier = Question.objects.create(
        section=views,
        code="barriere",
        kind=Question.Kind.SINGLE,
        text="Welche Barriere trifft Sie am meisten?",
        text_easy="Welches Hindernis ist am schlimmsten?",
        show_if_question=disability,
        show_if_values=[1],
        order=2,
    )
    _choices(barrier, ["bauliche Barrieren", "Einstellungen", "Informationen"])
    Question.objects.create(
        section=views,
        code="ideen",
        kind=Question.Kind.TEXT,
        text="Was sollte sich in Ihrem Ort ändern?",
        text_easy="Was soll anders werden?",
        order=3,
    )
    for number, region in enumerate(survey.regions.order_by("pk")):
        PublicLink.objects.create(
            survey=survey, region=region, token=f"{slug}-oeffentlich-{number}"
        )
    return survey


@pytest.fixture
def survey(eworld):
    return make_survey(eworld)


def make_responses(survey, region, rows, *, day=None):
    """Submitted responses, one per dict {question code: value} (int, list of ints, number or
    text), stored as the answering service stores anonymous ones (bulk, one query per table)."""
    import datetime
    from decimal import Decimal

    from inklusiv.evaluation.models import Answer, Response

    questions = {q.code: q for q in Question.objects.filter(section__survey=survey)}
    day = day or datetime.date(2017, 10, 2)
    responses = Response.objects.bulk_create(
        [Response(survey=survey, region=region, submitted_on=day) for _ in rows]
    )
    answers = []
    for response, row in zip(responses, rows, strict=True):
        for code, value in row.items():
            question = questions[code]
            values = value if isinstance(value, list) else [value]
            for item in values:
                if question.kind == Question.Kind.NUMBER:
                    answers.append(
                        Answer(response=response, question=question, number=Decimal(item))
                    )
                elif question.kind == Question.Kind.TEXT:
                    answers.append(Answer(response=response, question=question, text=item))
                else:
                    answers.append(Answer(response=response, question=question, choice=item))
    Answer.objects.bulk_create(answers)
    return responses
