"""Mention lookups through the offset index give what a scan of every mention gives."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from communique.actors.lookup import mention_for_token, mentions_in
from communique.records import Document, Mention

KINDS = ("person", "organisation", "country", "group", "pronoun")


@st.composite
def mentions(draw) -> list[Mention]:
    found = []
    for n in range(draw(st.integers(0, 12))):
        start = draw(st.integers(0, 60))
        end = start + draw(st.integers(1, 15))
        head = draw(st.one_of(st.none(), st.integers(start, end - 1)))
        found.append(Mention(mention_id=f"m{n}", doc_id="d", sentence=0, start=start, end=end, text="x",
                             kind=draw(st.sampled_from(KINDS)), head_start=head))
    return found


def scan_for_token(all_mentions: list[Mention], idx: int) -> Mention | None:
    headed = [m for m in all_mentions if m.head_start == idx]
    if headed:
        return max(headed, key=lambda m: (m.end - m.start, m.kind != "country"))
    covering = [m for m in all_mentions if m.start <= idx < m.end]
    if not covering:
        return None
    preferred = [m for m in covering if not (m.kind == "country" and any(
        o is not m and o.kind in ("organisation", "group", "person") and o.start <= m.start and m.end <= o.end
        for o in covering))]
    return min(preferred or covering, key=lambda m: m.end - m.start)


@settings(max_examples=200, deadline=None)
@given(mentions(), st.integers(0, 80), st.integers(0, 80))
def test_indexed_lookups_equal_a_full_scan(found, a, b):
    doc = Document(doc_id="d", text="x" * 100, content_hash="h", mentions=found)
    assert mention_for_token(doc, SimpleNamespace(idx=a)) is scan_for_token(found, a)
    assert mentions_in(doc, a, b) == [m for m in found if a <= m.start and m.end <= b]


def test_the_index_follows_a_new_list_of_mentions():
    doc = Document(doc_id="d", text="x" * 20, content_hash="h")
    assert mention_for_token(doc, SimpleNamespace(idx=3)) is None
    doc.mentions = [Mention(mention_id="m", doc_id="d", sentence=0, start=0, end=5, text="x", kind="person")]
    assert mention_for_token(doc, SimpleNamespace(idx=3)) is doc.mentions[0]
