"""Certificates of attendance: one PDF per checked-in participant, in their language.

A certificate exists only for a registration whose attendance is PRESENT. Issuing is
idempotent (a second call returns the first certificate). The PDF is rendered before the
transaction that stores it, so no row lock is held while WeasyPrint works for a second; a
race between two issuers is settled under the registration's lock, and the loser's PDF is
thrown away. Issuing all of a session runs as a task (tasks.issue_certificates) that counts
its progress on a CertificateBatch, shown by the batch page as a progress bar.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError

from ..models import Certificate, CertificateBatch, Registration, TrainingSession
from . import mails

logger = logging.getLogger(__name__)

ISSUE = "trainings.issue_certificates"
LANGUAGES = ("de", "en")


def _language(user) -> str:
    language = (getattr(user, "language", "") or "de")[:2]
    return language if language in LANGUAGES else "de"


def certificate_number(registration: Registration) -> str:
    """A number that names the session and the registration: FB-2017-0012-00345."""
    year = timezone.localtime(registration.session.starts_at).year
    return f"FB-{year}-{registration.session_id:04d}-{registration.pk:05d}"


def _file_name(certificate: Certificate) -> str:
    return f"{certificate.number}.pdf"


def may_download(user, registration: Registration) -> bool:
    """The participant themself, or the session's organisers."""
    if not (user and user.is_authenticated):
        return False
    return registration.user_id == user.pk or user.has_perm(ISSUE, registration.session)


def _registration(registration: Registration) -> Registration:
    return Registration.objects.select_related(
        "user",
        "region__application__call__initiative",
        "session__course__trainer",
        "session__trainer",
    ).get(pk=registration.pk)


def render_certificate(
    registration: Registration, language: str, *, number: str | None = None, issued_at=None
) -> bytes:
    """The certificate's PDF in `language` (a preview when it has no number yet)."""
    from ..certificates_pdf import render_certificate_pdf

    with translation.override(language):
        return render_certificate_pdf(
            registration,
            number=number or certificate_number(registration),
            issued_at=issued_at or timezone.now(),
        )


def certificate_url(registration: Registration, language: str | None = None) -> str:
    """The absolute address of the download, in the participant's language."""
    with translation.override(language or _language(registration.user)):
        return settings.SITE_URL + reverse("trainings:certificate", args=[registration.pk])


def _send_ready(registration_id: int) -> None:
    registration = _registration(Registration(pk=registration_id))
    with translation.override(_language(registration.user)):
        url = certificate_url(registration)
    mails.send("trainings.certificate_ready", registration, certificate_url=url)


def _issue(registration: Registration, *, actor, now=None) -> tuple[Certificate, bool]:
    """The registration's certificate and whether it is new; no permission check."""
    registration = _registration(registration)
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing, False
    if not registration.attended:
        raise DomainError(
            _("A certificate of attendance is only issued to people who were checked in.")
        )
    language = _language(registration.user)
    number = certificate_number(registration)
    issued_at = now or timezone.now()
    # Rendered before the transaction: no lock is held while WeasyPrint works.
    pdf = render_certificate(registration, language, number=number, issued_at=issued_at)
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        existing = Certificate.objects.filter(registration=locked).first()
        if existing is not None:
            return existing, False
        if locked.attendance != Registration.Attendance.PRESENT:
            raise DomainError(
                _("A certificate of attendance is only issued to people who were checked in.")
            )
        certificate = Certificate(
            registration=locked,
            number=number,
            language=language,
            issued_at=issued_at,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        certificate.pdf.save(_file_name(certificate), ContentFile(pdf), save=False)
        certificate.full_clean()
        certificate.save()
        audit.record(
            actor=actor,
            obj=locked,
            action="training_certificate_issued",
            after={"number": number, "language": language},
        )
        transaction.on_commit(lambda: _send_ready(locked.pk))
    return certificate, True


def issue_certificate(*, actor, registration: Registration, now=None) -> Certificate:
    """The certificate of a checked-in participant, issued now unless it exists.

    The participant themself (downloading theirs) or the session's organisers may issue it."""
    if not may_download(actor, registration):
        raise PermissionDenied
    certificate, _new = _issue(registration, actor=actor, now=now)
    return certificate


def certificate_pdf(certificate: Certificate) -> bytes:
    """The stored PDF (rendered again in its language should the file be lost)."""
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as stored:
                return stored.read()
        except FileNotFoundError:
            logger.warning("Certificate file %s is missing; rendering it again", certificate.pdf)
    registration = _registration(certificate.registration)
    return render_certificate(
        registration,
        certificate.language,
        number=certificate.number,
        issued_at=certificate.issued_at,
    )


# --- a whole session -------------------------------------------------------------------------


def participants_present(session: TrainingSession):
    return Registration.objects.filter(
        session=session, attendance=Registration.Attendance.PRESENT
    ).order_by("pk")


def running_batch(session: TrainingSession) -> CertificateBatch | None:
    return (
        CertificateBatch.objects.filter(
            session=session,
            status__in=(CertificateBatch.Status.QUEUED, CertificateBatch.Status.RUNNING),
        )
        .order_by("-created_at")
        .first()
    )


def issue_all(*, actor, session: TrainingSession) -> CertificateBatch:
    """Queue the certificates of everyone checked in to `session` as one background batch.

    While a batch of the session is still waiting or running, that batch is returned."""
    from ..tasks import issue_certificates

    if not (actor and actor.has_perm(ISSUE, session)):
        raise PermissionDenied
    if session.starts_at > timezone.now():
        raise DomainError(_("Certificates can be issued once the session has started."))
    total = participants_present(session).count()
    if not total:
        raise DomainError(
            _("Nobody has been checked in as present yet, so there is no certificate to issue.")
        )
    with transaction.atomic():
        TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        running = running_batch(session)
        if running is not None:
            return running
        batch = CertificateBatch.objects.create(session=session, total=total, created_by=actor)
        audit.record(
            actor=actor,
            obj=session,
            action="training_certificates_queued",
            after={"total": total},
        )

        def enqueue():
            result = issue_certificates.enqueue(batch.pk)
            CertificateBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id)[:64])

        # The worker must see the committed batch; the task takes its id, never the object.
        transaction.on_commit(enqueue)
    return batch


def run_batch(batch_id: int) -> None:
    """Issue the certificates of a batch one by one, counting progress (the task calls it)."""
    batch = CertificateBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.status in (CertificateBatch.Status.FINISHED, CertificateBatch.Status.FAILED):
        return
    taken = CertificateBatch.objects.filter(
        pk=batch_id,
        status__in=(CertificateBatch.Status.QUEUED, CertificateBatch.Status.RUNNING),
    ).update(status=CertificateBatch.Status.RUNNING, done=0, failed=0, error="")
    if not taken:
        return
    registrations = list(participants_present(batch.session_id).select_related("user"))
    CertificateBatch.objects.filter(pk=batch_id).update(total=len(registrations))
    failures = []
    try:
        for registration in registrations:
            try:
                _issue(registration, actor=batch.created_by)
            except Exception as error:  # noqa: BLE001 – one bad certificate must not stop the rest
                logger.exception("Certificate for registration %s failed", registration.pk)
                failures.append(f"{registration.user}: {error}")
                CertificateBatch.objects.filter(pk=batch_id).update(
                    failed=F("failed") + 1, error="\n".join(failures)
                )
            else:
                CertificateBatch.objects.filter(pk=batch_id).update(done=F("done") + 1)
    except Exception as error:
        CertificateBatch.objects.filter(pk=batch_id).update(
            status=CertificateBatch.Status.FAILED,
            error="\n".join([*failures, str(error)]),
            finished_at=timezone.now(),
        )
        raise
    batch.refresh_from_db()
    all_failed = batch.total and batch.failed >= batch.total
    CertificateBatch.objects.filter(pk=batch_id).update(
        status=CertificateBatch.Status.FAILED if all_failed else CertificateBatch.Status.FINISHED,
        finished_at=timezone.now(),
    )
