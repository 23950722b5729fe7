"""Load and check the event pattern dictionaries (YAML data files).

The built-in dictionary is ``communique/data/patterns/verbs.yaml``; users add files of the same
format through the ``events.patterns`` setting. A user rule is tried after the built-in ones
unless it says otherwise: ``priority: N`` (an entry's, or the file's default) puts it before every
rule of lower priority (built-in rules have 0), and ``replaces: ID`` puts it in the place of the
rule with that id. ``intents.yaml`` and ``domains.yaml`` hold the stance markers and domain words;
the ``events.intents`` and ``events.domains`` settings replace them. See the header of
``verbs.yaml`` for the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from .. import data_files, data_schemas
from ..data_files import DataFileError

PATTERN_KEYS = {
    "id", "verbs", "nouns", "objects", "preps", "cameo", "symmetric", "target", "domains",
    "confidence", "requires_actor_object", "object_kind", "xcomp", "requires_domain", "not_objects",
    "priority", "replaces", "acted_by", "bare", "subjects",
}
FILE_KEYS = {"patterns", "priority"}
DEFAULT_TARGET = ("dobj", "with", "to", "against", "on", "at", "for")
OBJECT_KINDS = {"gathering", "place"}
# Who does the rule's act: "one" side to the other (parties named together as its subject do not:
# "the two sides ended their talks" concluded them, not broke them off), or parties "together" only.
ACTED_BY = {"one", "together"}


class PatternError(DataFileError):
    """A pattern file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Pattern:
    id: str
    cameo: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    objects: frozenset[str] | None = None  # None: no object constraint
    not_objects: frozenset[str] = frozenset()  # the rule does not apply to these objects ("fight poverty")
    preps: frozenset[str] = frozenset()
    symmetric: bool = False
    target: tuple[str, ...] = DEFAULT_TARGET
    domains: tuple[tuple[str, str], ...] = ()
    confidence: float = 0.8
    requires_actor_object: bool = False
    object_kind: str | None = None
    xcomp: frozenset[str] = frozenset()  # the verb must govern one of these ("refused to meet")
    requires_domain: bool = False  # the clause must speak of one of the rule's domains
    source: str = ""
    priority: int = 0  # rules of higher priority are tried first; built-in rules have 0
    replaces: str | None = None  # the id of the rule this one takes the place of
    acted_by: str | None = None  # "one" side, or parties "together"; None: either
    bare: bool = False  # the verb governs no clause of an act asked for ("called on the admiral", not "... to act")
    subjects: frozenset[str] = frozenset()  # the verb's subject must be one of these ("shells landed")


@dataclass
class PatternSet:
    patterns: list[Pattern]
    by_verb: dict[str, list[Pattern]] = field(default_factory=dict)
    by_noun: dict[str, list[Pattern]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in self.patterns:
            for lemma in p.verbs:
                self.by_verb.setdefault(lemma, []).append(p)
            for lemma in p.nouns:
                self.by_noun.setdefault(lemma, []).append(p)


@dataclass(frozen=True)
class Lexicon:
    """Stance markers, background cues, cooperation predicates and domain words."""

    intent: frozenset[str]
    scheduled: frozenset[str]
    appeal: frozenset[str]
    irrealis: frozenset[str]
    background: tuple[str, ...]
    cooperation_verbs: frozenset[str]
    cooperation_objects: frozenset[str]
    intent_codes: dict[str, str]
    appeal_code: str
    threat_codes: dict[str, str]
    intent_domains: dict[str, dict[str, str]]
    classifier_codes: dict[str, str]
    domains: dict[str, frozenset[str]]
    reporting: frozenset[str] = frozenset()
    conditional_threat: frozenset[str] = frozenset()
    decline_to: frozenset[str] = frozenset()  # "declined to comment": CAMEO 011, no PLOVER type
    denied: frozenset[str] = frozenset()  # "denied the charges": CAMEO 016, no PLOVER type
    denial_verbs: frozenset[str] = frozenset()  # "denied supporting the rebels": CAMEO 016 as well
    allege_verbs: frozenset[str] = frozenset()  # "claimed that X sent troops": X's act only alleged
    movement: frozenset[str] = frozenset()  # "deployed troops": the object is the actor's own means
    missions: frozenset[str] = frozenset()  # "troops to the force in Afghanistan": aimed at the place
    cooperative_modifiers: frozenset[str] = frozenset()  # "joint activities": things done together
    # the word classes of words.yaml (see there)
    gatherings: frozenset[str] = frozenset()
    quantity_heads: frozenset[str] = frozenset()
    refusal_modals: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    epistemic_modals: frozenset[str] = frozenset()
    circumstance_marks: frozenset[str] = frozenset()
    circumstance_preps: frozenset[str] = frozenset()
    movement_preps: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()
    past_or_span_preps: frozenset[str] = frozenset()
    recent_span: tuple[str, ...] = ()
    purpose_verbs: frozenset[str] = frozenset()
    bilateral_words: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    stative_passives: frozenset[str] = frozenset()
    embedded_act_preps: tuple[str, ...] = ()  # in order
    inner_party_preps: tuple[str, ...] = ()  # in order
    member_preps: frozenset[str] = frozenset()
    gathering_preps: frozenset[str] = frozenset()
    demand_modals: frozenset[str] = frozenset()
    wrong_verbs: frozenset[str] = frozenset()
    paired_gatherings: frozenset[str] = frozenset()
    likening_preps: frozenset[str] = frozenset()
    craft_heads: frozenset[str] = frozenset()
    group_words: frozenset[str] = frozenset()
    scene_preps: frozenset[str] = frozenset()
    example_preps: frozenset[str] = frozenset()
    adjunct_preps: frozenset[str] = frozenset()
    charge_preps: frozenset[str] = frozenset()
    role_preps: frozenset[str] = frozenset()
    aim_preps: frozenset[str] = frozenset()
    source_preps: frozenset[str] = frozenset()
    pair_words: frozenset[str] = frozenset()
    subject_control_preps: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    other_act_preps: frozenset[str] = frozenset()
    definite_determiners: frozenset[str] = frozenset()
    sequence_modifiers: frozenset[str] = frozenset()
    both_words: frozenset[str] = frozenset()
    self_references: frozenset[str] = frozenset()
    origin_preps: frozenset[str] = frozenset()
    venue_preps: frozenset[str] = frozenset()
    posting_preps: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    cooperative_verbs: frozenset[str] = frozenset()
    work_verbs: frozenset[str] = frozenset()
    together_words: frozenset[str] = frozenset()
    condition_marks: frozenset[str] = frozenset()
    counterpart_nouns: frozenset[str] = frozenset()
    reciprocal_words: frozenset[str] = frozenset()
    other_words: frozenset[str] = frozenset()
    model_target_roles: tuple[str, ...] = ()  # in order
    articles: frozenset[str] = frozenset()
    noun_endings: tuple[tuple[str, str], ...] = ()  # (ending, stem): "killing" (kill)
    run_links: frozenset[str] = frozenset()


def _builtin(name: str) -> Path:
    return Path(str(resources.files("communique").joinpath("data", "patterns", name)))


def _read_yaml(path: Path, schema: Any = None) -> Any:
    """The parsed file, checked against ``schema`` (see :mod:`communique.data_files`) when given."""
    try:
        data = data_files.load(path, Any if schema is None else schema)
    except DataFileError as exc:
        raise PatternError(str(exc)) from None
    return data


def _words(value: Any, where: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PatternError(f"{where}: '{key}' must be a list of words")
    return frozenset(v.lower() for v in value)


def parse_pattern(entry: Any, where: str, known_codes: Iterable[str] | None = None,
                  default_priority: int = 0) -> Pattern:
    """Check one pattern entry and build it; errors name ``where`` (file and entry)."""
    if not isinstance(entry, dict):
        raise PatternError(f"{where}: a pattern must be a mapping")
    unknown = set(entry) - PATTERN_KEYS
    if unknown:
        raise PatternError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(PATTERN_KEYS)}")
    pid = entry.get("id")
    if not isinstance(pid, str) or not pid:
        raise PatternError(f"{where}: 'id' is required")
    where = f"{where} ({pid})"
    cameo = entry.get("cameo")
    if not isinstance(cameo, str) or not cameo.isdigit():
        raise PatternError(f"{where}: 'cameo' must be a quoted CAMEO code such as \"043\"")
    if known_codes is not None and cameo not in known_codes:
        raise PatternError(f"{where}: unknown CAMEO code {cameo!r}")
    verbs, nouns = _words(entry.get("verbs"), where, "verbs"), _words(entry.get("nouns"), where, "nouns")
    if not verbs and not nouns:
        raise PatternError(f"{where}: give 'verbs' or 'nouns'")
    objects = None if entry.get("objects") is None else _words(entry.get("objects"), where, "objects")
    target = entry.get("target", list(DEFAULT_TARGET))
    if not isinstance(target, list) or not all(isinstance(t, str) for t in target):
        raise PatternError(f"{where}: 'target' must be a list such as [dobj, with]")
    domains = entry.get("domains") or {}
    if not isinstance(domains, dict):
        raise PatternError(f"{where}: 'domains' must map a domain name to a CAMEO code")
    object_kind = entry.get("object_kind")
    if object_kind is not None and object_kind not in OBJECT_KINDS:
        raise PatternError(f"{where}: 'object_kind' must be one of {sorted(OBJECT_KINDS)}")
    acted_by = entry.get("acted_by")
    if acted_by is not None and acted_by not in ACTED_BY:
        raise PatternError(f"{where}: 'acted_by' must be one of {sorted(ACTED_BY)}")
    if entry.get("requires_domain") and not domains:
        raise PatternError(f"{where}: 'requires_domain' needs 'domains'")
    priority, replaces, confidence = _standing(entry, where, default_priority)
    return Pattern(
        id=pid, cameo=cameo, verbs=verbs, nouns=nouns, objects=objects,
        not_objects=_words(entry.get("not_objects"), where, "not_objects"),
        preps=_words(entry.get("preps"), where, "preps"), symmetric=bool(entry.get("symmetric", False)),
        target=tuple(t.lower() for t in target), domains=tuple((str(k), str(v)) for k, v in domains.items()),
        confidence=float(confidence), requires_actor_object=bool(entry.get("requires_actor_object", False)),
        object_kind=object_kind, xcomp=_words(entry.get("xcomp"), where, "xcomp"), source=where,
        requires_domain=bool(entry.get("requires_domain", False)), priority=priority, replaces=replaces,
        acted_by=acted_by, bare=bool(entry.get("bare", False)), subjects=_words(entry.get("subjects"), where, "subjects"),
    )


def _standing(entry: dict[str, Any], where: str, default_priority: int) -> tuple[int, str | None, float]:
    """A rule's priority, the rule it replaces and its confidence, checked."""
    priority = entry.get("priority", default_priority)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise PatternError(f"{where}: 'priority' must be a whole number (built-in rules have 0)")
    replaces = entry.get("replaces")
    if replaces is not None and (not isinstance(replaces, str) or not replaces):
        raise PatternError(f"{where}: 'replaces' must be the id of a rule")
    confidence = entry.get("confidence", 0.8)
    if not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        raise PatternError(f"{where}: 'confidence' must be a number between 0 and 1")
    return priority, replaces, confidence


def read_pattern_file(path: str | Path, known_codes: Iterable[str] | None = None) -> list[Pattern]:
    path = Path(path)
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise PatternError(f"{path}: expected a mapping with a 'patterns' list")
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise PatternError(f"{path}: unknown key(s) {sorted(unknown)}; allowed: {sorted(FILE_KEYS)}")
    priority = data.get("priority", 0)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise PatternError(f"{path}: 'priority' must be a whole number (built-in rules have 0)")
    known = set(known_codes) if known_codes is not None else None
    patterns = [parse_pattern(e, f"{path}: pattern {i + 1}", known, priority) for i, e in enumerate(data["patterns"])]
    seen: set[str] = set()
    for p in patterns:
        if p.id in seen:
            raise PatternError(f"{path}: duplicate pattern id {p.id!r}")
        seen.add(p.id)
    return patterns


def _known_codes() -> set[str] | None:
    try:
        from .codebook import all_codes
    except ImportError:  # pragma: no cover - the codebook ships with the package
        return None
    return set(all_codes())


def load_patterns(extra: Iterable[str | Path] = ()) -> PatternSet:
    """The built-in patterns followed by patterns from ``extra`` files."""
    return _load_patterns(tuple(str(p) for p in extra))


@lru_cache(maxsize=8)
def _load_patterns(extra: tuple[str, ...]) -> PatternSet:
    known = _known_codes()
    patterns = read_pattern_file(_builtin("verbs.yaml"), known)
    for path in extra:
        patterns = _add_rules(patterns, read_pattern_file(path, known), path)
    # stable: rules of equal priority keep their order (the built-in dictionary first)
    return PatternSet(sorted(patterns, key=lambda p: -p.priority))


def _add_rules(rules: list[Pattern], added: list[Pattern], path: str) -> list[Pattern]:
    """``rules`` with the rules of one more file: each takes the place of the rule it replaces, or
    comes after them all. An id already in use is an error unless the rule replaces it."""
    rules = list(rules)
    for rule in added:
        position = {r.id: i for i, r in enumerate(rules)}
        if rule.replaces is not None:
            if rule.replaces not in position:
                raise PatternError(f"{rule.source}: replaces {rule.replaces!r}, but no rule before it has that id")
            if rule.id != rule.replaces and rule.id in position:
                raise PatternError(f"{rule.source}: the id {rule.id!r} is already used by {rules[position[rule.id]].source}")
            rules[position[rule.replaces]] = rule
        elif rule.id in position:
            raise PatternError(f"{rule.source}: the id {rule.id!r} is already used by "
                               f"{rules[position[rule.id]].source}; give the rule another id, or write "
                               f"'replaces: {rule.id}' to replace that rule")
        else:
            rules.append(rule)
    return rules


def load_lexicon(intents: str | Path | None = None, domains: str | Path | None = None,
                 words: str | Path | None = None) -> Lexicon:
    """The stance markers (``intents``), domain words (``domains``) and the coder's word classes
    (``words``): the built-in files, or files of the same format that replace them."""
    return _load_lexicon(str(intents) if intents else None, str(domains) if domains else None,
                         str(words) if words else None)


@lru_cache(maxsize=4)
def _load_lexicon(intents: str | None, domains_file: str | None, words_file: str | None = None) -> Lexicon:
    path = Path(intents) if intents else _builtin("intents.yaml")
    data = _read_yaml(path, data_schemas.Intents)
    domains_path = Path(domains_file) if domains_file else _builtin("domains.yaml")
    domains = _read_yaml(domains_path, data_schemas.WordLists)
    required = ["intent", "appeal", "irrealis", "background", "cooperation_verbs", "cooperation_objects",
                "intent_codes", "appeal_code"]
    missing = [k for k in required if k not in (data or {})]
    if not isinstance(data, dict):
        raise PatternError(f"{path}: expected a mapping of stance marker lists")
    if missing:
        raise PatternError(f"{path}: missing key(s) {missing}")
    if not isinstance(domains, dict):
        raise PatternError(f"{domains_path}: expected a mapping of domain name to word list")
    return Lexicon(
        intent=_words(data["intent"], str(path), "intent"),
        scheduled=_words(data.get("scheduled", []), str(path), "scheduled"),
        appeal=_words(data["appeal"], str(path), "appeal"),
        irrealis=_words(data["irrealis"], str(path), "irrealis"),
        background=tuple(w.lower() for w in data["background"]),
        cooperation_verbs=_words(data["cooperation_verbs"], str(path), "cooperation_verbs"),
        cooperation_objects=_words(data["cooperation_objects"], str(path), "cooperation_objects"),
        intent_codes={str(k): str(v) for k, v in data["intent_codes"].items()},
        appeal_code=str(data["appeal_code"]),
        threat_codes={str(k): str(v) for k, v in (data.get("threat_codes") or {}).items()},
        intent_domains={str(k): {str(d): str(c) for d, c in v.items()}
                        for k, v in (data.get("intent_domains") or {}).items()},
        classifier_codes={str(k): str(v) for k, v in (data.get("classifier_codes") or {}).items()},
        domains={k: _words(v, str(domains_path), k) for k, v in domains.items()},
        reporting=_words(data.get("reporting", []), str(path), "reporting"),
        conditional_threat=_words(data.get("conditional_threat", []), str(path), "conditional_threat"),
        decline_to=_words(data.get("decline_to", []), str(path), "decline_to"),
        denied=_words(data.get("denied", []), str(path), "denied"),
        denial_verbs=_words(data.get("denial_verbs", []), str(path), "denial_verbs"),
        allege_verbs=_words(data.get("allege_verbs", []), str(path), "allege_verbs"),
        movement=_words(data.get("movement_verbs", []), str(path), "movement_verbs"),
        missions=_words(data.get("missions", []), str(path), "missions"),
        cooperative_modifiers=_words(data.get("cooperative_modifiers", []), str(path), "cooperative_modifiers"),
        **_word_classes(Path(words_file) if words_file else _builtin("words.yaml")),
    )


def _word_classes(path: Path) -> dict[str, Any]:
    """The coder's word classes (``words.yaml``), checked against their schema."""
    data = dict(_read_yaml(path, data_schemas.CoderWords))
    endings = data.pop("noun_endings")
    classes: dict[str, Any] = {key: _words(value, str(path), key) for key, value in data.items()}
    classes["noun_endings"] = tuple((end.lower(), stem.lower()) for end, stems in endings.items() for stem in stems)
    for ordered in ("recent_span", "embedded_act_preps", "inner_party_preps", "model_target_roles"):  # in order
        classes[ordered] = tuple(w.lower() for w in data[ordered])
    return classes
