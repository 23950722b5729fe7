"""Offline geocoding of place names as news writes them."""

from __future__ import annotations

import pytest

from communique.place.geocode import clean_name, geocode

# (phrase as written, country hint) -> (name, admin1, country, feature)
TABLE = [
    # cities, with homonyms decided by population or by the country hint
    (("Beijing", None), ("Beijing", "Beijing", "CHN", "city")),
    (("Dongxing city", None), ("Dongxing", "Guangxi", "CHN", "city")),
    (("DONGXING", None), ("Dongxing", "Guangxi", "CHN", "city")),
    (("Hanoi", None), ("Hanoi", "Hanoi", "VNM", "city")),
    (("Munich", None), ("Munich", "Bavaria", "DEU", "city")),
    (("Paris", None), ("Paris", "Ile-de-France", "FRA", "city")),
    (("Perth", None), ("Perth", "Western Australia", "AUS", "city")),
    (("Tripoli", None), ("Tripoli", "Tripoli", "LBY", "city")),
    (("Tripoli", "LBN"), ("Tripoli", "Liban-Nord", "LBN", "city")),
    (("Hyderabad", None), ("Hyderabad", "Telangana", "IND", "city")),
    (("Hyderabad", "PAK"), ("Hyderabad", "Sindh", "PAK", "city")),
    (("Cambridge", "USA"), ("Cambridge", "Massachusetts", "USA", "city")),
    (("Sydney", "CAN"), ("Sydney", "Nova Scotia", "CAN", "city")),
    (("Washington", None), ("Washington", "Washington, D.C.", "USA", "city")),
    (("New Delhi", None), ("New Delhi", "NCT", "IND", "city")),
    (("Islamabad", None), ("Islamabad", "Islamabad", "PAK", "city")),
    (("Kiev", None), ("Kyiv", "Kyiv City", "UKR", "city")),
    (("Ho Chi Minh City", None), ("Ho Chi Minh City", "Ho Chi Minh City", "VNM", "city")),
    (("Saigon", None), ("Ho Chi Minh City", "Ho Chi Minh City", "VNM", "city")),
    (("Tehran's", None), ("Tehran", "Tehran", "IRN", "city")),
    (("Moscow", "RUS"), ("Moscow", "Moscow", "RUS", "city")),
    # first-level divisions, with and without their generic words
    (("Guangxi Zhuang Autonomous Region", None), ("Guangxi", "Guangxi", "CHN", "admin1")),
    (("Xinjiang Uygur Autonomous Region", None), ("Xinjiang", "Xinjiang", "CHN", "admin1")),
    (("Sichuan province", None), ("Sichuan", "Sichuan", "CHN", "admin1")),
    (("Rakhine State", None), ("Rakhine", "Rakhine", "MMR", "admin1")),
    (("California", None), ("California", "California", "USA", "admin1")),
    (("South Carolina", None), ("South Carolina", "South Carolina", "USA", "admin1")),
    (("Georgia", "USA"), ("Georgia", "Georgia", "USA", "admin1")),
    # countries
    (("China", None), ("China", None, "CHN", "country")),
    (("Georgia", None), ("Georgia", None, "GEO", "country")),
    (("the Philippines", None), ("Philippines", None, "PHL", "country")),
    (("U.S.", None), ("United States", None, "USA", "country")),
    (("Syria", None), ("Syria", None, "SYR", "country")),
    # seas, straits, shoals, islands and regions
    (("the South Pacific", None), ("South Pacific", None, None, "region")),
    (("the South China Sea", None), ("South China Sea", None, None, "water")),
    (("East Sea", "VNM"), ("South China Sea", None, None, "water")),
    (("East Sea", "KOR"), ("Sea of Japan", None, None, "water")),
    (("the East China Sea", None), ("East China Sea", None, None, "water")),
    (("Gulf of Tonkin", None), ("Gulf of Tonkin", None, None, "water")),
    (("Second Thomas Shoal", None), ("Second Thomas Shoal", None, None, "water")),
    (("Scarborough Shoal", None), ("Scarborough Shoal", None, None, "water")),
    (("the Spratly Islands", None), ("Spratly Islands", None, None, "region")),
    (("the Paracels", None), ("Paracel Islands", None, None, "region")),
    (("the Taiwan Strait", None), ("Taiwan Strait", None, None, "water")),
    (("the Strait of Hormuz", None), ("Strait of Hormuz", None, None, "water")),
    (("the Red Sea", None), ("Red Sea", None, None, "water")),
    (("the Black Sea", None), ("Black Sea", None, None, "water")),
    (("the Baltic Sea", None), ("Baltic Sea", None, None, "water")),
    (("the Yellow Sea", None), ("Yellow Sea", None, None, "water")),
    (("the Persian Gulf", None), ("Persian Gulf", None, None, "water")),
    (("the Gulf of Aden", None), ("Gulf of Aden", None, None, "water")),
    (("the Strait of Malacca", None), ("Strait of Malacca", None, None, "water")),
    (("the Indian Ocean", None), ("Indian Ocean", None, None, "water")),
    (("the Pacific", None), ("Pacific Ocean", None, None, "water")),
    (("the Mediterranean", None), ("Mediterranean Sea", None, None, "water")),
    (("the Arctic", None), ("Arctic", None, None, "region")),
    (("the Gaza Strip", None), ("Gaza Strip", None, "PSE", "region")),
    (("Africa", None), ("Africa", None, None, "region")),
    (("the Gulf", None), ("Persian Gulf", None, None, "water")),
    # spelling variants: accents, dots, "of the"
    (("Ruzomberok", None), ("Ru\u017eomberok", "Zilinsky", "SVK", "city")),
    (("U.S", None), ("United States", None, "USA", "country")),
    (("The Democratic Republic of Congo", None), ("Democratic Republic of the Congo", None, "COD", "country")),
    # a province written with its generic word; a region named with a demonym
    (("Baghlan province", None), ("Baghl\u0101n", "Baghl\u0101n", "AFG", "admin1")),
    (("Pakistani Kashmir", None), ("Kashmir", None, "PAK", "region")),
]


@pytest.mark.parametrize(("query", "expected"), TABLE, ids=[f"{q[0]}|{q[1]}" for q, _ in TABLE])
def test_geocode_table(query, expected):
    found = geocode(*query)
    assert found is not None
    assert (found.name, found.admin1, found.country, found.feature) == expected


def test_table_is_large_enough():
    assert len(TABLE) >= 30


@pytest.mark.parametrize(
    "name",
    [
        "Munich Security Conference", "Defense Ministry", "Chinese Defense Ministry", "", "   ",
        "South Pacifica", "Beijingg", "North", "the Old City",
    ],
)
def test_no_fuzzy_or_organisation_matches(name):
    assert geocode(name) is None


def test_coordinates_are_given_for_every_kind():
    for name in ("Beijing", "Guangxi Zhuang Autonomous Region", "China", "South China Sea"):
        found = geocode(name)
        assert found.lat is not None and found.lon is not None
    beijing = geocode("Beijing")
    assert abs(beijing.lat - 39.9) < 0.5 and abs(beijing.lon - 116.4) < 0.5
    assert beijing.geonameid == 1816670


def test_admin1_hint_picks_the_homonym_inside_the_division():
    # Several Chinese towns are called Dongxing; the one in Guangxi is the border city.
    found = geocode("Dongxing", "CHN", admin1_hint="Guangxi")
    assert (found.admin1, found.country) == ("Guangxi", "CHN")


def test_results_are_copies():
    first = geocode("Beijing")
    first.name = "changed"
    assert geocode("Beijing").name == "Beijing"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("the Philippines'", "Philippines"), ("U.S.", "U.S."), ("Beijing.", "Beijing"), ("\u201cHanoi\u201d", "Hanoi")],
)
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean
