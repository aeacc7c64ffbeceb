"""django-allauth messages that we translate ourselves, so that they address people as „Sie".

django-allauth ships a German catalogue that mostly uses the informal „du" („Bitte gib
dein aktuelles Passwort ein."). Inklusiv is a public-sector-style platform and always
uses the formal „Sie". Django looks up a message in the catalogues under LOCALE_PATHS
before it looks in the catalogues of installed apps, so a msgid that is also in
`src/inklusiv/locale/de/LC_MESSAGES/django.po` wins over allauth's own German.

`makemessages` only collects msgids from our own source tree, never from `.venv`.
This module exists solely to bring allauth's msgids into our catalogue: it lists them
with `gettext_noop`, so `makemessages` copies them into our `django.po`, where they are
translated formally. Nothing imports this module at run time.

Rules for this list:

* Each msgid must match allauth's msgid character for character (including line
  breaks, double spaces and trailing spaces); otherwise our translation never applies.
  Adjacent string literals are joined by xgettext exactly like by Python.
* Only msgids whose German translation in allauth is informal are listed, and only
  for what Inklusiv uses: account (login, sign-up, logout, passwords, e-mail
  addresses and their verification, re-authentication, login by code, the account
  e-mails) and mfa (TOTP, recovery codes). socialaccount, usersessions, idp,
  WebAuthn/passkeys and phone numbers are not used and left out.
* allauth's e-mail subjects and bodies (templates/account/email/*.txt) are rendered
  with {% translate %}/{% blocktranslate %} in the recipient's language (see
  `AccountAdapter.send_mail`), so their informal msgids are listed here as well.
* None of the informal msgids has a msgctxt in allauth's catalogue (checked against
  django-allauth 65.21.1), so `gettext_noop` is enough; a msgid with a context would
  need `pgettext_lazy("context", "msgid")` instead.

After upgrading django-allauth, compare this list with
`.venv/lib/python3.11/site-packages/allauth/locale/de/LC_MESSAGES/django.po` and
run `make messages`.
"""

from django.utils.translation import gettext_noop

ALLAUTH_MSGIDS = (
    # allauth/account/adapter.py: error messages
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Username can not be used. Please use other username."),
    gettext_noop("Please select only one."),
    gettext_noop("Be patient, you are sending too many requests."),
    # allauth/account/forms.py
    gettext_noop("You must type the same password each time."),
    gettext_noop("You must type the same email each time."),
    # templates/account/login.html, signup.html, logout.html
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You are already logged in as %(user_display)s."),
    # templates/account/messages/*.txt (flash messages)
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    gettext_noop("You have confirmed %(email)s."),
    gettext_noop("You have signed out."),
    # templates/account/email.html, email_change.html, email_confirm.html
    gettext_noop("Do you really want to remove the selected email address?"),
    gettext_noop("Your email address is still pending verification."),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address '
        "for user %(user_display)s."
    ),
    gettext_noop(
        "This email confirmation link expired or is invalid. Please "
        '<a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    # templates/account/verification_sent.html, verified_email_required.html
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to "
        "finalize the signup process. If you do not see the verification email in your "
        "main inbox, check your spam folder. Please contact us if you do not receive the "
        "verification email within a few minutes."
    ),
    gettext_noop(
        "This part of the site requires us to verify that\n"
        "you are who you claim to be. For this purpose, we require that you\n"
        "verify ownership of your email address. "
    ),
    gettext_noop(
        "We have sent an email to you for\n"
        "verification. Please click on the link inside that email. If you do not see the "
        "verification email in your main inbox, check your spam folder. Otherwise\n"
        "contact us if you do not receive it within a few minutes."
    ),
    gettext_noop(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email '
        "address</a>."
    ),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an "
        "email address so you can receive notifications, reset your password, etc."
    ),
    # templates/account/password_reset*.html
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an "
        "email allowing you to reset it."
    ),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam "
        "folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  "
        'Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("Your password is now changed."),
    # templates/account/email/*.txt: subjects and bodies of allauth's e-mails
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    gettext_noop("Please Confirm Your Email Address"),
    gettext_noop("Your password has been changed."),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password "
        "reset for your user account.\n"
        "It can be safely ignored if you did not request a password reset. Click the link "
        "below to reset your password."
    ),
    gettext_noop("In case you forgot, your username is %(username)s."),
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for an\n"
        "account using email address:\n"
        "\n"
        "%(email)s\n"
        "\n"
        "However, an account using that email address already exists.  In case you have\n"
        "forgotten about this, please use the password forgotten procedure to recover\n"
        "your account:\n"
        "\n"
        "%(password_reset_url)s"
    ),
    # templates/mfa/recovery_codes/generate.html, templates/mfa/totp/deactivate_form.html
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
)
