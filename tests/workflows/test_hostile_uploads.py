"""Uploads whose decode costs far more than their size: refused before Pillow decodes them, nothing stored."""

from __future__ import annotations

import io
import struct

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from workflows.storage import MAX_JPEG_SCANS, jpeg_scan_count


def progressive_jpeg(size: int = 64, mode: str = "RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (size, size), 128 if mode == "L" else (120, 60, 30)).save(
        buffer, format="JPEG", progressive=True, quality=10, **save
    )
    return buffer.getvalue()


def scans_of(data: bytes) -> list[bytes]:
    """Each SOS segment of a JPEG with its entropy-coded data."""
    pos, scans = 2, []
    while data[pos + 1] != 0xD9:
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if data[pos + 1] != 0xDA:
            pos += 2 + length
            continue
        end = pos + 2 + length
        while data[end + 1] == 0 or 0xD0 <= data[end + 1] <= 0xD7 or data[end] != 0xFF:
            end = data.index(b"\xff", end + 1)
        scans.append(data[pos:end])
        pos = end
    return scans


def scan_bomb(size: int, extra_scans: int) -> bytes:
    """A valid progressive JPEG plus `extra_scans` repeats of its smallest AC scan: libjpeg warns and decodes each,
    a pass over every block of the image however few bytes the scan holds."""
    data = progressive_jpeg(size, "L")
    smallest = min(scans_of(data)[1:], key=len)
    return data[:-2] + smallest * extra_scans + b"\xff\xd9"


def upload(bearer, data: bytes):
    return bearer.post("/v1/uploads", {"file": SimpleUploadedFile("a.jpg", data, "image/jpeg")}, format="multipart")


def test_a_jpeg_of_many_scans_is_refused_before_its_decode(bearer, media):
    """20,000 scans of 75 bytes on a 7,000 x 7,000 image (1.7 MB) held an upload for minutes of CPU, past every
    timeout, with no answer. This one (2,000 x 2,000, 3,000 scans, 42 KB) took ~1 s to decode and was stored."""
    bomb = scan_bomb(2000, 3000)
    assert jpeg_scan_count(bomb, limit=10**6) == 3006
    response = upload(bearer, bomb)
    assert (response.status_code, response.json()) == (
        422,
        {
            "detail": [
                {
                    "type": "value_error",
                    "loc": ["body", "file"],
                    "msg": f"Value error, the JPEG has more than {MAX_JPEG_SCANS} scans (progressive passes)",
                }
            ]
        },
    )
    assert not list(media.rglob("*.jpg"))


def test_ordinary_progressive_jpegs_are_stored(bearer):
    """libjpeg's progressive scripts (6 scans grey, 10 colour), optimised ones, an Exif block and a scan-looking
    byte run inside an APP segment (skipped with its segment, not counted) stay within the limit."""
    exif = Image.Exif()
    exif[0x010E] = "x" * 100
    colour = progressive_jpeg(optimize=True, exif=exif.tobytes())
    grey = progressive_jpeg(mode="L")
    app = b"\xff\xe5" + struct.pack(">H", 2 + 2 * 300) + b"\xff\xda" * 300
    padded = colour[:2] + app + colour[2:]
    assert [jpeg_scan_count(d) for d in (colour, grey, padded)] == [10, 6, 10]
    boundary = scan_bomb(64, MAX_JPEG_SCANS - 6)
    assert jpeg_scan_count(boundary) == MAX_JPEG_SCANS
    for data in (colour, grey, padded, boundary):
        response = upload(bearer, data)
        assert response.status_code == 201, response.content
