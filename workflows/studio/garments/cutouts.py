"""From the working-resolution masks to the items the API returns: bbox, full-resolution mask, RGBA cut-out."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from workflows.studio.garments.refine import grabcut_mask, guided

# Guided-filter radius on the upscaled masks (full-resolution pixels, at a 512-px working copy; scaled with it).
GUIDED_RADIUS = {"top": 12, "bottom": 12, "shoes": 4, "full_outfit": 12, "dress": 12, "bag": 8}
GUIDED_EPS = 0.05
GRABCUT_ITEMS: tuple[str, ...] = ("shoes", "bottom")  # refined by full-resolution GrabCut (colour-model items)
GRABCUT_MAX_PIXELS = 80_000  # larger crops skip GrabCut: its cost grows fast with the pixels (16 s for 135 kpx seen)
GRABCUT_RING = 0.025  # × the person's height (ring of probable background around the mask)


@dataclass
class GarmentItem:
    label: str
    score: float
    bbox: tuple[int, int, int, int]  # x, y, width, height in the decoded photo's pixels
    mask: np.ndarray  # uint8 0/255, shape (height, width) of bbox
    cutout: Image.Image  # RGBA, bbox-sized, alpha = mask


def make_item(
    name: str,
    mask_small: np.ndarray,
    soft_small: np.ndarray,
    score: float,
    full: np.ndarray,
    s: float,
    person_height: float,
    *,
    grabcut: bool | None = None,
) -> GarmentItem:
    """Upscale one item's working-resolution mask (soft map inside it) to the photo, snap it to the photo's
    colour edges (and GrabCut when ``grabcut``, by default for the GRABCUT_ITEMS) and cut it out. ``s`` =
    working size / photo size."""
    H, W = full.shape[:2]
    h, w = mask_small.shape
    ys, xs = np.nonzero(mask_small)
    mx0, my0 = max(0, xs.min() - 1), max(0, ys.min() - 1)
    mx1, my1 = min(w, xs.max() + 2), min(h, ys.max() + 2)
    gate = cv2.dilate(mask_small.astype(np.uint8), np.ones((3, 3), np.uint8))
    sm = (soft_small * gate)[my0:my1, mx0:mx1].astype(np.float32)
    sm = np.where(mask_small[my0:my1, mx0:mx1], np.maximum(sm, 0.5), np.minimum(sm, 0.49))
    X0, Y0 = int(np.floor(mx0 / s)), int(np.floor(my0 / s))
    X1, Y1 = min(W, int(np.ceil(mx1 / s))), min(H, int(np.ceil(my1 / s)))
    up = cv2.resize(sm, (X1 - X0, Y1 - Y0), interpolation=cv2.INTER_LINEAR) if s < 1.0 else sm
    r = round(GUIDED_RADIUS.get(name, 0) * max(1.0, max(H, W) / 1024))
    if r > 0:
        up = guided(np.ascontiguousarray(full[Y0:Y1, X0:X1]), up.astype(np.float32), r, GUIDED_EPS)
    big = up >= 0.5
    if not big.any():
        big = up >= up.max()
    if grabcut is None:
        grabcut = name in GRABCUT_ITEMS
    if grabcut and (Y1 - Y0) * (X1 - X0) <= GRABCUT_MAX_PIXELS:
        ring = max(2, round(GRABCUT_RING * person_height / s))
        m = ring + 2
        eX0, eY0, eX1, eY1 = max(0, X0 - m), max(0, Y0 - m), min(W, X1 + m), min(H, Y1 + m)
        eb = np.zeros((eY1 - eY0, eX1 - eX0), bool)
        eb[Y0 - eY0 : Y1 - eY0, X0 - eX0 : X1 - eX0] = big
        ref = grabcut_mask(np.ascontiguousarray(full[eY0:eY1, eX0:eX1]), eb, ring)
        if ref is not None and ref.sum() >= 0.3 * eb.sum():
            big, X0, Y0 = ref, eX0, eY0
    yy, xx = np.nonzero(big)
    bx0, bx1, by0, by1 = xx.min(), xx.max() + 1, yy.min(), yy.max() + 1
    mask = np.where(big[by0:by1, bx0:bx1], 255, 0).astype(np.uint8)
    x, y, bw, bh = int(X0 + bx0), int(Y0 + by0), int(bx1 - bx0), int(by1 - by0)
    cutout = Image.fromarray(np.dstack([full[y : y + bh, x : x + bw], mask]), "RGBA")
    return GarmentItem(label=name, score=float(score), bbox=(x, y, bw, bh), mask=mask, cutout=cutout)


def union_item(name: str, parts: list[GarmentItem], score: float, full: np.ndarray) -> GarmentItem:
    """One item whose mask is the union of the parts' full-resolution masks (``full_outfit``), so it covers
    exactly what its parts cover."""
    x0 = min(p.bbox[0] for p in parts)
    y0 = min(p.bbox[1] for p in parts)
    x1 = max(p.bbox[0] + p.bbox[2] for p in parts)
    y1 = max(p.bbox[1] + p.bbox[3] for p in parts)
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    for p in parts:
        x, y, w, h = p.bbox
        np.maximum(
            mask[y - y0 : y - y0 + h, x - x0 : x - x0 + w], p.mask, out=mask[y - y0 : y - y0 + h, x - x0 : x - x0 + w]
        )
    cutout = Image.fromarray(np.dstack([full[y0:y1, x0:x1], mask]), "RGBA")
    return GarmentItem(label=name, score=float(score), bbox=(x0, y0, x1 - x0, y1 - y0), mask=mask, cutout=cutout)
