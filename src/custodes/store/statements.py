"""Statements: what one document claims, one row per (claim, post), with its evidence.

An ``Extraction`` becomes rows here. Each row keeps the verbatim quote, its character span, the
extractor and its confidence; ids are hashes of the key fields, so a statement is the same row
whenever the same document is read again. Example: "Anuar Sadykulov was dismissed from his
position of Deputy NSC Chairman – Director of Special Service “A”" is one event and two rows
(``Deputy Chairman`` of the NSC; ``Director`` of its unit Special Service “A”) sharing an
``event_id``.

Organisation names are canonicalised before keys are made: an abbreviation a document defines
("NSC") is expanded, and a unit named without its parent ("Director of Special Service “A”")
is put under the organisation that the same document (or the knowledge base) already places it
in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import datetime
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from custodes.countries import country_in, country_of, with_country
from custodes.extract.dates import PartialDate
from custodes.store.keys import org_key, person_key, post_key, stable_id, unit_key

if TYPE_CHECKING:  # extraction imports spaCy; reading a knowledge base must not
    from custodes.extract.mentions import Post
    from custodes.extract.model import Extraction
    from custodes.ingest.read import Document


@dataclass(frozen=True)
class Statement:
    """One row of ``statements`` as analyses see it (``date`` parsed back to a PartialDate)."""

    id: str
    doc_id: str
    event_id: str | None
    kind: str  # event | holds | vacant | seats
    leg: str  # to | from
    seq: int  # the post's place in its event ("Deputy Chairman – Director …": 0, 1)
    event_type: str | None
    person: str | None
    person_key: str | None
    title: str | None
    role: str | None
    org: str | None
    org_key: str | None
    unit: str | None
    post_key: str | None
    position: str | None
    date: PartialDate | None
    quote: str
    start: int
    end: int
    count: int | None
    extractor: str
    confidence: float
    acting: bool
    from_position: str | None
    status: str
    doc_path: str | None = None
    doc_title: str | None = None
    doc_published: str | None = None

    @property
    def post_label(self) -> str:
        """The post within its organisation: "Director of Special Service “A”"."""
        title = self.title or "?"
        return f"{title} of {self.unit}" if self.unit else title

    @property
    def label(self) -> str:
        """The post and its organisation: "Chief (Presidential Executive Office)"."""
        return f"{self.post_label} ({self.org})" if self.org else self.post_label

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Statement:
        date = _parse_date(row["date"]) if row.get("date") else None
        if date is not None and row.get("date_bound") in {"not_after", "between"}:
            date = date.bound(row.get("date_after") if row.get("date_bound") == "between" else None)
        elif date is not None and row.get("date_bound") == "not_before":
            date = date.since()
        # a rebuild of a million statements makes a million and a half of them: filled in
        # directly, not through the generated __init__ of a frozen class (29 keyword
        # arguments, each set through object.__setattr__), which was half of reading one
        try:
            required = _get_required(row)
        except KeyError:  # the generated __init__ says what is missing
            return cls(date=date, **{k: row[k] for k in _ROW_FIELDS if k in row})
        out = object.__new__(cls)
        values = out.__dict__
        values.update(zip(_REQUIRED, required, strict=True))
        for k, default in _DEFAULTS.items():
            values[k] = row.get(k, default)
        values["date"] = date
        return out


# read once: a knowledge base of a million statements makes a million of them
_ROW_FIELDS = tuple(k for k in Statement.__dataclass_fields__ if k != "date")
_DEFAULTS = {f.name: f.default for f in fields(Statement) if f.default is not MISSING}
_REQUIRED = tuple(f.name for f in fields(Statement) if f.default is MISSING and f.name != "date")
_get_required = itemgetter(*_REQUIRED)
# a PartialDate is frozen, so one parse serves every statement of that day
_parse_date = lru_cache(maxsize=1 << 16)(PartialDate.parse)


# Roster claims carry no extractor name of their own.
ROSTER_EXTRACTOR = "custodes.roster/1"

# unit key → the organisation the unit belongs to
UnitMap = dict[str, str]


def units_in(extraction: Extraction) -> UnitMap:
    """Units the document itself places in an organisation ("Special Service “A”" → NSC)."""
    posts = [p for e in extraction.events for p in (*e.posts, *e.from_posts)]
    posts += [c.post for c in extraction.claims]
    return {unit_key(p.unit): p.org for p in posts if p.unit and p.org}


def _canonical(
    post: Post | None, aliases: Mapping[str, str], units: UnitMap
) -> tuple[str | None, str | None]:
    """(org, unit) with abbreviations expanded and parentless units put in their organisation."""
    if post is None:
        return None, None
    org = aliases.get(org_key(post.org) or "", post.org)
    unit = post.unit
    parent = units.get(org_key(org) or "") if unit is None else None
    if parent and org_key(parent) != org_key(org):
        org, unit = parent, org
    return org, unit


def statement_rows(
    doc: Document,
    extraction: Extraction,
    now: datetime,
    aliases: Mapping[str, str] | None = None,
    units: UnitMap | None = None,
) -> list[dict[str, Any]]:
    """The ``statements`` rows of one document. ``aliases`` maps alias keys to organisation
    names, ``units`` unit keys to organisations (both from the knowledge base); the document's
    own abbreviations and units take precedence."""
    alias_map = dict(aliases or {})
    doc_country = country_of(doc.text)
    alias_map.update({org_key(a) or a: full for a, full in extraction.abbreviations.items()})
    unit_map = {**(units or {}), **units_in(extraction)}
    rows: dict[str, dict[str, Any]] = {}

    def add(
        kind: str,
        post: Post | None,
        person: str | None,
        date: PartialDate | None,
        evidence: dict[str, Any],
        leg: str = "to",
        seq: int = 0,
        **event: Any,
    ) -> None:
        org, unit = _canonical(post, alias_map, unit_map)
        title, role = (post.title, post.role) if post else (None, None)
        country = country_in(evidence["quote"]) or doc_country
        pkey = post_key(org, role, unit, title, country) if role else None
        pk = person_key(person)
        day = date.iso if date else None
        sid = stable_id(
            doc.id,
            kind,
            leg,
            event.get("event_type"),
            pk,
            pkey,
            day,
            evidence["start"],
            evidence["end"],
            event.get("count"),
        )
        rows[sid] = {
            "id": sid,
            "doc_id": doc.id,
            "event_id": None,
            "event_type": None,
            "count": None,
            "from_position": None,
            **event,
            "kind": kind,
            "leg": leg,
            "seq": seq,
            "person": person,
            "person_key": pk,
            "title": title,
            "role": role,
            "org": org,
            "org_key": with_country(org_key(org), country),
            "unit": unit,
            "post_key": pkey,
            "position": (f"{title} of {unit}" if unit else title) if post else None,
            "date": day,
            "date_precision": date.precision if date else None,
            "date_bound": date.bound_kind if date else None,
            "date_after": date.after if date else None,
            "acting": bool(post and post.acting),
            "status": "extracted",
            "created_at": now,
            **evidence,
        }

    for e in extraction.events:
        day = e.date.iso if e.date else None
        event_id = stable_id(doc.id, "event", e.type, person_key(e.person), day, e.start, e.end)
        evidence = _evidence(e.quote, e.start, e.end, e.extractor, e.confidence)
        from_label = " – ".join(p.label for p in e.from_posts) or None
        for i, post in enumerate(e.posts or [None]):
            add(
                "event",
                post,
                e.person,
                e.date,
                evidence,
                seq=i,
                event_id=event_id,
                event_type=e.type,
                from_position=from_label,
            )
        for i, post in enumerate(e.from_posts):
            add(
                "event",
                post,
                e.person,
                e.date,
                evidence,
                leg="from",
                seq=i,
                event_id=event_id,
                event_type=e.type,
            )
    for c in extraction.claims:
        evidence = _evidence(c.quote, c.start, c.end, ROSTER_EXTRACTOR, c.confidence)
        add(c.kind, c.post, c.person, c.date, evidence, count=c.count)
    return list(rows.values())


def _evidence(quote: str, start: int, end: int, extractor: str, conf: float) -> dict[str, Any]:
    return {
        "quote": quote,
        "start": start,
        "end": end,
        "extractor": extractor,
        "confidence": round(conf, 3),
    }


def relation_rows(doc: Document, extraction: Extraction, now: datetime) -> list[dict[str, Any]]:
    """The ``relations`` rows of one document: institutional statements found in its text,
    with abbreviations the document defines expanded ("NSC" → National Security Committee)."""
    from custodes.casefile import relation_id

    found = getattr(extraction, "relations", None) or []
    if not found:
        return []
    expand = {org_key(a) or a: full for a, full in extraction.abbreviations.items()}
    doc_country = country_of(doc.text)
    rows: dict[str, dict[str, Any]] = {}
    for f in found:
        subject = f.subject if f.type == "tie" else expand.get(org_key(f.subject) or "", f.subject)
        obj = f.object
        if obj and f.type != "tie":
            obj = expand.get(org_key(obj) or "", obj)
        row = {
            "doc_id": doc.id,
            "type": f.type,
            "subject": subject,
            "object": obj,
            "value": f.value,
            "detail": f.detail,
            "amount": f.amount,
            "currency": f.currency,
            "year": f.year,
            "number": f.number,
            "attrs": dict(f.attrs),
            "date_from": f.date_from,
            "date_until": f.date_until,
            "country": country_in(f.quote) or doc_country,
            "quote": f.quote,
            "start": f.start,
            "end": f.end,
            "source": None,
            "extractor": f.extractor,
            "confidence": round(f.confidence, 3),
            "status": "extracted",
            "created_at": now,
        }
        row["id"] = relation_id(doc.id, row)
        rows[row["id"]] = row
    return list(rows.values())
