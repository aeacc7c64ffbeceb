"""The data of the pilot-phase chapter (its package's __init__): per pilot region its people,
network, groups, inclusion concept, profiles and report texts, and the shared pools the
chapter draws from with its seeded random generator.

Dates are `datetime.date` for the history (2017 onwards) and whole numbers for days relative
to the day the demo is loaded (negative: in the past), so that today's work stays today's.
Names of people, businesses and associations are invented; public bodies are named by their
kind and town. Every e-mail address is under .example.
"""

from datetime import date as d

from inklusiv.applications.models import FieldOfAction as L
from inklusiv.pilots.models import Sector

ADM, CIV, BUS, SCI, SELF, OTH = (
    Sector.ADMINISTRATION,
    Sector.CIVIL_SOCIETY,
    Sector.BUSINESS,
    Sector.SCIENCE,
    Sector.SELF_ADVOCACY,
    Sector.OTHER,
)
ORG, PERSON = "organisation", "person"

FUNDING_START = d(2017, 3, 1)
FUNDING_END = d(2019, 2, 28)
FIRST_EXTENSION = d(2023, 6, 30)
SECOND_EXTENSION = d(2027, 6, 30)

SECOND_COACH = {"email": "h.voss@teilhabe-beratung.example", "name": "Henrike Voss"}

# Measure fates: how a measure's status moves over the years (see pilot_phase._progress).
DONE, PAUSED, DROPPED, RUNNING, OVERDUE, PLANNED = (
    "done",
    "paused",
    "dropped",
    "running",
    "overdue",
    "planned",
)


def M(goal, title, start, end, fate, responsible, target, cost, milestones, why=""):
    """One measure: its goal's key, dates, fate, who is responsible ("g:<group key>" or
    "a:<actor name>", "a:" alone for the provider), target group, cost in euros and
    milestones [(title, due)]; `why` is the reason of a pause or a drop with its date."""
    return {
        "goal": goal,
        "title": title,
        "start": start,
        "end": end,
        "fate": fate,
        "responsible": responsible,
        "target": target,
        "cost": cost,
        "milestones": milestones,
        "why": why,
    }


REGIONS = {
    "Erlangen": {
        "expert": "hahn",
        "coach": "voss",
        "amount": "585000.00",
        "town": "Erlangen",
        "provider_sector": ADM,
        "coordinator": ("Jana Pfeiffer", "jana.pfeiffer@stadt-erlangen.example"),
        "members": [
            ("steering", "Ayşe Koch", "ayse.koch@stadt-erlangen.example"),
            ("steering", "Claudia Richter", "claudia.richter@behindertenbeirat-erlangen.example"),
            ("editor", "Florian Seitz", "florian.seitz@stadt-erlangen.example"),
            ("reader", "Jürgen Hofmann", "j.hofmann@wbg-erlangen.example"),
        ],
        "summary": (
            "Erlangen macht Arbeit, Wohnen und Kommunikation inklusiv: Unternehmen, "
            "Wohnungsbaugenossenschaft, Behindertenbeirat und Stadtverwaltung arbeiten im "
            "Netzwerk zusammen, mit einem Schwerpunkt im Stadtteil Büchenbach und einer eigenen "
            "Arbeitsgruppe für gehörlose und schwerhörige Menschen."
        ),
        "summary_easy": (
            "In Erlangen arbeiten viele zusammen. Die Stadt. Firmen. Vereine. Menschen mit "
            "Behinderung. Sie wollen: Alle finden Arbeit. Alle finden eine Wohnung. Alle können "
            "bei Treffen der Stadt mitreden. Auch gehörlose Menschen."
        ),
        "start_actors": [
            (
                "Gehörlosenverband Mittelfranken – Ortsgruppe Erlangen",
                ORG,
                SELF,
                "Vertritt gehörlose Menschen; bringt Gebärdensprache in das Netzwerk.",
            ),
            ("Jobcenter Erlangen", ORG, ADM, "Vermittelt Praktika und Arbeitsplätze."),
            (
                "Offene Behindertenarbeit Erlangen e.V.",
                ORG,
                CIV,
                "Freizeit- und Wohnangebote; berät Familien.",
            ),
            ("Stadtteilhaus Büchenbach", ORG, CIV, "Treffpunkt im Schwerpunkt-Stadtteil."),
        ],
        "actors": [
            (
                "Medizintechnik Regnitz GmbH",
                ORG,
                BUS,
                d(2017, 7, 10),
                "Mittelständisches Unternehmen; bietet Tandem-Praktika an.",
                True,
            ),
            (
                "Gebärdensprachdolmetschdienst Franken",
                ORG,
                BUS,
                d(2017, 7, 17),
                "Dolmetscht Bürgerversammlungen und Sitzungen.",
                True,
            ),
            (
                "Integrationsfachdienst Mittelfranken – Büro Erlangen",
                ORG,
                CIV,
                d(2017, 11, 6),
                "Berät Betriebe zur Arbeitsplatzanpassung.",
                True,
            ),
            (
                "Lehrstuhl für Sozialpädagogik der Universität",
                ORG,
                SCI,
                d(2017, 7, 3),
                "Wertet die Wohnschule und die Tandem-Praktika aus.",
                True,
            ),
            (
                "Industrie- und Handelskammer – Geschäftsstelle Erlangen",
                ORG,
                BUS,
                d(2019, 2, 18),
                "Richtet die Inklusionsmesse seit 2019 mit aus.",
                True,
            ),
            (
                "Theatergruppe „Rampenlicht“",
                ORG,
                SELF,
                d(2018, 4, 16),
                "Inklusive Theatergruppe; spielt bei der Inklusionsmesse.",
                True,
            ),
            (
                "Mieterbeirat Büchenbach",
                ORG,
                CIV,
                d(2018, 1, 22),
                "Spricht für die Mieterinnen und Mieter der Genossenschaft.",
                True,
            ),
        ],
        "steering": ("Steuerungsgruppe Inklusives Erlangen", "Ayşe Koch", d(2017, 3, 21)),
        "groups": [
            (
                "arbeit",
                "AG Arbeit",
                "Arbeit in Erlanger Unternehmen",
                "arbeit",
                "Birgit Winkler",
                d(2017, 5, 9),
            ),
            (
                "wohnen",
                "AG Wohnen",
                "Barrierefreie, bezahlbare Wohnungen in Büchenbach",
                "wohnen",
                "Jürgen Hofmann",
                d(2017, 5, 16),
            ),
            (
                "barriere",
                "AG Barrierefreiheit",
                "Internetseiten, Formulare und Gebäude der Stadt",
                "barriere",
                "Florian Seitz",
                d(2017, 6, 6),
            ),
            (
                "hoer",
                "AG Hörbehinderung",
                "Teilhabe gehörloser und schwerhöriger Menschen",
                "barriere",
                "Claudia Richter",
                d(2017, 6, 27),
            ),
        ],
        "fields": [
            ("arbeit", L.WORK, "Arbeit", 2),
            ("wohnen", L.HOUSING, "Wohnen", 2),
            ("barriere", L.ACCESSIBILITY, "Barrierefreiheit und Kommunikation", 2),
        ],
        "goals": [
            (
                "g1",
                "arbeit",
                "Menschen mit Behinderung finden Arbeit in Erlanger Unternehmen",
                6,
                2,
            ),
            ("g2", "arbeit", "Unternehmen stellen Arbeitsplätze barrierefrei um", 5, 1),
            (
                "g3",
                "wohnen",
                "Es gibt mehr barrierefreie und bezahlbare Wohnungen in Büchenbach",
                6,
                2,
            ),
            (
                "g4",
                "wohnen",
                "Menschen mit Behinderung wohnen selbstbestimmt mit ambulanter Unterstützung",
                6,
                1,
            ),
            (
                "g5",
                "barriere",
                "Gehörlose und schwerhörige Menschen nehmen an Veranstaltungen der Stadt teil",
                3,
                2,
            ),
            ("g6", "barriere", "Internetseiten und Formulare der Stadt sind barrierefrei", 2, 1),
        ],
        "measures": [
            M(
                "g1",
                "Inklusionsmesse „Arbeit für alle“ im Rathaus",
                d(2017, 10, 1),
                d(2018, 3, 31),
                DONE,
                "g:arbeit",
                "Arbeitsuchende mit Behinderung",
                11000,
                [
                    ("40 Ausstellende gewonnen", d(2018, 2, 16)),
                    ("Messe am 17. März", d(2018, 3, 17)),
                ],
            ),
            M(
                "g1",
                "Tandem-Praktika mit Unternehmen der Medizintechnik",
                d(2018, 1, 15),
                d(2018, 12, 31),
                DONE,
                "a:Medizintechnik Regnitz GmbH",
                "Junge Erwachsene mit Behinderung",
                7200,
                [("Sechs Tandems gebildet", d(2018, 5, 31)), ("Auswertung", d(2018, 12, 12))],
            ),
            M(
                "g2",
                "Beratungstag Arbeitsplatzanpassung mit dem Integrationsfachdienst",
                d(2018, 3, 1),
                d(2018, 6, 30),
                DONE,
                "g:arbeit",
                "Personalverantwortliche",
                1500,
                [("Beratungstag im Rathaus", d(2018, 6, 6))],
            ),
            M(
                "g3",
                "Bestandsaufnahme barrierefreier Wohnungen in Büchenbach",
                d(2017, 7, 1),
                d(2017, 12, 31),
                DONE,
                "a:Wohnungsbaugenossenschaft Erlangen eG",
                "Wohnungssuchende mit Behinderung",
                4500,
                [("Fragebogen an Vermieter", d(2017, 9, 15)), ("Bestandsbericht", d(2017, 12, 19))],
            ),
            M(
                "g3",
                "Barrierefreier Umbau von zwölf Genossenschaftswohnungen",
                d(2018, 1, 1),
                d(2019, 2, 28),
                DONE,
                "a:Wohnungsbaugenossenschaft Erlangen eG",
                "Mieterinnen und Mieter mit Gehbehinderung",
                96000,
                [
                    ("Erste vier Wohnungen", d(2018, 7, 31)),
                    ("Alle zwölf Wohnungen", d(2019, 2, 15)),
                ],
            ),
            M(
                "g4",
                "Wohnschule: selbstständig wohnen lernen",
                d(2017, 11, 1),
                d(2018, 10, 31),
                DONE,
                "a:Offene Behindertenarbeit Erlangen e.V.",
                "Junge Erwachsene mit Lernschwierigkeiten",
                13500,
                [("Erster Kurs", d(2018, 1, 10)), ("Zweiter Kurs", d(2018, 6, 6))],
            ),
            M(
                "g4",
                "Inklusive Wohngemeinschaft Büchenbach",
                d(2018, 4, 1),
                d(2019, 2, 28),
                DROPPED,
                "g:wohnen",
                "Junge Erwachsene mit und ohne Behinderung",
                60000,
                [("Objekt gefunden", d(2018, 6, 30)), ("Einzug", d(2019, 2, 1))],
                why=(
                    d(2018, 10, 9),
                    "Das vorgesehene Haus wurde verkauft; kein anderes Objekt in Sicht.",
                ),
            ),
            M(
                "g5",
                "Induktionsschleifen im Ratssaal und in drei Bürgerbüros",
                d(2017, 9, 1),
                d(2018, 2, 28),
                DONE,
                "g:hoer",
                "Schwerhörige Menschen",
                21500,
                [("Ratssaal", d(2017, 12, 8)), ("Bürgerbüros", d(2018, 4, 27))],
            ),
            M(
                "g5",
                "Gebärdensprachdolmetschung bei Bürgerversammlungen",
                d(2017, 10, 1),
                d(2019, 2, 28),
                DONE,
                "a:Gebärdensprachdolmetschdienst Franken",
                "Gehörlose Bürgerinnen und Bürger",
                18000,
                [
                    ("Rahmenvertrag", d(2017, 11, 30)),
                    ("Zehn Versammlungen gedolmetscht", d(2019, 1, 31)),
                ],
            ),
            M(
                "g5",
                "DGS-Grundkurs für Beschäftigte der Bürgerbüros",
                d(2018, 2, 1),
                d(2018, 7, 31),
                PAUSED,
                "g:hoer",
                "Beschäftigte der Stadtverwaltung",
                3400,
                [("Kursbeginn", d(2018, 3, 6)), ("Abschlussprüfung", d(2018, 7, 17))],
                why=(
                    d(2018, 5, 22),
                    "Zu wenige Anmeldungen wegen der Umstellung auf das neue "
                    "Meldeverfahren; der Kurs ruht.",
                ),
            ),
            M(
                "g6",
                "Barrierefreiheits-Check der städtischen Internetseiten",
                d(2017, 10, 15),
                d(2018, 6, 30),
                DONE,
                "g:barriere",
                "Menschen mit Seh- und Lernbehinderung",
                8900,
                [("Prüfbericht", d(2018, 2, 28)), ("Mängel behoben", d(2018, 6, 29))],
            ),
            M(
                "g6",
                "Formulare in Leichter Sprache",
                d(2018, 3, 1),
                d(2019, 1, 31),
                DONE,
                "g:barriere",
                "Menschen mit Lernschwierigkeiten",
                7600,
                [("Zehn Formulare", d(2018, 9, 30)), ("Zwanzig Formulare", d(2019, 1, 25))],
            ),
        ],
        "postpone": (
            "Induktionsschleifen im Ratssaal und in drei Bürgerbüros",
            d(2018, 4, 30),
            d(2018, 1, 16),
            "Elektroarbeiten in den Bürgerbüros sind erst nach dem "
            "Umzug des Standesamts möglich; die Steuerungsgruppe stimmt zu.",
        ),
        "changes": [
            (
                d(2019, 3, 7),
                "Verlängerung der Förderung bis Juni 2023: Die Inklusionsmesse "
                "wird jährlich; die Steuerungsgruppe nimmt sie mit der Industrie- und "
                "Handelskammer in das Konzept auf (Beschluss vom 5. März 2019).",
                [
                    M(
                        "g1",
                        "Inklusionsmesse jährlich mit der Industrie- und Handelskammer",
                        d(2019, 4, 1),
                        d(2022, 12, 31),
                        DONE,
                        "a:Industrie- und Handelskammer – Geschäftsstelle Erlangen",
                        "Arbeitsuchende und Unternehmen",
                        24000,
                        [("Vereinbarung mit der Kammer", d(2019, 7, 31))],
                    ),
                ],
            ),
            (
                d(2023, 6, 7),
                "Anschlussförderung bis Juni 2027: Die AG Wohnen und die AG "
                "Hörbehinderung bringen zwei neue Maßnahmen ein.",
                [
                    M(
                        "g3",
                        "Neubau mit 30 barrierefreien Wohnungen",
                        d(2023, 8, 1),
                        -50,
                        OVERDUE,
                        "a:Wohnungsbaugenossenschaft Erlangen eG",
                        "Wohnungssuchende mit Behinderung",
                        None,
                        [("Richtfest", d(2025, 5, 16)), ("Bezug der ersten Wohnungen", -80)],
                    ),
                    M(
                        "g5",
                        "Dolmetschpool für Vereine und Kultur",
                        d(2023, 10, 1),
                        d(2027, 4, 30),
                        RUNNING,
                        "a:Gebärdensprachdolmetschdienst Franken",
                        "Gehörlose Menschen",
                        36000,
                        [
                            ("Pool mit fünf Dolmetscherinnen und Dolmetschern", d(2024, 3, 31)),
                            ("Auswertung mit dem Gehörlosenverband", 45),
                        ],
                    ),
                ],
            ),
            (
                -38,
                "Beschluss der Steuerungsgruppe vom {meeting}: Beratung zum Budget für "
                "Arbeit wird Teil der Inklusionsmesse 2027.",
                [
                    M(
                        "g2",
                        "Beratung zum Budget für Arbeit auf der Inklusionsmesse",
                        35,
                        d(2027, 6, 30),
                        PLANNED,
                        "g:arbeit",
                        "Beschäftigte der Werkstätten",
                        2500,
                        [("Beratungsstand geplant", 100)],
                    ),
                ],
            ),
        ],
        "approval": (d(2017, 9, 26), d(2017, 10, 12)),
        "kickoff": (
            d(2017, 4, 29),
            "Redoutensaal, Theaterplatz 1",
            85,
            "Gebärdensprachdolmetschung und Schriftdolmetschung waren gebucht.",
        ),
        "profiles": [
            (
                d(2017, 4, 3),
                "Stärken-Schwächen-Profil zum Start",
                "Starke Stadtverwaltung mit Sozialplanung; aktiver Behindertenbeirat; viele "
                "Arbeitgeber in Medizintechnik und Forschung; Wohnungsbaugenossenschaft zieht mit.",
                "Angespannter Wohnungsmarkt; Unternehmen kennen das Netzwerk noch nicht; "
                "gehörlose Menschen sind bei städtischen Veranstaltungen kaum vertreten.",
                "Die Inklusionsmesse als Türöffner zu den Unternehmen.",
                "Hohe Mieten machen barrierefreies Wohnen teuer.",
            ),
            (
                d(2019, 1, 22),
                "Profil nach zwei Jahren",
                "Ein Netzwerk mit 25 Partnern; gedolmetschte Bürgerversammlungen sind "
                "selbstverständlich; zwölf barrierefreie Wohnungen umgebaut.",
                "Die inklusive Wohngemeinschaft ist gescheitert; der DGS-Kurs für die "
                "Bürgerbüros ruht.",
                "Die Industrie- und Handelskammer will die Messe jährlich ausrichten.",
                "Die Koordinationsstelle ist nur bis 2019 finanziert.",
            ),
        ],
        "report_intro": "Im Mittelpunkt standen die Inklusionsmesse und der Umbau von "
        "Genossenschaftswohnungen in Büchenbach.",
        "change_request": (
            "Bitte ergänzen Sie, warum die inklusive Wohngemeinschaft aufgegeben wurde und "
            "welche Mittel dadurch frei wurden, und belegen Sie die Zahl der gedolmetschten "
            "Bürgerversammlungen."
        ),
        "stale": False,
        "overdue_task": True,
    },
    "Rostock": {
        "expert": "brandt",
        "coach": "wegner",
        "amount": "540000.00",
        "town": "Rostock",
        "provider_sector": ADM,
        "coordinator": ("Kristin Möller", "kristin.moeller@hansestadt-rostock.example"),
        "members": [
            ("steering", "Lars Franke", "lars.franke@hansestadt-rostock.example"),
            ("steering", "Nadine Werner", "nadine.werner@behindertenbeirat-rostock.example"),
            ("editor", "Ole Petersen", "ole.petersen@hansestadt-rostock.example"),
            ("reader", "Prof. Wolfgang Ludwig", "w.ludwig@uni-rostock.example"),
        ],
        "summary": (
            "In Rostock erprobt das Netzwerk den Aktionsplan der Stadt im Stadtteil Lütten "
            "Klein: barrierefreie Wege zu S-Bahn und Straßenbahn, inklusive Kitas und Schulen "
            "und ein Begegnungszentrum für alle. Die Universität begleitet es mit Befragungen."
        ),
        "summary_easy": (
            "In Rostock gibt es den Stadtteil Lütten Klein. Dort arbeiten viele zusammen. Sie "
            "wollen: Alle kommen gut zur Bahn. Kinder mit und ohne Behinderung lernen zusammen. "
            "Es gibt einen Treffpunkt für alle."
        ),
        "start_actors": [
            ("Ortsbeirat Lütten Klein", ORG, ADM, "Bringt die Anliegen in die Bürgerschaft."),
            (
                "Stadtteil- und Begegnungszentrum Lütten Klein",
                ORG,
                CIV,
                "Ort der Treffen und des Inklusionscafés.",
            ),
            (
                "Wohnungsgenossenschaft Lütten Klein eG",
                ORG,
                BUS,
                "Größte Vermieterin im Stadtteil.",
            ),
            (
                "Volkssolidarität – Begegnungsstätte Lütten Klein",
                ORG,
                CIV,
                "Seniorenarbeit im Stadtteil.",
            ),
        ],
        "actors": [
            (
                "Rostocker Nahverkehr – Mobilitätsberatung",
                ORG,
                BUS,
                d(2017, 7, 3),
                "Schult das Fahrpersonal und betreibt die Aufzüge an den Haltestellen.",
                True,
            ),
            (
                "Stadtteilbibliothek Lütten Klein",
                ORG,
                ADM,
                d(2017, 8, 14),
                "Bietet Lesungen in Leichter Sprache an.",
                True,
            ),
            (
                "Werkstattrat der Warnow-Werkstätten",
                ORG,
                SELF,
                d(2017, 11, 20),
                "Vertritt die Beschäftigten der Werkstatt.",
                True,
            ),
            (
                "Kita „Seepferdchen“",
                ORG,
                OTH,
                d(2017, 9, 4),
                "Inklusive Kita; Gastgeberin des Kita-Netzwerks.",
                True,
            ),
            (
                "Grundschule am Taklerring",
                ORG,
                OTH,
                d(2017, 9, 4),
                "Schwerpunktschule für inklusiven Unterricht.",
                True,
            ),
            (
                "Renate Schwarz",
                PERSON,
                CIV,
                d(2017, 6, 1),
                "Ehrenamtliche, Sprecherin der AG Freizeit und Begegnung.",
                False,
            ),
            (
                "Dr. Anke Voigt",
                PERSON,
                SCI,
                d(2017, 5, 11),
                "Erziehungswissenschaftlerin, Sprecherin der AG Bildung.",
                True,
            ),
        ],
        "steering": ("Steuerungsgruppe Inklusives Lütten Klein", "Nadine Werner", d(2017, 3, 28)),
        "groups": [
            (
                "mobil",
                "AG Mobilität im Stadtteil",
                "Barrierefreie Wege, Haltestellen und Aufzüge",
                "mobil",
                "Ole Petersen",
                d(2017, 5, 4),
            ),
            (
                "bildung",
                "AG Bildung",
                "Inklusive Kitas und Schulen im Stadtteil",
                "bildung",
                "Dr. Anke Voigt",
                d(2017, 5, 11),
            ),
            (
                "freizeit",
                "AG Freizeit und Begegnung",
                "Treffpunkte und Feste für alle",
                "freizeit",
                "Renate Schwarz",
                d(2017, 6, 1),
            ),
            (
                "barriere",
                "AG Barrierefreiheit",
                "Gebäude und Informationen ohne Barrieren",
                "barriere",
                "Nadine Werner",
                d(2017, 6, 8),
            ),
        ],
        "fields": [
            ("mobil", L.MOBILITY, "Mobilität", 3),
            ("barriere", L.ACCESSIBILITY, "Barrierefreiheit", 2),
            ("bildung", L.EDUCATION, "Bildung und Persönlichkeitsentwicklung", 2),
            ("freizeit", L.LEISURE, "Freizeit und Begegnung", 1),
        ],
        "goals": [
            (
                "g1",
                "mobil",
                "Menschen mit Gehbehinderung erreichen S-Bahn und Straßenbahn im "
                "Stadtteil ohne fremde Hilfe",
                6,
                2,
            ),
            (
                "g2",
                "mobil",
                "Fahrpersonal und Servicekräfte wissen, wie sie unterstützen können",
                4,
                1,
            ),
            (
                "g3",
                "barriere",
                "Öffentliche Gebäude im Stadtteil sind geprüft, Mängel sind bekannt",
                1,
                1,
            ),
            ("g4", "barriere", "Informationen der Verwaltung gibt es in Leichter Sprache", 3, 1),
            (
                "g5",
                "bildung",
                "Kitas und Grundschulen im Stadtteil arbeiten inklusiv zusammen",
                5,
                2,
            ),
            (
                "g6",
                "freizeit",
                "Das Begegnungszentrum ist Treffpunkt für Menschen mit und ohne Behinderung",
                3,
                1,
            ),
        ],
        "measures": [
            M(
                "g3",
                "Begehung aller öffentlichen Gebäude mit dem Behindertenbeirat",
                d(2017, 6, 1),
                d(2017, 10, 31),
                DONE,
                "g:barriere",
                "Menschen mit Behinderung im Stadtteil",
                1800,
                [
                    ("Prüfbogen abgestimmt", d(2017, 6, 30)),
                    ("Mängelliste an das Bauamt", d(2017, 10, 27)),
                ],
            ),
            M(
                "g3",
                "Befragung der Bewohnerinnen und Bewohner (erste Welle)",
                d(2017, 9, 1),
                d(2017, 12, 31),
                DONE,
                "a:Universität Rostock",
                "Alle Bewohnerinnen und Bewohner",
                6500,
                [
                    ("Fragebogen auch in Leichter Sprache", d(2017, 9, 29)),
                    ("Ergebnisbericht", d(2017, 12, 20)),
                ],
            ),
            M(
                "g1",
                "Aufzug am S-Bahnhof: Störungsmeldung per SMS",
                d(2017, 11, 1),
                d(2018, 6, 30),
                DONE,
                "a:Rostocker Nahverkehr – Mobilitätsberatung",
                "Fahrgäste im Rollstuhl und mit Rollator",
                3900,
                [
                    ("Vereinbarung mit der Bahn", d(2018, 2, 28)),
                    ("SMS-Dienst startet", d(2018, 5, 2)),
                ],
            ),
            M(
                "g1",
                "Absenkung von zwölf Bordsteinen an Wegen zur Straßenbahn",
                d(2018, 3, 1),
                d(2018, 10, 31),
                DONE,
                "g:mobil",
                "Menschen mit Gehbehinderung",
                42000,
                [("Prioritätenliste", d(2018, 3, 31)), ("Bau abgeschlossen", d(2018, 11, 16))],
            ),
            M(
                "g2",
                "Schulung des Fahrpersonals: Menschen mit Behinderung unterstützen",
                d(2018, 1, 15),
                d(2018, 9, 30),
                DONE,
                "a:Rostocker Nahverkehr – Mobilitätsberatung",
                "Fahrerinnen und Fahrer",
                4200,
                [
                    ("Schulungskonzept mit dem Behindertenbeirat", d(2018, 2, 28)),
                    ("Vier Schulungstermine", d(2018, 9, 28)),
                ],
            ),
            M(
                "g4",
                "Wegweiser „Ämter im Stadtteil“ in Leichter Sprache",
                d(2017, 10, 1),
                d(2018, 4, 30),
                DONE,
                "g:barriere",
                "Menschen mit Lernschwierigkeiten",
                5600,
                [
                    ("Prüfgruppe liest Korrektur", d(2018, 2, 15)),
                    ("Druck und Verteilung", d(2018, 4, 20)),
                ],
            ),
            M(
                "g5",
                "Netzwerk der Kitas und Grundschulen Lütten Klein",
                d(2017, 9, 1),
                d(2019, 2, 28),
                DONE,
                "g:bildung",
                "Kinder mit und ohne Behinderung",
                3000,
                [
                    ("Erstes Netzwerktreffen", d(2017, 9, 27)),
                    ("Gemeinsamer Fachtag", d(2018, 11, 7)),
                ],
            ),
            M(
                "g5",
                "Fortbildungsreihe „Inklusive Pädagogik“ für Erzieherinnen und Erzieher",
                d(2018, 2, 1),
                d(2018, 12, 31),
                PAUSED,
                "a:Universität Rostock",
                "Pädagogische Fachkräfte",
                9800,
                [
                    ("Modul 1", d(2018, 3, 14)),
                    ("Modul 2", d(2018, 6, 13)),
                    ("Modul 3", d(2018, 10, 10)),
                ],
                why=(
                    d(2018, 9, 15),
                    "Fachkräftemangel in den Kitas: Freistellungen sind zurzeit nicht möglich.",
                ),
            ),
            M(
                "g6",
                "Inklusionscafé im Begegnungszentrum, jeden ersten Donnerstag",
                d(2017, 10, 5),
                d(2019, 2, 28),
                DONE,
                "a:Stadtteil- und Begegnungszentrum Lütten Klein",
                "Nachbarinnen und Nachbarn",
                7200,
                [
                    ("Erstes Café", d(2017, 10, 5)),
                    ("Einjähriges mit Stadtteilfest", d(2018, 10, 4)),
                ],
            ),
            M(
                "g6",
                "Inklusives Stadtteilfest „Lütten Klein für alle“",
                d(2018, 4, 1),
                d(2018, 8, 31),
                DONE,
                "g:freizeit",
                "Alle im Stadtteil",
                12500,
                [("Programm steht", d(2018, 7, 15)), ("Fest am 25. August", d(2018, 8, 25))],
            ),
            M(
                "g1",
                "Digitaler Barriere-Stadtplan als App",
                d(2017, 11, 1),
                d(2018, 12, 31),
                DROPPED,
                "a:Universität Rostock",
                "Menschen mit Mobilitätseinschränkung",
                28000,
                [("Pflichtenheft", d(2018, 3, 31)), ("Testversion", d(2018, 9, 30))],
                why=(
                    d(2018, 5, 16),
                    "Stadt und Land planen bereits eine solche Karte; das "
                    "Netzwerk vermeidet eine Doppelstruktur und liefert stattdessen Daten zu.",
                ),
            ),
        ],
        "postpone": (
            "Absenkung von zwölf Bordsteinen an Wegen zur Straßenbahn",
            d(2018, 11, 30),
            d(2018, 8, 22),
            "Das Tiefbauamt hat die Bauarbeiten wegen Leitungsarbeiten der Stadtwerke verschoben.",
        ),
        "changes": [
            (
                d(2019, 3, 12),
                "Verlängerung der Förderung bis Juni 2023: Die zweite Welle der "
                "Befragung kommt in das Konzept, um die Wirkung zu messen.",
                [
                    M(
                        "g3",
                        "Befragung der Bewohnerinnen und Bewohner (zweite Welle)",
                        d(2019, 4, 1),
                        d(2019, 10, 31),
                        DONE,
                        "a:Universität Rostock",
                        "Alle Bewohnerinnen und Bewohner",
                        7000,
                        [
                            ("Feldphase abgeschlossen", d(2019, 7, 15)),
                            ("Vergleich mit 2017 vorgestellt", d(2019, 10, 23)),
                        ],
                    ),
                ],
            ),
            (
                d(2023, 6, 28),
                "Anschlussförderung bis Juni 2027: Aufzug und Quartierstreff "
                "werden Schwerpunkte der Verstetigung.",
                [
                    M(
                        "g1",
                        "Zweiter Aufzug an der Haltestelle Lütten Klein Zentrum",
                        d(2023, 9, 1),
                        -14,
                        OVERDUE,
                        "g:mobil",
                        "Fahrgäste im Rollstuhl und mit Kinderwagen",
                        15000,
                        [("Planfeststellung", d(2024, 6, 30)), ("Inbetriebnahme", -20)],
                    ),
                    M(
                        "g6",
                        "Begegnungszentrum als inklusiven Quartierstreff verstetigen",
                        d(2023, 7, 1),
                        d(2027, 6, 30),
                        RUNNING,
                        "a:Stadtteil- und Begegnungszentrum Lütten Klein",
                        "Alle im Stadtteil",
                        48000,
                        [
                            ("Trägervertrag mit der Stadt", d(2024, 12, 31)),
                            ("Finanzierung ab 2027 gesichert", 60),
                        ],
                    ),
                ],
            ),
            (
                -44,
                "Beschluss der Steuerungsgruppe vom {meeting}: Sprechstunde mit "
                "Gebärdensprachdolmetschung im Ortsamt.",
                [
                    M(
                        "g4",
                        "Ortsamt: Sprechstunde mit Gebärdensprachdolmetschung",
                        30,
                        d(2027, 6, 30),
                        PLANNED,
                        "g:barriere",
                        "Gehörlose Bürgerinnen und Bürger",
                        4800,
                        [("Vereinbarung mit dem Dolmetschdienst", 75)],
                    ),
                ],
            ),
        ],
        "approval": (d(2017, 10, 4), d(2017, 10, 19)),
        "kickoff": (
            d(2017, 5, 20),
            "Stadtteil- und Begegnungszentrum Lütten Klein",
            45,
            "Mit Stadtteilrundgang im Rollstuhl und mit Langstock.",
        ),
        "profiles": [
            (
                d(2017, 3, 30),
                "Stärken-Schwächen-Profil zum Start",
                "Aktionsplan der Stadt zur UN-Behindertenrechtskonvention; Behindertenbeirat auf "
                "Augenhöhe; Universität vor Ort; dichtes Netz an Straßenbahn und S-Bahn.",
                "Plattenbausiedlung mit vielen Stufen und defekten Aufzügen; wenige Angebote für "
                "Begegnung; Kitas sind kaum vernetzt.",
                "Sanierung des S-Bahnhofs steht an.",
                "Die Verwaltung könnte als Trägerin das Netzwerk dominieren.",
            ),
            (
                d(2019, 1, 29),
                "Profil nach zwei Jahren",
                "Inklusionscafé jeden Monat voll; zwölf Bordsteine abgesenkt; das Fahrpersonal "
                "ist geschult; die Kitas treffen sich regelmäßig.",
                "Die Fortbildung der Kitas ruht wegen Personalmangels; der zweite Aufzug fehlt.",
                "Zweite Befragung 2019 kann Wirkung zeigen.",
                "Personalwechsel im Amt gefährdet die Kontinuität.",
            ),
        ],
        "report_intro": "Das Jahr stand im Zeichen der Mobilität: Bordsteine, Aufzug und "
        "Schulungen des Fahrpersonals.",
        "change_request": (
            "Bitte stellen Sie die Ergebnisse der Befragung knapp dar und erläutern Sie, wie die "
            "ruhende Fortbildungsreihe weitergeführt werden soll."
        ),
        "stale": False,
        "overdue_task": False,
    },
    "Schneverdingen": {
        "expert": "brandt",
        "coach": "wegner",
        "amount": "420000.00",
        "town": "Schneverdingen",
        "provider_sector": ADM,
        "coordinator": ("Nils Hoffmeister", "nils.hoffmeister@stadt-schneverdingen.example"),
        "members": [
            ("steering", "Sandra Wagner", "sandra.wagner@stadt-schneverdingen.example"),
            ("steering", "Ulrike Klein", "u.klein@behindertenbeirat-schneverdingen.example"),
            ("steering", "Volker Nowak", "volker.nowak@tsv-schneverdingen.example"),
            ("editor", "Anja Meyer", "anja.meyer@stadt-schneverdingen.example"),
            ("reader", "Hauke Bruns", "h.bruns@gewerbeverein-schneverdingen.example"),
        ],
        "summary": (
            "Schneverdingen in der Lüneburger Heide zeigt, wie Inklusion auf dem Land gelingt: "
            "Außenarbeitsplätze in örtlichen Betrieben, inklusiver Sport im TSV, ein "
            "barrierefreies Heideblütenfest und ein Bürgerbus mit Rampe. Seit 2019 hat die "
            "Stadt eine Vollzeitstelle für Inklusion und Teilhabe."
        ),
        "summary_easy": (
            "Schneverdingen ist eine kleine Stadt in der Heide. Dort gibt es jetzt: Arbeit in "
            "Betrieben für Menschen mit Behinderung. Sport für alle. Ein Fest ohne Barrieren. "
            "Einen Bus mit Rampe. Im Rathaus arbeitet eine Frau nur für Inklusion."
        ),
        "start_actors": [
            ("Heidekreis – Fachbereich Soziales", ORG, ADM, "Eingliederungshilfe des Landkreises."),
            (
                "Heide-Werkstätten Schneverdingen gGmbH",
                ORG,
                CIV,
                "Werkstatt für Menschen mit Behinderung; vermittelt Außenarbeitsplätze.",
            ),
            ("Diakoniestation Schneverdingen", ORG, CIV, "Pflege und Nachbarschaftshilfe."),
            (
                "Gewerbeverein Schneverdingen e.V.",
                ORG,
                BUS,
                "Zusammenschluss der örtlichen Betriebe.",
            ),
            ("Oberschule Schneverdingen", ORG, OTH, "Berufsorientierung ab Klasse 7."),
            ("Bürgerbus Schneverdingen e.V.", ORG, CIV, "Ehrenamtliche fahren die Ortsteile an."),
        ],
        "actors": [
            (
                "Tourismusbüro Schneverdingen",
                ORG,
                ADM,
                d(2017, 11, 13),
                "Organisiert das Heideblütenfest.",
                True,
            ),
            (
                "Hofladen Heidjer",
                ORG,
                BUS,
                d(2018, 2, 5),
                "Bietet einen Außenarbeitsplatz an.",
                True,
            ),
            (
                "Autohaus Behrens GmbH",
                ORG,
                BUS,
                d(2018, 4, 9),
                "Bietet zwei Außenarbeitsplätze in der Werkstatt an.",
                True,
            ),
            (
                "Leuphana Universität Lüneburg – Lehrprojekt Inklusion im ländlichen Raum",
                ORG,
                SCI,
                d(2018, 3, 12),
                "Studierende befragen Fahrgäste des Bürgerbusses.",
                True,
            ),
            (
                "Anja Meyer (Beauftragte für Inklusion und Teilhabe)",
                PERSON,
                ADM,
                d(2019, 11, 1),
                "Vollzeitstelle im Rathaus seit November 2019.",
                True,
            ),
            (
                "Rollstuhlsportverein Soltau e.V.",
                ORG,
                SELF,
                d(2018, 4, 23),
                "Kooperationspartner für Rollstuhlbasketball.",
                True,
            ),
        ],
        "steering": ("Steuerungsgruppe Schneverdingen inklusiv", "Sandra Wagner", d(2017, 4, 4)),
        "groups": [
            (
                "arbeit",
                "AG Arbeit",
                "Arbeitsplätze in Betrieben statt in der Werkstatt",
                "arbeit",
                "Hauke Bruns",
                d(2017, 5, 23),
            ),
            (
                "sport",
                "AG Sport und Freizeit",
                "Inklusiver Sport im TSV und Feste in der Heide",
                "freizeit",
                "Volker Nowak",
                d(2017, 5, 30),
            ),
            (
                "mobil",
                "AG Mobilität",
                "Bürgerbus und Fahrdienste im ländlichen Raum",
                "mobil",
                "Ulrike Klein",
                d(2017, 6, 20),
            ),
        ],
        "fields": [
            ("arbeit", L.WORK, "Arbeit", 2),
            ("freizeit", L.LEISURE, "Freizeit und Sport", 2),
            ("mobil", L.MOBILITY, "Mobilität auf dem Land", 2),
        ],
        "goals": [
            (
                "g1",
                "arbeit",
                "Beschäftigte der Werkstatt wechseln auf Außenarbeitsplätze in örtlichen Betrieben",
                6,
                2,
            ),
            ("g2", "arbeit", "Die Stadt verankert Inklusion dauerhaft in der Verwaltung", 7, 2),
            ("g3", "freizeit", "Menschen mit Behinderung treiben Sport im Verein", 5, 2),
            ("g4", "freizeit", "Das Heideblütenfest ist für alle zugänglich", 3, 1),
            ("g5", "mobil", "Menschen ohne Auto kommen in die Ortsteile und zurück", 6, 2),
        ],
        "measures": [
            M(
                "g1",
                "Außenarbeitsplätze: Betriebe im Gewerbeverein gewinnen",
                d(2017, 9, 1),
                d(2018, 12, 31),
                DONE,
                "g:arbeit",
                "Beschäftigte der Heide-Werkstätten",
                4800,
                [
                    ("Fünf Betriebe zugesagt", d(2018, 3, 31)),
                    ("Acht Außenarbeitsplätze besetzt", d(2018, 12, 14)),
                ],
            ),
            M(
                "g1",
                "Jobcoaching für Beschäftigte auf Außenarbeitsplätzen",
                d(2018, 2, 1),
                d(2019, 2, 28),
                DONE,
                "a:Heide-Werkstätten Schneverdingen gGmbH",
                "Beschäftigte auf Außenarbeitsplätzen",
                22000,
                [("Jobcoach eingestellt", d(2018, 3, 1))],
            ),
            M(
                "g1",
                "Aktionstag „Schneverdinger Betriebe öffnen ihre Türen“",
                d(2018, 9, 1),
                d(2018, 11, 30),
                DONE,
                "g:arbeit",
                "Schülerinnen und Schüler mit Förderbedarf",
                2400,
                [("Aktionstag am 7. November", d(2018, 11, 7))],
            ),
            M(
                "g3",
                "Inklusive Sportgruppe „Bewegung für alle“ im TSV",
                d(2017, 9, 4),
                d(2018, 8, 31),
                DONE,
                "a:TSV Schneverdingen e.V.",
                "Erwachsene mit und ohne Behinderung",
                6400,
                [
                    ("Erste Übungsstunde", d(2017, 9, 4)),
                    ("Zweite Gruppe am Samstag", d(2018, 4, 7)),
                ],
            ),
            M(
                "g3",
                "Übungsleiterschulung Inklusion für alle Sparten",
                d(2018, 1, 20),
                d(2018, 5, 31),
                DONE,
                "a:TSV Schneverdingen e.V.",
                "Übungsleiterinnen und Übungsleiter",
                2100,
                [
                    ("Schulung am 20. Januar", d(2018, 1, 20)),
                    ("Schulung am 14. April", d(2018, 4, 14)),
                ],
            ),
            M(
                "g3",
                "Rollstuhlbasketball-Abteilung gründen",
                d(2018, 1, 1),
                d(2018, 12, 31),
                DROPPED,
                "a:TSV Schneverdingen e.V.",
                "Rollstuhlnutzerinnen und -nutzer",
                12000,
                [("Sportrollstühle beschafft", d(2018, 6, 30))],
                why=(
                    d(2018, 4, 17),
                    "Keine Halle mit ausreichender Fläche verfügbar; stattdessen "
                    "Kooperation mit dem Rollstuhlsportverein in Soltau.",
                ),
            ),
            M(
                "g4",
                "Heideblütenfest barrierefrei: Leitsystem, Toiletten, Ruhezone",
                d(2018, 3, 1),
                d(2018, 8, 31),
                DONE,
                "g:sport",
                "Besucherinnen und Besucher mit Behinderung",
                15800,
                [
                    ("Begehung des Festgeländes", d(2018, 5, 8)),
                    ("Heideblütenfest 2018", d(2018, 8, 26)),
                ],
            ),
            M(
                "g4",
                "Festführer in Leichter Sprache",
                d(2018, 5, 1),
                d(2018, 8, 15),
                DONE,
                "g:sport",
                "Menschen mit Lernschwierigkeiten",
                1900,
                [("Text von der Prüfgruppe freigegeben", d(2018, 7, 20))],
            ),
            M(
                "g5",
                "Bürgerbus: Niederflurfahrzeug mit Rampe",
                d(2017, 10, 1),
                d(2018, 3, 31),
                DONE,
                "a:Bürgerbus Schneverdingen e.V.",
                "Fahrgäste im Rollstuhl",
                46000,
                [
                    ("Förderzusage des Landkreises", d(2018, 1, 31)),
                    ("Fahrzeug im Einsatz", d(2018, 6, 18)),
                ],
            ),
            M(
                "g5",
                "Fahrdienst-Börse: Ehrenamtliche fahren Nachbarinnen und Nachbarn",
                d(2018, 4, 1),
                d(2018, 12, 31),
                PAUSED,
                "g:mobil",
                "Ältere Menschen ohne Auto",
                3500,
                [
                    ("Zehn Fahrerinnen und Fahrer", d(2018, 6, 30)),
                    ("Start der Börse", d(2018, 10, 1)),
                ],
                why=(
                    d(2018, 10, 15),
                    "Der Versicherungsschutz der Ehrenamtlichen ist ungeklärt; "
                    "die Börse ruht bis zur Klärung durch den Landkreis.",
                ),
            ),
        ],
        "postpone": (
            "Bürgerbus: Niederflurfahrzeug mit Rampe",
            d(2018, 6, 30),
            d(2018, 2, 20),
            "Lieferzeit des Fahrzeugs: neun statt drei Monate.",
        ),
        "changes": [
            (
                d(2019, 3, 26),
                "Verlängerung der Förderung bis Juni 2023: Der Rat hat am 21. März "
                "2019 eine Vollzeitstelle für Inklusion und Teilhabe im Rathaus beschlossen; die "
                "Steuerungsgruppe nimmt ihre Einrichtung in das Konzept auf.",
                [
                    M(
                        "g2",
                        "Vollzeitstelle „Inklusion und Teilhabe“ im Rathaus einrichten",
                        d(2019, 4, 1),
                        d(2019, 12, 31),
                        DONE,
                        "a:",
                        "Verwaltung und Bürgerschaft",
                        None,
                        [
                            ("Stellenausschreibung", d(2019, 6, 30)),
                            ("Stelle besetzt", d(2019, 11, 1)),
                        ],
                    ),
                ],
            ),
            (
                d(2023, 6, 20),
                "Anschlussförderung bis Juni 2027: Fahrdienst-Börse mit "
                "Versicherungsschutz des Landkreises und ein Inklusionsplan der Stadt.",
                [
                    M(
                        "g5",
                        "Fahrdienst-Börse neu starten mit Versicherungsschutz des Landkreises",
                        d(2023, 8, 1),
                        -35,
                        OVERDUE,
                        "g:mobil",
                        "Ältere Menschen ohne Auto",
                        6000,
                        [("Rahmenvertrag mit dem Landkreis", d(2024, 3, 31)), ("Wiederstart", -60)],
                    ),
                    M(
                        "g2",
                        "Inklusionsplan der Stadt Schneverdingen",
                        d(2023, 9, 1),
                        d(2027, 3, 31),
                        RUNNING,
                        "a:Anja Meyer (Beauftragte für Inklusion und Teilhabe)",
                        "Bürgerinnen und Bürger",
                        12000,
                        [
                            ("Bürgerbeteiligung abgeschlossen", d(2025, 6, 30)),
                            ("Beschluss im Rat", d(2027, 3, 31)),
                        ],
                    ),
                ],
            ),
            (
                -52,
                "Beschluss der Steuerungsgruppe vom {meeting}: inklusive Ausbildung in der "
                "Stadtverwaltung ab 2027.",
                [
                    M(
                        "g1",
                        "Inklusive Ausbildung in der Stadtverwaltung",
                        60,
                        d(2027, 6, 30),
                        PLANNED,
                        "a:",
                        "Schulabgängerinnen und -abgänger mit Behinderung",
                        None,
                        [("Erste Ausbildungsstelle ausgeschrieben", 120)],
                    ),
                ],
            ),
        ],
        "approval": (d(2017, 9, 19), d(2017, 10, 5)),
        "kickoff": (d(2017, 5, 13), "Theeshof, Heidesaal", 40, "Mit Vorführung der Sportgruppe."),
        "profiles": [
            (
                d(2017, 4, 11),
                "Stärken-Schwächen-Profil zum Start",
                "Kurze Wege zwischen Rathaus, Vereinen und Betrieben; starker Sportverein; "
                "engagierter Behindertenbeirat.",
                "Kaum öffentlicher Nahverkehr in die Ortsteile; Werkstatt als einziger Arbeitsort "
                "für viele Menschen mit Behinderung; wenig Erfahrung mit Leichter Sprache.",
                "Das Heideblütenfest als Schaufenster für Inklusion.",
                "Das Netzwerk hängt an wenigen Ehrenamtlichen.",
            ),
            (
                d(2019, 2, 12),
                "Profil nach zwei Jahren",
                "Acht Außenarbeitsplätze besetzt; Bürgerbus mit Rampe; inklusive Sportgruppen im "
                "TSV; barrierefreies Heideblütenfest.",
                "Fahrdienst-Börse ruht; Rollstuhlbasketball nur in Soltau möglich.",
                "Der Rat berät über eine feste Stelle für Inklusion.",
                "Ehrenamtliche Fahrerinnen und Fahrer werden älter.",
            ),
        ],
        "report_intro": "Schwerpunkte waren die Außenarbeitsplätze und das barrierefreie "
        "Heideblütenfest.",
        "change_request": (
            "Bitte beschreiben Sie genauer, wie die Außenarbeitsplätze nach dem Ende des "
            "Jobcoachings gesichert sind, und fügen Sie die Beschlussvorlage zur Vollzeitstelle "
            "bei."
        ),
        "stale": True,
        "overdue_task": False,
    },
    "Schwäbisch Gmünd": {
        "expert": "hahn",
        "coach": "voss",
        "amount": "498500.00",
        "town": "Schwäbisch Gmünd",
        "provider_sector": ADM,
        "coordinator": ("Simon Kaiser", "simon.kaiser@stadt-schwaebisch-gmuend.example"),
        "members": [
            ("steering", "Tanja Engel", "tanja.engel@stadt-schwaebisch-gmuend.example"),
            ("steering", "Karsten Lorenz", "k.lorenz@behindertenbeirat-gmuend.example"),
            ("editor", "Melanie Roth", "melanie.roth@stadt-schwaebisch-gmuend.example"),
            ("reader", "Yvonne König", "y.koenig@vhs-gmuend.example"),
        ],
        "summary": (
            "Schwäbisch Gmünd verbindet Bildung, Arbeit, Wohnen, Gesundheit und Kultur: Die "
            "Volkshochschule öffnet ihre Kurse, Arztpraxen tragen das Siegel „Praxis ohne "
            "Barrieren“, und rund 60 Menschen haben das Netzwerk 2017 bei der Auftaktveranstaltung "
            "gegründet."
        ),
        "summary_easy": (
            "In Schwäbisch Gmünd arbeiten viele zusammen. Die Volkshochschule macht Kurse für "
            "alle. Ärztinnen und Ärzte machen ihre Praxen ohne Barrieren. Im Museum gibt es "
            "Führungen in Gebärdensprache."
        ),
        "start_actors": [
            (
                "Agentur für Arbeit – Geschäftsstelle Schwäbisch Gmünd",
                ORG,
                ADM,
                "Berät Betriebe und Arbeitsuchende.",
            ),
            ("Gmünder Werkstätten gGmbH", ORG, CIV, "Werkstatt und Wohnangebote."),
            (
                "Integrationsbeirat Schwäbisch Gmünd",
                ORG,
                CIV,
                "Bringt die Sicht von Menschen mit Einwanderungsgeschichte ein.",
            ),
            ("Sozialstation Gmünder Land", ORG, CIV, "Ambulante Pflege und Beratung."),
        ],
        "actors": [
            (
                "Pädagogische Hochschule – Institut für Sonderpädagogik",
                ORG,
                SCI,
                d(2017, 6, 7),
                "Begleitet die Bildungsmesse und die VHS-Kurse.",
                True,
            ),
            (
                "Hausärzteverbund Gmünd",
                ORG,
                OTH,
                d(2017, 9, 19),
                "Gewinnt Praxen für den Praxis-Check.",
                True,
            ),
            (
                "Kliniken Ostalb – Sozialdienst Schwäbisch Gmünd",
                ORG,
                OTH,
                d(2018, 3, 5),
                "Berät bei der Entlassung aus dem Krankenhaus.",
                True,
            ),
            (
                "Handelsverband Gmünd City e.V.",
                ORG,
                BUS,
                d(2017, 11, 27),
                "Einzelhandel der Innenstadt.",
                True,
            ),
            (
                "Selbsthilfegruppe Epilepsie Ostalb",
                ORG,
                SELF,
                d(2018, 1, 29),
                "Berät die AG Gesundheit.",
                True,
            ),
            (
                "Museum im Prediger – Vermittlung",
                ORG,
                ADM,
                d(2017, 7, 24),
                "Führungen mit Audiodeskription und in DGS.",
                True,
            ),
            (
                "Hilde Schäfer",
                PERSON,
                CIV,
                d(2017, 6, 21),
                "Sprecherin der AG Wohnen, Mieterin mit Rollator.",
                False,
            ),
        ],
        "steering": ("Steuerungsgruppe Gmünd inklusiv", "Tanja Engel", d(2017, 4, 5)),
        "groups": [
            (
                "bildung",
                "AG Bildung",
                "Inklusive Bildung von der Kita bis zur Volkshochschule",
                "bildung",
                "Yvonne König",
                d(2017, 6, 7),
            ),
            (
                "arbeit",
                "AG Arbeit",
                "Arbeit auf dem allgemeinen Arbeitsmarkt",
                "arbeit",
                "Markus Ebert",
                d(2017, 6, 13),
            ),
            (
                "wohnen",
                "AG Wohnen",
                "Barrierefreier Wohnraum in der Innenstadt",
                "wohnen",
                "Hilde Schäfer",
                d(2017, 6, 21),
            ),
            (
                "freizeit",
                "AG Freizeit und Kultur",
                "Kultur und Feste ohne Barrieren",
                "freizeit",
                "Karsten Lorenz",
                d(2017, 7, 4),
            ),
            (
                "gesund",
                "AG Gesundheit",
                "Zugängliche Arztpraxen und verständliche Information",
                "gesund",
                "Dr. Lena Brandl",
                d(2017, 9, 19),
            ),
        ],
        "fields": [
            ("bildung", L.EDUCATION, "Bildung und Persönlichkeitsentwicklung", 2),
            ("arbeit", L.WORK, "Arbeit", 2),
            ("wohnen", L.HOUSING, "Wohnen", 2),
            ("gesund", L.HEALTH, "Gesundheit", 1),
            ("freizeit", L.LEISURE, "Freizeit und Kultur", 1),
        ],
        "goals": [
            ("g1", "bildung", "Die Volkshochschule bietet Kurse für alle an", 3, 1),
            (
                "g2",
                "arbeit",
                "Mehr Menschen mit Behinderung arbeiten auf dem allgemeinen Arbeitsmarkt",
                6,
                2,
            ),
            (
                "g3",
                "wohnen",
                "Menschen mit Behinderung finden barrierefreien Wohnraum in der Innenstadt",
                6,
                2,
            ),
            (
                "g4",
                "gesund",
                "Arztpraxen sind für Menschen mit Behinderung erreichbar und verständlich",
                4,
                1,
            ),
            ("g5", "freizeit", "Kulturangebote der Stadt sind barrierefrei", 3, 1),
        ],
        "measures": [
            M(
                "g1",
                "VHS-Kurse in Leichter Sprache und mit Assistenz",
                d(2017, 9, 15),
                d(2018, 7, 31),
                DONE,
                "a:Volkshochschule Schwäbisch Gmünd",
                "Erwachsene mit Lernschwierigkeiten",
                7400,
                [
                    ("Programmheft mit Kennzeichnung", d(2017, 9, 15)),
                    ("Zehn Kurse durchgeführt", d(2018, 7, 20)),
                ],
            ),
            M(
                "g1",
                "Inklusive Bildungsmesse im Prediger",
                d(2018, 1, 15),
                d(2018, 4, 30),
                DONE,
                "g:bildung",
                "Familien, Schulen, Bildungsträger",
                9200,
                [("Ausstellende gewonnen", d(2018, 3, 9)), ("Messe am 21. April", d(2018, 4, 21))],
            ),
            M(
                "g2",
                "Unternehmensfrühstück Inklusion mit der Agentur für Arbeit",
                d(2017, 10, 1),
                d(2018, 6, 30),
                DONE,
                "a:Agentur für Arbeit – Geschäftsstelle Schwäbisch Gmünd",
                "Personalverantwortliche",
                2600,
                [("Erstes Frühstück", d(2017, 11, 22)), ("Zweites Frühstück", d(2018, 5, 16))],
            ),
            M(
                "g2",
                "Budget für Arbeit: Lotsin für Betriebe und Beschäftigte",
                d(2018, 1, 1),
                d(2019, 2, 28),
                DONE,
                "g:arbeit",
                "Beschäftigte der Werkstätten",
                31000,
                [("Lotsin im Amt", d(2018, 2, 1)), ("Zehn Beratungen", d(2018, 9, 30))],
            ),
            M(
                "g2",
                "Inklusive Ausbildungsplätze in der Stadtverwaltung",
                d(2018, 6, 1),
                d(2019, 2, 28),
                DONE,
                "a:",
                "Schulabgängerinnen und -abgänger mit Behinderung",
                None,
                [
                    ("Zwei Plätze ausgeschrieben", d(2018, 8, 31)),
                    ("Zusage für zwei Auszubildende", d(2019, 2, 15)),
                ],
            ),
            M(
                "g3",
                "Wohnraumbörse barrierefrei",
                d(2017, 11, 1),
                d(2018, 10, 31),
                DONE,
                "g:wohnen",
                "Wohnungssuchende mit Behinderung",
                5600,
                [
                    ("Kooperation mit der Wohnungswirtschaft", d(2018, 2, 28)),
                    ("Börse online", d(2018, 6, 1)),
                ],
            ),
            M(
                "g3",
                "Inklusive Wohngemeinschaft in der Altstadt",
                d(2018, 3, 1),
                d(2019, 2, 28),
                PAUSED,
                "a:Gmünder Werkstätten gGmbH",
                "Junge Erwachsene mit und ohne Behinderung",
                85000,
                [
                    ("Mietvertrag", d(2018, 5, 31)),
                    ("Baubeginn", d(2018, 9, 3)),
                    ("Einzug", d(2019, 2, 1)),
                ],
                why=(
                    d(2018, 11, 20),
                    "Der Umbau verzögert sich: Der Denkmalschutz verlangt neue Pläne.",
                ),
            ),
            M(
                "g4",
                "Praxis-Check: Zugänglichkeit von 40 Arztpraxen",
                d(2017, 10, 1),
                d(2018, 5, 31),
                DONE,
                "g:gesund",
                "Patientinnen und Patienten mit Behinderung",
                3800,
                [("Prüfbogen", d(2017, 10, 31)), ("Ergebnis im Gesundheitsführer", d(2018, 5, 25))],
            ),
            M(
                "g4",
                "Gesundheitsführer in Leichter Sprache",
                d(2018, 4, 1),
                d(2018, 12, 31),
                DONE,
                "g:gesund",
                "Menschen mit Lernschwierigkeiten",
                6300,
                [("Texte geprüft", d(2018, 10, 15)), ("Verteilung in den Praxen", d(2018, 12, 7))],
            ),
            M(
                "g4",
                "Gebärdensprach-Sprechstunde im Gesundheitsamt",
                d(2018, 2, 1),
                d(2018, 12, 31),
                DROPPED,
                "g:gesund",
                "Gehörlose Menschen",
                8000,
                [("Dolmetschpool", d(2018, 4, 30))],
                why=(
                    d(2018, 7, 10),
                    "Das Gesundheitsamt des Landkreises bietet die Sprechstunde "
                    "kreisweit an; eine eigene ist nicht mehr nötig.",
                ),
            ),
            M(
                "g5",
                "Führungen im Museum mit Audiodeskription und in DGS",
                d(2018, 2, 1),
                d(2018, 10, 31),
                DONE,
                "a:Museum im Prediger – Vermittlung",
                "Blinde, sehbehinderte und gehörlose Menschen",
                7900,
                [("Erste Führung", d(2018, 5, 13)), ("Sechs Führungen", d(2018, 11, 25))],
            ),
            M(
                "g5",
                "Barrierefreie Bühne beim Stadtfest",
                d(2018, 5, 1),
                d(2018, 7, 31),
                DONE,
                "g:freizeit",
                "Besucherinnen und Besucher mit Behinderung",
                14200,
                [("Rampe und Induktionsschleife", d(2018, 7, 13))],
            ),
        ],
        "postpone": (
            "Führungen im Museum mit Audiodeskription und in DGS",
            d(2018, 11, 30),
            d(2018, 9, 18),
            "Die Museumspädagogin ist in Elternzeit; die letzte Führung findet im November statt.",
        ),
        "changes": [
            (
                d(2019, 3, 19),
                "Verlängerung der Förderung bis Juni 2023: Die Steuerungsgruppe "
                "führt die Praxis-Checks als Siegel fort.",
                [
                    M(
                        "g4",
                        "Siegel „Praxis ohne Barrieren“",
                        d(2019, 5, 1),
                        d(2021, 12, 31),
                        DONE,
                        "a:Hausärzteverbund Gmünd",
                        "Patientinnen und Patienten mit Behinderung",
                        9000,
                        [
                            ("Kriterien mit der Ärzteschaft", d(2019, 10, 31)),
                            ("Zwanzig Praxen ausgezeichnet", d(2021, 11, 30)),
                        ],
                    ),
                ],
            ),
            (
                d(2023, 7, 11),
                "Anschlussförderung bis Juni 2027: zweiter Anlauf für die "
                "Wohngemeinschaft und ein festes VHS-Programm.",
                [
                    M(
                        "g3",
                        "Inklusive Wohngemeinschaft in der Altstadt – zweiter Anlauf",
                        d(2023, 9, 1),
                        -10,
                        OVERDUE,
                        "a:Gmünder Werkstätten gGmbH",
                        "Junge Erwachsene mit und ohne Behinderung",
                        92000,
                        [("Baugenehmigung", d(2024, 5, 31)), ("Einzug", -25)],
                    ),
                    M(
                        "g1",
                        "VHS-Kursprogramm „Gmünd für alle“ verstetigen",
                        d(2023, 9, 1),
                        d(2027, 2, 28),
                        RUNNING,
                        "a:Volkshochschule Schwäbisch Gmünd",
                        "Erwachsene mit und ohne Behinderung",
                        21000,
                        [
                            ("Finanzierung durch die Stadt", d(2024, 12, 31)),
                            ("Jahresprogramm 2027", 20),
                        ],
                    ),
                ],
            ),
            (
                -41,
                "Beschluss der Steuerungsgruppe vom {meeting}: Inklusionsbetrieb für das Café "
                "im Prediger.",
                [
                    M(
                        "g2",
                        "Inklusionsbetrieb für das Café im Prediger",
                        50,
                        d(2027, 6, 30),
                        PLANNED,
                        "g:arbeit",
                        "Menschen mit Behinderung auf Arbeitssuche",
                        15000,
                        [("Betreiberkonzept", 100)],
                    ),
                ],
            ),
        ],
        "approval": (d(2017, 10, 17), d(2017, 11, 2)),
        "kickoff": (
            d(2017, 5, 6),
            "Kulturzentrum Prediger, Festsaal",
            60,
            "Rund 60 Menschen mit und ohne Behinderung haben an Thementischen die ersten "
            "Arbeitsgruppen gebildet.",
        ),
        "profiles": [
            (
                d(2017, 4, 12),
                "Stärken-Schwächen-Profil zum Start",
                "Erfahrung aus der Landesgartenschau 2014 mit barrierefreier Planung; starke "
                "Volkshochschule; Behindertenbeirat und Integrationsbeirat arbeiten zusammen.",
                "Altstadt mit Kopfsteinpflaster und engen Häusern; Arztpraxen oft im ersten Stock "
                "ohne Aufzug; wenige barrierefreie Wohnungen.",
                "Die Auftaktveranstaltung kann viele Menschen gewinnen.",
                "Der Denkmalschutz bremst Umbauten.",
            ),
            (
                d(2019, 2, 5),
                "Profil nach zwei Jahren",
                "Fünf aktive Arbeitsgruppen; VHS-Kurse für alle; Gesundheitsführer in Leichter "
                "Sprache; zwei inklusive Ausbildungsplätze in der Verwaltung.",
                "Die Wohngemeinschaft ruht; die Wohnraumbörse hat wenig Angebote.",
                "Ärzteschaft will ein Siegel für barrierefreie Praxen.",
                "Die AG Wohnen verliert Mitglieder.",
            ),
        ],
        "report_intro": "Die Auftaktveranstaltung mit rund 60 Menschen hat fünf Arbeitsgruppen "
        "hervorgebracht, die seither eigenständig arbeiten.",
        "change_request": (
            "Bitte stellen Sie den Stand der Wohngemeinschaft mit Zeitplan dar und erläutern "
            "Sie die Abweichung bei den Kosten der Lotsin für das Budget für Arbeit."
        ),
        "stale": False,
        "overdue_task": False,
    },
    "Verbandsgemeinde Nieder-Olm": {
        "expert": "hahn",
        "coach": "voss",
        "amount": "472000.00",
        "town": "Nieder-Olm",
        "provider_sector": ADM,
        "coordinator": ("Lena Hartung", "lena.hartung@verbandsgemeinde-nieder-olm.example"),
        "members": [
            ("steering", "Ayşe Jung", "ayse.jung@verbandsgemeinde-nieder-olm.example"),
            ("steering", "Petra Walter", "p.walter@behindertenbeirat-vg-nieder-olm.example"),
            ("editor", "Tim Reuter", "tim.reuter@verbandsgemeinde-nieder-olm.example"),
            ("reader", "Katharina Schmidt", "k.schmidt@bsv-nieder-olm.example"),
        ],
        "summary": (
            "Die Sozialraumbegehung 2017 hat in Nieder-Olm vor allem fehlendes Bewusstsein "
            "gezeigt, weniger bauliche Barrieren. Daraus entstand die Aktion „30 Tage – 30 "
            "Barrieren“. 2020 hat der Verbandsgemeinderat eine Inklusionsstrategie beschlossen."
        ),
        "summary_easy": (
            "In Nieder-Olm sind viele Menschen durch die Orte gegangen. Sie haben gesehen: "
            "Viele denken nicht an Menschen mit Behinderung. Darum gab es die Aktion "
            "„30 Tage – 30 Barrieren“. Jeden Tag wurde eine Barriere gezeigt."
        ),
        "start_actors": [
            ("Ortsgemeinde Essenheim", ORG, ADM, "Eine der acht Ortsgemeinden."),
            ("Ortsgemeinde Klein-Winternheim", ORG, ADM, "Eine der acht Ortsgemeinden."),
            ("Seniorenbeirat der Verbandsgemeinde", ORG, CIV, "Vertritt ältere Menschen."),
        ],
        "actors": [
            (
                "Katholische Hochschule Mainz – Fachbereich Soziale Arbeit",
                ORG,
                SCI,
                d(2017, 8, 21),
                "Studierende begleiten die Sozialraumbegehungen.",
                True,
            ),
            (
                "Integrierte Gesamtschule Nieder-Olm",
                ORG,
                OTH,
                d(2017, 8, 28),
                "Schulprojekt „Perspektivwechsel“.",
                True,
            ),
            (
                "Weingut Sommerlad",
                ORG,
                BUS,
                d(2017, 8, 7),
                "Gastgeber des inklusiven Weinfests.",
                True,
            ),
            (
                "Jugendpflege der Verbandsgemeinde",
                ORG,
                ADM,
                d(2018, 2, 12),
                "Offene Jugendarbeit in den Ortsgemeinden.",
                True,
            ),
            (
                "Lokalredaktion Nieder-Olm",
                ORG,
                OTH,
                d(2018, 3, 19),
                "Berichtete täglich über „30 Tage – 30 Barrieren“.",
                True,
            ),
            (
                "Werner Frey",
                PERSON,
                SELF,
                d(2017, 5, 24),
                "Blind, Sprecher der AG Mobilität.",
                False,
            ),
        ],
        "steering": ("Steuerungsgruppe Nieder-Olm inklusiv", "Petra Walter", d(2017, 3, 29)),
        "groups": [
            (
                "barriere",
                "AG Barrierefreiheit",
                "Wege, Gebäude und Informationen",
                "barriere",
                "Katharina Schmidt",
                d(2017, 5, 18),
            ),
            (
                "mobil",
                "AG Mobilität",
                "Bus, Bahn und Wege für Menschen mit Seh- und Gehbehinderung",
                "mobil",
                "Werner Frey",
                d(2017, 5, 24),
            ),
            (
                "freizeit",
                "AG Freizeit und Ehrenamt",
                "Vereine öffnen sich",
                "freizeit",
                "Claudia Lange",
                d(2017, 6, 1),
            ),
            (
                "bewusst",
                "AG Öffentlichkeit und Bewusstseinsbildung",
                "Haltung, Sprache und Aktionen",
                "bewusst",
                "Tim Reuter",
                d(2017, 7, 13),
            ),
        ],
        "fields": [
            ("bewusst", "", "Bewusstsein und Haltung", 3),
            ("barriere", L.ACCESSIBILITY, "Barrierefreiheit", 2),
            ("mobil", L.MOBILITY, "Mobilität", 1),
            ("freizeit", L.LEISURE, "Freizeit", 1),
        ],
        "goals": [
            (
                "g1",
                "bewusst",
                "Bürgerinnen und Bürger nehmen Barrieren im Alltag wahr und handeln",
                4,
                2,
            ),
            ("g2", "bewusst", "Die Verbandsgemeinde gibt sich eine Inklusionsstrategie", 7, 2),
            ("g3", "barriere", "Die Ortskerne der acht Ortsgemeinden sind barrierearm", 6, 2),
            (
                "g4",
                "mobil",
                "Menschen mit Seh- und Gehbehinderung nutzen Bus und Bahn selbstständig",
                5,
                1,
            ),
            ("g5", "freizeit", "Vereine öffnen sich für Menschen mit Behinderung", 5, 1),
        ],
        "measures": [
            M(
                "g3",
                "Sozialraumbegehung in allen acht Ortsgemeinden",
                d(2017, 5, 1),
                d(2017, 7, 31),
                DONE,
                "g:barriere",
                "Menschen mit Behinderung und ältere Menschen",
                2400,
                [
                    ("Begehung in Nieder-Olm", d(2017, 6, 24)),
                    ("Auswertung: Barrieren im Kopf vor Barrieren im Bau", d(2017, 7, 27)),
                ],
            ),
            M(
                "g1",
                "Aktion „30 Tage – 30 Barrieren“",
                d(2018, 3, 1),
                d(2018, 5, 31),
                DONE,
                "g:bewusst",
                "Alle Bürgerinnen und Bürger",
                6800,
                [
                    ("30 Barrieren ausgewählt", d(2018, 3, 23)),
                    ("Start am 5. April", d(2018, 4, 5)),
                    ("Abschluss mit Bürgerforum", d(2018, 5, 9)),
                ],
            ),
            M(
                "g1",
                "Inklusionspreis der Verbandsgemeinde",
                d(2018, 6, 1),
                d(2018, 12, 31),
                DONE,
                "g:bewusst",
                "Vereine, Betriebe und Initiativen",
                3000,
                [("Ausschreibung", d(2018, 7, 2)), ("Verleihung im Rathaus", d(2018, 12, 14))],
            ),
            M(
                "g1",
                "Schulprojekt „Perspektivwechsel“",
                d(2017, 11, 1),
                d(2018, 7, 15),
                DONE,
                "a:Integrierte Gesamtschule Nieder-Olm",
                "Schülerinnen und Schüler der Klasse 8",
                2900,
                [("Projekttage", d(2018, 2, 8))],
            ),
            M(
                "g3",
                "Barrierefreier Zugang zum Rathaus: Tür, Tresen, Leitsystem",
                d(2017, 10, 1),
                d(2018, 6, 30),
                DONE,
                "a:",
                "Besucherinnen und Besucher des Rathauses",
                36000,
                [
                    ("Planung mit dem Blindenverein", d(2017, 12, 15)),
                    ("Umbau fertig", d(2018, 9, 21)),
                ],
            ),
            M(
                "g3",
                "Sitzbänke an den Wegen zu Ärzten und Läden",
                d(2018, 3, 1),
                d(2018, 10, 31),
                DONE,
                "g:barriere",
                "Ältere Menschen",
                9500,
                [
                    ("Standorte mit dem Seniorenbeirat", d(2018, 4, 30)),
                    ("24 Bänke aufgestellt", d(2018, 10, 19)),
                ],
            ),
            M(
                "g3",
                "Ortskern-Check Klein-Winternheim und Essenheim",
                d(2018, 9, 1),
                d(2019, 2, 28),
                PAUSED,
                "g:barriere",
                "Menschen mit Behinderung in den Ortsgemeinden",
                4200,
                [("Check Essenheim", d(2018, 10, 20)), ("Check Klein-Winternheim", d(2019, 1, 26))],
                why=(
                    d(2018, 12, 4),
                    "Die Ortsgemeinden warten auf die Förderzusage der "
                    "Dorferneuerung; der Check ruht bis dahin.",
                ),
            ),
            M(
                "g4",
                "Haltestellen-Ansagen und taktile Leitstreifen am Bahnhof",
                d(2017, 11, 1),
                d(2018, 12, 31),
                DONE,
                "g:mobil",
                "Blinde und sehbehinderte Fahrgäste",
                18500,
                [
                    ("Antrag beim Verkehrsverbund", d(2018, 2, 28)),
                    ("Leitstreifen verlegt", d(2018, 11, 30)),
                ],
            ),
            M(
                "g4",
                "Mitfahrbank-Netz in den Ortsgemeinden",
                d(2018, 4, 1),
                d(2018, 9, 30),
                DROPPED,
                "g:mobil",
                "Ältere Menschen ohne Auto",
                3600,
                [("Fünf Standorte", d(2018, 6, 30))],
                why=(
                    d(2018, 6, 26),
                    "Zu wenige Ortsgemeinden beteiligen sich; die AG setzt auf "
                    "den Bürgerbus des Landkreises.",
                ),
            ),
            M(
                "g5",
                "Vereinslotsen: Ehrenamtliche begleiten in den ersten Wochen",
                d(2018, 1, 15),
                d(2019, 2, 28),
                DONE,
                "g:freizeit",
                "Menschen mit Behinderung, die einen Verein suchen",
                5200,
                [
                    ("Zwölf Lotsinnen und Lotsen geschult", d(2018, 3, 17)),
                    ("Dreißig Begleitungen", d(2019, 1, 31)),
                ],
            ),
            M(
                "g5",
                "Inklusives Weinfest am Rathausplatz",
                d(2018, 6, 1),
                d(2018, 8, 31),
                DONE,
                "a:Weingut Sommerlad",
                "Alle Bürgerinnen und Bürger",
                8800,
                [("Festplan mit Ruhezone", d(2018, 7, 20)), ("Weinfest", d(2018, 8, 18))],
            ),
        ],
        "postpone": (
            "Barrierefreier Zugang zum Rathaus: Tür, Tresen, Leitsystem",
            d(2018, 9, 30),
            d(2018, 5, 15),
            "Handwerkerengpass: Die automatische Tür ist erst im September lieferbar.",
        ),
        "changes": [
            (
                d(2019, 3, 14),
                "Verlängerung der Förderung bis Juni 2023: Die Steuerungsgruppe "
                "nimmt die Inklusionsstrategie als Ziel der Verstetigung auf.",
                [
                    M(
                        "g2",
                        "Inklusionsstrategie der Verbandsgemeinde erarbeiten und beschließen",
                        d(2019, 4, 1),
                        d(2020, 3, 31),
                        DONE,
                        "a:",
                        "Verwaltung, Rat und Bürgerschaft",
                        14000,
                        [
                            ("Beteiligungswerkstätten", d(2019, 9, 28)),
                            ("Beschluss im Verbandsgemeinderat", d(2020, 2, 20)),
                        ],
                    ),
                ],
            ),
            (
                d(2023, 6, 14),
                "Anschlussförderung bis Juni 2027: Umsetzungsbericht zur "
                "Inklusionsstrategie und die Aktion „30 Tage – 30 Barrieren“ jedes Jahr.",
                [
                    M(
                        "g2",
                        "Umsetzungsbericht zur Inklusionsstrategie",
                        d(2023, 9, 1),
                        -30,
                        OVERDUE,
                        "a:",
                        "Verbandsgemeinderat",
                        None,
                        [("Daten der Fachbereiche", d(2024, 9, 30)), ("Bericht im Rat", -40)],
                    ),
                    M(
                        "g1",
                        "„30 Tage – 30 Barrieren“ jährlich mit den Schulen",
                        d(2023, 8, 1),
                        d(2027, 5, 31),
                        RUNNING,
                        "g:bewusst",
                        "Schülerinnen und Schüler",
                        12000,
                        [
                            ("Aktion 2024", d(2024, 5, 31)),
                            ("Aktion 2025", d(2025, 5, 31)),
                            ("Aktion 2026", d(2026, 5, 31)),
                            ("Aktion 2027", d(2027, 5, 31)),
                        ],
                    ),
                ],
            ),
            (
                -36,
                "Beschluss der Steuerungsgruppe vom {meeting}: Der Ortskern-Check beginnt "
                "neu, die Dorferneuerung ist bewilligt.",
                [
                    M(
                        "g3",
                        "Ortskern-Check Klein-Winternheim und Essenheim – Neustart",
                        40,
                        d(2027, 6, 30),
                        PLANNED,
                        "g:barriere",
                        "Menschen mit Behinderung in den Ortsgemeinden",
                        4500,
                        [("Check Essenheim", 110)],
                    ),
                ],
            ),
        ],
        "approval": (d(2017, 10, 10), d(2017, 10, 24)),
        "kickoff": (
            d(2017, 4, 22),
            "Ludwig-Eckes-Festhalle",
            70,
            "Mit Schriftdolmetschung und Unterlagen in Brailleschrift.",
        ),
        "profiles": [
            (
                d(2017, 4, 6),
                "Stärken-Schwächen-Profil zum Start",
                "Acht Ortsgemeinden mit lebendigem Vereinsleben; aktiver Blinden- und "
                "Sehbehindertenverein; Verwaltung und Behindertenbeirat ziehen an einem Strang.",
                "Wenig Wissen über Barrieren in der Bevölkerung; Ortskerne mit Kopfsteinpflaster; "
                "Busse fahren abends kaum.",
                "Die Sozialraumbegehung kann viele beteiligen.",
                "Die Ortsgemeinden entscheiden selbst und ziehen nicht immer mit.",
            ),
            (
                d(2019, 1, 15),
                "Profil nach zwei Jahren",
                "Die Aktion „30 Tage – 30 Barrieren“ hat das Thema in jede Ortsgemeinde getragen; "
                "Rathaus barrierefrei; Vereinslotsen aktiv.",
                "Ortskern-Checks ruhen; die Mitfahrbänke sind gescheitert.",
                "Der Rat ist offen für eine Inklusionsstrategie.",
                "Das Thema könnte nach der Aktion wieder aus dem Blick geraten.",
            ),
        ],
        "report_intro": "Die Sozialraumbegehung hat gezeigt: Es fehlt vor allem an Bewusstsein. "
        "Daraus entstand die Aktion „30 Tage – 30 Barrieren“.",
        "change_request": (
            "Bitte ergänzen Sie die Zahl der Menschen, die die Aktion „30 Tage – 30 Barrieren“ "
            "erreicht hat, und beschreiben Sie, wie die Ortsgemeinden in die geplante "
            "Inklusionsstrategie eingebunden werden."
        ),
        "stale": False,
        "overdue_task": False,
    },
    "Neuruppin": {
        "expert": "brandt",
        "coach": "wegner",
        "amount": "456000.00",
        "town": "Neuruppin",
        "provider_sector": None,
        "coordinator": ("Marco Schulz", "m.schulz@jugendarbeit-neuruppin.example"),
        "members": [
            ("steering", "Katrin Lehmann", "k.lehmann@jugendarbeit-neuruppin.example"),
            ("steering", "Sabine Hartmann", "s.hartmann@stadt-neuruppin.example"),
            ("steering", "Ilona Peters", "i.peters@bv-opr.example"),
            ("editor", "Jule Brenner", "j.brenner@jugendarbeit-neuruppin.example"),
            ("reader", "Frank Krüger", "f.krueger@tischlerei-krueger.example"),
        ],
        "summary": (
            "In Neuruppin macht die Jugendarbeit den Anfang: Jugendclubs, Schulen, Handwerk und "
            "Selbstvertretung sorgen dafür, dass Jugendliche mit und ohne Behinderung gemeinsam "
            "ihre Freizeit verbringen, lernen und in Betrieben ihren Weg in die Ausbildung "
            "finden."
        ),
        "summary_easy": (
            "In Neuruppin gibt es Jugendclubs für alle. Jugendliche mit und ohne Behinderung "
            "treffen sich dort. Sie machen Praktika in Betrieben. Sie lernen, allein Bus zu "
            "fahren."
        ),
        "start_actors": [
            (
                "Lebenshilfe Ostprignitz-Ruppin e.V.",
                ORG,
                CIV,
                "Familienentlastender Dienst; bringt Eltern junger Menschen mit Behinderung ein.",
            ),
            ("Oberstufenzentrum Ostprignitz-Ruppin", ORG, OTH, "Berufliche Schule."),
            (
                "Landkreis Ostprignitz-Ruppin – Fachdienst Eingliederungshilfe",
                ORG,
                ADM,
                "Zuständig für Fahrdienste und Eingliederungshilfe.",
            ),
        ],
        "actors": [
            (
                "Kreishandwerkerschaft Ostprignitz-Ruppin",
                ORG,
                BUS,
                d(2017, 6, 12),
                "Gewinnt Handwerksbetriebe für Praktika.",
                True,
            ),
            (
                "Medizinische Hochschule Brandenburg – Versorgungsforschung",
                ORG,
                SCI,
                d(2017, 9, 1),
                "Befragt junge Menschen mit Behinderung zu Freizeit und Mobilität.",
                True,
            ),
            (
                "Förderschule „Am Wald“ Wittstock",
                ORG,
                OTH,
                d(2017, 10, 5),
                "Ihre Schülerinnen und Schüler nutzen die Nachmittagsangebote.",
                True,
            ),
            (
                "Jugendparlament Neuruppin",
                ORG,
                CIV,
                d(2018, 1, 15),
                "Junge Menschen mit und ohne Behinderung reden in der Stadtpolitik mit.",
                True,
            ),
            (
                "Verkehrsgesellschaft Ruppiner Land mbH",
                ORG,
                BUS,
                d(2017, 8, 21),
                "Busunternehmen; schult das Fahrpersonal.",
                True,
            ),
            (
                "Peer-Beratung EUTB Neuruppin",
                ORG,
                SELF,
                d(2018, 4, 9),
                "Ergänzende unabhängige Teilhabeberatung von Menschen mit Behinderung.",
                True,
            ),
            (
                "Tobias Wendt",
                PERSON,
                SELF,
                d(2018, 6, 1),
                "Rollstuhlfahrer, 19 Jahre; testet Wege und Angebote der Jugendclubs.",
                False,
            ),
            (
                "Theater Ruppin – Junges Ensemble",
                ORG,
                CIV,
                d(2020, 9, 7),
                "Inklusive Theatergruppe für Jugendliche.",
                True,
            ),
        ],
        "steering": ("Steuerungsgruppe Inklusives Neuruppin", "Katrin Lehmann", d(2017, 3, 22)),
        "groups": [
            (
                "arbeit",
                "AG Übergang Schule–Beruf",
                "Praktika und Ausbildung für Jugendliche mit Behinderung",
                "arbeit",
                "Frank Krüger",
                d(2017, 5, 10),
            ),
            (
                "freizeit",
                "AG Freizeit und Jugendclubs",
                "Offene Angebote für alle Jugendlichen",
                "freizeit",
                "Jule Brenner",
                d(2017, 5, 17),
            ),
            (
                "mobil",
                "AG Mobilität",
                "Wege zu den Angeboten, Schulbus und Fahrdienst",
                "mobil",
                "Ilona Peters",
                d(2017, 6, 14),
            ),
            (
                "schule",
                "AG Schule",
                "Inklusive Schulen und Nachmittagsangebote",
                "bildung",
                "Thomas Richter",
                d(2017, 9, 20),
            ),
        ],
        "fields": [
            ("arbeit", L.WORK, "Arbeit", 3),
            ("bildung", L.EDUCATION, "Bildung und Persönlichkeitsentwicklung", 2),
            ("freizeit", L.LEISURE, "Freizeit", 2),
            ("mobil", L.MOBILITY, "Mobilität", 1),
        ],
        "goals": [
            (
                "g1",
                "arbeit",
                "Jugendliche mit Behinderung finden Praktikums- und "
                "Ausbildungsplätze in Betrieben der Region",
                6,
                3,
            ),
            (
                "g2",
                "arbeit",
                "Betriebe kennen die Fördermöglichkeiten und trauen sich Inklusion zu",
                4,
                1,
            ),
            (
                "g3",
                "bildung",
                "Schülerinnen und Schüler mit und ohne Behinderung lernen nachmittags gemeinsam",
                3,
                2,
            ),
            (
                "g4",
                "freizeit",
                "Die Jugendclubs sind offen und barrierefrei für alle Jugendlichen",
                5,
                2,
            ),
            ("g5", "mobil", "Jugendliche kommen ohne Eltern-Taxi zu den Angeboten", 6, 1),
        ],
        "measures": [
            M(
                "g4",
                "Barriere-Check aller fünf Jugendclubs",
                d(2017, 9, 1),
                d(2017, 12, 15),
                DONE,
                "g:freizeit",
                "Jugendliche mit Behinderung",
                2500,
                [
                    ("Checkliste mit dem Behindertenverband", d(2017, 9, 30)),
                    ("Bericht an die Steuerungsgruppe", d(2017, 12, 13)),
                ],
            ),
            M(
                "g1",
                "Praktikumsbörse mit der Kreishandwerkerschaft",
                d(2017, 11, 1),
                d(2018, 10, 31),
                DONE,
                "g:arbeit",
                "Jugendliche mit Behinderung ab 14 Jahren",
                8500,
                [
                    ("Zehn Betriebe gewonnen", d(2018, 2, 28)),
                    ("Erste Praktikumsbörse im Kulturhaus", d(2018, 5, 16)),
                ],
            ),
            M(
                "g1",
                "Berufsorientierungswoche in der Tischlerei Krüger",
                d(2018, 3, 1),
                d(2018, 7, 15),
                DONE,
                "a:Tischlerei Krüger GmbH",
                "Schülerinnen und Schüler der Klassen 8 und 9",
                3200,
                [("Zwölf Anmeldungen", d(2018, 4, 20))],
            ),
            M(
                "g2",
                "Infoabend für Betriebe: Förderung, Assistenz, Arbeitsplatzanpassung",
                d(2017, 11, 15),
                d(2018, 3, 31),
                DONE,
                "g:arbeit",
                "Handwerks- und Handelsbetriebe",
                1200,
                [("Infoabend in der Kreishandwerkerschaft", d(2018, 3, 14))],
            ),
            M(
                "g3",
                "Inklusive Hausaufgabenhilfe an der Evangelischen Schule",
                d(2017, 11, 1),
                d(2019, 2, 28),
                DONE,
                "a:Evangelische Schule Neuruppin",
                "Schülerinnen und Schüler der Klassen 5 bis 7",
                14000,
                [
                    ("Start mit zwei Gruppen", d(2017, 11, 6)),
                    ("Dritte Gruppe mit Förderschülerinnen und -schülern", d(2018, 9, 3)),
                ],
            ),
            M(
                "g3",
                "Nachmittagsangebote an der Haltestelle des Schulbusses",
                d(2018, 2, 1),
                d(2018, 12, 31),
                DONE,
                "g:schule",
                "Förderschülerinnen und -schüler aus Wittstock",
                6800,
                [
                    ("Abstimmung der Fahrzeiten mit dem Landkreis", d(2018, 3, 15)),
                    ("Erstes Angebot „Kicker und Kochen“", d(2018, 4, 10)),
                ],
            ),
            M(
                "g4",
                "Rampe und barrierefreies WC im Jugendclub „Alte Brauerei“",
                d(2018, 4, 1),
                d(2018, 9, 30),
                DONE,
                "a:",
                "Besucherinnen und Besucher im Rollstuhl",
                38500,
                [("Baugenehmigung", d(2018, 6, 15)), ("Einweihung", d(2018, 11, 23))],
            ),
            M(
                "g4",
                "Inklusives Sommercamp am Ruppiner See",
                d(2018, 5, 1),
                d(2018, 8, 31),
                DONE,
                "g:freizeit",
                "Jugendliche von 12 bis 17 Jahren",
                17500,
                [("Anmeldeschluss", d(2018, 6, 15)), ("Camp vom 16. bis 27. Juli", d(2018, 7, 27))],
            ),
            M(
                "g4",
                "Jugendleiter-Schulung „Inklusion leben“",
                d(2018, 1, 15),
                d(2018, 6, 30),
                PAUSED,
                "a:Lebenshilfe Ostprignitz-Ruppin e.V.",
                "Ehrenamtliche Jugendleiterinnen und Jugendleiter",
                2800,
                [
                    ("Erstes Modul", d(2018, 2, 24)),
                    ("Zweites Modul", d(2018, 4, 21)),
                    ("Zertifikate", d(2018, 6, 30)),
                ],
                why=(
                    d(2018, 5, 2),
                    "Die Referentin ist länger erkrankt; die Schulung ruht bis "
                    "eine Vertretung gefunden ist.",
                ),
            ),
            M(
                "g5",
                "Rufbus-Testbetrieb am Abend für die Jugendclubs",
                d(2018, 3, 1),
                d(2018, 12, 31),
                DROPPED,
                "g:mobil",
                "Jugendliche aus den Ortsteilen",
                24000,
                [
                    ("Fahrplan mit dem Busunternehmen", d(2018, 4, 30)),
                    ("Auswertung nach drei Monaten", d(2018, 9, 30)),
                ],
                why=(
                    d(2018, 6, 19),
                    "Der Landkreis übernimmt den Rufbus nach dem Test nicht; "
                    "das Geld fließt in das Mobilitätstraining.",
                ),
            ),
            M(
                "g5",
                "Mobilitätstraining: Bus fahren lernen",
                d(2018, 4, 1),
                d(2018, 10, 31),
                DONE,
                "a:Verkehrsgesellschaft Ruppiner Land mbH",
                "Jugendliche mit Lernschwierigkeiten",
                3900,
                [("Trainingsmaterial in Leichter Sprache", d(2018, 5, 15))],
            ),
        ],
        "postpone": (
            "Rampe und barrierefreies WC im Jugendclub „Alte Brauerei“",
            d(2018, 11, 30),
            d(2018, 7, 4),
            "Lieferverzug beim Hublift; die Steuerungsgruppe stimmt der Verschiebung zu.",
        ),
        "changes": [
            (
                d(2019, 3, 20),
                "Verlängerung der Förderung bis Juni 2023: Die Steuerungsgruppe "
                "nimmt die Verstetigung der Praktikumsbörse in das Konzept auf (Beschluss vom "
                "13. März 2019).",
                [
                    M(
                        "g1",
                        "Praktikumsbörse als jährliche Veranstaltung der Kreishandwerkerschaft",
                        d(2019, 4, 1),
                        d(2022, 12, 31),
                        DONE,
                        "a:Kreishandwerkerschaft Ostprignitz-Ruppin",
                        "Jugendliche mit Behinderung ab 14 Jahren",
                        6000,
                        [("Vereinbarung mit der Kreishandwerkerschaft", d(2019, 9, 30))],
                    ),
                ],
            ),
            (
                d(2023, 7, 5),
                "Anschlussförderung bis Juni 2027: Die AG Mobilität und das "
                "Jugendparlament bringen neue Maßnahmen ein.",
                [
                    M(
                        "g5",
                        "Jugend-Mobilitätskarte für den Landkreis",
                        d(2023, 9, 1),
                        -21,
                        OVERDUE,
                        "g:mobil",
                        "Jugendliche von 14 bis 21 Jahren",
                        18000,
                        [("Beschluss des Kreistags", d(2025, 6, 30)), ("Start des Verkaufs", -45)],
                    ),
                    M(
                        "g3",
                        "Inklusive Schülerfirma am Oberstufenzentrum",
                        d(2023, 10, 1),
                        d(2027, 5, 31),
                        RUNNING,
                        "a:Oberstufenzentrum Ostprignitz-Ruppin",
                        "Schülerinnen und Schüler mit und ohne Behinderung",
                        9500,
                        [
                            ("Gründung der Schülerfirma", d(2024, 2, 29)),
                            ("Erster Auftrag", d(2024, 9, 30)),
                            ("Übergabe an die Schule", d(2027, 5, 31)),
                        ],
                    ),
                ],
            ),
            (
                -40,
                "Beschluss der Steuerungsgruppe vom {meeting}: Die Stadt übernimmt die "
                "inklusiven Angebote der Jugendclubs ab Mitte 2027.",
                [
                    M(
                        "g4",
                        "Übergabe der inklusiven Jugendclub-Angebote an die Stadt",
                        45,
                        d(2027, 6, 30),
                        PLANNED,
                        "g:freizeit",
                        "Jugendliche mit und ohne Behinderung",
                        None,
                        [("Vertrag mit der Stadt", 120)],
                    ),
                ],
            ),
        ],
        "approval": (d(2017, 10, 11), d(2017, 10, 26)),
        "kickoff": (
            d(2017, 4, 26),
            "Kulturhaus Stadtgarten",
            50,
            "Jugendliche haben die Veranstaltung mit moderiert.",
        ),
        "profiles": [
            (
                d(2017, 3, 27),
                "Stärken-Schwächen-Profil zum Start",
                "Jugendclubs und Schulsozialarbeit erreichen viele Jugendliche; die Stadt trägt "
                "das Vorhaben mit; Handwerksbetriebe sind offen für Praktika.",
                "Kleines Netzwerk; die Selbstvertretung ist noch schwach eingebunden; "
                "Förderschülerinnen und -schüler wohnen weit entfernt und sind auf den Schulbus "
                "angewiesen.",
                "Die Kreishandwerkerschaft kann viele Betriebe erreichen.",
                "Der Träger ist klein; die Koordination darf nicht in der Jugendarbeit aufgehen.",
            ),
            (
                d(2019, 2, 18),
                "Profil nach zwei Jahren",
                "Praktikumsbörse etabliert; Jugendclub „Alte Brauerei“ barrierefrei; Sommercamp "
                "mit 40 Jugendlichen; EUTB und Jugendparlament im Netzwerk.",
                "Der Rufbus ist gescheitert; die Jugendleiter-Schulung ruht.",
                "Das Jugendparlament will eine Mobilitätskarte für Jugendliche.",
                "Ohne Anschlussförderung fehlt die Koordination.",
            ),
        ],
        "report_intro": "Die Jugendclubs sind zum Ausgangspunkt des Netzwerks geworden; die "
        "Praktikumsbörse hat das Handwerk gewonnen.",
        "change_request": (
            "Bitte ergänzen Sie, wie viele Jugendliche mit Behinderung über die Praktikumsbörse "
            "einen Ausbildungsplatz gefunden haben, und erläutern Sie die Umwidmung der Mittel "
            "aus dem Rufbus-Test."
        ),
        "stale": False,
        "overdue_task": True,
    },
}

# Later network partners, drawn per region (names with {town} get the town's name).
ACTOR_POOL = [
    ("Seniorenbeirat {town}", ORG, CIV, "Bringt die Sicht älterer Menschen ein."),
    ("Mehrgenerationenhaus {town}", ORG, CIV, "Stellt Räume für Treffen und Kurse."),
    ("Familienzentrum Regenbogen", ORG, CIV, "Beratung und Treffpunkt für Familien."),
    (
        "Caritasverband – Migrationsberatung",
        ORG,
        CIV,
        "Erreicht geflüchtete Familien mit behinderten Angehörigen.",
    ),
    ("Freundeskreis Asyl {town} e.V.", ORG, CIV, "Begleitet Geflüchtete zu Ämtern."),
    ("Tafel {town} e.V.", ORG, CIV, "Ausgabestelle mit barrierefreiem Zugang."),
    ("Kulturverein Alte Mühle e.V.", ORG, CIV, "Konzerte und Lesungen; prüft seine Räume."),
    ("Freiwillige Feuerwehr {town}", ORG, CIV, "Übt Notfallkommunikation mit der Selbsthilfe."),
    ("Schwimmverein Delphin {town} e.V.", ORG, CIV, "Inklusive Schwimmkurse."),
    ("Landfrauenverein {town}", ORG, CIV, "Kochkurse für alle."),
    ("Jugendmigrationsdienst {town}", ORG, CIV, "Berät junge Zugewanderte."),
    ("Katholische Pfarrgemeinde St. Marien", ORG, CIV, "Gemeindehaus für Treffen."),
    ("Pflegestützpunkt {town}", ORG, OTH, "Berät Pflegebedürftige und Angehörige."),
    ("Integrationsfachdienst – Außenstelle {town}", ORG, CIV, "Begleitet Beschäftigte im Betrieb."),
    ("Werkstattrat der Lindenhof-Werkstätten", ORG, SELF, "Vertritt die Beschäftigten."),
    ("Selbsthilfegruppe Multiple Sklerose {town}", ORG, SELF, "Berät zu unsichtbaren Barrieren."),
    ("Gehörlosenverein {town} e.V.", ORG, SELF, "Bringt Gebärdensprache ein."),
    ("Elterninitiative Autismus {town}", ORG, SELF, "Eltern autistischer Kinder."),
    (
        "Mensch-zuerst-Gruppe {town}",
        ORG,
        SELF,
        "Menschen mit Lernschwierigkeiten sprechen "
        "für sich selbst; prüft Texte in Leichter Sprache.",
    ),
    ("Psychiatrie-Erfahrene {town} e.V.", ORG, SELF, "Selbsthilfe und Peer-Beratung."),
    ("Bäckerei Sommer", ORG, BUS, "Bietet einen Praktikumsplatz an."),
    ("Hotel zur Linde", ORG, BUS, "Ausbildung im Gastgewerbe."),
    ("Gärtnerei Lindner", ORG, BUS, "Zwei Außenarbeitsplätze."),
    ("Apotheke am Markt", ORG, BUS, "Informationen in Leichter Sprache."),
    ("Physiotherapie Kern & Partner", ORG, BUS, "Barrierefreie Praxis; berät zu Hilfsmitteln."),
    ("Stadtwerke {town} GmbH", ORG, BUS, "Barrierefreie Kundenbüros."),
    ("Wohnungsbaugesellschaft {town} mbH", ORG, BUS, "Meldet barrierefreie Wohnungen."),
    ("Sparkasse – Filiale {town}", ORG, BUS, "Sponsert das Inklusionsfest."),
    ("Steuerbüro Albrecht", ORG, BUS, "Ehrenamtliche Beratung für Vereine."),
    ("Buchhandlung Seitenwind", ORG, BUS, "Bücher in Leichter Sprache."),
    ("Grundschule am Lindenplatz", ORG, OTH, "Inklusive Ganztagsangebote."),
    ("Kita Sonnenblume", ORG, OTH, "Inklusive Kita."),
    ("Hausarztpraxis Dr. Neumann", ORG, OTH, "Erste Praxis mit Leitsystem."),
    ("Stadtbibliothek {town}", ORG, ADM, "Vorlesestunden in Leichter Sprache."),
    ("Schulamt – Inklusionsberatung", ORG, ADM, "Berät Schulen zur Inklusion."),
    ("Ordnungsamt {town} – Veranstaltungen", ORG, ADM, "Prüft Feste auf Barrierefreiheit."),
    ("Maria Vogel", PERSON, CIV, "Ehrenamtliche Inklusionslotsin."),
    ("Günter Haas", PERSON, SELF, "Rollstuhlfahrer; prüft Wege und Eingänge."),
    ("Lea Schubert", PERSON, SELF, "Studentin mit Sehbehinderung; prüft Internetseiten."),
    ("Peter Ohlsen", PERSON, BUS, "Unternehmer im Ruhestand; Pate für Praktika."),
]
# How many actors a region's network has today (before one of them leaves).
NETWORK_TODAY = (30, 32)

# Coaching sessions: topics by phase, and what was agreed.
SESSION_TOPICS = {
    "planning": [
        "Stärken-Schwächen-Profil des Sozialraums: Daten der Sozialplanung und erste Eindrücke",
        "Geschäftsordnung der Steuerungsgruppe (Arbeitsblatt 003): Stimmrecht, Vertretung, "
        "Beschlussfähigkeit",
        "Kooperationsvereinbarung mit den Netzwerkpartnern (Arbeitsblatt 002)",
        "Vorbereitung der Auftaktveranstaltung: Einladung in Leichter Sprache, Dolmetschung, "
        "Checkliste für ein inklusives Netzwerktreffen (Arbeitsblatt 005)",
        "Wirkungsorientierte Planung: Ziele auf der Wirkungstreppe, Indikatoren und Ausgangswerte",
        "Auswahl der ersten Zielgruppe und der Handlungsfelder",
        "Entwurf des Inklusionskonzepts: Maßnahmen, Verantwortliche, Zeitplan, Gewichte",
        "Aufgaben im Netzwerk klären (Arbeitsblatt 004): Wer macht was?",
    ],
    "implementation": [
        "Start der ersten Maßnahmen; Rolle der Sprecherinnen und Sprecher der Arbeitsgruppen",
        "Netzwerkpflege: Wer fehlt noch? Netzwerkkarte gemeinsam aktualisiert",
        "Pressearbeit und Öffentlichkeitsarbeit, Texte in Leichter Sprache",
        "Zwischenbilanz: Stand der Maßnahmen und Meilensteine, Umgang mit Verzögerungen",
        "Vorbereitung des Sachberichts",
        "Beteiligung von Menschen mit Behinderung in den Arbeitsgruppen: Assistenz, "
        "Fahrtkosten, Sitzungszeiten",
        "Evaluation: Befragung der Teilnehmenden von Maßnahmen organisieren",
        "Klausurtag der Steuerungsgruppe: Sind die Ziele noch die richtigen?",
        "Verstetigung vorbereiten: Was soll nach der Förderung bleiben?",
        "Konflikt um Zuständigkeiten zwischen zwei Arbeitsgruppen moderiert",
    ],
    "now": [
        "Stand der Verstetigung: Finanzierung der Koordination ab Mitte 2027",
        "Sachbericht {year} vorbereiten; Überarbeitung des Berichts 2018 nach der Rückfrage",
        "Übergabe der Arbeitsgruppen an feste Strukturen der Kommune",
        "Überfällige Maßnahmen und verpasste Meilensteine: neue Termine oder Abbruch?",
    ],
}
AGREEMENTS = [
    "Die Koordination legt bis zur nächsten Sitzung der Steuerungsgruppe einen Entwurf vor.",
    "Die Sprecherinnen und Sprecher der Arbeitsgruppen melden ihren Stand bis Monatsende.",
    "Die Netzwerkkarte wird vierteljährlich aktualisiert.",
    "Einladungen gehen künftig immer auch in Leichter Sprache hinaus.",
    "Die Prozessbegleitung moderiert den nächsten Workshop.",
    "Verzögerte Maßnahmen werden in der Steuerungsgruppe offen besprochen.",
    "Ein Treffen mit der Verwaltungsspitze wird angefragt.",
]
NEXT_STEPS = [
    "Protokoll an alle Mitglieder der Steuerungsgruppe",
    "Termin für den nächsten Workshop abstimmen",
    "Arbeitsblätter an die Arbeitsgruppen verteilen",
    "Presseinformation vorbereiten",
    "Daten für den Sachbericht sammeln",
    "Gespräch mit dem Träger über die Stelle der Koordination",
]
INTERNAL_NOTES = [
    "Die Koordination wirkt überlastet; beim nächsten Termin mit dem Träger über Entlastung "
    "sprechen.",
    "Spannungen zwischen Verwaltung und Behindertenbeirat in der Steuerungsgruppe – beobachten.",
    "Mittelabruf verzögert; Hinweis an die Fachexpertin bzw. den Fachexperten gegeben.",
    "Die Sprecherin einer Arbeitsgruppe überlegt auszusteigen; Gespräch angeboten.",
    "Der Träger möchte Mittel umwidmen; formale Änderung nötig.",
]

# Minutes of group meetings.
MEETING_TOPICS = [
    "Bericht aus den Arbeitsgruppen",
    "Stand der Maßnahmen und Meilensteine",
    "Neue Partner im Netzwerk",
    "Planung der Öffentlichkeitsarbeit",
    "Rückmeldungen aus der Selbstvertretung",
    "Haushalt und Mittelabruf",
    "Termine der nächsten Monate",
]
MEETING_PLACES = [
    "Rathaus, Sitzungssaal",
    "Räume des Trägers",
    "Stadtbibliothek, Lesesaal",
    "Online (Videokonferenz mit Untertiteln)",
]
