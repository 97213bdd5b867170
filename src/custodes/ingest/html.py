"""The main text of an HTML page: trafilatura for ordinary pages, a plain reader for hostile ones.

trafilatura (on lxml) removes boilerplate well, but a page with a million elements takes it
1.6 GB, and libxml2 stops at 256 levels of nesting, so a page nested 10,000 deep loses the
paragraph at its bottom. ``shape`` measures a page in one linear pass of a pattern; a page with
more than ``MAX_ELEMENTS`` elements or nested deeper than ``MAX_DEPTH`` is read by
``plain_text`` (the standard library's streaming parser: text outside scripts, styles,
navigation and footers, one line per block), in memory proportional to its text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from custodes.extract.dates import PartialDate
from custodes.ingest.errors import ReadError

MAX_ELEMENTS = 100_000
MAX_DEPTH = 200

# [^<>]* (not [^>]*?): a "<" without a ">" ends at the next "<", so the scan stays linear
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
# elements that are never parents, or that the next sibling closes ("<p>a<p>b" is not nesting)
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    "option".split()
)
_SKIP = frozenset("script style nav footer header aside noscript template svg head".split())
_BLOCK = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 article section blockquote pre table ul ol dl dt dd "
    "title".split()
)


def shape(raw: str) -> tuple[int, int]:
    """(elements, deepest nesting) of a page, in one pass."""
    n = depth = deepest = 0
    for m in _TAG.finditer(raw):
        n += 1
        name = m.group(2).lower()
        if name in _FLAT or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return n, deepest


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def plain_text(raw: str) -> tuple[str, str | None]:
    """Text and title of a page without a tree: blocks on lines of their own, runs of blank
    lines squeezed to one."""
    parser = _Plain()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[^\S\n]+", " ", text)
    text = re.sub(r" ?\n[\s]*\n\s*", "\n\n", text)  # \s* after \n: linear, one start per run
    title = " ".join("".join(parser.title).split()) or None
    return text.strip(), title


def read_html(raw: str) -> tuple[str, str | None, PartialDate | None]:
    """(main text, title, publication date from the page's metadata) of an HTML page."""
    elements, deepest = shape(raw)
    if elements > MAX_ELEMENTS or deepest > MAX_DEPTH:
        text, title = plain_text(raw)
        if not text:
            raise ReadError("HTML page has no text")
        return text, title, None
    import trafilatura

    extracted = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, favor_recall=True
    )
    if extracted is None or not (extracted.text or "").strip():
        raise ReadError("HTML page has no main text")
    published = None
    if extracted.date:
        try:
            published = PartialDate.parse(extracted.date[:10])
        except ValueError:
            published = None
    return extracted.text, extracted.title, published
