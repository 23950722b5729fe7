"""Metadata carried inside article text: date lines, headlines, datelines, source tags, captions.

:func:`split_metadata` takes normalised text (see :mod:`.normalise`) and returns what it
found plus the body with that metadata removed, so the body starts at the first real sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import IngestLexicon, default_lexicon

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?:,?\s+\d{{4}})?"
_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPS_PLACE = rf"[{_UPPER}][{_UPPER}'’.\-]+(?:\s+[{_UPPER}][{_UPPER}'’.\-]*)" + "{0,3}"
_TITLE_PLACE = r"[A-Z][^\W\d_]+(?:[\s-][A-Z][^\W\d_]+){0,2}"
_REGION = rf"(?!{_MONTH}\s*\d)[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}}"
_OUTLET = r"\((?P<outlet>[A-Za-z][^()\n]{0,40})\)|/(?P<slash_outlet>[A-Za-z][\w ]{0,30})/\.?"
_DASH = r"(?:\s*(?:--|—|–|:)|\s+-|(?<=[)/.])-)\s*"

# ", July 27, 2022:" after a place in title case ("Quito, May 9, 2021: ..."): a full date, then a dash.
_FULL_DATE_DASH = (rf",\s*(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})"
                   rf"\s+\d{{4}}\s*(?:--|—|–|:)")
_NOT_PLACE = r"(?:On|In|At|By|From|Since|Until|As|The|Last|This|Next|Earlier|Later|Today|Yesterday)"
# "BEIJING, Nov. 2 (Xinhua) --", "DONGXING, Apr. 23 --", "HANOI (Reuters) -", "WASHINGTON —",
# "KYIV, Ukraine (AP) —", "MOSCOW, March 5. /TASS/." and, with an outlet, "Hanoi (VNA) –".
_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE}(?=,?\s*(?:{_DAY_DATE}\s*)?\(|\s*/)"
    rf"|(?!{_NOT_PLACE}\b){_TITLE_PLACE}(?={_FULL_DATE_DASH}))"
    rf"(?:,\s*(?P<region>{_REGION}))?"
    rf"(?:,?\s*(?P<date>{_DAY_DATE})\.?)?"
    rf"(?:\s*(?:{_OUTLET}))?"
    rf"(?:{_DASH}|(?<=/)\s+|(?<=/\.)\s+)(?=\S)"
)
# "SEOUL", "NEW DELHI" alone on the article's first line, the body following on the next (a line
# of more words in capitals is more likely a headline: "BEIJING WARNS TOKYO").
_LONE_DATELINE = re.compile(rf"(?P<place>[{_UPPER}][{_UPPER}'’.\-]+(?:[ ][{_UPPER}][{_UPPER}'’.\-]*)?)[ \t]*\n(?=\s*\S)")
# "(VOVworld)- China wants ...", "(VOVWORLD) - ...", "(Reuters) -".
_SOURCE_TAG = re.compile(r"\((?P<source>[A-Za-z][^()\n]{1,40})\)\s*(?:--|[-–—:])\s*(?=\S)")
# "date 2021-04-23 ...", "Published: 2021-04-23T08:00:00Z".
_DATE_PREFIX = re.compile(
    r"(?i:date|dated|published|pubdate)\s*[:=]?\s*(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?:\s+|$)"
)
# Publication dates outside these years are taken for mistakes (9999-12-31, 0001-01-01): the
# article is coded with its date unknown and the input reported.
PUBLISHED_YEARS = (1800, 2200)
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30


@dataclass
class TextMetadata:
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    dateline_place: str | None = None
    dateline_date: str | None = None
    problems: list[str] = field(default_factory=list)


def split_metadata(text: str, *, known_title: str | None = None, lexicon: IngestLexicon | None = None,
                   header: TextMetadata | None = None) -> tuple[TextMetadata, str]:
    """Parse and strip the metadata of normalised ``text``; returns ``(metadata, body)``.

    ``known_title`` (a title given from outside) is removed when the body repeats it as its
    first line, as extracted HTML usually does.
    """
    lexicon = lexicon or default_lexicon()
    meta = header or TextMetadata()
    header_title = meta.title  # read as a title given from outside
    body = drop_caption_lines(text, lexicon.caption_words)
    body = _take_date_prefix(body, meta)
    body, standfirst = _take_headline(body, meta, known_title or header_title)
    meta.title = header_title or meta.title
    body = _take_date_prefix(body, meta)
    for _ in range(2):  # a source tag and a dateline may come in either order
        body = _take_dateline(body, meta, lexicon)
        body = _take_source_tag(body, meta, lexicon)
    body = _take_city_colon(body, meta)
    return meta, (f"{standfirst}\n\n{body.strip()}" if standfirst else body).strip()


# "Islamabad: Pakistan on Wednesday summoned ...": a city and a colon opening the first paragraph
# or the one after a standfirst.
_CITY_COLON = re.compile(rf"(?P<place>{_TITLE_PLACE}|{_CAPS_PLACE})[ \t]*:[ \t]+(?=[A-Z\"“])")


def _take_city_colon(body: str, meta: TextMetadata) -> str:
    """Take a dateline written as a city and a colon, at the start of the body or of its second
    paragraph; the words before the colon must name a city (not "Note:", "Update:")."""
    if meta.dateline_place:
        return body
    lede, gap, rest = body.partition("\n\n")
    for before, text in (("", body), (lede + gap, rest)):
        match = _CITY_COLON.match(text)
        if match and _names_city(match["place"]):
            meta.dateline_place = title_case_place(match["place"].strip())
            return before + text[match.end():]
    return body


def _names_city(name: str) -> bool:
    from ..place.geocode import geocode  # the gazetteer, loaded only for a candidate dateline

    location = geocode(title_case_place(name.strip()))
    return location is not None and location.feature == "city"


def drop_caption_lines(text: str, caption_words: tuple[str, ...]) -> str:
    """Remove image captions and photo credits: ``... - ảnh 1``, ``(Photo: VNA)`` lines."""
    patterns = _caption_patterns(caption_words)
    kept = [line for line in text.split("\n") if not any(pattern.search(line) for pattern in patterns)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


@lru_cache(maxsize=8)
def _caption_patterns(caption_words: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    words = "|".join(re.escape(word) for word in sorted(caption_words, key=len, reverse=True))
    return (
        re.compile(rf"\s[-–—|]\s*(?:{words})\s*\d*\s*$", re.IGNORECASE),  # "... - ảnh 1"
        re.compile(rf"^\(?\s*(?:{words})\s*(?:\d+\s*)?:", re.IGNORECASE),  # "Photo: Reuters"
        re.compile(rf"\(\s*(?:{words})\s*:[^()]*\)\s*$", re.IGNORECASE),  # "... (Photo: VNA)"
    )


def parse_iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` for an ISO 8601 date or date-time, else None."""
    value = value.strip()
    try:
        if len(value) <= 10:
            return dt.date.fromisoformat(value).isoformat()
        return dt.datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def read_published(value: str) -> tuple[str | None, str | None]:
    """``(YYYY-MM-DD, None)`` for a usable publication date, else ``(None, what is wrong)``."""
    iso = parse_iso_date(value)
    if iso is None:
        return None, f"published date {value.strip()[:40]!r} is not an ISO date (YYYY-MM-DD)"
    low, high = PUBLISHED_YEARS
    if not low <= int(iso[:4]) <= high:
        return None, f"published date {iso} is out of range (years {low} to {high})"
    return iso, None


def title_case_place(place: str) -> str:
    """``DONGXING`` -> ``Dongxing``, ``NEW DELHI`` -> ``New Delhi``; mixed case is kept."""
    if not place.isupper():
        return place
    words = [word[:1] + word[1:].lower() for word in place.split()]
    return " ".join("-".join(part[:1].upper() + part[1:] for part in word.split("-")) for word in words)


# A header of "key: value" lines before the first blank line, as saved articles carry it:
# "title: ...", "source: ...", "url: ...", "published: 2022-08-29".
HEADER_KEYS = {"title": "title", "headline": "title", "source": "source", "outlet": "source",
               "publisher": "source", "url": "url", "link": "url", "published": "published", "date": "published",
               "pubdate": "published", "published_at": "published", "author": None, "byline": None, "id": None,
               "language": None, "lang": None}
_HEADER_LINE = re.compile(r"(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*(?P<value>.*)")


def split_header(text: str) -> tuple[TextMetadata, str]:
    """The metadata of a leading block of ``key: value`` lines (title, source, url, published, ...)
    ended by a blank line, and the text after it; only when every line of the block is one and
    one gives the title or the date (else empty metadata and the text unchanged). Read before the
    text is normalised, which joins lines."""
    meta = TextMetadata()
    block, gap, rest = text.replace("\r\n", "\n").lstrip("\ufeff \n").partition("\n\n")
    fields = [_HEADER_LINE.fullmatch(line.strip()) for line in block.split("\n")]
    if not gap or not rest.strip() or not all(m and m["key"].lower() in HEADER_KEYS for m in fields):
        return meta, text
    values = {HEADER_KEYS[m["key"].lower()]: m["value"].strip() for m in fields if m["value"].strip()}
    if not {"title", "published"} & set(values):
        return meta, text
    meta.title, meta.source, meta.url = values.get("title"), values.get("source"), values.get("url")
    if values.get("published") and values["published"].lower() not in ("unknown", "none", "n/a", "-"):
        meta.published, problem = read_published(values["published"])
        if problem:
            meta.problems.append(f"header: {problem}; coded with the date unknown")
    return meta, rest


def _take_date_prefix(body: str, meta: TextMetadata) -> str:
    match = _DATE_PREFIX.match(body)
    if not match or meta.published:
        return body
    meta.published, problem = read_published(match["date"])
    if problem:
        meta.problems.append(f"date line: {problem}; coded with the date unknown")
    return body[match.end():].lstrip()


def _take_headline(body: str, meta: TextMetadata, known_title: str | None) -> tuple[str, str | None]:
    """(the body without its headline, the standfirst): a headline-like first line is the title; with
    a title given, one that says more than it ("Bangladesh lodges a protest after two shells fired
    from Myanmar landed in Bandarban") is the standfirst, the article's own summary, kept as its first
    paragraph, while a shorter one is another headline."""
    first, separator, rest = body.partition("\n")
    if not rest.strip():
        return body, None
    if known_title and _same_text(first, known_title):
        return rest.lstrip(), None
    is_headline = (
        rest.startswith("\n")  # followed by a blank line
        and len(first) <= _HEADLINE_MAX_CHARS
        and len(first.split()) <= _HEADLINE_MAX_WORDS
        and not first.rstrip("\"”’)").endswith(".")  # a sentence, not a headline
        and not _DATELINE.match(first)
        and not _LONE_DATELINE.match(body)
        and not _SOURCE_TAG.match(first)
    )
    if not is_headline:
        return body, None
    if known_title and len(first.split()) > len(known_title.split()):
        return rest.lstrip(), first.strip()
    meta.title = first
    return rest.lstrip(), None


def _take_dateline(body: str, meta: TextMetadata, lexicon: IngestLexicon) -> str:
    if meta.dateline_place:
        return body
    lone = _LONE_DATELINE.match(body)
    if lone:  # the place on a line of its own, in capitals
        meta.dateline_place = title_case_place(lone["place"].strip())
        return body[lone.end():]
    match = _DATELINE.match(body)
    if not match:
        return body
    place = match["place"].strip()
    has_detail = match["date"] or match["outlet"] or match["slash_outlet"]
    if not has_detail and sum(char.isalpha() for char in place.split()[0]) < 3:
        return body  # "US - China ties ...", "U.S. — ..." are not datelines
    meta.dateline_place = title_case_place(place)
    meta.dateline_date = " ".join(match["date"].split()) if match["date"] else None
    outlet = match["outlet"] or match["slash_outlet"]
    if outlet and not meta.source:
        meta.source = lexicon.canonical_outlet(outlet.strip())
    return body[match.end():]


def _take_source_tag(body: str, meta: TextMetadata, lexicon: IngestLexicon) -> str:
    match = _SOURCE_TAG.match(body)
    if not match:
        return body
    if not meta.source:
        meta.source = lexicon.canonical_outlet(match["source"].strip())
    return body[match.end():]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(".") == " ".join(b.split()).casefold().rstrip(".")
