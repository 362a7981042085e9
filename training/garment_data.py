"""Data for the garment parser: the label grouping, the cached dataset and the augmentation.

The photos are read from ``../shared/data/garments-{train,dev}`` (Clothing Co-Parsing); nothing here is
written into the repository. ``load_split`` resizes each photo and label map once and keeps them in memory
(and in a ``.npz`` cache under /tmp), so an epoch only pays for augmentation and the network.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import cv2
import numpy as np

# What the network sees and answers is defined once, where inference reads it.
from workflows.studio.garments.parser import CLASSES, INPUT_H, INPUT_W, MEAN, N_POSE, STD, pose_maps  # noqa: F401


def cache_size(w: int, h: int) -> tuple[int, int]:
    """The cached photos' size for input ``w`` × ``h``: 7/6 of it (multiples of 8), a little larger than the
    input so scale augmentation rarely upsamples."""
    return round(w * 7 / 48) * 8, round(h * 7 / 48) * 8


CACHE_W, CACHE_H = cache_size(INPUT_W, INPUT_H)


def set_input_size(w: int, h: int) -> None:
    """Train at ``w`` × ``h`` instead of the parser's INPUT_W × INPUT_H (the network is fully convolutional)."""
    global INPUT_W, INPUT_H, CACHE_W, CACHE_H
    INPUT_W, INPUT_H = w, h
    CACHE_W, CACHE_H = cache_size(w, h)


# Dataset groups (classes.json) → index in CLASSES.
GROUP_TO_CLASS = {
    "body": 1,
    "top": 2,
    "bottom": 3,
    "shoes": 4,
    "dress": 5,
    "bag": 6,
    "hosiery": 7,
    "accessory": 7,
    "other": 7,
}
LABEL_TO_CLASS_OVERRIDES = {"suit": 2}  # a suit jacket is a top; suits are rare and count in full_outfit


def label_lut(classes_json: Path) -> np.ndarray:
    """A 256-entry table from the dataset's label index to a training class."""
    cls = json.loads(Path(classes_json).read_text())
    index = {n: i for i, n in enumerate(cls["names"])}
    lut = np.zeros(256, np.uint8)
    for group, names in cls["groups"].items():
        for n in names:
            lut[index[n]] = GROUP_TO_CLASS.get(group, 7)
    for n, c in LABEL_TO_CLASS_OVERRIDES.items():
        if n in index:
            lut[index[n]] = c
    return lut


def photo_split(root: Path, photos: str, fraction: float = 2 / 3, seed: int = 16) -> list[str]:
    """The stems of ``root``'s photos in one part of a seeded split: ``all``, ``part`` (``fraction`` of the
    photos with a labelled bottom and ``fraction`` of the others, drawn at random with ``seed``) or ``rest`` (the
    others). A parser trained on ``part`` labels ``rest`` as it labels photos it never saw, which is what a
    fusion fitted on its answers must learn from (training/fit_fusion.py)."""
    root = Path(root)
    stems = sorted(p.stem for p in (root / "photos").glob("*.jpg"))
    if photos == "all":
        return stems
    if photos not in ("part", "rest"):
        raise ValueError(f"photos must be all, part or rest, not {photos!r}")
    lut = label_lut(root / "classes.json")
    bottom = GROUP_TO_CLASS["bottom"]
    has_bottom = [
        bool((lut[cv2.imread(str(root / "labels" / f"{s}.png"), cv2.IMREAD_UNCHANGED)] == bottom).any()) for s in stems
    ]
    rng = np.random.default_rng(seed)
    chosen = set()
    for stratum in (True, False):
        members = [s for s, b in zip(stems, has_bottom, strict=True) if b == stratum]
        chosen.update(rng.permutation(members)[: round(fraction * len(members))].tolist())
    return [s for s in stems if (s in chosen) == (photos == "part")]


def photo_pose_maps(bgr: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """The pose channels of one photo at ``size``, from the pose model run as inference runs it (~512 px copy)."""
    from workflows.studio.garments import WORK_SIDE
    from workflows.studio.garments.pose import detect_person

    h, w = bgr.shape[:2]
    s = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(bgr, (round(w * s), round(h * s)), interpolation=cv2.INTER_AREA)[:, :, ::-1]
    landmarks, soft = detect_person(np.ascontiguousarray(small))
    if landmarks is not None:
        landmarks = landmarks.copy()
        landmarks[:, 0] *= size[0] / small.shape[1]
        landmarks[:, 1] *= size[1] / small.shape[0]
    return pose_maps(landmarks, soft, (size[1], size[0]))


def load_split(root: Path, size: tuple[int, int], cache_dir: Path | None = Path("/tmp/garments_cache")):
    """(images uint8 N×H×W×3 RGB, labels uint8 N×H×W training classes, pose maps float16 N×H×W×N_POSE,
    stems, scarves bool N×H×W) for one split. ``scarves`` keeps the dataset's ``scarf`` label, which the
    training classes fold into ``other`` (the scarf paste, ``paste_scarf``, cuts from it); the cache's name
    carries its version (``_pose2``: with the scarves), and the other arrays are built as before."""
    root = Path(root)
    stems = sorted(p.stem for p in (root / "photos").glob("*.jpg"))
    cache = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = cache_dir / f"{root.name}_{size[0]}x{size[1]}_{len(stems)}_pose2.npz"
        if cache.exists():
            d = np.load(cache)
            return d["images"], d["labels"], d["maps"], list(d["stems"]), d["scarves"]
    lut = label_lut(root / "classes.json")
    names = json.loads((root / "classes.json").read_text())["names"]
    scarf = names.index("scarf") if "scarf" in names else -1
    images = np.zeros((len(stems), size[1], size[0], 3), np.uint8)
    labels = np.zeros((len(stems), size[1], size[0]), np.uint8)
    maps = np.zeros((len(stems), size[1], size[0], N_POSE), np.float16)
    scarves = np.zeros((len(stems), size[1], size[0]), bool)
    for i, s in enumerate(stems):
        bgr = cv2.imread(str(root / "photos" / f"{s}.jpg"), cv2.IMREAD_COLOR)
        lab = cv2.imread(str(root / "labels" / f"{s}.png"), cv2.IMREAD_UNCHANGED)
        images[i] = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)[:, :, ::-1]
        labels[i] = cv2.resize(lut[lab], size, interpolation=cv2.INTER_NEAREST)
        scarves[i] = cv2.resize((lab == scarf).astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
        maps[i] = photo_pose_maps(bgr, size)
    if cache is not None:
        np.savez(cache, images=images, labels=labels, maps=maps, stems=np.array(stems), scarves=scarves)
    return images, labels, maps, stems, scarves


# --paste: what is cut from another training photo and pasted over this one's garments, as (class, draw weight,
# smallest share of each side of the cut region kept). The occluders the twelfth run found the top losing to —
# a bag, a scarf or other accessory (``other``), an arm or hair (``body``) — are pasted whole or in part; another
# photo's top in part, as an open coat's panel or a sleeve over this one's top.
PASTE_KINDS = (("bag", 0.3, 1.0), ("other", 0.25, 0.6), ("body", 0.15, 0.4), ("top", 0.3, 0.4))
PASTE_ONTO = ("top", "bottom", "dress")  # where the cut-out is centred: on the top with PASTE_ON_TOP, else any
PASTE_ON_TOP = 0.6
PASTE_MIN_AREA = 0.002  # of the photo: smaller regions are not cut


def cut_region(src_lab: np.ndarray, cls: int, keep: float, rng: np.random.Generator):
    """One connected region of class ``cls`` in ``src_lab`` (drawn among those of at least PASTE_MIN_AREA of the
    photo), cropped to a random box keeping ``keep``–100 % of each side: (x, y, boolean mask) or None."""
    min_area = PASTE_MIN_AREA * src_lab.size
    n, comp, stats, _ = cv2.connectedComponentsWithStats((src_lab == cls).astype(np.uint8), connectivity=8)
    big = [i for i in range(1, n) if stats[i, cv2.CC_STAT_AREA] >= min_area]
    if not big:
        return None
    i = big[int(rng.integers(len(big)))]
    x, y, w, h = (int(v) for v in stats[i, :4])
    cw, ch = max(1, round(w * rng.uniform(keep, 1.0))), max(1, round(h * rng.uniform(keep, 1.0)))
    cx, cy = x + int(rng.integers(w - cw + 1)), y + int(rng.integers(h - ch + 1))
    part = comp[cy : cy + ch, cx : cx + cw] == i
    return (cx, cy, part) if part.sum() >= min_area else None


def paste_target(lab: np.ndarray, rng: np.random.Generator):
    """The pixel (x, y) of ``lab`` a pasted region is centred on: on the top (PASTE_ON_TOP of the time, when
    there is one), else on any garment of PASTE_ONTO; None when there is no garment."""
    top = lab == CLASSES.index("top")
    where = top if top.any() and rng.random() < PASTE_ON_TOP else np.isin(lab, [CLASSES.index(c) for c in PASTE_ONTO])
    ys, xs = np.nonzero(where)
    if not len(ys):
        return None
    k = int(rng.integers(len(ys)))
    return int(xs[k]), int(ys[k])


def paste_object(img, lab, src_img, src_lab, rng: np.random.Generator):
    """``img``/``lab`` with a region of another photo (``src_img``/``src_lab``, the same size) pasted over its
    garments (``--paste``): a kind drawn from PASTE_KINDS (the next kind when the source has none), its region
    cut (``cut_region``), scaled by 0.75–1.25, flipped half the time, centred on ``paste_target`` and clipped at
    the border; the image takes the source's pixels under the mask (edges softened by a pixel) and the labels
    its class. The pose maps are not touched (the caller keeps this photo's): the person behind stays where it
    was, as the pose model finds a person behind a held bag or a scarf, and the person channel under a pasted
    object stays the person's, as at inference where what is held or worn lies inside the person mask; the
    source's maps would draw a fragment of another body."""
    weights = np.array([k[1] for k in PASTE_KINDS])
    for i in rng.choice(len(PASTE_KINDS), size=len(PASTE_KINDS), replace=False, p=weights / weights.sum()):
        name, _, keep = PASTE_KINDS[i]
        cut = cut_region(src_lab, CLASSES.index(name), keep, rng)
        if cut is not None:
            break
    else:
        return img, lab
    target = paste_target(lab, rng)
    if target is None:
        return img, lab
    x, y, part = cut
    ph, pw = part.shape
    s = math.exp(rng.uniform(math.log(0.75), math.log(1.25)))
    s = min(s, 0.6 * lab.shape[1] / pw, 0.6 * lab.shape[0] / ph)
    nw, nh = max(1, round(pw * s)), max(1, round(ph * s))
    patch = cv2.resize(src_img[y : y + ph, x : x + pw], (nw, nh), interpolation=cv2.INTER_LINEAR)
    alpha = cv2.resize(part.astype(np.float32), (nw, nh), interpolation=cv2.INTER_LINEAR)
    if rng.random() < 0.5:
        patch, alpha = patch[:, ::-1], alpha[:, ::-1]
    return _blend(img, lab, patch, alpha, (target[0] - nw // 2, target[1] - nh // 2), CLASSES.index(name))


# --paste-scarf: a scarf as large as the ones the top is lost to (the finding after the thirteenth run: 19 dev photos
# with a scarf over 1 % of the photo score top 0.53 against 0.84) is cut whole from a photo that has one and draped
# where it hung on its own wearer, relative to the neck (the shoulders' midpoint) in torso lengths.
SCARF_MIN_AREA = 0.01  # of the photo: a source photo's scarf at least this large


def scarf_sources(scarves: np.ndarray) -> np.ndarray:
    """Indices of the photos whose ``scarf`` label (``load_split``'s scarves) covers SCARF_MIN_AREA or more."""
    return np.flatnonzero(scarves.reshape(len(scarves), -1).mean(1) >= SCARF_MIN_AREA)


def neck_anchor(lab: np.ndarray, maps: np.ndarray | None):
    """(x, y, torso length in px) of the neck: from the pose maps (the row where the body coordinate is 0, the
    centre line's column on it, the rows from shoulders to hips), else from the labels (the upper edge of the
    top — of the dress without one — at the mean column of its upper fifth; the top's height, half the
    dress's); None without either."""
    if maps is not None and maps[..., 0].any():
        col = maps[:, 0, 1].astype(np.float32)
        y0, y1 = (float(np.interp(v, col, np.arange(len(col)))) for v in (0.0, 1 / 3))
        row = maps[min(len(col) - 1, max(0, round(y0))), :, 2].astype(np.float32)
        if col[0] < 0 < y1 - y0 and row.min() < 0 < row.max():
            return float(np.interp(0.0, row, np.arange(len(row)))), y0, y1 - y0
    for name, share in (("top", 1.0), ("dress", 0.5)):
        ys, xs = np.nonzero(lab == CLASSES.index(name))
        if len(ys):
            height = int(ys.max() - ys.min() + 1)
            upper = ys < ys.min() + max(1, height // 5)
            return float(xs[upper].mean()), float(ys.min()), max(4.0, share * height)
    return None


def paste_scarf(img, lab, maps, source, rng: np.random.Generator):
    """``img``/``lab`` (pose ``maps``) with the scarf of ``source`` (image, labels, pose maps, scarf mask; the
    same size) pasted over the neck and the upper top: cut whole, scaled by the torso lengths' ratio times
    0.85–1.15, recoloured (a random hue, value ×0.7–1.3), flipped half the time, placed at the offset from the
    neck it had on its wearer (``neck_anchor``; both from the pose maps when both have a pose, else both from
    the labels) moved by up to a tenth of a torso, and labelled ``other`` (the training class of a scarf).
    The photo as it was when the source's scarf is under SCARF_MIN_AREA or either neck is not found."""
    src_img, src_lab, src_maps, src_scarf = source
    ys, xs = np.nonzero(src_scarf)
    poses = maps is not None and src_maps is not None and maps[..., 0].any() and src_maps[..., 0].any()
    here, there = neck_anchor(lab, maps if poses else None), neck_anchor(src_lab, src_maps if poses else None)
    if len(ys) < SCARF_MIN_AREA * src_scarf.size or here is None or there is None:
        return img, lab
    x0, y0, x1, y1 = int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1
    s = here[2] / there[2] * math.exp(rng.uniform(math.log(0.85), math.log(1.15)))
    s = min(max(s, 0.5), 2.0, 0.8 * lab.shape[1] / (x1 - x0), 0.8 * lab.shape[0] / (y1 - y0))
    nw, nh = max(1, round((x1 - x0) * s)), max(1, round((y1 - y0) * s))
    hsv = cv2.cvtColor(np.ascontiguousarray(src_img[y0:y1, x0:x1]), cv2.COLOR_RGB2HSV).astype(np.float32)
    hsv[..., 0] = (hsv[..., 0] + int(rng.integers(180))) % 180
    hsv[..., 2] = np.clip(hsv[..., 2] * rng.uniform(0.7, 1.3), 0, 255)
    patch = cv2.resize(cv2.cvtColor(hsv.astype(np.uint8), cv2.COLOR_HSV2RGB), (nw, nh), interpolation=cv2.INTER_LINEAR)
    alpha = cv2.resize(src_scarf[y0:y1, x0:x1].astype(np.float32), (nw, nh), interpolation=cv2.INTER_LINEAR)
    dx = x0 - there[0]
    if rng.random() < 0.5:
        patch, alpha, dx = patch[:, ::-1], alpha[:, ::-1], there[0] - x1
    jx, jy = (rng.uniform(-0.1, 0.1) * here[2] for _ in range(2))
    corner = (round(here[0] + dx * s + jx), round(here[1] + (y0 - there[1]) * s + jy))
    return _blend(img, lab, patch, alpha, corner, CLASSES.index("other"))


def _blend(img, lab, patch, alpha, corner: tuple[int, int], cls: int):
    """Paste ``patch`` with ``alpha`` (0–1) at ``corner`` (x, y; may be off the image), labels ``cls`` where
    alpha ≥ 0.5."""
    h, w = lab.shape
    x0, y0 = corner
    ax, ay = max(0, -x0), max(0, -y0)
    bx, by = min(patch.shape[1], w - x0), min(patch.shape[0], h - y0)
    if bx <= ax or by <= ay:
        return img, lab
    a = alpha[ay:by, ax:bx]
    soft = cv2.GaussianBlur(np.ascontiguousarray(a), (0, 0), 0.7)[..., None] * (a[..., None] > 0)
    out, out_lab = img.copy(), lab.copy()
    region = (slice(y0 + ay, y0 + by), slice(x0 + ax, x0 + bx))
    out[region] = np.round(out[region] * (1 - soft) + patch[ay:by, ax:bx] * soft).astype(np.uint8)
    out_lab[region][a >= 0.5] = cls
    return out, out_lab


def augment(img: np.ndarray, lab: np.ndarray, maps: np.ndarray, rng: np.random.Generator):
    """One random view at the network size (image, labels, pose maps): flip, scale, rotation, shift, colour,
    blur, noise; the pose maps move with the image (and the centre-line distance changes sign on a flip)."""
    h, w = lab.shape
    s = math.exp(rng.uniform(math.log(0.65), math.log(1.35))) * min(INPUT_W / w, INPUT_H / h)
    a = math.radians(rng.uniform(-10, 10))
    flip = rng.random() < 0.5
    cx, cy = w / 2 + rng.uniform(-0.12, 0.12) * w, h / 2 + rng.uniform(-0.10, 0.10) * h
    ca, sa = math.cos(a) * s, math.sin(a) * s
    fx = -1.0 if flip else 1.0
    # x' = R·S·F·(x - c) + centre of the output
    m = np.array([[ca * fx, -sa, 0.0], [sa * fx, ca, 0.0]], np.float32)
    m[:, 2] = np.array([INPUT_W / 2, INPUT_H / 2]) - m[:, :2] @ np.array([cx, cy])
    out_img = cv2.warpAffine(
        img,
        m,
        (INPUT_W, INPUT_H),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=tuple(float(v) for v in MEAN),
    )
    out_lab = cv2.warpAffine(
        lab, m, (INPUT_W, INPUT_H), flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_CONSTANT, borderValue=0
    )
    out_maps = cv2.warpAffine(
        maps.astype(np.float32),
        m,
        (INPUT_W, INPUT_H),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=0,
    )
    if flip:
        out_maps[..., 2] *= -1
    x = out_img.astype(np.float32)
    if rng.random() < 0.8:  # brightness, contrast, saturation, hue
        x = x * rng.uniform(0.65, 1.35) + rng.uniform(-25, 25)
        mean = x.mean()
        x = (x - mean) * rng.uniform(0.7, 1.3) + mean
        grey = x.mean(axis=2, keepdims=True)
        x = grey + (x - grey) * rng.uniform(0.5, 1.5)
        x = np.clip(x, 0, 255)
        if rng.random() < 0.5:
            hsv = cv2.cvtColor(x.astype(np.uint8), cv2.COLOR_RGB2HSV)
            hsv[:, :, 0] = ((hsv[:, :, 0].astype(np.int16) + int(rng.integers(-12, 13))) % 180).astype(np.uint8)
            x = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB).astype(np.float32)
    if rng.random() < 0.1:
        x = np.repeat(x.mean(axis=2, keepdims=True), 3, axis=2)
    if rng.random() < 0.2:
        x = cv2.GaussianBlur(x, (0, 0), rng.uniform(0.5, 1.5))
    if rng.random() < 0.2:
        x = x + rng.normal(0, rng.uniform(2, 8), x.shape).astype(np.float32)
    return np.clip(x, 0, 255).astype(np.uint8), out_lab, out_maps


def to_input(rgb: np.ndarray, maps: np.ndarray) -> np.ndarray:
    """uint8 H×W×3 RGB and its pose maps → float32 (3 + N_POSE)×H×W, as parser.network_input builds it."""
    return np.concatenate([(rgb.astype(np.float32) - MEAN) / STD, maps.astype(np.float32)], axis=2).transpose(2, 0, 1)


def fit_to_input(rgb: np.ndarray, lab: np.ndarray, maps: np.ndarray):
    """Resize keeping the aspect and pad (centred) to the network size (validation)."""
    h, w = rgb.shape[:2]
    s = min(INPUT_W / w, INPUT_H / h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    x0, y0 = (INPUT_W - nw) // 2, (INPUT_H - nh) // 2
    img = np.empty((INPUT_H, INPUT_W, 3), np.uint8)
    img[:] = MEAN.astype(np.uint8)
    img[y0 : y0 + nh, x0 : x0 + nw] = cv2.resize(rgb, (nw, nh), interpolation=cv2.INTER_AREA)
    out = np.zeros((INPUT_H, INPUT_W), np.uint8)
    out[y0 : y0 + nh, x0 : x0 + nw] = cv2.resize(lab, (nw, nh), interpolation=cv2.INTER_NEAREST)
    out_maps = np.zeros((INPUT_H, INPUT_W, N_POSE), np.float32)
    out_maps[y0 : y0 + nh, x0 : x0 + nw] = cv2.resize(maps.astype(np.float32), (nw, nh), interpolation=cv2.INTER_AREA)
    return img, out, out_maps
