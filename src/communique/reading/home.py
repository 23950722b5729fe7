"""Where an article is from: the dateline city's state and the outlet's home country."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlparse

import pycountry

from ..data_files import load_builtin
from ..records import Document


@lru_cache(maxsize=1)
def _home_words() -> dict:
    return load_builtin("reading/home.yaml")


def _generic_domains() -> frozenset[str]:
    return frozenset(_home_words().get("generic_domains") or ())


def headline_state(doc: Document) -> str | None:
    """The state a headline opens with as the doer of its verb: "Lima summons Chilean envoy",
    "S. Korea Lodges Protest", "Qatar to buy fighters" (headlines tell past acts in the present
    tense). Not "Chilean ambassador summoned" (a modifier) nor "Norway, Iceland hold" (two)."""
    from ..events.parties import country_code

    words = (doc.title or "").split()
    adverbs = set(_home_words().get("headline_adverbs") or ())
    for n in (3, 2, 1):
        if len(words) <= n or not words[0][:1].isupper():
            continue
        code = country_code(" ".join(words[:n]))
        if code is None:
            continue
        rest = [w for w in words[n:] if w.lower() not in adverbs]
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


def outlet_country(doc: Document) -> str | None:
    """The outlet's home country: the one state its name names, else its web address's country code."""
    from ..events.parties import country_code

    if doc.source:
        words = [w.strip("().,&") for w in doc.source.split()]
        named = {code for n in (2, 1) for i in range(len(words) - n + 1)
                 if words[i][:1].isupper() and (code := country_code(" ".join(words[i:i + n])))}
        if len(named) == 1:
            return named.pop()
        if named:
            return None
    host = urlparse(doc.url or "").hostname or ""
    suffix = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(suffix) == 2 and suffix not in _generic_domains():
        country = pycountry.countries.get(alpha_2=suffix.upper())
        return country.alpha_3 if country is not None else None
    return None
