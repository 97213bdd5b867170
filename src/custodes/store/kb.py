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
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from custodes.store.db import engine_for, insert_ignore, sqlite_file
from custodes.store.guard import KnowledgeBaseError, check_path, describe, prepare
from custodes.store.keys import org_key, person_key, unit_key
from custodes.store.schema import (
    changes,
    decisions,
    documents,
    metadata,
    org_aliases,
    relations,
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
        without waiting; this way the second waits its turn (the busy timeout)."""
        if self.engine.dialect.name != "sqlite":
            with self.engine.begin() as conn:
                yield conn
            return
        with self.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def view(self, min_confidence: float = 0.0) -> View:
        """A read-only view: what analyses get; ``min_confidence`` leaves out statements the
        extractor was less sure of."""
        return View(self.engine, min_confidence)

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
            for table in (statements, relations):
                conn.execute(
                    table.delete().where(
                        (table.c.doc_id == doc.id) & (table.c.status == "extracted")
                    )
                )
            conn.execute(org_aliases.delete().where(org_aliases.c.doc_id == doc.id))
            rows = _write_derived(conn, doc, extraction, now)
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
        self, kind: str, a: str, b: str | None = None, who: str | None = None, undo: bool = False
    ) -> str:
        """Record that persons ``a`` and ``b`` (names as written, any script) are one person
        (``merge``) or never the same (``not_same``), or that the spelling ``a`` is a person of
        its own, out of whatever group resolution put it in (``split``); ``undo`` withdraws the
        standing decision. Every decision is kept with who and when, and logged in ``changes``."""
        if kind not in {"merge", "not_same", "split"}:
            raise ValueError(f"unknown decision {kind!r}: use merge, not_same or split")
        if kind == "split":
            b = a
        ka, kb_ = person_key(a), person_key(b or "")
        if not ka or not kb_:
            raise ValueError("both names must be given")
        pair = sorted([ka, kb_])
        now = datetime.now(UTC)
        with self._transaction() as conn:
            d = decisions.c
            standing = (
                (d.kind == kind) & (d.a == pair[0]) & (d.b == pair[1]) & d.undone_at.is_(None)
            )
            if undo:
                n = conn.execute(decisions.update().where(standing).values(undone_at=now)).rowcount
                status = "undone" if n else "nothing to undo"
            elif conn.execute(select(d.id).where(standing)).first():
                status = "already decided"
            else:
                conn.execute(
                    decisions.insert(),
                    {"kind": kind, "a": pair[0], "b": pair[1], "who": who or _who(), "at": now},
                )
                status = "decided"
            conn.execute(
                changes.insert(),
                {
                    "at": now,
                    "who": who or _who(),
                    "action": ("undo " if undo else "") + kind,
                    "payload": {"a": a, "b": b, "status": status},
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

    def log(self, action: str, payload: dict[str, Any], who: str | None = None) -> None:
        """One entry of the audit log, in a transaction of its own."""
        with self._transaction() as conn:
            _log(conn, datetime.now(UTC), who, action, payload)


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
