"""Quality / throughput bench of the extraction pipeline on the dev data.

    .venv/bin/python bench/quality.py [--limit N] [--raw]

Articles (webpages-dev pages whose page_type is "article"): this pipeline vs plain
``trafilatura.extract`` (default settings) on the same pages; products (products-dev):
this pipeline vs extruct-only (a naive mapping of extruct's JSON-LD / microdata).
By default the pipeline runs on the *sanitised* page (as in production, sanitising
happens at request time and is timed separately); ``--raw`` feeds it the raw page.
Scoring: bench/scoring.py (as in /work/shared/data/README.md).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import extruct  # noqa: E402
import trafilatura  # noqa: E402

from bench.scoring import PRODUCT_SCORED_FIELDS, BodyScore, FieldScore, date_match, text_match  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from extractor.pipeline import product as product_mod  # noqa: E402
from extractor.sanitize import sanitize_content  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def load_articles(limit: int | None):
    gt_dir = DATA / "webpages-dev" / "dev" / "ground-truth"
    out = []
    for f in sorted(gt_dir.glob("*.json")):
        d = json.loads(f.read_text())
        if d.get("_internal", {}).get("page_type", {}).get("primary") != "article":
            continue
        html = gzip.open(DATA / "webpages-dev" / "dev" / "html" / f"{f.stem}.html.gz").read().decode("utf-8", "replace")
        out.append((f.stem, d.get("url"), html, d["ground_truth"]))
        if limit and len(out) >= limit:
            break
    return out


def load_products(limit: int | None):
    gt = json.loads((DATA / "products-dev" / "ground-truth.json").read_text())
    out = []
    for pid in sorted(gt):
        html = gzip.open(DATA / "products-dev" / "html" / f"{pid}.html.gz").read().decode("utf-8", "replace")
        out.append((pid, gt[pid].get("url"), html, gt[pid]))
        if limit and len(out) >= limit:
            break
    return out


def extruct_only(html: str, url: str | None) -> dict:
    """Naive baseline: first Product in extruct's JSON-LD, else microdata, mapped to fields."""
    try:
        d = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True)
    except Exception:
        return {}
    for syntax in ("json-ld", "microdata"):
        for item in d.get(syntax, []):
            nodes = item.get("@graph", [item]) if isinstance(item, dict) else []
            for node in nodes:
                if not isinstance(node, dict):
                    continue
                t = node.get("@type")
                t = t if isinstance(t, list) else [t]
                if "Product" not in t:
                    continue
                offers = node.get("offers")
                offer = offers[0] if isinstance(offers, list) and offers else offers
                offer = offer if isinstance(offer, dict) else {}
                brand = node.get("brand")
                if isinstance(brand, dict):
                    brand = brand.get("name")
                if isinstance(brand, list):
                    brand = brand[0] if brand else None
                return {
                    "price": offer.get("price") or offer.get("lowPrice"),
                    "currency": offer.get("priceCurrency"),
                    "availability": offer.get("availability"),
                    "sku": node.get("sku"),
                    "brand": brand if isinstance(brand, str) else None,
                    "gtin": node.get("gtin13") or node.get("gtin") or node.get("gtin12") or node.get("gtin8"),
                    "mpn": node.get("mpn"),
                }
    return {}


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def bench_articles(limit: int | None, raw: bool) -> list[str]:
    pages = load_articles(limit)
    base_body, pipe_body = BodyScore(), BodyScore()
    base_meta = {"title": 0, "author": 0, "date": 0}
    pipe_meta = {"title": 0, "author": 0, "date": 0}
    labelled = {"title": 0, "author": 0, "date": 0}
    base_t = pipe_t = san_t = 0.0
    san_times = []
    for pid, url, html, gt in pages:
        t = time.perf_counter()
        b_text = trafilatura.extract(html, url=url)
        base_t += time.perf_counter() - t
        base_body.add(b_text, gt.get("main_content"))
        # baseline metadata: trafilatura's own metadata extractor (not timed)
        b = trafilatura.extract_metadata(html, default_url=url)
        has = {"title": bool(gt.get("title")), "author": bool(gt.get("author")), "date": bool(gt.get("publish_date"))}
        for k in labelled:
            labelled[k] += has[k]
        base_meta["title"] += has["title"] and text_match(b.title if b else None, gt.get("title"))
        base_meta["author"] += has["author"] and text_match(b.author if b else None, gt.get("author"))
        base_meta["date"] += has["date"] and date_match(b.date if b else None, gt.get("publish_date"))

        content = html
        if not raw:
            t = time.perf_counter()
            content = sanitize_content(format="html", content=html)
            dt = time.perf_counter() - t
            san_t += dt
            san_times.append(dt)
        t = time.perf_counter()
        try:
            r = extract(type="article", format="html", content=content, url=url).data
        except Exception:
            r = {}
        pipe_t += time.perf_counter() - t
        pipe_body.add(r.get("text"), gt.get("main_content"))
        pipe_meta["title"] += has["title"] and text_match(r.get("title"), gt.get("title"))
        authors = r.get("authors") or []
        pipe_meta["author"] += has["author"] and text_match(", ".join(authors) if authors else None, gt.get("author"))
        pipe_meta["date"] += has["date"] and date_match(r.get("publishedAt"), gt.get("publish_date"))
    n = len(pages)
    rows = [
        f"### Articles ({n} pages, pipeline input: {'raw' if raw else 'sanitised'} html)",
        "",
        "| system | body P | body R | body F1 | exact | title | author | date | pages/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, body, meta, tt in (
        ("trafilatura.extract (default)", base_body, base_meta, base_t),
        ("pipeline", pipe_body, pipe_meta, pipe_t),
    ):
        rows.append(
            f"| {name} | {_fmt(body.precision)} | {_fmt(body.recall)} | {_fmt(body.f1)} | {_fmt(body.exact_accuracy)} | "
            f"{_fmt(meta['title'] / max(1, labelled['title']))} | {_fmt(meta['author'] / max(1, labelled['author']))} | "
            f"{_fmt(meta['date'] / max(1, labelled['date']))} | {n / tt:.1f} |"
        )
    if san_times:
        san_times.sort()
        rows.append("")
        rows.append(
            f"Sanitiser (request time, not in pipeline pages/s): {n / san_t:.1f} pages/s, "
            f"median {san_times[len(san_times) // 2] * 1000:.0f} ms, max {san_times[-1] * 1000:.0f} ms."
        )
    rows.append(
        f"Metadata accuracy is over the pages where the field is labelled (title {labelled['title']}, "
        f"author {labelled['author']}, date {labelled['date']}); authors are joined with ', '."
    )
    return rows


def bench_products(limit: int | None, raw: bool) -> list[str]:
    pages = load_products(limit)
    base = {f: FieldScore() for f in PRODUCT_SCORED_FIELDS}
    pipe = {f: FieldScore() for f in PRODUCT_SCORED_FIELDS}
    base_t = pipe_t = 0.0
    for pid, url, html, gt in pages:
        t = time.perf_counter()
        b = extruct_only(html, url)
        base_t += time.perf_counter() - t
        b["availability"] = product_mod.norm_availability(b.get("availability")) if b.get("availability") else None
        content = html if raw else sanitize_content(format="html", content=html)
        t = time.perf_counter()
        try:
            r = extract(type="product", format="html", content=content, url=url).data
        except Exception:
            r = {}
        pipe_t += time.perf_counter() - t
        for f in PRODUCT_SCORED_FIELDS:
            base[f].add(f, b.get(f), gt.get(f))
            pipe[f].add(f, r.get(f), gt.get(f))
    n = len(pages)
    rows = [
        f"### Products ({n} pages, pipeline input: {'raw' if raw else 'sanitised'} html) — F1 per field",
        "",
        "| system | " + " | ".join(PRODUCT_SCORED_FIELDS) + " | pages/s |",
        "|---|" + "---|" * (len(PRODUCT_SCORED_FIELDS) + 1),
    ]
    for name, scores, tt in (("extruct-only", base, base_t), ("pipeline", pipe, pipe_t)):
        rows.append(f"| {name} | " + " | ".join(_fmt(scores[f].f1) for f in PRODUCT_SCORED_FIELDS) + f" | {n / tt:.1f} |")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    ap.add_argument("--raw", action="store_true", help="feed the pipeline raw html instead of sanitised html")
    ap.add_argument("--only", choices=("articles", "products"), default=None)
    args = ap.parse_args(argv)
    import logging

    logging.disable(logging.WARNING)
    out: list[str] = []
    if args.only in (None, "articles"):
        out += bench_articles(args.limit, args.raw) + [""]
    if args.only in (None, "products"):
        out += bench_products(args.limit, args.raw)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
