"""The catalogue: what a training teaches, to whom, in which format and how long."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

USER = settings.AUTH_USER_MODEL


class Format(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (on site and online)")


def length_display(minutes: int) -> str:
    """„3 Stunden 30 Minuten“: a length in hours and minutes, in the active language."""
    hours, rest = divmod(int(minutes or 0), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest})
    return " ".join(parts)


class Course(models.Model):
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    # One goal per line; the page and the certificate list them.
    learning_goals = models.TextField(_("learning goals"), max_length=3000, blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    length_minutes = models.PositiveIntegerField(_("length in minutes"))
    trainer = models.ForeignKey(
        USER,
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_courses",
    )
    summary_easy = models.TextField(_("summary in Leichte Sprache"), max_length=3000, blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainings:course", args=[self.slug])

    @property
    def goals(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.learning_goals.splitlines() if line.strip()]
