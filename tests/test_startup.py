"""Start-up: the command line imports spaCy without spaCy's own command line, which stays usable."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_importing_spacy_after_the_command_line_leaves_spacy_s_command_line_unimported():
    out = run("""
        import sys
        import communique.cli
        import spacy
        print(any(name.startswith("spacy.cli") and type(module).__name__ == "module"
                  for name, module in sys.modules.items()), "weasel" in sys.modules)
    """)
    assert out == "False False"


def test_spacy_s_command_line_is_the_real_one_once_used():
    out = run("""
        import importlib
        import communique.cli
        import spacy
        import spacy.cli
        info = importlib.import_module("spacy.cli.info")
        print(callable(spacy.info), callable(spacy.cli.download), info.__file__.endswith("info.py"),
              callable(info.info_model), "spaCy version" in info.info(markdown=True, silent=True))
    """)
    assert out == "True True True True True"


def test_nothing_is_deferred_when_spacy_is_imported_first():
    out = run("""
        import sys
        import spacy
        import communique.cli
        print(type(sys.modules["spacy.cli.info"]).__name__)
    """)
    assert out == "module"
