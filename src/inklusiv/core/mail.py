"""E-mail helpers: the demo's outbox backend and templated, per-language sending."""

from __future__ import annotations

import email
import email.policy
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation


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
    attachments: list[tuple[str, bytes, str]] = (),
):
    """Render <template>_subject.txt, .txt and .html in the recipient's language and send.

    attachments: (file name, content, MIME type) triples, e.g. a PDF receipt."""
    context = {"site_url": settings.SITE_URL, **context, "LANGUAGE_CODE": language}
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=body, to=to)
    message.attach_alternative(html, "text/html")
    for name, data, mimetype in attachments:
        message.attach(name, data, mimetype)
    message.send()
    return message
