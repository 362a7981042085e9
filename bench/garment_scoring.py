"""Scoring of trial items for bench/garments.py (see /work/shared/data/README.md,
"Scoring trial items").

Per photo and item (``top``, ``bottom``, ``shoes``, ``full_outfit`` = top + bottom
+ shoes + dress + suit, and ``bag`` and ``dress`` where one is labelled): IoU between the returned mask, placed at its bbox on a
full-size canvas, and the union of that group's labels. An item that is not
returned scores 0. Per item: mean IoU over the photos where the item is labelled,
and the share of those photos where the item was returned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ITEMS = ("top", "bottom", "shoes", "full_outfit", "bag", "dress")
FULL_OUTFIT_GROUPS = ("top", "bottom", "shoes", "dress", "suit")


def load_group_ids(classes_json: str | Path | Mapping) -> dict[str, np.ndarray]:
    """Map each scored item to the label indices that make it up."""
    cls = classes_json if isinstance(classes_json, Mapping) else json.loads(Path(classes_json).read_text())
    names = list(cls["names"])
    groups = cls["groups"]
    index = {n: i for i, n in enumerate(names)}

    def ids(group_or_name: str) -> set[int]:
        if group_or_name in groups:
            return {index[n] for n in groups[group_or_name]}
        if group_or_name in index:  # e.g. "suit" is a label, not a group
            return {index[group_or_name]}
        return set()

    out = {g: ids(g) for g in ("top", "bottom", "shoes", "bag", "dress")}
    fo_spec = cls.get("full_outfit", FULL_OUTFIT_GROUPS)
    fo: set[int] = set()
    for g in fo_spec:
        fo |= ids(g)
    out["full_outfit"] = fo
    return {k: np.array(sorted(v), dtype=np.int64) for k, v in out.items()}


def truth_masks(label_map: np.ndarray, group_ids: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: np.isin(label_map, ids) for k, ids in group_ids.items()}


def place_mask(mask: np.ndarray, bbox: Sequence[int], shape: tuple[int, int]) -> np.ndarray:
    """Paste a bbox-cropped mask (nonzero = in) on a boolean canvas of ``shape`` (h, w)."""
    canvas = np.zeros(shape, dtype=bool)
    x, y, w, h = (int(v) for v in bbox)
    m = np.asarray(mask) > 0
    if m.shape != (h, w):
        raise ValueError(f"mask shape {m.shape} does not match bbox size {(h, w)}")
    H, W = shape
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x1 > x0 and y1 > y0:
        canvas[y0:y1, x0:x1] = m[y0 - y : y1 - y, x0 - x : x1 - x]
    return canvas


def iou(pred: np.ndarray, truth: np.ndarray) -> float:
    pred = np.asarray(pred, bool)
    truth = np.asarray(truth, bool)
    union = np.logical_or(pred, truth).sum()
    if union == 0:
        return 1.0
    return float(np.logical_and(pred, truth).sum() / union)


def score_photo(items: Iterable, label_map: np.ndarray, group_ids: Mapping[str, np.ndarray]) -> dict[str, dict]:
    """Per item: {"labelled": bool, "found": bool, "iou": float}.

    ``items`` are objects with ``label``, ``bbox`` and ``mask`` (GarmentItem); the
    first returned item of each label is scored.
    """
    shape = label_map.shape[:2]
    truth = truth_masks(label_map, group_ids)
    first: dict[str, object] = {}
    for it in items:
        first.setdefault(it.label, it)
    out = {}
    for k in ITEMS:
        labelled = bool(truth[k].any())
        it = first.get(k)
        if it is None:
            out[k] = {"labelled": labelled, "found": False, "iou": 0.0}
        else:
            pred = place_mask(it.mask, it.bbox, shape)
            out[k] = {"labelled": labelled, "found": True, "iou": iou(pred, truth[k])}
    return out


@dataclass
class Totals:
    ious: dict[str, list] = field(default_factory=lambda: {k: [] for k in ITEMS})
    found: dict[str, list] = field(default_factory=lambda: {k: [] for k in ITEMS})

    def add(self, photo_scores: Mapping[str, Mapping]) -> None:
        for k in ITEMS:
            s = photo_scores[k]
            if s["labelled"]:
                self.ious[k].append(s["iou"])
                self.found[k].append(1.0 if s["found"] else 0.0)

    def summary(self) -> dict[str, dict]:
        return {
            k: {
                "n": len(self.ious[k]),
                "mean_iou": float(np.mean(self.ious[k])) if self.ious[k] else float("nan"),
                "found": float(np.mean(self.found[k])) if self.found[k] else float("nan"),
            }
            for k in ITEMS
        }
