"""Chapter 5 of the demo, on-site meetings: the second round of 2016, from the poll to the
six pilot regions.

The story goes on where the selection chapter ends (nine applications in "Zweite Runde mit
Vor-Ort-Gespräch"): on 14 October 2016 staff start the review of the second round, and
Miriam Albers sets up the round of on-site meetings for 7 to 18 November. Two programme
experts share the nine places by region – Jonas Brandt (Berlin) the north and east, Dr.
Ulrike Hahn (Bonn, the funder's seat) the south and west – and go to Bielefeld together;
Prof. Dr. Sabine Keller joins the meeting in Neuruppin for the commission. The experts enter
when they can travel, the poll goes out, the participants answer (one only after a
reminder, one with accessibility needs), the optimiser proposes a schedule that staff
confirm; Leipzig-Grünau is then moved, which sends an update. After each meeting the expert
records minutes, answers the open questions and submits an assessment; on 5 December 2016
staff select the six real pilot regions and the letters go out on 7 December.

Choices, and why:
- Every write goes through the services (visits.services.rounds, availability, polls,
  schedule, invitations, minutes; selection.services.decisions, reviews, letters), so the
  demo exercises the same checks, audit entries and mails as the pages.
- The poll answers are generated from a fixed seed around an agreed slot per meeting: only
  that slot has a "yes" from everyone, each other slot at least one "if need be" or "no".
  The optimiser therefore has one best schedule (each expert's meetings lie too far apart
  for two a day, so the travel days are the same in every schedule) and the story's dates
  are what it proposes – it is still the optimiser that proposes them.
- The times of rows and audit entries are backdated to 2016 (as in the selection chapter); the
  mails themselves are written when the demo is loaded.
- Meeting places are the real town halls and offices with their real coordinates; the
  minutes and assessments are invented.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from inklusiv.accounts import services as account_services
from inklusiv.accounts.models import Role, User
from inklusiv.applications.models import Application, Status
from inklusiv.calls.models import Call
from inklusiv.selection.models import (
    Decision,
    LetterBatch,
    LetterTemplate,
    OpenQuestion,
    Outcome,
    Review,
)
from inklusiv.selection.services import decisions, letters, reviews
from inklusiv.visits.models import (
    AccessibilityNeed,
    Availability,
    Participant,
    PollAnswer,
    Visit,
    VisitRound,
)
from inklusiv.visits.services import availability, invitations, minutes, polls, rounds, schedule

from .call import CALL_2016_SLUG, berlin
from .expressions_of_interest import NEURUPPIN
from .people import DEMO_TOTP_SECRET
from .selection import EXPERT_EMAIL, KELLER_EMAIL, STAFF_EMAIL, _dated

HAHN = {"email": "ulrike.hahn@inklusiv.example", "name": "Dr. Ulrike Hahn"}

REVIEW_STARTS = berlin(2016, 10, 14, 9, 0)
EXPERT_ADDED = berlin(2016, 10, 12, 11, 0)
ROUND_SET_UP = berlin(2016, 10, 17, 10, 0)
AVAILABILITY_AT = {"brandt": berlin(2016, 10, 18, 16, 20), "hahn": berlin(2016, 10, 19, 8, 45)}
SLOTS_AT = berlin(2016, 10, 20, 9, 30)
POLL_SENT = berlin(2016, 10, 20, 10, 0)
REMINDED = berlin(2016, 10, 27, 9, 0)
LATE_ANSWER = berlin(2016, 10, 27, 19, 40)
CLOSING_SET = berlin(2016, 10, 28, 8, 30)
POLL_CLOSES = berlin(2016, 10, 31, 23, 59)
RUN_AT = berlin(2016, 11, 1, 9, 30)
CONFIRMED_AT = berlin(2016, 11, 1, 10, 0)
MOVED_AT = berlin(2016, 11, 3, 14, 15)
PURGED_AT = berlin(2016, 11, 19, 3, 0)
DECIDED_AT = berlin(2016, 12, 5, 15, 0)
TEMPLATES_AT = berlin(2016, 12, 6, 11, 30)
LETTERS_AT = berlin(2016, 12, 7, 9, 0)

WINDOW = (berlin(2016, 11, 7, 0, 0), berlin(2016, 11, 18, 23, 59))
ROUND_SETTINGS = {
    "duration_minutes": 180,
    # Great-circle distance at 70 km/h comes close to the real train and car times between
    # these towns; 30 minutes buffer for the way from the station.
    "speed_kmh": 70,
    "buffer_minutes": 30,
    "max_per_day": 2,
    "slot_times": ("10:00", "14:00"),
}

# Where the experts set off from: Jonas Brandt's office in Berlin, Aktion Mensch in Bonn.
# The coordinates come from the postcode (the offline gazetteer), as when an expert types it.
TRAVEL_BASES = {
    "brandt": ("Berlin", "10117"),
    "hahn": ("Bonn", "53175"),
}
# When they can travel, from leaving home to being back (Europe/Berlin); the gaps are days
# in the office, a jury meeting, a conference and leave.
AVAILABILITY = {
    "brandt": [
        ((11, 7, 7, 0), (11, 7, 20, 0), "Tagestermine in Brandenburg und Sachsen möglich"),
        (
            (11, 8, 5, 30),
            (11, 9, 20, 0),
            "Dienstreise Mecklenburg und Nordfriesland, Übernachtung in Husum",
        ),
        ((11, 11, 6, 30), (11, 11, 19, 0), ""),
        (
            (11, 15, 6, 0),
            (11, 16, 21, 0),
            "Dienstreise Bielefeld und Lüneburger Heide, Übernachtung in Bielefeld",
        ),
        ((11, 17, 7, 0), (11, 17, 20, 30), "Freitag, 18. November: Urlaub"),
    ],
    "hahn": [
        (
            (11, 8, 7, 0),
            (11, 10, 19, 0),
            "Dienstreise Franken und Ostwürttemberg, Übernachtungen in Erlangen und "
            "Schwäbisch Gmünd",
        ),
        ((11, 14, 7, 30), (11, 14, 19, 30), "Rheinhessen"),
        ((11, 15, 7, 0), (11, 15, 22, 30), "Bielefeld gemeinsam mit Jonas Brandt"),
        ((11, 16, 7, 0), (11, 16, 20, 0), ""),
    ],
}

# Per social space: the meeting place, the experts, and the slot everyone agrees on
# (month, day, hour). The coordinates are looked up from the postcode and town, as when staff
# leave them empty on the meeting's page.
PLACES = {
    "Neuruppin": {
        "street": "Karl-Liebknecht-Straße 33/34",
        "postcode": "16816",
        "city": "Neuruppin",
        "place": "Rathaus Neuruppin, Sitzungsraum im Erdgeschoss (stufenloser Eingang vom Hof)",
        "experts": ("brandt",),
        "agreed": (11, 7, 14),
    },
    "Rostock": {
        "street": "Neuer Markt 1",
        "postcode": "18055",
        "city": "Rostock",
        "place": "Rathaus, Beratungsraum 1a (Aufzug im Innenhof)",
        "experts": ("brandt",),
        "agreed": (11, 8, 10),
    },
    "Kreis Nordfriesland": {
        "street": "Marktstraße 6",
        "postcode": "25813",
        "city": "Husum",
        "place": "Kreishaus Nordfriesland, Kreistagssaal",
        "experts": ("brandt",),
        "agreed": (11, 9, 10),
    },
    "Leipzig-Grünau": {
        "street": "Selliner Straße 17",
        "postcode": "04207",
        "city": "Leipzig",
        "place": "KOMM-Haus Grünau, Saal im Erdgeschoss",
        "experts": ("brandt",),
        "agreed": (11, 11, 10),
    },
    "Bielefeld": {
        "street": "Niederwall 23",
        "postcode": "33602",
        "city": "Bielefeld",
        "place": "Neues Rathaus, Raum 101 (barrierefrei, mit Induktionsschleife)",
        "experts": ("brandt", "hahn"),
        "agreed": (11, 15, 14),
    },
    "Schneverdingen": {
        "street": "Schulstraße 4",
        "postcode": "29640",
        "city": "Schneverdingen",
        "place": "Rathaus Schneverdingen, Ratssaal",
        "experts": ("brandt",),
        "agreed": (11, 16, 10),
    },
    "Erlangen": {
        "street": "Rathausplatz 1",
        "postcode": "91052",
        "city": "Erlangen",
        "place": "Rathaus Erlangen, Sitzungssaal im 1. Obergeschoss (Aufzug)",
        "experts": ("hahn",),
        "agreed": (11, 8, 14),
    },
    "Schwäbisch Gmünd": {
        "street": "Marktplatz 1",
        "postcode": "73525",
        "city": "Schwäbisch Gmünd",
        "place": "Rathaus, Kleiner Sitzungssaal",
        "experts": ("hahn",),
        "agreed": (11, 10, 10),
    },
    "Verbandsgemeinde Nieder-Olm": {
        "street": "Pariser Straße 110",
        "postcode": "55268",
        "city": "Nieder-Olm",
        "place": "Verwaltungsgebäude der Verbandsgemeinde, Sitzungssaal",
        "experts": ("hahn",),
        "agreed": (11, 14, 10),
    },
}
COMMISSION_GUEST = ("Neuruppin", KELLER_EMAIL)
# The participant who answers only after the reminder, and the one with accessibility needs.
LATE = "volker.nowak@tsv-schneverdingen.example"
NEEDS = {
    "email": "claudia.richter@behindertenbeirat-erlangen.example",
    "needs": ["step_free", "sign_language"],
    "details": (
        "Ich bin gehörlos und nutze einen Rollstuhl. Bitte eine Gebärdensprachdolmetscherin "
        "oder einen Gebärdensprachdolmetscher (DGS) für die ganze Zeit, bei drei Stunden am "
        "besten zwei im Wechsel."
    ),
}
# Leipzig-Grünau moves: the Sozialbürgermeister wants to come and can only on the 17th.
MOVED = ("Leipzig-Grünau", (11, 17, 14))

SELECTED = [
    "Erlangen",
    "Rostock",
    "Schneverdingen",
    "Schwäbisch Gmünd",
    "Verbandsgemeinde Nieder-Olm",
    "Neuruppin",
]
NOT_SELECTED = ["Bielefeld", "Leipzig-Grünau", "Kreis Nordfriesland"]

# Minutes per social space: (who writes them, text, answers to the questions still open
# by the question's text in selection.py's RESEARCH).
MINUTES = {
    "Neuruppin": (
        "brandt",
        """Teilnehmende: Katrin Lehmann (Jugendarbeit Neuruppin e.V.), Sabine Hartmann (Stadt \
Neuruppin, Fachbereich Bildung, Jugend und Soziales), Thomas Richter (Evangelische Schule \
Neuruppin), Frank Krüger (Tischlerei Krüger GmbH); für die Kommission Prof. Dr. Sabine Keller; \
Jonas Brandt (Fachexperte).

Frau Lehmann stellte das Vorhaben vor: Ausgangspunkt sind die Jugendclubs und die \
Schulsozialarbeit des Vereins, über die schon heute Jugendliche mit und ohne Behinderung \
erreicht werden. Frau Hartmann bestätigte die schriftliche Zusage der Stadt vom 1. September \
2016; die Stadt entsendet sie in die Steuerungsgruppe und stellt Daten der Sozialplanung für \
den Teilhabeplan bereit.

Zur Koordination: Der Verein will eine Netzwerkkoordination mit 30 Wochenstunden einstellen, \
die nicht in der Jugendarbeit eingesetzt wird; die Stadt beteiligt sich an den Sachkosten. \
Herr Krüger bietet zwei Praktikumsplätze in der Tischlerei an und will weitere Handwerksbetriebe \
über die Kreishandwerkerschaft ansprechen.

Eindruck: kleines, aber sehr engagiertes Netzwerk mit klarer Rollenverteilung. Die \
Selbstvertretung (Behindertenverband Ostprignitz-Ruppin) war wegen Krankheit nicht vertreten; \
Frau Lehmann sagte zu, die Steuerungsgruppe paritätisch zu besetzen.""",
        {
            "Wie kann ein kleiner Träger die Netzwerkkoordination neben Jugendclubs und "
            "Schulsozialarbeit leisten?": "Mit einer eigenen Stelle (30 Wochenstunden) nur für "
            "die Koordination; Vorstand und Stadt haben das zugesagt, die Stadt trägt Sachkosten.",
            "Wie werden Jugendliche mit Behinderung erreicht, die Förderschulen außerhalb der "
            "Stadt besuchen?": "Über die Evangelische Schule und den Fahrdienst des Landkreises: "
            "Angebote finden nachmittags an der Haltestelle des Schulbusses statt; die "
            "Förderschule in Wittstock wird als Partnerin angefragt.",
        },
    ),
    "Rostock": (
        "brandt",
        """Teilnehmende: Lars Franke (Amt für Jugend, Soziales und Asyl), Nadine Werner \
(Behindertenbeirat Rostock), Prof. Wolfgang Ludwig (Universität Rostock); Jonas Brandt \
(Fachexperte).

Herr Franke erläuterte, wie der Aktionsplan zur UN-Behindertenrechtskonvention und das \
Netzwerk ineinandergreifen: Das Netzwerk soll die Maßnahmen des Aktionsplans im Stadtteil \
Lütten Klein erproben. Frau Werner berichtete, dass der Behindertenbeirat die Bewerbung \
mitgeschrieben hat und zwei Sitze in der Steuerungsgruppe erhält.

Die Universität begleitet die Befragungen; Prof. Ludwig stellte einen Zeitplan mit zwei \
Erhebungswellen (2017 und 2019) vor. Die Absichtserklärung vom 4. Oktober 2016 liegt vor.

Eindruck: Verwaltung, Selbstvertretung und Wissenschaft arbeiten auf Augenhöhe; die \
Befürchtung, die Verwaltung könne als Träger dominieren, hat sich im Gespräch nicht \
bestätigt.""",
        {
            "Wie entscheiden die freien Träger gleichberechtigt mit, wenn die Verwaltung selbst "
            "Träger ist?": "Die Steuerungsgruppe entscheidet mit einfacher Mehrheit; die "
            "Verwaltung hat dort zwei von neun Stimmen, freie Träger und Behindertenbeirat "
            "zusammen fünf. Eine Geschäftsordnung liegt im Entwurf vor.",
        },
    ),
    "Kreis Nordfriesland": (
        "brandt",
        """Teilnehmende: Lars Nowak (Lebenshilfe Nordfriesland e.V.), Peter Roth \
(Kreis Nordfriesland, Fachdienst Soziales), Klaus Lorenz (DRK-Kreisverband Husum e.V.); \
Jonas Brandt (Fachexperte).

Herr Nowak stellte die Ausgangslage dar: Fahrdienste und Beratung sind je nach Amt \
unterschiedlich geregelt, auf den Inseln und Halligen fehlen Angebote fast ganz. Das Netzwerk \
will zunächst eine kreisweite Bestandsaufnahme machen.

Herr Roth sicherte die Unterstützung des Fachdienstes zu; einen Beschluss des Kreistags zur \
Mitarbeit im Netzwerk gibt es noch nicht, der Teilhabeplan ist erst beauftragt. Offen blieb, \
wer im Kreis die Koordination verantwortet.

Eindruck: engagierte Partner und ein wichtiges Thema (Mobilität im ländlichen Raum), aber der \
Sozialraum ist für eine Modellregion zu groß. Ein Start in einem Teilraum (etwa dem Amt \
Nordsee-Treene) wäre besser umsetzbar.""",
        {
            "Wie soll ein so großer, dünn besiedelter Kreis als ein Sozialraum arbeiten? Wäre ein "
            "Teilraum als Start sinnvoller?": "Die Partner wollen kreisweit beginnen und erst "
            "2018 Schwerpunkträume wählen; ein Start in einem Teilraum wurde diskutiert, aber "
            "nicht entschieden.",
            "Welche Aufgaben übernimmt die Kreisverwaltung im Netzwerk?": "Der Fachdienst Soziales "
            "stellt Daten bereit und nimmt an der Steuerungsgruppe teil; Koordination und "
            "Eigenmittel sind ohne Beschluss des Kreistags noch nicht zugesagt.",
        },
    ),
    "Leipzig-Grünau": (
        "brandt",
        """Teilnehmende: Volker Lange (Diakonisches Werk Innere Mission Leipzig e.V.), Petra \
Roth (Stadt Leipzig, Sozialamt), Yvonne Bauer (Tischlerei Köhler GmbH), Marion Winkler \
(Grundschule am Markt); Jonas Brandt (Fachexperte). Der Termin wurde auf Wunsch der Stadt vom \
11. auf den 17. November verlegt.

Herr Lange stellte das inklusive Kulturfest 2015 und die Pläne für ein Stadtteilbüro vor. Die \
Mitarbeit des Quartiersmanagements ist schriftlich bestätigt; es übernimmt die \
Öffentlichkeitsarbeit im Stadtteil.

Frau Roth erklärte, die Stadt unterstütze das Vorhaben fachlich, könne aber vor dem \
Doppelhaushalt 2017/2018 keine Eigenmittel zusagen. Frau Winkler berichtete vom gemeinsamen \
Unterricht an der Grundschule, der Anknüpfungspunkte für die Arbeit mit Familien bietet.

Eindruck: lebendige Ideen im Stadtteil, aber der Rückhalt von Verwaltung und Politik ist noch \
unverbindlich, und die Beteiligung von Menschen mit Behinderung in der Steuerung ist nicht \
geregelt.""",
        {
            "Wie sollen Bewohnerinnen und Bewohner mit Migrationsgeschichte erreicht werden?": (
                "Über das Quartiersmanagement und zwei Migrantenvereine im Stadtteil, die "
                "angesprochen, aber noch nicht Partner sind; Materialien sollen mehrsprachig "
                "und in Leichter Sprache erscheinen."
            ),
        },
    ),
    "Bielefeld": (
        "hahn",
        """Teilnehmende: Katharina Wagner (Bielefelder Inklusionsnetzwerk e.V.), Olga Sommer \
(Stadt Bielefeld, Büro für Integrierte Sozialplanung); Jonas Brandt und Dr. Ulrike Hahn \
(Fachexpertin und Fachexperte).

Frau Wagner stellte den Stadtteil Sieker als ersten Schwerpunkt vor; das neue \
Quartierszentrum soll Anlaufstelle des Netzwerks werden. Frau Sommer sicherte Daten der \
Sozialplanung und die Mitarbeit im Beirat für Behindertenfragen zu.

Zur Frage, ob große Einrichtungsträger das Netzwerk dominieren: Im Vorstand des Vereins sind \
drei große Träger der Behindertenhilfe vertreten, Selbstvertretungen bisher nur beratend. \
Frau Wagner will das ändern, konnte aber noch keinen Beschluss nennen.

Eindruck: fachlich stark und gut vernetzt, aber das Netzwerk ist noch sehr von der \
Behindertenhilfe geprägt; Wirtschaft und Zivilgesellschaft im Stadtteil fehlen bisher.""",
        {
            "Wie wird verhindert, dass große Einrichtungsträger das Netzwerk dominieren?": (
                "Bisher nicht geregelt: Die großen Träger sitzen im Vorstand, Selbstvertretungen "
                "beraten nur. Eine Satzungsänderung mit zwei Vorstandssitzen für "
                "Selbstvertretungen ist für 2017 angekündigt."
            ),
        },
    ),
    "Schneverdingen": (
        "brandt",
        """Teilnehmende: Sandra Wagner (Stadt Schneverdingen, Fachbereich Soziales), Ulrike \
Klein (Behindertenbeirat Schneverdingen), Volker Nowak (TSV Schneverdingen e.V.); Jonas \
Brandt (Fachexperte).

Frau Wagner bestätigte die halbe Stelle für die Netzwerkkoordination im Fachbereich Soziales; \
der Bürgermeister nahm zu Beginn kurz teil und unterstrich den Rückhalt des Rates. Der \
Behindertenbeirat hat die Informationen in Leichter Sprache auf der Website der Stadt \
mitgestaltet und will Sozialraumbegehungen in allen Ortsteilen anleiten.

Herr Nowak stellte die inklusive Sportgruppe des TSV vor; der Verein will das Angebot in \
zwei Ortsteile bringen.

Eindruck: eine kleine Stadt mit kurzen Wegen, klarer Zuständigkeit und echter Beteiligung – \
gut übertragbar auf andere ländliche Kommunen.""",
        {
            "Wie erreicht das Netzwerk die Ortsteile, in denen der Bus selten fährt?": (
                "Mit einem Bürgerbus, den der Heimatverein betreibt und der ab 2017 einen "
                "Rollstuhlplatz hat, und mit Sprechstunden des Netzwerks in den "
                "Dorfgemeinschaftshäusern im Wechsel."
            ),
        },
    ),
    "Erlangen": (
        "hahn",
        """Teilnehmende: Ayşe Koch (Stadt Erlangen, Amt für Soziales, Arbeit und Wohnen), \
Claudia Richter (Behindertenbeirat Erlangen), Birgit Winkler (Tischlerei Hofmann GmbH), \
Jürgen Hofmann (Wohnungsbaugenossenschaft Erlangen eG); Dr. Ulrike Hahn (Fachexpertin). \
Gebärdensprachdolmetschung war organisiert; der Sitzungssaal ist über den Aufzug erreichbar.

Frau Koch beschrieb die gewachsene Struktur aus Behindertenbeirat und hauptamtlicher \
Behindertenbeauftragter; das Netzwerk soll sie nicht ersetzen, sondern in den Stadtteil \
Büchenbach tragen. Ein Lehrstuhl für Sozialpädagogik begleitet die Befragungen.

Die Wohnungsbaugenossenschaft plant barrierefreie Wohnungen im Quartier und will Mieterinnen \
und Mieter mit Behinderung an der Planung beteiligen. Frau Richter betonte, dass der \
Behindertenbeirat die Steuerungsgruppe mitleitet.

Eindruck: sehr gut vorbereitet, mit verbindlichen Absprachen und breitem Rückhalt in \
Verwaltung und Stadtrat.""",
        {
            "Wie teilen sich das Amt für Soziales und die freien Träger die "
            "Netzwerkkoordination?": "Das Amt für Soziales stellt eine Koordinatorin (halbe "
            "Stelle), ein freier Träger eine Stadtteilkoordination in Büchenbach; beide "
            "berichten an die vom Behindertenbeirat mitgeleitete Steuerungsgruppe.",
        },
    ),
    "Schwäbisch Gmünd": (
        "hahn",
        """Teilnehmende: Tanja Engel (Stadt Schwäbisch Gmünd), Karsten Lorenz \
(Behindertenbeirat Schwäbisch Gmünd), Stefan Herrmann (Evangelische Kirchengemeinde); \
Dr. Ulrike Hahn (Fachexpertin).

Frau Engel erläuterte, wie die Stadt die Erfahrungen aus dem Integrationskonzept und der \
Landesgartenschau 2014 nutzen will: Bürgerbeteiligung in offenen Werkstätten, nun mit \
Gebärdensprache und Leichter Sprache. Die Eigenbeteiligung ist im Haushaltsentwurf 2017 \
eingeplant, der Gemeinderat beschließt im Dezember.

Herr Lorenz berichtete, dass eine Gruppe von Selbstvertreterinnen und Selbstvertretern mit \
Lernschwierigkeiten („Wir reden mit“) seit dem Sommer besteht und zwei Sitze in der \
Steuerungsgruppe erhält.

Eindruck: überzeugendes Inklusionsverständnis und viel Erfahrung mit Beteiligung; die \
Kirchengemeinde öffnet ihre Räume im Stadtteil für Angebote des Netzwerks.""",
        {
            "Wie sind Menschen mit Lernschwierigkeiten an der Steuerungsgruppe beteiligt?": (
                "Die Selbstvertretungsgruppe „Wir reden mit“ erhält zwei Sitze; Unterlagen gibt es "
                "in Leichter Sprache, und eine Unterstützerin bereitet die Sitzungen mit der "
                "Gruppe vor."
            ),
        },
    ),
    "Verbandsgemeinde Nieder-Olm": (
        "hahn",
        """Teilnehmende: Ayşe Jung (Verbandsgemeinde Nieder-Olm), Petra Walter \
(Behindertenbeirat in Gründung), Claudia Lange (Evangelische Kirchengemeinde), Gabriele \
Müller (Tischlerei Jung GmbH), Katharina Schmidt (Blinden- und Sehbehindertenverein); \
Dr. Ulrike Hahn (Fachexpertin).

Frau Jung stellte vor, wie Verbandsgemeinde und Ortsgemeinden zusammenarbeiten sollen; der \
Bürgermeister hat die Gründung eines Behindertenbeirats für 2017 angekündigt, Frau Walter \
bereitet sie vor. Frau Schmidt berichtete von den Bahnhofsbegehungen mit der Verwaltung, aus \
denen schon zwei Umbauten folgen.

Frau Müller stellte die Praktikumsplätze der Tischlerei vor und nannte weitere Betriebe, die \
zugesagt haben.

Eindruck: eine ländliche Verbandsgemeinde mit viel Eigeninitiative und klaren Zusagen der \
Verwaltung; gut übertragbar auf andere Verbandsgemeinden.""",
        {
            "Wie werden die sieben Ortsgemeinden einbezogen?": (
                "Jede Ortsgemeinde benennt eine Ansprechperson; die Ortsbürgermeisterinnen und "
                "-bürgermeister treffen sich zweimal im Jahr mit der Steuerungsgruppe, und die "
                "Begehungen finden reihum in allen Ortsgemeinden statt."
            ),
            "Welche Betriebe außer der Tischlerei sind für Praktikumsplätze angefragt?": (
                "Ein Weingut, ein Supermarkt und die Gemeindewerke haben Praktikumsplätze "
                "zugesagt; die Handwerkskammer Rheinhessen vermittelt weitere Betriebe."
            ),
        },
    ),
}

# The experts' scores on the five criteria of the second round (in their order), with the
# overall comment: the six pilot regions clearly ahead of the other three.
ASSESSMENTS = {
    "Erlangen": {"hahn": ([5, 5, 5, 4, 5], "Klare Empfehlung: verbindlich, breit getragen.")},
    "Rostock": {"brandt": ([5, 5, 4, 5, 4], "Klare Empfehlung; Universität als starker Partner.")},
    "Schwäbisch Gmünd": {
        "hahn": ([4, 5, 5, 4, 5], "Empfehlung: Beteiligung vorbildlich, Beschluss im Dezember.")
    },
    "Neuruppin": {
        "brandt": ([4, 5, 4, 4, 5], "Empfehlung: kleiner Träger, aber klare Zusagen der Stadt.")
    },
    "Verbandsgemeinde Nieder-Olm": {
        "hahn": ([4, 4, 5, 5, 4], "Empfehlung: ländlicher Raum mit viel Eigeninitiative.")
    },
    "Schneverdingen": {"brandt": ([5, 5, 4, 4, 5], "Empfehlung: kurze Wege, klare Zuständigkeit.")},
    "Bielefeld": {
        "hahn": ([3, 4, 4, 3, 3], "Fachlich stark, aber zu sehr von der Behindertenhilfe geprägt."),
        "brandt": ([3, 3, 4, 3, 3], "Noch keine Selbstvertretung in der Steuerung."),
    },
    "Leipzig-Grünau": {
        "brandt": ([3, 2, 4, 3, 3], "Gute Ideen, aber ohne verbindlichen Rückhalt der Stadt.")
    },
    "Kreis Nordfriesland": {
        "brandt": ([2, 3, 3, 4, 3], "Sozialraum zu groß; Start in einem Teilraum empfohlen.")
    },
}
SCORE_COMMENTS = {5: "Überzeugend.", 4: "Gut.", 3: "Mit Lücken.", 2: "Noch nicht tragfähig."}

REASON_SELECT = (
    "Das Vor-Ort-Gespräch hat die Kommission überzeugt: Das Netzwerk ist verbindlich "
    "organisiert, Verwaltung und Politik tragen das Vorhaben, und Menschen mit Behinderung "
    "sind an der Steuerung beteiligt."
)
REASON_REJECT = (
    "Die Kommission konnte nur sechs Sozialräume auswählen. Im Vergleich fehlten noch "
    "verbindliche Zusagen von Verwaltung und Politik oder eine Beteiligung von Menschen mit "
    "Behinderung an der Steuerung des Netzwerks."
)
SELECT_LETTER = {
    "subject": "Kommune Inklusiv: Sie werden Modellkommune ({{ reference }})",
    "body": """Sehr geehrte Damen und Herren,

wir freuen uns sehr: Die Kommission hat am {{ decided_at }} entschieden, dass {{ organisation }} \
mit der Bewerbung {{ reference }} zu den sechs Modellkommunen der Initiative „{{ call }}“ gehört. \
Herzlichen Glückwunsch Ihnen und allen Partnern Ihres Netzwerks!

Begründung der Kommission: {{ reason }}

Danke für das offene und herzliche Vor-Ort-Gespräch. Wie es weitergeht: Im Januar 2017 laden wir \
alle sechs Modellkommunen zu einem Auftakttreffen nach Bonn ein; dort lernen Sie Ihre \
Prozessbegleitung und die wissenschaftliche Begleitung kennen. Die Unterlagen für den \
Förderantrag erhalten Sie in den nächsten Tagen.

Mit freundlichen Grüßen
{{ funder }}""",
}
REJECT_LETTER = {
    "subject": "Kommune Inklusiv: Entscheidung der Kommission ({{ reference }})",
    "body": """Sehr geehrte Damen und Herren,

vielen Dank für Ihre Bewerbung {{ reference }} und für das Vor-Ort-Gespräch, in dem Sie und \
Ihre Partner uns Ihren Sozialraum gezeigt haben. Die Kommission hat am {{ decided_at }} \
entschieden; leider gehört {{ organisation }} nicht zu den sechs Modellkommunen.

Begründung der Kommission: {{ reason }}

Die Entscheidung ist uns schwergefallen: Alle neun Bewerbungen der zweiten Runde waren stark. \
Die Hinweise aus dem Vor-Ort-Gespräch schicken wir Ihnen gern ausführlich; sprechen Sie uns an. \
Wir würden uns freuen, wenn Sie die Erfahrungen der Modellkommunen nutzen, die wir ab 2017 \
veröffentlichen, und sich bei einem späteren Aufruf wieder bewerben.

Mit freundlichen Grüßen
{{ funder }}""",
}


def _on(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return berlin(2016, month, day, hour, minute)


# --- people ---------------------------------------------------------------------------------


def _second_expert(staff: User) -> User:
    """Dr. Ulrike Hahn, the second programme expert, with the demo password and two factors."""
    person = User.objects.filter(email=HAHN["email"]).first()
    if person is None:
        # The demo password, copied from a demo account instead of hashing it again.
        template = User.objects.get(email=EXPERT_EMAIL)
        person = User.objects.create(
            email=HAHN["email"], name=HAHN["name"], password=template.password
        )
        EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=True)
    if not person.has_role(Role.PROGRAMME_EXPERT):
        with _dated(EXPERT_ADDED):
            account_services.set_roles(
                actor=staff,
                user=person,
                roles={Role.PROGRAMME_EXPERT, *person.role_grants.values_list("role", flat=True)},
                reason="Fachexpertin Kommune Inklusiv 2016",
            )
    if not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(person, DEMO_TOTP_SECRET)
    return person


# --- the round ------------------------------------------------------------------------------


def _set_up(stage, staff, experts, keller) -> tuple[VisitRound, dict[str, Visit]]:
    """The round, the places and who comes, as Miriam Albers enters them on 17 October."""
    with _dated(ROUND_SET_UP):
        round_ = rounds.set_up_round(
            actor=staff,
            stage=stage,
            window_start=WINDOW[0],
            window_end=WINDOW[1],
            organiser=staff,
            **ROUND_SETTINGS,
        )
    visits = {}
    for visit in Visit.objects.filter(round=round_).select_related(
        "application__social_space", "application__organisation"
    ):
        application = visit.application
        space = (
            "Neuruppin"
            if application.organisation.name == NEURUPPIN
            else application.social_space.name
        )
        visits[space] = visit
    missing = set(PLACES) - set(visits)
    if missing:
        raise RuntimeError(f"No on-site meeting for {sorted(missing)}.")
    for space, spec in PLACES.items():
        with _dated(ROUND_SET_UP):
            visits[space] = rounds.update_place(
                actor=staff,
                visit=visits[space],
                street=spec["street"],
                postcode=spec["postcode"],
                city=spec["city"],
                place=spec["place"],
                latitude=None,
                longitude=None,
                duration_minutes=ROUND_SETTINGS["duration_minutes"],
            )
            for key in spec["experts"]:
                rounds.add_participant(
                    actor=staff,
                    visit=visits[space],
                    kind=Participant.Kind.EXPERT,
                    user=experts[key],
                )
    space, _email = COMMISSION_GUEST
    with _dated(ROUND_SET_UP):
        rounds.add_participant(
            actor=staff, visit=visits[space], kind=Participant.Kind.COMMISSION, user=keller
        )
    return round_, visits


def _availability(round_, experts) -> None:
    """Each expert enters their travel base and the days they can travel."""
    for key, person in experts.items():
        city, postcode = TRAVEL_BASES[key]
        with _dated(AVAILABILITY_AT[key]):
            availability.set_travel_base(actor=person, city=city, postcode=postcode)
            for start, end, note in AVAILABILITY[key]:
                availability.add(
                    actor=person, round=round_, starts_at=_on(*start), ends_at=_on(*end), note=note
                )
        Availability.objects.filter(round=round_, user=person).update(
            created_at=AVAILABILITY_AT[key]
        )


def _answers_for(space: str, visit: Visit, rng: random.Random) -> dict[int, dict[int, str]]:
    """Poll answers per participant: everyone says yes to the agreed slot, mostly yes to
    the others, some "if need be", a few "no"; no other slot gets a yes from everyone."""
    agreed = _on(*PLACES[space]["agreed"])
    moved_to = _on(*MOVED[1]) if space == MOVED[0] else None
    slots = list(visit.slots.order_by("start"))
    if not any(slot.start == agreed for slot in slots):
        raise RuntimeError(f"The agreed slot {agreed} of {space} is not in its poll.")
    people = [p for p in visit.participants.order_by("pk") if p.answers_poll]
    answers: dict[int, dict[int, str]] = {p.pk: {} for p in people}
    for slot in slots:
        row = {}
        for person in people:
            if slot.start == agreed:
                row[person.pk] = PollAnswer.Answer.YES
                continue
            roll = rng.random()
            row[person.pk] = (
                PollAnswer.Answer.YES
                if roll < 0.62
                else PollAnswer.Answer.IF_NEED_BE
                if roll < 0.88
                else PollAnswer.Answer.NO
            )
        if slot.start == moved_to:
            # The date it moves to later suits everybody, if need be.
            row = {
                pk: a if a != PollAnswer.Answer.NO else PollAnswer.Answer.IF_NEED_BE
                for pk, a in row.items()
            }
        if slot.start != agreed and all(a == PollAnswer.Answer.YES for a in row.values()):
            row[people[rng.randrange(len(people))].pk] = PollAnswer.Answer.IF_NEED_BE
        for pk, answer in row.items():
            answers[pk][slot.pk] = answer
    return answers


def _poll(round_, staff, visits) -> None:
    """Slots, the poll mail, everyone's answers, one reminder and the late answer."""
    with _dated(SLOTS_AT):
        polls.generate_slots(actor=staff, round=round_)
    with _dated(POLL_SENT):
        polls.send_poll(actor=staff, round=round_)
    Participant.objects.filter(visit__round=round_, polled_at__isnull=False).update(
        polled_at=POLL_SENT
    )
    rng = random.Random(20161020)
    late = None
    for number, (space, visit) in enumerate(visits.items()):
        answers = _answers_for(space, visit, rng)
        for position, participant in enumerate(
            visit.participants.filter(pk__in=answers).order_by("pk")
        ):
            if participant.email == LATE:
                late = (participant, answers[participant.pk])
                continue
            moment = _on(10, 20 + (number + position) % 7, 10 + (number * 3 + position) % 10, 25)
            needs = participant.email == NEEDS["email"]
            with _dated(moment):
                polls.answer(
                    participant=participant,
                    answers=answers[participant.pk],
                    needs=NEEDS["needs"] if needs else [],
                    details=NEEDS["details"] if needs else "",
                    consent=needs,
                )
            _backdate_answer(participant, moment)
    with _dated(REMINDED):
        polls.send_reminders(actor=staff, round=round_)
    Participant.objects.filter(visit__round=round_, reminded_at__isnull=False).update(
        reminded_at=REMINDED
    )
    if late is not None:
        participant, given = late
        with _dated(LATE_ANSWER):
            polls.answer(
                participant=participant, answers=given, needs=[], details="", consent=False
            )
        _backdate_answer(participant, LATE_ANSWER)


def _backdate_answer(participant: Participant, moment: datetime) -> None:
    Participant.objects.filter(pk=participant.pk).update(responded_at=moment)
    PollAnswer.objects.filter(participant=participant).update(answered_at=moment)
    AccessibilityNeed.objects.filter(participant=participant).update(consent_at=moment)


def _close_poll(round_, staff) -> None:
    """After the reminder, staff set the poll to close on 31 October (set only now: the poll
    services compare the closing date with the real clock, which is past 2016)."""
    with _dated(CLOSING_SET):
        rounds.set_up_round(
            actor=staff,
            stage=round_.stage,
            window_start=WINDOW[0],
            window_end=WINDOW[1],
            organiser=staff,
            poll_closes_at=POLL_CLOSES,
            now=CLOSING_SET,
            **ROUND_SETTINGS,
        )


def _propose_and_confirm(round_, staff) -> None:
    """The optimiser proposes, staff confirm: invitations with .ics to everyone."""
    with _dated(RUN_AT):
        result = schedule.run(actor=staff, round=round_)
    if not result.found:
        raise RuntimeError(
            "The demo's meetings could not be scheduled: "
            + " ".join(str(text) for text in result.explanations)
        )
    VisitRound.objects.filter(pk=round_.pk).update(run_at=RUN_AT)
    with _dated(CONFIRMED_AT):
        invitations.confirm(actor=staff, visits=list(Visit.objects.filter(round=round_)))
    Visit.objects.filter(round=round_, invited_at__isnull=False).update(invited_at=CONFIRMED_AT)


def _move(round_, staff, visits) -> None:
    """Leipzig-Grünau moves to another time of its poll; the re-run plans the others around
    it (confirmed meetings stay where they are) and the update goes out with SEQUENCE 1."""
    space, moved_to = MOVED
    with _dated(MOVED_AT):
        schedule.pin(
            actor=staff, visit=Visit.objects.get(pk=visits[space].pk), start=_on(*moved_to)
        )
        result = schedule.run(actor=staff, round=round_)
        if not result.found:
            raise RuntimeError("Moving the meeting made the schedule infeasible.")
        invitations.confirm(actor=staff, visits=list(Visit.objects.filter(round=round_)))
    VisitRound.objects.filter(pk=round_.pk).update(run_at=MOVED_AT)


def _minutes(round_, staff, experts) -> None:
    """Minutes, answers and assessments on the evening after each meeting."""
    criteria = None
    for visit in (
        Visit.objects.filter(round=round_)
        .select_related("application__social_space", "application__organisation")
        .order_by("start")
    ):
        application = visit.application
        space = (
            "Neuruppin"
            if application.organisation.name == NEURUPPIN
            else application.social_space.name
        )
        author, text, answered = MINUTES[space]
        evening = visit.start + timedelta(hours=6)
        questions = {
            q.text: q.pk
            for q in OpenQuestion.objects.filter(
                application=application, status=OpenQuestion.Status.OPEN
            )
        }
        answers = {
            questions[question]: (OpenQuestion.Status.ANSWERED, answer)
            for question, answer in answered.items()
            if question in questions
        }
        with _dated(evening):
            minutes.record_minutes(
                actor=experts[author],
                visit=visit,
                revision=visit.revision,
                minutes=text,
                answers=answers,
                held=True,
            )
        Visit.objects.filter(pk=visit.pk).update(minutes_at=evening)
        OpenQuestion.objects.filter(pk__in=answers).update(answered_at=evening)
        if criteria is None:
            criteria = list(round_.stage.criteria.order_by("position", "pk"))
        for offset, (key, (values, comment)) in enumerate(ASSESSMENTS[space].items()):
            moment = evening + timedelta(hours=17 + offset)
            with _dated(moment):
                minutes.ensure_assessor(actor=staff, visit=visit, expert=experts[key])
                total = sum(values) / len(values)
                review = reviews.save_review(
                    actor=experts[key],
                    application=application,
                    revision=0,
                    scores={
                        criterion.pk: (value, SCORE_COMMENTS[value])
                        for criterion, value in zip(criteria, values, strict=True)
                    },
                    recommendation=(
                        Review.Recommendation.ADVANCE
                        if total >= 4
                        else Review.Recommendation.UNDECIDED
                        if total >= 3
                        else Review.Recommendation.DECLINE
                    ),
                    comment=comment,
                    submit=True,
                )
            Review.objects.filter(pk=review.pk).update(
                submitted_at=moment, created_at=moment, updated_at=moment
            )
    with _dated(PURGED_AT):
        minutes.purge_accessibility_needs(now=PURGED_AT)


def _decide(stage, staff, visits) -> None:
    """The commission's meeting on 5 December 2016, then the letters on the 7th."""
    chosen = [visits[space].application_id for space in SELECTED]
    with _dated(DECIDED_AT):
        decisions.decide_batch(
            actor=staff,
            stage=stage,
            advance=chosen,
            reason_advance=REASON_SELECT,
            reason_decline=REASON_REJECT,
        )
    Decision.objects.filter(stage=stage).update(decided_at=DECIDED_AT)
    with _dated(TEMPLATES_AT):
        for outcome, text in ((Outcome.SELECT, SELECT_LETTER), (Outcome.REJECT, REJECT_LETTER)):
            letters.save_template(
                actor=staff, call=stage.call, outcome=outcome, language="de", **text
            )
    LetterTemplate.objects.filter(
        call=stage.call, outcome__in=(Outcome.SELECT, Outcome.REJECT)
    ).update(updated_at=TEMPLATES_AT)
    with _dated(LETTERS_AT):
        # Sent in 2016: nothing left to hold back for staff to cancel.
        batch = letters.send_letters(
            actor=staff,
            decisions=Decision.objects.filter(stage=stage).order_by("pk"),
            hold_back=timedelta(0),
        )
    LetterBatch.objects.filter(pk=batch.pk).update(created_at=LETTERS_AT)


# --- entry point ----------------------------------------------------------------------------


def load() -> list:
    """Replay the on-site meetings and the final decision of 2016, unless the second round
    already has its meetings (idempotent).

    Three transactions, because the invitations and the update are mailed when their
    transaction commits and must go out with the time and SEQUENCE of their moment."""
    call = Call.objects.get(slug=CALL_2016_SLUG)
    stage = call.first_stage().next_stage()
    if VisitRound.objects.filter(stage=stage).exists():
        return []
    staff = User.objects.get(email=STAFF_EMAIL)
    with transaction.atomic():
        experts = {"brandt": User.objects.get(email=EXPERT_EMAIL), "hahn": _second_expert(staff)}
        with _dated(REVIEW_STARTS):
            decisions.start_review_for_stage(actor=staff, stage=stage)
        round_, visits = _set_up(stage, staff, experts, User.objects.get(email=KELLER_EMAIL))
        _availability(round_, experts)
        _poll(round_, staff, visits)
        _close_poll(round_, staff)
        _propose_and_confirm(round_, staff)
    with transaction.atomic():
        _move(round_, staff, visits)
    with transaction.atomic():
        _minutes(round_, staff, experts)
        _decide(stage, staff, visits)
        if Application.objects.filter(stage=stage, status=Status.IN_REVIEW).exists():
            raise RuntimeError("An application of the second round was left undecided.")
    return []
