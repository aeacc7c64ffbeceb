"""The registry of notification kinds: every e-mail the product sends is one registered kind.

Each app registers its kinds in `<app>/notification_kinds.py`, imported from its
AppConfig.ready(), so this app never imports an app further up the story (DESIGN.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    key: str  # "selection.review_reminder"
    label: str  # lazy; shown on the preferences page
    audience: str  # lazy: who gets it
    template: str  # mail template prefix, as core.mail.send_templated_mail takes it
    # False: receipts, decisions, invitations with a legal or contractual weight cannot be
    # switched off: missing one would cost a person a deadline or a right.
    optional: bool = True
    # False: mails that must arrive at once (a calendar invitation) or carry an attachment that
    # a digest could not bundle.
    digestible: bool = True
    # Whether a person may get this kind at all, for the settings page (None: anyone may).
    receives: Callable[[object], bool] | None = None

    def shown_to(self, user) -> bool:
        return self.receives is None or bool(self.receives(user))

    @property
    def choices(self) -> list[str]:
        """The delivery choices a person may pick for this kind (see Preference.Choice)."""
        allowed = ["immediately"]
        if self.digestible:
            allowed.append("digest")
        if self.optional:
            allowed.append("off")
        return allowed


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind; registering the same key twice with other settings is a programming error."""
    existing = _kinds.get(kind.key)
    if existing is not None and existing != kind:
        raise ValueError(f"Notification kind {kind.key!r} is registered twice.")
    _kinds[kind.key] = kind
    return kind


def get(key: str) -> Kind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"Unknown notification kind {key!r}; register it first.") from None


def all_kinds() -> list[Kind]:
    """Every registered kind, in a stable order (by key)."""
    return [_kinds[key] for key in sorted(_kinds)]
