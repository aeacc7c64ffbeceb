"""Create the first funder staff account of an installation, second factor included.

The product has no Django admin: every later account and role is managed on the product's own
pages, which need a funder staff member to start with. This command creates that person with
a verified e-mail address, the funder staff role and a TOTP authenticator (through allauth's
own API), and prints the authenticator secret and recovery codes once, so the first sign-in
already asks for the code.
"""

import getpass
import os

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from inklusiv.accounts.models import Role, RoleGrant, User
from inklusiv.core import audit

PASSWORD_VARIABLE = "INKLUSIV_STAFF_PASSWORD"


def create_staff_user(*, email: str, name: str, language: str, password: str):
    """Create the account; return (user, TOTP secret, recovery codes)."""
    email = email.strip().lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"An account with the e-mail address {email} already exists.")
        user = User(email=email, name=name.strip(), language=language)
        try:
            user.full_clean(exclude=["password"])
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        # The very first staff role has no colleague to grant it (as in the demo's bootstrap).
        RoleGrant.objects.create(user=user, role=Role.FUNDER_STAFF)
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        codes = RecoveryCodes.activate(user).generate_codes()
        audit.record(
            actor=None,
            obj=user,
            action="staff_user_created",
            after={
                "email": email,
                "name": user.name,
                "language": language,
                "roles": [Role.FUNDER_STAFF.value],
                "second_factor": "totp",
            },
            reason="manage.py create_staff_user",
        )
    return user, secret, codes


class Command(BaseCommand):
    help = (
        "Creates a funder staff account with two-factor authentication set up, and prints "
        "the authenticator secret once. The password is asked for, or read from "
        f"${PASSWORD_VARIABLE} with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", default="")
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, choices=[c for c, _ in settings.LANGUAGES]
        )
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, email, name, language, interactive, **options):
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if not password:
            if not interactive:
                raise CommandError(f"Set {PASSWORD_VARIABLE} when running with --no-input.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        user, secret, codes = create_staff_user(
            email=email, name=name, language=language, password=password
        )
        with translation.override(language):
            login_url = settings.SITE_URL + reverse("account_login")
        write = self.stdout.write
        write(self.style.SUCCESS(f"Created the funder staff account {user.email}."))
        write("")
        write("Two-factor authentication is set up. Add this secret to an authenticator app")
        write("now (or open the otpauth link on the phone); it is shown only this once:")
        write(f"  Secret: {secret}")
        write(f"  {get_mfa_adapter().build_totp_url(user, secret)}")
        write("")
        write("Recovery codes, each usable once if the authenticator app is lost:")
        for code in codes:
            write(f"  {code}")
        write("")
        write(f"Sign in at {login_url}; the sign-in asks for the six-digit code.")
