"""Input formats: parsing html, markdown, text and json into what the type extractors use.

* **html** is parsed once with lxml; the same tree feeds extruct (JSON-LD / microdata),
  the ``<meta>`` reader and trafilatura (which copies it before cleaning).
* **markdown / text**: markdown is read by markdown-it (CommonMark). The title is the first heading or the
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
from types import SimpleNamespace

import lxml.etree
import lxml.html
from markdown_it import MarkdownIt
from markdown_it import helpers as markdown_helpers
from markdown_it.common.utils import unescapeAll

from ..sanitize import normalize_newlines, parse_document, strip_controls


class FormatError(ValueError):
    """Content cannot be parsed as the declared format (maps to ``parse_error``)."""


def parse_html(content, *, controls: bool = True) -> lxml.html.HtmlElement:
    """The html document as lxml.html elements; ``controls=False`` when the caller has just found no control
    character in ``content`` (nothing to strip)."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormatError("html content is not valid UTF-8") from exc
    if not isinstance(content, str):
        raise FormatError(f"html content must be a string, got {type(content).__name__}")
    text = strip_controls(content) if controls else content
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

_DESTINATION_PLAIN = re.compile(r"[^\x00-\x20\x7f\\()]+")


class _Destination:
    __slots__ = ("ok", "pos", "str")

    def __init__(self, ok: bool = False, pos: int = 0, text: str = ""):
        self.ok, self.pos, self.str = ok, pos, text


def _link_destination(string: str, pos: int, maximum: int):
    """markdown-it's `parseLinkDestination`, the same result on every input, with each run of ordinary characters
    skipped by one regular expression instead of a Python step per character. A destination not in `<…>` ends only
    at a blank, a control character, an unbalanced `)` or a 33rd open `(`: `![a](` + 10,000 letters, repeated, made
    each image scan the 33 that follow it (1 MB: 12 s of a worker); now 0.1 s."""
    if string[pos : pos + 1] == "<":  # ends at the next `<`, `>` or newline: never long
        return markdown_helpers.parseLinkDestination(string, pos, maximum)
    start, level = pos, 0
    while pos < maximum:
        plain = _DESTINATION_PLAIN.match(string, pos, maximum)
        if plain is not None:
            pos = plain.end()
            if pos >= maximum:
                break
        char = string[pos]
        if char <= " " or char == "\x7f":
            break
        if char == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > 32:
                return _Destination()
        elif char == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level:
        return _Destination()
    return _Destination(True, pos, unescapeAll(string[start:pos]))


_MARKDOWN = MarkdownIt("commonmark").enable("strikethrough").enable("table")
_MARKDOWN.helpers = SimpleNamespace(  # markdown-it's documented hook for link parsing (plugins replace these)
    parseLinkDestination=_link_destination,
    parseLinkLabel=markdown_helpers.parseLinkLabel,
    parseLinkTitle=markdown_helpers.parseLinkTitle,
)
# markdown-it spends 20-40 us of CPU on each line and each markup character it weighs: ordinary markdown has a few
# per hundred bytes, hostile markdown one every byte or two (1 MB of `*[`, `- a` lines or `x|y` rows: 20-60 s of a
# worker, linear but slow). A document is read as markdown up to this many units (a line break counts
# _LINE_UNITS, a character of _MARKUP one); the rest, from the last blank line (else line break) before that point,
# as plain text paragraphs. The densest of 606 real markdown files (Node's changelogs, 956 KB) weighs 121,876.
MARKDOWN_UNITS = 125_000
_MARKUP = "[]()!*_~`<&\\|"
_LINE_UNITS = 3
_WEIGHED = re.compile(f"[{re.escape(_MARKUP)}\n]")
# A first line longer than this is no title whatever its markup (its text would have to shrink to 200 characters):
# it is not parsed a second time (a 1.6 MB line took markdown-it 4 s).
_TITLE_LINE_PARSED = 20_000


def _inline_text(token) -> str:
    """Plain text of an inline token: emphasis and links unwrapped, images as their alt text, entities decoded."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline") or child.type == "image":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return " ".join("".join(out).split())


def _markdown_blocks(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(blocks, images) of a markdown document: headings `h`, paragraphs `p`, list items `li`, code `pre`;
    images as (src, alt). Parsed by markdown-it (CommonMark), not by hand."""
    blocks: list[tuple[str, str]] = []
    images: list[tuple[str, str]] = []
    tokens = _MARKDOWN.parse(text)
    kind_stack: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            kind_stack.append("h")
        elif token.type == "list_item_open":
            kind_stack.append("li")
        elif token.type in ("heading_close", "list_item_close") and kind_stack:
            kind_stack.pop()
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "image" and child.attrGet("src"):
                    images.append((str(child.attrGet("src")), child.content))
            content = _inline_text(token)
            if not content:
                continue
            kind = kind_stack[-1] if kind_stack else "p"
            if kind == "li" and blocks and blocks[-1][0] == "li" and tokens[i - 1].type != "paragraph_open":
                blocks[-1] = ("li", f"{blocks[-1][1]} {content}")
            else:
                blocks.append((kind, content))
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(("pre", token.content.rstrip("\n")))
    return blocks, images


def _markdown_end(text: str) -> int:
    """How much of `text` is read as markdown (MARKDOWN_UNITS): all of it, or up to a paragraph or line break."""
    if sum(map(text.count, _MARKUP)) + _LINE_UNITS * text.count("\n") <= MARKDOWN_UNITS:
        return len(text)
    spent, end = 0, len(text)
    for match in _WEIGHED.finditer(text):
        spent += _LINE_UNITS if match[0] == "\n" else 1
        if spent > MARKDOWN_UNITS:
            end = match.start()
            break
    cut = text.rfind("\n\n", 0, end)
    return cut if cut >= 0 else max(text.rfind("\n", 0, end), 0)


# Reference definitions ("[r1]: https://…") stand at a document's end as often as not: those the plain-text tail
# holds go back to the markdown part, so its reference links still resolve (at most this many: each costs a line).
_TAIL_REFERENCES = 2_000
_REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]{1,999}\]:[ \t]*\S[^\n]*$", re.M)


def _tail_references(tail: str) -> tuple[str, str]:
    """(the reference definitions of `tail`, one a line; `tail` without them)."""
    found: list[str] = []

    def take(match: re.Match) -> str:
        if len(found) >= _TAIL_REFERENCES:
            return match[0]
        found.append(match[0].strip())
        return ""

    rest = _REFERENCE_RE.sub(take, tail)
    return "\n".join(found), rest


def _text_blocks(text: str) -> list[tuple[str, str]]:
    """Plain text paragraphs (blank-line separated), each one's lines joined."""
    return [("p", " ".join(s.strip() for s in block.split("\n") if s.strip())) for block in _split_blocks(text)]


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
    markdown_end = _markdown_end(text) if markdown else 0
    if markdown:
        references, tail = _tail_references(text[markdown_end:])  # nothing, unless over MARKDOWN_UNITS
        blocks, doc.images = _markdown_blocks(
            f"{text[:markdown_end]}\n\n{references}" if references else text[:markdown_end]
        )
        # the tail's text as markdown would give it: its entities decoded (the sanitiser writes raw HTML as `&lt;…`)
        blocks += [(kind, html_lib.unescape(t)) for kind, t in _text_blocks(tail)]
        doc.markdown = text
    else:
        blocks = _text_blocks(text)
    blocks = [(k, t if k == "pre" else " ".join(t.split())) for k, t in blocks if t.strip()]
    if not blocks:
        raise FormatError("document has no text")
    # title: first heading, else the first line (if short enough to be a title)
    title_idx = next((i for i, (k, _) in enumerate(blocks) if k == "h"), None)
    if title_idx is None:
        first_block = blocks[0][1]
        first_line = text.split("\n", 1)[0].strip()
        if markdown and len(first_line) <= min(_TITLE_LINE_PARSED, markdown_end):
            first_line = _inline_text(_MARKDOWN.parseInline(first_line)[0]) if first_line else ""
        first_line = " ".join(first_line.split())
        if first_line == first_block and len(first_line) <= 200 and len(blocks) > 1:
            title_idx = 0
        elif first_line == first_block and len(first_line) <= 200:
            doc.title = first_line  # a one-line document: its line is the title and also the whole text
        elif len(first_line) <= 200 and first_block.startswith(first_line) and len(first_line) < len(first_block):
            doc.title = first_line
            blocks[0] = (blocks[0][0], first_block[len(first_line) :].strip())
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
        out.append(f"<h2>{esc}</h2>" if kind == "h" else f"<pre>{esc}</pre>" if kind == "pre" else f"<p>{esc}</p>")
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
