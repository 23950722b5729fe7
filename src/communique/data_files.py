"""One loader for the YAML data files under ``communique/data``: read, parse and check a schema.

Every error names the file, the line and the entry::

    actors/bodies.yaml:12: entry 12 (NATO) -> aliases: Input should be a valid list

:data:`SCHEMAS` holds the schema of every shipped YAML file; a file of the same shape given by
the user (a replacement word list) is checked against the same schema.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from .yaml_files import compose_yaml, load_yaml

DATA = "data"


class DataFileError(ValueError):
    """A data file cannot be read, is not YAML, or does not follow its schema."""


def builtin(relative: str) -> Path:
    """The path of a shipped data file, ``relative`` to ``communique/data`` ("patterns/verbs.yaml")."""
    return Path(str(resources.files("communique").joinpath(DATA, *relative.split("/"))))


def read_yaml(path: str | Path) -> tuple[Any, yaml.Node | None]:
    """The parsed file and its node tree (for line numbers); errors name the file and the line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 text: {exc.reason}") from None
    try:
        return load_yaml(text), compose_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise DataFileError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None


def check(data: Any, schema: Any, name: str, root: yaml.Node | None = None) -> Any:
    """``data`` checked against ``schema`` (a type pydantic validates); errors name ``name``, the
    line and the entry. Returns the data as the schema reads it."""
    try:
        return TypeAdapter(schema).validate_python(data)
    except ValidationError as exc:
        problems = [_problem(name, data, root, error) for error in exc.errors()[:5]]
        more = f" (and {exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
        raise DataFileError("; ".join(problems) + more) from None


def load(path: str | Path, schema: Any, *, name: str | None = None) -> Any:
    """Read a YAML file and check it against ``schema``."""
    data, root = read_yaml(path)
    return check(data, schema, name or str(path), root)


def load_builtin(relative: str) -> Any:
    """A shipped data file, checked against its schema in :data:`SCHEMAS`."""
    return load(builtin(relative), SCHEMAS[relative], name=f"communique/data/{relative}")


def _problem(name: str, data: Any, root: yaml.Node | None, error: Any) -> str:
    loc = [part for part in error["loc"] if not isinstance(part, str) or not part.startswith(("list[", "dict["))]
    entry, node, value = [], root, data
    for part in loc:
        label = f"entry {part + 1}" if isinstance(part, int) else str(part)
        value = _child(value, part)
        if isinstance(value, dict) and (key := value.get("id") or value.get("name") or value.get("rank")):
            label += f" ({key})"
        entry.append(label)
        node = _child_node(node, part)
    line = f":{node.start_mark.line + 1}" if node is not None else ""
    where = " -> ".join(entry) if entry else "the file"
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = "unknown key"
    return f"{name}{line}: {where}: {message}"


def _child(value: Any, part: Any) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and part < len(value):
        return value[part]
    return None


def _child_node(node: yaml.Node | None, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, child in node.value:
            if key.value == str(part):
                return child
        return node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return node


# -------------------------------------------------------------------------------- schemas

Words = list[str]
WordLists = dict[str, Words]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PatternFile(Entry):
    """``patterns/verbs.yaml`` and user pattern files; each rule is checked by the pattern loader."""

    patterns: list[dict[str, Any]]
    priority: int = 0


class Body(Entry):
    code: str | None
    sector: str
    name: str
    aliases: Words = []


class Rank(Entry):
    rank: str
    sector: str
    forms: Words = []


class Country(Entry):
    name: str | None = None
    names: Words = []
    demonyms: Words = []
    prefixes: Words = []
    metonyms: dict[str, str] = {}


class Delegations(Entry):
    default: str
    terms: Words


class BothSides(Entry):
    quantifiers: Words
    heads: dict[str, Any]


class Agents(Entry):
    titles: WordLists
    organisations: WordLists
    groups: WordLists
    craft: WordLists
    delegations: Delegations
    both_sides: BothSides
    members: Words
    keywords: WordLists
    org_heads: WordLists
    title_prefixes: Words


class ActorCues(Entry):
    locative_prepositions: Words
    movement_verbs: Words
    actor_roles: Words
    pronouns: WordLists


class Names(Entry):
    honorifics: Words
    family_first: Words
    given_last_reference: Words


class CameoCodes(Entry):
    regions: Words
    international: Words
    religions: Words
    roles: Words


class IngestLexicon(Entry):
    outlets: Words
    caption_words: Words


class Mechanism(Entry):
    name: str
    aliases: Words = []
    frequency: str | None = None


class MechanismVocabulary(Entry):
    heads: Words
    ordinal_only_heads: Words
    not_names: Words
    edition_nouns: Words
    frequencies: dict[str, str]
    ordinals: dict[str, int]
    tens: dict[str, int]
    spellings: dict[str, str]
    small_words: Words


class Intents(Entry):
    intent: Words
    scheduled: Words = []
    appeal: Words
    irrealis: Words
    reporting: Words = []
    conditional_threat: Words = []
    background: Words
    decline_to: Words = []
    denied: Words = []
    movement_verbs: Words = []
    missions: Words = []
    cooperation_verbs: Words
    cooperation_objects: Words
    intent_codes: dict[str, str]
    appeal_code: str
    intent_domains: dict[str, dict[str, str]] = {}
    classifier_codes: dict[str, str] = {}


class PlaceCues(Entry):
    locative_prepositions: Words
    visit_words: Words
    topic_nouns: Words


class Suffix(Entry):
    words: str
    feature: str


class GenericWords(Entry):
    suffixes: list[Suffix]
    division_suffixes: Words
    division_prefixes: Words
    not_places: Words


class WaterRegion(Entry):
    name: str
    feature: Literal["water", "region"]
    lat: float
    lon: float
    country: str | None = None
    aliases: Words = []
    hinted_aliases: dict[str, Words] = {}


class DateWords(Entry):
    anaphora: dict[str, int]
    numbers: dict[str, int]
    not_event_date_prefixes: Words
    span_anchors: Words


class PlannedCues(Entry):
    phrases: Words
    auxiliaries: Words
    heads: Words


class OngoingCues(Entry):
    phrases: Words
    verbs: Words


class StatusCues(Entry):
    planned: PlannedCues
    ongoing: OngoingCues


SCHEMAS: dict[str, Any] = {
    "actors/agents.yaml": Agents,
    "actors/bodies.yaml": list[Body],
    "actors/cameo_codes.yaml": CameoCodes,
    "actors/countries.yaml": dict[str, Country],
    "actors/cues.yaml": ActorCues,
    "actors/names.yaml": Names,
    "actors/ranks.yaml": list[Rank],
    "ingest/lexicon.yaml": IngestLexicon,
    "mechanisms/known.yaml": list[Mechanism],
    "mechanisms/vocabulary.yaml": MechanismVocabulary,
    "patterns/domains.yaml": WordLists,
    "patterns/intents.yaml": Intents,
    "patterns/verbs.yaml": PatternFile,
    "place/cues.yaml": PlaceCues,
    "place/generic_words.yaml": GenericWords,
    "place/water_regions.yaml": list[WaterRegion],
    "time/date_words.yaml": DateWords,
    "time/status_cues.yaml": StatusCues,
}
