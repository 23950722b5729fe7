"""Recurring named mechanisms and their editions: "the 10th Defense and Security Consultation",
"the sixth Vietnam-China Defence Strategic Dialogue", "the 24th edition of the Malabar exercise".

A mechanism name is normalised so that its editions meet under one id: participant countries,
demonyms and combining forms ("Sino-") are taken out, spelling is folded (Defence -> Defense),
and known aliases map to one canonical name. The ``mechanisms`` stage lists the mechanisms of a
document and links each event to the mechanism its sentence says it is an edition of.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import data_files
from ..data_files import DataFileError
from ..nlp.entities import entities_in
from ..place.gazetteer import country_names, fold
from ..place.geocode import geocode
from ..records import Document, Event, Mechanism, MechanismRef
from ..registry import StageSettings, stage
from .crossdoc import is_named


class MechanismDataError(DataFileError):
    """A data file of the mechanism layer does not follow its schema."""


# --------------------------------------------------------------------------- data files


@dataclass(frozen=True, slots=True)
class Vocabulary:
    heads: frozenset[str]
    ordinal_only_heads: frozenset[str]
    not_names: frozenset[str]
    edition_nouns: frozenset[str]
    frequencies: dict[str, str]
    ordinals: dict[str, int]
    tens: dict[str, int]
    spellings: dict[str, str]
    small_words: frozenset[str]
    head_kinds: dict[str, str] = field(default_factory=dict)  # head noun -> the kind of occasion it names
    naming_verbs: frozenset[str] = frozenset()  # "an exercise dubbed Nile Eagles 2": the name it is given
    code_named_heads: dict[str, str] = field(default_factory=dict)  # head -> its kind's first head, for code names


@dataclass(frozen=True, slots=True)
class KnownMechanism:
    name: str
    aliases: tuple[str, ...]
    frequency: str | None = None


def _read(name: str) -> tuple[str, Any]:
    """A file of ``data/mechanisms``, checked against its schema (:mod:`communique.data_files`)."""
    return str(data_files.builtin(f"mechanisms/{name}")), data_files.load_builtin(f"mechanisms/{name}")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    path, data = _read("vocabulary.yaml")
    if not isinstance(data, dict):
        raise MechanismDataError(f"{path}: expected a mapping at top level")

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise MechanismDataError(f"{path}: {key}: expected a list of strings")
        return frozenset(v.casefold() for v in value)

    def mapping(key: str, kind: type) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise MechanismDataError(f"{path}: {key}: expected a mapping")
        for k, v in value.items():
            if not isinstance(v, kind):
                raise MechanismDataError(f"{path}: {key}.{k}: expected a {kind.__name__}")
        return {str(k).casefold(): v for k, v in value.items()}

    return Vocabulary(
        heads=words("heads"),
        ordinal_only_heads=words("ordinal_only_heads"),
        not_names=words("not_names"),
        edition_nouns=words("edition_nouns"),
        frequencies=mapping("frequencies", str),
        ordinals=mapping("ordinals", int),
        tens=mapping("tens", int),
        spellings=mapping("spellings", str),
        small_words=words("small_words"),
        head_kinds={head.casefold(): kind for kind, heads in (data.get("head_kinds") or {}).items() for head in heads},
        naming_verbs=words("naming_verbs") if "naming_verbs" in data else frozenset(),
        code_named_heads={head.casefold(): heads[0] for kind, heads in (data.get("head_kinds") or {}).items()
                          if kind in (data.get("code_named_kinds") or ()) for head in heads},
    )


@lru_cache(maxsize=1)
def known_mechanisms() -> tuple[KnownMechanism, ...]:
    path, data = _read("known.yaml")
    if not isinstance(data, list):
        raise MechanismDataError(f"{path}: expected a list of mechanisms")
    known = []
    for i, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise MechanismDataError(f"{path}: entry {i}: needs a 'name'")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise MechanismDataError(f"{path}: entry {i} ({entry['name']}): aliases must be a list of strings")
        known.append(KnownMechanism(entry["name"], tuple(aliases), entry.get("frequency")))
    return tuple(known)


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, KnownMechanism]:
    index = {}
    for mech in known_mechanisms():
        for alias in (mech.name, *mech.aliases):
            index[_alias_key(alias)] = mech
    return index


def _alias_key(text: str) -> str:
    spell = vocabulary().spellings
    words = re.split(r"[\s\-\u2013]+", fold(text).replace("'", ""))
    return " ".join(spell.get(w, w) for w in words if w)


# --------------------------------------------------------------------------- names


@dataclass(slots=True)
class NameAnalysis:
    """What a mechanism phrase says: its normalised name and id, edition, frequency, participants."""

    mechanism_id: str
    name: str
    edition: int | None = None
    frequency: str | None = None
    participants: list[str] = field(default_factory=list)
    known: bool = False
    generic: bool = False  # the name is a bare head noun ("the sixth dialogue")
    capitalised: bool = False  # written as a proper name ("Defense and Security Consultation")
    numbered: bool = False  # the edition is the number after the name ("Northern Gale 5", "the Coral Shield 12 drills")


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"})
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NAME_NUMBER = re.compile(r"^[1-9]\d?$")
_EDGE = "\"'\u201c\u201d\u2018\u2019,.;:()[]"


@dataclass(slots=True)
class _Part:
    text: str
    hyphen: bool  # joined to the previous part by a hyphen


def _parts(text: str) -> list[_Part]:
    parts = []
    for chunk in text.split():
        for n, piece in enumerate(re.split(r"[-\u2013]", chunk)):
            piece = re.sub(r"['\u2019]s?$", "", piece.strip(_EDGE)).strip(_EDGE)
            if piece:
                parts.append(_Part(piece, hyphen=n > 0))
    return parts


def _ordinal(parts: list[_Part], i: int) -> tuple[int, int] | None:
    """(value, parts used) of an ordinal at parts[i]: "10th", "sixth", "twenty-first"."""
    voc = vocabulary()
    word = parts[i].text.casefold()
    digits = _ORDINAL_DIGITS.match(word)
    if digits:
        return int(digits.group(1)), 1
    if word in voc.tens and i + 1 < len(parts) and parts[i + 1].text.casefold() in voc.ordinals:
        unit = voc.ordinals[parts[i + 1].text.casefold()]
        if unit < 10:
            return voc.tens[word] + unit, 2
    if word in voc.ordinals:
        return voc.ordinals[word], 1
    return None


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    table = {}
    for iso3, entry in country_names().items():
        for word in (*entry["demonyms"], *entry["prefixes"]):
            table[fold(word)] = iso3
    return table


@lru_cache(maxsize=8192)
def country_of(text: str) -> str | None:
    """ISO alpha-3 code if ``text`` is a country name, demonym or combining form ("Sino")."""
    if fold(text) in _demonyms():
        return _demonyms()[fold(text)]
    found = geocode(text)
    return found.country if found is not None and found.feature == "country" else None


def _strip_countries(parts: list[_Part]) -> tuple[list[_Part], list[str]]:
    kept: list[_Part] = []
    participants: list[str] = []
    i = 0
    while i < len(parts):
        for size in (3, 2, 1):
            window = parts[i : i + size]
            if len(window) < size or any(p.hyphen for p in window[1:]):
                continue
            if not window[0].text[:1].isupper():
                continue
            code = country_of(" ".join(p.text for p in window))
            if code:
                participants.append(code)
                i += size
                break
        else:
            part = parts[i]
            if kept or not part.hyphen:
                kept.append(part)
            else:
                kept.append(_Part(part.text, hyphen=False))
            i += 1
            continue
        if i < len(parts) and parts[i].hyphen:
            parts[i] = _Part(parts[i].text, hyphen=False)  # "Vietnam-China Defense": drop the joint
    return kept, participants


def _join(parts: list[_Part]) -> str:
    text = ""
    for n, part in enumerate(parts):
        text += ("-" if part.hyphen else " ") + part.text if n else part.text
    return text


def _display(parts: list[_Part]) -> str:
    """Title case with small words kept low and acronyms as written: "Defense and Security Consultation"."""
    voc = vocabulary()
    shown = []
    for n, part in enumerate(parts):
        word = part.text
        if word.casefold() in voc.spellings and (word.islower() or word.istitle()):
            word = voc.spellings[word.casefold()]
        if word.islower() and not part.hyphen and not (n and word in voc.small_words):
            word = word[:1].upper() + word[1:]
        shown.append(_Part(word, part.hyphen))
    return _join(shown)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _counted(parts: list[_Part]) -> tuple[int | None, str | None, bool, list[_Part]]:
    """(edition, frequency, whether the edition is the name's own number, the other words) of a phrase."""
    voc = vocabulary()
    edition = frequency = None
    numbered = False
    kept: list[_Part] = []
    i = 0
    while i < len(parts):
        word = parts[i].text.casefold()
        ordinal = _ordinal(parts, i)
        if ordinal and edition is None:
            edition, used = ordinal
            i += used
            after = [p.text.casefold() for p in parts[i : i + 2]]
            if len(after) == 2 and after[0] in voc.edition_nouns and after[1] == "of":
                i += 2  # "the 24th edition of ..."
            continue
        if edition is None and _NAME_NUMBER.match(word) and i > 0 and not parts[i].hyphen \
                and not (i + 1 < len(parts) and parts[i + 1].hyphen) and parts[i - 1].text[:1].isupper() \
                and parts[i - 1].text.casefold() not in _DETERMINERS and not parts[i - 1].text.isdigit():
            edition, numbered = int(word), True  # "Northern Gale 5": the name's own count
        elif word in voc.frequencies:
            frequency = frequency or voc.frequencies[word]
        elif not (word in _DETERMINERS and not kept) and not _YEAR.match(word):
            kept.append(parts[i])
        i += 1
    return edition, frequency, numbered, kept


def analyse_name(text: str) -> NameAnalysis:
    """Read a mechanism phrase: "the sixth Vietnam-China Defence Strategic Dialogue"."""
    voc = vocabulary()
    edition, frequency, numbered, kept = _counted(_parts(text))
    while kept and kept[0].text.casefold() in (_DETERMINERS | voc.small_words):
        kept.pop(0)
    known = _alias_index().get(_alias_key(_join(kept)))
    stripped, participants = _strip_countries(list(kept))
    while stripped and stripped[0].text.casefold() in voc.small_words:
        stripped.pop(0)
    known = known or _alias_index().get(_alias_key(_join(stripped)))
    if known is None and len(stripped) > 1 and stripped[-1].text.casefold() in voc.heads:
        known = _alias_index().get(_alias_key(_join(stripped[:-1])))  # "RIMPAC exercise"
    code_named = known is None and (named := _code_name(stripped)) is not None
    if code_named:
        stripped = named
    if known is not None:
        name = known.name
        frequency = frequency or known.frequency
    else:
        name = _display(stripped)
    generic = known is None and len(stripped) == 1 and stripped[0].text.casefold() in voc.heads
    mechanism_id = slug(_alias_key(name))
    if generic and participants:
        mechanism_id = "-".join(sorted({c.lower() for c in participants})) + "-" + mechanism_id
    capitals = [p for p in stripped if p.text[:1].isupper() or p.text[:1].isdigit()]
    return NameAnalysis(
        mechanism_id=mechanism_id,
        name=name,
        edition=edition,
        frequency=frequency,
        participants=_unique(participants),
        known=known is not None,
        generic=generic,
        capitalised=code_named or len(capitals) >= 2 and bool(stripped) and stripped[-1].text[:1].isupper(),
        numbered=numbered,
    )


def _code_name(parts: list[_Part]) -> list[_Part] | None:
    """"Freedom Edge exercise", "drill Sea Breeze": capitalised words beside a lower-case head of a
    kind of occasion that takes code names, as "Freedom Edge Exercise"; None for anything else
    (a description, "Navy exercise"; waters, "Pacific exercise"; or a name already written as such)."""
    voc = vocabulary()
    if len(parts) < 2:
        return None
    for head, words in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
        kind_head = voc.code_named_heads.get(head.text.casefold())
        if kind_head is None or not head.text[:1].islower():
            continue
        if all(p.text[:1].isupper() or p.text.isdigit() for p in words) and is_named(_join(words)) \
                and not _names_waters(_join(words)):
            return [*words, _Part(kind_head, hyphen=False)]
    return None


def _names_waters(text: str) -> bool:
    """"the Pacific exercise", "the Black Sea drills": a sea or region says where, not which."""
    place = geocode(text)
    return place is not None and place.feature in ("water", "region")


def normalise_mechanism_name(text: str) -> tuple[str, str]:
    """(mechanism_id, display name): "the 6th defence strategic dialogue" ->
    ("defense-strategic-dialogue", "Defense Strategic Dialogue")."""
    found = analyse_name(text)
    return found.mechanism_id, found.name


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- finding in text

_LEFT_DEPS = frozenset({"compound", "poss", "nmod", "amod", "conj", "nummod"})
_PARTICIPANT_PREPS = frozenset({"between", "among", "with"})


def _phrase_start(token: Token) -> int:
    lefts = [c.left_edge.i for c in token.lefts]
    return min(lefts, default=token.i)


def _outer_head(token: Token, heads: frozenset[str]) -> bool:
    """Whether the token only modifies a later mechanism head ("Conference" in "...Conference's Meeting")."""
    x = token
    while x.dep_ in _LEFT_DEPS and x.head.i > x.i:
        x = x.head
        if x.lower_ in heads:
            return True
    return False


def _edition_target(token: Token) -> Token | None:
    """For "the 24th edition of the Malabar exercise", the noun after "of"."""
    voc = vocabulary()
    if token.lower_ not in voc.edition_nouns:
        return None
    if not any(_ordinal(_parts(c.text), 0) for c in token.lefts if _parts(c.text)):
        return None
    for prep in token.rights:
        if prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _name_end(head: Token, sentence: Span) -> int:
    """Where a name ends: after its head, or after a capitalised "of" part that completes it ("the
    15th Conference of Defense Ministers of the Americas")."""
    doc, end = head.doc, head.i + 1
    if not head.text[:1].isupper():
        return end
    i = end
    while i + 1 < sentence.end and doc[i].lower_ == "of":
        j = i + 1
        if doc[j].lower_ == "the" and j + 1 < sentence.end:
            j += 1
        if not doc[j].text[:1].isupper() or doc[j].is_punct:
            break
        while j < sentence.end and (doc[j].text[:1].isupper() and not doc[j].is_punct
                                    or doc[j].lower_ in ("and", "&") and j + 1 < sentence.end
                                    and doc[j + 1].text[:1].isupper()):
            j += 1
        i = end = j
    return end


def _name_in_apposition(head: Token, sentence: Span) -> Span | None:
    """The proper name a descriptive phrase stands beside: "Arctic Shield 7, a naval exercise" names
    the exercise "Arctic Shield 7" (read from the words, which parsers often attach elsewhere)."""
    doc, i = head.doc, head.i - 1
    while i > sentence.start and doc[i].is_lower and not doc[i].is_punct and doc[i].lower_ not in ("a", "an", "the"):
        i -= 1
    if doc[i].lower_ not in ("a", "an", "the") or i - 1 <= sentence.start or doc[i - 1].text != ",":
        return None
    end = j = i - 1
    while j > sentence.start and (doc[j - 1].text[:1].isupper() or doc[j - 1].like_num) and not doc[j - 1].is_punct:
        j -= 1
    name = doc[j:end]
    if not len(name) or not any(t.text[:1].isupper() for t in name) or country_of(name.text) \
            or any(t.ent_type_ in ("PERSON", "GPE", "NORP") for t in name):
        return None
    return name


def _given_name(analysis: NameAnalysis, span: Span, token: Token, target: Token | None,
                sentence: Span) -> Span | None:
    """The proper name beside a phrase that does not name its occasion itself: in apposition, given by
    a participle, or a code name after the head ("the 13th edition of their joint exercise Ekuverin")."""
    if analysis.known or analysis.capitalised:
        return None
    if target is not None:
        return _name_after(target, sentence)
    if is_mechanism(analysis, span.text):
        return _name_after(token, sentence)
    return _name_in_apposition(token, sentence) or _name_given(token, vocabulary().naming_verbs) \
        or _name_after(token, sentence)


def _name_after(head: Token, sentence: Span) -> Span | None:
    """The code name written right after the head of an occasion that takes one: "the first drill
    Freedom Edge was held ...". Not a place the gazetteer knows, nor a person or state that acts in a
    clause of its own ("the exercise Putin ordered")."""
    if head.lower_ not in vocabulary().code_named_heads or not head.is_lower:
        return None  # ("Exercise Kazind" is a name of its own)
    doc, end = head.doc, head.i + 1
    while end < sentence.end and not doc[end].is_punct and (doc[end].text[:1].isupper() or doc[end].like_num):
        end += 1
    if end == head.i + 1:
        return None
    name = doc[head.i + 1:end]
    if country_of(name.text) or geocode(name.text) is not None \
            or (name.root.dep_ in ("nsubj", "nsubjpass") and name.root.head != head.head):
        return None
    return name


def _name_given(head: Token, naming_verbs: frozenset[str]) -> Span | None:
    """The proper name a participle gives the occasion: "a joint exercise dubbed 'Nile Eagles 2'",
    "the exercise, named Bongosagar", "a drill code-named Kazind"."""
    for acl in head.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in naming_verbs:
            continue
        for c in acl.children:
            if c.dep_ in ("oprd", "attr", "dobj", "xcomp") and c.pos_ in ("PROPN", "NOUN", "NUM"):
                words = [t for t in c.subtree if not t.is_punct or t.text == "-"]
                if words and any(t.text[:1].isupper() for t in words):
                    return head.doc[words[0].i:words[-1].i + 1]
    return None


def _participants_around(head: Token, doc: Doc) -> list[str]:
    found = []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _PARTICIPANT_PREPS:
            for ent in entities_in(doc, prep.i, prep.right_edge.i + 1):
                if ent.label_ in ("GPE", "NORP"):
                    code = country_of(ent.text)
                    if code:
                        found.append(code)
    return found


@dataclass(slots=True)
class _Found:
    mechanism: Mechanism
    head: int  # token index of the noun the sentence uses: "edition" in "the 24th edition of ..."
    analysis: NameAnalysis
    first_of_series: bool = False  # "their first trilateral exercise": an edition only of a series named


def _candidates(sentence: Span, doc: Doc, doc_id: str) -> list[_Found]:
    voc = vocabulary()
    found: list[_Found] = []
    consumed: set[int] = set()
    heads = voc.heads | voc.ordinal_only_heads
    for token in sentence:
        if token.i in consumed or token.lower_ not in heads | voc.edition_nouns:
            continue
        if _outer_head(token, heads):
            continue
        target = _edition_target(token)
        head = target if target is not None else token
        if target is not None:
            consumed.add(target.i)
        elif token.lower_ not in heads:
            continue
        start, end = _phrase_start(token), _name_end(head, sentence)
        span = doc[start:end]
        analysis = analyse_name(span.text)
        if (named := _given_name(analysis, span, token, target, sentence)) is not None:
            span = doc[min(named.start, start):max(named.end, end)]
            head_word = head.lower_ if head.lower_ in voc.code_named_heads else head.text.capitalize()
            counted, analysis = analysis.edition, analyse_name(f"{named.text} {head_word}")
            analysis.edition = analysis.edition or counted  # "the first drill Freedom Edge"
        first_of_series = _first_of_series(analysis, span.text, head)
        if not is_mechanism(analysis, span.text) and not first_of_series:
            continue
        if head.lower_ in voc.ordinal_only_heads and analysis.edition is None:
            continue
        participants = _unique(analysis.participants + _participants_around(token, doc))
        analysis.participants = participants
        found.append(_Found(_record(analysis, doc_id, span), token.i, analysis, first_of_series))
    found.extend(_known_without_head(sentence, doc, doc_id, found))
    return found


@lru_cache(maxsize=1)
def _known_patterns() -> list[re.Pattern[str]]:
    """One alternation for the known names written in capitals (matched as written), one for the rest."""
    upper = sorted({a for m in known_mechanisms() for a in (m.name, *m.aliases) if a.isupper()}, key=len, reverse=True)
    other = sorted({a for m in known_mechanisms() for a in (m.name, *m.aliases) if not a.isupper()}, key=len, reverse=True)
    patterns = []
    for aliases, flags in ((upper, 0), (other, re.IGNORECASE)):
        if aliases:
            body = "|".join(re.escape(a) for a in aliases)
            patterns.append(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags))
    return patterns


def _known_without_head(sentence: Span, doc: Doc, doc_id: str, found: list[_Found]) -> list[_Found]:
    """Known names written without a head noun: "RIMPAC", "the 24th Cobra Gold"."""
    taken = {i for f in found for i in range(f.mechanism.start, f.mechanism.end)}
    extra = []
    for pattern in _known_patterns():
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start_char + match.start(), sentence.start_char + match.end()
            if any(i in taken for i in range(start, end)):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            while span.start > sentence.start and (
                _ordinal(_parts(doc[span.start - 1].text) or [_Part("", False)], 0)
                or doc[span.start - 1].lower_ in vocabulary().frequencies
            ):
                span = doc[span.start - 1 : span.end]
            analysis = analyse_name(span.text)
            extra.append(_Found(_record(analysis, doc_id, span), span.root.i, analysis))
            taken.update(range(span.start_char, span.end_char))
    return extra


def _first_of_series(analysis: NameAnalysis, text: str, head: Token) -> bool:
    """"their first trilateral exercise": a description counting the first occasion of a kind that
    takes code names. It is the first edition of the series the article names ("the Freedom Edge
    exercise"), and of nothing when the article names none."""
    voc = vocabulary()
    return analysis.edition == 1 and not analysis.capitalised and head.lower_ in voc.code_named_heads \
        and not any(word.casefold() in voc.not_names for word in text.split())


def is_mechanism(analysis: NameAnalysis, text: str) -> bool:
    """A known name, a proper name, or a counted edition ("the sixth dialogue"; a bare "first
    meeting" is no edition of anything)."""
    voc = vocabulary()
    if any(word.casefold() in voc.not_names for word in text.split()):
        return False
    if analysis.known or analysis.capitalised or analysis.numbered:
        return True
    return analysis.edition is not None and analysis.edition > 1


def _record(analysis: NameAnalysis, doc_id: str, span: Span) -> Mechanism:
    return Mechanism(
        mechanism_id=analysis.mechanism_id,
        name=analysis.name,
        edition=analysis.edition,
        frequency=analysis.frequency,
        participants=list(analysis.participants),
        doc_id=doc_id,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
    )


def _resolve_generic(found: list[_Found]) -> None:
    """A bare "the sixth dialogue" takes the name of the article's full mechanism with that head."""
    named = [f for f in found if not f.analysis.generic]
    for item in found:
        if not item.analysis.generic:
            continue
        head = item.mechanism.name.casefold()
        for other in named:
            if other.mechanism.name.casefold().endswith(head) and item.mechanism.edition in (
                None,
                other.mechanism.edition,
            ):
                item.mechanism.mechanism_id = other.mechanism.mechanism_id
                item.mechanism.name = other.mechanism.name
                item.mechanism.participants = _unique(other.mechanism.participants + item.mechanism.participants)
                item.mechanism.edition = item.mechanism.edition or other.mechanism.edition
                break
    _one_edition_per_kind(found)
    shared: dict[str, list[str]] = defaultdict(list)
    for item in found:
        shared[item.mechanism.mechanism_id].extend(item.mechanism.participants)
    for item in found:
        item.mechanism.participants = _unique(shared[item.mechanism.mechanism_id])


def _one_edition_per_kind(found: list[_Found]) -> None:
    """Within one article, a later name of the same edition of the same kind of occasion whose
    other words include the first's ("the second trilateral exercise" ... "the second trilateral
    military drill") is the first mechanism, under its first name."""
    kinds = vocabulary().head_kinds

    def reading(item: _Found) -> tuple[str | None, set[str]]:
        words = [w.casefold() for w in re.split(r"[\s\-]+", item.mechanism.name) if w]
        return (kinds.get(words[-1]) if words else None), set(words[:-1])

    readings = [reading(item) for item in found]
    for n, later in enumerate(found):
        kind, words = readings[n]
        if kind is None or later.mechanism.edition is None:
            continue
        for first, (first_kind, first_words) in zip(found[:n], readings[:n]):
            if first_kind == kind and first.mechanism.edition == later.mechanism.edition \
                    and first.mechanism.mechanism_id != later.mechanism.mechanism_id \
                    and (first_words <= words or words <= first_words):
                later.mechanism.mechanism_id, later.mechanism.name = first.mechanism.mechanism_id, first.mechanism.name
                readings[n] = (first_kind, first_words)
                break
    # "an exercise code-named Khaan Quest 2023" ... "the 19th peacekeeping exercise": the article's one
    # named occasion of a kind, named with no edition, is the edition a description of that kind gives;
    # "their second trilateral exercise" ... "the first drill Freedom Edge": a description counting
    # another edition is an edition of the article's one named series of that kind
    for n, item in enumerate(found):
        kind = readings[n][0]
        if kind is None or item.mechanism.edition is None or item.analysis.capitalised:
            continue
        named = [f for f, (k, _) in zip(found, readings) if k == kind and f.analysis.capitalised]
        if len({f.mechanism.mechanism_id for f in named}) != 1:
            continue
        if len(named) == 1 and named[0].mechanism.edition is None:
            named[0].mechanism.edition = item.mechanism.edition
        item.mechanism.mechanism_id, item.mechanism.name = named[0].mechanism.mechanism_id, named[0].mechanism.name


def _find(doc: Document) -> list[_Found]:
    sdoc = doc.spacy_doc
    if sdoc is None:
        return []
    found = [f for sentence in sdoc.sents for f in _candidates(sentence, sdoc, doc.doc_id)]
    for f in found:
        if f.analysis.numbered and doc.published and f.mechanism.edition == int(doc.published[2:4]):
            f.mechanism.edition = f.analysis.edition = None  # "Pitch Black 24" in 2024 names its year
    found.sort(key=lambda f: f.mechanism.start)
    _resolve_generic(found)
    return [f for f in found if not f.first_of_series or f.analysis.capitalised
            or f.mechanism.name != f.analysis.name]  # the first of a series the article names


def find_mechanisms(doc: Document) -> list[Mechanism]:
    """The editions of recurring named mechanisms that the document mentions."""
    return [f.mechanism for f in _find(doc)]


# --------------------------------------------------------------------------- linking events

_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "appos"})
_ARGUMENT_PREPS = frozenset({"to", "in", "at", "during", "for", "on", "into"})


def is_event_argument(head: Token, trigger: Token, span: Span) -> bool:
    """Whether the mechanism headed by ``head`` is what the event with ``trigger`` is about."""
    if span.start <= trigger.i < span.end or trigger.head == head:
        return True  # "the ... Consultation", "the Dialogue slated for ..."
    if head.head == trigger and head.dep_ in _ARGUMENT_DEPS:
        return True  # "The 10th ... Consultation was held", "attends the 6th dialogue"
    if head.dep_ == "pobj" and head.head.lower_ in _ARGUMENT_PREPS:
        anchor = head.head.head
        return anchor == trigger or anchor == trigger.head  # "took part in", "a delegation to"
    return False


def _trigger(event: Event, sdoc: Doc) -> Token | None:
    if event.trigger is None:
        return None
    span = sdoc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def link_events(doc: Document, found: list[_Found]) -> None:
    sdoc = doc.spacy_doc
    if sdoc is None:
        return
    by_sentence: dict[int, list[_Found]] = defaultdict(list)  # only a mechanism in its sentence is an argument
    for item in found:
        by_sentence[sdoc[item.head].sent.start].append(item)
    for event in doc.events:
        trigger = _trigger(event, sdoc)
        if trigger is None:
            continue
        for item in by_sentence.get(trigger.sent.start, ()):
            span = sdoc.char_span(item.mechanism.start, item.mechanism.end, alignment_mode="expand")
            if not is_event_argument(sdoc[item.head], trigger, span):
                continue
            m = item.mechanism
            event.mechanism = MechanismRef(name=m.name, edition=m.edition, mechanism_id=m.mechanism_id)
            break


def anchored_mechanism(doc: Document, event: Event) -> Mechanism | None:
    """The mechanism a sentence places its event at: "on the sidelines of the 20th summit", or "in
    parallel to the conference" after the article has named "the 15th Conference of ...". The noun
    of a definite reference must be in the name of a mechanism named at or before the sentence."""
    from ..reading.anchors import frame_cues

    index = event.sentence_index
    if index is None or not (0 <= index < len(doc.sentences)):
        return None
    sentence = doc.sentences[index]
    for match in frame_cues().anchor.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        noun = match.group(0).split()[-1].casefold()
        here = [m for m in doc.mechanisms if m.start is not None and m.start < end and m.end > start]
        if here:
            return here[0]
        named = [m for m in doc.mechanisms if m.start is not None and m.start < start
                 and noun.rstrip("s") in (m.text or "").casefold()]
        if named:
            return named[-1]
    return None


def run_mechanisms(doc: Document) -> Document:
    found = _find(doc)
    doc.mechanisms = [f.mechanism for f in found]
    link_events(doc, found)
    return doc


def place_events_at_mechanisms(doc: Document) -> None:
    """Events a sentence places at a mechanism's session ("on the sidelines of the summit") take its
    edition: they happen there, though they are not the session itself (so they merge with it only
    as any two events do)."""
    for event in doc.events:
        if event.mechanism is None and (m := anchored_mechanism(doc, event)) is not None:
            event.mechanism = MechanismRef(name=m.name, edition=m.edition, mechanism_id=m.mechanism_id)


@stage("mechanisms", requires=["doc.spacy", "doc.events"], assigns=["doc.mechanisms", "event.mechanism"],
       settings=StageSettings)
def make_mechanisms(settings: dict[str, Any]):
    return run_mechanisms


# --------------------------------------------------------------------------- series


def mechanism_series(rows: list[dict]) -> list[dict]:
    """Group store rows (mechanism_id, name, edition, frequency, doc_id, date, location_name,
    location_country, participants) into one series per mechanism, with missing editions."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get("mechanism_id"):
            groups[row["mechanism_id"]].append(row)
    series = []
    for mechanism_id, items in sorted(groups.items()):
        editions = sorted({int(r["edition"]) for r in items if r.get("edition") is not None})
        names = [r["name"] for r in items if r.get("name")]
        missing = [n for n in range(editions[0], editions[-1] + 1) if n not in editions] if editions else []
        series.append(
            {
                "mechanism_id": mechanism_id,
                "name": max(set(names), key=names.count) if names else mechanism_id,
                "editions": editions,
                "frequency": next((r["frequency"] for r in items if r.get("frequency")), None),
                "dates": sorted({r["date"] for r in items if r.get("date")}),
                "places": _unique(
                    [
                        ", ".join(x for x in (r.get("location_name"), r.get("location_country")) if x)
                        for r in items
                        if r.get("location_name") or r.get("location_country")
                    ]
                ),
                "participants": sorted({p for r in items for p in (r.get("participants") or [])}),
                "doc_ids": sorted({r["doc_id"] for r in items if r.get("doc_id")}),
                "missing_editions": missing,
                "gaps": _gap_notes(missing),
            }
        )
    return series


def _gap_notes(missing: list[int]) -> list[str]:
    notes = []
    runs: list[list[int]] = []
    for n in missing:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in runs:
        notes.append(f"edition {run[0]} not seen" if len(run) == 1 else f"editions {run[0]}-{run[-1]} not seen")
    return notes
