"""Cross-document linking: one real-world event reported by several outlets is one linked event.

The articles are made up; each is one coded event, as the pipeline would store it.
"""

from __future__ import annotations

import hashlib
import random

import pytest

from communique.linking.crossdoc import LinkRecord, index_keys, link_score
from communique.records import ActorRef, Document, Event, Evidence, Location, MechanismRef, Sentence
from communique.store import Store

CAMEO = {"ACCUSE": "114", "SANCTION": "163", "CONSULT": "040", "AGREE": "030"}


def report(doc_id: str, sentence: str, *, outlet: str = "Wire", published: str | None = "2022-03-15",
           event_type: str = "ACCUSE", actor: str = "SDN", recipient: str = "EGY", date: str | None = "2022-03-14",
           symmetric: bool = False, place: str | None = None, mechanism: tuple[str, int] | None = None,
           people: tuple[str | None, str | None] = (None, None)) -> Document:
    """An article of one sentence reporting one event."""
    doc = Document(doc_id=doc_id, text=sentence, content_hash=hashlib.sha1(sentence.encode()).hexdigest(),
                   source=outlet, published=published, origin=f"{doc_id}.txt")
    doc.sentences = [Sentence(0, 0, len(sentence), sentence)]

    def side(country: str, person: str | None) -> ActorRef:
        if person:
            return ActorRef(country=country, sector="GOV", name=person, text=person,
                            actor_id="person:" + person.lower().replace(" ", "-"))
        return ActorRef(country=country, sector="GOV", name=country, text=country)

    doc.events = [Event(
        event_id=f"{doc_id}-e1", doc_id=doc_id, event_type=event_type, cameo=CAMEO[event_type],
        actor=side(actor, people[0]), recipient=side(recipient, people[1]), symmetric=symmetric, date=date,
        date_precision="day" if date else None, status="occurred",
        location=Location(name=place, country=actor) if place else None,
        mechanism=MechanismRef(name=mechanism[0], edition=mechanism[1]) if mechanism else None,
        evidence=[Evidence(doc_id, sentence, 0, len(sentence), 0)], confidence=0.8, sentence_index=0)]
    return doc


SUMMONS_A = report("harbour", "The foreign ministry summoned the Egyptian ambassador on Monday to protest "
                              "the oil tender in the disputed border triangle.", outlet="Harbour Times")
SUMMONS_B = report("capital", "Khartoum called in Egypt's ambassador on Monday over the tender for oil blocks "
                              "in the disputed triangle, the ministry said.", outlet="Capital Daily")
SANCTION = report("ledger", "Sudan froze the assets of Egyptian oil firms on Monday over the tender in the "
                            "disputed triangle.", outlet="Ledger", event_type="SANCTION")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "links.duckdb") as s:
        yield s


def groups(store: Store) -> list[list[str]]:
    """The linked events as sorted lists of the documents that report them."""
    return sorted(sorted(m["doc_id"] for m in e["mentions"]) for e in store.linked_events())


def test_the_same_summons_by_two_outlets_is_one_event_with_both_mentions(store):
    store.write([SUMMONS_A, SUMMONS_B])
    [event] = store.linked_events()
    assert (event["num_articles"], event["num_sources"]) == (2, 2)
    assert [(m["doc_id"], m["source"], m["sentence"]) for m in event["mentions"]] == [
        ("capital", "Capital Daily", SUMMONS_B.text), ("harbour", "Harbour Times", SUMMONS_A.text)]
    assert {ev["doc_id"] for ev in event["evidence"]} == {"capital", "harbour"}
    assert event["event_id"] == event["linked_id"] == "capital-e1"  # the smallest report id
    assert [e["linked_id"] for e in store.article_events()] == ["capital-e1", "capital-e1"]


def test_two_reports_from_one_outlet_count_one_source(store):
    copy = report("harbour-evening", SUMMONS_B.text + " It was the second protest.", outlet="Harbour Times")
    store.write([SUMMONS_A, copy])
    [event] = store.linked_events()
    assert (event["num_articles"], event["num_sources"]) == (2, 1)


def test_consecutive_day_meetings_of_the_same_ministers_stay_apart(store):
    ministers = ("Rajiv Menon", "Kenji Sato")
    monday = report("mon", "Defence ministers Rajiv Menon and Kenji Sato met in Tokyo on Monday to discuss "
                           "maritime security.", event_type="CONSULT", actor="IND", recipient="JPN",
                    symmetric=True, date="2023-05-01", published="2023-05-01", people=ministers)
    tuesday = report("tue", "Rajiv Menon and Kenji Sato met again on Tuesday and reviewed joint exercises "
                            "and defence industry ties.", event_type="CONSULT", actor="JPN", recipient="IND",
                     symmetric=True, date="2023-05-02", published="2023-05-02", people=ministers[::-1])
    store.write([monday, tuesday])
    assert groups(store) == [["mon"], ["tue"]]


def test_a_summons_and_a_sanction_the_same_day_stay_apart(store):
    store.write([SUMMONS_A, SANCTION])
    assert groups(store) == [["harbour"], ["ledger"]]


def test_thirteenth_and_seventeenth_editions_never_merge(store):
    dialogue = "High-Level Military Dialogue"
    thirteenth = report("d13", "The 13th High-Level Military Dialogue between Azerbaijan and Turkey opened in Baku.",
                        event_type="CONSULT", actor="AZE", recipient="TUR", symmetric=True, date="XXXX-12-17",
                        published=None, mechanism=(dialogue, 13))
    seventeenth = report("d17", "The 17th High-Level Military Dialogue between Azerbaijan and Turkey opened in Baku.",
                         event_type="CONSULT", actor="AZE", recipient="TUR", symmetric=True, date="XXXX-12-17",
                         published=None, mechanism=(dialogue, 17))
    again = report("d17b", "Azerbaijani and Turkish commanders began the 17th High-Level Military Dialogue.",
                   event_type="CONSULT", actor="TUR", recipient="AZE", symmetric=True, date=None,
                   published=None, mechanism=(dialogue, 17))
    store.write([thirteenth, seventeenth, again])
    assert groups(store) == [["d13"], ["d17", "d17b"]]


def test_an_undated_report_joins_only_within_its_publication_week(store):
    undated = report("wire", "Sudan has summoned Egypt's ambassador to protest the tender for oil blocks in the "
                             "disputed triangle.", date=None, published="2022-03-15")
    months_later = report("late", "Sudan has summoned Egypt's ambassador again to protest the tender for oil blocks "
                                  "in the disputed triangle.", date=None, published="2022-07-02")
    store.write([SUMMONS_A, undated, months_later])
    assert groups(store) == [["harbour", "wire"], ["late"]]


def test_a_monday_tuesday_disagreement_keeps_the_better_supported_day_and_shows_the_other(store):
    text = "The foreign ministry summoned the Egyptian ambassador to protest the oil tender in the disputed triangle."
    monday = [report(f"m{i}", f"{text} (m{i})", outlet=f"Outlet {i}", date="2022-03-14") for i in (1, 2)]
    tuesday = report("t1", f"{text} (t1)", outlet="Outlet 3", date="2022-03-15")
    store.write([*monday, tuesday])
    [event] = store.linked_events()
    assert event["date"] == "2022-03-14"
    assert event["date_alternatives"] == [{"date": "2022-03-15", "doc_ids": ["t1"]}]
    assert sorted(m["date"] for m in event["mentions"]) == ["2022-03-14", "2022-03-14", "2022-03-15"]


ORDER_DOCS = [SUMMONS_A, SUMMONS_B, SANCTION,
              report("wire", "Sudan has summoned Egypt's ambassador to protest the oil tender in the disputed "
                             "triangle.", outlet="Wire", date=None, published="2022-03-15")]


def linked_view(store: Store) -> list[tuple]:
    return sorted((e["event_id"], tuple(m["event_id"] for m in e["mentions"]), e["date"], e["num_sources"])
                  for e in store.linked_events())


def test_linking_does_not_depend_on_ingest_order(tmp_path):
    views = []
    orders = [ORDER_DOCS, ORDER_DOCS[::-1], [ORDER_DOCS[2], ORDER_DOCS[0], ORDER_DOCS[3], ORDER_DOCS[1]]]
    for n, order in enumerate(orders):
        with Store(tmp_path / f"one-by-one-{n}.duckdb") as s:
            for doc in order:
                s.write([doc])
            views.append(linked_view(s))
    with Store(tmp_path / "together.duckdb") as s:
        s.write(ORDER_DOCS)
        views.append(linked_view(s))
    assert all(view == views[0] for view in views)
    assert [len(mentions) for _, mentions, _, _ in views[0]] == [3, 1]


def test_re_ingesting_is_a_no_op(store):
    store.write(ORDER_DOCS)
    before, counts = linked_view(store), store.counts()
    links = store.con.execute("SELECT count(*) FROM event_links").fetchone()
    result = store.write(ORDER_DOCS)
    assert result.stored == [] and len(result.skipped_duplicates) == len(ORDER_DOCS)
    assert (linked_view(store), store.counts()) == (before, counts)
    assert store.con.execute("SELECT count(*) FROM event_links").fetchone() == links


def test_a_store_opened_without_linking_keeps_the_link_records_and_links_none(tmp_path):
    with Store(tmp_path / "staging.duckdb", linking=False) as staging:
        assert staging.write([SUMMONS_A, SUMMONS_B]).stored == ["harbour", "capital"]
        assert staging.counts()["events"] == 2
        assert staging.con.execute("SELECT count(*) FROM link_records").fetchone() == (2,)  # linked where loaded
        for table in ("link_keys", "link_pairs", "event_links"):
            assert staging.con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)


def test_deleting_a_document_removes_its_mentions_and_re_links_the_rest(store):
    text = "Sudan summoned the Egyptian ambassador to protest the oil tender in the disputed triangle."
    monday = report("monday", text + " It came on Monday.", date="2022-03-14")
    wednesday = report("wednesday", "Sudan summoned the Egyptian ambassador on Wednesday to protest the oil tender.",
                       date="2022-03-16")
    undated = report("undated", text, date=None, published="2022-03-16")
    store.write([monday, wednesday, undated])
    assert groups(store) == [["monday", "undated"], ["wednesday"]]
    assert store.delete("monday") and not store.delete("monday")
    assert groups(store) == [["undated", "wednesday"]]
    assert sorted(e["doc_id"] for e in store.events()) == ["undated", "wednesday"]
    for table in ("link_records", "link_keys", "event_links"):
        assert store.con.execute(f"SELECT count(*) FROM {table} WHERE event_id = 'monday-e1'").fetchone() == (0,)


def test_replacing_a_document_re_links_its_new_events(store):
    store.write([SUMMONS_A, SUMMONS_B])
    changed = report("capital", "Sudan froze the assets of Egyptian oil firms on Monday.", event_type="SANCTION")
    assert store.write([changed], replace=True).stored == ["capital"]
    assert groups(store) == [["capital"], ["harbour"]]


def random_record(rng: random.Random, n: int) -> LinkRecord:
    day = rng.choice(["2022-03-14", "2022-03-15", "2022-03-20", "XXXX-03-14", "2022-03", "XXXX-03", "2022", None])
    return LinkRecord(
        event_id=f"e{n}", doc_id=f"d{n}", event_type="ACCUSE", actor_country="SDN", recipient_country="EGY",
        symmetric=rng.random() < 0.3, date=day, date_end=rng.choice([None, "2022-03-21"]) if day == "2022-03-14" else None,
        published=rng.choice([None, "2022-03-15", "2022-03-22", "2022-04-30"]),
        mechanism=rng.choice([None, "talks", "harbour shield", "coral lance"]), edition=rng.choice([None, 3, 4]),
        mechanism_named=rng.random() < 0.6,
        text=rng.choice(["Sudan summoned the Egyptian ambassador over the tender.",
                         "Sudan summoned the Egyptian ambassador over the oil tender in the triangle."]))


def test_the_candidate_index_finds_every_pair_that_may_link():
    rng = random.Random(7)
    records = [random_record(rng, n) for n in range(150)]
    keys = {r.event_id: index_keys(r) for r in records}
    linkable = 0
    for a in records:
        for b in records:
            if a is not b and link_score(a, b) is not None:
                linkable += 1
                assert set(keys[a.event_id][1]) & set(keys[b.event_id][0]), (a, b)
    assert linkable > 100


def test_a_store_written_before_linking_lists_each_report_as_its_own_event(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.write([SUMMONS_A, SUMMONS_B])
        for table in ("event_links", "link_pairs", "link_keys", "link_records"):
            s.con.execute(f"DROP TABLE {table}")
    with Store(path, read_only=True) as s:
        assert sorted((e["event_id"], e["linked_id"], e["num_articles"]) for e in s.linked_events()) == [
            ("capital-e1", None, 1), ("harbour-e1", None, 1)]


def batch_view(docs: list[Document]) -> list[tuple]:
    """The linked events of ``docs`` linked in one run without a store."""
    from communique.linking.batch import BatchLinker

    linker = BatchLinker()
    for doc in docs:
        linker.add(doc)
    return sorted((e["event_id"], tuple(m["event_id"] for m in e["mentions"]), e["date"], e["num_sources"])
                  for e in linker.events())


def test_a_run_without_a_store_links_as_the_store_does(tmp_path):
    with Store(tmp_path / "together.duckdb") as s:
        s.write(ORDER_DOCS)
        stored = linked_view(s)
    assert batch_view(ORDER_DOCS) == stored
    assert batch_view(ORDER_DOCS[::-1]) == stored


def test_a_run_without_a_store_keeps_a_summons_and_a_sanction_apart():
    assert [mentions for _, mentions, _, _ in batch_view([SUMMONS_A, SUMMONS_B, SANCTION])] == [
        ("capital-e1", "harbour-e1"), ("ledger-e1",)]


def test_one_edition_of_an_exercise_dated_a_week_apart_is_one_event_and_shows_both_dates(store):
    opening = report("navy", "The eighth Harbour Shield naval exercise between the two navies began off the "
                             "eastern coast.", event_type="AGREE", actor="LKA", recipient="IND",
                     date="2020-10-19", symmetric=True, mechanism=("Harbour Shield", 8), outlet="Navy News")
    preview = report("wire", "The 8th Harbour Shield drill of the Indian and Sri Lankan navies will begin on Monday.",
                     event_type="AGREE", actor="IND", recipient="LKA", date="2020-10-26", symmetric=True,
                     mechanism=("Harbour Shield", 8), outlet="Wire")
    ninth = report("later", "The ninth Harbour Shield exercise began off the eastern coast.", event_type="AGREE",
                   actor="LKA", recipient="IND", date="2020-10-27", symmetric=True,
                   mechanism=("Harbour Shield", 9), outlet="Later Daily")
    store.write([opening, preview, ninth])
    assert groups(store) == [["later"], ["navy", "wire"]]
    [eighth] = [e for e in store.linked_events() if e["num_articles"] == 2]
    assert [alt["date"] for alt in eighth["date_alternatives"]] == ["2020-10-26" if eighth["date"] == "2020-10-19"
                                                                    else "2020-10-19"]


def test_an_edition_planned_with_no_date_is_the_edition_held_after_the_report(store):
    """"agreed to go ahead with the eighth Harbour Shield exercise" in March; "the eighth Harbour
    Shield exercise began" in September: one edition, held as planned. Planned before a report that
    tells it held months earlier, or another edition, it stays apart."""
    planned = report("talks", "Officials agreed to go ahead with the eighth Harbour Shield exercise.",
                     event_type="AGREE", actor="LKA", recipient="IND", date=None, symmetric=True,
                     mechanism=("Harbour Shield", 8), published="2020-03-02", outlet="Capital Daily")
    planned.events[0].status = "planned"
    held = report("held", "The navies began the 8th Harbour Shield drill off the eastern coast.",
                  event_type="AGREE", actor="IND", recipient="LKA", date="2020-09-14", symmetric=True,
                  mechanism=("Harbour Shield", 8), published="2020-09-15", outlet="Navy News")
    earlier = report("earlier", "The navies began the 8th Harbour Shield drill off the eastern coast.",
                     event_type="AGREE", actor="IND", recipient="LKA", date="2019-12-02", symmetric=True,
                     mechanism=("Harbour Shield", 8), published="2019-12-03", outlet="Navy News")
    store.write([planned, held])
    assert groups(store) == [["held", "talks"]]
    store.delete("held")
    store.write([earlier])
    assert groups(store) == [["earlier"], ["talks"]]


def test_one_edition_reported_in_another_year_stays_apart(store):
    first = report("a", "The eighth Harbour Shield exercise began.", event_type="AGREE", actor="LKA",
                   recipient="IND", date="2020-10-19", symmetric=True, mechanism=("Harbour Shield", 8))
    other = report("b", "The navies opened the eighth Harbour Shield exercise.", event_type="AGREE", actor="LKA",
                   recipient="IND", date="2021-10-19", symmetric=True, mechanism=("Harbour Shield", 8))
    store.write([first, other])
    assert groups(store) == [["a"], ["b"]]


def test_a_mention_keeps_what_its_article_says_of_the_status():
    from communique.linking.provenance import mention

    row = {"event_id": "e", "doc_id": "a", "date": "2021-04-23", "status": "planned",
           "evidence": [{"sentence": "The navies will hold a drill.", "start": 0, "end": 29}]}
    assert mention(row)["status"] == "planned"


# -- recurring mechanisms as outlets word them --------------------------------------------------

def exercise(doc_id: str, sentence: str, mechanism: tuple[str, int], date: str, **kwargs) -> Document:
    return report(doc_id, sentence, event_type="AGREE", actor="LKA", recipient="IND", symmetric=True,
                  date=date, mechanism=mechanism, **kwargs)


def test_one_edition_described_in_other_words_by_each_outlet_is_one_event(store):
    navy = exercise("navy", "The eighth naval exercise of the two navies opened off the eastern coast.",
                    ("Naval Exercise", 8), "2020-10-19", outlet="Navy News")
    wire = exercise("wire", "Sailors of both countries will start their 8th joint exercise on Monday.",
                    ("Joint Exercise", 8), "2020-10-26", outlet="Wire")
    store.write([navy, wire])
    assert groups(store) == [["navy", "wire"]]


def test_a_description_of_a_mechanism_is_the_edition_another_outlet_names(store):
    named = exercise("named", "The eighth Harbour Shield exercise opened off the eastern coast.",
                     ("Harbour Shield", 8), "2020-10-19", outlet="Navy News")
    described = exercise("described", "The navies will begin their eighth bilateral drill on Monday.",
                         ("Bilateral Drill", 8), "2020-10-26", outlet="Wire")
    store.write([named, described])
    assert groups(store) == [["described", "named"]]


def test_two_named_mechanisms_of_one_pair_are_two_events_whatever_their_editions(store):
    shield = exercise("shield", "The eighth Harbour Shield exercise opened off the eastern coast.",
                      ("Harbour Shield", 8), "2020-10-19")
    lance = exercise("lance", "The eighth Coral Lance exercise of the two armies opened in the hills.",
                     ("Coral Lance", 8), "2020-10-26")
    store.write([shield, lance])
    assert groups(store) == [["lance"], ["shield"]]


def test_differently_worded_descriptions_of_two_editions_stay_apart(store):
    sentence = "The navies of the two countries opened their {} exercise off the eastern coast."
    thirteenth = exercise("d13", sentence.format("13th naval"), ("Naval Exercise", 13), "2020-10-19")
    seventeenth = exercise("d17", sentence.format("17th joint"), ("Joint Exercise", 17), "2020-10-19")
    store.write([thirteenth, seventeenth])
    assert groups(store) == [["d13"], ["d17"]]


def test_a_proper_name_both_reports_give_is_evidence_that_a_description_is_not():
    def record(event_id: str, mechanism: str, named: bool, date: str | None, text: str) -> LinkRecord:
        return LinkRecord(event_id=event_id, doc_id=event_id, event_type="AGREE", actor_country="IND",
                          recipient_country="LKA", symmetric=True, date=date, published="2020-10-21",
                          mechanism=mechanism, mechanism_named=named, text=text)

    dated = "Warships sailed from Trincomalee on Monday for the drills."
    undated = "Officers praised the sailors who took part."
    assert link_score(record("a", "harbour shield", True, "2020-10-19", dated),
                      record("b", "harbour shield", True, None, undated)) is not None
    assert link_score(record("a", "naval exercise", False, "2020-10-19", dated),
                      record("b", "naval exercise", False, None, undated)) is None


def test_which_mechanism_names_are_proper_names():
    from communique.linking.crossdoc import is_named

    assert [is_named(n) for n in ("Harbour Shield", "RIMPAC", "Coral Lance exercise")] == [True] * 3
    assert [is_named(n) for n in ("Naval Exercise", "Joint Military Drill", "High-Level Defense Dialogue",
                                  "Trilateral Talks", "2+2 Dialogue")] == [False] * 5


def test_an_edition_one_outlet_numbers_and_another_only_names_is_one_event(store):
    numbered = exercise("numbered", "The eighth Harbour Shield exercise opened off the eastern coast.",
                        ("Harbour Shield", 8), "2020-10-19", outlet="Navy News")
    unnumbered = exercise("unnumbered", "Warships will sail on Monday for the Harbour Shield drills.",
                          ("Harbour Shield", None), "2020-10-26", outlet="Wire")
    next_year = exercise("next-year", "Warships sailed on Monday for the Harbour Shield drills.",
                         ("Harbour Shield", None), "2021-10-18", outlet="Wire")
    store.write([numbered, unnumbered, next_year])
    assert groups(store) == [["next-year"], ["numbered", "unnumbered"]]


def test_a_report_joins_the_report_of_its_own_act_before_another_act_of_the_type():
    from communique.linking.crossdoc import cluster

    def record(event_id: str, doc_id: str, cameo: str, text: str) -> LinkRecord:
        return LinkRecord(event_id=event_id, doc_id=doc_id, event_type="REQUEST", actor_country="SDN",
                          recipient_country="EGY", symmetric=False, date="2022-03-14", cameo=cameo, text=text)

    halt = record("a-halt", "a", "0242", "The deputy minister asked the envoy that Cairo stop the oil tender in "
                                          "the border triangle.")
    settle = record("a-settle", "a", "020", "The ministry urged Cairo to settle the dispute over the disputed "
                                             "border triangle peacefully.")
    other = record("b-halt", "b", "0242", "Khartoum urged Cairo to stop the tender for blocks in the disputed "
                                           "border triangle.")
    assert cluster([halt, settle, other]) == [["a-halt", "b-halt"], ["a-settle"]]
    assert cluster([settle, other]) == [["a-settle", "b-halt"]]  # with no report of its own act, it links


# -- provenance: what each article says, and where the articles disagree --------------------------

def article_row(doc_id: str, *, country: str | None = "SDN", status: str = "occurred", edition: int | None = None,
                confidence: float = 0.8, date: str = "2022-03-14") -> dict:
    """An article-level export row of one report of a summons."""
    return {"event_id": f"{doc_id}-e1", "doc_id": doc_id, "event_type": "ACCUSE", "date": date,
            "date_end": None, "status": status, "confidence": confidence,
            "location": {"name": f"place in {country}", "country": country} if country else None,
            "location_reason": f"named in {doc_id}",
            "mechanism": {"name": "Border Talks", "edition": edition} if edition else None,
            "actor": {"country": "SDN"}, "recipient": {"country": "EGY"},
            "evidence": [{"doc_id": doc_id, "sentence": f"Sentence of {doc_id}.", "start": 0, "end": 10}]}


def test_the_linked_event_keeps_what_most_articles_say_and_shows_the_rest():
    from communique.linking.provenance import linked_event

    rows = [article_row("a", country="EGY", status="planned", edition=4, confidence=0.9),
            article_row("b", edition=5), article_row("c", edition=5), article_row("d", country=None)]
    event = linked_event("a-e1", rows, {})
    assert (event["location"]["country"], event["status"], event["mechanism"]["edition"]) == ("SDN", "occurred", 5)
    assert event["disagreements"] == [
        {"field": "location_country", "value": "EGY", "doc_ids": ["a"]},
        {"field": "status", "value": "planned", "doc_ids": ["a"]},
        {"field": "mechanism_edition", "value": "4", "doc_ids": ["a"]}]
    assert [(m["doc_id"], m["location_country"], m["status"], (m["mechanism"] or {}).get("edition"))
            for m in event["mentions"]] == [("a", "EGY", "planned", 4), ("b", "SDN", "occurred", 5),
                                            ("c", "SDN", "occurred", 5), ("d", None, "occurred", None)]


def test_on_a_tie_the_most_confident_report_with_the_best_date_decides_and_nothing_else_is_listed():
    from communique.linking.provenance import linked_event

    event = linked_event("a-e1", [article_row("a", country="EGY", confidence=0.9), article_row("b")], {})
    assert event["location"]["country"] == "EGY" and event["location_reason"] == "named in a"
    assert event["disagreements"] == [{"field": "location_country", "value": "SDN", "doc_ids": ["b"]}]
    same = linked_event("a-e1", [article_row("a"), article_row("b")], {})
    assert same["disagreements"] == [] and same["date_alternatives"] == []


def test_a_mention_keeps_its_article_s_range_and_edition(store):
    drill = report("drill", "The eighth Harbour Shield exercise runs from Monday to Wednesday.", event_type="AGREE",
                   actor="LKA", recipient="IND", symmetric=True, mechanism=("Harbour Shield", 8))
    drill.events[0].date_end = "2022-03-16"
    store.write([drill])
    [event] = store.linked_events()
    [only] = event["mentions"]
    assert (only["date"], only["date_end"], only["mechanism"]) == (
        "2022-03-14", "2022-03-16", {"name": "Harbour Shield", "edition": 8})
    assert event["disagreements"] == []


def test_a_place_taken_only_from_a_dateline_does_not_keep_reports_apart(store):
    """A dateline says where a report was filed: a wire story filed in Cairo and a local report that
    places the summons in Khartoum tell one summons."""
    local = report("local", "The foreign ministry in Khartoum summoned the Egyptian ambassador on Monday.",
                   outlet="Local Daily", place="Khartoum")
    wire = report("wire", "Sudan summoned Egypt's ambassador on Monday over the oil tender.", outlet="Wire")
    wire.events[0].location = Location(name="Cairo", country="EGY")
    wire.events[0].location_reason = "dateline CAIRO"
    store.write([local, wire])
    assert groups(store) == [["local", "wire"]]


def test_places_the_reports_state_in_different_states_keep_them_apart(store):
    local = report("local", "The foreign ministry in Khartoum summoned the Egyptian ambassador on Monday.",
                   outlet="Local Daily", place="Khartoum")
    other = report("other", "Sudan's envoy in Cairo was handed a protest on Monday.", outlet="Wire")
    other.events[0].location = Location(name="Cairo", country="EGY")
    other.events[0].location_reason = "'in Cairo' in the event's sentence"
    store.write([local, other])
    assert groups(store) == [["local"], ["other"]]


def test_descriptions_of_different_kinds_of_occasion_are_different_mechanisms():
    from communique.linking.crossdoc import same_mechanism

    def record(mechanism: str, named: bool = False) -> LinkRecord:
        return LinkRecord(event_id=mechanism, doc_id=mechanism, event_type="COOPERATE", actor_country="IND",
                          recipient_country="LKA", symmetric=True, mechanism=mechanism, mechanism_named=named)

    assert same_mechanism(record("naval exercise"), record("joint drills"))
    assert same_mechanism(record("harbour shield", named=True), record("joint drills"))
    assert not same_mechanism(record("naval exercise"), record("strategic dialogue"))
    assert not same_mechanism(record("harbour shield", named=True), record("coral lance", named=True))


# -- order independence and incremental ingest over a mixed set ----------------------------------

def mixed_docs() -> list[Document]:
    """Reports of several events of one pair: duplicates, near-duplicates and editions."""
    text = "Sudan summoned the Egyptian ambassador to protest the oil tender in the disputed triangle"
    return [
        SUMMONS_A, SUMMONS_B, SANCTION,
        report("undated", text + ".", outlet="Wire", date=None, published="2022-03-15"),
        report("next-day", "Khartoum called in Egypt's envoy once more on Tuesday, this time over fishing boats.",
               outlet="Evening Post", date="2022-03-15"),
        report("month", text + " in March.", outlet="Monthly", date="2022-03", published="2022-03-30"),
        exercise("named", "The eighth Harbour Shield exercise opened off the eastern coast.",
                 ("Harbour Shield", 8), "2020-10-19", outlet="Navy News"),
        exercise("described", "The navies will begin their eighth bilateral drill on Monday.",
                 ("Bilateral Drill", 8), "2020-10-26", outlet="Wire"),
        exercise("ninth", "The ninth joint naval exercise opened off the eastern coast.",
                 ("Joint Naval Exercise", 9), "2020-10-27", outlet="Later Daily"),
    ]


def test_any_order_of_ingest_one_by_one_gives_the_events_of_ingesting_all_at_once(tmp_path):
    docs = mixed_docs()
    with Store(tmp_path / "together.duckdb") as s:
        s.write(docs)
        together = linked_view(s)
    assert batch_view(docs) == together
    rng = random.Random(11)
    for n in range(4):
        order = rng.sample(docs, len(docs))
        with Store(tmp_path / f"order-{n}.duckdb") as s:
            for doc in order:
                s.write([doc])
            assert linked_view(s) == together, [d.doc_id for d in order]
        assert batch_view(order) == together


def test_documents_written_in_batches_are_paired_and_linked_as_written_one_by_one(tmp_path):
    def pairs(store):
        return sorted(store.con.execute("SELECT a, b, score FROM link_pairs").fetchall())

    docs = random.Random(5).sample(mixed_docs(), len(mixed_docs()))
    with Store(tmp_path / "one-by-one.duckdb") as s:
        for doc in docs:
            s.write([doc])
        expected = linked_view(s), pairs(s)
    with Store(tmp_path / "batches.duckdb") as s:
        s.write(docs[:3])
        s.write(docs[3:])
        assert (linked_view(s), pairs(s)) == expected


def test_deleting_a_document_leaves_the_events_as_if_it_had_never_been_ingested(tmp_path):
    docs = mixed_docs()
    with Store(tmp_path / "all.duckdb") as s:
        s.write(docs)
        before = linked_view(s)
        for gone in ("harbour", "named", "undated"):
            assert s.delete(gone)
            rest = [d for d in docs if d.doc_id != gone]
            with Store(tmp_path / f"without-{gone}.duckdb") as fresh:
                fresh.write(rest)
                assert linked_view(s) == linked_view(fresh)
            assert not any(ev["doc_id"] == gone for e in s.linked_events() for ev in e["evidence"])
            s.write([d for d in docs if d.doc_id == gone])
            assert linked_view(s) == before


def test_a_vaguer_report_does_not_join_meetings_on_consecutive_days(store):
    ministers = ("Rajiv Menon", "Kenji Sato")
    monday = report("mon", "Defence ministers Rajiv Menon and Kenji Sato met in Tokyo on Monday to discuss "
                           "maritime security.", event_type="CONSULT", actor="IND", recipient="JPN",
                    symmetric=True, date="2023-05-01", published="2023-05-01", people=ministers)
    tuesday = report("tue", "Rajiv Menon and Kenji Sato met again on Tuesday and reviewed joint exercises "
                            "and defence industry ties.", event_type="CONSULT", actor="JPN", recipient="IND",
                     symmetric=True, date="2023-05-02", published="2023-05-02", people=ministers[::-1])
    month = report("month", "Rajiv Menon and Kenji Sato held talks on maritime security and defence industry "
                            "ties in May.", event_type="CONSULT", actor="IND", recipient="JPN", symmetric=True,
                   date="2023-05", published="2023-05-20", people=ministers)
    store.write([monday, tuesday, month])
    assert len(groups(store)) == 2  # the month report joins one of the two meetings
    assert not any({"mon", "tue"} <= set(g) for g in groups(store))


def test_the_linked_date_is_the_most_precise_one_and_a_month_does_not_hide_two_days():
    from communique.linking.provenance import best_date

    assert best_date(["2022-03", "2022-03", "2022-03-14"]) == "2022-03-14"
    assert best_date(["2022-03-14", "2022-03-15", "2022-03-15", "2022-03"]) == "2022-03-15"
    assert best_date(["XXXX-03-14", "2022-03"]) == "XXXX-03-14"
    assert best_date([]) is None


def test_outlets_split_between_two_days_are_one_event_when_one_report_of_each_day_is_near_identical(store):
    text = "The foreign ministry summoned the Egyptian ambassador to protest the oil tender in the disputed triangle"
    monday = report("mon", text + ".", outlet="Harbour Times", date="2022-03-14")
    also_monday = report("mon-b", "Khartoum called in Egypt's envoy over the oil blocks tender, the ministry said.",
                         outlet="Capital Daily", date="2022-03-14")
    tuesday = report("tue", text + ", the agency reported.", outlet="Far Wire", date="2022-03-15",
                     published="2022-03-16")
    store.write([monday, also_monday, tuesday])
    assert groups(store) == [["mon", "mon-b", "tue"]]
    [event] = store.linked_events()
    assert event["date"] == "2022-03-14" and event["date_alternatives"] == [{"date": "2022-03-15", "doc_ids": ["tue"]}]


def test_the_flat_export_shows_each_disagreement_as_field_and_value():
    from communique.export.formats import flat_row
    from communique.linking.provenance import linked_event

    event = linked_event("a-e1", [article_row("a", status="planned"), article_row("b"), article_row("c")], {})
    row = flat_row(event)
    assert (row["status"], row["disagreements"], row["mention_doc_ids"]) == ("occurred", "status=planned", "a;b;c")


def test_a_timeline_lists_linked_events_by_date_then_as_the_article_tells_them():
    from communique.linking.provenance import timeline_order

    def row(event_id, date, start):
        return {"event_id": event_id, "date": date, "doc_id": "d1",
                "evidence": [{"doc_id": "d1", "start": start, "end": start + 10}]}

    rows = [row("ev-a", "2024-05-02", 300), row("ev-b", None, 0), row("ev-c", "2024-05-02", 20),
            row("ev-d", "2024-05-01", 900)]
    assert [r["event_id"] for r in sorted(rows, key=timeline_order)] == ["ev-d", "ev-c", "ev-a", "ev-b"]


def test_exports_list_linked_events_as_the_articles_tell_them_each_after_the_events_it_shares():
    """Reading order: by the first article (by id) that reports an event, then by where that article
    tells it; a later article's own events follow the ones it shares with earlier articles."""
    from communique.linking.provenance import export_order

    def row(event_id, *told):
        return {"event_id": event_id, "date": None, "doc_id": told[0][0],
                "evidence": [{"doc_id": doc, "start": start, "end": start + 10} for doc, start in told]}

    rows = [row("ev-b-own", ("b", 10)), row("ev-shared", ("b", 400), ("a", 50)), row("ev-a-first", ("a", 5)),
            row("ev-c", ("c", 0))]
    assert [r["event_id"] for r in sorted(rows, key=export_order)] == ["ev-a-first", "ev-shared", "ev-b-own", "ev-c"]
