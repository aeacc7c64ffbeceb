"""Daily: delete the accessibility needs of training sessions that are over."""

from django.core.management.base import BaseCommand

from inklusiv.trainings.services.registrations import purge_accessibility_needs


class Command(BaseCommand):
    help = "Delete the accessibility needs of training sessions that are over (Art. 9 GDPR)."

    def handle(self, *args, **options):
        count = purge_accessibility_needs()
        self.stdout.write(f"{count} accessibility need(s) deleted.")
