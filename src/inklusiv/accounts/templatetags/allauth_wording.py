"""Our wording for the titles, headings and buttons of allauth's pages.

allauth writes them in English title case ("Sign In", "Signup", "Password Reset") and some of
its German ones are not ours ("Anmeldung" where our navigation says "Anmelden", "Falsches
Token"). Its page templates stay as they are; our allauth elements (h1, h2, button, panel)
and layout pass their text through `allauth_wording`, which swaps a text that is allauth's
wording, in the active language, for ours.
"""

from django import template
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

# allauth's msgid -> ours. Titles come first: where allauth's German gives two msgids the
# same text, the first entry decides.
WORDING = {
    "Sign In": _("Sign in"),
    "Signup": _("Sign up"),
    "Sign Up": _("Sign up"),
    "Sign Out": _("Sign out"),
    "Password Reset": _("Reset password"),
    "Reset My Password": _("Reset password"),
    "Change Password": _("Change password"),
    "Set Password": _("Set password"),
    "Bad Token": _("This link is invalid or has already been used"),
    "Email Addresses": _("E-mail addresses"),
    "Email Address": _("E-mail address"),
    "Add Email Address": _("Add an e-mail address"),
    "Add Email": _("Add e-mail address"),
    "Make Primary": _("Make primary address"),
    "Re-send Verification": _("Send the confirmation e-mail again"),
    "Confirm Email Address": _("Confirm e-mail address"),
    "Verify Your Email Address": _("Confirm your e-mail address"),
    "Account Inactive": _("Account inactive"),
    "Confirm Access": _("Confirm access"),
    "Two-Factor Authentication": _("Two-factor authentication"),
    "Authenticator App": _("Authenticator app"),
    "Activate Authenticator App": _("Set up an authenticator app"),
    "Deactivate Authenticator App": _("Deactivate the authenticator app"),
    "Recovery Codes": _("Recovery codes"),
}

_lookup_by_language: dict[str, dict[str, str]] = {}


def _lookup() -> dict[str, str]:
    language = get_language() or ""
    if language not in _lookup_by_language:
        table: dict[str, str] = {}
        for theirs, ours in WORDING.items():
            table.setdefault(theirs, str(ours))
            table.setdefault(gettext(theirs), str(ours))
        _lookup_by_language[language] = table
    return _lookup_by_language[language]


@register.filter
def allauth_wording(text):
    """Our wording for an allauth title or button text; any other text unchanged."""
    return _lookup().get(str(text).strip(), text)
