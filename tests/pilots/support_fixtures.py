"""Helpers of the process-support and yearly-report tests: people's clients, every URL of the
two parts, and following the links of a mail as its addressee."""

import datetime
import re
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client, TestCase
from django.urls import reverse

from inklusiv.pilots.services import support

LINK = re.compile(r"""https?://[^\s"'<>]+""")
NOTE = "Vertraulich: Konflikt zwischen Verwaltung und Verein XYZ-4711"
MEMBERS = ("coordinator", "editor", "steering", "reader")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def a_session(world, *, held_on=datetime.date(2017, 5, 10), note=NOTE, **extra):
    return support.log_session(
        actor=world.coach,
        region=world.region,
        held_on=held_on,
        format="on_site",
        topics=extra.pop("topics", "Aufbau der Steuerungsgruppe"),
        participants="Koordination, Verwaltung",
        agreements="Geschäftsordnung bis Juni",
        next_steps="Entwurf verschicken",
        internal_note=note,
        **extra,
    )


def mail_links(message) -> set[str]:
    bodies = [message.body] + [
        unescape(content)
        for content, mimetype in getattr(message, "alternatives", [])
        if mimetype == "text/html"
    ]
    return {link.rstrip(".,;:)") for body in bodies for link in LINK.findall(body)}


def assert_links_open_for(message, user) -> None:
    """Every link of the mail (but the unsubscribe link) opens, signed in, for user."""
    client = client_for(user)
    links = [link for link in mail_links(message) if "/unsubscribe/" not in link]
    assert links, message.body
    for link in links:
        assert link.startswith(settings.SITE_URL), link
        parts = urlsplit(link)
        response = client.get(parts.path, follow=True)
        assert response.status_code == 200, (link, response.status_code)
        assert not response.request["PATH_INFO"].endswith(reverse("account_login"))


def committed():
    """Run what the services leave for after the commit (their mails) at the block's end."""
    return TestCase.captureOnCommitCallbacks(execute=True)
