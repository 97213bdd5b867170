"""``timeline(view, name)``: every event and roster claim about a person or an organisation, in
date order, each with its quote and document.

A name matches a person by full name ("Berik Kunanbayev") or surname ("Kunanbayev": everyone
with it), and an organisation by name or alias ("NSC", "KNB"). The posts of one dual-hatted
event are one entry ("Deputy Chairman – Director of Special Service “A”"). Undated entries come
last: the text gave no date, and none is guessed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

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
        date=first.date.iso if first.date else None,
        kind=first.kind,
        type=first.event_type or first.kind,
        person=first.person,
        post=" – ".join(s.label for s in to) or None,
        moved_from=" – ".join(s.label for s in away) or first.from_position,
        count=first.count,
        acting=any(s.acting for s in legs),
        source=source_of(first),
        statement_ids=[s.id for s in legs],
    )


def timeline(view: View, name: str) -> Timeline:
    """Everything the knowledge base says about ``name``; UnknownName if nothing matches."""
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
    entries = sorted(
        (_entry(legs) for legs in groups.values()),
        key=lambda e: (e.date is None, e.date or "", e.source.doc_id, e.source.start, e.type),
    )
    names = sorted({s.person for s in found.values() if s.person_key in people and s.person})
    return Timeline(name, names, [view.org_name(org)] if org else [], entries)
