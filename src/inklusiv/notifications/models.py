"""Notification preferences, opt-outs of people without an account, and the in-app inbox."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """How one person wants one kind of notification; no row means "immediately"."""

    class Choice(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DIGEST = "digest", _("Daily digest")
        OFF = "off", _("Off")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=100)
    choice = models.CharField(
        _("delivery"), max_length=12, choices=Choice.choices, default=Choice.IMMEDIATELY
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="one_preference_per_user_and_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.choice}"


class OptOut(models.Model):
    """A person without an account (a partner, a contact) switched one kind off by its link."""

    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_opt_out_per_email_and_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.email}"


class Notification(models.Model):
    """One entry of a person's inbox: the same text the mail carries (or will carry)."""

    class Delivery(models.TextChoices):
        SENT = "sent", _("Sent by e-mail")
        DIGEST = "digest", _("Waiting for the daily digest")
        DIGEST_SENT = "digest_sent", _("Sent in the daily digest")
        NONE = "none", _("Not sent by e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=100)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=500, blank=True)
    language = models.CharField(max_length=8, default="de")
    delivery = models.CharField(max_length=12, choices=Delivery.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]

    def __str__(self):
        return self.subject
