"""The query layer shared by the CLI and the HTTP API: checked filters, pages, and the CLI on top."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.api import Communique, EventFilter, QueryError
from communique.cli import app
from communique.store import Store

from test_web import ARTICLES, article

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("queries") / "q.duckdb"
    with Store(path) as store:
        store.write([article(d) for d in ARTICLES])
    return path


@pytest.mark.parametrize("kwargs, parameter", [
    ({"dyad": "CHN"}, "dyad"),
    ({"dyad": "CHN,V1N"}, "dyad"),
    ({"types": "MEET"}, "type"),
    ({"quad_classes": ["0"]}, "quad_class"),
    ({"sector": "ZZZ"}, "sector"),
    ({"since": "2021-02-30x"}, "since"),
    ({"since": "2021-05", "until": "2021-04-30"}, "since"),
    ({"text": "y" * 201}, "text"),
])
def test_a_bad_filter_names_its_parameter(kwargs, parameter):
    with pytest.raises(QueryError) as raised:
        EventFilter.parse(**kwargs)
    assert raised.value.parameter == parameter


def test_a_month_prefix_covers_the_month():
    assert EventFilter.parse(since="2021-04-15", until="2021-04").until == "2021-04"


def test_an_unknown_code_is_refused_by_the_store_a_known_one_is_not(db):
    with Communique.query(db) as queries:
        with pytest.raises(QueryError, match="XQZ"):
            queries.events_page(EventFilter.parse(dyad="CHN,XQZ"))
        assert queries.events_page(EventFilter.parse(dyad="CHN,NATO")).total == 0


def test_iterating_pages_gives_every_event_once(db):
    with Communique.query(db) as queries:
        flt = EventFilter.parse(dyad="CHN,VNM")
        assert [e["event_id"] for e in queries.iter_events(flt, batch=1)] == ["a0", "a1", "b0", "b1"]


def test_the_cli_table_shows_the_first_page_and_says_how_many_match(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "5 events, first 2 shown" in result.stdout


def test_the_cli_filters_by_quad_class_outlet_and_text(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--quad-class", "3,4",
                                 "--outlet", "VOVworld", "--text", "shelled"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["event_id"] for line in result.stdout.splitlines()] == ["b1"]


def test_a_bad_cli_filter_is_a_usage_error_naming_the_option(db):
    result = runner.invoke(app, ["events", "--db", str(db), "--quad-class", "9"])
    assert result.exit_code == 2
    assert "--quad-class" in result.output
