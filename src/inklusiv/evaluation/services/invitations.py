"""Distributing an open survey: personal invitations by e-mail and reminders, and the web
address of a region's public link.

A personal link's token exists only in the mail: the invitation keeps its hash, so nobody
with access to the database can answer in someone's name. A reminder therefore needs a new
token (the old link stops working, and the reminder says so).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.mail import send_templated_mail
from inklusiv.core.permissions import require

from ..models import Invitation, PublicLink, Survey
from ..tokens import hash_token, new_token

PERM = "evaluation.manage_surveys"
# Nobody gets more than one reminder a week.
REMIND_AFTER = datetime.timedelta(days=7)
TEMPLATE = "evaluation/email/invitation"


def answer_url(token: str) -> str:
    """The absolute address that opens the survey for a token (public or personal)."""
    with translation.override("de"):
        return settings.SITE_URL + reverse("evaluation:answer_start", args=[token])


def public_link_url(link: PublicLink) -> str:
    return answer_url(link.token)


def split_addresses(text: str) -> tuple[list[str], list[str]]:
    """(valid addresses, invalid entries) of a list written one per line or comma-separated;
    valid ones lower-cased and each only once, in the order given."""
    valid, invalid = [], []
    for entry in text.replace(";", ",").replace("\n", ",").split(","):
        entry = entry.strip()
        if not entry:
            continue
        try:
            validate_email(entry)
        except ValidationError:
            invalid.append(entry)
        else:
            if entry.lower() not in valid:
                valid.append(entry.lower())
    return valid, invalid


def _mail(invitation: Invitation, token: str, *, reminder: bool) -> None:
    survey = invitation.survey
    context = {
        "survey_title": survey.title,
        "intro": survey.intro,
        "link": answer_url(token),
        "closes_on": survey.closes_on,
        "anonymous": survey.anonymous,
        "reminder": reminder,
    }
    address = invitation.email
    transaction.on_commit(
        lambda: send_templated_mail(template=TEMPLATE, to=[address], context=context, language="de")
    )


def invite(*, actor, survey: Survey, region, emails: list[str]) -> list[Invitation]:
    """Invite each address once to an open survey; addresses already invited are skipped (the
    caller reports them). Returns the new invitations."""
    require(actor, PERM, survey)
    addresses = []
    for email in emails:
        email = (email or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(
                _("“%(email)s” is not an e-mail address.") % {"email": email}, field="emails"
            ) from None
        if email not in addresses:
            addresses.append(email)
    if not addresses:
        raise DomainError(_("Please give at least one e-mail address."), field="emails")
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status != Survey.Status.OPEN:
            raise DomainError(_("Invitations can only be sent while the survey is open."))
        if not locked.regions.filter(pk=region.pk).exists():
            raise DomainError(_("Please choose one of the survey's pilot regions."), field="region")
        taken = set(
            Invitation.objects.filter(survey=locked, email__in=addresses).values_list(
                "email", flat=True
            )
        )
        now = timezone.now()
        created, tokens = [], []
        for email in addresses:
            if email in taken:
                continue
            token = new_token()
            tokens.append(token)
            created.append(
                Invitation(
                    survey=locked,
                    region=region,
                    email=email,
                    token_hash=hash_token(token),
                    sent_at=now,
                    sent_by=actor,
                )
            )
        Invitation.objects.bulk_create(created)
        for invitation, token in zip(created, tokens, strict=True):
            invitation.survey = locked
            _mail(invitation, token, reminder=False)
        if created:
            audit.record(
                actor=actor,
                obj=locked,
                action="evaluation_invitations_sent",
                after={"region": region.pk, "count": len(created)},
            )
    return created


def due_for_reminder(survey: Survey, *, now=None):
    """Invitations not completed whose last mail is at least a week old."""
    limit = (now or timezone.now()) - REMIND_AFTER
    return (
        Invitation.objects.filter(survey=survey)
        .exclude(status=Invitation.Status.COMPLETED)
        .filter(Q(reminded_at__lte=limit) | Q(reminded_at__isnull=True, sent_at__lte=limit))
    )


def remind(*, actor, survey: Survey) -> int:
    """Remind everyone invited who has not completed the survey and heard from us at least a
    week ago: each gets a new personal link (only the hash is kept, so the old one cannot be
    sent again). Returns the number of reminders."""
    require(actor, PERM, survey)
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status != Survey.Status.OPEN:
            raise DomainError(_("Reminders can only be sent while the survey is open."))
        now = timezone.now()
        invitations = list(due_for_reminder(locked, now=now).select_for_update())
        for invitation in invitations:
            token = new_token()
            invitation.token_hash = hash_token(token)
            invitation.reminded_at = now
            invitation.survey = locked
            _mail(invitation, token, reminder=True)
        Invitation.objects.bulk_update(invitations, ["token_hash", "reminded_at"])
        if invitations:
            audit.record(
                actor=actor,
                obj=locked,
                action="evaluation_invitations_reminded",
                after={"count": len(invitations)},
            )
    return len(invitations)
