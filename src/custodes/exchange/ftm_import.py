"""Reading FollowTheMoney entities into a knowledge base (``custodes import FILE.ftm.json``):
an OpenSanctions PEP dataset's Person / Position / Occupancy, or custodes' own FtM export, as
statements, so an analyst starts from what is already known and sees where documents agree or
conflict with it.

The file is one document of the knowledge base (its dataset is the source): each statement
quotes the entity's line of the file, with its span. An ``Occupancy`` gives an appointment on
its ``startDate``, a dismissal on its ``endDate`` and a ``holds`` claim on each ``date`` between
them; its ``Position`` gives title, seat and unit (read with the ontology's titles: "Deputy
Chairman of Special Service “A”"), the Position's ``organization`` the organisation, its
``country`` and its abbreviations (``weakAlias``, ``abbreviation``). Importing the same file
again changes nothing (the statements' ids are hashes of their fields).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from custodes.extract.dates import PartialDate
from custodes.ingest.read import document_id
from custodes.ontology import parse_title
from custodes.store import KnowledgeBase
from custodes.store.keys import org_key, person_key, post_key, stable_id

EXTRACTOR = "custodes.ftm/1"


class FtmImportError(ValueError):
    """A file that is not FtM entities, with the line that says why (nothing was written)."""


@dataclass(frozen=True)
class ImportResult:
    doc_id: str
    status: str  # imported | unchanged
    datasets: list[str]
    n_statements: int


@dataclass
class _Entity:
    id: str
    schema: str
    props: dict[str, list[str]]
    start: int
    end: int
    datasets: set[str]

    def first(self, prop: str) -> str | None:
        values = self.props.get(prop) or []
        return values[0] if values else None


def _entities(path: Path, text: str) -> dict[str, _Entity]:
    out: dict[str, _Entity] = {}
    at = 0
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        start, at = at, at + len(line)
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                raise ValueError("an entity needs an id and a schema")
        except ValueError as e:
            raise FtmImportError(f"{path}:{number}: not an FtM entity ({e})") from None
        props: dict[str, list[str]] = {
            k: [str(v) for v in vs] for k, vs in (data.get("properties") or {}).items()
        }
        datasets = set(data.get("datasets") or [])
        for st in data.get("statements") or []:
            if st.get("prop") != "id":
                props.setdefault(st["prop"], []).append(str(st["value"]))
            if st.get("dataset"):
                datasets.add(st["dataset"])
        e = out.setdefault(
            data["id"],
            _Entity(data["id"], data["schema"], {}, start, start + len(line.rstrip()), set()),
        )
        for k, vs in props.items():
            e.props.setdefault(k, []).extend(v for v in vs if v not in e.props.get(k, []))
        e.datasets |= datasets
    return out


def _title(name: str, org: str | None) -> tuple[str, str, str | None]:
    """(title, role, unit) of a position's name: the seat from the ontology's titles, the
    title as the name writes it ("Director of Special Service “A”" is the head of the unit)."""
    t = parse_title(name)
    if t:
        return name, t.role, None
    head, sep, rest = name.partition(" of ")
    if sep and (t := parse_title(head)):
        same = org and (org_key(org) or "") in (org_key(rest) or "")
        return head, t.role, None if same else rest
    return name, "other", None


def _date(value: str | None) -> PartialDate | None:
    try:
        return PartialDate.parse(value[:10]) if value else None
    except ValueError:
        return None


def import_file(kb: KnowledgeBase, path: str | Path, who: str | None = None) -> ImportResult:
    """Import one file of FtM entities (JSON lines) into ``kb`` in one transaction."""
    path = Path(path)
    text = path.read_text("utf-8")
    entities = _entities(path, text)
    doc_id = document_id(text)
    datasets = sorted({d for e in entities.values() for d in e.datasets} or {path.stem})
    if kb.has_document(doc_id):
        return ImportResult(doc_id, "unchanged", datasets, 0)
    now = datetime.now(UTC)
    rows: dict[str, dict[str, Any]] = {}
    aliases: dict[tuple[str, str], dict[str, Any]] = {}
    for occ in entities.values():
        if occ.schema != "Occupancy":
            continue
        holder = entities.get(occ.first("holder") or "")
        post = entities.get(occ.first("post") or "")
        if holder is None or post is None or not post.first("name"):
            continue
        person = holder.first("name") or holder.first("alias")
        body = entities.get(post.first("organization") or "")
        org = body.first("name") if body else None
        country = (body.first("country") if body else None) or post.first("country")
        title, role, unit = _title(post.first("name") or "", org)
        if body and org:
            for alias in body.props.get("weakAlias", []) + body.props.get("abbreviation", []):
                if org_key(alias) and org_key(alias) != org_key(org):
                    aliases[(org_key(alias) or "", org_key(org) or "")] = {
                        "alias_key": org_key(alias),
                        "org_key": org_key(org),
                        "alias": alias,
                        "org": org,
                        "doc_id": doc_id,
                    }
        start, end = _date(occ.first("startDate")), _date(occ.first("endDate"))
        claims: list[tuple[str, str | None, PartialDate]] = []
        if start:
            claims.append(("event", "appointed", start))
        if end:
            claims.append(("event", "dismissed", end))
        for d in sorted({x for x in map(_date, occ.props.get("date", [])) if x}, key=str):
            after_start = start is None or d.first_day() > start.first_day()
            if after_start and (end is None or d.first_day() < end.first_day()):
                claims.append(("holds", None, d))
        quote = text[occ.start : occ.end]
        for kind, event_type, day in claims:
            row = _row(doc_id, kind, event_type, person, title, role, org, unit, country, day)
            row.update(quote=quote, start=occ.start, end=occ.end, created_at=now)
            rows[row["id"]] = row
    document = {
        "id": doc_id,
        "path": str(path),
        "title": "FtM dataset " + ", ".join(datasets),
        "published": None,
        "published_precision": None,
        "language": None,
        "kind": "ftm",
        "text": text,
        "n_events": sum(1 for r in rows.values() if r["kind"] == "event"),
        "ingested_at": now,
    }
    kb.bulk_insert(
        {
            "documents": [document],
            "statements": list(rows.values()),
            "org_aliases": list(aliases.values()),
        }
    )
    kb.log("import", {"doc_id": doc_id, "path": str(path), "statements": len(rows)}, who)
    return ImportResult(doc_id, "imported", datasets, len(rows))


def _row(
    doc_id: str,
    kind: str,
    event_type: str | None,
    person: str | None,
    title: str,
    role: str,
    org: str | None,
    unit: str | None,
    country: str | None,
    day: PartialDate,
) -> dict[str, Any]:
    """A ``statements`` row, keyed as ``store.statements.statement_rows`` keys them."""
    from custodes.countries import with_country

    pk, pkey = person_key(person), post_key(org, role, unit, title, country)
    event_id = stable_id(doc_id, "event", event_type, pk, day.iso) if kind == "event" else None
    sid = stable_id(doc_id, kind, "to", event_type, pk, pkey, day.iso, EXTRACTOR)
    return {
        "id": sid,
        "doc_id": doc_id,
        "event_id": event_id,
        "kind": kind,
        "leg": "to",
        "seq": 0,
        "event_type": event_type,
        "person": person,
        "person_key": pk,
        "title": title,
        "role": role,
        "org": org,
        "org_key": with_country(org_key(org), country),
        "unit": unit,
        "post_key": pkey,
        "position": f"{title} of {unit}" if unit else title,
        "date": day.iso,
        "date_precision": day.precision,
        "date_bound": None,
        "date_after": None,
        "count": None,
        "extractor": EXTRACTOR,
        "confidence": 1.0,
        "acting": False,
        "from_position": None,
        "status": "imported",
    }


__all__ = ["FtmImportError", "ImportResult", "import_file"]
