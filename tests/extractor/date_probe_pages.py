"""Article pages that show their date in forms the earlier probes did not write (``test_article_dates_probes*.py``):
a ``<time>`` without ``datetime`` in 15 languages (alone, and with its label and an update's ``<time>`` after it), an
update and a publication on one line in both orders and on two lines, a date badge split over elements in each
language's writing, the day only in the URL with a sidebar's dated posts before the article, a dateline opening the
first paragraph (with its year, and without it beside a URL that names the year and month), other eras beside the
Gregorian day (Hijri, Japanese, Buddhist, Persian, Hebrew, Minguo), live blogs whose entries are timed newest first,
relative times ("3 hours ago") with nothing else dating the page or in a ``<time datetime>``, and a sidebar of dated
posts written without ``<aside>`` (a ``<div id="sidebar">``, a "widget-area" ``<div>``, ARIA's "complementary"
role) beside a page whose day only the URL names. The chrome is
``cms_template_pages``'s (its 15 languages' strings); the post's day is 2024-03-04, its update 2024-03-20, the
sidebar's posts February 2024. No site's content, no agency's name: a dateline's bracket holds made-up letters."""

from __future__ import annotations

import json

from tests.extractor.cms_template_pages import STRINGS, body_html, footer, head, nav, sidebar, wp_comments
from tests.helpers import extract_through_api

LANGS = tuple(STRINGS)  # en fr de it es pt nl pl ru ja zh ko sv tr cs

# fmt: off
MONTH_BADGE = dict(
    en="Mar", fr="mars", de="März", it="Marzo", es="mar", pt="mar", nl="mrt", pl="marca", ru="марта", ja="3月",
    zh="3月", ko="3월", sv="mars", tr="Mart", cs="března",
)
RELATIVE = dict(
    en="3 hours ago", fr="il y a 3 heures", de="vor 3 Stunden", it="3 ore fa", es="hace 3 horas", pt="há 3 horas",
    nl="3 uur geleden", pl="3 godziny temu", ru="3 часа назад", ja="3時間前", zh="3小时前", ko="3시간 전",
    sv="för 3 timmar sedan", tr="3 saat önce", cs="před 3 hodinami",
)
CITY = dict(
    en="LONDON", fr="PARIS", de="BERLIN", it="ROMA", es="MADRID", pt="LISBOA", nl="AMSTERDAM", pl="WARSZAWA",
    sv="STOCKHOLM", tr="ANKARA",
)
# a dateline's day and month without the year, as each language writes it
YEARLESS = dict(
    en="March 4", fr="4 mars", de="4. März", it="4 marzo", es="4 de marzo", pt="4 de março", nl="4 maart",
    pl="4 marca", sv="4 mars", tr="4 Mart",
)
# other eras beside (or instead of) the Gregorian day: (language, line, the day it names or "")
ERAS = [
    ("ar", "الاثنين 23 شعبان 1445 هـ الموافق 4 مارس 2024", "2024-03-04"),
    ("ar", "4 مارس 2024 م - 23 شعبان 1445 هـ", "2024-03-04"),
    ("ar", "23 شعبان 1445 هـ", ""),
    ("ja", "2024年（令和6年）3月4日", "2024-03-04"),
    ("ja", "令和6年（2024年）3月4日", "2024-03-04"),
    ("th", "วันจันทร์ที่ 4 มีนาคม พ.ศ. 2567", "2024-03-04"),
    ("th", "04/03/2567", "2024-03-04"),
    ("th", "4 มี.ค. 2567 | 09:15 น.", "2024-03-04"),
    ("fa", "۱۴ اسفند ۱۴۰۲ - 4 March 2024", "2024-03-04"),
    ("he", "כ״ג באדר א׳ תשפ״ד, 4 במרץ 2024", "2024-03-04"),
    ("zh-TW", "中華民國113年3月4日", "2024-03-04"),
    ("zh-TW", "民國113年3月4日 上午10:30", "2024-03-04"),
]
# fmt: on


def _article(s, meta, first=None, before="", after=""):
    """The post: its headline, ``meta`` under it, the body (its first paragraph ``first`` when given)."""
    body = body_html(s)
    if first is not None:
        body = f"<p>{first}</p>" + body
    return (
        f"<main id='main'>{before}<article class='post'><header class='entry-header'><h1 class='entry-title'>"
        f"{s['title']}</h1>{meta}</header><div class='entry-content'>{body}</div></article>{after}</main>"
    )


def _page(s, main, sd=1, extra_head="", url=None):
    h = head(s, sd).removesuffix("</head>") + extra_head + "</head>"
    html = (
        f"<!DOCTYPE html><html lang='{s['lang']}'>{h}<body class='single'>{nav(s)}<div id='content'>{main}"
        f"{sidebar(s)}</div>{footer(s)}</body></html>"
    )
    return html


def _s(code, slug):
    return dict(STRINGS[code], lang=code, url=f"https://blog.example.org/posts/{slug}-{code}/")


def _time_text(code):
    s = _s(code, "time-text")
    meta = f"<div class='entry-meta'><time class='entry-date'>{s['wpdate']}</time></div>"
    return s, _page(s, _article(s, meta, after=wp_comments(s))), "2024-03-04"


def _time_text_labelled(code):
    s = _s(code, "time-labelled")
    meta = (
        f"<div class='entry-meta'><time class='published'>{s['published']} {s['wpdate']}</time> "
        f"<time class='updated'>{s['updated_lbl']} {s['wpupd']}</time></div>"
    )
    return s, _page(s, _article(s, meta)), "2024-03-04"


def _updated_then_published(code):
    s = _s(code, "upd-pub")
    meta = f"<p class='meta'>{s['updated_lbl']} {s['wpupd']} | {s['published']} {s['wpdate']}</p>"
    return s, _page(s, _article(s, meta)), "2024-03-04"


def _published_then_updated(code):
    s = _s(code, "pub-upd")
    meta = f"<p class='meta'>{s['published']} {s['wpdate']} · {s['updated_lbl']} {s['wpupd']}</p>"
    return s, _page(s, _article(s, meta)), "2024-03-04"


def _updated_line_above(code):
    s = _s(code, "upd-above")
    meta = f"<div class='meta'><p>{s['updated_lbl']} {s['wpupd']}</p><p>{s['published']} {s['wpdate']}</p></div>"
    return s, _page(s, _article(s, meta)), "2024-03-04"


def _split_badge(code):
    s = _s(code, "badge")
    if code in ("ja", "zh", "ko"):
        y, mo, d = ("2024年", "3月", "4日") if code != "ko" else ("2024년", "3월", "4일")
        spans = f"<span class='year'>{y}</span><span class='month'>{mo}</span><span class='day'>{d}</span>"
    else:
        spans = (
            f"<span class='day'>04</span><span class='month'>{MONTH_BADGE[code]}</span><span class='year'>2024</span>"
        )
    meta = f"<div class='post-date'>{spans}</div>"
    return s, _page(s, _article(s, meta)), "2024-03-04"


def _url_only(code):
    s = dict(STRINGS[code], lang=code, url=f"https://blog.example.org/{code}/2024/03/04/how-to-prune/")
    main = _article(s, "", before=sidebar(s))  # a left-hand sidebar of dated posts before the article
    return s, _page(s, main), "2024-03-04"


def _dateline_year(code):
    s = _s(code, "dateline")
    written = s["wpdate"] if code != "en" else "March 4, 2024"
    first = f"{CITY[code]}, {written} (XNA) – {s['sent']}. {s['sent']}."
    return s, _page(s, _article(s, "", first=first)), "2024-03-04"


def _dateline_yearless(code):
    s = dict(STRINGS[code], lang=code, url=f"https://news.example.org/{code}/2024/03/how-to-prune/")
    first = f"{CITY[code]}, {YEARLESS[code]} (XNA) – {s['sent']}. {s['sent']}."
    return s, _page(s, _article(s, "", first=first)), "2024-03-04"


def _era(i):
    code, line, day = ERAS[i]
    s = dict(STRINGS["en"], lang=code, url=f"https://news.example.org/era-{i}/")
    s["title"] = {"ar": "تقليم الورد", "ja": "バラの剪定", "th": "การตัดแต่งกุหลาบ", "fa": "هرس گل رز"}.get(
        code[:2], {"he": "גיזום ורדים", "zh": "修剪玫瑰"}.get(code[:2], s["title"])
    )
    meta = f"<p class='date'>{line}</p>"
    main = _article(s, meta)
    html = (
        f"<!DOCTYPE html><html lang='{code}'><head><meta charset='utf-8'><title>{s['title']}</title></head><body>"
        f"{main}</body></html>"
    )
    return s, html, day


def _live_blog(code, shown=False):
    s = _s(code, "live-shown" if shown else "live")
    entries = "".join(
        f"<article class='live-entry'><time datetime='2024-03-05T{h}:00:00+00:00'>{h}:00</time>"
        f"<p>{s['sent']} ({h}).</p></article>"
        for h in ("11", "10", "09")
    )
    if shown:  # the day shown under the headline, the entries' times only as text
        entries = entries.replace("<time datetime='2024-03-05T", "<time data-t='")
        meta = f"<p class='live-date'>{s['blog_date']}</p>"
        return s, _page(s, _article(s, meta, after=entries)), "2024-03-04"
    node = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "headline": s["title"],
        "coverageStartTime": "2024-03-04T08:00:00+00:00",
        "dateModified": "2024-03-05T11:00:00+00:00",
    }
    extra = f"<script type='application/ld+json'>{json.dumps(node, ensure_ascii=False)}</script>"
    return s, _page(s, _article(s, "", after=entries), sd=0, extra_head=extra), "2024-03-04"


def _relative(code, dated=False):
    s = _s(code, "relative-dated" if dated else "relative")
    text = RELATIVE[code]
    if dated:  # the relative time a <time datetime> shows
        meta = f"<div class='meta'><time datetime='2024-03-04T09:00:00+00:00'>{text}</time></div>"
        return s, _page(s, _article(s, meta)), "2024-03-04"
    meta = f"<div class='meta'><span class='posted'>{text}</span></div>"
    return s, _page(s, _article(s, meta)), ""


# a sidebar of dated posts written without <aside>: a theme's <div id="sidebar">, a "widget-area" <div>, ARIA's
# "complementary" role
SIDEBAR_SHAPES = (
    ("<div id='sidebar' class='sidebar'>", "</div>"),
    ("<div class='widget-area'>", "</div>"),
    ("<div role='complementary'>", "</div>"),
)


def _sidebar_shape(key):
    code, shape = key.split(":")
    s = dict(STRINGS[code], lang=code, url=f"https://blog.example.org/{code}/2024/03/04/sidebar-{shape}/")
    opening, closing = SIDEBAR_SHAPES[int(shape)]
    side = sidebar(s).replace("<aside id='secondary' class='widget-area'>", opening).replace("</aside>", closing)
    main = _article(s, f"<p class='meta'>{RELATIVE[code]}</p>")
    html = (
        f"<!DOCTYPE html><html lang='{code}'>{head(s, 1)}<body class='single'>{nav(s)}<div id='content'>{main}{side}"
        f"</div>{footer(s)}</body></html>"
    )
    return s, html, "2024-03-04"


GROUPS = {
    "time_text": (_time_text, LANGS),
    "time_text_labelled": (_time_text_labelled, LANGS),
    "updated_then_published": (_updated_then_published, LANGS),
    "published_then_updated": (_published_then_updated, LANGS),
    "updated_line_above": (_updated_line_above, LANGS),
    "split_badge": (_split_badge, LANGS),
    "url_only": (_url_only, ("en", "fr", "de", "es", "ja", "ko", "pl", "ru", "tr", "cs")),
    "dateline_year": (_dateline_year, tuple(CITY)),
    "dateline_yearless": (_dateline_yearless, tuple(CITY)),
    "era": (_era, tuple(range(len(ERAS)))),
    "live_blog": (_live_blog, ("en", "fr", "de", "es", "ja")),
    "live_blog_shown": (lambda c: _live_blog(c, shown=True), ("en", "fr", "de", "es", "ja")),
    "relative": (_relative, LANGS),
    "relative_dated": (lambda c: _relative(c, dated=True), ("en", "fr", "de", "ja", "ru")),
    # the day only in the URL, a relative time shown, a sidebar of dated posts in another shape
    "sidebar_shape": (_sidebar_shape, tuple(f"{c}:{i}" for i in range(3) for c in ("en", "de", "es", "ja", "pl"))),
}


def case(group: str, key) -> dict:
    """The page of ``group`` for ``key`` (a language code, an index of ``ERAS``): its html, url and day (``""``:
    none)."""
    fn = GROUPS[group][0]
    s, html, day = fn(key)
    return {"html": html, "url": s["url"], "date": day}


def all_cases():
    return [(g, k) for g, (_, keys) in GROUPS.items() for k in keys]


def read_day(xkey, group: str, key) -> None:
    """The page through the API: the day of its ``publishedAt`` (none when the page shows no day of its own)."""
    c = case(group, key)
    data = extract_through_api(xkey, {"type": "article", "content": c["html"], "url": c["url"]})["data"]
    assert (data.get("publishedAt") or "")[:10] == c["date"]
