"""Every mail leaves with headers a mail client reads correctly: a local, aware Date, a
Message-ID on the site's host, Auto-Submitted, a subject that folds without a leading space,
and no header a user's line break could have started. Checked on the bytes sent."""

import email
import email.policy
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from inklusiv.core.mail import send_templated_mail

pytestmark = pytest.mark.django_db

LONG_ORGANISATION = (
    "Förderverein für Teilhabe und Begegnung im Stadtteil Gröpelingen-Süd gemeinnützige e. V."
)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://inklusiv.example.org"


def _sent(message) -> email.message.EmailMessage:
    """The message as a receiving mail client parses it from the wire."""
    raw = message.message().as_bytes(linesep="\r\n")
    return email.message_from_bytes(raw, policy=email.policy.default)


def _invitation(organisation: str):
    return send_templated_mail(
        template="accounts/email/invitation",
        to=["petra@verein.example"],
        language="de",
        context={
            "user": {"name": "Petra Lang", "email": "petra@verein.example"},
            "inviter": "Miriam Albers",
            "organisation": organisation,
            "link": "https://inklusiv.example.org/de/",
        },
    )


def test_long_german_subject_folds_without_a_leading_space():
    parsed = _sent(_invitation(LONG_ORGANISATION))

    assert parsed["Subject"] == f"Einladung zu {LONG_ORGANISATION} bei Inklusiv"
    raw = _invitation(LONG_ORGANISATION).message().as_bytes(linesep="\r\n")
    first_line = next(line for line in raw.split(b"\r\n") if line.startswith(b"Subject:"))
    assert first_line.strip() != b"Subject:", "the subject's first line must not be empty"
    assert max(len(line) for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n")) <= 78


def test_date_is_local_and_aware():
    before = datetime.now(ZoneInfo("Europe/Berlin")).replace(microsecond=0)
    parsed = _sent(_invitation("Verein"))
    assert not parsed["Date"].endswith("-0000")
    sent_at = parsed["Date"].datetime
    assert sent_at.utcoffset() == before.utcoffset()
    assert abs((sent_at - before).total_seconds()) < 60


def test_message_id_names_the_site_host_and_the_mail_says_it_is_automatic():
    parsed = _sent(_invitation("Verein"))
    assert parsed["Message-ID"].endswith("@inklusiv.example.org>")
    assert parsed["Auto-Submitted"] == "auto-generated"


def test_line_break_in_user_data_never_starts_a_header():
    parsed = _sent(_invitation("Petra\r\nBcc: spy@evil.example"))
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Einladung zu Petra Bcc: spy@evil.example bei Inklusiv"
    assert "\n" not in parsed["Subject"]


def test_allauth_mails_carry_the_same_headers(client, applicant):
    mail.outbox = []
    response = client.post(
        reverse("account_reset_password"), {"email": applicant.email}, follow=False
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    parsed = _sent(message)
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Message-ID"].endswith("@inklusiv.example.org>")
    assert not parsed["Date"].endswith("-0000")
