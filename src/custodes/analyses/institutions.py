"""``institutions(view, on)`` and ``oversight(view, on)``: the institutional map on a date and
who controls the controllers.

Both read every institutional statement in the knowledge base — extracted from documents and
written in case files alike — for one country (the only one, or ``country=``), keep those in
force on the date and compute over them with ``custodes.institutions``. Nothing is stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from custodes.analyses.base import UnknownName
from custodes.extract.dates import PartialDate
from custodes.institutions import Map, Measures, Relation, build_map, measure
from custodes.store.view import View


@dataclass
class BodyRow:
    """One body on the map: where it sits, what it holds and what it costs."""

    name: str
    security: bool
    elected: bool
    part_of: str | None
    units: list[str]
    superiors: list[str]  # the effective one first
    head_appointers: list[str]
    overseers: list[str]
    functions: list[str]
    budget: float | None = None
    budget_year: int | None = None
    currency: str | None = None
    budget_share: float | None = None
    personnel: int | None = None


@dataclass
class Evidence:
    """One statement the map rests on, with where it comes from."""

    type: str
    subject: str
    object: str | None
    value: str | None
    date_from: str | None
    date_until: str | None
    quote: str
    doc: str | None
    start: int
    end: int
    extractor: str
    confidence: float
    source: str | None  # the work a case file cites


@dataclass
class Institutions:
    on: str
    country: str | None
    bodies: list[BodyRow]
    ranks: list[tuple[str, int, str | None]]
    measures: Measures
    sources: list[str] = field(default_factory=list)  # documents and case files used
    evidence: list[Evidence] = field(default_factory=list)


def country_of_relations(relations: list[Relation], country: str | None) -> str | None:
    """The country to map: the one asked for, else the only (or most stated) one."""
    if country:
        return country.upper()
    counts = Counter(r.country for r in relations if r.country)
    return counts.most_common(1)[0][0] if counts else None


def institution_map(view: View, on: PartialDate, country: str | None = None) -> Map:
    """The map on ``on``; UnknownName when the knowledge base holds no institutional
    statements (for that country)."""
    rels = view.relations()
    chosen = country_of_relations(rels, country)
    rels = [r for r in rels if r.country in (chosen, None)]
    if not rels:
        where = f" for {country}" if country else ""
        raise UnknownName(
            f"no institutional statements{where}: ingest documents that state them or a case "
            "file (`custodes casefile FILE.yaml`)"
        )
    return build_map(rels, on, view.org_resolution())


def institutions(view: View, on: PartialDate, country: str | None = None) -> Institutions:
    """Hierarchy, subordination, functions and powers per agency, budgets and shares."""
    m = institution_map(view, on, country)
    measures = measure(m)
    shares = {s.agency: s.share for s in measures.concentration.budget_shares}
    rows = []
    for key, b in sorted(m.bodies.items(), key=lambda kv: (kv[1].elected, kv[1].name)):
        budgets = sorted(m.budgets.get(key, []), key=lambda x: x.year)
        latest = budgets[-1] if budgets else None
        rows.append(
            BodyRow(
                name=b.name,
                security=b.security,
                elected=b.elected,
                part_of=m.name(m.parent[key].key) if key in m.parent else None,
                units=[m.name(u) for u in m.units(key)],
                superiors=[m.name(x.key) for x in m.superiors.get(key, [])],
                head_appointers=[m.name(x.key) for x in m.appointers.get(key, [])],
                overseers=[m.name(x.key) for x in m.overseers.get(key, [])],
                functions=sorted(m.functions.get(key, {})),
                budget=latest.amount if latest else None,
                budget_year=latest.year if latest else None,
                currency=latest.currency if latest else None,
                budget_share=shares.get(b.name),
                personnel=m.personnel.get(key),
            )
        )
    chosen = country_of_relations(view.relations(), country)
    used = [
        r
        for r in view.relations()
        if r.country in (chosen, None) and r.type != "body" and r.in_force(on)
    ]
    docs = sorted({r.doc_path or r.doc_id for r in used})
    evidence = [
        Evidence(
            r.type,
            r.subject,
            r.object,
            r.value or (f"{r.amount:,.0f} {r.currency or ''} ({r.year})" if r.amount else None),
            r.date_from,
            r.date_until,
            r.quote,
            r.doc_path,
            r.start,
            r.end,
            r.extractor,
            r.confidence,
            r.source,
        )
        for r in used
    ]
    return Institutions(
        on=m.on,
        country=country_of_relations(view.relations(), country),
        bodies=rows,
        ranks=[(post, n, lst) for post, n, lst, _ in sorted(m.ranks, key=lambda r: r[1])],
        measures=measures,
        sources=docs,
        evidence=evidence,
    )


def oversight(view: View, on: PartialDate, country: str | None = None) -> Measures:
    """Oversight, capture risk, concentration and double control on ``on``."""
    return measure(institution_map(view, on, country))
