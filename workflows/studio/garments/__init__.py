"""CPU garment segmentation for the `extract` workflow.

1. Decode (``decode``): EXIF applied, long side at most 2,048 px (large JPEGs decoded at a reduced scale).
2. Person (``pose``): MediaPipe pose on a ~512 px copy gives the skeleton and person mask of the main person;
   no person → ``NoItemsFound``.
3. Parser (``parser``): a compact U-Net trained here on Clothing Co-Parsing, averaged with a second parser
   (EfficientNet-Lite0 encoder from ImageNet weights; shoes from the first alone), labels the person box,
   resized to 256×384, with three pose channels (person mask, position along and across the body), into
   background / body / top / bottom / shoes / dress / bag / other; its probabilities are laid back on the
   working copy and gated by the person mask (garments only where the pose sees a person).
4. Items (this module): per class the argmax region, cleaned (components, small holes); ``full_outfit`` =
   top + bottom + shoes + dress; ``bag`` and ``dress`` are returned when present.
5. Cut-outs (``cutouts``, ``refine``): each mask upscaled to the photo, snapped to its colour edges by a
   guided filter, cut out as RGBA (alpha = mask).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from workflows.studio.garments import colour, fusion, parser
from workflows.studio.garments.cutouts import GarmentItem, make_item, union_item
from workflows.studio.garments.decode import ImageTooCostly, ImageUnreadable, decode
from workflows.studio.garments.labels import product_label
from workflows.studio.garments.pose import detect_person, get_models, person_box
from workflows.studio.garments.refine import clean, fill_holes

__all__ = [
    "GarmentItem",
    "ImageTooCostly",
    "ImageUnreadable",
    "NoItemsFound",
    "extract_items",
    "product_label",
]

WORK_SIDE = 512
LABELS = ("top", "bottom", "shoes", "full_outfit", "dress", "bag")
DEFAULT_ORDER = ("top", "bottom", "dress", "shoes", "full_outfit", "bag")
ITEM_CLASSES = ("top", "bottom", "shoes", "dress", "bag")
OUTFIT = ("top", "bottom", "shoes", "dress")
# An item is returned when its region is at least this share of the person's area.
MIN_AREA = {"top": 0.004, "bottom": 0.004, "shoes": 0.002, "dress": 0.04, "bag": 0.01}
CLEAN_FRAC = {"top": 0.05, "bottom": 0.05, "shoes": 0.1, "dress": 0.1, "bag": 0.3}
# Where each part comes from, as `make bench-garments --compare` measured it on garments-dev with the third
# parser (README; the fourth, served at 256×384, keeps these settings: top 0.771, bottom 0.751, shoes 0.707, full
# outfit 0.850): top, bottom and shoes from the colour models' posteriors fused with the parser's (FUSED_ITEMS),
# bottom and shoes less what the parser is sure is something else (NET_OTHER_VETO): top 0.768, bottom 0.747, shoes
# 0.689, full outfit 0.846 (the colour models alone 0.757 / 0.706 / 0.652 / 0.823; top and bottom less the parser's
# veto, as served with the second parser, 0.767 / 0.736 and full outfit 0.843; the parser alone with GrabCut
# 0.739 / 0.710 / 0.681).
COLOUR_ITEMS: tuple[str, ...] = ("top", "bottom", "shoes")
# Colour-model pixels of these items that the parser gives more than NET_VETO probability of not being a garment
# are cut (none now: the fused items measured better).
NET_VETO_ITEMS: tuple[str, ...] = ()
NET_VETO = 0.6
# Colour-model pixels of these items that the parser gives more than this probability of being anything else
# (another garment included: trouser hems, ground, bare feet for shoes; a coat's hem for a bottom) are cut. Shoes:
# on every third garments-dev photo the fused shoes went 0.704 -> 0.714 with 0.8 (0.707 with 0.7, 0.708 with 0.9);
# bottom, fused, with the third parser: 0.734 -> 0.747 (all 266 photos), on top it measured below.
NET_OTHER_VETO: dict[str, float] = {"bottom": 0.8, "shoes": 0.8}
# A vetoed colour item that keeps less than this share of its pixels is kept whole instead (the colour models
# and the parser disagree on it). 0 (always cut): on the even garments-dev photos a bag over the trousers and a
# pair of tights left the bottom (mean 0.7899 -> 0.7914, 0.25 the same), on the odd ones two bottoms lost
# 0.86 / 0.40 (0.8120 -> 0.8091): it stays 0.5.
VETO_KEEP = 0.5
# Colour-model pixels of these items where the parser's probability of one named class is more than its
# threshold are cut (as NET_OTHER_VETO, VETO_KEEP included). The top gives up what the parser is sure is a bag (a
# bag held in front of a jacket of its colour): chosen on the even garments-dev photos among 0.5 / 0.7 / 0.85
# (mean of top, bottom, shoes, full outfit 0.7911 -> 0.7911 / 0.7916 / 0.7917; at 0.5 the unsure bags cut tops
# too), checked on the odd ones (0.8145 -> 0.8149; top 0.816 -> 0.817); README.
NET_CLASS_VETO: dict[str, dict[str, float]] = {"top": {"bag": 0.85}}
# COLOUR_ITEMS whose colour posteriors are first fused with the parser's probabilities (weighted geometric mean,
# NET_WEIGHT = the parser's share), then labelled as the colour models' alone are (column cuts, clean-up).
# 0.6 (0.5 until the two parsers were averaged): chosen on the even garments-dev photos through the API among
# 0.4 / 0.5 / 0.6 / 0.65 / 0.7 (mean of top, bottom, shoes, full outfit 0.7743 / 0.7767 / 0.7796 / 0.7789 /
# 0.7790), checked on the odd ones (0.7959 -> 0.7981); README.
# 0.7 since the second parser's eleventh and twelfth runs (issue 16, helper garm): on the even photos through the
# API 0.6 / 0.7 / 0.8 gave 0.7980 / 0.8023 / 0.8018; on the odd ones 0.7 gave 0.8207 -> 0.8218 (its bottom 0.820 ->
# 0.818). A bottom kept at 0.6 (NET_WEIGHT_BOTTOM) was chosen after seeing the odd half and lost on the even one
# (0.8020 against 0.8023), so it is not served (README).
FUSED_ITEMS: tuple[str, ...] = ("top", "bottom", "shoes")
NET_WEIGHT = 0.7
NET_WEIGHT_BOTTOM: float | None = None  # the bottom's own share, a bench switch (None: NET_WEIGHT)
# COLOUR_ITEMS labelled from the learned fusion (``fusion``: a per-pixel logistic regression over the colour
# posteriors, the parser's probabilities and the pose, fitted on a parser's answers for garments-train photos it
# never saw) instead of the geometric mean (FUSED_ITEMS) and NET_OTHER_VETO. None: through the API on garments-dev
# (README) top and bottom from it measured top 0.770, bottom 0.759, full outfit 0.849 against 0.771 / 0.751 / 0.850,
# the full outfit down on one half of the photos, for +0.05 s CPU.
LEARNED_ITEMS: tuple[str, ...] = ()
# Whether the parser's own dress regions make a `dress` item. Off: on garments-dev, which has no dresses, the
# parser's dress regions pass the one-piece test on 65 of 266 photos (top 0.768 → 0.690, bottom 0.747 → 0.596
# with it on, the parts as --compare chose them); a dress is returned when the product text names a one-piece.
NET_DRESS = False
# Whether the colour models' items give up the pixels of the parser's own parts (e.g. a colour-model bottom over
# parser shoes: dark trousers and dark shoes are one colour to the colour models). Off: no part comes from the
# parser alone now.
PARSER_PARTS_WIN = False
DRESS_VS_BOTTOM = 1.5  # a dress is an item when at least this many times the bottom's area
DRESS_ABOVE_HIPS = 0.2  # ... and at least this share of it is above the hips
PERSON_GATE = 0.3  # garment pixels need at least this person probability (bags are not gated: held away)
# Bag pixels: the parser's bag probability at least BAG_PROB (None: where bag is its most likely class). A bag
# region (a component of them) is kept when at least BAG_ON_PERSON of it lies on the person mask (worn, held in
# front) or its mean bag probability is at least BAG_SURE (held away from the body): the parser's unsure patches
# on the background beside the hands and legs (a wall, a sofa) are dropped. On garments-dev with the second
# parser (README, `make bench-garments --compare`): false bags on 48 instead of 56 of the 87 bag-less photos, bag
# IoU the same (0.322), bags found on 87.2 % instead of 88.8 % of the 179 photos with one; with the committed
# (third) parser at BAG_PROB 0.3: false bags on 41, bag IoU 0.364, found on 84.4 %; at 0.2 (chosen on every second
# photo, 0.2 against 0.3 and 0.15; on the other photos found 84.1 -> 90.9 %, IoU 0.371 -> 0.376, false bags 24 -> 26
# of 45): all 266 photos false bags 43, IoU 0.369, found 89.4 %. With the two parsers averaged (parser.EXTRA_WEIGHTS)
# 0.25, chosen on every second photo against 0.2 and 0.3 (found 91.2 / 91.2 / 85.7 %, false bags 33 / 27 / 23 of
# 42), checked on the others (0.2 -> 0.25: found 93.2 -> 92.0 %, false bags 34 -> 30 of 45, IoU 0.410 -> 0.405).
# With the lite parser fine-tuned at 256x384 (sixth run) 0.2 again: against 0.25 it finds more bags on both halves
# (even photos 81.3 -> 89.0 %, odd 87.5 -> 89.8 %) at the same IoU (0.452 / 0.451, 0.461 / 0.461); false bags rise
# 15 -> 20 of 42 and 26 -> 30 of 45, 50 of 87 in all (57 before the sixth run). Found is the target.
# BAG_SURE 0.45 (0.6 before): the fine-tuned lite parser gives the bags held away from the body 0.45-0.6 on
# average, and keeping them pays on both halves; chosen on the even photos (0.6 / 0.45 / 0.4 / 0.35: found 89.0 /
# 93.4 / 94.5 / 95.6 %, false bags 20 / 22 / 24 / 26 of 42, IoU 0.451 / 0.491 / 0.493 / 0.493: past 0.45 two false
# bags per bag found), checked on the odd ones (0.6 -> 0.45: found 89.8 -> 94.3 %, IoU 0.461 -> 0.483, false bags
# 30 -> 31 of 45).
BAG_PROB: float | None = 0.2
BAG_ON_PERSON = 0.5
BAG_SURE = 0.45
# A bag region (after the clean-up) is kept only when the 90th percentile of its bag probability is at least
# BAG_PEAK: the parser's faint patches (on a hand, a belt, a jacket's pocket) never reach it. None: off. 0.3: on
# the even garments-dev photos 0.25 / 0.28 / 0.3 / 0.32 / 0.34 keep every bag found without it and take false
# bags 21 -> 21 / 21 / 19 / 19 / 18 of 42 (0.36: 17, one bag lost); on the odd ones 0.3 keeps every
# bag too (false bags 30 -> 27 of 45) while 0.32 / 0.34 lose 2 / 3 bags: the lowest threshold that gains, a
# choice the odd photos confirm but also informed (README). A threshold on the region's peak or mean bag
# probability, or on its area, loses bags on both halves before it drops false ones.
BAG_PEAK: float | None = 0.3
# When the product text names a bag and the rule above keeps none, the likeliest bag is returned: of the regions
# where the parser's bag probability is at least ASKED_BAG_PROB, the one with the most bag probability, if at
# least ASKED_BAG_AREA of the person's area. The parser's per-photo bag evidence tells photos with a bag from
# photos without one poorly (garments-dev: AUC 0.75 for its highest bag probability), so the rule cannot find
# 98 % of bags unasked without a false bag on most bag-less photos; asked, a false bag costs nothing. Chosen on
# every second garments-dev photo (0.05 / 0.01 among 0.2, 0.1, 0.05 × 0.002, 0.005, 0.01), checked on the others:
# bags found when asked 90.9 -> 100 %, IoU 0.375 -> 0.393 (working resolution).
ASKED_BAG_PROB = 0.05
ASKED_BAG_AREA = 0.01
BOX_MARGIN = 0.06  # around the person, × its height
# Below the pose's person mask (which often stops at a long hem), the selfie segmentation's figure is the
# person's where the parser's shoe probability is at least this (the parser's own choice between its classes).
SHOES_BELOW = 0.5
# Whether the colour items are fused with (and vetoed by) parser probabilities whose dress share goes to the top
# or the bottom by the colour models' own top / bottom posteriors (``dress_by_colour``) instead of at the pose's
# hips line: the parser reads many skirts and high-waisted trousers as dress, and the hips line gave their upper
# part to the top. Chosen on the even garments-dev photos (mean of top, bottom, shoes, full outfit 0.7797 ->
# 0.7899), checked on the odd ones (0.8006 -> 0.8120); README.
DRESS_BY_COLOUR = True
# Where the colour models cannot tell the top from the bottom, DRESS_BY_COLOUR could fall back to the hips line:
# per pixel where their top and bottom posteriors differ by less than DRESS_TIE, or for the whole photo when they
# differ by less than DRESS_GAP on average over the parser's dress (weighted by its dress probability on the
# person). Both off (None): for same-colour suits (garments-dev 0352, 0642) DRESS_GAP 0.5 / 0.55 took the even
# photos' mean of top, bottom, shoes and full outfit 0.7899 -> 0.7925 / 0.7926 and the odd ones' 0.8120 ->
# 0.8101 / 0.8084; DRESS_TIE 0.3 / 0.5 lost on the even ones (0.7880 / 0.7867); README.
DRESS_TIE: float | None = None
DRESS_GAP: float | None = None


class NoItemsFound(Exception):
    """No person, or no garment on the person, was found."""


def _get_models():
    """Load the pose models, the parsers and the learned fusion once (the bench calls this outside its timing)."""
    parser._get_net()
    for path in parser.EXTRA_WEIGHTS:
        parser._get_extra_net(path)
    if LEARNED_ITEMS:
        fusion.get_params()
    return get_models()


@dataclass
class Photo:
    """One photo as the items are made from it: the decoded photo, its working copy (``s`` = working size /
    photo size), the pose on the working copy and the parser's class probabilities laid on it."""

    full: np.ndarray
    small: np.ndarray
    s: float
    landmarks: np.ndarray
    person_soft: np.ndarray
    maps: np.ndarray
    probs: np.ndarray


def extract_items(image_bytes: bytes, *, max_items: int = 4, product_text: str = "") -> list[GarmentItem]:
    """Detect the garments worn by the person in a full-body photo.

    Returns at most ``max_items`` items; the one matching ``product_text`` first, otherwise in the order
    top, bottom, dress, shoes, full_outfit, bag. Raises ImageUnreadable (bad bytes) or NoItemsFound (no
    person / no garment).
    """
    photo = analyse(image_bytes)
    want = product_label(product_text)
    masks, soft, scores, probs = parser_masks(photo, one_piece=want == "dress")
    if want == "bag" and "bag" not in masks:
        _add_likeliest_bag(photo, masks, soft, scores)
    if COLOUR_ITEMS and "dress" not in masks:
        # items the colour models still measure better on (garments-dev); not with a dress (they know none)
        post = colour.colour_posteriors(photo.small, photo.landmarks, photo.person_soft)
        by_colour = dress_by_colour(photo.probs, probs, post, photo.person_soft)
        for source in ("colour", "fused", "learned"):
            group = [k for k in COLOUR_ITEMS if _colour_source(k) == source]
            if not group:
                continue
            if source == "learned":
                p = fusion.posteriors(post, photo.probs, photo.maps, photo.person_soft)
            else:
                p = colour.fuse(post, colour_classes(by_colour), fusion_weights()) if source == "fused" else post
            c_masks, c_soft, c_scores = colour.colour_masks(photo.small, photo.landmarks, photo.person_soft, p)
            for k in group:
                if k in c_masks:
                    veto = None if source == "learned" else item_veto(k, by_colour)
                    masks[k], soft[k] = colour_item(c_masks[k], c_soft[k], veto)
                    scores[k] = c_scores[k]
        parser_parts = [masks[k] for k in ("top", "bottom", "shoes") if k in masks and k not in COLOUR_ITEMS]
        if PARSER_PARTS_WIN and parser_parts:
            taken = np.logical_or.reduce(parser_parts)
            for k in COLOUR_ITEMS:
                if k in masks and (masks[k] & ~taken).sum() >= 0.5 * masks[k].sum():
                    masks[k] = masks[k] & ~taken
                    soft[k] = soft[k] * masks[k]
    if want == "dress" and ("top" in masks or "bottom" in masks):
        # the product is a one-piece: what the parser split into top and bottom is that piece
        merged = [k for k in ("dress", "top", "bottom") if k in masks]
        masks["dress"] = clean(np.logical_or.reduce([masks.pop(k) for k in merged]), 0.3)
        soft["dress"] = np.max([soft.pop(k) for k in merged], 0)
        scores["dress"] = round(float(np.mean([scores.pop(k) for k in merged])), 3)
    return make_items(photo, masks, soft, scores, want, max_items)


def analyse(image_bytes: bytes) -> Photo:
    """Decode, find the person (pose) and run the parser on the person box. Raises ImageUnreadable or
    NoItemsFound."""
    full = decode(image_bytes)
    H, W = full.shape[:2]
    if min(H, W) < 32:
        raise NoItemsFound("image too small to contain a person")
    s = min(1.0, WORK_SIDE / max(H, W))
    small = (
        cv2.resize(full, (max(1, round(W * s)), max(1, round(H * s))), interpolation=cv2.INTER_AREA) if s < 1 else full
    )
    h, w = small.shape[:2]

    landmarks, person_soft, below = detect_person(small, below=True)
    if landmarks is None:
        raise NoItemsFound("no person detected")
    person = person_soft > 0.5
    if person.sum() < 0.01 * h * w:
        raise NoItemsFound("person too small")

    box = person_box(person, landmarks, parser.INPUT_W / parser.INPUT_H, BOX_MARGIN)
    full_box = tuple(v / s for v in box)
    maps = parser.pose_maps(landmarks, person_soft, (h, w))
    probs = parser.place(parser.parse(full, maps, full_box), box, (h, w))
    probs = parser.closeup(full, maps, landmarks, probs, box, s)
    return Photo(full, small, s, landmarks, with_shoes_below(person_soft, below, probs), maps, probs)


def _colour_source(item: str) -> str:
    """What a colour item is labelled from: the learned fusion, the geometric mean, or the colour models alone."""
    if item in LEARNED_ITEMS:
        return "learned"
    return "fused" if item in FUSED_ITEMS else "colour"


def with_shoes_below(person_soft: np.ndarray, below: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """The person mask with the shoes under a long hem: where the selfie segmentation's figure continues below
    the pose's mask (``below``) and the parser takes it for shoes (SHOES_BELOW), it is the person's, so the
    person gate and the colour models let the shoes in; the rest of that figure (shadows, the ground) stays out."""
    shoes = probs[..., parser.CLASS["shoes"]] >= SHOES_BELOW
    if not (shoes & (below > 0.5)).any():
        return person_soft
    return np.maximum(person_soft, np.where(shoes, below, 0)).astype(np.float32)


def parser_masks(photo: Photo, *, one_piece: bool = False, net_dress: bool | None = None):
    """The parser's items on the working copy: (masks, soft maps, scores, probabilities). Where it saw a dress,
    the dress stays one (``one_piece``: the product is one; ``net_dress``, default NET_DRESS: the region looks
    like one) or is shared between top and bottom; the probabilities returned are the ones after that."""
    net_dress = NET_DRESS if net_dress is None else net_dress
    probs = photo.probs
    masks, soft, scores = _item_masks(probs, photo.person_soft)
    if "dress" in masks:
        probs = _one_piece_or_parts(
            probs, photo.maps, one_piece=one_piece or (net_dress and _is_one_piece(masks, photo.maps))
        )
        masks, soft, scores = _item_masks(probs, photo.person_soft)
    return masks, soft, scores, probs


def not_garment(probs: np.ndarray) -> np.ndarray:
    """Where the parser gives more than NET_VETO probability to background, skin and hair or a bag: what colour
    models cannot tell apart from a garment."""
    C = parser.CLASS
    return probs[..., [C["background"], C["body"], C["bag"]]].sum(axis=2) > NET_VETO


def item_veto(item: str, probs: np.ndarray) -> np.ndarray | None:
    """The pixels the parser takes from a colour model's ``item`` (NET_VETO_ITEMS, NET_OTHER_VETO), or None."""
    veto = not_garment(probs) if item in NET_VETO_ITEMS else None
    if item in NET_OTHER_VETO:
        other = 1.0 - probs[..., parser.CLASS[item]] > NET_OTHER_VETO[item]
        veto = other if veto is None else veto | other
    for name, threshold in NET_CLASS_VETO.get(item, {}).items():
        cut = probs[..., parser.CLASS[name]] > threshold
        veto = cut if veto is None else veto | cut
    return veto


def fusion_weights() -> np.ndarray:
    """The parser's share in the fusion per colour class (top, bottom, shoes, other): NET_WEIGHT, the bottom's
    NET_WEIGHT_BOTTOM when set."""
    bottom = NET_WEIGHT if NET_WEIGHT_BOTTOM is None else NET_WEIGHT_BOTTOM
    return np.array([NET_WEIGHT, bottom, NET_WEIGHT, NET_WEIGHT], np.float32)


def colour_classes(probs: np.ndarray) -> np.ndarray:
    """The parser's probabilities over the colour models' classes: top, bottom (with a dress), shoes, other
    (background, skin and hair, bag, accessories)."""
    C = parser.CLASS
    return np.stack(
        [
            probs[..., C["top"]],
            probs[..., C["bottom"]] + probs[..., C["dress"]],
            probs[..., C["shoes"]],
            probs[..., [C["background"], C["body"], C["bag"], C["other"]]].sum(axis=2),
        ],
        axis=-1,
    )


def dress_by_colour(raw: np.ndarray, probs: np.ndarray, post: np.ndarray, person_soft=None) -> np.ndarray:
    """The parser's probabilities the colour items are fused with and vetoed by. With DRESS_BY_COLOUR the
    parser's dress probability (``raw``: before ``_one_piece_or_parts`` shared it at the hips) goes to the top
    where the colour models' top posterior beats their bottom one (``post``), else to the bottom, so the
    parser's vote no longer cuts a skirt or high-waisted trousers at the pose's hips line. Where the colour
    models cannot tell top from bottom (DRESS_TIE per pixel; DRESS_GAP for the photo, given ``person_soft``) the
    hips line's ``probs`` stay."""
    if not DRESS_BY_COLOUR or _dress_gap_small(raw, post, person_soft):
        return probs
    C = parser.CLASS
    out = raw.copy()
    dress = raw[..., C["dress"]]
    to_top = post[..., 0] > post[..., 1]
    out[..., C["top"]] += np.where(to_top, dress, 0)
    out[..., C["bottom"]] += np.where(to_top, 0, dress)
    out[..., C["dress"]] = 0
    if DRESS_TIE is not None:
        tie = np.abs(post[..., 0] - post[..., 1]) < DRESS_TIE
        out = np.where(tie[..., None], probs, out)
    return out


def _dress_gap_small(raw: np.ndarray, post: np.ndarray, person_soft: np.ndarray | None) -> bool:
    """Whether the colour models' top and bottom posteriors differ by less than DRESS_GAP on average over the
    parser's dress on the person (off: None)."""
    if DRESS_GAP is None or person_soft is None:
        return False
    w = raw[..., parser.CLASS["dress"]] * (person_soft > 0.5)
    if w.sum() < 1.0:
        return False
    return float((np.abs(post[..., 0] - post[..., 1]) * w).sum() / w.sum()) < DRESS_GAP


def colour_item(c_mask: np.ndarray, c_soft: np.ndarray, veto: np.ndarray | None):
    """A colour model's item (mask, soft map), less the ``veto`` pixels when given, unless less than VETO_KEEP
    of it is left (the two disagree: the colour model's answer is kept whole)."""
    m = c_mask & ~veto if veto is not None else c_mask
    if m.sum() < VETO_KEEP * c_mask.sum():
        m = c_mask
    return m, c_soft * m


def make_items(
    photo: Photo, masks: dict, soft: dict, scores: dict, want: str | None, max_items: int
) -> list[GarmentItem]:
    """The items to return, in order (``want`` first), cut out at full resolution; ``full_outfit`` is the union
    of the parts' cut-outs. Raises NoItemsFound when no part of an outfit was found."""
    if not any(k in masks for k in OUTFIT):
        raise NoItemsFound("no garment found on the person")
    masks, scores = dict(masks), dict(scores)
    parts = [k for k in OUTFIT if k in masks]
    masks["full_outfit"] = np.logical_or.reduce([masks[k] for k in parts])
    scores["full_outfit"] = round(float(np.mean([scores[k] for k in parts])), 3)

    order = [k for k in DEFAULT_ORDER if k in masks]
    if want in masks:
        order.remove(want)
        order.insert(0, want)
    order = order[: max(0, int(max_items))]
    person_height = float(np.ptp(np.nonzero(photo.person_soft > 0.5)[0]) + 1)
    needed = set(order) | (set(parts) if "full_outfit" in order else set())
    made = {
        k: make_item(k, masks[k], soft[k], scores[k], photo.full, photo.s, person_height)
        for k in DEFAULT_ORDER
        if k in needed and k != "full_outfit"
    }
    if "full_outfit" in order:
        made["full_outfit"] = union_item("full_outfit", [made[k] for k in parts], scores["full_outfit"], photo.full)
    return [made[k] for k in order]


def _one_piece_or_parts(probs: np.ndarray, maps: np.ndarray, one_piece: bool) -> np.ndarray:
    """The parser saw a dress region. A one-piece takes the bottom's probability (a bottom beside a dress is
    the parser's doubt); otherwise the dress probability goes to the top above the hips and to the bottom
    below them (a long top, a skirt)."""
    C = parser.CLASS
    probs = probs.copy()
    if one_piece:
        probs[..., C["dress"]] += probs[..., C["bottom"]]
        probs[..., C["bottom"]] = 0
        return probs
    below_hips = maps[..., 1] * 3 >= 1.0
    dress = probs[..., C["dress"]]
    probs[..., C["top"]] += np.where(below_hips, 0, dress)
    probs[..., C["bottom"]] += np.where(below_hips, dress, 0)
    probs[..., C["dress"]] = 0
    return probs


def _is_one_piece(masks: dict, maps: np.ndarray) -> bool:
    """A dress region is a one-piece when it is at least DRESS_VS_BOTTOM times the bottom region beside it and
    reaches above the hips (DRESS_ABOVE_HIPS of it): one below the hips only is a skirt or trousers."""
    dress = masks["dress"]
    bottom = float(masks["bottom"].sum()) if "bottom" in masks else 0.0
    above_hips = float((dress & (maps[..., 1] * 3 < 1.0)).sum())
    return float(dress.sum()) >= DRESS_VS_BOTTOM * bottom and above_hips >= DRESS_ABOVE_HIPS * float(dress.sum())


def _bag_regions(m: np.ndarray, p_bag: np.ndarray, person: np.ndarray) -> np.ndarray:
    """The components of the bag mask ``m`` that are on the person (BAG_ON_PERSON of their area) or sure
    (mean bag probability BAG_SURE)."""
    n, lab = cv2.connectedComponents(m.astype(np.uint8), connectivity=8)
    if n <= 1:
        return m
    idx = lab.ravel()
    area = np.bincount(idx, minlength=n).astype(np.float64)
    on_person = np.bincount(idx, weights=person.ravel().astype(np.float64), minlength=n)
    prob = np.bincount(idx, weights=p_bag.ravel().astype(np.float64), minlength=n)
    keep = (on_person >= BAG_ON_PERSON * area) | (prob >= BAG_SURE * area)
    keep[0] = False
    return keep[lab]


def _peaked_regions(m: np.ndarray, p: np.ndarray, peak: float) -> np.ndarray:
    """The components of ``m`` where the 90th percentile of ``p`` is at least ``peak``."""
    n, lab = cv2.connectedComponents(m.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, bool)
    for i in range(1, n):
        keep[i] = float(np.percentile(p[lab == i], 90)) >= peak
    return keep[lab]


def _add_likeliest_bag(photo: Photo, masks: dict, soft: dict, scores: dict) -> None:
    """The region with the most bag probability (ASKED_BAG_PROB, ASKED_BAG_AREA) as the ``bag`` item, if any."""
    p_bag = photo.probs[..., parser.CLASS["bag"]]
    m = cv2.morphologyEx((p_bag >= ASKED_BAG_PROB).astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    n, lab = cv2.connectedComponents(m, connectivity=8)
    if n <= 1:
        return
    mass = np.bincount(lab.ravel(), weights=p_bag.ravel().astype(np.float64), minlength=n)
    mass[0] = 0
    h, w = m.shape
    region = fill_holes(lab == int(mass.argmax()), int(0.002 * h * w))
    if region.sum() < ASKED_BAG_AREA * float((photo.person_soft > 0.5).sum()):
        return
    masks["bag"], soft["bag"] = region, p_bag
    scores["bag"] = round(float(p_bag[region].mean()), 3)


def _item_masks(probs: np.ndarray, person_soft: np.ndarray):
    """Per item class: cleaned boolean mask, soft map and score on the working copy."""
    h, w = person_soft.shape
    person_area = float((person_soft > 0.5).sum())
    best = probs.argmax(axis=2)
    gate = person_soft >= PERSON_GATE
    masks, soft, scores = {}, {}, {}
    for name in ITEM_CLASSES:
        k = parser.CLASS[name]
        m = probs[..., k] >= BAG_PROB if name == "bag" and BAG_PROB is not None else best == k
        if name != "bag":
            m &= gate
        m = cv2.morphologyEx(m.astype(np.uint8), cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)).astype(bool)
        if name == "bag":
            m = _bag_regions(m, probs[..., k], person_soft > 0.5)
        m = fill_holes(clean(m, CLEAN_FRAC[name]), int(0.002 * h * w))
        if name == "bag" and BAG_PEAK is not None:
            m = _peaked_regions(m, probs[..., k], BAG_PEAK)
        area = float(m.sum())
        if area < MIN_AREA[name] * person_area:
            continue
        masks[name] = m
        soft[name] = probs[..., k] if name == "bag" else probs[..., k] * np.clip(person_soft / PERSON_GATE, 0, 1)
        conf = float(probs[..., k][m].mean())
        size_ok = min(1.0, area / (0.03 * person_area))
        scores[name] = round(max(0.0, min(1.0, conf * (0.5 + 0.5 * size_ok))), 3)
    return masks, soft, scores
