"""Quality / throughput bench of the extraction pipeline on the dev data (../shared/data).

    .venv/bin/python bench/quality.py [--limit N] [--raw] [--only articles|products|distant]
        [--edges served|off|cross] [--dump FILE] [--dump-meta FILE] [--markup served,hashed,utility]
        [--hashed-classes]

Products (products-dev, 66 pages from 27 hosts): F1 per field on all pages, and under
leave-one-shop-out: every heuristic rule of the product pipeline (``product.RULES``) is
kept for a held-out shop only if it helps on the *other* shops (switching it off there
scores lower); the held-out shop's pages are then extracted with the rules so chosen.
A rule that only helps the shop it was written for is switched off for that shop, so
the gap between the two figures is what the rules gain from fitting the dev shops.
Shops are grouped by registrable name (amazon.de and amazon.it are one shop).

Distant supervision (products-dev + the webpages-dev product and collection pages whose
schema.org data names exactly one product with a price): the labels are what that
structured data says (read by extruct, independently of the pipeline); the pipeline then
runs on the page with every script, microdata/RDFa attribute and product ``<meta>``
removed, i.e. on the visible page only. A field the structured data does not give is not scored.
``--markup hashed`` / ``utility`` (``--hashed-classes``: all three) measures the same pages with their class and id
names made meaningless (bench/class_hashing.py), as on a shop built with CSS-in-JS or utility classes: what the
visible-page rules hold where no class says "price", "old-price", "sku" or "stock".

Articles (webpages-dev pages whose page_type is "article"): this pipeline vs plain
``trafilatura.extract`` (default settings) on the same pages, pinned to one core.
By default the pipeline runs on the *sanitised* page (as in production, sanitising
happens at request time and is timed separately); ``--raw`` feeds it the raw page. ``--edges`` sets the learned cut
of the body's edge blocks: the served weights, off, or "cross" (each host half cut by the weights fitted on the other
half's pages, training/fit_body_edges.py: the cross-fitted figures). ``--hashed-classes`` runs both systems on the
pages with every class token and id value replaced by a hash-like token (bench/class_hashing.py), as a site built with
CSS-in-JS or utility classes shows them: the figures of the rules that do not lean on class and id words.
Scoring: bench/scoring.py (as in /work/shared/data/README.md; a price label such as
"23.450" accepts both readings of its dot).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import extruct  # noqa: E402 - after the sys.path line that makes the project importable
import lxml.html  # noqa: E402
import trafilatura  # noqa: E402

from bench.class_hashing import hash_class_names, utility_soup  # noqa: E402
from bench.scoring import PRODUCT_SCORED_FIELDS, BodyScore, FieldScore, date_match, text_match  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from extractor.pipeline import product as product_mod  # noqa: E402
from extractor.pipeline.article import edges as edges_mod  # noqa: E402
from extractor.sanitize import sanitize_content  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
RULE_FIELDS = PRODUCT_SCORED_FIELDS
DS_FIELDS = ("price", "currency", "availability", "sku")


def _read_page(path: Path) -> str:
    with gzip.open(path) as fh:
        return fh.read().decode("utf-8", "replace")


def load_articles(limit: int | None):
    gt_dir = DATA / "webpages-dev" / "dev" / "ground-truth"
    out = []
    for f in sorted(gt_dir.glob("*.json")):
        d = json.loads(f.read_text())
        if d.get("_internal", {}).get("page_type", {}).get("primary") != "article":
            continue
        html = _read_page(DATA / "webpages-dev" / "dev" / "html" / f"{f.stem}.html.gz")
        out.append((f.stem, d.get("url"), html, d["ground_truth"]))
        if limit and len(out) >= limit:
            break
    return out


def load_products(limit: int | None):
    gt = json.loads((DATA / "products-dev" / "ground-truth.json").read_text())
    out = []
    for pid in sorted(gt):
        html = _read_page(DATA / "products-dev" / "html" / f"{pid}.html.gz")
        out.append((pid, gt[pid].get("url"), html, gt[pid]))
        if limit and len(out) >= limit:
            break
    return out


def extruct_only(html: str, url: str | None) -> dict:
    """Naive baseline: first Product in extruct's JSON-LD, else microdata, mapped to fields."""
    try:
        d = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True)
    except Exception:  # noqa: BLE001 - a page a system cannot handle scores as an empty answer
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


def host_half(url: str | None) -> str:
    """ "A" or "B": the half of the sites a page's host falls in (crc32 of the host without "www.")."""
    host = (urlparse(url or "").hostname or "").lower().removeprefix("www.")
    return "AB"[zlib.crc32(host.encode()) % 2]


def _dump_page(fh, pid: str, url: str | None, text: str | None, label: str | None, scored: BodyScore) -> None:
    """One JSON line of a page's body figures (the last ones ``scored`` added), its text and its label."""
    row = {
        "id": pid,
        "url": url,
        "half": host_half(url),
        "p": scored.precisions[-1],
        "r": scored.recalls[-1],
        "exact": scored.exact[-1],
        "text": text,
        "label": label,
    }
    fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def bench_articles(
    limit: int | None,
    raw: bool,
    edges: str = "served",
    dump: str | None = None,
    dump_meta: str | None = None,
    hashed: bool = False,
) -> list[str]:
    """``edges``: the learned cut of the body's edge blocks (``article.edges``) with the served weights, switched
    "off", or "cross": each page cut by the weights fitted on the other host half (the cross-fitted figures).
    ``dump``: a file to write one JSON line a page to (id, url, host half, body P / R / exact, text, label).
    ``dump_meta``: a file to write one JSON line a page to (its host half, each metadata field's label, answer, source
    and whether they match), to study the misses page by page. ``hashed``: both systems read the pages with their class
    and id names hashed (``hash_class_names``)."""
    pages = load_articles(limit)
    if hashed:
        pages = [(pid, url, hash_class_names(html), gt) for pid, url, html, gt in pages]
    models = {"served": edges_mod.load_model(), "off": None}
    cross = (
        {"A": edges_mod.load_model("fitted_on_B"), "B": edges_mod.load_model("fitted_on_A")} if edges == "cross" else {}
    )
    base_body, pipe_body = BodyScore(), BodyScore()
    base_meta = {"title": 0, "author": 0, "date": 0}
    pipe_meta = {"title": 0, "author": 0, "date": 0}
    labelled = {"title": 0, "author": 0, "date": 0}
    base_t = pipe_t = san_t = 0.0
    san_times = []
    # the pipeline's figures on the two halves of the sites (split by a hash of the host): a rule read from one half's
    # pages is judged on the other
    halves = {
        h: (BodyScore(), {"title": 0, "author": 0, "date": 0}, {"title": 0, "author": 0, "date": 0}) for h in "AB"
    }
    dump_fh = open(dump, "w", encoding="utf-8") if dump else None  # noqa: SIM115 - closed after the loop
    meta_fh = open(dump_meta, "w", encoding="utf-8") if dump_meta else None  # noqa: SIM115 - closed after the loop
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
        model = cross[host_half(url)] if edges == "cross" else models[edges]
        t = time.perf_counter()
        result_sources = {}
        try:
            with edges_mod.model_weights(model):
                res = extract(type="article", format="html", content=content, url=url)
            r, result_sources = res.data, res.metadata.get("sources") or {}
        except Exception:  # noqa: BLE001 - a page a system cannot handle scores as an empty answer
            r = {}
        pipe_t += time.perf_counter() - t
        pipe_body.add(r.get("text"), gt.get("main_content"))
        pipe_meta["title"] += has["title"] and text_match(r.get("title"), gt.get("title"))
        authors = r.get("authors") or []
        pipe_meta["author"] += has["author"] and text_match(", ".join(authors) if authors else None, gt.get("author"))
        pipe_meta["date"] += has["date"] and date_match(r.get("publishedAt"), gt.get("publish_date"))
        h_body, h_meta, h_labelled = halves[host_half(url)]
        h_body.add(r.get("text"), gt.get("main_content"))
        if dump_fh:
            _dump_page(dump_fh, pid, url, r.get("text"), gt.get("main_content"), h_body)
        for k in h_meta:
            h_labelled[k] += has[k]
        h_meta["title"] += has["title"] and text_match(r.get("title"), gt.get("title"))
        h_meta["author"] += has["author"] and text_match(", ".join(authors) if authors else None, gt.get("author"))
        h_meta["date"] += has["date"] and date_match(r.get("publishedAt"), gt.get("publish_date"))
        if meta_fh:
            meta_fh.write(json.dumps(_dump_line(pid, url, r, authors, gt, result_sources), ensure_ascii=False) + "\n")
    for fh in (dump_fh, meta_fh):
        if fh:
            fh.close()
    n = len(pages)
    rows = [
        f"### Articles ({n} pages, pipeline input: {'raw' if raw else 'sanitised'} html; learned edge cut: {edges}"
        + ("; class and id names hashed)" if hashed else ")"),
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
    for h, (h_body, h_meta, h_labelled) in halves.items():
        rows.append(
            f"| pipeline, host half {h} ({len(h_body.exact)} pages) | {_fmt(h_body.precision)} | {_fmt(h_body.recall)} | "
            f"{_fmt(h_body.f1)} | {_fmt(h_body.exact_accuracy)} | "
            + " | ".join(_fmt(h_meta[k] / max(1, h_labelled[k])) for k in ("title", "author", "date"))
            + " | |"
        )
    rows.append("")
    rows.append(
        f"Pipeline body F1 to four places: {pipe_body.f1:.4f}; "
        + "; ".join(
            f"half {h} {h_body.f1:.4f} (P {h_body.precision:.4f}, R {h_body.recall:.4f})"
            for h, (h_body, _m, _l) in halves.items()
        )
        + "."
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


def _dump_line(pid: str, url: str | None, r: dict, authors: list, gt: dict, sources: dict) -> dict:
    """One page of ``--dump-meta``: each metadata field's label, answer, source and whether they match."""
    answers = {"title": r.get("title"), "author": ", ".join(authors) if authors else None, "date": r.get("publishedAt")}
    labels = {"title": gt.get("title"), "author": gt.get("author"), "date": gt.get("publish_date")}
    match = {"title": text_match, "author": text_match, "date": date_match}
    keys = {"title": "title", "author": "authors", "date": "publishedAt"}
    line = {"page": pid, "half": host_half(url), "url": url}
    for f in answers:
        line[f] = {
            "label": labels[f],
            "answer": answers[f],
            "source": sources.get(keys[f]),
            "match": bool(labels[f]) and bool(match[f](answers[f], labels[f])),
        }
    return line


_SUFFIX_LABELS = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"}


def shop_of(url: str | None) -> str:
    """The shop a page belongs to: its host without www., public suffix and subdomains ("amazon" for amazon.co.uk)."""
    host = (urlparse(url or "").hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    if len(labels) > 1:
        labels = labels[:-1]  # the TLD
        while len(labels) > 1 and labels[-1] in _SUFFIX_LABELS:
            labels = labels[:-1]
    return labels[-1] if labels else host


def _run_product(content: str, url: str | None, disabled: frozenset) -> dict:
    with product_mod.rules_disabled(disabled):
        try:
            return extract(type="product", format="html", content=content, url=url).data
        except Exception:  # noqa: BLE001 - a page a system cannot handle scores as an empty answer
            return {}


def _outcome(field: str, predicted, accepted) -> tuple[int, int, int]:
    s = FieldScore()
    s.add(field, predicted, accepted)
    return s.tp, s.fp, s.fn


class ProductRuns:
    """Per-page outcomes (tp, fp, fn per field) of the pipeline with a set of rules switched off, cached."""

    def __init__(self, pages, fields: tuple = RULE_FIELDS, labelled_only: bool = False):
        self.pages = pages  # (pid, url, content, gt)
        self.fields = fields
        self.labelled_only = labelled_only  # distant supervision: a field its structured data does not give is no label
        self.cache: dict[tuple[frozenset, str], dict] = {}

    def outcomes(self, disabled: frozenset, pid: str) -> dict:
        key = (disabled, pid)
        if key not in self.cache:
            _, url, content, gt = next(p for p in self.pages if p[0] == pid)
            data = _run_product(content, url, disabled)
            self.cache[key] = {
                f: _outcome(f, data.get(f), gt.get(f)) for f in self.fields if gt.get(f) or not self.labelled_only
            }
        return self.cache[key]

    def score(self, disabled: frozenset, pids) -> dict[str, FieldScore]:
        out = {f: FieldScore() for f in self.fields}
        for pid in pids:
            for f, (tp, fp, fn) in self.outcomes(disabled, pid).items():
                out[f].tp += tp
                out[f].fp += fp
                out[f].fn += fn
        return out


def _total(scores: dict[str, FieldScore]) -> float:
    return sum(s.f1 for s in scores.values())


def bench_products(limit: int | None, raw: bool, disabled: frozenset = frozenset()) -> list[str]:
    pages = load_products(limit)
    base = {f: FieldScore() for f in PRODUCT_SCORED_FIELDS}
    base_t = pipe_t = 0.0
    prepared = []
    for pid, url, html, gt in pages:
        t = time.perf_counter()
        b = extruct_only(html, url)
        base_t += time.perf_counter() - t
        b["availability"] = product_mod.norm_availability(b.get("availability")) if b.get("availability") else None
        for f in PRODUCT_SCORED_FIELDS:
            base[f].add(f, b.get(f), gt.get(f))
        content = html if raw else sanitize_content(format="html", content=html)
        prepared.append((pid, url, content, gt))
    runs = ProductRuns(prepared)
    all_pids = [p[0] for p in prepared]
    none = frozenset(disabled)  # rules switched off everywhere (--disable): the pipeline as if they were dropped
    t = time.perf_counter()
    for pid in all_pids:
        runs.outcomes(none, pid)
    pipe_t = time.perf_counter() - t
    dev = runs.score(none, all_pids)

    # leave-one-shop-out over the rules
    shops: dict[str, list[str]] = defaultdict(list)
    for pid, url, _, _ in prepared:
        shops[shop_of(url)].append(pid)
    kept_in = {r: 0 for r in product_mod.RULES}
    loso = _leave_one_shop_out(runs, shops, all_pids, none, kept_in)
    loso_visible = _leave_one_shop_out(runs, shops, all_pids, none, None, visible=_visible_runs(limit))
    n = len(prepared)
    cols = PRODUCT_SCORED_FIELDS
    rows = [
        f"### Products ({n} pages, {len(shops)} shops, pipeline input: {'raw' if raw else 'sanitised'} html) — F1 per field",
        "",
        "| system | " + " | ".join(cols) + " | pages/s |",
        "|---|" + "---|" * (len(cols) + 1),
        "| extruct-only | " + " | ".join(_fmt(base[f].f1) for f in cols) + f" | {n / base_t:.1f} |",
        "| pipeline, all dev pages | " + " | ".join(_fmt(dev[f].f1) for f in cols) + f" | {n / pipe_t:.1f} |",
        "| pipeline, leave-one-shop-out | " + " | ".join(_fmt(loso[f].f1) for f in cols) + " | |",
        "| gap (dev − held-out shop) | " + " | ".join(f"{dev[f].f1 - loso[f].f1:+.3f}" for f in cols) + " | |",
        "| leave-one-shop-out, rules also judged on other sites' visible-page labels | "
        + " | ".join(_fmt(loso_visible[f].f1) for f in cols)
        + " | |",
        "",
        "What each rule buys (on − off): on all dev pages, and on the leave-one-shop-out figure (the rule switched off",
        "in every fold, the other rules chosen per fold as above); Σ is the sum of the seven fields' F1.",
        "",
        (
            "| rule | pages it changes | dev Σ | held-out Σ | held-out price | held-out sku | held-out availability "
            "| kept in folds |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    dev_total = _total(dev)
    for r in product_mod.RULES:
        if r in none:
            continue
        off = none | {r}
        changed = sum(runs.outcomes(off, p) != runs.outcomes(none, p) for p in all_pids)
        without = _leave_one_shop_out(runs, shops, all_pids, none, None, frozenset([r]))
        rows.append(
            f"| `{r}` | {changed} | {dev_total - _total(runs.score(off, all_pids)):+.3f} | "
            f"{_total(loso) - _total(without):+.3f} | "
            + " | ".join(f"{loso[f].f1 - without[f].f1:+.3f}" for f in ("price", "sku", "availability"))
            + f" | {kept_in[r]}/{len(shops)} |"
        )
    return rows


def _visible_runs(limit: int | None) -> tuple[ProductRuns, dict]:
    """The distant-supervision pages (structured data hidden, labels from it) as runs, their ids grouped by shop."""
    pages, by_shop = [], defaultdict(list)
    for pid, url, html, _origin in load_distant(limit):
        labels = structured_labels(html, url)
        if labels:
            pages.append((pid, url, sanitize_content(format="html", content=hide_structured(html)), labels))
            by_shop[shop_of(url)].append(pid)
    return ProductRuns(pages, DS_FIELDS, labelled_only=True), by_shop


def _leave_one_shop_out(
    runs: ProductRuns,
    shops: dict,
    all_pids: list,
    base: frozenset,
    kept_in: dict | None,
    forced_off: frozenset = frozenset(),
    visible: tuple[ProductRuns, dict] | None = None,
) -> dict[str, FieldScore]:
    """Per held-out shop: switch off every rule that does not help the other shops (each rule judged alone against
    the pipeline with the rules of ``base`` off), then extract that shop's pages; rules in ``base`` and
    ``forced_off`` are off in every fold (a forced rule is off without changing how the others were chosen).
    With ``visible`` (distant-supervision runs, their page ids by shop), a rule is judged on the other shops'
    products-dev pages *and* on the visible-page labels of every other site (the held-out shop's pages left out)."""
    loso = {f: FieldScore() for f in PRODUCT_SCORED_FIELDS}

    def judged(disabled: frozenset, shop: str, others: list) -> float:
        total = _total(runs.score(disabled, others))
        if visible is not None:
            vruns, by_shop = visible
            total += _total(vruns.score(disabled, [p for s, ps in by_shop.items() if s != shop for p in ps]))
        return total

    for shop, held in shops.items():
        others = [p for p in all_pids if p not in held]
        ref = judged(base, shop, others)
        off = set(base) | set(forced_off)
        for r in product_mod.RULES:
            if r not in base and judged(base | {r}, shop, others) >= ref:
                off.add(r)
        if kept_in is not None:
            for r in product_mod.RULES:
                kept_in[r] += r not in off
        for f, sc in runs.score(frozenset(off), held).items():
            loso[f].tp += sc.tp
            loso[f].fp += sc.fp
            loso[f].fn += sc.fn
    return loso


# --------------------------------------------------------------------------- distant supervision

_PRODUCT_TYPE_NAMES = set(product_mod.PRODUCT_TYPES)


def _types(node) -> set[str]:
    t = node.get("@type") if isinstance(node, dict) else None
    t = t if isinstance(t, list) else [t]
    return {x.rsplit("/", 1)[-1] for x in t if isinstance(x, str)}


def _walk(node, depth=0):
    if depth > 10:
        return
    if isinstance(node, list):
        for x in node:
            yield from _walk(x, depth + 1)
    elif isinstance(node, dict):
        yield node
        for v in node.values():
            if isinstance(v, (dict, list)):
                yield from _walk(v, depth + 1)


def _scalar(v):
    while isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("@id") or v.get("name") or v.get("@value")
    return v if isinstance(v, (str, int, float)) and not isinstance(v, bool) else None


def structured_labels(html: str, url: str | None) -> dict | None:
    """Labels from the page's schema.org Product/Offer data (extruct; JSON-LD, microdata, RDFa) or product:* meta.

    None unless exactly one product (by name/sku) carries a price."""
    try:
        d = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata", "rdfa", "opengraph"], uniform=True)
    except Exception:  # noqa: BLE001 - a page a system cannot handle scores as an empty answer
        return None
    products = {}
    for syntax in ("json-ld", "microdata", "rdfa"):
        for node in _walk(d.get(syntax, [])):
            if not (_types(node) & _PRODUCT_TYPE_NAMES):
                continue
            offers = [o for o in _walk(node.get("offers")) if isinstance(o, dict)]
            prices = []
            for o in offers:
                for key in ("price", "lowPrice"):
                    p = _scalar(o.get(key))
                    if p not in (None, "") and to_decimal_label(p):
                        prices.append(str(p))
                for spec in _walk(o.get("priceSpecification")):
                    p = _scalar(spec.get("price")) if isinstance(spec, dict) else None
                    if p not in (None, ""):
                        prices.append(str(p))
            if not prices:
                continue
            ident = (str(_scalar(node.get("name")) or "").strip().casefold(), str(_scalar(node.get("sku")) or ""))
            lab = products.setdefault(ident, {"price": set(), "currency": set(), "availability": set(), "sku": set()})
            lab["price"].update(prices)
            for o in offers:
                for key, field in (("priceCurrency", "currency"), ("availability", "availability"), ("sku", "sku")):
                    v = _scalar(o.get(key))
                    if v not in (None, ""):
                        lab[field].add(str(v))
            if _scalar(node.get("sku")):
                lab["sku"].add(str(_scalar(node.get("sku"))))
    if not products:
        og = {}
        for item in d.get("opengraph", []):
            if isinstance(item, dict):
                og.update((k, _scalar(v)) for k, v in item.items())
        amount = og.get("product:price:amount") or og.get("og:price:amount")
        if amount and to_decimal_label(amount):
            cur = og.get("product:price:currency") or og.get("og:price:currency")
            av = og.get("product:availability") or og.get("og:availability")
            products[("og", "")] = {
                "price": {str(amount)},
                "currency": {str(cur)} if cur else set(),
                "availability": {str(av)} if av else set(),
                "sku": set(),
            }
    if len(products) != 1:
        return None
    lab = next(iter(products.values()))
    av = {a for a in (product_mod.norm_availability(x) for x in lab["availability"]) if a}
    # the pipeline's reading of several offers: in stock when any offer is
    lab["availability"] = {"InStock"} if "InStock" in av else av
    return {k: sorted(v) for k, v in lab.items()}


def to_decimal_label(value) -> bool:
    from bench.scoring import to_decimal

    d = to_decimal(value)
    return d is not None and d > 0


_STRUCT_ATTRS = (
    "itemprop",
    "itemscope",
    "itemtype",
    "itemid",
    "itemref",
    "property",
    "typeof",
    "vocab",
    "resource",
    "prefix",
    "datatype",
    "rel",
)
_META_KEY_RE = re.compile(
    r"^(?:product:|og:price|og:availability|og:brand|og:upc|og:ean|twitter:data|twitter:label)", re.IGNORECASE
)


def hide_structured(html: str, keep_state: bool = False) -> str:
    """The page without its structured data: no scripts at all (JSON-LD, application state; with ``keep_state`` the
    scripts other than JSON-LD stay), no microdata / RDFa attributes (nor the ``content`` values they carried), no
    product meta tags; its ``<link rel>`` and OpenGraph page tags stay (``_page_link``)."""
    tree = lxml.html.fromstring(html)
    for el in list(tree.iter("script", "template")):
        if not (keep_state and el.tag == "script" and "ld+json" not in (el.get("type") or "").lower()):
            el.drop_tree()
    for el in list(tree.iter("meta", "link")):
        key = el.get("property") or el.get("name") or ""
        if el.get("itemprop") or _META_KEY_RE.match(key):
            el.drop_tree()
    for el in tree.iter():
        if not isinstance(el.tag, str) or _page_link(el):
            continue
        had = el.get("itemprop") is not None or el.get("property") is not None
        for a in _STRUCT_ATTRS:
            if a in el.attrib:
                del el.attrib[a]
        if had and "content" in el.attrib:
            del el.attrib["content"]
    return lxml.html.tostring(tree, encoding="unicode")


def _page_link(el) -> bool:
    """What a page without product data still carries about itself: its ``<link rel>`` (canonical, alternate) and
    its OpenGraph page tags (``og:url``, ``og:title``, ``og:site_name``, ``og:image``; the product ones were dropped
    above), so the visible page is a product page that lacks structured product data, not a page stripped of its
    own address."""
    if el.tag == "link":
        return el.get("itemprop") is None
    return el.tag == "meta" and el.get("itemprop") is None and (el.get("property") or "").lower().startswith("og:")


def load_distant(limit: int | None):
    pages = [(pid, url, html, "products-dev") for pid, url, html, _ in load_products(None)]
    gt_dir = DATA / "webpages-dev" / "dev" / "ground-truth"
    for f in sorted(gt_dir.glob("*.json")):
        d = json.loads(f.read_text())
        if d.get("_internal", {}).get("page_type", {}).get("primary") not in ("product", "collection"):
            continue
        html = _read_page(DATA / "webpages-dev" / "dev" / "html" / f"{f.stem}.html.gz")
        pages.append((f.stem, d.get("url"), html, "webpages-dev " + d["_internal"]["page_type"]["primary"]))
    return pages[:limit] if limit else pages


def shop_half(shop: str) -> str:
    """ "A" or "B": the half of the shops a shop (its registrable name, ``shop_of``) falls in, by crc32, so that a
    rule read from one half's pages is judged on shops it was not read from."""
    return "AB"[zlib.crc32(shop.encode()) % 2]


MARKUPS = ("served", "hashed", "utility")


def visible_page(html: str, markup: str = "served") -> str:
    """The sanitised page without its structured data, its class and id names as served, made hash-like
    ("hashed": ``hash_class_names``, a CSS-in-JS shop's), or made utility classes ("utility": ``utility_soup``)."""
    hidden = hide_structured(html)
    if markup == "served":
        return sanitize_content(format="html", content=hidden)
    sanitised = sanitize_content(format="html", content=hash_class_names(hidden))
    return utility_soup(sanitised) if markup == "utility" else sanitised


def bench_distant(limit: int | None, disabled: frozenset = frozenset(), markups: tuple = ("served",)) -> list[str]:
    """The distant-supervision table for each markup of ``MARKUPS`` asked for (class and id names as served, hashed,
    utility classes); the application-state table after it, on the pages as served."""
    pages = load_distant(limit)
    rows: list[str] = []
    for markup in markups:
        rows += _distant_markup(pages, disabled, markup) + [""]
    return rows + _distant_app_state(pages, disabled)


def _distant_markup(pages: list, disabled: frozenset, markup: str) -> list[str]:
    scores = {f: FieldScore() for f in DS_FIELDS}
    halves = {h: {f: FieldScore() for f in DS_FIELDS} for h in "AB"}
    by_set: dict[str, int] = defaultdict(int)
    by_shop: list[tuple[str, str, tuple[int, int, int]]] = []  # (shop, field, outcome) per labelled page and field
    considered = 0
    for _pid, url, html, origin in pages:
        considered += 1
        labels = structured_labels(html, url)
        if not labels:
            continue
        by_set[origin] += 1
        data = _run_product(visible_page(html, markup), url, disabled)
        for f in DS_FIELDS:
            if labels.get(f):  # structured data that says nothing about a field is no label for it
                scores[f].add(f, data.get(f), labels.get(f))
                halves[shop_half(shop_of(url))][f].add(f, data.get(f), labels.get(f))
                by_shop.append((shop_of(url), f, _outcome(f, data.get(f), labels.get(f))))
    n = sum(by_set.values())
    sets = ", ".join(f"{k} {v}" for k, v in sorted(by_set.items()))
    shops = len({shop for shop, _, _ in by_shop})
    half_shops = {h: len({shop for shop, _, _ in by_shop if shop_half(shop) == h}) for h in "AB"}
    rows = _distant_table(n, considered, sets, scores, _shops_weighted_equally(by_shop), shops, markup)
    return rows + [
        f"| F1, shop half {h} ({half_shops[h]} shops) | " + " | ".join(_fmt(halves[h][f].f1) for f in DS_FIELDS) + " |"
        for h in "AB"
    ]


def _shops_weighted_equally(outcomes: list[tuple[str, str, tuple[int, int, int]]]) -> dict[str, FieldScore]:
    """F1 per field with every shop's pages weighing one shop in all (a shop with eight pages counts as much as a
    shop with one): the figure for shops not seen, where a page-weighted figure is swayed by the largest shops."""
    pages = defaultdict(int)
    for shop, f, _ in outcomes:
        pages[shop, f] += 1
    out = {f: FieldScore() for f in DS_FIELDS}
    for shop, f, (tp, fp, fn) in outcomes:
        w = 1 / pages[shop, f]
        out[f].tp += tp * w
        out[f].fp += fp * w
        out[f].fn += fn * w
    return out


def _distant_app_state(pages, disabled: frozenset) -> list[str]:
    """The same labels on the pages that carry application state, with only JSON-LD / microdata / meta hidden: what
    the ``app_state`` source gives where the page's schema.org data is missing."""
    with_state, without = ({f: FieldScore() for f in DS_FIELDS} for _ in range(2))
    n = 0
    for _pid, url, html, _origin in pages:
        labels = structured_labels(html, url)
        if not labels:
            continue
        content = sanitize_content(format="html", content=hide_structured(html, keep_state=True))
        if 'id="app-state"' not in content:
            continue
        n += 1
        on = _run_product(content, url, disabled)
        off = _run_product(content, url, disabled | {"app_state"})
        for f in DS_FIELDS:
            if labels.get(f):
                with_state[f].add(f, on.get(f), labels.get(f))
                without[f].add(f, off.get(f), labels.get(f))
    return [
        "",
        f"Pages that carry application state ({n}), its scripts kept (JSON-LD, microdata, product meta hidden):",
        "",
        *_fields_table(
            "F1",
            [
                ("with `app_state`", [with_state[f].f1 for f in DS_FIELDS]),
                ("without", [without[f].f1 for f in DS_FIELDS]),
            ],
        ),
    ]


def _distant_table(
    n: int, considered: int, sets: str, scores: dict, by_shop: dict, shops: int, markup: str = "served"
) -> list[str]:
    names = {"served": "", "hashed": "; class and id names hashed", "utility": "; class names made utility classes"}
    return [
        f"### Distant supervision: structured data hidden{names[markup]}, labels from it ({n} of {considered} pages: "
        f"{sets})",
        "",
        *_fields_table(
            "visible page only",
            [(name, [getattr(scores[f], name) for f in DS_FIELDS]) for name in ("f1", "precision", "recall")]
            + [(f"F1, each of the {shops} shops weighted equally", [by_shop[f].f1 for f in DS_FIELDS])],
        ),
    ]


def _fields_table(corner: str, rows: list[tuple[str, list]]) -> list[str]:
    """A markdown table with a column per distant-supervision field and a row per (label, values)."""
    return [
        f"| {corner} | " + " | ".join(DS_FIELDS) + " |",
        "|---|" + "---|" * len(DS_FIELDS),
        *(
            f"| {'F1' if label == 'f1' else label} | " + " | ".join(_fmt(v) for v in values) + " |"
            for label, values in rows
        ),
    ]


PRODUCT_PAGE_KINDS = frozenset(("product", "product (products-dev)"))


def probability_pages(limit: int | None) -> list[tuple[str, str | None, Path | str]]:
    """(page type, url, page) of every webpages-dev page, by the page type WCXB gives, and of the products-dev pages
    (all product pages: ``PRODUCT_PAGE_KINDS``); a page is a path to its file or its html."""
    gt_dir = DATA / "webpages-dev" / "dev" / "ground-truth"
    pages: list = []
    for f in sorted(gt_dir.glob("*.json")):
        d = json.loads(f.read_text())
        kind = d.get("_internal", {}).get("page_type", {}).get("primary") or "?"
        pages.append((kind, d.get("url"), DATA / "webpages-dev" / "dev" / "html" / f"{f.stem}.html.gz"))
    pages = pages[:limit] if limit else pages
    return pages + [("product (products-dev)", url, html) for _, url, html, _ in load_products(limit)]


def bench_page_probability(limit: int | None) -> list[str]:
    """``metadata.probability`` (is this one product's page?) on every webpages-dev page, by the page type WCXB gives,
    and on the products-dev pages (all product pages). A page the pipeline finds no product in counts as 0."""
    pages = probability_pages(limit)
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, url, page in pages:
        html = _read_page(page) if isinstance(page, Path) else page
        try:
            content = sanitize_content(format="html", content=html)
            p = extract(type="product", format="html", content=content, url=url).metadata.get("probability") or 0.0
        except Exception:  # noqa: BLE001 - no product found (or an unreadable page): not a product page
            p = 0.0
        by_kind[kind].append(p)
    tp = sum(p >= 0.5 for k, ps in by_kind.items() if k in PRODUCT_PAGE_KINDS for p in ps)
    fp = sum(p >= 0.5 for k, ps in by_kind.items() if k not in PRODUCT_PAGE_KINDS for p in ps)
    fn = sum(p < 0.5 for k, ps in by_kind.items() if k in PRODUCT_PAGE_KINDS for p in ps)
    rows = [
        f"### Product-page probability ({len(pages)} pages): share of pages at ≥ 0.5, mean, by page type",
        "",
        "| page type | pages | ≥ 0.5 | mean |",
        "|---|---|---|---|",
    ]
    for kind, ps in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        rows.append(f"| {kind} | {len(ps)} | {sum(p >= 0.5 for p in ps) / len(ps):.3f} | {sum(ps) / len(ps):.3f} |")
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    rows += ["", f"product page at ≥ 0.5: precision {precision:.3f}, recall {recall:.3f}"]
    return rows


def ready_to_measure(script: str, done: str) -> bool:
    """False, having said so, when ``../shared/data`` is absent; else this process keeps to one core (speeds are
    comparable, and the other cores are left alone) and libraries' warnings are off. ``done``: "measured", "fitted"."""
    if not DATA.is_dir():
        print(f"{script}: the evaluation data is absent ({DATA} does not exist); nothing was {done}.", file=sys.stderr)
        return False
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import logging

    logging.disable(logging.WARNING)
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    ap.add_argument("--raw", action="store_true", help="feed the pipeline raw html instead of sanitised html")
    ap.add_argument("--only", choices=("articles", "products", "distant", "probability"), default=None)
    ap.add_argument(
        "--edges",
        choices=("served", "off", "cross"),
        default="served",
        help="articles: the learned cut of the body's edge blocks with the served weights, off, or cross-fitted by "
        "host half (training/fit_body_edges.py)",
    )
    ap.add_argument(
        "--dump-meta", default=None, help="articles: write one JSON line a page (metadata label / answer) here"
    )
    ap.add_argument(
        "--dump", default=None, help="articles: write each page's body figures, text and label (JSON lines)"
    )
    ap.add_argument(
        "--markup",
        default="served",
        help="distant: comma-separated class / id names to measure on: served, hashed (CSS-in-JS), utility (Tailwind)",
    )
    ap.add_argument(
        "--hashed-classes",
        action="store_true",
        help="articles: read the pages with every class token and id value hashed (CSS-in-JS markup); "
        "distant: the same as --markup served,hashed,utility",
    )
    ap.add_argument(
        "--disable", default="", help="comma-separated product rules to switch off everywhere (products, distant)"
    )
    args = ap.parse_args(argv)
    if not ready_to_measure("bench-quality", "measured"):
        return 2
    out: list[str] = []
    if args.only in (None, "articles"):
        out += bench_articles(args.limit, args.raw, args.edges, args.dump, args.dump_meta, args.hashed_classes) + [""]
    if args.only in (None, "products"):
        out += bench_products(args.limit, args.raw, frozenset(filter(None, args.disable.split(",")))) + [""]
    if args.only in (None, "distant"):
        markups = MARKUPS if args.hashed_classes else tuple(filter(None, args.markup.split(",")))
        if set(markups) - set(MARKUPS):
            ap.error(f"--markup: one or more of {', '.join(MARKUPS)}")
        out += bench_distant(args.limit, frozenset(filter(None, args.disable.split(","))), markups) + [""]
    if args.only in (None, "probability"):
        out += bench_page_probability(args.limit)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
