"""A learned decision on the body's edge blocks: after the markup rules of :mod:`.ending`, the first and last few
blocks of the body are weighed one by one by a logistic regression over general features of the block (position,
length, sentence shape, tag, where its page element sits relative to the article's element, link text, words of
the class / id attributes above it from generic groups, whether its text repeats in the page) and cut from each end
while the model says the block is not article text. The weights are fitted on the webpages-dev labels by
``training/fit_body_edges.py`` and read from ``edges_model.json`` beside this module; no site's name is a feature.
"""

from __future__ import annotations

import json
import math
import re
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# How many blocks at each end are weighed (the cut stops at the first block the model keeps).
EDGE_BLOCKS = 6
MIN_BLOCKS = 3
MODEL_PATH = Path(__file__).with_name("edges_model.json")

# class / id words above a block (between its page element and the article's element), in generic groups
_ATTR_GROUPS = {
    "related": r"related|recommend\w*|more|read-?more|recirc\w*|also|next|prev\w*|popular|trending|latest",
    "share": r"share|sharing|social|follow|sns",
    "author": r"author\w*|byline|bio|profile|avatar|contributor|writer",
    "signup": r"newsletter|subscribe|subscription|signup|sign-up|optin|opt-in|cta|calltoaction|form|lead",
    "caption": r"caption|figure|figcaption|credit|image|img|photo|media|gallery|video|wp-caption",
    "comment": r"comments?|reply|respond|discussion|disqus",
    "footer": r"footer|bottom|end|after|below",
    "sidebar": r"sidebar|aside|widget|rail|secondary",
    "tags": r"tags?|categor\w*|topics?|taxonomy|terms?|labels?|keywords?",
    "nav": r"nav\w*|menu|breadcrumbs?|pagination|pager|toc",
    "promo": r"ads?|advert\w*|promo\w*|sponsor\w*|banner|affiliate|partner",
    "meta": r"meta|date|time|posted|published|info|details|entry-meta|post-meta",
    "header": r"header|head|title|hero|intro|lead|dek|subtitle|standfirst|summary|excerpt",
    "note": r"disclaimer|disclosure|note|notice|alert|callout|box|highlight",
    "content": r"content|entry|post|article|body|text|prose|rich-?text|story",
}
_ATTR_RES = {g: re.compile(rf"(?:^|[-_\s])(?:{w})(?:$|[-_\s\d])", re.IGNORECASE) for g, w in _ATTR_GROUPS.items()}
_PATH_TAGS = ("aside", "nav", "footer", "header", "figure", "form", "section", "a")
# generic wording of page furniture at the start of a block
_TEXT_GROUPS = {
    "t_related": r"related|more from|read (?:more|next|also)|you may also|recommended|see also|popular|latest",
    "t_share": r"share|follow|tweet|like us",
    "t_signup": r"subscribe|sign up|newsletter|join|get (?:the|our)|download|register|book a|contact us|try",
    "t_author": r"about the author|written by|by |author",
    "t_legal": r"©|copyright|all rights reserved|disclaimer|disclosure|terms|privacy",
    "t_tags": r"tags?:|categor(?:y|ies)|filed under|topics?:|posted in",
    "t_comment": r"comments?|leave a (?:reply|comment)|\d+ comments?",
    "t_media": r"image|photo|credit|source:|via |video",
}
_TEXT_RES = {g: re.compile(rf"^\W*(?:{w})", re.IGNORECASE) for g, w in _TEXT_GROUPS.items()}
_TAGS = ("p", "head", "list", "table", "quote")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")

FEATURES = (
    ("bias", "pos", "inv_pos", "rel_pos", "log_words", "word_share", "short", "long")
    + tuple(f"tag_{t}" for t in _TAGS)
    + ("tag_other", "h1", "h2_3", "h4_6")
    + ("ends_stop", "ends_colon", "log_sentences", "cap_share", "digit_share", "upper_start", "has_pipe")
    + ("located", "inside", "log_depth", "link_share", "in_link", "repeats")
    + tuple(f"attr_{g}" for g in _ATTR_GROUPS)
    + tuple(f"path_{t}" for t in _PATH_TAGS)
    + tuple(_TEXT_GROUPS)
    + ("inner_head", "inner_located", "same_parent", "apart", "inner_short")
)


@lru_cache(maxsize=4096)
def _attr_groups(attrs: str) -> frozenset[str]:
    """The groups of ``_ATTR_GROUPS`` that a class / id value names (the blocks of a page share their ancestors)."""
    return frozenset(g for g, rx in _ATTR_RES.items() if rx.search(attrs))


def _attr_path(src, main) -> tuple[set[str], set[str], int]:
    """The class / id groups and the tags of the elements from ``src`` up to (not including) ``main`` (up to 12
    levels when ``src`` is outside ``main``), and the number of levels."""
    groups: set[str] = set()
    tags: set[str] = set()
    depth = 0
    el = src
    while el is not None and el is not main and depth < 12:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _PATH_TAGS:
            tags.add(tag)
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
        if attrs:
            groups |= _attr_groups(attrs)
        depth += 1
        el = el.getparent()
    return groups, tags, depth


def _link_share(src) -> float:
    total = len(src.text_content())
    if not total:
        return 0.0
    return min(1.0, sum(len(a.text_content()) for a in src.iter("a")) / total)


def block_features(blocks: list, i: int, inner: int, main, repeats: set, total_words: int) -> list[float]:
    """The features of the ``i``-th of ``blocks`` (pairs of a body block and its page element or None); ``inner``
    is the index of its neighbour towards the middle of the body."""
    el, src = blocks[i]
    n = len(blocks)
    pos = i if inner > i else n - 1 - i
    text = " ".join("".join(el.itertext()).split())
    words = _WORD.findall(text)
    nw = len(words)
    tag = el.tag if el.tag in _TAGS else "other"
    rend = (el.get("rend") or "") if el.tag == "head" else ""
    f = [1.0, min(pos, EDGE_BLOCKS) / EDGE_BLOCKS, 1.0 / (1 + pos), pos / max(n - 1, 1)]
    f += [math.log1p(nw) / 5, nw / max(total_words, 1), float(nw <= 4), float(nw >= 40)]
    f += [float(tag == t) for t in _TAGS] + [float(tag == "other")]
    f += [float(rend == "h1"), float(rend in ("h2", "h3")), float(rend in ("h4", "h5", "h6"))]
    caps = sum(map(str.isupper, [w[0] for w in words]))
    digits = sum(map(str.isdigit, words))
    f += [
        float(text.endswith((".", "!", "?", "…", '"', "”"))),
        float(text.endswith(":")),
        math.log1p(len(_SENTENCE_END.findall(text))) / 3,
        caps / max(nw, 1),
        digits / max(nw, 1),
        float(text[:1].isupper()),
        float("|" in text),
    ]
    if src is not None:
        groups, tags, depth = _attr_path(src, main)
        inside = any(a is main for a in src.iterancestors())
        in_link = any(True for _ in src.iterancestors("a")) or src.tag == "a"
        f += [1.0, float(inside), math.log1p(depth) / 3, _link_share(src), float(in_link)]
    else:
        groups, tags = set(), set()
        f += [0.0, 0.0, 0.0, 0.0, 0.0]
    f.append(float(text[:60] in repeats))
    f += [float(g in groups) for g in _ATTR_GROUPS]
    f += [float(t in tags) for t in _PATH_TAGS]
    f += [float(bool(rx.match(text))) for rx in _TEXT_RES.values()]
    if 0 <= inner < n:
        iel, isrc = blocks[inner]
        same = src is not None and isrc is not None and src.getparent() is isrc.getparent()
        apart = False
        if src is not None and isrc is not None and not same:
            anc = {isrc, *isrc.iterancestors()}
            lowest = next((x for x in src.iterancestors() if x in anc), None)
            apart = lowest is None or lowest is main or any(lowest is a for a in main.iterancestors())
        f += [
            float(iel.tag == "head"),
            float(isrc is not None),
            float(same),
            float(apart),
            float(len("".join(iel.itertext()).split()) <= 4),
        ]
    else:
        f += [0.0, 0.0, 0.0, 0.0, 0.0]
    return f


class _Rows:
    """The feature rows of one end's first ``EDGE_BLOCKS`` blocks (from that end inwards), each computed when first
    read: the cut usually stops at the first block."""

    def __init__(self, blocks: list, main, repeats: set, total: int, tail: bool):
        self.blocks, self.main, self.repeats, self.total, self.tail = blocks, main, repeats, total, tail
        self.rows: dict[int, list[float]] = {}

    def __len__(self) -> int:
        return min(EDGE_BLOCKS, len(self.blocks))

    def __getitem__(self, j: int) -> list[float]:
        if j not in self.rows:
            n = len(self.blocks)
            i, inner = (n - 1 - j, n - 2 - j) if self.tail else (j, j + 1)
            self.rows[j] = block_features(self.blocks, i, inner, self.main, self.repeats, self.total)
        return self.rows[j]


def edge_rows(blocks: list, main, repeats: set, total: int) -> tuple[_Rows, _Rows]:
    """The feature rows of the first and of the last ``EDGE_BLOCKS`` blocks (the last ones from the end inwards);
    ``total``: the words of ``blocks``."""
    return _Rows(blocks, main, repeats, total, False), _Rows(blocks, main, repeats, total, True)


def load_model(key: str = "served", path: Path = MODEL_PATH) -> dict | None:
    """The weights fitted on ``key``'s pages ("served": all of them; "fitted_on_A" / "fitted_on_B": one half of the
    hosts, for the bench's cross-fitted figures), as {"head": …, "tail": …} with their thresholds; None when the file
    is absent."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return None
    m = data[key]
    names = data["features"]
    if tuple(names) != FEATURES:
        raise ValueError("edges_model.json was fitted on other features; rerun training/fit_body_edges.py")
    return {side: (m[side]["weights"], m[side]["threshold"]) for side in ("head", "tail")}


_MODEL = load_model()


@contextmanager
def model_weights(model: dict | None):
    """Use ``model`` (see :func:`load_model`) instead of the served weights inside the block (the bench's cross-fitted
    figures; None switches the learned cut off)."""
    global _MODEL
    old, _MODEL = _MODEL, model
    try:
        yield
    finally:
        _MODEL = old


def _keep_probability(weights: list[float], row: list[float]) -> float:
    z = sum(w * x for w, x in zip(weights, row, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def edge_cut(head: list[list[float]], tail: list[list[float]], n: int, model: dict) -> tuple[int, int]:
    """How many blocks to cut from the start and from the end of ``n`` blocks: from each end while the model gives the
    block a keep probability below its threshold, leaving ``MIN_BLOCKS``."""
    (hw, ht), (tw, tt) = model["head"], model["tail"]
    end = 0
    while end < len(tail) and n - end > MIN_BLOCKS and _keep_probability(tw, tail[end]) < tt:
        end += 1
    start = 0
    while start < len(head) and n - end - start > MIN_BLOCKS and _keep_probability(hw, head[start]) < ht:
        start += 1
    return start, end


def trim_edges(blocks: list, main, repeats: set, total: int) -> list:
    """``blocks`` (pairs of a body block and its page element, holding ``total`` words) without the edge blocks the
    model cuts."""
    model = _MODEL
    if model is None or len(blocks) <= MIN_BLOCKS:
        return blocks
    head, tail = edge_rows(blocks, main, repeats, total)
    start, end = edge_cut(head, tail, len(blocks), model)
    return blocks[start : len(blocks) - end]
