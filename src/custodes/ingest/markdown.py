"""Markdown links in a text file: a page saved as Markdown (a web clipper's copy, a portal
exported from a wiki) carries each link as ``[text](url "title")``. A reader sees the text;
the extractor must too, or a name reads "Jagdeep Dhankhar](https://en.wikipedia.org".

Only the links are rewritten (to their text) and images dropped; bullets, headings and the rest
stay as written, because the structure readers read them ("- Office: …"). A Markdown parser
(markdown-it-py) would turn the whole file into HTML and lose those lines, and gives no
character offsets, so the links are found by one pattern: the link syntax is regular.
"""

from __future__ import annotations

import re

# [text](url) or [text](url "title"); a URL may hold balanced brackets ("…_(2024–present)")
_LINK = re.compile(
    r"(?P<img>!?)\[(?P<text>[^\[\]\n]{0,300})\]"
    r"\((?P<url>(?:https?://|/|#|\.{0,2}/|www\.)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+\"[^\"\n]*\")?\)"
)


def looks_like_markdown(text: str) -> bool:
    """Two or more Markdown links: a page saved as Markdown, not a text that happens to hold
    brackets."""
    return len(_LINK.findall(text[:200_000], 0)) >= 2 if "](" in text else False


def unlink(text: str) -> str:
    """The text with each Markdown link replaced by its text and each image removed."""
    if not looks_like_markdown(text):
        return text
    return _LINK.sub(lambda m: "" if m.group("img") else m.group("text"), text)
