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
    stems) for one split."""
    root = Path(root)
    stems = sorted(p.stem for p in (root / "photos").glob("*.jpg"))
    cache = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache = cache_dir / f"{root.name}_{size[0]}x{size[1]}_{len(stems)}_pose.npz"
        if cache.exists():
            d = np.load(cache)
            return d["images"], d["labels"], d["maps"], list(d["stems"])
    lut = label_lut(root / "classes.json")
    images = np.zeros((len(stems), size[1], size[0], 3), np.uint8)
    labels = np.zeros((len(stems), size[1], size[0]), np.uint8)
    maps = np.zeros((len(stems), size[1], size[0], N_POSE), np.float16)
    for i, s in enumerate(stems):
        bgr = cv2.imread(str(root / "photos" / f"{s}.jpg"), cv2.IMREAD_COLOR)
        lab = cv2.imread(str(root / "labels" / f"{s}.png"), cv2.IMREAD_UNCHANGED)
        images[i] = cv2.resize(bgr, size, interpolation=cv2.INTER_AREA)[:, :, ::-1]
        labels[i] = cv2.resize(lut[lab], size, interpolation=cv2.INTER_NEAREST)
        maps[i] = photo_pose_maps(bgr, size)
    if cache is not None:
        np.savez(cache, images=images, labels=labels, maps=maps, stems=np.array(stems))
    return images, labels, maps, stems


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
