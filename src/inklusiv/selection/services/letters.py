"""Decision letters: templates with placeholders, preview, and sending in the background.

Staff write the letter texts, so they are never run through Django's template engine (which
would let them reach any attribute); a regex replaces the known {{ placeholders }} only.
Sending happens in a task (selection/tasks.py) that renders one PDF per letter and counts
its progress on the LetterBatch, which the batch page shows as a progress bar.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inklusiv.accounts.models import User
from inklusiv.applications.models import Application
from inklusiv.calls.models import Call
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.notifications.services import notify

from ..models import Decision, Letter, LetterBatch, LetterTemplate, Outcome

logger = logging.getLogger(__name__)

PERMISSION = "selection.decide"
LANGUAGES = ("de", "en")
PLACEHOLDERS = (
    "salutation",
    "organisation",
    "contact_name",
    "reference",
    "call",
    "stage",
    "next_stage",
    "reason",
    "decided_at",
    "funder",
    "signature",
)
# What each placeholder becomes, shown to staff beside the letter text.
PLACEHOLDER_HELP = {
    "salutation": gettext_lazy(
        "the greeting without its comma: “Guten Tag Katrin Lehmann” (“Dear Katrin Lehmann”) "
        "when the application names a contact person, otherwise “Sehr geehrte Damen und "
        "Herren” (“Dear Sir or Madam”)"
    ),
    "organisation": gettext_lazy("the applicant organisation's name"),
    "contact_name": gettext_lazy("the contact person (the organisation when none is named)"),
    "reference": gettext_lazy("the reference number"),
    "call": gettext_lazy("the call's title"),
    "stage": gettext_lazy("the stage that decided"),
    "next_stage": gettext_lazy("the next stage (only when the application goes on)"),
    "reason": gettext_lazy("the reason given with the decision"),
    "decided_at": gettext_lazy("the date of the decision"),
    "funder": gettext_lazy("the funder's name"),
    "signature": gettext_lazy(
        "the staff member who decided and the funder, on two lines (the funder alone when "
        "the staff member has no name)"
    ),
}
PLACEHOLDER_PATTERN = re.compile(r"\{\{\s*(.*?)\s*\}\}")

# Shipped texts, used until staff save their own for a call. Content, not interface text:
# each language is written out, not translated through gettext. They speak to the applicant
# ("Ihre Bewerbung"), so an organisation's name never has to be declined in a sentence.
_ADVANCE_DE = """{{ salutation }},

wir freuen uns, Ihnen mitteilen zu können: Ihre Bewerbung (Aktenzeichen {{ reference }}) zum \
Aufruf „{{ call }}“ wurde in der Runde „{{ stage }}“ ausgewählt und geht weiter in die Runde \
„{{ next_stage }}“. Herzlichen Glückwunsch!

Begründung der Kommission: {{ reason }}

Über die nächsten Schritte informieren wir Sie in Kürze. Bei Fragen wenden Sie sich gern an uns.

Mit freundlichen Grüßen
{{ signature }}"""
_ADVANCE_EN = """{{ salutation }},

we are delighted to tell you that your application (reference {{ reference }}) to the call \
“{{ call }}” has been chosen in the stage “{{ stage }}” and goes on to the stage \
“{{ next_stage }}”. Congratulations!

The commission's reasons: {{ reason }}

We will be in touch about the next steps shortly. Do not hesitate to contact us with any \
questions.

Kind regards
{{ signature }}"""
_DECLINE_DE = """{{ salutation }},

vielen Dank für Ihre Bewerbung (Aktenzeichen {{ reference }}) zum Aufruf „{{ call }}“ und \
für die Arbeit, die Sie und Ihre Partner hineingesteckt haben.

Leider können wir Ihre Bewerbung nach der Runde „{{ stage }}“ nicht weiter berücksichtigen. \
Die Entscheidung ist uns bei der großen Zahl guter Bewerbungen nicht leichtgefallen.

Begründung der Kommission: {{ reason }}

Wir wünschen Ihnen und Ihrem Netzwerk für Ihr Engagement für Inklusion vor Ort alles Gute.

Mit freundlichen Grüßen
{{ signature }}"""
_DECLINE_EN = """{{ salutation }},

thank you for your application (reference {{ reference }}) to the call “{{ call }}” and for \
all the work you and your partners put into it.

We are sorry to tell you that we cannot consider your application further after the stage \
“{{ stage }}”. With so many good applications, this decision was not easy.

The commission's reasons: {{ reason }}

We wish you and your network every success in your work for inclusion.

Kind regards
{{ signature }}"""
_SELECT_DE = """{{ salutation }},

wir freuen uns sehr: Ihre Bewerbung (Aktenzeichen {{ reference }}) wurde im Aufruf \
„{{ call }}“ ausgewählt, Ihr Sozialraum wird Modellregion. Herzlichen Glückwunsch!

Begründung der Kommission: {{ reason }}

Wir melden uns in Kürze, um den Start der gemeinsamen Arbeit zu besprechen.

Mit freundlichen Grüßen
{{ signature }}"""
_SELECT_EN = """{{ salutation }},

we are very pleased to tell you that your application (reference {{ reference }}) has been \
selected in the call “{{ call }}”: your social space becomes a pilot region. Congratulations!

The commission's reasons: {{ reason }}

We will be in touch shortly to plan the start of our work together.

Kind regards
{{ signature }}"""
_REJECT_DE = """{{ salutation }},

vielen Dank für Ihre Bewerbung (Aktenzeichen {{ reference }}) zum Aufruf „{{ call }}“ und \
für Ihr Engagement in allen Runden des Verfahrens.

Leider wurde Ihre Bewerbung in der Runde „{{ stage }}“ nicht ausgewählt.

Begründung der Kommission: {{ reason }}

Wir danken Ihnen für die Zusammenarbeit und wünschen Ihnen weiterhin viel Erfolg.

Mit freundlichen Grüßen
{{ signature }}"""
_REJECT_EN = """{{ salutation }},

thank you for your application (reference {{ reference }}) to the call “{{ call }}” and for \
your commitment in every stage of the procedure.

We are sorry to tell you that your application was not selected in the stage “{{ stage }}”.

The commission's reasons: {{ reason }}

Thank you for working with us; we wish you every success.

Kind regards
{{ signature }}"""

DEFAULT_TEXTS = {
    (Outcome.ADVANCE, "de"): (
        "Ihre Bewerbung {{ reference }}: weiter in die nächste Runde",
        _ADVANCE_DE,
    ),
    (Outcome.ADVANCE, "en"): (
        "Your application {{ reference }} goes on to the next stage",
        _ADVANCE_EN,
    ),
    (Outcome.DECLINE, "de"): (
        "Ihre Bewerbung {{ reference }}: Entscheidung der Kommission",
        _DECLINE_DE,
    ),
    (Outcome.DECLINE, "en"): (
        "Your application {{ reference }}: the commission's decision",
        _DECLINE_EN,
    ),
    (Outcome.SELECT, "de"): ("Ihre Bewerbung {{ reference }} wurde ausgewählt", _SELECT_DE),
    (Outcome.SELECT, "en"): ("Your application {{ reference }} has been selected", _SELECT_EN),
    (Outcome.REJECT, "de"): (
        "Ihre Bewerbung {{ reference }}: Entscheidung der Kommission",
        _REJECT_DE,
    ),
    (Outcome.REJECT, "en"): (
        "Your application {{ reference }}: the commission's decision",
        _REJECT_EN,
    ),
}


def _require(actor) -> None:
    if not (actor and actor.has_perm(PERMISSION)):
        raise PermissionDenied


# --- placeholders ---------------------------------------------------------------------------


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` that are not in PLACEHOLDERS, in order of appearance."""
    unknown = []
    for name in PLACEHOLDER_PATTERN.findall(text):
        if name not in PLACEHOLDERS and name not in unknown:
            unknown.append(name)
    return unknown


def placeholders_explained() -> list[tuple[str, str]]:
    """(name, what it becomes) for each placeholder, in the order staff read them."""
    return [(name, PLACEHOLDER_HELP[name]) for name in PLACEHOLDERS]


def _shown(name: str) -> str:
    return "{{ " + name + " }}"


def placeholder_error(text: str) -> str | None:
    """A message naming the unknown placeholders and the allowed ones, or None."""
    unknown = unknown_placeholders(text)
    if not unknown:
        return None
    return _("Unknown placeholders: %(unknown)s. You can use: %(allowed)s.") % {
        "unknown": ", ".join(_shown(name) for name in unknown),
        "allowed": ", ".join(_shown(name) for name in PLACEHOLDERS),
    }


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each known placeholder by its value; unknown ones stay as written."""
    return PLACEHOLDER_PATTERN.sub(
        lambda match: str(values[match.group(1)]) if match.group(1) in values else match.group(0),
        text,
    )


# --- templates ----------------------------------------------------------------------------


def template_for(call: Call, outcome: str, language: str) -> LetterTemplate:
    """The call's saved template, or an unsaved one with the shipped default text."""
    saved = LetterTemplate.objects.filter(call=call, outcome=outcome, language=language).first()
    if saved:
        return saved
    subject, body = DEFAULT_TEXTS[(outcome, language)]
    return LetterTemplate(call=call, outcome=outcome, language=language, subject=subject, body=body)


def templates_of(call: Call) -> dict[tuple[str, str], LetterTemplate]:
    saved = {(t.outcome, t.language): t for t in LetterTemplate.objects.filter(call=call)}
    result = {}
    for outcome in Outcome.values:
        for language in LANGUAGES:
            subject, body = DEFAULT_TEXTS[(outcome, language)]
            result[(outcome, language)] = saved.get((outcome, language)) or LetterTemplate(
                call=call, outcome=outcome, language=language, subject=subject, body=body
            )
    return result


def save_template(
    *, actor, call: Call, outcome: str, language: str, subject: str, body: str
) -> LetterTemplate:
    """Create or change the letter text of `call` for one outcome and language."""
    _require(actor)
    for field, text in (("subject", subject), ("body", body)):
        problem = placeholder_error(text)
        if problem:
            raise DomainError(problem, field=field)
    if outcome not in Outcome.values or language not in LANGUAGES:
        raise DomainError(_("Unknown decision or language."))
    with transaction.atomic():
        template = (
            LetterTemplate.objects.select_for_update()
            .filter(call=call, outcome=outcome, language=language)
            .first()
        )
        before = {"subject": template.subject, "body": template.body} if template else {}
        if template is None:
            template = LetterTemplate(call=call, outcome=outcome, language=language)
        template.subject = subject.strip()
        template.body = body.strip()
        template.full_clean()
        template.save()
        audit.record(
            actor=actor,
            obj=template,
            action="letter_template_saved",
            before=before,
            after={"subject": template.subject, "body": template.body},
        )
    return template


# --- rendering ----------------------------------------------------------------------------


@dataclass
class LetterText:
    language: str
    subject: str
    body: str
    values: dict[str, str]
    # The staff member who decided (signs the letter and is its contact person), if known.
    signatory: User | None = None


@dataclass
class Sender:
    """Who writes: the funder with its address, and the staff member applicants can ask."""

    funder: str
    address: list[str]
    phone: str
    contact_name: str = ""
    contact_email: str = ""


def sender_for(application: Application, *, signatory=None) -> Sender:
    """The sender block of a letter to `application`; `signatory` is the staff member who
    decided (or None, e.g. in a preview without a decision)."""
    name = (signatory.name or "").strip() if signatory else ""
    return Sender(
        funder=application.call.initiative.funder,
        address=[line.strip() for line in settings.LETTER_SENDER_ADDRESS if line.strip()],
        phone=settings.LETTER_SENDER_PHONE,
        contact_name=name,
        contact_email=signatory.email if signatory and name else "",
    )


def salutation(contact_name: str, language: str) -> str:
    """The opening of a letter to the application's contact person, without the comma.

    The contact data hold no form of address, so a named person is greeted by their full
    name in the neutral form; the impersonal one is only for a letter to nobody by name."""
    name = " ".join(contact_name.split())
    if language == "de":
        return f"Guten Tag {name}" if name else "Sehr geehrte Damen und Herren"
    return f"Dear {name}" if name else "Dear Sir or Madam"


def values_for(
    application: Application,
    *,
    stage,
    outcome: str,
    reason: str,
    decided_at,
    language,
    signatory=None,
):
    """The placeholder values for one application, in `language`."""
    call = application.call
    sender = sender_for(application, signatory=signatory)
    with translation.override(language):
        next_stage = stage.next_stage() if outcome == Outcome.ADVANCE else None
        return {
            "salutation": salutation(application.contact_name, language),
            "organisation": application.organisation.name,
            "contact_name": application.contact_name or application.organisation.name,
            "reference": application.reference,
            "call": call.title,
            "stage": stage.name,
            "next_stage": next_stage.name if next_stage else "",
            "reason": reason,
            "decided_at": formats.date_format(timezone.localtime(decided_at), "DATE_FORMAT"),
            "funder": sender.funder,
            "signature": "\n".join(part for part in (sender.contact_name, sender.funder) if part),
        }


def render_text(template: LetterTemplate, values: dict[str, str]) -> LetterText:
    return LetterText(
        language=template.language,
        subject=" ".join(fill(template.subject, values).split()),
        body=fill(template.body, values),
        values=values,
    )


def render_for_decision(decision: Decision, language: str, template=None) -> LetterText:
    application = decision.application
    template = template or template_for(application.call, decision.outcome, language)
    values = values_for(
        application,
        stage=decision.stage,
        outcome=decision.outcome,
        reason=decision.reason,
        decided_at=decision.decided_at,
        language=language,
        signatory=decision.decided_by,
    )
    text = render_text(template, values)
    text.signatory = decision.decided_by
    return text


def preview(template: LetterTemplate, application: Application) -> LetterText:
    """The letter as `application` would receive it: its decision if there is one for this
    outcome, otherwise sample values for the stage it is in."""
    decision = (
        Decision.objects.filter(application=application, outcome=template.outcome)
        .select_related("stage__call", "decided_by")
        .order_by("-decided_at")
        .first()
    )
    if decision:
        return render_for_decision(decision, template.language, template=template)
    with translation.override(template.language):
        sample_reason = _("(The reason given with the decision appears here.)")
    values = values_for(
        application,
        stage=application.stage,
        outcome=template.outcome,
        reason=sample_reason,
        decided_at=timezone.now(),
        language=template.language,
    )
    return render_text(template, values)


# --- recipients -----------------------------------------------------------------------------


def recipients_by_language(application: Application) -> dict[str, list[str]]:
    """E-mail addresses per language: the organisation's members in their own language,
    and the application's contact in theirs (German when they have no account)."""
    groups: dict[str, set[str]] = {}
    members = User.objects.filter(memberships__organisation=application.organisation_id).filter(
        is_active=True
    )
    known = {}
    for user in members:
        known[user.email.lower()] = user.language
        groups.setdefault(user.language, set()).add(user.email)
    contact = (application.contact_email or "").strip()
    if contact and contact.lower() not in known:
        account = User.objects.filter(email__iexact=contact).only("language").first()
        language = account.language if account else "de"
        groups.setdefault(language, set()).add(contact)
    return {
        language: sorted(emails)
        for language, emails in sorted(groups.items())
        if language in LANGUAGES and emails
    }


# --- sending --------------------------------------------------------------------------------


def decisions_awaiting_letter():
    """Decisions of every stage with no letter sent and none on its way (a second click on
    "send" must not queue the same letters twice; the dashboards count the same)."""
    on_their_way = LetterBatch.decisions.through.objects.filter(
        letterbatch__status__in=(LetterBatch.Status.QUEUED, LetterBatch.Status.RUNNING)
    ).values("decision_id")
    return Decision.objects.exclude(letters__sent_at__isnull=False).exclude(pk__in=on_their_way)


def decisions_without_letter(stage):
    """The decisions of `stage` that still wait for their letter."""
    return (
        decisions_awaiting_letter()
        .filter(stage=stage)
        .select_related("application__organisation")
        .order_by("application__reference", "pk")
    )


def hold_back_default() -> timedelta:
    """How long a confirmed batch waits before it goes out (settings.LETTER_HOLD_BACK_MINUTES)."""
    return timedelta(minutes=max(getattr(settings, "LETTER_HOLD_BACK_MINUTES", 10), 0))


def send_letters(*, actor, decisions, hold_back: timedelta | None = None) -> LetterBatch:
    """Queue the letters of `decisions` (all of one stage) as one background batch.

    The batch waits `hold_back` (default: the setting) before the worker sends it, so staff
    can still cancel it (cancel_batch). A task backend that cannot run tasks later (the
    immediate one of the tests) sends at once."""
    from ..tasks import send_letter_batch

    _require(actor)
    decisions = list(decisions)
    if not decisions:
        raise DomainError(_("There are no decisions without a letter."))
    stages = {decision.stage_id for decision in decisions}
    if len(stages) != 1:
        raise DomainError(_("Letters are sent per stage; choose decisions of one stage."))
    if hold_back is None:
        hold_back = hold_back_default()
    if not send_letter_batch.get_backend().supports_defer:
        hold_back = timedelta(0)
    with transaction.atomic():
        send_after = timezone.now() + hold_back if hold_back > timedelta(0) else None
        batch = LetterBatch.objects.create(
            stage_id=stages.pop(), total=len(decisions), created_by=actor, send_after=send_after
        )
        batch.decisions.set(decisions)
        audit.record(
            actor=actor,
            obj=batch,
            action="letter_batch_queued",
            after={
                "total": batch.total,
                "stage": batch.stage_id,
                "send_after": send_after.isoformat() if send_after else None,
            },
        )

        def enqueue():
            task = send_letter_batch
            if send_after:
                task = send_letter_batch.using(run_after=send_after)
            result = task.enqueue(batch.pk)
            LetterBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])

        # The worker must see the committed batch; the task takes its id, never the object.
        transaction.on_commit(enqueue)
    return batch


def cancel_batch(*, actor, batch: LetterBatch) -> LetterBatch:
    """Stop a batch that is still held back; its decisions wait for a letter again."""
    _require(actor)
    with transaction.atomic():
        locked = LetterBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != LetterBatch.Status.QUEUED or not locked.held_back:
            raise DomainError(
                _("These letters are already being sent (or were sent) and cannot be stopped.")
            )
        locked.status = LetterBatch.Status.CANCELLED
        locked.cancelled_by = actor
        locked.cancelled_at = timezone.now()
        locked.finished_at = locked.cancelled_at
        locked.save(update_fields=["status", "cancelled_by", "cancelled_at", "finished_at"])
        audit.record(
            actor=actor,
            obj=locked,
            action="letter_batch_cancelled",
            before={"status": LetterBatch.Status.QUEUED},
            after={"status": LetterBatch.Status.CANCELLED, "total": locked.total},
        )
    return locked


def _members_by_email(application: Application) -> dict:
    return {
        user.email.lower(): user
        for user in User.objects.filter(
            memberships__organisation=application.organisation_id, is_active=True
        )
    }


def _pdf_name(application, language) -> str:
    return f"{application.reference or application.pk}-{language}.pdf"


def send_decision_letters(decision: Decision, *, actor=None, dated=None) -> list[Letter]:
    """Render, store and e-mail the letter of one decision in each recipient language.

    `dated` is the letter's date: when staff sent the batch, not when the worker got to it."""
    from ..letters_pdf import render_letter_pdf

    application = decision.application
    sender = sender_for(application, signatory=decision.decided_by)
    letters = []
    for language, emails in recipients_by_language(application).items():
        text = render_for_decision(decision, language)
        with translation.override(language):
            pdf = render_letter_pdf(decision=decision, text=text, dated=dated, sender=sender)
        letter = Letter.objects.create(
            decision=decision,
            application=application,
            language=language,
            subject=text.subject[:200],
            body=text.body,
            recipients=emails,
        )
        letter.pdf.save(_pdf_name(application, language), ContentFile(pdf), save=False)
        letter.save(update_fields=["pdf"])
        # Only the organisation's members can open the application on the platform: a mail
        # to a contact without an account carries no link to a login page. One mail per
        # recipient, so each gets what fits them (and the member an entry in their inbox).
        members = _members_by_email(application)
        for email in emails:
            member = members.get(email.lower())
            notify(
                kind="selection.decision",
                recipients=[member or email],
                language=language,
                context={
                    "subject": text.subject,
                    "body": text.body,
                    "application": application,
                    "link": member is not None,
                    "contact_name": sender.contact_name,
                    "contact_email": sender.contact_email,
                    "phone": sender.phone,
                },
                attachments=[(_pdf_name(application, language), pdf, "application/pdf")],
                link=reverse("applications:overview", args=[application.pk]),
            )
        letter.sent_at = timezone.now()
        letter.save(update_fields=["sent_at"])
        audit.record(
            actor=actor,
            obj=application,
            action="decision_letter_sent",
            after={
                "letter": letter.pk,
                "decision": decision.pk,
                "outcome": decision.outcome,
                "language": language,
                "recipients": emails,
            },
        )
        letters.append(letter)
    return letters


def run_batch(batch_id: int) -> None:
    """Send every letter of a batch, counting progress; called by the background task."""
    batch = LetterBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.status in (
        LetterBatch.Status.FINISHED,
        LetterBatch.Status.FAILED,
        LetterBatch.Status.CANCELLED,
    ):
        return
    if batch.held_back:
        # Run too early (a retry): the scheduled run sends it; staff may still cancel.
        return
    # Taking the batch and cancelling it exclude each other: only a waiting batch is taken.
    taken = LetterBatch.objects.filter(
        pk=batch_id, status__in=(LetterBatch.Status.QUEUED, LetterBatch.Status.RUNNING)
    ).update(status=LetterBatch.Status.RUNNING)
    if not taken:
        return
    decisions = batch.decisions.select_related(
        "stage__call__initiative",
        "application__organisation",
        "application__call__initiative",
        "decided_by",
    ).order_by("application__reference", "pk")
    failures = []
    try:
        for decision in decisions:
            if decision.letters.filter(sent_at__isnull=False).exists():
                # A rerun of the task must not send a letter twice.
                LetterBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
                continue
            try:
                with transaction.atomic():
                    send_decision_letters(decision, actor=batch.created_by, dated=batch.created_at)
            except Exception as error:  # noqa: BLE001 – one bad letter must not stop the rest
                logger.exception("Letter for decision %s failed", decision.pk)
                failures.append(f"{decision.application}: {error}")
                LetterBatch.objects.filter(pk=batch_id).update(
                    failed=F("failed") + 1, error="\n".join(failures)
                )
            else:
                LetterBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
    except Exception as error:
        LetterBatch.objects.filter(pk=batch_id).update(
            status=LetterBatch.Status.FAILED,
            error="\n".join([*failures, str(error)]),
            finished_at=timezone.now(),
        )
        raise
    batch.refresh_from_db()
    all_failed = batch.total and batch.failed >= batch.total
    LetterBatch.objects.filter(pk=batch_id).update(
        status=LetterBatch.Status.FAILED if all_failed else LetterBatch.Status.FINISHED,
        finished_at=timezone.now(),
    )
