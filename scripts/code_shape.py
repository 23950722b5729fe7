"""The shape of Python modules: lines, longest functions, and decisions taken on the text of a
rule, a reason or a trace line.

    python scripts/code_shape.py src/communique/events/coder.py [more files or folders] [--over 50]

For each file: its line count, its longest function (with its length in lines), the functions
longer than ``--over`` lines, and each *string branch*: a test on the text of a name that holds a
rule, reason, trace, explanation or "how" string (``rule.startswith("intent-")``,
``"governed by" in reason``, ``how == "co-actors"``, ``reason in ("past", "present")``), which a
typed value should carry instead.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

TEXT_NAMES = re.compile(r"\b\w*(rule|reason|trace|how|why|explain|describe|message)\w*\b", re.IGNORECASE)
TEXT_METHODS = {"startswith", "endswith", "split", "partition", "rpartition", "find", "index", "count"}


@dataclass
class Shape:
    path: Path
    lines: int
    functions: list[tuple[str, int, int]]  # (qualified name, first line, length)
    branches: list[tuple[int, str]]  # (line, source)


def _functions(tree: ast.AST) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                found.append((name, child.lineno, child.end_lineno - child.lineno + 1))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def _names_text(node: ast.AST, source: str) -> bool:
    return bool(TEXT_NAMES.search(ast.get_source_segment(source, node) or ""))


def _is_str(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) or isinstance(node, ast.JoinedStr)


def _strings(node: ast.AST) -> bool:
    """A literal tuple, list or set of strings."""
    return isinstance(node, (ast.Tuple, ast.List, ast.Set)) and bool(node.elts) and all(_is_str(e) for e in node.elts)


def _branches(tree: ast.AST, source: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        hit = False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_METHODS:
            hit = _names_text(node.func.value, source) and any(_is_str(a) or isinstance(a, ast.Tuple)
                                                               for a in node.args)
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, right = node.left, node.comparators[0]
            if isinstance(node.ops[0], (ast.In, ast.NotIn)):  # "text" in reason; reason in ("a", "b")
                hit = (_is_str(left) and _names_text(right, source)) or (_names_text(left, source) and _strings(right))
            elif isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
                hit = (_is_str(left) and _names_text(right, source)) or (_is_str(right) and _names_text(left, source))
        if hit:
            found.append((node.lineno, " ".join((ast.get_source_segment(source, node) or "").split())))
    return sorted(set(found))


def shape(path: Path) -> Shape:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, str(path))
    return Shape(path, len(source.splitlines()), _functions(tree), _branches(tree, source))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--over", type=int, default=50, help="list functions longer than this (lines)")
    args = parser.parse_args(argv)
    files = [f for p in args.paths for f in (sorted(p.rglob("*.py")) if p.is_dir() else [p])]
    for f in files:
        s = shape(f)
        longest = max(s.functions, key=lambda fn: fn[2], default=("-", 0, 0))
        print(f"{f}: {s.lines} lines; longest function {longest[0]} ({longest[2]} lines, line {longest[1]}); "
              f"string branches: {len(s.branches)}")
        for name, line, length in sorted(s.functions, key=lambda fn: -fn[2]):
            if length > args.over:
                print(f"  over {args.over} lines: {name} ({length} lines, line {line})")
        for line, text in s.branches:
            print(f"  string branch, line {line}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
