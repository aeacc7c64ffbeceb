"""Initiatives, their calls, and each call's ordered stages with criteria and questions.

Texts that staff write come in German (required) and English (optional, falls back to German).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusiv.core.i18n import localized, pick


class Initiative(models.Model):
    """A funding programme, e.g. „Kommune Inklusiv"; it runs one or more calls."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), unique=True)
    funder = models.CharField(_("funder"), max_length=200)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def description(self):
        return localized(self, "description")


class Call(models.Model):
    """A public call for applications (Aufruf), with its stages."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.PROTECT, related_name="calls"
    )
    slug = models.SlugField(_("short name in addresses"), unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_de = models.TextField(_("summary (German)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    purpose_de = models.TextField(_("purpose (German)"))
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    eligibility_de = models.TextField(_("who may apply (German)"))
    eligibility_en = models.TextField(_("who may apply (English)"), blank=True)
    easy_read_summary = models.TextField(
        _("summary in Leichte Sprache"),
        blank=True,
        help_text=_("Short sentences, one idea per line. Shown on its own page."),
    )
    reference_prefix = models.CharField(
        _("prefix of reference numbers"),
        max_length=8,
        help_text=_("For example KI: applications are numbered KI-2016-0001, KI-2016-0002 …"),
    )
    reference_year = models.PositiveIntegerField(_("year in reference numbers"))
    # The last number given out; raised under a row lock when an application is first submitted.
    last_reference_number = models.PositiveIntegerField(default=0, editable=False)
    retention_months = models.PositiveIntegerField(
        _("keep declined applications for (months)"), default=12
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-reference_year", "title_de"]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_prefix", "reference_year"], name="unique_reference_series"
            )
        ]

    def __str__(self):
        return self.title

    title = property(lambda self: localized(self, "title"))
    summary = property(lambda self: localized(self, "summary"))
    purpose = property(lambda self: localized(self, "purpose"))
    eligibility = property(lambda self: localized(self, "eligibility"))

    def first_stage(self):
        return self.stages.order_by("position").first()

    @property
    def closes_at(self):
        """End of the first stage: until then anyone may start and submit an application."""
        first = self.first_stage()
        return first.closes_at if first else None


class Stage(models.Model):
    """One round of the selection procedure (Runde): deadline, quota, criteria, questions."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="stages"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("How many go on to the next stage.")
    )
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3
    )
    max_reviews_per_reviewer = models.PositiveSmallIntegerField(
        _("most reviews per reviewer"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit; a member's own limit takes precedence."),
    )
    reviews_visible_before_submit = models.BooleanField(
        _("reviewers see other reviews before submitting their own"), default=False
    )
    requires_site_visit = models.BooleanField(_("on-site meetings in this stage"), default=False)
    reviews_due_at = models.DateTimeField(
        _("reviews due"),
        null=True,
        blank=True,
        help_text=_(
            "By when the commission should have submitted its reviews of this stage; "
            "reviewers are reminded before and after. Leave empty for no due date."
        ),
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["call", "position"]
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="unique_stage_position"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="stage_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"

    @property
    def label(self) -> str:
        """The stage with its call and year, e.g. „2. Zweite Runde – Kommune Inklusiv (2016)",
        for lists where rounds of several calls meet and „2. Zweite Runde" alone is ambiguous."""
        title = self.call.title
        year = str(self.call.reference_year)
        return f"{self} – {title}" if year in title else f"{self} – {title} ({year})"

    name = property(lambda self: localized(self, "name"))
    description = property(lambda self: localized(self, "description"))

    @property
    def is_upcoming(self) -> bool:
        return timezone.now() < self.opens_at

    def next_stage(self):
        return self.call.stages.filter(position__gt=self.position).order_by("position").first()

    @property
    def is_last(self) -> bool:
        return not self.call.stages.filter(position__gt=self.position).exists()

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at <= self.closes_at


class Criterion(models.Model):
    """A weighted review criterion of a stage (used by the commission's reviews)."""

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["stage", "position", "pk"]

    def __str__(self):
        return self.name

    name = property(lambda self: localized(self, "name"))
    description = property(lambda self: localized(self, "description"))


class Question(models.Model):
    """A question a stage adds to the application form."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        YES_NO = "yes_no", _("Yes or no")
        FILE = "file", _("File")

    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind of answer"), max_length=20, choices=Kind.choices)
    label_de = models.CharField(_("question (German)"), max_length=300)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    help_de = models.TextField(_("help text (German)"), blank=True)
    help_en = models.TextField(_("help text (English)"), blank=True)
    required = models.BooleanField(_("answer required"), default=True)
    max_length = models.PositiveIntegerField(
        _("maximum length (characters)"),
        null=True,
        blank=True,
        help_text=_("For text answers."),
    )

    class DateBound(models.TextChoices):
        ANY = "", _("Any date")
        FROM_TODAY = "from_today", _("Today or later (for example a planned start)")
        UNTIL_TODAY = "until_today", _("Today or earlier (for example a founding date)")

    date_bound = models.CharField(
        _("allowed dates"),
        max_length=20,
        blank=True,
        default="",
        choices=DateBound.choices,
        help_text=_("For dates: whether the answer must lie in the future or in the past."),
    )
    # One option per line: "German label | English label".
    options = models.TextField(
        _("options"),
        blank=True,
        help_text=_("For choices: one option per line, German and English separated by |."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["stage", "position", "pk"]

    def __str__(self):
        return self.label

    label = property(lambda self: localized(self, "label"))
    help = property(lambda self: localized(self, "help"))

    @property
    def key(self) -> str:
        return f"q{self.pk}"

    def option_choices(self) -> list[tuple[str, str]]:
        """(stable value, label in the reader's language); the value is the option's number."""
        choices = []
        for number, line in enumerate(
            (line for line in self.options.splitlines() if line.strip()), start=1
        ):
            german, _sep, english = line.partition("|")
            choices.append((str(number), pick(german.strip(), english.strip())))
        return choices
