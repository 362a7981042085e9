"""Colour refinement of the masks at full resolution, and mask clean-up.

The parser's masks are computed at about 256×384 on the person; upscaled they are soft at the edges. A guided
filter guided by the full-resolution photo snaps them to its colour edges; GrabCut seeded from a mask is kept
for items where it measurably helps on garments-dev (see ``cutouts.GRABCUT_ITEMS``).
"""

from __future__ import annotations

import cv2
import numpy as np

GC_ITERS = 3
GC_CORE = 3  # GrabCut: sure-foreground core = mask eroded by ring / GC_CORE


def guided(guide: np.ndarray, src: np.ndarray, r: int, eps: float) -> np.ndarray:
    """Edge-preserving smoothing of ``src`` (float32) guided by ``guide`` (uint8 RGB)."""
    try:
        return cv2.ximgproc.guidedFilter(guide, src, r, (eps * 255) ** 2)
    except AttributeError:  # opencv without contrib
        return src


def grabcut_mask(crop: np.ndarray, mask: np.ndarray, ring: int):
    """GrabCut seeded from a mask: its erosion is sure foreground, the mask probable foreground, a ring of
    ``ring`` px around it probable background. None when it cannot run."""
    mk = mask.astype(np.uint8)
    ker = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * ring + 1, 2 * ring + 1))
    ring_m = cv2.dilate(mk, ker).astype(bool)
    ri = max(1, ring // GC_CORE)
    core = cv2.erode(mk, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * ri + 1, 2 * ri + 1))).astype(bool)
    gc = np.full(mk.shape, cv2.GC_BGD, np.uint8)
    gc[ring_m] = cv2.GC_PR_BGD
    gc[mk > 0] = cv2.GC_PR_FGD
    gc[core] = cv2.GC_FGD
    if not (gc == cv2.GC_BGD).any() or not core.any():
        return None
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    # GrabCut's k-means draws from OpenCV's (per-thread) RNG: seeded here, the result depends on this crop only,
    # not on what ran before it in the process (the order of the items, the colour models' k-means)
    cv2.setRNGSeed(0)
    try:
        cv2.grabCut(crop, gc, None, bgd, fgd, GC_ITERS, cv2.GC_INIT_WITH_MASK)
    except cv2.error:
        return None
    return ((gc == cv2.GC_FGD) | (gc == cv2.GC_PR_FGD)) & ring_m


def clean(mask: np.ndarray, min_frac: float = 0.15) -> np.ndarray:
    """Keep the largest component and components at least ``min_frac`` of it."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), 8)
    if n <= 1:
        return mask.astype(bool)
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = np.zeros(n, bool)
    keep[1:] = areas >= max(min_frac * areas.max(), 4)
    return keep[lab]


def fill_holes(mask: np.ndarray, max_hole: int) -> np.ndarray:
    """Fill enclosed holes of at most ``max_hole`` pixels."""
    inv = (~mask).astype(np.uint8)
    n, lab, stats, _ = cv2.connectedComponentsWithStats(inv, 4)
    h, w = mask.shape
    small = np.zeros(n, bool)
    for i in range(1, n):
        x, y, bw, bh, a = stats[i]
        small[i] = a <= max_hole and x > 0 and y > 0 and x + bw < w and y + bh < h
    return mask | small[lab]
