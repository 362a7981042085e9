"""Fit the learned cut of the article body's edge blocks (``extractor/pipeline/article/edges.py``) and print its
cross-fitted figures.

Every webpages-dev page with a main_content label (1,476 of 1,497, all page types) goes through the article pipeline
once with the learned cut switched off; the body blocks left after the markup rules of ``ending.py`` are recorded
with the features of the first and last ``edges.EDGE_BLOCKS`` of them, and each block's tokens as the body's text
renders them (a section heading the pipeline puts back counts with the block it stands before). A block is labelled
article text when half or more of its 4-grams (its tokens, when shorter) are in the page's label. Two L2-penalised
logistic regressions (bias not penalised, Newton's method), one for the opening blocks and one for the closing ones,
are fitted; each side's threshold (cut while the keep probability is below it) is the one of ``THRESHOLDS`` that
scores best on the pages fitted on (mean page F1 + exact match, the closing side first).

Cross-fitting: the hosts are split in two halves as ``bench/quality.py`` splits them (crc32 of the host without
"www."); the weights and thresholds fitted on half A's pages are scored on half B's 400 article pages and vice versa,
beside the pipeline without the cut. The scores are replayed from the recorded blocks (``bench/quality.py --only
articles --edges cross`` runs the pipeline itself with the cross-fitted weights). The weights fitted on every page
("served") and on each half ("fitted_on_A", "fitted_on_B") are written to ``edges_model.json`` with ``--write``.

    nice -n 15 env OMP_NUM_THREADS=1 .venv/bin/python training/fit_body_edges.py [--limit N] [--l2 1.0] [--write]
        [--cache /tmp/body_edges.pkl]
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402 - after the sys.path line that makes the project importable
from lxml import etree  # noqa: E402

from bench import quality  # noqa: E402
from bench.fit_probability import fit  # noqa: E402 - the same L2 logistic regression as the page probability
from bench.scoring import tokenize  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from extractor.pipeline.article import edges, ending  # noqa: E402
from extractor.pipeline.article.body import ol_starts, plain_text  # noqa: E402
from extractor.sanitize import sanitize_content  # noqa: E402

THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
KEEP_SHARE = 0.5


def _block_tokens(el, tree) -> list[str]:
    wrapper = etree.Element("body")
    wrapper.append(copy.deepcopy(el))
    return tokenize(plain_text(wrapper, ol_starts(wrapper, tree)))


def _raw(block, main) -> dict:
    """What a later feature may read without a rerun: the class / id words and tags from the block's page element
    up to the article's element, and the block's opening text."""
    el, src = block
    words, tags = [], []
    node, depth = src, 0
    while node is not None and node is not main and depth < 12:
        tags.append(node.tag if isinstance(node.tag, str) else "")
        words.append(f"{node.get('class') or ''} {node.get('id') or ''}")
        node, depth = node.getparent(), depth + 1
    return {"attrs": words, "tags": tags, "text": " ".join("".join(el.itertext()).split())[:200]}


def collect(limit: int | None) -> list[dict]:
    """One record a labelled webpages-dev page: host half, page type, label tokens, the body's final tokens, and when
    the learned cut would run, the blocks (tokens of a restored heading before each, its own tokens) and the feature
    rows of the edge blocks."""
    gt_dir = quality.DATA / "webpages-dev" / "dev" / "ground-truth"
    seen: list = []
    original = ending.trim_edges

    def recording(blocks, main, repeats, total):
        head, tail = edges.edge_rows(blocks, main, repeats, total) if len(blocks) > edges.MIN_BLOCKS else ([], [])
        head, tail = [head[j] for j in range(len(head))], [tail[j] for j in range(len(tail))]
        n, k = len(blocks), len(head)
        raw = [_raw(blocks[i], main) for i in [*range(k), *range(n - k, n)]]
        seen.append((blocks, main.getroottree(), head, tail, raw))
        return blocks

    ending.trim_edges = recording
    out = []
    try:
        with edges.model_weights(None):
            for f in sorted(gt_dir.glob("*.json")):
                d = json.loads(f.read_text())
                truth = d["ground_truth"].get("main_content")
                if not truth:
                    continue
                html = quality._read_page(quality.DATA / "webpages-dev" / "dev" / "html" / f"{f.stem}.html.gz")
                url = d.get("url")
                seen.clear()
                try:
                    r = extract(
                        type="article", format="html", content=sanitize_content(format="html", content=html), url=url
                    ).data
                except Exception:  # noqa: BLE001 - a page the pipeline cannot handle scores as an empty answer
                    r, seen[:] = {}, []
                rec = {
                    "page": f.stem,
                    "half": quality.host_half(url),
                    "article": d.get("_internal", {}).get("page_type", {}).get("primary") == "article",
                    "truth": tokenize(truth),
                    "final": tokenize(r.get("text")),
                    "blocks": None,
                }
                if seen and seen[-1][2]:
                    blocks, tree, head, tail, raw = seen[-1]
                    rec["raw"] = raw
                    body = blocks[0][0].getparent()
                    own = {id(el): i for i, (el, _src) in enumerate(blocks)}
                    units, before = [], []
                    for child in body:
                        if id(child) in own:
                            units.append((before, _block_tokens(child, tree)))
                            before = []
                        else:
                            before = before + _block_tokens(child, tree)
                    if before or sum(len(a) + len(b) for a, b in units) != len(rec["final"]):
                        rec["mismatch"] = True
                    else:
                        rec.update(blocks=units, head=head, tail=tail)
                out.append(rec)
                if limit and len(out) >= limit:
                    break
    finally:
        ending.trim_edges = original
    return out


def _grams(tokens: list[str], n: int = 4) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def block_label(tokens: list[str], truth_grams: set, truth_short: dict) -> float | None:
    """1 when half or more of the block's 4-grams (its whole token run, when shorter) are in the label; None for a
    block without tokens."""
    if not tokens:
        return None
    if len(tokens) < 4:
        return float(tuple(tokens) in truth_short.get(len(tokens), set()))
    grams = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
    return float(sum(g in truth_grams for g in grams) / len(grams) >= KEEP_SHARE)


def design(records: list[dict], side: str) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for rec in records:
        if not rec.get("blocks"):
            continue
        truth = rec["truth"]
        grams = set(_grams(truth))
        short = {k: {tuple(truth[i : i + k]) for i in range(len(truth) - k + 1)} for k in (1, 2, 3)}
        n = len(rec["blocks"])
        for j, row in enumerate(rec[side]):
            i = j if side == "head" else n - 1 - j
            y = block_label(rec["blocks"][i][1], grams, short)
            if y is not None:
                xs.append(row)
                ys.append(y)
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def _cut(rec: dict, model: dict | None) -> tuple[int, int]:
    if model is None or not rec.get("blocks"):
        return 0, 0
    return edges.edge_cut(rec["head"], rec["tail"], len(rec["blocks"]), model)


def page_tokens(rec: dict, start: int, end: int) -> list[str]:
    """The page's body tokens with ``start`` blocks cut from its start and ``end`` from its end."""
    if not start and not end:
        return rec["final"]
    units = rec["blocks"]
    kept = units[start : len(units) - end]
    out: list[str] = []
    for k, (before, own) in enumerate(kept):
        # a heading put back before a block stands only between two located blocks: not before the new first one
        out += ([] if k == 0 and start else before) + own
    return out


def page_score(rec: dict, start: int, end: int) -> tuple[float, float, bool]:
    """Body P, R and exact match of the page cut so (remembered: the thresholds are searched over the same cuts)."""
    memo = rec.setdefault("_memo", {})
    if (start, end) not in memo:
        pred = page_tokens(rec, start, end)
        if "_truth_grams" not in rec:
            rec["_truth_grams"] = _grams(rec["truth"])
        p, t = _grams(pred), rec["_truth_grams"]
        if not p and not t:
            memo[start, end] = (1.0, 1.0, pred == rec["truth"])
        else:
            shared = sum((p & t).values())
            memo[start, end] = (
                shared / sum(p.values()) if p else 0.0,
                shared / sum(t.values()) if t else 0.0,
                pred == rec["truth"],
            )
    return memo[start, end]


def scores(records: list[dict], model: dict | None) -> tuple[float, float, float, float, int]:
    """Mean body P, R, their F1, exact match and the number of pages, as bench/quality.py scores them."""
    got = [page_score(rec, *_cut(rec, model)) for rec in records]
    n = max(len(records), 1)
    pm, rm = sum(g[0] for g in got) / n, sum(g[1] for g in got) / n
    return pm, rm, 2 * pm * rm / (pm + rm) if pm + rm else 0.0, sum(g[2] for g in got) / n, len(records)


def _objective(records: list[dict], model: dict) -> float:
    _p, _r, f1, exact, _n = scores(records, model)
    return f1 + exact


def fit_model(records: list[dict], l2: float) -> dict:
    """Weights for both sides and the thresholds chosen on ``records`` themselves."""
    w = {}
    for side in ("head", "tail"):
        x, y = design(records, side)
        w[side] = fit(x, y, l2).tolist()
    model = {"head": (w["head"], 0.0), "tail": (w["tail"], 0.0)}
    for side in ("tail", "head"):
        best = max(THRESHOLDS, key=lambda t: _objective(records, {**model, side: (w[side], t)}))
        model[side] = (w[side], best)
    return model


def _row(label: str, s: tuple) -> str:
    return f"| {label} | {s[0]:.4f} | {s[1]:.4f} | {s[2]:.4f} | {s[3]:.3f} ({round(s[3] * s[4])} / {s[4]}) |"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages (default: all)")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights (not on the bias)")
    ap.add_argument("--cache", default=None, help="pickle of the recorded pages (read when present, else written)")
    ap.add_argument("--write", action="store_true", help=f"write the weights to {edges.MODEL_PATH}")
    args = ap.parse_args(argv)
    if not quality.ready_to_measure("fit_body_edges", "fitted"):
        return 2
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        records = pickle.loads(cache.read_bytes())
    else:
        records = collect(args.limit)
        if cache:
            cache.write_bytes(pickle.dumps(records))
    mismatched = sum(bool(r.get("mismatch")) for r in records)
    with_blocks = sum(bool(r.get("blocks")) for r in records)
    print(
        f"{len(records)} labelled pages ({sum(r['article'] for r in records)} articles), {with_blocks} with edge "
        f"blocks weighed, {mismatched} whose blocks did not replay the body's text (left as they are); L2 {args.l2}"
    )
    fitted = {}
    for h in "AB":
        fitted[h] = fit_model([r for r in records if r["half"] == h], args.l2)
    fitted["all"] = fit_model(records, args.l2)
    print()
    print("| article pages | body P | body R | body F1 | exact |")
    print("|---|---|---|---|---|")
    for h, other in (("A", "B"), ("B", "A")):
        arts = [r for r in records if r["article"] and r["half"] == h]
        print(_row(f"half {h}, without the learned cut", scores(arts, None)))
        m = fitted[other]
        print(
            _row(
                f"half {h}, cut fitted on half {other} (thresholds head {m['head'][1]}, tail {m['tail'][1]})",
                scores(arts, m),
            )
        )
    arts = [r for r in records if r["article"]]
    print(_row("all, without the learned cut", scores(arts, None)))
    print(_row("all, served weights (fitted on every page: in sample)", scores(arts, fitted["all"])))
    for side in ("head", "tail"):
        w = fitted["all"][side][0]
        top = sorted(zip(edges.FEATURES, w, strict=True), key=lambda kv: -abs(kv[1]))[:12]
        print(f"{side}: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))
    if args.write:
        names = {"all": "served", "A": "fitted_on_A", "B": "fitted_on_B"}
        data = {"features": list(edges.FEATURES), "l2": args.l2}
        for key, m in fitted.items():
            data[names[key]] = {
                side: {"weights": [round(v, 4) for v in m[side][0]], "threshold": m[side][1]}
                for side in ("head", "tail")
            }
        edges.MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n")
        print(f"written: {edges.MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
