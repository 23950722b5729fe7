"""The sweep that compares an article's events for one consolidation test, in time linear in its length.

The events are taken in article order, and each is compared, in article order, with the events near
it that the test can pair with it at all (a :class:`Pairing`: how many sentences apart, which types);
the first that passes is merged with it. A merge changes the event kept alone, so the sweep then
compares again only what the change can alter: the kept event with all its neighbours, and every
event already compared with it, still in article order. The merges are those of a sweep restarted
from the first event after every merge, at the cost of the comparisons that can change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import chain
from typing import Callable, Collection, Iterable

from ..records import Event

Test = Callable[[Event, Event], bool]
# Merges a passing pair (the event compared, the neighbour it passed with); returns the one kept.
Merge = Callable[[Event, Event], Event]


@dataclass(frozen=True)
class Pairing:
    """The events a test can pair at all: at most ``reach`` sentences apart; with ``ordered``, the
    second not before the first; with ``kinds``, the second of one of the types it gives for the
    first's type (any type without it)."""

    reach: int
    ordered: bool
    kinds: Callable[[str], Collection[str]] | None = None


class _Index:
    """The positions of the events of each type (and of all, under ``None``), with their sentences."""

    def __init__(self, sentences: list[int], types: list[str]) -> None:
        self.lists: dict[str | None, tuple[list[int], list[int]]] = {}
        for position, (sentence, kind) in enumerate(zip(sentences, types)):
            for key in (None, kind):
                at, positions = self.lists.setdefault(key, ([], []))
                at.append(sentence)
                positions.append(position)

    def near(self, keys: Iterable[str | None], sentence: int, reach: int) -> list[int]:
        """The positions under ``keys`` within ``reach`` sentences, in article order."""
        found = []
        for key in keys:
            at, positions = self.lists.get(key, ((), ()))
            found.append(positions[bisect_left(at, sentence - reach):bisect_right(at, sentence + reach)])
        return found[0] if len(found) == 1 else sorted(chain.from_iterable(found))


def sweep(events: list[Event], test: Test, pairing: Pairing, merge: Merge) -> list[Event]:
    """Compare and merge ``events`` (in article order: by sentence, then as coded) for one test; the
    events left, in that order."""
    sentences = [e.sentence_index or 0 for e in events]
    types = [e.event_type for e in events]
    index, alive = _Index(sentences, types), [True] * len(events)
    kinds = pairing.kinds
    seekers = {t: [u for u in set(types) if t in kinds(u)] for t in set(types)} if kinds else {}

    def ahead(i: int) -> list[int]:
        """Whom ``i`` is compared with: its neighbours of the kinds it can pair with."""
        keys = kinds(types[i]) if kinds else (None,)
        return [j for j in index.near(keys, sentences[i], pairing.reach)
                if alive[j] and j != i and not (pairing.ordered and j < i)]

    def behind(k: int) -> list[int]:
        """Who compares with ``k``: the events whose comparisons a change of ``k`` can alter."""
        keys = seekers[types[k]] if kinds else (None,)
        return [j for j in index.near(keys, sentences[k], pairing.reach)
                if alive[j] and j != k and not (pairing.ordered and k < j)]

    todo = list(range(len(events)))  # to compare with all their neighbours
    changed, again = -1, []  # the event the last merge kept, and those to compare with it alone
    cursor = 0
    while True:
        t, a = bisect_left(todo, cursor), bisect_left(again, cursor)
        full = todo[t] if t < len(todo) else len(events)
        i = min(full, again[a] if a < len(again) else len(events))
        if i == len(events):
            break
        if i == full:
            del todo[t]
        match = next((j for j in (ahead(i) if i == full else (changed,)) if test(events[i], events[j])), None)
        if match is None:
            cursor = i + 1
            continue
        kept = i if merge(events[i], events[match]) is events[i] else match
        gone = match if kept == i else i
        alive[gone] = False
        if (t := bisect_left(todo, gone)) < len(todo) and todo[t] == gone:
            del todo[t]
        if (t := bisect_left(todo, kept)) == len(todo) or todo[t] != kept:
            todo.insert(t, kept)
        changed, again, cursor = kept, behind(kept), 0
    return [e for e, live in zip(events, alive) if live]
