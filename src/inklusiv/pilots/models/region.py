"""A pilot region (Modellregion): the selected application's social space in the accompanied
phase, its people, its steering group and working groups, and its documents."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.accounts.models import Organisation, State
from inklusiv.applications.models import Application, SpaceKind

USER = settings.AUTH_USER_MODEL


class Phase(models.TextChoices):
    """The three phases of a pilot region (and of the practice handbook)."""

    PLANNING = "planning", _("Planning")
    IMPLEMENTATION = "implementation", _("Implementation")
    CONSOLIDATION = "consolidation", _("Consolidation")


class PilotRegion(models.Model):
    """A social space accompanied after its selection, with its funding and its people."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="pilot_region"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="pilot_regions"
    )
    name = models.CharField(_("name of the social space"), max_length=200)
    slug = models.SlugField(_("address on the web"), max_length=80, unique=True)
    space_kind = models.CharField(
        _("kind of social space"), max_length=20, choices=SpaceKind.choices
    )
    state = models.CharField(_("Bundesland"), max_length=2, choices=State.choices)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    # For the map on the public profile; from the offline gazetteer, no third-party tiles.
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    funding_start = models.DateField(_("start of funding"))
    funding_end = models.DateField(_("end of funding"))
    approved_amount = models.DecimalField(
        _("approved amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    expert = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        related_name="expert_regions",
        verbose_name=_("responsible programme expert"),
    )
    coach = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coached_regions",
        verbose_name=_("process coach"),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PLANNING
    )

    # Public profile texts.
    summary = models.TextField(_("summary"), max_length=4000, blank=True)
    summary_easy = models.TextField(_("summary in Leichte Sprache"), max_length=4000, blank=True)
    # Carried over at the start: the open questions of the on-site meeting and their answers,
    # [{"question": ..., "answer": ...}], and the meeting's minutes.
    onsite_answers = models.JSONField(_("answers of the on-site meeting"), default=list, blank=True)
    onsite_minutes = models.TextField(_("minutes of the on-site meeting"), blank=True)

    started_at = models.DateTimeField(_("started"))
    started_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("pilot region")
        verbose_name_plural = _("pilot regions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(funding_end__gt=models.F("funding_start")),
                name="pilot_funding_end_after_start",
            )
        ]

    def __str__(self):
        return self.name


class PhaseChange(models.Model):
    """One step from a phase to the next (or back), with its reason."""

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="phase_changes")
    old_phase = models.CharField(_("from"), max_length=20, choices=Phase.choices)
    new_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    changed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["region", "-changed_at"]

    def __str__(self):
        return f"{self.region}: {self.get_old_phase_display()} → {self.get_new_phase_display()}"


class RegionMember(models.Model):
    """A person's role in one region. A person may hold several roles (one row each)."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Network coordinator")
        STEERING = "steering", _("Steering group member")
        WORKING_GROUP = "working_group", _("Working group member")
        EDITOR = "editor", _("Region editor")
        READER = "reader", _("Read-only member")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="region_memberships")
    role = models.CharField(_("role in the region"), max_length=20, choices=Role.choices)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    added_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("member of a pilot region")
        verbose_name_plural = _("members of a pilot region")
        ordering = ["region", "role", "user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "user", "role"], name="unique_region_member_role"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.region})"


# Roles that may edit the concept (goals, measures, milestones, progress).
EDITING_ROLES = frozenset({RegionMember.Role.COORDINATOR, RegionMember.Role.EDITOR})


class Group(models.Model):
    """The steering group (one per region) or a working group on one topic."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group")
        WORKING = "working", _("Working group")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    field_of_action = models.ForeignKey(
        "pilots.FieldOfAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="groups",
        verbose_name=_("field of action"),
    )
    spokesperson = models.CharField(_("spokesperson"), max_length=200, blank=True)
    members = models.ManyToManyField(
        "pilots.Actor", blank=True, related_name="groups", verbose_name=_("members")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["region", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=models.Q(kind="steering"),
                name="one_steering_group_per_region",
            )
        ]

    def __str__(self):
        return self.name


class GroupMeeting(models.Model):
    """A meeting of a steering or working group, with its minutes (one model for both)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"), max_length=30000, blank=True)
    decisions = models.TextField(_("decisions"), max_length=10000, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")
        ordering = ["group", "-held_on"]

    def __str__(self):
        return f"{self.group} {self.held_on:%Y-%m-%d}"


class RegionDocument(models.Model):
    """A document of the region, uploaded with the intake's checks (type, size, content)."""

    class Kind(models.TextChoices):
        COOPERATION_AGREEMENT = "cooperation_agreement", _("Cooperation agreement")
        RULES_OF_PROCEDURE = "rules_of_procedure", _("Rules of procedure")
        PROFILE = "profile", _("Profile of the social space")
        MINUTES = "minutes", _("Minutes")
        OTHER = "other", _("Other document")

    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind of document"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="pilots/documents/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document of a region")
        verbose_name_plural = _("documents of a region")
        ordering = ["region", "kind", "title"]

    def __str__(self):
        return self.title


# The impact staircase (PHINEO Wirkungstreppe), shared by goals and, later, indicators.
IMPACT_STEPS = [
    (1, _("1 – Activities take place as planned")),
    (2, _("2 – Target groups are reached")),
    (3, _("3 – Target groups accept the offers")),
    (4, _("4 – Target groups change awareness or skills")),
    (5, _("5 – Target groups change their behaviour")),
    (6, _("6 – The target groups' life situation changes")),
    (7, _("7 – Society changes")),
]
step_validators = [MinValueValidator(1), MaxValueValidator(7)]
