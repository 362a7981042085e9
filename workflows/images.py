"""What a photo may cost to decode, checked before the decode: at upload (`services.upload_store`) and again in the
worker (`studio/garments/decode.py`), for a photo that reached storage another way (a presigned S3 upload, a key
written by hand, an object replaced after its dispatch).
"""

from __future__ import annotations

import re

MAX_PIXELS = 50_000_000
TOO_MANY_PIXELS = f"the image has more than {MAX_PIXELS:,} pixels"
# A progressive JPEG is decoded scan by scan, each scan a pass over every block of the image however few bytes it
# holds: 20,000 scans of 75 bytes on a 7,000 x 7,000 image (1.7 MB) kept an upload's decode busy for minutes. libjpeg
# writes 6-10 scans, mozjpeg and jpegtran scripts a few more.
MAX_JPEG_SCANS = 100
TOO_MANY_SCANS = f"the JPEG has more than {MAX_JPEG_SCANS} scans (progressive passes)"
# The next marker after entropy-coded data: 0xFF not followed by a stuffed 0x00, a restart marker or fill 0xFF.
_JPEG_MARKER = re.compile(rb"\xff(?![\x00\xd0-\xd7\xff])")


def jpeg_scan_count(data: bytes, limit: int = MAX_JPEG_SCANS) -> int:
    """The number of scans (SOS segments) of a JPEG, counted up to `limit` + 1, walking the marker segments (their
    payloads, an Exif thumbnail's own scans included, are skipped); 0 for data that is not a JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return 0
    scans, pos = 0, 2
    while scans <= limit:
        match = _JPEG_MARKER.search(data, pos)
        if match is None or match.end() >= len(data):
            break
        marker, pos = data[match.end()], match.end() + 1
        if marker == 0xD9:  # EOI
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # no length
            continue
        length = int.from_bytes(data[pos : pos + 2], "big")
        if marker == 0xDA:
            scans += 1
        pos += max(length, 2)  # after an SOS header: its entropy-coded data, up to the next marker
    return scans


def decode_cost_problem(image_format: str | None, width: int, height: int, data: bytes) -> str | None:
    """Why decoding this image would cost far more than its size (more than MAX_PIXELS, or a JPEG — Pillow's "JPEG"
    or "MPO" — of more than MAX_JPEG_SCANS scans), or None. Its header only is read, and a JPEG's markers."""
    if width * height > MAX_PIXELS:
        return TOO_MANY_PIXELS
    if image_format in ("JPEG", "MPO") and jpeg_scan_count(data) > MAX_JPEG_SCANS:
        return TOO_MANY_SCANS
    return None
