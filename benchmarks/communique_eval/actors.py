"""Actor benchmarks: who the coder names as source and target, against two public references.

    python benchmarks/actors.py [--shared ../shared] [--limit N] [--errors FILE]
                                [--out benchmarks/results/actors.json]

confli_ner  ConfliBERT CAMEO NER training split (CoNLL BIO; S source, T target, R reciprocal actors).
            The gold spans are the argument phrases that fill the roles, determiners and possessors
            included ("a Swiss court", "the Croatian government 's request"). Each sentence's tokens
            are joined into running text (``detokenize``: "Germany's", "U.S-backed", "(NAF)") and
            coded; the PRIMARY event (highest confidence, first on
            ties) gives the predicted spans: its actor is S and its recipient T. A primary event with
            coordinated parties ("sanctions on Pompeo, Azar and Bannon") comes with one event per
            party from the same trigger, as CAMEO codes a compound actor; their sides are predicted
            too, each distinct span once. A side's predicted span is its argument phrase
            (``ActorRef.start``/``end``, see communique.events.arguments); a side without one falls
            back to its actor mention's extent, else to the first whole-word occurrence of its text.
            When the primary event is symmetric (talks, agreements) both sides are predicted R; the
            two sides of "India and Pakistan held talks" share the phrase "India and Pakistan",
            which is predicted once. R means "either side": a predicted R span may match a gold S or
            T span and a predicted S or T span may match a gold R span, because the gold itself
            marks "X met Y" sometimes S/T and sometimes R. A matched pair counts under the gold
            label, an unmatched prediction under its own. Scores per label:
            - token level: each token of a predicted span against the gold label of that token;
            - span level, exact: the predicted argument phrase covers the same token range as the
              gold span;
            - span level, lenient (head overlap): the syntactic head of the side's actor mention lies
              inside the gold span, whatever the phrase boundaries, so "President Bashar Assad"
              matches "Syrian President Bashar Assad" and "Donald Trump" matches "Donald Trump 's
              decision".
            Each predicted and gold span is matched at most once. A sentence without events predicts
            no span. Every gold span left unmatched is put down to one cause (no event coded, no actor
            mention headed inside it, sides swapped, side left empty, another mention chosen), and
            ``mention_coverage`` tells how many gold spans any actor mention is headed inside (or has
            the same extent as), whatever the event coder does with it. Every predicted span that
            matches no gold span exactly is put down to one cause too: the gold marks no span of its
            role in the sentence (the corpus often marks only the source: "Palestinian gunmen killed
            an Israeli soldier" has no T), its boundaries differ, or it is another phrase.
petrarch    PETRARCH2 unit-test records coded with the PETR.Validate actors and agents dictionaries
            loaded as user dictionaries (codes not checked against CAMEO). A record is reproduced when
            one of our events has the (source, target) codes of one expected event; our code is the
            country (or body) code followed by the sector, as PETRARCH writes "ARNGOV". Every
            expected event that is not reproduced is put into one failure category (see ``categorise``).
            Records that expect no event (discards, errors) are left out.

The headline NER figure is the lenient span F1 of S and of T; the exact figures (argument phrase
boundaries) are under ``scores.exact``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from communique.api import Communique
from communique_eval.datasets import NerSentence, PetrRecord, read_confli_ner, read_petrarch_records
from communique.pipeline import load_config
from communique.actors.tables import SECTOR_CODES
from communique.records import ActorRef, Document, Event, ResolutionKind

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
RESULTS = REPO / "benchmarks" / "results" / "actors.json"
NER_FILE = Path("reference") / "eventdata__ConfliBERT" / "cameo_ner_train.txt"
PETR_DIR = Path("reference") / "openeventdata__petrarch2"
LABELS = ("S", "T", "R")


@dataclass(frozen=True)
class Span:
    label: str
    start: int  # first token
    end: int  # one past the last token
    head: int | None = None  # token index of the syntactic head (predicted spans)


def primary(events: list[Event]) -> Event | None:
    """The event with the highest confidence, the first one on ties."""
    best = None
    for event in events:
        if best is None or (event.confidence or 0) > (best.confidence or 0):
            best = event
    return best


# -- ConfliBERT NER --------------------------------------------------------------------------

def gold_spans(labels: list[str]) -> list[Span]:
    """BIO labels -> spans; an I- tag that does not continue a span of its label opens one."""
    spans: list[Span] = []
    current: list | None = None
    for i, tag in enumerate(labels + ["O"]):
        kind = tag[2:] if tag != "O" else None
        if current and (tag == "O" or tag.startswith("B-") or kind != current[0]):
            spans.append(Span(current[0], current[1], i))
            current = None
        if kind and current is None:
            current = [kind, i]
    return spans


NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "'", "n't", "'re", "'ve", "'ll", "'d"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def detokenize(tokens: list[str]) -> str:
    """The sentence as running text, as a news story prints it: the corpus splits "Germany's",
    "government-backed", "U.S", "(NAF)" and "1,500" into tokens, which a parser reads differently
    from the words in print ("Germany 's" is no possessive to it). Spaces are dropped before
    closing punctuation and clitics ("’ s"), after opening brackets and currency signs, around a
    hyphen between words, inside initialisms ("U . S") and inside digit groups ("2 , 374")."""
    out = ""
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        glue = (not out or tok in NO_SPACE_BEFORE or prev in NO_SPACE_AFTER
                or (prev in ("’", "'") and tok == "s")  # "May ’ s"
                or (tok in ("’", "'") and nxt == "s")
                or (prev == "-" and i >= 2 and tokens[i - 2][-1:].isalnum() and tok[:1].isalnum())
                or (tok == "-" and prev[-1:].isalnum() and nxt[:1].isalnum())
                or (prev == "." and i >= 2 and len(tokens[i - 2]) == 1 and tokens[i - 2].isupper()
                    and len(tok) == 1 and tok.isupper())  # "U . S"
                or (tok == "." and len(prev) == 1 and prev.isupper() and len(nxt) == 1 and nxt.isupper())
                or (prev == "," and i >= 2 and tokens[i - 2].isdigit() and tok.isdigit() and len(tok) == 3)
                or (tok == "," and prev.isdigit() and nxt.isdigit() and len(nxt) == 3))
        out += tok if glue else " " + tok
    return out


def token_starts(tokens: list[str]) -> list[int]:
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    return starts


def offset_map(source: str, target: str) -> list[int | None]:
    """For each character of ``target``, its offset in ``source`` (None where it has none)."""
    if source == target:
        return list(range(len(target) + 1))
    mapping: list[int | None] = [None] * (len(target) + 1)
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size + 1):
            if b + k <= len(target):
                mapping[b + k] = a + k
    return mapping


class TokenMap:
    """Maps character ranges of the coded document back to tokens of the NER sentence."""

    def __init__(self, tokens: list[str], doc: Document) -> None:
        self.text = " ".join(tokens)
        self.starts = token_starts(tokens)
        self.ends = [s + len(t) for s, t in zip(self.starts, tokens)]
        self.chars = offset_map(self.text, doc.text)

    def _source(self, offset: int, forward: bool) -> int | None:
        step = 1 if forward else -1
        while 0 <= offset < len(self.chars):
            if self.chars[offset] is not None:
                return self.chars[offset]
            offset += step
        return None

    def tokens(self, start: int, end: int) -> tuple[int, int] | None:
        """Token range covering document characters [start, end)."""
        a, b = self._source(start, True), self._source(max(end - 1, start), False)
        if a is None or b is None or b < a:
            return None
        first = next((i for i, e in enumerate(self.ends) if e > a), None)
        last = next((i for i in range(len(self.starts) - 1, -1, -1) if self.starts[i] <= b), None)
        if first is None or last is None or last < first:
            return None
        return first, last + 1

    def token_at(self, offset: int | None) -> int | None:
        if offset is None:
            return None
        found = self.tokens(offset, offset + 1)
        return found[0] if found else None


def _side_span(doc: Document, ref: ActorRef, label: str, tmap: TokenMap) -> Span | None:
    """A side as a predicted span: its argument phrase (``ref.start``/``ref.end``) when it has one,
    else its mention's extent, else the first whole-word occurrence of its text. The head, used by
    the lenient match, is the mention's syntactic head (else the last token of the text), whatever
    the extent."""
    mention = next((m for m in doc.mentions if ref.mention_id and m.mention_id == ref.mention_id), None)
    if mention is not None:
        found = tmap.tokens(mention.start, mention.end)
        head = tmap.token_at(mention.head_start)
    elif ref.text and (hit := re.search(rf"(?<!\w){re.escape(ref.text)}(?!\w)", doc.text)):
        found = tmap.tokens(hit.start(), hit.end())
        head = found[1] - 1 if found else None
    else:
        return None
    if ref.start is not None and ref.end is not None:
        found = tmap.tokens(ref.start, ref.end)
    if found is None:
        return None
    return Span(label, found[0], found[1], head if head is not None else found[1] - 1)


def compound(events: list[Event], event: Event) -> list[Event]:
    """The primary event with the events its trigger yields for coordinated parties ("sanctions on
    Pompeo, Azar and Bannon" is one event per person, as CAMEO codes a compound actor)."""
    if event.trigger is None:
        return [event]
    return [e for e in events if e is event or (
        e.trigger is not None and e.sentence_index == event.sentence_index
        and e.trigger.start == event.trigger.start and e.cameo == event.cameo)]


def predicted_spans(doc: Document, tmap: TokenMap) -> tuple[list[Span], Event | None]:
    event = primary(doc.events)
    if event is None:
        return [], None
    spans: list[Span] = []
    for member in compound(doc.events, event):
        labels = ("R", "R") if member.symmetric else ("S", "T")
        for ref, label in zip((member.actor, member.recipient), labels):
            span = _side_span(doc, ref, label, tmap)
            if span is not None and not any((s.label, s.start, s.end) == (span.label, span.start, span.end)
                                            for s in spans):
                spans.append(span)
    return spans, event


def compatible(predicted: str, gold: str) -> bool:
    """Same label, or either is R ("either side"): the gold marks "X met Y" sometimes S/T, sometimes R."""
    return predicted == gold or "R" in (predicted, gold)


def _exact(p: Span, g: Span) -> bool:
    return compatible(p.label, g.label) and (p.start, p.end) == (g.start, g.end)


def _lenient(p: Span, g: Span) -> bool:
    return compatible(p.label, g.label) and g.start <= (p.head if p.head is not None else p.end - 1) < g.end


def match(pred: list[Span], gold: list[Span], same) -> list[tuple[Span, Span]]:
    """Greedy one-to-one matching, a gold span of the predicted label first."""
    pairs, used = [], set()
    for p in pred:
        options = [n for n, g in enumerate(gold) if n not in used and same(p, g)]
        if options:
            n = min(options, key=lambda k: gold[k].label != p.label)
            pairs.append((p, gold[n]))
            used.add(n)
    return pairs


class Tally:
    """Counts per label; a matched pair counts under the gold label, an unmatched prediction under its own."""

    def __init__(self) -> None:
        self.counts = {kind: {label: Counter() for label in LABELS} for kind in ("token", "exact", "lenient")}

    def add(self, pred: list[Span], gold: list[Span]) -> dict[str, list[tuple[Span, Span]]]:
        gold_at = {i: s.label for s in gold for i in range(s.start, s.end)}
        pred_at = {i: s.label for s in pred for i in range(s.start, s.end)}
        tokens = self.counts["token"]
        for label in gold_at.values():
            tokens[label]["gold"] += 1
        for i, label in pred_at.items():
            if i in gold_at and compatible(label, gold_at[i]):
                tokens[gold_at[i]].update(tp=1, pred=1)
            else:
                tokens[label]["pred"] += 1
        found = {}
        for kind, same in (("exact", _exact), ("lenient", _lenient)):
            pairs = match(pred, gold, same)
            found[kind] = pairs
            matched = {id(p) for p, _ in pairs}
            for g in gold:
                self.counts[kind][g.label]["gold"] += 1
            for _, g in pairs:
                self.counts[kind][g.label].update(tp=1, pred=1)
            for p in pred:
                if id(p) not in matched:
                    self.counts[kind][p.label]["pred"] += 1
        return found

    def scores(self) -> dict:
        return {kind: {label: prf(c) for label, c in by_label.items()} for kind, by_label in self.counts.items()}


def prf(c: Counter) -> dict:
    p = c["tp"] / c["pred"] if c["pred"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": c["tp"], "pred": c["pred"], "gold": c["gold"],
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def mention_spans(doc: Document, tmap: TokenMap) -> list[Span]:
    """Every actor mention of the document as a token span (label "M")."""
    spans = []
    for mention in doc.mentions:
        found = tmap.tokens(mention.start, mention.end)
        if found is not None:
            head = tmap.token_at(mention.head_start)
            spans.append(Span("M", found[0], found[1], head if head is not None else found[1] - 1))
    return spans


def miss_cause(g: Span, pred: list[Span], mentions: list[Span], event: Event | None) -> str:
    """Why a gold span found no lenient match: which layer lost it."""
    if event is None:
        return "coder: no event coded"
    if not any(g.start <= (m.head if m.head is not None else m.end - 1) < g.end for m in mentions):
        return "actors: no mention headed inside the gold span"
    if any(_lenient(Span("R", p.start, p.end, p.head), g) for p in pred):
        return "coder: sides swapped"
    sides = {p.label for p in pred}
    wanted = {"S": {"S", "R"}, "T": {"T", "R"}, "R": {"S", "T", "R"}}[g.label]
    if not sides & wanted:
        return "coder: side left empty"
    return "coder: another mention chosen"


def wrong_cause(p: Span, gold: list[Span]) -> str:
    """Why a predicted span matched no gold span exactly."""
    if not any(compatible(p.label, g.label) for g in gold):
        return "the gold marks no span of this role in the sentence"
    if any(_lenient(p, g) for g in gold):
        return "boundaries differ (its head is inside a gold span)"
    return "another phrase than the gold's"


def run_confli_ner(coder: Communique, shared: Path, limit: int | None = None,
                   errors: list | None = None) -> dict:
    sentences = read_confli_ner(shared / NER_FILE)
    if limit:
        sentences = sentences[:limit]
    return score_ner(coder, sentences, errors)


def score_ner(coder: Communique, sentences: list[NerSentence], errors: list | None = None) -> dict:
    tally = Tally()
    causes: Counter = Counter()
    wrong: Counter = Counter()
    coverage: Counter = Counter()
    with_event = 0
    for n, sentence in enumerate(sentences):
        text = detokenize(sentence.tokens)
        doc = coder.code_text(text, doc_id=f"ner-{n}")
        tmap = TokenMap(sentence.tokens, doc)
        pred, event = predicted_spans(doc, tmap)
        with_event += event is not None
        gold = gold_spans(sentence.labels)
        found = tally.add(pred, gold)
        exact = {id(p) for p, _ in found["exact"]}
        for p in pred:
            if id(p) not in exact:
                wrong[f"{p.label} {wrong_cause(p, gold)}"] += 1
        matched = {id(g) for _, g in found["lenient"]}
        mentions = mention_spans(doc, tmap)
        missed = []
        for g in gold:
            if id(g) not in matched:
                cause = miss_cause(g, pred, mentions, event)
                causes[f"{g.label} {cause}"] += 1
                missed.append((g.label, " ".join(sentence.tokens[g.start:g.end]), cause))
        coverage["gold"] += len(gold)
        coverage["exact"] += sum(any((m.start, m.end) == (g.start, g.end) for m in mentions) for g in gold)
        coverage["lenient"] += sum(any(g.start <= m.head < g.end for m in mentions) for g in gold)
        if errors is not None and missed:
            errors.append({"n": n, "text": text, "missed": missed,
                           "event": f"{event.cameo} {event.event_type} sym={event.symmetric}" if event else None,
                           "gold": [(g.label, " ".join(sentence.tokens[g.start:g.end])) for g in gold],
                           "pred": [(p.label, " ".join(sentence.tokens[p.start:p.end])) for p in pred]})
    scores = tally.scores()
    return {"source": "eventdata/ConfliBERT cameo_ner_train.txt", "sentences": len(sentences),
            "sentences_with_an_event": with_event, "headline": {
                label: scores["lenient"][label]["f1"] for label in ("S", "T")},
            "scores": scores,
            "gold_spans_unmatched_by_cause": dict(sorted(causes.items())),
            "predicted_spans_not_exact_by_cause": dict(sorted(wrong.items())),
            "mention_coverage": {
                "gold_spans": coverage["gold"],
                "with_a_mention_of_the_same_extent": coverage["exact"],
                "with_a_mention_headed_inside": coverage["lenient"],
                "share_headed_inside": round(coverage["lenient"] / max(coverage["gold"], 1), 3)}}


# -- PETRARCH unit-test records --------------------------------------------------------------

def actor_code(country: str | None, sector: str | None, named: bool) -> str:
    """Our side as PETRARCH writes it: country then agent; "---" for a named actor without a country."""
    if country is None and not (sector or named):
        return ""
    return (country or "---") + (sector or "")


def event_codes(ref: ActorRef, event=None, side: str = "") -> str:
    """The side's CAMEO code as written: an office the article reading inferred for a bare state
    (from its act or its office elsewhere in the article) is not in the words PETRARCH codes."""
    sector = ref.sector
    if event is not None and sector and ref.actor_id and ref.actor_id.startswith("country:") and any(
            r.side in (side, "actor and recipient") and r.kind in (ResolutionKind.ACT_SECTOR, ResolutionKind.OFFICE_SECTOR)
            for ev in event.evidence for r in ev.resolutions):
        sector = None
    return actor_code(ref.country, sector, bool(ref.text or ref.mention_id))


def petrarch_coder(shared: Path) -> Communique:
    folder = shared / PETR_DIR
    paths = [str(folder / "PETR.Validate.actors.txt"), str(folder / "PETR.Validate.agents.txt")]
    config = load_config(overrides={"stages": {"actors": {"dictionaries": paths, "strict_codes": False}}})
    return Communique(config)


def run_petrarch(coder: Communique, shared: Path, limit: int | None = None,
                 details: list | None = None) -> dict:
    records = read_petrarch_records(shared / PETR_DIR / "PETR.UnitTest.records.xml")
    if limit:
        records = records[:limit]
    return score_petrarch(coder, records, details)


def score_petrarch(coder: Communique, records: list[PetrRecord], details: list | None = None) -> dict:
    stage = dict(coder.pipeline.stages)["actors"]
    dictionary_countries = {r.country for e in stage.dictionary.entries
                            for r in [e.default, *e.roles] if r is not None and r.country}
    with_events = [r for r in records if r.events and not r.noevents]
    record_ok = events_ok = events_total = 0
    categories: Counter = Counter()
    examples: dict[str, dict] = {}
    for rec in with_events:
        doc = coder.code_text(rec.text, doc_id=f"petr-{rec.id}", published=rec.date)
        ours = [(event_codes(e.actor, e, "actor"), event_codes(e.recipient, e, "recipient")) for e in doc.events]
        ours_set = set(ours)
        hits = [(s, t) in ours_set for s, t, _ in rec.events]
        record_ok += any(hits)
        events_ok += sum(hits)
        events_total += len(rec.events)
        for (source, target, code), hit in zip(rec.events, hits):
            if hit:
                continue
            cause = categorise(rec, source, target, code, doc, dictionary_countries)
            categories[cause] += 1
            example = {"id": rec.id, "text": rec.text, "expected": [source, target, code],
                       "ours": [list(o) + [e.cameo] for o, e in zip(ours, doc.events)]}
            examples.setdefault(cause, example)
            if details is not None:
                details.append({"cause": cause, **example})
    return {"source": "openeventdata/petrarch2 PETR.UnitTest.records.xml with PETR.Validate actors+agents",
            "records": len(records), "records_with_expected_events": len(with_events),
            "records_reproduced": record_ok,
            "share_records_reproduced": round(record_ok / max(len(with_events), 1), 3),
            "expected_events": events_total, "events_reproduced": events_ok,
            "share_events_reproduced": round(events_ok / max(events_total, 1), 3),
            "failures_by_category": dict(categories.most_common()),
            "failure_examples": examples}


TEST_ONLY_CODE = re.compile(r'^(".*"|#+|XYZ.*)$')
SECTORS = frozenset(SECTOR_CODES) | {"IGO", "NGO", "IMG", "NGM", "MNC"}


def categorise(rec: PetrRecord, source: str, target: str, code: str, doc: Document,
               dictionary_countries: set[str]) -> str:
    """The reason one expected PETRARCH event was not reproduced; the first rule that applies wins."""
    expected = (source, target)
    if any(TEST_ONLY_CODE.match(c) for c in expected):
        return "test-only code (a quoted phrase, ### or XYZ placeholder, not a CAMEO actor)"
    if not doc.events:
        return "coder: no event coded"
    available = {actor_code(m.country, m.sector, True) for m in doc.mentions}
    available |= {m.country for m in doc.mentions if m.country}
    missing = [c for c in expected if c and c not in available]
    if missing:
        c = missing[0]
        if c[:3] in SECTORS and c[:3] != "---":
            return "agent-first or transnational code (NGOARN, IGOEEU: we write country then one agent)"
        if len(c) > 6:
            return "multi-agent code (ARNGOVFRM: we keep one agent)"
        root = c[:3]
        if root == "---":
            return "agent-only actor (---GOV) not found"
        if not any(m.country == root for m in doc.mentions):
            if root not in dictionary_countries:
                return "actor not in the dictionaries (a phrase the test expects the coder to know otherwise)"
            return "actors: dictionary actor not recognised in the text"
        return "actors: agent (sector) differs or missing"
    ours = {(event_codes(e.actor), event_codes(e.recipient)) for e in doc.events}
    if (target, source) in ours:
        return "coder: source and target swapped"
    siblings = [e for e in rec.events if e != (source, target, code) and e[2] == code
                and (e[0] == source or e[1] == target)]
    if siblings:
        return "coder: compound actor (one event per conjunct expected)"
    if any(s == source for s, _ in ours):
        return "coder: target not attributed"
    return "coder: wrong event attribution"


# -- main ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items of each set")
    parser.add_argument("--errors", type=Path, default=None, help="write every failure to this JSONL file")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    started = time.time()
    errors: list | None = [] if args.errors else None
    ner = run_confli_ner(Communique(), args.shared, args.limit, errors)
    details: list | None = [] if args.errors else None
    petr = run_petrarch(petrarch_coder(args.shared), args.shared, args.limit, details)
    command = " ".join(["python benchmarks/actors.py", *(argv if argv is not None else sys.argv[1:])])
    result = {"command": command,
              "seconds": round(time.time() - started, 1), "confli_ner": ner, "petrarch": petr}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for row in (errors or []) + [{"set": "petrarch", **d} for d in details or []]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0
