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
from inklusiv.core.demo import load_all

pytestmark = pytest.mark.django_db

LINK = re.compile(r"""https?://[^\s"'<>]+""")


@pytest.fixture(scope="module")
def outbox(django_db_setup, django_db_blocker):
    """The demo's mails, loaded once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            load_all()
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


def test_every_link_in_every_mail_opens_for_its_addressee(outbox):
    login_path = reverse("account_login")
    users = {user.email.lower(): user for user in User.objects.filter(is_active=True)}
    clients: dict[str, Client] = {}
    failures = []
    for addressee, link, subject in _pairs(outbox.messages):
        assert link.startswith(settings.SITE_URL), (link, subject)
        parts = urlsplit(link)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        client = clients.get(addressee)
        if client is None:
            client = clients[addressee] = Client()
            if addressee in users:
                client.force_login(users[addressee])
        response = client.get(path, follow=True)
        final = response.request["PATH_INFO"]
        if response.status_code != 200 or final.endswith(login_path):
            failures.append(f"{response.status_code} {final} ← {path} for {addressee} ({subject})")
    assert not failures, f"{len(failures)} links fail:\n" + "\n".join(failures[:40])
