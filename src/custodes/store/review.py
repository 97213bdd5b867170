"""Analysts' review of statements: what an accept, a reject or an edit changes, as plain data.

An extracted statement is a claim, right about two times in three on real text. An analyst who
reads the quote can accept it, reject it ("this did not happen"), or correct it (the person, the
post, the organisation, the date and its precision). None of this overwrites the statement: a
review is a row of ``reviews``, and ``View.statements`` lays the standing review over the stored
row, so every analysis (tenures, rosters, diffs, timelines, conflicts) sees the corrected record
and the original stays one undo away. Example::

    kb.reject("3f9a1c")                        # an id or a unique prefix of one
    kb.edit("77be02", date="2022-01-07")       # the tenure now starts on the 7th
    kb.undo_review("77be02")                   # back to the extracted date

This module holds the pure parts: the fields an edit stores (with the keys made from them, as
``statement_rows`` makes them) and how a stored row reads once reviewed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from custodes.extract.dates import PartialDate
from custodes.store.keys import org_key, person_key, post_key

ACTIONS = ("accept", "reject", "edit", "believe")
# ``statements.status`` for a statement's standing review (none: "extracted")
STATUS_OF = {"accept": "accepted", "reject": "rejected", "edit": "edited", "believe": "accepted"}
PRECISIONS = ("year", "month", "day")
# fields an edit may change about the whole event (every post of it) vs. one post of it
EVENT_FIELDS = ("person", "date", "date_precision", "date_bound", "date_after")


class ReviewError(ValueError):
    """A review that cannot be made (unknown or ambiguous id, a bad date, nothing to edit):
    one line for the analyst."""


def edited_date(date: str, precision: str | None = None) -> PartialDate:
    """``"2022-01-07"`` (optionally coarsened to ``precision``: ``"2022-01-07", "month"`` is
    January 2022). A precision finer than the date given is refused: that would be a guess."""
    try:
        d = PartialDate.parse(date)
    except ValueError as e:
        raise ReviewError(f"{date!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from e
    if precision is None:
        return d
    if precision not in PRECISIONS:
        raise ReviewError(f"unknown precision {precision!r}: use year, month or day")
    if PRECISIONS.index(precision) > PRECISIONS.index(d.precision):
        raise ReviewError(f"{date} is known only to the {d.precision}, not the {precision}")
    if precision == "year":
        return PartialDate(d.year)
    if precision == "month":
        return PartialDate(d.year, d.month)
    return d


def edit_fields(
    row: Mapping[str, Any],
    *,
    person: str | None = None,
    title: str | None = None,
    org: str | None = None,
    date: str | None = None,
    precision: str | None = None,
) -> dict[str, Any]:
    """The columns an edit of ``row`` (a stored statement) replaces, keys included. The
    organisation keeps the country its key had ("… @kz"); a title the ontology knows sets the
    seat (role) too, else the seat stays."""
    from custodes.ontology import parse_title

    out: dict[str, Any] = {}
    if person is not None:
        if not person_key(person):
            raise ReviewError(f"{person!r} is not a name")
        out.update(person=person.strip(), person_key=person_key(person))
    if date is not None or precision is not None:
        d = edited_date(date or (row.get("date") or ""), precision)
        out.update(date=d.iso, date_precision=d.precision, date_bound=None, date_after=None)
    if title is not None or org is not None:
        new_org = org.strip() if org is not None else row.get("org")
        new_title = title.strip() if title is not None else row.get("title")
        if org is not None and not org_key(new_org):
            raise ReviewError(f"{org!r} is not an organisation's name")
        if title is not None and not new_title:
            raise ReviewError("a post needs a title")
        known = parse_title(new_title or "")
        role = known.role if known else row.get("role")
        old_key = row.get("org_key") or ""
        country = old_key.partition(" @")[2] or None
        unit = row.get("unit")
        out.update(
            org=new_org,
            org_key=_with_country(org_key(new_org), country),
            title=new_title,
            role=role,
            post_key=post_key(new_org, role, unit, new_title, country) if role else None,
            position=(f"{new_title} of {unit}" if unit else new_title),
        )
    if not out:
        raise ReviewError("nothing to edit: give --person, --post, --org, --date or --precision")
    return out


def _with_country(key: str | None, country: str | None) -> str | None:
    from custodes.countries import with_country

    return with_country(key, country)


def reviewed(row: Mapping[str, Any], action: str, fields: Mapping[str, Any] | None) -> dict:
    """A stored row as analyses read it under its standing review (``status`` included)."""
    out = dict(row)
    if action == "edit" and fields:
        out.update(fields)
    out["status"] = STATUS_OF.get(action, "extracted")
    return out
