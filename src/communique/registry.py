"""Stage registry: pipeline stages are registered by name and composed by configuration.

A stage factory takes the stage's settings (a dict from the pipeline configuration) and
returns a callable over one :class:`~communique.records.Document`::

    @stage("dates")
    def make_dates(settings: dict) -> Stage:
        def run(doc: Document) -> Document: ...
        return run
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Protocol

from .records import Document


class Stage(Protocol):
    def __call__(self, doc: Document) -> Document: ...


StageFactory = Callable[[dict[str, Any]], Stage]

_FACTORIES: dict[str, StageFactory] = {}

# Modules that register the built-in stages when imported.
BUILTIN_MODULES = (
    "communique.nlp.parse",
    "communique.actors.stage",
    "communique.events.coder",
    "communique.time.stage",
    "communique.place.stage",
    "communique.linking.mechanisms",
    "communique.linking.merge",
)


def stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name``."""

    def register(factory: StageFactory) -> StageFactory:
        _FACTORIES[name] = factory
        return factory

    return register


def load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def get_factory(name: str) -> StageFactory:
    load_builtins()
    try:
        return _FACTORIES[name]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES)) or "none"
        raise KeyError(f"unknown pipeline stage {name!r} (registered: {known})") from None


def registered() -> list[str]:
    load_builtins()
    return sorted(_FACTORIES)
