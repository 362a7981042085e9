"""Garment segmentation benchmark on garments-dev.

    .venv/bin/python bench/garments.py [--limit N] [--photos DIR] [--labels DIR]

Runs workflows.studio.garments.extract_items on every photo (single process, the
model loaded once) and prints a markdown table per item: mean IoU over the photos
where the item is labelled (missing item = 0), the share of those photos where it
was found, and the median seconds per photo. Exit status is non-zero if scoring
fails.
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

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from bench.garment_scoring import ITEMS, Totals, load_group_ids, score_photo  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "garments-dev"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=Path, default=DEFAULT_DATA / "photos")
    ap.add_argument("--labels", type=Path, default=None, help="default: <photos>/../labels")
    ap.add_argument("--classes", type=Path, default=None, help="default: <photos>/../classes.json")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--max-items", type=int, default=4)
    ap.add_argument("--per-photo", action="store_true", help="print per-photo IoUs")
    args = ap.parse_args(argv)

    labels_dir = args.labels or args.photos.parent / "labels"
    classes = args.classes or args.photos.parent / "classes.json"
    from workflows.studio.garments import NoItemsFound, extract_items, _get_models

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
    for p in photos:
        data = p.read_bytes()
        t0 = time.perf_counter()
        try:
            items = extract_items(data, max_items=args.max_items)
        except NoItemsFound:
            items = []
        seconds.append(time.perf_counter() - t0)
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
    print("| item | photos labelled | mean IoU | found |")
    print("|---|---:|---:|---:|")
    for k in ITEMS:
        s = summ[k]
        print(f"| {k} | {s['n']} | {s['mean_iou']:.3f} | {100 * s['found']:.1f}% |")
    print()
    print(f"seconds per photo: median {med:.3f}, mean {statistics.mean(seconds):.3f}, "
          f"p90 {float(np.percentile(seconds, 90)):.3f} (single process, {os.cpu_count()} cores visible)")
    if errors:
        print(f"{errors} photo(s) could not be scored", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
