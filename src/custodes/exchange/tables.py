"""The record as tidy tables: what analyses see (resolved persons, tenures), one table per
kind, flat cells. The CSV package (``csvpackage``) and the graphs (``graph``) are made from it.

Tables and their keys: ``people`` (person_key), ``organisations`` (org_key), ``posts``
(post_key), ``tenures`` (tenure_id), ``events`` (statement_id), ``statements`` (id: every
personnel statement with its evidence), ``relations`` (id: institutional statements and ties).
Dates are ISO strings ("2022", "2022-01", "2022-01-05") with a precision column beside them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from custodes.analyses.base import org_scope
from custodes.analyses.entities import _preferred
from custodes.extract.dates import PartialDate
from custodes.store import Statement, View
from custodes.store.keys import stable_id
from custodes.tenures import Tenure, derive_tenures


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless types: string, integer, number, boolean
    description: str = ""


@dataclass
class Table:
    name: str
    key: str
    fields: list[Field]
    rows: list[dict[str, Any]]
    description: str = ""


def _f(spec: str) -> list[Field]:
    """ "name:type name2" → fields (string unless typed)."""
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        out.append(Field(name, {"i": "integer", "n": "number", "b": "boolean"}.get(kind, "string")))
    return out


def _date(d: PartialDate | None) -> tuple[str | None, str | None]:
    return (d.iso, d.precision) if d else (None, None)


def tenure_id(t: Tenure) -> str:
    return stable_id("tenure", t.person_key, t.post_key, t.first_seen.isoformat())[:20]


@dataclass
class Record:
    """Statements, tenures and relations in scope, and names for their keys."""

    statements: list[Statement]
    tenures: list[Tenure]
    relations: list[Any]
    people: dict[str, tuple[str, list[str]]]  # key → (preferred name, other spellings)
    orgs: dict[str, str]  # key → name


def record(view: View, on: PartialDate | None = None, org: str | None = None) -> Record:
    """What an export holds: one organisation's scope (``org``), tenures in force on ``on``."""
    stmts = org_scope(view, org).statements if org else view.statements()
    tenures = derive_tenures(stmts)
    relations = view.relations()
    if on is not None:
        tenures = [t for t in tenures if t.covers(on.first_day())]
        relations = [r for r in relations if r.in_force(on)]
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for s in stmts:
        if s.person and s.person_key:
            spellings[s.person_key][s.person] += 1
    people = {}
    for k, c in spellings.items():
        name = _preferred(c)
        people[k] = (name, sorted(x for x in c if x != name))
    keys = {s.org_key for s in stmts if s.org_key}
    return Record(stmts, tenures, relations, people, {k: view.org_name(k) for k in sorted(keys)})


def tables(rec: Record) -> list[Table]:
    """The tidy tables of a record, rows in a stable order."""
    posts: dict[str, dict[str, Any]] = {}
    for s in rec.statements:
        if s.post_key and s.post_key not in posts:
            posts[s.post_key] = {
                "post_key": s.post_key,
                "org_key": s.org_key,
                "title": s.title,
                "role": s.role,
                "unit": s.unit,
                "label": s.post_label,
                "seats": None,
            }
        if s.kind == "seats" and s.post_key and s.count:
            posts[s.post_key]["seats"] = s.count
    people = [
        {"person_key": k, "name": n, "aliases": a} for k, (n, a) in sorted(rec.people.items())
    ]
    orgs = [
        {"org_key": k, "name": n, "country": k.partition(" @")[2] or None}
        for k, n in rec.orgs.items()
    ]
    tenures = []
    for t in rec.tenures:
        start, start_p = _date(t.start)
        end, end_p = _date(t.end)
        tenures.append(
            {
                "tenure_id": tenure_id(t),
                "person_key": t.person_key,
                "person": rec.people.get(t.person_key, (t.person,))[0],
                "post_key": t.post_key,
                "org_key": t.org_key,
                "post": t.label,
                "start": start,
                "start_precision": start_p,
                "start_reason": t.start_reason,
                "end": end,
                "end_precision": end_p,
                "end_reason": t.end_reason,
                "end_inferred": t.end_inferred,
                "first_seen": t.first_seen.isoformat(),
                "last_seen": t.last_seen.isoformat(),
                "acting": t.acting,
                "statement_ids": t.statement_ids,
            }
        )
    statements = []
    for s in rec.statements:
        day, prec = _date(s.date)
        statements.append(
            {
                "id": s.id,
                "doc_id": s.doc_id,
                "doc": s.doc_path,
                "kind": s.kind,
                "event_id": s.event_id,
                "event_type": s.event_type,
                "leg": s.leg,
                "person": s.person,
                "person_key": s.person_key,
                "post_key": s.post_key,
                "org_key": s.org_key,
                "title": s.title,
                "role": s.role,
                "unit": s.unit,
                "date": day,
                "date_precision": prec,
                "date_bound": s.date.bound_kind if s.date else None,
                "count": s.count,
                "acting": s.acting,
                "quote": s.quote,
                "start": s.start,
                "end": s.end,
                "extractor": s.extractor,
                "confidence": s.confidence,
                "status": s.status,
            }
        )
    events = [
        {
            k: r[k]
            for k in (
                "id",
                "event_id",
                "event_type",
                "person_key",
                "post_key",
                "date",
                "date_precision",
                "leg",
                "doc_id",
                "confidence",
            )
        }
        for r in statements
        if r["kind"] == "event"
    ]
    relations = [
        {
            "id": r.id,
            "doc_id": r.doc_id,
            "type": r.type,
            "subject": r.subject,
            "object": r.object,
            "value": r.value,
            "detail": r.detail,
            "date_from": r.date_from,
            "date_until": r.date_until,
            "country": r.country,
            "quote": r.quote,
            "start": r.start,
            "end": r.end,
            "source": r.source,
            "confidence": r.confidence,
        }
        for r in rec.relations
    ]
    return [
        Table(
            "people",
            "person_key",
            _f("person_key name aliases"),
            people,
            "persons as resolved (analysts' decisions applied); aliases: JSON list",
        ),
        Table("organisations", "org_key", _f("org_key name country"), orgs),
        Table(
            "posts",
            "post_key",
            _f("post_key org_key title role unit label seats:i"),
            sorted(posts.values(), key=lambda p: p["post_key"]),
        ),
        Table(
            "tenures",
            "tenure_id",
            _f(
                "tenure_id person_key person post_key org_key post start start_precision "
                "start_reason end end_precision end_reason end_inferred:b first_seen last_seen "
                "acting:b statement_ids"
            ),
            tenures,
            "derived from statements; statement_ids: JSON list",
        ),
        Table(
            "events",
            "id",
            _f(
                "id event_id event_type person_key post_key date date_precision leg doc_id "
                "confidence:n"
            ),
            events,
        ),
        Table(
            "statements",
            "id",
            _f(
                "id doc_id doc kind event_id event_type leg person person_key post_key org_key "
                "title role unit date date_precision date_bound count:i acting:b quote start:i "
                "end:i extractor confidence:n status"
            ),
            statements,
            "every personnel statement with its evidence: quote = document text[start:end]",
        ),
        Table(
            "relations",
            "id",
            _f(
                "id doc_id type subject object value detail date_from date_until country quote "
                "start:i end:i source confidence:n"
            ),
            relations,
        ),
    ]
