"""The network of a region: actors by sector and the ties between them, each with the date it
began (and ended), so the network can be drawn as it was on any day."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .region import PilotRegion


class Sector(models.TextChoices):
    """Fixed sectors keep the maps of all regions comparable."""

    ADMINISTRATION = "administration", _("Public administration")
    CIVIL_SOCIETY = "civil_society", _("Civil society and associations")
    BUSINESS = "business", _("Business")
    SCIENCE = "science", _("Science")
    SELF_ADVOCACY = "self_advocacy", _("Self-advocacy of people with disabilities")
    OTHER = "other", _("Other")


class Actor(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="actors")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    description = models.TextField(_("role in the network"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    joined_on = models.DateField(_("joined the network on"))
    left_on = models.DateField(_("left the network on"), null=True, blank=True)
    # Only actors who agreed appear on the public profile.
    public = models.BooleanField(_("agreed to be shown in public"), default=False)

    class Meta:
        verbose_name = _("network actor")
        verbose_name_plural = _("network actors")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="unique_actor_name_per_region"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="actor_left_after_joined",
            ),
        ]

    def __str__(self):
        return self.name


class Tie(models.Model):
    class Kind(models.TextChoices):
        COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
        WORKING_GROUP = "working_group", _("Working group membership")
        JOINT_MEASURE = "joint_measure", _("Joint measure")
        INFORMAL = "informal", _("Informal contact")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="ties")
    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="ties_out")
    target = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="ties_in")
    kind = models.CharField(_("kind of tie"), max_length=30, choices=Kind.choices)
    began_on = models.DateField(_("began on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        # "tie" alone is also the ranking's tie (gleichauf); a network's tie is a connection.
        verbose_name = pgettext_lazy("network", "tie")
        verbose_name_plural = pgettext_lazy("network", "ties")
        ordering = ["region", "began_on"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="tie_between_two_actors"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("began_on")),
                name="tie_ended_after_began",
            ),
        ]

    def __str__(self):
        return f"{self.source} – {self.target} ({self.get_kind_display()})"
