"""Articles from markdown / text (title, paragraphs) and from JSON (JSON-LD, schema.org objects, plain keys)."""

from __future__ import annotations

import re
from typing import Any

import lxml.html

from ...sanitize import clean_markup, clean_rendered
from .. import structured as S
from ..formats import TextDoc, render_blocks_html
from .authors import byline_in_text, clean_author
from .body import _is_meta_line
from .common import ARTICLE_TYPES, PAGE_TYPES, language_tag
from .dates import dates_in_text, iso_date

LEADING_BYLINE_SCAN = 3  # a byline / dateline of a text document is among its first paragraphs


def from_text(doc: TextDoc, *, markdown: bool) -> tuple[dict, dict]:
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if doc.title:
        data["title"] = doc.title
        sources["title"] = "heuristic"
    blocks = list(doc.blocks)
    authors, published, meta_at = _text_byline(blocks)
    if authors:
        data["authors"], sources["authors"] = authors, "heuristic"
    if published:
        data["publishedAt"], sources["publishedAt"] = published, "heuristic"
    # the byline / dateline is metadata, not the first paragraph of the body
    blocks = [b for i, b in enumerate(blocks) if i not in meta_at]
    paragraphs = [t for _, t in blocks]
    text = "\n\n".join(paragraphs)
    if text:
        data["text"] = text
        data["markdown"] = (
            (doc.markdown if not meta_at else _without_lines(doc.markdown, doc.blocks, meta_at)) if markdown else text
        )
        data["html"] = clean_rendered(render_blocks_html(blocks)) or None
        sources.update(text="heuristic", markdown="heuristic", html="heuristic")
    if doc.images:
        data["images"] = [
            {"url": u, "alt": a or None} for u, a in doc.images if not u.lower().startswith(("javascript:", "data:"))
        ]
        if data["images"]:
            data["mainImage"] = data["images"][0]["url"]
            sources["images"] = sources["mainImage"] = "heuristic"
    if paragraphs:
        data["description"] = paragraphs[0][:300]
        sources["description"] = "heuristic"
    return data, sources


def _text_byline(blocks: list[tuple[str, str]]) -> tuple[list[str], str | None, set[int]]:
    """Authors and date of the leading byline / dateline paragraphs ("By Tom Baker, June 2, 2024";
    "By Priya Natarajan" then "Published April 3, 2025"), and the indexes of those paragraphs."""
    authors: list[str] = []
    published = None
    meta_at: set[int] = set()
    for i, (kind, line) in enumerate(blocks[:LEADING_BYLINE_SCAN]):
        if kind not in ("p", "h") or len(line) > 200:
            continue
        names = byline_in_text(line)
        dates = dates_in_text(line, first_only=True)
        if not names and not dates:
            continue
        if not _is_meta_line(line, names or authors):
            break  # a sentence of the body that happens to hold a date
        authors = authors or names
        published = published or (dates[0] if dates else None)
        meta_at.add(i)
    return authors, published, meta_at


def _without_lines(markdown: str, blocks: list[tuple[str, str]], drop: set[int]) -> str:
    """The markdown input without the paragraphs at ``drop`` (matched by their text, first occurrence)."""
    out = markdown
    for i in sorted(drop):
        text = blocks[i][1]
        for line in out.split("\n\n"):
            if " ".join(line.split()).strip("*_ ") == text:
                out = out.replace(line, "", 1)
                break
    return re.sub(r"\n{3,}", "\n\n", out).strip()


_JSON_KEYS = {
    "title": ("headline", "title", "name"),
    "text": ("articleBody", "body", "text", "content", "contentText"),
    "markdown": ("markdown",),
    "html": ("html", "contentHtml", "bodyHtml"),
    "description": ("description", "summary", "excerpt", "abstract"),
    "publishedAt": ("datePublished", "publishedAt", "published_at", "published", "date", "pubDate", "created_at"),
    "modifiedAt": ("dateModified", "modifiedAt", "modified_at", "updated_at", "updated"),
    "language": ("inLanguage", "language", "lang", "locale"),
    "siteName": ("siteName", "site_name", "publisher", "source"),
    "canonicalUrl": ("canonicalUrl", "canonical_url", "url", "link", "mainEntityOfPage"),
    "mainImage": ("image", "mainImage", "main_image", "thumbnail", "thumbnailUrl", "imageUrl", "image_url"),
    "tags": ("keywords", "tags", "categories", "articleSection"),
    "authors": ("author", "authors", "creator", "byline"),
}


def pick_node(obj: Any, *preference: tuple[str, ...]) -> tuple[dict | None, str]:
    """The first node of the most wanted types (e.g. an Article before the WebPage that holds it); else the object."""
    nodes = S.flatten_jsonld([obj])
    for types in preference:
        typed = S.nodes_of_type(nodes, *types)
        if typed:
            return typed[0], "jsonld"
    if isinstance(obj, dict):
        return obj, "heuristic"
    if isinstance(obj, list) and obj and isinstance(obj[0], dict):
        return obj[0], "heuristic"
    return None, "heuristic"


def from_json(obj: Any, url: str | None) -> tuple[dict, dict]:
    node, source = pick_node(obj, ARTICLE_TYPES, PAGE_TYPES)
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if not node:
        return data, sources
    for field, keys in _JSON_KEYS.items():
        for key in keys:
            value = node.get(key)
            if value in (None, "", [], {}):
                continue
            if field == "authors":
                names = S.people_names(value, S.as_text(node.get("inLanguage")))
                lang = S.as_text(node.get("inLanguage"))
                value = list(dict.fromkeys(n for n in (clean_author(x, lang=lang) for x in names) if n))
            elif field == "language":
                value = language_tag(S.as_text(value))
            elif field in ("publishedAt", "modifiedAt"):
                value = iso_date(value)
            elif field in ("canonicalUrl", "mainImage"):
                value = S.as_url(value, url)
            elif field == "tags":
                if isinstance(value, str):
                    value = [v.strip() for v in value.split(",")]
                value = [t for t in (S.as_text(v) for v in (value if isinstance(value, list) else [value])) if t]
            elif field in ("text", "markdown", "description", "html"):
                value = value if isinstance(value, str) else S.as_text(value)
                value = value.strip() if value else None
            else:
                value = S.as_text(value)
            if value not in (None, "", []):
                data[field] = value
                sources[field] = source
                break
    if data.get("html"):
        data["html"] = clean_markup(data["html"]) or None
        if not data.get("text"):
            data["text"] = " ".join(lxml.html.fromstring(data["html"]).text_content().split()) if data["html"] else None
    if data.get("text") and not data.get("html"):
        paras = [p.strip() for p in re.split(r"\n\s*\n", data["text"]) if p.strip()]
        data["html"] = clean_rendered(render_blocks_html([("p", " ".join(p.split())) for p in paras])) or None
        sources["html"] = "heuristic"
    if data.get("text") and not data.get("markdown"):
        data["markdown"] = data["text"]
        sources["markdown"] = sources.get("text", source)
    if data.get("mainImage"):
        data["images"] = [
            {"url": u, "alt": None} for u in S.all_urls(node.get("image") or node.get("images"), url)
        ] or [{"url": data["mainImage"], "alt": None}]
        sources["images"] = source
    return data, sources
