"""Ingest cost as the store grows: docs/s of writing 1,000 new articles into stores of 0, 10k and 100k.

    python benchmarks/linking_scale.py                 # writes benchmarks/results/linking_scale.json
    python benchmarks/linking_scale.py --sizes 0 10000 # other store sizes

Articles are synthetic and already coded (two events each: a type among the 16 PLOVER types, a
pair among 60 states, a date over 2010-2025, one in ten undated, one in thirty without a year;
wording from a few templates; one in five articles of a measured batch reports again, reworded,
the events of an earlier article of the batch, so that linking has work to do), so the figure is the store's write path (documents, events,
evidence, and linking: candidate lookup, scoring, re-clustering) without the parser. The stored
articles are bulk-loaded with the rows ingest would write for them (documents, events, linking
records, index keys, linked ids) so that 100,000 of them load in seconds; each measured batch is
written by ``Store.write_all`` as ``communique ingest`` writes, 64 documents a transaction.
Wall-clock seconds depend on what else the machine runs; CPU seconds (all threads of the process)
are steadier, and both are recorded.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from communique.linking.crossdoc import index_keys
from communique.records import ActorRef, Document, Event, Evidence, Sentence
from communique.store import Store
from communique.linking.reports import record_of
from communique.store.links import create_tables

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "linking_scale.json"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATES = ("AFG ARE ARG AUS AZE BGD BRA CAN CHE CHL CHN COL DEU EGY ESP ETH FRA GBR GRC IDN IND IRN IRQ ISR ITA "
          "JPN KAZ KEN KOR LKA MEX MMR MNG MYS NGA NLD NOR NZL PAK PER PHL POL PRK QAT RUS SAU SDN SEN SGP SWE "
          "THA TUR TWN UKR USA VEN VNM YEM ZAF").split()
TEMPLATES = ("{a} and {b} officials met to discuss {topic} on {day}.",
             "The ministry of {a} summoned the envoy of {b} over {topic}.",
             "{a} said it would expand cooperation with {b} on {topic}.",
             "Forces of {a} and {b} held a joint drill focused on {topic}.")
TOPICS = ("maritime security", "border trade", "a port call", "energy supplies", "a fishing dispute",
          "counter-terrorism", "arms sales", "a visa row", "air defence", "disaster relief")
FIRST_DAY = dt.date(2010, 1, 1).toordinal()
DAYS = dt.date(2025, 12, 31).toordinal() - FIRST_DAY
EVENTS_PER_ARTICLE = 2
ECHO_SHARE = 0.2


def synthetic_article(rng: random.Random, n: int, echoes: Document | None = None) -> Document:
    """An article of two events; one that ``echoes`` another article reports its events again, reworded."""
    published = dt.date.fromordinal(FIRST_DAY + rng.randrange(DAYS))
    if echoes is not None:
        published = dt.date.fromisoformat(echoes.published) + dt.timedelta(days=rng.randrange(2))
    doc_id = f"syn-{n:07d}"
    sentences, events = [], []
    for k in range(EVENTS_PER_ARTICLE):
        a, b = rng.sample(STATES, 2)
        event_type, symmetric = rng.choice(TYPES), rng.random() < 0.4
        topic = rng.choice(TOPICS)
        day = published - dt.timedelta(days=rng.randrange(3))
        roll = rng.random()
        date = None if roll < 0.1 else f"XXXX-{day:%m-%d}" if roll < 0.133 else day.isoformat()
        if echoes is not None:
            seen = echoes.events[k]
            a, b, event_type, symmetric = seen.actor.country, seen.recipient.country, seen.event_type, seen.symmetric
            date, topic = seen.date, next(t for t in TOPICS if t in seen.evidence[0].sentence)
        sentence = rng.choice(TEMPLATES).format(a=a, b=b, topic=topic, day=f"{day:%A}")
        start = sum(len(s) + 1 for s in sentences)
        sentences.append(sentence)
        events.append(Event(
            event_id=f"{doc_id}-e{k}", doc_id=doc_id, event_type=event_type, cameo="040",
            actor=ActorRef(country=a, sector="GOV"), recipient=ActorRef(country=b, sector="GOV"),
            symmetric=symmetric, date=date, date_precision="day" if date else None,
            evidence=[Evidence(doc_id, sentence, start, start + len(sentence), k)], confidence=0.7,
            sentence_index=k))
    text = " ".join(sentences) + f" ({doc_id})"
    doc = Document(doc_id=doc_id, text=text, content_hash=hashlib.sha1(text.encode()).hexdigest(),
                   source=f"Outlet {rng.randrange(40)}", published=published.isoformat(), origin=doc_id)
    offsets = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
    doc.sentences = [Sentence(i, o, o + len(s), s) for i, (o, s) in enumerate(zip(offsets, sentences))]
    doc.events = events
    return doc


def bulk_load(store: Store, docs: list[Document], folder: Path) -> None:
    """The rows ingest writes for these documents, loaded with COPY (no pairs among them are scored)."""
    tables: dict[str, tuple[list[str], list[list]]] = {
        "documents": (["doc_id", "content_hash", "source", "published", "text"], []),
        "events": (["event_id", "event_type", "actor_country", "recipient_country", "symmetric", "date",
                    "doc_id", "sentence_index"], []),
        "link_records": (["event_id", "doc_id", "record"], []),
        "link_keys": (["key", "event_id", "doc_id"], []),
        "event_links": (["event_id", "linked_id"], []),
    }
    for doc in docs:
        tables["documents"][1].append([doc.doc_id, doc.content_hash, doc.source, doc.published, doc.text])
        for event in doc.events:
            record = record_of(event, doc)
            tables["events"][1].append([event.event_id, event.event_type, event.actor.country,
                                        event.recipient.country, event.symmetric, event.date, doc.doc_id,
                                        event.sentence_index])
            tables["link_records"][1].append([event.event_id, doc.doc_id, json.dumps(record.to_dict())])
            tables["link_keys"][1].extend([key, event.event_id, doc.doc_id] for key in index_keys(record)[0])
            tables["event_links"][1].append([event.event_id, event.event_id])
    indexes = [row[0] for row in store.con.execute(
        "SELECT index_name FROM duckdb_indexes() WHERE table_name IN ('link_records', 'link_keys', 'event_links')").fetchall()]
    for index in indexes:  # built again once the rows are in (faster than row by row); same store in the end
        store.con.execute(f"DROP INDEX {index}")
    for table, (columns, rows) in tables.items():
        path = folder / f"{table}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows(rows)
        names = ", ".join(f'"{c}"' for c in columns)
        store.con.execute(f"COPY {table} ({names}) FROM '{path}' (HEADER, NULLSTR '')")
    create_tables(store.con)


def measure(size: int, batch: int, seed: int) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Store(folder / "scale.duckdb") as store:
            started = time.perf_counter()
            for first in range(0, size, 20_000):
                bulk_load(store, [synthetic_article(rng, n) for n in range(first, min(size, first + 20_000))], folder)
            load_seconds = time.perf_counter() - started
            new: list[Document] = []
            for n in range(batch):  # one in five re-reports an article of the batch (stored ones are not kept)
                echoes = rng.choice(new) if new and rng.random() < ECHO_SHARE else None
                new.append(synthetic_article(rng, size + n, echoes))
            started, cpu_started = time.perf_counter(), time.process_time()
            result = store.write_all(new, batch_size=64)
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
            linked = store.con.execute("SELECT count(DISTINCT linked_id), count(*) FROM event_links").fetchone()
            pairs = store.con.execute("SELECT count(*) FROM link_pairs").fetchone()[0]
    assert not result.failed, result.failed[:3]
    return {"stored_articles": size, "batch_articles": batch, "batch_seconds": round(seconds, 2),
            "docs_per_second": round(batch / seconds, 1), "batch_cpu_seconds": round(cpu_seconds, 2),
            "docs_per_cpu_second": round(batch / cpu_seconds, 1), "bulk_load_seconds": round(load_seconds, 1),
            "events_after": linked[1], "linked_events_after": linked[0], "linkable_pairs_after": pairs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    runs = []
    for size in args.sizes:
        runs.append(measure(size, args.batch, args.seed))
        print(json.dumps(runs[-1]), flush=True)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"runs": runs, "events_per_article": EVENTS_PER_ARTICLE}, indent=1) + "\n",
                       encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
