"""The survey builder's writes: surveys, their sections and questions (with answer options,
skip logic and sign-language videos), the survey's status and the copy for the next wave.

The structure (sections, questions, options) may change only while a survey is a draft: once
it is open, answers rest on it, and a changed question would mix answers to two questions.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusiv.core import audit, slugs
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require
from inklusiv.pilots.models import PilotRegion

from ..models import Choice, Draft, PublicLink, Question, Section, Survey
from ..models.surveys import variable_name
from ..tokens import new_token

PERM = "evaluation.manage_surveys"
Status = Survey.Status
Kind = Question.Kind

# Which status may follow which: the table a funder can read. Closing is undone by reopening
# (a late wave of answers); a survey never goes back to draft, as answers rest on it.
TRANSITIONS = {
    (Status.DRAFT, Status.OPEN),
    (Status.OPEN, Status.CLOSED),
    (Status.CLOSED, Status.OPEN),
}
# The URL speaks of actions ("open", "close"), the table of states.
TARGETS = {"open": Status.OPEN, "close": Status.CLOSED, "closed": Status.CLOSED}

CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.LIKERT)
# Surveys are written in German for German respondents: the standard scale is content, not UI.
LIKERT_POINTS = [
    (1, "stimme gar nicht zu", "Das stimmt gar nicht."),
    (2, "stimme eher nicht zu", "Das stimmt eher nicht."),
    (3, "teils, teils", "Das stimmt zum Teil."),
    (4, "stimme eher zu", "Das stimmt eher."),
    (5, "stimme voll zu", "Das stimmt genau."),
]
# Words SPSS keeps for itself: a variable may not be called so.
SPSS_RESERVED = {"all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"}
# Survey addresses that would clash with the builder's own paths.
RESERVED_SLUGS = {"neu", "abschnitte", "fragen"}

VIDEO_TYPES = {"video/mp4": {"mp4", "m4v"}, "video/webm": {"webm"}}
VIDEO_MAX_BYTES = 200 * 1024 * 1024

SURVEY_FIELDS = (
    "title",
    "title_easy",
    "kind",
    "series",
    "wave",
    "intro",
    "intro_easy",
    "measure",
    "anonymous",
    "min_group_size",
    "opens_on",
    "closes_on",
)
# Fields that decide how answers are stored and who is asked: fixed once the survey is open.
FROZEN_SURVEY_FIELDS = ("kind", "measure", "anonymous")
SECTION_FIELDS = ("title", "title_easy", "intro", "intro_easy")
QUESTION_FIELDS = (
    "code",
    "kind",
    "text",
    "text_easy",
    "help_text",
    "help_text_easy",
    "required",
    "number_min",
    "number_max",
    "number_decimals",
    "is_breakdown",
    "show_if_question",
    "show_if_values",
)


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _json(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def _snapshot(obj, fields) -> dict:
    return {name: _json(getattr(obj, name)) for name in fields}


def _diff(before: dict, after: dict) -> tuple[dict, dict]:
    changed = [name for name in after if before.get(name) != after[name]]
    return {n: before.get(n) for n in changed}, {n: after[n] for n in changed}


def slug_for(title: str, *, exclude_pk=None) -> str:
    """A web address from the title, numbered when taken or reserved."""
    return slugs.unique_slug(
        Survey, title, fallback="umfrage", exclude_pk=exclude_pk, reserved=RESERVED_SLUGS
    )


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _require_draft(survey: Survey) -> None:
    if survey.status != Status.DRAFT:
        raise DomainError(
            _(
                "The survey is open or closed, so its sections and questions can no longer be "
                "changed: answers rest on them. Copy the survey for a new wave to change them."
            )
        )


# --- surveys -------------------------------------------------------------------------------


def _check_survey(values: dict, regions) -> None:
    if not values.get("title"):
        raise DomainError(_("Please give the survey a title."), field="title")
    if values.get("kind") not in Survey.Kind.values:
        raise DomainError(_("Please choose the kind of survey."), field="kind")
    k = values.get("min_group_size")
    if k is None or not 3 <= int(k) <= 100:
        raise DomainError(
            _("The minimum group size must be between 3 and 100."), field="min_group_size"
        )
    opens, closes = values.get("opens_on"), values.get("closes_on")
    if opens and closes and closes < opens:
        raise DomainError(_("The survey must close after it opens."), field="closes_on")
    if regions is not None and not regions:
        raise DomainError(_("Please choose at least one pilot region."), field="regions")
    measure = values.get("measure")
    if measure is not None and regions is not None:
        if measure.goal.field.region_id not in {region.pk for region in regions}:
            raise DomainError(
                _("The measure must belong to one of the survey's regions."), field="measure"
            )


def _regions(data) -> list | None:
    if "regions" not in data:
        return None
    return list(PilotRegion.objects.filter(pk__in=[getattr(r, "pk", r) for r in data["regions"]]))


def create_survey(*, actor, data: dict) -> Survey:
    """A new survey as a draft, with an address made from its title."""
    require(actor, PERM)
    values = {name: _clean(data[name]) for name in SURVEY_FIELDS if name in data}
    values.setdefault("kind", Survey.Kind.REGION)
    values.setdefault("min_group_size", Survey._meta.get_field("min_group_size").get_default())
    values.setdefault("anonymous", True)
    regions = _regions(data) or []
    _check_survey(values, regions)
    with transaction.atomic():
        survey = Survey(created_by=actor, slug=slug_for(values["title"]), **values)
        _full_clean(survey, exclude=["created_by", "regions"])
        survey.save()
        survey.regions.set(regions)
        audit.record(
            actor=actor,
            obj=survey,
            action="evaluation_survey_created",
            after={
                **_snapshot(survey, SURVEY_FIELDS),
                "regions": sorted(region.pk for region in regions),
            },
        )
    return survey


def _full_clean(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from None


def update_survey(*, actor, survey: Survey, data: dict) -> Survey:
    """Change a survey's settings; who is asked and how answers are kept stay fixed once open."""
    require(actor, PERM, survey)
    with transaction.atomic():
        locked = _locked(survey)
        before = _snapshot(locked, SURVEY_FIELDS)
        old_regions = sorted(locked.regions.values_list("pk", flat=True))
        values = {name: _clean(data[name]) for name in SURVEY_FIELDS if name in data}
        regions = _regions(data)
        if locked.status != Status.DRAFT:
            frozen = [
                name
                for name in FROZEN_SURVEY_FIELDS
                if name in values and _json(values[name]) != before[name]
            ]
            if regions is not None and sorted(r.pk for r in regions) != old_regions:
                frozen.append("regions")
            if frozen:
                raise DomainError(
                    _(
                        "Once a survey is open, its kind, measure, regions and anonymity "
                        "can no longer be changed."
                    ),
                    field=frozen[0],
                )
            if "min_group_size" in values and int(values["min_group_size"]) < int(
                before["min_group_size"]
            ):
                # Smaller groups would show figures that were hidden before.
                raise DomainError(
                    _("Once a survey is open, its minimum group size can only be raised."),
                    field="min_group_size",
                )
        for name, value in values.items():
            setattr(locked, name, value)
        check_regions = regions if regions is not None else list(locked.regions.all())
        _check_survey(_snapshot_values(locked), check_regions)
        _full_clean(locked, exclude=["created_by", "regions", "slug"])
        old, new = _diff(before, _snapshot(locked, SURVEY_FIELDS))
        if old or new:
            locked.save(update_fields=list(new))
        if regions is not None and sorted(r.pk for r in regions) != old_regions:
            locked.regions.set(regions)
            old["regions"], new["regions"] = old_regions, sorted(r.pk for r in regions)
        if new:
            audit.record(
                actor=actor, obj=locked, action="evaluation_survey_updated", before=old, after=new
            )
    return locked


def _snapshot_values(survey: Survey) -> dict:
    return {name: getattr(survey, name) for name in SURVEY_FIELDS}


def transition(*, actor, survey: Survey, to: str) -> Survey:
    """Open, close or reopen a survey along the transition table."""
    require(actor, PERM, survey)
    target = TARGETS.get(to, to)
    with transaction.atomic():
        locked = _locked(survey)
        current = locked.status
        if (current, target) not in TRANSITIONS:
            raise DomainError(
                _("A survey that is “%(current)s” cannot become “%(target)s”.")
                % {
                    "current": Status(current).label,
                    "target": Status(target).label if target in Status.values else target,
                }
            )
        regions = list(locked.regions.all())
        fields = ["status"]
        if target == Status.OPEN:
            if not Question.objects.filter(section__survey=locked).exists():
                raise DomainError(_("A survey needs at least one question before it opens."))
            if not regions:
                raise DomainError(_("A survey needs at least one pilot region before it opens."))
            has_link = set(
                PublicLink.objects.filter(survey=locked).values_list("region_id", flat=True)
            )
            PublicLink.objects.bulk_create(
                [
                    PublicLink(survey=locked, region=region, token=new_token())
                    for region in regions
                    if region.pk not in has_link
                ]
            )
            locked.opened_at = timezone.now()
            fields.append("opened_at")
        else:
            # Unfinished answers would wait for a survey that no longer takes them.
            Draft.objects.filter(survey=locked).delete()
            locked.closed_at = timezone.now()
            fields.append("closed_at")
        locked.status = target
        locked.save(update_fields=fields)
        action = {
            (Status.DRAFT, Status.OPEN): "evaluation_survey_opened",
            (Status.OPEN, Status.CLOSED): "evaluation_survey_closed",
            (Status.CLOSED, Status.OPEN): "evaluation_survey_reopened",
        }[(current, target)]
        audit.record(
            actor=actor,
            obj=locked,
            action=action,
            before={"status": current},
            after={"status": target},
        )
    return locked


def copy_survey(*, actor, survey: Survey, title: str, wave=None) -> Survey:
    """A draft for the next wave: the same settings, regions, sections, questions, options and
    skip logic (pointing at the copied questions); no links, invitations or answers."""
    require(actor, PERM, survey)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Please give the new survey a title."), field="title")
    with transaction.atomic():
        copy = Survey(
            title=title,
            slug=slug_for(title),
            wave=wave,
            created_by=actor,
            status=Status.DRAFT,
            **{
                name: getattr(survey, name)
                for name in SURVEY_FIELDS
                if name not in ("title", "wave", "opens_on", "closes_on")
            },
        )
        _full_clean(copy, exclude=["created_by", "regions"])
        copy.save()
        copy.regions.set(survey.regions.all())
        questions = list(
            Question.objects.filter(section__survey=survey)
            .select_related("section")
            .prefetch_related("choices")
        )
        new_sections = {}
        for section in Section.objects.filter(survey=survey):
            new_sections[section.pk] = Section.objects.create(
                survey=copy, order=section.order, **{n: getattr(section, n) for n in SECTION_FIELDS}
            )
        new_questions = {}
        for question in questions:
            values = {
                name: getattr(question, name)
                for name in QUESTION_FIELDS
                if name not in ("show_if_question",)
            }
            new_questions[question.pk] = Question.objects.create(
                section=new_sections[question.section_id],
                order=question.order,
                sign_video=question.sign_video.name,
                **values,
            )
        Choice.objects.bulk_create(
            [
                Choice(
                    question=new_questions[question.pk],
                    value=choice.value,
                    label=choice.label,
                    label_easy=choice.label_easy,
                    order=choice.order,
                )
                for question in questions
                for choice in question.choices.all()
            ]
        )
        for question in questions:
            if question.show_if_question_id in new_questions:
                dependant = new_questions[question.pk]
                dependant.show_if_question = new_questions[question.show_if_question_id]
                dependant.save(update_fields=["show_if_question"])
        audit.record(
            actor=actor,
            obj=copy,
            action="evaluation_survey_copied",
            after={"copy_of": survey.pk, "title": copy.title, "wave": copy.wave},
        )
    return copy


# --- sections ------------------------------------------------------------------------------


def _check_section(values: dict) -> None:
    if not values.get("title"):
        raise DomainError(_("Please give the section a title."), field="title")


def add_section(
    *, actor, survey: Survey, title: str, title_easy="", intro="", intro_easy=""
) -> Section:
    require(actor, PERM, survey)
    values = {
        "title": _clean(title),
        "title_easy": _clean(title_easy),
        "intro": _clean(intro),
        "intro_easy": _clean(intro_easy),
    }
    _check_section(values)
    with transaction.atomic():
        locked = _locked(survey)
        _require_draft(locked)
        last = Section.objects.filter(survey=locked).aggregate(last=Max("order"))["last"]
        section = Section(survey=locked, order=0 if last is None else last + 1, **values)
        _full_clean(section)
        section.save()
        audit.record(
            actor=actor,
            obj=section,
            action="evaluation_section_created",
            after={**_snapshot(section, SECTION_FIELDS), "survey": locked.pk},
        )
    return section


def update_section(*, actor, section: Section, data: dict) -> Section:
    require(actor, PERM, section.survey)
    with transaction.atomic():
        _require_draft(_locked(section.survey))
        locked = Section.objects.select_for_update().get(pk=section.pk)
        before = _snapshot(locked, SECTION_FIELDS)
        for name in SECTION_FIELDS:
            if name in data:
                setattr(locked, name, _clean(data[name]))
        _check_section(_snapshot(locked, SECTION_FIELDS))
        _full_clean(locked)
        old, new = _diff(before, _snapshot(locked, SECTION_FIELDS))
        if new:
            locked.save(update_fields=list(new))
            audit.record(
                actor=actor, obj=locked, action="evaluation_section_updated", before=old, after=new
            )
    return locked


def remove_section(*, actor, section: Section) -> None:
    """Remove a section with its questions, unless a later question depends on one of them."""
    require(actor, PERM, section.survey)
    with transaction.atomic():
        survey = _locked(section.survey)
        _require_draft(survey)
        outside = Question.objects.filter(show_if_question__section=section).exclude(
            section=section
        )
        if outside.exists():
            raise DomainError(
                _(
                    "Questions of other sections are shown depending on an answer in this "
                    "section. Please change their condition first: %(codes)s."
                )
                % {"codes": ", ".join(outside.values_list("code", flat=True))}
            )
        audit.record(
            actor=actor,
            obj=survey,
            action="evaluation_section_removed",
            before={
                **_snapshot(section, SECTION_FIELDS),
                "questions": list(section.questions.values_list("code", flat=True)),
            },
        )
        section.delete()


# --- questions -----------------------------------------------------------------------------


def _check_video(upload) -> None:
    """Only a video in MP4 or WebM, judged by its content, and at most 200 MB."""
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    if upload.size > VIDEO_MAX_BYTES:
        raise DomainError(
            _("The video %(name)s is %(size)s; videos may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(VIDEO_MAX_BYTES),
            },
            field="sign_video",
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind is None or kind.mime not in VIDEO_TYPES or ending not in VIDEO_TYPES[kind.mime]:
        raise DomainError(
            _("The file %(name)s is not a video in MP4 or WebM format.") % {"name": name},
            field="sign_video",
        )


def _choice_rows(choices) -> list[tuple[int, str, str]]:
    rows = []
    for row in choices or []:
        value, label, *rest = row
        rows.append((value, (label or "").strip(), ((rest[0] if rest else "") or "").strip()))
    return rows


def _check_question(values: dict, choices, *, section: Section, question=None) -> None:
    code = values.get("code") or ""
    try:
        variable_name(code)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="code") from None
    if code.lower() in SPSS_RESERVED:
        raise DomainError(
            _("“%(code)s” is a word SPSS reserves; please choose another variable name.")
            % {"code": code},
            field="code",
        )
    same = Question.objects.filter(section__survey_id=section.survey_id, code__iexact=code)
    if question is not None:
        same = same.exclude(pk=question.pk)
    if same.exists():
        raise DomainError(
            _("The variable name “%(code)s” is used by another question of this survey.")
            % {"code": code},
            field="code",
        )
    if values.get("kind") not in Kind.values:
        raise DomainError(_("Please choose the kind of question."), field="kind")
    if not values.get("text"):
        raise DomainError(_("Please write the question."), field="text")
    kind = values["kind"]
    if kind in CHOICE_KINDS:
        if len(choices) < 2:
            raise DomainError(
                _("A choice question needs at least two answer options."), field="choices"
            )
        codes = [value for value, _label, _easy in choices]
        if len(set(codes)) != len(codes):
            raise DomainError(_("Each answer option needs its own code."), field="choices")
        if any(value is None or int(value) < 0 for value in codes):
            raise DomainError(
                _("The codes of the answer options must be whole numbers from 0."),
                field="choices",
            )
        if any(not label for _value, label, _easy in choices):
            raise DomainError(_("Each answer option needs a label."), field="choices")
    elif choices:
        raise DomainError(
            _("Only choice questions and Likert scales have answer options."), field="choices"
        )
    low, high = values.get("number_min"), values.get("number_max")
    if kind == Kind.NUMBER and low is not None and high is not None and low > high:
        raise DomainError(
            _("The smallest number must not be larger than the largest."), field="number_max"
        )
    if values.get("is_breakdown") and kind not in (Kind.SINGLE, Kind.LIKERT):
        raise DomainError(
            _("Only a single choice or a Likert scale can be used for breakdowns."),
            field="is_breakdown",
        )
    _check_skip_logic(values, section=section, question=question)


def _check_skip_logic(values: dict, *, section: Section, question=None) -> None:
    condition = values.get("show_if_question")
    wanted = values.get("show_if_values") or []
    if condition is None:
        if wanted:
            raise DomainError(
                _("Please choose the question whose answer decides."), field="show_if_question"
            )
        return
    if not isinstance(condition, Question):
        condition = Question.objects.filter(pk=condition).select_related("section").first()
    sections = list(
        Section.objects.filter(survey_id=section.survey_id).values_list("pk", flat=True)
    )
    if (
        condition is None
        or condition.section.survey_id != section.survey_id
        or sections.index(condition.section_id) >= sections.index(section.pk)
    ):
        raise DomainError(
            _(
                "A question can only depend on a question of an earlier section (the answers "
                "of a page are known only once it is sent)."
            ),
            field="show_if_question",
        )
    if condition.kind not in CHOICE_KINDS:
        raise DomainError(
            _("A question can only depend on a choice question or a Likert scale."),
            field="show_if_question",
        )
    if not wanted:
        raise DomainError(
            _("Please choose the answers after which the question is shown."),
            field="show_if_values",
        )
    codes = set(condition.choices.values_list("value", flat=True))
    if any(int(value) not in codes for value in wanted):
        raise DomainError(
            _("Please choose among the answer options of “%(code)s”.") % {"code": condition.code},
            field="show_if_values",
        )


def _question_values(data: dict) -> dict:
    values = {name: _clean(data[name]) for name in QUESTION_FIELDS if name in data}
    if "show_if_values" in values:
        values["show_if_values"] = sorted({int(v) for v in values["show_if_values"] or []})
    if values.get("show_if_question") is not None and not isinstance(
        values["show_if_question"], Question
    ):
        values["show_if_question"] = Question.objects.filter(pk=values["show_if_question"]).first()
    if values.get("kind") != Kind.NUMBER:
        values.update(number_min=None, number_max=None, number_decimals=False)
    return values


def _question_snapshot(question: Question, choices=None) -> dict:
    values = _snapshot(question, (*QUESTION_FIELDS, "sign_video"))
    if choices is None:
        choices = question.choices.all()
        values["choices"] = [[c.value, c.label, c.label_easy] for c in choices]
    else:
        values["choices"] = [list(row) for row in choices]
    return values


def add_question(
    *, actor, section: Section, data: dict, choices: list[tuple[int, str, str]] | None = None
) -> Question:
    """A question at the end of the section; a Likert scale without options gets the five
    standard points."""
    require(actor, PERM, section.survey)
    values = _question_values(data)
    rows = _choice_rows(choices)
    if values.get("kind") == Kind.LIKERT and not rows:
        rows = list(LIKERT_POINTS)
    video = data.get("sign_video")
    with transaction.atomic():
        _require_draft(_locked(section.survey))
        _check_question(values, rows, section=section)
        if video:
            _check_video(video)
        last = Question.objects.filter(section=section).aggregate(last=Max("order"))["last"]
        question = Question(section=section, order=0 if last is None else last + 1, **values)
        if video:
            question.sign_video = video
        _full_clean(question)
        question.save()
        _save_choices(question, rows)
        audit.record(
            actor=actor,
            obj=question,
            action="evaluation_question_created",
            after={**_question_snapshot(question, rows), "section": section.pk},
        )
    return question


def _save_choices(question: Question, rows) -> None:
    Choice.objects.filter(question=question).delete()
    Choice.objects.bulk_create(
        [
            Choice(question=question, value=int(value), label=label, label_easy=easy, order=number)
            for number, (value, label, easy) in enumerate(rows)
        ]
    )


def update_question(
    *, actor, question: Question, data: dict, choices: list[tuple[int, str, str]] | None = None
) -> Question:
    """Change a question of a draft; `choices` None keeps its options. data["sign_video"]:
    a new upload replaces the video, False removes it."""
    require(actor, PERM, question.section.survey)
    with transaction.atomic():
        _require_draft(_locked(question.section.survey))
        locked = Question.objects.select_for_update().select_related("section").get(pk=question.pk)
        before = _question_snapshot(locked)
        values = {
            **{name: getattr(locked, name) for name in QUESTION_FIELDS},
            **_question_values({**{"kind": locked.kind}, **data}),
        }
        rows = (
            _choice_rows(choices)
            if choices is not None
            else [tuple(row) for row in before["choices"]]
        )
        if values["kind"] == Kind.LIKERT and not rows:
            rows = list(LIKERT_POINTS)
        if values["kind"] not in CHOICE_KINDS:
            rows = []
        _check_question(values, rows, section=locked.section, question=locked)
        codes = {int(row[0]) for row in rows}
        for dependant in Question.objects.filter(show_if_question=locked):
            if not set(dependant.show_if_values) <= codes:
                raise DomainError(
                    _(
                        "The question “%(code)s” is shown depending on answer options this "
                        "change would remove. Please change its condition first."
                    )
                    % {"code": dependant.code},
                    field="choices",
                )
        video = data.get("sign_video")
        if video:
            _check_video(video)
        for name, value in values.items():
            setattr(locked, name, value)
        if video:
            locked.sign_video = video
        elif video is False:
            locked.sign_video = ""
        _full_clean(locked)
        locked.save()
        if [list(row) for row in rows] != before["choices"]:
            _save_choices(locked, rows)
        old, new = _diff(before, _question_snapshot(locked, rows))
        if new:
            audit.record(
                actor=actor, obj=locked, action="evaluation_question_updated", before=old, after=new
            )
    return locked


def remove_question(*, actor, question: Question) -> None:
    require(actor, PERM, question.section.survey)
    with transaction.atomic():
        survey = _locked(question.section.survey)
        _require_draft(survey)
        dependants = list(
            Question.objects.filter(show_if_question=question).values_list("code", flat=True)
        )
        if dependants:
            raise DomainError(
                _(
                    "Other questions are shown depending on this one's answer. Please change "
                    "their condition first: %(codes)s."
                )
                % {"codes": ", ".join(dependants)}
            )
        audit.record(
            actor=actor,
            obj=survey,
            action="evaluation_question_removed",
            before=_question_snapshot(question),
        )
        question.delete()
