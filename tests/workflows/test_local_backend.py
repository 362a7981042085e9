"""The `local` Studio on a real full-body photo (CC0, see fixtures/LICENSE-fixtures.md): cut-outs
and masks written to storage under the job prefix, garments in body order, at most `max_items`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from workflows.studio.base import StudioError, StudioStatus, Submission
from workflows.studio.local import LocalStudio

PEOPLE = Path(__file__).resolve().parent / "fixtures"  # tada3.jpg: CC0, see fixtures/LICENSE-fixtures.md
PREFIX = "tenants/7/jobs/01JOBJOBJOBJOBJOBJOBJOBJOB/"


def submit(data: bytes, **context):
    key = default_storage.save("tenants/7/uploads/photo.jpg", ContentFile(data))
    cleaned = {
        "trial_image": key,
        "runtime_config": {"priority": 0},
        "extraction_context": {"max_items": 4, "product_name": "", "product_description": "", **context},
    }
    return LocalStudio().submit(
        Submission(
            job_id="01JOBJOBJOBJOBJOBJOBJOBJOB",
            job_type="extract-trial-items",
            input=cleaned,
            output_prefix=PREFIX,
            timeout_seconds=60,
        )
    )


def center_y(item) -> float:
    return item["bbox"]["y"] + item["bbox"]["height"] / 2


def test_real_photo_gives_garments_in_body_order_written_to_storage():
    photo = (PEOPLE / "tada3.jpg").read_bytes()
    width, height = Image.open(io.BytesIO(photo)).size
    state = submit(photo)
    assert state.status is StudioStatus.COMPLETED and state.progress == 1.0
    items = state.result["items"]
    labels = [item["label"] for item in items]
    assert 1 <= len(items) <= 4
    assert {"top", "bottom", "shoes"} <= set(labels)
    by_label = {item["label"]: item for item in items}
    assert center_y(by_label["top"]) < center_y(by_label["bottom"]) < center_y(by_label["shoes"])
    person = by_label.get("full_outfit", {"bbox": {"x": 0, "y": 0, "width": width, "height": height}})["bbox"]
    for item in items:
        box = item["bbox"]
        assert (
            box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
        )
        assert person["x"] <= box["x"] and box["x"] + box["width"] <= person["x"] + person["width"]
        assert person["y"] <= box["y"] and box["y"] + box["height"] <= person["y"] + person["height"]
        assert 0.0 < item["score"] <= 1.0
        assert item["image_key"].startswith(PREFIX + "items/") and item["mask_key"].startswith(PREFIX + "items/")
        cutout = Image.open(default_storage.open(item["image_key"]))
        mask = Image.open(default_storage.open(item["mask_key"]))
        assert (cutout.format, cutout.mode, cutout.size) == ("PNG", "RGBA", (box["width"], box["height"]))
        assert (mask.format, mask.mode, mask.size) == ("PNG", "L", (box["width"], box["height"]))
        alpha = cutout.getchannel("A")
        assert alpha.getextrema() == (0, 255)  # a real cut-out: transparent outside, opaque inside
    assert json.loads(default_storage.open(PREFIX + "result.json").read()) == state.result


def test_max_items_and_product_text_order():
    photo = (PEOPLE / "tada3.jpg").read_bytes()
    state = submit(photo, max_items=2, product_name="Slim jeans")
    labels = [item["label"] for item in state.result["items"]]
    assert len(labels) == 2 and labels[0] == "bottom"


def test_a_retry_overwrites_the_same_keys():
    photo = (PEOPLE / "tada3.jpg").read_bytes()
    first = submit(photo, max_items=1)
    second = submit(photo, max_items=1)
    assert first.result["items"][0]["image_key"] == second.result["items"][0]["image_key"]


def test_no_person_and_unreadable_are_failed_states():
    grey = io.BytesIO()
    Image.new("RGB", (300, 400), (128, 128, 128)).save(grey, format="JPEG")
    state = submit(grey.getvalue())
    assert state.status is StudioStatus.FAILED and state.error["type"] == "no_items_found"
    state = submit(b"not an image at all")
    assert state.status is StudioStatus.FAILED and state.error == {
        "type": "image_unreadable",
        "message": "The trial image could not be decoded.",
    }


def test_unknown_job_type_is_a_permanent_error():
    with pytest.raises(StudioError) as error:
        LocalStudio().submit(Submission(job_id="x", job_type="nope", input={}, output_prefix=PREFIX, timeout_seconds=1))
    assert error.value.permanent


def test_a_48_megapixel_upload_completes_in_seconds_at_a_bounded_size():
    """The hostile upload of issue 11: 47.7 MP as a ~1.3 MB JPEG, under the upload pixel cap. It is decoded at
    most 2,048 px on the long side, so the job completes in seconds and its cut-outs are that size at most."""
    import time

    from workflows.studio.garments.decode import MAX_SIDE

    big = Image.open(PEOPLE / "tada3.jpg").convert("RGB").resize((5367, 8888), Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    big.save(buffer, format="JPEG", quality=80)
    started = time.perf_counter()
    state = submit(buffer.getvalue())
    elapsed = time.perf_counter() - started
    assert state.status is StudioStatus.COMPLETED
    assert elapsed < 20, elapsed  # ~2 s on an idle core (decode, pose, parser, cut-outs, PNG writes)
    labels = [item["label"] for item in state.result["items"]]
    assert {"top", "bottom", "shoes"} <= set(labels)
    decoded_width = round(5367 * MAX_SIDE / 8888)
    for item in state.result["items"]:
        box = item["bbox"]
        assert box["x"] + box["width"] <= decoded_width and box["y"] + box["height"] <= MAX_SIDE
        assert Image.open(default_storage.open(item["image_key"])).size == (box["width"], box["height"])
