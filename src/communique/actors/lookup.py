"""Find the actor mention behind a token or inside a character range (for the event coder).

Lookups go through an index of the document's mentions by offset (built once per list of
mentions), so that coding stays linear in the length of the article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from ..records import Document, Mention

_INDEX_KEY = "mention_index"


class _MentionIndex:
    """The mentions of one document by head offset and by start offset."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.size = len(mentions)
        self.by_head: dict[int | None, list[int]] = defaultdict(list)
        self.by_sentence: dict[int, list[int]] = defaultdict(list)
        self.by_id: dict[str, Mention] = {}
        for i, m in enumerate(mentions):
            self.by_head[m.head_start].append(i)
            self.by_sentence[m.sentence].append(i)
            self.by_id.setdefault(m.mention_id, m)
        self.order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
        self.starts = [mentions[i].start for i in self.order]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def headed(self, idx: int) -> list[Mention]:
        return [self.mentions[i] for i in self.by_head.get(idx, ())]

    def starting_within(self, start: int, end: int) -> list[int]:
        """Positions (in the mention list) of mentions with ``start <= m.start < end``, in list order."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return sorted(self.order[lo:hi])

    def covering(self, idx: int) -> list[Mention]:
        lo, hi = bisect_left(self.starts, idx - self.longest), bisect_right(self.starts, idx)
        found = sorted(i for i in self.order[lo:hi] if self.mentions[i].end > idx)
        return [self.mentions[i] for i in found]


def _index(doc: Document) -> _MentionIndex:
    index = doc.annotations.get(_INDEX_KEY)
    if index is None or index.mentions is not doc.mentions or index.size != len(doc.mentions):
        index = doc.annotations[_INDEX_KEY] = _MentionIndex(doc.mentions)
    return index


def mention_by_id(doc: Document, mention_id: str | None) -> Mention | None:
    """The (first) mention with ``mention_id``; None for no id."""
    return _index(doc).by_id.get(mention_id) if mention_id else None


def mentions_of_sentence(doc: Document, sentence: int) -> list[Mention]:
    """The mentions of one sentence, in list order."""
    return [doc.mentions[i] for i in _index(doc).by_sentence.get(sentence, ())]


def mentions_starting(doc: Document, start: int, end: int) -> list[Mention]:
    """Mentions that start inside ``[start, end)``, in list order."""
    return [doc.mentions[i] for i in _index(doc).starting_within(start, end)]


def mentions_in(doc: Document, start: int, end: int) -> list[Mention]:
    """Mentions lying wholly inside ``[start, end)``, in text order."""
    index = _index(doc)
    return [doc.mentions[i] for i in index.starting_within(start, max(start, end) + 1)
            if doc.mentions[i].end <= end]


def mention_for_token(doc: Document, token) -> Mention | None:
    """The best actor mention for a spaCy token heading an argument (subject, object, pobj).

    A mention headed by the token wins (the outermost if several); otherwise the smallest
    mention containing the token, where a bare country inside a larger named organisation
    counts only when nothing else covers the token.
    """
    idx = token.idx
    index = _index(doc)
    headed = index.headed(idx)
    if headed:
        return max(headed, key=lambda m: (m.end - m.start, m.kind != "country"))
    covering = index.covering(idx)
    if not covering:
        return None
    preferred = [m for m in covering if not _country_inside_name(m, covering)]
    return min(preferred or covering, key=lambda m: m.end - m.start)


def _country_inside_name(mention: Mention, covering: list[Mention]) -> bool:
    return mention.kind == "country" and any(
        other is not mention and other.kind in ("organisation", "group", "person")
        and other.start <= mention.start and mention.end <= other.end for other in covering)
