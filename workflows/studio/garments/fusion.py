"""A learned per-pixel fusion of the colour models and the parser (numpy only; fitted by training/fit_fusion.py).

Per pixel of the person, a logistic regression or a tiny MLP over the colour models' log posteriors, the parser's
log class probabilities and the pose channels answers top / bottom / shoes / other; the colour models' labelling
(column cuts, clean-up) then reads that answer instead of the geometric mean and the vetoes, for the items in
``LEARNED_ITEMS`` (none by default: README, ``make bench-garments``). The coefficients are a small ``.npz`` beside
this file (``fusion.npz``: a logistic regression fitted on the 161 garments-train photos that the parser it was
fitted with never saw), loaded once.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

COEFFICIENTS = Path(__file__).resolve().parent / "fusion.npz"
EPS = 1e-3
PERSON_MIN = 0.5  # pixels of the person (as the colour models' labelling counts them); elsewhere "other"
N_FEATURES = 4 + 8 + 3

_lock = threading.Lock()
_params: dict | None = None


def load(path: Path | None = None) -> dict:
    """The fusion's parameters (``mean``, ``std``, ``layers``, ``w0``, ``b0``, ...) from ``path`` (default
    COEFFICIENTS) as float32 arrays; raises ValueError when the file does not describe a network over N_FEATURES
    features answering 4 classes."""
    path = COEFFICIENTS if path is None else path
    with np.load(path) as f:
        params = {k: f[k] for k in f.files}
    n = int(params["layers"][0])
    shapes = [params[f"w{i}"].shape for i in range(n)]
    if shapes[0][0] != N_FEATURES or shapes[-1][1] != 4 or params["mean"].shape != (N_FEATURES,):
        raise ValueError(f"{path}: layer shapes {shapes} are not a fusion over {N_FEATURES} features")
    return {k: v.astype(np.float32) if v.dtype.kind == "f" else v for k, v in params.items()}


def get_params() -> dict:
    """The committed coefficients, loaded once per process."""
    global _params
    if _params is None:
        with _lock:
            if _params is None:
                _params = load()
    return _params


def features(post: np.ndarray, probs: np.ndarray, maps: np.ndarray, person_soft: np.ndarray) -> np.ndarray:
    """N × N_FEATURES float32 per pixel (any leading shape, flattened): log colour posteriors (4), log parser
    probabilities (8), person probability, position along the body, distance from its centre line."""
    n = person_soft.size
    return np.concatenate(
        [
            np.log(post.reshape(n, -1).astype(np.float32) + EPS),
            np.log(probs.reshape(n, -1).astype(np.float32) + EPS),
            person_soft.reshape(n, 1).astype(np.float32),
            maps.reshape(n, -1)[:, 1:2].astype(np.float32),
            np.abs(maps.reshape(n, -1)[:, 2:3].astype(np.float32)),
        ],
        axis=1,
    )


def mlp(x: np.ndarray, params: dict) -> np.ndarray:
    """Class probabilities (N × 4) of the features ``x`` through the network ``params`` (standardised first)."""
    h = (x - params["mean"]) / params["std"]
    last = int(params["layers"][0]) - 1
    for i in range(last):
        h = np.maximum(h @ params[f"w{i}"] + params[f"b{i}"], 0.0)
    z = h @ params[f"w{last}"] + params[f"b{last}"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def posteriors(
    post: np.ndarray, probs: np.ndarray, maps: np.ndarray, person_soft: np.ndarray, params: dict | None = None
) -> np.ndarray:
    """H × W × 4 (top, bottom, shoes, other) on the working copy: the network's answer on the person
    (``person_soft`` > PERSON_MIN), "other" elsewhere. ``params`` defaults to the committed coefficients."""
    params = get_params() if params is None else params
    h, w = person_soft.shape
    out = np.zeros((h * w, 4), np.float32)
    out[:, 3] = 1.0
    idx = np.flatnonzero(person_soft.ravel() > PERSON_MIN)
    if len(idx):
        x = features(
            post.reshape(h * w, -1)[idx],
            probs.reshape(h * w, -1)[idx],
            maps.reshape(h * w, -1)[idx],
            person_soft.ravel()[idx],
        )
        out[idx] = mlp(x, params)
    return out.reshape(h, w, 4)
