"""Garment segmentation benchmark on garments-dev.

    .venv/bin/python bench/garments.py [--limit N] [--photos DIR] [--labels DIR]

Runs workflows.studio.garments.extract_items on every photo (single process, the
models loaded once) and prints a markdown table per item: mean IoU over the photos
where the item is labelled (missing item = 0), the share of those photos where it
was found, beside the previous method's figures on the same photos (MediaPipe pose
+ per-photo colour models, measured before the learned parser replaced it); then
how often `dress` was returned (garments-dev has no dresses), the seconds per photo. Reads
../shared/data/garments-dev by default and says so when it is absent. Exit status
is non-zero if scoring fails. For the one-core figure run it pinned:
`OMP_NUM_THREADS=1 taskset -c 1 .venv/bin/python bench/garments.py`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np
from PIL import Image

from bench.garment_scoring import ITEMS, Totals, load_group_ids, score_photo

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "garments-dev"
# The colour-model pipeline this parser replaced, on all 266 garments-dev photos (README, before issue 16).
PREVIOUS = {
    "top": (0.757, 1.0),
    "bottom": (0.705, 1.0),
    "shoes": (0.652, 1.0),
    "full_outfit": (0.824, 1.0),
    "bag": (0.0, 0.0),
}  # bags were never returned
TARGETS = {"top": "0.85", "bottom": "0.80", "shoes": "0.75", "full_outfit": "0.90", "bag": "–"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=Path, default=DEFAULT_DATA / "photos")
    ap.add_argument("--labels", type=Path, default=None, help="default: <photos>/../labels")
    ap.add_argument("--classes", type=Path, default=None, help="default: <photos>/../classes.json")
    ap.add_argument("--limit", type=int, default=0)
    # 6: every item, bag included (the API's default of 4 returns the first four of the same list)
    ap.add_argument("--max-items", type=int, default=6)
    ap.add_argument("--per-photo", action="store_true", help="print per-photo IoUs")
    args = ap.parse_args(argv)

    if not args.photos.is_dir():
        print(
            f"no photos at {args.photos}: garments-dev is not there (it lives in ../shared/data beside the "
            "repository); nothing was measured",
            file=sys.stderr,
        )
        return 2
    labels_dir = args.labels or args.photos.parent / "labels"
    classes = args.classes or args.photos.parent / "classes.json"
    from workflows.studio.garments import NoItemsFound, _get_models, extract_items

    try:
        group_ids = load_group_ids(classes)
    except Exception as exc:
        print(f"cannot load classes: {exc}", file=sys.stderr)
        return 2

    photos = sorted(p for p in args.photos.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    if args.limit:
        photos = photos[: args.limit]
    if not photos:
        print("no photos", file=sys.stderr)
        return 2

    _get_models()  # load once, outside the timing
    totals = Totals()
    seconds = []
    errors = 0
    returned = {"dress": 0}
    for p in photos:
        data = p.read_bytes()
        t0 = time.perf_counter()
        try:
            items = extract_items(data, max_items=args.max_items)
        except NoItemsFound:
            items = []
        seconds.append(time.perf_counter() - t0)
        for k in returned:
            returned[k] += any(it.label == k for it in items)
        lbl_path = labels_dir / (p.stem + ".png")
        try:
            label_map = np.asarray(Image.open(lbl_path))
            scores = score_photo(items, label_map, group_ids)
        except Exception as exc:  # the scorer must not silently break
            print(f"scoring failed on {p.name}: {exc!r}", file=sys.stderr)
            errors += 1
            continue
        totals.add(scores)
        if args.per_photo:
            print(p.stem, " ".join(f"{k}={scores[k]['iou']:.3f}" for k in ITEMS), flush=True)

    summ = totals.summary()
    med = statistics.median(seconds)
    print(f"photos: {len(photos)}  ({args.photos})")
    print()
    print("| item | photos labelled | mean IoU | found | previous IoU | previous found | target IoU |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k in ITEMS:
        s = summ[k]
        prev_iou, prev_found = PREVIOUS[k]
        print(
            f"| {k} | {s['n']} | {s['mean_iou']:.3f} | {100 * s['found']:.1f}% | {prev_iou:.3f} | "
            f"{100 * prev_found:.1f}% | {TARGETS[k]} |"
        )
    print()
    print(
        "returned although garments-dev has none: "
        + ", ".join(f"{k} on {n} of {len(photos)} photos" for k, n in returned.items())
    )
    print(
        f"seconds per photo: median {med:.3f}, mean {statistics.mean(seconds):.3f}, "
        f"p90 {float(np.percentile(seconds, 90)):.3f} (single process, {os.cpu_count()} cores visible)"
    )
    if errors:
        print(f"{errors} photo(s) could not be scored", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
