"""What every part of article extraction shares: schema.org types, word tokens, reading time."""

from __future__ import annotations

import math
import re

ARTICLE_TYPES = (
    "Article",
    "NewsArticle",
    "BlogPosting",
    "Report",
    "TechArticle",
    "ScholarlyArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Blog",
    "Review",
    "HowTo",
    "Recipe",
    "MedicalWebPage",
    "DiscussionForumPosting",
    "Posting",
)
PAGE_TYPES = ("WebPage", "ItemPage", "AboutPage", "FAQPage", "CollectionPage")

_WORD_RE = re.compile(r"\w+")
WORDS_PER_MINUTE = 230


def _tokens(text: str | None) -> list[str]:
    return _WORD_RE.findall((text or "").lower())


def reading_time(word_count: int) -> int:
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE)) if word_count else 0


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag as pages write it in any of its forms ("en_US", "en-US, fr")."""
    return (value or "").replace("_", "-").split(",")[0].strip() or None


def html_unescape(value: str | None) -> str:
    import html as _h

    return _h.unescape(value or "")
