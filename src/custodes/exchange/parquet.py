"""Parquet: the rows of a knowledge base's stored tables as columnar files, and loading them.

``custodes ingest --engine spark --parquet DIR`` writes one file per table into ``DIR``
(``documents.parquet``, ``statements.parquet``, ``relations.parquet``, ``org_aliases.parquet``),
each column as the table types it (text, integers, floats, booleans, times in UTC; JSON
columns as JSON text), the table named in the file's metadata::

    {b"custodes": b"parquet", b"table": b"statements", b"schema": b"…"}

``custodes load DIR`` (or one ``FILE.parquet``) reads them back: every file is checked first
(so a bad one writes nothing), then rows go in as a JSON-lines dump's do, in bulk transactions
through ``KnowledgeBase.bulk_insert`` (``ON CONFLICT DO NOTHING``, so loading twice is a no-op)
with the derived tables derived once at the end. Needs pyarrow (``pip install
'custodes[spark]'``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, Table
from sqlalchemy.exc import IntegrityError

from custodes.exchange.jsonl import BATCH, LoadError, LoadResult, _checked, finished
from custodes.store import KnowledgeBase
from custodes.store.schema import SCHEMA_VERSION, metadata
from custodes.store.view import STORED_ORDER

# the tables an ingest writes (decisions and reviews are an analyst's, not a document's)
TABLES = ("documents", "statements", "relations", "org_aliases")
INSTALL = "pip install 'custodes[spark]'"
DOCUMENTS_BATCH = 200


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401  (the submodule, loaded for ``pyarrow.parquet``)
    except ImportError:
        raise LoadError(f"Parquet needs pyarrow: {INSTALL}") from None
    return pyarrow


def _schema(table: Table) -> Any:
    pa = _pyarrow()
    fields = []
    for c in table.c:
        if isinstance(c.type, DateTime):
            kind = pa.timestamp("us", tz="UTC")
        elif isinstance(c.type, Boolean):
            kind = pa.bool_()
        elif isinstance(c.type, Integer):
            kind = pa.int64()
        elif isinstance(c.type, Float):
            kind = pa.float64()
        else:  # text, and JSON as its text
            kind = pa.string()
        fields.append(pa.field(c.name, kind, nullable=True))
    meta = {"custodes": "parquet", "table": table.name, "schema": str(SCHEMA_VERSION)}
    return pa.schema(fields, metadata=meta)


def _json_columns(table: Table) -> list[str]:
    return [c.name for c in table.c if isinstance(c.type, JSON)]


class Writer:
    """Rows of the ingest's tables, appended to one Parquet file per table in ``folder``; each
    file is written under a temporary name and put in place by ``close``, so a job that fails
    half-way leaves no file that looks whole."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, Any] = {}

    def _writer(self, name: str) -> Any:
        if name not in self._writers:
            pq = _pyarrow().parquet
            tmp = self.folder / f".{name}.parquet.part"
            self._writers[name] = pq.ParquetWriter(tmp, _schema(metadata.tables[name]))
        return self._writers[name]

    def write(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        pa = _pyarrow()
        for name in TABLES:
            batch = rows.get(name) or []
            if not batch:
                continue
            table = metadata.tables[name]
            js = _json_columns(table)
            data = [
                {**r, **{c: orjson.dumps(r[c]).decode() for c in js if r.get(c) is not None}}
                for r in batch
            ]
            self._writer(name).write_table(pa.Table.from_pylist(data, schema=_schema(table)))

    def abort(self) -> None:
        """Leave no file behind: the job did not finish."""
        for name, w in self._writers.items():
            w.close()
            (self.folder / f".{name}.parquet.part").unlink(missing_ok=True)
        self._writers = {}

    def close(self) -> None:
        """Write every table's file (an empty one for a table no document gave rows)."""
        for name in TABLES:
            self._writer(name).close()
            os.replace(self.folder / f".{name}.parquet.part", self.folder / f"{name}.parquet")
        self._writers = {}


def _files(path: Path) -> list[tuple[str, Path]]:
    """(table, file) of every Parquet file at ``path`` (a file, or a folder searched through),
    documents first: statements refer to them."""
    pq = _pyarrow().parquet
    found = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    if not found:
        raise LoadError(f"{path}: no .parquet files in it")
    out = []
    for f in found:
        try:
            meta = pq.read_schema(f).metadata or {}
        except (OSError, ValueError) as e:  # pyarrow's ArrowInvalid is a ValueError
            raise LoadError(f"{f}: not a Parquet file ({str(e).splitlines()[0]})") from None
        table = meta.get(b"table", b"").decode()
        if meta.get(b"custodes") != b"parquet" or table not in STORED_ORDER:
            raise LoadError(f"{f}: not a custodes Parquet file (no custodes table in metadata)")
        if int(meta.get(b"schema", b"0")) > SCHEMA_VERSION:
            raise LoadError(f"{f}: written by a newer custodes (schema {meta[b'schema']!r})")
        out.append((table, f))
    order = list(STORED_ORDER)
    return sorted(out, key=lambda tf: (order.index(tf[0]), str(tf[1])))


def _rows(files: list[tuple[str, Path]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) of every file, checked as a dump's lines are (``jsonl._checked``)."""
    pq = _pyarrow().parquet
    for table, f in files:
        js = _json_columns(metadata.tables[table])
        number = 0
        size = DOCUMENTS_BATCH if table == "documents" else BATCH
        for batch in pq.ParquetFile(f).iter_batches(batch_size=size):
            for row in batch.to_pylist():
                number += 1
                where = f"{f}: row {number}"
                for c in js:
                    if isinstance(row.get(c), str):
                        try:
                            row[c] = orjson.loads(row[c])
                        except ValueError:
                            raise LoadError(f"{where}: {table}.{c} is not JSON") from None
                yield table, _checked(row, table, where)


def load(
    kb: KnowledgeBase,
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
    batch: int = BATCH,
    who: str | None = None,
) -> LoadResult:
    """Load Parquet files (a folder of them, or one) into ``kb``. Every row is checked first
    (``LoadError`` names the first bad one, and nothing is written); then rows go in in
    transactions of ``batch``. ``progress`` gets (rows done, rows in all × 2) over both
    passes."""
    path = Path(path)
    files = _files(path)
    pq = _pyarrow().parquet
    total = 2 * sum(pq.read_metadata(f).num_rows for _t, f in files)
    report = progress or (lambda _done, _total: None)
    n = 0
    for n, _ in enumerate(_rows(files), 1):
        if n % batch == 0:
            report(n, total)
    before = kb.counts()
    pending: dict[str, list[dict[str, Any]]] = {t: [] for t in STORED_ORDER}
    held = 0
    kb.derive_later()
    try:
        for i, (table, row) in enumerate(_rows(files), 1):
            pending[table].append(row)
            held += 1
            # documents hold their whole texts: fewer of them to a transaction
            if held >= batch or len(pending["documents"]) >= DOCUMENTS_BATCH:
                kb.bulk_insert(pending)
                pending, held = {t: [] for t in STORED_ORDER}, 0
                report(n + i, total)
        kb.bulk_insert(pending)
    except IntegrityError as e:
        first = str(e.orig or e).splitlines()[0]
        raise LoadError(f"{path}: a row the knowledge base refuses ({first})") from None
    finally:
        kb.derive_now()
    report(total, total)
    return finished(kb, path, before, "rows", n, who)
