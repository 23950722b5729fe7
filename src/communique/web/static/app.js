// Communique dashboard: every view asks the HTTP API for what it shows (aggregated in DuckDB)
// and keeps its filters in the page URL, so the address is the permalink.
"use strict";

const QUAD_COLOURS = { 1: "#2b8cbe", 2: "#31a354", 3: "#e6872e", 4: "#de2d26" };
const QUAD_NAMES = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
const FILTER_KEYS = ["type", "since", "until", "sector", "outlet", "text"];
const PAGE = 50;
const state = { dyad: null, cursors: [null], network: null, map: null, countries: null, markers: null };

const $ = (selector) => document.querySelector(selector);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}

// -- filters and URLs ------------------------------------------------------------------------

function pageParams() { return new URLSearchParams(location.search); }

function filterParams(extra = {}) {
  const params = new URLSearchParams();
  const page = pageParams();
  if (page.get("dyad")) params.set("dyad", page.get("dyad"));
  for (const key of FILTER_KEYS) if (page.get(key)) params.set(key, page.get(key));
  for (const [key, value] of Object.entries(extra)) if (value !== null && value !== undefined) params.set(key, value);
  return params;
}

function api(path, extra = {}) {
  const query = filterParams(extra).toString();
  return query ? `${path}?${query}` : path;
}

async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) {
    const err = body.error || {};
    throw new Error(`${err.message}${err.parameter ? ` (parameter: ${err.parameter})` : ""}`);
  }
  return body;
}

function formFromURL() {
  const form = $("#filters");
  const page = pageParams();
  const [a, b] = (page.get("dyad") || ",").split(",");
  form.a.value = a || "";
  form.b.value = b || "";
  for (const key of FILTER_KEYS) if (form[key]) form[key].value = page.get(key) || "";
  form.freq.value = page.get("freq") || "month";
  $("#network-level").value = page.get("level") || "country";
}

function urlFromForm(event) {
  event.preventDefault();
  const form = $("#filters");
  const params = new URLSearchParams();
  const a = form.a.value.trim().toUpperCase(), b = form.b.value.trim().toUpperCase();
  if (a && b) params.set("dyad", `${a},${b}`);
  for (const key of FILTER_KEYS) if (form[key].value.trim()) params.set(key, form[key].value.trim());
  if (form.freq.value !== "month") params.set("freq", form.freq.value);
  if ($("#network-level").value !== "country") params.set("level", $("#network-level").value);
  history.pushState(null, "", `?${params}${location.hash}`);
  refresh();
}

function setCSV(view, url) {
  const link = document.querySelector(`a.csv[data-view="${view}"]`);
  link.href = url.includes("?") ? `${url}&format=csv` : `${url}?format=csv`;
}

function setPermalinks() {
  for (const link of document.querySelectorAll("a.permalink")) {
    link.href = `${location.pathname}${location.search}${link.hash}`;
  }
}

function say(view, text) { document.querySelector(`.what[data-what="${view}"]`).textContent = text; }

function report(view, error) {
  say(view, "");
  $("#status").textContent = `${view}: ${error.message}`;
}

// -- views -----------------------------------------------------------------------------------

async function showSeries() {
  let dyad = pageParams().get("dyad");
  if (!dyad) {  // the busiest pair under the other filters
    const top = await getJSON(api("/network", { limit: 1 }));
    if (!top.edges.length) { say("series", "no dyad with events"); $("#series-chart").replaceChildren(); $("#series-rows").replaceChildren(); return; }
    dyad = `${top.edges[0].source},${top.edges[0].target}`;
  }
  const [a, b] = dyad.split(",");
  const url = api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, { freq: pageParams().get("freq") || "month" });
  setCSV("series", url);
  const body = await getJSON(url);
  const rows = body.items;
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const quads = QUAD_NAMES.map(() => periods.map(() => 0));
  const goldstein = [`${body.a}->${body.b}`, `${body.b}->${body.a}`].map(() => periods.map(() => null));
  for (const row of rows) {
    const i = index.get(row.period);
    QUAD_NAMES.forEach((name, q) => { quads[q][i] += row[name]; });
    goldstein[row.direction === `${body.a}->${body.b}` ? 0 : 1][i] = row.goldstein_mean;
  }
  const total = rows.reduce((sum, r) => sum + r.events, 0);
  say("series", `${body.a}–${body.b}, ${total} events in ${periods.length} ${body.freq === "week" ? "weeks" : "months"}`);
  const chart = $("#series-chart");
  chart.replaceChildren();
  const xs = periods.map((p) => Date.parse(p) / 1000);
  const bars = uPlot.paths.bars({ size: [0.6, 40] });
  const series = [{}].concat(QUAD_NAMES.map((name, q) => ({
    label: name.replace("_", " "), stroke: QUAD_COLOURS[q + 1], fill: QUAD_COLOURS[q + 1] + "99", paths: bars, scale: "n",
  }))).concat([
    { label: `Goldstein ${body.a}→${body.b}`, stroke: "#333", width: 2, scale: "g", points: { show: true } },
    { label: `Goldstein ${body.b}→${body.a}`, stroke: "#999", width: 2, dash: [6, 4], scale: "g", points: { show: true } },
  ]);
  const pad = (body.freq === "week" ? 4 : 16) * 86400;  // half a bar's period either side
  if (xs.length) {
    new uPlot({
      width: Math.max(chart.clientWidth, 400), height: 260, series,
      scales: { g: { range: [-10, 10] }, x: { time: true, auto: false, range: [xs[0] - pad, xs[xs.length - 1] + pad] } },
      axes: [{}, { scale: "n", label: "events" }, { scale: "g", side: 1, label: "Goldstein", grid: { show: false } }],
    }, [xs, ...quads, ...goldstein], chart);
  }
  const table = $("#series-rows");
  table.replaceChildren(el("thead", {}, el("tr", {}, ...["period", "direction", "events", ...QUAD_NAMES.map((n) => n.replace("_", " ")), "Goldstein mean"].map((h) => el("th", {}, h)))));
  const tbody = el("tbody");
  for (const row of rows) {
    tbody.append(el("tr", {}, ...[row.period, row.direction, row.events, ...QUAD_NAMES.map((n) => row[n]), row.goldstein_mean].map((v) => el("td", {}, String(v ?? "")))));
  }
  table.append(tbody);
}

async function showNetwork() {
  const level = pageParams().get("level") || "country";
  const url = api("/network", { level, limit: 200 });
  setCSV("network", url);
  const graph = await getJSON(url);
  const events = graph.edges.reduce((sum, e) => sum + e.events, 0);
  say("network", `${graph.nodes.length} nodes, ${graph.edges.length} edges, ${events} events`);
  const maxEvents = Math.max(1, ...graph.edges.map((e) => e.events));
  const elements = graph.nodes.map((n) => ({ data: { id: n.id, label: n.label, events: n.events } }))
    .concat(graph.edges.map((e, i) => ({ data: {
      id: `e${i}`, source: e.source, target: e.target, events: e.events,
      width: 1 + 9 * e.events / maxEvents, colour: QUAD_COLOURS[e.quad_class] || "#999",
    } })));
  if (state.network) state.network.destroy();
  state.network = cytoscape({
    container: $("#network-graph"), elements,
    layout: { name: graph.nodes.length > 2 ? "cose" : "circle", animate: false },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#1f2d3d", width: 18, height: 18 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(events)", "font-size": 9 } },
    ],
  });
}

async function showMap() {
  const url = api("/locations");
  setCSV("map", url);
  const body = await getJSON(url);
  const total = body.items.reduce((sum, r) => sum + r.events, 0);
  say("map", `${body.items.length} places, ${total} events`);
  if (!state.map) {
    state.map = L.map("map-view", { worldCopyJump: true, attributionControl: true }).setView([20, 100], 2);
    state.map.attributionControl.addAttribution("Natural Earth");
    const topology = await (await fetch("/static/vendor/countries-110m.json")).json();
    state.countries = L.geoJSON(topojson.feature(topology, topology.objects.countries), {
      style: { color: "#999", weight: 0.6, fillColor: "#e8e6df", fillOpacity: 1 },
    }).addTo(state.map);
    state.markers = L.layerGroup().addTo(state.map);
  }
  state.markers.clearLayers();
  const maxEvents = Math.max(1, ...body.items.map((r) => r.events));
  const points = [];
  for (const place of body.items) {
    const colour = QUAD_COLOURS[place.quad_class] || "#555";
    L.circleMarker([place.lat, place.lon], {
      radius: 4 + 12 * Math.sqrt(place.events / maxEvents), color: colour, fillColor: colour, fillOpacity: 0.6,
      className: "place-marker",
    }).bindTooltip(`${place.name}, ${place.country}: ${place.events} events`).addTo(state.markers);
    points.push([place.lat, place.lon]);
  }
  if (points.length) state.map.fitBounds(points, { maxZoom: 5, padding: [30, 30] });
}

async function showMechanisms() {
  const params = new URLSearchParams();
  const dyad = pageParams().get("dyad");
  if (dyad && dyad.split(",").length === 2) params.set("country", dyad.split(",")[0]);
  const url = `/mechanisms${params.toString() ? `?${params}` : ""}`;
  setCSV("mechanisms", url);
  const body = await getJSON(url);
  say("mechanisms", `${body.items.length} mechanisms`);
  const box = $("#mechanism-timeline");
  box.replaceChildren();
  for (const m of body.items) {
    const numbers = m.editions.concat(m.missing_editions);
    const low = numbers.length ? Math.min(1, ...numbers) : 1;
    const high = numbers.length ? Math.max(...numbers) : 1;
    const position = (n) => `${high === low ? 50 : 3 + 94 * (n - low) / (high - low)}%`;
    const line = el("div", { class: "timeline" });
    for (const n of m.editions) line.append(el("span", { class: "edition", style: `left:${position(n)}`, title: `edition ${n}` }, String(n)));
    for (const n of m.missing_editions) line.append(el("span", { class: "gap", style: `left:${position(n)}`, title: `edition ${n} not seen` }, String(n)));
    const notes = [m.editions.length ? `editions seen: ${m.editions.join(", ")}` : "no edition number",
      m.gaps.length ? `gaps: ${m.gaps.join("; ")}` : "no gaps", m.dates.length ? `dates: ${m.dates.join(", ")}` : "",
      m.places.length ? `places: ${m.places.join("; ")}` : "", `${m.events} events`].filter(Boolean);
    box.append(el("div", { class: "mechanism" }, el("div", { class: "mechanism-name" }, m.name), line,
      el("div", { class: "mechanism-note" }, notes.join(" · "))));
  }
}

function actorLabel(side) {
  const code = `${side.country || ""}${side.sector || ""}`;
  return side.name ? `${code} (${side.name})` : code || side.text || "";
}

async function showEvents() {
  const cursor = state.cursors[state.cursors.length - 1];
  const url = api("/events", { limit: PAGE, cursor });
  setCSV("events", url);
  const page = await getJSON(url);
  const first = (state.cursors.length - 1) * PAGE;
  say("events", `${page.total} events, rows ${page.items.length ? first + 1 : 0}–${first + page.items.length}`);
  $("#next-page").disabled = !page.next_cursor;
  $("#first-page").disabled = state.cursors.length === 1;
  state.nextCursor = page.next_cursor;
  const table = $("#event-rows");
  table.replaceChildren(el("thead", {}, el("tr", {}, ...["date", "type", "cameo", "actor", "recipient", "place", "mechanism", "rule"].map((h) => el("th", {}, h)))));
  const tbody = el("tbody");
  for (const e of page.items) {
    const row = el("tr", { "data-event": e.event_id, onclick: () => showEvent(e.event_id, row) },
      ...[e.date, e.event_type, e.cameo, actorLabel(e.actor), actorLabel(e.recipient),
        e.location ? e.location.name : "", e.mechanism ? `${e.mechanism.name} ${e.mechanism.edition ?? ""}` : "", e.rule]
        .map((v) => el("td", {}, String(v ?? ""))));
    row.firstChild.prepend(el("span", { class: `q q${e.quad_class}`, title: `quad class ${e.quad_class}` }, " "), " ");
    tbody.append(row);
  }
  table.append(tbody);
}

function highlighted(sentence, offset, spans) {
  // spans: [{start, end, cls}] in document offsets; sentence starts at `offset`.
  const marks = spans.filter((s) => s.start !== null && s.start >= offset && s.end <= offset + sentence.length)
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const out = el("blockquote", { class: "sentence" });
  let at = 0;
  for (const span of marks) {
    const start = span.start - offset, end = span.end - offset;
    if (start < at) continue;  // overlapping spans: keep the first
    out.append(sentence.slice(at, start), el("mark", { class: span.cls, title: span.cls }, sentence.slice(start, end)));
    at = end;
  }
  out.append(sentence.slice(at));
  return out;
}

async function showEvent(eventId, row) {
  for (const r of document.querySelectorAll("#event-rows tr.selected")) r.classList.remove("selected");
  if (row) row.classList.add("selected");
  const params = pageParams();
  params.set("event", eventId);  // the open event is part of the permalink
  history.replaceState(null, "", `?${params}#events`);
  setPermalinks();
  const e = await getJSON(`/events/${encodeURIComponent(eventId)}`);
  const spans = [
    e.actor.span && { start: e.actor.span[0], end: e.actor.span[1], cls: "actor" },
    e.recipient.span && { start: e.recipient.span[0], end: e.recipient.span[1], cls: "recipient" },
    e.trigger && { start: e.trigger.start, end: e.trigger.end, cls: "trigger" },
  ].filter(Boolean);
  const box = $("#event-detail");
  box.hidden = false;
  box.replaceChildren(el("h3", {}, `${e.event_type} ${e.cameo} · ${actorLabel(e.actor)} → ${actorLabel(e.recipient)} · ${e.date ?? "no date"}`));
  for (const ev of e.evidence) box.append(highlighted(ev.sentence, ev.start, spans), el("div", { class: "mechanism-note" }, `document ${ev.doc_id}, characters ${ev.start}–${ev.end}`));
  box.append(el("p", {}, `rule ${e.explain.rule ?? "–"}, trigger “${e.trigger ? e.trigger.text : "–"}”, confidence ${e.explain.confidence ?? "–"}`));
}

// -- wiring ----------------------------------------------------------------------------------

async function loadOutlets() {
  const body = await getJSON("/outlets");
  const select = $("#filters").outlet;
  for (const o of body.items) select.append(el("option", { value: o.outlet }, `${o.outlet} (${o.documents})`));
}

function refresh() {
  $("#status").textContent = "";
  state.cursors = [null];
  setPermalinks();
  const views = { series: showSeries, network: showNetwork, map: showMap, mechanisms: showMechanisms, events: showEvents };
  return Promise.all(Object.entries(views).map(([name, show]) => show().catch((error) => report(name, error))))
    .then(() => pageParams().get("event") && showEvent(pageParams().get("event"),
      document.querySelector(`#event-rows tr[data-event="${CSS.escape(pageParams().get("event"))}"]`))
      .catch((error) => report("event", error)))
    .then(() => { document.body.dataset.ready = "true"; });
}

document.addEventListener("DOMContentLoaded", async () => {
  await loadOutlets().catch((error) => report("outlets", error));
  formFromURL();
  $("#filters").addEventListener("submit", urlFromForm);
  $("#network-level").addEventListener("change", urlFromForm);
  $("#next-page").addEventListener("click", () => { state.cursors.push(state.nextCursor); showEvents().catch((e) => report("events", e)); });
  $("#first-page").addEventListener("click", () => { state.cursors = [null]; showEvents().catch((e) => report("events", e)); });
  window.addEventListener("popstate", () => { formFromURL(); refresh(); });
  await refresh();
});
