"""Remind reviewers of outstanding reviews before and after their stage's due date (run daily,
e.g. by cron, beside purge_accessibility_needs); a second run on the same day sends nothing."""

from django.core.management.base import BaseCommand

from inklusiv.selection.services.review_reminders import send_review_reminders


class Command(BaseCommand):
    help = "Send the due reminders of outstanding reviews (at most one mail a person a day)."

    def handle(self, *args, **options):
        result = send_review_reminders()
        self.stdout.write(
            f"Sent {result.mails} reminder mails ({result.reminders} reminders); "
            f"{result.deferred} people were already reminded today."
        )
        return 0
