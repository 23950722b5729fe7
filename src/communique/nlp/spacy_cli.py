"""spaCy without its command line until it is used: a shorter start for ``communique`` commands.

Importing spaCy imports ``spacy.cli.info`` for the one function ``spacy.info``, and with it the
whole spaCy command line (project tools, HTTP clients, templates): about a fifth of the time spaCy
takes to import and load a pipeline, for code that coding never runs. Importing this module
(the command line does, before spaCy is first imported) puts a stand-in for that module in its
place (:func:`defer_spacy_cli`); the first use of anything from it (``spacy.info()``, an
attribute) imports the real module. Parsing and the loaded pipeline are those of a plain
``import spacy``.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

NAME = "spacy.cli.info"


class _Deferred(types.ModuleType):
    """Stands in for ``spacy.cli.info`` while spaCy imports ``info`` from it, then steps aside:
    a later import of the module, or of ``spacy.cli``, gets the real one."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # what the import system asks of any module (``__path__``)
            raise AttributeError(name)
        if sys.modules.get(NAME) is self:
            del sys.modules[NAME]
        return info if name == "info" else getattr(importlib.import_module(NAME), name)


def info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, its module imported when first called."""
    return importlib.import_module(NAME).info(*args, **kwargs)


def defer_spacy_cli() -> None:
    """Defer spaCy's command line, unless spaCy or its command line is already imported."""
    if "spacy" in sys.modules or NAME in sys.modules:
        return
    sys.modules[NAME] = _Deferred(NAME, __doc__)


defer_spacy_cli()
