"""Roster statements: "the leadership was structured as follows: Chairman X, First Deputies Y
and Z, then seven Deputies …", "As of today …", "the position of First Deputy is vacant".

They are not events but claims that a person held a post on a date (``holds``), that a post was
empty (``vacant``), or how many seats a title had (``seats``). Titles in a list govern the names
after them until the next title; a capitalised unit in brackets after a name ("X (Special
Service “A”)") under "headed the following" is a claim that X headed that unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from custodes.extract.dates import DateMention, PartialDate
from custodes.extract.mentions import PersonMention, Post, PostMention
from custodes.extract.segment import Sentence
from custodes.ontology import strip_ranks

# (behind a look ahead for the letters its phrases begin with: the same matches, faster)
ROSTER_MARKER = re.compile(
    r"\b(?=[acfiklprs])(?:as\s+follows|as\s+of\s+(?:today|now|\d|\w+\s+\d)|structured\s+as|"
    r"(?:current|present)\s+leadership|leadership\s+(?:is|was|consists|comprised|included)|"
    r"is\s+(?:now\s+)?vacant|remains\s+vacant|kept\s+their\s+(?:positions|posts)|"
    r"following\s+heads|line-?up)\b",
    re.IGNORECASE,
)


@dataclass
class RosterClaim:
    """A claim from a roster statement, with its evidence."""

    kind: str  # holds | vacant | seats
    person: str | None
    post: Post
    date: PartialDate | None
    quote: str
    start: int
    end: int
    count: int | None = None
    confidence: float = 0.75


@dataclass
class RosterState:
    """What carries from one sentence of a roster block to the next: its date and organisation."""

    date: PartialDate | None = None
    org: str | None = None
    group: list[Post] = field(default_factory=list)


def read_roster(
    s: Sentence,
    people: list[PersonMention],
    posts: list[PostMention],
    dates: list[tuple[DateMention, PartialDate | None]],
    expand: Callable[[str | None], str | None],
    state: RosterState | None = None,
) -> list[RosterClaim]:
    """Claims in one sentence of a roster block."""
    state = state if state is not None else RosterState()
    if ROSTER_MARKER.search(s.text):
        day = [d for _, d in dates if d is not None]
        if day:
            state.date = day[0]
        m = re.search(
            r"\b([A-ZА-Я]{2,7})\s+leadership\b|leadership\s+of\s+(?:the\s+)?([A-Z][\w ]+)", s.text
        )
        if m:
            state.org = expand(m.group(1) or m.group(2))
        state.group = []
    elif dates:
        day = [d for _, d in dates if d is not None and d.precision == "day"]
        if day:
            state.date = day[0]
    out: list[RosterClaim] = []
    quote = s.text

    def post_with_org(p: Post) -> Post:
        return Post(p.title, p.role, expand(p.org) or state.org, p.unit, p.text, p.acting)

    def claim(kind: str, person: str | None, p: Post, count: int | None = None) -> None:
        out.append(
            RosterClaim(kind, person, post_with_org(p), state.date, quote, s.start, s.end, count)
        )

    if re.search(r"\bvacant\b", s.text, re.I):
        for pm in posts:
            for p in pm.posts:
                claim("vacant", None, p)
        return out
    items: list[tuple[int, object]] = [(pm.start, pm) for pm in posts] + [
        (p.start, p) for p in people
    ]
    items.sort(key=lambda x: x[0])
    since_person: list[Post] = []
    for k, (_, item) in enumerate(items):
        if isinstance(item, PostMention):
            if item.count and item.plural:
                for p in item.posts:
                    claim("seats", None, p, item.count)
            since_person += item.posts
            continue
        assert isinstance(item, PersonMention)
        name = strip_ranks(item.name)
        if since_person:
            state.group = since_person
        group = list(state.group)
        # "X is in the rank of Deputy Chairman"
        nxt = items[k + 1][1] if k + 1 < len(items) else None
        tail = s.text[item.end - s.start : (nxt.start - s.start) if nxt is not None else None]
        if isinstance(nxt, PostMention) and re.match(
            r"\s*(?:is|was)\s+(?:in\s+the\s+rank|also)\b", tail
        ):
            group += nxt.posts
        unit = re.match(r"\s*\(([^)]{2,60})\)", tail)
        if unit and re.search(r"\b(?:headed|heads|head|in charge)\b", s.text, re.I):
            u = unit.group(1).strip()
            if u[0].isupper() and not u[0].isdigit():
                group.append(Post("Head", "head", state.org, u, u))
        for p in group:
            claim("holds", name, p)
        since_person = []
    return out
