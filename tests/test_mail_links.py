"""Every link in every mail of the demo's outbox opens for the person it was sent to: signed in
where the addressee has an account, anonymously where they have none (a partner reaches the
agenda and the calendar file by the secret token of their seat, as the poll does)."""

import re
from html import unescape
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase
from django.urls import reverse

from inklusiv.accounts.models import User
from inklusiv.demo import load as load_demo
from inklusiv.trainings.models import TrainingSession

pytestmark = pytest.mark.django_db

LINK = re.compile(r"""https?://[^\s"'<>]+""")


@pytest.fixture(scope="module")
def outbox(django_db_setup, django_db_blocker):
    """The demo's mails, loaded once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            load_demo()
        # The account mails too: a password reset for someone of the applicant's side and
        # for a member of staff (who signs in with two factors).
        for user in (
            User.objects.filter(memberships__isnull=False).order_by("pk").first(),
            User.objects.filter(role_grants__role="funder_staff").order_by("pk").first(),
        ):
            Client().post(reverse("account_reset_password"), {"email": user.email})
        yield SimpleNamespace(messages=mail.outbox[:])
        transaction.set_rollback(True)


def _bodies(message) -> list[str]:
    bodies = [message.body]
    bodies += [
        unescape(content)
        for content, mimetype in getattr(message, "alternatives", [])
        if mimetype == "text/html"
    ]
    return bodies


def _links(message) -> set[str]:
    return {link.rstrip(".,;:)") for body in _bodies(message) for link in LINK.findall(body)}


def _pairs(messages) -> list[tuple[str, str, str]]:
    """(addressee, link, subject) once each; a mail to several people counts for each."""
    pairs = set()
    for message in messages:
        for addressee in message.to:
            for link in _links(message):
                pairs.add((addressee.lower(), link, message.subject))
    return sorted(pairs)


def test_the_demo_sends_mails_with_links(outbox):
    # The test below must have something to follow: invitations, polls and letters at least.
    pairs = _pairs(outbox.messages)
    assert len(pairs) > 100
    assert any("/visits/" in link for _to, link, _subject in pairs)
    assert any("/accounts/password/reset/" in link for _to, link, _subject in pairs)


def test_every_link_in_every_mail_opens_for_its_addressee(outbox):
    login_path = reverse("account_login")
    users = {user.email.lower(): user for user in User.objects.filter(is_active=True)}
    clients: dict[tuple[str, bool], Client] = {}
    failures = []
    # The one link that leaves the platform: an online training's room, sent to people with a
    # seat (the conference service answers it, not this server).
    rooms = set(
        TrainingSession.objects.exclude(online_link="").values_list("online_link", flat=True)
    )
    for addressee, link, subject in _pairs(outbox.messages):
        if link in rooms:
            continue
        # The platform's own mails link SITE_URL; allauth's use the requesting host.
        assert link.startswith((settings.SITE_URL, "http://testserver/")), (link, subject)
        parts = urlsplit(link)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        # Whoever asks to reset their password is signed out, so they follow it anonymously.
        signed_in = addressee in users and "/accounts/" not in path
        key = (addressee, signed_in)
        client = clients.get(key)
        if client is None:
            client = clients[key] = Client()
            if signed_in:
                client.force_login(users[addressee])
        response = client.get(path, follow=True)
        final = response.request["PATH_INFO"]
        if response.status_code != 200 or final.endswith(login_path):
            failures.append(f"{response.status_code} {final} ← {path} for {addressee} ({subject})")
    assert not failures, f"{len(failures)} links fail:\n" + "\n".join(failures[:40])
