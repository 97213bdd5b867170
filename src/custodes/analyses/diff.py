"""``diff(view, org, d1, d2)``: what changed in an organisation's leadership between two dates.

* **left** — held a post on d1 and none on d2, with what happened to them in (d1, d2]
  (dismissed, arrested …; undated events from documents published after d1 too) and where they
  went (the post they took next);
* **came** — hold a post on d2 and held none on d1, with where they came from (the post they
  left on, or in the 90 days before, their appointment);
* **changed** — held posts on both dates, but not the same ones; **stayed** — the same posts;
* **vacant** — posts empty on d2: declared vacant, or held on d1 and by nobody now;
* **turnover** per rank: departures with an end event (not a roster's silence) over the seats on
  d1, seats being a ``seats`` claim ("seven Deputies") or else the number of holders:
  ``deputy: 3 of 7 replaced``.

d1 counts from its first day, d2 to its last ("2022-01" to "2022-02" is the whole span).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from custodes.analyses.base import (
    Scope,
    Source,
    day_of,
    org_key_of,
    org_scope,
    role_rank,
    source_of,
)
from custodes.analyses.roster import Roster, roster_of
from custodes.extract.dates import PartialDate
from custodes.store.statements import Statement
from custodes.store.view import View
from custodes.tenures import Tenure

JUST_BEFORE = timedelta(days=90)


@dataclass
class PostSpan:
    """A tenure as the diff shows it."""

    post: str
    role: str | None
    since: str | None
    first_seen: str
    ended: str | None
    how: str | None
    inferred: bool


@dataclass
class EventRef:
    """A personnel event of one person, with the posts it names."""

    type: str
    date: str | None
    post: str | None
    source: Source


@dataclass
class Departure:
    person: str
    posts: list[PostSpan]
    events: list[EventRef]
    moved_to: str | None


@dataclass
class Arrival:
    person: str
    posts: list[PostSpan]
    came_from: str | None
    came_from_ended: str | None
    events: list[EventRef]


@dataclass
class Reassignment:
    person: str
    before: list[str]
    after: list[str]


@dataclass
class Vacancy:
    post: str
    since: str | None
    source: Source | None


@dataclass
class Turnover:
    rank: str
    departed: int
    seats: int
    seats_from: str  # "seats claim" | "holders"
    names: list[str]
    summary: str


@dataclass
class Diff:
    org: str
    org_key: str
    d1: str
    d2: str
    left: list[Departure]
    came: list[Arrival]
    changed: list[Reassignment]
    stayed: list[str]
    vacant: list[Vacancy]
    turnover: list[Turnover]


def _span(t: Tenure) -> PostSpan:
    return PostSpan(
        post=t.label,
        role=t.role,
        since=t.start.label if t.start else None,
        first_seen=t.first_seen.isoformat(),
        ended=t.end.label if t.end else None,
        how=t.end_reason,
        inferred=t.end_inferred,
    )


def _by_person(tenures: list[Tenure]) -> dict[str, list[Tenure]]:
    out: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures:
        out[t.person_key].append(t)
    return out


def _events(scope: Scope, person_key: str, day1: date, day2: date, d1: str) -> list[EventRef]:
    """The person's events in (day1, day2]; undated ones if reported after d1."""
    legs: dict[str, list[Statement]] = defaultdict(list)
    for s in scope.statements:
        if s.person_key != person_key or s.kind != "event" or s.leg != "to":
            continue
        if s.date is not None and not day1 < s.date.first_day() <= day2:
            continue
        if s.date is None and s.doc_published is not None and s.doc_published <= d1:
            continue
        legs[s.event_id or s.id].append(s)
    out = []
    for group in legs.values():
        s = group[0]
        posts = " – ".join(g.label for g in sorted(group, key=lambda g: g.seq) if g.post_key)
        day = s.date.label if s.date else None
        out.append(EventRef(s.event_type or "?", day, posts or None, source_of(s)))
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.source.start))


def _where(t: Tenure) -> str:
    """ "Chief (Presidential Executive Office)": a post elsewhere names its organisation."""
    return f"{t.label} ({t.org})" if t.org else t.label


def _rank(t: Tenure) -> str:
    return f"{t.role} (units)" if t.unit else (t.role or "?")


def diff_of(scope: Scope, d1: PartialDate, d2: PartialDate, roster2: Roster | None = None) -> Diff:
    """The diff of a loaded scope (``roster2``: the organisation's roster on d2, when the
    caller has it from the stored tenures; else it is made from the scope)."""
    day1, day2 = day_of(d1), day_of(d2, late=True)
    own = scope.own()
    at1 = _by_person([t for t in own if t.covers(day1)])
    at2 = _by_person([t for t in own if t.covers(day2)])
    everyone = _by_person(scope.tenures)

    def order(key: str, spans: dict[str, list[Tenure]]) -> tuple[tuple[int, int], str]:
        return min(role_rank(t.role, t.unit) for t in spans[key]), spans[key][0].person

    left = []
    for pk in sorted(at1.keys() - at2.keys(), key=lambda k: order(k, at1)):
        held = {t.post_key for t in at1[pk]}
        nxt = [t for t in everyone[pk] if t.post_key not in held and day1 < t.first_seen <= day2]
        nxt.sort(key=lambda t: t.first_seen)
        moved_to = _where(nxt[0]) if nxt else None
        events = _events(scope, pk, day1, day2, d1.iso)
        left.append(Departure(at1[pk][0].person, [_span(t) for t in at1[pk]], events, moved_to))

    came = []
    for pk in sorted(at2.keys() - at1.keys(), key=lambda k: order(k, at2)):
        new = {t.post_key for t in at2[pk]}
        start = min((t.start.first_day() if t.start else t.first_seen) for t in at2[pk])
        before = [
            t
            for t in everyone[pk]
            if t.post_key not in new
            and t.end_day is not None
            and start - JUST_BEFORE <= t.end_day <= start
        ]
        prev = max(before, key=lambda t: t.end_day or start, default=None)
        came.append(
            Arrival(
                at2[pk][0].person,
                [_span(t) for t in at2[pk]],
                _where(prev) if prev else None,
                prev.end.iso if prev and prev.end else None,
                _events(scope, pk, day1, day2, d1.iso),
            )
        )

    changed, stayed = [], []
    for pk in sorted(at1.keys() & at2.keys(), key=lambda k: order(k, at2)):
        before_posts = sorted(t.label for t in at1[pk])
        after_posts = sorted(t.label for t in at2[pk])
        if {t.post_key for t in at1[pk]} == {t.post_key for t in at2[pk]}:
            stayed.append(at2[pk][0].person)
        else:
            changed.append(Reassignment(at2[pk][0].person, before_posts, after_posts))

    return Diff(
        org=scope.org,
        org_key=scope.org_key,
        d1=d1.iso,
        d2=d2.iso,
        left=left,
        came=came,
        changed=changed,
        stayed=stayed,
        vacant=_vacancies(roster2 or roster_of(scope, d2), at1, at2),
        turnover=_turnover(scope, day1, day2, at1, at2),
    )


def _vacancies(
    on_d2: Roster, at1: dict[str, list[Tenure]], at2: dict[str, list[Tenure]]
) -> list[Vacancy]:
    held2 = {t.post_key for ts in at2.values() for t in ts}
    out: dict[str, Vacancy] = {}
    for ts in at1.values():
        for t in ts:
            if t.post_key not in held2:
                out.setdefault(t.post_key, Vacancy(t.label, t.end.iso if t.end else None, None))
    for p in on_d2.posts:
        if p.vacant is not None:
            out[p.post_key] = Vacancy(p.label, p.vacant.date, p.vacant)
    return list(out.values())


def _turnover(
    scope: Scope,
    day1: date,
    day2: date,
    at1: dict[str, list[Tenure]],
    at2: dict[str, list[Tenure]],
) -> list[Turnover]:
    seats_claims = {
        s.post_key: s
        for s in sorted(scope.own_statements("seats"), key=lambda s: s.date.iso if s.date else "")
        if s.date and s.date.first_day() <= day1 and s.count
    }
    groups: dict[str, list[Tenure]] = defaultdict(list)
    for ts in at1.values():
        for t in ts:
            groups[_rank(t)].append(t)
    held2 = {(t.person_key, t.post_key) for ts in at2.values() for t in ts}
    out = []
    for rank, ts in sorted(groups.items(), key=lambda g: role_rank(g[1][0].role, g[1][0].unit)):
        gone = sorted(
            {
                t.person
                for t in ts
                if t.ended_by_event
                and t.end_day is not None
                and day1 < t.end_day <= day2
                and (t.person_key, t.post_key) not in held2
            }
        )
        claim = None if ts[0].unit else seats_claims.get(f"{scope.org_key}|{ts[0].role}|")
        seats = claim.count if claim and claim.count else len({t.person_key for t in ts})
        source = "seats claim" if claim else "holders"
        summary = f"{rank}: {len(gone)} of {seats} replaced"
        out.append(Turnover(rank, len(gone), seats, source, gone, summary))
    return out


def diff(view: View, org: str, d1: PartialDate, d2: PartialDate) -> Diff:
    """Who left ``org`` and who came between ``d1`` and ``d2``, and the turnover per rank.
    Where the knowledge base keeps its tenures (``store/derived.py``) they are read, not
    derived: see ``_stored_scope``."""
    with view.reading():  # one snapshot, one connection
        return _diff(view, org, d1, d2)


def _diff(view: View, org: str, d1: PartialDate, d2: PartialDate) -> Diff:
    if not view.tenures_stored:
        return diff_of(org_scope(view, org), d1, d2)
    key = org_key_of(view, org)
    day1, day2 = day_of(d1), day_of(d2, late=True)
    scope, claims = _stored_scope(view, key, day1, day2)
    # the roster of d2 only for its vacancies: the claims, and the tenures that could fill them
    vacant = [c.date.first_day() for c in claims if c.kind == "vacant" and c.date]
    since = min((d for d in vacant if d <= day2), default=None)
    held = view.stored_tenures(key, day2, since) if since is not None else []
    on_d2 = roster_of(Scope(key, scope.org, claims, held), d2)
    return diff_of(scope, d1, d2, on_d2)


def _stored_scope(view: View, key: str, day1: date, day2: date) -> tuple[Scope, list[Statement]]:
    """What ``diff_of`` reads of an organisation, from the stored tenures: every stored tenure
    near the span of the people who held its posts on either date (who they are: two index
    reads; their tenures: one read by person, which also says where they went and where they
    came from as each organisation's own derivation has it), the events of those who left or
    came, dated in the span or undated (one read of statements by person key), and the
    organisation's seats and vacancy claims (returned apart too). The events are those the
    organisation's scope holds (``analyses.base.scope_of``): stated in this organisation under
    any spelling of the person, or elsewhere under the person's own key."""
    # the tenures of the posts on d2 say how far back an arrival's previous post may have
    # ended; the people's other tenures are read only near the span (JUST_BEFORE its start)
    on_d2 = view.stored_tenures(key, day2)
    held1, held2 = view.tenure_holders(key, day1), {t.person_key for t in on_d2}
    people = held1 | held2
    starts = [t.start.first_day() if t.start else t.first_seen for t in on_d2]
    lo, hi = min([day1, *starts]) - JUST_BEFORE, max([day2, *starts])
    everyone = view.stored_tenures(person_keys=people, near=(lo, hi)) if people else []
    # in derive_tenures' order, which decides ties (the first tenure names the person)
    everyone.sort(key=lambda t: (t.org_key or "", t.post_key, t.first_seen, t.person))
    raw: dict[str, tuple[str | None, str | None]] = {}
    # events are told only of those who left or came (``diff_of``'s departures and arrivals)
    moving = held1 ^ held2
    spellings = list(view.keys_of(moving)) if moving else []
    events = (
        view.statements(person_keys=spellings, kinds=["event"], stored_keys=raw, dated=(day1, day2))
        if spellings
        else []
    )
    events = [s for s in events if s.org_key == key or raw[s.id][0] == s.person_key]
    claims = view.statements(org_keys=[key], kinds=["seats", "vacant"])
    return Scope(key, view.org_name(key), events + claims, everyone), claims
