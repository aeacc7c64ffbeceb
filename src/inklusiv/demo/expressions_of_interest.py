"""Chapter 3 of the demo, expressions of interest: the 129 of the 2016 call, and drafts to
the open 2027 call.

Jugendarbeit Neuruppin e.V. – the demo applicant's organisation – goes through the real
services (start, save each part, submit), so its history, receipt and confirmation e-mail
are exactly what a user would produce. The other 128 are written in bulk: the frozen
version is `content.build` of the same rows, as `services.submit` stores it, but without
rendering 128 PDF receipts (`services.receipt_for` renders one on first download) and
without 128 confirmation e-mails. Times are backdated to 2016 so the history reads true.
"""

from __future__ import annotations

import datetime
import random
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from inklusiv.accounts.models import FieldOfWork, LegalForm, Organisation, State, User
from inklusiv.applications import content, services
from inklusiv.applications.models import (
    Answers,
    Application,
    Concept,
    FieldOfAction,
    Message,
    Partner,
    PartnerKind,
    Sector,
    SocialSpace,
    SpaceKind,
    Status,
    Version,
)
from inklusiv.calls.models import Call, Question
from inklusiv.core.models import AuditEntry

from .call import CALL_2016_SLUG, CALL_2027_SLUG, berlin
from .people import DEMO_PEOPLE

NEURUPPIN = "Jugendarbeit Neuruppin e.V."
NEURUPPIN_SUBMITTED_AT = berlin(2016, 7, 14, 16, 37)
EXPECTED_2016_APPLICATIONS = 129

# The first two digits of an AGS name the Bundesland.
STATE_AGS_PREFIX = {
    State.SH: "01",
    State.HH: "02",
    State.NI: "03",
    State.HB: "04",
    State.NW: "05",
    State.HE: "06",
    State.RP: "07",
    State.BW: "08",
    State.BY: "09",
    State.SL: "10",
    State.BE: "11",
    State.BB: "12",
    State.MV: "13",
    State.SN: "14",
    State.ST: "15",
    State.TH: "16",
}


@dataclass(frozen=True)
class Space:
    state: str
    kind: str
    name: str
    population: int
    ags: str
    provider: str
    legal_form: str
    postcode: str
    city: str
    administration: str = ""  # the municipal partner, where "Stadt <name>" does not fit


C, M, D, K, P = (
    SpaceKind.CITY,
    SpaceKind.MUNICIPALITY,
    SpaceKind.DISTRICT,
    SpaceKind.COUNTY,
    SpaceKind.PART_OF_COUNTY,
)
EV, GG, MU, FO, PB = (
    LegalForm.EV,
    LegalForm.GGMBH,
    LegalForm.MUNICIPALITY,
    LegalForm.FOUNDATION,
    LegalForm.PUBLIC_BODY,
)

# The 128 other applicants of 2016 (Jugendarbeit Neuruppin e.V. is the 129th).
# fmt: off
SPACES_2016 = [
    # Schleswig-Holstein
    Space("SH", D, "Kiel-Gaarden", 18200, "01002000", "AWO Kreisverband Kiel e.V.", EV, "24143", "Kiel", "Landeshauptstadt Kiel"),  # noqa: E501
    Space("SH", C, "Flensburg", 85900, "01001000", "Diakonisches Werk Schleswig-Flensburg e.V.", EV, "24937", "Flensburg"),  # noqa: E501
    Space("SH", K, "Kreis Nordfriesland", 163600, "01054000", "Lebenshilfe Nordfriesland e.V.", EV, "25813", "Husum"),  # noqa: E501
    Space("SH", C, "Neumünster", 79300, "01004000", "Stadt Neumünster – Fachdienst Soziales", MU, "24534", "Neumünster"),  # noqa: E501
    Space("SH", P, "Amt Süderbrarup", 11400, "", "Inklusionsnetzwerk Angeln e.V.", EV, "24392", "Süderbrarup", "Amt Süderbrarup"),  # noqa: E501
    Space("SH", D, "Lübeck-Moisling", 10100, "01003000", "Gemeindediakonie Lübeck gGmbH", GG, "23560", "Lübeck", "Hansestadt Lübeck"),  # noqa: E501
    # Hamburg
    Space("HH", D, "Hamburg-Wilhelmsburg", 53300, "02000000", "Nachbarschaftsnetz Wilhelmsburg e.V.", EV, "21107", "Hamburg", "Bezirksamt Hamburg-Mitte"),  # noqa: E501
    Space("HH", D, "Hamburg-Altona-Altstadt", 29100, "02000000", "Stadtteilinitiative Altona inklusiv e.V.", EV, "22767", "Hamburg", "Bezirksamt Altona"),  # noqa: E501
    Space("HH", D, "Hamburg-Steilshoop", 19800, "02000000", "Stiftung Wohnen und Leben Hamburg-Nord", FO, "22309", "Hamburg", "Bezirksamt Wandsbek"),  # noqa: E501
    # Bremen
    Space("HB", D, "Bremen-Gröpelingen", 36400, "04011000", "Inklusives Quartier Gröpelingen e.V.", EV, "28237", "Bremen", "Amt für Soziale Dienste Bremen"),  # noqa: E501
    Space("HB", C, "Bremerhaven", 114000, "04012000", "Lebenshilfe Bremerhaven e.V.", EV, "27568", "Bremerhaven", "Magistrat der Stadt Bremerhaven"),  # noqa: E501
    # Berlin
    Space("BE", D, "Berlin-Neukölln, Rollbergviertel", 5600, "11000000", "Nachbarschaftsheim Neukölln e.V.", EV, "12049", "Berlin", "Bezirksamt Neukölln"),  # noqa: E501
    Space("BE", D, "Berlin-Marzahn-Nord", 38200, "11000000", "Kiez inklusiv Marzahn gGmbH", GG, "12689", "Berlin", "Bezirksamt Marzahn-Hellersdorf"),  # noqa: E501
    Space("BE", D, "Berlin-Moabit", 79800, "11000000", "Caritasverband für das Erzbistum Berlin e.V.", EV, "10551", "Berlin", "Bezirksamt Mitte"),  # noqa: E501
    Space("BE", D, "Berlin-Spandau, Falkenhagener Feld", 38900, "11000000", "Stadtteilzentrum Spandau e.V.", EV, "13583", "Berlin", "Bezirksamt Spandau"),  # noqa: E501
    # Brandenburg (besides Neuruppin)
    Space("BB", C, "Cottbus", 99700, "12052000", "AWO Regionalverband Brandenburg Süd e.V.", EV, "03046", "Cottbus"),  # noqa: E501
    Space("BB", C, "Eberswalde", 38800, "12060052", "Diakonisches Werk Barnim e.V.", EV, "16225", "Eberswalde"),  # noqa: E501
    Space("BB", K, "Landkreis Uckermark", 121000, "12073000", "Landkreis Uckermark – Sozialamt", MU, "17291", "Prenzlau"),  # noqa: E501
    Space("BB", C, "Brandenburg an der Havel", 71600, "12051000", "Lebenshilfe Brandenburg an der Havel e.V.", EV, "14770", "Brandenburg an der Havel"),  # noqa: E501
    Space("BB", P, "Amt Gransee und Gemeinden", 9800, "", "Jugend- und Sozialverein Gransee e.V.", EV, "16775", "Gransee", "Amt Gransee und Gemeinden"),  # noqa: E501
    Space("BB", D, "Potsdam-Drewitz", 6900, "12054000", "Sozialwerk Potsdam gGmbH", GG, "14480", "Potsdam", "Landeshauptstadt Potsdam"),  # noqa: E501
    # Mecklenburg-Vorpommern
    Space("MV", C, "Rostock", 206000, "13003000", "Hansestadt Rostock – Amt für Jugend, Soziales und Asyl", MU, "18055", "Rostock"),  # noqa: E501
    Space("MV", C, "Greifswald", 57300, "13075039", "Caritas Vorpommern e.V.", EV, "17489", "Greifswald", "Universitäts- und Hansestadt Greifswald"),  # noqa: E501
    Space("MV", K, "Landkreis Ludwigslust-Parchim", 212600, "13076000", "Lebenshilfe Ludwigslust e.V.", EV, "19288", "Ludwigslust"),  # noqa: E501
    Space("MV", C, "Neubrandenburg", 63800, "13071107", "Volkssolidarität Neubrandenburg e.V.", EV, "17033", "Neubrandenburg"),  # noqa: E501
    Space("MV", M, "Gemeinde Ostseebad Zingst", 3100, "", "Netzwerk barrierefreies Zingst e.V.", EV, "18374", "Zingst"),  # noqa: E501
    # Sachsen
    Space("SN", D, "Leipzig-Grünau", 43400, "14713000", "Diakonisches Werk Innere Mission Leipzig e.V.", EV, "04209", "Leipzig"),  # noqa: E501
    Space("SN", D, "Dresden-Prohlis", 16100, "14612000", "Lebenshilfe Dresden e.V.", EV, "01239", "Dresden", "Landeshauptstadt Dresden"),  # noqa: E501
    Space("SN", C, "Chemnitz", 246900, "14511000", "Stadtmission Chemnitz e.V.", EV, "09111", "Chemnitz"),  # noqa: E501
    Space("SN", C, "Görlitz", 55300, "14626110", "AWO Oberlausitz e.V.", EV, "02826", "Görlitz"),  # noqa: E501
    Space("SN", K, "Landkreis Bautzen", 304600, "14625000", "Landratsamt Bautzen – Sozialplanung", MU, "02625", "Bautzen"),  # noqa: E501
    Space("SN", C, "Zwickau", 91100, "14524330", "Caritasverband Zwickau e.V.", EV, "08056", "Zwickau"),  # noqa: E501
    Space("SN", P, "Annaberger Land im Erzgebirgskreis", 48000, "", "Lebenshilfe Annaberg-Buchholz e.V.", EV, "09456", "Annaberg-Buchholz", "Große Kreisstadt Annaberg-Buchholz"),  # noqa: E501
    Space("SN", C, "Plauen", 64900, "", "Diakonie Vogtland e.V.", EV, "08523", "Plauen"),  # noqa: E501
    # Sachsen-Anhalt
    Space("ST", C, "Magdeburg", 235700, "15003000", "Magdeburger Stadtmission e.V.", EV, "39104", "Magdeburg", "Landeshauptstadt Magdeburg"),  # noqa: E501
    Space("ST", D, "Halle-Neustadt", 45300, "15002000", "AWO Regionalverband Halle-Merseburg e.V.", EV, "06122", "Halle (Saale)", "Stadt Halle (Saale)"),  # noqa: E501
    Space("ST", C, "Dessau-Roßlau", 82900, "15001000", "Stadt Dessau-Roßlau – Amt für Soziales und Integration", MU, "06844", "Dessau-Roßlau"),  # noqa: E501
    Space("ST", K, "Landkreis Harz", 222000, "15085000", "Lebenshilfe Harzkreis e.V.", EV, "38820", "Halberstadt"),  # noqa: E501
    Space("ST", C, "Stendal", 40000, "", "Johanniter-Unfall-Hilfe e.V., Regionalverband Altmark", EV, "39576", "Stendal", "Hansestadt Stendal"),  # noqa: E501
    # Thüringen
    Space("TH", C, "Jena", 109500, "16053000", "Stadt Jena – Fachdienst Soziales", MU, "07743", "Jena"),  # noqa: E501
    Space("TH", C, "Erfurt", 210100, "16051000", "Caritasverband für das Bistum Erfurt e.V.", EV, "99084", "Erfurt", "Landeshauptstadt Erfurt"),  # noqa: E501
    Space("TH", D, "Gera-Lusan", 20400, "16052000", "AWO Kreisverband Gera e.V.", EV, "07549", "Gera"),  # noqa: E501
    Space("TH", K, "Landkreis Nordhausen", 85300, "16062000", "Lebenshilfe Nordhausen e.V.", EV, "99734", "Nordhausen"),  # noqa: E501
    Space("TH", C, "Weimar", 64100, "16055000", "Weimarer Inklusionsforum e.V.", EV, "99423", "Weimar"),  # noqa: E501
    # Saarland
    Space("SL", K, "Landkreis St. Wendel", 88900, "10046000", "Lebenshilfe Kreisvereinigung St. Wendel e.V.", EV, "66606", "St. Wendel"),  # noqa: E501
    Space("SL", D, "Saarbrücken-Malstatt", 26800, "10041100", "Diakonisches Werk an der Saar gGmbH", GG, "66115", "Saarbrücken", "Landeshauptstadt Saarbrücken"),  # noqa: E501
    # Rheinland-Pfalz
    Space("RP", C, "Mainz", 209800, "07315000", "Caritasverband Mainz e.V.", EV, "55116", "Mainz"),  # noqa: E501
    Space("RP", C, "Trier", 114900, "07211000", "Lebenshilfe Trier e.V.", EV, "54290", "Trier"),  # noqa: E501
    Space("RP", M, "Verbandsgemeinde Nieder-Olm", 33000, "", "Verbandsgemeinde Nieder-Olm", MU, "55268", "Nieder-Olm"),  # noqa: E501
    Space("RP", K, "Westerwaldkreis", 200500, "07143000", "Diakonisches Werk im Westerwaldkreis", EV, "56457", "Westerburg"),  # noqa: E501
    Space("RP", C, "Ludwigshafen am Rhein", 164700, "07314000", "AWO Bezirksverband Pfalz e.V.", EV, "67059", "Ludwigshafen am Rhein"),  # noqa: E501
    Space("RP", C, "Koblenz", 112600, "07111000", "Stadt Koblenz – Amt für Jugend, Familie, Senioren und Soziales", MU, "56068", "Koblenz"),  # noqa: E501
    Space("RP", P, "Verbandsgemeinden Edenkoben und Maikammer", 27400, "", "Inklusionsnetz Südpfalz e.V.", EV, "67480", "Edenkoben", "Kreisverwaltung Südliche Weinstraße"),  # noqa: E501
    # Hessen
    Space("HE", C, "Kassel", 197900, "06611000", "Diakonisches Werk Region Kassel", EV, "34117", "Kassel"),  # noqa: E501
    Space("HE", C, "Marburg", 73800, "06534014", "Stadt Marburg – Fachdienst Soziale Leistungen", MU, "35037", "Marburg", "Universitätsstadt Marburg"),  # noqa: E501
    Space("HE", D, "Offenbach-Nordend", 15200, "06413000", "Caritasverband Offenbach/Main e.V.", EV, "63065", "Offenbach am Main", "Stadt Offenbach am Main"),  # noqa: E501
    Space("HE", K, "Vogelsbergkreis", 105900, "06535000", "Lebenshilfe Vogelsberg e.V.", EV, "36341", "Lauterbach"),  # noqa: E501
    Space("HE", C, "Darmstadt", 155400, "06411000", "Darmstädter Werkstätten gGmbH", GG, "64293", "Darmstadt", "Wissenschaftsstadt Darmstadt"),  # noqa: E501
    Space("HE", D, "Frankfurt-Bockenheim", 39800, "06412000", "Nachbarschaftszentrum Bockenheim e.V.", EV, "60487", "Frankfurt am Main", "Stadt Frankfurt am Main"),  # noqa: E501
    Space("HE", P, "Region Gelnhausen im Main-Kinzig-Kreis", 61000, "", "Behindertenhilfe Main-Kinzig gGmbH", GG, "63571", "Gelnhausen", "Main-Kinzig-Kreis"),  # noqa: E501
    Space("HE", C, "Fulda", 67300, "06631009", "Caritasverband für die Diözese Fulda e.V.", EV, "36037", "Fulda"),  # noqa: E501
    Space("HE", M, "Gemeinde Lahntal", 7100, "", "Bürgerhilfe Lahntal e.V.", EV, "35094", "Lahntal"),  # noqa: E501
    # Niedersachsen
    Space("NI", C, "Braunschweig", 251400, "03101000", "Lebenshilfe Braunschweig gGmbH", GG, "38122", "Braunschweig"),  # noqa: E501
    Space("NI", C, "Oldenburg (Oldb)", 163800, "03403000", "Gemeinnützige Werkstätten Oldenburg e.V.", EV, "26122", "Oldenburg"),  # noqa: E501
    Space("NI", C, "Osnabrück", 162400, "03404000", "Caritasverband für die Diözese Osnabrück e.V.", EV, "49074", "Osnabrück"),  # noqa: E501
    Space("NI", C, "Schneverdingen", 18900, "", "Stadt Schneverdingen", MU, "29640", "Schneverdingen"),  # noqa: E501
    Space("NI", K, "Landkreis Emsland", 320900, "03454000", "Landkreis Emsland – Fachbereich Soziales", MU, "49716", "Meppen"),  # noqa: E501
    Space("NI", D, "Hannover-Linden-Süd", 10100, "03241001", "Diakonisches Werk Hannover gGmbH", GG, "30449", "Hannover", "Landeshauptstadt Hannover"),  # noqa: E501
    Space("NI", C, "Wilhelmshaven", 75700, "03405000", "AWO Kreisverband Wilhelmshaven-Friesland e.V.", EV, "26382", "Wilhelmshaven"),  # noqa: E501
    Space("NI", K, "Landkreis Uelzen", 92600, "03360000", "Lebenshilfe Uelzen e.V.", EV, "29525", "Uelzen"),  # noqa: E501
    Space("NI", C, "Göttingen", 118900, "", "Göttinger Werkstätten gGmbH", GG, "37073", "Göttingen"),  # noqa: E501
    Space("NI", C, "Delmenhorst", 76300, "03401000", "Diakonisches Werk Delmenhorst/Oldenburg-Land", EV, "27749", "Delmenhorst"),  # noqa: E501
    Space("NI", P, "Samtgemeinde Bersenbrück", 28300, "", "Inklusionsnetzwerk Bersenbrücker Land e.V.", EV, "49593", "Bersenbrück", "Samtgemeinde Bersenbrück"),  # noqa: E501
    Space("NI", M, "Gemeinde Wiefelstede", 16000, "", "Gemeinde Wiefelstede", MU, "26215", "Wiefelstede"),  # noqa: E501
    Space("NI", K, "Landkreis Cuxhaven", 198100, "03352000", "Lebenshilfe Cuxhaven e.V.", EV, "27472", "Cuxhaven"),  # noqa: E501
    # Nordrhein-Westfalen
    Space("NW", C, "Bielefeld", 333100, "05711000", "Bielefelder Inklusionsnetzwerk e.V.", EV, "33602", "Bielefeld"),  # noqa: E501
    Space("NW", D, "Köln-Chorweiler", 12900, "05315000", "Caritasverband für die Stadt Köln e.V.", EV, "50676", "Köln"),  # noqa: E501
    Space("NW", D, "Dortmund-Nordstadt", 58400, "05913000", "AWO Unterbezirk Dortmund", EV, "44139", "Dortmund"),  # noqa: E501
    Space("NW", C, "Münster", 310000, "05515000", "Stadt Münster – Sozialamt", MU, "48143", "Münster"),  # noqa: E501
    Space("NW", K, "Kreis Unna", 394800, "05978000", "Kreis Unna – Fachbereich Arbeit und Soziales", MU, "59425", "Unna"),  # noqa: E501
    Space("NW", D, "Essen-Katernberg", 22900, "05113000", "Diakoniewerk Essen gGmbH", GG, "45327", "Essen"),  # noqa: E501
    Space("NW", D, "Duisburg-Marxloh", 18400, "05112000", "Bürgerverein Marxloh e.V.", EV, "47169", "Duisburg"),  # noqa: E501
    Space("NW", C, "Bonn", 318800, "05314000", "Lebenshilfe Bonn e.V.", EV, "53111", "Bonn", "Bundesstadt Bonn"),  # noqa: E501
    Space("NW", D, "Gelsenkirchen-Hassel", 15100, "05513000", "Evangelischer Kirchenkreis Gelsenkirchen und Wattenscheid", PB, "45879", "Gelsenkirchen"),  # noqa: E501
    Space("NW", C, "Solingen", 158700, "05122000", "Stadt Solingen – Stadtdienst Soziales", MU, "42651", "Solingen", "Klingenstadt Solingen"),  # noqa: E501
    Space("NW", K, "Kreis Lippe", 348400, "05766000", "Lebenshilfe Detmold e.V.", EV, "32756", "Detmold"),  # noqa: E501
    Space("NW", K, "Hochsauerlandkreis", 262100, "05958000", "Caritasverband Brilon e.V.", EV, "59929", "Brilon"),  # noqa: E501
    Space("NW", M, "Gemeinde Kalletal", 13900, "", "Gemeinde Kalletal", MU, "32689", "Kalletal"),  # noqa: E501
    Space("NW", C, "Aachen", 245900, "05334002", "Caritasverband für die Regionen Aachen-Stadt und Aachen-Land e.V.", EV, "52062", "Aachen"),  # noqa: E501
    Space("NW", P, "Siebengebirge (Königswinter und Bad Honnef)", 67900, "", "Inklusionsnetzwerk Siebengebirge e.V.", EV, "53639", "Königswinter", "Stadt Königswinter"),  # noqa: E501
    Space("NW", C, "Hamm", 176600, "05915000", "AWO Unterbezirk Hamm-Warendorf", EV, "59065", "Hamm"),  # noqa: E501
    Space("NW", D, "Wuppertal-Oberbarmen", 45100, "05124000", "Gemeinwesenprojekt Oberbarmen e.V.", EV, "42277", "Wuppertal"),  # noqa: E501
    Space("NW", C, "Paderborn", 148100, "", "Caritasverband Paderborn e.V.", EV, "33098", "Paderborn"),  # noqa: E501
    Space("NW", K, "Kreis Euskirchen", 190500, "05366000", "Lebenshilfe Kreis Euskirchen e.V.", EV, "53879", "Euskirchen"),  # noqa: E501
    Space("NW", C, "Mönchengladbach", 259400, "05116000", "Sozialdienst katholischer Frauen Mönchengladbach e.V.", EV, "41061", "Mönchengladbach"),  # noqa: E501
    Space("NW", C, "Herne", 155000, "05916000", "Stadt Herne – Fachbereich Soziales", MU, "44623", "Herne"),  # noqa: E501
    Space("NW", M, "Gemeinde Wettringen", 8100, "", "Bürgerstiftung Wettringen", FO, "48493", "Wettringen"),  # noqa: E501
    # Baden-Württemberg
    Space("BW", C, "Schwäbisch Gmünd", 59200, "", "Stadt Schwäbisch Gmünd", MU, "73525", "Schwäbisch Gmünd"),  # noqa: E501
    Space("BW", C, "Freiburg im Breisgau", 226400, "08311000", "Caritasverband Freiburg-Stadt e.V.", EV, "79098", "Freiburg im Breisgau"),  # noqa: E501
    Space("BW", D, "Stuttgart-Bad Cannstatt", 69300, "08111000", "Evangelische Gesellschaft Stuttgart e.V.", EV, "70372", "Stuttgart", "Landeshauptstadt Stuttgart"),  # noqa: E501
    Space("BW", D, "Mannheim-Neckarstadt-West", 20100, "08222000", "Gemeinschaftszentrum Neckarstadt-West e.V.", EV, "68169", "Mannheim"),  # noqa: E501
    Space("BW", C, "Tübingen", 87500, "08416041", "Lebenshilfe Tübingen e.V.", EV, "72072", "Tübingen", "Universitätsstadt Tübingen"),  # noqa: E501
    Space("BW", K, "Landkreis Ravensburg", 280400, "08436000", "Landkreis Ravensburg – Sozialdezernat", MU, "88212", "Ravensburg"),  # noqa: E501
    Space("BW", C, "Heidelberg", 156300, "08221000", "Caritasverband Heidelberg e.V.", EV, "69115", "Heidelberg"),  # noqa: E501
    Space("BW", K, "Ortenaukreis", 418300, "08317000", "Lebenshilfe der Region Offenburg-Oberkirch e.V.", EV, "77652", "Offenburg"),  # noqa: E501
    Space("BW", M, "Gemeinde Wilhelmsdorf", 4800, "", "Gemeinde Wilhelmsdorf", MU, "88271", "Wilhelmsdorf"),  # noqa: E501
    Space("BW", C, "Ulm", 122600, "08421000", "AWO Kreisverband Ulm/Alb-Donau e.V.", EV, "89073", "Ulm"),  # noqa: E501
    Space("BW", P, "Raumschaft Spaichingen im Landkreis Tuttlingen", 29800, "", "Diakonisches Werk Tuttlingen", EV, "78549", "Spaichingen", "Landratsamt Tuttlingen"),  # noqa: E501
    Space("BW", C, "Karlsruhe", 307800, "08212000", "Stadt Karlsruhe – Sozial- und Jugendbehörde", MU, "76133", "Karlsruhe"),  # noqa: E501
    Space("BW", D, "Heilbronn-Böckingen", 22300, "08121000", "Offene Hilfen Heilbronn gGmbH", GG, "74080", "Heilbronn"),  # noqa: E501
    Space("BW", K, "Landkreis Biberach", 195500, "08426000", "Lebenshilfe Kreis Biberach e.V.", EV, "88400", "Biberach an der Riß"),  # noqa: E501
    # Bayern
    Space("BY", C, "Erlangen", 108300, "09562000", "Stadt Erlangen – Amt für Soziales, Arbeit und Wohnen", MU, "91052", "Erlangen"),  # noqa: E501
    Space("BY", D, "München-Hasenbergl", 19900, "09162000", "Caritasverband der Erzdiözese München und Freising e.V.", EV, "80335", "München", "Landeshauptstadt München"),  # noqa: E501
    Space("BY", D, "Nürnberg-Langwasser", 35200, "09564000", "Lebenshilfe Nürnberg e.V.", EV, "90471", "Nürnberg"),  # noqa: E501
    Space("BY", C, "Augsburg", 286400, "09761000", "Diakonisches Werk Augsburg e.V.", EV, "86150", "Augsburg"),  # noqa: E501
    Space("BY", C, "Regensburg", 145500, "09362000", "Stadt Regensburg – Amt für Soziales", MU, "93047", "Regensburg"),  # noqa: E501
    Space("BY", K, "Landkreis Cham", 126900, "09372000", "Lebenshilfe für Menschen mit Behinderung Cham e.V.", EV, "93413", "Cham"),  # noqa: E501
    Space("BY", C, "Bamberg", 73300, "09461000", "Caritasverband für die Stadt Bamberg und den Landkreis Bamberg e.V.", EV, "96047", "Bamberg"),  # noqa: E501
    Space("BY", M, "Gemeinde Haar", 20500, "", "Gemeinde Haar", MU, "85540", "Haar"),  # noqa: E501
    Space("BY", K, "Landkreis Oberallgäu", 151200, "09780000", "Allgäuer Inklusionsnetzwerk e.V.", EV, "87527", "Sonthofen"),  # noqa: E501
    Space("BY", C, "Würzburg", 125000, "09663000", "Diakonisches Werk Würzburg e.V.", EV, "97070", "Würzburg"),  # noqa: E501
    Space("BY", C, "Ingolstadt", 132400, "09161000", "Stadt Ingolstadt – Amt für Soziales", MU, "85049", "Ingolstadt"),  # noqa: E501
    Space("BY", P, "Ilzer Land im Landkreis Passau", 33100, "", "Ilzer Land e.V.", EV, "94124", "Büchlberg", "Landratsamt Passau"),  # noqa: E501
    Space("BY", C, "Fürth", 124200, "09563000", "AWO Kreisverband Fürth-Stadt e.V.", EV, "90762", "Fürth"),  # noqa: E501
    Space("BY", K, "Landkreis Neumarkt i.d.OPf.", 130000, "09373000", "Caritasverband für den Landkreis Neumarkt e.V.", EV, "92318", "Neumarkt in der Oberpfalz"),  # noqa: E501
    Space("BY", C, "Bayreuth", 72700, "09462000", "Lebenshilfe Bayreuth e.V.", EV, "95444", "Bayreuth"),  # noqa: E501
    Space("BY", C, "Kempten (Allgäu)", 67000, "09763000", "Kemptener Werkstätten gGmbH", GG, "87435", "Kempten (Allgäu)"),  # noqa: E501
    Space("BY", M, "Markt Bad Endorf", 8100, "", "Bürgerverein Bad Endorf e.V.", EV, "83093", "Bad Endorf", "Markt Bad Endorf"),  # noqa: E501
]
# fmt: on

SCIENCE = {
    "SH": ["Fachhochschule Kiel", "Europa-Universität Flensburg"],
    "HH": ["Hochschule für Angewandte Wissenschaften Hamburg", "Evangelische Hochschule Hamburg"],
    "HB": ["Hochschule Bremen", "Universität Bremen"],
    "BE": ["Katholische Hochschule für Sozialwesen Berlin", "Alice Salomon Hochschule Berlin"],
    "BB": ["Fachhochschule Potsdam", "Brandenburgische Technische Universität Cottbus"],
    "MV": ["Hochschule Neubrandenburg", "Universität Rostock"],
    "SN": ["Evangelische Hochschule Dresden", "Hochschule Zittau/Görlitz", "Hochschule Mittweida"],
    "ST": ["Hochschule Magdeburg-Stendal", "Hochschule Merseburg"],
    "TH": ["Ernst-Abbe-Hochschule Jena", "Fachhochschule Erfurt"],
    "SL": ["Hochschule für Technik und Wirtschaft des Saarlandes"],
    "RP": ["Hochschule Koblenz", "Katholische Hochschule Mainz"],
    "HE": ["Hochschule Fulda", "Evangelische Hochschule Darmstadt", "Universität Kassel"],
    "NI": ["Hochschule Hannover", "Hochschule Emden/Leer", "Hochschule Osnabrück"],
    "NW": [
        "Katholische Hochschule Nordrhein-Westfalen",
        "Technische Hochschule Köln",
        "Evangelische Hochschule Rheinland-Westfalen-Lippe",
        "Universität Siegen",
    ],
    "BW": [
        "Evangelische Hochschule Ludwigsburg",
        "Pädagogische Hochschule Heidelberg",
        "Katholische Hochschule Freiburg",
    ],
    "BY": [
        "Katholische Stiftungshochschule München",
        "Technische Hochschule Nürnberg Georg Simon Ohm",
        "Hochschule für angewandte Wissenschaften Würzburg-Schweinfurt",
    ],
}

FIRST_NAMES = [
    "Anna", "Andreas", "Birgit", "Bernd", "Claudia", "Christian", "Dagmar", "Daniel",
    "Elke", "Erik", "Franziska", "Frank", "Gabriele", "Georg", "Heike", "Holger", "Ines",
    "Jan", "Julia", "Jürgen", "Katharina", "Klaus", "Lena", "Lars", "Monika", "Markus",
    "Nadine", "Nils", "Petra", "Peter", "Regina", "Ralf", "Sandra", "Stefan", "Tanja",
    "Tobias", "Ulrike", "Uwe", "Vera", "Volker", "Yvonne", "Wolfgang", "Ayşe", "Mehmet",
    "Olga", "Dariusz", "Svenja", "Henrik", "Marion", "Karsten",
]  # fmt: skip
SURNAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Hofmann", "Hartmann", "Lange", "Werner",
    "Krause", "Lehmann", "Köhler", "Herrmann", "Walter", "König", "Möller", "Kaiser",
    "Fuchs", "Peters", "Lang", "Scholz", "Jung", "Hahn", "Vogel", "Friedrich", "Keller",
    "Günther", "Berger", "Frank", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht",
    "Winkler", "Ludwig", "Simon", "Böhm", "Yıldız", "Kowalski", "Nowak", "Engel", "Sommer",
]  # fmt: skip
STREETS = [
    "Hauptstraße", "Bahnhofstraße", "Kirchstraße", "Schulstraße", "Marktplatz", "Lindenallee",
    "Goethestraße", "Schillerstraße", "Gartenstraße", "Am Rathaus", "Friedrichstraße",
    "Mühlenweg", "Parkstraße", "Bergstraße", "Wilhelmstraße", "Ringstraße", "Am Sportplatz",
    "Mozartstraße", "Breite Straße", "Poststraße",
]  # fmt: skip

# --- fragments of the concepts ------------------------------------------------------------

INTRO = [
    "{Space} hat rund {population} Einwohnerinnen und Einwohner; etwa jede zehnte Person "
    "lebt mit einer anerkannten Schwerbehinderung.",
    "{In_space} leben rund {population} Menschen, darunter viele ältere Menschen und "
    "Familien mit Kindern mit Behinderung.",
    "{Space} hat rund {population} Einwohnerinnen und Einwohner und eine lebendige "
    "Vereinslandschaft.",
    "Unser Sozialraum – {space} – zählt rund {population} Einwohnerinnen und Einwohner. "
    "Die Zahl älterer Menschen wächst deutlich.",
]
BARRIERS = [
    "Viele Gehwege, Haltestellen und öffentliche Gebäude sind nicht barrierefrei; wer einen "
    "Rollstuhl oder Rollator nutzt, kommt oft nicht weiter.",
    "Freizeitangebote von Vereinen richten sich bisher fast nur an Menschen ohne Behinderung.",
    "Der Übergang von der Förderschule in den allgemeinen Arbeitsmarkt gelingt nur wenigen "
    "jungen Menschen.",
    "Am Abend und am Wochenende fahren kaum Busse; das trifft Menschen ohne Führerschein "
    "besonders.",
    "Bezahlbarer barrierefreier Wohnraum ist knapp, die Wartelisten sind lang.",
    "Informationen der Verwaltung gibt es kaum in Leichter Sprache oder in Gebärdensprache.",
    "Eingliederungshilfe, Jugendhilfe und Altenhilfe arbeiten nebeneinander statt miteinander.",
    "Viele Arztpraxen liegen im ersten Stock ohne Aufzug.",
    "Kinder mit Behinderung werden oft mit dem Fahrdienst in Einrichtungen außerhalb gebracht "
    "und kennen die Kinder aus ihrer Nachbarschaft kaum.",
]
EXISTING = [
    "Es gibt einen Behindertenbeirat, der bisher vor allem beratend tätig ist.",
    "Seit {year} trifft sich ein Runder Tisch Inklusion, an dem Wirtschaft und Wissenschaft "
    "aber noch fehlen.",
    "Einzelne Projekte – etwa ein inklusives Sportfest oder ein Café mit Beschäftigten mit "
    "Behinderung – zeigen, dass Begegnung gelingt.",
    "{council} hat {year} beschlossen, einen Aktionsplan zur UN-Behindertenrechtskonvention "
    "zu erarbeiten.",
    "Als Träger arbeiten wir seit vielen Jahren mit Menschen mit Behinderung und kennen die "
    "Lücken im Alltag genau.",
    "Eine Befragung im Jahr {year} hat gezeigt, dass sich viele Menschen mit Behinderung im "
    "Sozialraum nicht zugehörig fühlen.",
]
GOALS_BY_FIELD = {
    FieldOfAction.WORK: "Mehr Menschen mit Behinderung finden Arbeit bei Betrieben vor Ort – "
    "über Praktika, Jobpatenschaften und das Budget für Arbeit.",
    FieldOfAction.EDUCATION: "Kitas, Schulen und die Volkshochschule öffnen ihre Angebote für "
    "alle Kinder, Jugendlichen und Erwachsenen.",
    FieldOfAction.HOUSING: "Es entstehen mehr barrierefreie und bezahlbare Wohnungen, auch in "
    "gemischten Hausgemeinschaften.",
    FieldOfAction.LEISURE: "Sportvereine, Jugendtreffs und Kulturangebote stehen Menschen mit "
    "und ohne Behinderung gemeinsam offen.",
    FieldOfAction.MOBILITY: "Haltestellen, Wege und der Nahverkehr werden so gestaltet, dass "
    "alle selbstständig unterwegs sein können.",
    FieldOfAction.HEALTH: "Arztpraxen und Beratungsstellen werden barrierearm und informieren "
    "verständlich.",
    FieldOfAction.CULTURE: "Bibliothek, Theater und Museen bieten Führungen in Leichter "
    "Sprache, mit Gebärdensprache und zum Tasten an.",
    FieldOfAction.ACCESSIBILITY: "Öffentliche Gebäude, Webseiten und Informationen der "
    "Verwaltung werden barrierefrei.",
}
GOALS_GENERAL = [
    "Menschen mit und ohne Behinderung sollen {in_space} selbstverständlich zusammen leben, "
    "lernen, wohnen und arbeiten.",
    "Menschen mit Behinderung reden bei allen Planungen im Sozialraum von Anfang an mit.",
    "Aus einzelnen Projekten soll ein dauerhaftes Netzwerk werden, das auch nach der "
    "Förderung weiterarbeitet.",
    "Bis Ende 2019 öffnen mindestens {count} Vereine und Einrichtungen ihre Angebote für alle.",
]
APPROACH = [
    "Zu Beginn laden wir zu einer Auftaktkonferenz ein, bei der Menschen mit Behinderung, "
    "Vereine, Betriebe und Verwaltung gemeinsam Schwerpunkte setzen.",
    "Eine Steuerungsgruppe mit Vertreterinnen und Vertretern aller Partner trifft sich "
    "monatlich und entscheidet über die nächsten Schritte.",
    "Mit Sozialraumbegehungen erfassen wir Barrieren vor Ort – gemeinsam mit "
    "Rollstuhlnutzerinnen und -nutzern, blinden und gehörlosen Menschen.",
    "Für jedes Handlungsfeld bildet sich eine Arbeitsgruppe, die konkrete Maßnahmen plant.",
    "Eine Netzwerkkoordination mit einer halben Stelle hält die Fäden zusammen.",
    "Wir dokumentieren unsere Erfahrungen so, dass andere Kommunen sie nutzen können.",
    "Zweimal im Jahr berichten wir öffentlich, auch in Leichter Sprache, was sich verändert hat.",
    "Eine Zukunftswerkstatt mit Jugendlichen, Eltern und älteren Menschen sammelt Ideen für "
    "die ersten Maßnahmen.",
]
NETWORK_EXTRAS = [
    "Sportvereine",
    "die Kirchengemeinden",
    "den Einzelhandel",
    "die Kreishandwerkerschaft",
    "die örtliche Wohnungsbaugesellschaft",
    "Selbstvertretungsgruppen von Menschen mit Lernschwierigkeiten",
    "die Volkshochschule",
    "eine Hochschule für die wissenschaftliche Begleitung",
    "den Seniorenbeirat",
    "das Jobcenter",
    "die Agentur für Arbeit",
    "Migrantenorganisationen",
    "die Verkehrsbetriebe",
    "die Musikschule",
]
WHY_NOW = [
    "Der Kreis erarbeitet gerade einen Teilhabeplan; jetzt können wir mitgestalten.",
    "Mit dem geplanten Bundesteilhabegesetz ändert sich vieles – wir wollen die Chance "
    "nutzen, Angebote im Sozialraum neu zu denken.",
    "Viele Partner haben in den letzten Jahren einzeln etwas bewegt; nun wollen wir "
    "gemeinsam einen Schritt weiter gehen.",
    "Die Verwaltung hat Inklusion zum Schwerpunkt gemacht und eine Stelle dafür geschaffen.",
    "Engagierte Menschen mit Behinderung haben uns gesagt, was fehlt – jetzt wollen wir handeln.",
    "Im Zuge der Stadterneuerung wird viel gebaut; Barrierefreiheit muss jetzt mitgedacht werden.",
    "Unser Modellprojekt zur inklusiven Freizeit läuft aus; die Erfahrungen sollen in ein "
    "dauerhaftes Netzwerk münden.",
    "Die Zahl älterer Menschen steigt stark; ohne barrierefreie Strukturen verlieren viele "
    "ihre Selbstständigkeit.",
]

ROLES = {
    "administration": [
        "Sitzt in der Steuerungsgruppe, stellt Daten der Sozialplanung bereit und bringt die "
        "Ergebnisse in Ausschüsse und Aktionsplan ein.",
        "Die Behindertenbeauftragte arbeitet im Netzwerk mit; die Verwaltung prüft eigene "
        "Gebäude und Formulare auf Barrieren.",
    ],
    "business": [
        "Bietet Praktikums- und Arbeitsplätze für Menschen mit Behinderung an und wirbt bei "
        "anderen Betrieben für Inklusion.",
        "Unterstützt barrierefreie Umbauten im Quartier und beteiligt sich an der "
        "Öffentlichkeitsarbeit.",
        "Stellt Räume für Veranstaltungen zur Verfügung und bildet Beschäftigte im Umgang mit "
        "Kundinnen und Kunden mit Behinderung fort.",
    ],
    "civil": [
        "Öffnet die eigenen Angebote für Menschen mit Behinderung und bringt Ehrenamtliche ein.",
        "Organisiert Begegnungen in der Nachbarschaft und leitet eine Arbeitsgruppe.",
    ],
    "self_advocacy": [
        "Bringt die Sicht von Menschen mit Behinderung ein, prüft Texte in Leichter Sprache "
        "und beteiligt sich an Sozialraumbegehungen.",
    ],
    "church": [
        "Stellt Gemeinderäume zur Verfügung und öffnet Gruppen und Feste für alle.",
    ],
    "school": [
        "Entwickelt mit Eltern inklusive Angebote am Nachmittag und begleitet den Übergang "
        "von der Schule in den Beruf.",
    ],
    "science": [
        "Begleitet das Vorhaben wissenschaftlich, wertet Befragungen aus und bringt "
        "Studierende in Praxisprojekte ein.",
    ],
}


# --- helpers --------------------------------------------------------------------------------

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ş": "s", "ı": "i"})
_LEGAL_SUFFIX = re.compile(r"\s+(e\.\s?V\.|gGmbH|GmbH|eG)$")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_TRANSLIT)).strip("-")


def _domain(name: str) -> str:
    short = _LEGAL_SUFFIX.sub("", name.split(" – ")[0].split(",")[0])
    slug = _slug(short)
    if len(slug) > 40:
        slug = slug[:40].rsplit("-", 1)[0]
    return f"{slug}.example"


def _person(rng: random.Random) -> tuple[str, str]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    return f"{first} {last}", f"{_slug(first)}.{_slug(last)}"


def _phone(rng: random.Random) -> str:
    return f"0{rng.randint(30, 99)}{rng.randint(1, 9)} {rng.randint(10000, 999999)}"


def _fields_of_work(provider: str, legal_form: str) -> list[str]:
    if "Lebenshilfe" in provider or "Werkstätten" in provider:
        return [FieldOfWork.DISABILITY, FieldOfWork.HOUSING, FieldOfWork.EMPLOYMENT]
    if legal_form == LegalForm.MUNICIPALITY:
        return [FieldOfWork.COMMUNITY, FieldOfWork.ELDERLY, FieldOfWork.CHILDREN_YOUTH]
    if any(word in provider for word in ("Caritas", "Diakon", "AWO", "Stadtmission")):
        return [FieldOfWork.DISABILITY, FieldOfWork.ELDERLY, FieldOfWork.MIGRATION]
    if "Jugend" in provider:
        return [FieldOfWork.CHILDREN_YOUTH, FieldOfWork.EDUCATION]
    return [FieldOfWork.COMMUNITY, FieldOfWork.DISABILITY]


# Names that need an article in a German sentence: (prefix, article, "in" + article).
_ARTICLES = [
    ("Verbandsgemeinden ", "die", "in den"),
    ("Landkreis ", "der", "im"),
    ("Kreis ", "der", "im"),
    ("Markt ", "der", "im"),
    ("Amt ", "das", "im"),
    ("Gemeinde ", "die", "in der"),
    ("Verbandsgemeinde ", "die", "in der"),
    ("Samtgemeinde ", "die", "in der"),
    ("Region ", "die", "in der"),
    ("Raumschaft ", "die", "in der"),
    ("Siebengebirge", "das", "im"),
    ("Annaberger Land", "das", "im"),
    ("Ilzer Land", "das", "im"),
]


def place_grammar(space: Space) -> dict:
    """The space's name as a sentence subject and after "in", each also capitalised."""
    name = space.name
    nominative, in_space = name, f"in {name}"
    if name.endswith("kreis"):
        nominative, in_space = f"der {name}", f"im {name}"
    for prefix, article, preposition in _ARTICLES:
        if name.startswith(prefix):
            nominative, in_space = f"{article} {name}", f"{preposition} {name}"
            break
    council = {
        SpaceKind.COUNTY: "Der Kreistag",
        SpaceKind.PART_OF_COUNTY: "Der Kreistag",
        SpaceKind.DISTRICT: "Die Bezirksvertretung",
        SpaceKind.MUNICIPALITY: "Der Gemeinderat",
        SpaceKind.CITY: "Der Stadtrat",
    }[space.kind]
    return {
        "space": name,
        "Space": nominative[0].upper() + nominative[1:],
        "in_space": in_space,
        "In_space": in_space[0].upper() + in_space[1:],
        "council": council,
    }


def _administration(space: Space) -> str:
    if space.administration:
        return space.administration
    if space.kind in (SpaceKind.COUNTY, SpaceKind.MUNICIPALITY):
        return space.name
    if space.kind == SpaceKind.DISTRICT:
        return f"Stadt {space.city}"
    return f"Stadt {space.name}"


def _number_de(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _partners(rng: random.Random, space: Space) -> list[dict]:
    """1–4 partners, the municipality first unless the provider is the municipality."""
    city = space.city
    candidates = []
    if space.legal_form == LegalForm.MUNICIPALITY:
        candidates.append(
            (f"Behindertenbeirat {space.name}", Sector.CIVIL_SOCIETY, PartnerKind.SELF_ADVOCACY)
        )
    else:
        candidates.append(
            (_administration(space), Sector.ADMINISTRATION, PartnerKind.MUNICIPAL_ADMINISTRATION)
        )
    surname = rng.choice(SURNAMES)
    pool = [
        (f"Sparkasse {city}", Sector.BUSINESS, PartnerKind.COMPANY),
        (f"Stadtwerke {city} GmbH", Sector.BUSINESS, PartnerKind.COMPANY),
        (f"Wohnungsbaugenossenschaft {city} eG", Sector.BUSINESS, PartnerKind.COMPANY),
        (f"Tischlerei {surname} GmbH", Sector.BUSINESS, PartnerKind.COMPANY),
        (f"Bäckerei {surname}", Sector.BUSINESS, PartnerKind.COMPANY),
        (f"TSV {city} e.V.", Sector.CIVIL_SOCIETY, PartnerKind.ASSOCIATION),
        (f"Freiwilligenagentur {city} e.V.", Sector.CIVIL_SOCIETY, PartnerKind.ASSOCIATION),
        (f"Evangelische Kirchengemeinde {city}", Sector.CIVIL_SOCIETY, PartnerKind.CHURCH),
        (f"Katholische Pfarrei St. Marien {city}", Sector.CIVIL_SOCIETY, PartnerKind.CHURCH),
        (f"Selbstvertretungsgruppe „Wir reden mit“ {city}", Sector.CIVIL_SOCIETY,
         PartnerKind.SELF_ADVOCACY),
        (f"Blinden- und Sehbehindertenverein {city} e.V.", Sector.CIVIL_SOCIETY,
         PartnerKind.ASSOCIATION),
        (f"DRK-Kreisverband {city} e.V.", Sector.CIVIL_SOCIETY, PartnerKind.FEDERATION),
        (f"Grundschule am Markt {city}", Sector.ADMINISTRATION, PartnerKind.SCHOOL),
        (f"Kita Regenbogen {city}", Sector.CIVIL_SOCIETY, PartnerKind.SCHOOL),
        (f"Volkshochschule {city}", Sector.ADMINISTRATION, PartnerKind.OTHER),
        (rng.choice(SCIENCE[space.state]), Sector.SCIENCE, PartnerKind.UNIVERSITY),
        (rng.choice(SCIENCE[space.state]), Sector.SCIENCE, PartnerKind.UNIVERSITY),
    ]  # fmt: skip
    count = rng.choice([1, 2, 2, 3, 3, 3, 4, 4])
    seen = {candidates[0][0]}
    for candidate in rng.sample(pool, len(pool)):
        if len(candidates) >= count:
            break
        if candidate[0] not in seen and candidate[0] != space.provider:
            seen.add(candidate[0])
            candidates.append(candidate)
    partners = []
    for name, sector, kind in candidates:
        contact, local = _person(rng)
        if sector == Sector.ADMINISTRATION and kind == PartnerKind.MUNICIPAL_ADMINISTRATION:
            role_key = "administration"
        elif sector == Sector.BUSINESS:
            role_key = "business"
        elif sector == Sector.SCIENCE:
            role_key = "science"
        elif kind in (PartnerKind.SELF_ADVOCACY, PartnerKind.CHURCH, PartnerKind.SCHOOL):
            role_key = kind
        else:
            role_key = "civil"
        partners.append(
            {
                "name": name,
                "sector": sector,
                "kind": kind,
                "contact_name": contact,
                "contact_email": f"{local}@{_domain(name)}" if rng.random() < 0.85 else "",
                "role": rng.choice(ROLES[role_key]),
            }
        )
    return partners


def _concept(rng: random.Random, space: Space, partners: list[dict]) -> dict:
    fields = rng.sample(list(FieldOfAction.values), rng.randint(2, 4))
    fields.sort(key=list(FieldOfAction.values).index)
    values = {
        **place_grammar(space),
        "population": _number_de(space.population),
        "year": rng.randint(2010, 2015),
        "count": rng.randint(5, 20),
    }

    def sentences(pool, k):
        """k different sentences of the pool, in the pool's order."""
        chosen = sorted(rng.sample(range(len(pool)), k))
        return " ".join(pool[i].format(**values) for i in chosen)

    starting = " ".join(
        [rng.choice(INTRO).format(**values), sentences(BARRIERS, rng.randint(1, 3))]
        + ([rng.choice(EXISTING).format(**values)] if rng.random() < 0.8 else [])
    )
    goals = " ".join(
        [rng.choice(GOALS_GENERAL).format(**values)]
        + [GOALS_BY_FIELD[field] for field in fields[: rng.randint(1, len(fields))]]
    )
    approach = sentences(APPROACH, rng.randint(2, 4))
    named = [partner["name"] for partner in partners[:3]]
    extras = rng.sample(NETWORK_EXTRAS, rng.randint(2, 4))
    network = (
        f"Mit im Boot sind bereits {', '.join(named)}; dazu wollen wir "
        f"{', '.join(extras[:-1])} und {extras[-1]} gewinnen."
    )
    if rng.random() < 0.5:
        network += " Erste Gespräche dazu haben schon stattgefunden."
    return {
        "starting_situation": starting,
        "goals": goals,
        "fields_of_action": fields,
        "approach": approach,
        "expected_network": network,
    }


def _answers(rng: random.Random, questions, space: Space, partner_count: int) -> dict:
    """Answers as the answer form stores them (see forms.AnswersForm.values)."""
    data = {}
    for question in questions:
        kind = question.kind
        if kind == Question.Kind.LONG_TEXT:
            value = " ".join(rng.sample(WHY_NOW, rng.randint(1, 3)))
        elif kind == Question.Kind.SHORT_TEXT:
            value = rng.choice(["Netzwerkkoordinatorin (halbe Stelle)", "Sozialplanung"])
        elif kind == Question.Kind.SINGLE_CHOICE:
            municipal = space.legal_form == LegalForm.MUNICIPALITY
            value = rng.choice(["3", "4"] if municipal else ["1", "2", "2", "2", "3", "3", "4"])
        elif kind == Question.Kind.MULTIPLE_CHOICE:
            count = len(question.option_choices())
            value = sorted(rng.sample([str(n) for n in range(1, count + 1)], rng.randint(1, 3)))
        elif kind == Question.Kind.NUMBER:
            value = str(partner_count + 1 + rng.randint(0, 18))
        elif kind == Question.Kind.YES_NO:
            value = "yes" if rng.random() < 0.35 else "no"
        elif kind == Question.Kind.DATE:
            if not question.required and rng.random() < 0.3:
                continue
            start = datetime.date(2008, 1, 1)
            value = (start + datetime.timedelta(days=rng.randint(0, 8 * 365))).isoformat()
        else:  # files: optional in the first stage, not given in the demo
            continue
        data[question.key] = value
    return data


def _submission_times(rng: random.Random, count: int, opens, closes) -> list[datetime.datetime]:
    """Spread over the stage, most of them in its last weeks, all before the deadline."""
    days = (closes - opens).days
    berlin_zone = timezone.get_default_timezone()
    times = []
    for _index in range(count):
        draw = rng.random()
        if draw < 0.15:  # on the last day
            offset = days
        elif draw < 0.25:  # the day before
            offset = days - 1
        else:
            offset = int(rng.betavariate(2.2, 1.3) * days)
        day = (opens + datetime.timedelta(days=offset)).astimezone(berlin_zone)
        hour = rng.choice([8, 9, 9, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 17, 18, 20, 22])
        moment = berlin(day.year, day.month, day.day, hour, rng.randint(0, 59))
        times.append(min(max(moment, opens + datetime.timedelta(days=2)), closes))
    return times


@contextmanager
def _backdated(moment: datetime.datetime):
    """Audit entries written inside get `moment` as their time (demo history in 2016)."""
    last = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    yield
    AuditEntry.objects.filter(pk__gt=last).update(created_at=moment)


def _staff() -> User:
    return User.objects.get(email=DEMO_PEOPLE[0][1])


def _member(organisation: Organisation, email: str) -> User | None:
    membership = organisation.memberships.select_related("user").filter(user__email=email).first()
    return membership.user if membership else None


# --- the 2016 call ---------------------------------------------------------------------------


def _load_2016(call: Call) -> None:
    stage = call.first_stage()
    questions = list(stage.questions.all())
    rng = random.Random(2016)
    times = _submission_times(rng, len(SPACES_2016), stage.opens_at, stage.closes_at)
    times.sort()
    # Reference numbers follow the order of submission, Neuruppin's included.
    neuruppin_number = 1 + sum(1 for moment in times if moment <= NEURUPPIN_SUBMITTED_AT)
    order = list(range(len(SPACES_2016)))
    rng.shuffle(order)
    submitted, numbers = {}, {}
    for position, index in enumerate(order):
        submitted[index] = times[position]
        numbers[index] = position + 1 if position + 1 < neuruppin_number else position + 2

    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=space.provider,
            legal_form=space.legal_form,
            street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
            postcode=space.postcode,
            city=space.city,
            state=space.state,
            website=f"https://www.{_domain(space.provider)}" if rng.random() < 0.7 else "",
            email=f"info@{_domain(space.provider)}",
            phone=_phone(rng),
            fields_of_work=_fields_of_work(space.provider, space.legal_form),
        )
        for space in SPACES_2016
    )

    applications = []
    started = {}
    for index, (space, organisation) in enumerate(zip(SPACES_2016, organisations, strict=True)):
        moment = submitted[index]
        number = numbers[index]
        contact, local = _person(rng)
        first_day = timezone.localtime(moment - datetime.timedelta(days=rng.randint(3, 40)))
        first_opened = berlin(
            first_day.year, first_day.month, first_day.day, rng.randint(8, 19), rng.randint(0, 59)
        )
        earliest = stage.opens_at + datetime.timedelta(minutes=rng.randint(5, 400))
        started[index] = min(max(first_opened, earliest), moment - datetime.timedelta(hours=2))
        applications.append(
            Application(
                call=call,
                organisation=organisation,
                stage=stage,
                status=Status.SUBMITTED,
                reference=f"{call.reference_prefix}-{call.reference_year}-{number:04d}",
                contact_name=contact,
                contact_email=f"{local}@{_domain(space.provider)}",
                contact_phone=_phone(rng) if rng.random() < 0.8 else "",
                revision=1,
                submitted_at=moment,
            )
        )
    Application.objects.bulk_create(applications)

    spaces, concepts, partners, answer_sets = [], [], [], []
    for space, application in zip(SPACES_2016, applications, strict=True):
        spaces.append(
            SocialSpace(
                application=application,
                kind=space.kind,
                name=space.name,
                state=space.state,
                population=space.population,
                ags=space.ags,
                revision=1,
            )
        )
        its_partners = _partners(rng, space)
        partners.extend(
            Partner(application=application, revision=1, **values) for values in its_partners
        )
        concepts.append(
            Concept(application=application, revision=1, **_concept(rng, space, its_partners))
        )
        answer_sets.append(
            Answers(
                application=application,
                stage=stage,
                data=_answers(rng, questions, space, len(its_partners)),
                revision=1,
            )
        )
    SocialSpace.objects.bulk_create(spaces)
    Concept.objects.bulk_create(concepts)
    Partner.objects.bulk_create(partners)
    Answers.objects.bulk_create(answer_sets)

    # Freeze each version from the stored rows, as services.submit does.
    fresh = Application.objects.filter(pk__in=[a.pk for a in applications]).select_related(
        "call", "stage", "organisation", "social_space", "concept"
    )
    Version.objects.bulk_create(
        Version(
            application=application,
            stage=stage,
            number=1,
            content=content.build(application),
            submitted_at=application.submitted_at,
        )
        for application in fresh
    )

    # Real timestamps instead of "now": started, last changed and submitted in 2016.
    for index, application in enumerate(applications):
        application.created_at = started[index]
        application.updated_at = application.submitted_at
    Application.objects.bulk_update(applications, ["created_at", "updated_at"])
    for partner in partners:
        partner.created_at = started[applications.index(partner.application)]
    Partner.objects.bulk_update(partners, ["created_at"])

    content_type = ContentType.objects.get_for_model(Application)
    entries = []
    for index, application in enumerate(applications):
        common = {
            "actor_label": application.contact_name,
            "content_type": content_type,
            "object_id": str(application.pk),
            "object_label": application.reference,
        }
        entries += [
            (started[index], AuditEntry(action="application_started", **common)),
            (
                application.submitted_at,
                AuditEntry(
                    action="application_submit",
                    before={"status": Status.DRAFT},
                    after={"status": Status.SUBMITTED},
                    **common,
                ),
            ),
            (
                application.submitted_at,
                AuditEntry(
                    action="application_version_frozen",
                    after={"version": 1, "reference": application.reference},
                    **common,
                ),
            ),
        ]
    created = AuditEntry.objects.bulk_create(entry for _moment, entry in entries)
    for (moment, _entry), entry in zip(entries, created, strict=True):
        entry.created_at = moment
    AuditEntry.objects.bulk_update(created, ["created_at"])

    Call.objects.filter(pk=call.pk).update(last_reference_number=neuruppin_number - 1)
    application = _load_neuruppin(call)
    assert application.reference.endswith(f"-{neuruppin_number:04d}")
    Call.objects.filter(pk=call.pk).update(last_reference_number=len(SPACES_2016) + 1)


NEURUPPIN_CONCEPT = {
    "starting_situation": (
        "Neuruppin ist mit rund 31.000 Einwohnerinnen und Einwohnern die Kreisstadt des "
        "Landkreises Ostprignitz-Ruppin. Die historische Altstadt mit Kopfsteinpflaster und "
        "vielen Stufen ist für Menschen im Rollstuhl oder mit Rollator schwer zugänglich. "
        "Jugendliche mit Behinderung besuchen meist Förderschulen und fehlen in den Vereinen "
        "und Jugendclubs der Stadt. Die Jugendarbeit Neuruppin e.V. betreibt Jugendclubs und "
        "Schulsozialarbeit und erlebt täglich, wie schnell junge Menschen mit Behinderung aus "
        "dem Blick geraten."
    ),
    "goals": (
        "Jugendliche mit und ohne Behinderung nutzen die Freizeit- und Bildungsangebote in "
        "Neuruppin gemeinsam. Bis 2019 sind alle Jugendclubs der Stadt barrierefrei erreichbar, "
        "und mindestens fünf Betriebe bieten Praktikumsplätze für Jugendliche mit Behinderung "
        "an. Die Stadt veröffentlicht wichtige Informationen auch in Leichter Sprache."
    ),
    "fields_of_action": [
        FieldOfAction.WORK,
        FieldOfAction.EDUCATION,
        FieldOfAction.LEISURE,
        FieldOfAction.ACCESSIBILITY,
    ],
    "approach": (
        "Wir beginnen mit Sozialraumbegehungen durch die Altstadt und die Wohngebiete – "
        "gemeinsam mit Jugendlichen mit Behinderung. Eine Steuerungsgruppe aus Jugendarbeit "
        "Neuruppin, Stadtverwaltung, Schule und Wirtschaft trifft sich alle sechs Wochen. "
        "Arbeitsgruppen zu Freizeit, Übergang Schule–Beruf und Barrierefreiheit planen "
        "konkrete Maßnahmen. Eine Netzwerkkoordination bei der Jugendarbeit Neuruppin hält die "
        "Fäden zusammen und berichtet öffentlich über die Fortschritte."
    ),
    "expected_network": (
        "Neben unseren Partnern wollen wir die Sportvereine, die Kreismusikschule, den "
        "Seniorenbeirat, das Jobcenter und die Fachhochschule Potsdam für die wissenschaftliche "
        "Begleitung gewinnen."
    ),
}

NEURUPPIN_PARTNERS = [
    {
        "name": "Stadt Neuruppin",
        "sector": Sector.ADMINISTRATION,
        "kind": PartnerKind.MUNICIPAL_ADMINISTRATION,
        "contact_name": "Sabine Hartmann",
        "contact_email": "s.hartmann@stadt-neuruppin.example",
        "role": (
            "Der Fachbereich Bildung, Jugend und Soziales sitzt in der Steuerungsgruppe, stellt "
            "Daten der Sozialplanung bereit und bringt die Ergebnisse in die "
            "Stadtverordnetenversammlung ein."
        ),
    },
    {
        "name": "Evangelische Schule Neuruppin",
        "sector": Sector.CIVIL_SOCIETY,
        "kind": PartnerKind.SCHOOL,
        "contact_name": "Thomas Richter",
        "contact_email": "t.richter@evschule-neuruppin.example",
        "role": (
            "Entwickelt mit uns inklusive Nachmittagsangebote und begleitet Schülerinnen und "
            "Schüler beim Übergang in die Ausbildung."
        ),
    },
    {
        "name": "Tischlerei Krüger GmbH",
        "sector": Sector.BUSINESS,
        "kind": PartnerKind.COMPANY,
        "contact_name": "Frank Krüger",
        "contact_email": "info@tischlerei-krueger-neuruppin.example",
        "role": (
            "Bietet Praktikumsplätze für Jugendliche mit Behinderung an und baut mit ihnen mobile "
            "Rampen für Geschäfte in der Altstadt."
        ),
    },
    {
        "name": "Behindertenverband Ostprignitz-Ruppin e.V.",
        "sector": Sector.CIVIL_SOCIETY,
        "kind": PartnerKind.SELF_ADVOCACY,
        "contact_name": "Ilona Peters",
        "contact_email": "",
        "role": (
            "Bringt die Sicht von Menschen mit Behinderung ein und leitet die Sozialraumbegehungen."
        ),
    },
]

NEURUPPIN_ANSWERS = [
    # by question position
    (
        "In Neuruppin wird gerade ein neues Jugendzentrum geplant; es soll von Anfang an für "
        "alle Jugendlichen offen sein. Die Stadtverordneten haben 2015 beschlossen, einen "
        "Teilhabeplan zu erarbeiten – jetzt können wir mitgestalten."
    ),
    "3",
    ["1", "3"],
    "9",
    "no",
    "2014-09-01",
]


def _load_neuruppin(call: Call) -> Application:
    """The demo applicant's expression of interest, step by step through the services."""
    organisation = Organisation.objects.get(name=NEURUPPIN)
    katrin = _member(organisation, "k.lehmann@jugendarbeit-neuruppin.example")
    marco = _member(organisation, "m.schulz@jugendarbeit-neuruppin.example") or katrin
    stage = call.first_stage()

    with _backdated(berlin(2016, 6, 20, 9, 12)):
        application = services.start_application(
            actor=katrin, call=call, organisation=organisation, now=berlin(2016, 6, 20, 9, 12)
        )
        application = services.save_contact(
            actor=katrin,
            application=application,
            revision=application.revision,
            contact_name="Katrin Lehmann",
            contact_email="k.lehmann@jugendarbeit-neuruppin.example",
            contact_phone="03391 123456",
        )
        services.save_social_space(
            actor=katrin,
            application=application,
            revision=0,
            kind=SpaceKind.CITY,
            name="Neuruppin",
            state=State.BB,
            population=31000,
            ags="12068320",
        )
    with _backdated(berlin(2016, 7, 4, 20, 10)):
        services.save_concept(
            actor=katrin, application=application, revision=0, **NEURUPPIN_CONCEPT
        )
    for offset, values in enumerate(NEURUPPIN_PARTNERS):
        with _backdated(berlin(2016, 7, 5 + 2 * offset, 15, 30)):
            services.save_partner(
                actor=marco if offset % 2 else katrin, application=application, **values
            )
    with _backdated(berlin(2016, 7, 13, 11, 45)):
        questions = list(stage.questions.all())
        values = {
            question.key: answer
            for question, answer in zip(questions, NEURUPPIN_ANSWERS, strict=False)
        }
        services.save_answers(
            actor=marco,
            application=application,
            stage=stage,
            revision=0,
            values=values,
            files={},
        )
    with _backdated(NEURUPPIN_SUBMITTED_AT):
        services.submit(actor=katrin, application=application, now=NEURUPPIN_SUBMITTED_AT)
    Application.objects.filter(pk=application.pk).update(
        created_at=berlin(2016, 6, 20, 9, 12), updated_at=NEURUPPIN_SUBMITTED_AT
    )
    Partner.objects.filter(application=application).update(created_at=berlin(2016, 7, 5, 15, 30))

    sent_at = berlin(2016, 8, 24, 11, 5)
    with _backdated(sent_at):
        message = services.send_message(
            actor=_staff(),
            application=application,
            subject="Rückfrage zu Ihrer Interessenbekundung",
            body=(
                "Sehr geehrte Frau Lehmann,\n\n"
                "vielen Dank für Ihre Interessenbekundung für Neuruppin. Bei der Vorbereitung "
                "der Kommissionssitzung ist eine Frage aufgekommen: Welche Aufgaben übernimmt die "
                "Stadtverwaltung Neuruppin konkret im Netzwerk, und gibt es dazu bereits eine "
                "schriftliche Zusage?\n\n"
                "Eine kurze Antwort per E-Mail bis zum 2. September 2016 genügt.\n\n"
                "Mit freundlichen Grüßen\n"
                "Miriam Albers\n"
                "Aktion Mensch e.V. – Initiative „Kommune Inklusiv“"
            ),
        )
    Message.objects.filter(pk=message.pk).update(sent_at=sent_at)
    application.refresh_from_db()
    return application


# --- drafts to the open 2027 call --------------------------------------------------------------

DRAFTS_2027 = [
    {
        # The demo applicant's organisation, half-way: contact, social space, one partner.
        "organisation": NEURUPPIN,
        "actor": "k.lehmann@jugendarbeit-neuruppin.example",
        "space": {
            "kind": SpaceKind.COUNTY,
            "name": "Landkreis Ostprignitz-Ruppin",
            "state": State.BB,
            "population": 99100,
            "ags": "12068000",
        },
        "partners": [
            {
                "name": "Landkreis Ostprignitz-Ruppin – Jugendamt",
                "sector": Sector.ADMINISTRATION,
                "kind": PartnerKind.MUNICIPAL_ADMINISTRATION,
                "contact_name": "Dirk Albrecht",
                "contact_email": "d.albrecht@opr.example",
                "role": (
                    "Die Jugendhilfeplanung des Kreises bringt die Erfahrungen aus Neuruppin in "
                    "die Gemeinden des Kreises und sitzt in der Steuerungsgruppe."
                ),
            }
        ],
        "concept": None,
        "answers": None,
    },
    {
        # Complete and ready to submit.
        "organisation": "Lebenshilfe Ostprignitz-Ruppin e.V.",
        "actor": "h.krause@lebenshilfe-opr.example",
        "space": {
            "kind": SpaceKind.CITY,
            "name": "Wittstock/Dosse",
            "state": State.BB,
            "population": 14200,
            "ags": "",
        },
        "partners": [
            {
                "name": "Stadt Wittstock/Dosse",
                "sector": Sector.ADMINISTRATION,
                "kind": PartnerKind.MUNICIPAL_ADMINISTRATION,
                "contact_name": "Kerstin Vogel",
                "contact_email": "k.vogel@wittstock.example",
                "role": (
                    "Das Bürgeramt prüft Formulare und Aushänge auf Verständlichkeit und stellt "
                    "Räume im Rathaus für das Netzwerk zur Verfügung."
                ),
            },
            {
                "name": "Wohnungsgesellschaft Wittstock mbH",
                "sector": Sector.BUSINESS,
                "kind": PartnerKind.COMPANY,
                "contact_name": "Ralf Neumann",
                "contact_email": "r.neumann@wg-wittstock.example",
                "role": (
                    "Baut bei Modernisierungen barrierefreie Wohnungen und vermietet an "
                    "gemischte Hausgemeinschaften."
                ),
            },
        ],
        "concept": {
            "starting_situation": (
                "Wittstock/Dosse ist eine Kleinstadt mit rund 14.000 Einwohnerinnen und "
                "Einwohnern und vielen Ortsteilen. Busse fahren selten, barrierefreie "
                "Wohnungen sind knapp. Viele Menschen mit Behinderung wohnen in Einrichtungen "
                "am Stadtrand und nehmen am Leben in der Stadt kaum teil."
            ),
            "goals": (
                "Menschen mit Behinderung wohnen mitten in der Stadt und in den Ortsteilen. "
                "Ein Rufbus bringt alle zu Arbeit, Einkauf und Freizeit. Vereine öffnen ihre "
                "Angebote für alle."
            ),
            "fields_of_action": [FieldOfAction.HOUSING, FieldOfAction.MOBILITY],
            "approach": (
                "Wir nutzen das Praxishandbuch der ersten Förderwelle: zuerst eine "
                "Auftaktkonferenz, dann Arbeitsgruppen zu Wohnen und Mobilität. Eine "
                "Steuerungsgruppe mit Stadt, Wohnungsgesellschaft und Selbstvertretung trifft "
                "sich monatlich."
            ),
            "expected_network": (
                "Dazu kommen sollen die Verkehrsgesellschaft des Kreises, der Seniorenbeirat "
                "und die Kirchengemeinden der Ortsteile."
            ),
        },
        "answers": [
            (
                "In Wittstock/Dosse sind die Wege weit und die Angebote verstreut. Gerade hier "
                "zeigt sich, ob Inklusion auch im ländlichen Raum gelingt."
            ),
            "2",
            ["1", "3"],
            "5",
            "yes",
            "Netzwerkkoordinatorin bei der Lebenshilfe (halbe Stelle)",
            None,
        ],
    },
    {
        # Just started: only the contact person.
        "organisation": "Sozialwerk Rhein-Erft gGmbH",
        "actor": "p.yilmaz@sozialwerk-rhein-erft.example",
        "space": None,
        "partners": [],
        "concept": None,
        "answers": None,
    },
]


def _load_draft(call: Call, spec: dict) -> None:
    organisation = Organisation.objects.filter(name=spec["organisation"]).first()
    if organisation is None or call.applications.filter(organisation=organisation).exists():
        return
    actor = _member(organisation, spec["actor"])
    if actor is None:
        return
    application = services.start_application(actor=actor, call=call, organisation=organisation)
    if spec["space"]:
        services.save_social_space(
            actor=actor, application=application, revision=0, **spec["space"]
        )
    for values in spec["partners"]:
        services.save_partner(actor=actor, application=application, **values)
    if spec["concept"]:
        services.save_concept(actor=actor, application=application, revision=0, **spec["concept"])
    if spec["answers"]:
        stage = application.stage
        values = {
            question.key: answer
            for question, answer in zip(stage.questions.all(), spec["answers"], strict=False)
            if answer is not None
        }
        services.save_answers(
            actor=actor, application=application, stage=stage, revision=0, values=values, files={}
        )


def load() -> list:
    """The 2016 applications (unless present) and the 2027 drafts (each unless present)."""
    call_2016 = Call.objects.get(slug=CALL_2016_SLUG)
    call_2027 = Call.objects.get(slug=CALL_2027_SLUG)
    with transaction.atomic():
        if not call_2016.applications.exists():
            _load_2016(call_2016)
    with transaction.atomic():
        for spec in DRAFTS_2027:
            _load_draft(call_2027, spec)
    return []
