"""Confirmation before mass or irreversible actions (letters, invitations, cancellations,
batch decisions, removals).

The first request (a POST from the button, or a GET link) only renders a page that says
exactly what will happen and to whom; the action runs on a second POST that carries the
`confirm` field. Its value is a keyed hash of the affected objects, so a selection that
changed between the two requests (a new decision, one more person invited) is shown again
instead of being acted on unseen. Without JavaScript, like every page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac

FIELD = "confirm"
_SALT = "inklusiv.core.confirmation"
# Fields of the first POST that the confirmation page must not carry over.
_NOT_CARRIED = {"csrfmiddlewaretoken", FIELD}


def token(scope: str, ids: Iterable = ()) -> str:
    """The confirm value for acting on `ids` under `scope` (e.g. "letters:stage-4")."""
    payload = scope + ":" + ",".join(sorted(str(value) for value in ids))
    return salted_hmac(_SALT, payload).hexdigest()[:32]


def is_confirmed(request: HttpRequest, scope: str, ids: Iterable = ()) -> bool:
    """Whether this is the second POST, confirming exactly this selection."""
    given = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return bool(given) and constant_time_compare(given, token(scope, ids))


def selection_changed(request: HttpRequest) -> bool:
    """A confirm value was sent but no longer matches: what it confirmed has changed."""
    return request.method == "POST" and bool(request.POST.get(FIELD))


@dataclass
class Confirmation:
    """What the confirmation page shows: the question as its heading, what happens, whom it
    reaches, and the two ways out (do it / cancel)."""

    question: str
    action: str
    cancel_url: str
    scope: str
    ids: Iterable = ()
    explanation: list[str] = field(default_factory=list)
    items_heading: str = ""
    items: list[str] = field(default_factory=list)
    preview_url: str = ""
    preview_label: str = ""
    context_line: str = ""
    # The first POST's fields (e.g. the reasons of a batch decision), sent again on confirm.
    carried: list[tuple[str, str]] = field(default_factory=list)

    @property
    def token(self) -> str:
        return token(self.scope, self.ids)


def carried_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """The fields of the first POST to send along with the confirmation."""
    if request.method != "POST":
        return []
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CARRIED
        for value in values
    ]


def render_page(request: HttpRequest, confirmation: Confirmation) -> HttpResponse:
    """The confirmation page; its form posts back to the URL that was asked."""
    if not confirmation.carried:
        confirmation.carried = carried_fields(request)
    return render(
        request,
        "core/confirm.html",
        {"confirmation": confirmation, "changed": selection_changed(request)},
    )


def for_page(scope: str, ids: Iterable = ()) -> Confirmation:
    """For a page that is itself the question (e.g. "Remove this partner?"): its form
    includes core/includes/confirm_fields.html with this, and the view acts only when
    is_confirmed() holds, so a POST from anywhere else just shows the page."""
    return Confirmation(question="", action="", cancel_url="", scope=scope, ids=list(ids))
