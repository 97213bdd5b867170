"""The knowledge base: the only writer. Analyses read through ``KnowledgeBase.view()``.

Example::

    kb = KnowledgeBase.open("custodes.db")          # or "sqlite://", "postgresql+psycopg://…"
    result = kb.ingest_document(doc, extraction)    # IngestResult(status="ingested", …)
    kb.ingest_document(doc, extraction).status      # "unchanged": the same text is a no-op
    roster(kb.view(), "NSC", PartialDate(2022, 1, 5))

Each document is written in one transaction: its row, its statements, the abbreviations it
defines and an audit entry in ``changes`` land together or not at all.
"""

from __future__ import annotations

import getpass
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, delete, func, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from custodes.store import derived
from custodes.store.db import engine_for, insert_ignore, pg_lock, sqlite_file
from custodes.store.guard import KnowledgeBaseError, check_path, describe, prepare
from custodes.store.keys import org_key, person_key, unit_key
from custodes.store.review import EVENT_FIELDS, STATUS_OF, ReviewError, edit_fields
from custodes.store.schema import (
    changes,
    decisions,
    derived_state,
    documents,
    metadata,
    org_aliases,
    relations,
    reviews,
    statements,
)
from custodes.store.statements import UnitMap, relation_rows, statement_rows
from custodes.store.view import STORED_ORDER, View

if TYPE_CHECKING:  # extraction imports spaCy; opening a knowledge base to read must not
    from custodes.extract.dates import PartialDate
    from custodes.extract.model import Extraction
    from custodes.ingest.read import Document, Limits


@dataclass(frozen=True)
class IngestResult:
    """What ingesting one document did. ``status`` is ``ingested``, ``unchanged`` or
    ``re-derived`` (a stored document read again with a new publication date or ``force``)."""

    doc_id: str
    path: str
    title: str | None
    status: str
    n_events: int
    n_statements: int
    published: str | None = None  # the publication date the document is stored with


def _who() -> str:
    try:
        return os.environ.get("CUSTODES_USER") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "custodes"


class DerivationError(KnowledgeBaseError):
    """The rows are stored, but their tenures could not be derived in the second transaction
    of a large rebuild (``KnowledgeBase.derive_now``): one line saying why and what to do.
    The knowledge base reads as not derived until ``custodes rebuild``."""


def _tenures_failed(e: Exception) -> DerivationError:
    reason = (str(e).splitlines() or [""])[0] or type(e).__name__
    return DerivationError(
        f"the rows are stored, but their tenures could not be derived ({reason}); "
        "`custodes rebuild` derives them again (until then analyses derive per query)"
    )


class KnowledgeBase:
    """Statements with provenance in SQLite or PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url_or_path: str | Path, schema: str | None = None) -> KnowledgeBase:
        """Open (and create the tables of) a knowledge base: a path is a SQLite file,
        ``sqlite://`` is in memory, ``postgresql+psycopg://…`` is PostgreSQL. Raises
        ``KnowledgeBaseError`` (one line: a folder, not SQLite, another program's database,
        damaged, newer, unreachable …) rather than touch what is not a knowledge base."""
        where = str(url_or_path)
        try:
            file = sqlite_file(url_or_path)
            if file is not None:
                check_path(file)
            engine = engine_for(url_or_path, schema=schema)
        except (ArgumentError, NoSuchModuleError, ImportError) as e:
            raise KnowledgeBaseError(describe(e, where)) from e
        try:
            prepare(engine, where)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """``engine.begin()``, except that on SQLite the write lock is taken at the start
        (``BEGIN IMMEDIATE``). Two writers that both read first and write after would
        otherwise deadlock, and SQLite answers one of them "database is locked" at once,
        without waiting; this way the second waits its turn (the busy timeout).

        On PostgreSQL writers take the derived tables' advisory lock (``derived._lock``, the
        same key, so taking it again there is free; ``db.pg_lock``) at the start: a
        review reads the standing reviews before it writes the status they give, and two
        analysts reviewing one statement at once under READ COMMITTED would each miss the
        other's (tests/test_concurrency.py: analysts in several processes)."""
        if self.engine.dialect.name != "sqlite":
            with self.engine.begin() as conn:
                pg_lock(conn, "derived")
                yield conn
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
                # inside the try: a commit that fails (a reader held the file past the busy
                # timeout) leaves the transaction open, and the pooled connection would refuse
                # every later write of this process ("cannot start a transaction within a
                # transaction"): one locked document failed the rest of its batch
                conn.commit()
            except BaseException:
                conn.rollback()
                raise

    def view(self, min_confidence: float = 0.0) -> View:
        """A read-only view: what analyses get; ``min_confidence`` leaves out statements the
        extractor was less sure of."""
        return View(self.engine, min_confidence)

    def last_change(self) -> int:
        """The id of the newest ``changes`` row (0 for none). Every write logs one, so a reader
        that keeps derived data (the workbench's view) knows when it is stale."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(changes.c.id))).scalar() or 0

    def has_document(self, doc_id: str) -> bool:
        """Is this text already in? Lets a caller skip extraction of a known document."""
        with self.engine.connect() as conn:
            q = select(documents.c.id).where(documents.c.id == doc_id)
            return conn.execute(q).first() is not None

    def counts(self) -> dict[str, int]:
        """Rows per table: how tests and the CLI show that a re-ingest changed nothing."""
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (documents, statements, relations, org_aliases, decisions, changes)
            }

    def ingest_file(
        self,
        path: str | Path,
        published: PartialDate | None = None,
        force: bool = False,
        limits: Limits | None = None,
    ) -> IngestResult:
        """Read, extract and ingest one file under ``limits`` (size, time, sentence length).
        Raises ``ReadError`` (with the reason: a bad file, or one over a limit) before anything
        is written; a text already in the knowledge base is not extracted again — unless
        ``published`` differs from its stored date or ``force`` is given: then its statements
        are derived again (``rederive``). The time limit covers reading and extraction, never
        the write, so a transaction is not cut in half by it."""
        from custodes.extract.pipeline import extract_many
        from custodes.ingest.limits import DocumentTooSlow, deadline
        from custodes.ingest.read import Limits, ReadError, read_document

        limits = limits or Limits()
        started = time.monotonic()
        try:
            with deadline(limits.max_seconds):
                doc = read_document(path, published, limits)
            known = self.has_document(doc.id)
            if known:
                stored = self._published_of(doc.id)
                if not force and (published is None or stored == published.iso):
                    return IngestResult(doc.id, doc.path, doc.title, "unchanged", 0, 0, stored)
            left = limits.max_seconds - (time.monotonic() - started) if limits.max_seconds else 0
            if limits.max_seconds and left <= 0:
                raise DocumentTooSlow(limits.max_seconds)
            with deadline(left):
                (extraction,) = extract_many([(doc.text, doc.published)])
        except DocumentTooSlow as e:
            raise ReadError(str(e)) from None
        if known:
            return self.rederive(doc, extraction)
        return self.ingest_document(doc, extraction)

    def _published_of(self, doc_id: str) -> str | None:
        with self.engine.connect() as conn:
            q = select(documents.c.published).where(documents.c.id == doc_id)
            return conn.execute(q).scalar()

    def rederive(
        self, doc: Document, extraction: Extraction, who: str | None = None
    ) -> IngestResult:
        """Replace a stored document's extracted statements with ``extraction`` and store its
        (new) publication date, in one transaction. Statements an analyst has reviewed
        (status other than ``extracted``) are kept; the change is logged with both dates."""
        now = datetime.now(UTC)
        with self._transaction() as conn:
            old = conn.execute(
                select(documents.c.published).where(documents.c.id == doc.id)
            ).scalar()
            row = _document_row(doc, extraction, now)
            conn.execute(
                documents.update()
                .where(documents.c.id == doc.id)
                .values(
                    published=row["published"],
                    published_precision=row["published_precision"],
                    n_events=row["n_events"],
                )
            )
            s = statements.c
            gone = list(
                conn.execute(
                    select(s.person_key, s.org_key).where(
                        (s.doc_id == doc.id) & (s.status == "extracted")
                    )
                )
            )
            for table in (statements, relations):
                conn.execute(
                    table.delete().where(
                        (table.c.doc_id == doc.id) & (table.c.status == "extracted")
                    )
                )
            conn.execute(org_aliases.delete().where(org_aliases.c.doc_id == doc.id))
            rows = _write_derived(conn, doc, extraction, now)
            derived.refresh(conn, (r[0] for r in gone), (r[1] for r in gone))
            payload = {
                "doc_id": doc.id,
                "path": doc.path,
                "published_before": old,
                "published": row["published"],
                "statements": len(rows),
            }
            _log(conn, now, who, "rederive", payload)
        return IngestResult(
            doc.id,
            doc.path,
            doc.title,
            "re-derived",
            len(extraction.events),
            len(rows),
            row["published"],  # type: ignore[arg-type]
        )

    def ingest_document(
        self, doc: Document, extraction: Extraction, who: str | None = None
    ) -> IngestResult:
        """Write one document and its statements in one transaction. A document already in the
        knowledge base (same text) is left as it is and reported ``unchanged``."""
        now = datetime.now(UTC)
        with self._transaction() as conn:
            inserted = insert_ignore(conn, documents, [_document_row(doc, extraction, now)])
            if not inserted:
                return IngestResult(doc.id, doc.path, doc.title, "unchanged", 0, 0)
            rows = _write_derived(conn, doc, extraction, now)
            payload = {
                "doc_id": doc.id,
                "path": doc.path,
                "statements": len(rows),
                "events": len(extraction.events),
            }
            _log(conn, now, who, "ingest", payload)
        return IngestResult(
            doc.id,
            doc.path,
            doc.title,
            "ingested",
            len(extraction.events),
            len(rows),
            doc.published.iso if doc.published else None,
        )

    def ingest_casefile(self, path: str | Path, who: str | None = None) -> IngestResult:
        """Validate a case file (``CasefileError`` names every bad line; nothing is written)
        and store its statements, citing the case file's own spans, in one transaction. The
        same file again is ``unchanged``."""
        from custodes.casefile import load_casefile, relation_id
        from custodes.ingest.read import document_id

        case = load_casefile(path)
        doc_id = document_id(case.text)
        now = datetime.now(UTC)
        title = f"Case file {case.path.name}" + (f" ({case.country})" if case.country else "")
        with self._transaction() as conn:
            row = {
                "id": doc_id,
                "path": str(case.path),
                "title": title,
                "published": None,
                "published_precision": None,
                "language": None,
                "kind": "casefile",
                "text": case.text,
                "n_events": 0,
                "ingested_at": now,
            }
            if not insert_ignore(conn, documents, [row]):
                return IngestResult(doc_id, str(case.path), title, "unchanged", 0, 0)
            rows = [
                {
                    **r,
                    "id": relation_id(doc_id, r),
                    "doc_id": doc_id,
                    "status": "asserted",
                    "created_at": now,
                }
                for r in case.rows
            ]
            insert_ignore(conn, relations, rows)
            insert_ignore(conn, org_aliases, _alias_rows(case.aliases, doc_id))
            derived.refresh(conn)  # the kept institutional conflicts (store/derived_conflicts)
            conn.execute(
                changes.insert(),
                {
                    "at": now,
                    "who": who or _who(),
                    "action": "casefile",
                    "payload": {"doc_id": doc_id, "path": str(case.path), "relations": len(rows)},
                },
            )
        return IngestResult(doc_id, str(case.path), title, "ingested", 0, len(rows))

    def decide(
        self,
        kind: str,
        a: str,
        b: str | None = None,
        who: str | None = None,
        undo: bool = False,
        entity: str | None = None,
    ) -> str:
        """Record that ``a`` and ``b`` (names as written, any script) are one person or one
        organisation (``merge``) or never the same (``not_same``), or that the spelling ``a``
        stands alone, out of whatever group resolution put it in (``split``); ``undo``
        withdraws the standing decision. Whether the names are people or organisations is read
        from the knowledge base (``entity`` = ``person`` / ``org`` forces it); a name it does
        not hold, a name with itself, or a person with an organisation is refused
        (``ValueError``, one line). Every decision is kept with who and when, and logged in
        ``changes``."""
        if kind not in {"merge", "not_same", "split"}:
            raise ValueError(f"unknown decision {kind!r}: use merge, not_same or split")
        if kind == "split":
            b = a
        if not person_key(a) or not person_key(b or ""):
            raise ValueError("both names must be given")
        assert b is not None
        what, ka, kb_ = self._identity_pair(kind, a, b, entity)
        stored_kind = kind if what == "person" else f"org_{kind}"
        pair = sorted([ka, kb_])
        now = datetime.now(UTC)
        with self._transaction() as conn:
            d = decisions.c
            standing = (
                (d.kind == stored_kind)
                & (d.a == pair[0])
                & (d.b == pair[1])
                & d.undone_at.is_(None)
            )
            if undo:
                n = conn.execute(decisions.update().where(standing).values(undone_at=now)).rowcount
                status = "undone" if n else "nothing to undo"
            elif conn.execute(select(d.id).where(standing)).first() and _in_force(
                conn, stored_kind, pair
            ):
                status = "already decided"
            else:
                # one overruled by a later decision (a merge, then a split) is made again
                conn.execute(decisions.update().where(standing).values(undone_at=now))
                conn.execute(
                    decisions.insert(),
                    {
                        "kind": stored_kind,
                        "a": pair[0],
                        "b": pair[1],
                        "who": who or _who(),
                        "at": now,
                    },
                )
                status = "decided"
            # what the decision changes is derived again in its own transaction
            if what == "person":
                derived.refresh(conn, person_keys=pair)
            else:
                derived.refresh(conn, org_keys=pair)
            conn.execute(
                changes.insert(),
                {
                    "at": now,
                    "who": who or _who(),
                    "action": ("undo " if undo else "") + stored_kind,
                    "payload": {"a": a, "b": b, "status": status, "keys": pair},
                },
            )
        return status

    def bulk_insert(self, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Write rows of several tables in one transaction, as stored (``exchange.jsonl``
        loads through it): tables in dependency order, each with one ``executemany`` of
        ``INSERT … ON CONFLICT DO NOTHING``, so a row already present is skipped and loading
        the same rows again changes nothing. Decisions have no natural key: one with the same
        kind, names, author and time as a stored one is the same decision."""
        with self._transaction() as conn:
            _bulk_insert(conn, rows)

    @contextmanager
    def bulk_transaction(
        self, tables: Sequence[Any] = (), derive: bool = False
    ) -> Iterator[Callable[[Mapping[str, Sequence[Mapping[str, Any]]]], None]]:
        """One transaction for many batches of ``bulk_insert`` rows (``exchange.jsonl.load``
        calls what it yields once per batch), with ``tables``' secondary indexes made once at
        the end (``bulk.bulk_mode``). Rows keyed by hashes land on a page each, so on SQLite
        a million of them in 5,000-row transactions rewrite gigabytes, a commit at a time; in
        one transaction each page is written about once. Memory is the caller's batch and
        SQLite's bounded page cache; an error rolls everything back.

        With ``derive``, the derived tables are left alone while the rows go in (each batch
        would otherwise re-derive what it touches) and derived once from everything at the
        end: the identities in the same transaction, the tenures in a second one, by
        ``derived.workers_for`` processes (``derive_now``). A load that fails leaves the
        knowledge base, derived tables included, as it was; one whose tenures fail to derive
        (killed, out of memory) has its rows and reads as not derived — analyses derive per
        query — until ``custodes rebuild``."""
        from custodes.store.bulk import bulk_mode

        workers = derived.workers_for(self.engine) if derive else 1
        with self._transaction() as conn:
            if derive:
                conn.execute(delete(derived_state))
            with bulk_mode(conn, tables):
                yield lambda rows: _bulk_insert(conn, rows)
            if derive and workers == 1:
                derived.rebuild(conn)
            elif derive:
                derived.rebuild_identities(conn)
        if derive and workers > 1:
            self._derive_tenures(workers)

    def derive_later(self) -> None:
        """Stop keeping the derived tables up to date, for a bulk load: analyses derive per
        query until ``derive_now`` (or the next open) derives everything once."""
        with self._transaction() as conn:
            conn.execute(delete(derived_state))

    def derive_now(self, workers: int | None = None) -> dict[str, int]:
        """Derive every derived table again from statements and decisions (``custodes
        rebuild``); counts of rows. With more than one worker (``derived.workers_for``: the
        cores) the identities are derived and committed first, then the tenures in worker
        processes that read them, in a second transaction; in between the knowledge base
        reads as not derived. One worker: one transaction."""
        n = derived.workers_for(self.engine) if workers is None else workers
        if n <= 1:
            with self._transaction() as conn:
                return derived.rebuild(conn)
        with self._transaction() as conn:
            counts = derived.rebuild_identities(conn)
        counts.update(self._derive_tenures(n))
        return counts

    def _derive_tenures(self, workers: int) -> dict[str, int]:
        """The second transaction of a rebuild; ``DerivationError`` when it fails (a full
        disk for the workers' files, a worker's error): the first one is committed."""
        try:
            with self._transaction() as conn:
                return derived.rebuild_tenures(conn, engine=self.engine, workers=workers)
        except Exception as e:
            raise _tenures_failed(e) from e

    def log(self, action: str, payload: dict[str, Any], who: str | None = None) -> None:
        """One entry of the audit log, in a transaction of its own."""
        with self._transaction() as conn:
            _log(conn, datetime.now(UTC), who, action, payload)

    def entity_of(self, name: str) -> tuple[str | None, str | None]:
        """(the stored person key, the organisation key) a name stands for, either None: how
        ``decide`` tells people from organisations. A person is a stored spelling (any script,
        any case); an organisation is what ``View.resolve_org`` finds (names, abbreviations)."""
        view = self.view()
        key = person_key(name)
        # through the index: not every stored person's identity to look up one name
        person = key if key and view.identities_of([key]) else None
        org = view.resolve_org(name, merged=False)
        return person, org

    def _identity_pair(self, kind: str, a: str, b: str, entity: str | None) -> tuple[str, str, str]:
        """("person" | "org", key of a, key of b) for a decision, or ValueError saying why
        the decision makes no sense."""
        pa, oa = self.entity_of(a)
        pb, ob = self.entity_of(b)
        if entity == "person":
            oa = ob = None
        elif entity == "org":
            pa = pb = None
        elif entity is not None:
            raise ValueError(f"unknown entity {entity!r}: use person or org")
        for name, p, o in ((a, pa, oa), (b, pb, ob)):
            if p is None and o is None:
                held = {"person": "person", "org": "organisation"}.get(entity or "", "")
                what = f"no {held} named" if held else "no person or organisation named"
                raise ValueError(f"the knowledge base holds {what} {name!r}")
        if kind == "split":
            return ("person", pa, pa) if pa else ("org", oa, oa)  # type: ignore[return-value]
        if pa and pb:
            if pa == pb:
                raise ValueError(
                    f"{a!r} and {b!r} are one spelling: a name is not merged with itself"
                )
            return "person", pa, pb
        if oa and ob:
            if oa == ob:
                raise ValueError(
                    f"{a!r} and {b!r} name the same organisation already (a name is not "
                    "merged with itself)"
                )
            return "org", oa, ob
        person, org = (a, b) if pa else (b, a)
        raise ValueError(
            f"{person!r} is a person and {org!r} an organisation: they cannot be "
            + ("one" if kind == "merge" else "compared")
        )

    # --- review of statements (store/review.py): the one place a review decision is written.
    # A later hook that re-derives stored tenures belongs in ``_review``.

    def find_statement(self, ref: str) -> str:
        """The full id of a statement given its id or a unique prefix (the CLI and the pages
        show ten characters), else ``ReviewError``."""
        ref = ref.strip().lower()
        if len(ref) < 4 or any(c not in "0123456789abcdef" for c in ref):
            raise ReviewError(f"{ref!r} is not a statement id (the hex id `custodes review` shows)")
        s = statements.c
        with self.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(select(s.id).where(s.id.like(f"{ref}%")).limit(2))]
        if not ids:
            raise ReviewError(f"no statement with id {ref!r} (see `custodes review`)")
        if len(ids) > 1:
            raise ReviewError(f"{ref!r} is the start of several statement ids: give more of it")
        return ids[0]

    def accept(self, ref: str, who: str | None = None) -> ReviewResult:
        """The analyst read the quote and the claim is right (every post of its event)."""
        return self._review(ref, "accept", who)

    def reject(self, ref: str, who: str | None = None) -> ReviewResult:
        """The claim is wrong: no analysis counts it (every post of its event) from now on."""
        return self._review(ref, "reject", who)

    def edit(
        self,
        ref: str,
        who: str | None = None,
        *,
        person: str | None = None,
        title: str | None = None,
        org: str | None = None,
        date: str | None = None,
        precision: str | None = None,
    ) -> ReviewResult:
        """Correct a claim: the person and the date (and its precision) for its whole event,
        the post's title and organisation for this post. The stored row stays as extracted;
        analyses read the corrected values (``View.statements``)."""
        edits = {"person": person, "title": title, "org": org, "date": date, "precision": precision}
        return self._review(ref, "edit", who, edits=edits)

    def believe(self, ref: str, over: list[str], who: str | None = None) -> ReviewResult:
        """In a conflict, the analyst believes this claim over ``over`` (ids): recorded as a
        decision; the other claims are kept, not deleted."""
        others = [self.find_statement(o) for o in over]
        return self._review(ref, "believe", who, over=others)

    def undo_review(self, ref: str, who: str | None = None) -> ReviewResult:
        """Withdraw the standing review of a statement (with the rest of its decision: the
        other posts of its event); the review before it, if any, stands again."""
        return self._review(ref, "undo", who)

    def _review(
        self,
        ref: str,
        action: str,
        who: str | None,
        edits: dict[str, str | None] | None = None,
        over: list[str] | None = None,
    ) -> ReviewResult:
        sid = self.find_statement(ref)
        now = datetime.now(UTC)
        who = who or _who()
        s, r = statements.c, reviews.c
        with self._transaction() as conn:
            row = dict(conn.execute(select(statements).where(s.id == sid)).one()._mapping)
            if action == "undo":
                last = conn.execute(
                    select(r.batch)
                    .where((r.statement_id == sid) & r.undone_at.is_(None))
                    .order_by(r.id.desc())
                    .limit(1)
                ).scalar()
                if last is None:
                    return ReviewResult(sid, "undo", "nothing to undo", [sid])
                ids = [x[0] for x in conn.execute(select(r.statement_id).where(r.batch == last))]
                conn.execute(reviews.update().where(r.batch == last).values(undone_at=now))
                _sync_status(conn, ids)
                _rederive(conn, ids)
                _log(conn, now, who, "undo review", {"statement": sid, "ids": ids})
                return ReviewResult(sid, "undo", "undone", ids)
            siblings = _event_rows(conn, row)
            batch = uuid.uuid4().hex
            written: list[dict[str, Any]] = []
            if action == "edit":
                assert edits is not None
                # a second edit adds to the first (a name, then an organisation), as the
                # analyst sees the statement: from its standing edit, not the extracted row
                earlier = {o["id"]: _standing_edit(conn, o["id"]) for o in siblings}
                fields = edit_fields({**row, **earlier[sid]}, **edits)
                event_wide = {k: v for k, v in fields.items() if k in EVENT_FIELDS}
                for other in siblings:
                    mine = fields if other["id"] == sid else event_wide
                    if mine:
                        mine = {**earlier[other["id"]], **mine}
                        written.append(
                            {"statement_id": other["id"], "action": "edit", "fields": mine}
                        )
            elif action == "believe":
                written.append({"statement_id": sid, "action": action, "fields": {"over": over}})
            else:
                written += [
                    {"statement_id": o["id"], "action": action, "fields": None} for o in siblings
                ]
            ids = [w["statement_id"] for w in written]
            conn.execute(
                reviews.insert(), [{**w, "batch": batch, "who": who, "at": now} for w in written]
            )
            _sync_status(conn, ids)
            _rederive(conn, ids)
            payload = {"statement": sid, "ids": ids, "edits": edits, "over": over}
            _log(conn, now, who, action, {k: v for k, v in payload.items() if v})
        return ReviewResult(sid, action, "decided", ids)


@dataclass(frozen=True)
class ReviewResult:
    """What a review did: the statement named, the action, ``decided`` / ``undone`` /
    ``nothing to undo``, and every statement the decision covers (an event's posts)."""

    statement_id: str
    action: str
    status: str
    statement_ids: list[str]


def _in_force(conn: Connection, kind: str, pair: list[str]) -> bool:
    """Is the standing decision ``kind`` about ``pair`` still in force (not overruled by a
    later one, ``resolve.in_force``)?"""
    from custodes.resolve import in_force

    d = decisions.c
    q = select(d.kind, d.a, d.b).where(d.undone_at.is_(None)).order_by(d.id)
    prefix = "org_" if kind.startswith("org_") else ""
    merges, apart, splits = in_force([(r[0], r[1], r[2]) for r in conn.execute(q)], prefix)
    plain = kind.removeprefix(prefix)
    if plain == "split":
        return pair[0] in splits
    return tuple(pair) in (merges if plain == "merge" else apart)


def _standing_edit(conn: Connection, sid: str) -> dict[str, Any]:
    """The fields of the statement's standing review if it is an edit, else nothing."""
    r = reviews.c
    last = conn.execute(
        select(r.action, r.fields)
        .where((r.statement_id == sid) & r.undone_at.is_(None))
        .order_by(r.id.desc())
        .limit(1)
    ).first()
    return dict(last[1]) if last is not None and last[0] == "edit" and last[1] else {}


def _event_rows(conn: Connection, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a statement's event (its posts, the posts a move leaves), itself first."""
    s = statements.c
    if not row.get("event_id"):
        return [row]
    q = select(statements).where((s.event_id == row["event_id"]) & (s.doc_id == row["doc_id"]))
    others = [dict(x._mapping) for x in conn.execute(q.order_by(s.leg.desc(), s.seq))]
    return [row, *(o for o in others if o["id"] != row["id"])]


def _rederive(conn: Connection, ids: list[str]) -> None:
    """Derive again what a review of ``ids`` touches: the people and organisations the
    statements name as stored and as every review of them (undone or not) made them."""
    s, r = statements.c, reviews.c
    people: set[str] = set()
    orgs: set[str] = set()
    for pk, ok in conn.execute(select(s.person_key, s.org_key).where(s.id.in_(ids))):
        people.add(pk)
        orgs.add(ok)
    for (fields,) in conn.execute(select(r.fields).where(r.statement_id.in_(ids))):
        if fields:
            people.add(fields.get("person_key"))
            orgs.add(fields.get("org_key"))
    derived.refresh(conn, (k for k in people if k), (k for k in orgs if k))


def _sync_status(conn: Connection, ids: list[str]) -> None:
    """``statements.status`` of ``ids`` from their standing reviews, so re-deriving a document
    keeps reviewed statements and a glance at the table tells what was reviewed."""
    r = reviews.c
    for sid in dict.fromkeys(ids):
        last = conn.execute(
            select(r.action)
            .where((r.statement_id == sid) & r.undone_at.is_(None))
            .order_by(r.id.desc())
            .limit(1)
        ).scalar()
        status = STATUS_OF.get(last or "", "extracted")
        conn.execute(statements.update().where(statements.c.id == sid).values(status=status))


def _new_decisions(conn: Connection, batch: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The decisions of ``batch`` not stored yet (compared in UTC, as SQLite keeps no zone)."""

    def utc(t: datetime | None) -> datetime | None:
        return t.astimezone(UTC).replace(tzinfo=None) if t and t.tzinfo else t

    d = decisions.c
    stored = {
        (r.kind, r.a, r.b, r.who, utc(r.at))
        for r in conn.execute(select(d.kind, d.a, d.b, d.who, d.at))
    }
    out = []
    for r in batch:
        key = (r["kind"], r["a"], r["b"], r["who"], utc(r["at"]))
        if key not in stored:
            stored.add(key)
            out.append({k: v for k, v in r.items() if k != "id"})
    return out


def _log(
    conn: Connection, now: datetime, who: str | None, action: str, payload: dict[str, Any]
) -> None:
    """One row of the audit log."""
    conn.execute(
        changes.insert(), {"at": now, "who": who or _who(), "action": action, "payload": payload}
    )


def _write_derived(
    conn: Connection, doc: Document, extraction: Extraction, now: datetime
) -> list[dict[str, Any]]:
    """Write what a document's extraction derives (statements, relations, aliases); the
    statement rows written."""
    rows = statement_rows(doc, extraction, now, _aliases(conn), _units(conn))
    insert_ignore(conn, statements, rows)
    insert_ignore(conn, relations, relation_rows(doc, extraction, now))
    insert_ignore(conn, org_aliases, _alias_rows(sorted(extraction.abbreviations.items()), doc.id))
    derived.refresh(conn, (r["person_key"] for r in rows), (r["org_key"] for r in rows))
    return rows


def _document_row(doc: Document, extraction: Extraction, now: datetime) -> dict[str, object]:
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "published": doc.published.iso if doc.published else None,
        "published_precision": doc.published.precision if doc.published else None,
        "language": doc.language,
        "kind": doc.kind,
        "text": doc.text,
        "n_events": len(extraction.events),
        "ingested_at": now,
    }


def _alias_rows(pairs: list[tuple[str, str]], doc_id: str) -> list[dict[str, object]]:
    """``org_aliases`` rows for (alias, full name) pairs a document or case file defines."""
    return [
        {
            "alias_key": org_key(a),
            "org_key": org_key(full),
            "alias": a,
            "org": full,
            "doc_id": doc_id,
        }
        for a, full in pairs
        if org_key(a) and org_key(a) != org_key(full)
    ]


def _aliases(conn: Connection) -> dict[str, str]:
    q = select(org_aliases.c.alias_key, org_aliases.c.org)
    return {r.alias_key: r.org for r in conn.execute(q)}


def _units(conn: Connection) -> UnitMap:
    q = select(statements.c.unit, statements.c.org).where(statements.c.unit.is_not(None)).distinct()
    return {unit_key(r.unit): r.org for r in conn.execute(q) if r.org}


def _bulk_insert(conn: Connection, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    """``KnowledgeBase.bulk_insert`` inside an open transaction."""
    for name in STORED_ORDER:
        batch = list(rows.get(name, ()))
        if not batch:
            continue
        if name == "decisions":
            batch = _new_decisions(conn, batch)
            if batch:
                conn.execute(decisions.insert(), [dict(r) for r in batch])
            continue
        insert_ignore(conn, metadata.tables[name], batch)
    # what the rows touch is derived again (a no-op between ``derive_later`` and
    # ``derive_now``, as a bulk load runs)
    people = {r.get("person_key") for r in rows.get("statements", ())}
    orgs = {r.get("org_key") for r in rows.get("statements", ())}
    for d in rows.get("decisions", ()):
        (orgs if str(d["kind"]).startswith("org_") else people).update((d["a"], d["b"]))
    ids = [r["statement_id"] for r in rows.get("reviews", ())]
    if ids:
        _rederive(conn, ids)
    derived.refresh(conn, people, orgs)
