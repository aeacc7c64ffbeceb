"""Daily cron job: send each person the digest of their waiting notifications."""

from django.core.management.base import BaseCommand

from inklusiv.notifications.services import send_digests


class Command(BaseCommand):
    help = (
        "Send the daily digest of waiting notifications, one mail per person. "
        "Safe to run twice: whoever already got today's digest gets nothing more."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) sent.")
