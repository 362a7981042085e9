"""No function over 60 lines of code (its docstring not counted) without a reason written down: the issue-13 rule
"modules a newcomer can read". A function that must stay long says why in a comment line containing `long because`."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 60
SKIPPED = {"tests", "bench", "training", "migrations", ".venv"}


def _code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    lines = node.end_lineno - node.lineno + 1
    first = node.body[0] if node.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        lines -= first.end_lineno - first.lineno + 1
    return lines


def test_no_long_function_without_a_reason():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if SKIPPED & set(rel.parts):
            continue
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or _code_lines(node) <= LIMIT:
                continue
            where = f"{rel.as_posix()}:{node.name}"
            text = "\n".join(lines[node.lineno - 1 : node.end_lineno]).lower()
            if "long because" not in text:
                offenders.append(f"{where} ({_code_lines(node)} lines)")
    assert not offenders, offenders
