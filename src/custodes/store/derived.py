"""Derived tables kept at write time: identities, organisations, tenures (issue 10).

Statements and decisions are the record; everything else is derived from them. Deriving it
again on every query (cluster every name, assemble every tenure) is fine for a report and
hopeless for a million tenures, so the results are kept in tables of their own
(``schema.person_names``, ``name_blocks``, ``person_identities``, ``judgements``,
``org_identities``, ``tenures``) and analyses read them through indexes.

Two entry points, both inside the caller's transaction:

* ``refresh(conn, person_keys=…, org_keys=…)`` re-derives only what those stored keys touch:
  the identities of the names in the same blocks (and the people they belong to), the
  organisations of those people and of the given keys, and those organisations' tenures.
  Every ``KnowledgeBase`` write calls it with the keys of the statements it wrote or deleted and
  of the names a decision is about.
* ``rebuild(conn)`` derives everything from scratch (``custodes rebuild``).

Both derive with the code analyses used before (``resolve.identities``, ``analyses.base``'s
scope and ``tenures.derive_tenures``) over the statements a ``View`` gives, so the stored
tenures are what a roster computed per query, and ``tests/test_derived.py`` checks that
incremental and full derivation give identical tables.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, literal_column, or_, select

from custodes.extract.dates import PartialDate
from custodes.store import derived_conflicts
from custodes.store.bulk import bulk_mode, create_indexes, insert_rows
from custodes.store.db import pg_lock
from custodes.store.schema import (
    decisions,
    derived_state,
    documents,
    judgements,
    name_blocks,
    org_identities,
    person_identities,
    person_names,
    statements,
    tenures,
)
from custodes.tenures import Tenure

RESOLVER = "custodes.resolve"
# emptied and written again by ``rebuild``, children first
DERIVED = (tenures, judgements, person_identities, name_blocks, person_names, org_identities)


def is_built(conn: Connection) -> bool:
    q = select(derived_state.c.name).where(derived_state.c.name == "built")
    return conn.execute(q).first() is not None


def _lock(conn: Connection) -> None:
    """Writers derive one at a time (PostgreSQL: a transaction-scoped advisory lock; SQLite's
    writers already are, ``BEGIN IMMEDIATE``): two ingests touching one person would otherwise
    both replace its rows, and under READ COMMITTED each would miss the other's statements."""
    if conn.dialect.name == "postgresql":
        pg_lock(conn, "derived")


def rebuild(conn: Connection) -> dict[str, int]:
    """Derive every derived table again from statements and decisions; counts of rows. The
    derived tables are written without their secondary indexes, which are made once at the
    end (a sort, not a B-tree insert per row); the statements' indexes are checked too, in
    case a bulk load that dropped them was killed before it could make them again. One
    transaction, one process: ``KnowledgeBase.derive_now`` splits a large rebuild in two
    transactions so that worker processes can derive the tenures (``rebuild_tenures``)."""
    counts = rebuild_identities(conn)
    counts.update(rebuild_tenures(conn))
    return counts


def rebuild_identities(conn: Connection) -> dict[str, int]:
    """The first half of ``rebuild``: every derived table emptied, the names, identities and
    organisations derived again; tenures and the mark that says the tables are built come
    with ``rebuild_tenures``. Committed on its own, the knowledge base reads as not derived
    (analyses derive per query) until the second half commits."""
    _lock(conn)
    create_indexes(conn, [statements, documents])
    with bulk_mode(conn, DERIVED):
        for t in DERIVED:
            conn.execute(delete(t))
        conn.execute(delete(derived_state))
        s = statements.c
        rows = conn.execute(
            select(s.person, s.person_key)
            .distinct()
            .where(s.person.is_not(None), s.person_key != "")
        )
        edits = _edits(conn)
        names = sorted({(r[0], r[1]) for r in rows if r[1]} | _edited_spellings(edits))
        _write_names(conn, names)
        _write_identities(conn, names, {k for _, k in names})
        q = select(s.org_key, func.count()).where(s.org_key.is_not(None)).group_by(s.org_key)
        counts: dict[str, int] = dict(conn.execute(q).tuples().all())
        for k in _edited_orgs(edits):
            counts.setdefault(k, 0)
        _write_orgs(conn, counts)
    return {"names": len(names), "organisations": len(counts)}


def rebuild_tenures(
    conn: Connection, engine: Engine | None = None, workers: int = 1
) -> dict[str, int]:
    """The second half of ``rebuild``: every organisation's tenures and conflicts, and the
    mark that the derived tables are built. With ``workers`` > 1 and ``engine`` (the
    knowledge base's, whose identities ``rebuild_identities`` has committed), the
    organisations' batches are derived in that many processes, each reading through its own
    connection (they share nothing but the database), and written here
    in the order one process would write them, so the tables are the same row for row."""
    _lock(conn)
    _mark_built(conn)
    resolved = {r[0] for r in conn.execute(select(org_identities.c.resolved).distinct())}
    with bulk_mode(conn, [tenures]):
        _write_tenures(conn, resolved, engine=engine, workers=workers)
    return {"tenures": _count(conn, tenures)}


def workers_for(engine: Engine) -> int:
    """How many processes ``KnowledgeBase.derive_now`` derives tenures in: the cores this
    process may use (at most 8), or ``CUSTODES_WORKERS``; one for an in-memory SQLite
    database, which no other process can open."""
    if engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:"):
        return 1
    env = os.environ.get("CUSTODES_WORKERS", "").strip()
    if env.isdigit():
        return max(1, int(env))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def refresh(
    conn: Connection,
    person_keys: Iterable[str | None] = (),
    org_keys: Iterable[str | None] = (),
) -> None:
    """Re-derive what statements or decisions about these stored person and organisation keys
    touch. Call it in the transaction that wrote them, after writing. A no-op on a knowledge
    base whose derived tables are not built (its View derives per query)."""
    if not is_built(conn):
        return
    _lock(conn)
    people = {k for k in person_keys if k}
    orgs = {k for k in org_keys if k}
    if people:
        affected = _refresh_identities(conn, people)
        if affected:
            s = statements.c
            q = select(s.org_key).distinct().where(s.person_key.in_(sorted(affected)))
            orgs |= {r[0] for r in conn.execute(q) if r[0]}
            # statements an analyst's edit gave to one of these people
            edits = _edits(conn)
            moved = [sid for sid, f in edits.items() if f.get("person_key") in affected]
            for r in _rows_in(conn, select(s.id, s.org_key), s.id, moved):
                orgs.add(edits[r[0]].get("org_key") or r[1])
    resolved = _refresh_orgs(conn, orgs)
    conn.execute(delete(tenures).where(tenures.c.org_key.in_(sorted(resolved))))
    _write_tenures(conn, resolved)


# analysts' edits ---------------------------------------------------------------------------


def _edits(conn: Connection) -> dict[str, dict[str, Any]]:
    """Statement id → the fields of its standing edit (``View.reviews``): an edited name or
    organisation is a spelling and an organisation of the record like any stored one."""
    from custodes.store.view import View

    return {sid: f for sid, (a, f) in View(conn).reviews().items() if a == "edit" and f}


def _edited_spellings(edits: dict[str, dict[str, Any]]) -> set[tuple[str, str]]:
    return {(f["person"], f["person_key"]) for f in edits.values() if f.get("person_key")}


def _edited_orgs(edits: dict[str, dict[str, Any]]) -> set[str]:
    return {f["org_key"] for f in edits.values() if f.get("org_key")}


# identities ------------------------------------------------------------------------------


def _write_names(conn: Connection, names: list[tuple[str, str]]) -> None:
    from custodes.resolve import blocks

    insert_rows(conn, person_names, ({"person_key": k, "name": n} for n, k in names))
    keyed = sorted({(b, k) for n, k in names for b in blocks(n)})
    insert_rows(conn, name_blocks, ({"block": b, "person_key": k} for b, k in keyed))


def _decisions(conn: Connection) -> list[Any]:
    d = decisions.c
    q = select(d.kind, d.a, d.b, d.who, d.at).where(d.undone_at.is_(None)).order_by(d.id)
    return list(conn.execute(q))


def _write_identities(
    conn: Connection, names: list[tuple[str, str]], keys: set[str]
) -> dict[str, str]:
    """Identities of ``names`` (all the names of ``keys``), replacing those of ``keys``; the
    clusters as judgements. Returns them (key → identity)."""
    from custodes.resolve import identities, in_force

    standing = _decisions(conn)
    found = identities(names, *in_force((r.kind, r.a, r.b) for r in standing))
    ordered = sorted(keys)
    for chunk in _chunks(ordered):
        conn.execute(delete(person_identities).where(person_identities.c.person_key.in_(chunk)))
        j = judgements.c
        conn.execute(delete(judgements).where(j.who == RESOLVER, j.a.in_(chunk)))
    insert_rows(
        conn,
        person_identities,
        ({"person_key": k, "identity": found[k]} for k in ordered if k in found),
    )
    now = datetime.now(UTC)
    insert_rows(
        conn,
        judgements,
        (
            {"a": k, "b": found[k], "judgement": "positive", "who": RESOLVER, "at": now}
            for k in ordered
            if k in found and found[k] != k
        ),
    )
    # the analysts' decisions, as judgements between the two spellings
    conn.execute(delete(judgements).where(judgements.c.who != RESOLVER))
    mine: dict[tuple[str, str], dict[str, Any]] = {}
    for r in standing:
        if r.kind.startswith("org_"):
            continue
        verdict = "positive" if r.kind == "merge" else "negative"
        mine[(r.a, r.b)] = {"a": r.a, "b": r.b, "judgement": verdict, "who": r.who, "at": r.at}
    insert_rows(conn, judgements, mine.values())
    return found


def _refresh_identities(conn: Connection, touched: set[str]) -> set[str]:
    """Re-resolve the names a change touches: the touched keys' current spellings, every name
    sharing a block with them, the people those belong to and the names decisions tie them to.
    Returns the stored keys whose statements now read differently: the touched ones and those
    whose identity changed or went."""
    from custodes.resolve import blocks, is_partial

    s, pn, nb, pi = statements.c, person_names.c, name_blocks.c, person_identities.c
    ordered = sorted(touched)
    spellings = select(s.person, s.person_key).distinct().where(s.person.is_not(None))
    current = {(r[0], r[1]) for r in _rows_in(conn, spellings, s.person_key, ordered)}
    current |= {(n, k) for n, k in _edited_spellings(_edits(conn)) if k in touched}
    names_of = select(pn.name, pn.person_key)
    old = {(r[0], r[1]) for r in _rows_in(conn, names_of, pn.person_key, ordered)}
    for chunk in _chunks(ordered):
        conn.execute(delete(person_names).where(pn.person_key.in_(chunk)))
        conn.execute(delete(name_blocks).where(nb.person_key.in_(chunk)))
    _write_names(conn, sorted(current))

    def neighbours(names: Iterable[str]) -> set[str]:
        wanted: set[str] = set()
        for n in names:
            for b in blocks(n):
                kind, _, rest = b.partition(":")
                if kind == "p":
                    wanted.add(b)
                elif kind == "w":
                    wanted.add(f"q:{rest}")  # partial names a new full name may change
                else:
                    wanted |= {f"w:{rest}", f"q:{rest}"}
        return {r[0] for r in _rows_in(conn, select(nb.person_key), nb.block, wanted)}

    scope = set(touched) | neighbours(n for n, _ in current | old)
    standing = _decisions(conn)
    for _ in range(3):  # close over people and decisions
        before = len(scope)
        heads = {r[0] for r in _rows_in(conn, select(pi.identity), pi.person_key, scope)}
        scope |= {r[0] for r in _rows_in(conn, select(pi.person_key), pi.identity, heads)}
        scope |= {x for r in standing if r.a in scope or r.b in scope for x in (r.a, r.b)}
        if len(scope) == before:
            break
    names = {(r[0], r[1]) for r in _rows_in(conn, names_of, pn.person_key, scope)}
    # a partial name's fits may lie outside: bring in the full names sharing its words
    partial = [n for n, _ in names if is_partial(n)]
    if partial:
        extra = neighbours(partial) - scope
        scope |= extra
        names |= {(r[0], r[1]) for r in _rows_in(conn, names_of, pn.person_key, extra)}
    before = {
        r[0]: r[1] for r in _rows_in(conn, select(pi.person_key, pi.identity), pi.person_key, scope)
    }
    found = _write_identities(conn, sorted(names), scope)
    # only these keys' statements read differently now: the touched keys (their statements
    # changed) and those whose identity changed (or that lost their names). Re-deriving the
    # organisations of every name in the blocks looked at would grow with the knowledge base:
    # a block of a common name holds more people the more people there are.
    return set(touched) | {k for k in scope if before.get(k) != found.get(k)}


# organisations ---------------------------------------------------------------------------


def org_resolution(
    size: dict[str, int],
    merges: Iterable[tuple[str, str]] = (),
    apart: Iterable[tuple[str, str]] = (),
    splits: Iterable[str] = (),
) -> dict[str, str]:
    """Every organisation key (with its number of statements) → the organisation it is
    (``View.org_identity``): a key without a country joins the one country's key holding that
    name; then the analysts' decisions: a split keeps a key apart, a not-same undoes a join, a
    merge makes two organisations one, named by the one with more statements."""
    countries: dict[str, set[str]] = {}
    for k in size:
        base, _, country = k.partition(" @")
        if country:
            countries.setdefault(base, set()).add(k)
    lone = set(splits)
    out = {
        k: next(iter(countries[k])) if len(countries.get(k, ())) == 1 and k not in lone else k
        for k in size
    }
    for a, b in apart:
        for x, y in ((a, b), (b, a)):
            if out.get(x) == y:
                out[x] = x
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for a, b in merges:
        ra, rb = find(out.get(a, a)), find(out.get(b, b))
        if ra != rb:
            head, other = sorted((ra, rb), key=lambda k: (-size.get(k, 0), k))
            parent[other] = head
    if parent:
        out = {k: find(v) for k, v in out.items()}
    return out


def _org_decisions(
    conn: Connection,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    from custodes.resolve import in_force

    return in_force(((r.kind, r.a, r.b) for r in _decisions(conn)), "org_")


def _write_orgs(conn: Connection, counts: dict[str, int]) -> None:
    resolved = org_resolution(counts, *_org_decisions(conn))
    names = _org_names(conn, sorted(counts))
    rows = [
        {"org_key": k, "resolved": resolved[k], "n": n, "name": names.get(k)}
        for k, n in sorted(counts.items())
    ]
    insert_rows(conn, org_identities, rows)


def _org_names(conn: Connection, keys: list[str]) -> dict[str, str]:
    """Each organisation key's most frequent spelling, as ``View.org_name`` counts them (a tie
    goes to the spelling met first in the database's order: the lowest rowid on SQLite), in
    one grouped query per chunk of keys instead of reading every statement's name."""
    s = statements.c
    first = literal_column("rowid") if conn.dialect.name == "sqlite" else s.id
    out: dict[str, tuple[int, Any, str]] = {}
    for chunk in _chunks(keys):
        q = (
            select(s.org_key, s.org, func.count(), func.min(first))
            .where(s.org_key.in_(chunk), s.org.is_not(None), s.org != "")
            .group_by(s.org_key, s.org)
        )
        for key, name, n, at in conn.execute(q):
            best = out.get(key)
            if best is None or (-n, at) < (-best[0], best[1]):
                out[key] = (n, at, name)
    return {k: v[2] for k, v in out.items()}


def _refresh_orgs(conn: Connection, keys: set[str]) -> set[str]:
    """Recount the organisations of ``keys`` and every key sharing their name (any country),
    resolve every organisation again (the small table of organisations, not the statements:
    a merge's head depends on the counts) and write the rows that changed; returns the
    resolved keys whose tenures must be derived again (before and after)."""
    s, o = statements.c, org_identities.c
    bases = {k.partition(" @")[0] for k in keys}
    fresh: dict[str, int] = {}
    for base in sorted(bases):
        q = select(s.org_key, func.count()).where(_same_name(s.org_key, base)).group_by(s.org_key)
        fresh.update(conn.execute(q).tuples().all())
    for k in _edited_orgs(_edits(conn)):
        if k.partition(" @")[0] in bases:
            fresh.setdefault(k, 0)
    old = {
        r[0]: (r[1], r[2], r[3]) for r in conn.execute(select(o.org_key, o.resolved, o.n, o.name))
    }
    size = {k: v[1] for k, v in old.items() if k.partition(" @")[0] not in bases}
    size.update(fresh)
    resolved = org_resolution(size, *_org_decisions(conn))
    names = _org_names(conn, sorted(fresh))
    new = {k: (resolved[k], n, names.get(k) if k in fresh else old[k][2]) for k, n in size.items()}
    changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    for chunk in _chunks(changed):
        conn.execute(delete(org_identities).where(o.org_key.in_(chunk)))
    rows = [
        {"org_key": k, "resolved": new[k][0], "n": new[k][1], "name": new[k][2]}
        for k in changed
        if k in new
    ]
    insert_rows(conn, org_identities, rows)
    touched = set(changed) | set(fresh) | {k for k in old if k.partition(" @")[0] in bases}
    return {x[0] for k in touched for x in (old.get(k), new.get(k)) if x}


# tenures ---------------------------------------------------------------------------------


# organisations whose tenures are derived from one read of their statements: few reads for a
# rebuild, and memory bounded by a batch, not by the knowledge base
TENURE_BATCH = 32


# a rebuild of fewer organisations than this derives them in one process: workers cost an
# import of the package each (half a second) and pay off only over many batches
PARALLEL_MIN_ORGS = 8 * TENURE_BATCH


def _write_tenures(
    conn: Connection,
    org_keys: Iterable[str],
    engine: Engine | None = None,
    workers: int = 1,
    min_orgs: int | None = None,
) -> None:
    """Derive and write the tenures of these resolved organisations, and their conflicts
    from the same statements and tenures, in memory (``derived_conflicts.org_conflicts``).
    With ``workers`` > 1 and an ``engine`` whose committed state holds the identities, the
    batches are derived in worker processes (``_derive_in_workers``)."""
    from custodes.store.view import View

    view = View(conn)
    keys = sorted(set(org_keys))
    batches = _batches(conn, view, keys)
    floor = PARALLEL_MIN_ORGS if min_orgs is None else min_orgs
    if workers > 1 and engine is not None and len(keys) >= floor and len(batches) > 1:
        with tempfile.TemporaryDirectory(prefix="custodes-derive-") as folder:
            found = _derive_in_workers(engine, batches, workers, folder)
            if found is not None:
                _insert_tenures(conn, keys, found)
                return
    _insert_tenures(conn, keys, (_derive_batch(view, batch) for batch in batches))


def _insert_tenures(
    conn: Connection,
    keys: list[str],
    derived: Iterable[list[tuple[str, list[dict[str, Any]], list[Any]]]],
) -> None:
    rows: list[dict[str, Any]] = []
    conflicts: dict[str, list[Any]] = {}
    for found in derived:
        for key, tenure_rows, org_conflicts in found:
            rows.extend(tenure_rows)
            conflicts[key] = org_conflicts
        if len(rows) > 20_000:
            insert_rows(conn, tenures, rows, serialized=TENURE_JSON)
            rows = []
    insert_rows(conn, tenures, rows, serialized=TENURE_JSON)
    # the conflicts next to the tenures they rest on
    derived_conflicts.write(conn, keys, conflicts)


# the column ``_derive_batch`` gives as JSON text: ``json.dumps``, as SQLAlchemy's JSON type
# writes it, so the bytes stored are those of a row it serializes
TENURE_JSON = frozenset({"tenure"})


def _derive_batch(view: Any, batch: list[str]) -> list[tuple[str, list[dict[str, Any]], list[Any]]]:
    """(key, its tenures' rows, its conflicts) of each organisation of one batch."""
    from custodes.analyses.base import stored_source

    out = []
    for key, found, own, scope in batch_tenures(view, batch):
        rows = [
            {
                "org_key": key,
                "person_key": t.person_key,
                "post_key": t.post_key,
                "first_seen": t.first_seen.isoformat(),
                "end_day": t.end_day.isoformat() if t.end_day else None,
                "tenure": json.dumps(tenure_json(t, scope, stored_source)),
            }
            for t in found
        ]
        out.append((key, rows, derived_conflicts.org_conflicts(key, found, own, scope)))
    return out


def _derive_in_workers(
    engine: Engine, batches: list[list[str]], workers: int, folder: str
) -> Iterator[list[tuple[str, list[dict[str, Any]], list[Any]]]] | None:
    """Each batch's ``_derive_batch`` in one of ``workers`` processes, to be read in the
    batches' order; None when the workers could not run (then one process derives the same).
    A worker opens the knowledge base itself and reads what is committed (the caller's
    transaction holds the write lock, so nothing changes meanwhile); it writes each batch's
    result to a file in ``folder``, and this process reads them back in order only after
    every worker has finished: on SQLite a writer that spilled its page cache to the file
    would lock the readers out until it commits, so nothing is written while they read, and
    the results wait on disk, not in memory.

    Workers are spawned, not forked (this process may hold a SQLite connection and a progress
    bar's thread), so, as with any ``multiprocessing``, a script calling this must guard its
    top level with ``if __name__ == "__main__":``; where the main module cannot be imported
    again (``python -`` reading stdin) the pool breaks and one process derives instead.
    ``CUSTODES_WORKERS=1`` turns workers off."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    url = engine.url.render_as_string(hide_password=False)
    schema = (engine.get_execution_options().get("schema_translate_map") or {}).get(None)
    paths = [os.path.join(folder, f"{n:06d}.pickle") for n in range(len(batches))]
    try:
        with ProcessPoolExecutor(
            max_workers=min(workers, len(batches)),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_open,
            initargs=(url, schema),
        ) as pool:
            list(pool.map(_worker_batch, batches, paths))
    except BrokenProcessPool:
        return None
    return _read_back(paths)


def _read_back(paths: list[str]) -> Iterator[list[tuple[str, list[dict[str, Any]], list[Any]]]]:
    for path in paths:
        with open(path, "rb") as f:
            found = pickle.load(f)
        os.unlink(path)
        yield found


_WORKER: dict[str, Any] = {}


def _worker_open(url: str, schema: str | None) -> None:
    from custodes.store.db import engine_for

    _WORKER["engine"] = engine_for(url, schema=schema)


def _worker_batch(batch: list[str], path: str) -> None:
    from custodes.store.view import View

    with _WORKER["engine"].connect() as conn:
        # the identities are committed; the mark that says so comes with the tenures
        found = _derive_batch(View(conn, derived=True), batch)
        conn.rollback()
    with open(path, "wb") as f:
        pickle.dump(found, f, protocol=pickle.HIGHEST_PROTOCOL)


def _batches(conn: Connection, view: Any, keys: list[str]) -> list[list[str]]:
    """The organisations in batches of ``TENURE_BATCH``, those that share people side by side.
    A batch reads its organisations' statements and every other statement of their people
    (``batch_tenures``), so a person whose posts fall in several batches is read, and built
    into a ``Statement``, once per batch: in alphabetical batches a rebuild built 2.4
    statements for each one stored, since careers run through one country's agencies and the
    alphabet scatters those. Here each batch gathers the organisations sharing most people
    (the same stored key or identity) with those it holds. The order changes how often a
    statement is read, never what is derived."""
    if len(keys) <= TENURE_BATCH:
        return [keys] if keys else []
    s, pi = statements.c, person_identities.c
    wanted = set(keys)
    orgs = view.org_identity()
    identity = dict(conn.execute(select(pi.person_key, pi.identity)).tuples().all())
    # person → the first organisation met with them; every later one is linked to it
    first: dict[str, str] = {}
    shared: dict[str, dict[str, int]] = {k: {} for k in keys}
    q = select(s.person_key, s.org_key).distinct().where(s.person_key.is_not(None))
    for person, stored in conn.execute(q.where(s.org_key.is_not(None))):
        org = orgs.get(stored, stored)
        if org not in wanted:
            continue
        who = identity.get(person, person)
        other = first.setdefault(who, org)
        if other != org:
            shared[org][other] = shared[org].get(other, 0) + 1
            shared[other][org] = shared[other].get(org, 0) + 1
    # greedy: a batch starts from the first organisation left and takes, one at a time, the
    # one sharing most people with what it holds (one country's agencies before the rest: a
    # common name links countries too, by few people); with none linked, the next in order
    left = dict.fromkeys(keys)
    batches: list[list[str]] = []
    while left:
        start = next(iter(left))
        del left[start]
        batch, pull = [start], dict(shared[start])
        while len(batch) < TENURE_BATCH and left:
            linked = [(n, k) for k, n in pull.items() if k in left]
            k = min(linked, key=lambda x: (-x[0], x[1]))[1] if linked else next(iter(left))
            del left[k]
            batch.append(k)
            for other, n in shared[k].items():
                pull[other] = pull.get(other, 0) + n
        batches.append(batch)
    return batches


def org_tenures(view: Any, key: str) -> list[Tenure]:
    """The tenures of one organisation's own posts, as ``analyses.base.org_scope`` derives
    them: from its statements and every statement of its people."""
    from custodes.analyses.base import scope_of

    return scope_of(view, key).own()


def batch_tenures(
    view: Any, keys: list[str]
) -> Iterator[tuple[str, list[Tenure], list[Any], dict[str, Any]]]:
    """(key, tenures, own statements, scope) of each resolved organisation key: the tenures
    exactly what ``org_tenures`` gives one key at a time, from two reads for all of them; the
    organisation's own statements in document order (``View.statements(org_keys=[key])``);
    and every statement its tenures were derived from, by id. ``org_tenures`` reads an
    organisation's statements, then every statement whose person key is one of its people's
    (here: every event of theirs, the only statements of another organisation that end or
    name a tenure of this one, ``tenures.derive_tenures``); a full rebuild doing that per
    organisation reads each statement two or three times through a query of its own, which
    is most of the time at a million statements. Here the organisations' statements come in
    one read, their people's in a few, and each organisation's scope is assembled from them
    in the same order ``scope_of`` makes it (its own statements in document order, then the
    others in document order), since the order decides ties (which spelling names a tenure,
    the order of its statement ids)."""
    from custodes.tenures import derive_tenures

    inverse: dict[str, list[str]] = {}
    for stored, resolved in view.org_identity().items():
        inverse.setdefault(resolved, []).append(stored)
    owners: dict[str, list[str]] = {}
    for k in keys:
        for x in dict.fromkeys((k, *inverse.get(k, ()))):
            owners.setdefault(x, []).append(k)
    raw: dict[str, tuple[str | None, str | None]] = {}
    own: dict[str, list[Any]] = {k: [] for k in keys}
    read = view.statements(org_keys=keys, stored_keys=raw)
    for st in read:
        for k in owners.get(raw[st.id][1] or "", ()):
            own[k].append(st)
    people = {k: {st.person_key for st in own[k] if st.person_key} for k in keys}
    everyone = sorted(set().union(*people.values()))
    # the people's events elsewhere (those here are read already), in document order: what
    # ends or names a tenure here (a move, an appointment elsewhere, a death); their claims
    # about other organisations' posts (``holds``, ``vacant``: four in ten statements) end
    # only tenures of those organisations, which are not derived here
    theirs: dict[str, Any] = {st.id: st for st in read}
    for chunk in _chunks(everyone, 5000):
        more = view.statements(
            person_keys=chunk, not_org_keys=owners, kinds=["event"], stored_keys=raw
        )
        theirs.update((st.id, st) for st in more)
    ordered = sorted(theirs.values(), key=lambda st: (st.doc_id, st.start, st.id))
    by_person: dict[str, list[int]] = {}
    for i, st in enumerate(ordered):
        by_person.setdefault(raw[st.id][0] or "", []).append(i)
    for k in keys:
        scope = {st.id: st for st in own[k]}
        for i in sorted(i for p in people[k] for i in by_person.get(p, ())):
            scope.setdefault(ordered[i].id, ordered[i])
        yield k, derive_tenures(scope.values(), org_key=k), own[k], scope


_PARTIAL_DATE_FIELDS = tuple(f.name for f in fields(PartialDate))


def tenure_json(
    t: Tenure,
    cited: Mapping[str, Any] | None = None,
    source: Callable[[Any], list[Any]] | None = None,
) -> dict[str, Any]:
    """A tenure as the JSON its row keeps: its fields in order, dates as ISO strings, partial
    dates as their fields. (From the instance's own dictionary, not a loop of ``getattr``
    and type tests per field: a rebuild writes a tenure per row, a million of them.)

    With ``cited`` (statement id → the statement, as its derivation read them) and
    ``source`` (``analyses.base.stored_source``), the evidence of each statement it rests on
    goes in too, under ``sources``: a roster shows it without reading those statements, a
    random read of a hundred and fifty rows of the largest table (on PostgreSQL a third of a
    roster's time at a million tenures). Left out when one of them is not at hand; the
    reader then fetches them. The tenure is derived again whenever one of its statements is
    reviewed, so what it keeps stays what the statements say."""
    out = dict(vars(t))
    ids = t.statement_ids
    if cited is not None and source is not None and all(i in cited for i in ids):
        out["sources"] = [source(cited[i]) for i in dict.fromkeys(ids)]
    for f in ("start", "end"):
        v = out[f]
        if v is not None:
            out[f] = {n: getattr(v, n) for n in _PARTIAL_DATE_FIELDS}
    out["first_seen"] = out["first_seen"].isoformat()
    out["last_seen"] = out["last_seen"].isoformat()
    out["statement_ids"] = list(out["statement_ids"])
    out["end_ids"] = list(out["end_ids"])
    return out


_TENURE_FIELDS = tuple(f.name for f in fields(Tenure))


def tenure_from_json(d: dict[str, Any]) -> Tenure:
    v = dict(d)
    v.pop("sources", None)  # ``tenure_sources``
    for k in ("start", "end"):
        if v.get(k) is not None:
            v[k] = PartialDate(**v[k])
    for k in ("first_seen", "last_seen"):
        v[k] = date.fromisoformat(v[k])
    return Tenure(**v)


def tenure_sources(d: dict[str, Any]) -> list[list[Any]] | None:
    """The evidence a stored tenure keeps of its statements (``tenure_json``), or None."""
    return d.get("sources")


def _mark_built(conn: Connection) -> None:
    conn.execute(derived_state.insert(), {"name": "built", "at": datetime.now(UTC)})


def _count(conn: Connection, table: Any) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _same_name(column: Any, base: str) -> Any:
    """``base`` or ``base @xx`` (any country), as a range an index answers."""
    return or_(column == base, and_(column >= f"{base} @", column < f"{base} @\uffff"))


def _rows_in(conn: Connection, query: Any, column: Any, values: Iterable[str]) -> list[Any]:
    """``query WHERE column IN values``, a chunk of values at a time."""
    return [r for c in _chunks(sorted(values)) for r in conn.execute(query.where(column.in_(c)))]


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or []
