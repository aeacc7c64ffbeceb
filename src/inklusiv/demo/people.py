"""Chapter 1 of the demo, people: one login per role, and the provider organisations of the
seed story."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from inklusiv.accounts import services
from inklusiv.accounts.models import (
    FieldOfWork,
    LegalForm,
    Membership,
    Organisation,
    Role,
    State,
    User,
)

DEMO_PASSWORD = "Inklusiv-Demo-2016!"
# Fixed so that a tester can add it to an authenticator app once and keep using it.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

DEMO_PEOPLE = [
    # (role label for the printout, e-mail, name, platform role or None)
    (
        "Förderer (Mitarbeiterin)",
        "miriam.albers@inklusiv.example",
        "Miriam Albers",
        Role.FUNDER_STAFF,
    ),
    ("Fachexperte", "jonas.brandt@inklusiv.example", "Jonas Brandt", Role.PROGRAMME_EXPERT),
    (
        "Kommissionsmitglied",
        "sabine.keller@kommission.example",
        "Prof. Dr. Sabine Keller",
        Role.COMMISSION_MEMBER,
    ),
    (
        "Antragstellerin (Träger)",
        "k.lehmann@jugendarbeit-neuruppin.example",
        "Katrin Lehmann",
        None,
    ),
    ("Prozessbegleiter", "t.wegner@prozessbegleitung.example", "Thomas Wegner", Role.PROCESS_COACH),
    ("Evaluatorin", "a.demir@evaluation.example", "Dr. Aylin Demir", Role.EVALUATOR),
]
# The trainer of the 2017 programme of trainings (demo/trainings), made like the people above
# and printed after them; kept apart from DEMO_PEOPLE, whose six logins the story's earlier
# chapters and tests name by position.
TRAINER = (
    "Referentin (Fortbildungen)",
    "c.weidner@inklusion-fortbildung.example",
    "Dr. Carolin Weidner",
    Role.TRAINER,
)

DEMO_ORGANISATIONS = [
    {
        "name": "Jugendarbeit Neuruppin e.V.",
        "legal_form": LegalForm.EV,
        "street": "Fehrbelliner Straße 12",
        "postcode": "16816",
        "city": "Neuruppin",
        "state": State.BB,
        "website": "https://jugendarbeit-neuruppin.example",
        "email": "info@jugendarbeit-neuruppin.example",
        "phone": "03391 123456",
        "fields_of_work": [
            FieldOfWork.CHILDREN_YOUTH,
            FieldOfWork.EDUCATION,
            FieldOfWork.EMPLOYMENT,
        ],
        "admin": "k.lehmann@jugendarbeit-neuruppin.example",
        "members": [("m.schulz@jugendarbeit-neuruppin.example", "Marco Schulz")],
    },
    {
        "name": "Lebenshilfe Ostprignitz-Ruppin e.V.",
        "legal_form": LegalForm.EV,
        "street": "Präsidentenstraße 60",
        "postcode": "16816",
        "city": "Neuruppin",
        "state": State.BB,
        "website": "",
        "email": "kontakt@lebenshilfe-opr.example",
        "phone": "",
        "fields_of_work": [FieldOfWork.DISABILITY, FieldOfWork.HOUSING],
        "admin": "h.krause@lebenshilfe-opr.example",
        "members": [],
    },
    {
        "name": "Sozialwerk Rhein-Erft gGmbH",
        "legal_form": LegalForm.GGMBH,
        "street": "Hauptstraße 5",
        "postcode": "50126",
        "city": "Bergheim",
        "state": State.NW,
        "website": "",
        "email": "info@sozialwerk-rhein-erft.example",
        "phone": "",
        "fields_of_work": [FieldOfWork.COMMUNITY, FieldOfWork.ELDERLY],
        "admin": "p.yilmaz@sozialwerk-rhein-erft.example",
        "members": [],
    },
]


def _person(email: str, name: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


@transaction.atomic
def load() -> list[tuple[str, str, bool]]:
    """Create the demo people and organisations (idempotent); return (label, e-mail, mfa)."""
    staff = _person(DEMO_PEOPLE[0][1], DEMO_PEOPLE[0][2])
    if not staff.role_grants.exists():
        # The very first staff role has no granting colleague yet: bootstrap it directly.
        staff.role_grants.create(role=Role.FUNDER_STAFF)
    logins = []
    for label, email, name, role in [*DEMO_PEOPLE, TRAINER]:
        person = _person(email, name)
        if role and not person.role_grants.filter(role=role).exists():
            services.set_roles(
                actor=staff,
                user=person,
                roles={role, *person.role_grants.values_list("role", flat=True)},
                reason="Demo",
            )
        needs_mfa = role in {Role.FUNDER_STAFF, Role.PROGRAMME_EXPERT, Role.COMMISSION_MEMBER}
        if (
            needs_mfa
            and not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(person, DEMO_TOTP_SECRET)
        logins.append((label, email, needs_mfa))
    for spec in DEMO_ORGANISATIONS:
        if Organisation.objects.filter(name=spec["name"]).exists():
            continue
        admin = _person(spec["admin"], spec["admin"].split("@")[0].replace(".", " ").title())
        data = {key: value for key, value in spec.items() if key not in {"admin", "members"}}
        organisation = services.create_organisation(actor=admin, data=data)
        for email, name in spec["members"]:
            member = _person(email, name)
            Membership.objects.get_or_create(
                user=member,
                organisation=organisation,
                defaults={"role": Membership.Role.MEMBER},
            )
    return logins
