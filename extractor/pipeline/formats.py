"""Input formats: parsing html, markdown, text and json into what the type extractors use.

* **html** is parsed once with lxml; the same tree feeds extruct (JSON-LD / microdata),
  the ``<meta>`` reader and trafilatura (which copies it before cleaning).
* **markdown / text**: the title is the first heading (markdown ``#``/setext) or the
  first non-empty line; the remaining paragraphs (blank-line separated) are the body.
  No HTML is invented from the text: ``html`` is a *minimal safe rendering* of the
  paragraphs (each one escaped inside ``<p>``, markdown headings as ``<h2>``…),
  which is all it can be. ``markdown`` is the (sanitised) input for markdown and the
  paragraphs for text.
* **json**: a JSON-LD object / ``@graph`` / list, a schema.org Product or Article
  (``@type`` with or without ``@context``), or a plain object with common keys
  (``title``, ``name``, ``price``, ``body`` ...); see ``article.from_json`` and
  ``product.from_json``.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from ..sanitize import normalize_newlines, parse_document, strip_controls


class FormatError(ValueError):
    """Content cannot be parsed as the declared format (maps to ``parse_error``)."""


def parse_html(content) -> lxml.html.HtmlElement:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError("html content is not valid UTF-8") from exc
    if not isinstance(content, str):
        raise FormatError(f"html content must be a string, got {type(content).__name__}")
    text = strip_controls(content)
    if not text.strip():
        raise FormatError("empty html document")
    if "<" not in text:
        raise FormatError("html content contains no markup")
    try:
        tree = parse_document(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise FormatError(f"unparseable html: {exc}") from exc
    if tree is None or not len(tree):
        raise FormatError("html document has no elements")
    return tree


def as_text_input(content, fmt: str) -> str:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError(f"{fmt} content is not valid UTF-8") from exc
    if isinstance(content, (dict, list)):
        raise FormatError(f"json content given for format {fmt!r}")
    if not isinstance(content, str):
        raise FormatError(f"{fmt} content must be a string, got {type(content).__name__}")
    return normalize_newlines(strip_controls(content))


def parse_json(content):
    if isinstance(content, (dict, list)):
        return content
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError("json content is not valid UTF-8") from exc
    if not isinstance(content, str):
        raise FormatError(f"json content must be an object or a string, got {type(content).__name__}")
    try:
        value = json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"invalid json: {exc}") from exc
    if not isinstance(value, (dict, list)):
        raise FormatError("json content must be an object or an array")
    return value


# --------------------------------------------------------------------------- text / markdown

_ATX_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_INLINE_RES = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> text
    (re.compile(r"`{1,3}([^`]*)`{1,3}"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"&lt;"), "<"),
]
_MD_BLOCK_PREFIX_RE = re.compile(r"^\s{0,3}(?:>\s?|[-*+]\s+|\d+[.)]\s+)")
_MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def md_inline_to_text(line: str) -> str:
    for rx, repl in _MD_INLINE_RES:
        line = rx.sub(repl, line)
    return line


@dataclass
class TextDoc:
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # plain text paragraphs (no title)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, raw text) kind in p/h/li
    images: list[tuple[str, str]] = field(default_factory=list)  # markdown (url, alt)
    markdown: str = ""


def _split_blocks(text: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def parse_text(content, *, markdown: bool) -> TextDoc:
    text = as_text_input(content, "markdown" if markdown else "text").strip()
    if not text:
        raise FormatError("empty document")
    doc = TextDoc()
    lines = text.split("\n")
    blocks: list[tuple[str, str]] = []
    if markdown:
        doc.images = [(m.group(2), m.group(1)) for m in _MD_IMAGE_RE.finditer(text)]
        in_code = False
        para: list[str] = []

        def flush():
            if para:
                blocks.append(("p", " ".join(s.strip() for s in para)))
                para.clear()

        i = 0
        while i < len(lines):
            line = lines[i]
            if line.strip().startswith(("```", "~~~")):
                in_code = not in_code
                flush()
                i += 1
                continue
            if in_code:
                para.append(line)
                i += 1
                continue
            m = _ATX_RE.match(line)
            if m:
                flush()
                blocks.append(("h", md_inline_to_text(m.group(2))))
            elif i + 1 < len(lines) and line.strip() and _SETEXT_RE.match(lines[i + 1]) and not para:
                blocks.append(("h", md_inline_to_text(line.strip())))
                i += 1
            elif not line.strip():
                flush()
            elif _MD_BLOCK_PREFIX_RE.match(line):
                flush()
                blocks.append(("li", md_inline_to_text(_MD_BLOCK_PREFIX_RE.sub("", line, count=1).strip())))
            elif re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):
                flush()
            else:
                para.append(md_inline_to_text(line))
            i += 1
        flush()
        doc.markdown = text
    else:
        for block in _split_blocks(text):
            blocks.append(("p", " ".join(s.strip() for s in block.split("\n") if s.strip())))
    blocks = [(k, " ".join(t.split())) for k, t in blocks if t.strip()]
    if not blocks:
        raise FormatError("document has no text")
    # title: first heading, else the first line (if short enough to be a title)
    title_idx = next((i for i, (k, _) in enumerate(blocks) if k == "h"), None)
    if title_idx is None:
        first_block = blocks[0][1]
        first_line = text.split("\n", 1)[0].strip()
        if markdown:
            first_line = md_inline_to_text(first_line)
        first_line = " ".join(first_line.split())
        if first_line == first_block and len(first_line) <= 200 and len(blocks) > 1:
            title_idx = 0
        elif first_line == first_block and len(first_line) <= 200:
            doc.title = first_line  # a one-line document: its line is the title and also the whole text
        elif len(first_line) <= 200 and first_block.startswith(first_line) and len(first_line) < len(first_block):
            doc.title = first_line
            blocks[0] = (blocks[0][0], first_block[len(first_line):].strip())
    if title_idx is not None:
        doc.title = blocks[title_idx][1]
        blocks = blocks[:title_idx] + blocks[title_idx + 1 :]
    doc.blocks = [(k, t) for k, t in blocks if t]
    doc.paragraphs = [t for _, t in doc.blocks]
    if not markdown:
        doc.markdown = "\n\n".join(doc.paragraphs)
    return doc


def render_blocks_html(blocks: list[tuple[str, str]]) -> str:
    """Minimal safe HTML for text paragraphs (escaped; lists grouped into <ul>)."""
    out: list[str] = []
    in_list = False
    for kind, text in blocks:
        esc = html_lib.escape(text, quote=False)
        if kind == "li":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{esc}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<h2>{esc}</h2>" if kind == "h" else f"<p>{esc}</p>")
    if in_list:
        out.append("</ul>")
    return "".join(out)


def text_for_llm(fmt: str, content) -> str:
    """What the model reads: for HTML the page's structured data and its visible text (not markup, which would spend
    the model's context on navigation and attributes); other formats as given."""
    if fmt != "html":
        return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    tree = parse_html(content)
    jsonld = [" ".join((el.text or "").split()) for el in tree.xpath("//script[@type='application/ld+json']")]
    for el in tree.xpath("//script|//style|//template"):
        el.drop_tree()
    title = " ".join((tree.findtext(".//title") or "").split())
    body = tree.find("body")
    lines = [" ".join(chunk.split()) for chunk in (body.itertext() if body is not None else [])]
    parts = [f"Title: {title}"] if title else []
    parts += [f"Structured data: {block}" for block in jsonld if block]
    parts.append("\n".join(line for line in lines if line))
    return "\n\n".join(parts)
