"""The table data files (CSV and one-row-a-line text): every shipped one has a row schema and follows
it, and a row that does not is reported with the file, the line and the field."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from communique.actors.dictionaries import DictionaryError, load_dictionary
from communique.data_files import DataFileError
from communique.data_schemas import TABLES, CaseMapRow, DivisionRow
from communique.data_tables import read_csv
from communique.events import codebook
from communique.events.codebook import CodebookError

DATA = Path(str(resources.files("communique").joinpath("data")))


def test_every_shipped_table_file_has_a_row_schema():
    shipped = sorted(str(p.relative_to(DATA)) for pattern in ("*.csv", "*.txt") for p in DATA.rglob(pattern))
    assert shipped == sorted(TABLES)


@pytest.mark.parametrize("relative", sorted(TABLES))
def test_every_shipped_table_file_follows_its_schema(relative):
    path = DATA / relative
    rows = codebook.read_plover_table(path) if path.suffix == ".txt" else read_csv(path, TABLES[relative])
    assert rows  # read, checked, and not empty


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_wrong_cell_names_the_file_the_line_the_row_and_the_field(tmp_path):
    path = write(tmp_path, "map.csv", "# sub-types of a made-up feed\nsubtype,plover,reason\n"
                                      "Sit-in,PROTEST,\nRaid,RAID,not a type\n")
    with pytest.raises(DataFileError, match=r"map.csv:4: row \(Raid\) -> plover: unknown PLOVER type 'RAID'"):
        read_csv(path, CaseMapRow)


def test_comment_lines_keep_the_line_numbers_of_the_file(tmp_path):
    path = write(tmp_path, "admin1.csv", "# divisions\ncountry,code,name\nFR,11,Ile-de-France\n# note\nFR,,Bretagne\n")
    with pytest.raises(DataFileError, match=r"admin1.csv:5: row \(FR\) -> code: empty code"):
        read_csv(path, DivisionRow)


def test_an_unknown_column_is_named_with_the_known_ones(tmp_path):
    path = write(tmp_path, "admin1.csv", "country,code,name,population\nFR,11,Ile-de-France,12000000\n")
    with pytest.raises(DataFileError, match=r"admin1.csv:1: expected columns country,code,name .*found "
                                            r"country,code,name,population"):
        read_csv(path, DivisionRow)


def test_a_row_longer_than_the_header_is_an_error(tmp_path):
    path = write(tmp_path, "admin1.csv", "country,code,name\nFR,11,Ile-de-France,extra\n")
    with pytest.raises(DataFileError, match=r"admin1.csv:2: expected 3 fields, found 4"):
        read_csv(path, DivisionRow)


def test_an_empty_optional_cell_is_absent(tmp_path):
    path = write(tmp_path, "map.csv", "subtype,plover,reason\nLooting,,no PLOVER type\n")
    assert [(line, row.plover) for line, row in read_csv(path, CaseMapRow)] == [(2, None)]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataFileError, match=r"nowhere.csv:0: cannot read"):
        read_csv(tmp_path / "nowhere.csv", DivisionRow)


def test_a_plover_table_row_names_the_field(tmp_path):
    path = write(tmp_path, "table.txt", "04: CONSULT  # consult\n~~~~~~\n042: MEET, visit\n")
    with pytest.raises(CodebookError, match=r"table.txt:3: row \(042\) -> event: unknown PLOVER type 'MEET'"):
        codebook.read_plover_table(path)


def test_a_user_csv_dictionary_with_an_unknown_column_lists_the_known_ones(tmp_path):
    path = write(tmp_path, "team.csv", "name,code,nickname\nAlda Brenner,DEU GOV,Al\n")
    with pytest.raises(DictionaryError, match=r"team.csv:1: expected columns name,code,period,title,aliases,kind"):
        load_dictionary(path)


def test_every_data_file_error_is_a_data_file_error(tmp_path):
    path = write(tmp_path, "codes.csv", "code,name\n")
    with pytest.raises(DataFileError):
        codebook.read_codes(path)
    with pytest.raises(DataFileError):
        load_dictionary(write(tmp_path, "team.csv", "name\nAlda Brenner\n"))


def test_a_byte_order_mark_before_the_header_is_ignored(tmp_path):
    path = tmp_path / "team.csv"
    path.write_bytes("\ufeffname,code\nAlda Brenner,DEU GOV\n".encode("utf-8"))
    assert load_dictionary(path).code_on("Alda Brenner").country == "DEU"


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "admin1.csv"
    path.write_bytes("country,code,name\nFR,11,\xcele-de-France\n".encode("latin-1"))
    with pytest.raises(DataFileError, match=r"admin1.csv:0: not UTF-8 text"):
        read_csv(path, DivisionRow)
