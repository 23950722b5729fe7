"""The schemas of the data files under ``communique/data``.

Each shipped YAML file has an entry in :data:`SCHEMAS` (read by :mod:`communique.data_files`), each
table file a row model in :data:`TABLES` (read by :mod:`communique.data_tables`); a key or a column
the schema does not list is an error.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Callable, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator

from .data_tables import Blank, RowModel

Words = list[str]
WordLists = dict[str, Words]


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


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
    documents: Words = []


class ActorCues(Entry):
    locative_prepositions: Words
    movement_verbs: Words
    actor_roles: Words
    directional_prepositions: Words
    stance_prefixes: Words
    lead_verbs: Words
    audience_sectors: Words = []
    pronouns: WordLists


class Names(Entry):
    honorifics: Words
    family_first: Words
    given_last_reference: Words
    spellings: dict[str, str]


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


class LinkingWords(Entry):
    """``linking/stop_words.yaml``: words left out when evidence texts are compared."""

    stop_words: Words


class MechanismVocabulary(Entry):
    heads: Words
    ordinal_only_heads: Words
    not_names: Words
    edition_nouns: Words
    naming_verbs: Words = []
    frequencies: dict[str, str]
    ordinals: dict[str, int]
    tens: dict[str, int]
    spellings: dict[str, str]
    small_words: Words
    descriptors: Words = []
    head_kinds: dict[str, Words] = {}
    code_named_kinds: Words = []


class CoderWords(Entry):
    """``patterns/words.yaml``: the word classes by which the event coder reads the parse."""

    gatherings: Words
    quantity_heads: Words
    refusal_modals: Words
    future_aux: Words
    epistemic_modals: Words
    circumstance_marks: Words
    circumstance_preps: Words
    movement_preps: Words
    time_words: Words
    past_or_span_preps: Words
    recent_span: Words
    purpose_verbs: Words
    bilateral_words: Words
    speech_verbs: Words
    stative_passives: Words
    embedded_act_preps: Words
    inner_party_preps: Words
    member_preps: Words
    gathering_preps: Words
    demand_modals: Words
    wrong_verbs: Words
    paired_gatherings: Words
    likening_preps: Words
    craft_heads: Words
    group_words: Words
    scene_preps: Words
    example_preps: Words
    adjunct_preps: Words
    charge_preps: Words
    role_preps: Words
    aim_preps: Words
    source_preps: Words
    pair_words: Words
    subject_control_preps: Words
    object_control_verbs: Words
    other_act_preps: Words
    definite_determiners: Words
    sequence_modifiers: Words
    both_words: Words
    self_references: Words
    origin_preps: Words
    venue_preps: Words
    posting_preps: Words
    locative_preps: Words
    cooperative_verbs: Words
    work_verbs: Words
    together_words: Words
    condition_marks: Words
    counterpart_nouns: Words
    reciprocal_words: Words
    other_words: Words
    model_target_roles: Words
    articles: Words
    noun_endings: dict[str, Words]
    run_links: Words


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
    denial_verbs: Words = []
    allege_verbs: Words = []
    movement_verbs: Words = []
    missions: Words = []
    cooperation_verbs: Words
    cooperation_objects: Words
    cooperative_modifiers: Words = []
    intent_codes: dict[str, str]
    threat_codes: dict[str, str] = {}
    appeal_code: str
    intent_domains: dict[str, dict[str, str]] = {}
    classifier_codes: dict[str, str] = {}


class PlaceCues(Entry):
    locative_prepositions: Words
    visit_words: Words
    topic_nouns: Words
    at_actor_seat: Words = []
    envoy_words: Words = []
    in_target_territory: Words = []
    place_nouns: Words = []
    place_anaphors: Words = []
    anaphor_determiners: Words = []


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
    holding_participles: Words = []


class PlannedCues(Entry):
    phrases: Words
    auxiliaries: Words
    heads: Words
    ahead: Words = []


class OngoingCues(Entry):
    phrases: Words
    verbs: Words
    onsets: Words = []
    onset_nouns: Words = []


class FrameAnchors(Entry):
    occasion_types: Words
    occasion_nouns: Words
    anchor_prepositions: Words
    participant_phrases: Words
    time_shifts: Words


class StatusCues(Entry):
    planned: PlannedCues
    ongoing: OngoingCues


class ReadingGatherings(Entry):
    """``reading/gatherings.yaml``: the words by which joint exercises and meetings are named with their parties."""

    exercise_nouns: Words
    joint_words: Words
    party_links: Words
    many_nations_words: Words
    nation_nouns: Words
    pair_numbers: Words
    sea_preps: Words
    holding_verbs: Words
    meeting_nouns: Words
    meeting_verbs: Words
    attendance_verbs: Words
    destination_preps: Words


class ReadingPlurals(Entry):
    """``reading/plurals.yaml``: the words of plurals that name no state."""

    plural_pronouns: Words
    plural_determiners: Words
    numbers: dict[str, int]
    adversary_preps: Words


class ReadingHome(Entry):
    generic_domains: Words = []
    headline_adverbs: Words = []


PloverName = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                     "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def _code_or_prefix(value: str) -> str:
    if not re.fullmatch(r"\d{2,4}", value):
        raise ValueError(f"bad CAMEO code {value!r}")
    return value


CodeOrPrefix = Annotated[str, AfterValidator(_code_or_prefix)]


class CodeTypes(Entry):
    verbal: list[PloverName]
    spoken: list[PloverName]
    cooperative: list[PloverName]
    directed: list[PloverName]
    hostile: list[PloverName]
    place_target: list[PloverName]
    abroad_target: list[PloverName]
    given: list[PloverName]
    dyad_target: list[PloverName]
    unasserted_aims: list[PloverName]
    domestic_target: list[PloverName]
    international: list[PloverName]
    scene_only: list[PloverName]
    told_by_victim: list[PloverName]
    with_counterpart: list[PloverName]


class Codes(Entry):
    ultimatum: CodeOrPrefix
    refusal: CodeOrPrefix
    refusal_to_meet: CodeOrPrefix
    demand: CodeOrPrefix
    bare_intent: CodeOrPrefix
    demonstration: CodeOrPrefix
    official_protest: CodeOrPrefix
    victims_accusation: CodeOrPrefix
    wronged_accusation: CodeOrPrefix


class CodePrefixes(Entry):
    travel: list[CodeOrPrefix]
    ceasefire: list[CodeOrPrefix]
    scheduled: list[CodeOrPrefix]
    asked_to_act: list[CodeOrPrefix]
    appeals: list[CodeOrPrefix]
    reciprocal: list[CodeOrPrefix]
    joint_symmetric: list[CodeOrPrefix]
    intents: list[CodeOrPrefix]
    threats: list[CodeOrPrefix]
    spoken: list[CodeOrPrefix]
    released: list[CodeOrPrefix]
    violent: list[CodeOrPrefix]
    by_authorities: list[CodeOrPrefix]
    domestic: list[CodeOrPrefix]
    charge: list[CodeOrPrefix]


class CodeClasses(Entry):
    """``patterns/code_classes.yaml``: how the event coder treats classes of acts."""

    types: CodeTypes
    codes: Codes
    official_sectors: Words
    domestic_sectors: Words
    body_codes: Words
    transnational_sectors: Words
    law_sectors: Words
    gathering_sector: str
    prefixes: CodePrefixes


class ActClasses(Entry):
    """``reading/act_classes.yaml``: the classes of acts by which an act is told from its parts."""

    disapproval: list[PloverName]
    preferred_disapproval: PloverName
    parts: dict[PloverName, list[PloverName]]
    asked: list[PloverName]
    means: list[PloverName]


class ReadingDirected(Entry):
    """``reading/directed.yaml``: the PLOVER types of acts aimed at a party."""

    types: list[PloverName]


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
    "linking/stop_words.yaml": LinkingWords,
    "mechanisms/known.yaml": list[Mechanism],
    "mechanisms/vocabulary.yaml": MechanismVocabulary,
    "patterns/domains.yaml": WordLists,
    "patterns/intents.yaml": Intents,
    "patterns/verbs.yaml": PatternFile,
    "patterns/words.yaml": CoderWords,
    "patterns/code_classes.yaml": CodeClasses,
    "place/cues.yaml": PlaceCues,
    "reading/home.yaml": ReadingHome,
    "reading/act_sectors.yaml": WordLists,
    "reading/gatherings.yaml": ReadingGatherings,
    "reading/plurals.yaml": ReadingPlurals,
    "reading/directed.yaml": ReadingDirected,
    "reading/act_classes.yaml": ActClasses,
    "place/generic_words.yaml": GenericWords,
    "place/water_regions.yaml": list[WaterRegion],
    "time/date_words.yaml": DateWords,
    "time/status_cues.yaml": StatusCues,
}


# -- table files (CSV and line-per-row text), read by :mod:`communique.data_tables` --------------

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
_CAMEO_CODE = re.compile(r"\d{2,4}")


def _filled(what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.strip():
            raise ValueError(f"empty {what}")
        return value
    return check


def _number(kind: type, column: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if not value.strip():
            return None
        try:
            return kind(value)
        except ValueError:
            raise ValueError(f"{column} {value!r} is not a {kind.__name__}") from None
    return parse


def _plover(message: str) -> Callable[[str | None], str | None]:
    def check(value: str | None) -> str | None:
        if value is not None and value not in PLOVER_TYPES:
            raise ValueError(message.format(value=value))
        return value
    return check


def _cameo_code(value: str) -> str:
    if not _CAMEO_CODE.fullmatch(value) or not 1 <= int(value[:2]) <= 20:
        raise ValueError(f"bad CAMEO code {value!r}")
    return value


PloverType = Annotated[Blank, AfterValidator(_plover("unknown PLOVER type {value!r}"))]


class CodeRow(RowModel):
    """``cameo/codes.csv``: one CAMEO code (quad and penta class are checked against the code)."""

    code: Annotated[str, AfterValidator(_cameo_code)]
    name: str
    goldstein: Annotated[float | None, BeforeValidator(_number(float, "goldstein"))]
    quad_class: Annotated[int | None, BeforeValidator(_number(int, "quad_class"))]
    penta_class: Annotated[int | None, BeforeValidator(_number(int, "penta_class"))]
    plover: PloverType
    mode: Blank
    context: Blank

    @field_validator("name")
    @classmethod
    def _named(cls, value: str, info: ValidationInfo) -> str:
        if not value:
            raise ValueError(f"code {info.data.get('code')} has no name")
        return value

    @field_validator("goldstein")
    @classmethod
    def _on_the_scale(cls, value: float | None) -> float | None:
        if value is not None and not -10 <= value <= 10:
            raise ValueError(f"goldstein {value} outside [-10, 10]")
        return value


class PloverRow(RowModel):
    """A ``CODE: EVENT, MODE, CONTEXT`` line of ``cameo/*.txt`` (the CAMEO2PLOVER format)."""

    code: Annotated[str, AfterValidator(_cameo_code)]
    event: Annotated[str, AfterValidator(_plover("unknown PLOVER type {value!r}"))]
    mode: Blank = None
    context: Blank = None


class PloverRenameRow(RowModel):
    """``cameo/plover_renames.csv``: a PLOVER v0.5b1 event name and the current type."""

    old: Annotated[str, AfterValidator(_filled("old name"))]
    new: Annotated[str, AfterValidator(_plover("{value!r} is not a PLOVER type"))]
    mode: Blank


class DivisionRow(RowModel):
    """``place/admin1.csv``: a first-level division by (ISO alpha-2, GeoNames admin1 code)."""

    country: Annotated[str, AfterValidator(_filled("country"))]
    code: Annotated[str, AfterValidator(_filled("code"))]
    name: Annotated[str, AfterValidator(_filled("name"))]


class CaseMapRow(RowModel):
    """``models/case2021_to_plover.csv``: a CASE 2021 sub-event type and its PLOVER type (empty: dropped)."""

    subtype: Annotated[str, AfterValidator(_filled("subtype"))]
    plover: PloverType
    reason: Blank


class TeamRow(RowModel):
    """A team CSV actor dictionary (``actors/people.csv``): codes and periods are checked by the reader."""

    name: Annotated[str, AfterValidator(_filled("name"))]
    code: Blank
    period: Blank = None
    title: Blank = None
    aliases: Blank = None
    kind: Blank = None


TABLES: dict[str, type[RowModel]] = {
    "actors/people.csv": TeamRow,
    "cameo/codes.csv": CodeRow,
    "cameo/plover_renames.csv": PloverRenameRow,
    "cameo/CAMEO2PLOVER-2021.txt": PloverRow,
    "cameo/plover_overrides.txt": PloverRow,
    "cameo/plover_supplement.txt": PloverRow,
    "models/case2021_to_plover.csv": CaseMapRow,
    "place/admin1.csv": DivisionRow,
}
