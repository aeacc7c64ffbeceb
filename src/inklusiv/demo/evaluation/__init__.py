"""Chapter 10 of the demo, the scientific evaluation: Dr. Aylin Demir's impact models,
indicators, surveys and reports for the six pilot regions, from 2017 to today.

The story goes on where the pilot regions have their concepts (autumn 2017). In summer 2017 the
evaluator writes the programme's impact model (the PHINEO staircase from the inputs – funding,
process coaching, trainings – to "Inklusion wird im Sozialraum selbstverständlich") and, with
each region, a model linked to its concept's goals; the regions choose 8–12 indicators from a
shared pool, with baselines of mid-2017 and targets for the four half-years 2017-H2 to 2019-H1,
and their coordinators enter the values half-year by half-year (some by age group or with and
without disability). One value of Neuruppin is corrected by the evaluator with a comment.
Schneverdingen falls behind its targets (its coordination post stood empty), so the deviation
shows. A few programme indicators roll up the regions' figures.

The attitude survey "Einstellungen zur Inklusion" runs in autumn 2017 and, copied for the next
wave, in spring 2019 in all six regions (150–300 answers per region and wave, entered in bulk
as paper questionnaires and imports are); in 2017 only four of Nieder-Olm's answers come from
people with a disability, so that cell stays hidden. Three measures had a Level-1
questionnaire (the Sommercamp in Neuruppin, "30 Tage – 30 Barrieren" in Nieder-Olm, the sports
group in Schneverdingen, whose four answers are below the minimum group size). In September
2019 the interim reports of the programme and of Neuruppin are released; Erlangen's is still a
draft.

So that the evaluator has work today, a survey of the network partners is open (it closes in
nine days), with invitations unanswered for ten days, some answers per region and one person
who paused after the first page.

Choices, and why:
- Every write goes through the evaluation's services (impact, indicators, surveys,
  invitations, answering, reports), so the demo runs the same checks and audit entries as the
  pages; the answers go through answering.record_responses (one insert per table) so the
  chapter stays fast. What a service stamps with the current time (values entered, surveys
  opened and closed, invitations sent, reports released) is backdated afterwards with queryset
  updates, and audit entries with `_dated`, as the earlier chapters do.
- One seeded random generator per purpose, so loading gives the same figures every time.
- The chapter is idempotent as a whole: if the programme's impact model exists, nothing is
  added.
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from inklusiv.accounts.models import User
from inklusiv.evaluation import periods
from inklusiv.evaluation.models import (
    EvaluationReport,
    ImpactModel,
    Indicator,
    IndicatorValue,
    Invitation,
    PublicLink,
    Question,
    Survey,
)
from inklusiv.evaluation.models.impact import level_of
from inklusiv.evaluation.services import answering, impact, indicators, invitations, reports
from inklusiv.evaluation.services import surveys as survey_services
from inklusiv.pilots.models import FieldOfAction, Goal, Measure, PilotRegion

from ..call import berlin, berlin_on
from ..people import DEMO_PEOPLE
from ..pilot_phase import data as pilot_data
from ..selection import _dated
from . import data

EVALUATOR_EMAIL = DEMO_PEOPLE[5][1]
MODELS_WRITTEN = berlin(2017, 7, 12, 10, 0)
INDICATORS_AGREED = berlin(2017, 7, 20, 10, 0)


def _quantize(number: float, decimals: int) -> Decimal:
    return Decimal(str(number)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


class _Evaluation:
    def __init__(self, today: datetime.date):
        self.today = today
        self.evaluator = User.objects.get(email=EVALUATOR_EMAIL)
        self.regions = {region.name: region for region in PilotRegion.objects.order_by("pk")}
        missing = sorted(set(pilot_data.REGIONS) - set(self.regions))
        if missing:
            raise RuntimeError(f"The pilot regions {missing} are missing.")
        coordinators = {name: spec["coordinator"][1] for name, spec in pilot_data.REGIONS.items()}
        users = {u.email: u for u in User.objects.filter(email__in=coordinators.values())}
        self.coordinators = {name: users[email] for name, email in coordinators.items()}
        self.surveys: dict[str, Survey] = {}

    def tell(self) -> None:
        self._impact_models()
        self._indicators()
        self._attitude_survey()
        self._level1()
        self._reports()
        self._network_survey()

    # --- impact models ------------------------------------------------------------------------

    def _impact_models(self) -> None:
        spec = data.PROGRAMME_MODEL
        with _dated(MODELS_WRITTEN):
            model = impact.create_model(
                actor=self.evaluator,
                region=None,
                title=spec["title"],
                vision=spec["vision"],
                vision_easy=spec["vision_easy"],
            )
            for level, step, title, description in spec["elements"]:
                impact.add_element(
                    actor=self.evaluator,
                    model=model,
                    level=level,
                    step=step,
                    title=title,
                    description=description,
                )
        for number, (name, region) in enumerate(self.regions.items()):
            moment = MODELS_WRITTEN + datetime.timedelta(days=1 + number)
            with _dated(moment):
                self._region_model(name, region)
        ImpactModel.objects.update(updated_at=MODELS_WRITTEN + datetime.timedelta(days=7))

    def _region_model(self, name: str, region: PilotRegion) -> None:
        values = {"name": name}
        model = impact.create_model(
            actor=self.evaluator,
            region=region,
            title=f"Wirkungsmodell {name}",
            vision=data.REGION_IMPACT[1] % values,
        )
        for title, description in data.REGION_INPUTS:
            impact.add_element(
                actor=self.evaluator,
                model=model,
                level="input",
                title=title,
                description=description,
            )
        impact.add_element(
            actor=self.evaluator,
            model=model,
            level="output",
            step=1,
            title=data.REGION_NETWORK[0],
            description=data.REGION_NETWORK[1],
        )
        goals = Goal.objects.filter(field__region=region).select_related("field")
        for goal in goals.order_by("step", "field__order", "order", "pk"):
            if not goal.step:
                continue
            impact.add_element(
                actor=self.evaluator,
                model=model,
                level=level_of(goal.step),
                step=goal.step,
                title=goal.title,
                description=f"Ziel im Handlungsfeld „{goal.field.name}“",
                goals=[goal],
            )
        impact.add_element(
            actor=self.evaluator,
            model=model,
            level="impact",
            step=7,
            title=data.REGION_IMPACT[0] % values,
            description=data.REGION_IMPACT[1] % values,
        )

    # --- indicators ---------------------------------------------------------------------------

    def _indicators(self) -> None:
        programme = {}
        with _dated(INDICATORS_AGREED):
            for order, spec in enumerate(data.PROGRAMME_INDICATORS):
                fields = {k: v for k, v in spec.items() if k != "rolls_up"}
                programme[spec["rolls_up"]] = indicators.create_indicator(
                    actor=self.evaluator, region=None, data={**fields, "order": order}
                )
        planned: dict[str, list[tuple[Decimal, dict[str, Decimal]]]] = {}
        stamps: list[tuple[int, datetime.datetime]] = []
        for number, (name, region) in enumerate(self.regions.items()):
            rng = random.Random(f"evaluation-indicators-{name}")
            for code, baseline, targets in self._region_indicators(
                name, region, rng, programme, stamps, number
            ):
                planned.setdefault(code, []).append((baseline, targets))
        # The programme's baselines and targets follow from the regions'.
        with _dated(INDICATORS_AGREED + datetime.timedelta(days=10)):
            for code, indicator in programme.items():
                rows = planned.get(code) or []
                if not rows:
                    continue
                combine = _sum if indicator.aggregation == "sum" else _mean
                decimals = indicator.decimals
                baseline = combine([b for b, _t in rows], decimals)
                indicators.update_indicator(
                    actor=self.evaluator,
                    indicator=indicator,
                    data={"baseline": baseline, "baseline_date": data.BASELINE_DATE},
                )
                indicators.set_targets(
                    actor=self.evaluator,
                    indicator=indicator,
                    targets={
                        key: combine([t[key] for _b, t in rows], decimals) for key in data.PERIODS
                    },
                )
        for pk, moment in stamps:
            IndicatorValue.objects.filter(pk=pk).update(entered_at=moment)
        Indicator.objects.update(created_at=INDICATORS_AGREED)
        self._correction()

    def _choose(self, region: PilotRegion, rng: random.Random) -> list[dict]:
        areas = set(FieldOfAction.objects.filter(region=region).values_list("life_area", flat=True))
        chosen = [spec for spec in data.INDICATOR_POOL if spec.get("always")]
        fitting = [
            spec for spec in data.INDICATOR_POOL if not spec.get("always") and spec["area"] in areas
        ]
        others = [
            spec
            for spec in data.INDICATOR_POOL
            if not spec.get("always") and spec["area"] not in areas
        ]
        wanted = rng.randint(8, 12)
        chosen += fitting[: max(0, wanted - len(chosen))]
        while len(chosen) < 8 and others:
            chosen.append(others.pop(0))
        return chosen

    def _region_indicators(self, name, region, rng, programme, stamps, number):
        coordinator = self.coordinators[name]
        fields = {
            field.life_area: field
            for field in FieldOfAction.objects.filter(region=region).order_by("order", "pk")
        }
        goals = {}
        for goal in Goal.objects.filter(field__region=region).select_related("field"):
            goals.setdefault(goal.field.life_area, []).append(goal)
        pace = data.PACE[name]
        for order, spec in enumerate(self._choose(region, rng)):
            decimals = spec.get("decimals", 0)
            low, high = spec["baseline"]
            baseline = _quantize(rng.uniform(low, high), decimals)
            field = fields.get(spec["area"])
            values = {
                key: spec[key]
                for key in (
                    "code",
                    "name",
                    "definition",
                    "unit",
                    "direction",
                    "data_source",
                    "verification",
                    "step",
                )
            }
            values.update(
                decimals=decimals,
                minimum=spec.get("minimum", "0"),
                maximum=spec.get("maximum", "100" if spec["unit"] == "percent" else None),
                disaggregations=spec.get("disaggregations", []),
                baseline=baseline,
                baseline_date=data.BASELINE_DATE,
                field=field,
                goals=goals.get(spec["area"], [])[:2] if field else [],
                contributes_to=programme.get(spec["code"]),
                aggregation="sum",
                order=order,
            )
            moment = INDICATORS_AGREED + datetime.timedelta(days=number, hours=order)
            with _dated(moment):
                indicator = indicators.create_indicator(
                    actor=coordinator, region=region, data=values
                )
                targets = {}
                step = float(baseline) * spec["gain"]
                if spec["unit"] == "scale":
                    step = spec["gain"] * 3
                for index, key in enumerate(data.PERIODS, start=1):
                    targets[key] = _bounded(float(baseline) + step * index, spec, decimals)
                indicators.set_targets(actor=self.evaluator, indicator=indicator, targets=targets)
            for index, key in enumerate(data.PERIODS, start=1):
                noise = rng.uniform(0.8, 1.2)
                actual = float(baseline) + step * index * pace * noise
                total = _bounded(actual, spec, decimals)
                figures = {"": total}
                figures.update(self._categories(spec, total, decimals, rng))
                entered = berlin_on(
                    periods.end(key) + datetime.timedelta(days=rng.randint(12, 50)),
                    rng.randint(8, 17),
                    rng.randint(0, 59),
                )
                with _dated(entered):
                    stored = indicators.enter_values(
                        actor=coordinator,
                        indicator=indicator,
                        period=key,
                        values={k: str(v) for k, v in figures.items()},
                        source=spec["data_source"],
                        today=entered.date(),
                    )
                stamps.extend((row.pk, entered) for row in stored)
            yield spec["code"], baseline, targets

    def _categories(self, spec, total: Decimal, decimals: int, rng) -> dict[str, Decimal]:
        found = {}
        for dimension in spec.get("disaggregations", []):
            if dimension == "disability" and spec["unit"] == "scale":
                found["disability:with"] = _bounded(
                    float(total) - rng.uniform(0.3, 0.6), spec, decimals
                )
                found["disability:without"] = _bounded(
                    float(total) + rng.uniform(0.0, 0.1), spec, decimals
                )
            elif dimension == "disability":
                share = rng.uniform(0.2, 0.35)
                with_ = int(int(total) * share)
                found["disability:with"] = Decimal(with_)
                found["disability:without"] = Decimal(int(total) - with_)
            elif dimension == "age_group":
                young = int(int(total) * rng.uniform(0.3, 0.45))
                old = int(int(total) * rng.uniform(0.1, 0.2))
                found["age_group:under_18"] = Decimal(young)
                found["age_group:18_64"] = Decimal(int(total) - young - old)
                found["age_group:65_plus"] = Decimal(old)
        return found

    def _correction(self) -> None:
        spec = data.CORRECTION
        value = IndicatorValue.objects.select_related("indicator").get(
            indicator__region=self.regions[spec["region"]],
            indicator__code=spec["code"],
            period=spec["period"],
            category="",
            is_current=True,
        )
        moment = value.entered_at + datetime.timedelta(days=9)
        with _dated(moment):
            new = indicators.correct_value(
                actor=self.evaluator,
                value=value,
                new_value=str(value.value - spec["off_by"]),
                source=spec["source"],
                comment=spec["comment"],
            )
        IndicatorValue.objects.filter(pk=new.pk).update(entered_at=moment)

    # --- the attitude survey --------------------------------------------------------------------

    def _build(self, spec: dict, *, regions, kind="region", measure=None, wave=None, moment):
        """A survey with its sections and questions, as the builder's pages make it."""
        with _dated(moment):
            survey = survey_services.create_survey(
                actor=self.evaluator,
                data={
                    "title": spec["title"],
                    "title_easy": spec.get("title_easy", ""),
                    "kind": kind,
                    "series": spec.get("series", ""),
                    "wave": wave,
                    "intro": spec.get("intro", ""),
                    "intro_easy": spec.get("intro_easy", ""),
                    "regions": regions,
                    "measure": measure,
                    "anonymous": True,
                    "min_group_size": 5,
                    "opens_on": spec.get("opens_on"),
                    "closes_on": spec.get("closes_on"),
                },
            )
            questions: dict[str, Question] = {}
            for section_spec in spec["sections"]:
                section = survey_services.add_section(
                    actor=self.evaluator,
                    survey=survey,
                    title=section_spec["title"],
                    title_easy=section_spec.get("title_easy", ""),
                )
                for question_spec in section_spec["questions"]:
                    values = {
                        key: value
                        for key, value in question_spec.items()
                        if key not in ("choices", "show_if")
                    }
                    if "show_if" in question_spec:
                        code, wanted = question_spec["show_if"]
                        values.update(show_if_question=questions[code], show_if_values=wanted)
                    questions[question_spec["code"]] = survey_services.add_question(
                        actor=self.evaluator,
                        section=section,
                        data=values,
                        choices=question_spec.get("choices"),
                    )
        Survey.objects.filter(pk=survey.pk).update(created_at=moment)
        return survey

    def _open(self, survey: Survey, moment) -> Survey:
        with _dated(moment):
            survey = survey_services.transition(actor=self.evaluator, survey=survey, to="open")
        Survey.objects.filter(pk=survey.pk).update(opened_at=moment)
        return survey

    def _close(self, survey: Survey, moment) -> Survey:
        with _dated(moment):
            survey = survey_services.transition(actor=self.evaluator, survey=survey, to="close")
        Survey.objects.filter(pk=survey.pk).update(closed_at=moment)
        return survey

    def _record(self, survey: Survey, region, rows: list[dict], first, last, rng) -> None:
        """The rows in a few batches over the survey's weeks, as the questionnaires came in."""
        batches = 4 if len(rows) > 40 else 1
        size = -(-len(rows) // batches)
        span = (last - first).days
        for index in range(batches):
            chunk = rows[index * size : (index + 1) * size]
            if not chunk:
                continue
            day = first + datetime.timedelta(days=span * (index + 1) // batches)
            with _dated(berlin_on(day, 16, rng.randint(0, 59))):
                answering.record_responses(
                    actor=self.evaluator, survey=survey, region=region, rows=chunk, submitted_on=day
                )

    def _attitude_survey(self) -> None:
        spec = data.ATTITUDE
        regions = list(self.regions.values())
        first = self._build(
            spec,
            regions=regions,
            wave=spec["wave"],
            moment=berlin_on(spec["opens_on"] - datetime.timedelta(days=21), 10),
        )
        self._wave(first, spec, 2017)
        wave = data.WAVE_2019
        moment = berlin_on(wave["opens_on"] - datetime.timedelta(days=20), 10)
        with _dated(moment):
            second = survey_services.copy_survey(
                actor=self.evaluator, survey=first, title=wave["title"], wave=wave["wave"]
            )
            second = survey_services.update_survey(
                actor=self.evaluator,
                survey=second,
                data={
                    "title_easy": wave["title_easy"],
                    "opens_on": wave["opens_on"],
                    "closes_on": wave["closes_on"],
                },
            )
        Survey.objects.filter(pk=second.pk).update(created_at=moment)
        self._wave(second, wave, 2019)
        self.surveys[first.title] = first
        self.surveys[second.title] = second

    def _wave(self, survey: Survey, spec: dict, year: int) -> None:
        self._open(survey, berlin_on(spec["opens_on"], 9))
        rng = random.Random(f"evaluation-attitudes-{year}")
        for name, region in self.regions.items():
            lean, disabled_share = data.REGION_MOOD[name]
            count = rng.randint(150, 300)
            if year == 2019:
                lean += data.IMPROVEMENT_2019
            small = data.SMALL_CELL
            if year == small["wave"] and name == small["region"]:
                with_disability = small["with_disability"]
            else:
                with_disability = max(8, round(count * rng.uniform(0.8, 1.2) * disabled_share))
            flags = [True] * with_disability + [False] * (count - with_disability)
            rng.shuffle(flags)
            rows = [_attitude_row(rng, lean, disabled) for disabled in flags]
            self._record(survey, region, rows, spec["opens_on"], spec["closes_on"], rng)
        self._close(survey, berlin_on(spec["closes_on"] + datetime.timedelta(days=1), 9))

    # --- Level-1 questionnaires -----------------------------------------------------------------

    def _level1(self) -> None:
        for spec in data.LEVEL1:
            region = self.regions[spec["region"]]
            measure = Measure.objects.get(goal__field__region=region, title=spec["measure"])
            survey = self._build(
                {**spec, "sections": data.LEVEL1_QUESTIONS},
                regions=[region],
                kind="measure",
                measure=measure,
                wave=spec["opens_on"].year,
                moment=berlin_on(spec["opens_on"] - datetime.timedelta(days=10), 10),
            )
            self._open(survey, berlin_on(spec["opens_on"], 9))
            rng = random.Random(f"evaluation-level1-{spec['measure']}")
            rows = []
            for _index in range(spec["answers"]):
                disabled = rng.random() < 0.35
                row = {
                    "gefallen": _likert(rng, spec["mood"]),
                    "mitmachen": _likert(rng, spec["mood"] - (0.4 if disabled else 0)),
                    "kontakte": _likert(rng, spec["mood"] - 0.3),
                    "wieder": rng.choices([1, 2, 3], weights=[7, 2, 1])[0],
                    "behinderung": 1 if disabled else 2,
                }
                if rng.random() < 0.3:
                    row["besser"] = rng.choice(data.LEVEL1_IDEAS)
                rows.append(row)
            self._record(survey, region, rows, spec["opens_on"], spec["closes_on"], rng)
            self._close(survey, berlin_on(spec["closes_on"] + datetime.timedelta(days=1), 9))
            self.surveys[survey.title] = survey

    # --- reports ----------------------------------------------------------------------------

    def _reports(self) -> None:
        for spec in data.REPORTS:
            region = self.regions[spec["region"]] if spec["region"] else None
            written = spec["released"] or datetime.date(2019, 10, 7)
            moment = berlin_on(written - datetime.timedelta(days=14), 11)
            with _dated(moment):
                report = reports.create_report(
                    actor=self.evaluator,
                    region=region,
                    data={
                        "title": spec["title"],
                        "first_period": spec["first_period"],
                        "last_period": spec["last_period"],
                        "summary": spec["summary"],
                        "summary_easy": spec["summary_easy"],
                        "surveys": list(
                            Survey.objects.filter(
                                pk__in=[self.surveys[title].pk for title in spec["surveys"]]
                            )
                        ),
                    },
                )
            EvaluationReport.objects.filter(pk=report.pk).update(created_at=moment)
            if spec["released"]:
                released = berlin_on(spec["released"], 10)
                with _dated(released):
                    reports.release(actor=self.evaluator, report=report)
                EvaluationReport.objects.filter(pk=report.pk).update(released_at=released)

    # --- the survey running today ---------------------------------------------------------------

    def _network_survey(self) -> None:
        spec = data.NETWORK_SURVEY
        opened = self.today - datetime.timedelta(days=spec["opened_days_ago"])
        values = {"year": self.today.year}
        survey = self._build(
            {
                **spec,
                "title": spec["title"] % values,
                "title_easy": spec["title_easy"] % values,
                "opens_on": opened,
                "closes_on": self.today + datetime.timedelta(days=spec["closes_in_days"]),
            },
            regions=list(self.regions.values()),
            wave=self.today.year,
            moment=berlin_on(opened - datetime.timedelta(days=7), 10),
        )
        survey = self._open(survey, berlin_on(opened, 9))
        rng = random.Random("evaluation-network")
        for name, count in spec["responses"].items():
            rows = [
                {
                    "sektor": rng.choice([1, 1, 2, 2, 2, 3, 4]),
                    "nutzen": _likert(rng, 3.9),
                    "weiter": _likert(rng, 3.4),
                }
                for _index in range(count)
            ]
            last = min(self.today - datetime.timedelta(days=1), opened + datetime.timedelta(days=8))
            self._record(survey, self.regions[name], rows, opened, last, rng)
        invited = timezone.now() - datetime.timedelta(days=spec["invited_days_ago"])
        with _dated(invited):
            for name, emails in spec["invitations"].items():
                invitations.invite(
                    actor=self.evaluator, survey=survey, region=self.regions[name], emails=emails
                )
        Invitation.objects.filter(survey=survey).update(sent_at=invited)
        link = PublicLink.objects.get(survey=survey, region=self.regions[spec["draft_region"]])
        draft, _resume = answering.start(token=link.token)
        answering.save_section(draft=draft, data={"sektor": "2"}, move=1)


def _sum(numbers: list[Decimal], decimals: int) -> Decimal:
    return _quantize(float(sum(numbers)), decimals)


def _mean(numbers: list[Decimal], decimals: int) -> Decimal:
    return _quantize(float(sum(numbers)) / len(numbers), decimals)


def _bounded(number: float, spec: dict, decimals: int) -> Decimal:
    low = float(spec.get("minimum", 0))
    high = float(spec.get("maximum", 100 if spec["unit"] == "percent" else 10**9))
    return _quantize(min(high, max(low, number)), decimals)


def _likert(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(rng.gauss(mean, 0.95))))


def _attitude_row(rng: random.Random, lean: float, disabled: bool) -> dict:
    row: dict = {"behinderung": 1 if disabled else 2}
    if rng.random() < 0.95:
        row["altersgruppe"] = rng.choices([1, 2, 3, 4], weights=[6, 30, 40, 24])[0]
    for code, mean in data.ITEM_MEANS.items():
        shift = lean
        if disabled and code in ("schule2", "wohnen1", "teilhabe"):
            # People who meet the barriers rate access lower.
            shift -= 0.6
        if code != "teilhabe" and rng.random() < 0.04:
            continue  # left out (not required)
        row[code] = _likert(rng, mean + shift)
    places = [value for value in (1, 2, 3, 4, 5) if rng.random() < 0.3 + (0.2 if disabled else 0)]
    if places:
        row["orte"] = places
    if disabled and rng.random() < 0.9:
        row["barriere"] = rng.choices([1, 2, 3, 4], weights=[4, 3, 2, 3])[0]
    if rng.random() < 0.12:
        row["ideen"] = rng.choice(data.IDEAS)
    return row


def load(today: datetime.date | None = None) -> list[tuple[str, str, bool]]:
    """Tell the evaluation from 2017 to today, unless the programme's impact model exists
    (idempotent). The evaluator's login is printed by the people chapter."""
    if ImpactModel.objects.filter(region__isnull=True).exists():
        return []
    today = today or timezone.localdate()
    with transaction.atomic():
        _Evaluation(today).tell()
    return []
