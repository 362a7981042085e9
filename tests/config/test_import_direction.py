"""Imports run one way: `billing` (tenants, plans, keys, credits) is the base both APIs build on; `extractor` and
`workflows` never import each other; the engine (`jobs`) imports no app; what both APIs share lives at project level
(`config/`, `webhooks/`), which may import the apps."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# app → the apps it may import
ALLOWED = {
    "billing": set(),
    "jobs": set(),
    "extractor": {"billing", "jobs", "config", "webhooks"},
    "workflows": {"billing", "jobs", "config", "webhooks"},
}
APPS = {"billing", "jobs", "extractor", "workflows", "webhooks"}


def _imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names = set()
    for node in ast.walk(tree):  # lazy imports inside functions count too
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_app_imports_a_sibling_it_should_not():
    offenders = []
    for app, allowed in ALLOWED.items():
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            wrong = (_imported_top_levels(path) & APPS) - allowed - {app}
            offenders += [f"{path.relative_to(ROOT)} imports {name}" for name in sorted(wrong)]
    assert not offenders, offenders
