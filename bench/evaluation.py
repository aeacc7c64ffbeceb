"""Time the evaluation's indicator tables (IPTT) and survey results at two sizes of answers.

    DATABASE_URL=sqlite:///var/bench-evaluation.sqlite3 .venv/bin/python -m bench.evaluation

For each size (default 1,000 and 20,000 answers) it adds, by bulk inserts, six pilot regions
(on a bench call of six applications, bench.generate), indicators with baselines, targets and
values for four half-years (more indicators at the larger size), a few programme indicators the
regions' indicators roll up into, and a closed anonymous survey over the six regions (a
breakdown question, an age group, nine Likert items, a multiple choice, a question behind
skip logic, a number and a free text) with N responses. It then signs in as the bench
evaluator with Django's test Client and requests the programme's IPTT, a region's IPTT and the
survey's results page (plain, by region, by the breakdown question, one region's), printing the
median and 95th percentile wall time, the median CPU time of this process, the number of
queries per request and the response size.
"""

import argparse
import datetime
import random
import time
from decimal import Decimal

from ._setup import setup_django

EVALUATOR_EMAIL = "bench-evaluator@inklusiv.example"
PERIODS = ["2017-H2", "2018-H1", "2018-H2", "2019-H1"]
LIKERT_CODES = [
    "schule1",
    "schule2",
    "freizeit1",
    "freizeit2",
    "arbeit1",
    "arbeit2",
    "wohnen1",
    "wohnen2",
    "teilhabe",
]
BATCH = 5000


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument(
        "--skip", nargs="*", default=[], help="leave out the pages whose name contains one of these"
    )
    return parser


def _evaluator():
    from allauth.account.models import EmailAddress

    from inklusiv.accounts.models import Role, RoleGrant, User

    user, created = User.objects.get_or_create(
        email=EVALUATOR_EMAIL, defaults={"name": "Bench Evaluatorin", "language": "de"}
    )
    if created:
        # Nobody logs in with a password: the bench signs in with force_login. The evaluator
        # role needs no second factor.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    RoleGrant.objects.get_or_create(user=user, role=Role.EVALUATOR)
    return user


def _regions(made: dict, evaluator, run: str):
    from django.utils import timezone

    from inklusiv.applications.models import Application
    from inklusiv.pilots.models import FieldOfAction, PilotRegion

    applications = list(
        Application.objects.filter(call=made["call"]).select_related("social_space")
    )
    regions = PilotRegion.objects.bulk_create(
        PilotRegion(
            application=application,
            organisation_id=application.organisation_id,
            name=f"{application.social_space.name} {number}",
            slug=f"{run}-region-{number}",
            space_kind=application.social_space.kind,
            state=application.social_space.state,
            funding_start=datetime.date(2017, 3, 1),
            funding_end=datetime.date(2019, 2, 28),
            approved_amount=Decimal("480000.00"),
            expert=evaluator,
            started_at=timezone.now(),
        )
        for number, application in enumerate(applications, start=1)
    )
    FieldOfAction.objects.bulk_create(
        FieldOfAction(region=region, life_area=area, name=name, order=order)
        for region in regions
        for order, (area, name) in enumerate(
            [("accessibility", "Barrierefreiheit"), ("leisure", "Freizeit")]
        )
    )
    return regions


def _indicators(regions, evaluator, per_region: int, rng: random.Random) -> int:
    from django.utils import timezone

    from inklusiv.evaluation.models import Indicator, IndicatorValue, Target

    programme = Indicator.objects.bulk_create(
        Indicator(
            region=None,
            code=f"P{number}",
            name=f"Programmindikator {number}",
            definition="Summe der Regionen.",
            unit="count",
            direction="higher",
            data_source="Regionen",
            step=5,
            aggregation="sum",
            baseline=Decimal(60),
            baseline_date=datetime.date(2017, 6, 30),
            order=number,
            created_by=evaluator,
        )
        for number in range(4)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            region=region,
            code=f"I{number}",
            name=f"Indikator {number} der Region",
            definition="Gezählt zum Ende des Halbjahres.",
            unit="count",
            direction="higher" if number % 5 else "lower",
            data_source="Zählung der Koordination",
            step=1 + number % 7,
            disaggregations=["disability"] if number % 3 == 0 else [],
            baseline=Decimal(rng.randint(5, 40)),
            baseline_date=datetime.date(2017, 6, 30),
            contributes_to=programme[number] if number < len(programme) else None,
            order=number,
            created_by=evaluator,
        )
        for region in regions
        for number in range(per_region)
    )
    Target.objects.bulk_create(
        Target(indicator=indicator, period=period, value=indicator.baseline + 3 * index)
        for indicator in [*programme, *indicators]
        for index, period in enumerate(PERIODS, start=1)
    )
    now = timezone.now()
    values = []
    for indicator in indicators:
        for index, period in enumerate(PERIODS, start=1):
            total = int(indicator.baseline) + rng.randint(0, 4 * index)
            categories = {"": total}
            if indicator.disaggregations:
                share = total // 4
                categories.update({"disability:with": share, "disability:without": total - share})
            values.extend(
                IndicatorValue(
                    indicator=indicator,
                    period=period,
                    category=category,
                    value=Decimal(value),
                    source="Zählung",
                    entered_by=evaluator,
                    entered_at=now,
                )
                for category, value in categories.items()
            )
    IndicatorValue.objects.bulk_create(values, batch_size=BATCH)
    return len(programme) + len(indicators)


def _survey(regions, evaluator, run: str):
    from inklusiv.evaluation.models import Choice, PublicLink, Question, Section, Survey

    survey = Survey.objects.create(
        title=f"Einstellungen zur Inklusion ({run})",
        slug=f"{run}-einstellungen",
        kind=Survey.Kind.REGION,
        series=f"Bench {run}",
        wave=2017,
        status=Survey.Status.CLOSED,
        anonymous=True,
        min_group_size=5,
        created_by=evaluator,
    )
    survey.regions.set(regions)
    about, views, experience = Section.objects.bulk_create(
        Section(survey=survey, title=title, title_easy=title, order=order)
        for order, title in enumerate(["Über Sie", "Ihre Meinung", "Ihre Erfahrungen"])
    )

    def question(section, code, kind, order, **fields):
        return Question(
            section=section,
            code=code,
            kind=kind,
            text=f"Frage {code}",
            text_easy=f"Frage {code} (leicht)",
            order=order,
            **fields,
        )

    disability = question(about, "behinderung", "single", 0, required=True, is_breakdown=True)
    age = question(about, "altersgruppe", "single", 1, is_breakdown=True)
    number = question(about, "alter", "number", 2, number_min=14, number_max=110)
    likert = [question(views, code, "likert", order) for order, code in enumerate(LIKERT_CODES)]
    places = question(views, "orte", "multiple", 20)
    barrier = question(
        experience, "barriere", "single", 0, show_if_values=[1]
    )  # its condition is set once the breakdown question has a key
    text = question(experience, "ideen", "text", 1)
    questions = Question.objects.bulk_create(
        [disability, age, number, *likert, places, barrier, text]
    )
    Question.objects.filter(pk=barrier.pk).update(show_if_question=disability)
    choices = [
        Choice(question=disability, value=value, label=label, order=value)
        for value, label in [(1, "ja"), (2, "nein")]
    ]
    choices += [Choice(question=age, value=v, label=f"Gruppe {v}", order=v) for v in range(1, 5)]
    choices += [
        Choice(question=item, value=v, label=f"Stufe {v}", order=v)
        for item in likert
        for v in range(1, 6)
    ]
    choices += [Choice(question=places, value=v, label=f"Ort {v}", order=v) for v in range(1, 6)]
    choices += [Choice(question=barrier, value=v, label=f"Barriere {v}", order=v) for v in (1, 2)]
    Choice.objects.bulk_create(choices)
    PublicLink.objects.bulk_create(
        PublicLink(survey=survey, region=region, token=f"{run}-link-{region.pk}")
        for region in regions
    )
    return survey, {q.code: q for q in questions}


def _responses(survey, questions, regions, count: int, rng: random.Random) -> int:
    from inklusiv.evaluation.models import Answer, Response

    # One small region, so suppression has a cell to hide.
    weights = [1.0] * (len(regions) - 1) + [0.02]
    chosen = rng.choices(regions, weights=weights, k=count)
    responses = Response.objects.bulk_create(
        (
            Response(
                survey=survey,
                region=region,
                submitted_on=datetime.date(2017, 10, 1)
                + datetime.timedelta(days=rng.randint(0, 50)),
            )
            for region in chosen
        ),
        batch_size=BATCH,
    )
    answers = []
    for response in responses:
        disabled = rng.random() < 0.15
        answers.append(
            Answer(
                response=response, question=questions["behinderung"], choice=1 if disabled else 2
            )
        )
        answers.append(
            Answer(response=response, question=questions["altersgruppe"], choice=rng.randint(1, 4))
        )
        answers.append(
            Answer(response=response, question=questions["alter"], number=rng.randint(14, 90))
        )
        for code in LIKERT_CODES:
            answers.append(
                Answer(
                    response=response,
                    question=questions[code],
                    choice=min(5, max(1, round(rng.gauss(3.4, 1.0)))),
                )
            )
        for value in range(1, 6):
            if rng.random() < 0.3:
                answers.append(Answer(response=response, question=questions["orte"], choice=value))
        if disabled:
            answers.append(
                Answer(response=response, question=questions["barriere"], choice=rng.randint(1, 2))
            )
        if rng.random() < 0.1:
            answers.append(
                Answer(response=response, question=questions["ideen"], text="Mehr Bänke.")
            )
        if len(answers) >= BATCH:
            Answer.objects.bulk_create(answers, batch_size=BATCH)
            answers = []
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    return Answer.objects.filter(response__survey=survey).count()


def generate(count: int, seed: int) -> dict:
    """Six regions with indicators and a survey with `count` responses, all in bulk."""
    from django.db import connection, transaction

    from .generate import generate as generate_call

    rng = random.Random(seed + count)
    started = time.perf_counter()
    made = generate_call(6, seed + count)
    with transaction.atomic():
        evaluator = _evaluator()
        run = made["call"].slug
        regions = _regions(made, evaluator, run)
        indicators = _indicators(regions, evaluator, max(10, count // 600), rng)
        survey, questions = _survey(regions, evaluator, run)
        answers = _responses(survey, questions, regions, count, rng)
    # Fresh statistics, as a database in use has them: without them the planners pick poor
    # plans for the results' grouping (PostgreSQL's autovacuum would analyse the tables later).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "evaluator": evaluator,
        "regions": regions,
        "survey": survey,
        "indicators": indicators,
        "answers": answers,
        "seconds": time.perf_counter() - started,
    }


def main(argv=None) -> None:
    arguments = _argument_parser().parse_args(argv)
    setup_django("bench.settings")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from .ranking import _get, _time

    call_command("migrate", verbosity=0, interactive=False)
    for count in arguments.answers:
        made = generate(count, arguments.seed)
        survey, region = made["survey"], made["regions"][0]
        print(
            f"\n{connection.vendor}: {count:,} responses ({made['answers']:,} answer rows) in "
            f"6 regions, {made['indicators']} indicators "
            f"(generated in {made['seconds']:.1f} s)"
        )
        print(
            f"{'page':<40} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>8} {'queries':>8} {'KiB':>6}"
        )
        client = Client(SERVER_NAME="localhost", raise_request_exception=False)
        client.force_login(made["evaluator"])
        results = reverse("evaluation:survey_results", args=[survey.slug])
        for name, url, params in [
            ("IPTT, programme", reverse("evaluation:indicators"), {}),
            (
                "IPTT, programme, one region",
                reverse("evaluation:indicators"),
                {"region": region.slug},
            ),
            ("IPTT, region", reverse("evaluation:region_indicators", args=[region.slug]), {}),
            ("survey results", results, {}),
            ("survey results, by region", results, {"breakdown": "region"}),
            ("survey results, by disability", results, {"breakdown": "behinderung"}),
            (
                "survey results, one region by disability",
                results,
                {"region": region.slug, "breakdown": "behinderung"},
            ),
            (
                "region's results tab",
                reverse("evaluation:region_results", args=[region.slug, survey.slug]),
                {},
            ),
        ]:
            if any(word in name for word in arguments.skip):
                continue
            sizes, counts = [], []

            def request(url=url, params=params, sizes=sizes, counts=counts, client=client):
                size, queries = _get(client, url, params)
                sizes.append(size)
                counts.append(queries)

            try:
                median, p95, cpu = _time(request, arguments.repeat)
            except (Exception, SystemExit) as error:  # noqa: BLE001 - report, go on
                print(f"{name:<40} failed: {str(error).splitlines()[0][:80]}")
                continue
            queries = "/".join(str(number) for number in sorted(set(counts[1:])))
            kib = max(sizes) / 1024
            print(f"{name:<40} {median:>10.1f} {p95:>8.1f} {cpu:>8.1f} {queries:>8} {kib:>6.0f}")


if __name__ == "__main__":
    main()
