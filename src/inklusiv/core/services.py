"""Writes owned by core: accessibility feedback, and the record of who read the outbox."""

from django.conf import settings
from django.db import transaction

from inklusiv.accounts.models import Role, User

from . import audit
from .mail import send_templated_mail
from .models import AccessibilityFeedback


def submit_accessibility_feedback(*, actor, data: dict, language: str) -> AccessibilityFeedback:
    """Store a barrier report and tell the accessibility contact and all funder staff."""
    with transaction.atomic():
        feedback = AccessibilityFeedback(
            name=data.get("name", ""),
            email=data.get("email", ""),
            page_url=data.get("page_url", ""),
            message=data["message"],
            language=language,
        )
        feedback.full_clean()
        feedback.save()
        audit.record(actor=actor, obj=feedback, action="feedback_received")
        staff = list(
            User.objects.filter(role_grants__role=Role.FUNDER_STAFF, is_active=True).values_list(
                "email", flat=True
            )
        )
        recipients = sorted({settings.ACCESSIBILITY_CONTACT_EMAIL, *staff})
        transaction.on_commit(
            lambda: send_templated_mail(
                template="core/email/accessibility_feedback",
                to=recipients,
                language="de",
                context={"feedback": feedback},
            )
        )
    return feedback


def record_outbox_read(*, actor, messages, opened: bool) -> None:
    """Log that actor saw these outbox messages: listed (recipient and subject) or opened.

    Mails carry personal data (names, addresses, what an applicant was told), so reading
    them is on record like an export: which files, and to whom they went, never their text.
    """
    with transaction.atomic():
        audit.record(
            actor=actor,
            obj=actor,
            action="outbox_message_read" if opened else "outbox_listed",
            after={
                "messages": [message.name for message in messages],
                "recipients": sorted({message.to for message in messages}),
            },
        )
