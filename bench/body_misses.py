"""The article body's misses classed, from a dump of ``bench/quality.py --only articles --dump FILE``.

    .venv/bin/python bench/body_misses.py FILE

Every page whose text is not an exact match of its label is compared with it token by token (the scorer's ``\\w+``
tokens, ``bench.scoring.tokenize``; difflib's longest matching blocks), and each run where they differ is classed by
where it stands (the text's start, middle or end), what it is (tokens our text has and the label lacks: "extra";
the label has and our text lacks: "missing"; others in their place: "replaced") and its size (1–3, 4–49, ≥ 50
tokens; an extra run of numbers only is "numbers": ordered-list numbers, footnote marks). The table gives, per host
half (``quality.host_half``), the pages whose *first* differing run is of each class, the pages holding the class
anywhere, and the pages where it is the only kind of difference. Below it, the ceiling of block choice: the pages that
would match exactly if every line of our text that is not in the label went (the label as oracle; a line is in the
label when half of its 4-grams are, a line of under 4 tokens when its tokens stand together in it).
"""

from __future__ import annotations

import difflib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scoring import ngrams, tokenize  # noqa: E402 - after the sys.path line that makes the project importable

KINDS = {"delete": "extra", "insert": "missing", "replace": "replaced"}
LINE_IN_LABEL_SHARE = 0.5


@dataclass(frozen=True)
class Run:
    """One run where our tokens and the label's differ: ``ours`` / ``label`` are the differing tokens of each side."""

    kind: str  # extra, missing, replaced
    where: str  # start, middle, end
    ours: tuple[str, ...]
    label: tuple[str, ...]

    @property
    def size(self) -> str:
        n = max(len(self.ours), len(self.label))
        return "1-3" if n <= 3 else ("4-49" if n < 50 else "50+")

    @property
    def name(self) -> str:
        if self.kind == "extra" and self.where == "middle" and all(t.isdigit() for t in self.ours):
            return "middle: numbers extra"
        return f"{self.where}: {self.size} tokens {self.kind}"


def diff_runs(ours: list[str], label: list[str]) -> list[Run]:
    """The runs where ``ours`` and ``label`` (token lists) differ, in order."""
    runs = []
    matcher = difflib.SequenceMatcher(None, ours, label, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if i1 == 0 and j1 == 0:
            where = "start"
        elif i2 == len(ours) and j2 == len(label):
            where = "end"
        else:
            where = "middle"
        runs.append(Run(KINDS[op], where, tuple(ours[i1:i2]), tuple(label[j1:j2])))
    return runs


def _line_in_label(tokens: list[str], label_grams: Counter, label_text: str) -> bool:
    if len(tokens) < 4:
        return f" {' '.join(tokens)} " in label_text
    grams = ngrams(tokens)
    return sum((grams & label_grams).values()) >= LINE_IN_LABEL_SHARE * sum(grams.values())


def exact_without_extra_lines(text: str | None, label: str | None) -> bool:
    """Would the page match exactly if every line of ``text`` that is not in ``label`` went?"""
    truth = tokenize(label)
    label_grams, label_text = ngrams(truth), f" {' '.join(truth)} "
    kept: list[str] = []
    for line in (text or "").split("\n"):
        tokens = tokenize(line)
        if tokens and _line_in_label(tokens, label_grams, label_text):
            kept += tokens
    return kept == truth


def summarize(rows: list[dict]) -> list[str]:
    """The table of the module docstring for the dump's rows (``half``, ``exact``, ``text``, ``label``)."""
    first, anywhere, only, oracle, pages = Counter(), Counter(), Counter(), Counter(), Counter()
    for row in rows:
        if row.get("exact") or row.get("label") is None:
            continue
        half = row["half"]
        runs = diff_runs(tokenize(row.get("text")), tokenize(row["label"]))
        if not runs:
            continue
        names = [run.name for run in runs]
        pages[half] += 1
        first[names[0], half] += 1
        anywhere.update((name, half) for name in set(names))
        if len(set(names)) == 1:
            only[names[0], half] += 1
        oracle[half] += exact_without_extra_lines(row.get("text"), row["label"])
    order = sorted({name for name, _h in anywhere}, key=lambda n: -(first[n, "A"] + first[n, "B"]))
    out = [
        f"Non-exact pages with a label: half A {pages['A']}, half B {pages['B']}.",
        "",
        "| first differing run | half A | half B | pages with it anywhere, A / B | only difference, A / B |",
        "|---|---|---|---|---|",
    ]
    for name in order:
        out.append(
            f"| {name} | {first[name, 'A']} | {first[name, 'B']} | {anywhere[name, 'A']} / {anywhere[name, 'B']} | "
            f"{only[name, 'A']} / {only[name, 'B']} |"
        )
    out += ["", f"Exact if every line not in the label went: half A {oracle['A']}, half B {oracle['B']} pages more."]
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    print("\n".join(summarize(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
