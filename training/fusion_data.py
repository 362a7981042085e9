"""Per-photo inputs of the learned fusion (``fit_fusion.py``), cached under /tmp.

For every photo of a split: the working copy, the pose (landmarks, person mask, pose maps), the parser's box,
the colour models' posteriors and the label map at the working size (``analysed``); the parser's probabilities
are cached apart (``parser_probs``). Both are cached per parser (ONNX file and sizes, ``weights_tag``): the person
mask depends on the parser too (the shoes under a long hem, ``garments.with_shoes_below``). Nothing is written
into the repository.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import cv2
import numpy as np
from PIL import Image

CACHE = Path("/tmp/garments_fusion_cache")


def weights_tag() -> str:
    """The parser in use: a hash of parser.WEIGHTS, the files averaged with it (EXTRA_WEIGHTS, EXTRA_SHARE,
    EXTRA_SCALE) and the sizes it is run at (parser.SIZES)."""
    from workflows.studio.garments import parser

    tag = _tag(str(parser.WEIGHTS), tuple(parser.SIZES))
    if not parser.EXTRA_WEIGHTS:
        return tag
    shares = repr(sorted(parser.EXTRA_SHARE.items()))
    if parser.EXTRA_SCALE != 1.0:
        shares += f" x{parser.EXTRA_SCALE}"
    return tag + "_" + _extras_tag(tuple(str(p) for p in parser.EXTRA_WEIGHTS), shares)


@functools.cache
def _extras_tag(paths: tuple[str, ...], shares: str) -> str:
    """A hash of the averaged files and their shares, read once a process (the files are megabytes)."""
    return hashlib.sha1(b"".join([Path(p).read_bytes() for p in paths] + [shares.encode()])).hexdigest()[:10]


@functools.cache
def _tag(weights: str, sizes: tuple) -> str:
    return hashlib.sha1(Path(weights).read_bytes()).hexdigest()[:10] + "_" + "_".join(f"{w}x{h}" for w, h in sizes)


def analysed(photo: Path, labels_dir: Path) -> dict:
    """The cached pipeline state of one photo with the parser in use (computed on first use)."""
    path = CACHE / photo.parent.parent.name / f"{photo.stem}.{weights_tag()}.npz"
    if path.exists():
        return dict(np.load(path))
    from workflows.studio import garments as G
    from workflows.studio.garments import colour, parser

    photo_state = G.analyse(photo.read_bytes())
    h, w = photo_state.small.shape[:2]
    label = np.asarray(Image.open(labels_dir / f"{photo.stem}.png"))
    box = G.person_box(
        photo_state.person_soft > 0.5, photo_state.landmarks, parser.INPUT_W / parser.INPUT_H, G.BOX_MARGIN
    )
    out = {
        "small": photo_state.small,
        "s": np.float32(photo_state.s),
        "landmarks": photo_state.landmarks.astype(np.float32),
        "person_soft": photo_state.person_soft.astype(np.float32),
        "maps": photo_state.maps.astype(np.float16),
        "box": np.array(box, np.float32),
        "post": colour.colour_posteriors(photo_state.small, photo_state.landmarks, photo_state.person_soft).astype(
            np.float16
        ),
        "label": cv2.resize(label, (w, h), interpolation=cv2.INTER_NEAREST),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, **out)
    return out


def parser_probs(photo: Path, state: dict, full: np.ndarray | None = None) -> np.ndarray:
    """The parser's class probabilities laid on the working copy, for the parser.WEIGHTS in use (cached)."""
    from workflows.studio.garments import parser
    from workflows.studio.garments.decode import decode

    path = CACHE / photo.parent.parent.name / f"{photo.stem}.probs_{weights_tag()}.npy"
    if path.exists():
        return np.load(path).astype(np.float32)
    full = decode(photo.read_bytes()) if full is None else full
    box = tuple(float(v) for v in state["box"])
    s = float(state["s"])
    probs = parser.parse(full, state["maps"].astype(np.float32), tuple(v / s for v in box))
    placed = parser.place(probs, box, state["person_soft"].shape)
    np.save(path, placed.astype(np.float16))
    return placed


def photos_of(split_dir: Path) -> list[Path]:
    return sorted((split_dir / "photos").glob("*.jpg"))
