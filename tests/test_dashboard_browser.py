"""The dashboard in a real headless Chromium (Debian's package, driven by Playwright) over the
example articles: every view renders the counts the API gives, an event opens its sentence, and
a view's CSV downloads. Screenshots go to the test's temporary folder."""

from __future__ import annotations

import csv
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
if CHROMIUM is None:
    pytest.skip("no chromium binary on this machine (apt-get install chromium); the browser test needs it",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, examples):
    import uvicorn

    from communique.api import Communique
    from communique.store import Store
    from communique.web import create_app

    db = tmp_path_factory.mktemp("dashboard") / "examples.duckdb"
    with Store(db) as store:
        result = store.write_all(Communique().code_paths([examples]))
    assert len(result.stored) == 2, result
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def open_dashboard(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1300}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    assert errors == []
    assert page.text_content("#status") == ""
    return page


def test_every_view_renders_what_the_api_gives(server, browser, tmp_path):
    api = httpx.Client(base_url=server)
    page = open_dashboard(browser, server + "/")
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)

    top = api.get("/network", params={"limit": 1}).json()["edges"][0]
    series = api.get(f"/dyads/{top['source']}/{top['target']}/series").json()["items"]
    assert series, "the busiest dyad of the examples has dated events"
    assert page.locator("#series-rows tbody tr").count() == len(series)
    assert f"{sum(r['events'] for r in series)} events" in page.text_content('.what[data-what="series"]')
    assert page.locator("#series-chart canvas").count() == 1

    graph = api.get("/network").json()
    assert page.evaluate("state.network.nodes().length") == len(graph["nodes"]) >= 2
    assert page.evaluate("state.network.edges().length") == len(graph["edges"])

    places = api.get("/locations").json()["items"]
    assert page.locator("#map-view path.place-marker").count() == len(places) >= 1
    assert page.locator("#map-view path.leaflet-interactive").count() > 100  # the Natural Earth countries

    mechanisms = api.get("/mechanisms").json()["items"]
    assert page.locator("#mechanism-timeline .mechanism").count() == len(mechanisms) >= 1
    assert page.locator("#mechanism-timeline .edition").count() == sum(len(m["editions"]) for m in mechanisms)

    events = api.get("/events").json()
    assert page.locator("#event-rows tbody tr").count() == len(events["items"])
    assert f"{events['total']} events" in page.text_content('.what[data-what="events"]')


def test_an_event_row_opens_its_sentence_with_the_trigger_highlighted(server, browser, tmp_path):
    api = httpx.Client(base_url=server)
    page = open_dashboard(browser, server + "/")
    row = page.locator("#event-rows tbody tr").nth(1)
    event_id = row.get_attribute("data-event")
    row.click()
    page.wait_for_selector("#event-detail blockquote")
    event = api.get(f"/events/{event_id}").json()
    assert page.text_content("#event-detail blockquote") == event["evidence"][0]["sentence"]
    assert page.text_content("#event-detail mark.trigger") == event["trigger"]["text"]
    assert event["rule"] in page.text_content("#event-detail")
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)
    again = open_dashboard(browser, page.url)  # the open event is in the permalink
    assert f"event={event_id}" in page.url
    assert again.text_content("#event-detail blockquote") == event["evidence"][0]["sentence"]


def test_a_permalink_keeps_the_filters_and_the_csv_is_what_the_table_shows(server, browser, tmp_path):
    api = httpx.Client(base_url=server)
    page = open_dashboard(browser, server + "/?type=CONSULT,AGREE#events")
    assert page.input_value("#filters input[name=type]") == "CONSULT,AGREE"
    expected = api.get("/events", params={"type": "CONSULT,AGREE"}).json()
    shown = page.locator("#event-rows tbody tr").count()
    assert shown == len(expected["items"]) and f"{expected['total']} events" in page.text_content(
        '.what[data-what="events"]')
    with page.expect_download() as download:
        page.click('a.csv[data-view="events"]')
    target = tmp_path / "events.csv"
    download.value.save_as(target)
    with open(target, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in expected["items"]]
    assert {r["event_type"] for r in rows} <= {"CONSULT", "AGREE"}
    page.screenshot(path=str(tmp_path / "filtered.png"), full_page=True)


def test_the_filter_bar_writes_its_filters_into_the_address(server, browser):
    api = httpx.Client(base_url=server)
    page = open_dashboard(browser, server + "/")
    page.fill("#filters input[name=a]", "vnm")
    page.fill("#filters input[name=b]", "chn")
    page.fill("#filters input[name=type]", "SUPPORT")
    page.evaluate("document.body.dataset.ready = ''")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready=true]")
    assert "dyad=VNM%2CCHN" in page.url and "type=SUPPORT" in page.url
    expected = api.get("/events", params={"dyad": "VNM,CHN", "type": "SUPPORT"}).json()
    assert expected["total"] >= 1
    assert f"{expected['total']} events" in page.text_content('.what[data-what="events"]')
    assert page.locator("#event-rows tbody tr").count() == len(expected["items"])
