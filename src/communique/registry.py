"""Stage registry: pipeline stages are registered by name and composed by configuration.

A stage factory takes the stage's settings (a dict from the pipeline configuration) and
returns a callable over one :class:`~communique.records.Document`. Like a spaCy component, a
stage may declare what it needs from the stages before it, what it fills in, and the settings
it accepts::

    class DateSettings(StageSettings):
        context_window: int = 3

    @stage("dates", requires=["doc.events"], assigns=["event.date"], settings=DateSettings)
    def make_dates(settings: dict) -> Stage:
        def run(doc: Document) -> Document: ...
        return run

A stage registered with no declarations (``@stage("name")``) is taken on trust: it requires
nothing, may assign anything and accepts any settings. The names in ``requires`` and
``assigns`` are the fields of the records (see :data:`FIELDS`).
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from .records import Document


class Stage(Protocol):
    def __call__(self, doc: Document) -> Document: ...


StageFactory = Callable[[dict[str, Any]], Stage]

# What stages fill in and read: fields of Document (doc.*) and of each Event (event.*).
FIELDS = {
    "doc.spacy": "the spaCy parse (tokens, tags, dependencies, entities)",
    "doc.sentences": "the document's sentences",
    "doc.mentions": "actor mentions resolved to country, sector and name",
    "doc.events": "the coded events",
    "doc.participants": "the article's people and bodies, with country, sector, title and first mention",
    "event.references": "event sides resolved across the article (pronouns, plurals, offices, many parties)",
    "doc.mechanisms": "the recurring mechanisms the document names",
    "event.mechanism": "the mechanism edition each event belongs to",
    "event.date": "each event's date",
    "event.status": "each event's status (occurred, planned, ongoing)",
    "event.location": "each event's place",
    "doc.frame": "the occasion the article reports: its main event, date, place and mechanism",
    "event.merged": "one event per real-world event (duplicates merged, meeting codes settled)",
    "event.consolidated": "one event per real-world act in the article (restatements and parts of an act merged, "
                          "non-interactions dropped)",
}


class PipelineError(ValueError):
    """A pipeline cannot be built from its configuration; the message says what to change."""


class StageSettings(BaseModel):
    """Base of a stage's settings schema: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class StageInfo:
    """A registered stage: its factory and what it declares (None: not declared)."""

    name: str
    factory: StageFactory
    requires: tuple[str, ...] | None = None
    assigns: tuple[str, ...] | None = None
    settings: type[BaseModel] | None = None

    def check_settings(self, raw: dict[str, Any]) -> dict[str, Any]:
        """The settings, checked against the schema and completed with its defaults."""
        if self.settings is None:
            return dict(raw)
        known = sorted(self.settings.model_fields)
        unknown = [key for key in raw if key not in self.settings.model_fields]
        if unknown:
            hints = [f"did you mean {close[0]!r}?" for key in unknown
                     if (close := difflib.get_close_matches(key, known, n=1))]
            raise PipelineError(
                f"[stages.{self.name}] unknown setting(s) {', '.join(map(repr, unknown))}; "
                f"known settings: {', '.join(known) or 'none'}" + (f" ({' '.join(hints)})" if hints else ""))
        try:
            checked = self.settings.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']} (got {e['input']!r})"
                                 for e in exc.errors())
            raise PipelineError(f"[stages.{self.name}] {problems}") from None
        return checked.model_dump(exclude_unset=True)


_STAGES: dict[str, StageInfo] = {}
_FACTORIES: dict[str, StageFactory] = {}  # name -> factory, as registered

# Modules that register the built-in stages when imported.
BUILTIN_MODULES = (
    "communique.nlp.parse",
    "communique.actors.stage",
    "communique.events.coder",
    "communique.reading.references",
    "communique.time.stage",
    "communique.place.stage",
    "communique.linking.mechanisms",
    "communique.reading.frame",
    "communique.linking.merge",
    "communique.reading.consolidate",
)


def stage(name: str, *, requires: Iterable[str] | None = None, assigns: Iterable[str] | None = None,
          settings: type[BaseModel] | None = None) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name``, with what it requires, assigns and accepts."""
    declared = {"requires": requires, "assigns": assigns}
    for key, value in declared.items():
        if isinstance(value, str):
            raise TypeError(f"stage {name!r}: '{key}' must be a list of fields, not the string {value!r}")
        unknown = [f for f in value or () if f not in FIELDS]
        if unknown:
            raise ValueError(f"stage {name!r}: unknown field(s) {unknown} in '{key}'; known: {sorted(FIELDS)}")

    def register(factory: StageFactory) -> StageFactory:
        _STAGES[name] = StageInfo(name, factory, None if requires is None else tuple(requires),
                                  None if assigns is None else tuple(assigns), settings)
        _FACTORIES[name] = factory
        return factory

    return register


def load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def get_stage(name: str) -> StageInfo:
    load_builtins()
    try:
        return _STAGES[name]
    except KeyError:
        known = ", ".join(sorted(_STAGES)) or "none"
        close = difflib.get_close_matches(name, list(_STAGES), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise PipelineError(f"unknown pipeline stage {name!r} (registered: {known}){hint}") from None


def get_factory(name: str) -> StageFactory:
    return get_stage(name).factory


def registered() -> list[str]:
    load_builtins()
    return sorted(_STAGES)


def check_order(names: list[str]) -> None:
    """Every field a stage requires is assigned by a stage before it; else say which stage to add
    or move. A stage that declares nothing may assign anything, so it satisfies what follows it."""
    infos = [get_stage(n) for n in names]
    for position, info in enumerate(infos):
        before = infos[:position]
        if any(b.assigns is None for b in before):
            continue
        available = {f for b in before for f in b.assigns or ()}
        for needed in info.requires or ():
            if needed in available:
                continue
            later = next((i.name for i in infos[position + 1:] if needed in (i.assigns or ())), None)
            if later is not None:
                raise PipelineError(
                    f"stage {info.name!r} requires {needed} ({FIELDS[needed]}), which stage {later!r} "
                    f"assigns after it: move {info.name!r} after {later!r} in [pipeline] stages")
            providers = [s.name for s in _STAGES.values() if needed in (s.assigns or ()) and s.name != info.name]
            fix = (f"add {' or '.join(map(repr, providers))} before {info.name!r} in [pipeline] stages"
                   if providers else "no registered stage assigns it")
            raise PipelineError(f"stage {info.name!r} requires {needed} ({FIELDS[needed]}), which no stage "
                                f"before it assigns: {fix}")
