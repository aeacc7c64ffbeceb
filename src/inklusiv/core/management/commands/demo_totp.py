"""Print the current TOTP code of the demo accounts (the demo shares one secret)."""

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from inklusiv.demo.people import DEMO_TOTP_SECRET


def current_code(secret: str = DEMO_TOTP_SECRET) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class Command(BaseCommand):
    help = "Prints the current two-factor code for the demo accounts."

    def handle(self, *args, **options):
        self.stdout.write(current_code())
