"""The CAMEO/PLOVER codebook: lookups, class rules, agreement with the reference tables, schema errors."""

from __future__ import annotations

import csv
import json

import pytest

from communique.events import codebook
from communique.events.codebook import CodebookError, PLOVER_TYPES, all_codes, lookup


@pytest.mark.parametrize(
    "code, plover, mode, context",
    [
        ("041", "CONSULT", "phone", None),
        ("042", "CONSULT", "visit", None),
        ("043", "CONSULT", "visit", None),
        ("044", "CONSULT", "third-party", None),
        ("046", "CONSULT", None, "diplomatic"),
        ("0312", "AGREE", None, "military"),
        ("057", "SUPPORT", None, "diplomatic"),
        ("020", "REQUEST", None, None),  # appeals: plover_supplement.txt
        ("0214", "REQUEST", None, None),  # inherits the 02 root
        ("090", "ACCUSE", "investigate", None),
        ("112", "ACCUSE", "disapprove", None),
        ("0813", "RETREAT", None, "legal"),  # listed under RETREAT though its parent 081 is CONCEDE
        ("163", "SANCTION", "restrict", "economic"),  # plover_overrides.txt,
        ("1712", "ASSAULT", "seize", "human_security"),
        ("1834", "ASSAULT", "suicide-attack", None),  # not in the table: inherits 183
        ("176", "COERCE", None, None),  # not in the table: inherits the 17 root
        ("190", "ASSAULT", None, "military"),
        ("010", None, None, None),  # statements have no PLOVER type
    ],
)
def test_plover_mapping(code, plover, mode, context):
    entry = lookup(code)
    assert (entry.plover, entry.mode, entry.context) == (plover, mode, context)


@pytest.mark.parametrize(
    "code, name, goldstein",
    [
        ("043", "Host a visit", 2.8),
        ("0312", "Express intent to cooperate militarily", 5.2),
        ("016", "Deny responsibility", -5.0),  # eventtypes.csv wins over GDELT's -2
        ("20", "USE UNCONVENTIONAL MASS VIOLENCE", -10.0),
        ("155", "Mobilize or increase cyber-forces", None),  # no Goldstein value in any source
    ],
)
def test_names_and_goldstein(code, name, goldstein):
    assert (lookup(code).name, lookup(code).goldstein) == (name, goldstein)


@pytest.mark.parametrize(
    "root, quad, penta",
    [("01", 1, 0), ("02", 1, 0), ("03", 1, 1), ("04", 1, 1), ("05", 2, 1), ("06", 2, 2), ("08", 2, 2),
     ("09", 3, 3), ("13", 3, 3), ("14", 4, 4), ("15", 4, 4), ("16", 4, 3), ("17", 4, 4), ("20", 4, 4)],
)
def test_quad_and_penta_classes_follow_the_root(root, quad, penta):
    for code, entry in all_codes().items():
        if code.startswith(root):
            assert (entry.quad_class, entry.penta_class) == (quad, penta), code


def test_unknown_code_raises_a_clear_key_error():
    with pytest.raises(KeyError, match="unknown CAMEO event code '999'"):
        lookup("999")


def test_all_codes_is_loaded_once_and_complete():
    codes = all_codes()
    assert codes is all_codes()
    assert len(codes) == 318
    assert sum(len(code) == 2 for code in codes) == 20
    assert all(entry.code == code for code, entry in codes.items())


def test_plover_types():
    assert len(PLOVER_TYPES) == len(set(PLOVER_TYPES)) == 16
    used = {entry.plover for entry in all_codes().values()} - {None}
    assert used == set(PLOVER_TYPES)


def test_every_code_follows_the_plover_tables():
    data = codebook.data_dir()
    table = codebook.read_plover_table(data / "CAMEO2PLOVER-2021.txt")
    for code, row in codebook.read_plover_table(data / "plover_supplement.txt").items():
        table.setdefault(code, row)
    table.update(codebook.read_plover_table(data / "plover_overrides.txt"))
    for code, entry in all_codes().items():
        expected = codebook.plover_row(code, table) or (None, None, None)
        assert (entry.plover, entry.mode, entry.context) == expected, code


def test_plover_table_copy_is_verbatim(shared):
    original = shared / "reference" / "openeventdata__PLOVER" / "CAMEO2PLOVER-2021.txt"
    assert (codebook.data_dir() / "CAMEO2PLOVER-2021.txt").read_bytes() == original.read_bytes()


def test_names_and_goldstein_agree_with_the_sources(shared):
    reference = shared / "reference"
    with open(reference / "andybega__cameo" / "eventtypes.csv", encoding="utf-8") as fh:
        eventtypes = {row["code"]: row for row in csv.DictReader(fh)}
    gdelt_file = reference / "mpiccirilli__UNDP-BCPR-Project_GDELT-lookups" / "CAMEO.goldsteinscale.txt"
    gdelt = dict(line.rstrip("\n").split("\t") for line in gdelt_file.read_text(encoding="utf-8").splitlines()[1:])
    assert set(eventtypes) <= set(all_codes())
    for code, row in eventtypes.items():
        entry = lookup(code)
        value = row["goldstein"] if row["goldstein"] not in ("", "NA") else gdelt.get(code)
        assert entry.name == row["name"].strip()
        assert entry.goldstein == (float(value) if value is not None else None), code


def test_gold_cameo_codes_map_to_the_gold_plover_types(shared):
    lines = (shared / "eval" / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()
    for event in map(json.loads, filter(str.strip, lines)):
        assert lookup(event["cameo"]).plover == event["plover"], event["id"]


HEADER = "code,name,goldstein,quad_class,penta_class,plover,mode,context\n"


@pytest.mark.parametrize(
    "rows, message",
    [
        ("0431,Host,2.8,1,1,CONSULT,visit,\n", None),
        ("43x,Host,2.8,1,1,CONSULT,visit,\n", "bad CAMEO code"),
        ("043,,2.8,1,1,CONSULT,visit,\n", "has no name"),
        ("043,Host,high,1,1,CONSULT,visit,\n", "goldstein 'high' is not a float"),
        ("043,Host,12,1,1,CONSULT,visit,\n", "outside"),
        ("043,Host,2.8,2,1,CONSULT,visit,\n", "needs quad_class 1"),
        ("043,Host,2.8,1,1,MEET,visit,\n", "unknown PLOVER type 'MEET'"),
        ("043,Host,2.8,1,1,CONSULT\n", "expected 8 fields"),
        ("043,Host,2.8,1,1,CONSULT,,\n# note\n043,Host,2.8,1,1,CONSULT,,\n", "duplicate code"),
    ],
)
def test_malformed_codes_file_names_file_and_line(tmp_path, rows, message):
    path = tmp_path / "codes.csv"
    path.write_text(HEADER + "010,Make statement,0,1,0,,,\n" + rows, encoding="utf-8")
    if message is None:
        assert codebook.read_codes(path)["0431"].mode == "visit"
        return
    bad_line = 3 if "duplicate" not in message else 5
    with pytest.raises(CodebookError, match=f"{path}:{bad_line}: .*{message}"):
        codebook.read_codes(path)


def test_codes_file_with_wrong_header_is_rejected(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("code,name\n010,Make statement\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=f"{path}:1: expected columns"):
        codebook.read_codes(path)


def test_malformed_plover_table_line_is_rejected(tmp_path):
    path = tmp_path / "table.txt"
    path.write_text("04: CONSULT\n041 CONSULT, phone\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=f"{path}:2:"):
        codebook.read_plover_table(path)


def test_legacy_plover_names():
    renames = codebook.legacy_plover_names()
    assert renames["DEMAND"] == ("REQUEST", None)
    assert renames["INVESTIGATE"] == ("ACCUSE", "investigate")
    assert all(new in PLOVER_TYPES for new, _ in renames.values())
