"""A learned fusion of the colour models and the parser (workflows/studio/garments/fusion.py), fitted on
garments-train, scored on garments-dev.

Per pixel of the person, a tiny MLP (``--hidden``; 0 = logistic regression) over the colour models' log
posteriors, the parser's log class probabilities and the pose channels answers top / bottom / shoes / other,
which the colour models' labelling (column cuts, clean-up) then reads instead of the served fusion (geometric
mean, NET_WEIGHT, the vetoes). A fusion fitted on the committed parser's answers for garments-train learns the
parser's confidence on photos it was trained on, not on new ones (README): ``--fit-photos rest --fit-onnx FILE``
fits it on the photos of garments-train that a parser trained on the other part (``train_garments.py --photos
part``, same ``--part`` and ``--split-seed``) never saw, with that parser's answers.

    nice -n 10 .venv/bin/python training/fit_fusion.py [--hidden "0;16"] [--temperature 2] [--cross-dev]
        [--fit-photos rest --fit-onnx FILE [--fit-size 192x288] [--score-fitted]] [--mixed top,bottom]
        [--separates-only] [--onnx FILE] [--out FILE]

Runs the pipeline's pose, colour models and parser on every photo used (cached under /tmp by ``fusion_data``,
per parser), draws ``--pixels`` pixels of the person per photo fitted on, fits a tiny MLP (torch, seeded) to the
labels (top, bottom, shoes, other; a dress is top above the hips and bottom below them, as the pipeline serves
it), and prints, on garments-dev at the working resolution, the mean IoU of top, bottom, shoes and full outfit
labelled by the colour models from the learned posteriors beside the served fusion (geometric mean and vetoes),
on all photos and on each half (odd / even photos): with the served parser (what would be served) and, with
``--score-fitted``, with the ``--fit-onnx`` parser. ``--mixed`` also scores each learned fusion for some items
with the served fusion for the others. ``--temperature`` softens the parser's probabilities on the photos fitted
on; ``--cross-dev`` fits on one half of garments-dev and scores the other (a held-out check of the method, not a
model to serve). Saves the last ``--hidden``'s coefficients with ``--out`` (the file fusion.py loads).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import numpy as np
import torch
from fusion_data import analysed, parser_probs, photos_of
from garment_data import label_lut, photo_split

from bench.garment_scoring import iou, load_group_ids, truth_masks
from workflows.studio.garments.fusion import PERSON_MIN, features, posteriors

DATA = ROOT.parent / "shared" / "data"
PARTS = ("top", "bottom", "shoes")
SERVED = "served (geometric mean + vetoes)"


def targets(state: dict, lut: np.ndarray) -> np.ndarray:
    """Per pixel 0 top, 1 bottom, 2 shoes, 3 other (training classes; a dress split at the hips)."""
    cls = lut[state["label"]]
    below_hips = state["maps"][..., 1].astype(np.float32) * 3 >= 1.0
    out = np.full(cls.shape, 3, np.int64)
    out[cls == 2] = 0
    out[cls == 3] = 1
    out[cls == 4] = 2
    out[(cls == 5) & ~below_hips] = 0
    out[(cls == 5) & below_hips] = 1
    return out


def tempered(probs: np.ndarray, temperature: float) -> np.ndarray:
    """``probs`` ** (1 / temperature), renormalised: the parser is surer on the photos it was trained on than
    on new ones, and a fusion fitted on its sure answers would trust it too much."""
    if temperature == 1.0:
        return probs
    z = np.log(probs + 1e-6) / temperature
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def training_pixels(
    split_dir: Path, photos: list[Path], pixels: int, seed: int, separates_only: bool = False, temperature: float = 1.0
):
    """(features N × F, targets N) of ``pixels`` random person pixels per photo (``separates_only``: of the
    photos without a labelled dress; the parser's probabilities ``tempered``)."""
    lut = label_lut(split_dir / "classes.json")
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for photo in photos:
        try:
            state = analysed(photo, split_dir / "labels")
        except Exception:  # no person: the pipeline returns nothing there either
            continue
        if separates_only and (lut[state["label"]] == 5).any():
            continue
        probs = tempered(parser_probs(photo, state), temperature)
        idx = np.flatnonzero(state["person_soft"].ravel() > PERSON_MIN)
        idx = rng.choice(idx, min(pixels, len(idx)), replace=False)
        n = state["person_soft"].size
        xs.append(
            features(
                state["post"].reshape(n, -1)[idx],
                probs.reshape(n, -1)[idx],
                state["maps"].reshape(n, -1)[idx],
                state["person_soft"].ravel()[idx],
            )
        )
        ys.append(targets(state, lut).ravel()[idx])
    return np.concatenate(xs), np.concatenate(ys)


def fit(x: np.ndarray, y: np.ndarray, hidden: tuple[int, ...], seed: int, epochs: int = 12) -> dict:
    """An MLP (``hidden`` ReLU layers) fitted by Adam on the cross-entropy; numpy parameters for fusion.mlp."""
    torch.manual_seed(seed)
    mean, std = x.mean(0), x.std(0) + 1e-6
    sizes = (x.shape[1], *hidden, 4)
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:], strict=True):
        layers += [torch.nn.Linear(a, b), torch.nn.ReLU()]
    net = torch.nn.Sequential(*layers[:-1])
    opt = torch.optim.Adam(net.parameters(), lr=3e-3, weight_decay=1e-5)
    xt = torch.from_numpy(((x - mean) / std).astype(np.float32))
    yt = torch.from_numpy(y)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for _ in range(epochs):
        for batch in torch.randperm(len(xt)).split(4096):
            loss = torch.nn.functional.cross_entropy(net(xt[batch]), yt[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
    linear = [m for m in net if isinstance(m, torch.nn.Linear)]
    params = {"mean": mean.astype(np.float32), "std": std.astype(np.float32), "layers": np.array([len(linear)])}
    for i, m in enumerate(linear):
        params[f"w{i}"] = m.weight.detach().numpy().T.copy()
        params[f"b{i}"] = m.bias.detach().numpy().copy()
    return params


def served_masks(state: dict, probs: np.ndarray, learned: dict | None) -> dict:
    """Top, bottom, shoes as the pipeline labels them at the working size: from the learned posteriors
    (``learned`` parameters) or, with None, from the served fusion (geometric mean, then the vetoes)."""
    from workflows.studio import garments as G
    from workflows.studio.garments import colour

    maps = state["maps"].astype(np.float32)
    post = state["post"].astype(np.float32)
    split = G._one_piece_or_parts(probs, maps, one_piece=False)
    if learned is None:
        fused = colour.fuse(post, G.colour_classes(split), G.NET_WEIGHT)
    else:
        fused = posteriors(post, probs, maps, state["person_soft"], learned)
    masks, soft, _ = colour.colour_masks(state["small"], state["landmarks"], state["person_soft"], fused)
    for k in list(masks):
        veto = G.item_veto(k, split) if learned is None else None
        masks[k] = G.colour_item(masks[k], soft[k], veto)[0]
    return masks


def dev_scores(dev_dir: Path, variants: dict, photos: list[Path], mixed: tuple[str, ...] = ()) -> dict:
    """Per variant: per photo the IoU of top, bottom, shoes, full outfit (working resolution); with ``mixed``
    items, also each learned variant for those items beside the served fusion for the others."""
    groups = load_group_ids(dev_dir / "classes.json")
    out = {}
    for photo in photos:
        try:
            state = analysed(photo, dev_dir / "labels")
        except Exception:
            continue
        truth = truth_masks(state["label"], groups)
        probs = parser_probs(photo, state)
        by_variant = {name: served_masks(state, probs, learned) for name, learned in variants.items()}
        served = by_variant[SERVED]
        if mixed:
            for name in variants:
                if name != SERVED:
                    masks = {k: (by_variant[name] if k in mixed else served).get(k) for k in PARTS}
                    by_variant[f"{name} for {','.join(mixed)}, served for the rest"] = {
                        k: m for k, m in masks.items() if m is not None
                    }
        for name, masks in by_variant.items():
            row = {k: iou(masks[k], truth[k]) if k in masks else 0.0 for k in PARTS}
            got = [masks[k] for k in PARTS if k in masks]
            row["full_outfit"] = iou(np.logical_or.reduce(got), truth["full_outfit"]) if got else 0.0
            out.setdefault(name, []).append(row)
    return out


def report(scores: dict) -> None:
    items = (*PARTS, "full_outfit")
    print("| variant | " + " | ".join(items) + " | odd half | even half |")
    for name, rows in scores.items():
        cells = [f"{np.mean([r[k] for r in rows]):.3f}" for k in items]
        halves = [" / ".join(f"{np.mean([r[k] for r in rows[h::2]]):.3f}" for k in items) for h in (0, 1)]
        print(f"| {name} | " + " | ".join(cells) + f" | {halves[0]} | {halves[1]} |", flush=True)


@contextlib.contextmanager
def using_parser(onnx: Path | None, size: str | None):
    """Run the pipeline with the parser ``onnx`` (None: the committed file) at ``size`` (``WxH``; None: the
    parser's input size) inside the block."""
    from workflows.studio.garments import parser

    saved = parser.WEIGHTS, parser.SIZES, parser._net, parser.EXTRA_WEIGHTS
    parser.WEIGHTS = saved[0] if onnx is None else onnx.resolve()
    parser.SIZES = saved[1] if size is None else (tuple(int(v) for v in size.split("x")),)
    parser.EXTRA_WEIGHTS = saved[3] if onnx is None else ()  # that parser alone: the committed ones saw the photos
    parser._net = None
    try:
        yield
    finally:
        parser.WEIGHTS, parser.SIZES, parser._net, parser.EXTRA_WEIGHTS = saved


def fitted(args, split_dir: Path, photos: list[Path]) -> dict:
    x, y = training_pixels(split_dir, photos, args.pixels, args.seed, args.separates_only, args.temperature)
    print(
        f"training pixels: {len(y)} of {len(photos)} photos (top, bottom, shoes, other: "
        f"{np.bincount(y, minlength=4).tolist()})",
        flush=True,
    )
    variants = {SERVED: None}
    for spec in args.hidden.split(";"):
        hidden = tuple(int(v) for v in spec.split(",") if int(v) > 0)
        variants[f"learned {spec}"] = fit(x, y, hidden, args.seed)
    return variants


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--pixels", type=int, default=3000)
    ap.add_argument("--hidden", default="16", help="hidden layer sizes, e.g. 16 or 32,16 (0: logistic)")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--onnx", type=Path, default=None, help="the served parser (default: the committed file)")
    ap.add_argument(
        "--fit-photos",
        choices=("all", "rest"),
        default="all",
        help="the garments-train photos fitted on: all, or the rest of train_garments.py's --photos split",
    )
    ap.add_argument("--part", type=float, default=2 / 3, help="as train_garments.py's, for --fit-photos rest")
    ap.add_argument("--split-seed", type=int, default=16, help="as train_garments.py's, for --fit-photos rest")
    ap.add_argument(
        "--fit-onnx", type=Path, default=None, help="the parser run on the photos fitted on (default: --onnx)"
    )
    ap.add_argument("--fit-size", default=None, help="WxH the --fit-onnx parser runs at (default: 256x384)")
    ap.add_argument("--score-fitted", action="store_true", help="also score garments-dev with the --fit-onnx parser")
    ap.add_argument("--temperature", type=float, default=1.0, help="the parser's, on the photos fitted on")
    ap.add_argument("--separates-only", action="store_true", help="fit on the photos without a dress")
    ap.add_argument("--cross-dev", action="store_true", help="fit on one garments-dev half, score the other")
    ap.add_argument("--mixed", default="", help="also score each learned fusion for these items (e.g. top,bottom) only")
    ap.add_argument("--out", type=Path, default=None, help="save the last --hidden's coefficients here (.npz)")
    args = ap.parse_args(argv)
    mixed = tuple(k for k in args.mixed.split(",") if k)
    torch.set_num_threads(1)
    dev = args.data / "garments-dev"
    if args.cross_dev:  # held-out check of the method on dev itself: fit on one half, score the other
        with using_parser(args.onnx, None):
            halves = [photos_of(dev)[h::2] for h in (0, 1)]
            scores = [dev_scores(dev, fitted(args, dev, halves[1 - h]), halves[h], mixed) for h in (0, 1)]
        # back in photo order (the first, third, ... photo were scored by the fusion fitted on the others)
        report({k: [r for pair in zip(scores[0][k], scores[1][k], strict=False) for r in pair] for k in scores[0]})
        return 0
    train = args.data / "garments-train"
    keep = set(photo_split(train, args.fit_photos, args.part, args.split_seed))
    fit_photos = [p for p in photos_of(train) if p.stem in keep]
    fit_onnx = args.fit_onnx or args.onnx
    with using_parser(fit_onnx, args.fit_size):
        variants = fitted(args, train, fit_photos)
    if args.out is not None:
        np.savez(args.out, **variants[f"learned {args.hidden.split(';')[-1]}"])
        print(f"saved {args.out}")
    scorers = {f"served parser ({(args.onnx or Path('garment_parser.onnx')).name})": (args.onnx, None)}
    if args.fit_onnx is not None and args.score_fitted:
        scorers[f"the fitted-on parser ({args.fit_onnx.name} at {args.fit_size or 'its input size'})"] = (
            args.fit_onnx,
            args.fit_size,
        )
    for title, (onnx, size) in scorers.items():
        print(f"garments-dev, {title}:")
        with using_parser(onnx, size):
            report(dev_scores(dev, variants, photos_of(dev), mixed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
