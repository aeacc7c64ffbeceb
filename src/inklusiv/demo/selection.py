"""Chapter 4 of the demo, the selection: the commission's first round of the 2016 call, up
to its end.

The story of the seed: ten commission members review the 129 expressions of interest (three
reviews each), research the strongest ones on the internet and collect open questions for
the on-site meetings; on 10 October 2016 staff advance the top ten and decline the other
119; the congratulation letters go out and the same commission is seated for the second
round; in late October Gemeinde Wiefelstede withdraws, so nine remain.

Choices, and why:
- Every write goes through the services (selection.services.commission, assignment,
  research, decisions, letters; applications.workflow for the formal check and the start of
  the review; applications.services.withdraw) – except the 387 reviews, which are
  bulk-created with `total` from reviews.compute_total and one `review_submitted` audit
  entry each, as save_review writes them: 387 service calls would only make `make demo`
  slower.
- Only the ten congratulation letters are sent, as a background batch (the demo's db_worker
  renders and mails them; in tests the immediate backend does it at commit). The 119
  rejection letters are deliberately left unsent: staff send them as one batch from the
  stage's decisions page and watch the progress bar.
- Times are backdated to 2016 (formal check in July, reviews August–September, commission
  meeting on 10 October, withdrawal on 27 October) so that every timeline reads true.
  Letters are dated 12 October 2016, when staff sent the batch; their `sent_at` is the time
  the worker actually mailed them.
- The research notes' links point at the municipalities' real websites, but their paths and
  the findings are invented examples.
"""

from __future__ import annotations

import random
from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max

from inklusiv.accounts import services as account_services
from inklusiv.accounts.models import LegalForm, Membership, Organisation, Role, State, User
from inklusiv.applications import services as application_services
from inklusiv.applications import workflow
from inklusiv.applications.models import Application, FieldOfAction, Status
from inklusiv.calls.models import Call, Stage
from inklusiv.core.models import AuditEntry
from inklusiv.notifications import services as notifications
from inklusiv.notifications.models import Preference
from inklusiv.selection.models import (
    Assignment,
    CommissionMember,
    ConflictOfInterest,
    Decision,
    LetterBatch,
    LetterTemplate,
    OpenQuestion,
    Outcome,
    ResearchNote,
    Review,
    Score,
)
from inklusiv.selection.services import assignment, commission, decisions, letters, research
from inklusiv.selection.services.reviews import compute_total

from .call import CALL_2016_SLUG, berlin
from .expressions_of_interest import NEURUPPIN, place_grammar
from .people import DEMO_PEOPLE, DEMO_TOTP_SECRET

STAFF_EMAIL = DEMO_PEOPLE[0][1]
EXPERT_EMAIL = DEMO_PEOPLE[1][1]
KELLER_EMAIL = DEMO_PEOPLE[2][1]
REVIEWS_PER_APPLICATION = 3

W, E, H, L, M, HE, C, A = (
    FieldOfAction.WORK,
    FieldOfAction.EDUCATION,
    FieldOfAction.HOUSING,
    FieldOfAction.LEISURE,
    FieldOfAction.MOBILITY,
    FieldOfAction.HEALTH,
    FieldOfAction.CULTURE,
    FieldOfAction.ACCESSIBILITY,
)

# (key, e-mail, name, expertise, own limit of reviews or None, leniency of their scores)
COMMISSION = [
    ("keller", KELLER_EMAIL, "Prof. Dr. Sabine Keller", [E, W], None, 0.0),
    ("bergmann", "m.bergmann@kommission.example", "Dr. Matthias Bergmann", [A, M], None, -0.3),
    ("hoffmann", "u.hoffmann-rieger@kommission.example", "Ute Hoffmann-Rieger", [H, HE], 30, 0.1),
    ("aydin", "k.aydin@kommission.example", "Prof. Dr. Kemal Aydın", [E, L], None, -0.1),
    ("lorenz", "f.lorenz@kommission.example", "Dr. Friederike Lorenz", [W, H], None, 0.0),
    ("vogt", "a.vogt@kommission.example", "Andreas Vogt", [A, M, L], None, 0.25),
    ("schaefer", "b.schaefer@kommission.example", "Birgit Schäfer", [H, W], None, 0.0),
    ("claussen", "h.claussen@kommission.example", "Henning Claußen", [W, M], 35, -0.2),
    ("petrovic", "n.petrovic@kommission.example", "Dr. Nadja Petrović", [HE, C], None, 0.1),
    ("weiss", "c.weiss@kommission.example", "Corinna Weiß", [C, L, E], None, 0.05),
]
MOST_REVIEWS = 45  # per member unless their own limit is lower; 10 members carry 387 reviews

# Automatic conflicts: membership of an applicant, or of an organisation that is a partner.
MEMBERSHIPS = [
    # (member key, organisation name, data to create it if it does not exist yet)
    (
        "aydin",
        "Evangelische Hochschule Rheinland-Westfalen-Lippe",
        {
            "legal_form": LegalForm.PUBLIC_BODY,
            "street": "Immanuel-Kant-Straße 18–20",
            "postcode": "44803",
            "city": "Bochum",
            "state": State.NW,
        },
    ),
    ("schaefer", "Lebenshilfe Bonn e.V.", None),
]
# Declared conflicts: (member key, social space of the application, reason).
DECLARED = [
    (
        "bergmann",
        "Frankfurt-Bockenheim",
        "Ich bin Vorstandsmitglied des Blinden- und Sehbehindertenvereins Frankfurt am Main "
        "e.V., der Partner dieser Interessenbekundung ist.",
    ),
    (
        "lorenz",
        "Erlangen",
        "Ich habe bis 2015 im Amt für Soziales, Arbeit und Wohnen der Stadt Erlangen gearbeitet "
        "und kenne das Team, das die Interessenbekundung geschrieben hat, persönlich.",
    ),
]

# The ten who go on, by social space, with the mean score the commission gives them. The
# first five and Neuruppin are the real story; Wiefelstede withdraws after the first round.
SHORTLIST = {
    "Erlangen": 4.7,
    "Schwäbisch Gmünd": 4.6,
    "Rostock": 4.6,
    "Neuruppin": 4.5,
    "Verbandsgemeinde Nieder-Olm": 4.5,
    "Schneverdingen": 4.45,
    "Bielefeld": 4.2,
    "Gemeinde Wiefelstede": 4.15,
    "Leipzig-Grünau": 4.1,
    "Kreis Nordfriesland": 4.05,
}
# How far a shortlisted application's mean may stray from its target, and the quota line
# that every other application stays below.
BAND = Decimal("0.1")
LINE = Decimal("3.9")
WITHDRAWING = "Gemeinde Wiefelstede"
WITHDRAWAL = {
    "email": "j.meyer@gemeinde-wiefelstede.example",
    "name": "Jens Meyer",
    "reason": (
        "Der Gemeinderat hat die Eigenmittel nicht bewilligt. Ohne sie können wir die "
        "Netzwerkkoordination nicht finanzieren und ziehen unsere Bewerbung schweren Herzens "
        "zurück. Vielen Dank für das Vertrauen der Kommission."
    ),
    "at": berlin(2016, 10, 27, 16, 45),
}

REASON_ADVANCE = (
    "Die Interessenbekundung gehört zu den zehn am besten bewerteten von 129. Die Kommission "
    "sieht ein tragfähiges Netzwerk und gute Voraussetzungen für eine Modellregion."
)
REASON_DECLINE = (
    "Die Kommission konnte von 129 Interessenbekundungen nur zehn in die zweite Runde "
    "aufnehmen; diese gehörte nach den Bewertungen nicht zu den zehn stärksten."
)

ADDED_AT = berlin(2016, 7, 18, 10, 0)
REVIEW_STARTS = berlin(2016, 8, 1, 9, 0)
ASSIGNED_AT = berlin(2016, 8, 1, 10, 15)
FIRST_REVIEW = berlin(2016, 8, 8, 9, 0)
LAST_REVIEW = berlin(2016, 9, 23, 18, 0)
DECIDED_AT = berlin(2016, 10, 10, 15, 30)
LETTERS_AT = berlin(2016, 10, 12, 9, 0)
TEMPLATE_SAVED_AT = berlin(2016, 10, 11, 16, 10)
SECOND_ROUND_SEATED_AT = berlin(2016, 10, 11, 9, 30)

CONGRATULATION = {
    "subject": "Kommune Inklusiv: Sie sind in der zweiten Runde ({{ reference }})",
    "body": """{{ salutation }},

herzlichen Glückwunsch! Die Kommission hat Ihre Interessenbekundung \
(Aktenzeichen {{ reference }}) am {{ decided_at }} für die Runde „{{ next_stage }}“ ausgewählt. \
Von 129 Interessenbekundungen haben es zehn in die zweite Runde geschafft.

Begründung der Kommission: {{ reason }}

In der zweiten Runde möchten wir Sie und Ihre Partner vor Ort kennenlernen. Im \
Vor-Ort-Gespräch klären wir die offenen Fragen, die sich aus Ihrer Bewerbung und aus den \
Internet-Recherchen der Kommission ergeben haben. Ihre zuständige Fachexpertin oder Ihr \
zuständiger Fachexperte meldet sich in den nächsten Tagen, um einen Termin zu vereinbaren.

Mit freundlichen Grüßen
{{ signature }}""",
}

# Comments per criterion position and level (1–2 low, 3 middle, 4–5 high).
CRITERION_COMMENTS = {
    1: {
        "high": [
            "Der Sozialraum ist anschaulich beschrieben, Barrieren und Chancen vor Ort werden "
            "konkret benannt.",
            "Sehr gute Analyse der Ausgangslage, gestützt auf Zahlen der Sozialplanung.",
            "Man merkt, dass die Partner ihren Sozialraum genau kennen.",
        ],
        "mid": [
            "Die Beschreibung des Sozialraums bleibt stellenweise allgemein.",
            "Ausgangslage nachvollziehbar, aber ohne Zahlen zu Menschen mit Behinderung vor Ort.",
            "Barrieren werden genannt, Chancen vor Ort kaum.",
        ],
        "low": [
            "Der Sozialraum ist zu groß und zu unscharf abgegrenzt.",
            "Die Ausgangslage wird kaum beschrieben; offen bleibt, wo die Barrieren liegen.",
            "Die Beschreibung passt auf fast jede Kommune.",
        ],
    },
    2: {
        "high": [
            "Die Ziele sind konkret, überprüfbar und richten sich an alle Menschen im Sozialraum.",
            "Überzeugendes Inklusionsverständnis: weg von Sonderangeboten, hin zu Angeboten für "
            "alle.",
            "Klare Ziele mit Zeitplan – gut anschlussfähig an ein Inklusionskonzept.",
        ],
        "mid": [
            "Die Ziele sind sympathisch, aber noch wenig messbar.",
            "Zum Teil noch ein fürsorglicher Blick auf Menschen mit Behinderung.",
            "Ziele gut gewählt, der Zeitrahmen fehlt.",
        ],
        "low": [
            "Es geht vor allem um Angebote für Menschen mit Behinderung, kaum um Inklusion im "
            "Sozialraum.",
            "Die Ziele bleiben sehr allgemein.",
            "Ziele und Ausgangslage passen nicht recht zusammen.",
        ],
    },
    3: {
        "high": [
            "Alle vier Sektoren sind vertreten, die Verwaltung ist fest eingebunden.",
            "Breites Netzwerk mit Wirtschaft und Wissenschaft – das ist selten.",
            "Die Partner haben ihre Rollen klar und verbindlich beschrieben.",
        ],
        "mid": [
            "Verwaltung und Zivilgesellschaft sind dabei, Wirtschaft und Wissenschaft fehlen noch.",
            "Das Netzwerk ist im Aufbau; einige Partner sind erst angefragt.",
            "Gute Partner, aber die Rolle der Verwaltung bleibt unklar.",
        ],
        "low": [
            "Der Träger steht weitgehend allein; Partner werden nur genannt.",
            "Keine Beteiligung der kommunalen Verwaltung erkennbar.",
            "Das Netzwerk besteht fast nur aus Einrichtungen der Behindertenhilfe.",
        ],
    },
    4: {
        "high": [
            "Selbstvertretungen sind von Anfang an in der Steuerungsgruppe vorgesehen.",
            "Der Behindertenbeirat ist Partner und leitet eine Arbeitsgruppe – vorbildlich.",
            "Beteiligung über Sozialraumbegehungen und Zukunftswerkstätten gut geplant.",
        ],
        "mid": [
            "Beteiligung ist vorgesehen, aber eher punktuell über Befragungen.",
            "Menschen mit Behinderung werden beteiligt, sitzen aber nicht in der Steuerung.",
            "Nur eine Selbstvertretungsgruppe genannt; andere Behinderungsarten fehlen.",
        ],
        "low": [
            "Menschen mit Behinderung kommen nur als Zielgruppe vor, nicht als Beteiligte.",
            "Keine Selbstvertretung im Netzwerk.",
            "Beteiligung wird angekündigt, aber nicht beschrieben.",
        ],
    },
    5: {
        "high": [
            "Realistisches Vorgehen mit Netzwerkkoordination; gut übertragbar auf ähnliche "
            "Kommunen.",
            "Die Dokumentation für andere Sozialräume ist von Beginn an eingeplant.",
            "Gut durchdacht und mit den vorhandenen Kräften machbar.",
        ],
        "mid": [
            "Das Vorgehen ist plausibel, der Zeitplan ehrgeizig.",
            "Übertragbar nur eingeschränkt, da die Ausgangslage sehr besonders ist.",
            "Unklar, wie die Koordination nach der Förderung weiter finanziert wird.",
        ],
        "low": [
            "Zu viele Vorhaben auf einmal; das wirkt nicht umsetzbar.",
            "Keine Aussage dazu, wer die Arbeit koordiniert.",
            "Kaum auf andere Sozialräume übertragbar.",
        ],
    },
}
OVERALL_COMMENTS = {
    "advance": [
        "{Space} bringt mit, was eine Modellregion braucht: ein breites Netzwerk, eine "
        "engagierte Verwaltung und echte Beteiligung. Klare Empfehlung für die zweite Runde.",
        "Eine der stärksten Interessenbekundungen. Offene Fragen zur Koordination sollten im "
        "Vor-Ort-Gespräch geklärt werden.",
        "Überzeugend und gut übertragbar. Ich empfehle die Bewerbung {in_space} für die "
        "zweite Runde.",
    ],
    "undecided": [
        "Solide Interessenbekundung mit guten Ansätzen, aber noch ohne klares Profil. Im "
        "Vergleich eher Mittelfeld.",
        "Engagierter Träger; das Netzwerk {in_space} ist aber noch zu schmal. Ich bin "
        "unentschieden.",
        "Gute Ideen, die Umsetzung bleibt vage. Ohne weitere Informationen keine klare Empfehlung.",
    ],
    "decline": [
        "Die Interessenbekundung beschreibt vor allem bestehende Angebote des Trägers; der "
        "Bezug zum Sozialraum fehlt.",
        "Sympathisches Vorhaben, aber Netzwerk und Beteiligung von Menschen mit Behinderung "
        "reichen für eine Modellregion nicht aus.",
        "Für eine Modellregion zu wenig konkret. Der Träger könnte sich mit den Materialien "
        "der Initiative gut auf einen späteren Aufruf vorbereiten.",
    ],
}

# Research notes and open questions on the ten, by social space. Authors by member key
# ("brandt" is the programme expert, "albers" the staff member who answers by phone).
# Notes: (author, day, source URL, finding); questions: (author, day, text, answer or "").
RESEARCH = {
    "Erlangen": {
        "notes": [
            (
                "keller",
                (8, 22),
                "https://www.erlangen.de/inklusion",
                "Die Stadt hat einen Behindertenbeirat und eine hauptamtliche "
                "Behindertenbeauftragte; Sitzungsprotokolle sind seit 2012 online. Das "
                "Netzwerk knüpft an eine gewachsene Struktur an.",
            ),
            (
                "vogt",
                (9, 2),
                "https://www.erlangen.de/stadtplan-barrierefrei",
                "Es gibt einen Stadtplan mit barrierefreien Toiletten und Parkplätzen, den der "
                "Behindertenbeirat pflegt. Die Altstadt bleibt laut Lokalpresse schwer "
                "befahrbar.",
            ),
        ],
        "questions": [
            (
                "brandt",
                (9, 5),
                "Wie teilen sich das Amt für Soziales und die freien Träger die "
                "Netzwerkkoordination?",
                "",
            ),
            (
                "keller",
                (9, 6),
                "Ist die Universität vor Ort schon als wissenschaftlicher Partner angefragt?",
                "Ja. Laut Telefonat mit dem Amt für Soziales am 5. Oktober 2016 hat ein "
                "Lehrstuhl für Sozialpädagogik zugesagt, die Befragungen zu begleiten.",
            ),
        ],
    },
    "Schwäbisch Gmünd": {
        "notes": [
            (
                "aydin",
                (8, 29),
                "https://www.schwaebisch-gmuend.de/integration",
                "Die Stadt hat ein Integrationskonzept mit breiter Bürgerbeteiligung "
                "erarbeitet; das Vorgehen ließe sich auf Inklusion übertragen.",
            ),
            (
                "petrovic",
                (9, 8),
                "https://www.schwaebisch-gmuend.de/stadtentwicklung",
                "Nach der Landesgartenschau 2014 wurden viele öffentliche Räume umgebaut; eine "
                "Broschüre der Stadt nennt Barrierefreiheit ausdrücklich als Ziel.",
            ),
        ],
        "questions": [
            (
                "vogt",
                (9, 9),
                "Wie sind Menschen mit Lernschwierigkeiten an der Steuerungsgruppe beteiligt?",
                "",
            ),
            (
                "brandt",
                (9, 12),
                "Ist der Beschluss über die Eigenbeteiligung der Stadt schon gefasst?",
                "Der Gemeinderat hat die Mittel am 28. September 2016 im Haushaltsentwurf "
                "2017 eingeplant; der Beschluss folgt im Dezember.",
            ),
        ],
    },
    "Rostock": {
        "notes": [
            (
                "bergmann",
                (8, 24),
                "https://www.rostock.de/aktionsplan-un-brk",
                "Die Hansestadt hat 2015 einen Aktionsplan zur UN-Behindertenrechtskonvention "
                "beschlossen; umgesetzt wird er vom Amt für Jugend, Soziales und Asyl, das hier "
                "selbst Träger ist.",
            ),
            (
                "brandt",
                (9, 1),
                "https://www.rostock.de/behindertenbeirat",
                "Der Behindertenbeirat tagt monatlich öffentlich und hat die "
                "Interessenbekundung laut Protokoll vom Juni 2016 unterstützt.",
            ),
        ],
        "questions": [
            (
                "bergmann",
                (9, 1),
                "Wie entscheiden die freien Träger gleichberechtigt mit, wenn die Verwaltung "
                "selbst Träger ist?",
                "",
            ),
            (
                "keller",
                (9, 7),
                "Welche Rolle übernimmt die Universität Rostock konkret?",
                "Sie begleitet die Befragungen und bringt Studierende in Praxisprojekte ein; "
                "eine Absichtserklärung wurde am 4. Oktober 2016 nachgereicht.",
            ),
        ],
    },
    "Neuruppin": {
        "notes": [
            (
                "keller",
                (8, 23),
                "https://www.neuruppin.de/rathaus/teilhabeplan",
                "Die Stadtverordnetenversammlung hat 2015 beschlossen, einen Teilhabeplan zu "
                "erarbeiten – das bestätigt die Angabe in der Interessenbekundung.",
            ),
            (
                "brandt",
                (8, 24),
                "https://jugendarbeit-neuruppin.example/",
                "Die Jugendarbeit Neuruppin e.V. betreibt Jugendclubs und Schulsozialarbeit; "
                "das hauptamtliche Team ist klein.",
            ),
            (
                "vogt",
                (9, 14),
                "https://www.neuruppin.de/stadtentwicklung/altstadt",
                "Die Altstadtsanierung läuft; barrierefreie Zugänge werden in den Unterlagen "
                "zur Städtebauförderung nur am Rande erwähnt.",
            ),
        ],
        "questions": [
            (
                "albers",
                (8, 24),
                "Welche Aufgaben übernimmt die Stadtverwaltung konkret im Netzwerk, und gibt "
                "es dazu eine schriftliche Zusage?",
                "Frau Lehmann hat per E-Mail geantwortet: Die Stadt hat am 1. September 2016 "
                "schriftlich zugesagt, eine Person aus dem Fachbereich Bildung, Jugend und "
                "Soziales in die Steuerungsgruppe zu entsenden und Daten der Sozialplanung "
                "bereitzustellen.",
            ),
            (
                "lorenz",
                (9, 15),
                "Wie kann ein kleiner Träger die Netzwerkkoordination neben Jugendclubs und "
                "Schulsozialarbeit leisten?",
                "",
            ),
            (
                "weiss",
                (9, 20),
                "Wie werden Jugendliche mit Behinderung erreicht, die Förderschulen außerhalb "
                "der Stadt besuchen?",
                "",
            ),
        ],
    },
    "Verbandsgemeinde Nieder-Olm": {
        "notes": [
            (
                "keller",
                (8, 30),
                "https://www.vg-nieder-olm.de/verwaltung/beiraete",
                "Die Verbandsgemeinde umfasst die Stadt Nieder-Olm und sieben Ortsgemeinden; "
                "es gibt einen Seniorenbeirat, aber noch keinen Behindertenbeirat.",
            ),
            (
                "vogt",
                (9, 6),
                "https://www.vg-nieder-olm.de/aktuelles/bahnhof",
                "Der Blinden- und Sehbehindertenverein, Partner der Bewerbung, hat mit der "
                "Verwaltung die Bahnhöfe begangen; ein Bericht liegt vor.",
            ),
        ],
        "questions": [
            ("claussen", (9, 7), "Wie werden die sieben Ortsgemeinden einbezogen?", ""),
            (
                "keller",
                (9, 8),
                "Ist die Gründung eines Behindertenbeirats geplant?",
                "Ja, der Verbandsgemeinderat will ihn 2017 einrichten (Auskunft des Büros des "
                "Bürgermeisters am 6. Oktober 2016).",
            ),
            (
                "claussen",
                (9, 8),
                "Welche Betriebe außer der Tischlerei sind für Praktikumsplätze angefragt?",
                "",
            ),
        ],
    },
    "Schneverdingen": {
        "notes": [
            (
                "weiss",
                (8, 31),
                "https://www.schneverdingen.de/leichte-sprache",
                "Die Website der Stadt bietet bereits Informationen in Leichter Sprache; der "
                "TSV als Partner wirbt mit einer inklusiven Sportgruppe.",
            ),
            (
                "claussen",
                (9, 13),
                "https://www.schneverdingen.de/wirtschaft",
                "Mehrere Betriebe aus dem Ort stellen sich im Wirtschaftsportal der Stadt vor; "
                "ob sie Praktikumsplätze anbieten, ist nicht erkennbar.",
            ),
        ],
        "questions": [
            (
                "vogt",
                (9, 13),
                "Wie erreicht das Netzwerk die Ortsteile, in denen der Bus selten fährt?",
                "",
            ),
            (
                "brandt",
                (9, 16),
                "Wer übernimmt die Netzwerkkoordination – die Stadtverwaltung oder ein freier "
                "Träger?",
                "Die Stadt schafft eine halbe Stelle im Fachbereich Soziales (Telefonat mit "
                "der Sozialdezernentin am 4. Oktober 2016).",
            ),
        ],
    },
    "Bielefeld": {
        "notes": [
            (
                "aydin",
                (8, 26),
                "https://www.bielefeld.de/beirat-behindertenfragen",
                "Bielefeld hat einen Beirat für Behindertenfragen und einen städtischen "
                "Aktionsplan; das Inklusionsnetzwerk ist dort als Mitglied genannt.",
            ),
            (
                "petrovic",
                (9, 9),
                "https://www.bielefeld.de/soziales/traeger",
                "Mehrere große Träger der Behindertenhilfe haben ihren Sitz in der Stadt; sie "
                "könnten das Netzwerk dominieren.",
            ),
        ],
        "questions": [
            (
                "petrovic",
                (9, 9),
                "Wie wird verhindert, dass große Einrichtungsträger das Netzwerk dominieren?",
                "",
            ),
            (
                "keller",
                (9, 19),
                "Welcher Stadtteil soll zuerst Schwerpunkt werden?",
                "Bielefeld-Sieker, weil dort ein Quartierszentrum entsteht (Telefonat am "
                "5. Oktober 2016).",
            ),
        ],
    },
    "Gemeinde Wiefelstede": {
        "notes": [
            (
                "keller",
                (9, 1),
                "https://www.wiefelstede.de/ratsinformation",
                "Laut Ratsinformationssystem sind die Eigenmittel für 2017 noch nicht "
                "beschlossen; die Entscheidung steht im Haushaltsausschuss an.",
            ),
            (
                "vogt",
                (9, 3),
                "https://www.wiefelstede.de/vereine",
                "Der TSV Wiefelstede, Partner der Bewerbung, bietet schon eine inklusive "
                "Sportgruppe an.",
            ),
        ],
        "questions": [
            (
                "lorenz",
                (9, 3),
                "Sind die Eigenmittel für die Netzwerkkoordination im Haushalt 2017 gesichert?",
                "",
            ),
            (
                "brandt",
                (9, 10),
                "Wer koordiniert das Netzwerk im Rathaus?",
                "Der Fachbereich Soziales; Ansprechpartner ist Herr Meyer (Telefonat am "
                "6. Oktober 2016).",
            ),
        ],
    },
    "Leipzig-Grünau": {
        "notes": [
            (
                "claussen",
                (8, 27),
                "https://www.leipzig.de/gruenau",
                "Grünau ist Fördergebiet der Sozialen Stadt; das Quartiersmanagement ist auf "
                "der Website der Stadt genannt, aber nicht als Partner der Bewerbung.",
            ),
            (
                "weiss",
                (9, 12),
                "https://www.leipzig.de/gruenau/kultur",
                "Die Stadtteilzeitung berichtet über ein inklusives Kulturfest in Grünau 2015, "
                "das der Träger organisiert hat.",
            ),
        ],
        "questions": [
            (
                "claussen",
                (9, 12),
                "Arbeitet das Quartiersmanagement Grünau mit?",
                "Ja; die Stadt Leipzig hat die Mitarbeit des Quartiersmanagements am "
                "7. Oktober 2016 schriftlich bestätigt.",
            ),
            (
                "weiss",
                (9, 21),
                "Wie sollen Bewohnerinnen und Bewohner mit Migrationsgeschichte erreicht werden?",
                "",
            ),
        ],
    },
    "Kreis Nordfriesland": {
        "notes": [
            (
                "petrovic",
                (8, 25),
                "https://www.nordfriesland.de/soziales/fahrdienste",
                "Fahrdienste für Menschen mit Behinderung sind je nach Amt unterschiedlich "
                "geregelt; auf den Inseln und Halligen gibt es kaum Angebote.",
            ),
            (
                "bergmann",
                (9, 15),
                "https://www.nordfriesland.de/kreistag",
                "Der Kreistag hat im Juni 2016 einen Teilhabeplan beauftragt; Lebenshilfe und "
                "Kreis sind beide Partner.",
            ),
        ],
        "questions": [
            (
                "bergmann",
                (9, 15),
                "Wie soll ein so großer, dünn besiedelter Kreis als ein Sozialraum arbeiten? "
                "Wäre ein Teilraum als Start sinnvoller?",
                "",
            ),
            (
                "hoffmann",
                (9, 22),
                "Welche Aufgaben übernimmt die Kreisverwaltung im Netzwerk?",
                "",
            ),
        ],
    },
}


@contextmanager
def _dated(moment):
    """Audit entries written inside get `moment` as their time (the history reads 2016)."""
    last = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    AuditEntry.objects.filter(pk__gt=last).update(created_at=moment)


# --- the commission -------------------------------------------------------------------------


def _commission(stage: Stage, staff: User) -> dict[str, User]:
    """Ten members with their expertise and limits, seated on 18 July 2016."""
    keller = User.objects.get(email=KELLER_EMAIL)
    people = {}
    for key, email, name, expertise, limit, _leniency in COMMISSION:
        person = User.objects.filter(email=email).first()
        if person is None:
            # The demo password, copied from a demo account instead of hashing it again.
            person = User.objects.create(email=email, name=name, password=keller.password)
            EmailAddress.objects.create(user=person, email=email, primary=True, verified=True)
        if not person.has_role(Role.COMMISSION_MEMBER):
            account_services.set_roles(
                actor=staff,
                user=person,
                roles={Role.COMMISSION_MEMBER, *person.role_grants.values_list("role", flat=True)},
                reason="Kommission Kommune Inklusiv 2016",
            )
        # Commission accounts need two factors, like Sabine Keller's (people.py).
        if not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(person, DEMO_TOTP_SECRET)
        commission.add_member(
            actor=staff,
            stage=stage,
            user=person,
            expertise=expertise,
            max_reviews=limit or MOST_REVIEWS,
        )
        people[key] = person
    CommissionMember.objects.filter(stage=stage).update(added_at=ADDED_AT)
    return people


def _preferences(keller: User) -> None:
    """Prof. Keller reviews in the evenings: her review reminders come in the daily digest."""
    notifications.set_preference(
        actor=keller,
        user=keller,
        kind="selection.review_reminder",
        choice=Preference.Choice.DIGEST,
    )


def _conflicts(people: dict[str, User], applications: dict[str, Application]) -> None:
    """Memberships that the platform finds by itself, and two declared conflicts."""
    for key, name, data in MEMBERSHIPS:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            # The member registers their own organisation and so becomes its administrator.
            with _dated(ADDED_AT):
                account_services.create_organisation(actor=people[key], data={"name": name, **data})
            continue
        # As people.py does for the members of demo organisations.
        Membership.objects.get_or_create(
            user=people[key], organisation=organisation, defaults={"role": Membership.Role.MEMBER}
        )
    for day, (key, space, reason) in enumerate(DECLARED, start=27):
        moment = berlin(2016, 7, day, 14, 20)
        with _dated(moment):
            conflict = commission.declare_conflict(
                actor=people[key], application=applications[space], reason=reason
            )
        ConflictOfInterest.objects.filter(pk=conflict.pk).update(created_at=moment)


# --- formal check, assignment and reviews ---------------------------------------------------


def _start_review(applications: list[Application], staff: User) -> None:
    """Formal check from 18 to 28 July (all eligible); the review starts on 1 August."""
    for position, application in enumerate(applications):
        day = 18 + position * 11 // len(applications)
        with _dated(berlin(2016, 7, day, 9 + position % 8, (position * 7) % 60)):
            workflow.apply(application, "mark_eligible", actor=staff)
    with _dated(REVIEW_STARTS):
        for application in applications:
            workflow.apply(application, "start_review", actor=staff)


def _assign(stage: Stage, staff: User) -> None:
    with _dated(ASSIGNED_AT):
        assignment.auto_assign(actor=staff, stage=stage, k=REVIEWS_PER_APPLICATION)
    Assignment.objects.filter(stage=stage).update(assigned_at=ASSIGNED_AT)


def _level(value: int) -> str:
    return "low" if value <= 2 else ("mid" if value == 3 else "high")


def _scores(rng, criteria, applications, shortlist_ids, assignments, leniency):
    """Scores per (application, reviewer, criterion): the shortlist on top, each within its
    band around its target, every other application below the quota line."""
    targets = {
        application.pk: SHORTLIST.get(application.social_space.name)
        or min(3.7, max(1.7, rng.gauss(3.0, 0.45)))
        for application in applications
    }
    # Each application is stronger on some criteria than on others, whoever reads it.
    strengths = {
        (application.pk, criterion.pk): rng.gauss(0, 0.4)
        for application in applications
        for criterion in criteria
    }
    values = {}
    reviewers = defaultdict(list)
    for row in assignments:
        reviewers[row.application_id].append(row.reviewer_id)
        for criterion in criteria:
            raw = (
                targets[row.application_id]
                + leniency.get(row.reviewer_id, 0.0)
                + strengths[(row.application_id, criterion.pk)]
                + rng.gauss(0, 0.45)
            )
            values[(row.application_id, row.reviewer_id, criterion.pk)] = min(
                criterion.max_score, max(1, round(raw))
            )

    def mean(application_id) -> Decimal:
        totals = [
            compute_total(criteria, {c.pk: values[(application_id, r, c.pk)] for c in criteria})
            for r in reviewers[application_id]
        ]
        return sum(totals) / len(totals)

    for application in applications:
        pk = application.pk
        keys = [(pk, reviewer, c.pk) for reviewer in reviewers[pk] for c in criteria]
        if pk in shortlist_ids:
            target = Decimal(str(SHORTLIST[application.social_space.name]))
            low, high = max(target - BAND, LINE + BAND), target + BAND
        else:
            low, high = Decimal(0), LINE - Decimal("0.001")
        # One point on one criterion moves the mean by at most 3/33, less than the band.
        while mean(pk) < low:
            values[min(keys, key=lambda k: (values[k], k))] += 1
        while mean(pk) > high:
            values[max(keys, key=lambda k: (values[k], k))] -= 1
    return values


def _reviews(stage: Stage, applications, shortlist_ids, people: dict[str, User]) -> None:
    """387 submitted reviews, bulk-created with the review service's total and one audit
    entry each, submitted between 8 August and 23 September 2016."""
    rng = random.Random(20160808)
    criteria = list(stage.criteria.order_by("position", "pk"))
    leniency = {people[key].pk: lean for key, *_rest, lean in COMMISSION}
    rows = list(
        Assignment.objects.filter(stage=stage).order_by("reviewer_id", "application__reference")
    )
    values = _scores(rng, criteria, applications, shortlist_ids, rows, leniency)
    by_pk = {application.pk: application for application in applications}
    per_reviewer = defaultdict(list)
    for row in rows:
        per_reviewer[row.reviewer_id].append(row)
    reviews, scores = [], []
    for reviewer_id, own in per_reviewer.items():
        start = rng.uniform(0, 0.25)  # some start reading later than others
        for position, row in enumerate(own):
            application = by_pk[row.application_id]
            given = {c.pk: values[(application.pk, reviewer_id, c.pk)] for c in criteria}
            total = compute_total(criteria, given)
            recommendation = (
                Review.Recommendation.ADVANCE
                if total >= LINE
                else Review.Recommendation.UNDECIDED
                if total >= Decimal("2.9")
                else Review.Recommendation.DECLINE
            )
            fraction = min(1.0, start + (1 - start) * (position + rng.random()) / len(own))
            submitted = FIRST_REVIEW + (LAST_REVIEW - FIRST_REVIEW) * fraction
            comment = rng.choice(OVERALL_COMMENTS[recommendation])
            review = Review(
                stage=stage,
                application=application,
                reviewer_id=reviewer_id,
                status=Review.Status.SUBMITTED,
                recommendation=recommendation,
                comment=comment.format(**place_grammar(application.social_space)),
                total=total,
                revision=1,
                submitted_at=submitted.replace(hour=6 + rng.randrange(13)),
            )
            reviews.append(review)
            for criterion in criteria:
                value = given[criterion.pk]
                extreme = value in (1, criterion.max_score)
                remark = (
                    rng.choice(CRITERION_COMMENTS[criterion.position][_level(value)])
                    if extreme or rng.random() < 0.55
                    else ""
                )
                scores.append((review, criterion, value, remark))
    if len(reviews) != REVIEWS_PER_APPLICATION * len(applications):
        raise RuntimeError(f"Expected 3 reviews per application, got {len(reviews)} in all.")
    Review.objects.bulk_create(reviews)
    for review in reviews:
        review.created_at = review.updated_at = review.submitted_at
    Review.objects.bulk_update(reviews, ["created_at", "updated_at"])
    Score.objects.bulk_create(
        Score(review=review, criterion=criterion, value=value, comment=remark)
        for review, criterion, value, remark in scores
    )
    _review_history(reviews, criteria, values)


def _review_history(reviews, criteria, values) -> None:
    """One audit entry per review, shaped like the one save_review writes on submission."""
    reviewers = User.objects.in_bulk({review.reviewer_id for review in reviews})
    content_type = ContentType.objects.get_for_model(Review)
    entries = AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=reviewers[review.reviewer_id],
            actor_label=str(reviewers[review.reviewer_id]),
            content_type=content_type,
            object_id=str(review.pk),
            object_label=str(review)[:255],
            action="review_submitted",
            after={
                "status": review.status,
                "recommendation": review.recommendation,
                "total": str(review.total),
                "scores": {
                    str(c.pk): values[(review.application_id, review.reviewer_id, c.pk)]
                    for c in criteria
                },
            },
        )
        for review in reviews
    )
    for entry, review in zip(entries, reviews, strict=True):
        entry.created_at = review.submitted_at
    AuditEntry.objects.bulk_update(entries, ["created_at"])


# --- research, decisions, letters, withdrawal ----------------------------------------------


def _research(applications: dict[str, Application], people: dict[str, User]) -> None:
    """The commission's internet research and open questions on the ten; staff answer some
    of the questions by phone in early October."""
    for space, found in RESEARCH.items():
        application = applications[space]
        for key, (month, day), url, finding in found["notes"]:
            moment = berlin(2016, month, day, 10 + len(finding) % 8, len(url) % 60)
            with _dated(moment):
                note = research.add_note(
                    actor=people[key], application=application, source_url=url, finding=finding
                )
            ResearchNote.objects.filter(pk=note.pk).update(created_at=moment)
        for number, (key, (month, day), text, answer) in enumerate(found["questions"]):
            moment = berlin(2016, month, day, 15 + number, len(text) % 60)
            with _dated(moment):
                question = research.add_question(
                    actor=people[key], application=application, text=text
                )
            OpenQuestion.objects.filter(pk=question.pk).update(created_at=moment)
            if answer:
                answered = berlin(2016, 10, 4 + number + len(space) % 3, 11, len(answer) % 60)
                with _dated(answered):
                    research.answer_question(
                        actor=people["albers"], question=question, answer=answer
                    )
                OpenQuestion.objects.filter(pk=question.pk).update(answered_at=answered)


def _decide(stage: Stage, staff: User, shortlist_ids) -> None:
    """The commission's meeting on 10 October 2016: the top ten go on, 119 do not."""
    with _dated(DECIDED_AT):
        decisions.decide_batch(
            actor=staff,
            stage=stage,
            advance=sorted(shortlist_ids),
            reason_advance=REASON_ADVANCE,
            reason_decline=REASON_DECLINE,
        )
    Decision.objects.filter(stage=stage).update(decided_at=DECIDED_AT)


def _seat_second_round(stage: Stage, staff: User, people: dict[str, User]) -> None:
    """The same commission goes on to the second round, so that its members keep seeing the
    shortlist with their research and open questions (reading follows the current stage)."""
    with _dated(SECOND_ROUND_SEATED_AT):
        for key, _email, _name, expertise, limit, _leniency in COMMISSION:
            commission.add_member(
                actor=staff, stage=stage, user=people[key], expertise=expertise, max_reviews=limit
            )
    CommissionMember.objects.filter(stage=stage).update(added_at=SECOND_ROUND_SEATED_AT)


def _send_congratulations(stage: Stage, staff: User) -> None:
    """The call's own German congratulation text, then the ten letters as one batch."""
    with _dated(TEMPLATE_SAVED_AT):
        letters.save_template(
            actor=staff, call=stage.call, outcome=Outcome.ADVANCE, language="de", **CONGRATULATION
        )
    LetterTemplate.objects.filter(call=stage.call).update(updated_at=TEMPLATE_SAVED_AT)
    advanced = Decision.objects.filter(stage=stage, outcome=Outcome.ADVANCE)
    with _dated(LETTERS_AT):
        # Sent in 2016: nothing left to hold back for staff to cancel.
        batch = letters.send_letters(actor=staff, decisions=advanced, hold_back=timedelta(0))
    LetterBatch.objects.filter(pk=batch.pk).update(created_at=LETTERS_AT)


def _withdraw(application: Application) -> None:
    """Gemeinde Wiefelstede withdraws from the second round: 10 → 9."""
    person = User.objects.filter(email=WITHDRAWAL["email"]).first()
    if person is None:
        keller = User.objects.get(email=KELLER_EMAIL)
        person = User.objects.create(
            email=WITHDRAWAL["email"], name=WITHDRAWAL["name"], password=keller.password
        )
        EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    Membership.objects.get_or_create(
        user=person,
        organisation=application.organisation,
        defaults={"role": Membership.Role.ADMIN},
    )
    with _dated(WITHDRAWAL["at"]):
        application_services.withdraw(
            actor=person, application=application, reason=WITHDRAWAL["reason"]
        )
    Application.objects.filter(pk=application.pk).update(withdrawn_at=WITHDRAWAL["at"])


# --- entry point ----------------------------------------------------------------------------


def load() -> list:
    """Replay the first round of 2016, unless its commission exists already (idempotent)."""
    call = Call.objects.get(slug=CALL_2016_SLUG)
    stage = call.first_stage()
    if CommissionMember.objects.filter(stage=stage).exists():
        return []
    with transaction.atomic():
        staff = User.objects.get(email=STAFF_EMAIL)
        applications = list(
            call.applications.filter(stage=stage, status=Status.SUBMITTED)
            .select_related("social_space", "concept", "organisation")
            .order_by("reference")
        )
        by_space = {application.social_space.name: application for application in applications}
        by_space["Neuruppin"] = next(a for a in applications if a.organisation.name == NEURUPPIN)
        shortlist_ids = {by_space[space].pk for space in SHORTLIST}

        with _dated(ADDED_AT):
            people = _commission(stage, staff)
            _preferences(people["keller"])
        people["albers"] = staff
        people["brandt"] = User.objects.get(email=EXPERT_EMAIL)
        _conflicts(people, by_space)
        _start_review(applications, staff)
        _assign(stage, staff)
        _reviews(stage, applications, shortlist_ids, people)
        _research(by_space, people)
        _decide(stage, staff, shortlist_ids)
        _seat_second_round(stage.next_stage(), staff, people)
        _send_congratulations(stage, staff)
        _withdraw(Application.objects.get(pk=by_space[WITHDRAWING].pk))
    return []
