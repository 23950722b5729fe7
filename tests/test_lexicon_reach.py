"""A word file named in the configuration reaches every rule that reads its words.

The events stage's ``words`` replaces the coder's word classes for the coder and all its helpers
(the parties of an act, the scene of an act, argument phrases). The other stages read their own
files, each a setting with the built-in file as default: ``references`` (``words``,
``code_classes``, ``gatherings``, ``home``, ``plurals``, ``act_sectors``), ``consolidate``
(``words``, ``code_classes``, ``act_classes``, ``directed``), ``frame`` (``cues``, ``date_words``,
``act_sectors``, ``place_cues``, ``status_cues``, ``words``, ``code_classes``), ``merge``
(``code_classes``) and ``places`` (``cues``); the ``dates`` stage reads its ``date_words``
everywhere it looks for and reads a date. A replacement file is checked against the schema of the
file it replaces.
"""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest
import yaml

import communique
from communique.api import Communique
from communique.data_files import DataFileError
from communique.pipeline import load_config
from communique.reading.home import headline_state, load_home_words
from communique.reading.participants import act_sector, load_act_sectors
from communique.reading.plurals import load_plural_words, plural_words
from communique.records import Document

PROTEST = "Thousands of farmers protested near Valparaiso on Tuesday."
DRILL = "A joint naval drill involving Chilean and Peruvian forces began on Monday near Lima."
EXERCISE = ("Chile and Peru began a joint naval exercise near Lima on Monday 3 March. Peruvian ships will take "
            "part in the exercise until Friday, the navy said. Officials did not give other details.")


def builtin(relative: str) -> dict:
    return yaml.safe_load(resources.files("communique").joinpath("data", relative).read_text("utf-8"))


def replacement(tmp_path, relative: str, key: str, without: set[str]) -> str:
    """A copy of the built-in file ``relative`` whose list ``key`` lacks the words ``without``."""
    data = builtin(relative)
    data[key] = [w for w in data[key] if w not in without]
    path = tmp_path / relative.replace("/", "-")
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


def coder(**stages) -> Communique:
    settings = {"events": {"classifier": False}}
    for name, values in stages.items():
        settings.setdefault(name, {}).update(values)
    return Communique(load_config(overrides={"stages": settings}))


def test_the_events_stage_s_words_reach_the_scene_of_an_act(tmp_path):
    # protesters no phrase places are the civilians of the state where they protest: "near" a
    # Chilean town is a preposition of the scene (scene_preps)
    assert [(e.actor.country, e.recipient.country) for e in coder().code_text(PROTEST).events] == [("CHL", "CHL")]
    words = replacement(tmp_path, "patterns/words.yaml", "scene_preps", {"near"})
    events = coder(events={"words": words}).code_text(PROTEST).events
    assert [(e.actor.country, e.recipient.country) for e in events] == [(None, None)]


def test_the_references_stage_reads_the_scene_of_a_joint_exercise_from_its_own_words(tmp_path):
    # the state where a joint exercise takes place hosts it: its actor
    assert [(e.actor.country, e.recipient.country) for e in coder().code_text(DRILL).events] == [("PER", "CHL")]
    words = replacement(tmp_path, "patterns/words.yaml", "scene_preps", {"near"})
    events = coder(references={"words": words}).code_text(DRILL).events
    assert [(e.actor.country, e.recipient.country) for e in events] == [("CHL", "PER")]  # the first named


def test_the_references_stage_reads_a_replacement_gathering_file(tmp_path):
    assert [e.rule for e in coder().code_text(DRILL).events] == ["exercise-parties"]
    gatherings = replacement(tmp_path, "reading/gatherings.yaml", "exercise_nouns", {"drill", "drills"})
    assert coder(references={"gatherings": gatherings}).code_text(DRILL).events == []


def test_the_consolidate_stage_reads_its_own_words(tmp_path):
    # "the exercise" refers back to the exercise told before (a definite determiner): one act
    assert len(coder().code_text(EXERCISE).events) == 1
    words = replacement(tmp_path, "patterns/words.yaml", "definite_determiners", {"the"})
    assert len(coder(consolidate={"words": words}).code_text(EXERCISE).events) == 2


def test_the_home_words_are_a_replaceable_file(tmp_path):
    # "again" may stand between a headline's state and its verb
    title = Document("d", "", "h", title="Quito again summons Lima envoy")
    assert headline_state(title, load_home_words()) == "ECU"
    home = replacement(tmp_path, "reading/home.yaml", "headline_adverbs", {"again"})
    assert headline_state(title, load_home_words(home)) is None


def test_a_replacement_reading_file_is_checked_against_its_schema(tmp_path):
    path = tmp_path / "gatherings.yaml"
    path.write_text("exercise_nouns: [drill]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"gatherings.yaml:1: joint_words: Field required"):
        coder(references={"gatherings": str(path)}).code_text(DRILL)


def test_the_dates_stage_s_date_words_reach_the_search_for_dates(tmp_path):
    # "three days ago" is a date because "three" is a number word of the date words
    recall = "Peru recalled its ambassador to Chile three days ago."
    assert [e.date for e in coder().code_text(recall, published="2025-03-10").events] == ["2025-03-07"]
    data = builtin("time/date_words.yaml")
    del data["numbers"]["three"]
    path = tmp_path / "date_words.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    events = coder(dates={"date_words": str(path)}).code_text(recall, published="2025-03-10").events
    assert [e.date for e in events] == [None]


def test_the_words_of_plurals_are_a_replaceable_file(tmp_path):
    # "the two ministers" is a plural of the parties named before: a number word, or "the" and a plural
    assert plural_words("the two ministers", load_plural_words())
    data = builtin("reading/plurals.yaml")
    data["numbers"] = {word: n for word, n in data["numbers"].items() if word != "two"}
    data["plural_determiners"] = [w for w in data["plural_determiners"] if w != "the"]
    path = tmp_path / "plurals.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert not plural_words("the two ministers", load_plural_words(path))


def test_the_offices_that_do_classes_of_acts_are_a_replaceable_file(tmp_path):
    assert act_sector("062", load_act_sectors()) == "MIL"  # military cooperation: the armed forces
    path = tmp_path / "act_sectors.yaml"
    path.write_text("GOV: ['06']\n", encoding="utf-8")
    assert act_sector("062", load_act_sectors(path)) == "GOV"


def test_the_places_and_frame_stages_read_the_cue_words_of_places(tmp_path):
    # "near" makes the place after it where the act happens
    talks = "Chile and Peru held naval talks near Arica on Monday."
    found = [(e.location.name, e.location_reason) for e in coder().code_text(talks).events]
    assert found == [("Arica", "'near Arica' in the event's sentence")]
    cues = replacement(tmp_path, "place/cues.yaml", "locative_prepositions", {"near"})
    events = coder(places={"cues": cues}, frame={"place_cues": cues}).code_text(talks).events
    assert [e.location for e in events] == [None]


def test_the_coder_s_word_files_are_read_where_a_stage_is_built_not_in_its_helpers():
    # a helper that read the built-in file itself would not see a replacement the configuration names
    package = Path(communique.__file__).parent
    readers = set()
    for path in package.rglob("*.py"):
        if path.parent.name == "ingest":
            continue  # (the ingest lexicon is another file)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("load_lexicon", "load_code_classes") \
                    and not node.args and not node.keywords:
                readers.add(path.relative_to(package).as_posix())
    # the coder built without classes of acts, and a restatement tested on its own, take the built-in ones
    assert readers == {"events/coder.py", "reading/consolidate.py"}
