"""What every analysis shares: citing a source, and the statements and tenures of one
organisation's people.

An organisation's tenures need more than the organisation's own statements: whether its deputy
left is decided by that person's appointment elsewhere (tenure rule c) or death, so the scope is
the organisation's statements plus every statement about the people in them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from custodes.extract.dates import PartialDate
from custodes.store.statements import Statement
from custodes.store.view import View
from custodes.tenures import Tenure, derive_tenures

# Presentation order of seats: the head first.
ROLE_ORDER = {"head": 0, "first_deputy": 1, "deputy": 2, "member": 3, "other": 4}


class UnknownName(LookupError):
    """An organisation or person name the knowledge base does not know."""


@dataclass(frozen=True)
class Source:
    """Where a statement comes from: the document, the span and the verbatim quote."""

    statement_id: str
    kind: str
    event_type: str | None
    date: str | None
    doc_id: str
    doc: str | None
    title: str | None
    quote: str
    start: int
    end: int
    confidence: float | None = None  # the extractor's calibrated confidence

    @property
    def what(self) -> str:
        """ "dismissed 2022-01-06", "holds 2022-01-05"."""
        return f"{self.event_type or self.kind} {self.date or '(undated)'}"


def source_of(s: Statement) -> Source:
    return Source(
        statement_id=s.id,
        kind=s.kind,
        event_type=s.event_type,
        date=s.date.label if s.date else None,
        doc_id=s.doc_id,
        doc=s.doc_path,
        title=s.doc_title,
        quote=s.quote,
        start=s.start,
        end=s.end,
        confidence=s.confidence,
    )


def stored_source(s: Statement) -> list[Any]:
    """A statement's ``Source`` as a stored tenure keeps it (``derived.tenure_json``): its
    fields in order, a list (the keys, repeated in three million sources, would double it)."""
    return list(vars(source_of(s)).values())


def sources(
    ids: list[str], by_id: dict[str, Statement], cited: Mapping[str, Source] | None = None
) -> list[Source]:
    """The sources of statement ids, once each, in date order: from the statements read, or
    from ``cited``, the sources a stored tenure keeps (``Scope.cited``)."""
    cited = cited or {}
    out = [
        source_of(by_id[i]) if i in by_id else cited[i]
        for i in dict.fromkeys(ids)
        if i in by_id or i in cited
    ]
    return sorted(out, key=lambda x: (x.date or "9999", x.doc_id, x.start))


@dataclass
class Scope:
    """One organisation: its key and name, the statements in scope and their tenures."""

    org_key: str
    org: str
    statements: list[Statement]
    tenures: list[Tenure]
    # statement id → its source, as stored tenures keep them: statements not read
    cited: dict[str, Source] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, Statement]:
        return {s.id: s for s in self.statements}

    def own(self) -> list[Tenure]:
        """Tenures of the organisation's own posts."""
        return [t for t in self.tenures if t.org_key == self.org_key]

    def own_statements(self, kind: str) -> list[Statement]:
        return [s for s in self.statements if s.org_key == self.org_key and s.kind == kind]


def org_scope(view: View, org: str) -> Scope:
    """Resolve ``org`` (name or abbreviation) and load its scope; UnknownName if unknown."""
    return scope_of(view, org_key_of(view, org))


def org_key_of(view: View, org: str) -> str:
    key = view.resolve_org(org)
    if key is None:
        raise UnknownName(f"unknown organisation: {org!r}")
    return key


def scope_of(view: View, key: str) -> Scope:
    """The scope of a resolved organisation key, derived from statements (what
    ``store/derived.py`` stores as the organisation's tenures)."""
    own = view.statements(org_keys=[key])
    people = {s.person_key for s in own if s.person_key}
    stmts = {s.id: s for s in own}
    if people:
        stmts.update((s.id, s) for s in view.statements(person_keys=people))
    every = list(stmts.values())
    return Scope(key, view.org_name(key), every, derive_tenures(every))


def day_of(d: PartialDate, late: bool = False) -> date:
    """The day a partial date stands for in a query: its first day, or its last (``late``)."""
    return d.last_day() if late else d.first_day()


def role_rank(role: str | None, unit: str | None) -> tuple[int, int]:
    return (ROLE_ORDER.get(role or "", 9), 1 if unit else 0)
