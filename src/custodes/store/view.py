"""A read-only view of the knowledge base: what analyses are given.

It has no method that writes, and every query runs in a connection that is rolled back, so an
analysis cannot change the knowledge base. It answers three kinds of question: which statements
(by organisation, person, post, kind), which documents, and which organisation or person a name
an analyst types stands for::

    view.resolve_org("NSC")   == "national security committee"
    view.resolve_org("KNB")   == "national security committee"   # well-known alias, data file
    view.match_people("Kunanbayev") == ["anuar kunanbayev", "berik kunanbayev"]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import Engine, Select, func, or_, select

from custodes.countries import split_country, with_country
from custodes.store.keys import org_key, person_key
from custodes.store.schema import (
    decisions,
    documents,
    metadata,
    org_aliases,
    relations,
    statements,
)
from custodes.store.statements import Statement


@dataclass(frozen=True)
class DocumentInfo:
    """A document's description (not its text): the source a statement cites."""

    id: str
    path: str
    title: str | None
    published: str | None
    language: str | None
    kind: str | None
    n_events: int


@cache
def well_known_aliases() -> dict[str, str]:
    """Abbreviations analysts use that documents rarely define ("KNB", "ГКНБ"), from
    ``data/org_aliases.yaml`` and the Russian names in ``languages/ru/vocabulary.yaml``; used
    only when no document defines the alias."""
    from custodes.languages import vocabulary_data

    text = resources.files("custodes").joinpath("data/org_aliases.yaml").read_text("utf-8")
    data: dict[str, str] = dict(yaml.safe_load(text) or {})
    data.update(vocabulary_data("ru").get("organizations", {}))
    return {org_key(k) or k: v for k, v in data.items()}


class View:
    """Read-only access to statements, documents and names."""

    def __init__(self, engine: Engine, min_confidence: float = 0.0) -> None:
        self._engine = engine
        # statements below this confidence are left out of every analysis of this view
        self.min_confidence = min_confidence
        self._people: dict[str, str] | None = None
        self._orgs: dict[str, str] | None = None

    def person_identity(self) -> dict[str, str]:
        """Stored person key → the key of the person it is (``resolve.cluster``): "Сагимбаев
        Ермек Алпысович" and "Ermek Sagimbayev" are one person to every analysis. The key of a
        group is that of its fullest Latin spelling, so an English-only knowledge base keeps its
        keys as they are."""
        if self._people is None:
            from custodes.analyses.entities import _preferred
            from custodes.resolve import cluster

            s = statements.c
            rows = self._rows(
                select(s.person, s.person_key).distinct().where(s.person.is_not(None))
            )
            names = sorted({(r[0], r[1]) for r in rows if r[1]})
            groups = cluster([n for n, _ in names])
            group_of = {key: g for (_, key), g in zip(names, groups, strict=True)}
            merges, apart, splits = self._decisions()
            fresh = max(groups, default=0) + 1
            # a spelling an analyst split off stands alone …
            for a in splits:
                if a in group_of:
                    group_of[a], fresh = fresh, fresh + 1
            # an analyst's "not the same" wins over the algorithm: the second name leaves
            for a, b in apart:
                if a in group_of and b in group_of and group_of[a] == group_of[b]:
                    group_of[b], fresh = fresh, fresh + 1
            # … and an analyst's merge joins what the algorithm kept apart
            for a, b in merges:
                if a in group_of and b in group_of:
                    ga, gb = group_of[a], group_of[b]
                    group_of = {k: (ga if g == gb else g) for k, g in group_of.items()}
            spelled: dict[int, Counter[str]] = {}
            for name, key in names:
                spelled.setdefault(group_of[key], Counter())[name] += 1
            head = {g: person_key(_preferred(c)) or "" for g, c in spelled.items()}
            self._people = {key: head[group_of[key]] for _, key in names}
        return self._people

    def org_identity(self) -> dict[str, str]:
        """Stored organisation keys without a country → the one country's key, when the
        knowledge base holds that name in exactly one country: an English report that never
        names the country and a decree "Республики Казахстан" speak of one NSC. A name held in
        several countries stays apart from all of them."""
        if self._orgs is None:
            s = statements.c
            keys = [r[0] for r in self._rows(select(s.org_key).distinct()) if r[0]]
            countries: dict[str, set[str]] = {}
            for k in keys:
                base, _, country = k.partition(" @")
                if country:
                    countries.setdefault(base, set()).add(k)
            self._orgs = {
                k: next(iter(countries[k])) for k in keys if len(countries.get(k, ())) == 1
            }
        return self._orgs

    def _decisions(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
        """Standing (not undone) analysts' decisions: (merges, not-same pairs, split keys)."""
        d = decisions.c
        rows = self._rows(select(d.kind, d.a, d.b).where(d.undone_at.is_(None)).order_by(d.id))
        merges = [(r[1], r[2]) for r in rows if r[0] == "merge"]
        apart = [(r[1], r[2]) for r in rows if r[0] == "not_same"]
        splits = [r[1] for r in rows if r[0] == "split"]
        return merges, apart, splits

    def _rows(self, query: Select[Any]) -> list[Any]:
        with self._engine.connect() as conn:
            rows = list(conn.execute(query))
            conn.rollback()
        return rows

    def statements(
        self,
        *,
        org_keys: Iterable[str] | None = None,
        person_keys: Iterable[str] | None = None,
        post_keys: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        doc_id: str | None = None,
    ) -> list[Statement]:
        """Statements matching every given filter, with their document's path and title,
        in document order (document, then offset)."""
        s = statements.c
        d = documents.c
        q = select(
            statements,
            d.path.label("doc_path"),
            d.title.label("doc_title"),
            d.published.label("doc_published"),
        )
        q = q.join(documents, documents.c.id == s.doc_id)
        # the filters name resolved organisations; stored keys without a country count too
        inverse: dict[str, list[str]] = {}
        for stored, resolved in self.org_identity().items():
            inverse.setdefault(resolved, []).append(stored)
        if org_keys is not None:
            org_keys = [x for k in org_keys for x in (k, *inverse.get(k, ()))]
        if post_keys is not None:
            post_keys = [
                x
                for k in post_keys
                for org in [k.partition("|")[0]]
                for x in (k, *(o + k[len(org) :] for o in inverse.get(org, ())))
            ]
        for column, values in (
            (s.org_key, org_keys),
            (s.person_key, person_keys),
            (s.post_key, post_keys),
            (s.kind, kinds),
        ):
            if values is not None:
                q = q.where(column.in_(sorted(set(values))))
        if doc_id is not None:
            q = q.where(s.doc_id == doc_id)
        if self.min_confidence > 0:
            q = q.where(s.confidence >= self.min_confidence)
        q = q.order_by(s.doc_id, s.start, s.id)
        identity = self.person_identity()
        orgs = self.org_identity()
        out = []
        for r in self._rows(q):
            row = dict(r._mapping)
            if row.get("person_key"):
                row["person_key"] = identity.get(row["person_key"], row["person_key"])
            if row.get("org_key") in orgs:
                key = row["org_key"]
                row["org_key"] = orgs[key]
                if row.get("post_key", "").startswith(key + "|"):
                    row["post_key"] = orgs[key] + row["post_key"][len(key) :]
            out.append(Statement.from_row(row))
        return out

    def relations(self) -> list[Any]:
        """Institutional statements (``custodes.institutions.Relation``), document order."""
        from custodes.institutions import Relation

        r, d = relations.c, documents.c
        q = select(relations, d.path.label("doc_path")).join(documents, d.id == r.doc_id)
        return [
            Relation.from_row(row._mapping)
            for row in self._rows(q.order_by(r.doc_id, r.start, r.id))
        ]

    def org_resolution(self) -> dict[str, str]:
        """Alias key → organisation key, for every alias documents and case files define and
        the well-known ones ("nsc", "knb", "кнб" → "national security committee")."""
        out = {k: org_key(v) or k for k, v in well_known_aliases().items()}
        a = org_aliases.c
        counts = Counter(
            (r.alias_key, r.org_key) for r in self._rows(select(a.alias_key, a.org_key))
        )
        for (alias, org), _ in sorted(counts.items(), key=lambda x: x[1]):
            out[alias] = org
        return out

    def documents(self) -> list[DocumentInfo]:
        """Every document, oldest publication first."""
        d = documents.c
        q = select(d.id, d.path, d.title, d.published, d.language, d.kind, d.n_events)
        rows = self._rows(q.order_by(d.published, d.path))
        return [DocumentInfo(**r._mapping) for r in rows]

    def resolve_org(self, name: str) -> str | None:
        """The org_key a name or abbreviation stands for, or None. An alias a document defines
        comes first (the most documents win), then the organisation's own name (any case),
        then the well-known aliases. Organisations carry their country ("… @kz"): a country in
        the name ("ГКНБ Кыргызстана", "GKNB (KG)") picks that one; without one, the country
        with the most statements."""
        bare, country = split_country(name)
        key = org_key(bare)
        if key is None:
            return None
        a = org_aliases.c
        rows = self._rows(select(a.org_key).where(a.alias_key == key))
        defined = Counter(r.org_key for r in rows)
        known = well_known_aliases().get(key)
        for base in [
            *(k for k, _ in defined.most_common()),
            key,
            org_key(known) if known else None,
        ]:
            if base and (found := self._with_country(base, country)):
                return found
        return None

    def _with_country(self, base: str, country: str | None) -> str | None:
        s = statements.c
        escaped = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        cond = or_(s.org_key == base, s.org_key.like(f"{escaped} @%", escape="\\"))
        q = select(s.org_key, func.count()).where(cond).group_by(s.org_key)
        counts = Counter({r[0]: r[1] for r in self._rows(q)})
        if country:
            wanted = with_country(base, country)
            return wanted if wanted in counts else None
        return counts.most_common(1)[0][0] if counts else None

    def org_name(self, key: str) -> str:
        """The most common spelling of an organisation in its statements, with its country when
        the knowledge base holds one name in several countries."""
        q = select(statements.c.org).where(statements.c.org_key == key)
        names = Counter(r.org for r in self._rows(q) if r.org)
        name = names.most_common(1)[0][0] if names else key
        base, _, country = key.partition(" @")
        if country:
            s = statements.c
            others = self._rows(
                select(s.org_key).where(s.org_key.like(f"{base} @%"), s.org_key != key).limit(1)
            )
            if others:
                return f"{name} ({country.upper()})"
        return name

    def match_people(self, name: str) -> list[str]:
        """Stored person keys a name stands for, in any script or spelling: every spelling of
        the persons the name resolves to, or of everyone with that surname when one word is
        given ("Kunanbayev" → Anuar and Berik Kunanbayev; "Сагимбаев" → Ermek Sagimbayev)."""
        from custodes.resolve import name_words, same_person, word_match

        key = person_key(name)
        query = name_words(name)
        if key is None or not query:
            return []
        identity = self.person_identity()
        s = statements.c
        rows = self._rows(select(s.person, s.person_key).distinct().where(s.person.is_not(None)))
        hits: set[str] = set()
        for person, stored in rows:
            if not stored:
                continue
            if stored == key or identity.get(stored) == key:
                hit = True
            elif len(query) == 1:
                hit = len(query[0]) > 1 and any(word_match(query[0], w) for w in name_words(person))
            else:
                hit = same_person(name, person)
            if hit:
                hits.add(identity.get(stored, stored))
        return sorted(k for k, who in identity.items() if who in hits)

    def stored_rows(self, table: str, batch: int = 2000) -> Iterator[dict[str, Any]]:
        """Every row of one table as it is stored (keys not resolved, decisions not applied),
        in a stable order, streamed ``batch`` rows at a time so memory stays constant however
        large the knowledge base: what a lossless dump reads (``exchange.jsonl``)."""
        tab = STORED_ORDER[table]
        q = select(metadata.tables[table]).order_by(*(metadata.tables[table].c[c] for c in tab))
        with self._engine.connect() as conn:
            for row in conn.execution_options(yield_per=batch).execute(q):
                yield dict(row._mapping)
            conn.rollback()


# The tables a dump holds, in the order a load must write them (documents before what cites
# them), each with the columns that order its rows.
STORED_ORDER = {
    "documents": ("id",),
    "statements": ("doc_id", "start", "id"),
    "relations": ("doc_id", "start", "id"),
    "org_aliases": ("alias_key", "org_key", "doc_id"),
    "decisions": ("id",),
}
