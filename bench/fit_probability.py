"""Refit the product-page probability's weights (``product._PAGE_WEIGHTS``) and print the out-of-fold table.

The pages are those of ``bench/quality.py --only probability``: every webpages-dev page (positive when WCXB's page
type is "product") and every products-dev page (all positive). Each page goes through the product pipeline once and
its yes/no signals (``product.page_signals``) are recorded; a page the pipeline finds no product in scores 0 whatever
the weights. An L2-penalised logistic regression (bias not penalised) is fitted by Newton's method in leave-sites-out
folds (a site's pages, its subdomains included, all fall in one of five folds, by crc32 of the site), and every
page is scored by the weights fitted without its site. The hand-set weights are scored on the same pages. The last lines are the weights fitted on
every page, to paste into ``_PAGE_WEIGHTS``.

    python bench/fit_probability.py [--limit N] [--l2 1.0]
"""

import argparse
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402 - after the sys.path line that makes the project importable

from bench import quality  # noqa: E402
from extractor.pipeline import extract  # noqa: E402
from extractor.pipeline import product as product_mod  # noqa: E402
from extractor.sanitize import sanitize_content  # noqa: E402

FOLDS = 5
# the signals of the weights set by hand, and those added to be weighed by the fit
HAND = (
    "one_product",
    "several_products",
    "offer",
    "og_product",
    "buy_button",
    "price",
    "price_grid",
    "article",
    "cart_form",
)
# the weights set by hand before the fit (pipeline 1.3.0), the baseline the out-of-fold rows are compared with
HAND_SET = {
    "bias": -2.0,
    "one_product": 2.5,
    "several_products": -2.5,
    "offer": 1.0,
    "og_product": 1.0,
    "buy_button": 1.5,
    "price": 1.0,
    "price_grid": -1.5,
    "article": -2.0,
    "cart_form": 2.0,
}
ADDED = ("quantity_input", "sku", "breadcrumbs", "availability", "brand", "gtin", "images", "one_h1", "product_url")
# the signal sets weighed; in each outer fold one is chosen by its log loss over leave-sites-out folds of the other
# four folds' pages (nested), so that the "chosen in the inner folds" row does not see the pages it scores
CANDIDATES = {
    "same signals": HAND,
    "+ quantity, sku, availability, breadcrumbs": HAND + ("quantity_input", "sku", "availability", "breadcrumbs"),
    "+ quantity, sku, availability, product url": HAND + ("quantity_input", "sku", "availability", "product_url"),
    "+ quantity, sku, availability, product url, one h1": HAND
    + ("quantity_input", "sku", "availability", "product_url", "one_h1"),
    "+ every added signal": HAND + ADDED,
}


def site_of(url: str | None) -> str:
    """The registrable part of the url's host, roughly ("uk.shop.example.co.uk" -> "example.co.uk"): a site's
    country and language subdomains fall in one fold."""
    labels = (urlsplit(url or "").hostname or "").lower().split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def collect(limit: int | None) -> list[tuple[str, bool, dict | None, float]]:
    """(site, is a product page, the page's signals or None when no product was found, seconds in page_signals)."""
    seen: list = []
    original = product_mod.page_signals

    def recording(*args, **kwargs):
        t = time.process_time()
        out = original(*args, **kwargs)
        seen.append((out, time.process_time() - t))
        return out

    product_mod.page_signals = recording
    rows = []
    try:
        for kind, url, page in quality.probability_pages(limit):
            positive = kind in quality.PRODUCT_PAGE_KINDS
            html = quality._read_page(page) if isinstance(page, Path) else page
            seen.clear()
            try:
                content = sanitize_content(format="html", content=html)
                extract(type="product", format="html", content=content, url=url)
            except Exception:  # noqa: BLE001 - no product found (or an unreadable page): scores 0
                seen.clear()
            signals, spent = seen[-1] if seen else (None, 0.0)
            rows.append((site_of(url), positive, signals, spent))
    finally:
        product_mod.page_signals = original
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights of an L2-penalised logistic regression (column 0 is the bias, not penalised), by Newton's method."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def figures(p: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """Precision and recall at 0.5, log loss (probabilities clipped to [0.001, 0.999], as the API rounds to three
    places), AUC (ties counted half)."""
    tp, fp, fn = np.sum((p >= 0.5) & y), np.sum((p >= 0.5) & ~y), np.sum((p < 0.5) & y)
    q = np.clip(p, 0.001, 0.999)
    log_loss = -np.mean(np.where(y, np.log(q), np.log(1 - q)))
    pos, neg = p[y], p[~y]
    auc = (np.sum(pos[:, None] > neg[None, :]) + 0.5 * np.sum(pos[:, None] == neg[None, :])) / (len(pos) * len(neg))
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), float(log_loss), float(auc)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="pages per set (default: all)")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the weights (not on the bias)")
    args = ap.parse_args(argv)
    if not quality.ready_to_measure("fit_probability", "fitted"):
        return 2
    rows = collect(args.limit)
    y = np.array([positive for _, positive, _, _ in rows])
    found = np.array([s is not None for _, _, s, _ in rows])
    fold = np.array([zlib.crc32(site.encode()) % FOLDS for site, _, _, _ in rows])
    sites = len({site for site, _, _, _ in rows})

    def design(names):
        return np.array([[1.0] + [float(bool(s and s.get(k))) for k in names] for _, _, s, _ in rows])

    hand = design(HAND) @ np.array([HAND_SET[k] for k in ("bias", *HAND)])
    scored = {"hand-set weights": np.where(found, 1 / (1 + np.exp(-hand)), 0.0)}
    committed = [k for k in product_mod._PAGE_WEIGHTS if k != "bias"]
    now = design(committed) @ np.array([product_mod._PAGE_WEIGHTS[k] for k in ("bias", *committed)])

    def out_of_fold(names, among):
        """Each page of the folds in ``among`` scored by weights fitted on the pages of the other folds in it."""
        x, oof = design(names), np.zeros(len(rows))
        for k in among:
            train = np.isin(fold, [j for j in among if j != k]) & found
            w = fit(x[train], y[train].astype(float), args.l2)
            oof[fold == k] = 1 / (1 + np.exp(-(x[fold == k] @ w)))
        return np.where(found, oof, 0.0)

    for label, names in CANDIDATES.items():
        scored[f"refit, {label}"] = out_of_fold(names, range(FOLDS))
    nested, chosen = np.zeros(len(rows)), []
    for k in range(FOLDS):
        inner = [j for j in range(FOLDS) if j != k]
        mask = np.isin(fold, inner)
        best = min(CANDIDATES, key=lambda c: figures(out_of_fold(CANDIDATES[c], inner)[mask], y[mask])[2])
        chosen.append(best)
        x = design(CANDIDATES[best])
        w = fit(x[mask & found], y[mask & found].astype(float), args.l2)
        nested[fold == k] = np.where(found, 1 / (1 + np.exp(-(x @ w))), 0.0)[fold == k]
    scored["refit, signals chosen in the inner folds"] = nested
    scored["_PAGE_WEIGHTS as committed (fitted on every page: in sample)"] = np.where(
        found, 1 / (1 + np.exp(-now)), 0.0
    )
    final = min(CANDIDATES, key=lambda c: figures(scored[f"refit, {c}"], y)[2])
    fitted = {final: (CANDIDATES[final], fit(design(CANDIDATES[final])[found], y[found].astype(float), args.l2))}
    spent = [t for _, _, s, t in rows if s is not None]
    print(f"signals chosen in the inner folds, by outer fold: {'; '.join(chosen)}")
    print(
        f"{len(rows)} pages ({int(y.sum())} product pages), {sites} sites in {FOLDS} leave-sites-out folds, "
        f"{int((~found).sum())} pages with no product found (score 0); L2 {args.l2}; "
        f"page_signals {1000 * sum(spent) / max(len(spent), 1):.2f} ms a page"
    )
    print()
    print("| out of fold | precision ≥ 0.5 | recall ≥ 0.5 | log loss | AUC | AUC by fold (min – max) |")
    print("|---|---|---|---|---|---|")
    for label, p in scored.items():
        by_fold = [figures(p[fold == k], y[fold == k])[3] for k in range(FOLDS)]
        precision, recall, log_loss, auc = figures(p, y)
        print(
            f"| {label} | {precision:.3f} | {recall:.3f} | {log_loss:.3f} | {auc:.3f} "
            f"| {min(by_fold):.3f} – {max(by_fold):.3f} |"
        )
    for label, (names, w) in fitted.items():
        print(f"\nlowest out-of-fold log loss: refit, {label}; fitted on every page:")
        for name, weight in zip(("bias", *names), w, strict=True):
            print(f'    "{name}": {weight:.2f},')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
