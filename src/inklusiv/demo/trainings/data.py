"""The data of the trainings chapter (its package's __init__): the courses of the 2017 programme
with their sessions, who registered (and who registered them), the accessibility needs they
stated, who did not come, and the pools of feedback texts.

People are named as in the pilot-phase chapter's regions (pilot_phase/data.py); the two
trainers and the venues are invented, like everyone else. Dates of the history are
`datetime.date`; the one session still to come is dated relative to the day the demo is
loaded ("upcoming").
Every e-mail address is under .example.
"""

from datetime import date as d

from inklusiv.trainings.models import Format, Need, Service, TrainingSession

DGS, STT, EASY, CHILD, ASSIST = (
    Service.SIGN_LANGUAGE,
    Service.SPEECH_TO_TEXT,
    Service.EASY_READ,
    Service.CHILDCARE,
    Service.ASSISTANCE,
)
STEP_FREE = Need.STEP_FREE
PILOT_MEMBERS, REGIONS = TrainingSession.Audience.PILOT_MEMBERS, TrainingSession.Audience.REGIONS
NORTH = ("Neuruppin", "Rostock", "Schneverdingen")
SOUTH = ("Erlangen", "Schwäbisch Gmünd", "Verbandsgemeinde Nieder-Olm")

# The trainer of most courses is the demo login people.TRAINER ("weidner"); the online
# seminars on communication and participation are Deniz Arslan's.
SECOND_TRAINER = {"email": "d.arslan@barrierefrei-kommunizieren.example", "name": "Deniz Arslan"}

# When the programme was planned: the courses are written in February 2017, each session is
# announced this many days before it starts (never before the regions started on 1 March).
COURSES_WRITTEN = d(2017, 2, 13)
ANNOUNCED_DAYS = 56

# The session that is still to come lies this many days after the day the demo is loaded
# (moved on to a Tuesday, Wednesday or Thursday): within the organisers' next two weeks.
UPCOMING_IN_DAYS = 9


def p(name: str, *needs: str, details: str = "", by: str | None = None) -> dict:
    """One registration: the person, the needs they stated (with consent) and who registered
    them (a coordinator of their region, or themself). Needs are the person's own to state:
    someone registered by a colleague adds them on their registration page afterwards, which
    only works before the session ends (so in the history people with needs register
    themselves)."""
    return {"name": name, "needs": list(needs), "details": details, "by": by}


VENUE_BONN = {
    "venue": "Haus der Begegnung am Rhein",
    "address": "Rheinallee 18, 53173 Bonn",
    "step_free": True,
    "accessible_toilet": True,
    "induction_loop": True,
    "quiet_room": True,
    "access_notes": (
        "Stufenloser Zugang über den Haupteingang, Aufzug zu allen Räumen. Zwei "
        "Behindertenparkplätze direkt vor dem Haus; vom Bahnhof Bad Godesberg 8 Minuten zu Fuß "
        "auf ebenem Weg. Der Ruheraum liegt im Erdgeschoss neben dem Tagungsraum."
    ),
}

COURSES = [
    {
        "title": "Auftaktworkshop Kommune Inklusiv",
        "description": (
            "Zwei Tage zum Start der Förderphase: Die sechs Modellregionen lernen einander, das "
            "Programmteam der Aktion Mensch und die Prozessbegleitung kennen. Wir klären Rollen "
            "und Aufgaben von Netzwerkkoordination und Steuerungsgruppe, stellen die "
            "Begleitangebote vor und planen die ersten hundert Tage.\n\n"
            "Der zweite Tag gehört dem Austausch zwischen den Regionen: Was haben wir vor, wo "
            "stehen wir, wen brauchen wir noch im Netzwerk?"
        ),
        "learning_goals": (
            "Ziele und Ablauf der Förderung von Kommune Inklusiv kennen\n"
            "Rollen von Netzwerkkoordination, Steuerungsgruppe und Arbeitsgruppen unterscheiden\n"
            "Die ersten Schritte der eigenen Region planen\n"
            "Ansprechpersonen in den anderen Modellregionen kennen"
        ),
        "target_group": (
            "Netzwerkkoordinationen und Mitglieder der Steuerungsgruppen der Modellregionen"
        ),
        "format": Format.ON_SITE,
        "length_minutes": 660,
        "trainer": "weidner",
        "summary_easy": (
            "Ein Treffen für alle Modell-Regionen. Das Treffen dauert 2 Tage. Es ist in Bonn. "
            "Wir lernen uns kennen. Wir besprechen: Wer macht was? Und: Was machen wir als "
            "Erstes?"
        ),
        "sessions": [
            {
                "day": d(2017, 3, 28),
                "start": (10, 0),
                "end_day": d(2017, 3, 29),
                "end": (14, 30),
                **VENUE_BONN,
                "capacity": 40,
                "deadline_days": 8,
                "cancel_days": 5,
                "audience": PILOT_MEMBERS,
                "services": [DGS, STT, EASY, ASSIST],
                "people": [
                    p("Jana Pfeiffer"),
                    p(
                        "Claudia Richter",
                        DGS,
                        details="Bitte zwei Dolmetscher·innen, da beide Tage ganztägig.",
                    ),
                    p("Ayşe Koch", by="Jana Pfeiffer"),
                    p("Kristin Möller"),
                    p("Lars Franke"),
                    p("Nadine Werner"),
                    p("Nils Hoffmeister"),
                    p("Sandra Wagner", by="Nils Hoffmeister"),
                    p(
                        "Ulrike Klein",
                        STT,
                        details="Ich bin schwerhörig; eine Induktionsschleife allein reicht "
                        "in großen Gruppen nicht.",
                    ),
                    p("Volker Nowak", by="Nils Hoffmeister"),
                    p("Simon Kaiser"),
                    p("Tanja Engel"),
                    p(
                        "Karsten Lorenz",
                        STEP_FREE,
                        details="Ich komme im E-Rollstuhl; bitte einen Platz am Gang.",
                    ),
                    p("Lena Hartung"),
                    p("Ayşe Jung", by="Lena Hartung"),
                    p(
                        "Petra Walter",
                        STEP_FREE,
                        ASSIST,
                        details="Assistenz beim Mittagessen und beim Wechsel der Räume.",
                    ),
                    p("Marco Schulz"),
                    p("Katrin Lehmann"),
                    p(
                        "Ilona Peters",
                        EASY,
                        details="Die Unterlagen bitte vorher in Leichter Sprache schicken.",
                    ),
                ],
                "no_show": ["Volker Nowak"],
                "certificates": True,
                "feedback": 9,
                "mood": 4.4,
            }
        ],
    },
    {
        "title": "Online-Seminar: Den Sozialraum erkunden – das Stärken-Schwächen-Profil",
        "description": (
            "Jede Modellregion beginnt mit einem Stärken-Schwächen-Profil. Das Online-Seminar "
            "zeigt, wie Sie es gemeinsam mit dem Netzwerk erstellen: Bestandsaufnahme der "
            "Infrastruktur, Sozialraumbegehungen mit Menschen aus den Zielgruppen, kurze "
            "Befragungen. Mit Beispielen und Arbeitsblättern zum Herunterladen."
        ),
        "learning_goals": (
            "Methoden der Sozialraumerkundung kennen und auswählen\n"
            "Eine Begehung mit Menschen aus den Zielgruppen vorbereiten\n"
            "Ergebnisse im Stärken-Schwächen-Profil festhalten"
        ),
        "target_group": "Netzwerkkoordinationen und Mitglieder der Arbeitsgruppen",
        "format": Format.ONLINE,
        "length_minutes": 90,
        "trainer": "weidner",
        "summary_easy": (
            "Ein Seminar im Internet. Es dauert anderthalb Stunden. Sie lernen: Wie schaue ich "
            "mir meinen Ort genau an? Was ist gut? Was ist schwer für Menschen mit Behinderung?"
        ),
        "sessions": [
            {
                "day": d(2017, 4, 5),
                "start": (10, 0),
                "end": (11, 30),
                "online_link": "https://konferenz.inklusiv.example/raum/sozialraum-2017",
                "capacity": 30,
                "deadline_days": 2,
                "cancel_days": 1,
                "audience": PILOT_MEMBERS,
                "services": [STT, DGS],
                "people": [
                    p("Florian Seitz"),
                    p("Ole Petersen"),
                    p("Anja Meyer"),
                    p("Melanie Roth"),
                    p("Tim Reuter"),
                    p("Jule Brenner", by="Marco Schulz"),
                    p("Kristin Möller"),
                    p("Nils Hoffmeister"),
                    p("Lena Hartung"),
                    p("Ulrike Klein", STT, details="Live-Untertitel genügen mir."),
                ],
                "no_show": ["Tim Reuter"],
                "feedback": 6,
                "mood": 4.0,
            }
        ],
    },
    {
        "title": "Online-Seminar: Barrierefrei informieren – Öffentlichkeitsarbeit für alle",
        "description": (
            "Einladungen, Flyer, Website und Presse: So erreichen Sie alle Menschen im "
            "Sozialraum. Wir sprechen über verständliche Sprache und Leichte Sprache, "
            "barrierefreie PDF-Dokumente, Bildbeschreibungen, Videos mit Untertiteln und "
            "Gebärdensprache sowie über gute Kontakte zur Lokalpresse."
        ),
        "learning_goals": (
            "Grundregeln barrierefreier Dokumente und Webseiten anwenden\n"
            "Einladungen in verständlicher Sprache schreiben\n"
            "Eine Pressemitteilung zum Netzwerk vorbereiten"
        ),
        "target_group": "Alle, die in den Modellregionen Öffentlichkeitsarbeit machen",
        "format": Format.ONLINE,
        "length_minutes": 90,
        "trainer": "arslan",
        "summary_easy": (
            "Ein Seminar im Internet. Sie lernen: Wie schreibe ich eine Einladung für alle? "
            "Wie mache ich einen Flyer, den alle lesen können?"
        ),
        "sessions": [
            {
                "day": d(2017, 5, 17),
                "start": (14, 0),
                "end": (15, 30),
                "online_link": "https://konferenz.inklusiv.example/raum/oeffentlichkeitsarbeit",
                "capacity": 30,
                "deadline_days": 2,
                "cancel_days": 1,
                "audience": PILOT_MEMBERS,
                "services": [STT, DGS, EASY],
                "people": [
                    p("Florian Seitz"),
                    p("Ole Petersen"),
                    p("Anja Meyer"),
                    p("Melanie Roth"),
                    p("Jule Brenner"),
                    p("Yvonne König", by="Simon Kaiser"),
                    p("Simon Kaiser"),
                    p("Katharina Schmidt", by="Lena Hartung"),
                ],
                "no_show": ["Katharina Schmidt"],
                "feedback": 5,
                "mood": 4.2,
            }
        ],
    },
    {
        "title": (
            "Online-Seminar: Beteiligung, die alle mitnimmt – Menschen mit Behinderung in "
            "Steuerungsgruppe und Arbeitsgruppen"
        ),
        "description": (
            "Die Steuerungsgruppe soll die Vielfalt des Sozialraums abbilden. Wie gewinnen Sie "
            "Menschen mit Behinderung, Ältere, Jugendliche und Menschen mit "
            "Migrationsgeschichte für die Mitarbeit – und wie gestalten Sie Sitzungen so, dass "
            "alle mitreden können? Mit Erfahrungen aus Beiräten und Selbstvertretungen."
        ),
        "learning_goals": (
            "Hürden der Beteiligung erkennen und abbauen\n"
            "Sitzungen barrierefrei planen und leiten\n"
            "Aufwandsentschädigung und Assistenz für Ehrenamtliche klären"
        ),
        "target_group": "Netzwerkkoordinationen und Sprecher·innen der Arbeitsgruppen",
        "format": Format.ONLINE,
        "length_minutes": 90,
        "trainer": "arslan",
        "summary_easy": (
            "Ein Seminar im Internet. Es geht um die Frage: Wie können alle Menschen "
            "mitbestimmen? Auch Menschen mit Behinderung."
        ),
        "sessions": [
            {
                "day": d(2017, 6, 21),
                "start": (16, 0),
                "end": (17, 30),
                "online_link": "https://konferenz.inklusiv.example/raum/beteiligung",
                "capacity": 30,
                "deadline_days": 2,
                "cancel_days": 1,
                "audience": PILOT_MEMBERS,
                "services": [STT, DGS],
                "people": [
                    p("Jana Pfeiffer"),
                    p("Kristin Möller"),
                    p("Nils Hoffmeister"),
                    p("Simon Kaiser"),
                    p("Lena Hartung"),
                    p("Marco Schulz"),
                    p("Nadine Werner"),
                    p("Petra Walter", by="Lena Hartung"),
                ],
                "no_show": [],
                "feedback": 2,
                "mood": 3.8,
            }
        ],
    },
    {
        "title": "Netzwerkkoordination: Netzwerke im Sozialraum aufbauen und steuern",
        "description": (
            "Die Netzwerkkoordination ist die wichtigste Stelle einer Modellregion. Die "
            "Fortbildung stellt ihre Aufgaben vor – Partner gewinnen, Kooperationen vereinbaren, "
            "Netzwerktreffen moderieren, Konflikte lösen – und übt sie an Fällen aus den "
            "Regionen. Mit den Arbeitsblättern des Praxishandbuchs: Netzwerkpartner finden, "
            "Mustervereinbarung, Geschäftsordnung, Checkliste für das erste inklusive "
            "Netzwerktreffen."
        ),
        "learning_goals": (
            "Netzwerkpartner aus Zivilgesellschaft, Wirtschaft, Wissenschaft und Verwaltung "
            "gewinnen\n"
            "Kooperationsvereinbarung und Geschäftsordnung aufsetzen\n"
            "Ein inklusives Netzwerktreffen vorbereiten und moderieren\n"
            "Die eigene Rolle zwischen Träger, Kommune und Netzwerk klären"
        ),
        "target_group": "Netzwerkkoordinationen und ihre Stellvertretungen",
        "format": Format.ON_SITE,
        "length_minutes": 420,
        "trainer": "weidner",
        "summary_easy": (
            "Eine Fortbildung für die Netzwerk-Koordination. Das ist die Person, die alle "
            "zusammen-bringt. Sie lernen: Wie finde ich Partner? Wie leite ich ein Treffen?"
        ),
        "sessions": [
            {
                # The session that filled up: three on the waiting list, two seats came free.
                "day": d(2017, 5, 9),
                "start": (9, 30),
                "end": (16, 30),
                "venue": "Tagungshaus am Nordbahnhof",
                "address": "Chausseestraße 24, 10115 Berlin",
                "step_free": True,
                "accessible_toilet": True,
                "induction_loop": False,
                "quiet_room": True,
                "access_notes": (
                    "Ebenerdiger Seiteneingang mit Klingel (Rampe); der Tagungsraum liegt im "
                    "ersten Stock, Aufzug vorhanden. U-Bahnhof Naturkundemuseum mit Aufzug."
                ),
                "capacity": 12,
                "deadline_days": 10,
                "cancel_days": 5,
                "audience": PILOT_MEMBERS,
                "services": [DGS, STT],
                "people": [
                    p("Jana Pfeiffer"),
                    p("Kristin Möller"),
                    p("Nils Hoffmeister"),
                    p("Simon Kaiser"),
                    p("Lena Hartung"),
                    p("Marco Schulz"),
                    p("Florian Seitz", by="Jana Pfeiffer"),
                    p("Ole Petersen", by="Kristin Möller"),
                    p("Anja Meyer"),
                    p("Melanie Roth", by="Simon Kaiser"),
                    p("Tim Reuter"),
                    p("Jule Brenner"),
                    # Full: these three wait, in this order.
                    p("Sandra Wagner"),
                    p("Tanja Engel"),
                    p("Ayşe Jung"),
                ],
                # Cancelled before the deadline (days before the start): each freed seat is
                # offered to the next person waiting.
                "cancellations": [("Tim Reuter", 14), ("Ole Petersen", 11)],
                # Let her offer lapse (she was on holiday); the seat passed on.
                "lets_offer_expire": ["Tanja Engel"],
                "no_show": ["Anja Meyer"],
                "certificates": True,
                "feedback": 6,
                "mood": 4.5,
            },
            {
                "day": d(2017, 9, 26),
                "start": (9, 30),
                "end": (16, 30),
                "venue": "Bildungszentrum Gostenhof",
                "address": "Fürther Straße 80, 90429 Nürnberg",
                "step_free": True,
                "accessible_toilet": True,
                "induction_loop": True,
                "quiet_room": False,
                "access_notes": "Zugang über den Innenhof, Aufzug neben der Pforte.",
                "capacity": 15,
                "deadline_days": 7,
                "cancel_days": 3,
                "audience": PILOT_MEMBERS,
                "services": [DGS, STT],
                "people": [
                    p("Ayşe Koch"),
                    p("Lars Franke"),
                    p("Volker Nowak"),
                    p("Karsten Lorenz", STEP_FREE),
                    p("Sabine Hartmann"),
                    p("Hauke Bruns", by="Nils Hoffmeister"),
                    p("Frank Krüger", by="Marco Schulz"),
                    p("Jürgen Hofmann", by="Jana Pfeiffer"),
                ],
                "no_show": ["Hauke Bruns"],
                "feedback": 5,
                "mood": 4.1,
            },
        ],
    },
    {
        "title": "Leichte Sprache in der Netzwerkarbeit",
        "description": (
            "Einladungen, Protokolle, Aushänge: Vieles aus dem Netzwerk sollen alle verstehen. "
            "Die Fortbildung führt in die Regeln der Leichten Sprache ein, zeigt den "
            "Unterschied zur einfachen Sprache und übt das Übertragen an eigenen Texten. Am "
            "Nachmittag prüfen Prüferinnen und Prüfer für Leichte Sprache die Texte mit uns."
        ),
        "learning_goals": (
            "Die Regeln der Leichten Sprache kennen\n"
            "Leichte und einfache Sprache unterscheiden\n"
            "Einen eigenen Text in Leichte Sprache übertragen und prüfen lassen"
        ),
        "target_group": "Alle, die in den Modellregionen Texte schreiben",
        "format": Format.ON_SITE,
        "length_minutes": 360,
        "trainer": "weidner",
        "summary_easy": (
            "Eine Fortbildung über Leichte Sprache. Sie lernen die Regeln. Sie schreiben "
            "selbst einen Text. Prüferinnen und Prüfer lesen den Text. Sie sagen: Das ist "
            "leicht zu verstehen. Oder: Das ist noch schwer."
        ),
        "sessions": [
            {
                "day": d(2017, 6, 27),
                "start": (10, 0),
                "end": (16, 0),
                "venue": "Bildungsstätte Wilhelmshöhe",
                "address": "Kunoldstraße 34, 34131 Kassel",
                "step_free": True,
                "accessible_toilet": True,
                "induction_loop": True,
                "quiet_room": True,
                "access_notes": "Alle Räume im Erdgeschoss; Parkplätze am Haus.",
                "capacity": 16,
                "deadline_days": 7,
                "cancel_days": 3,
                "audience": PILOT_MEMBERS,
                "services": [EASY, DGS],
                "people": [
                    p(
                        "Ilona Peters",
                        EASY,
                        details="Ich brauche die Unterlagen in Leichter Sprache.",
                    ),
                    p("Claudia Richter", DGS),
                    p("Jule Brenner"),
                    p("Melanie Roth"),
                    p("Yvonne König"),
                    p("Petra Walter", STEP_FREE),
                    p("Katharina Schmidt"),
                    p("Sabine Hartmann"),
                    p("Anja Meyer"),
                ],
                "no_show": ["Katharina Schmidt"],
                "certificates": True,
                # Four answers: under the minimum group size, so no figures are shown.
                "feedback": 4,
                "mood": 4.3,
            }
        ],
    },
    {
        "title": "Wirkungsorientierte Planung: Ziele, Indikatoren und die Wirkungstreppe",
        "description": (
            "Vom Vorhaben zur Wirkung: Die Fortbildung übt, Wirkungsziele zu formulieren, "
            "Indikatoren mit Ausgangs- und Zielwert festzulegen (zum Beispiel von 20 % auf 80 % "
            "in drei Monaten) und den Fortschritt laufend zu beobachten. Grundlage ist die "
            "Wirkungstreppe von PHINEO – von den Aktivitäten über veränderte Fähigkeiten und "
            "Verhalten bis zur veränderten Lebenslage. Bringen Sie den Entwurf Ihres "
            "Inklusionskonzepts mit."
        ),
        "learning_goals": (
            "Wirkungsziele von Maßnahmen unterscheiden\n"
            "Indikatoren mit Ausgangswert und Zielwert entwickeln\n"
            "Die Stufen der Wirkungstreppe auf eigene Maßnahmen anwenden\n"
            "Ein einfaches Monitoring für das Inklusionskonzept planen"
        ),
        "target_group": "Netzwerkkoordinationen und Steuerungsgruppen",
        "format": Format.ON_SITE,
        "length_minutes": 390,
        "trainer": "weidner",
        "summary_easy": (
            "Eine Fortbildung über Ziele. Sie lernen: Was wollen wir erreichen? Woran merken "
            "wir: Es hat geklappt?"
        ),
        "sessions": [
            {
                "day": d(2017, 9, 12),
                "start": (9, 30),
                "end": (16, 0),
                "venue": "Stadtteilzentrum Nordstadt",
                "address": "Engelbosteler Damm 40, 30167 Hannover",
                "step_free": True,
                "accessible_toilet": True,
                "induction_loop": True,
                "quiet_room": False,
                "access_notes": "Stufenloser Eingang; Stadtbahn-Hochbahnsteig vor der Tür.",
                "capacity": 18,
                "deadline_days": 7,
                "cancel_days": 3,
                "audience": REGIONS,
                "regions": NORTH,
                "services": [STT, DGS],
                "people": [
                    p("Marco Schulz"),
                    p("Katrin Lehmann"),
                    p("Sabine Hartmann", by="Marco Schulz"),
                    p("Kristin Möller"),
                    p("Lars Franke"),
                    p(
                        "Prof. Wolfgang Ludwig",
                        STT,
                        details="Schriftdolmetschung bitte auf einen eigenen Bildschirm.",
                    ),
                    p("Nils Hoffmeister"),
                    p("Sandra Wagner"),
                ],
                "no_show": [],
                "feedback": 5,
                "mood": 4.0,
            },
            {
                "day": d(2017, 10, 10),
                "start": (9, 30),
                "end": (16, 0),
                "venue": "Tagungshaus am Rheinufer",
                "address": "Rheinstraße 41, 55116 Mainz",
                "step_free": True,
                "accessible_toilet": True,
                "induction_loop": False,
                "quiet_room": True,
                "access_notes": "Eingang mit Rampe an der Seite zum Rheinufer.",
                "capacity": 18,
                "deadline_days": 7,
                "cancel_days": 3,
                "audience": REGIONS,
                "regions": SOUTH,
                "services": [STT, DGS],
                "people": [
                    p("Jana Pfeiffer"),
                    p("Ayşe Koch"),
                    p("Florian Seitz"),
                    p("Simon Kaiser"),
                    p("Tanja Engel", by="Simon Kaiser"),
                    p("Karsten Lorenz", STEP_FREE),
                    p("Lena Hartung"),
                    p("Tim Reuter"),
                    p("Ayşe Jung"),
                ],
                "no_show": ["Florian Seitz"],
                "feedback": 3,
                "mood": 3.9,
            },
        ],
    },
    {
        "title": "Auffrischung: Wirkungen belegen und Strukturen verstetigen",
        "description": (
            "Die Förderung endet am 30. Juni 2027. Die Auffrischung greift die wirkungsorientierte "
            "Planung von 2017 wieder auf: Welche Wirkungen können die Regionen belegen, welche "
            "Strukturen bleiben nach dem Förderende, und wie überzeugen wir Kommune und Träger, "
            "sie fortzuführen? Vor Ort in Bonn oder online."
        ),
        "learning_goals": (
            "Die Ergebnisse des eigenen Monitorings für Entscheidungsträger aufbereiten\n"
            "Strukturen für die Zeit nach der Förderung planen\n"
            "Von den Erfahrungen der anderen Regionen lernen"
        ),
        "target_group": "Netzwerkkoordinationen und Steuerungsgruppen",
        "format": Format.HYBRID,
        "length_minutes": 240,
        "trainer": "weidner",
        "summary_easy": (
            "Ein Treffen in Bonn. Man kann auch im Internet dabei sein. Die Förderung hört bald "
            "auf. Wir besprechen: Was bleibt? Wer macht danach weiter?"
        ),
        "sessions": [
            {
                "day": "upcoming",
                "start": (10, 0),
                "end": (14, 0),
                **VENUE_BONN,
                "online_link": "https://konferenz.inklusiv.example/raum/auffrischung",
                "capacity": 20,
                "deadline_days": 2,
                "cancel_days": 1,
                "audience": PILOT_MEMBERS,
                "services": [DGS, STT, EASY, ASSIST],
                "people": [
                    p("Marco Schulz"),
                    p("Katrin Lehmann"),
                    p("Jana Pfeiffer"),
                    p(
                        "Claudia Richter",
                        DGS,
                        details="Ich nehme vor Ort teil.",
                        by="Jana Pfeiffer",
                    ),
                    p("Kristin Möller"),
                    p("Nils Hoffmeister"),
                    p("Ulrike Klein", STT, details="Ich nehme online teil; bitte Live-Untertitel."),
                    p("Simon Kaiser"),
                    p("Karsten Lorenz", STEP_FREE),
                    p("Lena Hartung"),
                    p(
                        "Petra Walter",
                        STEP_FREE,
                        ASSIST,
                        details="Assistenz beim Wechsel der Räume.",
                        by="Lena Hartung",
                    ),
                    p("Ilona Peters", EASY, by="Marco Schulz"),
                ],
                "no_show": [],
            }
        ],
    },
]

# Answers to the questionnaire's free-text questions; each answer draws one or none.
LIKED = [
    "Viel Zeit für den Austausch mit den anderen Regionen.",
    "Die Beispiele aus der Praxis waren sehr hilfreich.",
    "Gute Moderation, alle kamen zu Wort.",
    "Die Arbeitsblätter kann ich direkt in der Steuerungsgruppe nutzen.",
    "Dolmetschung und Schriftdolmetschung waren selbstverständlich dabei – so soll es sein.",
    "Klare Struktur und ein angenehmes Tempo.",
    "Endlich einmal Zeit, die eigene Planung in Ruhe durchzugehen.",
    "Die Referentin hat unsere Fragen ernst genommen.",
]
IMPROVE = [
    "Mehr Pausen, der Nachmittag war lang.",
    "Die Unterlagen hätte ich gern vorher gehabt.",
    "Mehr Zeit für die Übungen in Kleingruppen.",
    "Die Technik hat am Anfang gehakt.",
    "Ein Folgetermin in einem halben Jahr wäre gut.",
    "Weniger Folien, mehr Gespräch.",
]
