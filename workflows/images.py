"""What a photo may cost to decode, checked before Pillow reads more than its header: at upload
(`services.upload_store`), when a dispatch names a stored photo (`storage.read_image`, again in the one read of
the worker's attempt) and in the worker's decode (`studio/garments/decode.py`), for a photo that reached storage another
way (a presigned S3 upload, a key written directly, an object replaced after its dispatch).
"""

from __future__ import annotations

import io
import re

from PIL import Image

MAX_PIXELS = 50_000_000
TOO_MANY_PIXELS = f"the image has more than {MAX_PIXELS:,} pixels"
# A progressive JPEG is decoded scan by scan, each scan a pass over every block of the image however few bytes it
# holds: 20,000 scans of 75 bytes on a 7,000 x 7,000 image (1.7 MB) kept an upload's decode busy for minutes. libjpeg
# writes 6-10 scans, mozjpeg and jpegtran scripts a few more.
MAX_JPEG_SCANS = 100
TOO_MANY_SCANS = f"the JPEG has more than {MAX_JPEG_SCANS} scans (progressive passes)"
# Pillow reads a JPEG's markers up to its first scan in Python, and the bytes between them one at a time: 3.9 million
# empty APP segments (15.6 MB) took its `Image.open` 18 s, 15 MB of fill bytes 11 s. The 749 dataset photos have at
# most 9 segments and no byte between them; an Exif, ICC and extended XMP block of 15 MB would be ~250.
MAX_JPEG_SEGMENTS = 10_000
TOO_MANY_SEGMENTS = f"the JPEG has more than {MAX_JPEG_SEGMENTS:,} marker segments"
MAX_JPEG_GAP = 65_536
TOO_MUCH_GAP = f"the JPEG has more than {MAX_JPEG_GAP:,} bytes of fill or junk between its marker segments"
# Pillow reads a PNG chunk by chunk in Python, on opening it (up to the first IDAT), verifying and loading it:
# 1.25 million empty ancillary chunks (15 MB) took each `Image.open` 6-7 s. Encoders write image data in chunks of
# 8-64 KB (libpng 8 KB: ~1,900 in 15 MB); an animated PNG has two chunks a frame.
MAX_PNG_CHUNKS = 100_000
TOO_MANY_CHUNKS = f"the PNG has more than {MAX_PNG_CHUNKS:,} chunks"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The next marker after entropy-coded data: 0xFF not followed by a stuffed 0x00, a restart marker or fill 0xFF.
_JPEG_MARKER = re.compile(rb"\xff(?![\x00\xd0-\xd7\xff])")


class ImageTooCostly(Exception):
    """An image whose decode would cost far more than its size; the message says why and may be shown to a client."""


def _jpeg_markers(data: bytes):
    """(marker, bytes skipped before it where a marker was due) for each marker of a JPEG after its SOI, up to EOI;
    a segment's payload is skipped with it, a scan's entropy-coded data up to the next marker."""
    pos, in_scan = 2, False
    while True:
        match = _JPEG_MARKER.search(data, pos)
        if match is None or match.end() >= len(data):
            return
        marker, gap, pos = data[match.end()], 0 if in_scan else match.start() - pos, match.end() + 1
        if marker == 0xD9:  # EOI
            return
        yield marker, gap
        in_scan = marker == 0xDA
        if marker != 0x01:  # TEM has no length (restart markers are never matched)
            pos += max(int.from_bytes(data[pos : pos + 2], "big"), 2)


def jpeg_scan_count(data: bytes, limit: int = MAX_JPEG_SCANS) -> int:
    """The number of scans (SOS segments) of a JPEG, counted up to `limit` + 1 (an Exif thumbnail's own scans, inside
    its APP segment, are not counted); 0 for data that is not a JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return 0
    scans = 0
    for marker, _gap in _jpeg_markers(data):
        scans += marker == 0xDA
        if scans > limit:
            break
    return scans


def jpeg_problem(data: bytes) -> str | None:
    """Why this JPEG's structure would cost far more to read than its size, or None (also for data that is not a
    JPEG). Reads the markers only, at most MAX_JPEG_SEGMENTS + 1 of them."""
    if not data.startswith(b"\xff\xd8"):
        return None
    scans = segments = gap = 0
    for marker, skipped in _jpeg_markers(data):
        scans, segments, gap = scans + (marker == 0xDA), segments + 1, gap + skipped
        if scans > MAX_JPEG_SCANS:
            return TOO_MANY_SCANS
        if segments > MAX_JPEG_SEGMENTS:
            return TOO_MANY_SEGMENTS
        if gap > MAX_JPEG_GAP:
            return TOO_MUCH_GAP
    return None


def png_problem(data: bytes) -> str | None:
    """Why this PNG's structure would cost far more to read than its size, or None (also for data that is no PNG).
    Reads the chunk headers only, at most MAX_PNG_CHUNKS + 1 of them."""
    if not data.startswith(PNG_SIGNATURE):
        return None
    pos, chunks = len(PNG_SIGNATURE), 0
    while pos + 8 <= len(data) and data[pos + 4 : pos + 8] != b"IEND":
        chunks += 1
        if chunks > MAX_PNG_CHUNKS:
            return TOO_MANY_CHUNKS
        pos += 12 + int.from_bytes(data[pos : pos + 4], "big")  # length, type, data, CRC
    return None


def open_image(data: bytes) -> Image.Image:
    """Pillow's lazy image of `data` (header read, pixels not decoded), once the JPEG or PNG structure and the pixel
    count are within bounds; else ImageTooCostly. Pillow's own errors for data that is no image pass through."""
    problem = jpeg_problem(data) or png_problem(data)
    if problem is not None:
        raise ImageTooCostly(problem)
    try:
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:  # over Pillow's own cap
        raise ImageTooCostly(TOO_MANY_PIXELS) from exc
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise ImageTooCostly(TOO_MANY_PIXELS)
    return image
