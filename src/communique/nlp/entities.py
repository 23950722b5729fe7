"""Named entities found from a token's own tags, in time proportional to the entity's length.

``Doc.ents`` and ``Span.ents`` build every entity of the whole document on each call; looking
up the entity of one token through them makes a long article quadratic. These give the same
spans from the tokens' IOB tags.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def entity_of(token: Token) -> Span | None:
    """The entity ``token`` is part of (as in ``doc.ents``), or None."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type)


def entities_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities wholly inside tokens ``[start, end)``, in order (as ``doc[start:end].ents``)."""
    found, i = [], start
    while i < end:
        if doc[i].ent_iob_ == "B":
            entity = entity_of(doc[i])
            if entity is not None and entity.end <= end:
                found.append(entity)
                i = entity.end
                continue
        i += 1
    return found
