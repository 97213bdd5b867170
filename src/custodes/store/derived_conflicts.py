"""Conflicts kept at write time, one organisation at a time (issue 11).

``analyses.conflicts.conflicts(view)`` looks for contradictions over the whole knowledge base:
every tenure derived, every statement grouped. At 100,000 statements that is seconds, and the
workbench's review queue (conflicts first) and conflicts page paid it on every first visit.

Every contradiction between statements lies inside one organisation: two holders of one post,
and a holding after a dismissal, are about one post; one event with two dates is about one
post, or about none (a death on two dates). So the conflicts are kept per resolved
organisation, next to its tenures: ``derived._write_tenures`` derives each organisation's
conflicts from the statements and tenures it holds in memory (``org_conflicts``) and calls
``write(conn, org_keys, found)`` with them, in the same transaction (reading them again from
the database was a quarter of a bulk load's time). Two small
buckets are derived again at every write: ``""`` (events without a post) and ``"@relations"``
(institutional statements that disagree, ``analyses.conflicts._institutional``).

The rows are ``schema.stored_conflicts`` (each conflict as the JSON of its dataclass, with the
sort key ``conflicts()`` uses) and ``schema.conflict_statements`` (the statements each rests
on). ``tests/test_derived_conflicts.py`` checks that they are ``conflicts(view)``, in order,
after ingests, reviews and decisions. ``conflicts_state`` says they are complete (derived in
full since the derived tables were built); when not (a knowledge base derived before them, or
just rebuilt), the next ``write`` derives every organisation's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, delete, select

from custodes.store.bulk import insert_rows
from custodes.store.schema import (
    conflict_statements,
    conflicts_state,
    derived_state,
    org_identities,
    statements,
    stored_conflicts,
)

UNPOSTED, RELATIONS = "", "@relations"


def _built_at(conn: Connection) -> Any:
    q = select(derived_state.c.at).where(derived_state.c.name == "built")
    return conn.execute(q).scalar()


def is_built(conn: Connection) -> bool:
    """Are the stored conflicts complete: derived in full since the derived tables were?"""
    at = _built_at(conn)
    return at is not None and conn.execute(select(conflicts_state.c.built_at)).scalar() == at


def write(
    conn: Connection,
    org_keys: Iterable[str],
    found: Mapping[str, list[Any]] | None = None,
) -> None:
    """Derive again the conflicts of these resolved organisations (and the two small buckets).
    When the stored conflicts are not complete yet, every organisation's are derived.
    ``found`` holds the conflicts of organisations the caller has derived already
    (``org_conflicts``); the others are read from the database (``bucket_conflicts``)."""
    from custodes.store.view import View

    view = View(conn)
    keys = set(org_keys)
    if not is_built(conn):
        for table in (conflict_statements, stored_conflicts, conflicts_state):
            conn.execute(delete(table))
        keys |= {r[0] for r in conn.execute(select(org_identities.c.resolved).distinct())}
        conn.execute(conflicts_state.insert(), {"built_at": _built_at(conn)})
    buckets = sorted(keys) + [UNPOSTED, RELATIONS]
    for chunk in (buckets[i : i + 500] for i in range(0, len(buckets), 500)):
        conn.execute(delete(conflict_statements).where(conflict_statements.c.org_key.in_(chunk)))
        conn.execute(delete(stored_conflicts).where(stored_conflicts.c.org_key.in_(chunk)))
    rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for key in buckets:
        known = found.get(key) if found is not None else None
        for n, c in enumerate(bucket_conflicts(view, key) if known is None else known):
            cid = f"{key}#{n}"
            rows.append(
                {
                    "id": cid,
                    "org_key": key,
                    "day": c.date or "9999",
                    "kind": c.kind,
                    "summary": c.summary,
                    "conflict": conflict_json(c),
                }
            )
            ids = {src.statement_id for side in c.sides for src in side.sources}
            links += [{"conflict_id": cid, "statement_id": i, "org_key": key} for i in ids]
        if len(rows) > 5_000:
            insert_rows(conn, stored_conflicts, rows)
            insert_rows(conn, conflict_statements, links)
            rows, links = [], []
    insert_rows(conn, stored_conflicts, rows)
    insert_rows(conn, conflict_statements, links)


def bucket_conflicts(view: Any, key: str) -> list[Any]:
    """The conflicts of one bucket: a resolved organisation's (from its stored tenures and its
    statements), the events without a post, or the institutional ones."""
    from custodes.analyses.conflicts import _different_dates, _institutional

    if key == RELATIONS:
        return _institutional(view)
    if key == UNPOSTED:
        s = statements.c
        q = select(s.id).where(s.post_key.is_(None), s.kind == "event")
        ids = [r[0] for r in view._rows(q)]
        return _different_dates(view.statements(ids=ids)) if ids else []
    own = view.statements(org_keys=[key])
    tenures = view.stored_tenures(org_key=key)
    by_id = {s.id: s for s in own}
    missing = {i for t in tenures for i in t.statement_ids} - by_id.keys()
    if missing:
        by_id.update((s.id, s) for s in view.statements(ids=missing))
    return org_conflicts(key, tenures, own, by_id)


def org_conflicts(
    key: str, tenures: list[Any], own: list[Any], by_id: Mapping[str, Any]
) -> list[Any]:
    """The conflicts of one resolved organisation: from its tenures (in the order they are
    stored), its statements (``View.statements(org_keys=[key])``, document order) and
    ``by_id``, which holds at least every statement its tenures rest on."""
    from custodes.analyses.conflicts import _different_dates, _held_after_end, _two_holders

    posted = [s for s in own if s.org_key == key and s.post_key]
    return _two_holders(tenures, by_id) + _different_dates(posted) + _held_after_end(posted)


def conflict_json(c: Any) -> dict[str, Any]:
    """A conflict as the JSON its row keeps: ``dataclasses.asdict``'s dictionary, built by
    hand (its deep copy of every value was a twentieth of a rebuild; the values here are
    plain, but for the sides and their sources)."""
    sides = [
        {"person": s.person, "claim": s.claim, "sources": [dict(vars(x)) for x in s.sources]}
        for s in c.sides
    ]
    return {**vars(c), "sides": sides}


def from_json(d: dict[str, Any]) -> Any:
    """A stored conflict as ``analyses.conflicts.Conflict`` again."""
    from custodes.analyses.base import Source
    from custodes.analyses.conflicts import Conflict, Side

    sides = [Side(s["person"], s["claim"], [Source(**x) for x in s["sources"]]) for s in d["sides"]]
    return Conflict(**{**d, "sides": sides})
