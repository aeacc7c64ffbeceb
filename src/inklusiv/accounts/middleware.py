"""Sends people whose roles demand a second factor to set one up before anything else."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .models import MFA_REQUIRED_ROLES

# What a person must still reach while the second factor is missing: allauth's own
# pages (set it up, re-authenticate, sign out), the language switch, and the legal pages.
ALLOWED_PREFIXES = ("account_", "mfa_")
ALLOWED_NAMES = {"core:imprint", "core:privacy", "core:accessibility", "core:easy_read"}


class RequireMultiFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            # A superuser may do everything any role may, so needs the same protection.
            and (user.is_superuser or user.role_set & MFA_REQUIRED_ROLES)
            and not self._allowed(request)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Please set up an "
                    "authenticator app to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _allowed(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.view_name in ALLOWED_NAMES or match.view_name.startswith(ALLOWED_PREFIXES)
