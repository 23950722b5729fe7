"""The pipeline: stages composed by configuration, run over documents."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from .event_ids import assign_event_ids
from .records import Document
from .registry import Stage, get_factory


def default_config() -> dict[str, Any]:
    with resources.files("communique").joinpath("pipeline.toml").open("rb") as fh:
        return tomllib.load(fh)


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The default configuration, updated by a TOML file and by explicit overrides."""
    config = default_config()
    if path is not None:
        with open(path, "rb") as fh:
            _deep_update(config, tomllib.load(fh))
    if overrides:
        _deep_update(config, overrides)
    return config


def _deep_update(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _deep_update(base[key], value)
        else:
            base[key] = value


@dataclass
class Pipeline:
    """An ordered list of named stages."""

    config: dict[str, Any] = field(default_factory=default_config)
    stages: list[tuple[str, Stage]] = field(init=False)

    def __post_init__(self) -> None:
        names = self.config["pipeline"]["stages"]
        settings = self.config.get("stages", {})
        self.stages = []
        for name in names:
            stage_settings = dict(settings.get(name) or {})
            stage_settings.setdefault("_config", self.config)
            self.stages.append((name, get_factory(name)(stage_settings)))

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def __call__(self, doc: Document) -> Document:
        for _, run in self.stages:
            doc = run(doc)
        return assign_event_ids(doc)

    def pipe(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Document]:
        """Run documents through the stages in batches; stages with a ``pipe`` method batch."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for _, run in self.stages:
            batch = list(run.pipe(batch)) if hasattr(run, "pipe") else [run(d) for d in batch]
        return [assign_event_ids(d) for d in batch]
