"""Article extraction from HTML pages (trafilatura, with htmldate for the date)."""

from __future__ import annotations

import re
from dataclasses import dataclass


_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml)\b", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:html|head|body|article|div|p|h1|meta|title)\b[^>]*>", re.I)


@dataclass
class HtmlArticle:
    text: str
    title: str | None = None
    source: str | None = None  # the site name
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD


def looks_like_html(text: str) -> bool:
    """True for a page (doctype/html/body at the start) or a fragment with block tags."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or (head.lstrip().startswith("<") and bool(_HTML_TAG.search(head)))


def extract_article(page: str | bytes) -> HtmlArticle | None:
    """The main text and metadata of an HTML page, or None when it holds no article."""
    import trafilatura  # imported here: start-up time that only HTML input needs

    result = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=True)
    if result is None:
        return None
    found = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (found.get("text") or "").strip()
    if not any(_is_prose(line) for line in text.split("\n")):
        return None  # menus and link lists, not an article
    return HtmlArticle(
        text=text,
        title=found.get("title") or None,
        source=found.get("sitename") or None,
        url=found.get("url") or None,
        published=found.get("date") or None,
    )


def _is_prose(line: str) -> bool:
    """A sentence-like line: six words or more, ending in sentence punctuation."""
    return len(line.split()) >= 6 and line.rstrip().rstrip("\"”’)").endswith((".", "!", "?"))
