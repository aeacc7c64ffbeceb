"""Fill a database with one call and many believable applications, fast (bulk inserts).

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python -m bench.generate --applications 5000

Migrates the database first. Each run adds a new call with its own reference series, so
runs can be repeated; the funder staff account bench-staff@inklusiv.example is reused.
"""

import argparse
import datetime
import random
import time

from ._setup import setup_django

STAFF_EMAIL = "bench-staff@inklusiv.example"
BATCH = 1000

TOWNS = [
    ("Neuruppin", "BB"),
    ("Köln-Chorweiler", "NW"),
    ("Rendsburg-Eckernförde", "SH"),
    ("Schwäbisch Gmünd", "BW"),
    ("Fürth", "BY"),
    ("Berlin-Neukölln", "BE"),
    ("Bremerhaven", "HB"),
    ("Hamburg-Wilhelmsburg", "HH"),
    ("Gießen", "HE"),
    ("Greifswald", "MV"),
    ("Lüneburg", "NI"),
    ("Mainz-Gonsenheim", "RP"),
    ("Saarbrücken", "SL"),
    ("Görlitz", "SN"),
    ("Quedlinburg", "ST"),
    ("Mühlhausen", "TH"),
]
KINDS = ["city", "municipality", "district", "county", "part_of_county"]
FIELDS = ["work", "education", "housing", "leisure", "mobility", "health", "culture"]
SECTORS = [
    ("civil_society", "association"),
    ("civil_society", "self_advocacy"),
    ("business", "company"),
    ("science", "university"),
    ("administration", "municipal_administration"),
]
LEGAL_FORMS = ["ev", "ggmbh"]
STATUSES = ["submitted"] * 8 + ["draft", "withdrawn"]


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2016)
    return parser


def _staff_user():
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from inklusiv.accounts.models import Role, RoleGrant, User

    user, created = User.objects.get_or_create(
        email=STAFF_EMAIL, defaults={"name": "Bench Mitarbeiterin", "language": "de"}
    )
    if created:
        # Nobody logs in with a password: load.py signs in with force_login.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    RoleGrant.objects.get_or_create(user=user, role=Role.FUNDER_STAFF)
    # The role demands a second factor; without one every page redirects to its set-up.
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def _call(count: int):
    from django.utils import timezone

    from inklusiv.calls.models import Call, Initiative, Stage

    initiative, _created = Initiative.objects.get_or_create(
        slug="bench", defaults={"name": "Kommune Inklusiv (Bench)", "funder": "Aktion Mensch e.V."}
    )
    number = Call.objects.filter(initiative=initiative).count() + 1
    call = Call.objects.create(
        initiative=initiative,
        slug=f"bench-{number}",
        title_de=f"Bench-Aufruf {number} ({count} Anträge)",
        title_en=f"Bench call {number} ({count} applications)",
        summary_de="Gesucht: Sozialräume, die inklusiv werden wollen.",
        purpose_de="Inklusion vor Ort gemeinsam gestalten.",
        eligibility_de="Träger mit Partnern aus allen Sektoren.",
        reference_prefix=f"B{number}",
        reference_year=2016,
        last_reference_number=count,
        is_published=True,
    )
    now = timezone.now()
    first = Stage.objects.create(
        call=call,
        position=1,
        name_de="Interessenbekundung",
        name_en="Expression of interest",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now + datetime.timedelta(days=30),
    )
    Stage.objects.create(
        call=call,
        position=2,
        name_de="Zweite Runde",
        name_en="Second round",
        opens_at=now + datetime.timedelta(days=60),
        closes_at=now + datetime.timedelta(days=120),
    )
    return call, first


def generate(count: int, seed: int = 2016) -> dict:
    """Create the call and `count` applications; returns what was made and how long it took."""
    from django.db import transaction
    from django.utils import timezone

    from inklusiv.accounts.models import Organisation
    from inklusiv.applications.models import Application, Concept, Partner, SocialSpace

    rng = random.Random(seed)
    started = time.perf_counter()
    with transaction.atomic():
        staff = _staff_user()
        call, stage = _call(count)
        towns = [rng.choice(TOWNS) for _number in range(count)]
        organisations = Organisation.objects.bulk_create(
            (
                Organisation(
                    name=f"Inklusionsnetz {town} {number} e.V.",
                    legal_form=rng.choice(LEGAL_FORMS),
                    street=f"Marktplatz {number % 97 + 1}",
                    postcode=f"{rng.randint(1067, 99998):05d}",
                    city=town.split("-")[0],
                    state=state,
                )
                for number, (town, state) in enumerate(towns, start=1)
            ),
            batch_size=BATCH,
        )
        submitted_start = timezone.now() - datetime.timedelta(days=20)
        applications = []
        for number, organisation in enumerate(organisations, start=1):
            status = rng.choice(STATUSES)
            applications.append(
                Application(
                    call=call,
                    organisation=organisation,
                    stage=stage,
                    status=status,
                    reference=f"{call.reference_prefix}-2016-{number:04d}"
                    if status != "draft"
                    else "",
                    submitted_at=submitted_start + datetime.timedelta(minutes=number * 5)
                    if status != "draft"
                    else None,
                    contact_name=f"Kontakt {number}",
                    contact_email=f"kontakt{number}@traeger.example",
                    contact_phone="+49 30 1234567",
                    created_by=staff,
                )
            )
        applications = Application.objects.bulk_create(applications, batch_size=BATCH)
        SocialSpace.objects.bulk_create(
            (
                SocialSpace(
                    application=application,
                    kind=rng.choice(KINDS),
                    name=town,
                    state=state,
                    population=int(rng.lognormvariate(10.5, 1.0)) + 500,
                    ags=f"{rng.randint(1000000, 16999999):08d}",
                )
                for application, (town, state) in zip(applications, towns, strict=True)
            ),
            batch_size=BATCH,
        )
        Concept.objects.bulk_create(
            (
                Concept(
                    application=application,
                    starting_situation="Viele Wege und Gebäude sind nicht barrierefrei; "
                    "Freizeitangebote erreichen Menschen mit Behinderung kaum.",
                    goals="Alle Menschen im Sozialraum können an Arbeit, Freizeit und "
                    "Bildung teilhaben.",
                    fields_of_action=sorted(rng.sample(FIELDS, rng.randint(1, 3))),
                    approach="Runder Tisch mit Vereinen, Schulen, Betrieben und Verwaltung.",
                    expected_network="Sportvereine, Volkshochschule, Behindertenbeirat.",
                )
                for application in applications
            ),
            batch_size=BATCH,
        )
        partners = []
        for application in applications:
            for index in range(rng.randint(1, 6)):
                sector, kind = rng.choice(SECTORS)
                partners.append(
                    Partner(
                        application=application,
                        name=f"Partner {index + 1} von {application.organisation.name}",
                        sector=sector,
                        kind=kind,
                        contact_name="Jens Winter",
                        contact_email="j.winter@partner.example",
                        role="Gestaltet das Netzwerk mit.",
                    )
                )
        Partner.objects.bulk_create(partners, batch_size=BATCH)
    return {
        "call": call,
        "applications": len(applications),
        "partners": len(partners),
        "seconds": time.perf_counter() - started,
    }


def main(argv=None) -> None:
    arguments = _argument_parser().parse_args(argv)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    result = generate(arguments.applications, arguments.seed)
    print(
        f"{connection.vendor}: call “{result['call'].slug}” with {result['applications']} "
        f"applications and {result['partners']} partners in {result['seconds']:.1f} s"
    )


if __name__ == "__main__":
    main()
