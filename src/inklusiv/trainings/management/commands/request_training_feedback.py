"""Daily cron job: ask the participants of trainings that have ended for their feedback."""

from django.core.management.base import BaseCommand

from inklusiv.trainings.services.feedback import request_feedback


class Command(BaseCommand):
    help = (
        "Mail the checked-in participants of every training session that has ended a request "
        "for their anonymous feedback. Safe to run often: each session is asked once."
    )

    def handle(self, *args, **options):
        asked = request_feedback()
        self.stdout.write(f"{asked} participant(s) asked for feedback.")
