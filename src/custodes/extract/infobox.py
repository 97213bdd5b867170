"""Offices read from an encyclopedia infobox: the block of short lines a biography opens with.

Wikipedia's officeholder infobox, as text, is a post title on one line, then "Assumed office"
or "In office", then the date or the span ("9 August 1999 – 12 May 2008"). Each such office is
the subject taking up the post on the first date. The lines are structure, not prose, so the
sentence reader never sees them as events.
"""

from __future__ import annotations

import re

from custodes.extract.dates import DateContext, PartialDate, find_dates
from custodes.extract.mentions import find_posts

_MARKER = re.compile(r"^\s*(?:Assumed office|In office|Incumbent)\s*$", re.IGNORECASE)


def offices(text: str, published: PartialDate | None) -> list[tuple[int, int, str, PartialDate]]:
    """(start, end, title line, start date) for every office in the infobox at the top."""
    lines = []
    pos = 0
    for line in text[:4000].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out = []
    ctx = DateContext(published=published)
    for k, (_, line) in enumerate(lines):
        if not _MARKER.match(line) or k == 0 or k + 1 >= len(lines):
            continue
        title_start, title = lines[k - 1]
        date_start, date_line = lines[k + 1]
        if not title.strip() or len(title.split()) > 12 or not find_posts(title):
            continue
        ms = [m for m in find_dates(date_line) if m.year]
        if not ms or ms[0].start > 3:
            continue
        d = ctx.resolve(ms[0], update=False)
        if d is not None:
            out.append((title_start, date_start + len(date_line), title.strip(), d))
    return out
