"""FollowTheMoney: the record as FtM entities, and FtM entities (an OpenSanctions PEP dataset's
Person / Position / Occupancy) read back as statements.

Export (``custodes export --format ftm``) writes one entity per line in FtM's statement form
(``{"id", "schema", "caption", "statements": [...]}``), which ``ftm validate``, ``ftm
aggregate`` and nomenklatura's stores read. What the analyses see is what is exported: persons
as the view resolves them (analysts' decisions applied), tenures as ``derive_tenures`` makes
them.

* ``Person`` — every spelling in every script (``name`` the preferred one, the caption;
  ``alias`` the others), topics ``role.pep`` and ``gov.security``;
* ``PublicBody`` — each organisation, its abbreviations, its country;
* ``Position`` — each post (``organization``, ``numberOfSeats`` where a roster gives it);
* ``Occupancy`` — each tenure: ``holder``, ``post``, ``startDate`` / ``endDate`` at their
  precision ("2022", "2022-01", "2022-01-05"), ``date`` the first and last day it is attested,
  ``status`` current / ended;
* ``Family`` / ``Associate`` — ties; ``Membership`` — a body part of another;
* ``Document`` and ``Documentation`` — each document, and one Documentation per statement it
  supports an entity with (``summary``: the quote).

Every value is an FtM statement with its provenance: ``dataset`` (``custodes``), ``origin``
(``DOCUMENT_ID@START-END``: the span of the quote), ``first_seen`` / ``last_seen`` (the
document's publication date). Ids are hashes of custodes' keys, so they are stable across
exports.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import IO, Any

from followthemoney import Dataset, StatementEntity

from custodes.analyses.base import org_scope
from custodes.analyses.entities import _preferred
from custodes.extract.dates import PartialDate
from custodes.store import Statement, View
from custodes.store.keys import person_key
from custodes.tenures import Tenure, derive_tenures

DATASET = "custodes"
TOPICS = ("role.pep", "gov.security")


def _dataset() -> Dataset:
    return Dataset.make({"name": DATASET, "title": "custodes knowledge base"})


class _Builder:
    """Entities by id; values added with the provenance of the statement they rest on."""

    def __init__(self) -> None:
        self.dataset = _dataset()
        self.entities: dict[str, StatementEntity] = {}

    def entity(self, schema: str, *key: str) -> StatementEntity:
        e = StatementEntity(self.dataset, {"schema": schema})
        e.id = f"custodes-{schema.lower()}-" + (e.make_id(schema, *key) or "")
        return self.entities.setdefault(e.id, e)

    def put(self, e: StatementEntity, prop: str, value: Any, src: Any = None) -> None:
        if value is None or value == "":
            return
        origin = f"{src.doc_id}@{src.start}-{src.end}" if src else None
        e.add(prop, str(value), origin=origin)
        seen = getattr(src, "doc_published", None)  # a Relation has none
        if seen:
            for stmt in e.get_statements(prop):
                if stmt.origin == origin and stmt.first_seen is None:
                    stmt.first_seen = stmt.last_seen = seen


def _scope(view: View, org: str | None) -> list[Statement]:
    return org_scope(view, org).statements if org else view.statements()


def build(
    view: View, on: PartialDate | None = None, org: str | None = None
) -> list[StatementEntity]:
    """The FtM entities of the knowledge base (of one organisation's scope; of the tenures
    that hold on ``on``), sorted by id."""
    stmts = _scope(view, org)
    by_id = {s.id: s for s in stmts}
    tenures = derive_tenures(stmts)
    if on is not None:
        tenures = [t for t in tenures if t.covers(on.first_day())]
    b = _Builder()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for s in stmts:
        if s.person and s.person_key:
            spellings[s.person_key][s.person] += 1
    people: dict[str, StatementEntity] = {}
    for t in tenures:
        if t.person_key not in people:
            people[t.person_key] = _person(b, t.person_key, spellings[t.person_key], by_id, t)
        _occupancy(b, t, people[t.person_key], by_id, view, stmts)
    _ties(b, view, on, people)
    _documents(b, view, by_id)
    return [b.entities[k] for k in sorted(b.entities)]


def _person(
    b: _Builder, key: str, spellings: Counter[str], by_id: dict[str, Statement], t: Tenure
) -> StatementEntity:
    p = b.entity("Person", key)
    names = spellings or Counter({t.person: 1})
    preferred = _preferred(names)
    src = next((by_id[i] for i in t.statement_ids if i in by_id), None)
    b.put(p, "name", preferred, src)
    for other in sorted(n for n in names if n != preferred):
        b.put(p, "alias", other, src)
    for topic in TOPICS:
        b.put(p, "topics", topic)
    return p


def _body(b: _Builder, view: View, key: str) -> StatementEntity:
    body = b.entity("PublicBody", key)
    if not body.get("name"):
        b.put(body, "name", view.org_name(key).split(" (")[0])
        _, _, country = key.partition(" @")
        b.put(body, "country", country or None)
        b.put(body, "topics", "gov.security")
        aliases = sorted(a for a, o in view.org_resolution().items() if o == key and a.isalpha())
        for a in aliases[:5]:
            b.put(body, "weakAlias", a.upper() if len(a) <= 6 else a)
    return body


def _occupancy(
    b: _Builder,
    t: Tenure,
    holder: StatementEntity,
    by_id: dict[str, Statement],
    view: View,
    stmts: list[Statement],
) -> None:
    src = [by_id[i] for i in t.statement_ids if i in by_id]
    first = src[0] if src else None
    post = b.entity("Position", t.post_key)
    if not post.get("name"):
        b.put(post, "name", t.label, first)
        if t.org_key:
            b.put(post, "organization", _body(b, view, t.org_key).id)
        seats = [s for s in stmts if s.kind == "seats" and s.post_key == t.post_key and s.count]
        if seats:
            b.put(post, "numberOfSeats", seats[-1].count, seats[-1])
    occ = b.entity("Occupancy", t.person_key, t.post_key, t.first_seen.isoformat())
    b.put(occ, "holder", holder.id, first)
    b.put(occ, "post", post.id, first)
    start = next((s for s in src if t.start and s.date == t.start), first)
    b.put(occ, "startDate", t.start.iso if t.start else None, start)
    end = next((s for s in src if t.end and s.date == t.end), None)
    b.put(occ, "endDate", t.end.iso if t.end else None, end)
    b.put(occ, "date", t.first_seen.isoformat(), first)
    b.put(occ, "date", t.last_seen.isoformat(), src[-1] if src else None)
    b.put(occ, "status", "ended" if t.end else "current")
    if t.end_reason:
        b.put(occ, "description", t.end_reason + (" (inferred)" if t.end_inferred else ""))
    for s in src:
        _documentation(b, occ, s)


def _documentation(b: _Builder, entity: StatementEntity, s: Statement) -> None:
    doc = b.entity("Document", s.doc_id)
    d = b.entity("Documentation", s.id, entity.id or "")
    b.put(d, "document", doc.id, s)
    b.put(d, "entity", entity.id, s)
    b.put(d, "role", s.event_type or s.kind, s)
    b.put(d, "date", s.date.iso if s.date else None, s)
    b.put(d, "summary", s.quote, s)


def _ties(
    b: _Builder, view: View, on: PartialDate | None, people: dict[str, StatementEntity]
) -> None:
    identity = view.person_identity()
    for r in view.relations():
        if on is not None and not r.in_force(on):
            continue
        if r.type == "tie" and r.object and r.value:
            ends = []
            for name in (r.subject, r.object):
                key = person_key(name) or name
                key = identity.get(key, key)
                if key not in people:
                    people[key] = b.entity("Person", key)
                    b.put(people[key], "name", name)
                ends.append(people[key])
            schema = "Family" if r.value == "kin" else "Associate"
            tie = b.entity(schema, r.id)
            b.put(tie, "person", ends[0].id, r)
            b.put(tie, "relative" if schema == "Family" else "associate", ends[1].id)
            b.put(tie, "relationship", r.detail or r.value, r)
            b.put(tie, "startDate", r.date_from, r)
            b.put(tie, "endDate", r.date_until, r)
            b.put(tie, "summary", r.quote, r)
        elif r.type == "part_of" and r.object:
            member, whole = (b.entity("PublicBody", _org(x)) for x in (r.subject, r.object))
            for body, name in ((member, r.subject), (whole, r.object)):
                if not body.get("name"):
                    b.put(body, "name", name)
            m = b.entity("Membership", r.id)
            b.put(m, "member", member.id, r)
            b.put(m, "organization", whole.id, r)
            b.put(m, "role", "part of", r)
            b.put(m, "startDate", r.date_from, r)
            b.put(m, "endDate", r.date_until, r)
            b.put(m, "summary", r.quote, r)


def _org(name: str) -> str:
    from custodes.store.keys import org_key

    return org_key(name) or name


def _documents(b: _Builder, view: View, by_id: dict[str, Statement]) -> None:
    cited = {s.doc_id for s in by_id.values()}
    for info in view.documents():
        if info.id not in cited:
            continue
        doc = b.entity("Document", info.id)
        b.put(doc, "title", info.title or info.path)
        b.put(doc, "fileName", info.path.rsplit("/", 1)[-1])
        b.put(doc, "publishedAt", info.published)
        b.put(doc, "language", {"en": "eng", "ru": "rus"}.get(info.language or ""))


def write(entities: Iterable[StatementEntity], out: IO[str]) -> int:
    """Entities as FtM statement-form JSON lines; the number written."""
    n = 0
    for e in entities:
        data = e.to_statement_dict()
        data["statements"] = sorted(data["statements"], key=lambda s: s["id"])
        out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def read(lines: Iterable[str]) -> Iterator[StatementEntity]:
    """FtM entities from JSON lines, in either form: ``properties`` (Aleph, ``ftm`` exports)
    or ``statements`` (this module, OpenSanctions' statement exports)."""
    dataset = _dataset()
    for line in lines:
        if line.strip():
            yield StatementEntity.from_data(dataset, json.loads(line))
