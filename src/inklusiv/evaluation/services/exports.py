"""A survey's answers as files for the scientists: one row per response as CSV, its codebook,
and the same data as an SPSS file with labels.

Anonymised on the way out: the rows come in a random order under a running number (neither the
primary key nor the order of answering), no date is exported, and groupsize.k_anonymise makes
every combination of region and breakdown answers shared by at least k rows — rarer ones are
recoded to the "suppressed" missing code, and rows still too rare are withheld (the codebook
counts them). A question behind skip logic would give a suppressed breakdown answer away
("not asked" means "answered no"), so in such a row its dependants are suppressed as well.
Free texts are exported (the evaluators read them), never shown on a results page.
"""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.groupsize import SUPPRESSED, k_anonymise
from inklusiv.core.permissions import require

from ..models import Answer, Question, Response, Survey

NOT_ANSWERED = -1
NOT_ASKED = -2
HIDDEN = -3
FORMATS = ("csv", "codebook", "sav")


def missing_labels() -> dict[int, str]:
    return {
        NOT_ANSWERED: _("not answered"),
        NOT_ASKED: _("not asked (skip logic)"),
        HIDDEN: _("suppressed (minimum group size)"),
    }


@dataclass
class Variable:
    name: str
    label: str
    kind: str  # "numeric" or "text"
    type_label: str
    value_labels: dict  # code → label (without the missing codes)
    question: Question | None = None
    choice: int | None = None  # multiple choice: the choice this 0/1 column stands for


@dataclass
class Dataset:
    variables: list
    rows: list  # dicts name → value, in export order
    withheld: int
    responses: int


def variables(survey: Survey, questions: list, regions: list) -> list[Variable]:
    out = [
        Variable("nr", _("Number of the response (random order)"), "numeric", _("number"), {}),
        Variable(
            "region",
            _("Pilot region"),
            "numeric",
            _("single choice"),
            {number: region.name for number, region in enumerate(regions, start=1)},
        ),
        Variable("welle", _("Year of the wave"), "numeric", _("number"), {}),
    ]
    for question in questions:
        choices = {c.value: c.label for c in question.choices.all()}
        if question.kind == Question.Kind.MULTIPLE:
            for value, label in choices.items():
                out.append(
                    Variable(
                        f"{question.code}_{value}",
                        f"{question.text} – {label}",
                        "numeric",
                        _("multiple choice (0/1)"),
                        {0: _("not chosen"), 1: _("chosen")},
                        question=question,
                        choice=value,
                    )
                )
        elif question.kind == Question.Kind.NUMBER:
            out.append(Variable(question.code, question.text, "numeric", _("number"), {}, question))
        elif question.kind == Question.Kind.TEXT:
            out.append(Variable(question.code, question.text, "text", _("free text"), {}, question))
        else:
            out.append(
                Variable(
                    question.code,
                    question.text,
                    "numeric",
                    question.get_kind_display(),
                    choices,
                    question,
                )
            )
    return out


def dataset(survey: Survey) -> Dataset:
    """The anonymised rows of the survey (a fixed number of queries)."""
    questions = list(
        Question.objects.filter(section__survey=survey)
        .select_related("show_if_question")
        .prefetch_related("choices")
    )
    regions = list(survey.regions.order_by("name"))
    region_codes = {region.pk: number for number, region in enumerate(regions, start=1)}
    variable_list = variables(survey, questions, regions)
    k = survey.min_group_size

    responses = list(Response.objects.filter(survey=survey).values_list("pk", "region_id"))
    if len(responses) < k:
        raise DomainError(
            _(
                "This survey has fewer than %(k)s responses in all. Its answers cannot be "
                "exported without revealing single people."
            )
            % {"k": k}
        )
    given: dict = {pk: {} for pk, _region in responses}
    for response_id, question_id, choice, number, text in Answer.objects.filter(
        response__survey=survey
    ).values_list("response_id", "question_id", "choice", "number", "text"):
        slot = given[response_id].setdefault(question_id, [])
        slot.append(choice if choice is not None else number if number is not None else text)

    def asked(question, answers):
        condition = question.show_if_question
        if condition is None:
            return True
        earlier = answers.get(condition.pk, [])
        return any(value in question.show_if_values for value in earlier)

    records = []
    for pk, region_id in responses:
        answers = given[pk]
        record = {"region": region_codes.get(region_id, NOT_ANSWERED), "welle": survey.wave}
        for variable in variable_list[3:]:
            question = variable.question
            values = answers.get(question.pk)
            if not asked(question, answers):
                value = NOT_ASKED
            elif not values:
                value = NOT_ANSWERED
            elif question.kind == Question.Kind.MULTIPLE:
                value = int(variable.choice in values)
            elif question.kind == Question.Kind.NUMBER:
                value = float(values[0])
            elif question.kind == Question.Kind.TEXT:
                value = values[0]
            else:
                value = values[0]
            record[variable.name] = value
        records.append(record)

    splits = [q for q in questions if q.is_breakdown and q.kind != Question.Kind.MULTIPLE]
    keys = ["region", *(q.code for q in splits)]
    kept, withheld = k_anonymise(records, keys, k)
    dependants = {
        q.code: [v for v in variable_list if v.question and v.question.show_if_question_id == q.pk]
        for q in splits
    }
    for record in kept:
        for name in keys:
            if record[name] is SUPPRESSED or record[name] == SUPPRESSED:
                record[name] = HIDDEN
                for variable in dependants.get(name, []):
                    record[variable.name] = HIDDEN
    # A random order under a running number: neither the key nor the order of answering.
    secrets.SystemRandom().shuffle(kept)
    for number, record in enumerate(kept, start=1):
        record["nr"] = number
    return Dataset(variables=variable_list, rows=kept, withheld=withheld, responses=len(responses))


def _audit(actor, survey, fmt, data: Dataset):
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=survey,
            action="evaluation_survey_exported",
            after={"format": fmt, "rows": len(data.rows), "withheld": data.withheld},
        )


def export(*, actor, survey: Survey, fmt: str) -> Dataset:
    """The anonymised data for one export, audited. DomainError below k responses."""
    require(actor, "evaluation.export_data", survey)
    if fmt not in FORMATS:
        raise DomainError(_("Unknown format."), field="format")
    data = dataset(survey)
    _audit(actor, survey, fmt, data)
    return data


def labels_text(labels: dict) -> str:
    return "; ".join(f"{code}={label}" for code, label in labels.items())


def csv_rows(data: Dataset):
    names = [v.name for v in data.variables]
    return names, ([row.get(name, NOT_ANSWERED) for name in names] for row in data.rows)


def codebook_rows(data: Dataset, survey: Survey):
    headers = [_("variable"), _("label"), _("type"), _("value labels"), _("missing codes")]
    # Led by a word: a cell starting with "-" would be defused as a formula by the CSV writer.
    missing = _("missing: %(codes)s") % {"codes": labels_text(missing_labels())}

    def rows():
        for variable in data.variables:
            yield [
                variable.name,
                variable.label,
                variable.type_label,
                labels_text(variable.value_labels),
                "" if variable.name == "nr" else missing,
            ]
        yield ["", "", "", "", ""]
        yield [
            "",
            _(
                "Minimum group size k = %(k)s: combinations of region and breakdown answers "
                "shared by fewer than k responses carry the code -3; %(withheld)s of "
                "%(responses)s responses were withheld because they would still form a group "
                "smaller than k."
            )
            % {"k": survey.min_group_size, "withheld": data.withheld, "responses": data.responses},
            _("note"),
            "",
            "",
        ]

    return headers, rows()


def sav_file(data: Dataset, survey: Survey):
    """A temporary file with the SPSS data, labels and missing codes (pyreadstat)."""
    import pandas
    import pyreadstat

    columns = {}
    for variable in data.variables:
        values = [row.get(variable.name, NOT_ANSWERED) for row in data.rows]
        if variable.kind == "text":
            columns[variable.name] = pandas.Series([str(v) for v in values], dtype="object")
        else:
            columns[variable.name] = pandas.Series(values, dtype="float64")
    frame = pandas.DataFrame(columns)
    missing = missing_labels()
    value_labels = {}
    missing_ranges = {}
    for variable in data.variables:
        if variable.kind == "text" or variable.name == "nr":
            continue
        labels = {float(code): str(label) for code, label in variable.value_labels.items()}
        labels.update({float(code): str(label) for code, label in missing.items()})
        value_labels[variable.name] = labels
        missing_ranges[variable.name] = [{"lo": float(HIDDEN), "hi": float(NOT_ANSWERED)}]
    handle = tempfile.NamedTemporaryFile(suffix=".sav")
    pyreadstat.write_sav(
        frame,
        handle.name,
        file_label=survey.title[:64],
        column_labels={v.name: v.label[:250] for v in data.variables},
        variable_value_labels=value_labels,
        missing_ranges=missing_ranges,
    )
    handle.seek(0)
    return handle
