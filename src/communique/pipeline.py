"""The pipeline: stages composed by configuration, run over documents."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from .event_ids import assign_event_ids
from .records import Document
from .registry import PipelineError, Stage, StageInfo, check_order, get_stage, registered

__all__ = ["Pipeline", "PipelineError", "check_stages", "default_config", "load_config"]


SECTIONS = ("nlp", "pipeline", "stages")


def default_config() -> dict[str, Any]:
    with resources.files("communique").joinpath("pipeline.toml").open("rb") as fh:
        return tomllib.load(fh)


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The default configuration, updated by a TOML file and by explicit overrides.

    A file that cannot be read, is not TOML, or has a section or stage list of the wrong shape is a
    :class:`PipelineError` naming the file; stage settings are checked when the pipeline is built.
    """
    config = default_config()
    if path is not None:
        _deep_update(config, read_config_file(path))
    if overrides:
        _deep_update(config, overrides)
    check_config(config, str(path) if path is not None else "configuration")
    return config


def read_config_file(path: str | Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise PipelineError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise PipelineError(f"{path}: not valid TOML: {exc}") from None


def check_config(config: dict[str, Any], where: str) -> None:
    """The shape of a configuration: known sections, a list of stage names, a table per stage."""
    unknown = [key for key in config if key not in SECTIONS]
    if unknown:
        raise PipelineError(f"{where}: unknown section(s) {unknown}; known sections: {list(SECTIONS)}")
    stages = config.get("pipeline", {}).get("stages")
    if not isinstance(stages, list) or not all(isinstance(s, str) for s in stages):
        raise PipelineError(f"{where}: [pipeline] stages must be a list of stage names, such as "
                            f"[\"parse\", \"actors\", \"events\"]")
    for name, table in (config.get("stages") or {}).items():
        if not isinstance(table, dict):
            raise PipelineError(f"{where}: [stages.{name}] must be a table of settings")


def check_stages(config: dict[str, Any]) -> list[tuple[StageInfo, dict[str, Any]]]:
    """Each stage of ``config`` with its checked settings, before any is built (building loads
    models): the shape, the stage names, the order of what stages require and assign, the settings."""
    check_config(config, "configuration")
    names = config["pipeline"]["stages"]
    settings = config.get("stages", {})
    strays = [name for name in settings if name not in registered()]
    if strays:
        raise PipelineError(f"[stages.{strays[0]}] configures a stage that does not exist "
                            f"(registered: {', '.join(registered())})")
    check_order(names)
    checked = []
    for name in names:
        info = get_stage(name)
        raw = {k: v for k, v in (settings.get(name) or {}).items() if k != "_config"}
        checked.append((info, {**info.check_settings(raw), "_config": config}))
    return checked


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
        checked = check_stages(self.config)
        self.stages = [(info.name, info.factory(stage_settings)) for info, stage_settings in checked]

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def share_cores(self, processes: int) -> None:
        """Let stages that can spread one long document over processes (a ``processes``
        attribute, as the parser's) use up to ``processes``."""
        for _, run in self.stages:
            if hasattr(run, "processes"):
                run.processes = processes

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
