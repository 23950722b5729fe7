"""YAML data files read through libyaml when PyYAML has it (several times faster), else in Python."""

from __future__ import annotations

from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: Any) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(stream, Loader=SafeLoader)


def compose_yaml(stream: Any) -> Any:
    """``yaml.compose`` (the node tree, for line numbers) with the same loader."""
    return yaml.compose(stream, Loader=SafeLoader)
