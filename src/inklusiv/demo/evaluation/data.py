"""The data of the evaluation chapter (its package's __init__): the impact models, the pool of
indicators the regions choose from, the attitude survey, the Level-1 questionnaires, the
network survey running today and the report texts.

Figures are invented but kept believable: indicators move from their 2017 baseline towards
targets set per half-year, the attitude survey's answers lean a little more towards inclusion
in 2019 than in 2017, and the regions differ. Every e-mail address is under .example.
"""

from datetime import date as d

from inklusiv.applications.models import FieldOfAction as L

PERIODS = ["2017-H2", "2018-H1", "2018-H2", "2019-H1"]
BASELINE_DATE = d(2017, 6, 30)

# --- impact models -------------------------------------------------------------------------

PROGRAMME_MODEL = {
    "title": "Wirkungsmodell Kommune Inklusiv",
    "vision": (
        "In den Modellregionen wird Inklusion im Sozialraum selbstverständlich: Menschen mit und "
        "ohne Behinderung leben, lernen, arbeiten und verbringen ihre Freizeit zusammen, und die "
        "Strukturen dafür bleiben über die Förderung hinaus."
    ),
    "vision_easy": (
        "Alle Menschen sollen gut zusammen leben. Mit Behinderung und ohne Behinderung. "
        "In der Schule. Bei der Arbeit. In der Freizeit. Das soll ganz normal sein."
    ),
    "elements": [
        (
            "input",
            None,
            "Förderung",
            "Förderung der Koordination und der Maßnahmen über fünf Jahre",
        ),
        ("input", None, "Prozessbegleitung", "Eine Prozessbegleitung für jede Modellregion"),
        (
            "input",
            None,
            "Fortbildungen",
            "Fortbildungen und Online-Seminare für Koordination, Steuerungsgruppen und Netzwerk",
        ),
        (
            "output",
            1,
            "Netzwerke und Gremien arbeiten",
            "Koordination, Steuerungsgruppe und Arbeitsgruppen arbeiten in allen sechs Regionen.",
        ),
        (
            "output",
            2,
            "Die Zielgruppen sind erreicht",
            "Menschen mit und ohne Behinderung, Verwaltung, Vereine und Betriebe machen mit.",
        ),
        (
            "output",
            3,
            "Die Angebote werden angenommen",
            "Die Teilnehmenden bewerten die Maßnahmen als nützlich und kommen wieder.",
        ),
        (
            "outcome",
            4,
            "Bewusstsein und Wissen wachsen",
            "Verantwortliche kennen die Barrieren vor Ort; Einstellungen zur Inklusion "
            "ändern sich.",
        ),
        (
            "outcome",
            5,
            "Angebote öffnen sich",
            "Vereine, Betriebe und Verwaltung öffnen ihre Angebote für alle.",
        ),
        (
            "outcome",
            6,
            "Teilhabe wird selbstverständlicher",
            "Menschen mit Behinderung nehmen öfter und selbstbestimmt am Leben im Ort teil.",
        ),
        (
            "impact",
            7,
            "Inklusion wird im Sozialraum selbstverständlich",
            "Die Gesellschaft vor Ort verändert sich: Inklusion ist der Normalfall.",
        ),
    ],
}

REGION_INPUTS = [
    ("Förderung", "Förderung durch die Aktion Mensch für Koordination und Maßnahmen"),
    ("Koordination", "Eine Stelle für die Netzwerkkoordination beim Träger"),
    ("Prozessbegleitung", "Begleitung durch die Prozessbegleitung des Programms"),
]
REGION_NETWORK = (
    "Netzwerk und Steuerungsgruppe arbeiten",
    "Die Steuerungsgruppe tagt regelmäßig; die Arbeitsgruppen setzen die Maßnahmen um.",
)
REGION_IMPACT = (
    "Inklusion wird in %(name)s selbstverständlich",
    "Menschen mit und ohne Behinderung leben in %(name)s selbstverständlich zusammen.",
)

# --- indicators --------------------------------------------------------------------------------

# Programme indicators: the regions' indicators with the same code roll up into them.
PROGRAMME_INDICATORS = [
    {
        "code": "P-BAU",
        "name": "Barrierefrei zugängliche öffentliche Gebäude in den Modellregionen",
        "definition": "Summe der barrierefrei zugänglichen öffentlichen Gebäude aller Regionen.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Indikatoren der Modellregionen",
        "step": 5,
        "aggregation": "sum",
        "rolls_up": "BAU",
    },
    {
        "code": "P-VER",
        "name": "Anteil der Vereine mit inklusiven Angeboten (%), Mittel der Regionen",
        "definition": "Mittel der Anteile der Vereine mit inklusiven Angeboten in den Regionen.",
        "unit": "percent",
        "decimals": 1,
        "direction": "higher",
        "data_source": "Indikatoren der Modellregionen",
        "step": 5,
        "aggregation": "mean",
        "rolls_up": "VER",
    },
    {
        "code": "P-FRZ",
        "name": "Teilnehmende mit Behinderung an Freizeitangeboten in den Modellregionen",
        "definition": "Summe der Teilnehmenden mit Behinderung an Freizeitangeboten je Halbjahr.",
        "unit": "people",
        "direction": "higher",
        "data_source": "Indikatoren der Modellregionen",
        "step": 6,
        "aggregation": "sum",
        "rolls_up": "FRZ",
    },
    {
        "code": "P-ZUF",
        "name": "Zufriedenheit mit der Teilhabe (Skala 1–5), Mittel der Regionen",
        "definition": "Mittelwert der Zufriedenheit mit der Teilhabe in den Regionen.",
        "unit": "scale",
        "decimals": 1,
        "minimum": "1",
        "maximum": "5",
        "direction": "higher",
        "data_source": "Indikatoren der Modellregionen",
        "step": 6,
        "aggregation": "mean",
        "rolls_up": "ZUF",
    },
    {
        "code": "P-NET",
        "name": "Partner in den inklusiven Netzwerken aller Modellregionen",
        "definition": "Summe der aktiven Partner der Netzwerke zum Ende des Halbjahres.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Indikatoren der Modellregionen",
        "step": 2,
        "aggregation": "sum",
        "rolls_up": "NET",
    },
]

# The pool of the regions' indicators. `area`: the field of life it belongs to (linked to the
# region's field of action and goals of that area, if the region has one); `always`: every
# region keeps it. Baseline: (low, high); `gain`: the planned change per half-year as a share
# of the baseline (negative: lower is better).
INDICATOR_POOL = [
    {
        "code": "BAU",
        "always": True,
        "area": L.ACCESSIBILITY,
        "name": "Anzahl barrierefrei zugänglicher öffentlicher Gebäude",
        "definition": (
            "Öffentliche Gebäude (Rathaus, Bürgerbüros, Schulen, Bibliothek, Sporthallen), die "
            "stufenlos erreichbar sind und ein barrierefreies WC haben, zum Ende des Halbjahres."
        ),
        "unit": "count",
        "direction": "higher",
        "data_source": "Begehung mit dem Behindertenbeirat",
        "verification": "Begehungsprotokolle mit Fotos",
        "step": 5,
        "baseline": (6, 18),
        "gain": 0.12,
    },
    {
        "code": "VER",
        "always": True,
        "area": L.LEISURE,
        "name": "Anteil der Vereine mit inklusiven Angeboten (%)",
        "definition": (
            "Vereine mit mindestens einem Angebot, das ausdrücklich Menschen mit und ohne "
            "Behinderung offensteht, geteilt durch alle eingetragenen Vereine des Ortes."
        ),
        "unit": "percent",
        "decimals": 1,
        "direction": "higher",
        "data_source": "Vereinsabfrage der Koordination",
        "verification": "Liste der Vereine mit Angeboten",
        "step": 5,
        "baseline": (7, 16),
        "gain": 0.15,
    },
    {
        "code": "FRZ",
        "always": True,
        "area": L.LEISURE,
        "name": "Teilnehmende mit Behinderung an Freizeitangeboten",
        "definition": (
            "Menschen mit Behinderung, die im Halbjahr an mindestens einem Freizeitangebot des "
            "Netzwerks teilgenommen haben (jede Person einmal gezählt)."
        ),
        "unit": "people",
        "direction": "higher",
        "data_source": "Teilnahmelisten der Angebote",
        "verification": "Teilnahmelisten (anonymisiert)",
        "disaggregations": ["age_group"],
        "step": 6,
        "baseline": (40, 140),
        "gain": 0.14,
    },
    {
        "code": "ZUF",
        "always": True,
        "area": None,
        "name": "Zufriedenheit mit der Teilhabe (Skala 1–5)",
        "definition": (
            "Mittelwert der Antworten auf „Ich kann am Leben in meinem Ort so teilnehmen, wie ich "
            "möchte“ (1 = gar nicht, 5 = voll und ganz) in der halbjährlichen Kurzbefragung."
        ),
        "unit": "scale",
        "decimals": 1,
        "minimum": "1",
        "maximum": "5",
        "direction": "higher",
        "data_source": "Kurzbefragung im Bürgerbüro und bei Veranstaltungen",
        "verification": "Auswertung der Fragebögen",
        "disaggregations": ["disability"],
        "step": 6,
        "baseline": (2.7, 3.3),
        "gain": 0.03,
    },
    {
        "code": "NET",
        "always": True,
        "area": None,
        "name": "Partner im inklusiven Netzwerk",
        "definition": "Organisationen und Personen, die zum Ende des Halbjahres aktiv mitarbeiten.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Netzwerkkarte der Plattform",
        "verification": "Netzwerkkarte zum Stichtag",
        "step": 2,
        "baseline": (7, 10),
        "gain": 0.3,
    },
    {
        "code": "TEIL",
        "always": True,
        "area": None,
        "name": "Teilnehmende an Veranstaltungen des Netzwerks",
        "definition": "Teilnehmende an Workshops, Foren und Festen des Netzwerks im Halbjahr.",
        "unit": "people",
        "direction": "higher",
        "data_source": "Teilnahmelisten",
        "verification": "Teilnahmelisten",
        "disaggregations": ["disability"],
        "step": 2,
        "baseline": (80, 220),
        "gain": 0.15,
    },
    {
        "code": "WART",
        "always": True,
        "area": None,
        "name": "Wartezeit auf einen Termin der Beratungsstelle (Tage)",
        "definition": "Mittlere Zahl der Tage von der Anfrage bis zum ersten Beratungstermin.",
        "unit": "count",
        "direction": "lower",
        "data_source": "Terminkalender der Beratungsstelle",
        "verification": "Auszug aus dem Terminkalender",
        "step": 3,
        "baseline": (18, 30),
        "gain": -0.08,
    },
    {
        "code": "DOL",
        "area": L.ACCESSIBILITY,
        "name": "Veranstaltungen der Kommune mit Gebärdensprach- oder Schriftdolmetschung",
        "definition": "Öffentliche Veranstaltungen der Kommune im Halbjahr mit Dolmetschung.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Veranstaltungskalender der Kommune",
        "verification": "Rechnungen der Dolmetschdienste",
        "step": 1,
        "baseline": (1, 4),
        "gain": 0.5,
    },
    {
        "code": "LS",
        "area": L.ACCESSIBILITY,
        "name": "Informationsangebote der Verwaltung in Leichter Sprache",
        "definition": "Faltblätter, Formulare und Internetseiten der Verwaltung in Leichter "
        "Sprache.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Übersicht der Pressestelle",
        "verification": "Belegexemplare",
        "step": 1,
        "baseline": (2, 6),
        "gain": 0.35,
    },
    {
        "code": "ARB",
        "area": L.WORK,
        "name": "Beschäftigte mit Behinderung in Betrieben des Netzwerks",
        "definition": (
            "Sozialversicherungspflichtig Beschäftigte mit Schwerbehinderung in den Betrieben "
            "des Netzwerks zum Ende des Halbjahres."
        ),
        "unit": "people",
        "direction": "higher",
        "data_source": "Abfrage bei den Betrieben",
        "verification": "Bestätigung der Betriebe",
        "step": 6,
        "baseline": (12, 40),
        "gain": 0.06,
    },
    {
        "code": "PRA",
        "area": L.WORK,
        "name": "Praktikumsplätze für Menschen mit Behinderung",
        "definition": "Im Halbjahr angebotene Praktikumsplätze in Betrieben und Verwaltung.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Praktikumsbörse",
        "verification": "Praktikumsvereinbarungen",
        "step": 2,
        "baseline": (3, 10),
        "gain": 0.25,
    },
    {
        "code": "WOH",
        "area": L.HOUSING,
        "name": "Barrierefreie Wohnungen im Bestand der Wohnungsgesellschaften",
        "definition": "Wohnungen nach DIN 18040-2 im Bestand der Wohnungsgesellschaften am Ort.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Meldung der Wohnungsgesellschaften",
        "verification": "Bestandslisten",
        "step": 6,
        "baseline": (20, 70),
        "gain": 0.05,
    },
    {
        "code": "HAL",
        "area": L.MOBILITY,
        "name": "Barrierefrei ausgebaute Haltestellen",
        "definition": "Haltestellen mit erhöhtem Bord, taktilem Leitsystem und Sitzgelegenheit.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Nahverkehrsplan und Bauamt",
        "verification": "Abnahmeprotokolle",
        "step": 5,
        "baseline": (4, 15),
        "gain": 0.1,
    },
    {
        "code": "SCH",
        "area": L.EDUCATION,
        "name": "Schulen und Kitas mit inklusivem Konzept",
        "definition": "Schulen und Kitas, deren Konzept gemeinsames Lernen ausdrücklich vorsieht.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Schulamt und Jugendamt",
        "verification": "Konzepte der Einrichtungen",
        "step": 5,
        "baseline": (2, 8),
        "gain": 0.15,
    },
    {
        "code": "ARZ",
        "area": L.HEALTH,
        "name": "Arztpraxen ohne Barrieren",
        "definition": "Arztpraxen, die den Praxis-Check bestanden haben.",
        "unit": "count",
        "direction": "higher",
        "data_source": "Praxis-Check",
        "verification": "Prüfbögen",
        "step": 5,
        "baseline": (3, 10),
        "gain": 0.2,
    },
]

# How fast each region moved towards its targets (1.0: as planned). Schneverdingen lags: the
# coordination post stood empty for months in 2018 (see the pilot phase), so the deviation shows.
PACE = {
    "Erlangen": 1.05,
    "Rostock": 0.95,
    "Schneverdingen": 0.35,
    "Schwäbisch Gmünd": 1.1,
    "Verbandsgemeinde Nieder-Olm": 1.0,
    "Neuruppin": 0.9,
}
# One value was entered wrongly and corrected by the evaluator (the history keeps both).
CORRECTION = {
    "region": "Neuruppin",
    "code": "BAU",
    "period": "2018-H1",
    "off_by": 2,
    "comment": (
        "Zählfehler: Das Jugendzentrum „Alte Brauerei“ und seine Turnhalle waren doppelt gezählt. "
        "Korrigiert nach Abgleich mit dem Begehungsprotokoll."
    ),
    "source": "Begehungsprotokoll vom 14. Juni 2018",
}

# --- the attitude survey -----------------------------------------------------------------------

LIKERT = None  # the builder's five standard points

ATTITUDE = {
    "title": "Einstellungen zur Inklusion 2017",
    "title_easy": "Was denken Sie über Inklusion? (2017)",
    "series": "Einstellungen zur Inklusion",
    "wave": 2017,
    "intro": (
        "Die wissenschaftliche Begleitung von Kommune Inklusiv möchte wissen, wie Sie über das "
        "Zusammenleben von Menschen mit und ohne Behinderung in Ihrem Ort denken. Die Befragung "
        "dauert etwa zehn Minuten und ist anonym: Niemand kann Ihre Antworten Ihnen zuordnen."
    ),
    "intro_easy": (
        "Wir möchten wissen: Was denken Sie über Inklusion in Ihrem Ort? "
        "Das dauert ungefähr 10 Minuten. Niemand erfährt, was Sie geantwortet haben."
    ),
    "opens_on": d(2017, 9, 4),
    "closes_on": d(2017, 11, 30),
    "sections": [
        {
            "title": "Über Sie",
            "title_easy": "Über Sie",
            "questions": [
                {
                    "code": "behinderung",
                    "kind": "single",
                    "text": "Leben Sie mit einer Behinderung?",
                    "text_easy": "Haben Sie eine Behinderung?",
                    "help_text": "Auch eine chronische Erkrankung, die Sie im Alltag einschränkt.",
                    "help_text_easy": "Auch wenn Sie lange krank sind.",
                    "required": True,
                    "is_breakdown": True,
                    "choices": [(1, "ja", "Ja"), (2, "nein", "Nein")],
                },
                {
                    "code": "altersgruppe",
                    "kind": "single",
                    "text": "Wie alt sind Sie?",
                    "text_easy": "Wie alt sind Sie?",
                    "is_breakdown": True,
                    "choices": [
                        (1, "unter 18 Jahre", "jünger als 18 Jahre"),
                        (2, "18 bis 39 Jahre", "18 bis 39 Jahre"),
                        (3, "40 bis 64 Jahre", "40 bis 64 Jahre"),
                        (4, "65 Jahre und älter", "65 Jahre oder älter"),
                    ],
                },
            ],
        },
        {
            "title": "Schule und Bildung",
            "title_easy": "Schule",
            "questions": [
                {
                    "code": "schule1",
                    "kind": "likert",
                    "text": "Kinder mit und ohne Behinderung sollten gemeinsam lernen.",
                    "text_easy": "Kinder mit Behinderung und ohne Behinderung lernen zusammen. "
                    "Das finde ich gut.",
                },
                {
                    "code": "schule2",
                    "kind": "likert",
                    "text": "Die Schulen in meinem Ort sind für alle Kinder gut erreichbar.",
                    "text_easy": "Alle Kinder kommen gut in die Schulen in meinem Ort.",
                },
            ],
        },
        {
            "title": "Freizeit",
            "title_easy": "Freizeit",
            "questions": [
                {
                    "code": "freizeit1",
                    "kind": "likert",
                    "text": "In den Vereinen meines Ortes sind Menschen mit Behinderung "
                    "willkommen.",
                    "text_easy": "Menschen mit Behinderung sind in den Vereinen willkommen.",
                },
                {
                    "code": "freizeit2",
                    "kind": "likert",
                    "text": "Ich habe in meiner Freizeit Kontakt zu Menschen mit Behinderung.",
                    "text_easy": "In meiner Freizeit treffe ich Menschen mit Behinderung.",
                },
                {
                    "code": "orte",
                    "kind": "multiple",
                    "text": "Wo begegnen Sie Menschen mit Behinderung? (mehrere Antworten möglich)",
                    "text_easy": "Wo treffen Sie Menschen mit Behinderung? "
                    "Sie können mehr als eine Antwort wählen.",
                    "choices": [
                        (1, "in der Nachbarschaft", "In der Nachbarschaft"),
                        (2, "im Verein", "Im Verein"),
                        (3, "bei der Arbeit", "Bei der Arbeit"),
                        (4, "in Schule oder Kita", "In der Schule oder in der Kita"),
                        (5, "beim Einkaufen oder auf Ämtern", "Beim Einkaufen oder im Amt"),
                    ],
                },
            ],
        },
        {
            "title": "Arbeit",
            "title_easy": "Arbeit",
            "questions": [
                {
                    "code": "arbeit1",
                    "kind": "likert",
                    "text": "Menschen mit Behinderung sollten auf dem allgemeinen Arbeitsmarkt "
                    "arbeiten können.",
                    "text_easy": "Menschen mit Behinderung sollen in normalen Firmen arbeiten "
                    "können.",
                },
                {
                    "code": "arbeit2",
                    "kind": "likert",
                    "text": "Ich würde gern mit Kolleginnen und Kollegen mit Behinderung "
                    "zusammenarbeiten.",
                    "text_easy": "Ich arbeite gern mit Menschen mit Behinderung zusammen.",
                },
            ],
        },
        {
            "title": "Wohnen",
            "title_easy": "Wohnen",
            "questions": [
                {
                    "code": "wohnen1",
                    "kind": "likert",
                    "text": "In meinem Ort gibt es genug barrierefreie Wohnungen.",
                    "text_easy": "In meinem Ort gibt es genug Wohnungen ohne Hindernisse.",
                },
                {
                    "code": "wohnen2",
                    "kind": "likert",
                    "text": "Ich fände es gut, wenn Menschen mit Behinderung in meiner "
                    "Nachbarschaft wohnen.",
                    "text_easy": "Menschen mit Behinderung wohnen in meiner Nachbarschaft. "
                    "Das finde ich gut.",
                },
            ],
        },
        {
            "title": "Ihre Erfahrungen",
            "title_easy": "Was Sie erleben",
            "questions": [
                {
                    "code": "barriere",
                    "kind": "single",
                    "text": "Wo erleben Sie im Alltag die meisten Barrieren?",
                    "text_easy": "Wo gibt es für Sie die meisten Hindernisse?",
                    "show_if": ("behinderung", [1]),
                    "choices": [
                        (1, "Gebäude und Wege", "Bei Häusern und Wegen"),
                        (2, "Bus und Bahn", "Bei Bus und Bahn"),
                        (3, "Informationen und Sprache", "Bei Informationen und schwerer Sprache"),
                        (4, "Einstellungen anderer Menschen", "Wie andere Menschen denken"),
                    ],
                },
                {
                    "code": "teilhabe",
                    "kind": "likert",
                    "text": "Ich kann am Leben in meinem Ort so teilnehmen, wie ich möchte.",
                    "text_easy": "Ich kann in meinem Ort überall mitmachen.",
                    "required": True,
                },
                {
                    "code": "ideen",
                    "kind": "text",
                    "text": "Was sollte sich in Ihrem Ort ändern, damit alle dazugehören?",
                    "text_easy": "Was soll in Ihrem Ort anders werden?",
                },
            ],
        },
    ],
}
WAVE_2019 = {
    "title": "Einstellungen zur Inklusion 2019",
    "title_easy": "Was denken Sie über Inklusion? (2019)",
    "wave": 2019,
    "opens_on": d(2019, 3, 4),
    "closes_on": d(2019, 5, 31),
}
# How each region's answers lean (added to every Likert answer's mean) and what share of the
# people answering live with a disability; the improvement of 2019 over 2017.
REGION_MOOD = {
    "Erlangen": (0.25, 0.16),
    "Rostock": (0.0, 0.14),
    "Schneverdingen": (-0.2, 0.12),
    "Schwäbisch Gmünd": (0.15, 0.15),
    "Verbandsgemeinde Nieder-Olm": (0.05, 0.1),
    "Neuruppin": (-0.1, 0.13),
}
IMPROVEMENT_2019 = 0.22
# The small cell that shows the minimum group size at work: in 2017 only four people of
# Nieder-Olm's answers said they live with a disability.
SMALL_CELL = {"wave": 2017, "region": "Verbandsgemeinde Nieder-Olm", "with_disability": 4}
# The mean of each Likert item before the region's lean (1–5).
ITEM_MEANS = {
    "schule1": 3.7,
    "schule2": 3.1,
    "freizeit1": 3.4,
    "freizeit2": 2.7,
    "arbeit1": 3.9,
    "arbeit2": 3.6,
    "wohnen1": 2.3,
    "wohnen2": 3.8,
    "teilhabe": 3.3,
}
IDEAS = [
    "Mehr Bänke und abgesenkte Bordsteine auf dem Weg zum Markt.",
    "Informationen der Stadt auch in Leichter Sprache.",
    "Ein Fest, bei dem wirklich alle mitmachen können.",
    "Der Bahnhof braucht endlich einen Aufzug.",
    "Vereine sollten offener auf Menschen mit Behinderung zugehen.",
    "Mehr bezahlbare barrierefreie Wohnungen.",
    "Gebärdensprachdolmetscher bei Bürgerversammlungen.",
    "Praktikumsplätze in normalen Betrieben statt nur in der Werkstatt.",
    "Die Busse am Abend fahren zu selten.",
    "Mehr gemeinsame Angebote für Kinder mit und ohne Behinderung.",
]

# --- Level-1 questionnaires of three measures --------------------------------------------------

LEVEL1_QUESTIONS = [
    {
        "title": "Ihre Rückmeldung",
        "title_easy": "Wie war es?",
        "questions": [
            {
                "code": "gefallen",
                "kind": "likert",
                "text": "Das Angebot hat mir insgesamt gefallen.",
                "text_easy": "Das Angebot war gut.",
                "required": True,
            },
            {
                "code": "mitmachen",
                "kind": "likert",
                "text": "Ich konnte gut mitmachen (Wege, Räume, Sprache, Begleitung).",
                "text_easy": "Ich konnte gut mitmachen.",
            },
            {
                "code": "kontakte",
                "kind": "likert",
                "text": "Ich habe neue Menschen kennengelernt.",
                "text_easy": "Ich habe neue Menschen kennengelernt.",
            },
            {
                "code": "wieder",
                "kind": "single",
                "text": "Würden Sie wieder teilnehmen?",
                "text_easy": "Machen Sie wieder mit?",
                "choices": [(1, "ja", "Ja"), (2, "vielleicht", "Vielleicht"), (3, "nein", "Nein")],
            },
            {
                "code": "besser",
                "kind": "text",
                "text": "Was sollten wir beim nächsten Mal besser machen?",
                "text_easy": "Was sollen wir besser machen?",
            },
        ],
    },
    {
        "title": "Über Sie",
        "title_easy": "Über Sie",
        "questions": [
            {
                "code": "behinderung",
                "kind": "single",
                "text": "Leben Sie mit einer Behinderung?",
                "text_easy": "Haben Sie eine Behinderung?",
                "is_breakdown": True,
                "choices": [(1, "ja", "Ja"), (2, "nein", "Nein")],
            },
        ],
    },
]
LEVEL1 = [
    {
        "region": "Neuruppin",
        "measure": "Inklusives Sommercamp am Ruppiner See",
        "title": "Rückmeldung: Inklusives Sommercamp am Ruppiner See 2018",
        "title_easy": "Wie war das Sommercamp?",
        "opens_on": d(2018, 7, 27),
        "closes_on": d(2018, 8, 31),
        "answers": 34,
        "mood": 4.3,
    },
    {
        "region": "Verbandsgemeinde Nieder-Olm",
        "measure": "Aktion „30 Tage – 30 Barrieren“",
        "title": "Rückmeldung: Aktion „30 Tage – 30 Barrieren“",
        "title_easy": "Wie war die Aktion 30 Tage – 30 Barrieren?",
        "opens_on": d(2018, 5, 9),
        "closes_on": d(2018, 6, 15),
        "answers": 23,
        "mood": 3.9,
    },
    {
        # Only four questionnaires came back: fewer than the minimum group size, so the whole
        # result stays hidden.
        "region": "Schneverdingen",
        "measure": "Inklusive Sportgruppe „Bewegung für alle“ im TSV",
        "title": "Rückmeldung: Sportgruppe „Bewegung für alle“",
        "title_easy": "Wie war die Sportgruppe?",
        "opens_on": d(2018, 6, 1),
        "closes_on": d(2018, 7, 15),
        "answers": 4,
        "mood": 4.0,
    },
]
LEVEL1_IDEAS = [
    "Mehr Zeit für gemeinsame Spiele.",
    "Die Anmeldung in Leichter Sprache anbieten.",
    "Einen zweiten Termin am Wochenende.",
    "Bessere Busverbindung zum Treffpunkt.",
    "Alles super, gerne wieder!",
]

# --- the survey running today --------------------------------------------------------------

NETWORK_SURVEY = {
    "title": "Zusammenarbeit im Netzwerk %(year)s",
    "title_easy": "Wie arbeiten wir im Netzwerk zusammen? (%(year)s)",
    "series": "Netzwerkbefragung",
    "intro": (
        "Die wissenschaftliche Begleitung fragt die Partner der Netzwerke, wie die Zusammenarbeit "
        "gelingt und was sie nach dem Ende der Förderung tragen soll. Die Antworten sind anonym."
    ),
    "intro_easy": "Wir fragen die Partner im Netzwerk: Wie klappt die Zusammenarbeit?",
    "opened_days_ago": 12,
    "closes_in_days": 9,
    "sections": [
        {
            "title": "Ihre Organisation",
            "title_easy": "Über Sie",
            "questions": [
                {
                    "code": "sektor",
                    "kind": "single",
                    "text": "Für welchen Bereich arbeiten Sie im Netzwerk?",
                    "text_easy": "Woher kommen Sie?",
                    "is_breakdown": True,
                    "required": True,
                    "choices": [
                        (1, "Verwaltung", "Von der Stadt oder Gemeinde"),
                        (2, "Verein oder Verband", "Von einem Verein"),
                        (3, "Unternehmen", "Von einer Firma"),
                        (4, "Selbstvertretung", "Ich spreche für Menschen mit Behinderung"),
                    ],
                },
            ],
        },
        {
            "title": "Zusammenarbeit",
            "title_easy": "Zusammenarbeit",
            "questions": [
                {
                    "code": "nutzen",
                    "kind": "likert",
                    "text": "Die Arbeit im Netzwerk lohnt sich für meine Organisation.",
                    "text_easy": "Das Netzwerk hilft uns.",
                    "required": True,
                },
                {
                    "code": "weiter",
                    "kind": "likert",
                    "text": "Wir arbeiten auch nach dem Ende der Förderung im Netzwerk mit.",
                    "text_easy": "Wir machen auch später im Netzwerk mit.",
                },
                {
                    "code": "wunsch",
                    "kind": "text",
                    "text": "Was braucht das Netzwerk, um dauerhaft zu bestehen?",
                    "text_easy": "Was braucht das Netzwerk für später?",
                },
            ],
        },
    ],
    # Responses so far (Rostock below the minimum group size) and the invitations sent.
    "responses": {"Neuruppin": 7, "Erlangen": 9, "Rostock": 3},
    "invitations": {
        "Neuruppin": [
            "info@tischlerei-krueger.example",
            "vorstand@sv-ruppin.example",
            "kontakt@stadtbibliothek-neuruppin.example",
            "buero@seniorenbeirat-neuruppin.example",
        ],
        "Schneverdingen": [
            "info@tsv-schneverdingen.example",
            "kontakt@gewerbeverein-schneverdingen.example",
            "festausschuss@heideblueten.example",
        ],
        "Schwäbisch Gmünd": [
            "info@vhs-schwaebisch-gmuend.example",
            "praxis@dr-wagner-gmuend.example",
        ],
    },
    "invited_days_ago": 10,
    # One partner has begun on the public link and paused after the first page.
    "draft_region": "Erlangen",
}

# --- reports -------------------------------------------------------------------------------

REPORTS = [
    {
        "region": None,
        "title": "Zwischenbericht der wissenschaftlichen Begleitung 2017–2019",
        "first_period": "2017-H2",
        "last_period": "2019-H1",
        "released": d(2019, 9, 16),
        "summary": (
            "In allen sechs Modellregionen arbeiten Netzwerke, Steuerungsgruppen und "
            "Arbeitsgruppen; die Netzwerke sind von durchschnittlich acht auf über zwanzig Partner "
            "gewachsen. Fünf Regionen haben ihre Ziele für 2019 weitgehend erreicht, "
            "Schneverdingen liegt nach der langen Vakanz der Koordination deutlich zurück. Die "
            "Einstellungsbefragung zeigt 2019 in allen Regionen etwas mehr Zustimmung zu "
            "gemeinsamem Lernen, Arbeiten und Wohnen als 2017; am wenigsten verändert hat sich die "
            "Einschätzung, es gebe genug barrierefreie Wohnungen."
        ),
        "summary_easy": (
            "Wir haben geschaut: Was hat Kommune Inklusiv bis 2019 geschafft? "
            "In allen 6 Orten arbeiten viele Menschen zusammen. Es sind mehr geworden. "
            "Viele Menschen finden Inklusion jetzt besser als 2017. "
            "Aber es gibt noch zu wenige Wohnungen ohne Hindernisse."
        ),
        "surveys": ["Einstellungen zur Inklusion 2017", "Einstellungen zur Inklusion 2019"],
    },
    {
        "region": "Neuruppin",
        "title": "Zwischenbericht Neuruppin 2017–2019",
        "first_period": "2017-H2",
        "last_period": "2019-H1",
        "released": d(2019, 9, 23),
        "summary": (
            "Neuruppin hat seine Jugendclubs barrierefreier gemacht und mit dem Sommercamp am "
            "Ruppiner See ein Angebot geschaffen, das die Jugendlichen sehr gut bewerten. Die "
            "Zahl barrierefrei zugänglicher öffentlicher Gebäude stieg langsamer als geplant. "
            "In der Einstellungsbefragung ist die Zustimmung zu gemeinsamer Freizeit gewachsen."
        ),
        "summary_easy": (
            "In Neuruppin gibt es jetzt ein Sommercamp für alle Jugendlichen. "
            "Es hat den Jugendlichen sehr gut gefallen. "
            "Einige Häuser haben noch Hindernisse. Daran arbeitet Neuruppin weiter."
        ),
        "surveys": [
            "Einstellungen zur Inklusion 2017",
            "Einstellungen zur Inklusion 2019",
            "Rückmeldung: Inklusives Sommercamp am Ruppiner See 2018",
        ],
    },
    {
        "region": "Erlangen",
        "title": "Zwischenbericht Erlangen 2017–2019",
        "first_period": "2017-H2",
        "last_period": "2019-H1",
        "released": None,
        "summary": (
            "Entwurf: Erlangen hat mehr barrierefreie Wohnungen und Arbeitsplätze geschaffen als "
            "geplant. Die Abschnitte zu Kommunikation und Gebärdensprache fehlen noch."
        ),
        "summary_easy": "",
        "surveys": ["Einstellungen zur Inklusion 2019"],
    },
]
