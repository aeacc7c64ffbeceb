"""Chapter 2 of the demo, the call: the initiative „Kommune Inklusiv", its 2016 call (the
seed's story) and an open call for 2027, so that applicants in the demo can apply right away.

Deadlines are Berlin wall-clock times made aware with zoneinfo (DST-safe) and stored in UTC.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from inklusiv.calls.models import Call, Criterion, Initiative, Question, Stage

BERLIN = ZoneInfo("Europe/Berlin")

INITIATIVE_SLUG = "kommune-inklusiv"
CALL_2016_SLUG = "kommune-inklusiv-2016"
CALL_2027_SLUG = "kommune-inklusiv-2027"


def berlin(year, month, day, hour=0, minute=0) -> datetime.datetime:
    """An aware UTC datetime from a Berlin wall-clock time, e.g. berlin(2016, 7, 15, 23, 59)."""
    local = datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)
    return local.astimezone(datetime.UTC)


def berlin_on(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return berlin(day.year, day.month, day.day, hour, minute)


INITIATIVE = {
    "name": "Kommune Inklusiv",
    "funder": "Aktion Mensch e.V.",
    "description_de": (
        "Die Aktion Mensch möchte die Umsetzung von Inklusion vor Ort unterstützen. Sie setzt "
        "sich dafür ein, dass Menschen mit und ohne Behinderung ganz selbstverständlich "
        "zusammen leben, lernen, wohnen und arbeiten.\n\n"
        "Mit der Initiative „Kommune Inklusiv“ unterstützt die Aktion Mensch das Zusammenwirken "
        "von Zivilgesellschaft, Wirtschaft, Wissenschaft und kommunaler Verwaltung in "
        "Sozialräumen. In ausgewählten Modellregionen werden Ansätze von Inklusion mit "
        "Prozessbegleitung umgesetzt; die Erfahrungen stehen danach allen Sozialräumen in "
        "Deutschland zur Verfügung."
    ),
    "description_en": (
        "Aktion Mensch wants to support inclusion where people live. It works for a society in "
        "which people with and without disabilities live, learn, work and make their homes "
        "together as a matter of course.\n\n"
        "With the initiative “Kommune Inklusiv” (Inclusive Municipality), Aktion Mensch supports "
        "civil society, business, science and municipal administration working together in "
        "social spaces. Selected pilot regions put inclusion into practice with process "
        "support; their experience is then made available to social spaces all over Germany."
    ),
}

ELIGIBILITY_DE = (
    "Der Aufruf richtet sich an alle interessierten Menschen und Organisationen in "
    "Sozialräumen in Deutschland. Einen Antrag stellt ein Träger – zum Beispiel ein Verein, "
    "ein Verband, eine gemeinnützige Gesellschaft oder eine Kommune – gemeinsam mit seinen "
    "Partnern.\n\n"
    "Der Sozialraum kann eine Stadt, eine Gemeinde, ein Stadtviertel oder Stadtteil, ein Kreis "
    "oder ein Teil eines Kreises sein.\n\n"
    "Zum Netzwerk sollen Partner aus Zivilgesellschaft, Wirtschaft, Wissenschaft und "
    "kommunaler Verwaltung gehören. Menschen mit Behinderung und ihre Selbstvertretungen sind "
    "von Anfang an beteiligt.\n\n"
    "Die ausgewählten Sozialräume verpflichten sich, als Modellräume wissenschaftlich und "
    "kommunikativ begleitet zu werden und ihre Erfahrungen zu teilen."
)
ELIGIBILITY_EN = (
    "The call is open to all interested people and organisations in social spaces in Germany. "
    "An application is made by a provider organisation (Träger) – for example an association, "
    "a federation, a non-profit company or a municipality – together with its partners.\n\n"
    "The social space can be a town or city, a municipality, a quarter or district of a town, "
    "a county or part of a county.\n\n"
    "The network should include partners from civil society, business, science and municipal "
    "administration. People with disabilities and their self-advocacy groups take part from "
    "the start.\n\n"
    "The selected social spaces commit to scientific evaluation and public communication as "
    "pilot regions, and to sharing their experience."
)

CRITERIA_STAGE_1 = [
    (
        "Sozialraumbezug und Ausgangslage",
        "Social space and starting situation",
        "Ist der Sozialraum klar beschrieben? Sind Barrieren und Chancen vor Ort benannt?",
        "Is the social space clearly described? Are barriers and opportunities named?",
        2,
    ),
    (
        "Inklusives Verständnis und Ziele",
        "Understanding of inclusion and goals",
        "Sind die Ziele konkret und auf Menschen mit und ohne Behinderung gleichermaßen bezogen?",
        "Are the goals concrete and aimed at people with and without disabilities alike?",
        3,
    ),
    (
        "Breite des Netzwerks",
        "Breadth of the network",
        "Sind Zivilgesellschaft, Wirtschaft, Wissenschaft und Verwaltung vertreten oder "
        "ernsthaft angefragt?",
        "Are civil society, business, science and administration involved or seriously asked?",
        3,
    ),
    (
        "Beteiligung von Menschen mit Behinderung",
        "Participation of people with disabilities",
        "Wirken Menschen mit Behinderung und ihre Selbstvertretungen von Anfang an mit?",
        "Do people with disabilities and self-advocacy groups take part from the start?",
        2,
    ),
    (
        "Umsetzbarkeit und Übertragbarkeit",
        "Feasibility and transferability",
        "Ist das Vorgehen realistisch? Lassen sich die Erfahrungen auf andere Sozialräume "
        "übertragen?",
        "Is the approach realistic? Can other social spaces learn from it?",
        1,
    ),
]

CRITERIA_STAGE_2 = [
    (
        "Tragfähigkeit der Netzwerkstruktur",
        "Strength of the network structure",
        "Gibt es verbindliche Absprachen, eine Steuerungsgruppe und eine Koordination?",
        "Are there binding agreements, a steering group and coordination?",
        3,
    ),
    (
        "Rückhalt von Verwaltung und Politik",
        "Backing of administration and politics",
        "Tragen Verwaltungsspitze und Rat oder Kreistag das Vorhaben mit?",
        "Do the head of administration and the council support the project?",
        3,
    ),
    (
        "Qualität der Konzeptskizze",
        "Quality of the concept sketch",
        "Sind Ziele, Maßnahmen und Meilensteine stimmig und überprüfbar?",
        "Are goals, measures and milestones coherent and verifiable?",
        2,
    ),
    (
        "Bereitschaft zur Begleitung",
        "Readiness for evaluation and communication",
        "Ist der Sozialraum bereit, wissenschaftlich und kommunikativ begleitet zu werden?",
        "Is the social space ready for scientific evaluation and public communication?",
        2,
    ),
    (
        "Eindruck aus dem Vor-Ort-Gespräch",
        "Impression from the on-site meeting",
        "Konnten offene Fragen geklärt werden? Wie engagiert sind die Partner vor Ort?",
        "Were open questions answered? How committed are the partners on site?",
        2,
    ),
]

ADMINISTRATION_OPTIONS = (
    "Noch nicht angesprochen | Not approached yet\n"
    "Erste Gespräche geführt | First talks held\n"
    "Schriftliche Unterstützungszusage liegt vor | Written promise of support\n"
    "Beschluss von Rat oder Kreistag liegt vor | Council resolution passed"
)
PARTICIPATION_OPTIONS = (
    "Selbstvertretungsgruppen im Netzwerk | Self-advocacy groups in the network\n"
    "Behindertenbeirat oder Behindertenbeauftragte | Disability council or commissioner\n"
    "Befragungen und Sozialraumbegehungen | Surveys and neighbourhood walks\n"
    "Zukunftswerkstätten und offene Foren | Future workshops and open forums\n"
    "Menschen mit Behinderung in der Steuerungsgruppe | People with disabilities in the "
    "steering group"
)

# (kind, German label, English label, German help, English help, required, max_length, options)
QUESTIONS_2016_STAGE_1 = [
    (
        Question.Kind.LONG_TEXT,
        "Warum möchten Sie Ihren Sozialraum gerade jetzt inklusiv gestalten?",
        "Why do you want to make your social space inclusive now?",
        "Beschreiben Sie kurz den Anlass und was Sie bisher schon erreicht haben.",
        "Briefly describe the occasion and what you have achieved so far.",
        True,
        1500,
        "",
    ),
    (
        Question.Kind.SINGLE_CHOICE,
        "Wie weit ist die kommunale Verwaltung bisher eingebunden?",
        "How far is the municipal administration involved so far?",
        "",
        "",
        True,
        None,
        ADMINISTRATION_OPTIONS,
    ),
    (
        Question.Kind.MULTIPLE_CHOICE,
        "Wie beteiligen Sie Menschen mit Behinderung an der Planung?",
        "How do people with disabilities take part in the planning?",
        "Mehrere Antworten sind möglich.",
        "You may choose several answers.",
        True,
        None,
        PARTICIPATION_OPTIONS,
    ),
    (
        Question.Kind.NUMBER,
        "Wie viele Organisationen arbeiten in Ihrem Netzwerk bereits mit?",
        "How many organisations already take part in your network?",
        "Einschließlich Ihrer eigenen Organisation.",
        "Including your own organisation.",
        True,
        None,
        "",
    ),
    (
        Question.Kind.YES_NO,
        "Gibt es für Ihren Sozialraum einen Aktionsplan zur UN-Behindertenrechtskonvention?",
        "Is there an action plan on the UN Convention on the Rights of Persons with "
        "Disabilities for your social space?",
        "",
        "",
        True,
        None,
        "",
    ),
    (
        Question.Kind.DATE,
        "Seit wann arbeiten die Partner zusammen?",
        "Since when have the partners been working together?",
        "Ein ungefähres Datum genügt.",
        "An approximate date is enough.",
        False,
        None,
        "",
    ),
    (
        Question.Kind.FILE,
        "Absichtserklärungen der Partner",
        "Partners' letters of intent",
        "Freiwillig: alle Erklärungen in einer PDF-Datei.",
        "Optional: all letters in one PDF file.",
        False,
        None,
        "",
    ),
]

QUESTIONS_STAGE_2 = [
    (
        Question.Kind.LONG_TEXT,
        "Welche Fragen aus der ersten Runde möchten Sie im Vor-Ort-Gespräch klären?",
        "Which questions from the first round would you like to discuss at the on-site meeting?",
        "",
        "",
        True,
        2000,
        "",
    ),
    (
        Question.Kind.SHORT_TEXT,
        "Wer nimmt für Ihr Netzwerk am Vor-Ort-Gespräch teil?",
        "Who will attend the on-site meeting for your network?",
        "Namen und Funktionen, höchstens acht Personen.",
        "Names and roles, at most eight people.",
        True,
        300,
        "",
    ),
    (
        Question.Kind.LONG_TEXT,
        "Wie soll die Netzwerkkoordination organisiert werden?",
        "How will the network coordination be organised?",
        "Stellenumfang, Anbindung und Aufgaben.",
        "Working hours, where the post is based and its tasks.",
        True,
        2000,
        "",
    ),
    (
        Question.Kind.FILE,
        "Konzeptskizze",
        "Concept sketch",
        "Höchstens zehn Seiten, als PDF.",
        "At most ten pages, as a PDF.",
        True,
        None,
        "",
    ),
]

QUESTIONS_2027_STAGE_1 = [
    (
        Question.Kind.LONG_TEXT,
        "Warum ist Ihr Sozialraum der richtige Ort für eine Modellregion?",
        "Why is your social space the right place for a pilot region?",
        "Was zeichnet Ihren Sozialraum aus, was wollen Sie verändern?",
        "What makes your social space special and what do you want to change?",
        True,
        2000,
        "",
    ),
    (
        Question.Kind.SINGLE_CHOICE,
        "Wie weit ist die kommunale Verwaltung bisher eingebunden?",
        "How far is the municipal administration involved so far?",
        "",
        "",
        True,
        None,
        ADMINISTRATION_OPTIONS,
    ),
    (
        Question.Kind.MULTIPLE_CHOICE,
        "Wie beteiligen Sie Menschen mit Behinderung an der Planung?",
        "How do people with disabilities take part in the planning?",
        "Mehrere Antworten sind möglich.",
        "You may choose several answers.",
        True,
        None,
        PARTICIPATION_OPTIONS,
    ),
    (
        Question.Kind.NUMBER,
        "Wie viele Partnerorganisationen haben ihre Mitwirkung schon zugesagt?",
        "How many partner organisations have already promised to take part?",
        "",
        "",
        True,
        None,
        "",
    ),
    (
        Question.Kind.YES_NO,
        "Nutzen Sie Materialien aus den Modellregionen der ersten Förderwelle?",
        "Do you use materials from the pilot regions of the first funding wave?",
        "Zum Beispiel das Praxishandbuch oder Arbeitsmaterialien aus der Wissensdatenbank.",
        "For example the practice handbook or worksheets from the knowledge base.",
        True,
        None,
        "",
    ),
    (
        Question.Kind.SHORT_TEXT,
        "Wer soll die Netzwerkkoordination übernehmen?",
        "Who is to take on the network coordination?",
        "Bitte die Funktion nennen, keinen Namen.",
        "Please name the role, not a person.",
        True,
        200,
        "",
    ),
    (
        Question.Kind.DATE,
        "Ab wann kann die Netzwerkkoordination beginnen?",
        "From when can the network coordination start?",
        "",
        "",
        False,
        None,
        "",
    ),
    (
        Question.Kind.FILE,
        "Absichtserklärungen der Partner",
        "Partners' letters of intent",
        "Freiwillig: alle Erklärungen in einer PDF-Datei.",
        "Optional: all letters in one PDF file.",
        False,
        None,
        "",
    ),
]

CALL_2016 = {
    "slug": CALL_2016_SLUG,
    "title_de": "Kommune Inklusiv – Aufruf zur Interessenbekundung 2016",
    "title_en": "Inclusive Municipality – call for expressions of interest 2016",
    "summary_de": (
        "Die Aktion Mensch sucht Sozialräume, in denen sich Zivilgesellschaft, Wirtschaft, "
        "Wissenschaft und Verwaltung gemeinsam auf den Weg machen, ihren Lebens- und "
        "Arbeitsraum inklusiv zu gestalten. Dieser Aufruf ist der Auftakt der Initiative "
        "„Kommune Inklusiv“."
    ),
    "summary_en": (
        "Aktion Mensch is looking for social spaces in which civil society, business, science "
        "and administration set out together to make the place where they live and work "
        "inclusive. This call opens the initiative “Kommune Inklusiv”."
    ),
    "purpose_de": (
        "Erfolgreiche Inklusion entwickelt sich vor allem in Sozialräumen, dort wo Menschen "
        "zusammen leben und arbeiten: in Städten, Gemeinden, Stadtvierteln oder auch in "
        "Kreisen und Teilen von Kreisen.\n\n"
        "Dafür ist es wichtig, dass Vereine, Verbände, Unternehmen und die kommunale Verwaltung "
        "sich vernetzen, gemeinsame Ziele verfolgen und ihren Sozialraum zu einem inklusiven "
        "Sozialraum weiterentwickeln. Es geht sowohl um die Netzwerkarbeit als auch um ein "
        "eigenes Konzept zur Umsetzung von Inklusion vor Ort.\n\n"
        "Die ausgewählten Sozialräume werden in einem mehrstufigen Verfahren beraten und "
        "unterstützt, ihre Vorhaben umzusetzen, und erhalten Fortbildungen. Ihre Erfahrungen "
        "werden von Beginn an anderen Sozialräumen in ganz Deutschland bekannt gemacht."
    ),
    "purpose_en": (
        "Inclusion succeeds above all in social spaces, where people live and work together: "
        "in towns, municipalities, quarters, or in counties and parts of counties.\n\n"
        "For this, associations, federations, businesses and the municipal administration need "
        "to build a network, pursue shared goals and develop their social space into an "
        "inclusive one. The call is about both the network and a concept of its own for "
        "putting inclusion into practice.\n\n"
        "The selected social spaces are advised and supported in a multi-stage procedure and "
        "receive training. From the start, their experience is shared with social spaces all "
        "over Germany."
    ),
    "eligibility_de": ELIGIBILITY_DE,
    "eligibility_en": ELIGIBILITY_EN,
    "easy_read_summary": (
        "Die Aktion Mensch hat eine Idee.\n"
        "Die Idee heißt: Kommune Inklusiv.\n"
        "Inklusiv heißt: Alle Menschen gehören dazu.\n"
        "Menschen mit Behinderung und Menschen ohne Behinderung.\n"
        "Sie leben zusammen.\n"
        "Sie lernen zusammen.\n"
        "Sie arbeiten zusammen.\n"
        "Das soll in einer Stadt klappen.\n"
        "Oder in einer Gemeinde.\n"
        "Oder in einem Stadtteil.\n"
        "Oder in einem Kreis.\n"
        "Dafür müssen viele mitmachen.\n"
        "Zum Beispiel Vereine, Firmen und die Stadtverwaltung.\n"
        "Sie können sich bei der Aktion Mensch melden.\n"
        "Das geht bis zum 15. Juli 2016.\n"
        "Die Aktion Mensch wählt dann Orte aus.\n"
        "Diese Orte bekommen Hilfe und Beratung."
    ),
    "reference_prefix": "KI",
    "reference_year": 2016,
    "retention_months": 12,
    "is_published": True,
}

CALL_2027 = {
    "slug": CALL_2027_SLUG,
    "title_de": "Kommune Inklusiv – zweite Förderwelle 2027",
    "title_en": "Inclusive Municipality – second funding wave 2027",
    "summary_de": (
        "Nach den Erfahrungen der ersten Modellregionen sucht die Aktion Mensch weitere "
        "Sozialräume, die Inklusion vor Ort gemeinsam voranbringen wollen. Die Materialien "
        "und das Praxishandbuch der ersten Förderwelle helfen beim Start."
    ),
    "summary_en": (
        "Building on the experience of the first pilot regions, Aktion Mensch is looking for "
        "more social spaces that want to advance inclusion together. The materials and the "
        "practice handbook of the first funding wave help you get started."
    ),
    "purpose_de": (
        "Die Modellregionen der ersten Förderwelle haben gezeigt: Inklusion gelingt, wenn "
        "Zivilgesellschaft, Wirtschaft, Wissenschaft und Verwaltung an einem Tisch sitzen und "
        "Menschen mit Behinderung von Anfang an mitentscheiden.\n\n"
        "Mit der zweiten Förderwelle unterstützt die Aktion Mensch weitere Sozialräume beim "
        "Aufbau eines Netzwerks, bei der Netzwerkkoordination und bei der Umsetzung eines "
        "eigenen Inklusionskonzepts – mit Prozessbegleitung, Fortbildungen und "
        "wissenschaftlicher Begleitung."
    ),
    "purpose_en": (
        "The pilot regions of the first funding wave have shown that inclusion succeeds when "
        "civil society, business, science and administration sit at one table and people with "
        "disabilities have a say from the start.\n\n"
        "With the second funding wave, Aktion Mensch supports more social spaces in building "
        "a network, coordinating it and putting their own inclusion concept into practice – "
        "with process support, training and scientific evaluation."
    ),
    "eligibility_de": ELIGIBILITY_DE,
    "eligibility_en": ELIGIBILITY_EN,
    "easy_read_summary": (
        "Die Aktion Mensch sucht wieder Orte.\n"
        "An diesen Orten sollen alle Menschen dazugehören.\n"
        "Menschen mit Behinderung und Menschen ohne Behinderung.\n"
        "Ein Ort kann eine Stadt sein.\n"
        "Oder eine Gemeinde, ein Stadtteil oder ein Kreis.\n"
        "Viele sollen mitmachen.\n"
        "Zum Beispiel Vereine, Firmen, Hochschulen und die Verwaltung.\n"
        "Menschen mit Behinderung reden von Anfang an mit.\n"
        "Sie können sich jetzt bei der Aktion Mensch melden.\n"
        "Auf dieser Seite steht, bis wann das geht.\n"
        "Die Aktion Mensch wählt dann Orte aus.\n"
        "Diese Orte bekommen Hilfe und Beratung."
    ),
    "reference_prefix": "KI",
    "reference_year": 2027,
    "retention_months": 12,
    "is_published": True,
}


def _stage_specs_2016():
    return [
        {
            "position": 1,
            "name_de": "Interessenbekundung",
            "name_en": "Expression of interest",
            "description_de": (
                "Kurze Bewerbung mit Sozialraum, Partnern und Konzeptskizze. Die Kommission "
                "prüft alle Interessenbekundungen und recherchiert auch selbst; zehn kommen in "
                "die zweite Runde."
            ),
            "description_en": (
                "A short application with the social space, partners and a concept sketch. "
                "The commission reviews every expression of interest, also doing its own "
                "research; ten go on to the second round."
            ),
            "opens_at": berlin(2016, 4, 18, 10, 0),
            "closes_at": berlin(2016, 7, 15, 23, 59),
            # Before the commission meets on 10 October; the last review came on 23 September.
            "reviews_due_at": berlin(2016, 9, 23, 23, 59),
            "quota": 10,
            "criteria": CRITERIA_STAGE_1,
            "questions": QUESTIONS_2016_STAGE_1,
        },
        {
            "position": 2,
            "name_de": "Zweite Runde mit Vor-Ort-Gespräch",
            "name_en": "Second round with on-site meeting",
            "description_de": (
                "Die zuständige Fachexpertin oder der zuständige Fachexperte vereinbart ein "
                "Vor-Ort-Gespräch mit Ihnen und Ihren Partnern, um offene Fragen aus der "
                "Bewerbung und der Recherche der Kommission zu klären. Sechs Sozialräume werden "
                "ausgewählt."
            ),
            "description_en": (
                "The responsible programme expert arranges an on-site meeting with you and "
                "your partners to clarify open questions from the application and the "
                "commission's research. Six social spaces are selected."
            ),
            "opens_at": berlin(2016, 10, 14, 10, 0),
            "closes_at": berlin(2016, 12, 9, 23, 59),
            # A week after the last on-site meeting, before the decision on 5 December.
            "reviews_due_at": berlin(2016, 11, 25, 23, 59),
            "quota": 6,
            "requires_site_visit": True,
            "criteria": CRITERIA_STAGE_2,
            "questions": QUESTIONS_STAGE_2,
        },
    ]


def _stage_specs_2027(now: datetime.datetime):
    # Relative to today's Berlin date, so the first stage is open whenever the demo is loaded.
    today = timezone.localtime(now, BERLIN).date()
    first_opens = today - datetime.timedelta(days=21)
    first_closes = today + datetime.timedelta(days=120)
    second_opens = first_closes + datetime.timedelta(days=63)
    second_closes = second_opens + datetime.timedelta(days=70)
    return [
        {
            "position": 1,
            "name_de": "Interessenbekundung",
            "name_en": "Expression of interest",
            "description_de": (
                "Kurze Bewerbung mit Sozialraum, Partnern und Konzeptskizze. Zwölf "
                "Interessenbekundungen kommen in die zweite Runde."
            ),
            "description_en": (
                "A short application with the social space, partners and a concept sketch. "
                "Twelve expressions of interest go on to the second round."
            ),
            "opens_at": berlin_on(first_opens, 10, 0),
            "closes_at": berlin_on(first_closes, 23, 59),
            "quota": 12,
            "criteria": CRITERIA_STAGE_1,
            "questions": QUESTIONS_2027_STAGE_1,
        },
        {
            "position": 2,
            "name_de": "Zweite Runde mit Vor-Ort-Gespräch",
            "name_en": "Second round with on-site meeting",
            "description_de": (
                "Vor-Ort-Gespräche mit den Netzwerken; danach wählt die Kommission sechs "
                "Modellregionen aus."
            ),
            "description_en": (
                "On-site meetings with the networks; then the commission selects six pilot regions."
            ),
            "opens_at": berlin_on(second_opens, 10, 0),
            "closes_at": berlin_on(second_closes, 23, 59),
            "quota": 6,
            "requires_site_visit": True,
            "criteria": CRITERIA_STAGE_2,
            "questions": QUESTIONS_STAGE_2,
        },
    ]


# Date questions whose answer must lie on one side of today.
DATE_BOUNDS = {
    "Seit wann arbeiten die Partner zusammen?": Question.DateBound.UNTIL_TODAY,
    "Ab wann kann die Netzwerkkoordination beginnen?": Question.DateBound.FROM_TODAY,
}


def _create_call(initiative: Initiative, spec: dict, stages: list[dict]) -> Call:
    call = Call.objects.create(initiative=initiative, **spec)
    for stage_spec in stages:
        criteria = stage_spec.pop("criteria")
        questions = stage_spec.pop("questions")
        stage = Stage.objects.create(call=call, **stage_spec)
        Criterion.objects.bulk_create(
            Criterion(
                stage=stage,
                position=position,
                name_de=name_de,
                name_en=name_en,
                description_de=description_de,
                description_en=description_en,
                weight=weight,
                max_score=5,
            )
            for position, (name_de, name_en, description_de, description_en, weight) in enumerate(
                criteria, start=1
            )
        )
        Question.objects.bulk_create(
            Question(
                stage=stage,
                position=position,
                kind=kind,
                label_de=label_de,
                label_en=label_en,
                help_de=help_de,
                help_en=help_en,
                required=required,
                max_length=max_length,
                options=options,
                date_bound=DATE_BOUNDS.get(label_de, ""),
            )
            for position, (
                kind,
                label_de,
                label_en,
                help_de,
                help_en,
                required,
                max_length,
                options,
            ) in enumerate(questions, start=1)
        )
    return call


@transaction.atomic
def load(now: datetime.datetime | None = None) -> list:
    """Create the initiative and both calls; a call that already exists is left as it is."""
    initiative, _created = Initiative.objects.get_or_create(
        slug=INITIATIVE_SLUG, defaults=INITIATIVE
    )
    if not Call.objects.filter(slug=CALL_2016_SLUG).exists():
        _create_call(initiative, CALL_2016, _stage_specs_2016())
    if not Call.objects.filter(slug=CALL_2027_SLUG).exists():
        _create_call(initiative, CALL_2027, _stage_specs_2027(now or timezone.now()))
    return []
