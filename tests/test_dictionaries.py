"""User dictionaries: PETRARCH/TABARI actors and agents, team CSV and YAML, with file:line errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from communique.actors.dictionaries import (DictionaryError, load_dictionaries, load_dictionary, parse_code,
                                            parse_period)

PETRARCH = "reference/openeventdata__petrarch2"


@pytest.fixture(scope="module")
def validate_actors(shared: Path):
    return load_dictionary(shared / PETRARCH / "PETR.Validate.actors.txt", strict_codes=False)


@pytest.fixture(scope="module")
def validate_agents(shared: Path):
    return load_dictionary(shared / PETRARCH / "PETR.Validate.agents.txt", strict_codes=False)


@pytest.mark.parametrize("phrase, day, country, sector", [
    ("North Korea", None, "PRK", None),
    ("Pyongyang", None, "PRK", None),  # a synonym line
    ("the hermit kingdom", None, None, None),  # not a phrase of the dictionary
    ("U.S.", None, "USA", None),
    ("White House", None, "USA", "GOV"),
    ("Interpol", None, None, "IGO"),  # [IGOCOPITP] on an indented line after the synonym
    ("Gollum", "1994-01-01", "HOB", None),  # [HOB < 950601]
    ("Smeagol", "1997-06-01", "HOB", "GOV"),  # [HOBGOV 19950601 - 19990815]
    ("Slinker", "2001-01-01", "HOB", "REB"),  # [HOBREB > 990816]
    ("Sam Gamgee", "2009-05-01", "HOB", "MIL"),
    ("Sam Gamgee", "2012-12-01", "HOB", "GOV"),
    ("Sam Gamgee", "2014-01-01", "HOB", "ELI"),
    ("Zimbabwe", "1975-01-01", "RHO", None),
    ("Zimbabwe", "1990-01-01", "ZBW", None),  # default code after the restriction
    ("Ent", None, "ENT", None),  # code on the next, indented line
])
def test_petrarch_actors(validate_actors, phrase, day, country, sector):
    role = validate_actors.code_on(phrase, day)
    if phrase == "the hermit kingdom":
        assert validate_actors.lookup("the hermit kingdom") is not None  # THE_HERMIT_KINGDOM synonym
        assert role.country == "PRK"
        return
    assert role is not None
    assert (role.country, role.sector) == (country, sector)


def test_petrarch_actors_skip_comments(validate_actors):
    names = {e.name for e in validate_actors.entries}
    assert "NASGUL" not in names  # commented out with '#'
    assert "PETRARCH VALIDATION SUITE ACTOR DICTIONARY" not in names
    assert len(validate_actors.entries) > 100


@pytest.mark.parametrize("phrase, sector", [
    ("FOREIGN MINISTER", "GOV"),
    ("FOREIGN MINISTERS", "GOV"),  # regular plural generated
    ("ATTORNEYS GENERAL", "GOV"),  # irregular plural in {...}
    ("CONGRESSWOMEN", "LEG"),  # substitution marker !PERSON!
    ("MINISTRY OF SILLY WALKS", "GOV"),  # substitution marker !MINST!
    ("HUMAN RIGHTS BODY", "NGO"),  # [NGO~]: the code goes before the actor
    ("POLICE", "COP"),  # "[ ~COP]" with a blank inside
    ("GOLDEN GEESE", "GGS"),
])
def test_petrarch_agents(validate_agents, phrase, sector):
    found = {a.phrase: a for a in validate_agents.agents}
    assert found[phrase].sector == sector


def test_agents_without_plural_keep_one_form(validate_agents):
    phrases = {a.phrase for a in validate_agents.agents}
    assert "MEDIA" in phrases and "MEDIAS" not in phrases  # MEDIA {}
    assert "HUMAN RIGHTS BODY" in phrases and "HUMAN RIGHTS BODIES" in phrases
    assert not any(p.startswith("CONGRESSMENS") for p in phrases)


def test_strict_codes_reject_the_fictional_validation_codes(shared: Path):
    with pytest.raises(DictionaryError, match=r"PETR\.Validate\.actors\.txt:19: unknown code 'HMS'"):
        load_dictionary(shared / PETRARCH / "PETR.Validate.actors.txt")


@pytest.mark.parametrize("lines, line, message", [
    ("CHINA [CHN]\nVIETNAM [VNM\n", 2, "unbalanced brackets"),
    ("+CATHAY\nCHINA [CHN]\n", 1, "synonym before any actor"),
    ("\t[CHN]\nCHINA\n", 1, "date restriction before any actor"),
    ("CHINA [CHN]\nMAO_ZEDONG\n\t[CHNGOV 491001-19XX0909]\n", 3, "malformed date"),
    ("CHINA [CHN]\nMAO_ZEDONG\n\t[CHNGOV 19760909-19491001]\n", 3, "ends before it starts"),
    ("CHINA [CHN]\nATLANTIS [XYZ]\n", 2, "unknown code 'XYZ'"),
    ("CHINA [CHN]\nATLANTIS [CH-N]\n", 2, "malformed code"),
])
def test_bad_actor_lines_name_file_and_line(tmp_path: Path, lines, line, message):
    path = tmp_path / "team.actors.txt"
    path.write_text("# team actors\n<!-- a comment\nover two lines -->\n" + lines, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as caught:
        load_dictionary(path)
    assert caught.value.line == line + 3
    assert str(caught.value).startswith(f"{path}:{line + 3}:")


@pytest.mark.parametrize("lines, line, message", [
    ("PRESIDENT [GOV]\n", 1, "malformed agent code"),
    ("PRESIDENT ~GOV\n", 1, "malformed agent line"),
    ("!A! = X!B!\n!B! = Y!A!\nTHE_!A! [~GOV]\n", 3, "substitution marker cycle"),
    ("THE_!NONE! [~GOV]\n", 1, "undefined substitution marker"),
    ("WIZARD [~WIZ]\n", 1, "unknown agent code"),
])
def test_bad_agent_lines_name_file_and_line(tmp_path: Path, lines, line, message):
    path = tmp_path / "team.agents.txt"
    path.write_text(lines, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as caught:
        load_dictionary(path)
    assert caught.value.line == line


def test_team_csv_has_date_bounded_roles(tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("name,code,period,title\n"
                    "Chang Wanquan,CHN MIL,2013-03 to 2018-03,Defense Minister\n"
                    "Chang Wanquan,CHN ELI,2018-04 to,\n"
                    "Nguyễn Chí Vịnh,VNMMIL,,\n", encoding="utf-8")
    d = load_dictionary(path)
    assert d.person("Chang Wanquan", "2016-11-02") == ("CHN", "MIL", "person:chang-wanquan")
    assert d.person("Chang Wanquan", "2019-01-01")[:2] == ("CHN", "ELI")
    assert d.person("Chang Wanquan", "2010-01-01") is None
    assert d.person("Nguyen Chi Vinh", None) == ("VNM", "MIL", "person:nguyen-chi-vinh")


@pytest.mark.parametrize("row, message", [
    ("Chang Wanquan,,2013 to 2018", "has no code"),
    ("Chang Wanquan,CHN MIL,2013-03 until 2018", "malformed period"),
    ("Chang Wanquan,CHN MIL,2018 to 2013", "ends before it starts"),
    ("Chang Wanquan,CHN XXX,2013 to 2018", "unknown code 'XXX'"),
    (",CHN MIL,", "empty name"),
])
def test_bad_csv_rows_name_file_and_line(tmp_path: Path, row, message):
    path = tmp_path / "people.csv"
    path.write_text("name,code,period\nXi Jinping,CHN GOV,2013-03 to\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as caught:
        load_dictionary(path)
    assert str(caught.value).startswith(f"{path}:3:")


def test_team_yaml_roles_aliases_and_same_as(tmp_path: Path):
    path = tmp_path / "people.yaml"
    path.write_text(
        "- name: Shao Yuanming\n"
        "  roles:\n"
        "    - {code: CHN MIL, period: 2017 to, title: deputy chief of staff}\n"
        "- {name: Gen. Shao, same_as: Shao Yuanming}\n"
        "- {name: Munich Security Conference, code: NGO, kind: organisation}\n", encoding="utf-8")
    d = load_dictionary(path)
    assert d.person("Gen. Shao", "2021-04-23") == ("CHN", "MIL", "person:shao-yuanming")
    assert d.code_on("Munich Security Conference").sector == "NGO"


def test_yaml_same_as_cycle_is_an_error(tmp_path: Path):
    path = tmp_path / "people.yaml"
    path.write_text("- {name: A, same_as: B}\n- {name: B, same_as: A}\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="same_as cycle"):
        load_dictionary(path)


def test_later_dictionaries_override_earlier_ones(tmp_path: Path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("name,code\nHamas,PSE REB\n", encoding="utf-8")
    second.write_text("name,code,kind\nHamas,PSE GOV,organisation\n", encoding="utf-8")
    assert load_dictionaries([first, second]).code_on("HAMAS").sector == "GOV"


@pytest.mark.parametrize("code, country, sector", [
    ("CHNMIL", "CHN", "MIL"), ("CHN MIL", "CHN", "MIL"), ("UNO", "UNO", None), ("IGOUNO", "UNO", "IGO"),
    ("---", None, None), ("GOV", None, "GOV"), ("NATO", "NATO", None),
])
def test_parse_code(code, country, sector):
    role = parse_code(code, ("x", 1), strict=True)
    assert (role.country, role.sector) == (country, sector)


def test_parse_period_covers_whole_months():
    assert parse_period("2013-03 to 2018-02", ("x", 1)) == (date(2013, 3, 1), date(2018, 2, 28))
    assert parse_period("to 2018", ("x", 1)) == (None, date(2018, 12, 31))


def test_missing_file_is_an_error(tmp_path: Path):
    with pytest.raises(DictionaryError, match="not found"):
        load_dictionary(tmp_path / "absent.txt")
