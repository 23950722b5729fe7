"""The schemas of the YAML data files under ``communique/data`` (read by :mod:`communique.data_files`).

Each shipped file has an entry in :data:`SCHEMAS`; a key the schema does not list is an error.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

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
    at_actor_seat: Words = []
    place_nouns: Words = []


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
    starts: Words
    occasions: Words


class FrameAnchors(Entry):
    occasion_types: Words
    occasion_nouns: Words
    anchor_prepositions: Words
    participant_phrases: Words


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
    "frame/anchors.yaml": FrameAnchors,
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
