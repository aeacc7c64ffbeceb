"""An organisation's application to a call: its parts, attachments, frozen versions, messages.

Each part that members edit (contact, social space, concept, a partner, a stage's answers)
carries its own `revision`, so two members editing different parts never collide and two
editing the same part are told (optimistic locking, see services.save_part).
"""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from inklusiv.accounts.models import Organisation, State
from inklusiv.calls.models import Call, Question, Stage


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ELIGIBLE = "eligible", _("Formally eligible")
    INELIGIBLE = "ineligible", _("Formally ineligible")
    IN_REVIEW = "in_review", _("In review")
    ADVANCED = "advanced", _("Advanced to the next stage")
    NOT_ADVANCED = "not_advanced", _("Not advanced")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the procedure is still running for an application.
OPEN_STATES = frozenset(
    {Status.DRAFT, Status.SUBMITTED, Status.ELIGIBLE, Status.IN_REVIEW, Status.ADVANCED}
)
# States a decision of the selection procedure leads to.
DECIDED_STATES = frozenset(
    {Status.ADVANCED, Status.NOT_ADVANCED, Status.SELECTED, Status.NOT_SELECTED}
)
FINAL_STATES = frozenset(
    {Status.INELIGIBLE, Status.NOT_ADVANCED, Status.SELECTED, Status.NOT_SELECTED, Status.WITHDRAWN}
)


class SpaceKind(models.TextChoices):
    CITY = "city", _("Town or city (Stadt)")
    MUNICIPALITY = "municipality", _("Municipality (Gemeinde)")
    DISTRICT = "district", _("Quarter or district of a town (Stadtviertel/Stadtteil)")
    COUNTY = "county", _("County (Kreis)")
    PART_OF_COUNTY = "part_of_county", _("Part of a county (Teil eines Kreises)")


class Sector(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    BUSINESS = "business", _("Business")
    SCIENCE = "science", _("Science")
    ADMINISTRATION = "administration", _("Public administration")


class PartnerKind(models.TextChoices):
    ASSOCIATION = "association", _("Association (Verein)")
    FEDERATION = "federation", _("Federation or welfare association (Verband)")
    COMPANY = "company", _("Company (Unternehmen)")
    MUNICIPAL_ADMINISTRATION = (
        "municipal_administration",
        _("Municipal administration (kommunale Verwaltung)"),
    )
    UNIVERSITY = "university", _("University or research institute (Hochschule)")
    SCHOOL = "school", _("School or day-care centre")
    SELF_ADVOCACY = "self_advocacy", _("Self-advocacy group")
    CHURCH = "church", _("Church congregation")
    OTHER = "other", _("Other")


class FieldOfAction(models.TextChoices):
    """Aktion Mensch's fields of life (Lebensbereiche), plus the ones regions often add."""

    WORK = "work", _("Work")
    EDUCATION = "education", _("Education and personal development")
    HOUSING = "housing", _("Housing")
    LEISURE = "leisure", _("Leisure")
    MOBILITY = "mobility", _("Mobility")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture")
    ACCESSIBILITY = "accessibility", _("Accessibility")


ags_validator = RegexValidator(
    r"^\d{8}$", _("The municipality key (AGS) has exactly 8 digits, for example 12068320.")
)


class Application(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    stage = models.ForeignKey(
        Stage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="applications"
    )
    # Only applications/workflow.py changes this field.
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    reference = models.CharField(_("reference number"), max_length=32, blank=True, db_index=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    revision = models.PositiveIntegerField(default=0)
    extended_until = models.DateTimeField(
        _("deadline extended until"),
        null=True,
        blank=True,
        help_text=_("Only this application may be submitted until then."),
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="one_application_per_organisation_and_call"
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~models.Q(reference=""),
                name="unique_reference_number",
            ),
        ]

    def __str__(self):
        return self.reference or f"{self.organisation} – {self.call}"

    @property
    def deadline(self):
        """When this application must be submitted by: the stage's end, or its extension."""
        if self.extended_until and self.extended_until > self.stage.closes_at:
            return self.extended_until
        return self.stage.closes_at

    @property
    def is_editable(self) -> bool:
        return self.status == Status.DRAFT

    def status_for_applicant(self) -> str:
        """The status as the applicant may know it: a decision reaches them with its letter.

        Until the letter of the latest decision is sent, they read "In review". Uses the
        `decisions` and their `letters` (prefetch them on lists).
        """
        decisions = sorted(self.decisions.all(), key=lambda decision: decision.decided_at)
        if self.status in DECIDED_STATES and decisions:
            if not any(letter.sent_at for letter in decisions[-1].letters.all()):
                return str(Status.IN_REVIEW.label)
        return self.get_status_display()


class SocialSpace(models.Model):
    """The social space (Sozialraum) the application is about."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="social_space"
    )
    kind = models.CharField(_("kind of social space"), max_length=20, choices=SpaceKind.choices)
    name = models.CharField(_("name of the social space"), max_length=200)
    state = models.CharField(_("Bundesland"), max_length=2, choices=State.choices)
    population = models.PositiveIntegerField(_("population"), validators=[MinValueValidator(1)])
    ags = models.CharField(
        _("municipality key (AGS)"),
        max_length=8,
        blank=True,
        validators=[ags_validator],
        help_text=_("Optional: the 8-digit official municipality key."),
    )
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("social space")
        verbose_name_plural = _("social spaces")

    def __str__(self):
        return self.name


class Concept(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="concept"
    )
    starting_situation = models.TextField(_("starting situation"), max_length=4000)
    goals = models.TextField(_("goals"), max_length=4000)
    fields_of_action = models.JSONField(_("fields of action"), default=list)
    approach = models.TextField(_("planned approach"), max_length=4000)
    expected_network = models.TextField(_("expected network"), max_length=4000)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self):
        return str(self.application)

    def get_fields_of_action_display(self) -> list[str]:
        labels = dict(FieldOfAction.choices)
        return [str(labels.get(value, value)) for value in self.fields_of_action]


def attachment_path(instance, filename):
    # Random names: the original name is kept in the row, never trusted on disk.
    return f"applications/{instance.application_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """An uploaded file, checked by content and size before it is stored."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class Partner(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name of the organisation"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    kind = models.CharField(_("kind of organisation"), max_length=30, choices=PartnerKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    role = models.TextField(_("role in the network"), max_length=1000)
    letter_of_intent = models.ForeignKey(
        Attachment,
        verbose_name=_("letter of intent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name


class Answers(models.Model):
    """The answers to one stage's own questions, keyed by question (q<pk>)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="answer_sets"
    )
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("answers")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "stage"], name="one_answer_set_per_stage"
            )
        ]

    def __str__(self):
        return f"{self.application} – {self.stage}"

    def value(self, question: Question):
        return self.data.get(question.key)


class Version(models.Model):
    """What was submitted, frozen: the content as JSON and the PDF receipt."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(encoder=DjangoJSONEncoder)
    receipt = models.FileField(upload_to="receipts/", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["application", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="unique_version_number")
        ]

    def __str__(self):
        return f"{self.application} v{self.number}"


class Message(models.Model):
    """A message from the funder to an application's organisation."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject
