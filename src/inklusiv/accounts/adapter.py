"""allauth adapter: mails in the recipient's language and our base layout."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from inklusiv.core.mail import automatic


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language() or "de"
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        # allauth's mails get the same Date, Message-ID and Auto-Submitted as our own.
        return automatic(super().render_mail(template_prefix, email, context, headers=headers))

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.name = form.cleaned_data.get("name", "")
        user.language = (translation.get_language() or "de")[:2]
        if commit:
            user.save()
        return user
