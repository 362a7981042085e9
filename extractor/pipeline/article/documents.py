"""Articles from markdown / text (title, paragraphs) and from JSON (JSON-LD, schema.org objects, plain keys)."""
from __future__ import annotations

import re
from typing import Any

import lxml.html

from ...sanitize import clean_fragment
from .. import structured as S
from ..formats import TextDoc, render_blocks_html
from .authors import clean_author
from .common import ARTICLE_TYPES, PAGE_TYPES, language_tag
from .dates import iso_date


def from_text(doc: TextDoc, *, markdown: bool) -> tuple[dict, dict]:
    data: dict[str, Any] = {}
    sources: dict[str, str] = {}
    if doc.title:
        data["title"] = doc.title
        sources["title"] = "heuristic"
    text = "\n\n".join(doc.paragraphs)
    if text:
        data["text"] = text
        data["markdown"] = doc.markdown if markdown else text
        data["html"] = clean_fragment(render_blocks_html(doc.blocks)) or None
        sources.update(text="heuristic", markdown="heuristic", html="heuristic")
    if doc.images:
        data["images"] = [{"url": u, "alt": a or None} for u, a in doc.images if not u.lower().startswith(("javascript:", "data:"))]
        if data["images"]:
            data["mainImage"] = data["images"][0]["url"]
            sources["images"] = sources["mainImage"] = "heuristic"
    if doc.paragraphs:
        data["description"] = doc.paragraphs[0][:300]
        sources["description"] = "heuristic"
    return data, sources


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
                value = list(dict.fromkeys(n for n in (clean_author(x) for x in S.people_names(value)) if n))
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
        data["html"] = clean_fragment(data["html"]) or None
        if not data.get("text"):
            data["text"] = " ".join(lxml.html.fromstring(data["html"]).text_content().split()) if data["html"] else None
    if data.get("text") and not data.get("html"):
        paras = [p.strip() for p in re.split(r"\n\s*\n", data["text"]) if p.strip()]
        data["html"] = clean_fragment(render_blocks_html([("p", " ".join(p.split())) for p in paras])) or None
        sources["html"] = "heuristic"
    if data.get("text") and not data.get("markdown"):
        data["markdown"] = data["text"]
        sources["markdown"] = sources.get("text", source)
    if data.get("mainImage"):
        data["images"] = [{"url": u, "alt": None} for u in S.all_urls(node.get("image") or node.get("images"), url)] or [
            {"url": data["mainImage"], "alt": None}
        ]
        sources["images"] = source
    return data, sources
