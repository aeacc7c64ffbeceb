"""factory-boy factories and a helper that makes a person in a given role."""

import datetime
import time
from zoneinfo import ZoneInfo

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.utils import timezone

from inklusiv.accounts.models import (
    MFA_REQUIRED_ROLES,
    FieldOfWork,
    LegalForm,
    Membership,
    Organisation,
    Role,
    RoleGrant,
    State,
    User,
)

PASSWORD = "Sicheres-Passwort-2016"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    language = "de"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Inklusionsverein {n} e.V.")
    legal_form = LegalForm.EV
    street = "Hauptstraße 1"
    postcode = "16816"
    city = "Neuruppin"
    state = State.BB
    fields_of_work = [FieldOfWork.CHILDREN_YOUTH]


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.ADMIN


def totp_code(secret: str = TOTP_SECRET, *, margin: float = 8.0) -> str:
    """The current six-digit code, taken from a 30-second period with at least `margin`
    seconds left: a code typed into a browser while its period ends is refused, and such a
    test would fail now and then."""
    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_user(role: str | None, **kwargs) -> User:
    """A verified person in `role` ("applicant" means admin of a new organisation).

    People whose role requires two factors get a TOTP authenticator with TOTP_SECRET.
    """
    user = UserFactory(**kwargs)
    if role == "applicant":
        MembershipFactory(user=user)
    elif role:
        RoleGrant.objects.create(user=user, role=role)
        if role in MFA_REQUIRED_ROLES:
            TOTP.activate(user, TOTP_SECRET)
    return user


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


ALL_ROLES = [None, "applicant", *Role.values]


# --- calls and applications -------------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args) -> datetime.datetime:
    """An aware datetime from Berlin wall-clock parts, e.g. berlin(2016, 8, 31, 23, 59)."""
    return datetime.datetime(*args, tzinfo=BERLIN)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "calls.Initiative"

    name = "Kommune Inklusiv"
    slug = factory.Sequence(lambda n: f"kommune-inklusiv-{n}")
    funder = "Aktion Mensch e.V."


class CallFactory(factory.django.DjangoModelFactory):
    """A published call whose first stage is open now (until far in the future)."""

    class Meta:
        model = "calls.Call"
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    slug = factory.Sequence(lambda n: f"aufruf-{n}")
    title_de = "Kommune Inklusiv – Aufruf 2016"
    title_en = "Inclusive Municipality – call 2016"
    summary_de = "Gesucht: Sozialräume, die inklusiv werden wollen."
    purpose_de = "Inklusion vor Ort gemeinsam gestalten."
    eligibility_de = (
        "Träger mit Partnern aus Zivilgesellschaft, Wirtschaft, Wissenschaft, Verwaltung."
    )
    reference_prefix = "KI"
    reference_year = factory.Sequence(lambda n: 2016 + n)
    is_published = True

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):
        if create and extracted is None:
            now = timezone.now()
            StageFactory(
                call=obj,
                position=1,
                opens_at=now - datetime.timedelta(days=30),
                closes_at=now + datetime.timedelta(days=30),
            )


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "calls.Stage"

    call = factory.SubFactory(CallFactory, stages=False)
    position = 1
    name_de = "Interessenbekundung"
    name_en = "Expression of interest"
    opens_at = factory.LazyFunction(lambda: berlin(2016, 6, 1, 0, 0))
    closes_at = factory.LazyFunction(lambda: berlin(2016, 8, 31, 23, 59))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "calls.Question"

    stage = factory.SubFactory(StageFactory)
    kind = "long_text"
    label_de = "Warum ist Ihr Sozialraum der richtige Ort?"
    label_en = "Why is your social space the right place?"
    required = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft of an organisation (with one admin member) to a call's first stage."""

    class Meta:
        model = "applications.Application"

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    stage = factory.LazyAttribute(lambda o: o.call.first_stage())
    contact_name = "Katrin Lehmann"
    contact_email = "k.lehmann@jugendarbeit-neuruppin.example"


def complete(application):
    """Fill every part an application needs before it can be submitted."""
    from inklusiv.applications.models import Concept, Partner, SocialSpace

    SocialSpace.objects.create(
        application=application,
        kind="city",
        name="Neuruppin",
        state="BB",
        population=31000,
        ags="12068320",
        revision=1,
    )
    Concept.objects.create(
        application=application,
        starting_situation="Viele Wege in der Altstadt sind für Rollstühle zu steil.",
        goals="Alle Jugendlichen können an Freizeitangeboten teilnehmen.",
        fields_of_action=["leisure", "mobility"],
        approach="Runder Tisch mit Vereinen, Schulen und der Stadtverwaltung.",
        expected_network="Sportvereine, Volkshochschule, Behindertenbeirat.",
        revision=1,
    )
    Partner.objects.create(
        application=application,
        name="Stadt Neuruppin",
        sector="administration",
        kind="municipal_administration",
        contact_name="Jens Winter",
        role="Bauamt und Sozialamt",
        revision=1,
    )
    return application
