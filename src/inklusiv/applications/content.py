"""The content of an application as one JSON document, and its presentation.

`build` freezes the live data (what a submitted Version stores); `present` turns such a
document into titled sections of (label, value) rows in the reader's language. The summary
page, the staff view and the PDF receipt all show `present(...)`, so they cannot disagree.
"""

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from inklusiv.accounts.models import LegalForm, State
from inklusiv.calls.models import Question
from inklusiv.core.i18n import written_in

from .models import FieldOfAction, PartnerKind, Sector, SpaceKind

CONCEPT_FIELDS = ("starting_situation", "goals", "approach", "expected_network")


def _file(attachment):
    if attachment is None:
        return None
    return {
        "id": attachment.pk,
        "name": attachment.original_name,
        "size": attachment.size,
        "sha256": attachment.sha256,
    }


def build(application) -> dict:
    """Everything the applicant entered, as plain JSON (codes, not labels)."""
    organisation = application.organisation
    space = getattr(application, "social_space", None)
    concept = getattr(application, "concept", None)
    attachments = {a.pk: a for a in application.attachments.all()}
    answers = []
    for answer_set in application.answer_sets.select_related("stage").order_by("stage__position"):
        for question in answer_set.stage.questions.all():
            value = answer_set.data.get(question.key)
            if question.kind == Question.Kind.FILE and value:
                value = _file(attachments.get(value))
            answers.append({"question": question.pk, "value": value})
    return {
        "reference": application.reference,
        "call": {"id": application.call_id, "title": application.call.title_de},
        "stage": {"id": application.stage_id, "name": application.stage.name_de},
        "organisation": {
            "name": organisation.name,
            "legal_form": organisation.legal_form,
            "street": organisation.street,
            "postcode": organisation.postcode,
            "city": organisation.city,
            "state": organisation.state,
        },
        "contact": {
            "name": application.contact_name,
            "email": application.contact_email,
            "phone": application.contact_phone,
        },
        "social_space": None
        if space is None
        else {
            "kind": space.kind,
            "name": space.name,
            "state": space.state,
            "population": space.population,
            "ags": space.ags,
        },
        "partners": [
            {
                "name": partner.name,
                "sector": partner.sector,
                "kind": partner.kind,
                "contact_name": partner.contact_name,
                "contact_email": partner.contact_email,
                "role": partner.role,
                "letter_of_intent": _file(attachments.get(partner.letter_of_intent_id)),
            }
            for partner in application.partners.all()
        ],
        "concept": None
        if concept is None
        else {
            **{name: getattr(concept, name) for name in CONCEPT_FIELDS},
            "fields_of_action": list(concept.fields_of_action),
        },
        "answers": answers,
    }


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


def _file_label(value) -> str:
    if not value:
        return ""
    return f"{value['name']} ({filesizeformat(value['size'])})"


def answer_display(question: Question, value) -> str:
    if value in (None, "", []):
        return ""
    kind = question.kind
    if kind == Question.Kind.FILE:
        return _file_label(value)
    if kind == Question.Kind.YES_NO:
        return _("Yes") if value in (True, "yes") else _("No")
    if kind in (Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE):
        options = dict(question.option_choices())
        values = value if isinstance(value, list) else [value]
        return ", ".join(options.get(str(v), str(v)) for v in values)
    if kind == Question.Kind.DATE:
        parsed = parse_date(str(value))
        return date_filter(parsed, "DATE_FORMAT") if parsed else str(value)
    if kind == Question.Kind.NUMBER:
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def present(content: dict) -> list[dict]:
    """Sections {"key", "title", "rows": [(label, value)], "entries": [...]} for display."""
    organisation = content["organisation"]
    contact = content["contact"]
    sections = [
        {
            "key": "contact",
            "title": _("Organisation and contact"),
            "rows": [
                (_("Organisation"), organisation["name"]),
                (_("Legal form"), _label(LegalForm, organisation["legal_form"])),
                (
                    _("Address"),
                    f"{organisation['street']}, {organisation['postcode']} {organisation['city']}",
                ),
                (_("Bundesland"), _label(State, organisation["state"])),
                (_("Contact person"), contact["name"]),
                (_("E-mail address"), contact["email"]),
                (_("Phone"), contact["phone"]),
            ],
        }
    ]
    space = content["social_space"] or {}
    sections.append(
        {
            "key": "space",
            "title": _("Social space"),
            "rows": [
                (_("Kind of social space"), _label(SpaceKind, space.get("kind"))),
                (_("Name"), space.get("name", "")),
                (_("Bundesland"), _label(State, space.get("state"))),
                (
                    _("Population"),
                    formats.number_format(space["population"], force_grouping=True)
                    if space.get("population")
                    else "",
                ),
                (_("Municipality key (AGS)"), space.get("ags", "")),
            ],
        }
    )
    sections.append(
        {
            "key": "partners",
            "title": _("Partners"),
            "rows": [],
            "entries": [
                {
                    "title": partner["name"],
                    "rows": [
                        (_("Sector"), _label(Sector, partner["sector"])),
                        (_("Kind of organisation"), _label(PartnerKind, partner["kind"])),
                        (_("Contact person"), partner["contact_name"]),
                        (_("E-mail address"), partner["contact_email"]),
                        (_("Role in the network"), written_in("de", partner["role"])),
                        (_("Letter of intent"), _file_label(partner["letter_of_intent"])),
                    ],
                }
                for partner in content["partners"]
            ],
        }
    )
    concept = content["concept"] or {}
    sections.append(
        {
            "key": "concept",
            "title": _("Concept"),
            "rows": [
                (_("Starting situation"), written_in("de", concept.get("starting_situation", ""))),
                (_("Goals"), written_in("de", concept.get("goals", ""))),
                (
                    _("Fields of action"),
                    ", ".join(
                        _label(FieldOfAction, value)
                        for value in concept.get("fields_of_action", [])
                    ),
                ),
                (_("Planned approach"), written_in("de", concept.get("approach", ""))),
                (_("Expected network"), written_in("de", concept.get("expected_network", ""))),
            ],
        }
    )
    question_ids = [answer["question"] for answer in content["answers"]]
    questions = Question.objects.select_related("stage").in_bulk(question_ids)
    by_stage: dict = {}
    for answer in content["answers"]:
        question = questions.get(answer["question"])
        if question is None:
            continue
        shown = answer_display(question, answer["value"])
        if question.kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
            shown = written_in("de", shown)
        by_stage.setdefault(question.stage, []).append((question.label, shown))
    for stage, rows in by_stage.items():
        sections.append({"key": f"questions-{stage.pk}", "title": stage.name, "rows": rows})
    return sections
