"""Chapter 7 of the demo, the second funding wave: the open 2027 call gets its first
expressions of interest, and the commission starts reviewing them while the call runs.

So that the story has work for today, not only for 2016: four provider organisations have
submitted in the last two weeks. Staff have checked three of them formally and started their
review; the fourth, submitted yesterday, waits for its formal check. Prof. Keller and
Dr. Bergmann sit on the 2027 commission; Prof. Keller has two reviews to write (one begun as
a draft), due four weeks after the call closes.

Choices, and why:
- Every write goes through the services (accounts, applications, calls, workflow,
  selection.services.commission, assignment and reviews), as the pages do. The reviewers are
  assigned by hand (assignment.assign): four applications need no optimiser.
- Times are relative to the day the 2027 call was loaded (its first stage opened 21 days
  earlier, see call.py), so the submissions lie in the past two weeks whenever the demo runs;
  the audit entries are dated like them, as the selection chapter does for 2016.
- The whole chapter is skipped once the 2027 stage has a commission (idempotent), and also
  when the stage is no longer open (a demo database loaded months ago).
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from inklusiv.accounts import services as account_services
from inklusiv.accounts.models import FieldOfWork, LegalForm, Organisation, State, User
from inklusiv.applications import services as application_services
from inklusiv.applications import workflow
from inklusiv.applications.models import FieldOfAction, PartnerKind, Sector, SpaceKind
from inklusiv.calls import services as call_services
from inklusiv.calls.models import Call, Stage
from inklusiv.selection.models import CommissionMember
from inklusiv.selection.services import assignment, commission, reviews

from .call import BERLIN, CALL_2027_SLUG, berlin_on
from .people import DEMO_PEOPLE, _person
from .selection import _dated

STAFF_EMAIL = DEMO_PEOPLE[0][1]
KELLER_EMAIL = DEMO_PEOPLE[2][1]
BERGMANN_EMAIL = "m.bergmann@kommission.example"
REVIEWS_DUE_AFTER_CLOSE = timedelta(weeks=4)

# Each: the organisation, its administrator (who applies), the application, days before
# today it was submitted, and who reviews it ("" while it waits for the formal check).
APPLICANTS = [
    {
        "organisation": {
            "name": "Inklusionsnetzwerk Flensburg e.V.",
            "legal_form": LegalForm.EV,
            "street": "Große Straße 42",
            "postcode": "24937",
            "city": "Flensburg",
            "state": State.SH,
            "email": "info@inklusion-flensburg.example",
            "fields_of_work": [FieldOfWork.DISABILITY, FieldOfWork.EMPLOYMENT],
        },
        "admin": ("j.petersen@inklusion-flensburg.example", "Jens Petersen"),
        "space": {
            "kind": SpaceKind.CITY,
            "name": "Flensburg",
            "state": State.SH,
            "population": 92500,
            "ags": "01001000",
        },
        "partners": [
            (
                "Stadt Flensburg – Fachbereich Soziales",
                Sector.ADMINISTRATION,
                PartnerKind.MUNICIPAL_ADMINISTRATION,
                "Birte Hansen",
                "b.hansen@flensburg.example",
                "Die Sozialplanung der Stadt koordiniert die Arbeitsgruppen mit und bringt die "
                "Ergebnisse in den Sozialausschuss.",
            ),
            (
                "Hochschule Flensburg – Fachbereich Gesundheit",
                Sector.SCIENCE,
                PartnerKind.UNIVERSITY,
                "Prof. Dr. Lars Christiansen",
                "l.christiansen@hs-flensburg.example",
                "Begleitet die Befragungen im Stadtteil und wertet sie gemeinsam mit dem "
                "Netzwerk aus.",
            ),
        ],
        "concept": {
            "starting_situation": (
                "In der Flensburger Neustadt leben viele ältere Menschen und Menschen mit "
                "Behinderung in alten Häusern ohne Aufzug. Der Hafen und die Innenstadt sind "
                "nah, aber über steile Treppen und holprige Wege schwer zu erreichen."
            ),
            "goals": (
                "Betriebe am Hafen stellen Menschen mit Behinderung ein. Wege in die Innenstadt "
                "werden barrierefrei. Das Stadtteilzentrum wird ein Treffpunkt für alle."
            ),
            "fields_of_action": [FieldOfAction.WORK, FieldOfAction.ACCESSIBILITY],
            "approach": (
                "Eine Steuerungsgruppe aus Stadt, Selbstvertretung und Wirtschaft trifft sich "
                "alle sechs Wochen. Begehungen mit Rollstuhl und Langstock zeigen, wo es hakt."
            ),
            "expected_network": (
                "Die Industrie- und Handelskammer und der Behindertenbeirat der Stadt haben "
                "Interesse bekundet."
            ),
        },
        "answers": [
            (
                "Flensburg hat mit dem Behindertenbeirat und einer aktiven Selbsthilfe gute "
                "Voraussetzungen. Was fehlt, ist ein Netzwerk, das Arbeit und Wege zusammen "
                "denkt."
            ),
            "3",
            ["1", "2", "4"],
            "6",
            "yes",
            "Netzwerkkoordination beim Verein (eine volle Stelle)",
        ],
        "submitted_days_ago": 12,
        "reviewers": [KELLER_EMAIL, BERGMANN_EMAIL],
    },
    {
        "organisation": {
            "name": "Nachbarschaftswerk Kassel-Nord gGmbH",
            "legal_form": LegalForm.GGMBH,
            "street": "Holländische Straße 88",
            "postcode": "34127",
            "city": "Kassel",
            "state": State.HE,
            "email": "kontakt@nachbarschaftswerk-kassel.example",
            "fields_of_work": [FieldOfWork.COMMUNITY, FieldOfWork.MIGRATION],
        },
        "admin": ("s.oezdemir@nachbarschaftswerk-kassel.example", "Selin Özdemir"),
        "space": {
            "kind": SpaceKind.DISTRICT,
            "name": "Kassel-Nord-Holland",
            "state": State.HE,
            "population": 16300,
            "ags": "",
        },
        "partners": [
            (
                "Stadt Kassel – Sozialamt",
                Sector.ADMINISTRATION,
                PartnerKind.MUNICIPAL_ADMINISTRATION,
                "Michael Braun",
                "m.braun@kassel.example",
                "Stellt die Quartiersmanagerin für das Netzwerk frei und lädt zur "
                "Stadtteilkonferenz ein.",
            ),
            (
                "Selbstvertretung Mensch zuerst Kassel",
                Sector.CIVIL_SOCIETY,
                PartnerKind.SELF_ADVOCACY,
                "Anja Richter",
                "a.richter@mensch-zuerst-kassel.example",
                "Prüft alle Einladungen und Aushänge auf Leichte Sprache und leitet die "
                "Arbeitsgruppe Freizeit.",
            ),
        ],
        "concept": {
            "starting_situation": (
                "Nord-Holland ist ein junger, vielsprachiger Stadtteil. Familien mit Kindern "
                "mit Behinderung finden kaum Kita-Plätze und Freizeitangebote in der Nähe."
            ),
            "goals": (
                "Jede Kita und jeder Sportverein im Stadtteil nimmt Kinder mit und ohne "
                "Behinderung auf. Informationen gibt es in Leichter Sprache und in den "
                "Sprachen des Stadtteils."
            ),
            "fields_of_action": [FieldOfAction.EDUCATION, FieldOfAction.LEISURE],
            "approach": (
                "Eine Stadtteilkonferenz im Frühjahr, danach zwei Arbeitsgruppen. Eltern "
                "werden als Lotsinnen und Lotsen geschult."
            ),
            "expected_network": (
                "Dazu kommen sollen die Kitas des Stadtteils, zwei Sportvereine und die "
                "Moscheegemeinde."
            ),
        },
        "answers": [
            (
                "Im Stadtteil gibt es viel Engagement, aber Familien mit Kindern mit "
                "Behinderung bleiben oft allein. Ein Netzwerk kann das ändern."
            ),
            "2",
            ["1", "4"],
            "4",
            "no",
            "Quartiersmanagerin der gGmbH (halbe Stelle)",
        ],
        "submitted_days_ago": 9,
        "reviewers": [KELLER_EMAIL, BERGMANN_EMAIL],
    },
    {
        "organisation": {
            "name": "Bürgerstiftung Erlangen",
            "legal_form": LegalForm.FOUNDATION,
            "street": "Hauptstraße 65",
            "postcode": "91054",
            "city": "Erlangen",
            "state": State.BY,
            "email": "info@buergerstiftung-erlangen.example",
            "fields_of_work": [FieldOfWork.COMMUNITY, FieldOfWork.CULTURE_LEISURE],
        },
        "admin": ("t.hofmann@buergerstiftung-erlangen.example", "Tobias Hofmann"),
        "space": {
            "kind": SpaceKind.CITY,
            "name": "Erlangen",
            "state": State.BY,
            "population": 116500,
            "ags": "09562000",
        },
        "partners": [
            (
                "Stadt Erlangen – Amt für Soziales",
                Sector.ADMINISTRATION,
                PartnerKind.MUNICIPAL_ADMINISTRATION,
                "Claudia Weber",
                "c.weber@erlangen.example",
                "Die Behindertenbeauftragte der Stadt sitzt in der Steuerungsgruppe.",
            ),
            (
                "Theater Erlangen",
                Sector.CIVIL_SOCIETY,
                PartnerKind.OTHER,
                "Martin Schmitt",
                "m.schmitt@theater-erlangen.example",
                "Bietet Vorstellungen mit Audiodeskription und ein inklusives Jugendensemble an.",
            ),
        ],
        "concept": {
            "starting_situation": (
                "Erlangen hat ein reiches Kulturleben, aber kaum ein Angebot ist ohne Hilfe "
                "zugänglich. Menschen mit Behinderung sind in Vereinen und Gremien selten "
                "vertreten."
            ),
            "goals": (
                "Kultur- und Freizeitangebote der Stadt sind für alle zugänglich. Menschen "
                "mit Behinderung wirken in den Vorständen der Vereine mit."
            ),
            "fields_of_action": [FieldOfAction.CULTURE, FieldOfAction.LEISURE],
            "approach": (
                "Ein Kulturnetzwerk prüft seine Häuser gemeinsam mit Expertinnen und Experten "
                "in eigener Sache und schult Ehrenamtliche als Kulturbegleitung."
            ),
            "expected_network": (
                "Die Volkshochschule, das Stadtmuseum und der Stadtjugendring sollen dazukommen."
            ),
        },
        "answers": [
            (
                "Erlangen will zeigen, dass Kultur ein guter Anfang für Inklusion ist: Wer "
                "zusammen Theater spielt, arbeitet auch sonst zusammen."
            ),
            "3",
            ["2", "3"],
            "8",
            "yes",
            "Referentin der Stiftung für das Kulturnetzwerk",
        ],
        "submitted_days_ago": 6,
        "reviewers": [BERGMANN_EMAIL],
    },
    {
        "organisation": {
            "name": "Lausitzer Teilhabe e.V.",
            "legal_form": LegalForm.EV,
            "street": "Berliner Straße 21",
            "postcode": "02826",
            "city": "Görlitz",
            "state": State.SN,
            "email": "info@lausitzer-teilhabe.example",
            "fields_of_work": [FieldOfWork.DISABILITY, FieldOfWork.ELDERLY],
        },
        "admin": ("k.schubert@lausitzer-teilhabe.example", "Karin Schubert"),
        "space": {
            "kind": SpaceKind.COUNTY,
            "name": "Landkreis Görlitz",
            "state": State.SN,
            "population": 248000,
            "ags": "14626000",
        },
        "partners": [
            (
                "Landkreis Görlitz – Sozialamt",
                Sector.ADMINISTRATION,
                PartnerKind.MUNICIPAL_ADMINISTRATION,
                "Uwe Lehmann",
                "u.lehmann@kreis-gr.example",
                "Die Sozialplanung des Kreises bringt das Vorhaben in den Kreistag.",
            ),
        ],
        "concept": {
            "starting_situation": (
                "Im Landkreis Görlitz sind die Wege weit, viele junge Menschen ziehen weg. "
                "Ältere Menschen und Menschen mit Behinderung bleiben in den Dörfern oft ohne "
                "Arzt, Laden und Bus."
            ),
            "goals": (
                "Ein Mitfahrnetz verbindet die Dörfer. Gemeindeschwestern und Dorfläden "
                "kommen zu den Menschen."
            ),
            "fields_of_action": [FieldOfAction.MOBILITY, FieldOfAction.HEALTH],
            "approach": (
                "In drei Gemeinden beginnen Dorfwerkstätten; was dort gelingt, trägt der Kreis "
                "in die anderen Gemeinden."
            ),
            "expected_network": "Die Verkehrsgesellschaft und die Kirchgemeinden der Region.",
        },
        "answers": [
            (
                "Im ländlichen Osten zeigt sich, ob Teilhabe auch dort gelingt, wo Wege weit "
                "und Angebote selten sind."
            ),
            "2",
            ["3", "4"],
            "3",
            "no",
            "Koordinatorin beim Verein (halbe Stelle)",
        ],
        "submitted_days_ago": 1,
        "reviewers": [],
    },
]

# Prof. Keller's draft of the Flensburg review: the first two criteria, scored one evening.
KELLER_DRAFT = {
    "application": "Inklusionsnetzwerk Flensburg e.V.",
    "scores": [
        (4, "Der Stadtteil und seine Barrieren sind anschaulich beschrieben."),
        (3, "Die Ziele zu Arbeit sind konkret, die zu Wegen noch allgemein."),
    ],
    "comment": "Vor dem Absenden noch die Website des Netzwerks ansehen.",
}


def _apply(stage: Stage, spec: dict, moment) -> None:
    """Register the organisation (unless it exists) and submit its expression of interest."""
    name = spec["organisation"]["name"]
    organisation = Organisation.objects.filter(name=name).first()
    if (
        organisation is not None
        and stage.call.applications.filter(organisation=organisation).exists()
    ):
        return
    email, person_name = spec["admin"]
    actor = _person(email, person_name)
    with _dated(moment - timedelta(days=2)):
        if organisation is None:
            organisation = account_services.create_organisation(
                actor=actor, data=spec["organisation"]
            )
        application = application_services.start_application(
            actor=actor,
            call=stage.call,
            organisation=organisation,
            now=max(moment - timedelta(days=2), stage.opens_at),
        )
    with _dated(moment):
        application_services.save_social_space(
            actor=actor, application=application, revision=0, **spec["space"]
        )
        for partner_name, sector, kind, contact_name, contact_email, role in spec["partners"]:
            application_services.save_partner(
                actor=actor,
                application=application,
                name=partner_name,
                sector=sector,
                kind=kind,
                contact_name=contact_name,
                contact_email=contact_email,
                role=role,
            )
        application_services.save_concept(
            actor=actor, application=application, revision=0, **spec["concept"]
        )
        values = {
            question.key: answer
            for question, answer in zip(stage.questions.all(), spec["answers"], strict=False)
        }
        application_services.save_answers(
            actor=actor, application=application, stage=stage, revision=0, values=values, files={}
        )
        application_services.submit(actor=actor, application=application, now=moment)


def _reviews_due(stage: Stage, staff: User, moment) -> None:
    """Staff set the review's due date: four weeks after the call closes, end of the day."""
    if stage.reviews_due_at is not None:
        return
    due_day = timezone.localtime(stage.closes_at + REVIEWS_DUE_AFTER_CLOSE, BERLIN).date()
    stage.reviews_due_at = berlin_on(due_day, 23, 59)
    with _dated(moment):
        call_services.save(actor=staff, instance=stage)


def _review(stage: Stage, staff: User, today) -> None:
    """Formal check and start of the review, the commission, its assignments, one draft."""
    keller = User.objects.get(email=KELLER_EMAIL)
    bergmann = User.objects.get(email=BERGMANN_EMAIL)
    applications = {
        application.organisation.name: application
        for application in stage.call.applications.filter(stage=stage).select_related(
            "organisation"
        )
    }
    checked = today - timedelta(days=3)
    with _dated(berlin_on(checked, 10, 15)):
        for spec in APPLICANTS:
            if spec["reviewers"]:
                application = applications[spec["organisation"]["name"]]
                workflow.apply(application, "mark_eligible", actor=staff)
                workflow.apply(application, "start_review", actor=staff)
    _reviews_due(stage, staff, berlin_on(checked, 11, 0))
    with _dated(berlin_on(checked, 11, 30)):
        commission.add_member(
            actor=staff,
            stage=stage,
            user=keller,
            expertise=[FieldOfAction.EDUCATION, FieldOfAction.WORK],
        )
        commission.add_member(
            actor=staff,
            stage=stage,
            user=bergmann,
            expertise=[FieldOfAction.ACCESSIBILITY, FieldOfAction.MOBILITY],
        )
        for spec in APPLICANTS:
            for email in spec["reviewers"]:
                assignment.assign(
                    actor=staff,
                    stage=stage,
                    application=applications[spec["organisation"]["name"]],
                    reviewer=keller if email == KELLER_EMAIL else bergmann,
                )
    criteria = list(stage.criteria.order_by("position", "pk"))
    with _dated(berlin_on(today - timedelta(days=1), 21, 40)):
        reviews.save_review(
            actor=keller,
            application=applications[KELLER_DRAFT["application"]],
            revision=0,
            scores={
                criterion.pk: score
                for criterion, score in zip(criteria, KELLER_DRAFT["scores"], strict=False)
            },
            comment=KELLER_DRAFT["comment"],
        )


def load() -> list:
    """The 2027 call's first submissions and reviews, unless its commission exists already."""
    stage = Call.objects.get(slug=CALL_2027_SLUG).first_stage()
    now = timezone.now()
    if CommissionMember.objects.filter(stage=stage).exists() or not stage.is_open(now):
        return []
    today = timezone.localtime(now, BERLIN).date()
    # Submissions lie after the stage opened and before today, at office hours.
    earliest = timezone.localtime(stage.opens_at, BERLIN).date() + timedelta(days=1)
    with transaction.atomic():
        staff = User.objects.get(email=STAFF_EMAIL)
        for position, spec in enumerate(APPLICANTS):
            day = max(today - timedelta(days=spec["submitted_days_ago"]), earliest)
            _apply(stage, spec, berlin_on(day, 9 + 2 * position, 20))
        _review(stage, staff, today)
    return []
