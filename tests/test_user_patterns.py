"""User pattern files and replaced word lists: what a configuration adds to or changes in the coder.

A user rule is tried after the built-in ones unless it has a higher ``priority`` or ``replaces`` a
built-in rule; ``[stages.events] intents`` and ``domains`` replace the stance markers and the
domain words.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from communique.api import Communique
from communique.events.patterns import PatternError, load_lexicon, load_patterns
from communique.pipeline import load_config

CONDEMN = "North Korea condemned the United States for the drills."
WILLING = "Vietnam is willing to strengthen defense cooperation with India."


def coder(**events_settings) -> Communique:
    return Communique(load_config(overrides={"stages": {"events": {"classifier": False, **events_settings}}}))


def coded(communique: Communique, sentence: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(e.cameo, e.rule, e.actor.country, e.recipient.country) for e in communique.code_text(sentence).events]


def write_rules(path: Path, rules: list[dict], **file_keys) -> str:
    path.write_text(yaml.safe_dump({**file_keys, "patterns": rules}, sort_keys=False), encoding="utf-8")
    return str(path)


def builtin(name: str) -> dict:
    return yaml.safe_load(resources.files("communique").joinpath("data", "patterns", name).read_text("utf-8"))


CONDEMN_AS_ACCUSATION = {"id": "condemn-accuses", "verbs": ["condemn"], "cameo": "112", "target": ["dobj", "for"]}


def test_the_built_in_rule_codes_condemn_as_criticism():
    assert coded(coder(), CONDEMN) == [("111", "condemn", "PRK", "USA")]


def test_a_user_rule_of_default_priority_comes_after_the_built_in_one(tmp_path):
    rules = write_rules(tmp_path / "mine.yaml", [CONDEMN_AS_ACCUSATION])
    assert coded(coder(patterns=[rules]), CONDEMN) == [("111", "condemn", "PRK", "USA")]


def test_a_user_rule_with_a_higher_priority_overrides_the_built_in_one(tmp_path):
    rules = write_rules(tmp_path / "mine.yaml", [{**CONDEMN_AS_ACCUSATION, "priority": 10}])
    assert coded(coder(patterns=[rules]), CONDEMN) == [("112", "condemn-accuses", "PRK", "USA")]


def test_a_file_priority_applies_to_each_of_its_rules(tmp_path):
    rules = write_rules(tmp_path / "mine.yaml", [CONDEMN_AS_ACCUSATION], priority=1)
    assert coded(coder(patterns=[rules]), CONDEMN) == [("112", "condemn-accuses", "PRK", "USA")]


def test_a_user_rule_replaces_a_built_in_rule_by_id(tmp_path):
    rules = write_rules(tmp_path / "mine.yaml", [{**CONDEMN_AS_ACCUSATION, "replaces": "condemn"}])
    assert coded(coder(patterns=[rules]), CONDEMN) == [("112", "condemn-accuses", "PRK", "USA")]
    ids = [p.id for p in load_patterns([rules]).patterns]
    assert "condemn" not in ids
    assert ids.index("condemn-accuses") < ids.index("accuse")  # in the replaced rule's place


def test_a_rule_may_replace_the_rule_of_the_same_id(tmp_path):
    rules = write_rules(tmp_path / "mine.yaml", [{**CONDEMN_AS_ACCUSATION, "id": "condemn", "replaces": "condemn"}])
    assert coded(coder(patterns=[rules]), CONDEMN) == [("112", "condemn", "PRK", "USA")]


def test_a_reused_id_is_an_error_that_suggests_replaces(tmp_path):
    rules = write_rules(tmp_path / "mine.yaml", [{**CONDEMN_AS_ACCUSATION, "id": "condemn"}])
    with pytest.raises(PatternError, match=r"mine.yaml: pattern 1 \(condemn\): the id 'condemn' is already used by "
                                           r".*verbs.yaml.*'replaces: condemn'"):
        load_patterns([rules])


def test_replacing_an_unknown_rule_is_an_error(tmp_path):
    rules = write_rules(tmp_path / "mine.yaml", [{**CONDEMN_AS_ACCUSATION, "replaces": "condem"}])
    with pytest.raises(PatternError, match=r"mine.yaml: pattern 1 \(condemn-accuses\): replaces 'condem', but no rule"):
        load_patterns([rules])


@pytest.mark.parametrize("entry, message", [
    ({"priority": "high"}, r"'priority' must be a whole number"),
    ({"replaces": ["condemn"]}, r"'replaces' must be the id of a rule"),
    ({"cameo": "999"}, r"unknown CAMEO code '999'"),
    ({"verb": ["condemn"]}, r"unknown key\(s\) \['verb'\]; allowed: "),
])
def test_a_malformed_user_rule_names_the_file_and_the_entry(tmp_path, entry, message):
    rules = write_rules(tmp_path / "bad.yaml", [{**CONDEMN_AS_ACCUSATION, **entry}])
    with pytest.raises(PatternError, match=r"bad.yaml: pattern 1.*" + message):
        load_patterns([rules])


def test_a_user_file_has_only_patterns_and_priority(tmp_path):
    rules = write_rules(tmp_path / "bad.yaml", [CONDEMN_AS_ACCUSATION], prority=3)
    with pytest.raises(PatternError, match=r"bad.yaml: unknown key\(s\) \['prority'\]"):
        load_patterns([rules])


def test_the_stance_markers_can_be_replaced(tmp_path):
    assert coded(coder(), WILLING) == [("0312", "intent-to-cooperate", "VNM", "IND")]
    intents = builtin("intents.yaml")
    intents["intent"] = [w for w in intents["intent"] if w != "willing"]
    path = tmp_path / "intents.yaml"
    path.write_text(yaml.safe_dump(intents), encoding="utf-8")
    assert "willing" not in load_lexicon(path).intent
    assert [c for c, *_ in coded(coder(intents=str(path)), WILLING)] != ["0312"]


def test_the_domain_words_can_be_replaced(tmp_path):
    domains = builtin("domains.yaml")
    domains["military"] = [w for w in domains["military"] if w not in ("defense", "defence")]
    domains["economic"] = [*domains["economic"], "defense"]
    path = tmp_path / "domains.yaml"
    path.write_text(yaml.safe_dump(domains), encoding="utf-8")
    # "defense cooperation" is now economic cooperation (0311), not military (0312)
    assert coded(coder(domains=str(path)), WILLING) == [("0311", "intent-to-cooperate", "VNM", "IND")]


def test_a_replacement_stance_file_must_have_every_list(tmp_path):
    path = tmp_path / "intents.yaml"
    path.write_text("intent: [willing]\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"intents.yaml:1: appeal: Field required"):
        load_lexicon(path)


def test_a_replacement_domain_file_holds_word_lists(tmp_path):
    path = tmp_path / "domains.yaml"
    path.write_text("military: [army, navy]\neconomic: trade\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"domains.yaml:2: economic: Input should be a valid list"):
        load_lexicon(None, path)


def test_a_configured_actor_dictionary_codes_the_sides_of_events(tmp_path):
    team = tmp_path / "team.csv"
    team.write_text("name,code,kind\nOrlan Vesk,DEU GOV,person\n", encoding="utf-8")
    communique = Communique(load_config(overrides={"stages": {"actors": {"dictionaries": [str(team)]},
                                                              "events": {"classifier": False}}}))
    events = communique.code_text("Orlan Vesk criticized France on Tuesday.").events
    assert [(e.cameo, e.actor.country, e.actor.sector, e.recipient.country) for e in events] == [
        ("111", "DEU", "GOV", "FRA")]
