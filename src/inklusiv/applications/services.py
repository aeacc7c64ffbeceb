"""Every write to applications: drafts by part, partners, files, submission, withdrawal,
extensions and messages. Each is one transaction, permission-checked and audited."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inklusiv.accounts.models import Organisation
from inklusiv.calls.models import Call, Stage
from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.permissions import require as _require
from inklusiv.notifications.services import notify

from . import content, workflow
from .models import Answers, Application, Attachment, Concept, Message, Partner, SocialSpace, Status
from .uploads import check_upload

SPACE_FIELDS = ("kind", "name", "state", "population", "ags")
CONCEPT_FIELDS = (*content.CONCEPT_FIELDS, "fields_of_action")
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
PARTNER_FIELDS = ("name", "sector", "kind", "contact_name", "contact_email", "role")


class EditConflict(DomainError):
    """Someone saved the same part since the editor loaded it; `current` is what they saved."""

    def __init__(self, message, *, current):
        super().__init__(message)
        self.current = current


class AlreadySubmitted(DomainError):
    """The application was submitted before (another tab, a second click); `version` is the
    latest submitted version, whose receipt the applicant can be pointed to."""

    def __init__(self, message, *, version):
        super().__init__(message)
        self.version = version


def _local(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _validation_to_domain(error: DjangoValidationError) -> DomainError:
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return DomainError(messages[0], field=None if field == "__all__" else field)
    return DomainError(error.messages[0])


def _lock_part(*, application: Application, model, lookup: dict | None, new, revision: int):
    """The part as stored now, locked, or `new` if there is none yet; a save based on an
    older revision than the stored one is refused (optimistic locking)."""
    # The application row is locked first, so a submission cannot slip in between. The part
    # is read only afterwards: two members saving a step for the first time at once would
    # otherwise both find none, and the second would insert a duplicate (a server error)
    # instead of being told that someone else saved it first.
    if (
        not Application.objects.select_for_update()
        .filter(pk=application.pk, status=Status.DRAFT)
        .exists()
    ):
        raise DomainError(_("This application has been submitted and can no longer be changed."))
    part = model.objects.select_for_update().filter(**lookup).first() if lookup else None
    if part is None:
        if new is None:
            raise DomainError(_("Someone else removed this in the meantime."))
        return new
    if part.revision != revision:
        raise EditConflict(
            _(
                "Someone else saved this step while you were editing it. "
                "Your entries are still in the form below; what was saved is shown beside it. "
                "Compare both, then save again."
            ),
            current=part,
        )
    return part


def _save_part(*, actor, application: Application, part, values: dict, action: str):
    """Write values into a part that _lock_part returned, and audit the change."""
    before = audit.snapshot(part, values.keys()) if part.pk else {}
    for name, value in values.items():
        setattr(part, name, value)
    try:
        part.full_clean(exclude=["application"])
    except DjangoValidationError as error:
        raise _validation_to_domain(error) from error
    part.revision = F("revision") + 1 if part.pk else 1
    part.save()
    part.refresh_from_db()
    audit.record(
        actor=actor,
        obj=application,
        action=action,
        before=before,
        after=audit.snapshot(part, values.keys()),
    )
    return part


def start_application(*, actor, call: Call, organisation: Organisation, now=None) -> Application:
    """Open a draft for the organisation; while the first stage is open, members may start."""
    if not call.is_published:
        raise PermissionDenied
    _require(actor, "accounts.view_organisation", organisation)
    if not organisation.memberships.filter(user=actor).exists():
        raise PermissionDenied
    stage = call.first_stage()
    now = now or timezone.now()
    if stage is None or not stage.is_open(now):
        raise DomainError(_("Applications to this call are not possible at the moment."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                organisation=organisation,
                stage=stage,
                contact_name=actor.name,
                contact_email=actor.email,
                created_by=actor,
            )
            audit.record(actor=actor, obj=application, action="application_started")
    except IntegrityError:
        raise DomainError(
            _("%(organisation)s has already applied to this call.") % {"organisation": organisation}
        ) from None
    return application


def save_contact(*, actor, application: Application, revision: int, **values) -> Application:
    _require(actor, "applications.edit_application", application)
    with transaction.atomic():
        part = _lock_part(
            application=application,
            model=Application,
            lookup={"pk": application.pk},
            new=None,
            revision=revision,
        )
        return _save_part(
            actor=actor,
            application=application,
            part=part,
            values={name: values[name] for name in CONTACT_FIELDS},
            action="application_contact_saved",
        )


def save_social_space(*, actor, application: Application, revision: int, **values) -> SocialSpace:
    _require(actor, "applications.edit_application", application)
    with transaction.atomic():
        part = _lock_part(
            application=application,
            model=SocialSpace,
            lookup={"application": application},
            new=SocialSpace(application=application),
            revision=revision,
        )
        return _save_part(
            actor=actor,
            application=application,
            part=part,
            values={name: values[name] for name in SPACE_FIELDS},
            action="application_social_space_saved",
        )


def save_concept(*, actor, application: Application, revision: int, **values) -> Concept:
    _require(actor, "applications.edit_application", application)
    with transaction.atomic():
        part = _lock_part(
            application=application,
            model=Concept,
            lookup={"application": application},
            new=Concept(application=application),
            revision=revision,
        )
        return _save_part(
            actor=actor,
            application=application,
            part=part,
            values={name: values[name] for name in CONCEPT_FIELDS},
            action="application_concept_saved",
        )


def _store_file(*, actor, application: Application, upload, stored: list[str]) -> Attachment:
    """Check and store an upload; its storage name goes into `stored` so that a failed
    save can take it away again (see _removing_stored_files_on_error)."""
    checked = check_upload(upload)
    attachment = Attachment(
        application=application,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor,
    )
    # Checked before anything touches storage: a refused file leaves no trace.
    attachment.file.save(checked.name, upload, save=False)
    stored.append(attachment.file.name)
    attachment.save()
    return attachment


def _file_storage():
    return Attachment._meta.get_field("file").storage


@contextmanager
def _removing_stored_files_on_error():
    """Files are not part of the database transaction: when the save fails after storing
    them (an edit conflict, invalid data), the transaction rolls back and they go too."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            _file_storage().delete(name)
        raise


def _discard_attachments(application: Application, attachments) -> None:
    """Delete attachments that were replaced or removed: their rows now, their files once
    the transaction has committed (a rollback keeps both)."""
    attachments = [attachment for attachment in attachments if attachment is not None]
    if not attachments or application.versions.exists():
        # What a submitted version lists is the record of what was submitted; it stays.
        return
    names = [attachment.file.name for attachment in attachments]
    Attachment.objects.filter(pk__in=[attachment.pk for attachment in attachments]).delete()

    def delete_files():
        for name in names:
            _file_storage().delete(name)

    transaction.on_commit(delete_files)


def save_partner(
    *,
    actor,
    application: Application,
    partner: Partner | None = None,
    revision: int = 0,
    letter=None,
    remove_letter: bool = False,
    **values,
) -> Partner:
    """Add a partner (partner=None) or change one; an optional letter of intent file."""
    _require(actor, "applications.edit_application", application)
    if partner is not None and partner.application_id != application.pk:
        raise PermissionDenied
    with _removing_stored_files_on_error() as stored, transaction.atomic():
        part = _lock_part(
            application=application,
            model=Partner,
            lookup={"pk": partner.pk, "application": application} if partner else None,
            new=None if partner else Partner(application=application),
            revision=revision,
        )
        old_letter = part.letter_of_intent if part.letter_of_intent_id else None
        fields = {name: values[name] for name in PARTNER_FIELDS}
        if letter is not None:
            fields["letter_of_intent"] = _store_file(
                actor=actor, application=application, upload=letter, stored=stored
            )
        elif remove_letter:
            fields["letter_of_intent"] = None
        saved = _save_part(
            actor=actor,
            application=application,
            part=part,
            values=fields,
            action="application_partner_saved",
        )
        if old_letter is not None and saved.letter_of_intent_id != old_letter.pk:
            _discard_attachments(application, [old_letter])
        return saved


def remove_partner(*, actor, partner: Partner) -> None:
    application = partner.application
    _require(actor, "applications.edit_application", application)
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=application,
            action="application_partner_removed",
            before=audit.snapshot(partner, PARTNER_FIELDS),
        )
        letter = partner.letter_of_intent if partner.letter_of_intent_id else None
        partner.delete()
        _discard_attachments(application, [letter])


def save_answers(
    *, actor, application: Application, stage: Stage, revision: int, values: dict, files: dict
) -> Answers:
    """values: question key → cleaned value; files: question key → upload (replaces the old)."""
    _require(actor, "applications.edit_application", application)
    with _removing_stored_files_on_error() as stored, transaction.atomic():
        answers = _lock_part(
            application=application,
            model=Answers,
            lookup={"application": application, "stage": stage},
            new=Answers(application=application, stage=stage),
            revision=revision,
        )
        data = dict(answers.data)
        data.update(values)
        replaced = []
        for key, upload in files.items():
            replaced.append(data.get(key))
            data[key] = _store_file(
                actor=actor, application=application, upload=upload, stored=stored
            ).pk
        saved = _save_part(
            actor=actor,
            application=application,
            part=answers,
            values={"data": data},
            action="application_answers_saved",
        )
        still_used = {value for value in saved.data.values() if isinstance(value, int)}
        _discard_attachments(
            application,
            application.attachments.filter(
                pk__in=[pk for pk in replaced if isinstance(pk, int)]
            ).exclude(pk__in=still_used),
        )
        return saved


def missing_parts(application: Application) -> list[tuple[str, str]]:
    """(step key, message) for every part that must be completed before submitting."""
    missing = []
    if not (application.contact_name and application.contact_email):
        missing.append(("contact", _("Name a contact person with an e-mail address.")))
    if not SocialSpace.objects.filter(application=application).exists():
        missing.append(("space", _("Describe the social space.")))
    if not application.partners.exists():
        missing.append(("partners", _("Add at least one partner.")))
    if not Concept.objects.filter(application=application).exists():
        missing.append(("concept", _("Describe your concept.")))
    stage = application.stage
    required = [q for q in stage.questions.all() if q.required]
    if required:
        answers = Answers.objects.filter(application=application, stage=stage).first()
        data = answers.data if answers else {}
        if any(data.get(q.key) in (None, "", []) for q in required):
            missing.append(
                (
                    f"questions-{stage.pk}",
                    _("Answer the required questions of “%(stage)s”.") % {"stage": stage.name},
                )
            )
    return missing


def submit(*, actor, application: Application, now: datetime | None = None):
    """Freeze the content as a version, number it, and confirm by e-mail with a PDF receipt."""
    from .receipts import render_receipt

    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("stage", "call")
            .get(pk=application.pk)
        )
        latest = locked.versions.order_by("-number").first()
        if locked.status != Status.DRAFT and latest is not None:
            _require(actor, "applications.submit_application", locked)
            raise AlreadySubmitted(
                _(
                    "This application has already been submitted, on %(date)s with reference "
                    "number %(reference)s."
                )
                % {"date": _local(latest.submitted_at), "reference": locked.reference},
                version=latest,
            )
        if now > locked.deadline:
            raise DomainError(
                _(
                    "The deadline for this stage was %(deadline)s. Submitting is no longer "
                    "possible. If you could not submit in time for a good reason, please "
                    "contact the funder."
                )
                % {"deadline": _local(locked.deadline)}
            )
        if now < locked.stage.opens_at:
            raise DomainError(
                _("This stage opens on %(date)s.") % {"date": _local(locked.stage.opens_at)}
            )
        missing = missing_parts(locked)
        if missing:
            raise DomainError(missing[0][1], field=missing[0][0])
        locked = workflow.apply(locked, "submit", actor=actor)
        if not locked.reference:
            call = Call.objects.select_for_update().get(pk=locked.call_id)
            call.last_reference_number += 1
            call.save(update_fields=["last_reference_number"])
            locked.reference = (
                f"{call.reference_prefix}-{call.reference_year}-{call.last_reference_number:04d}"
            )
        locked.submitted_at = now
        locked.save(update_fields=["reference", "submitted_at"])
        number = locked.versions.count() + 1
        version = locked.versions.create(
            stage=locked.stage,
            number=number,
            content=content.build(locked),
            submitted_by=actor,
            submitted_at=now,
        )
        audit.record(
            actor=actor,
            obj=locked,
            action="application_version_frozen",
            after={"version": number, "reference": locked.reference},
        )
    # The receipt is rendered after the row lock is released: a PDF takes a second or more,
    # and other members of the organisation must not wait on the application meanwhile.
    with translation.override(actor.language):
        pdf = render_receipt(version)
    with transaction.atomic():
        version.receipt.save(f"{locked.reference}-v{number}.pdf", ContentFile(pdf), save=False)
        version.save(update_fields=["receipt"])
        audit.record(
            actor=actor,
            obj=locked,
            action="application_receipt_stored",
            after={"version": number, "sha256": hashlib.sha256(pdf).hexdigest()},
        )
    # The contact person need not have an account: they get the receipt by address, in the
    # language of whoever submitted.
    recipients = [actor]
    if locked.contact_email and locked.contact_email.lower() != actor.email.lower():
        recipients.append(locked.contact_email)
    transaction.on_commit(
        lambda: notify(
            kind="applications.submitted",
            recipients=recipients,
            language=actor.language,
            context={"application": locked, "version": version, "user": actor},
            attachments=[(f"{locked.reference}.pdf", pdf, "application/pdf")],
            link=reverse("applications:overview", args=[locked.pk]),
        )
    )
    return version


def receipt_for(version) -> bytes:
    """The stored PDF receipt; versions loaded without one (demo data) get it rendered once."""
    from .receipts import render_receipt

    if not version.receipt:
        with translation.override("de"):
            pdf = render_receipt(version)
        version.receipt.save(
            f"{version.application.reference}-v{version.number}.pdf", ContentFile(pdf), save=True
        )
        return pdf
    with version.receipt.open("rb") as stored:
        return stored.read()


# Reads of personal data that the audit log keeps (DESIGN.md): not changes, so the
# "recent changes" of the staff page leave them out.
ACCESS_ACTIONS = (
    "application_viewed",
    "application_file_downloaded",
    "application_receipt_downloaded",
)


def record_view(*, actor, application: Application, page: str) -> None:
    """The funder's side read an application's content on `page` (the view checked access)."""
    audit.record(actor=actor, obj=application, action="application_viewed", after={"page": page})


def record_download(
    *, actor, application: Application, attachment: Attachment | None = None, version=None
) -> None:
    """Someone took a file of the application out of the platform (the view checked access).

    Every download is kept, also a member's own: a copy cannot be taken back, and letters
    of intent and answer files carry other people's personal data (partners' contacts)."""
    if attachment is not None:
        audit.record(
            actor=actor,
            obj=application,
            action="application_file_downloaded",
            after={
                "attachment": attachment.pk,
                "name": attachment.original_name,
                "sha256": attachment.sha256,
            },
        )
    if version is not None:
        audit.record(
            actor=actor,
            obj=application,
            action="application_receipt_downloaded",
            after={"version": version.number},
        )


def notify_members(application: Application, *, template: str, context: dict) -> None:
    """One e-mail per member of the applicant organisation, each in their own language."""
    kind = NOTIFICATION_KINDS[template]
    link = reverse("applications:overview", args=[application.pk])
    for member in application.organisation.members.filter(is_active=True):
        transaction.on_commit(
            lambda member=member: notify(
                kind=kind,
                recipients=[member],
                context={**context, "user": member},
                link=link,
            )
        )


# The notification kind of each member mail (see notification_kinds.py).
NOTIFICATION_KINDS = {
    "applications/email/withdrawn": "applications.withdrawn",
    "applications/email/message": "applications.message",
    "applications/email/ineligible": "applications.ineligible",
}


def withdraw(*, actor, application: Application, reason: str) -> Application:
    if not reason.strip():
        raise DomainError(_("Please tell us why you withdraw."), field="reason")
    with transaction.atomic():
        withdrawn = workflow.apply(application, "withdraw", actor=actor, reason=reason.strip())
        notify_members(
            withdrawn,
            template="applications/email/withdrawn",
            context={"application": withdrawn, "actor": actor},
        )
    return withdrawn


def grant_extension(
    *, actor, application: Application, until: datetime, reason: str
) -> Application:
    _require(actor, "applications.grant_extension", application)
    if until <= application.stage.closes_at:
        raise DomainError(_("An extension must end after the stage's deadline."), field="until")
    if not reason.strip():
        raise DomainError(_("Please give a reason for the extension."), field="reason")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        before = audit.snapshot(locked, ["extended_until"])
        locked.extended_until = until
        locked.save(update_fields=["extended_until"])
        audit.record(
            actor=actor,
            obj=locked,
            action="application_extension_granted",
            before=before,
            after=audit.snapshot(locked, ["extended_until"]),
            reason=reason.strip(),
        )
    return locked


def send_message(*, actor, application: Application, subject: str, body: str) -> Message:
    """A message from the funder; every member of the organisation gets it by e-mail too."""
    _require(actor, "applications.send_message", application)
    with transaction.atomic():
        message = Message.objects.create(
            application=application, sender=actor, subject=subject.strip(), body=body.strip()
        )
        audit.record(
            actor=actor,
            obj=application,
            action="application_message_sent",
            after={"subject": message.subject},
        )
        notify_members(
            application,
            template="applications/email/message",
            context={"application": application, "message": message},
        )
    return message
