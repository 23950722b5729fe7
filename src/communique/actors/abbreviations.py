"""Abbreviations an article defines: "the Joint Border Commission (JBC)" ... "the JBC".

News writing names a body, zone or force in full once, with its abbreviation in brackets, and uses
the abbreviation after that. A mention of the abbreviation stands for what the full name resolves
to: the body itself when the full name is a resolved mention, else the one state the full name
names ("Norway's air defence identification zone (NADIZ)" is Norway's). The long form is found as
Schwartz and Hearst (2003) find it: the shortest run of words before the bracket whose letters
spell the abbreviation, the first at the start of a word.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..records import Mention

ABBREVIATION = re.compile(r"^[A-Z][A-Za-z&\-]{1,9}$")
RULE = "abbreviation"


@dataclass(frozen=True, slots=True)
class Definition:
    short: str
    start: int  # character span of the long form
    end: int
    close: int  # the end of the bracket after it


def spells(short: str, long: str) -> bool:
    """Whether the letters of ``short`` occur in order in ``long``, its first at a word start
    (Schwartz & Hearst's long-form test, read right to left)."""
    s, n = short.casefold(), long.casefold()
    i, j = len(s) - 1, len(n) - 1
    while i >= 0:
        c = s[i]
        if not c.isalnum():
            i -= 1
            continue
        while j >= 0 and (n[j] != c or (i == 0 and j > 0 and n[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        i, j = i - 1, j - 1
    return True


def definitions(sdoc: Doc) -> list[Definition]:
    """Each "long form (SHORT)" of the text."""
    found: list[Definition] = []
    for tok in sdoc:
        if tok.text != "(" or tok.i + 2 >= len(sdoc) or sdoc[tok.i + 2].text != ")":
            continue
        short = sdoc[tok.i + 1].text
        if not ABBREVIATION.match(short) or sum(c.isupper() for c in short) < 2:
            continue
        sent_start = tok.sent.start
        letters = sum(c.isalnum() for c in short)
        for size in range(1, min(letters + 5, 2 * letters) + 1):
            first = tok.i - size
            if first < sent_start or sdoc[first].is_punct and sdoc[first].text not in ("'s", "’s"):
                break
            words = sdoc[first:tok.i]
            if words[0].is_alpha and spells(short, words.text):
                found.append(Definition(short, words.start_char, words.end_char, sdoc[tok.i + 2].idx + 1))
                break
    return found


def resolve_abbreviations(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Give each mention of a defined abbreviation what its long form resolves to."""
    found = definitions(sdoc)
    if not found:
        return mentions
    meaning: dict[str, Mention | str] = {}
    for definition in found:
        inside = [m for m in mentions if m.end <= definition.close and m.start < definition.end
                  and (definition.start <= m.start or sdoc.text[m.start:definition.start].strip().casefold() == "the")]
        whole = sorted((m for m in inside if m.actor_id and m.rule != RULE
                        and (min(m.end, definition.end) - max(m.start, definition.start)) * 2
                        >= definition.end - definition.start), key=lambda m: m.start - m.end)
        states = {m.country for m in mentions if m.country and m.start < definition.end and m.end > definition.start}
        if whole:
            meaning[definition.short] = whole[0]
        elif len(states) == 1:
            meaning[definition.short] = states.pop()
    result = []
    for mention in mentions:
        words = mention.text.split()
        short = words[-1] if words and (len(words) == 1 or words[0].casefold() == "the") and len(words) <= 2 else None
        value = meaning.get(short) if short else None
        if mention.country is not None or value is None:
            pass
        elif isinstance(value, Mention):
            mention = dataclasses.replace(mention, kind=value.kind, country=value.country, sector=value.sector,
                                          name=value.name, actor_id=value.actor_id, organisation=value.organisation,
                                          rule=RULE)
        else:
            kind = "organisation" if mention.kind == "person" else mention.kind
            mention = dataclasses.replace(mention, kind=kind, country=value, rule=RULE,
                                          actor_id=f"org:{short.casefold()}" if kind != mention.kind else mention.actor_id)
        result.append(mention)
    return result
