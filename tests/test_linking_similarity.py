"""Evidence similarity: the cosine of hashed word sets, equal float for float to scikit-learn's
binary, l2-normalised HashingVectorizer, without building matrices."""

from __future__ import annotations

import pytest

from communique.linking.similarity import murmurhash3_32, stop_words, text_similarity, words

TEXTS = [
    "The foreign ministers of Freedonia and Sylvania met in Port Aster on Tuesday.",
    "Freedonia's foreign minister met her Sylvanian counterpart in Port Aster, officials said.",
    "Sylvania warned Freedonia against further border incursions near the river crossing.",
    "Naval drills began off the coast; the joint exercise involves twelve warships.",
    "Ministers met.",
    "The and of it is",  # stop words only
    "   ",
    "Zürich-based négociateurs signed a café accord — l'entente du siècle?",
    "Warships warned warring warlords: war, wars, warred.",
]


@pytest.fixture(scope="module")
def sklearn_similarity():
    text = pytest.importorskip("sklearn.feature_extraction.text")
    vectorizer = text.HashingVectorizer(n_features=2 ** 18, analyzer=words, alternate_sign=False,
                                        norm="l2", binary=True)

    def similarity(a: str, b: str) -> float:
        if not a.strip() or not b.strip():
            return 0.0
        return round(float((vectorizer.transform([a]) @ vectorizer.transform([b]).T).toarray()[0, 0]), 4)

    return similarity


def test_stop_words_are_scikit_learns_english_list():
    text = pytest.importorskip("sklearn.feature_extraction.text")
    assert stop_words() == frozenset(text.ENGLISH_STOP_WORDS)


@pytest.mark.parametrize("data", [b"", b"a", b"ab", b"abc", b"abcd", b"abcde", b"ministers", "négociateur".encode(),
                                  "東京".encode(), b"x" * 37])
def test_murmurhash_equals_scikit_learns(data):
    murmurhash = pytest.importorskip("sklearn.utils").murmurhash3_32
    assert murmurhash3_32(data) == murmurhash(data, seed=0, positive=False)


@pytest.mark.parametrize("a", TEXTS)
@pytest.mark.parametrize("b", TEXTS)
def test_similarity_equals_hashing_vectorizer_cosine(a, b, sklearn_similarity):
    assert text_similarity(a, b) == sklearn_similarity(a, b)


def test_similarity_is_symmetric_and_bounded():
    for a in TEXTS:
        assert text_similarity(a, a) in (0.0, 1.0)
        for b in TEXTS:
            assert text_similarity(a, b) == text_similarity(b, a)
            assert 0.0 <= text_similarity(a, b) <= 1.0


def test_texts_without_content_words_score_zero():
    assert text_similarity("The and of it is", "The and of it is") == 0.0
    assert text_similarity("", TEXTS[0]) == 0.0
