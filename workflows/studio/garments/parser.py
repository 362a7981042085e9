"""The learned garment parser: a compact U-Net trained on Clothing Co-Parsing (see training/ and the README),
run by OpenCV's DNN module from ``garment_parser.onnx`` beside this file, its answer averaged with a second
parser's (``garment_parser_lite.onnx``: ``EXTRA_WEIGHTS``, ``EXTRA_SHARE``), the shoes also seen closer on a crop
of the lower legs (``closeup``). No GPU and no download.

The network sees the person box (from the pose) resized to ``INPUT_W`` × ``INPUT_H`` with the aspect kept and
the rest filled with the mean colour, exactly as it was trained, plus three channels drawn from the pose
(``pose_maps``): the person mask, where each row is along the body (shoulders 0, hips 1, knees 2, ankles 3)
and how far each pixel is from the body's centre line; it answers per-pixel class probabilities.
"""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "garment_parser.onnx"
INPUT_W, INPUT_H = 256, 384
MEAN = np.array([124.0, 116.0, 104.0], np.float32)  # RGB
STD = np.array([58.0, 57.0, 57.0], np.float32)
# Output channels, in order (training/garment_data.py groups the dataset's 58 labels into these).
CLASSES = ("background", "body", "top", "bottom", "shoes", "dress", "bag", "other")
CLASS = {name: i for i, name in enumerate(CLASSES)}

N_POSE = 3  # pose channels after the three colour channels
# Also run the network on the mirrored input and average the two answers (it was trained with mirroring). Off:
# +0.000-0.006 IoU per item on a garments-dev subset for twice the network's time.
FLIP = False
# The sizes (w, h; multiples of 32, aspect INPUT_W / INPUT_H) the network labels the person box at; with more than
# one, their probabilities are averaged at the largest. The network is fully convolutional and was trained on
# views scaled 0.65-1.35 times the input size, so a larger one sees the same person in more detail.
SIZES: tuple[tuple[int, int], ...] = ((INPUT_W, INPUT_H),)

# More parser files whose probabilities are averaged with WEIGHTS' (an ensemble of differently built parsers),
# each run on the same input; empty: WEIGHTS alone. The second parser (an EfficientNet-Lite0 encoder from ImageNet
# weights with a U-Net decoder, trained here at 192×288 and fine-tuned at 256×384, README) averaged with the first
# took garments-dev's bottom and bags up on both halves of the photos; since its fine-tune it leads the average.
EXTRA_WEIGHTS: tuple[Path, ...] = (Path(__file__).resolve().parent / "garment_parser_lite.onnx",)
# Per class, the extras' share of the average (the rest is WEIGHTS'; classes not named: their share by count);
# the result is renormalised over the classes. Since its fine-tune at 256x384 (README) the second parser alone beats
# the first on every class, so it takes 3/4 of the average, the shoes all of it, the bags half (chosen on the even
# garments-dev photos through the API, checked on the odd ones; mean of top / bottom / shoes / full outfit, even /
# odd: first's shoes and equal shares 0.7756 / 0.7918, second's shoes 0.7762 / 0.7930, and 3/4 0.7767 / 0.7959;
# bags at 3/4 instead of 1/2: IoU 0.524 against 0.517 but 24 false bags of 42 against 19). With the fusion's
# NET_WEIGHT at 0.6 the rest went to 0.85 (even photos, shares 0.65 / 0.75 / 0.85 at NET_WEIGHT 0.5: 0.7768 /
# 0.7767 / 0.7778; at 0.6: 0.7796 -> 0.7797, bags found 93.4 -> 94.5 %; odd photos 0.7981 -> 0.8006).
EXTRA_SHARE: dict[str, float] = {
    "background": 0.85,
    "body": 0.85,
    "top": 0.85,
    "bottom": 0.85,
    "shoes": 1.0,
    "dress": 0.85,
    "bag": 0.5,
    "other": 0.85,
}
# The extras see the person box at this times each of SIZES (their own input, built from the same box; sizes
# rounded to multiples of 32), and the average is taken at the larger size (the first parser's answer scaled up):
# a parser trained at a larger input is served at it. 1: the extras see WEIGHTS' input. The Lite0 file is the
# eleventh run's, fine-tuned at 320x480, so 1.25: even / odd garments-dev photos, mean of top / bottom / shoes /
# full outfit 0.7918 -> 0.7953 / 0.8150 -> 0.8183 against the sixth run's file at 1.0 (docs/history/garments.md);
# trained on again at that size in the twelfth run (0.7980 / 0.8207).
EXTRA_SCALE = 1.25

# The shoes' close-up: a second look at the feet (knees down) at CLOSEUP_SCALE times the person box's scale, by
# the parser that gives the shoes (EXTRA_WEIGHTS' alone while the shoes are all theirs), whose shoe probability
# there is mixed (CLOSEUP_MIX) into the whole-person pass's (``closeup``). None: off. The whole person at 320x480
# gave the shoes more but cost the other items (README); the close-up changes only the shoe class, for a small
# crop's network time. Chosen on the even garments-dev photos (mean of top, bottom, shoes, full outfit 0.7899
# without; replacing the shoes at 1.25 / 1.5: 0.7895 / 0.7862; half and half at 1.5 / 2.0: 0.7911 / 0.7909, at
# 1.5 a share of 0.35 / 0.65 0.7908 / 0.7908; the crop from halfway up the thighs 0.7894 / 0.7904), checked on
# the odd ones (0.8120 -> 0.8145, shoes 0.729 -> 0.742); README.
CLOSEUP_SCALE: float | None = 1.5
# What the close-up's answer is mixed in with, per class (shoes only: the others stay the whole pass's).
CLOSEUP_CLASSES: tuple[str, ...] = ("shoes",)
CLOSEUP_MIX = 0.5  # the close-up's share of those classes (the rest the whole pass's)
# Where the crop starts: this share of the way from the knees up to the hips (0: at the knees); its upper
# CLOSEUP_FADE (share of its height) fades from the whole pass's answer to the close-up's.
CLOSEUP_TOP = 0.0
CLOSEUP_FADE = 0.25

_lock = threading.Lock()
_net = None
_extra_nets: dict[str, cv2.dnn.Net] = {}


def _get_net():
    global _net
    if _net is None:
        with _lock:
            if _net is None:
                net = cv2.dnn.readNetFromONNX(str(WEIGHTS))
                net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
                net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
                _net = net
    return _net


def _get_extra_net(path: Path):
    key = str(path)
    if key not in _extra_nets:
        with _lock:
            if key not in _extra_nets:
                net = cv2.dnn.readNetFromONNX(key)
                net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
                net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
                _extra_nets[key] = net
    return _extra_nets[key]


def pose_maps(landmarks: np.ndarray | None, person_soft: np.ndarray | None, shape: tuple[int, int]) -> np.ndarray:
    """H × W × 3 float32 at ``shape`` (the image the landmarks are in): person probability; body coordinate
    of the row / 3 (shoulders 0, hips 1/3, knees 2/3, ankles 1; extrapolated, clipped to [-0.5, 1.5]); signed
    distance from the body's centre line in torso lengths / 2 (clipped to ±1). All zero without a pose."""
    h, w = shape
    out = np.zeros((h, w, N_POSE), np.float32)
    if landmarks is None or person_soft is None:
        return out
    out[..., 0] = cv2.resize(person_soft.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    pts = landmarks[:, :2]
    anchors = [(pts[a] + pts[b]) / 2 for a, b in ((11, 12), (23, 24), (25, 26), (27, 28))]
    torso = max(float(np.linalg.norm(anchors[1] - anchors[0])), 4.0)
    ys = [float(anchors[0][1])]
    for a in anchors[1:]:  # rows must increase (sitting, bent poses)
        ys.append(max(float(a[1]), ys[-1] + 0.35 * torso))
    xs = [float(a[0]) for a in anchors]
    rows = np.arange(h, dtype=np.float32)
    t = np.interp(rows, ys, [0.0, 1.0, 2.0, 3.0])
    t = np.where(rows < ys[0], (rows - ys[0]) / (ys[1] - ys[0]), t)
    t = np.where(rows > ys[3], 3.0 + (rows - ys[3]) / (ys[3] - ys[2]), t)
    out[..., 1] = np.clip(t / 3.0, -0.5, 1.5)[:, None]
    centre = np.interp(rows, ys, xs)
    out[..., 2] = np.clip((np.arange(w, dtype=np.float32)[None, :] - centre[:, None]) / (2 * torso), -1, 1)
    return out


def parse(rgb: np.ndarray, maps: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Class probabilities (H × W × classes at the largest of SIZES, or of the extras' sizes) of the person
    ``box`` in ``rgb`` (see ``network_input``): the mean of the network's answers at each of SIZES."""
    out_w, out_h = max(max(size, extra_size(size)) for size in SIZES)
    total = None
    for size in SIZES:
        net_in = network_input(rgb, maps, box, size)
        big = extra_size(size)
        probs = probabilities(net_in, None if big == size else network_input(rgb, maps, box, big))
        if probs.shape[:2] != (out_h, out_w):
            probs = cv2.resize(probs, (out_w, out_h), interpolation=cv2.INTER_LINEAR)
        total = probs if total is None else total + probs
    return total / len(SIZES)


def extra_size(size: tuple[int, int]) -> tuple[int, int]:
    """The extras' input size (w, h) beside WEIGHTS' ``size``: EXTRA_SCALE times it, in multiples of 32."""
    if EXTRA_SCALE == 1.0:
        return size
    return tuple(max(32, round(v * EXTRA_SCALE / 32) * 32) for v in size)


def network_input(
    rgb: np.ndarray,
    maps: np.ndarray,
    box: tuple[float, float, float, float],
    size: tuple[int, int] = (INPUT_W, INPUT_H),
) -> np.ndarray:
    """The network's input (float32, (3 + N_POSE) × h × w for ``size`` (w, h)): the part of ``rgb`` and of its
    pose ``maps`` (any resolution: both are read through ``box`` scaled to their size) inside ``box`` (x0, y0,
    x1, y1 in ``rgb`` pixels; may extend past the image; aspect INPUT_W / INPUT_H), resized to ``size``; mean
    colour and zero maps where the box leaves the image."""
    colour = _crop_resize(rgb, box, MEAN.astype(np.uint8), size)
    f = maps.shape[0] / rgb.shape[0]
    pose = _crop_resize(maps, tuple(v * f for v in box), np.zeros(N_POSE, np.float32), size)
    return np.concatenate([(colour.astype(np.float32) - MEAN) / STD, pose], axis=2).transpose(2, 0, 1)


def _crop_resize(
    img: np.ndarray, box: tuple[float, float, float, float], fill: np.ndarray, size: tuple[int, int]
) -> np.ndarray:
    h, w = img.shape[:2]
    out_w, out_h = size
    x0, y0, x1, y1 = box
    scale = out_h / (y1 - y0)
    canvas = np.empty((out_h, out_w, img.shape[2]), img.dtype)
    canvas[:] = fill
    ix0, iy0 = max(0, int(np.floor(x0))), max(0, int(np.floor(y0)))
    ix1, iy1 = min(w, int(np.ceil(x1))), min(h, int(np.ceil(y1)))
    if ix1 <= ix0 or iy1 <= iy0:
        return canvas
    cx0 = min(out_w - 1, max(0, round((ix0 - x0) * scale)))
    cy0 = min(out_h - 1, max(0, round((iy0 - y0) * scale)))
    cw = min(out_w - cx0, max(1, round((ix1 - ix0) * scale)))
    ch = min(out_h - cy0, max(1, round((iy1 - iy0) * scale)))
    if cw > 0 and ch > 0:
        part = cv2.resize(img[iy0:iy1, ix0:ix1], (cw, ch), interpolation=cv2.INTER_AREA)
        canvas[cy0 : cy0 + ch, cx0 : cx0 + cw] = part.reshape(ch, cw, img.shape[2])
    return canvas


def probabilities(net_input: np.ndarray, extra_input: np.ndarray | None = None) -> np.ndarray:
    """Class probabilities (h × w × classes, float32) for one ``network_input``: the mean of those of WEIGHTS
    and of each of EXTRA_WEIGHTS (run on ``extra_input`` when given, the same view at another size: then the
    mean is taken at its size); with FLIP, each the mean of those of the input and of its mirror image
    (mirrored back)."""
    probs = _net_probabilities(net_input, _get_net())
    if EXTRA_WEIGHTS:
        extra_input = net_input if extra_input is None else extra_input
        extra = sum(_net_probabilities(extra_input, _get_extra_net(p)) for p in EXTRA_WEIGHTS) / len(EXTRA_WEIGHTS)
        if extra.shape[:2] != probs.shape[:2]:
            probs = cv2.resize(probs, extra.shape[1::-1], interpolation=cv2.INTER_LINEAR)
        default = len(EXTRA_WEIGHTS) / (1 + len(EXTRA_WEIGHTS))
        share = np.array([EXTRA_SHARE.get(c, default) for c in CLASSES], np.float32)
        probs = (1 - share) * probs + share * extra
        probs /= probs.sum(axis=2, keepdims=True)
    return probs.astype(np.float32)


def _net_probabilities(net_input: np.ndarray, net) -> np.ndarray:
    probs = _softmax(_logits(net_input, net))
    if FLIP:
        mirrored = net_input[:, :, ::-1].copy()
        mirrored[3 + 2] *= -1  # the distance from the body's centre line changes sign
        probs = (probs + _softmax(_logits(mirrored, net))[:, ::-1]) / 2
    return probs


def _logits(net_input: np.ndarray, net=None) -> np.ndarray:
    blob = np.ascontiguousarray(net_input[None].astype(np.float32))
    net = _get_net() if net is None else net
    with _lock:  # a cv2.dnn.Net is not safe to share between threads
        net.setInput(blob)
        return net.forward()[0]


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Classes × H × W logits → H × W × classes probabilities."""
    logits = logits - logits.max(axis=0, keepdims=True)
    e = np.exp(logits)
    return (e / e.sum(axis=0, keepdims=True)).transpose(1, 2, 0)


def place(probs: np.ndarray, box: tuple[float, float, float, float], shape: tuple[int, int]) -> np.ndarray:
    """The network's probabilities laid back on an image of ``shape`` (h, w) whose coordinates ``box`` is in;
    outside the box everything is background."""
    h, w = shape
    x0, y0, x1, y1 = box
    out = np.zeros((h, w, probs.shape[2]), np.float32)
    out[..., 0] = 1.0
    bw, bh = max(1, round(x1 - x0)), max(1, round(y1 - y0))
    bx0, by0 = round(x0), round(y0)
    resized = cv2.resize(probs, (bw, bh), interpolation=cv2.INTER_LINEAR)
    if resized.ndim == 2:
        resized = resized[..., None]
    ix0, iy0, ix1, iy1 = max(0, bx0), max(0, by0), min(w, bx0 + bw), min(h, by0 + bh)
    if ix1 > ix0 and iy1 > iy0:
        out[iy0:iy1, ix0:ix1] = resized[iy0 - by0 : iy1 - by0, ix0 - bx0 : ix1 - bx0]
    return out


def feet_box(landmarks: np.ndarray, probs: np.ndarray, box: tuple[float, float, float, float], scale: float):
    """The close-up's crop (x0, y0, x1, y1 on the working copy, ``probs`` laid on it) and its network size
    (w, h; multiples of 32) at ``scale`` times the person ``box``'s: from the knees to below the lowest foot
    landmark or shoe pixel, as wide as the legs and feet with a margin; None without the legs' landmarks or when
    the crop would be taller than the whole box (the landmarks guessed far off the picture)."""
    pts = landmarks[25:33, :2]
    if landmarks.shape[0] < 33 or not np.isfinite(pts).all():
        return None
    knee_y, foot_y = float(pts[:2, 1].min()), float(pts[2:, 1].max())
    shin = max(foot_y - knee_y, 8.0)
    knee_y -= CLOSEUP_TOP * max(0.0, knee_y - float(landmarks[23:25, 1].min()))
    shoes = probs[..., CLASS["shoes"]] >= 0.3
    ys, xs = np.nonzero(shoes)
    x0, x1 = float(pts[:, 0].min()), float(pts[:, 0].max())
    if len(ys):
        foot_y = max(foot_y, float(ys.max()))
        x0, x1 = min(x0, float(xs.min())), max(x1, float(xs.max()))
    x0, x1 = x0 - 0.35 * shin, x1 + 0.35 * shin
    y0, y1 = knee_y - 0.1 * shin, foot_y + 0.25 * shin
    f = scale * INPUT_H / (box[3] - box[1])  # network pixels per working-copy pixel
    w = max(64, int(np.ceil((x1 - x0) * f / 32)) * 32)
    h = max(64, int(np.ceil((y1 - y0) * f / 32)) * 32)
    if h > scale * INPUT_H or w > 2 * scale * INPUT_W:  # landmarks far off the picture: no close-up
        return None
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - w / f / 2, cy - h / f / 2, cx + w / f / 2, cy + h / f / 2), (w, h)


def closeup(full: np.ndarray, maps: np.ndarray, landmarks: np.ndarray, probs: np.ndarray, box, s: float):
    """``probs`` (on the working copy, ``s`` = its scale to ``full``) with CLOSEUP_CLASSES' probability inside
    the feet's crop mixed (CLOSEUP_MIX) with the parser's answer on that crop at CLOSEUP_SCALE (times
    EXTRA_SCALE when those classes are the extras' alone), renormalised over the classes; unchanged when off or
    without the legs."""
    if not CLOSEUP_SCALE:
        return probs
    shares = [EXTRA_SHARE.get(c, 0.5) for c in CLOSEUP_CLASSES] if EXTRA_WEIGHTS else [0.0]
    extras_only = min(shares) >= 1.0  # those classes are the extras' alone: run those only, at their scale
    crop = feet_box(landmarks, probs, box, CLOSEUP_SCALE * (EXTRA_SCALE if extras_only else 1.0))
    if crop is None:
        return probs
    (x0, y0, x1, y1), size = crop
    full_box = (x0 / s, y0 / s, x1 / s, y1 / s)
    net_in = network_input(full, maps, full_box, size)
    if extras_only:
        near = sum(_net_probabilities(net_in, _get_extra_net(p)) for p in EXTRA_WEIGHTS) / len(EXTRA_WEIGHTS)
    else:
        big = extra_size(size)
        near = probabilities(net_in, None if big == size else network_input(full, maps, full_box, big))
    placed = place(near, (x0, y0, x1, y1), probs.shape[:2])
    out = probs.copy()
    k = [CLASS[c] for c in CLOSEUP_CLASSES]
    mix = CLOSEUP_MIX * _inside(probs.shape[:2], (x0, y0, x1, y1), CLOSEUP_FADE)
    out[..., k] = (1 - mix[..., None]) * probs[..., k] + mix[..., None] * placed[..., k]
    rest = [i for i in range(len(CLASSES)) if i not in k]
    have = probs[..., rest].sum(axis=2, keepdims=True)
    want = 1.0 - out[..., k].sum(axis=2, keepdims=True)
    out[..., rest] = probs[..., rest] * np.clip(want, 0, 1) / np.maximum(have, 1e-6)
    return out.astype(np.float32)


def _inside(shape: tuple[int, int], box, fade: float) -> np.ndarray:
    """1 inside ``box`` on an image of ``shape``, 0 outside, rising from 0 over the box's upper ``fade``."""
    h, w = shape
    m = np.zeros((h, w), np.float32)
    x0, x1 = max(0, round(box[0])), min(w, round(box[2]))
    rows = np.arange(h, dtype=np.float32)
    ramp = np.clip((rows - box[1]) / max(fade * (box[3] - box[1]), 1e-6), 0, 1) * (rows < box[3])
    m[:, x0:x1] = ramp[:, None]
    return m
