"""Where an article is from: the dateline city's state and the outlet's home country."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pycountry

from .. import data_files
from ..records import Document


@dataclass(frozen=True)
class HomeWords:
    """The words of ``reading/home.yaml`` (see there), or of a file replacing it."""

    generic_domains: frozenset[str]
    headline_adverbs: frozenset[str]


def load_home_words(path: str | Path | None = None) -> HomeWords:
    """The built-in home words, or those of the file ``path`` replacing them."""
    return _load(str(path) if path else None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> HomeWords:
    data = data_files.load_replaceable("reading/home.yaml", path)
    return HomeWords(frozenset(data.get("generic_domains") or ()), frozenset(data.get("headline_adverbs") or ()))


def headline_state(doc: Document, words: HomeWords) -> str | None:
    """The state a headline opens with as the doer of its verb: "Lima summons Chilean envoy",
    "S. Korea Lodges Protest", "Qatar to buy fighters" (headlines tell past acts in the present
    tense). Not "Chilean ambassador summoned" (a modifier) nor "Norway, Iceland hold" (two)."""
    from ..events.parties import country_code

    title = (doc.title or "").split()
    for n in (3, 2, 1):
        if len(title) <= n or not title[0][:1].isupper():
            continue
        code = country_code(" ".join(title[:n]))
        if code is None:
            continue
        rest = [w for w in title[n:] if w.lower() not in words.headline_adverbs]
        verb = rest[0].lower() if rest else ""
        if (verb == "to" or (verb.endswith("s") and verb.isalpha() and not verb.endswith("ss"))) \
                and country_code(rest[0]) is None:
            return code
        return None
    return None


def dateline_country(doc: Document) -> str | None:
    """The state of the dateline city ("MANILA, March 3 -"), where the gazetteer knows it."""
    if not doc.dateline_place:
        return None
    from ..place.geocode import geocode

    place = geocode(doc.dateline_place)
    return place.country if place is not None else None


def outlet_country(doc: Document, words: HomeWords) -> str | None:
    """The outlet's home country: the one state its name names, else its web address's country code."""
    from ..events.parties import country_code

    if doc.source:
        name = [w.strip("().,&") for w in doc.source.split()]
        named = {code for n in (2, 1) for i in range(len(name) - n + 1)
                 if name[i][:1].isupper() and (code := country_code(" ".join(name[i:i + n])))}
        if len(named) == 1:
            return named.pop()
        if named:
            return None
    host = urlparse(doc.url or "").hostname or ""
    suffix = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(suffix) == 2 and suffix not in words.generic_domains:
        country = pycountry.countries.get(alpha_2=suffix.upper())
        return country.alpha_3 if country is not None else None
    return None
