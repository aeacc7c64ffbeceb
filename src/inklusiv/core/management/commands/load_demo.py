"""Load the demo data of the 2016 story and print one login per role."""

from django.core.management.base import BaseCommand

from inklusiv import demo
from inklusiv.demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Loads the demo data (idempotent) and prints one login per role."

    def handle(self, *args, **options):
        logins = demo.load()
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demo-Zugänge / demo logins (password for all: {DEMO_PASSWORD})")
        )
        width = max(len(label) for label, _, _ in logins)
        for label, email, mfa in logins:
            note = "  + 2FA" if mfa else ""
            self.stdout.write(f"  {label:<{width}}  {email}{note}")
        self.stdout.write("")
        self.stdout.write(
            "2FA: add the secret " + DEMO_TOTP_SECRET + " to an authenticator app, or run\n"
            "     `make totp` for the current six-digit code."
        )
