"""Find the actor mention behind a token or inside a character range (for the event coder)."""

from __future__ import annotations

from ..records import Document, Mention


def mentions_in(doc: Document, start: int, end: int) -> list[Mention]:
    """Mentions lying wholly inside ``[start, end)``, in text order."""
    return [m for m in doc.mentions if start <= m.start and m.end <= end]


def mention_for_token(doc: Document, token) -> Mention | None:
    """The best actor mention for a spaCy token heading an argument (subject, object, pobj).

    A mention headed by the token wins (the outermost if several); otherwise the smallest
    mention containing the token, where a bare country inside a larger named organisation
    counts only when nothing else covers the token.
    """
    idx = token.idx
    headed = [m for m in doc.mentions if m.head_start == idx]
    if headed:
        return max(headed, key=lambda m: (m.end - m.start, m.kind != "country"))
    covering = [m for m in doc.mentions if m.start <= idx < m.end]
    if not covering:
        return None
    preferred = [m for m in covering if not _country_inside_name(m, covering)]
    return min(preferred or covering, key=lambda m: m.end - m.start)


def _country_inside_name(mention: Mention, covering: list[Mention]) -> bool:
    return mention.kind == "country" and any(
        other is not mention and other.kind in ("organisation", "group", "person")
        and other.start <= mention.start and mention.end <= other.end for other in covering)
