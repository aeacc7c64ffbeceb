"""People, provider organisations (Träger), their memberships, and platform roles."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Titles written without a dot, and forms of address, that may stand before a first name.
_UNDOTTED_TITLES = {"prof", "dr", "pd", "dipl", "mag", "frau", "herr", "mr", "mrs", "ms", "mx"}


def _is_title(word: str) -> bool:
    """True for "Prof.", "Dr.", "Dr.-Ing.", "Dipl.-Ing.", "habil.", "h.c.", "Frau"…

    A word with a dot is a title or an abbreviation, except an initial ("A."), which stands
    for a name.
    """
    if word.lower().rstrip(".") in _UNDOTTED_TITLES:
        return True
    return "." in word and len(word.rstrip(".")) > 1


class Role(models.TextChoices):
    """Platform-wide roles granted by funder staff. Applicants are members of an organisation."""

    FUNDER_STAFF = "funder_staff", _("Funder staff")
    PROGRAMME_EXPERT = "programme_expert", _("Programme expert")
    COMMISSION_MEMBER = "commission_member", _("Commission member")
    PROCESS_COACH = "process_coach", _("Process coach")
    EVALUATOR = "evaluator", _("Evaluator")
    TRAINER = "trainer", _("Trainer")


# These roles see unpublished applications and personal data: a second factor is required.
MFA_REQUIRED_ROLES = frozenset({Role.FUNDER_STAFF, Role.PROGRAMME_EXPERT, Role.COMMISSION_MEMBER})


class State(models.TextChoices):
    """Germany's 16 Bundesländer."""

    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class LegalForm(models.TextChoices):
    EV = "ev", _("Registered association (e.V.)")
    GGMBH = "ggmbh", _("Non-profit limited company (gGmbH)")
    GMBH = "gmbh", _("Limited company (GmbH)")
    FOUNDATION = "foundation", _("Foundation (Stiftung)")
    COOPERATIVE = "cooperative", _("Cooperative (eG)")
    PUBLIC_BODY = "public_body", _("Public-law body (KdöR)")
    MUNICIPALITY = "municipality", _("Municipality or district")
    OTHER = "other", _("Other")


class FieldOfWork(models.TextChoices):
    CHILDREN_YOUTH = "children_youth", _("Child and youth services")
    DISABILITY = "disability", _("Disability and integration assistance")
    ELDERLY = "elderly", _("Care for older people")
    EDUCATION = "education", _("Education")
    EMPLOYMENT = "employment", _("Work and employment")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    CULTURE_LEISURE = "culture_leisure", _("Culture, sport and leisure")
    MIGRATION = "migration", _("Migration and integration")
    COMMUNITY = "community", _("Community and neighbourhood work")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person; they log in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("E-mails and letters are sent in this language."),
    )
    # Django admin access only; product permissions come from roles and memberships.
    is_staff = models.BooleanField(_("admin site access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("registered"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name", "email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        """The first name, for "Hallo, Anna": academic titles and forms of address skipped."""
        words = self.name.split()
        given = [word for word in words if not _is_title(word)]
        return given[0] if given else self.name or self.email

    @property
    def role_set(self) -> frozenset[str]:
        """The user's platform roles, loaded once per request-scoped instance."""
        if not hasattr(self, "_role_cache"):
            self._role_cache = frozenset(self.role_grants.values_list("role", flat=True))
        return self._role_cache

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_set


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"


class Organisation(models.Model):
    """A provider organisation (Träger) that applies, or a partner organisation."""

    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=5)
    city = models.CharField(_("town"), max_length=100)
    state = models.CharField(_("Bundesland"), max_length=2, choices=State.choices)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    fields_of_work = models.JSONField(_("fields of work"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    members = models.ManyToManyField(User, through="Membership", related_name="organisations")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_fields_of_work_display(self) -> list[str]:
        labels = dict(FieldOfWork.choices)
        return [str(labels.get(value, value)) for value in self.fields_of_work]


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation}"
