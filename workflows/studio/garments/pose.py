"""The person: MediaPipe pose (skeleton and person mask) and the box the garment parser looks at.

MediaPipe 0.10.21's legacy ``mp.solutions.pose`` (models shipped in the wheel) gives 33 landmarks and a soft
person mask on a copy of ~512 px; selfie segmentation checks that the pose picked the main (largest) person
and the pose is re-run on a crop around that person if not.
"""

from __future__ import annotations

import threading

import cv2
import numpy as np

_models_lock = threading.Lock()
_models: Models | None = None


class Models:
    """The MediaPipe graphs, loaded once per process. They are not re-entrant: calls are serialised."""

    def __init__(self) -> None:
        import mediapipe as mp

        self._pose = mp.solutions.pose.Pose(
            static_image_mode=True,
            model_complexity=1,
            enable_segmentation=True,
            min_detection_confidence=0.5,
        )
        self._selfie = mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)
        self._lock = threading.Lock()

    def pose(self, rgb: np.ndarray):
        with self._lock:
            return self._pose.process(np.ascontiguousarray(rgb))

    def people(self, rgb: np.ndarray) -> np.ndarray:
        """Soft mask of all people in the picture (selfie segmentation)."""
        with self._lock:
            return self._selfie.process(np.ascontiguousarray(rgb)).segmentation_mask


def get_models() -> Models:
    global _models
    if _models is None:
        with _models_lock:
            if _models is None:
                _models = Models()
    return _models


def _landmarks(lms, w: int, h: int, x0: int = 0, y0: int = 0) -> np.ndarray:
    return np.array([[p.x * w + x0, p.y * h + y0, p.visibility] for p in lms.landmark], dtype=np.float32)


def detect_person(small: np.ndarray, *, below: bool = False):
    """Pose landmarks (33×3: x, y in pixels, visibility) and soft person mask of the main person, or (None, None);
    with ``below``, also the selfie segmentation's figure below that mask (``figure_below``; zeros if none).

    The pose model returns a single person, sometimes a small one in the background; when a much larger
    person blob exists elsewhere, the pose is re-run on a crop around it."""
    models = get_models()
    h, w = small.shape[:2]
    res = models.pose(small)
    landmarks = soft = None
    if res.pose_landmarks is not None and res.segmentation_mask is not None:
        landmarks = _landmarks(res.pose_landmarks, w, h)
        soft = np.clip(res.segmentation_mask.astype(np.float32), 0, 1)
    people_soft = np.clip(models.people(small).astype(np.float32), 0, 1)
    people = people_soft > 0.5
    n, lab, stats, _ = cv2.connectedComponentsWithStats(people.astype(np.uint8), 8)
    if n > 1:
        j = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        area = stats[j, cv2.CC_STAT_AREA]
        blob = lab == j
        mine = soft > 0.5 if soft is not None else None
        if area >= 0.03 * h * w and (
            mine is None or ((mine & blob).sum() < 0.3 * max(1, mine.sum()) and area > 1.5 * mine.sum())
        ):
            x, y, bw, bh = stats[j, :4]
            mx = int(0.25 * bw) + 4
            x0, y0 = max(0, x - mx), max(0, y - int(0.1 * bh) - 4)
            x1, y1 = min(w, x + bw + mx), min(h, y + bh + int(0.35 * bh) + 4)
            r2 = models.pose(small[y0:y1, x0:x1])
            if r2.pose_landmarks is not None and r2.segmentation_mask is not None:
                landmarks = _landmarks(r2.pose_landmarks, x1 - x0, y1 - y0, x0, y0)
                soft = np.zeros((h, w), np.float32)
                soft[y0:y1, x0:x1] = np.clip(r2.segmentation_mask.astype(np.float32), 0, 1)
    if not below:
        return landmarks, soft
    if soft is None or n <= 1:
        return landmarks, soft, np.zeros((h, w), np.float32)
    return landmarks, soft, figure_below(soft, people_soft, lab)


def figure_below(soft: np.ndarray, people_soft: np.ndarray, lab: np.ndarray) -> np.ndarray:
    """The selfie segmentation's blob of the pose's person (``lab``: its components; those that overlap the
    pose's mask ``soft``) below the lowest row of that mask, as a soft mask (zeros elsewhere). The pose model's
    mask often stops at a long hem (wide trousers, a long skirt) and leaves the feet out, where the selfie
    segmentation keeps the whole figure; it is coarser than the pose's mask, though (shadows and the ground by
    the feet, a bag), so it only says where the feet may be. Other people's blobs stay out."""
    mine = soft > 0.5
    ids = np.unique(lab[mine & (lab > 0)])
    rows = np.nonzero(mine.any(axis=1))[0]
    out = np.zeros(soft.shape, np.float32)
    if len(ids) and len(rows):
        part = np.isin(lab[rows[-1] + 1 :], ids)
        out[rows[-1] + 1 :] = np.where(part, people_soft[rows[-1] + 1 :], 0)
    return out


def person_box(person: np.ndarray, landmarks: np.ndarray, aspect: float, margin: float = 0.06):
    """(x0, y0, x1, y1) around the person mask and the visible landmarks, with ``margin`` × height on each
    side, widened or heightened about its centre to ``aspect`` (width / height). May extend past the image."""
    ys, xs = np.nonzero(person)
    vis = landmarks[landmarks[:, 2] > 0.5, :2]
    px = np.concatenate([xs, vis[:, 0]]) if len(vis) else xs.astype(np.float32)
    py = np.concatenate([ys, vis[:, 1]]) if len(vis) else ys.astype(np.float32)
    x0, x1, y0, y1 = float(px.min()), float(px.max()) + 1, float(py.min()), float(py.max()) + 1
    m = margin * (y1 - y0)
    x0, x1, y0, y1 = x0 - m, x1 + m, y0 - m, y1 + m
    cx, cy, bw, bh = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    if bw / bh < aspect:
        bw = bh * aspect
    else:
        bh = bw / aspect
    return cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2
