"""The coder's word classes (``patterns/words.yaml``) and classes of acts (``patterns/code_classes.yaml``)
are data, replaceable by ``[stages.events] words`` and ``code_classes``.

A replacement file has the same keys, each a list of words; a missing or unknown key names the file.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from communique.api import Communique
from communique.events.codeclasses import load_code_classes
from communique.events.patterns import PatternError, load_lexicon
from communique.pipeline import load_config

REFUSAL = "Portugal will not accept migrants from Morocco."


def coder(**events_settings) -> Communique:
    return Communique(load_config(overrides={"stages": {"events": {"classifier": False, **events_settings}}}))


def builtin_words() -> dict:
    return yaml.safe_load(resources.files("communique").joinpath("data", "patterns", "words.yaml").read_text("utf-8"))


def test_the_built_in_word_classes_are_the_lexicon_s():
    lexicon = load_lexicon()
    assert "summit" in lexicon.gatherings and "thousands" in lexicon.quantity_heads
    assert lexicon.future_aux == frozenset({"will", "shall"})


def test_a_replacement_word_file_changes_what_the_coder_reads(tmp_path):
    # "will not accept" is a stated refusal because "will" is a modal of refusal
    assert [(e.cameo, e.rule) for e in coder().code_text(REFUSAL).events] == [("120", "accept+refusal")]
    words = builtin_words()
    words["refusal_modals"] = [w for w in words["refusal_modals"] if w != "will"]
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(words), encoding="utf-8")
    assert "will" not in load_lexicon(words=path).refusal_modals
    assert coder(words=str(path)).code_text(REFUSAL).events == []  # only negated, so not coded


def test_a_replacement_word_file_must_have_every_class(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("gatherings: [summit]\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"words.yaml:1: quantity_heads: Field required"):
        load_lexicon(words=path)


def test_an_unknown_word_class_is_named(tmp_path):
    words = {**builtin_words(), "gathering_words": ["summit"]}
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(words), encoding="utf-8")
    with pytest.raises(PatternError, match=r"words.yaml:\d+: gathering_words: unknown key"):
        load_lexicon(words=path)


ULTIMATUM = "Egypt will withdraw its ambassador from Sudan unless Khartoum releases the detainees."


def builtin_classes() -> dict:
    return yaml.safe_load(resources.files("communique").joinpath("data", "patterns", "code_classes.yaml")
                          .read_text("utf-8"))


def test_the_classes_of_acts_can_be_replaced(tmp_path):
    # an act the speaker will do "unless" another acts is an ultimatum, coded with the ultimatum code
    assert [(e.cameo, e.rule) for e in coder().code_text(ULTIMATUM).events] == [("130", "recall-envoy+ultimatum")]
    classes = builtin_classes()
    classes["codes"]["ultimatum"] = "138"
    path = tmp_path / "code_classes.yaml"
    path.write_text(yaml.safe_dump(classes), encoding="utf-8")
    events = coder(code_classes=str(path)).code_text(ULTIMATUM).events
    assert [(e.cameo, e.event_type, e.rule) for e in events] == [("138", "THREATEN", "recall-envoy+ultimatum")]


def test_a_class_of_acts_names_only_plover_types(tmp_path):
    classes = builtin_classes()
    classes["types"]["hostile"] = ["ASSAULT", "ATTACK"]
    path = tmp_path / "code_classes.yaml"
    path.write_text(yaml.safe_dump(classes), encoding="utf-8")
    with pytest.raises(PatternError, match=r"code_classes.yaml:\d+: types -> hostile -> entry 2: Input should be"):
        load_code_classes(path)
