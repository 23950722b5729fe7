"""The classes of acts, words and codes the coder and the reading stages test against are data:
``patterns/words.yaml`` and ``patterns/code_classes.yaml`` for the coder, ``reading/act_classes.yaml``
for consolidation; each is checked against its schema, and a bad entry names the file and the key.
A side's actor being a state, and a mention being a state's delegation, are answered by
:mod:`communique.actors.kinds`."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from communique.actors.kinds import (
    from_dictionary, is_common_term, is_delegation, is_group_pronoun, is_state_ref, person_actor_id, state_actor_id,
    through_counterpart,
)
from communique.data_files import DataFileError, load
from communique.data_schemas import SCHEMAS
from communique.events.codeclasses import load_code_classes
from communique.events.patterns import PatternError, load_lexicon
from communique.reading.acts import act_classes
from communique.records import ActorKind, ActorRef, Mention, actor_kind


def builtin(relative: str) -> dict:
    return yaml.safe_load(resources.files("communique").joinpath("data", relative).read_text("utf-8"))


def test_the_word_classes_of_phrases_and_control_are_in_the_lexicon():
    lexicon = load_lexicon()
    assert {"near", "throughout", "on"} <= lexicon.scene_preps
    assert lexicon.pair_words == frozenset({"both", "either", "neither"})
    assert "prompt" in lexicon.object_control_verbs and "by" in lexicon.subject_control_preps
    assert "including" in lexicon.example_preps and "despite" in lexicon.other_act_preps
    assert "the" in lexicon.definite_determiners and "sides" in lexicon.group_words


def test_the_domestic_and_international_classes_are_code_classes():
    classes = load_code_classes()
    assert "PROTEST" in classes.domestic_target_types and "CONSULT" in classes.international_types
    assert classes.scene_only_types == frozenset({"PROTEST"})
    assert "REB" in classes.domestic_sectors and "GOV" not in classes.domestic_sectors
    assert {"EU", "UNO"} <= classes.body_codes
    assert classes.domestic == ("081",) and classes.charge == ("11",)


def test_the_act_classes_of_consolidation_load():
    acts = act_classes()
    assert acts.disapproval == frozenset({"ACCUSE", "PROTEST"}) and acts.preferred_disapproval in acts.disapproval
    assert acts.parts["AGREE"] >= {"SUPPORT", "COOPERATE"} and acts.parts["ACCUSE"] == acts.disapproval
    assert acts.asked == frozenset({"REQUEST"}) and acts.means == frozenset({"MOBILIZE"})


def test_an_act_class_naming_no_plover_type_names_the_file_and_the_key(tmp_path):
    data = builtin("reading/act_classes.yaml")
    data["means"] = ["MOBILIZE", "DEPLOY"]
    path = tmp_path / "act_classes.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"act_classes.yaml:\d+: means -> entry 2: Input should be"):
        load(path, SCHEMAS["reading/act_classes.yaml"])


def test_an_act_class_file_without_a_class_names_it(tmp_path):
    data = builtin("reading/act_classes.yaml")
    del data["asked"]
    path = tmp_path / "act_classes.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"act_classes.yaml:\d+: asked: Field required"):
        load(path, SCHEMAS["reading/act_classes.yaml"])


def test_a_replacement_word_file_must_have_the_phrase_classes(tmp_path):
    words = builtin("patterns/words.yaml")
    del words["scene_preps"]
    path = tmp_path / "words.yaml"
    path.write_text(yaml.safe_dump(words), encoding="utf-8")
    with pytest.raises(PatternError, match=r"words.yaml:\d+: scene_preps: Field required"):
        load_lexicon(words=path)


def test_a_code_class_of_sectors_must_be_a_list(tmp_path):
    classes = builtin("patterns/code_classes.yaml")
    classes["domestic_sectors"] = "REB"
    path = tmp_path / "code_classes.yaml"
    path.write_text(yaml.safe_dump(classes), encoding="utf-8")
    with pytest.raises(PatternError, match=r"code_classes.yaml:\d+: domestic_sectors: Input should be a valid list"):
        load_code_classes(path)


def test_a_side_is_a_state_by_its_actor_id():
    assert is_state_ref(ActorRef(country="PER", actor_id=state_actor_id("PER")))
    assert is_state_ref(ActorRef(country="PER", sector="GOV", actor_id=state_actor_id("PER", "GOV")))
    assert not is_state_ref(ActorRef(country="PER", actor_id="person:ana-soto"))
    assert not is_state_ref(ActorRef(country="PER")) and not is_state_ref(None)


def mention(kind: str, rule: str | None) -> Mention:
    return Mention("m1", "d1", 0, 0, 10, "the Peruvian side", kind, rule=rule)


def test_a_delegation_stays_one_whatever_resolving_adds_to_its_rule():
    assert is_delegation(mention("group", "delegation"))
    assert is_delegation(mention("group", "delegation+led-by"))
    assert not is_delegation(mention("group", "both-sides"))
    assert not is_delegation(mention("person", "delegation")) and not is_delegation(mention("group", None))


def test_an_actor_id_says_the_kind_of_its_actor_through_one_typed_value():
    assert ActorRef(actor_id=person_actor_id("ana-soto")).is_person
    assert ActorRef(actor_id=state_actor_id("CHL", "GOV")).kind is ActorKind.STATE
    assert actor_kind(state_actor_id("PER")) is ActorKind.STATE and is_state_ref(ActorRef(actor_id="country:PER"))
    assert ActorRef(actor_id="org:chl-navy").kind is None and not ActorRef().is_person
    assert actor_kind("person") is None  # an id names its kind before a colon


def test_how_a_mention_was_found_is_answered_by_the_actor_kinds():
    they = Mention("m1", "d", 0, 0, 4, "They", "pronoun", rule="pronoun-group+antecedent")
    ministry = Mention("m2", "d", 0, 9, 21, "the ministry", "organisation", rule="organisation-term+led-by")
    envoy = Mention("m3", "d", 0, 30, 44, "his counterpart", "person", rule="title-term+counterpart-sector")
    named = Mention("m4", "d", 0, 50, 58, "Ana Soto", "person", rule="person-ner+dictionary")
    assert is_group_pronoun(they) and not is_group_pronoun(ministry)
    assert is_common_term(ministry) and is_common_term(envoy) and not is_common_term(named)
    assert through_counterpart(envoy) and not through_counterpart(named)
    assert from_dictionary(named) and not from_dictionary(ministry)
