"""Signed one-click unsubscribe links: they work without signing in, and only for the kind and
person they were made for (django.core.signing, with a salt of their own)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

SALT = "inklusiv.notifications.unsubscribe"


@dataclass(frozen=True)
class Subscriber:
    """Who an unsubscribe token names: an account (user_id) or a bare e-mail address."""

    kind: str
    user_id: int | None = None
    email: str = ""


def make_token(*, kind: str, user=None, email: str = "") -> str:
    payload = {"k": kind, "u": user.pk} if user is not None else {"k": kind, "e": email.lower()}
    return signing.dumps(payload, salt=SALT)


def read_token(token: str) -> Subscriber:
    """The subscriber the token names; signing.BadSignature for a tampered or foreign token."""
    payload = signing.loads(token, salt=SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("k"), str):
        raise signing.BadSignature("Malformed unsubscribe token.")
    if isinstance(payload.get("u"), int):
        return Subscriber(kind=payload["k"], user_id=payload["u"])
    if isinstance(payload.get("e"), str) and payload["e"]:
        return Subscriber(kind=payload["k"], email=payload["e"])
    raise signing.BadSignature("Malformed unsubscribe token.")


def unsubscribe_url(*, kind: str, language: str, user=None, email: str = "") -> str:
    """The absolute one-click link, under the recipient's language prefix."""
    token = make_token(kind=kind, user=user, email=email)
    with translation.override(language):
        return settings.SITE_URL + reverse("notifications:unsubscribe", args=[token])
