"""The offline gazetteer: German postcodes and towns to coordinates, from the vendored
GeoNames data, with its attribution beside it."""

from pathlib import Path

from inklusiv.core import gazetteer


def test_a_postcode_gives_its_town_and_coordinates():
    place = gazetteer.lookup("16816")
    assert place.town == "Neuruppin"
    assert abs(place.latitude - 52.93) < 0.05 and abs(place.longitude - 12.80) < 0.05


def test_the_town_picks_among_the_places_sharing_a_postcode():
    husum = gazetteer.lookup("25813", "Husum")
    schwesing = gazetteer.lookup("25813", "Schwesing")
    assert (husum.town, schwesing.town) == ("Husum", "Schwesing")
    assert husum.latitude != schwesing.latitude
    # Spelled without umlauts, or as a district of the town, it is still found.
    assert gazetteer.lookup("73525", "Schwaebisch Gmuend").town == "Schwäbisch Gmünd"
    assert gazetteer.lookup("04207", "Leipzig-Grünau").town == "Leipzig"


def test_an_unknown_postcode_gives_nothing():
    assert gazetteer.lookup("00000") is None
    assert gazetteer.lookup("") is None
    assert gazetteer.lookup("1681") is None


def test_a_town_without_postcode_only_where_its_name_is_one_place():
    assert gazetteer.lookup_town("Kassel").postcode.startswith("34")
    assert abs(gazetteer.lookup_town("Berlin").latitude - 52.52) < 0.1
    assert gazetteer.lookup_town("Atlantis") is None


def test_the_data_carries_its_licence():
    attribution = (Path(gazetteer.DATA).parent / "ATTRIBUTION.md").read_text()
    assert "CC BY 4.0" in attribution and "GeoNames" in attribution
    assert Path(gazetteer.DATA).stat().st_size < 1_000_000
