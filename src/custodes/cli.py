"""The command line: a thin layer that parses, calls one library function and formats."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract_many
from custodes.ingest.read import ReadError, read_document

app = typer.Typer(help="custodes: sourced records of who held which post in security institutions.",
                  no_args_is_help=True)


@app.callback()
def main() -> None:
    """custodes: sourced records of who held which post in security institutions."""


def _date(value: str | None) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from e


@app.command()
def extract(
    files: list[Path],
    format: str = typer.Option("jsonl", "--format", help="jsonl (one JSON object per event)"),
    published: str | None = typer.Option(None, help="publication date: YYYY, YYYY-MM, YYYY-MM-DD"),
) -> None:
    """Extract personnel events from files without a knowledge base (one JSON object per event)."""
    pub = _date(published)
    failed = 0
    docs = []
    for f in files:
        try:
            docs.append((f, read_document(f, pub)))
        except ReadError as e:
            typer.echo(f"error: {f}: {e}", err=True)
            failed += 1
    results = extract_many([(d.text, d.published) for _, d in docs])
    for (f, _), res in zip(docs, results, strict=True):
        for ev in res.events:
            sys.stdout.write(json.dumps(ev.to_json(doc=str(f)), ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def demo() -> None:
    """Extract the bundled CISS report and show its events and its two roster statements.

    The knowledge base (roster/diff over tenures) is not built yet: this shows what extraction
    gives it."""
    from importlib import resources

    from rich.console import Console
    from rich.table import Table

    console = Console()
    src = resources.files("custodes").joinpath("data/examples/kz-nsc-2022-ciss-report.txt")
    with resources.as_file(src) as path:
        doc = read_document(path)
    (res,) = extract_many([(doc.text, doc.published)])
    console.print(f"[bold]{doc.title}[/] — published {doc.published.iso if doc.published else '?'}"
                  f", language {doc.language}, {len(res.events)} events")
    table = Table("date", "type", "person", "position", "organization", "conf.")
    for ev in sorted(res.events, key=lambda e: (e.date.iso if e.date else "9999", e.start)):
        table.add_row(ev.date.iso if ev.date else "—", ev.type, ev.person, ev.position or "",
                      ev.organization or "", f"{ev.confidence:.2f}")
    console.print(table)
    for on in sorted({c.date.iso for c in res.claims if c.date}):
        rt = Table("post", "holder", title=f"Roster statement of {on}")
        for c in res.claims:
            if c.date and c.date.iso == on and c.kind in {"holds", "vacant"}:
                rt.add_row(f"{c.post.label} ({c.post.org})", c.person or "[italic]vacant[/]")
        console.print(rt)
