"""Hostile markdown in the worker: markdown-it is linear but spends 20-40 us per line and per markup character, and
its link destination scan looked at up to 33 following `(`-groups one character at a time, so 1 MB of `*[`, of
`- a` lines or of `![a](` + 10,000 letters held a worker 12-60 s. Now a link destination is skipped by a regular
expression (the same result as markdown-it's on every input), and a document is read as markdown only up to
MARKDOWN_UNITS (the rest as plain text paragraphs): ordinary documents are read exactly as before."""

from __future__ import annotations

import random
import time

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from rest_framework.test import APIClient

from billing import services as billing
from extractor.models import Extraction, Status
from extractor.pipeline import formats
from tests.workers import wait_for

URL = "/v1/extractor/extractions"


def test_the_link_destination_scan_gives_markdown_its_own_result_on_every_input():
    rng = random.Random(7)
    pieces = ["(", ")", "\\", "\\ ", "\\(", " ", "\n", "\t", "\x01", "\x7f", "<", ">", "a", "é", "&amp;", "%20"]
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        if rng.random() < 0.1:  # around the 32 open parentheses markdown-it allows
            text = "(" * rng.randint(30, 35) + text + ")" * rng.randint(0, 35)
        pos = rng.randint(0, len(text))
        maximum = rng.randint(pos, len(text))
        theirs, ours = parseLinkDestination(text, pos, maximum), formats._link_destination(text, pos, maximum)
        assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str), (text, pos, maximum)


def test_ordinary_markdown_is_read_as_markdown_whole_and_a_dense_document_only_up_to_its_budget():
    ordinary = "# Title\n\nSome *emphasis*, a [link](https://e.com/a_(b)) and ![an image](/i.png).\n\n- one\n- two\n"
    plain = MarkdownIt("commonmark").enable("strikethrough").enable("table")  # markdown-it's own helpers
    assert formats._MARKDOWN.parse(ordinary * 50) == plain.parse(ordinary * 50)
    doc = formats.parse_text(ordinary, markdown=True)
    assert doc.title == "Title" and doc.images == [("/i.png", "an image")]
    assert doc.blocks == [("p", "Some emphasis, a link and an image."), ("li", "one"), ("li", "two")]

    lines = formats.MARKDOWN_UNITS // formats._LINE_UNITS
    dense = "- a\n" * lines + "\n" + "- b\n" * 10  # a line break counts 3: over the budget at the blank line
    doc = formats.parse_text(dense, markdown=True)
    assert doc.blocks == [("li", "a")] * lines + [("p", " ".join(["- b"] * 10))]  # the rest is read as text
    assert formats._markdown_end("*[" * 100_000) == 0  # one line, no break to cut at: all text


def test_reference_definitions_past_the_budget_still_resolve_the_links_of_the_markdown_part():
    """The usual layout, definitions at the end: over the budget, the links before the cut keep their text only
    and the definitions are not read out as text."""
    count = formats.MARKDOWN_UNITS // 10 + 500  # a paragraph weighs 10 units: two line breaks, four brackets
    paragraphs = "".join(f"Paragraph {i} with a [link][r{i}] in it.\n\n" for i in range(count))
    definitions = "".join(f"[r{i}]: https://example.com/{i}\n" for i in range(1_000))  # under _TAIL_REFERENCES
    doc = formats.parse_text(paragraphs + definitions, markdown=True)
    assert formats._markdown_end(paragraphs + definitions) < len(paragraphs)
    assert doc.blocks[0] == ("p", "Paragraph 0 with a link in it.")
    assert doc.blocks[-1] == ("p", f"Paragraph {count - 1} with a [link][r{count - 1}] in it.")  # read as text
    assert not any("https://example.com" in text for _, text in doc.blocks)
    assert formats._tail_references("a\n [x]: /y\n[z]:\nb") == ("[x]: /y", "a\n\n[z]:\nb")


def test_hostile_markdown_is_extracted_within_a_short_job_time_limit(transactional_db, settings, start_worker):
    """Each of these took a worker 12-60 s of CPU (1 MB each); with a 20 s limit the jobs were retried until dead."""
    created = billing.tenant_create(name="Markdown", credits=10)
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=created.issued.raw)
    contents = [
        "*[" * 500_000,  # emphasis and link openers: 59 s
        "- a\n" * 250_000,  # list items: 20 s
        "1. aaaaaaaaaa\n" * 71_000,  # ordered list items
        ("![a](" + "a" * 10_000) * 99,  # image destinations scanning 33 groups each: 12 s
        "[" * 1_000_000,  # link openers: 28 s
    ]
    ids = []
    for content in contents:
        answer = client.post(URL, {"type": "article", "format": "markdown", "content": content}, format="json")
        assert answer.status_code == 202, answer.content[:300]
        ids.append(answer.json()["data"]["id"])
    started = time.monotonic()
    start_worker("w1", CELERY_SOFT_TIME_LIMIT=20, CELERY_HARD_TIME_LIMIT=25)
    finished = (Status.DONE, Status.FAILED, Status.DEAD)
    wait_for(lambda: Extraction.objects.filter(pk__in=ids, status__in=finished).count() == len(ids), timeout=150)
    statuses = dict(Extraction.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert [statuses[i] for i in ids] == [Status.DONE] * len(ids), statuses
    assert not Extraction.objects.filter(pk__in=ids, attempts__gt=1).exists()  # none outlived its time limit
    assert time.monotonic() - started < 120
