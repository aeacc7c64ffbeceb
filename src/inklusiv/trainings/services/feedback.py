"""Anonymous feedback on a session: the questionnaire's answers and the request to give it.

An answer names its session and the day it was given, never its author: whether a person has
answered is kept on their registration (feedback_given, to refuse a second answer), set in the
same transaction as the answer is stored, and nothing else links the two. Submitting is
therefore not written to the audit log either: an entry with its actor and its moment would
be exactly the link the model leaves out.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusiv.core.exceptions import DomainError

from ..models import FeedbackResponse, Registration, TrainingSession
from . import mails

GIVE = "trainings.give_feedback"
# Sessions that ended longer ago are not asked any more (a first run after an outage, or on
# imported old sessions, must not mail people about trainings of years ago).
REQUEST_WITHIN = timedelta(days=30)


def refusal(registration: Registration, *, now=None) -> str | None:
    """Why the registration's owner may not answer (yet), or None when they may."""
    now = now or timezone.now()
    if not registration.attended:
        return _("Only participants who were checked in can give feedback on the training.")
    if registration.session.starts_at > now:
        return _("You can give feedback once the training has started.")
    if registration.feedback_given:
        return _("You have already given your feedback on this training. Thank you!")
    return None


def submit(*, actor, registration: Registration, data: dict, now=None) -> FeedbackResponse:
    """Store one anonymous answer of the registration's owner (once per registration).

    `data` holds the ratings (FeedbackResponse.RATINGS, 1–5) and the texts `liked` and
    `improve`."""
    if not (actor and actor.has_perm(GIVE, registration)):
        raise PermissionDenied
    now = now or timezone.now()
    problem = refusal(registration, now=now)
    if problem:
        raise DomainError(problem)
    values = {}
    for name in FeedbackResponse.RATINGS:
        try:
            value = int(data.get(name))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise DomainError(_("Please choose a rating from 1 to 5."), field=name)
        values[name] = value
    for name in ("liked", "improve"):
        values[name] = (data.get(name) or "").strip()
    with transaction.atomic():
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.feedback_given:
            raise DomainError(
                _("You have already given your feedback on this training. Thank you!")
            )
        response = FeedbackResponse(
            session_id=locked.session_id, answered_on=timezone.localdate(now), **values
        )
        response.full_clean()
        response.save()
        locked.feedback_given = True
        locked.save(update_fields=["feedback_given"])
    registration.feedback_given = True
    return response


# --- asking for it ---------------------------------------------------------------------------


def feedback_url(registration: Registration, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("trainings:feedback", args=[registration.pk])


def request_feedback(*, now=None) -> int:
    """Ask the checked-in participants of every session that has ended for their feedback,
    once per session. Returns the number of people asked."""
    now = now or timezone.now()
    due = TrainingSession.objects.filter(
        ends_at__lte=now,
        ends_at__gt=now - REQUEST_WITHIN,
        feedback_requested_at__isnull=True,
        status=TrainingSession.Status.SCHEDULED,
    ).values_list("pk", flat=True)
    asked = 0
    for session_id in list(due):
        with transaction.atomic():
            # Taken under the lock: two cron runs at once ask each session once.
            session = (
                TrainingSession.objects.select_for_update()
                .filter(pk=session_id, feedback_requested_at__isnull=True)
                .first()
            )
            if session is None:
                continue
            session.feedback_requested_at = now
            session.save(update_fields=["feedback_requested_at"])
            registrations = list(
                Registration.objects.filter(
                    session=session,
                    attendance=Registration.Attendance.PRESENT,
                    feedback_given=False,
                    user__is_active=True,
                ).select_related("user", "session__course")
            )

            def send(registrations=registrations):
                for registration in registrations:
                    language = (registration.user.language or "de")[:2]
                    mails.send(
                        "trainings.feedback_request",
                        registration,
                        feedback_url=feedback_url(registration, language),
                    )

            transaction.on_commit(send)
            asked += len(registrations)
    return asked
