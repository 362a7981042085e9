"""A title's site segment in the scripts written without spaces, through the API (POST, run, GET): a bar written
without spaces ("桜の季節がやってきた｜花ニュース", "Title|Site") and, after a kana / CJK / Hangul letter, a low line or a
hyphen ("樱花季节到了_新浪新闻", "樱花季节到了-新浪新闻") separate the headline from the site's name as " | " and " - " do
(before, the whole document title was the answer when no h1 named the headline). A low line or hyphen between Latin
letters stays ("rustc_codegen_gcc: Progress Report #39") (extractor/pipeline/article/titles.py ``_SPLIT_TITLE_RE``)."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

JAPANESE = "".join(
    f"<p>{i}. 桜の季節がやってきました。今年は例年より早く開花し、多くの人が公園を訪れています。</p>"
    for i in range(1, 8)
)


def _title(xkey, lang: str, title: str, og: str | None = None, h1: str | None = None) -> str | None:
    og_meta = f'<meta property="og:title" content="{og}">' if og else ""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    html = (
        f'<html lang="{lang}"><head><title>{title}</title>{og_meta}</head><body>'
        f"<article>{heading}{JAPANESE * 3}</article></body></html>"
    )
    return extract_through_api(xkey, {"type": "article", "content": html, "url": "https://example.com/a/1"})[
        "data"
    ].get("title")


@pytest.mark.parametrize(
    ("lang", "title", "og", "expected"),
    [
        ("ja", "桜の季節がやってきた｜花ニュース", None, "桜の季節がやってきた"),
        ("ja", "桜の季節がやってきた｜花ニュース", "桜の季節がやってきた｜花ニュース", "桜の季節がやってきた"),
        ("zh", "樱花季节到了_新浪新闻", None, "樱花季节到了"),
        ("zh", "樱花季节到了-新浪新闻", "樱花季节到了-新浪新闻", "樱花季节到了"),
        ("zh", "樱花季节到了丨凤凰网", None, "樱花季节到了"),
        ("ko", "벚꽃 시즌이 왔다｜꽃뉴스", None, "벚꽃 시즌이 왔다"),
        ("en", "How to prune roses|Garden Weekly", None, "How to prune roses"),
    ],
)
def test_an_unspaced_separator_cuts_the_site_name(xkey, lang, title, og, expected):
    assert _title(xkey, lang, title, og) == expected


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        ("en", "rustc_codegen_gcc: Progress Report #39", "rustc_codegen_gcc: Progress Report #39"),
        ("en", "The e-bike boom", "The e-bike boom"),
        ("ja", "iPhone_16の新機能まとめ｜テックニュース", "iPhone_16の新機能まとめ"),
    ],
)
def test_a_low_line_or_hyphen_between_latin_letters_stays(xkey, lang, title, expected):
    assert _title(xkey, lang, title) == expected
