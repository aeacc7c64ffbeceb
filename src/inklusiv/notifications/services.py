"""Writes of the notifications app: sending (notify), preferences, unsubscribing, the inbox
and the daily digest. `notify` is the one way the product sends a mail."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from inklusiv.core import audit
from inklusiv.core.exceptions import DomainError
from inklusiv.core.mail import one_line, render_mail, send_templated_mail

from . import kinds, tokens
from .models import Notification, OptOut, Preference

Choice = Preference.Choice


def choice_for(user, kind: kinds.Kind) -> str:
    """The delivery this person chose for kind, within what the kind allows."""
    stored = (
        Preference.objects.filter(user=user, kind=kind.key).values_list("choice", flat=True).first()
    )
    return stored if stored in kind.choices else Choice.IMMEDIATELY


def _unsubscribe_headers(url: str) -> dict:
    # RFC 8058: a mail client may POST "List-Unsubscribe=One-Click" to the https link.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def notify(
    *,
    kind: str,
    recipients: Iterable,
    context: dict,
    attachments=(),
    language: str | None = None,
    actor=None,
    obj=None,
    extra_headers: dict | None = None,
    link: str = "",
) -> int:
    """Tell each recipient (a User, or a bare e-mail address of someone without an account).

    A user gets an inbox entry and, as their preference says, the mail now, in the daily digest
    or not at all; a bare address always gets it now unless it opted out by its link. Optional
    kinds carry one-click List-Unsubscribe headers. Returns the number of mails sent now.
    `language` is for bare addresses (users get theirs); `link` is where the inbox entry leads.
    `actor` and `obj` (who caused it, about what) are part of the agreed signature; the caller's
    own audit entry records them, so nothing here stores them yet.
    """
    the_kind = kinds.get(kind)
    sent = 0
    for recipient in recipients:
        user = None if isinstance(recipient, str) else recipient
        email = recipient if user is None else user.email
        if not email:
            continue
        mail_language = (user.language if user is not None else language) or "de"
        headers = dict(extra_headers or {})
        unsubscribe = ""
        if the_kind.optional:
            unsubscribe = tokens.unsubscribe_url(
                kind=kind, language=mail_language, user=user, email=email
            )
            headers.update(_unsubscribe_headers(unsubscribe))
        if user is None:
            choice = Choice.IMMEDIATELY
            if OptOut.objects.filter(email__iexact=email, kind=kind).exists():
                choice = Choice.OFF
        else:
            choice = choice_for(user, the_kind)
        if choice == Choice.OFF and user is None:
            continue
        rendered = render_mail(
            template=the_kind.template,
            context={**context, "unsubscribe_url": unsubscribe},
            language=mail_language,
        )
        if user is not None:
            Notification.objects.create(
                user=user,
                kind=kind,
                subject=one_line(rendered[0])[:300],
                body=rendered[1],
                link=link[:500],
                language=mail_language,
                delivery={
                    Choice.IMMEDIATELY: Notification.Delivery.SENT,
                    Choice.DIGEST: Notification.Delivery.DIGEST,
                    Choice.OFF: Notification.Delivery.NONE,
                }[choice],
            )
        if choice != Choice.IMMEDIATELY:
            continue
        send_templated_mail(
            template=the_kind.template,
            to=[email],
            context=context,
            language=mail_language,
            attachments=attachments,
            headers=headers,
            rendered=rendered,
        )
        sent += 1
    return sent


# --- Preferences and unsubscribing ---------------------------------------------------------


def set_preference(*, actor, user, kind: str, choice: str) -> Preference:
    """Store how user wants kind; only the person themself, and only a choice the kind allows."""
    if actor is not None and actor.pk != user.pk:
        raise DomainError(_("You can only change your own notifications."))
    the_kind = kinds.get(kind)
    if choice not in the_kind.choices:
        raise DomainError(
            _("“%(kind)s” cannot be set to this delivery.") % {"kind": the_kind.label},
            field=kind,
        )
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(
            user=user, kind=kind
        )
        before = preference.choice
        if before != choice or _created:
            preference.choice = choice
            preference.full_clean()
            preference.save(update_fields=["choice", "updated_at"])
            if before != choice:
                audit.record(
                    actor=actor,
                    obj=preference,
                    action="notification_preference_changed",
                    before={"kind": kind, "choice": before},
                    after={"kind": kind, "choice": choice},
                )
    return preference


class InvalidToken(Exception):
    """The unsubscribe link is tampered with, foreign, or names what cannot be switched off."""


def subscriber_for(token: str) -> tokens.Subscriber:
    """Who and what a link would unsubscribe; InvalidToken if it is not a valid link."""
    try:
        subscriber = tokens.read_token(token)
        kind = kinds.get(subscriber.kind)
    except (signing.BadSignature, LookupError) as error:
        raise InvalidToken from error
    if not kind.optional:
        raise InvalidToken
    if subscriber.user_id is not None:
        from inklusiv.accounts.models import User

        if not User.objects.filter(pk=subscriber.user_id, is_active=True).exists():
            raise InvalidToken
    return subscriber


def unsubscribe(*, token: str) -> tokens.Subscriber:
    """One-click opt-out by a signed link, without signing in (RFC 8058)."""
    subscriber = subscriber_for(token)
    if subscriber.user_id is not None:
        from inklusiv.accounts.models import User

        user = User.objects.get(pk=subscriber.user_id)
        with transaction.atomic():
            preference = set_preference(actor=None, user=user, kind=subscriber.kind, choice="off")
            audit.record(
                actor=None,
                obj=preference,
                action="notification_unsubscribed",
                after={"kind": subscriber.kind, "by": "link"},
            )
        return subscriber
    with transaction.atomic():
        opt_out, created = OptOut.objects.get_or_create(
            email=subscriber.email, kind=subscriber.kind
        )
        if created:
            audit.record(
                actor=None,
                obj=opt_out,
                action="notification_unsubscribed",
                after={"kind": subscriber.kind, "by": "link"},
            )
    return subscriber


# --- Inbox ---------------------------------------------------------------------------------


def mark_read(*, actor, notification: Notification) -> None:
    if notification.user_id != actor.pk:
        raise DomainError(_("This notification is not yours."))
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def mark_all_read(*, actor) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Daily digest --------------------------------------------------------------------------


def _start_of_day(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def send_digest(*, user, now: datetime.datetime | None = None) -> bool:
    """One mail with user's waiting notifications; at most one a day (Europe/Berlin)."""
    now = now or timezone.now()
    known_kinds = {kind.key: kind for kind in kinds.all_kinds()}
    with transaction.atomic():
        # The lock on the person's waiting rows keeps two digest runs from both sending.
        pending = list(
            Notification.objects.select_for_update()
            .filter(user=user, delivery=Notification.Delivery.DIGEST)
            .order_by("created_at", "pk")
        )
        if not pending:
            return False
        if Notification.objects.filter(user=user, digest_sent_at__gte=_start_of_day(now)).exists():
            return False
        # What waits of a kind the person has switched off since stays in the inbox only.
        switched_off = [
            item.pk
            for item in pending
            if item.kind in known_kinds and choice_for(user, known_kinds[item.kind]) == Choice.OFF
        ]
        if switched_off:
            Notification.objects.filter(pk__in=switched_off).update(
                delivery=Notification.Delivery.NONE
            )
            pending = [item for item in pending if item.pk not in switched_off]
            if not pending:
                return False
        with translation.override(user.language):
            inbox_url = settings.SITE_URL + reverse("notifications:inbox")
            settings_url = settings.SITE_URL + reverse("notifications:settings")
            items = [
                {
                    "subject": item.subject,
                    "body": item.body,
                    "label": str(known_kinds[item.kind].label) if item.kind in known_kinds else "",
                    "url": settings.SITE_URL + reverse("notifications:detail", args=[item.pk]),
                }
                for item in pending
            ]
        Notification.objects.filter(pk__in=[item.pk for item in pending]).update(
            delivery=Notification.Delivery.DIGEST_SENT, digest_sent_at=now
        )
        send_templated_mail(
            template="notifications/email/digest",
            to=[user.email],
            context={
                "user": user,
                "items": items,
                "count": len(items),
                "inbox_url": inbox_url,
                "settings_url": settings_url,
            },
            language=user.language,
        )
    return True


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """The daily digest for everyone with waiting notifications; returns the mails sent.

    Safe to run more than once a day: whoever already got today's digest gets nothing more."""
    from inklusiv.accounts.models import User

    now = now or timezone.now()
    users = User.objects.filter(
        is_active=True, notifications__delivery=Notification.Delivery.DIGEST
    ).distinct()
    return sum(send_digest(user=user, now=now) for user in users.order_by("pk"))
