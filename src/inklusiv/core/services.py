"""Writes owned by core: accessibility feedback, and the record of who read the outbox."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from inklusiv.accounts.models import Role, User
from inklusiv.notifications.services import notify

from . import audit
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
            User.objects.filter(role_grants__role=Role.FUNDER_STAFF, is_active=True)
            .distinct()
            .order_by("pk")
        )
        # The contact address gets it by address unless it is a staff member's own.
        contact = settings.ACCESSIBILITY_CONTACT_EMAIL
        recipients = [*staff]
        if contact and contact.lower() not in {person.email.lower() for person in staff}:
            recipients.append(contact)
        transaction.on_commit(
            lambda: notify(
                kind="core.accessibility_feedback",
                recipients=recipients,
                language="de",
                context={"feedback": feedback},
                link=reverse("core:feedback_list"),
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
