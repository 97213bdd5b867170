"""Ingest at corpus scale: reading and extraction as a Spark job, statements written in bulk.

Example::

    with KnowledgeBase.open("custodes.db") as kb:
        done = ingest_spark(files, kb=kb)                          # local[2], into the KB
    ingest_spark(files, parquet=Path("out"), master="spark://head:7077")   # Parquet files

The executors read and extract each file (``read_document`` under the same limits as
``KnowledgeBase.ingest_file``, then ``extract_many`` over 32 documents at a time); their models
are loaded once per executor process (``_models``; spaCy's pipeline, and natasha's on the first
Russian document, are module-level caches, and PySpark reuses its Python workers; in local mode
the daemon loads spaCy's before it forks them, ``custodes.spark_daemon``). The driver receives
each document's ``(Document, Extraction)`` in file order and turns it into rows with the
functions ``KnowledgeBase.ingest_document`` uses (``statement_rows``, ``relation_rows``,
``_document_row``, ``_alias_rows``), with the abbreviations and units of the knowledge base and
of the documents before it: the rows are those a one-process ``custodes ingest`` of the same
files writes. They go in in bulk transactions (``KnowledgeBase.bulk_insert``), the derived
tables derived once at the end, or into Parquet files (``custodes.exchange.parquet``) that
``custodes load`` imports.

A bad file is reported with its one-line reason and the job goes on; a text already stored is
``unchanged`` (not extracted again), so re-ingesting is a no-op.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from custodes.store.bulk import insert_rows
from custodes.store.kb import (
    IngestResult,
    KnowledgeBase,
    _alias_rows,
    _aliases,
    _document_row,
    _units,
    _who,
)
from custodes.store.keys import unit_key
from custodes.store.schema import changes
from custodes.store.statements import relation_rows, statement_rows

if TYPE_CHECKING:
    from custodes.extract.dates import PartialDate
    from custodes.extract.model import Extraction
    from custodes.ingest.read import Document, Limits

DEFAULT_MASTER = "local[2]"
# the master URLs Spark takes (``local[4,2]``: four threads, two tries per task)
MASTER = re.compile(r"local(\[(\d+|\*)(,\d+)?\])?|(spark|k8s|mesos)://\S+|yarn")
INSTALL = "pip install 'custodes[spark]'"
# documents whose rows are written in one transaction (a document's text is most of its bytes)
BATCH_DOCS = 200
# documents an executor extracts together (``_extracted``): one Spark task's files
EXTRACT_BATCH = 32
# documents the driver extracts at a time while the JVM starts (``_while_starting``): few,
# so that it stops soon after the context is up
EARLY_BATCH = 8
# at most this many files extracted by the driver while the JVM starts (None: no limit; 0:
# every file goes to the executors, as the tests of the executors' path ask)
EARLY_MOST: int | None = None
# tasks per core in one wave of the job (``_outcomes``)
WAVE_TASKS = 4


class SparkUnavailable(RuntimeError):
    """Spark cannot run here: pyspark is not installed, Java is missing, or the master does not
    answer. The message is one line that says what to do."""


@dataclass(frozen=True)
class _Outcome:
    """What an executor sends back for one file: the document and its extraction, or the
    stored document it turned out to be (``unchanged``), or the reason it was refused."""

    index: int
    doc: Document | None = None
    extraction: Extraction | None = None
    unchanged: tuple[str, str, str | None, str | None] | None = None  # id, path, title, published
    error: str | None = None
    seconds: float = 0.0  # the time reading took (the rest of the limit is extraction's)


# --- executors -------------------------------------------------------------------------------

_MODELS: dict[str, object] = {}


def _models() -> None:
    """Load the parsers once per executor process (a module-level cache that outlives tasks,
    since PySpark reuses its Python workers), so that no task pays for loading them."""
    if _MODELS:
        return
    import custodes.extract.pipeline  # noqa: F401  (its imports: the vocabularies, dateparser)
    from custodes.extract.parsers import load_nlp

    _MODELS["en"] = load_nlp()


def _crash(path: str, e: BaseException) -> str:
    # the wording of ``cli._crash``: custodes' own bug, named as such, and the batch goes on
    if isinstance(e, MemoryError):
        return "out of memory while reading it"
    if isinstance(e, RecursionError):
        return "nested too deeply to read"
    detail = f"{e.__class__.__name__}: {e}".replace("\n", " ")[:300]
    return f"crash of custodes while reading {path}: {detail} (please report it)"


def _read(
    index: int,
    path: str,
    published: PartialDate | None,
    force: bool,
    limits: Limits,
    known: dict[str, str | None],
) -> _Outcome:
    """One file read as ``KnowledgeBase.ingest_file`` reads it (under the limits; a stored text
    not extracted again unless its date differs or ``force``): the document to extract, or
    ``unchanged``, or the reason it was refused."""
    from custodes.ingest.limits import DocumentTooSlow, deadline
    from custodes.ingest.paths import shown_path
    from custodes.ingest.read import ReadError, read_document

    started = time.monotonic()
    try:
        with deadline(limits.max_seconds):
            doc = read_document(path, published, limits)
    except (DocumentTooSlow, ReadError) as e:
        return _Outcome(index, error=str(e))
    except (Exception, MemoryError) as e:
        return _Outcome(index, error=_crash(shown_path(path), e))
    if doc.id in known:
        stored = known[doc.id]
        if not force and (published is None or stored == published.iso):
            return _Outcome(index, unchanged=(doc.id, doc.path, doc.title, stored))
    return _Outcome(index, doc=doc, seconds=time.monotonic() - started)


def _extract_one(out: _Outcome, limits: Limits) -> _Outcome:
    """One document extracted in what its time limit leaves after reading it."""
    from custodes.extract.pipeline import extract_many
    from custodes.ingest.limits import DocumentTooSlow, deadline
    from custodes.ingest.paths import shown_path

    assert out.doc is not None
    left = limits.max_seconds - out.seconds if limits.max_seconds else 0
    try:
        if limits.max_seconds and left <= 0:
            raise DocumentTooSlow(limits.max_seconds)
        with deadline(left):
            (extraction,) = extract_many([(out.doc.text, out.doc.published)])
    except DocumentTooSlow as e:
        return _Outcome(out.index, error=str(e))
    except (Exception, MemoryError) as e:
        return _Outcome(out.index, error=_crash(shown_path(out.doc.path), e))
    return replace(out, extraction=extraction)


def _extracted(outs: list[_Outcome], limits: Limits) -> list[_Outcome]:
    """``outs`` with their documents extracted, in order. The documents go to ``extract_many``
    together (their candidate sentences parsed in shared batches: a third faster than one by
    one, and the same events), within one document's time limit; should the batch fail or take
    longer, each is extracted again alone, under its own limit, so that only the bad one is
    refused, with its reason."""
    from custodes.extract.pipeline import extract_many
    from custodes.ingest.limits import DocumentTooSlow, deadline

    todo = [o for o in outs if o.doc is not None]
    if not todo:
        return outs
    try:
        with deadline(limits.max_seconds):
            got = extract_many([(o.doc.text, o.doc.published) for o in todo if o.doc])
        done = {o.index: replace(o, extraction=x) for o, x in zip(todo, got, strict=True)}
    except (DocumentTooSlow, Exception, MemoryError):
        done = {o.index: _extract_one(o, limits) for o in todo}
    return [done.get(o.index, o) for o in outs]


def _partition(
    items: Iterable[tuple[int, str]],
    published: PartialDate | None,
    force: bool,
    limits: Limits,
    known: dict[str, str | None],
) -> Iterator[_Outcome]:
    """A Spark partition's files, read one by one and extracted ``EXTRACT_BATCH`` at a time,
    in order (the driver's rows depend on it)."""
    _models()
    pending: list[_Outcome] = []
    for index, path in items:
        pending.append(_read(index, path, published, force, limits, known))
        if len(pending) >= EXTRACT_BATCH:
            yield from _extracted(pending, limits)
            pending = []
    yield from _extracted(pending, limits)


# --- the driver ------------------------------------------------------------------------------


def _why(e: BaseException) -> str:
    """The one line of a Spark error that says why: py4j's message is "An error occurred while
    calling o33.x" with the Java exception on the lines after it."""
    lines = [ln.strip() for ln in str(e).strip().splitlines() if ln.strip()]
    java = next((ln[2:] for ln in lines if ln.startswith(": ")), None)
    return (java or (lines[0] if lines else e.__class__.__name__))[:300]


@contextmanager
def _jvm_console() -> Iterator[None]:
    """While the JVM starts, standard error is /dev/null, which it keeps: Spark and the JVM
    print notices on every start that a custodes user has no use for, and its errors reach
    Python as exceptions anyway (one line each, below). ``CUSTODES_SPARK_LOG=1`` keeps the
    console, for debugging a cluster."""
    if os.environ.get("CUSTODES_SPARK_LOG"):
        yield
        return
    sys.stderr.flush()
    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def check(master: str) -> None:
    """``SparkUnavailable`` now, before anything starts, for a master URL Spark does not take
    or a missing pyspark: what can be told without starting the JVM."""
    if not MASTER.fullmatch(master):
        raise SparkUnavailable(
            f"--master {master!r}: local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL"
        )
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable(f"--engine spark needs pyspark: {INSTALL}") from None


def _context(master: str) -> Any:
    """The SparkContext for ``master`` (quiet: no UI, errors only), or ``SparkUnavailable``.
    A plain context, not a SparkSession: the job is RDDs of files, and Spark SQL would only
    add to the start."""
    check(master)
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setMaster(master).setAppName("custodes ingest")
    # Spark's own log on the console: errors only (its default prints warnings on every start)
    java = [
        f"-Dlog4j2.configurationFile={Path(__file__).parent / 'data' / 'spark-log4j2.properties'}"
    ]
    conf.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
    if master.startswith("local"):
        # the executors are this machine's Python workers: the same interpreter and packages
        # (on a cluster, the nodes' own Python with custodes installed: see the README)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # one thread per Python worker: Spark runs one per core already
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            conf.set(f"spark.executorEnv.{name}", os.environ.get(name, "1"))
        # here the JVM only passes bytes between Python processes: the quick compiler and one
        # collector thread leave the cores to the Python workers
        java += ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
        # the workers are forked with the parser already loaded (``custodes.spark_daemon``)
        conf.set("spark.python.daemon.module", "custodes.spark_daemon")
    conf.set("spark.driver.extraJavaOptions", " ".join(java))
    try:
        with _jvm_console():
            sc = SparkContext.getOrCreate(conf)
    except Exception as e:  # the JVM did not start (no Java) or the master did not answer
        raise SparkUnavailable(
            f"Spark could not start with master {master!r} ({_why(e)}); it needs Java 17 or later "
            "(`java -version`) and, for a cluster, a master that answers"
        ) from None
    sc.setLogLevel("ERROR")
    return sc


def start(master: str = DEFAULT_MASTER) -> None:
    """Check ``master`` and pyspark now (``SparkUnavailable``, before a caller shows anything)
    and begin starting the context in the background, for the next ``ingest_spark`` on that
    master: the seconds the JVM takes overlap what the caller does before (opening the
    knowledge base, listing files). An error starting it is raised by ``ingest_spark``."""
    check(master)
    if master not in _STARTED:
        _STARTED[master] = _Starting(master)


class _Starting:
    """The Spark context, started in a thread of its own (``_context``) so that the driver can
    work while the JVM starts; ``context()`` waits for it and raises what starting raised."""

    def __init__(self, master: str) -> None:
        self.master = master
        self._got: dict[str, Any] = {}
        self._thread = threading.Thread(target=self._start, name="custodes spark start")
        self._thread.daemon = True
        self._thread.start()

    def _start(self) -> None:
        try:
            self._got["context"] = _context(self.master)
        except BaseException as e:  # handed to the caller of ``context``
            self._got["error"] = e

    @property
    def ready(self) -> bool:
        return not self._thread.is_alive()

    def context(self) -> Any:
        self._thread.join()
        if "error" in self._got:
            raise self._got["error"]
        return self._got["context"]


# contexts being started by ``start``, for the next ``ingest_spark`` on each master
_STARTED: dict[str, _Starting] = {}


def _while_starting(
    starting: _Starting,
    files: list[Path],
    published: PartialDate | None,
    force: bool,
    limits: Limits,
    known: dict[str, str | None],
) -> list[_Outcome]:
    """The first files' outcomes, read and extracted by the driver itself for as long as the
    context takes to start, ``EARLY_BATCH`` files at a time, in local mode only (a cluster's
    executors have cores of their own). Starting the JVM keeps one core busy for seconds
    while the other waited: on two cores that start was a tenth of the job. The outcomes are
    those an executor gives (``_partition``), so the statements are the same."""
    out: list[_Outcome] = []
    if not starting.master.startswith("local"):
        return out
    most = len(files) if EARLY_MOST is None else min(EARLY_MOST, len(files))
    while not starting.ready and len(out) < most:
        first = len(out)
        chunk = [(i, str(files[i])) for i in range(first, min(first + EARLY_BATCH, most))]
        out.extend(_partition(chunk, published, force, limits, known))
    return out


def stop() -> None:
    """Stop this process's Spark session, if one runs (its JVM holds a gigabyte or so): for a
    long-lived caller; the CLI's process simply ends."""
    try:
        from pyspark import SparkContext
    except ImportError:
        return
    if SparkContext._active_spark_context is not None:
        SparkContext._active_spark_context.stop()


def _outcomes(
    sc: Any,
    files: list[Path],
    published: PartialDate | None,
    force: bool,
    limits: Limits,
    known: dict[str, str | None],
    per_task: int = EXTRACT_BATCH,
    first: int = 0,
    steal: bool = False,
) -> Iterator[_Outcome]:
    """Every file's outcome from ``first`` on, in file order. The files go in waves of a few
    partitions per core (``per_task`` files a partition), two waves in flight while the driver
    writes the one before: every core stays busy and the driver holds three waves at most,
    however large the corpus. (``toLocalIterator`` would keep memory as low but computes one
    partition at a time: one core.)

    With ``steal`` (local mode) the driver, whenever the wave it waits for is not done,
    extracts files itself, ``EARLY_BATCH`` at a time, from the back of the waves not yet
    sent (the executors take them from the front): while the executors' daemon loads its
    parser, and wherever a core would wait, the driver's work shortens the job."""
    items = [(i, str(files[i])) for i in range(first, len(files))]
    wave = max(1, sc.defaultParallelism * WAVE_TASKS * per_task)
    shared = sc.broadcast(known)

    def run(part: Iterable[tuple[int, str]]) -> Iterator[_Outcome]:
        return _partition(part, published, force, limits, shared.value)

    def collect(chunk: list[tuple[int, str]]) -> list[_Outcome]:
        tasks = -(-len(chunk) // per_task)
        return sc.parallelize(chunk, tasks).mapPartitions(run).collect()  # type: ignore[no-any-return]

    chunks = [items[k : k + wave] for k in range(0, len(items), wave)]
    # the driver's own work while it waits for a wave (``steal``): files taken from the back
    # of the waves not yet sent, their outcomes yielded at the end, in order
    stolen: list[_Outcome] = []
    sent = 0

    def send() -> Any:
        nonlocal sent
        sent += 1
        return pool.submit(collect, chunks[sent - 1])

    with ThreadPoolExecutor(max_workers=2) as pool:
        flying = deque(send() for _ in range(min(2, len(chunks))))
        try:
            while flying:
                # at most two waves of them held, so the driver's memory stays bounded
                while (
                    steal and not flying[0].done() and sent < len(chunks) and len(stolen) < 2 * wave
                ):
                    last = chunks[-1]
                    take, chunks[-1] = last[-EARLY_BATCH:], last[:-EARLY_BATCH]
                    if not chunks[-1]:
                        chunks.pop()
                    stolen[:0] = _partition(take, published, force, limits, known)
                done = flying.popleft().result()
                if sent < len(chunks):
                    flying.append(send())
                yield from done
        finally:
            if flying:  # the driver stopped early (an error while writing): stop the job too
                sc.cancelAllJobs()
    yield from stolen


@dataclass
class _Context:
    """The abbreviations and units ``KnowledgeBase.ingest_document`` reads from the knowledge
    base before each document (``kb._aliases``, ``kb._units``), kept up to date in memory as
    documents are added: each query's answer, in the order SQLite scans its rows (PostgreSQL
    answers ``_units``'s DISTINCT in an order of its own: where two organisations claim one
    unit, which wins may differ there even between two one-process ingests)."""

    aliases: dict[str, str]
    units: dict[str, str]
    alias_pairs: set[tuple[str, str]]
    unit_pairs: set[tuple[str, str | None]]

    @classmethod
    def of(cls, kb: KnowledgeBase | None) -> _Context:
        if kb is None:
            return cls({}, {}, set(), set())
        from sqlalchemy import select

        from custodes.store.schema import org_aliases, statements

        with kb.engine.connect() as conn:
            aliases, units = _aliases(conn), _units(conn)
            a = org_aliases.c
            pairs = {(r[0], r[1]) for r in conn.execute(select(a.alias_key, a.org_key))}
            s = statements.c
            q = select(s.unit, s.org).where(s.unit.is_not(None)).distinct()
            unit_pairs = {(r[0], r[1]) for r in conn.execute(q)}
        return cls(aliases, units, pairs, unit_pairs)

    def add(self, statement: list[dict[str, Any]], aliases: list[dict[str, Any]]) -> None:
        for r in statement:
            pair = (r["unit"], r["org"])
            if r["unit"] is not None and pair not in self.unit_pairs:
                self.unit_pairs.add(pair)
                if r["org"]:
                    self.units[unit_key(r["unit"])] = r["org"]
        for r in aliases:
            pair = (r["alias_key"], r["org_key"])
            if pair not in self.alias_pairs:
                self.alias_pairs.add(pair)
                self.aliases[r["alias_key"]] = r["org"]


def _document_rows(
    doc: Document, extraction: Extraction, now: datetime, ctx: _Context
) -> dict[str, list[dict[str, Any]]]:
    """The rows ``KnowledgeBase.ingest_document`` writes for one document, per table."""
    rows = statement_rows(doc, extraction, now, ctx.aliases, ctx.units)
    aliases = _alias_rows(sorted(extraction.abbreviations.items()), doc.id)
    out = {
        "documents": [_document_row(doc, extraction, now)],
        "statements": rows,
        "relations": relation_rows(doc, extraction, now),
        "org_aliases": aliases,
    }
    ctx.add(rows, aliases)  # last: a document that fails above leaves no trace, as a rollback
    return out


def ingest_spark(
    files: list[Path],
    kb: KnowledgeBase | None = None,
    parquet: Path | None = None,
    master: str = DEFAULT_MASTER,
    published: PartialDate | None = None,
    force: bool = False,
    limits: Limits | None = None,
    per_task: int | None = None,
    progress: Callable[[Path, IngestResult | str], None] | None = None,
    who: str | None = None,
) -> list[tuple[Path, IngestResult | str]]:
    """Read and extract ``files`` as a Spark job on ``master`` and write their statements into
    ``kb`` (bulk transactions, derived tables derived once) or into Parquet files in the folder
    ``parquet`` (what an ingest into an empty knowledge base would write). Each file's result,
    in order: an ``IngestResult`` or the reason it was refused; ``progress`` is called as each
    arrives. Raises ``SparkUnavailable``."""
    from sqlalchemy.exc import DataError

    from custodes.ingest.read import Limits

    if (kb is None) == (parquet is None):
        raise ValueError("ingest_spark writes into a knowledge base or Parquet files: one")
    limits = limits or Limits()
    known: dict[str, str | None] = {}
    if kb is not None:
        from sqlalchemy import select

        from custodes.store.schema import documents

        with kb.engine.connect() as conn:
            q = select(documents.c.id, documents.c.published)
            known = {r[0]: r[1] for r in conn.execute(q)}
    # the JVM starts while the driver extracts the first files; nothing is written before
    # the context is up, so a Spark that cannot start leaves the knowledge base untouched
    starting = _STARTED.pop(master, None) or _Starting(master)
    early = _while_starting(starting, files, published, force, limits, known)
    sc = starting.context()
    ctx = _Context.of(kb)
    now = datetime.now(UTC)
    who = who or _who()
    results: dict[int, tuple[Path, IngestResult | str]] = {}
    # documents whose rows wait for the next bulk write: (file index, rows, result)
    pending: list[tuple[int, dict[str, list[dict[str, Any]]], IngestResult]] = []
    seen: set[str] = set()
    writer = None
    if parquet is not None:
        from custodes.exchange.parquet import Writer

        writer = Writer(parquet)

    def done(index: int, r: IngestResult | str) -> None:
        results[index] = (files[index], r)
        if progress is not None:
            progress(files[index], r)

    def flush() -> None:
        nonlocal pending
        if writer is not None:
            writer.write(_merged(p[1] for p in pending))
        elif kb is not None and pending:
            _write(kb, pending, now, who, done)
            pending = []
            return
        for index, _rows, result in pending:
            done(index, result)
        pending = []

    if kb is not None:
        kb.derive_later()
    try:
        steal = master.startswith("local") and EARLY_MOST != 0
        later = _outcomes(
            sc, files, published, force, limits, known, per_task or EXTRACT_BATCH, len(early), steal
        )
        for out in chain(early, later):
            if out.error is not None:
                done(out.index, out.error)
                continue
            if out.unchanged is not None:
                doc_id, path, title, stored = out.unchanged
                done(out.index, IngestResult(doc_id, path, title, "unchanged", 0, 0, stored))
                continue
            doc, extraction = out.doc, out.extraction
            assert doc is not None and extraction is not None
            pub = doc.published.iso if doc.published else None
            if doc.id in known and kb is not None:
                # a stored text with a new date (or --force): derived again in its own
                # transaction, as the one-process ingest does; what it removed leaves the
                # context, so it is read again
                flush()
                try:
                    done(out.index, kb.rederive(doc, extraction, who))
                except DataError as e:  # this document's data, not the knowledge base
                    done(out.index, f"cannot be stored ({str(e.orig or e).splitlines()[0]})")
                ctx = _Context.of(kb)
                continue
            if doc.id in seen:  # the same text twice in this batch
                done(out.index, IngestResult(doc.id, doc.path, doc.title, "unchanged", 0, 0, pub))
                continue
            seen.add(doc.id)
            try:
                rows = _document_rows(doc, extraction, now, ctx)
            except Exception as e:  # custodes' own bug: say so, go on (as `ingest` does)
                done(out.index, _crash(doc.path, e))
                continue
            n_events, n_rows = len(extraction.events), len(rows["statements"])
            result = IngestResult(doc.id, doc.path, doc.title, "ingested", n_events, n_rows, pub)
            pending.append((out.index, rows, result))
            if len(pending) >= BATCH_DOCS:
                flush()
        flush()
    except BaseException as e:
        if writer is not None:
            writer.abort()
            writer = None
        if isinstance(e, Exception) and type(e).__module__.startswith(("py4j", "pyspark")):
            hint = "" if master.startswith("local") else f" (does the master {master} answer?)"
            raise SparkUnavailable(f"the Spark job failed: {_why(e)}{hint}") from None
        raise
    finally:
        if writer is not None:
            writer.close()
        if kb is not None:
            kb.derive_now()
    return [results[i] for i in sorted(results)]


def _merged(docs: Iterable[dict[str, list[dict[str, Any]]]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for rows in docs:
        for table, batch in rows.items():
            out.setdefault(table, []).extend(batch)
    return out


def _write(
    kb: KnowledgeBase,
    pending: list[tuple[int, dict[str, list[dict[str, Any]]], IngestResult]],
    now: datetime,
    who: str,
    done: Callable[[int, IngestResult | str], None],
) -> None:
    """The documents' rows in one bulk transaction, and their entries in the audit log (as
    ``ingest_document`` logs them). Should the knowledge base refuse the data of one of them
    (``DataError``: a value PostgreSQL cannot take), each is written alone and only that one is
    refused, with the reason, as the one-process ingest refuses it."""
    from sqlalchemy.exc import DataError

    def log(result: IngestResult) -> dict[str, Any]:
        payload = {
            "doc_id": result.doc_id,
            "path": result.path,
            "statements": result.n_statements,
            "events": result.n_events,
        }
        return {"at": now, "who": who, "action": "ingest", "payload": payload}

    try:
        kb.bulk_insert(_merged(p[1] for p in pending))
        stored = pending
    except DataError:
        stored = []
        for one in pending:
            try:
                kb.bulk_insert(one[1])
                stored.append(one)
            except DataError as e:
                done(one[0], f"cannot be stored ({str(e.orig or e).splitlines()[0]})")
    with kb.engine.begin() as conn:
        insert_rows(conn, changes, [log(r) for _i, _rows, r in stored])
    for index, _rows, result in stored:
        done(index, result)
