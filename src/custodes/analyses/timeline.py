"""``timeline(view, name)``: every event and roster claim about a person or an organisation, in
date order, each with its quote and document.

A name matches a person by full name ("Berik Kunanbayev") or surname ("Kunanbayev": everyone
with it), and an organisation by name or alias ("NSC", "KNB"). The posts of one dual-hatted
event are one entry ("Deputy Chairman – Director of Special Service “A”"). Undated entries come
last: the text gave no date, and none is guessed.

One event reported by several documents — in any language — is one entry with all its sources:
the same resolved person, the same event type and a shared post (or no post given), on dates
that agree (equal, one inside the other's month or year, or one undated). Sources that give
dates a few days apart are still one event, marked with the disagreement (``conflict``); dates
further apart are two events (a second appointment to the same post).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from custodes.analyses.base import Source, UnknownName, source_of
from custodes.store.statements import Statement
from custodes.store.view import View


@dataclass
class Entry:
    date: str | None
    kind: str  # event | holds | vacant | seats
    type: str  # the event type, or the claim kind
    person: str | None
    post: str | None
    moved_from: str | None
    count: int | None
    acting: bool
    source: Source
    statement_ids: list[str]
    sources: list[Source] = field(default_factory=list)  # every document reporting it
    dates: list[str] = field(default_factory=list)  # the dates the sources give
    conflict: str | None = None  # "sources disagree on the date: 2022-01-06, 2022-01-07"
    person_key: str | None = None
    post_keys: tuple[str, ...] = ()


@dataclass
class Timeline:
    query: str
    people: list[str]
    orgs: list[str]
    entries: list[Entry]


def _entry(legs: list[Statement]) -> Entry:
    legs = sorted(legs, key=lambda s: (s.leg != "to", s.seq))
    to = [s for s in legs if s.leg == "to" and s.post_key]
    away = [s for s in legs if s.leg == "from" and s.post_key]
    first = legs[0]
    return Entry(
        # an event the text does not date reads "not later than <publication date>"
        date=first.date.label if first.date else None,
        kind=first.kind,
        type=first.event_type or first.kind,
        person=first.person,
        post=" – ".join(s.label for s in to) or None,
        moved_from=" – ".join(s.label for s in away) or first.from_position,
        count=first.count,
        acting=any(s.acting for s in legs),
        source=source_of(first),
        statement_ids=[s.id for s in legs],
        sources=[source_of(first)],
        dates=[first.date.iso] if first.date and not first.date.not_after else [],
        person_key=first.person_key,
        post_keys=tuple(sorted({s.post_key for s in to if s.post_key})),
    )


# sources that date one event this many days apart are one event with a conflict
NEAR_DAYS = 31


def _day(iso: str) -> date:
    parts = [int(x) for x in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _dates_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)  # "2022-01" holds "2022-01-06"


def _same_event(a: Entry, b: Entry) -> bool:
    if a.kind != "event" or b.kind != "event" or a.type != b.type:
        return False
    if not a.person_key or a.person_key != b.person_key:
        return False
    if a.post_keys and b.post_keys and not set(a.post_keys) & set(b.post_keys):
        return False
    if not a.dates or not b.dates:
        return True
    return any(abs((_day(x) - _day(y)).days) <= NEAR_DAYS for x in a.dates for y in b.dates)


def _merge(entries: list[Entry]) -> list[Entry]:
    """One entry per event, however many documents report it."""
    merged: list[Entry] = []
    for e in entries:
        home = next((m for m in merged if _same_event(m, e)), None)
        if home is None or any(x.doc_id == e.source.doc_id for x in home.sources):
            merged.append(e)
            continue
        home.sources.append(e.source)
        home.statement_ids += e.statement_ids
        home.dates += [d for d in e.dates if d not in home.dates]
        home.post_keys = tuple(sorted({*home.post_keys, *e.post_keys}))
        home.post = home.post or e.post
        home.moved_from = home.moved_from or e.moved_from
        home.acting = home.acting or e.acting
        bounded = home.date is not None and home.date.startswith("not later")
        if e.date and (home.date is None or bounded or e.dates and len(e.date) > len(home.date)):
            home.date = e.date  # the most precise date the sources give
        apart = sorted(d for d in home.dates if not all(_dates_agree(d, x) for x in home.dates))
        home.conflict = f"sources disagree on the date: {', '.join(apart)}" if apart else None
    return merged


def timeline(view: View, name: str) -> Timeline:
    """Everything the knowledge base says about ``name``; UnknownName if nothing matches."""
    with view.reading():  # one snapshot, one connection
        return _timeline(view, name)


def _timeline(view: View, name: str) -> Timeline:
    people = view.match_people(name)
    org = view.resolve_org(name)
    if not people and org is None:
        raise UnknownName(f"no person or organisation matches {name!r}")
    found = {s.id: s for s in view.statements(person_keys=people)} if people else {}
    if org is not None:
        own = view.statements(org_keys=[org])
        found.update((s.id, s) for s in own)
        # the other posts of the same events ("moved from the NSC to …")
        events = {s.event_id for s in own if s.event_id}
        others = view.statements(person_keys={s.person_key for s in own if s.person_key})
        found.update((s.id, s) for s in others if s.event_id in events)
    groups: dict[str, list[Statement]] = defaultdict(list)
    for s in found.values():
        groups[s.event_id or s.id].append(s)
    entries = _merge(
        sorted(
            (_entry(legs) for legs in groups.values()),
            key=lambda e: (e.date is None, e.date or "", e.source.doc_id, e.source.start, e.type),
        )
    )
    known = view.identities_of(people)
    who = {known.get(k, k) for k in people}
    names = sorted({s.person for s in found.values() if s.person_key in who and s.person})
    return Timeline(name, names, [view.org_name(org)] if org else [], entries)
