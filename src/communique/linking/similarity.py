"""Evidence similarity: the cosine of two texts' sets of stemmed content words.

Words are hashed into :data:`FEATURES` buckets with 32-bit MurmurHash3 (seed 0, the bucket is the
absolute hash modulo the number of buckets), so a text is a set of buckets; two texts score
``k / sqrt(n_a * n_b)`` for ``k`` shared buckets of ``n_a`` and ``n_b``. This is the binary,
l2-normalised hashing of scikit-learn's ``HashingVectorizer(n_features=2**18, binary=True,
alternate_sign=False)``, computed on sets in pure Python, float for float: the same scores without
building sparse matrices for each pair.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

FEATURES = 2 ** 18

WORD = re.compile(r"(?u)\b[^\W\d_][\w'-]+\b")
ENDINGS = ("ing", "ied", "ies", "ed", "es", "s")


def stem(word: str) -> str:
    """A light stem: plural and verb endings off ("warned", "warns" -> "warn"; "companies" -> "compan")."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English function words (``data/linking/stop_words.yaml``)."""
    from ..data_files import load_builtin  # read when first needed: start-up stays short

    return frozenset(load_builtin("linking/stop_words.yaml")["stop_words"])


def words(text: str) -> list[str]:
    """The stemmed content words of a text (English stop words and numbers left out)."""
    stop = stop_words()
    return [stem(w) for w in WORD.findall(text.casefold()) if w not in stop]


_MASK = 0xFFFFFFFF


def murmurhash3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3 (x86, 32-bit) of ``data``, as a signed 32-bit integer."""
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed & _MASK
    tail = len(data) & ~3
    for i in range(0, tail, 4):
        k = (int.from_bytes(data[i:i + 4], "little") * c1) & _MASK
        k = ((k << 15) | (k >> 17)) & _MASK
        h ^= (k * c2) & _MASK
        h = ((h << 13) | (h >> 19)) & _MASK
        h = (h * 5 + 0xE6546B64) & _MASK
    if rest := data[tail:]:
        k = (int.from_bytes(rest, "little") * c1) & _MASK
        k = ((k << 15) | (k >> 17)) & _MASK
        h ^= (k * c2) & _MASK
    h ^= len(data)
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h


@lru_cache(maxsize=65536)
def bucket(word: str) -> int:
    """The bucket of one word: the absolute value of its hash, modulo :data:`FEATURES`."""
    return abs(murmurhash3_32(word.encode("utf-8"))) % FEATURES


@lru_cache(maxsize=4096)
def buckets(text: str) -> frozenset[int]:
    """The set of buckets of a text's content words."""
    return frozenset(bucket(w) for w in words(text))


def text_similarity(a: str, b: str) -> float:
    """Cosine of the two texts' sets of stemmed content words (:func:`words`), 0..1, to four places.

    Weights do not depend on the store (no document frequencies), so a pair scores the same
    whatever else has been ingested: linking stays independent of ingest order.
    """
    if not a.strip() or not b.strip():
        return 0.0
    x, y = buckets(a), buckets(b)
    if not x or not y:
        return 0.0
    term = (1.0 / math.sqrt(len(x))) * (1.0 / math.sqrt(len(y)))
    total = 0.0
    for _ in range(len(x & y)):  # summed term by term, as a sparse product sums it
        total += term
    return round(total, 4)
