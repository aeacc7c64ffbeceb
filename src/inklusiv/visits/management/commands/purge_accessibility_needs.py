"""Delete the accessibility needs of on-site meetings that are over (run daily, e.g. by cron):
they are health data and kept no longer than the meeting needs them."""

from django.core.management.base import BaseCommand

from inklusiv.visits.services.minutes import purge_accessibility_needs


class Command(BaseCommand):
    help = "Delete accessibility needs of on-site meetings that are held, cancelled or over."

    def handle(self, *args, **options):
        count = purge_accessibility_needs()
        self.stdout.write(f"Deleted {count} accessibility needs.")
