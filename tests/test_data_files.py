"""The data files people edit: every shipped YAML file has a schema and follows it, and a file that
does not is reported with its name, the line and the entry."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from communique import data_files
from communique.data_files import DataFileError, load, load_builtin
from communique.data_schemas import SCHEMAS

DATA = Path(str(resources.files("communique").joinpath("data")))


def test_every_shipped_yaml_file_has_a_schema():
    shipped = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.yaml"))
    assert shipped == sorted(SCHEMAS)


@pytest.mark.parametrize("relative", sorted(SCHEMAS))
def test_every_shipped_yaml_file_follows_its_schema(relative):
    assert load_builtin(relative)  # read, checked, and not empty


def write(tmp_path: Path, text: str, name: str = "bodies.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_value_names_the_file_the_line_and_the_entry(tmp_path):
    path = write(tmp_path, "- {code: UNO, sector: IGO, name: United Nations, aliases: [UN]}\n"
                           "- {code: NATO, sector: IGO, name: NATO, aliases: North Atlantic}\n")
    with pytest.raises(DataFileError, match=r"bodies.yaml:2: entry 2 \(NATO\) -> aliases: Input should be a valid list"):
        load(path, SCHEMAS["actors/bodies.yaml"])


def test_an_unknown_key_is_named(tmp_path):
    path = write(tmp_path, "- {rank: Colonel, sector: MIL, forms: [Col.], abbreviation: Col}\n", "ranks.yaml")
    with pytest.raises(DataFileError, match=r"ranks.yaml:1: entry 1 \(Colonel\) -> abbreviation: unknown key"):
        load(path, SCHEMAS["actors/ranks.yaml"])


def test_a_missing_key_is_named(tmp_path):
    path = write(tmp_path, "planned: {phrases: [slated for], auxiliaries: [will]}\nongoing: {phrases: [], verbs: []}\n",
                 "status_cues.yaml")
    with pytest.raises(DataFileError, match=r"status_cues.yaml:1: planned -> heads: Field required"):
        load(path, SCHEMAS["time/status_cues.yaml"])


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "intent: [willing, ready\nappeal: [urge]\n", "intents.yaml")
    with pytest.raises(DataFileError, match=r"intents.yaml:2: invalid YAML"):
        data_files.read_yaml(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataFileError, match=r"nowhere.yaml: cannot read"):
        data_files.read_yaml(tmp_path / "nowhere.yaml")
