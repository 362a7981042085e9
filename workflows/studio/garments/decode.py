"""Decoding an uploaded photo at a bounded size.

An accepted upload can be a 1.9 MB JPEG of 48 megapixels: decoded in full it costs ~150 MB as RGB and every
step after it scales with it. Here a JPEG is decoded by the library's DCT scaling (``Image.draft``: 1/2, 1/4
or 1/8 of the size, read straight from the compressed data) and any photo is then downscaled so its long side
is at most ``MAX_SIDE``. Everything the segmentation returns (bbox, mask, cut-out) is in the pixels of the
decoded photo, which is the upload itself unless its long side exceeds ``MAX_SIDE``.
"""

from __future__ import annotations

import warnings

import numpy as np
from PIL import Image, ImageOps

from workflows.images import ImageTooCostly, open_image

MAX_SIDE = 2048  # long side of the decoded photo: at most ~3 megapixels at 4:3


class ImageUnreadable(Exception):
    """The bytes are not a decodable image."""


def decode(image_bytes: bytes, max_side: int = MAX_SIDE) -> np.ndarray:
    """RGB uint8 array of the photo, EXIF orientation applied, transparency on white, long side ≤ ``max_side``.
    Raises ImageUnreadable, or ImageTooCostly (``workflows.images``) for a photo the upload endpoint refuses."""
    if not isinstance(image_bytes, (bytes, bytearray, memoryview)) or len(image_bytes) == 0:
        raise ImageUnreadable("empty or non-bytes input")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # the upload's own checks: a photo may reach storage without them (a presigned S3 upload, a key written
            # directly, an object replaced after its dispatch)
            im = open_image(bytes(image_bytes))
        if im.format in ("JPEG", "MPO") and max(im.size) > max_side:
            # decode at 1/2, 1/4 or 1/8 scale, the long side still at least max_side (EXIF rotation comes after)
            f = max_side / max(im.size)
            im.draft("RGB", (int(im.width * f) + 1, int(im.height * f) + 1))
        im.load()
        if max(im.size) > max_side:
            im.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=2.0)
        im = ImageOps.exif_transpose(im)
        if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
            im = im.convert("RGBA")
            bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(bg, im)
        arr = np.asarray(im.convert("RGB"), dtype=np.uint8)
    except (ImageUnreadable, ImageTooCostly):
        raise
    except Exception as exc:  # PIL raises many types (UnidentifiedImageError, OSError, DecompressionBomb...)
        raise ImageUnreadable(f"cannot decode image: {exc}") from exc
    if arr.ndim != 3 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ImageUnreadable("image has no pixels")
    return arr
