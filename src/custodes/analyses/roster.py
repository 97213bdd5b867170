"""``roster(view, org, on)``: an organisation's posts and who held them on a date.

Holders come from tenures (so a deputy dismissed on 6 January is on the roster of 5 January);
vacancies from ``vacant`` claims; seat counts from ``seats`` claims ("seven Deputies"). A
single-seat post with two holders, or a post with more holders than seats, is flagged: the
sources disagree and an analyst has to look. Example::

    r = roster(view, "NSC", PartialDate(2022, 1, 5))
    [h.person for p in r.posts if p.label == "Chairman" for h in p.holders] == ["Karim Massimov"]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from custodes.analyses.base import (
    Scope,
    Source,
    day_of,
    org_key_of,
    org_scope,
    role_rank,
    source_of,
    sources,
)
from custodes.extract.dates import PartialDate
from custodes.store.statements import Statement
from custodes.store.view import View
from custodes.tenures import Tenure


@dataclass
class Holder:
    """A person in a post on the roster's date, and why we think so."""

    person: str
    since: str | None  # the appointment date; None when the start is unknown
    first_seen: str
    last_seen: str
    until: str | None
    until_reason: str | None
    acting: bool
    sources: list[Source]


@dataclass
class RosterPost:
    """One post (seat) of the organisation: its holders, seats and vacancy."""

    post_key: str
    label: str
    title: str | None
    role: str | None
    unit: str | None
    holders: list[Holder] = field(default_factory=list)
    seats: int | None = None
    vacant: Source | None = None
    conflict: str | None = None


@dataclass
class Roster:
    """An organisation on a date."""

    org: str
    org_key: str
    on: str
    posts: list[RosterPost]
    documents: list[str]


def _holder(t: Tenure, by_id: dict[str, Statement], cited: dict[str, Source]) -> Holder:
    return Holder(
        person=t.person,
        since=t.start.label if t.start else None,
        first_seen=t.first_seen.isoformat(),
        last_seen=t.last_seen.isoformat(),
        until=t.end.label if t.end else None,
        until_reason=t.end_reason,
        acting=t.acting,
        sources=sources(t.statement_ids, by_id, cited),
    )


def _latest(claims: list[Statement], day: date) -> dict[str, tuple[date, Statement]]:
    """The latest claim per post dated on or before ``day``, with its date."""
    out: dict[str, tuple[date, Statement]] = {}
    for c in sorted(claims, key=lambda c: c.date.iso if c.date else ""):
        if c.post_key and c.date and c.date.first_day() <= day:
            out[c.post_key] = (c.date.first_day(), c)
    return out


def roster_of(scope: Scope, on: PartialDate, begun: list[tuple[str, date]] | None = None) -> Roster:
    """The roster of a loaded scope; ``on`` that is a month or year means its last day.
    ``begun``: (post key, first seen) of the organisation's tenures begun after its earliest
    vacancy claim (``View.tenure_starts``), when the scope holds only the tenures that cover
    the day; else the scope's own tenures say it."""
    day = day_of(on, late=True)
    by_id = scope.by_id
    posts: dict[str, RosterPost] = {}

    def post(key: str, like: Tenure | Statement) -> RosterPost:
        if key not in posts:
            label = f"{like.title} of {like.unit}" if like.unit else (like.title or "?")
            posts[key] = RosterPost(key, label, like.title, like.role, like.unit)
        return posts[key]

    own = scope.own()
    held = [t for t in own if t.covers(day)]
    for t in sorted(held, key=lambda t: (t.start is None, t.first_seen, t.person)):
        post(t.post_key, t).holders.append(_holder(t, by_id, scope.cited))
    for key, (_, c) in _latest(scope.own_statements("seats"), day).items():
        post(key, c).seats = c.count
    for key, (since, c) in _latest(scope.own_statements("vacant"), day).items():
        # vacant unless someone held it on the day, or came and went after the claim
        starts = begun if begun is not None else [(t.post_key, t.first_seen) for t in own]
        filled = any(k == key and since < first <= day for k, first in starts)
        if not (key in posts and posts[key].holders) and not filled:
            post(key, c).vacant = source_of(c)
    for p in posts.values():
        n = len({h.person for h in p.holders})
        if p.role == "head" and n > 1:
            p.conflict = f"single-seat post with {n} holders"
        elif p.seats is not None and n > p.seats:
            p.conflict = f"{n} holders for {p.seats} seats"
    ordered = sorted(posts.values(), key=lambda p: (*role_rank(p.role, p.unit), p.label))
    docs = sorted({s.doc for p in ordered for h in p.holders for s in h.sources if s.doc})
    return Roster(scope.org, scope.org_key, on.iso, ordered, docs)


def roster(view: View, org: str, on: PartialDate) -> Roster:
    """Posts and holders of ``org`` (a name or abbreviation) on ``on``. Where the knowledge
    base keeps its tenures (``store/derived.py``), only the organisation's tenures that cover
    the day are read, with the statements they cite and its seats and vacancy claims, all in
    one snapshot (``View.reading``)."""
    with view.reading():
        return _roster(view, org, on)


def _roster(view: View, org: str, on: PartialDate) -> Roster:
    if not view.tenures_stored:
        return roster_of(org_scope(view, org), on)
    key = org_key_of(view, org)
    day = day_of(on, late=True)
    claims = view.statements(org_keys=[key], kinds=["seats", "vacant"])
    vacant = [c.date.first_day() for c in claims if c.kind == "vacant" and c.date]
    since = min((d for d in vacant if d <= day), default=None)
    # the tenures that cover the day, whole; of those begun since the earliest vacancy claim
    # only post and start, which is all a vacancy needs (most of the rows a roster read)
    kept: dict[str, list[Any]] = {}
    held = [t for t in view.stored_tenures(key, day, sources=kept) if t.covers(day)]
    begun = view.tenure_starts(key, since, day) if since is not None else []
    # the evidence the tenures keep, and the statements of those that keep none (derived
    # by an older version) read: only their evidence is shown, the people are the tenures'
    cited = {i: Source(*kept[i]) for t in held for i in t.statement_ids if i in kept}
    ids = {i for t in held for i in t.statement_ids if i not in cited}
    read = view.statements(ids=ids, identities=False) if ids else []
    scope = Scope(key, view.org_name(key), claims + read, held, cited)
    return roster_of(scope, on, begun)
