"""Cross-document linking on the development set: duplicate pairs merged, traps kept apart.

    python benchmarks/linking.py            # gold events and the coded articles; writes benchmarks/results/linking.json
    python benchmarks/linking.py --gold-only

Two measurements, both through the store (linking runs as documents are written) and scored by
``communique.evaluate.score`` with ``dups.json``:

- gold: the gold events of each article, written as that article's events (evidence = the gold
  evidence text), so the linker is judged alone, whatever the coder finds;
- coded: the articles ingested as ``communique ingest`` does; linked events exported and scored.
  Event detection limits which pairs can be found at all.

``communique evaluate`` scores as the reference ``score.py`` does: a linked event is read with its
linked (best-supported) values in every document it cites. Gold events linked right can then still
match another event of their article (one article's undated report of an event others date), so the
gold part also records ``pairs_linked``: the duplicate pairs and traps the linker itself put under one
event.

It also records the evidence-similarity signal: the cosine of every cross-article pair of gold
events of the same type and pair of states, for the duplicate pairs, the traps and the rest.
Skips with a message when the development set (../shared/eval/dev) is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from communique.evaluate import load_gold, score
from communique.linking.crossdoc import (MIN_SIMILARITY, conflict, date_agreement, person_name, record_from_dict,
                                         text_similarity)
from communique.records import ActorRef, Document, Event, Evidence, Location, MechanismRef, Sentence
from communique.store import Store

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "eval" / "dev"
RESULTS = HERE / "results" / "linking.json"


def read_articles() -> dict[str, dict]:
    return {str(a["id"]): a for a in map(json.loads, (DEV / "articles.jsonl").read_text("utf-8").splitlines()) if a}


def _side(side: dict | None) -> ActorRef:
    side = side or {}
    person = person_name(side)
    return ActorRef(country=side.get("country"), sector=side.get("sector"), name=side.get("name"),
                    text=side.get("name"), actor_id=f"person:{person.replace(' ', '-')}" if person else None)


def gold_documents(articles: dict[str, dict], gold: list[dict]) -> list[Document]:
    """Each article as a document whose events are its gold events."""
    docs = []
    for doc_id, article in sorted(articles.items()):
        text = article["text"]
        doc = Document(doc_id=doc_id, text=text, content_hash=hashlib.sha1(text.encode()).hexdigest(),
                       title=article.get("title"), source=article.get("source"), url=article.get("url"),
                       published=article.get("published"), origin=f"dev:{doc_id}")
        doc.sentences = [Sentence(0, 0, len(text), text)]
        for g in (g for g in gold if str(g["doc"]) == doc_id):
            evidence = g.get("evidence") or ""
            start = max(text.find(evidence), 0)
            location, mechanism = g.get("location"), g.get("mechanism")
            doc.events.append(Event(
                event_id=g["id"], doc_id=doc_id, event_type=g["plover"], cameo=g.get("cameo") or "",
                actor=_side(g["actor"]), recipient=_side(g.get("recipient")), symmetric=bool(g.get("symmetric")),
                date=g.get("date"), status=g.get("status"),
                location=Location(name=location.get("name") or "", country=location.get("country")) if location else None,
                mechanism=MechanismRef(name=mechanism["name"], edition=mechanism.get("edition")) if mechanism else None,
                evidence=[Evidence(doc_id, evidence, start, start + len(evidence), 0)], confidence=1.0))
        docs.append(doc)
    return docs


def reference_scorer():
    """The reference ``score.py`` beside the development set."""
    spec = importlib.util.spec_from_file_location("reference_score", DEV.parent / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scored(store: Store, gold: list[dict], dups: dict) -> dict:
    linked = store.linked_events()
    result = score(gold, linked, dups, duplicate_details=True)
    per_article = score(gold, store.article_events(), dups, duplicate_details=True)
    reference = reference_scorer().score(gold, linked, dups)
    keys = ("precision", "recall", "f1", "dedup_pairs_merged", "dedup_pairs_merged_of_all", "dedup_false_merges")
    return {"linked": {k: result[k] for k in keys}, "per_article": {k: per_article[k] for k in keys},
            "linked_by_reference_scorer": {k: reference[k] for k in keys if k in reference},
            "linked_events": len(linked), "article_events": len(store.events()),
            "multi_article_events": sum(e["num_articles"] > 1 for e in linked)}


def ratio(fraction: str) -> float | None:
    part, whole = map(int, fraction.split("/"))
    return round(part / whole, 3) if whole else None


def similarity_signal(articles: dict[str, dict], gold: list[dict], dups: dict) -> dict:
    """Evidence cosine of cross-article gold pairs that nothing else rules out, by kind of pair."""
    records = {g["id"]: record_from_dict(g, published=articles[str(g["doc"])].get("published")) for g in gold}
    same = {frozenset(p) for group in dups["same"] for p in itertools.combinations(group, 2)}
    traps = {frozenset(p) for p in dups["different"]}
    kinds: dict[str, list[float]] = {"duplicate": [], "trap": [], "other": []}
    undated: dict[str, list[float]] = {"duplicate": [], "trap": [], "other": []}
    ruled_out = {"duplicate": 0, "trap": 0, "other": 0}
    for a, b in itertools.combinations(records.values(), 2):
        if a.doc_id == b.doc_id or a.block != b.block:
            continue
        pair = frozenset((a.event_id, b.event_id))
        kind = "duplicate" if pair in same else "trap" if pair in traps else "other"
        if conflict(a, b):
            ruled_out[kind] += 1
            continue
        similarity = text_similarity(a.text, b.text)
        kinds[kind].append(similarity)
        if date_agreement(a, b) == "undated":
            undated[kind].append(similarity)

    def summary(values: list[float]) -> dict:
        if not values:
            return {"n": 0}
        return {"n": len(values), "min": min(values), "median": round(statistics.median(values), 3),
                "max": max(values),
                **{f"share_at_least_{t}": round(sum(v >= t for v in values) / len(values), 3)
                   for t in sorted(set(MIN_SIMILARITY.values()) - {0.0})}}

    return {"pairs_ruled_out_before_similarity": ruled_out,
            "not_ruled_out": {k: summary(v) for k, v in kinds.items()},
            "undated_pairs": {k: summary(v) for k, v in undated.items()},
            "thresholds": MIN_SIMILARITY}


def run_gold(tmp: Path, articles: dict, gold: list[dict], dups: dict) -> dict:
    with Store(tmp / "gold.duckdb") as store:
        started = time.perf_counter()
        result = store.write(gold_documents(articles, gold))
        seconds = time.perf_counter() - started
        if result.failed:
            raise SystemExit(f"gold documents failed to store: {result.failed}")
        figures = scored(store, gold, dups)
        figures["pairs_linked"] = pairs_linked(store, dups)
    figures["write_seconds"] = round(seconds, 2)
    return figures


def pairs_linked(store: Store, dups: dict) -> dict:
    """The gold events' own links: pairs of one group under one linked event, and traps under one.
    (Scored as the reference scorer scores, a linked event is judged by its one best-supported date in
    every article it cites, so gold events linked right can still be matched to another event of their
    article; this counts what the linker did.)"""
    linked_as = {m["event_id"]: e["event_id"] for e in store.linked_events() for m in e["mentions"]}
    same = [(a, b) for group in dups.get("same", []) for a, b in itertools.combinations(group, 2)]
    merged = sum(linked_as.get(a) is not None and linked_as.get(a) == linked_as.get(b) for a, b in same)
    traps = sum(linked_as.get(a) is not None and linked_as.get(a) == linked_as.get(b)
                for a, b in dups.get("different", []))
    return {"same_pairs_merged": f"{merged}/{len(same)}", "false_merges": f"{traps}/{len(dups.get('different', []))}"}


def run_coded(tmp: Path, gold: list[dict], dups: dict) -> dict:
    from communique.api import Communique

    with Store(tmp / "coded.duckdb") as store:
        started = time.perf_counter()
        result = store.write_all(Communique().code_paths([DEV / "articles.jsonl"]))
        seconds = time.perf_counter() - started
        figures = scored(store, gold, dups)
    figures.update(stored=len(result.stored), failed=[f.reason for f in result.failed],
                   ingest_seconds=round(seconds, 1))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold-only", action="store_true", help="skip coding the articles (about a minute)")
    args = parser.parse_args(argv)
    if not (DEV / "dups.json").exists():
        print(f"skipped: the development set is not at {DEV}", file=sys.stderr)
        return 0
    articles, gold = read_articles(), load_gold(DEV / "gold")
    dups = json.loads((DEV / "dups.json").read_text("utf-8"))
    out: dict = {"dev_set": str(DEV.relative_to(HERE.parent.parent)), "similarity": similarity_signal(articles, gold, dups)}
    with tempfile.TemporaryDirectory() as tmp:
        out["gold_events"] = run_gold(Path(tmp), articles, gold, dups)
        if not args.gold_only:
            out["coded_articles"] = run_coded(Path(tmp), gold, dups)
    for part in ("gold_events", "coded_articles"):
        if part in out:
            linked = out[part]["linked"]
            out[part]["bars"] = {
                "found_pairs_merged": ratio(linked["dedup_pairs_merged"]),
                "all_pairs_merged": ratio(linked["dedup_pairs_merged_of_all"]),
                "false_merges": linked["dedup_false_merges"],
                "f1_linked_vs_per_article": [linked["f1"], out[part]["per_article"]["f1"]]}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v.get("bars") for k, v in out.items() if isinstance(v, dict) and "bars" in v}, indent=1))
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
