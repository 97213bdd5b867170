"""People and organisations in the knowledge base, with every spelling they go by.

People are the view's resolved persons (``View.person_identity``: ``resolve.cluster`` plus
analysts' decisions), so Massimov, Masimov, Масимов are one entry; the preferred name is the
fullest Latin spelling, else the most frequent one. Organisations are grouped by their key.
Counts say how much rests on each: documents, events and roster claims.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from custodes.store import View
from custodes.store.statements import Statement


@dataclass
class Entity:
    """A person or an organisation: its preferred name, its other spellings, its evidence."""

    name: str
    aliases: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    documents: int = 0
    events: int = 0
    claims: int = 0


def _preferred(spellings: Counter[str]) -> str:
    latin = [s for s in spellings if re.search(r"[A-Za-z]", s) and not re.search(r"[Ѐ-ӿ]", s)]
    pool = latin or list(spellings)
    return max(pool, key=lambda s: (len(s.split()), spellings[s], len(s)))


def _entities(
    stmts: list[Statement],
    key_of: Callable[[Statement], str],
    spelling_of: Callable[[Statement], str],
    name_of: Callable[[str, Counter[str]], str],
) -> list[Entity]:
    """Group statements by key: spellings, documents, events and claims per entity."""
    count: dict[str, Counter[str]] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    events: dict[str, set[str]] = defaultdict(set)
    claims: dict[str, set[str]] = defaultdict(set)
    for s in stmts:
        k = key_of(s)
        count[k][spelling_of(s)] += 1
        docs[k].add(s.doc_id)
        if s.kind == "event":
            events[k].add(s.event_id or s.id)
        else:
            claims[k].add(s.id)
    out = []
    for k, spellings in count.items():
        name = name_of(k, spellings)
        others = sorted(x for x in spellings if x != name)
        out.append(Entity(name, others, [k], len(docs[k]), len(events[k]), len(claims[k])))
    return sorted(out, key=lambda e: (-e.events - e.claims, e.name))


def people(view: View, person_keys: list[str] | None = None) -> list[Entity]:
    """Every person, one entry per person across spellings (the view's resolved persons, which
    honour analysts' merge and not-same decisions), most evidence first. ``person_keys``: only
    the persons of these stored keys (pass every spelling of each: ``View.match_people``)."""
    stmts = view.statements(person_keys=person_keys)
    return _entities(
        [s for s in stmts if s.person and s.person_key],
        lambda s: s.person_key or "",
        lambda s: s.person or "",
        lambda _k, spellings: _preferred(spellings),
    )


def busiest(view: View, limit: int) -> list[Entity]:
    """The ``limit`` persons with the most statements, each with its preferred name and other
    spellings (no counts of documents or events): where to start in a large knowledge base,
    counted by the database (``View.busiest_people``) when the derived tables are built."""
    if not view.derived:
        return people(view)[:limit]
    out = []
    for key, spellings in view.busiest_people(limit):
        name = _preferred(spellings) if spellings else key
        out.append(Entity(name, sorted(x for x in spellings if x != name), [key]))
    return out


def orgs(view: View) -> list[Entity]:
    """Every organisation, with the spellings and abbreviations its statements use."""
    return _entities(
        [s for s in view.statements() if s.org_key],
        lambda s: s.org_key or "",
        lambda s: s.org or s.org_key or "",
        lambda k, spellings: view.org_name(k) or _preferred(spellings),
    )
