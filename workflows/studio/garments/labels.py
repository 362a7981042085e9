"""The garment a product text names ("denim jeans" -> bottom), so that item comes first."""

from __future__ import annotations

import re

_KEYWORDS = {
    "dress": ["dress", "dresses", "gown", "romper", "jumpsuit", "playsuit", "sundress", "overall", "overalls"],
    "bottom": [
        "jeans",
        "jean",
        "denim",
        "trousers",
        "trouser",
        "pants",
        "pant",
        "shorts",
        "skirt",
        "skirts",
        "leggings",
        "chinos",
        "joggers",
        "culottes",
        "slacks",
        "sweatpants",
        "cargo",
        "bottom",
        "bottoms",
    ],
    "shoes": [
        "sneakers",
        "sneaker",
        "shoes",
        "shoe",
        "boots",
        "boot",
        "heels",
        "heel",
        "sandals",
        "sandal",
        "loafers",
        "loafer",
        "trainers",
        "trainer",
        "pumps",
        "flats",
        "clogs",
        "wedges",
        "espadrilles",
        "mules",
        "footwear",
        "slippers",
    ],
    "top": [
        "t-shirt",
        "tshirt",
        "tee",
        "shirt",
        "blouse",
        "top",
        "tank",
        "sweater",
        "jumper",
        "hoodie",
        "jacket",
        "coat",
        "cardigan",
        "blazer",
        "sweatshirt",
        "pullover",
        "polo",
        "vest",
        "tunic",
        "camisole",
        "parka",
        "knit",
        "crop",
        "bodysuit",
    ],
    "full_outfit": ["outfit", "look", "suit", "set", "tracksuit", "ensemble"],
    "bag": ["bag", "handbag", "purse", "tote", "backpack", "clutch"],
}
_WORD_TO_LABEL = {w: lab for lab, words in _KEYWORDS.items() for w in words}


def product_label(product_text: str) -> str | None:
    """Garment label named by a product text; the last garment noun wins
    ("denim jacket" -> top, "t-shirt dress" -> dress)."""
    if not product_text:
        return None
    words = re.findall(r"[a-z]+(?:-[a-z]+)*", product_text.lower())
    best = None
    for w in words:
        cands = [w]
        if "-" in w:
            cands += [w.replace("-", "")] + w.split("-")[::-1]
        for c in cands:
            lab = _WORD_TO_LABEL.get(c)
            if lab is not None:
                best = lab
                break
    return best
