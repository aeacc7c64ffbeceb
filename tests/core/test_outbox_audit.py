"""The outbox shows Berlin time like the mails themselves, and every reading of it is on
record (mails carry personal data: DESIGN.md asks for views of personal data to be logged)."""

from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from inklusiv.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_urls():
    """reverse() follows the active language, which a request to an /en/ page leaves behind;
    every test here starts from German, the default, and leaves it so."""
    with translation.override("de"):
        yield


OLD_STYLE = b"""Content-Type: text/plain; charset="utf-8"
MIME-Version: 1.0
Content-Transfer-Encoding: 8bit
Subject: Ihre Bewerbung KI-2026-0007 ist eingegangen
From: Inklusiv <noreply@inklusiv.example>
To: antrag@verein.example
Date: Fri, 04 Dec 2026 12:55:00 -0000
Message-ID: <1.2.3@localhost>

Guten Tag Katrin Lehmann,
"""


@pytest.fixture
def outbox_dir(settings):
    settings.EMAIL_BACKEND = "inklusiv.core.mail.OutboxEmailBackend"
    path = Path(settings.EMAIL_OUTBOX_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def test_utc_dated_mail_is_shown_in_berlin_time(client, staff, outbox_dir):
    (outbox_dir / "20261204-125500-aaaaaaaaaaaa.eml").write_bytes(OLD_STYLE)
    client.force_login(staff)

    listing = client.get(reverse("core:outbox")).content.decode()
    assert "13:55" in listing and "12:55" not in listing

    page = client.get(reverse("core:outbox_message", args=["20261204-125500-aaaaaaaaaaaa.eml"]))
    assert "13:55" in page.content.decode() and "12:55" not in page.content.decode()


def test_mail_sent_now_reads_back_with_the_time_it_was_sent(client, staff, outbox_dir):
    from django.utils import timezone

    mail.EmailMessage("Hallo", "Text", to=["a@verein.example"]).send()
    client.force_login(staff)
    listing = client.get(reverse("core:outbox")).content.decode()
    assert f"{timezone.localtime():%H:%M}" in listing


def test_listing_and_reading_the_outbox_are_audited(client, staff, outbox_dir):
    (outbox_dir / "20261204-125500-aaaaaaaaaaaa.eml").write_bytes(OLD_STYLE)
    client.force_login(staff)

    assert client.get(reverse("core:outbox")).status_code == 200
    listed = AuditEntry.objects.get(action="outbox_listed")
    assert listed.actor == staff
    assert listed.after == {
        "messages": ["20261204-125500-aaaaaaaaaaaa.eml"],
        "recipients": ["antrag@verein.example"],
    }

    url = reverse("core:outbox_message", args=["20261204-125500-aaaaaaaaaaaa.eml"])
    assert client.get(url).status_code == 200
    read = AuditEntry.objects.get(action="outbox_message_read")
    assert read.actor == staff
    assert read.after["messages"] == ["20261204-125500-aaaaaaaaaaaa.eml"]
    # The log says who read what, never the mail's text.
    assert "Guten Tag" not in str(read.after)


def test_refused_and_missing_reads_leave_no_entry(client, applicant, staff, outbox_dir):
    (outbox_dir / "20261204-125500-aaaaaaaaaaaa.eml").write_bytes(OLD_STYLE)
    client.force_login(applicant)
    assert client.get(reverse("core:outbox")).status_code == 403
    url = reverse("core:outbox_message", args=["20261204-125500-aaaaaaaaaaaa.eml"])
    assert client.get(url).status_code == 403

    client.force_login(staff)
    assert client.get(reverse("core:outbox_message", args=["nope.eml"])).status_code == 404
    assert not AuditEntry.objects.filter(action__startswith="outbox").exists()


def _entry_at(moment):
    from django.contrib.contenttypes.models import ContentType

    entry = AuditEntry.objects.create(
        actor_label="Miriam Albers",
        content_type=ContentType.objects.get_for_model(AuditEntry),
        object_id="1",
        object_label="Bewerbung KI-2026-0007",
        action="application_viewed",
    )
    AuditEntry.objects.filter(pk=entry.pk).update(created_at=moment)
    return entry


def test_english_audit_log_shows_european_dates_and_a_24_hour_clock(client, staff):
    from datetime import UTC, datetime

    _entry_at(datetime(2026, 12, 4, 12, 55, tzinfo=UTC))
    client.force_login(staff)
    with translation.override("en"):
        url = reverse("core:audit_log")
    page = client.get(url).content.decode()
    assert "4 Dec 2026, 13:55" in page
    assert "p.m." not in page and "Dec. 4" not in page and "12/04/2026" not in page


def test_english_formats_hold_on_every_page():
    from datetime import UTC, datetime

    from django.utils import formats

    moment = datetime(2026, 12, 4, 12, 55, tzinfo=UTC)
    with translation.override("en"):
        local = timezone_local(moment)
        assert formats.date_format(local, "DATETIME_FORMAT") == "4 December 2026, 13:55"
        assert formats.date_format(local, "DATE_FORMAT") == "4 December 2026"
        assert formats.time_format(local, "TIME_FORMAT") == "13:55"
    with translation.override("de"):
        assert formats.date_format(timezone_local(moment), "DATETIME_FORMAT") == (
            "4. Dezember 2026 13:55"
        )


def timezone_local(moment):
    from django.utils import timezone

    return timezone.localtime(moment)


VALID_DATETIME = r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00">'


def test_time_elements_carry_no_microseconds(client, staff, outbox_dir):
    import re
    from datetime import UTC, datetime

    from django.template.loader import render_to_string

    html = render_to_string(
        "applications/includes/timeline.html",
        {
            "events": [
                {
                    "at": datetime(2026, 12, 4, 12, 55, 7, 123456, tzinfo=UTC),
                    "who": "Katrin Lehmann",
                    "what": "eingereicht",
                    "reason": "",
                }
            ]
        },
    )
    assert '<time datetime="2026-12-04T13:55:07+01:00">' in html

    (outbox_dir / "20261204-125500-aaaaaaaaaaaa.eml").write_bytes(OLD_STYLE)
    client.force_login(staff)
    for url in (
        reverse("core:outbox"),
        reverse("core:outbox_message", args=["20261204-125500-aaaaaaaaaaaa.eml"]),
    ):
        page = client.get(url).content.decode()
        times = re.findall(r"<time [^>]*>", page)
        assert times and all(re.fullmatch(VALID_DATETIME, tag) for tag in times), times
