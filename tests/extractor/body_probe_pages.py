"""Article pages of kinds the earlier body probes did not write (``test_article_body_probes.py``), built as sites nobody
tuned for build them: a live blog's timed entries, an interview's questions and answers, a recipe post (jump-to and
print buttons, the recipe card's ingredients and steps, a rating prompt), a documentation page (code blocks, an
admonition, the docs' side navigation, "On this page", "Was this page helpful?", "Edit this page", the pager), a press
release (dateline, "About …" boilerplate, media contact), a listicle of numbered headings with photo credits and an ad
slot, a review (pros / cons box, score table, affiliate disclosure and buy button), a forum thread (user cards,
post buttons, similar threads), a paywalled teaser, footnotes, a photo essay, in-body inserts (ad, "Read also" box,
newsletter box), a table of contents, a multi-page article, a comments section and AMP markup — in 15 languages
(``body_probe_texts``: RTL and CJK among them), inside a header menu, a cookie banner, a "most read" sidebar and a
footer. Each case states the body a careful reader takes, in the benchmark's convention (webpages-dev: headings,
lists, code and quotes kept; captions, credits, buttons, inserts and page chrome left out): the blocks it must hold in
order (``keep``), what may stand before / after them (``head_ok`` / ``tail_ok``: a byline, a footnote list, a press
release's contact line — choices the labels make either way), text it must not hold (``drop``) and text it holds once
(``once``). :func:`verdict` says why a body misses, or None."""

from __future__ import annotations

import re

from tests.extractor.body_probe_texts import T
from tests.helpers import extract_through_api

LANGS = tuple(T)  # en de fr es it pt nl pl ru tr ja zh ko ar he sv
TLD = dict(en="com", de="de", fr="fr", es="es", it="it", pt="pt", nl="nl", pl="pl", ru="ru", tr="com.tr", ja="jp",
           zh="cn", ko="kr", ar="ae", he="co.il", sv="se")  # fmt: skip
BYLINE = "Maria Lind · 04.03.2024"
CREDIT = "Jan Berg"
_TOKEN_RE = re.compile(r"\w+")


def _tokens(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


# ---------------------------------------------------------------------------------------------------- page chrome


def _head(L, extra=""):
    return f"<head><meta charset='utf-8'><title>{L['title']} | {L['site']}</title>{extra}</head>"


def _header(L):
    items = "".join(f"<li><a href='/{i}/'>{n}</a></li>" for i, n in enumerate(L["w"]["nav"]))
    return (
        f"<header class='site-header'><a class='logo' href='/'>{L['site']}</a><nav class='menu'><ul>{items}</ul></nav>"
        "<form class='search'><input type='search' name='q'></form></header>"
    )


def _cookie(L):
    w = L["w"]
    return (
        f"<div id='cookie-consent' class='cookie-banner'><p>{w['cookie']}</p><button>{w['accept']}</button>"
        f"<a href='/privacy'>{w['privacy']}</a></div>"
    )


def _sidebar(L, tag="aside"):
    w = L["w"]
    items = "".join(f"<li><a href='/m{i}/'>{w['nav'][i]} – {L['site']} {i}</a></li>" for i in range(1, 5))
    return f"<{tag} class='sidebar'><h3>{w['most_read']}</h3><ol>{items}</ol></{tag}>"


def _footer(L):
    w = L["w"]
    return (
        f"<footer class='site-footer'><ul><li><a href='/privacy'>{w['privacy']}</a></li><li><a href='/about'>"
        f"{w['about']} {L['site']}</a></li></ul><p>© 2024 {L['site']}. {w['rights']}.</p></footer>"
    )


def _share(L):
    return (
        f"<div class='share-bar'><span>{L['w']['share']}</span><a class='fb' href='#'>Facebook</a>"
        "<a class='x' href='#'>X</a><a class='wa' href='#'>WhatsApp</a></div>"
    )


def _newsletter(L):
    w = L["w"]
    return (
        f"<div class='newsletter-box'><h4>{w['newsletter']}</h4><form><input type='email' placeholder='{w['email']}'>"
        f"<button>{w['subscribe']}</button></form></div>"
    )


def _ad(L):
    return f"<div class='ad-slot'><span class='ad-label'>{L['w']['ad']}</span><div id='div-gpt-ad-1'></div></div>"


def _related(L):
    w = L["w"]
    cards = "".join(
        f"<div class='card'><a href='/r{i}/'><img src='/r{i}.jpg'><h4>{L['heads'][i]}</h4></a></div>" for i in (0, 1, 2)
    )
    return f"<section class='related-posts'><h3>{w['related']}</h3>{cards}</section>"


def _page(L, v, inner, after="", head_extra="", html_attr=""):
    """The whole page: ``inner`` (the headline, the byline and the story) in one of four wrappers, ``after`` (blocks
    after the story: comments, related posts) below it, the header, the cookie banner, the sidebar and the footer."""
    title = f"<h1 class='entry-title'>{L['title']}</h1><p class='byline'>{BYLINE}</p>"
    if v % 4 == 0:
        main = f"<main><article class='post'>{title}{inner}</article>{after}</main>{_sidebar(L)}"
    elif v % 4 == 1:
        main = (
            f"<div id='content'><div class='story'>{title}<div class='story-body'>{inner}</div></div>{after}</div>"
            f"{_sidebar(L, 'div')}"
        )
    elif v % 4 == 2:
        main = f"<main id='main'>{title}<div class='entry-content'>{inner}</div>{after}</main>{_sidebar(L)}"
    else:
        main = (
            f"<div class='container'><div class='row'><div class='col-md-8'>{title}{inner}{after}</div>"
            f"<div class='col-md-4'>{_sidebar(L, 'div')}</div></div></div>"
        )
    cookie = _cookie(L)
    top, bottom = (cookie, "") if v % 2 == 0 else ("", cookie)
    return (
        f"<!DOCTYPE html><html lang='{L['code']}' dir='{L.get('dir', 'ltr')}'{html_attr}>{_head(L, head_extra)}<body>"
        f"{top}{_header(L)}{main}{_footer(L)}{bottom}</body></html>"
    )


def _chrome_drop(L):
    w = L["w"]
    return [w["cookie"], w["accept"], w["most_read"], w["rights"], w["privacy"]]


def _p(text, cls=""):
    return f"<p class='{cls}'>{text}</p>" if cls else f"<p>{text}</p>"


def _ps(*texts):
    return "".join(_p(t) for t in texts)


# ---------------------------------------------------------------------------------------------------- page kinds
# each returns (html, keep, drop, extra): extra may hold head_ok / tail_ok / once


def k_live_blog(L, v):
    """A live blog: a summary, "key events" linking the entries, timed entries newest first with their own share
    buttons, a "load more" button."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    body = [[P[i + 1], M[i]] for i in range(4)]
    body[3] += M[4:6]
    body[1] += M[6:]
    keys = "".join(f"<li><a href='#e{i}'>{H[i]}</a></li>" for i in range(3))
    entries = "".join(
        f"<article class='live-entry' id='e{i}'><header><time datetime='2024-03-04T1{4 - i}:05:00Z'>1{4 - i}:05</time>"
        f"</header><h2>{H[i]}</h2>{_ps(*body[i])}<footer class='entry-actions'><button>{w['share']}</button>"
        "<button>Copy link</button></footer></article>"
        for i in range(4)
    )
    inner = (
        f"<span class='live-badge'>LIVE</span>{_p(P[0], 'summary')}<div class='key-events'><h3>{w['key_events']}</h3>"
        f"<ul>{keys}</ul></div><div class='live-feed'>{entries}</div><button class='load-more'>{w['load_more']}</button>"
    )
    keep = [P[0]] + [x for i in range(4) for x in (H[i], *body[i])]
    drop = [w["key_events"], w["load_more"], "Copy link", w["share"]]
    return _page(L, v, inner), keep, drop, {"head_ok": ["LIVE"], "once": H[:3]}


def k_interview(L, v):
    """An interview: an introduction, questions in bold (or as headings) and their answers, a newsletter box between
    them, an author box and related posts after."""
    w, P, Q, M = L["w"], L["paras"], L["q"], L["more"]
    if v % 2:
        qs = [f"<h3>{q}</h3>" for q in Q]
    else:
        qs = [f"<p><strong>{q}</strong></p>" for q in Q]
    inner = f"{_p(P[0], 'intro')}{qs[0]}{_ps(P[1], M[0], M[1], *M[6:])}{_newsletter(L)}{qs[1]}{_ps(P[2], M[2], P[3], *M[3:6])}"
    after = f"<div class='author-box'><h4>{w['about_author']}</h4><p>Maria Lind – {L['site']}</p></div>{_related(L)}"
    keep = [P[0], Q[0], P[1], M[0], M[1], *M[6:], Q[1], P[2], M[2], P[3], *M[3:6]]
    drop = [w["newsletter"], w["subscribe"], w["about_author"], w["related"]]
    return _page(L, v, inner, after), keep, drop, {}


def k_recipe(L, v):
    """A recipe post: jump-to and print buttons, the story, an ad, the recipe card (its times, ingredients, steps, a
    rating prompt and a print button)."""
    w, P, M = L["w"], L["paras"], L["more"]
    ing = "".join(f"<li class='ingredient'>{x}</li>" for x in L["ing"])
    steps = "".join(f"<li class='instruction'>{P[i]}</li>" for i in (2, 3, 4))
    inner = (
        f"<div class='recipe-buttons'><a href='#recipe' class='jump'>{w['jump']}</a> <a class='print' href='/print/'>"
        f"{w['print']}</a></div>{_ps(P[0], *M[:3])}{_ad(L)}{_ps(*M[3:], P[1])}<div class='recipe-card' id='recipe'>"
        f"<div class='recipe-times'><span>15 min</span> <span>30 min</span> <span>4</span></div>"
        f"<h3>{w['ingredients']}</h3><ul>{ing}</ul><h3>{w['instructions']}</h3><ol>{steps}</ol>"
        f"<div class='recipe-rating'><p>{w['rate']}</p><span class='stars'>★★★★★</span></div>"
        f"<a class='print' href='/print/'>{w['print']}</a></div>"
    )
    keep = [P[0], *M, P[1], w["ingredients"], *L["ing"], w["instructions"], P[2], P[3], P[4]]
    drop = [w["jump"], w["print"], w["rate"], w["ad"]]
    return _page(L, v, inner, _share(L)), keep, drop, {}


CODE1 = "pip install tramline\ntramline init --city riverside"
CODE2 = "[network]\nlines = 14\ninterval = 6"


def k_docs(L, v):
    """A documentation page: the docs' side navigation, code blocks with a copy button, a note admonition, the "On
    this page" list, "Was this page helpful?", "Edit this page" and the previous / next pager."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    side = "<nav class='docs-nav'><ul><li><a href='/docs/'>Overview</a></li><li><a href='/docs/install'>Install</a></li></ul></nav>"
    toc = f"<nav class='toc'><h4>{w['on_page']}</h4><ul><li><a href='#a'>{H[0]}</a></li><li><a href='#b'>{H[1]}</a></li></ul></nav>"

    def code(c):
        return f"<div class='highlight'><button class='copy'>{w['copy']}</button><pre><code>{c}</code></pre></div>"

    inner = (
        f"{_p(P[0])}<h2 id='a'>{H[0]}</h2>{_ps(P[1], M[0], M[1])}{code(CODE1)}<div class='admonition note'>"
        f"<p class='admonition-title'>{w['note']}</p>{_p(P[2])}</div><h2 id='b'>{H[1]}</h2>{_ps(P[3], M[2], M[3])}"
        f"{code(CODE2)}{_ps(P[4], *M[4:])}"
    )
    after = (
        f"<div class='feedback'>{w['helpful']} <button>👍</button><button>👎</button></div><a class='edit' "
        f"href='https://github.com/x/y/edit/main/docs/tram.md'>{w['edit']}</a><nav class='pager'><a rel='prev'>"
        f"{w['prev']}</a><a rel='next'>{w['next']}</a></nav>"
    )
    page = _page(L, v, inner, after).replace("<body>", f"<body>{side}{toc}", 1)
    keep = [P[0], H[0], P[1], M[0], M[1], CODE1, P[2], H[1], P[3], M[2], M[3], CODE2, P[4], *M[4:]]
    drop = [w["copy"], w["on_page"], w["helpful"], w["edit"]]
    return page, keep, drop, {"once": [H[0], H[1]]}


def k_press_release(L, v):
    """A press release: a dateline opening the first paragraph, a quote, the "About …" boilerplate, the media contact
    and "###", then the newsroom's related releases and a share bar."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    contact = f"{w['contact']}: Maria Lind, press@example.org, +1 555 0100"
    inner = (
        f"{_p('RIVERSIDE, 2024-03-04 – ' + P[0])}{_ps(P[1], M[0], M[1], *M[6:])}<p>“{P[2]}”</p>{_ps(M[2], M[3], P[3])}<h3>{w['about']} Riverside Transit"
        f"</h3>{_p(P[4])}{_p(contact)}<p>###</p>"
    )
    after = (
        f"<div class='related-releases'><h3>{w['related']}</h3><ul><li><a href='/pr/1'>{H[2]}</a></li>"
        f"<li><a href='/pr/2'>{H[3]}</a></li></ul></div>{_share(L)}"
    )
    keep = [P[0], P[1], M[0], M[1], *M[6:], P[2], M[2], M[3], P[3], P[4]]
    drop = [w["related"], w["share"], H[2], H[3]]
    return _page(L, v, inner, after), keep, drop, {"head_ok": ["RIVERSIDE, 2024-03-04"], "tail_ok": [contact]}


def k_listicle(L, v):
    """A listicle: numbered headings, each with a photo, its caption and credit, and a paragraph; an ad slot between
    two items; a tags line and share bar after."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    body = [[P[i + 1], M[i]] for i in range(4)]
    body[3].append(M[4])
    body[0] += M[6:]
    items = []
    for i in range(4):
        items.append(
            f"<h2>{i + 1}. {H[i]}</h2><figure><img src='/i{i}.jpg' alt=''><figcaption>{H[4]} "
            f"<span class='credit'>{w['photo']}: {CREDIT}</span></figcaption></figure>{_ps(*body[i])}"
        )
        if i == 1:
            items.append(_ad(L))
    inner = f"{_p(P[0])}{''.join(items)}"
    after = f"<div class='tags'>{w['tags']}: <a rel='tag'>tram</a> <a rel='tag'>riverside</a></div>{_share(L)}"
    keep = [P[0]] + [x for i in range(4) for x in (f"{i + 1}. {H[i]}", *body[i])]
    drop = [CREDIT, w["ad"], w["tags"], w["share"]]
    return _page(L, v, inner, after), keep, drop, {}


def k_review(L, v):
    """A review: the story, a pros / cons box and a score table, the verdict, then an affiliate disclosure with a
    buy button."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    box = (
        f"<div class='pros-cons'><div class='pros'><h4>{w['pros']}</h4><ul><li>{H[0]}</li><li>{H[1]}</li></ul></div>"
        f"<div class='cons'><h4>{w['cons']}</h4><ul><li>{H[2]}</li></ul></div></div>"
        "<table class='scores'><tr><td>Design</td><td>9</td></tr><tr><td>Comfort</td><td>8</td></tr></table>"
    )
    inner = (
        f"{_ps(P[0], M[0], *M[6:], P[1], M[1], P[2], M[2], P[3], M[3])}{box}<h2>{w['verdict']}</h2>{_ps(P[4], M[4])}"
        "<div class='affiliate'>"
        f"<p class='disclosure'>{w['disclosure']}</p><a class='button' href='/go/1'>{w['buy']}</a></div>"
    )
    keep = [P[0], M[0], *M[6:], P[1], M[1], P[2], M[2], P[3], M[3], w["verdict"], P[4], M[4]]
    drop = [w["disclosure"], w["buy"]]
    return _page(L, v, inner, _related(L)), keep, drop, {}


def k_forum(L, v):
    """A forum thread: three posts with their user cards (posts, joined), dates and buttons, then similar threads."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]

    def post(i, user, body):
        return (
            f"<div class='post' id='p{i}'><dl class='postprofile'><dt><a class='username'>{user}</a></dt>"
            f"<dd>{w['posts']}: 1204</dd><dd>{w['joined']}: 2019</dd></dl><div class='postbody'>"
            f"<p class='author'>{user} » 04.03.2024 10:3{i}</p><div class='content'>{body}</div>"
            f"<ul class='post-buttons'><li><a>{w['report']}</a></li><li><a>Quote</a></li></ul></div></div>"
        )

    posts = (
        post(1, "tramfan77", f"{P[0]}<br><br>{P[1]}<br><br>{M[0]}")
        + post(2, "lina_k", "".join(f"<p>{x}</p>" for x in (P[2], M[1], M[2], *M[6:])))
        + post(3, "ob3rst", f"{P[3]}<br><br>{P[4]}<br><br>{M[3]}")
    )
    inner = f"<div class='topic'>{posts}</div>"
    after = f"<div class='similar'><h3>{w['similar']}</h3><ul><li><a>{H[2]}</a></li><li><a>{H[3]}</a></li></ul></div>"
    keep = [P[0], P[1], M[0], P[2], M[1], M[2], *M[6:], P[3], P[4], M[3]]
    drop = [f"{w['posts']}: 1204", f"{w['joined']}: 2019", w["report"], w["similar"]]
    return _page(L, v, inner, after), keep, drop, {"head_ok": ["tramfan77", "04.03.2024 10:31"]}


def k_paywall(L, v):
    """A paywalled teaser: the standfirst and two paragraphs, then the subscription box with its plans."""
    w, P = L["w"], L["paras"]
    inner = (
        f"{_p(P[0], 'standfirst')}{_ps(P[1], L['more'][0], P[2])}<div class='paywall'><h3>{w['paywall']}</h3><ul><li>Digital "
        f"4,99 €</li><li>Premium 9,99 €</li></ul><a class='button'>{w['subscribe']}</a><p>{w['login']}</p></div>"
    )
    keep = [P[0], P[1], L["more"][0], P[2]]
    drop = [w["paywall"], w["login"], w["subscribe"], "Premium 9"]
    return _page(L, v, inner, _share(L)), keep, drop, {}


def k_footnotes(L, v):
    """Footnote markers after sentences and the notes list closing the article."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]

    def ref(n):
        return f"<sup class='reference'><a href='#fn{n}' id='r{n}'>[{n}]</a></sup>"

    notes = [f"{H[2]}, {L['site']}, 2021.", f"{H[3]}, {L['site']}, 2022.", f"{H[4]}, {L['site']}, 2023."]
    items = "".join(f"<li id='fn{i + 1}'>{n} <a href='#r{i + 1}'>↩</a></li>" for i, n in enumerate(notes))
    inner = (
        f"<p>{P[0]}{ref(1)}</p><h2>{H[0]}</h2><p>{P[1]}{ref(2)}</p>{_ps(M[0], M[1], *M[6:], P[2], M[2])}<p>{P[3]}{ref(3)}</p>"
        f"{_ps(M[3], P[4])}"
        f"<h2>{w['note']}</h2><ol class='footnotes'>{items}</ol>"
    )
    keep = [P[0], H[0], P[1], M[0], M[1], *M[6:], P[2], M[2], P[3], M[3], P[4]]
    return _page(L, v, inner, _share(L)), keep, [w["share"]], {"tail_ok": [w["note"], *notes, "1", "2", "3"]}


def k_photo_essay(L, v):
    """A photo essay: an introduction, then photos with a caption and credit, each followed by its paragraph."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    figs = "".join(
        f"<figure class='photo'><img src='/e{i}.jpg' alt='{H[i - 1]}'><figcaption><span class='caption'>{H[i - 1]}"
        f"</span> <span class='credit'>{w['photo']}: {CREDIT}</span></figcaption></figure>{_ps(P[i], M[i])}"
        for i in range(1, 5)
    )
    inner = f"{_ps(P[0], M[0], *M[6:])}{figs}"
    keep = [P[0], M[0], *M[6:]] + [x for i in range(1, 5) for x in (P[i], M[i])]
    return _page(L, v, inner, _related(L)), keep, [CREDIT, w["related"]], {}


def k_inserts(L, v):
    """In-body inserts: an ad, a "Read also" box of two links, a newsletter box; tags, share bar, author box and
    related posts after the story."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    also = (
        f"<aside class='read-also'><h4>{w['read_also']}</h4><ul><li><a href='/a1'>{H[0]}</a></li>"
        f"<li><a href='/a2'>{H[1]}</a></li></ul></aside>"
    )
    inner = f"{_ps(P[0], M[0], *M[6:], P[1])}{_ad(L)}{_ps(M[1], P[2])}{also}{_ps(M[2], P[3])}{_newsletter(L)}{_ps(M[3], P[4], M[4])}"
    after = (
        f"<div class='tags'>{w['tags']}: <a rel='tag'>tram</a></div>{_share(L)}<div class='author-box'>"
        f"<h4>{w['about_author']}</h4><p>Maria Lind – {L['site']}</p></div>{_related(L)}"
    )
    keep = [P[0], M[0], *M[6:], P[1], M[1], P[2], M[2], P[3], M[3], P[4], M[4]]
    drop = [w["ad"], w["read_also"], H[0], H[1], w["newsletter"], w["subscribe"], w["share"], w["about_author"]]
    return _page(L, v, inner, after), keep, drop, {}


def k_toc(L, v):
    """A table of contents (its title and a "[hide]" toggle, links to the sections), before or after the first
    paragraph, then the sections."""
    w, P, H, M = L["w"], L["paras"], L["heads"], L["more"]
    links = "".join(f"<li><a href='#s{i}'>{i + 1} {H[i]}</a></li>" for i in range(4))
    box = (
        f"<div id='toc_container' class='toc'><p class='toc_title'>{w['toc']} <span class='toc_toggle'>[<a>hide</a>]"
        f"</span></p><ul class='toc_list'>{links}</ul></div>"
    )
    body = [[P[i + 1], M[i]] for i in range(4)]
    body[1] += M[6:]
    sections = "".join(f"<h2 id='s{i}'>{H[i]}</h2>{_ps(*body[i])}" for i in range(4))
    inner = f"{box}{_p(P[0])}{sections}" if v % 2 else f"{_p(P[0])}{box}{sections}"
    keep = [P[0]] + [x for i in range(4) for x in (H[i], *body[i])]
    return _page(L, v, inner, _share(L)), keep, [w["toc"], "hide"], {"once": H[:4]}


def k_multipage(L, v):
    """The first page of a multi-page article: "Page 1 of 3" above and below, numbered page links, "Next page"."""
    w, P, M = L["w"], L["paras"], L["more"]
    pager = (
        f"<nav class='pagination'><span>{w['page_of']}</span> <a>1</a> <a href='?page=2'>2</a> <a href='?page=3'>3</a>"
        f" <a rel='next' href='?page=2'>{w['next']} »</a></nav>"
    )
    keep = [P[0], M[0], P[1], M[1], *M[6:], P[2], M[2], P[3]]
    inner = f"<div class='page-count'>{w['page_of']}</div>{_ps(*keep)}{pager}"
    return _page(L, v, inner, _share(L)), keep, [w["page_of"], w["next"]], {}


def k_comments(L, v):
    """Readers' comments under the article (names, times, text, reply links) and the reply form."""
    w, P, H, Q = L["w"], L["paras"], L["heads"], L["q"]
    said = [f"{Q[1]} {H[2]}!", f"{H[3]}?", f"{Q[0]} {H[4]}."]
    items = "".join(
        f"<li class='comment'><div class='comment-author'>{n}</div><time>05.03.2024</time><p>{t}</p><a>Reply</a></li>"
        for n, t in zip(("Karl O.", "Eva", "Tomasz"), said, strict=True)
    )
    after = (
        f"<section id='comments'><h2>3 {w['comments']}</h2><ol class='comment-list'>{items}</ol><form id='respond'>"
        f"<h3>{w['leave']}</h3><label>Name *</label><input><label>E-mail *</label><input><textarea></textarea>"
        f"<button>{w['post_comment']}</button></form></section>"
    )
    keep = [*P, *L["more"]]
    return _page(L, v, _ps(*keep), after), keep, [*said, w["leave"], w["post_comment"]], {}


AMP_HEAD = "<script async src='https://cdn.ampproject.org/v0.js'></script><style amp-boilerplate>body{visibility:hidden}</style>"


def k_amp(L, v):
    """AMP markup: amp-sidebar menu, amp-img, an amp-ad with its label, amp-social-share buttons, amp-consent."""
    w, P, M = L["w"], L["paras"], L["more"]
    inner = (
        f"<amp-img src='/t.jpg' width='800' height='450' layout='responsive'></amp-img>{_ps(P[0], P[1], M[0])}"
        f"<amp-ad width='300' height='250' type='doubleclick'><div fallback>{w['ad']}</div></amp-ad>"
        f"{_ps(P[2], M[1], M[2], *M[6:], P[3], P[4], M[3])}<div class='amp-share'><span>{w['share']}</span><amp-social-share type='facebook'>"
        "</amp-social-share><amp-social-share type='twitter'></amp-social-share></div>"
    )
    page = _page(L, v, inner, head_extra=AMP_HEAD, html_attr=" amp")
    side = "".join(f"<li><a>{n}</a></li>" for n in L["w"]["nav"])
    page = page.replace("<body>", f"<body><amp-sidebar id='menu' layout='nodisplay'><ul>{side}</ul></amp-sidebar>", 1)
    return page, [P[0], P[1], M[0], P[2], M[1], M[2], *M[6:], P[3], P[4], M[3]], [w["ad"], w["share"]], {}


KINDS = {
    "live_blog": k_live_blog, "interview": k_interview, "recipe": k_recipe, "docs": k_docs,
    "press_release": k_press_release, "listicle": k_listicle, "review": k_review, "forum": k_forum,
    "paywall": k_paywall, "footnotes": k_footnotes, "photo_essay": k_photo_essay, "inserts": k_inserts,
    "toc": k_toc, "multipage": k_multipage, "comments": k_comments, "amp": k_amp,
}  # fmt: skip


def all_cases() -> list[tuple[str, str]]:
    """Each kind in ten of the 16 languages (a different ten for each kind), 160 cases."""
    out = []
    for k, kind in enumerate(KINDS):
        for j in range(10):
            out.append((kind, LANGS[(3 * k + j) % len(LANGS)]))
    return out


def case(kind: str, code: str) -> dict:
    L = T[code]
    v = (list(KINDS).index(kind) + LANGS.index(code)) % 4
    html, keep, drop, extra = KINDS[kind](L, v)
    url = f"https://www.example.{TLD[code]}/2024/03/{kind.replace('_', '-')}-{code}"
    return {"html": html, "url": url, "keep": keep, "drop": drop + _chrome_drop(L), **extra}


def _find(tokens: list[str], seq: list[str], start: int = 0) -> int:
    n = len(seq)
    for i in range(start, len(tokens) - n + 1):
        if tokens[i : i + n] == seq:
            return i
    return -1


def _strip_edges(tokens: list[str], parts: list[str], at_end: bool) -> list[str]:
    """``tokens`` with the token runs of ``parts`` taken off one end as long as one of them stands there."""
    seqs = sorted((_tokens(p) for p in parts), key=len, reverse=True)
    changed = True
    while tokens and changed:
        changed = False
        for s in seqs:
            if s and (tokens[-len(s) :] == s if at_end else tokens[: len(s)] == s):
                tokens = tokens[: -len(s)] if at_end else tokens[len(s) :]
                changed = True
                break
    return tokens


def verdict(c: dict, text: str | None) -> str | None:
    """Why the body ``text`` misses the case ``c`` (a block lost or out of order, a page part kept, something before
    the first block or after the last that may not stand there), or None."""
    tokens, pos, first = _tokens(text), 0, None
    for block in c["keep"]:
        i = _find(tokens, _tokens(block), pos)
        if i < 0:
            return f"lost: {block[:60]}"
        first = i if first is None else first
        pos = i + len(_tokens(block))
    for bad in c["drop"]:
        if _find(tokens, _tokens(bad)) >= 0:
            return f"kept: {bad[:60]}"
    for once in c.get("once", []):
        s = _tokens(once)
        if _find(tokens, s, _find(tokens, s) + 1) >= 0:
            return f"twice: {once[:60]}"
    if _strip_edges(tokens[:first], c.get("head_ok", []), at_end=False):
        return f"before: {' '.join(tokens[:first][:12])}"
    if _strip_edges(tokens[pos:], c.get("tail_ok", []), at_end=True):
        return f"after: {' '.join(tokens[pos:][:12])}"
    return None


def read_body(xkey, kind: str, code: str) -> None:
    """The page of ``kind`` in ``code`` through the API: its body is the case's (:func:`verdict`)."""
    c = case(kind, code)
    data = extract_through_api(xkey, {"type": "article", "content": c["html"], "url": c["url"]})["data"]
    assert verdict(c, data.get("text")) is None, (verdict(c, data.get("text")), data.get("text"))
