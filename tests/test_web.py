"""The HTTP API: every endpoint through the ASGI client, its formats, and its one error shape."""

from __future__ import annotations

import csv
import hashlib
import io

import duckdb
import pytest
from fastapi.testclient import TestClient

from communique.records import (ActorRef, Document, Event, Evidence, Location, Mechanism, MechanismRef, Mention,
                                Sentence, Trigger)
from communique.store import Store
from communique.web import create_app

# doc id -> (source, [(event type, quad class, goldstein, actor, actor sector, recipient, date, place, sentence)])
ARTICLES = {
    "a": ("Xinhua", [
        ("CONSULT", 1, 1.0, "CHN", "MIL", "VNM", "2021-04-23", "Dongxing", "Generals met in Dongxing to talk."),
        ("AGREE", 1, 4.0, "VNM", "GOV", "CHN", "2021-04-26", None, "Hanoi agreed to a hotline with Beijing."),
    ]),
    "b": ("VOVworld", [
        ("ACCUSE", 3, -2.0, "CHN", "GOV", "VNM", "2021-06-02", "Hanoi", "Beijing accused Hanoi of a blockade."),
        ("ASSAULT", 4, -10.0, "VNM", "MIL", "CHN", "2021-06-10", None, "Vietnamese troops shelled a Chinese post."),
    ]),
    "c": ("Xinhua", [
        ("AID", 2, 7.4, "USA", "GOV", "PHL", "2022-01-10", "Manila", "Washington sent food aid to Manila."),
    ]),
}
PLACES = {"Dongxing": (21.55, 107.97, "CHN"), "Hanoi": (21.03, 105.85, "VNM"), "Manila": (14.6, 120.98, "PHL")}
TOKEN = "s3cret-token"


def article(doc_id: str) -> Document:
    source, events = ARTICLES[doc_id]
    text = " ".join(e[-1] for e in events)
    doc = Document(doc_id=doc_id, text=text, content_hash=hashlib.sha1(text.encode()).hexdigest(), source=source,
                   published=events[0][6], origin=f"{doc_id}.txt")
    offset = 0
    for i, (kind, quad, goldstein, actor, sector, recipient, date, place, sentence) in enumerate(events):
        doc.sentences.append(Sentence(i, offset, offset + len(sentence), sentence))
        verb = sentence.split()[1]
        start = offset + sentence.index(verb)
        location = Location(place, country=PLACES[place][2], lat=PLACES[place][0], lon=PLACES[place][1]) if place else None
        doc.events.append(Event(
            event_id=f"{doc_id}{i}", doc_id=doc_id, event_type=kind, cameo="040", quad_class=quad, goldstein=goldstein,
            actor=ActorRef(country=actor, sector=sector, text=sentence.split()[0], start=offset,
                           end=offset + len(sentence.split()[0]), actor_id=f"person:{actor.lower()}-leader"),
            recipient=ActorRef(country=recipient), date=date, location=location, sentence_index=i,
            mechanism=MechanismRef("Border Talks", 3, "border-talks") if kind == "CONSULT" else None,
            evidence=[Evidence(doc_id, sentence, offset, offset + len(sentence), i)],
            trigger=Trigger(verb, start, start + len(verb)), rule=f"rule-{kind.lower()}", confidence=0.8))
        doc.mentions.append(Mention(f"m{i}", doc_id, i, offset, offset + 5, sentence.split()[0], "person",
                                    country=actor, sector=sector, name=f"{actor} leader", title="Minister",
                                    actor_id=f"person:{actor.lower()}-leader"))
        offset += len(sentence) + 1
    doc.mechanisms = [Mechanism("border-talks", "Border Talks", edition, participants=["CHN", "VNM"], doc_id=doc_id)
                      for edition in ((1, 3) if doc_id == "a" else ())]
    return doc


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        result = store.write([article(d) for d in ARTICLES])
    assert len(result.stored) == 3
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as test_client:
        yield test_client


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["items"]]


def assert_error(response, status: int, parameter: str | None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "parameter"}
    assert body["error"]["message"]
    assert body["error"]["parameter"] == parameter


@pytest.mark.parametrize("query, expected", [
    ("", ["a0", "a1", "b0", "b1", "c0"]),
    ("dyad=vnm,chn", ["a0", "a1", "b0", "b1"]),
    ("type=ACCUSE&type=aid", ["b0", "c0"]),
    ("type=ACCUSE,AID", ["b0", "c0"]),
    ("quad_class=3,4", ["b0", "b1"]),
    ("sector=MIL", ["a0", "b1"]),
    ("country=PHL", ["c0"]),
    ("since=2021-04-24&until=2021-06", ["a1", "b0", "b1"]),
    ("mechanism=border talks", ["a0"]),
    ("outlet=vovworld", ["b0", "b1"]),
    ("text=SHELLED", ["b1"]),
    ("text=50%25", []),
    ("doc_id=c", ["c0"]),
])
def test_events_filters_are_applied(client, query, expected):
    assert ids(client.get(f"/events?{query}")) == expected


def test_events_come_in_pages_that_add_up_to_the_whole(client):
    first = client.get("/events?limit=2").json()
    assert first["total"] == 5 and len(first["items"]) == 2 and first["next_cursor"]
    seen, cursor = [], None
    while True:
        page = client.get("/events", params={"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [e["event_id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["a0", "a1", "b0", "b1", "c0"]


def test_an_event_has_its_evidence_sentence_and_how_it_was_coded(client):
    event = client.get("/events/b1").json()
    assert event["evidence"][0]["sentence"] == "Vietnamese troops shelled a Chinese post."
    assert event["sentence"]["text"] == event["evidence"][0]["sentence"]
    assert event["explain"] == {"rule": "rule-assault", "trigger": event["trigger"], "confidence": 0.8}
    assert event["trigger"]["text"] == "troops"
    assert event["actor"]["actor_id"] == "person:vnm-leader"


def test_dyad_series_counts_each_direction_by_quad_class(client):
    rows = client.get("/dyads/CHN/VNM/series?freq=month").json()["items"]
    by_key = {(r["period"], r["direction"]): r for r in rows}
    assert set(by_key) == {("2021-04-01", "CHN->VNM"), ("2021-04-01", "VNM->CHN"),
                           ("2021-06-01", "CHN->VNM"), ("2021-06-01", "VNM->CHN")}
    june_back = by_key[("2021-06-01", "VNM->CHN")]
    assert (june_back["events"], june_back["material_conflict"], june_back["goldstein_mean"]) == (1, 1, -10.0)
    weekly = client.get("/dyads/vnm/chn/series?freq=week").json()
    assert weekly["a"] == "VNM" and {r["period"] for r in weekly["items"]} == {
        "2021-04-19", "2021-04-26", "2021-05-31", "2021-06-07"}


def test_network_and_locations_are_aggregated(client):
    graph = client.get("/network").json()
    edges = {(e["source"], e["target"]): e["events"] for e in graph["edges"]}
    assert edges == {("CHN", "VNM"): 2, ("VNM", "CHN"): 2, ("USA", "PHL"): 1}
    assert {n["id"] for n in graph["nodes"]} == {"CHN", "VNM", "USA", "PHL"}
    places = {p["name"]: p["events"] for p in client.get("/locations?dyad=CHN,VNM").json()["items"]}
    assert places == {"Dongxing": 1, "Hanoi": 1}


def test_actors_and_one_actor_with_titles_and_events(client):
    actors = client.get("/actors").json()["items"]
    assert {a["actor_id"]: a["events"] for a in actors} == {
        "person:chn-leader": 2, "person:vnm-leader": 2, "person:usa-leader": 1}
    one = client.get("/actors/person:vnm-leader").json()
    assert one["titles"][0]["title"] == "Minister" and one["titles"][0]["doc_ids"] == ["a", "b"]
    assert [e["event_id"] for e in one["events"]["items"]] == ["a1", "b1"]


def test_mechanisms_show_editions_and_gaps(client):
    (series,) = client.get("/mechanisms").json()["items"]
    assert series["editions"] == [1, 3] and series["missing_editions"] == [2] and series["events"] == 1


def test_documents_list_and_one_document_with_spans(client):
    assert [d["doc_id"] for d in client.get("/documents?outlet=Xinhua").json()["items"]] == ["a", "c"]
    doc = client.get("/documents/b").json()
    assert doc["text"].startswith("Beijing accused")
    event = doc["events"][1]
    start, end = event["trigger_span"]
    assert doc["text"][start:end] == "troops"
    assert [m["text"] for m in doc["mentions"]] == ["Beijing", "Vietnamese"]
    assert client.get("/outlets").json()["items"] == [{"outlet": "Xinhua", "documents": 2},
                                                      {"outlet": "VOVworld", "documents": 1}]


@pytest.mark.parametrize("path", ["/events?dyad=CHN,VNM", "/dyads/CHN/VNM/series", "/network", "/locations",
                                  "/actors", "/mechanisms", "/documents", "/outlets"])
def test_every_list_comes_as_csv_and_parquet(client, path, tmp_path):
    as_json = client.get(path).json()
    rows = as_json.get("items", as_json.get("edges"))
    sep = "&" if "?" in path else "?"
    text = client.get(f"{path}{sep}format=csv")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(text.text)))) == len(rows)
    parquet = client.get(f"{path}{sep}format=parquet")
    assert parquet.status_code == 200
    (tmp_path / "x.parquet").write_bytes(parquet.content)
    with duckdb.connect() as con:
        assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'x.parquet'}'").fetchone()[0] == len(rows)


@pytest.mark.parametrize("path, parameter", [
    ("/events?dyad=CHN,XQZ", "dyad"),
    ("/events?dyad=CHN", "dyad"),
    ("/events?country=ZZZ", "country"),
    ("/events?since=2022-01-01&until=2021-01-01", "since"),
    ("/events?since=2021-13-01", "since"),
    ("/events?until=yesterday", "until"),
    ("/events?limit=1000000000", "limit"),
    ("/events?limit=1e9", "limit"),
    ("/events?limit=0", "limit"),
    ("/events?cursor=not-a-cursor", "cursor"),
    ("/events?type=DANCE", "type"),
    ("/events?quad_class=7", "quad_class"),
    ("/events?sector=XXX", "sector"),
    ("/events?format=xml", "format"),
    ("/events?text=" + "x" * 500, "text"),
    ("/dyads/CHN/QQQ/series", "b"),
    ("/dyads/CHN/VNM/series?freq=year", "freq"),
    ("/dyads/C-N/VNM/series", "a"),
    ("/network?level=galaxy", "level"),
    ("/actors?limit=5000", "limit"),
    ("/actors?country=1", "country"),
])
def test_bad_parameters_get_a_400_naming_them(client, path, parameter):
    assert_error(client.get(path), 400, parameter)


@pytest.mark.parametrize("path, parameter", [("/events/nope", "event_id"), ("/actors/nobody", "actor_id"),
                                             ("/documents/none", "doc_id"), ("/no/such/page", None)])
def test_unknown_things_get_a_404_in_the_same_shape(client, path, parameter):
    assert_error(client.get(path), 404, parameter)


def test_sql_in_a_text_filter_is_only_text(client, db):
    response = client.get("/events", params={"text": "'; DROP TABLE events; --"})
    assert ids(response) == []
    assert ids(client.get("/events", params={"text": "' OR 1=1 --"})) == []
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 5


def test_the_store_is_read_only_and_writes_are_refused_without_a_token(client):
    assert_error(client.post("/documents", json={"id": "x", "text": "China and Vietnam held talks."}), 403, None)
    assert client.app.state.queries.store.con.execute(
        "SELECT current_setting('access_mode')").fetchone()[0] == "read_only"


def test_a_query_over_the_time_cap_is_stopped(db):
    with TestClient(create_app(db, timeout=0.2)) as slow:
        queries = slow.app.state.queries
        with pytest.raises(Exception) as raised:
            queries.rows("SELECT count(*) FROM range(10000000000) a")
        assert type(raised.value).__name__ == "QueryTimeout"


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/events", "/events/{event_id}", "/dyads/{a}/{b}/series", "/actors", "/actors/{actor_id}",
                 "/mechanisms", "/documents", "/documents/{doc_id}", "/network", "/locations"):
        assert path in paths
    assert "post" in paths["/documents"]


def test_the_dashboard_and_its_vendored_files_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "http" not in page.text.split("<body>")[0].replace("http-equiv", "")  # no CDN in the head
    for name in ("leaflet.js", "uPlot.iife.min.js", "cytoscape.min.js", "countries-110m.json"):
        assert client.get(f"/static/vendor/{name}").status_code == 200


def test_posting_documents_needs_the_token_and_codes_them(tmp_path):
    path = tmp_path / "rw.duckdb"
    Store(path).close()
    with TestClient(create_app(path, write_token=TOKEN)) as rw:
        record = {"id": "talks", "text": "China and Vietnam held talks in Hanoi on Monday.", "published": "2024-03-05"}
        assert_error(rw.post("/documents", json=record), 401, "authorization")
        assert_error(rw.post("/documents", json=record, headers={"Authorization": "Bearer wrong"}), 401,
                     "authorization")
        assert_error(rw.post("/documents", content=b"{not json", headers={"Authorization": f"Bearer {TOKEN}"}),
                     400, "body")
        stored = rw.post("/documents", json=record, headers={"Authorization": f"Bearer {TOKEN}"})
        assert stored.status_code == 201 and stored.json()["stored"] == ["talks"]
        events = rw.get("/events?doc_id=talks").json()["items"]
        assert [(e["event_type"], {e["actor"]["country"], e["recipient"]["country"]}) for e in events] == [
            ("CONSULT", {"CHN", "VNM"})]  # a joint act: either order
        explained = rw.get(f"/events/{events[0]['event_id']}?trace=true").json()["explain"]
        assert any(explained["rule"] in line for line in explained["trace"]), explained
