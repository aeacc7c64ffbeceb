"""E-mail helpers: the demo's outbox backend and templated, per-language sending."""

from __future__ import annotations

import email
import email.policy
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import Header
from email.message import Message
from email.utils import format_datetime, make_msgid, parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation

# Line breaks, other C0/C1 control characters and the Unicode line and paragraph separators:
# none of them may reach a header line, where they would start a header of their own.
_HEADER_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(value) -> str:
    """value as a single header-safe line: every break or control character becomes a space."""
    return " ".join(_HEADER_BREAKS.sub(" ", str(value)).split())


def site_host() -> str:
    """The host name of SITE_URL, the right-hand side of our Message-IDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


class AutomaticEmail(EmailMultiAlternatives):
    """A mail the platform sends by itself, with the headers such a mail should carry.

    - Date in the local zone (Europe/Berlin) from an aware moment, not UTC with "-0000",
      which RFC 5322 reads as "time zone unknown";
    - Message-ID on the site's host instead of the machine's name (often "localhost");
    - Auto-Submitted: auto-generated (RFC 3834), so vacation responders stay silent;
    - a subject folded with the room "Subject: " takes, so it never decodes with a leading
      space, and subject and headers reduced to one line whatever user data went into them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = one_line(self.subject)
        self.extra_headers = {
            name: one_line(value) for name, value in (self.extra_headers or {}).items()
        }
        names = {name.lower() for name in self.extra_headers}
        if "date" not in names:
            self.extra_headers["Date"] = format_datetime(timezone.localtime())
        if "message-id" not in names:
            self.extra_headers["Message-ID"] = make_msgid(domain=site_host())
        if "auto-submitted" not in names:
            self.extra_headers["Auto-Submitted"] = "auto-generated"

    def message(self):
        message = super().message()
        # Django encodes the subject without knowing the header's name, so the first folded
        # line overflows and the generator breaks before it: readers then show a leading
        # space. Encoding it here with header_name makes the first line fit.
        subject = one_line(self.subject)
        charset = "us-ascii" if subject.isascii() else self.encoding or settings.DEFAULT_CHARSET
        del message["Subject"]
        Message.__setitem__(message, "Subject", Header(subject, charset, header_name="Subject"))
        return message


def automatic(message: EmailMessage) -> AutomaticEmail:
    """The same mail as an AutomaticEmail, for senders that build their own (allauth)."""
    automatic_message = AutomaticEmail(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        bcc=message.bcc,
        cc=message.cc,
        reply_to=message.reply_to,
        headers=message.extra_headers,
        attachments=message.attachments,
        alternatives=getattr(message, "alternatives", None),
        connection=message.connection,
    )
    automatic_message.content_subtype = message.content_subtype
    automatic_message.mixed_subtype = message.mixed_subtype
    return automatic_message


class OutboxEmailBackend(BaseEmailBackend):
    """Writes each message as one RFC 5322 .eml file into EMAIL_OUTBOX_DIR."""

    def send_messages(self, email_messages):
        outbox = Path(settings.EMAIL_OUTBOX_DIR)
        outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:12]}.eml"
            (outbox / name).write_bytes(message.message().as_bytes(linesep="\n"))
        return len(email_messages)


@dataclass
class OutboxMessage:
    """A message read back from the outbox, for the staff outbox page."""

    name: str
    subject: str
    sender: str
    to: str
    date: datetime | None
    text: str
    html: str
    attachments: list[str]


def _parse(path: Path) -> OutboxMessage:
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text_part = parsed.get_body(preferencelist=("plain",))
    html_part = parsed.get_body(preferencelist=("html",))
    attachments = [part.get_filename() or "?" for part in parsed.iter_attachments()]
    try:
        date = parsedate_to_datetime(parsed["Date"]) if parsed["Date"] else None
    except (TypeError, ValueError):
        date = None
    if date is not None:
        # "-0000" parses as a naive time; it is UTC. Shown in the local zone like every time.
        date = timezone.localtime(date if date.tzinfo else date.replace(tzinfo=UTC))
    return OutboxMessage(
        name=path.name,
        subject=str(parsed["Subject"] or ""),
        sender=str(parsed["From"] or ""),
        to=str(parsed["To"] or ""),
        date=date,
        text=text_part.get_content() if text_part else "",
        html=html_part.get_content() if html_part else "",
        attachments=attachments,
    )


def outbox_names() -> list[str]:
    """File names in the outbox, newest first."""
    outbox = Path(settings.EMAIL_OUTBOX_DIR)
    if not outbox.is_dir():
        return []
    return sorted((p.name for p in outbox.glob("*.eml")), reverse=True)


def outbox_messages(names: list[str]) -> list[OutboxMessage]:
    outbox = Path(settings.EMAIL_OUTBOX_DIR)
    return [_parse(outbox / name) for name in names]


def outbox_message(name: str) -> OutboxMessage | None:
    """One message by file name; None for anything that is not a file in the outbox."""
    if name not in outbox_names():
        return None
    return _parse(Path(settings.EMAIL_OUTBOX_DIR) / name)


def send_templated_mail(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str = "de",
    attachments: list = (),
    headers: dict | None = None,
    rendered: tuple[str, str, str] | None = None,
):
    """Render <template>_subject.txt, .txt and .html in the recipient's language and send.

    The subject is one line whatever the context holds (see AutomaticEmail).
    attachments: (file name, content, MIME type) triples, e.g. a PDF receipt, or ready MIME
    parts (an iCalendar part with its METHOD). headers: extra headers such as List-Unsubscribe
    or Reply-To. rendered: (subject, text, html) already rendered, so a caller that keeps the
    same text (the inbox) renders only once."""
    subject, body, html = rendered or render_mail(
        template=template, context=context, language=language
    )
    headers = dict(headers or {})
    # Reply-To is an address list Django knows by name; as a header it would bypass that.
    reply_to = [address.strip() for address in headers.pop("Reply-To", "").split(",") if address]
    message = AutomaticEmail(
        subject=subject, body=body, to=to, headers=headers, reply_to=reply_to or None
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        if isinstance(attachment, tuple):
            message.attach(*attachment)
        else:
            message.attach(attachment)
    message.send()
    return message


def render_mail(*, template: str, context: dict, language: str) -> tuple[str, str, str]:
    """(subject, text, html) of <template> in language."""
    context = {"site_url": settings.SITE_URL, **context, "LANGUAGE_CODE": language}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return subject, body, html
