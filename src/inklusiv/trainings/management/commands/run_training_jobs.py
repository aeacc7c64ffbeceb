"""Hourly: expired seat offers pass to the next person waiting, and sessions two days ahead
are reminded (each once)."""

from django.core.management.base import BaseCommand

from inklusiv.trainings.services.registrations import expire_offers, send_reminders


class Command(BaseCommand):
    help = "Pass on expired seat offers and send the reminders two days before a training."

    def handle(self, *args, **options):
        expired = expire_offers()
        reminded = send_reminders()
        self.stdout.write(f"{expired} offer(s) expired, {reminded} reminder(s) sent.")
