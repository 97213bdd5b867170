"""The command line: a thin layer that parses, opens the knowledge base, calls one library
function and formats the result.

Every command takes ``--db`` (default: ``$CUSTODES_DB``, else ``./custodes.db``); every analysis
takes ``--format table|json|csv``; dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import gc
import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy import inspect, select
from sqlalchemy.exc import DataError, DBAPIError

from custodes.analyses import UnknownName, conflicts, diff, roster, timeline
from custodes.extract.dates import PartialDate
from custodes.ingest.paths import shown_path
from custodes.render import Format, csv_cell, emit, to_csv
from custodes.store import IngestResult, KnowledgeBase, KnowledgeBaseError
from custodes.store.db import engine_for, sqlite_file
from custodes.store.schema import documents

if TYPE_CHECKING:
    from custodes.analyses.network import Network, Purge
    from custodes.ingest.read import Limits

app = typer.Typer(
    help="custodes: sourced records of who held which post in security institutions.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Files a folder contributes to `ingest`; a file named on the command line is always read.
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".pdf"}
DEMO_REPORT = "data/examples/kz-nsc-2022-ciss-report.txt"
DEMO_CASEFILE = "data/examples/kz-nsc-casefile.yaml"
DEMO_SCENARIO = "data/examples/kz-nsc-reforms.yaml"

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="CUSTODES_DB",
        help="knowledge base: a SQLite file, sqlite:// (memory) or a postgresql+psycopg:// URL",
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", help="output: table, json or csv")]
DateHelp = "YYYY, YYYY-MM or YYYY-MM-DD"
MinConfidence = Annotated[
    float,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="leave out statements below this confidence (calibrated: of the events given 0.9"
        " or more on development text, at least 90% are right)",
    ),
]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"custodes {version('custodes')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="print the version"),
    ] = None,
) -> None:
    """custodes: sourced records of who held which post in security institutions."""


def _date(value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as e:
        # one plain line (a usage error, exit code 2), not a panel that reads "[/b]" as markup
        raise _usage(f"{value!r} is not a date: {e} (use {DateHelp})") from e


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


def _printable(text: str) -> str:
    """Text that can be written to any terminal: a lone surrogate (from a file name that is not
    UTF-8, inside an exception's message) becomes U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _usage(message: str) -> typer.Exit:
    """A bad argument or a bad knowledge base: one line, exit code 2."""
    typer.echo(f"error: {_printable(message)}", err=True)
    return typer.Exit(2)


def _open_kb(db: str) -> KnowledgeBase:
    """The knowledge base, or one line saying why not (exit code 2)."""
    try:
        return KnowledgeBase.open(db)
    except KnowledgeBaseError as e:
        raise _usage(str(e)) from None


def _bad_kb(db: str, e: BaseException) -> typer.Exit:
    """A database error met while using a knowledge base (read-only, locked, damaged, server
    gone), as one line and exit code 2."""
    from custodes.store.guard import describe

    return _usage(describe(e, db))


def _existing_kb(db: str) -> KnowledgeBase:
    """An analysis reads a knowledge base that exists; it does not create an empty one."""
    file = sqlite_file(db)
    if file is not None and not file.exists():
        raise _usage(f"no knowledge base at {db} (run `custodes ingest FILE... --db {db}`)")
    return _open_kb(db)


@contextmanager
def _reading(db: str, must_exist: bool = True) -> Iterator[KnowledgeBase]:
    """A knowledge base for one command; a database error while it works (damaged pages,
    the server gone, locked, read-only) becomes one line and exit code 2."""
    kb = _existing_kb(db) if must_exist else _open_kb(db)
    try:
        yield kb
    except DBAPIError as e:
        raise _bad_kb(db, e) from None
    finally:
        kb.close()


def _argument_file_error(path: Path, e: Exception) -> str:
    """The reason a file given as an argument (case file, scenario) cannot be used."""
    if isinstance(e, UnicodeDecodeError):
        return f"{shown_path(path)}: not a text file (YAML expected)"
    if isinstance(e, OSError):
        return f"{shown_path(path)}: {e.strerror or e}"
    return str(e)


def _console(stderr: bool = False) -> Console:
    # soft_wrap: JSON, CSV and error lines must not be cut at the terminal width.
    # markup=False: names, titles, quotes and paths come from documents; "Marat [/b] Bekov"
    # is a name, not the end of a bold span. Styling is done with Text and styles, never
    # with markup in strings.
    return Console(soft_wrap=False, markup=False, stderr=stderr)


# from this many files on, `ingest` derives the tables once for the batch
BULK_INGEST = 20


def _files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files named, and the document files inside folders named (sorted, hidden ones skipped;
    symbolic links to folders are not followed, so a link loop cannot recur); and the folders
    that could not be read, each with its reason."""
    out: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    for p in paths:
        if not p.is_dir():
            out.append(p)
            continue

        def refused(e: OSError, top: Path = p) -> None:
            unreadable.append((Path(e.filename or top), f"cannot read folder ({e.strerror or e})"))

        found: list[Path] = []
        for root, dirs, names in os.walk(p, onerror=refused):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += (
                Path(root, n)
                for n in names
                if not n.startswith(".") and Path(n).suffix.lower() in DOCUMENT_SUFFIXES
            )
        out += sorted(found)
    return out, unreadable


def _error_line(console: Console, path: Path | str, reason: str) -> None:
    """``error: FILE: reason`` on one line: never markup, never a traceback."""
    console.print(
        f"error: {shown_path(path)}: {_printable(reason)}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def _crash(path: Path, e: BaseException) -> str:
    """The reason printed for a failure that is custodes' own bug: named as such, with the
    file, so that it can be reported, and the batch goes on."""
    if isinstance(e, MemoryError):
        return "out of memory while reading it"
    if isinstance(e, RecursionError):
        return "nested too deeply to read"
    detail = f"{e.__class__.__name__}: {e}".replace("\n", " ")[:300]
    return f"crash of custodes while reading {shown_path(path)}: {detail} (please report it)"


MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        envvar="CUSTODES_MAX_BYTES",
        min=0,
        help="refuse a document larger than this many bytes (0: no limit)",
    ),
]
MaxSeconds = Annotated[
    float,
    typer.Option(
        "--max-seconds",
        envvar="CUSTODES_MAX_SECONDS",
        min=0,
        help="stop reading one document after this many seconds (0: no limit)",
    ),
]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files or folders (text, HTML, PDF)")],
    published: Annotated[
        str | None, typer.Option(help=f"publication date for relative dates: {DateHelp}")
    ] = None,
    db: DbOption = "custodes.db",
    force: Annotated[
        bool,
        typer.Option("--force", help="derive the statements of documents already stored again"),
    ] = False,
    max_bytes: MaxBytes = 20_000_000,
    max_seconds: MaxSeconds = 60.0,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="process: read and extract here, one document at a time; spark: as a Spark job"
            " (pip install 'custodes[spark]'), statements written in bulk",
        ),
    ] = "process",
    master: Annotated[
        str | None,
        typer.Option(
            "--master", help="with --engine spark: the Spark master URL (default local[2])"
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            "--parquet",
            help="with --engine spark: write Parquet files into this folder, not the knowledge"
            " base (`custodes load DIR` imports them)",
        ),
    ] = None,
) -> None:
    """Read, extract and store documents. Each document is its own transaction, read under a
    size and a time limit; a bad file is reported as `error: FILE: reason` and the batch goes
    on. Exit code 0: every file read; 1: some refused; 2: a bad argument or knowledge base. A
    stored document given a new --published date (or --force) is re-derived in one
    transaction. With --engine spark, reading and extraction run as a Spark job (local[2], or
    the cluster --master names) and the statements are written in bulk: the same rows."""
    from custodes.ingest.read import Limits, ReadError

    pub = _date(published)
    limits = Limits(max_bytes=max_bytes, max_seconds=max_seconds)
    if engine not in {"process", "spark"}:
        raise _usage(f"--engine {engine!r}: process or spark")
    if engine != "spark" and (master or parquet):
        raise _usage("--master and --parquet go with --engine spark")
    files, unreadable = _files(paths)
    if engine == "spark":
        _ingest_spark(files, unreadable, pub, db, force, limits, master, parquet)
        return
    kb = _open_kb(db)
    err = _console(stderr=True)
    results: list[tuple[Path, IngestResult | str]] = []
    for folder, reason in unreadable:
        _error_line(err, folder, reason)
        results.append((folder, reason))
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    # a batch derives the knowledge base's tables once at its end, not once per document (each
    # document re-derives every tenure of the organisations it touches); killed half-way, the
    # next open derives them
    bulk = len(files) >= BULK_INGEST
    if bulk:
        kb.derive_later()
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))
        for f in files:
            progress.update(task, description=escape(shown_path(f.name)))
            try:
                res = kb.ingest_file(f, pub, force=force, limits=limits)
                results.append((f, res))
                if res.status != "unchanged" and res.published is None:
                    progress.console.print(
                        f"warning: {shown_path(f)}: no publication date found; relative dates "
                        "and undated events cannot be placed (give --published YYYY-MM-DD)",
                        markup=False,
                        highlight=False,
                        soft_wrap=True,
                    )
            except ReadError as e:
                _error_line(progress.console, f, str(e))
                results.append((f, str(e)))
            except DataError as e:  # this document's data, not the knowledge base
                reason = f"cannot be stored ({str(e.orig or e).splitlines()[0]})"
                _error_line(progress.console, f, reason)
                results.append((f, reason))
            except DBAPIError as e:
                kb.close()
                raise _bad_kb(db, e) from None
            except (Exception, MemoryError) as e:  # custodes' own bug: say so, go on
                _error_line(progress.console, f, _crash(f, e))
                results.append((f, _crash(f, e)))
            progress.advance(task)
        if bulk:
            progress.update(task, description="deriving identities and tenures")
            try:
                kb.derive_now()
            except KnowledgeBaseError as e:  # the documents are stored: say so, exit 1
                kb.close()
                raise _fail(str(e)) from None
    kb.close()
    _ingest_summary(results, _console())
    if any(isinstance(r, str) for _, r in results):
        raise typer.Exit(1)


def _ingest_spark(
    files: list[Path],
    unreadable: list[tuple[Path, str]],
    pub: PartialDate | None,
    db: str,
    force: bool,
    limits: Limits,
    master: str | None,
    parquet: Path | None,
) -> None:
    """`ingest --engine spark`: the job in ``custodes.spark``, its errors as one line each."""
    from custodes.spark import DEFAULT_MASTER, SparkUnavailable, ingest_spark, start

    if parquet is not None and parquet.exists() and not parquet.is_dir():
        raise _usage(f"--parquet {shown_path(parquet)}: not a folder")
    try:
        # a bad master or no pyspark: one line now; the JVM starts in the background while
        # the knowledge base opens and the driver extracts the first files
        start(master or DEFAULT_MASTER)
    except SparkUnavailable as e:
        raise _usage(str(e)) from None
    err = _console(stderr=True)
    results: list[tuple[Path, IngestResult | str]] = []
    for folder, reason in unreadable:
        _error_line(err, folder, reason)
        results.append((folder, reason))
    kb = _open_kb(db) if parquet is None else None
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    try:
        # the bar appears with the first result, when Spark is up: an error starting it is
        # then one line alone
        with ExitStack() as stack:
            bars: list[tuple[Progress, TaskID]] = []

            def shown(f: Path, r: IngestResult | str) -> None:
                if not bars:
                    bar = stack.enter_context(Progress(*columns, console=err, transient=True))
                    bars.append((bar, bar.add_task("ingesting", total=len(files))))
                bar, task = bars[0]
                bar.update(task, description=escape(shown_path(f.name)))
                if isinstance(r, str):
                    _error_line(bar.console, f, r)
                elif r.status != "unchanged" and r.published is None:
                    bar.console.print(
                        f"warning: {shown_path(f)}: no publication date found; relative dates "
                        "and undated events cannot be placed (give --published YYYY-MM-DD)",
                        markup=False,
                        highlight=False,
                        soft_wrap=True,
                    )
                bar.advance(task)

            results += ingest_spark(
                files,
                kb=kb,
                parquet=parquet,
                master=master or DEFAULT_MASTER,
                published=pub,
                force=force,
                limits=limits,
                progress=shown,
            )
    except SparkUnavailable as e:
        raise _usage(str(e)) from None
    except KnowledgeBaseError as e:  # the documents are stored, their tenures not derived
        raise _fail(str(e)) from None
    except OSError as e:  # the Parquet folder
        raise _usage(f"cannot write {shown_path(parquet or Path(db))}: {e.strerror or e}") from None
    except DBAPIError as e:
        raise _bad_kb(db, e) from None
    finally:
        if kb is not None:
            kb.close()
    _ingest_summary(results, _console())
    if parquet is not None:
        _console().print(Text(f"Parquet files in {shown_path(parquet)} (custodes load it)"))
    if any(isinstance(r, str) for _, r in results):
        raise typer.Exit(1)


def _ingest_summary(results: list[tuple[Path, IngestResult | str]], console: Console) -> None:
    # Text cells: a file name or title is never read as markup ("y[/].txt", "[/b]")
    table = Table("file", "status", "events", "statements", "title", title="Ingest")
    for f, r in results:
        if isinstance(r, str):
            table.add_row(Text(shown_path(f)), Text("error", style="red"), "", "", Text(r))
        else:
            style = "dim" if r.status == "unchanged" else "green"
            table.add_row(
                Text(shown_path(f)),
                Text(r.status, style=style),
                str(r.n_events),
                str(r.n_statements),
                Text(r.title or ""),
            )
    console.print(table)
    counts = {s: 0 for s in ("ingested", "re-derived", "unchanged", "failed")}
    for _, r in results:
        counts["failed" if isinstance(r, str) else r.status] += 1
    console.print(", ".join(f"{n} {s}" for s, n in counts.items() if n or s != "re-derived"))


@app.command("roster")
def roster_cmd(
    org: Annotated[str, typer.Argument(help="organisation name or abbreviation (NSC, KNB …)")],
    on: Annotated[str, typer.Option("--on", help=f"date: {DateHelp}")],
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Posts and holders of an organisation on a date, with vacancies, seats and conflicts."""
    day = _date(on)
    assert day is not None
    with _reading(db) as kb:
        try:
            result = roster(kb.view(min_confidence), org, day)
        except UnknownName as e:
            raise _usage(str(e)) from e
    emit(result, format, _console())


@app.command("diff")
def diff_cmd(
    org: Annotated[str, typer.Argument(help="organisation name or abbreviation")],
    d1: Annotated[str, typer.Option("--from", help=f"date: {DateHelp}")],
    d2: Annotated[str, typer.Option("--to", help=f"date: {DateHelp}")],
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Who left and who came between two dates, where they went or came from, and turnover."""
    a, b = _date(d1), _date(d2)
    assert a is not None and b is not None
    with _reading(db) as kb:
        try:
            result = diff(kb.view(min_confidence), org, a, b)
        except UnknownName as e:
            raise _usage(str(e)) from e
    emit(result, format, _console())


@app.command("timeline")
def timeline_cmd(
    name: Annotated[str, typer.Argument(help="a person (full name or surname) or an organisation")],
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Every event and roster claim of a person or organisation, in date order, with quotes."""
    with _reading(db) as kb:
        try:
            result = timeline(kb.view(min_confidence), name)
        except UnknownName as e:
            raise _usage(str(e)) from e
    emit(result, format, _console())


@app.command("conflicts")
def conflicts_cmd(
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
    min_confidence: MinConfidence = 0.0,
) -> None:
    """Contradicting claims side by side with their sources."""
    with _reading(db) as kb:
        result = conflicts(kb.view(min_confidence))
    emit(result, format, _console())


@app.command("people")
def people_cmd(db: DbOption = "custodes.db", format: FormatOption = Format.table) -> None:
    """People with every spelling they go by (across scripts), and counts of documents,
    events and roster claims."""
    from custodes.analyses import people

    with _reading(db) as kb:
        result = people(kb.view())
    emit(result, format, _console())


@app.command("orgs")
def orgs_cmd(db: DbOption = "custodes.db", format: FormatOption = Format.table) -> None:
    """Organisations with the names and abbreviations their statements use, and counts."""
    from custodes.analyses import orgs

    with _reading(db) as kb:
        result = orgs(kb.view())
    emit(result, format, _console())


def _decide(kind: str, a: str, b: str, undo: bool, who: str | None, db: str) -> None:
    with _reading(db) as kb:
        try:
            status = kb.decide(kind, a, b, who=who, undo=undo)
        except ValueError as e:
            raise _fail(str(e)) from e
    if kind == "split":
        _console().print(f"{a}: a person of its own — {status}")
        return
    verb = "one person" if kind == "merge" else "not the same person"
    _console().print(f"{a} / {b}: {verb} — {status}")


@app.command("merge")
def merge_cmd(
    a: Annotated[str, typer.Argument(help="a person's name, as written in any source")],
    b: Annotated[str, typer.Argument(help="another name of the same person")],
    undo: Annotated[bool, typer.Option("--undo", help="withdraw this decision")] = False,
    who: Annotated[str | None, typer.Option(help="who decides (default: $CUSTODES_USER)")] = None,
    db: DbOption = "custodes.db",
) -> None:
    """Record that two names are one person (kept with who and when; reversible)."""
    _decide("merge", a, b, undo, who, db)


@app.command("not-same")
def not_same_cmd(
    a: Annotated[str, typer.Argument(help="a person's name")],
    b: Annotated[str, typer.Argument(help="a name that is never the same person")],
    undo: Annotated[bool, typer.Option("--undo", help="withdraw this decision")] = False,
    who: Annotated[str | None, typer.Option(help="who decides (default: $CUSTODES_USER)")] = None,
    db: DbOption = "custodes.db",
) -> None:
    """Record that two names are never the same person, whatever the spelling suggests."""
    _decide("not_same", a, b, undo, who, db)


def _picture_of(result: object, picture: Path | None, console: Console) -> None:
    from custodes.analyses.institutions import Institutions
    from custodes.analyses.network import Purge

    if picture is None:
        return
    from custodes.pictures import draw_institutions, draw_network

    try:
        if isinstance(result, Institutions):
            out = draw_institutions(result, picture)
        elif isinstance(result, Purge):
            out = draw_network(result_network(result), picture, purge=result)
        else:
            out = draw_network(result, picture)  # type: ignore[arg-type]
    except ValueError as e:
        raise _usage(str(e)) from e
    except OSError as e:  # a folder that does not exist or cannot be written
        raise _usage(f"cannot write the picture {shown_path(picture)}: {e.strerror or e}") from e
    console.print(f"picture: {out}")


def result_network(p: Purge) -> Network:
    """The ties a purge used, as a network to draw."""
    from custodes.analyses.network import Network

    people = sorted({x for t in p.ties for x in (t.person, t.other)})
    return Network(people, p.ties, [])


def _emit_map(result: object, format: Format, console: Console) -> None:
    from custodes.analyses.institutions import Institutions
    from custodes.analyses.network import Network, Purge
    from custodes.institutions import Measures
    from custodes.render_institutions import (
        institutions_tables,
        network_tables,
        oversight_tables,
        purge_tables,
        rows_of,
        scenario_tables,
        to_json,
    )
    from custodes.scenario import ScenarioResult

    if format == Format.json:
        console.file.write(to_json(result) + "\n")
        return
    if format == Format.csv:
        console.file.write(to_csv(rows_of(result)))
        return
    tables = {
        Institutions: institutions_tables,
        Measures: oversight_tables,
        ScenarioResult: scenario_tables,
        Network: network_tables,
        Purge: purge_tables,
    }[type(result)]
    for t in tables(result):  # type: ignore[operator]
        console.print(t)


CountryOption = Annotated[
    str | None, typer.Option("--country", help="ISO code, when the knowledge base holds several")
]
PictureOption = Annotated[
    Path | None, typer.Option("--picture", help="also draw it: a .svg or .png file")
]


@app.command("casefile")
def casefile_cmd(
    files: Annotated[list[Path], typer.Argument(help="case files (YAML, docs/casefile.md)")],
    db: DbOption = "custodes.db",
) -> None:
    """Validate and store analysts' case files: institutional statements with sources."""
    from custodes.casefile import CasefileError

    console = _console()
    bad = 0
    with _reading(db, must_exist=False) as kb:
        for f in files:
            try:
                r = kb.ingest_casefile(f)
            except (CasefileError, OSError, UnicodeDecodeError) as e:
                bad += 1
                typer.echo(f"error: {_printable(_argument_file_error(f, e))}", err=True)
                continue
            except ValueError as e:  # a date the case file gives that is no date
                bad += 1
                typer.echo(f"error: {shown_path(f)}: {_printable(str(e))}", err=True)
                continue
            console.print(Text(f"{shown_path(f)}: {r.status}, {r.n_statements} statements"))
    if bad:
        raise typer.Exit(1)


@app.command("institutions")
def institutions_cmd(
    on: Annotated[str, typer.Option("--on", help=f"date: {DateHelp}")],
    country: CountryOption = None,
    picture: PictureOption = None,
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
) -> None:
    """The institutional map on a date: hierarchy, subordination, functions and powers,
    budgets and shares."""
    from custodes.analyses.institutions import institutions

    day = _date(on)
    assert day is not None
    with _reading(db) as kb:
        try:
            result = institutions(kb.view(), day, country)
        except UnknownName as e:
            raise _usage(str(e)) from e
    console = _console()
    _emit_map(result, format, console)
    _picture_of(result, picture, _console(stderr=True) if format != Format.table else console)


@app.command("oversight")
def oversight_cmd(
    on: Annotated[str, typer.Option("--on", help=f"date: {DateHelp}")],
    country: CountryOption = None,
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
) -> None:
    """Who controls the controllers: superiors, head appointers, overseers and their
    independence, capture risk, concentration and double control."""
    from custodes.analyses.institutions import oversight

    day = _date(on)
    assert day is not None
    with _reading(db) as kb:
        try:
            result = oversight(kb.view(), day, country)
        except UnknownName as e:
            raise _usage(str(e)) from e
    _emit_map(result, format, _console())


@app.command("scenario")
def scenario_cmd(
    file: Annotated[Path, typer.Argument(help="a reform scenario (YAML, docs/casefile.md)")],
    on: Annotated[
        str | None, typer.Option("--on", help="the map's date (default: the file's)")
    ] = None,
    country: CountryOption = None,
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
) -> None:
    """Apply a reform to the institutional map and show every measure before and after."""
    from custodes.casefile import CasefileError
    from custodes.scenario import ScenarioError, run_scenario

    with _reading(db) as kb:
        view = kb.view()
        try:
            result = run_scenario(view.relations(), file, view.org_resolution(), _date(on), country)
        except (ScenarioError, CasefileError, OSError, UnicodeDecodeError) as e:
            raise _usage(_argument_file_error(file, e)) from e
        except ValueError as e:  # a date in the scenario that is no date ("on: 2022-13-45")
            raise _usage(f"{shown_path(file)}: {e}") from e
    _emit_map(result, format, _console())


@app.command("network")
def network_cmd(
    on: Annotated[
        str | None, typer.Option("--on", help=f"only ties in force then: {DateHelp}")
    ] = None,
    picture: PictureOption = None,
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
) -> None:
    """Ties between people (kin, patron/client, associate, classmate, proxy) and the circles
    they form."""
    from custodes.analyses.network import network

    with _reading(db) as kb:
        result = network(kb.view(), _date(on))
    console = _console()
    _emit_map(result, format, console)
    _picture_of(result, picture, _console(stderr=True) if format != Format.table else console)


@app.command("purge")
def purge_cmd(
    org: Annotated[str, typer.Argument(help="organisation name or abbreviation")],
    d1: Annotated[str, typer.Option("--from", help=f"before: {DateHelp}")],
    d2: Annotated[str, typer.Option("--to", help=f"after: {DateHelp}")],
    picture: PictureOption = None,
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
) -> None:
    """Who left an organisation grouped by their ties, who came grouped by where they came
    from, and the career flows between agencies."""
    from custodes.analyses.network import purge

    a, b = _date(d1), _date(d2)
    assert a is not None and b is not None
    with _reading(db) as kb:
        try:
            result = purge(kb.view(), org, a, b)
        except UnknownName as e:
            raise _usage(str(e)) from e
    console = _console()
    _emit_map(result, format, console)
    _picture_of(result, picture, _console(stderr=True) if format != Format.table else console)


@app.command("split")
def split_cmd(
    name: Annotated[str, typer.Argument(help="a spelling that resolution wrongly grouped")],
    undo: Annotated[bool, typer.Option("--undo", help="withdraw this decision")] = False,
    who: Annotated[str | None, typer.Option(help="who decides (default: $CUSTODES_USER)")] = None,
    db: DbOption = "custodes.db",
) -> None:
    """Take one spelling out of the person resolution grouped it with: it is a person of its own."""
    _decide("split", name, None, undo, who, db)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="text, HTML or PDF files")],
    format: Annotated[
        str,
        typer.Option("--format", help="jsonl (one JSON object per event) or csv (one row each)"),
    ] = "jsonl",
    published: Annotated[str | None, typer.Option(help=f"publication date: {DateHelp}")] = None,
    db: Annotated[
        str,
        typer.Option(
            "--db",
            envvar="CUSTODES_DB",
            help="accepted like every command's; extract reads no knowledge base, writes none",
        ),
    ] = "custodes.db",
    min_confidence: MinConfidence = 0.0,
    max_bytes: MaxBytes = 20_000_000,
    max_seconds: MaxSeconds = 60.0,
) -> None:
    """Extract personnel events from files without a knowledge base (one JSON object per event).
    Each file is read under the same limits as `ingest`; a bad one is `error: FILE: reason`."""
    from custodes.extract.pipeline import extract_many
    from custodes.ingest.limits import DocumentTooSlow, deadline
    from custodes.ingest.read import Limits, ReadError, read_document

    if format not in {"jsonl", "csv"}:
        raise _usage(f"--format {format!r}: extract writes jsonl or csv")
    pub = _date(published)
    limits = Limits(max_bytes=max_bytes, max_seconds=max_seconds)
    err = _console(stderr=True)
    failed = 0
    rows = _ExtractCsv() if format == "csv" else None
    for f in files:
        try:
            with deadline(limits.max_seconds):
                doc = read_document(f, pub, limits)
                (res,) = extract_many([(doc.text, doc.published)])
        except ReadError as e:
            _error_line(err, f, str(e))
            failed += 1
            continue
        except DocumentTooSlow as e:
            _error_line(err, f, str(e))
            failed += 1
            continue
        except (Exception, MemoryError) as e:  # custodes' own bug: say so, go on
            _error_line(err, f, _crash(f, e))
            failed += 1
            continue
        for ev in res.events:
            if round(ev.confidence, 2) < min_confidence:  # as printed
                continue
            if rows is not None:
                rows.writerow({k: csv_cell(v) for k, v in ev.to_json(doc=shown_path(f)).items()})
                continue
            line = json.dumps(ev.to_json(doc=shown_path(f)), ensure_ascii=False)
            sys.stdout.write(line + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def demo(
    db: Annotated[
        str, typer.Option("--db", help="SQLite file for the demo (recreated; not $CUSTODES_DB)")
    ] = "custodes-demo.db",
) -> None:
    """Ingest the bundled CISS report into a fresh knowledge base and show the NSC before and
    after January 2022: rosters on 5 January and 16 February, the diff and the conflicts; then,
    with the example case file, who controls the controllers, the report's five reform
    proposals measured before and after, and the purge read through people's ties."""
    from importlib import resources

    from custodes.analyses.institutions import oversight
    from custodes.analyses.network import purge
    from custodes.ingest.read import read_document

    console = _console()
    src = resources.files("custodes").joinpath(DEMO_REPORT)
    with resources.as_file(src) as path:
        doc = read_document(path)
        from custodes.ingest.read import document_id

        case_text = resources.files("custodes").joinpath(DEMO_CASEFILE).read_text("utf-8")
        _fresh_demo_db(db, {doc.id, document_id(case_text)})
        with _reading(db, must_exist=False) as kb:
            result = kb.ingest_file(path)
            view = kb.view()
            console.print(
                Text.assemble(
                    (doc.title or "", "bold"),
                    f" — published {doc.published.iso if doc.published else '?'}"
                    f"; {result.n_events} events, {result.n_statements} statements → {db}",
                )
            )
            for on in ("2022-01-05", "2022-02-16"):
                emit(roster(view, "NSC", PartialDate.parse(on)), Format.table, console)
            d1, d2 = PartialDate.parse("2022-01-05"), PartialDate.parse("2022-02-16")
            emit(diff(view, "NSC", d1, d2), Format.table, console)
            console.print(Text("Conflicts", style="bold"))
            emit(conflicts(view), Format.table, console)
            # the institutional map: the report's own statements plus its example case file
            from custodes.scenario import run_scenario

            case = resources.files("custodes").joinpath(DEMO_CASEFILE)
            reform = resources.files("custodes").joinpath(DEMO_SCENARIO)
            with resources.as_file(case) as case_path, resources.as_file(reform) as reform_path:
                kb.ingest_casefile(case_path)
                view = kb.view()
                before = oversight(view, PartialDate.parse("2021-12-31"))
                _emit_map(before, Format.table, console)
                nsc = before.agency("National Security Committee")
                share = next(
                    s.share for s in before.concentration.budget_shares if s.agency == nsc.agency
                )
                console.print(
                    f"On 2021-12-31 the National Security Committee answers to "
                    f"{nsc.superiors[0]}; capture risk: {'yes' if nsc.capture_risk else 'no'} "
                    f"({', '.join(sorted({c.whom for c in nsc.capture}))}); budget share "
                    f"{share:.0%}, effective number of agencies "
                    f"{before.concentration.effective_number:.2f}.",
                    soft_wrap=True,
                )
                after = oversight(view, PartialDate.parse("2022-01-06"))
                nsc = after.agency("National Security Committee")
                console.print(
                    f"On 2022-01-06 the National Security Committee answers to {nsc.superiors[0]}.",
                    soft_wrap=True,
                )
                result = run_scenario(view.relations(), reform_path, view.org_resolution())
                _emit_map(result, Format.table, console)
            _emit_map(purge(view, "NSC", d1, d2), Format.table, console)
    console.print(
        f"Try: custodes timeline Kunanbayev --db {db}; custodes institutions --on 2021-12-31 "
        f"--picture map.svg --db {db}; the workbench in a browser: custodes serve --db {db}"
    )


def _fresh_demo_db(db: str, demo_ids: set[str]) -> None:
    """Delete the demo database, but only one that holds nothing except the demo report: the
    demo must never destroy an analyst's knowledge base given by mistake."""
    path = Path(db)
    if "://" in db or not path.exists():
        return
    engine = engine_for(db)
    try:
        with engine.connect() as conn:
            known = inspect(conn).has_table("documents")
            ids = {r.id for r in conn.execute(select(documents.c.id))} if known else set()
    except DBAPIError:
        known, ids = False, set()
    finally:
        engine.dispose()
    if (not known and path.stat().st_size > 0) or ids - demo_ids:
        raise _usage(f"{db} holds other data; give the demo its own --db")
    path.unlink()


# --- issue 11: review of statements (accept / reject / edit, reversible) and the workbench ---

StatementId = Annotated[str, typer.Argument(help="a statement id, or its first characters")]
WhoOption = Annotated[str | None, typer.Option(help="who decides (default: $CUSTODES_USER)")]
UndoReview = Annotated[
    bool, typer.Option("--undo", help="withdraw the statement's standing review instead")
]


class ReviewStatus(StrEnum):
    """``custodes review --status``: which statements (``analyses.review.STATUSES``)."""

    unreviewed = "unreviewed"
    accepted = "accepted"
    rejected = "rejected"
    edited = "edited"
    all = "all"


@app.command("review")
def review_cmd(
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=10**9, help="show at most this many")
    ] = 50,
    status: Annotated[
        ReviewStatus,
        typer.Option("--status", help="which statements: unreviewed (default), accepted, …"),
    ] = ReviewStatus.unreviewed,
    offset: Annotated[
        int, typer.Option("--offset", min=0, max=10**9, help="skip this many first")
    ] = 0,
    db: DbOption = "custodes.db",
    format: FormatOption = Format.table,
) -> None:
    """Statements to review: those in a conflict first, then the lowest confidence, then the
    newest. Then `custodes accept|reject ID` or `custodes edit ID --date … --person …`;
    `--status rejected` (accepted, edited, all) lists those already reviewed."""
    import dataclasses

    from custodes.analyses.review import review_queue

    with _reading(db) as kb:
        items = review_queue(kb.view(), limit, status=status.value, offset=offset)
    console = _console()
    if format == Format.json:
        typer.echo(json.dumps([dataclasses.asdict(i) for i in items], ensure_ascii=False, indent=2))
        return
    if format == Format.csv:
        rows = [
            {k: v for k, v in dataclasses.asdict(i).items() if k != "conflicts"}
            | {"conflicts": "; ".join(i.conflicts)}
            for i in items
        ]
        typer.echo(to_csv(rows), nl=False)
        return
    table = Table(title=f"Review queue: {status.value} ({len(items)} shown)")
    for col in ("id", "claim", "date", "conf.", "quote", "why first"):
        table.add_column(col)
    for i in items:
        claim = " ".join(x for x in (i.event_type or i.kind, i.person, i.post, i.org) if x)
        table.add_row(
            i.statement_id[:10],
            Text(claim),
            i.date or "",
            f"{i.confidence:.2f}",
            Text(i.quote[:120]),
            Text("conflict: " + "; ".join(i.conflicts) if i.conflicts else ""),
        )
    console.print(table)


def _review(
    action: str, ref: str, undo: bool, who: str | None, db: str, **edits: str | None
) -> None:
    from custodes.store import ReviewError

    with _reading(db) as kb:
        try:
            if undo:
                result = kb.undo_review(ref, who=who)
            elif action == "edit":
                result = kb.edit(ref, who=who, **edits)
            else:
                result = getattr(kb, action)(ref, who=who)
        except ReviewError as e:
            raise _usage(str(e)) from None
    n = len(result.statement_ids)
    what = "undo" if undo else action
    _console().print(
        f"{result.statement_id[:10]}: {what} — {result.status}"
        + (f" ({n} statements of one event)" if n > 1 else "")
    )


@app.command("accept")
def accept_cmd(
    ref: StatementId, undo: UndoReview = False, who: WhoOption = None, db: DbOption = "custodes.db"
) -> None:
    """Accept a statement (every post of its event): the analyst read the quote and agrees."""
    _review("accept", ref, undo, who, db)


@app.command("reject")
def reject_cmd(
    ref: StatementId, undo: UndoReview = False, who: WhoOption = None, db: DbOption = "custodes.db"
) -> None:
    """Reject a statement (every post of its event): no analysis counts it any more."""
    _review("reject", ref, undo, who, db)


@app.command("edit")
def edit_cmd(
    ref: StatementId,
    person: Annotated[str | None, typer.Option(help="the person, as it should read")] = None,
    post: Annotated[str | None, typer.Option(help="the post's title (Deputy Chairman …)")] = None,
    org: Annotated[str | None, typer.Option(help="the organisation")] = None,
    date: Annotated[str | None, typer.Option(help=f"the date: {DateHelp}")] = None,
    precision: Annotated[
        str | None, typer.Option(help="coarsen the date to year or month (or day)")
    ] = None,
    undo: UndoReview = False,
    who: WhoOption = None,
    db: DbOption = "custodes.db",
) -> None:
    """Correct a statement: person and date for its whole event, post and organisation for
    this post. The extracted values are kept; `--undo` brings them back."""
    _review(
        "edit",
        ref,
        undo,
        who,
        db,
        person=person,
        title=post,
        org=org,
        date=date,
        precision=precision,
    )


@app.command("serve")
def serve_cmd(
    db: DbOption = "custodes.db",
    host: Annotated[str, typer.Option(help="address to listen on (only this machine)")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="port", min=1, max=65535)] = 8000,
) -> None:
    """The workbench in a browser: documents, review queue, people, organisations, conflicts,
    network, search; JSON under /api/ (OpenAPI at /openapi.json). Writes need the token
    (`$CUSTODES_TOKEN`, else one made now and printed once)."""

    import uvicorn

    from custodes.web import create_app

    _existing_kb(db).close()
    token = os.environ.get("CUSTODES_TOKEN") or None
    web = create_app(db, token)
    shown = "$CUSTODES_TOKEN" if token else web.state.token
    typer.echo(
        f"custodes workbench on {db}: open http://{host}:{port}/?token={shown}\n"
        f"API writes: Authorization: Bearer {shown}"
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")


# --- issue 10: derived tables ----------------------------------------------------------------


@app.command("rebuild")
def rebuild_cmd(db: DbOption = "custodes.db") -> None:
    """Derive identities, organisations and tenures again from every statement and decision
    (the tables writes keep up to date; for a knowledge base written by another tool)."""
    import time

    from sqlalchemy.exc import DBAPIError

    kb = _existing_kb(db)
    started = time.perf_counter()
    try:
        counts = kb.derive_now()
    except KnowledgeBaseError as e:
        raise _fail(str(e)) from None
    except DBAPIError as e:
        raise _bad_kb(db, e) from None
    finally:
        kb.close()
    took = time.perf_counter() - started
    _console().print(
        f"rebuilt: {counts['names']:,} spellings, {counts['organisations']:,} organisations, "
        f"{counts['tenures']:,} tenures in {took:.1f} s"
    )


# ---- issue 12: exchange with the analyst's other tools; examples in every command's help ----


class _ExtractCsv:
    """CSV rows of ``extract``, written as they come: the header is the first event's keys
    (the stable extract keys and the rest of ``Event.to_json``), like a JSON line's."""

    def __init__(self) -> None:
        self._writer: csv.DictWriter[str] | None = None

    def writerow(self, row: dict[str, object]) -> None:
        if self._writer is None:
            self._writer = csv.DictWriter(sys.stdout, fieldnames=list(row), lineterminator="\n")
            self._writer.writeheader()
        self._writer.writerow(row)


# One example per command, shown under its --help (tests/test_exchange_cli.py checks that every
# command has one and that it names the command).
EXAMPLES = {
    "ingest": "custodes ingest reports/ --published 2022-02-16; a corpus: custodes ingest"
    " archive/ --engine spark --master spark://head:7077 --parquet corpus-parquet/",
    "roster": "custodes roster NSC --on 2022-01-05 --format csv",
    "diff": "custodes diff NSC --from 2022-01-05 --to 2022-02-16",
    "timeline": "custodes timeline Kunanbayev --format json",
    "conflicts": "custodes conflicts --min-confidence 0.5",
    "people": "custodes people --format csv",
    "orgs": "custodes orgs --format json",
    "merge": 'custodes merge "Karim Massimov" "Карим Масимов" --who analyst',
    "not-same": 'custodes not-same "Anuar Kunanbayev" "Berik Kunanbayev"',
    "split": 'custodes split "K. Massimov"',
    "casefile": "custodes casefile examples/kz-nsc-casefile.yaml",
    "institutions": "custodes institutions --on 2021-12-31 --picture map.svg",
    "oversight": "custodes oversight --on 2022-01-06 --format csv",
    "scenario": "custodes scenario examples/kz-nsc-reforms.yaml",
    "network": "custodes network --on 2021-12-31 --format json",
    "purge": "custodes purge NSC --from 2022-01-05 --to 2022-02-16",
    "extract": "custodes extract report.txt --format csv --published 2022-02-16",
    "demo": "custodes demo --db custodes-demo.db",
    "export": "custodes export --format ftm --on 2022-01-05 --org NSC --out nsc.ftm.json",
    "load": "custodes load kb.jsonl --db copy.db; Parquet: custodes load corpus-parquet/",
    "import": "custodes import peps.ftm.json --db custodes.db",
    "review": "custodes review --status rejected --limit 20",
    "accept": "custodes accept 3f9a2c71d0",
    "reject": "custodes reject 3f9a2c71d0",
    "edit": "custodes edit 3f9a2c71d0 --date 2022-01-06 --precision day",
    "serve": "custodes serve --db custodes-demo.db --port 8000",
    "rebuild": "custodes rebuild --db custodes.db",
}


def _add_examples() -> None:
    for info in app.registered_commands:
        name = info.name or (info.callback.__name__ if info.callback else "")
        if name in EXAMPLES:
            info.epilog = f"Example: {EXAMPLES[name]}"


@contextmanager
def _output(out: Path | None) -> Iterator[typer.FileTextWrite]:
    """Where an export goes: the file ``--out`` names, else standard output."""
    if out is None:
        yield sys.stdout  # type: ignore[misc]
        return
    try:
        fh = out.open("w", encoding="utf-8", newline="")
    except OSError as e:
        raise _usage(f"cannot write {shown_path(out)}: {e.strerror or e}") from e
    with fh:
        yield fh  # type: ignore[misc]


EXPORT_FORMATS = ("jsonl", "ftm", "csv", "graphml", "gexf", "quickstatements")


@app.command("export")
def export_cmd(
    format: Annotated[
        str, typer.Option("--format", help=f"one of: {', '.join(EXPORT_FORMATS)}")
    ] = "jsonl",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="file to write (default: standard output); csv: a folder (custodes-export)",
        ),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help=f"only what holds on this date: {DateHelp}")
    ] = None,
    org: Annotated[str | None, typer.Option("--org", help="only this organisation")] = None,
    qids: Annotated[
        Path | None,
        typer.Option("--qids", help="quickstatements: the Wikidata items of people and posts"),
    ] = None,
    db: DbOption = "custodes.db",
) -> None:
    """Export the record for other tools. jsonl is the lossless dump (every document,
    statement with its evidence, institutional statement, abbreviation and analysts'
    decision), which `custodes load` reads back; ftm is FollowTheMoney entities (Person,
    PublicBody, Position, Occupancy, Family, Associate, Membership, Documentation) whose every
    value keeps its provenance in FtM statements; csv is one tidy table per kind with a
    Frictionless datapackage.json; graphml and gexf are the network with dated edges;
    quickstatements is Wikidata P39 claims (P580/P582, a reference each) for the items --qids
    names."""
    from custodes.exchange import jsonl

    if format not in EXPORT_FORMATS:
        raise _usage(f"--format {format!r}: one of {', '.join(EXPORT_FORMATS)}")
    if format == "jsonl" and (on or org):
        raise _usage("jsonl is the whole record; --on and --org apply to the other formats")
    if (format == "quickstatements") != (qids is not None):
        raise _usage("--qids FILE goes with --format quickstatements (and it needs one)")
    day = _date(on)
    with _reading(db) as kb:
        view = kb.view()
        if format == "jsonl":
            with _output(out) as fh:
                jsonl.dump(view, fh)
            return
        from custodes.exchange import csvpackage, ftm, graph, tables

        try:
            if format == "ftm":
                entities = ftm.build(view, day, org)
            else:
                record = tables.record(view, day, org)
        except UnknownName as e:
            raise _usage(str(e)) from e
        if format == "csv":
            folder = out or Path("custodes-export")
            try:
                written = csvpackage.write(record, folder)
            except OSError as e:
                raise _usage(f"cannot write {shown_path(folder)}: {e.strerror or e}") from e
            _console(stderr=True).print(Text(f"{len(written)} files in {shown_path(folder)}"))
            return
        with _output(out) as fh:
            if format == "ftm":
                ftm.write(entities, fh)
            elif format == "quickstatements":
                from custodes.exchange import quickstatements as qs

                assert qids is not None
                paths = {d.id: d.path for d in view.documents()}
                try:
                    done = qs.write(record, qids, fh, paths)
                except qs.QidsError as e:
                    raise _usage(str(e)) from e
                _console(stderr=True).print(
                    Text(f"{done.claims} claims; {done.skipped} tenures without items left out")
                )
            else:
                graph.write(record, fh, format)


@app.command("import")
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="FtM entities, JSON lines (.ftm.json)")],
    db: DbOption = "custodes.db",
) -> None:
    """Import FollowTheMoney entities (an OpenSanctions PEP dataset's Person, Position and
    Occupancy; custodes' own FtM export) as statements whose source is the dataset; the same
    file again changes nothing."""
    from custodes.exchange.ftm_import import FtmImportError, import_file

    bad = 0
    console = _console()
    with _reading(db, must_exist=False) as kb:
        for f in files:
            try:
                r = import_file(kb, f)
            except FtmImportError as e:
                bad += 1
                typer.echo(f"error: {_printable(str(e))}", err=True)
                continue
            except (OSError, UnicodeDecodeError) as e:
                bad += 1
                typer.echo(f"error: {_printable(_argument_file_error(f, e))}", err=True)
                continue
            what = ", ".join(r.datasets)
            console.print(
                Text(f"{shown_path(f)}: {r.status}, {r.n_statements} statements ({what})")
            )
    if bad:
        raise typer.Exit(1)


@app.command("load")
def load_cmd(
    file: Annotated[
        Path,
        typer.Argument(
            help="a dump of `custodes export --format jsonl`, or Parquet files (a .parquet"
            " file or a folder of them: `custodes ingest --engine spark --parquet DIR`)"
        ),
    ],
    db: DbOption = "custodes.db",
) -> None:
    """Load a JSON-lines dump, or Parquet files, into a knowledge base (new or not), in bulk
    transactions; loading the same dump again changes nothing. Each line is checked as it is
    read and the load is one transaction: a bad line is one error and nothing is written."""
    from custodes.exchange.jsonl import LoadError, load
    from custodes.exchange.parquet import load as parquet_load

    if file.is_dir() or file.suffix.lower() == ".parquet":
        load = parquet_load  # noqa: F811  (the same contract, another format)
    if not file.exists() or (not file.is_file() and not file.is_dir()):
        raise _usage(f"{shown_path(file)}: no such file")
    err = _console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with (
        _reading(db, must_exist=False) as kb,
        Progress(*columns, console=err, transient=True) as bar,
    ):
        task = bar.add_task("loading (bytes)", total=None)
        try:
            result = load(kb, file, lambda n, total: bar.update(task, completed=n, total=total))
        except LoadError as e:
            raise _usage(str(e)) from None
        except KnowledgeBaseError as e:  # the rows are stored, their tenures not derived
            raise _fail(str(e)) from None
        except (OSError, UnicodeDecodeError) as e:
            raise _usage(_argument_file_error(file, e)) from None
    added = ", ".join(f"{n} {t}" for t, n in result.added.items() if n) or "nothing new"
    unit = "lines" if load is not parquet_load else "rows"
    _console().print(Text(f"{shown_path(file)}: {result.lines} {unit}; added {added}"))


_add_examples()


def run() -> None:
    """The command-line entry point: what Click calls a usage error (an unknown option, a
    missing argument) is one line and exit code 2, like every other bad argument."""
    # Typer ships its own Click; its UsageError is the base of the public BadParameter
    usage_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    try:
        code = app(standalone_mode=False)
    except usage_error as e:
        typer.echo(f"error: {_printable(e.format_message())}", err=True)
        raise SystemExit(2) from None
    except typer.Abort:
        raise SystemExit(1) from None
    finally:
        # The command is done and has closed what it opened (its knowledge base, files):
        # what is left is the interpreter's last garbage collection over every object the
        # imports made, a fifth of a roster command's time (90 of 460 ms); frozen objects
        # are not traversed. Objects are still released and atexit handlers still run.
        gc.freeze()
    raise SystemExit(code if isinstance(code, int) else 0)
