"""Garment segmentation benchmark on garments-dev.

    .venv/bin/python bench/garments.py [--limit N] [--photos DIR] [--labels DIR] [--onnx FILE]
        [--colour-items top,bottom,shoes] [--veto-items shoes] [--fused-items ...] [--net-weight 0.5] [--net-weight-bottom 0.6|none]
        [--grabcut-items shoes,bottom] [--net-dress on|off] [--dress-by-colour on|off] [--flip on|off] [--sizes 192x288,256x384]
        [--other-veto shoes:0.8] [--learned-items top,bottom] [--fusion-file FILE] [--product-text bag]
        [--dress-tie 0.3|none] [--dress-gap 0.5|none] [--veto-keep 0.5] [--closeup-scale 1.5|none]
        [--closeup-top 0] [--closeup-mix 0.5] [--bag-peak 0.3|none] [--top-class-veto bag:0.85|none]
        [--extra-scale 1.25]
    .venv/bin/python bench/garments.py --compare [--jobs 2] [--onnx FILE] [--limit N]

Runs workflows.studio.garments.extract_items on every photo (single process, the
models loaded once) and prints a markdown table per item: mean IoU over the photos
where the item is labelled (missing item = 0), the share of those photos where it
was found, beside the previous method's figures on the same photos (MediaPipe pose
+ per-photo colour models, measured before the learned parser replaced it); then
how often `dress` was returned, the seconds per photo. Reads
../shared/data/garments-dev by default and says so when it is absent. Exit status
is non-zero if scoring fails. For the one-core figure run it pinned:
`OMP_NUM_THREADS=1 taskset -c 1 .venv/bin/python bench/garments.py`.

The options replace the package's switches for the run (``--onnx`` the parser's weights, the others
``COLOUR_ITEMS``, ``NET_VETO_ITEMS``, ``NET_OTHER_VETO``, ``FUSED_ITEMS``, ``NET_WEIGHT``, ``NET_WEIGHT_BOTTOM``, ``LEARNED_ITEMS``,
``fusion.COEFFICIENTS``, ``cutouts.GRABCUT_ITEMS``, ``NET_DRESS``, ``parser.FLIP``, ``parser.SIZES``,
``BAG_PROB``, ``BAG_ON_PERSON``, ``BAG_SURE``, ``BAG_PEAK``, ``NET_CLASS_VETO``'s top, ``DRESS_TIE``, ``DRESS_GAP``, ``VETO_KEEP``,
``parser.CLOSEUP_SCALE``, ``parser.CLOSEUP_TOP``, ``parser.CLOSEUP_MIX`` and ``parser.EXTRA_SCALE``; "none" = empty or off). ``--compare`` decides them: per photo it
runs the pose and the parser once and scores every choice — for top, bottom and shoes the parser's mask with
and without GrabCut, the colour model's with and without the parser's veto and fused with the parser
(NET_WEIGHT; with and without what the parser is sure is another class); ``full_outfit`` for every combination
of those; ``bag``; and what ``NET_DRESS`` on would return — then prints the table per choice and the settings
that measure best (``--jobs`` photos in parallel; no timing).
"""

from __future__ import annotations

import argparse
import itertools
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

from bench.garment_scoring import ITEMS, Totals, iou, load_group_ids, place_mask, score_photo, truth_masks

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "garments-dev"
# The colour-model pipeline this parser replaced, on all 266 garments-dev photos (README, before issue 16).
PREVIOUS = {
    "top": (0.757, 1.0),
    "bottom": (0.705, 1.0),
    "shoes": (0.652, 1.0),
    "full_outfit": (0.824, 1.0),
    "bag": (0.0, 0.0),  # bags were never returned
    "dress": None,  # returned only when the product text named one
}
TARGETS = {"top": "0.85", "bottom": "0.80", "shoes": "0.75", "full_outfit": "0.90", "bag": "–", "dress": "–"}
PARTS = ("top", "bottom", "shoes")
# --compare: the choices per part, as (source, parser veto, GrabCut); the colour models' parts keep the
# GrabCut they always had (bottom and shoes), the parser's are tried with and without it.
CHOICES = {
    "parser": ("parser", False, False),
    "parser+GrabCut": ("parser", False, True),
    "colour": ("colour", False, None),
    "colour+veto": ("colour", True, None),
    "fused": ("fused", False, None),
    "fused−other": ("fused", True, None),
}
# --compare's "fused−other": the fused part less what the parser gives more than this to another class (the
# item's own NET_OTHER_VETO threshold where it has one).
OTHER_VETO = 0.8
COLOUR_GRABCUT = ("bottom", "shoes")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--photos", type=Path, default=DEFAULT_DATA / "photos")
    ap.add_argument("--labels", type=Path, default=None, help="default: <photos>/../labels")
    ap.add_argument("--classes", type=Path, default=None, help="default: <photos>/../classes.json")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--every", type=int, default=1, help="take every N-th photo (a spread-out subset)")
    ap.add_argument("--offset", type=int, default=0, help="with --every: start at this photo (0: the first)")
    # 6: every item, bag included (the API's default of 4 returns the first four of the same list)
    ap.add_argument("--max-items", type=int, default=6)
    ap.add_argument("--per-photo", action="store_true", help="print per-photo IoUs")
    ap.add_argument("--onnx", type=Path, default=None, help="parser weights (default: the committed file)")
    ap.add_argument("--extra-onnx", default=None, help="parser.EXTRA_WEIGHTS for this run: files, or none")
    ap.add_argument("--extra-share", default=None, help="parser.EXTRA_SHARE for this run, e.g. shoes:0,bag:0")
    ap.add_argument("--colour-items", default=None, help="COLOUR_ITEMS for this run, e.g. top,shoes or none")
    ap.add_argument("--veto-items", default=None, help="NET_VETO_ITEMS for this run")
    ap.add_argument("--fused-items", default=None, help="FUSED_ITEMS for this run")
    ap.add_argument("--other-veto", default=None, help="NET_OTHER_VETO for this run, e.g. shoes:0.8 or none")
    ap.add_argument("--net-weight", type=float, default=None, help="NET_WEIGHT for this run")
    ap.add_argument(
        "--net-weight-bottom", default=None, help="NET_WEIGHT_BOTTOM for this run (a number, or none: NET_WEIGHT)"
    )
    ap.add_argument("--learned-items", default=None, help="LEARNED_ITEMS for this run, e.g. top,bottom or none")
    ap.add_argument("--fusion-file", type=Path, default=None, help="the learned fusion's coefficients (.npz)")
    ap.add_argument("--grabcut-items", default=None, help="cutouts.GRABCUT_ITEMS for this run")
    ap.add_argument("--net-dress", choices=("on", "off"), default=None, help="NET_DRESS for this run")
    ap.add_argument("--flip", choices=("on", "off"), default=None, help="parser.FLIP for this run")
    ap.add_argument("--sizes", default=None, help="parser.SIZES for this run, e.g. 192x288,256x384")
    ap.add_argument("--parser-parts-win", choices=("on", "off"), default=None, help="PARSER_PARTS_WIN")
    ap.add_argument("--bag-prob", default=None, help="BAG_PROB for this run (a number, or none: argmax)")
    ap.add_argument("--bag-on-person", type=float, default=None, help="BAG_ON_PERSON for this run")
    ap.add_argument("--bag-sure", type=float, default=None, help="BAG_SURE for this run")
    ap.add_argument("--dress-by-colour", choices=("on", "off"), default=None, help="DRESS_BY_COLOUR for this run")
    ap.add_argument("--dress-tie", default=None, help="DRESS_TIE for this run (a number, or none)")
    ap.add_argument("--dress-gap", default=None, help="DRESS_GAP for this run (a number, or none)")
    ap.add_argument("--veto-keep", type=float, default=None, help="VETO_KEEP for this run")
    ap.add_argument("--bag-peak", default=None, help="BAG_PEAK for this run (a number, or none)")
    ap.add_argument("--top-class-veto", default=None, help="NET_CLASS_VETO['top'] for this run, e.g. bag:0.85|none")
    ap.add_argument("--closeup-scale", default=None, help="parser.CLOSEUP_SCALE for this run (a number, or none)")
    ap.add_argument("--closeup-top", type=float, default=None, help="parser.CLOSEUP_TOP for this run")
    ap.add_argument("--closeup-mix", type=float, default=None, help="parser.CLOSEUP_MIX for this run")
    ap.add_argument("--extra-scale", type=float, default=None, help="parser.EXTRA_SCALE for this run, e.g. 1.25")
    ap.add_argument("--product-text", default="", help="the product text every photo is sent with (e.g. bag)")
    ap.add_argument("--compare", action="store_true", help="score every choice per item in one run")
    ap.add_argument("--jobs", type=int, default=1, help="--compare: photos in parallel")
    args = ap.parse_args(argv)

    if not args.photos.is_dir():
        print(
            f"no photos at {args.photos}: garments-dev is not there (it lives in ../shared/data beside the "
            "repository); nothing was measured",
            file=sys.stderr,
        )
        return 2
    if args.onnx is not None and not args.onnx.is_file():
        print(f"no parser weights at {args.onnx}", file=sys.stderr)
        return 2
    labels_dir = args.labels or args.photos.parent / "labels"
    classes = args.classes or args.photos.parent / "classes.json"
    try:
        group_ids = load_group_ids(classes)
    except Exception as exc:
        print(f"cannot load classes: {exc}", file=sys.stderr)
        return 2

    photos = sorted(p for p in args.photos.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))[
        args.offset :: args.every
    ]
    if args.limit:
        photos = photos[: args.limit]
    if not photos:
        print("no photos", file=sys.stderr)
        return 2
    settings = _settings(args)
    print(f"photos: {len(photos)}  ({args.photos})")
    print("settings: " + ", ".join(f"{k} = {v}" for k, v in settings.items()))
    print()
    if args.compare:
        return _compare(photos, labels_dir, group_ids, settings, args.jobs)
    return _bench(photos, labels_dir, group_ids, settings, args)


def _items_arg(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return () if value.strip().lower() == "none" else tuple(v.strip() for v in value.split(",") if v.strip())


def _thresholds_arg(value: str | None) -> dict[str, float] | None:
    if value is None:
        return None
    pairs = [v.split(":") for v in value.split(",") if v.strip() and v.strip().lower() != "none"]
    return {k.strip(): float(t) for k, t in pairs}


def _number_or_none(value: str | None):
    """An option that takes a number or "none" (off): None when not given, "none" when off, else the number."""
    if value is None:
        return None
    return "none" if value.strip().lower() == "none" else float(value)


def _sizes_arg(value: str | None) -> tuple[tuple[int, int], ...] | None:
    if value is None:
        return None
    return tuple(tuple(int(n) for n in v.lower().split("x")) for v in value.split(",") if v.strip())


def _settings(args) -> dict:
    """The package's switches for this run: the options where given, else the package's own."""
    from workflows.studio import garments
    from workflows.studio.garments import cutouts, fusion, parser

    given = {
        "WEIGHTS": args.onnx.resolve() if args.onnx is not None else None,
        "EXTRA_WEIGHTS": None
        if args.extra_onnx is None
        else tuple(Path(v).resolve() for v in _items_arg(args.extra_onnx) or ()),
        "EXTRA_SHARE": _thresholds_arg(args.extra_share),
        "COLOUR_ITEMS": _items_arg(args.colour_items),
        "NET_VETO_ITEMS": _items_arg(args.veto_items),
        "FUSED_ITEMS": _items_arg(args.fused_items),
        "NET_OTHER_VETO": _thresholds_arg(args.other_veto),
        "NET_WEIGHT": args.net_weight,
        "NET_WEIGHT_BOTTOM": _number_or_none(args.net_weight_bottom),
        "LEARNED_ITEMS": _items_arg(args.learned_items),
        "FUSION_FILE": args.fusion_file.resolve() if args.fusion_file is not None else None,
        "GRABCUT_ITEMS": _items_arg(args.grabcut_items),
        "NET_DRESS": None if args.net_dress is None else args.net_dress == "on",
        "FLIP": None if args.flip is None else args.flip == "on",
        "SIZES": _sizes_arg(args.sizes),
        "PARSER_PARTS_WIN": None if args.parser_parts_win is None else args.parser_parts_win == "on",
        "BAG_PROB": None if args.bag_prob is None else (None if args.bag_prob == "none" else float(args.bag_prob)),
        "BAG_ON_PERSON": args.bag_on_person,
        "BAG_SURE": args.bag_sure,
        "DRESS_BY_COLOUR": None if args.dress_by_colour is None else args.dress_by_colour == "on",
        "DRESS_TIE": _number_or_none(args.dress_tie),
        "DRESS_GAP": _number_or_none(args.dress_gap),
        "VETO_KEEP": args.veto_keep,
        "BAG_PEAK": _number_or_none(args.bag_peak),
        "NET_CLASS_VETO": None
        if args.top_class_veto is None
        else {**garments.NET_CLASS_VETO, "top": _thresholds_arg(args.top_class_veto)},
        "CLOSEUP_SCALE": _number_or_none(args.closeup_scale),
        "CLOSEUP_TOP": args.closeup_top,
        "CLOSEUP_MIX": args.closeup_mix,
        "EXTRA_SCALE": args.extra_scale,
    }
    own = {
        "WEIGHTS": parser.WEIGHTS,
        "EXTRA_WEIGHTS": parser.EXTRA_WEIGHTS,
        "EXTRA_SHARE": parser.EXTRA_SHARE,
        "COLOUR_ITEMS": garments.COLOUR_ITEMS,
        "NET_VETO_ITEMS": garments.NET_VETO_ITEMS,
        "FUSED_ITEMS": garments.FUSED_ITEMS,
        "NET_OTHER_VETO": garments.NET_OTHER_VETO,
        "NET_WEIGHT": garments.NET_WEIGHT,
        "NET_WEIGHT_BOTTOM": garments.NET_WEIGHT_BOTTOM,
        "LEARNED_ITEMS": garments.LEARNED_ITEMS,
        "FUSION_FILE": fusion.COEFFICIENTS,
        "GRABCUT_ITEMS": cutouts.GRABCUT_ITEMS,
        "NET_DRESS": garments.NET_DRESS,
        "FLIP": parser.FLIP,
        "SIZES": parser.SIZES,
        "PARSER_PARTS_WIN": garments.PARSER_PARTS_WIN,
        "BAG_PROB": garments.BAG_PROB,
        "BAG_ON_PERSON": garments.BAG_ON_PERSON,
        "BAG_SURE": garments.BAG_SURE,
        "DRESS_BY_COLOUR": garments.DRESS_BY_COLOUR,
        "DRESS_TIE": garments.DRESS_TIE,
        "DRESS_GAP": garments.DRESS_GAP,
        "VETO_KEEP": garments.VETO_KEEP,
        "BAG_PEAK": garments.BAG_PEAK,
        "NET_CLASS_VETO": garments.NET_CLASS_VETO,
        "CLOSEUP_SCALE": parser.CLOSEUP_SCALE,
        "CLOSEUP_TOP": parser.CLOSEUP_TOP,
        "CLOSEUP_MIX": parser.CLOSEUP_MIX,
        "EXTRA_SCALE": parser.EXTRA_SCALE,
    }
    for k in ("DRESS_TIE", "DRESS_GAP", "CLOSEUP_SCALE", "BAG_PEAK", "NET_WEIGHT_BOTTOM"):
        if given[k] == "none":
            given[k], own[k] = None, None
    return {k: own[k] if v is None else v for k, v in given.items()}


def _apply(settings: dict) -> None:
    """Set the package's switches (in this process) and load the models."""
    from workflows.studio import garments
    from workflows.studio.garments import cutouts, fusion, parser

    parser.WEIGHTS = Path(settings["WEIGHTS"])
    parser.EXTRA_WEIGHTS = tuple(Path(p) for p in settings["EXTRA_WEIGHTS"])
    parser.EXTRA_SHARE = settings["EXTRA_SHARE"]
    garments.COLOUR_ITEMS = settings["COLOUR_ITEMS"]
    garments.NET_VETO_ITEMS = settings["NET_VETO_ITEMS"]
    garments.FUSED_ITEMS = settings["FUSED_ITEMS"]
    garments.NET_OTHER_VETO = settings["NET_OTHER_VETO"]
    garments.NET_WEIGHT = settings["NET_WEIGHT"]
    garments.NET_WEIGHT_BOTTOM = settings["NET_WEIGHT_BOTTOM"]
    garments.LEARNED_ITEMS = settings["LEARNED_ITEMS"]
    fusion.COEFFICIENTS = Path(settings["FUSION_FILE"])
    cutouts.GRABCUT_ITEMS = settings["GRABCUT_ITEMS"]
    garments.NET_DRESS = settings["NET_DRESS"]
    parser.FLIP = settings["FLIP"]
    parser.SIZES = settings["SIZES"]
    garments.PARSER_PARTS_WIN = settings["PARSER_PARTS_WIN"]
    garments.BAG_PROB = settings["BAG_PROB"]
    garments.BAG_ON_PERSON = settings["BAG_ON_PERSON"]
    garments.BAG_SURE = settings["BAG_SURE"]
    garments.DRESS_BY_COLOUR = settings["DRESS_BY_COLOUR"]
    garments.DRESS_TIE = settings["DRESS_TIE"]
    garments.DRESS_GAP = settings["DRESS_GAP"]
    garments.VETO_KEEP = settings["VETO_KEEP"]
    garments.BAG_PEAK = settings["BAG_PEAK"]
    garments.NET_CLASS_VETO = settings["NET_CLASS_VETO"]
    parser.CLOSEUP_SCALE = settings["CLOSEUP_SCALE"]
    parser.CLOSEUP_TOP = settings["CLOSEUP_TOP"]
    parser.CLOSEUP_MIX = settings["CLOSEUP_MIX"]
    parser.EXTRA_SCALE = settings["EXTRA_SCALE"]
    garments._get_models()


def _label_map(labels_dir: Path, photo: Path) -> np.ndarray:
    return np.asarray(Image.open(labels_dir / (photo.stem + ".png")))


# ---------------------------------------------------------------- the API path, timed


def _bench(photos, labels_dir, group_ids, settings, args) -> int:
    from workflows.studio.garments import NoItemsFound, extract_items

    _apply(settings)  # load once, outside the timing
    totals = Totals()
    seconds, cpu_seconds = [], []
    errors = 0
    returned = {"dress": 0}
    false_bags = no_bag = 0
    for p in photos:
        data = p.read_bytes()
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            items = extract_items(data, max_items=args.max_items, product_text=args.product_text)
        except NoItemsFound:
            items = []
        seconds.append(time.perf_counter() - t0)
        cpu_seconds.append(time.process_time() - c0)
        for k in returned:
            returned[k] += any(it.label == k for it in items)
        try:
            scores = score_photo(items, _label_map(labels_dir, p), group_ids)
        except Exception as exc:  # the scorer must not silently break
            print(f"scoring failed on {p.name}: {exc!r}", file=sys.stderr)
            errors += 1
            continue
        totals.add(scores)
        if not scores["bag"]["labelled"]:
            no_bag += 1
            false_bags += scores["bag"]["found"]
        if args.per_photo:
            print(p.stem, " ".join(f"{k}={scores[k]['iou']:.3f}" for k in ITEMS), flush=True)

    summ = totals.summary()
    print("| item | photos labelled | mean IoU | found | previous IoU | previous found | target IoU |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k in ITEMS:
        s = summ[k]
        if not s["n"]:
            print(f"| {k} | 0 | – | – | – | – | {TARGETS[k]} |")
            continue
        prev = f"{PREVIOUS[k][0]:.3f} | {100 * PREVIOUS[k][1]:.1f}%" if PREVIOUS[k] else "– | –"
        print(f"| {k} | {s['n']} | {s['mean_iou']:.3f} | {100 * s['found']:.1f}% | {prev} | {TARGETS[k]} |")
    print()
    print("returned: " + ", ".join(f"{k} on {n} of {len(photos)} photos" for k, n in returned.items()))
    print(f"false bags: a bag returned on {false_bags} of the {no_bag} photos without one")
    for what, values in (("seconds", seconds), ("CPU seconds (all threads)", cpu_seconds)):
        print(
            f"{what} per photo: median {statistics.median(values):.3f}, mean {statistics.mean(values):.3f}, "
            f"p90 {float(np.percentile(values, 90)):.3f}"
        )
    print(
        f"(single process, {os.cpu_count()} cores visible, {len(os.sched_getaffinity(0))} usable, "
        f"load average {os.getloadavg()[0]:.1f}; on a busy machine the CPU seconds are the closer estimate of one "
        "idle core)"
    )
    if errors:
        print(f"{errors} photo(s) could not be scored", file=sys.stderr)
        return 1
    return 0


# ---------------------------------------------------------------- --compare: every choice, one pass


def _compare(photos, labels_dir, group_ids, settings, jobs: int) -> int:
    tasks = [(p, labels_dir, group_ids) for p in photos]
    if jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(jobs, initializer=_apply, initargs=(settings,)) as pool:
            rows = list(pool.imap(_compare_photo_safe, tasks, chunksize=2))
    else:
        _apply(settings)
        rows = [_compare_photo_safe(t) for t in tasks]
    errors = [r for r in rows if isinstance(r, str)]
    for e in errors:
        print(e, file=sys.stderr)
    rows = [r for r in rows if not isinstance(r, str)]
    if rows:
        _compare_report(rows, len(photos))
    return 1 if errors or not rows else 0


def _compare_photo_safe(task):
    try:
        return _compare_photo(*task)
    except Exception as exc:  # reported, and the run fails, after the others
        return f"scoring failed on {task[0].name}: {exc!r}"


def _compare_photo(path: Path, labels_dir: Path, group_ids) -> dict:
    """Per choice: (labelled, found, IoU) of each part; full_outfit per combination of the parts' choices; bag;
    and the scores of every item when NET_DRESS on returns a dress here (None when it does not)."""
    from workflows.studio import garments as G
    from workflows.studio.garments import colour
    from workflows.studio.garments import parser as P
    from workflows.studio.garments.cutouts import make_item

    label_map = _label_map(labels_dir, path)
    shape = label_map.shape[:2]
    truth = truth_masks(label_map, group_ids)
    labelled = {k: bool(truth[k].any()) for k in ITEMS}
    try:
        photo = G.analyse(path.read_bytes())
    except G.NoItemsFound:
        return {"labelled": labelled, "parts": {}, "outfit": {}, "bag": None, "false_bag": False, "dress_alt": None}
    masks, soft, _, probs = G.parser_masks(photo, net_dress=False)
    post = colour.colour_posteriors(photo.small, photo.landmarks, photo.person_soft)
    c_masks, c_soft, _ = colour.colour_masks(photo.small, photo.landmarks, photo.person_soft, post)
    fused = colour.fuse(post, G.colour_classes(probs), G.NET_WEIGHT)
    f_masks, f_soft, _ = colour.colour_masks(photo.small, photo.landmarks, photo.person_soft, fused)
    veto = G.not_garment(probs)
    height = float(np.ptp(np.nonzero(photo.person_soft > 0.5)[0]) + 1)

    def placed(name, m, sm, grabcut):
        it = make_item(name, m, sm, 1.0, photo.full, photo.s, height, grabcut=grabcut)
        return place_mask(it.mask, it.bbox, shape)

    parts: dict[str, dict[str, np.ndarray | None]] = {}
    for k in PARTS:
        parts[k] = {}
        for choice, (source, vetoed, grabcut) in CHOICES.items():
            if source == "parser":
                parts[k][choice] = placed(k, masks[k], soft[k], grabcut) if k in masks else None
            elif source == "colour" and k in c_masks:
                m, sm = G.colour_item(c_masks[k], c_soft[k], veto if vetoed else None)
                parts[k][choice] = placed(k, m, sm, k in COLOUR_GRABCUT)
            elif source == "fused" and k in f_masks:
                other = 1.0 - probs[..., P.CLASS[k]] > G.NET_OTHER_VETO.get(k, OTHER_VETO)
                m, sm = G.colour_item(f_masks[k], f_soft[k], other if vetoed else None)
                parts[k][choice] = placed(k, m, sm, k in COLOUR_GRABCUT)
            else:
                parts[k][choice] = None
    outfit = {}
    for combo in itertools.product(CHOICES, repeat=len(PARTS)):
        got = [parts[k][c] for k, c in zip(PARTS, combo, strict=True) if parts[k][c] is not None]
        outfit[combo] = (bool(got), iou(np.logical_or.reduce(got), truth["full_outfit"]) if got else 0.0)
    bag = None
    if "bag" in masks:
        bag = iou(placed("bag", masks["bag"], soft["bag"], False), truth["bag"])
    dress_alt = None
    d_masks, d_soft, d_scores, _ = G.parser_masks(photo, net_dress=True)
    if "dress" in d_masks:
        # what NET_DRESS on returns here: the parser's items with a dress (the colour models know none)
        items = G.make_items(photo, d_masks, d_soft, d_scores, None, 6)
        dress_alt = {k: (v["found"], v["iou"]) for k, v in score_photo(items, label_map, group_ids).items()}
    part_scores = {
        k: {c: (m is not None, iou(m, truth[k]) if m is not None else 0.0) for c, m in parts[k].items()} for k in PARTS
    }
    return {
        "labelled": labelled,
        "parts": part_scores,
        "outfit": outfit,
        "bag": bag,
        "false_bag": "bag" in masks and not labelled["bag"],
        "dress_alt": dress_alt,
    }


def _mean_found(rows, item: str, score) -> tuple[int, float, float]:
    """(photos labelled, mean IoU, share found) of ``score(row) -> (found, IoU)`` over the labelled photos."""
    got = [score(r) for r in rows if r["labelled"][item]]
    if not got:
        return 0, float("nan"), float("nan")
    return len(got), float(np.mean([g[1] for g in got])), float(np.mean([g[0] for g in got]))


def _compare_report(rows: list[dict], n_photos: int) -> None:
    from workflows.studio import garments as G

    def part(k, c):
        return lambda r: r["parts"][k][c] if r["parts"] else (False, 0.0)

    def outfit(combo):
        return lambda r: r["outfit"][combo] if r["outfit"] else (False, 0.0)

    print("| item | photos labelled | " + " | ".join(CHOICES) + " | best |")
    print("|---|---:|" + "---:|" * (len(CHOICES) + 1))
    best = {}
    for k in PARTS:
        cells = {c: _mean_found(rows, k, part(k, c)) for c in CHOICES}
        best[k] = max(CHOICES, key=lambda c, cells=cells: cells[c][1])
        print(
            f"| {k} | {cells[best[k]][0]} | "
            + " | ".join(f"{v[1]:.3f} ({100 * v[2]:.1f}%)" for v in cells.values())
            + f" | {best[k]} |"
        )
    combos = {c: _mean_found(rows, "full_outfit", outfit(c)) for c in itertools.product(CHOICES, repeat=len(PARTS))}
    named = {
        "all parser": ("parser",) * 3,
        "all parser+GrabCut": ("parser+GrabCut",) * 3,
        "colour models (before this parser)": ("colour", "colour", "colour"),
        "best part by part": tuple(best[k] for k in PARTS),
        "best for full_outfit": max(combos, key=lambda c: combos[c][1]),
    }
    for name, combo in named.items():
        n, m, f = combos[combo]
        print(f"| full_outfit: {name} ({', '.join(combo)}) | {n} | {m:.3f} ({100 * f:.1f}%) |")
    n, m, f = _mean_found(rows, "bag", lambda r: (r["bag"] is not None, r["bag"] or 0.0))
    print(f"| bag (parser) | {n} | {m:.3f} ({100 * f:.1f}%) |")
    no_bag = sum(not r["labelled"]["bag"] for r in rows)
    print(f"\nfalse bags: a bag on {sum(r['false_bag'] for r in rows)} of the {no_bag} photos without one")
    print()

    chosen = named["best part by part"]
    alt = [r for r in rows if r["dress_alt"] is not None]
    print(f"NET_DRESS on: a dress returned on {len(alt)} of {n_photos} photos")
    for item in ("dress", "top", "bottom", "full_outfit"):
        n_l = sum(r["labelled"][item] for r in rows)
        if not n_l:
            print(f"  {item}: labelled on no photo")
            continue

        def with_dress(r, item=item):
            if r["dress_alt"] is not None:
                return r["dress_alt"][item]
            if item == "dress":
                return (False, 0.0)
            if item == "full_outfit":
                return outfit(chosen)(r)
            return part(item, chosen[PARTS.index(item)])(r)

        def without(r, item=item):
            if item == "dress":
                return (False, 0.0)
            if item == "full_outfit":
                return outfit(chosen)(r)
            return part(item, chosen[PARTS.index(item)])(r)

        on, off = _mean_found(rows, item, with_dress), _mean_found(rows, item, without)
        print(
            f"  {item}: NET_DRESS on {on[1]:.3f} ({100 * on[2]:.1f}% found), off {off[1]:.3f} "
            f"({100 * off[2]:.1f}%) over {on[0]} labelled photos (parts chosen as 'best part by part')"
        )
    print()
    colour_items = [k for k in PARTS if CHOICES[best[k]][0] in ("colour", "fused")]
    fused_items = [k for k in PARTS if CHOICES[best[k]][0] == "fused"]
    veto_items = [k for k in PARTS if CHOICES[best[k]][1] and CHOICES[best[k]][0] == "colour"]
    other_veto = {k: G.NET_OTHER_VETO.get(k, OTHER_VETO) for k in PARTS if best[k] == "fused−other"}
    grabcut = [k for k in PARTS if (CHOICES[best[k]][2] if CHOICES[best[k]][0] == "parser" else k in COLOUR_GRABCUT)]
    print(
        f"best part by part: COLOUR_ITEMS = {tuple(colour_items)}, FUSED_ITEMS = {tuple(fused_items)}, "
        f"NET_VETO_ITEMS = {tuple(veto_items)}, NET_OTHER_VETO = {other_veto}, GRABCUT_ITEMS = {tuple(grabcut)}"
    )


if __name__ == "__main__":
    sys.exit(main())
