"""Surveys built by the evaluators and answered through anonymous links.

A survey covers one or more pilot regions (an attitude survey: each region; a Level-1
questionnaire: the region of one measure). People answer by a personal invitation link or by
the survey's public link of their region. While someone answers, their answers wait in a
`Draft` under the hash of their link (so they can pause and resume); on submitting, they become
a `Response` with its `Answer`s. With the survey's anonymity on, a response holds no link, no
invitation and no time finer than the day (LimeSurvey's anonymised mode): nothing ties it to
the person invited.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.core import groupsize
from inklusiv.pilots.models import Measure, PilotRegion

USER = settings.AUTH_USER_MODEL

# Variable names for SPSS: a letter, then letters, digits or underscores, at most 32 bytes.
variable_name = RegexValidator(
    r"^[A-Za-z][A-Za-z0-9_]{0,31}$",
    _("Use a letter first, then letters, digits or underscores (at most 32 characters)."),
)


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Kind(models.TextChoices):
        # PROGRAMME.md: Level 1 questionnaires for participants of measures; Level 2 surveys
        # of the social spaces (the attitude survey).
        MEASURE = "measure", _("Questionnaire for participants of a measure")
        REGION = "region", _("Survey in the social spaces")

    title = models.CharField(_("title"), max_length=200)
    title_easy = models.CharField(_("title in Leichte Sprache"), max_length=200, blank=True)
    slug = models.SlugField(_("address on the web"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REGION)
    # Surveys of one series (the attitude survey of 2017 and of 2019) are compared over time.
    series = models.CharField(_("series"), max_length=200, blank=True)
    wave = models.PositiveSmallIntegerField(_("year of the wave"), null=True, blank=True)
    intro = models.TextField(_("introduction"), max_length=4000, blank=True)
    intro_easy = models.TextField(_("introduction in Leichte Sprache"), max_length=4000, blank=True)
    regions = models.ManyToManyField(
        PilotRegion, related_name="surveys", verbose_name=_("pilot regions")
    )
    measure = models.ForeignKey(
        Measure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surveys",
        verbose_name=_("measure"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    anonymous = models.BooleanField(
        _("anonymous answers"),
        default=True,
        help_text=_(
            "Answers cannot be linked to an invitation: no link, no invitation and no time "
            "finer than the day is stored with them."
        ),
    )
    # The minimum group size k of this survey's results (core.groupsize's default).
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"),
        default=groupsize.minimum,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
        help_text=_("No figure is shown for fewer answers than this."),
    )
    opens_on = models.DateField(_("open from"), null=True, blank=True)
    closes_on = models.DateField(_("open until"), null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-wave", "title", "pk"]

    def __str__(self):
        return self.title


class Section(models.Model):
    """A page of the survey: respondents answer one section at a time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("title"), max_length=200)
    title_easy = models.CharField(_("title in Leichte Sprache"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    intro_easy = models.TextField(_("introduction in Leichte Sprache"), max_length=2000, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey_id", "order", "pk"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        LIKERT = "likert", _("Likert scale")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Free text")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("variable name"), max_length=32, validators=[variable_name])
    kind = models.CharField(_("kind of question"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("question"), max_length=1000)
    text_easy = models.TextField(_("question in Leichte Sprache"), max_length=1000, blank=True)
    help_text = models.TextField(_("hint"), max_length=1000, blank=True)
    help_text_easy = models.TextField(_("hint in Leichte Sprache"), max_length=1000, blank=True)
    # A video of the question in German Sign Language (DGS), uploaded as a file (no third-party
    # player, so no request leaves the site).
    sign_video = models.FileField(
        _("video in German Sign Language"), upload_to="evaluation/dgs/", blank=True
    )
    required = models.BooleanField(_("answer required"), default=False)
    # Numbers: the allowed range (both optional) and whether decimals are allowed.
    number_min = models.DecimalField(
        _("smallest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    number_max = models.DecimalField(
        _("largest number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    number_decimals = models.BooleanField(_("decimals allowed"), default=False)
    # A variable results may be broken down by (e.g. "Do you live with a disability?").
    is_breakdown = models.BooleanField(_("use for breakdowns"), default=False)
    # Skip logic: the question is asked only if the earlier question (in an earlier section,
    # so it works without JavaScript) was answered with one of these choice values.
    show_if_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependants",
        verbose_name=_("only if the answer to"),
    )
    show_if_values = models.JSONField(_("was one of"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__order", "section_id", "order", "pk"]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"


class Choice(models.Model):
    """An answer option of a choice question or a point of a Likert scale; `value` is the code
    the exports carry (value labels in SPSS)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    value = models.SmallIntegerField(_("code"), validators=[MinValueValidator(0)])
    label = models.CharField(_("label"), max_length=300)
    label_easy = models.CharField(_("label in Leichte Sprache"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question_id", "order", "value"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="unique_choice_value")
        ]

    def __str__(self):
        return self.label


class PublicLink(models.Model):
    """The survey's public link for one of its regions (shared on posters, in newsletters)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="public_links")
    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("public link")
        verbose_name_plural = _("public links")
        constraints = [
            models.UniqueConstraint(fields=["survey", "region"], name="one_public_link_per_region")
        ]

    def __str__(self):
        return f"{self.survey} – {self.region}"


class Invitation(models.Model):
    """A personal link sent to one address. Only the hash of the link's token is kept."""

    class Status(models.TextChoices):
        SENT = "sent", _("Invited")
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SENT
    )
    sent_at = models.DateTimeField(_("sent"))
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    sent_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["survey_id", "email"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="one_invitation_per_address")
        ]

    def __str__(self):
        return f"{self.survey} – {self.email}"


class Draft(models.Model):
    """Answers given so far, kept under the hash of the respondent's link until they submit."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    region = models.ForeignKey(PilotRegion, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.CASCADE, related_name="draft"
    )
    # {question code: value}; a value is an int, a list of ints, a decimal string or a text.
    data = models.JSONField(default=dict)
    # The index of the section to show next.
    position = models.PositiveSmallIntegerField(default=0)
    easy = models.BooleanField(_("Leichte Sprache"), default=False)
    updated_on = models.DateField()

    class Meta:
        verbose_name = _("unfinished answers")
        verbose_name_plural = _("unfinished answers")

    def __str__(self):
        return f"{self.survey} – {self.updated_on}"


class Response(models.Model):
    """One person's submitted answers. With anonymity on, `invitation` and `submitted_at` stay
    empty and only the day is kept."""

    # Random, not counting up: numbers in order of arrival would tell who answered when, next to
    # an invitation that turned "completed".
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    region = models.ForeignKey(
        PilotRegion, null=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    submitted_on = models.DateField()
    easy = models.BooleanField(default=False)
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        # Not by primary key: the order of responses must not reveal the order of answering.
        ordering = ["survey_id", "region_id", "submitted_on"]
        indexes = [models.Index(fields=["survey", "region"])]

    def __str__(self):
        return f"{self.survey} – {self.submitted_on}"


class Answer(models.Model):
    """One answer of a response: a choice code (one row per choice of a multiple choice), a
    number or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.SmallIntegerField(null=True, blank=True)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(max_length=4000, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # The second: a response's answer to the breakdown question, joined for every answer.
        indexes = [
            models.Index(fields=["question", "choice"]),
            models.Index(fields=["response", "question"]),
        ]

    def __str__(self):
        return f"{self.question.code}: {self.choice if self.choice is not None else self.number}"
