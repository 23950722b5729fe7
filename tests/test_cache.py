"""The cache of built data: reused while its sources are unchanged, rebuilt when damaged, optional."""

from __future__ import annotations

import pickle

import pytest

from communique.place import cache
from communique.place.gazetteer import _from_state, _state, build_gazetteer


def counting_build(calls):
    def build():
        calls.append(1)
        return {"value": len(calls)}
    return build


def cached_value(build):
    return cache.cached("demo", build, to_state=lambda v: v, from_state=lambda s: s)


def test_a_value_is_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_CACHE", str(tmp_path))
    calls = []
    assert cached_value(counting_build(calls)) == {"value": 1}
    assert cached_value(counting_build(calls)) == {"value": 1}
    assert len(calls) == 1
    assert [p.name for p in tmp_path.iterdir()] == [f"demo-{cache.source_key()}.pickle"]


def test_a_build_for_other_sources_is_removed_when_the_current_one_is_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_CACHE", str(tmp_path))
    (tmp_path / "demo-0123456789abcdef.pickle").write_bytes(pickle.dumps({"value": 0}))
    (tmp_path / "other-0123456789abcdef.pickle").write_bytes(b"kept")
    assert cached_value(counting_build([])) == {"value": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"demo-{cache.source_key()}.pickle", "other-0123456789abcdef.pickle"])


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_CACHE", str(tmp_path))
    (tmp_path / f"demo-{cache.source_key()}.pickle").write_bytes(b"not a pickle")
    calls = []
    assert cached_value(counting_build(calls)) == {"value": 1}
    assert cached_value(counting_build(calls)) == {"value": 1} and len(calls) == 1


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_CACHE", "off")
    calls = []
    cached_value(counting_build(calls))
    cached_value(counting_build(calls))
    assert len(calls) == 2


def test_the_key_changes_with_the_data_it_hashes(monkeypatch):
    before = cache.source_key()
    monkeypatch.setattr(cache, "SOURCE_PACKAGES", cache.SOURCE_PACKAGES + ("duckdb",))
    assert cache.source_key() != before


def test_the_cached_gazetteer_answers_as_the_built_one():
    built = build_gazetteer()
    loaded = _from_state(pickle.loads(pickle.dumps(_state(built))))
    for name in ("hanoi", "dongxing", "guangxi", "texas", "nowhere at all"):
        assert loaded.cities.get(name, []) == built.cities.get(name, [])
        assert loaded.divisions.get(name, []) == built.divisions.get(name, [])
    assert loaded.countries == built.countries and loaded.waters == built.waters
    assert loaded.country_by_iso3 == built.country_by_iso3


def test_a_checked_data_file_is_taken_from_the_cache_until_its_text_changes(tmp_path, monkeypatch):
    from communique import data_files

    monkeypatch.setenv("COMMUNIQUE_CACHE", str(tmp_path / "cache"))
    words = tmp_path / "words.yaml"
    words.write_text("- harbour\n- quay\n", encoding="utf-8")
    assert data_files.load(words, list[str]) == ["harbour", "quay"]
    assert len(list((tmp_path / "cache" / "data").iterdir())) == 1

    def unparsed(*_args):
        raise AssertionError("a cached file is parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(data_files, "_parse", unparsed)
        assert data_files.load(words, list[str]) == ["harbour", "quay"]
    words.write_text("- harbour\n- [quay, pier]\n", encoding="utf-8")
    with pytest.raises(data_files.DataFileError, match="words.yaml:2"):
        data_files.load(words, list[str])
    monkeypatch.setenv("COMMUNIQUE_CACHE", "off")
    words.write_text("- pier\n", encoding="utf-8")
    assert data_files.load(words, list[str]) == ["pier"]
