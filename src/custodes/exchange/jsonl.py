"""JSON lines: the lossless dump of a knowledge base, and loading it back.

A dump is one JSON object per line, keys sorted, in a stable order: a header, then every
document (with its text), every statement with its evidence (quote, span, extractor,
confidence, review status), every institutional statement, the abbreviations documents define
and the analysts' decisions, each as it is stored::

    {"custodes":"jsonl","schema":2,"version":1}
    {"row":{"id":"9f…","path":"report.txt","text":"…",…},"table":"documents"}
    {"row":{"confidence":0.93,"date":"2022-01-06","doc_id":"9f…","event_type":"dismissed",
            "person":"Anuar Sadykulov","quote":"…","start":9145,…},"table":"statements"}

The dump is streamed (constant memory, ``View.stored_rows``); loading checks each line as it
reads it and writes batches of ``BATCH`` rows, all in one transaction
(``KnowledgeBase.bulk_transaction``: ``executemany``, ``ON CONFLICT DO NOTHING``), so a bad file
writes nothing and loading a dump twice is a no-op. Dump → load into an empty knowledge base →
dump is byte-identical. The audit log (``changes``) is not dumped: a load records one entry of
its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

import orjson
from sqlalchemy import DateTime
from sqlalchemy.exc import IntegrityError

from custodes.store import KnowledgeBase, View
from custodes.store.schema import SCHEMA_VERSION, metadata
from custodes.store.view import STORED_ORDER

FORMAT_VERSION = 1
HEADER = {"custodes": "jsonl", "version": FORMAT_VERSION, "schema": SCHEMA_VERSION}
# rows per batch of a load: large enough for executemany to pay, small enough that a
# million statements never sit in memory at once
BATCH = 5000
BATCH_BYTES = 16_000_000


class LoadError(ValueError):
    """A dump that cannot be loaded, with the line that says why (nothing was written)."""


@cache
def _datetime_columns(table: str) -> frozenset[str]:
    return frozenset(c.name for c in metadata.tables[table].c if isinstance(c.type, DateTime))


def _utc_iso(value: datetime) -> str:
    """A time as an ISO string in UTC: SQLite keeps no zone, PostgreSQL answers in the
    session's, so both are written the same way."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat()


def _line(obj: dict[str, Any]) -> str:
    # orjson: the same bytes as json.dumps(sort_keys, compact, ensure_ascii=False), four times
    # faster; the dump's time goes to encoding
    opts = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE
    return orjson.dumps(obj, option=opts).decode()


def dump_lines(view: View) -> Iterator[str]:
    """The dump, line by line (streamed)."""
    yield _line(HEADER)
    for table in STORED_ORDER:
        times = _datetime_columns(table)
        # a document holds its whole text (up to the 20 MB limit): a few at a time, so that
        # memory does not grow with the number of documents
        for row in view.stored_rows(table, batch=4 if table == "documents" else 2000):
            if table == "decisions":
                row.pop("id")  # an autoincrement counter, not part of the decision
            for c in times:
                if row.get(c) is not None:
                    row[c] = _utc_iso(row[c])
            yield _line({"table": table, "row": row})


def dump(view: View, out: IO[str]) -> int:
    """Write the dump to ``out``; the number of lines written."""
    n = 0
    for line in dump_lines(view):
        out.write(line)
        n += 1
    return n


@dataclass(frozen=True)
class LoadResult:
    """What a load did: lines read, and rows the knowledge base gained per table (all 0 when
    the dump was loaded before)."""

    lines: int
    added: dict[str, int]


def _rows(path: Path) -> Iterator[tuple[int, int, str, dict[str, Any]]]:
    """(line number, bytes read so far, table, row) of a dump, checked line by line."""
    done = 0
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            done += len(raw)
            where = f"{path}:{number}"
            try:
                obj = orjson.loads(raw)
            except (UnicodeDecodeError, ValueError) as e:
                raise LoadError(f"{where}: not a JSON line ({e})") from None
            if number == 1:
                if not isinstance(obj, dict) or obj.get("custodes") != "jsonl":
                    raise LoadError(f"{where}: not a custodes dump (no custodes header)")
                if obj.get("version") != FORMAT_VERSION or obj.get("schema", 0) > SCHEMA_VERSION:
                    raise LoadError(f"{where}: a dump of a newer custodes ({obj})")
                continue
            if not isinstance(obj, dict) or obj.get("table") not in STORED_ORDER:
                raise LoadError(f"{where}: no known table (one of {', '.join(STORED_ORDER)})")
            table, row = obj["table"], obj.get("row")
            if not isinstance(row, dict):
                raise LoadError(f"{where}: no row")
            yield number, done, table, _checked(row, table, where)


@cache
def _columns(table: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(every column, the required ones) of a table: worked out once, not per row of a dump of
    a million."""
    tab = metadata.tables[table]
    required = tuple(
        c.name
        for c in tab.c
        if not c.nullable
        and c.default is None
        and c.autoincrement is not True
        and not (c.primary_key and table == "decisions")
    )
    return frozenset(tab.c.keys()), required


def _checked(row: dict[str, Any], table: str, where: str) -> dict[str, Any]:
    """A row as the table takes it: known columns, required ones present, times parsed."""
    known, required = _columns(table)
    if not known.issuperset(row):  # (no set made per row of a million)
        unknown = row.keys() - known
        raise LoadError(f"{where}: {table} has no column {', '.join(sorted(unknown))}")
    for c in required:
        if row.get(c) is None:
            raise LoadError(f"{where}: {table}.{c} is missing")
    for c in _datetime_columns(table):
        if isinstance(row.get(c), str):
            try:
                row[c] = datetime.fromisoformat(row[c])
            except ValueError:
                raise LoadError(f"{where}: {table}.{c} is not a time: {row[c]!r}") from None
    return row


def load(
    kb: KnowledgeBase,
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
    batch: int = BATCH,
    who: str | None = None,
) -> LoadResult:
    """Load a dump into ``kb``, in one transaction: every line is checked as it is read and
    rows go in in batches of ``batch``; the derived tables are derived once at the end, the
    identities in the same transaction and the tenures in a second one, by worker processes
    (``KnowledgeBase.bulk_transaction``). A bad line (``LoadError`` names it) or a row the
    knowledge base refuses rolls the whole load back, so nothing is written and the derived
    tables stay as they were. ``progress`` is called with (bytes done, bytes in all).

    (The file used to be read twice, a check pass before the insert pass, so that nothing was
    written before a bad line was found; in one transaction the rollback gives the same
    guarantee, and a million lines are parsed once.)"""
    path = Path(path)
    total = os.path.getsize(path)
    report = progress or (lambda _done, _total: None)
    lines = 0
    before = kb.counts()
    pending: dict[str, list[dict[str, Any]]] = {t: [] for t in STORED_ORDER}
    held, flushed = 0, 0
    # one transaction for every batch, the tables' secondary indexes made once at its end
    # (a sort, not a B-tree insert per row), one derivation after it
    tables = [metadata.tables[t] for t in STORED_ORDER]
    try:
        with kb.bulk_transaction(tables, derive=True) as insert:
            for number, done, table, row in _rows(path):
                lines = number
                pending[table].append(row)
                held += 1
                # a batch holds ``batch`` rows, or fewer when they are large (documents'
                # texts): memory stays bounded whatever the dump holds
                if held >= batch or done - flushed > BATCH_BYTES:
                    insert(pending)
                    pending, held, flushed = {t: [] for t in STORED_ORDER}, 0, done
                    report(done, total)
            insert(pending)
    except IntegrityError as e:
        first = str(e.orig or e).splitlines()[0]
        raise LoadError(f"{path}: a row the knowledge base refuses ({first})") from None
    report(total, total)
    return finished(kb, path, before, "lines", lines, who)


def finished(
    kb: KnowledgeBase, path: Path, before: dict[str, int], unit: str, n: int, who: str
) -> LoadResult:
    """What a load added, table by table, logged in ``changes`` when it added anything (the
    JSON-lines and the Parquet loads end alike)."""
    after = kb.counts()
    added = {t: after[t] - before[t] for t in after if t in STORED_ORDER}
    if any(added.values()):
        kb.log("load", {"path": str(path), unit: n, "added": added}, who)
    return LoadResult(n, added)
