"""Output of analyses: the same result as a Rich table, JSON or CSV (``--format``).

JSON is the result's dataclasses as they are (full quotes, every source); CSV is one flat row
per fact for spreadsheets; tables are for reading and shorten long quotes.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from custodes.analyses import Conflict, Diff, Entity, Roster, Source, Timeline
from custodes.extract.dates import PartialDate

QUOTE_CHARS = 160


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


Result = Roster | Diff | Timeline | list[Conflict] | list[Entity]


def to_json(result: Result) -> str:
    data = [dataclasses.asdict(c) for c in result] if isinstance(result, list) else result
    if dataclasses.is_dataclass(data):
        data = dataclasses.asdict(data)  # type: ignore[arg-type]
    return json.dumps(data, ensure_ascii=False, indent=2)


def emit(result: Result, fmt: Format, console: Console) -> None:
    """Print ``result`` in ``fmt``: JSON and CSV go out verbatim, tables through Rich."""
    if fmt == Format.json:
        console.file.write(to_json(result) + "\n")
    elif fmt == Format.csv:
        console.file.write(to_csv(_rows(result)))
    else:
        for table in _tables(result):
            console.print(table)


# A cell a spreadsheet would read as a formula ("=HYPERLINK(…)", "+1", "-2+3", "@SUM"); a tab
# or carriage return first is read the same way by some.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    """A nested value made of JSON's types: dataclasses as dicts, dates as ISO strings."""
    if isinstance(value, PartialDate):
        return value.label
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def csv_cell(value: Any) -> str | int | float:
    """A value as a flat CSV cell that every reader takes as it is: nothing for None,
    ``true``/``false`` for booleans, ISO strings for dates, JSON for lists, dicts and
    dataclasses (never a Python repr such as ``[{'doc': …, 'date': None}]``). Text that a
    spreadsheet would run as a formula gets a leading ``'`` (OWASP's advice), so a name or
    quote from a document can never be one."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        text = value
    elif isinstance(value, date | datetime):
        text = value.isoformat()
    elif isinstance(value, PartialDate):
        text = value.label
    elif isinstance(value, dict | list | tuple | set | frozenset) or dataclasses.is_dataclass(
        value
    ):
        text = json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Rows as CSV with a header of every column any row has (in order of first use)."""
    rows = list(rows)
    out = io.StringIO()
    if rows:
        fields = list(dict.fromkeys(k for r in rows for k in r))
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows)
    return out.getvalue()


def _short(quote: str, about: str | None = None) -> str:
    """The quote, or a window of it around ``about`` (a person's surname) when it is long: a
    roster paragraph names its seventh deputy far past the first 160 characters."""
    quote = " ".join(quote.split())
    if len(quote) <= QUOTE_CHARS:
        return quote
    at = quote.find(about.split()[-1]) if about else -1
    start = max(0, at - QUOTE_CHARS // 3) if at > QUOTE_CHARS * 2 // 3 else 0
    window = quote[start : start + QUOTE_CHARS - 2]
    return ("…" if start else "") + window + ("…" if start + len(window) < len(quote) else "")


def _docs(srcs: list[Source]) -> str:
    return "; ".join(dict.fromkeys(f"{s.doc}:{s.start}" for s in srcs))


# ---- rows (CSV) ---------------------------------------------------------------------------


def _entity_rows(es: list[Entity]) -> list[dict[str, Any]]:
    return [
        {
            "name": e.name,
            "aliases": "; ".join(e.aliases),
            "documents": e.documents,
            "events": e.events,
            "claims": e.claims,
        }
        for e in es
    ]


def entity_table(es: list[Entity]) -> Table:
    table = Table("name", "other spellings", "documents", "events", "claims")
    for e in es:
        table.add_row(e.name, "; ".join(e.aliases), str(e.documents), str(e.events), str(e.claims))
    return table


def _rows(result: Result) -> list[dict[str, Any]]:
    if isinstance(result, list) and result and isinstance(result[0], Entity):
        return _entity_rows(result)  # type: ignore[arg-type]
    if isinstance(result, Roster):
        return _roster_rows(result)
    if isinstance(result, Diff):
        return _diff_rows(result)
    if isinstance(result, Timeline):
        return _timeline_rows(result)
    return _conflict_rows(result)


def _roster_rows(r: Roster) -> list[dict[str, Any]]:
    rows = []
    for p in r.posts:
        base = {
            "org": r.org,
            "on": r.on,
            "post": p.label,
            "role": p.role,
            "unit": p.unit,
            "seats": p.seats,
            "conflict": p.conflict,
        }
        for h in p.holders:
            rows.append(
                {
                    **base,
                    "person": h.person,
                    "since": h.since,
                    "first_seen": h.first_seen,
                    "last_seen": h.last_seen,
                    "until": h.until,
                    "acting": h.acting,
                    "vacant": False,
                    "confidence": _conf(h.sources),
                    "sources": _docs(h.sources),
                }
            )
        if not p.holders:
            rows.append(
                {
                    **base,
                    "person": None,
                    "since": None,
                    "first_seen": None,
                    "last_seen": None,
                    "until": None,
                    "acting": False,
                    "vacant": p.vacant is not None,
                    "confidence": _conf([p.vacant]) if p.vacant else "",
                    "sources": _docs([p.vacant]) if p.vacant else "",
                }
            )
    return rows


def _diff_rows(d: Diff) -> list[dict[str, Any]]:
    rows = []

    def row(change: str, person: str | None, posts: str, date: str | None, detail: str) -> None:
        rows.append(
            {
                "org": d.org,
                "from": d.d1,
                "to": d.d2,
                "change": change,
                "person": person,
                "posts": posts,
                "date": date,
                "detail": detail,
            }
        )

    for x in d.left:
        how = "; ".join(f"{e.type} {e.date or '(undated)'}" for e in x.events)
        where = f"; moved to {x.moved_to}" if x.moved_to else ""
        row("left", x.person, " – ".join(p.post for p in x.posts), x.posts[0].ended, how + where)
    for y in d.came:
        src = f"came from {y.came_from}" if y.came_from else ""
        row("came", y.person, " – ".join(p.post for p in y.posts), y.posts[0].since, src)
    for c in d.changed:
        row("changed", c.person, " – ".join(c.after), None, "was " + " – ".join(c.before))
    for name in d.stayed:
        row("stayed", name, "", None, "")
    for v in d.vacant:
        row("vacant", None, v.post, v.since, "declared vacant" if v.source else "no holder")
    for t in d.turnover:
        row("turnover", None, t.rank, None, f"{t.summary} ({t.seats_from})")
    return rows


def _timeline_rows(t: Timeline) -> list[dict[str, Any]]:
    return [
        {
            "date": e.date,
            "type": e.type,
            "person": e.person,
            "post": e.post,
            "moved_from": e.moved_from,
            "count": e.count,
            "acting": e.acting,
            "doc": e.source.doc,
            "start": e.source.start,
            "end": e.source.end,
            "quote": e.source.quote,
            "conflict": e.conflict,
            "sources": [
                {"doc": x.doc, "date": x.date, "start": x.start, "end": x.end, "quote": x.quote}
                for x in e.sources
            ],
        }
        for e in t.entries
    ]


def _conflict_rows(cs: list[Conflict]) -> list[dict[str, Any]]:
    return [
        {
            "kind": c.kind,
            "date": c.date,
            "post": c.post,
            "org": c.org,
            "summary": c.summary,
            "note": c.note,
            "person": s.person,
            "claim": s.claim,
            "sources": _docs(s.sources),
            "quotes": " | ".join(x.quote for x in s.sources),
        }
        for c in cs
        for s in c.sides
    ]


# ---- tables -------------------------------------------------------------------------------


def _tables(result: Result) -> list[Table | Text]:
    if isinstance(result, list) and result and isinstance(result[0], Entity):
        return [entity_table(result)]  # type: ignore[arg-type]
    if isinstance(result, Roster):
        return [roster_table(result)]
    if isinstance(result, Diff):
        return diff_tables(result)
    if isinstance(result, Timeline):
        return [timeline_table(result)]
    return conflict_tables(result)


def _where(src: Source) -> str:
    """ "kz-nsc-2022-ciss-report.txt:9145": the file and the offset of the quote."""
    return f"{Path(src.doc).name if src.doc else src.doc_id}:{src.start}"


def _seen(first: str, last: str) -> str:
    return first if first == last else f"{first} … {last}"


def _conf(sources: list[Source]) -> str:
    """The best confidence among a holding's sources ("0.93")."""
    values = [s.confidence for s in sources if s.confidence is not None]
    return f"{max(values):.2f}" if values else ""


def roster_table(r: Roster) -> Table:
    names = ", ".join(Path(d).name for d in r.documents)
    table = Table(
        "post",
        "holder",
        "since",
        "evidence",
        "conf.",
        "seats",
        "note",
        title=f"{r.org} on {r.on}",
        caption=f"sources: {names}" if names else None,
    )
    for p in r.posts:
        note = Text(p.conflict or "", style="bold red")
        seats = str(p.seats) if p.seats is not None else ""
        if not p.holders:
            why = f"vacant (source of {p.vacant.date})" if p.vacant else "no known holder"
            table.add_row(p.label, "", "", "", "", seats, Text(why, style="yellow"))
        for i, h in enumerate(p.holders):
            person = h.person + (" (acting)" if h.acting else "")
            table.add_row(
                p.label if i == 0 else "",
                person,
                h.since or "unknown",
                _seen(h.first_seen, h.last_seen),
                _conf(h.sources),
                seats if i == 0 else "",
                note if i == 0 else "",
            )
        table.add_section()
    return table


def diff_tables(d: Diff) -> list[Table | Text]:
    out: list[Table | Text] = [Text(f"{d.org}: {d.d1} → {d.d2}", style="bold")]
    left = Table("person", f"post on {d.d1}", "ended", "events", "went to", title="Left")
    for x in d.left:
        events = "\n".join(f"{e.type} {e.date or '(undated)'}" for e in x.events)
        for i, p in enumerate(x.posts):
            how = p.how or "ended"
            if p.ended and p.ended not in how:
                how += f" {p.ended}"
            how += " (inferred)" if p.inferred else ""
            first = i == 0
            left.add_row(
                x.person if first else "",
                p.post,
                how,
                events if first else "",
                (x.moved_to or "") if first else "",
            )
        left.add_section()
    came = Table("person", f"post on {d.d2}", "since", "came from", title="Came")
    for y in d.came:
        origin = f"{y.came_from}, left {y.came_from_ended}" if y.came_from else ""
        for i, p in enumerate(y.posts):
            since = p.since or f"unknown (seen {p.first_seen})"
            came.add_row(y.person if i == 0 else "", p.post, since, origin if i == 0 else "")
        came.add_section()
    out += [left, came]
    if d.changed:
        changed = Table("person", "before", "after", title="Changed posts")
        for c in d.changed:
            changed.add_row(c.person, "\n".join(c.before), "\n".join(c.after))
        out.append(changed)
    if d.vacant:
        vacant = Table("post", "since", "why", title=f"Vacant on {d.d2}")
        for v in d.vacant:
            vacant.add_row(v.post, v.since or "", "declared vacant" if v.source else "no holder")
        out.append(vacant)
    out.append(Text("Stayed: " + (", ".join(d.stayed) or "nobody")))
    out.append(Text("Turnover per rank (departures with an end event / seats):", style="bold"))
    out += [Text(f"  {t.summary} ({t.seats_from})") for t in d.turnover]
    return out


def timeline_table(t: Timeline) -> Table:
    who = ", ".join(t.people + t.orgs)
    table = Table(title=f"Timeline: {who}", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("what", no_wrap=True)
    table.add_column("person", ratio=2, min_width=12)
    table.add_column("post", ratio=3)
    table.add_column("quote", ratio=6)
    table.add_column("source", ratio=2, overflow="fold")
    table.add_column("conf.", no_wrap=True)
    for e in t.entries:
        what = e.type + (f" {e.count}" if e.count else "") + (" (acting)" if e.acting else "")
        post = e.post or ""
        if e.moved_from:
            post += f"\n(from {e.moved_from})"
        when = Text(e.date or "undated")
        if e.conflict:
            when.append("\n≠ " + ", ".join(d for d in e.dates if d != e.date), style="red")
        quote = Text(_short(e.source.quote, e.person))
        if len(e.sources) > 1:
            more = len(e.sources) - 1
            quote.append(f"\n(+{more} more source{'s' if more > 1 else ''})", style="dim")
        table.add_row(
            when,
            what,
            e.person or "",
            post,
            quote,
            "\n".join(_where(x) for x in e.sources),
            _conf(e.sources),
        )
    return table


def conflict_tables(cs: list[Conflict]) -> list[Table | Text]:
    if not cs:
        return [Text("No conflicts.")]
    out: list[Table | Text] = []
    for c in cs:
        caption = c.note
        table = Table(
            "person",
            "claim",
            "quote",
            "source",
            title=c.summary,
            caption=caption,
            title_style="bold red",
            caption_style="yellow",
        )
        for s in c.sides:
            for i, src in enumerate(s.sources):
                table.add_row(
                    s.person if i == 0 else "",
                    src.what,
                    _short(src.quote, s.person),
                    _where(src),
                )
        out.append(table)
    return out
