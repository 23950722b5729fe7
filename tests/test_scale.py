"""Coding at scale gives the events one process gives: worker processes, a Dask cluster, loading.

The inputs are the bundled example articles and short paraphrased reports written here.
"""

from __future__ import annotations

import json
import multiprocessing
import shutil

import pytest
from dask.distributed import Client

from communique.api import Communique, events_of
from communique.engine import code_partition, finished, input_partitions, partitions
from communique.engine.dask_engine import code_on_dask, local_cluster
from communique.export import event_to_dict
from communique.store import Store
from communique.store.load import load_directory

REPORTS = [
    "Japan and the Philippines held talks in Manila on defence cooperation.",
    "India and Pakistan signed an agreement on the release of fishermen.",
    "Iran condemned the sanctions imposed by the United States.",
    "Russian forces shelled the Ukrainian city of Kharkiv, killing three civilians.",
    "Chile sent humanitarian aid to Peru after the earthquake.",
    "The Chinese foreign minister visited Hanoi and met his Vietnamese counterpart.",
    # another outlet's report of the first: one event, two sources, once the store links them
    "Japanese and Philippine defence officials held talks in Manila on Monday on defence cooperation.",
]


@pytest.fixture(scope="module")
def coder():
    return Communique()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, examples):
    root = tmp_path_factory.mktemp("inputs")
    for path in examples.iterdir():
        shutil.copy(path, root / path.name)
    for name, part in (("first.jsonl", REPORTS[:3]), ("second.jsonl", REPORTS[3:])):
        lines = [json.dumps({"id": f"{name[:-6]}-{i}", "text": text, "published": "2023-05-0%d" % (i + 1)})
                 for i, text in enumerate(part)]
        (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def one_process(coder, inputs):
    return [event_to_dict(e) for e in events_of(coder.code_paths([inputs], workers=1))]


@pytest.fixture(scope="module")
def single_store(coder, inputs, tmp_path_factory):
    with Store(tmp_path_factory.mktemp("single") / "single.duckdb") as store:
        coder.ingest_paths(store, [inputs], workers=1)
        yield store


@pytest.fixture(scope="module")
def stored_in_one_process(single_store):
    return single_store.events()


@pytest.fixture(scope="module")
def linked_in_one_process(single_store):
    return single_store.linked_events()


def test_two_workers_give_the_events_of_one_process_in_the_same_order(coder, inputs, one_process):
    assert len(one_process) >= 10
    two = list(coder.code_paths([inputs], workers=2, batch_size=2))  # chunks of two: the pool is used
    assert [event_to_dict(e) for e in events_of(two)] == one_process


def test_ingest_with_two_workers_stores_what_one_process_stores(coder, inputs, stored_in_one_process, tmp_path):
    with Store(tmp_path / "two.duckdb") as store:
        result = coder.ingest_paths(store, [inputs], workers=2)
        assert result.failed == [] and len(result.stored) == 9
        assert store.events() == stored_in_one_process
        again = coder.ingest_paths(store, [inputs], workers=2)
        assert (again.stored, sorted(again.skipped_duplicates)) == ([], sorted(result.stored))


def test_a_dask_cluster_codes_partitions_that_load_to_the_single_process_events(
        inputs, stored_in_one_process, linked_in_one_process, coder, tmp_path):
    out = tmp_path / "coded"
    results = list(code_on_dask(coder.config, [inputs], out, workers=2))
    partitions = input_partitions([inputs])
    assert sorted(r.name for r in results) == sorted(p.name for p in partitions)
    assert len(partitions) == 3  # two JSONL files, one group of text files
    assert all(finished(out, p.name) for p in partitions)
    assert sum(r.documents for r in results) == 9 and all(r.peak_rss_mb > 0 for r in results)
    assert list(code_on_dask(coder.config, [inputs], out, workers=2)) == []  # finished partitions are skipped
    with Store(tmp_path / "loaded.duckdb") as store:
        loaded = load_directory(store, out)
        assert (len(loaded.stored), loaded.failed) == (9, [])
        assert store.events() == stored_in_one_process
        # loading links across documents as ingesting does: the two reports of the talks are one event
        assert store.linked_events() == linked_in_one_process
        assert any(e["num_articles"] == 2 for e in linked_in_one_process)
        assert load_directory(store, out).stored == []  # loading again changes nothing


def _pipeline_loaded(config: dict) -> bool:
    coder = partitions._coders.get(partitions._key(config))
    return coder is not None and coder._pipeline is not None


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_local_workers_start_with_the_pipeline_this_process_has_loaded(coder):
    held_before = partitions._key(coder.config) in partitions._coders
    cluster = local_cluster(coder.config, 1, coder)
    try:
        with Client(cluster) as client:
            assert client.submit(_pipeline_loaded, coder.config, pure=False).result()
    finally:
        cluster.close()
    assert (partitions._key(coder.config) in partitions._coders) == held_before  # not kept here for them


def test_an_unfinished_partition_is_not_loaded(inputs, coder, tmp_path):
    out = tmp_path / "coded"
    [partition] = input_partitions([inputs / "first.jsonl"])
    assert code_partition(coder.config, partition, str(out)).documents == 3
    (out / "events" / f"{partition.name}.parquet").unlink()  # as if interrupted before the last rename
    with Store(tmp_path / "loaded.duckdb") as store:
        assert load_directory(store, out).stored == []
