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
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    and_,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from custodes import yamldata
from custodes.countries import split_country, with_country
from custodes.store.db import one_of
from custodes.store.keys import org_key, person_key
from custodes.store.review import reviewed
from custodes.store.schema import (
    conflict_statements,
    conflicts_state,
    decisions,
    derived_state,
    documents,
    metadata,
    name_blocks,
    org_aliases,
    org_identities,
    person_identities,
    person_names,
    relations,
    reviews,
    statements,
    stored_conflicts,
    tenures,
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
    data: dict[str, str] = dict(yamldata.load(text) or {})
    data.update(vocabulary_data("ru").get("organizations", {}))
    return {org_key(k) or k: v for k, v in data.items()}


class View:
    """Read-only access to statements, documents and names."""

    def __init__(
        self,
        engine: Engine | Connection,
        min_confidence: float = 0.0,
        derived: bool | None = None,
    ) -> None:
        # a Connection: the view of a writer's open transaction (``store/derived.py``)
        self._engine = engine
        # statements below this confidence are left out of every analysis of this view
        self.min_confidence = min_confidence
        self._people: dict[str, str] | None = None
        self._orgs: dict[str, str] | None = None
        self._reviews: dict[str, tuple[str, dict[str, Any] | None]] | None = None
        # None: asked of the knowledge base; True: a worker deriving tenures
        # (``derived._worker_batch``), whose identities are committed before the mark is
        self._derived: bool | None = derived
        self._reading: Connection | None = None
        # organisation key → its name, and a name's keys in every country (``_with_country``)
        self._org_names: dict[str, str | None] = {}
        self._same_name: dict[str, set[str]] = {}

    @contextmanager
    def reading(self) -> Iterator[View]:
        """Every query inside runs in one connection and one transaction, rolled back at the
        end, so an analysis reads one state of the knowledge base: a document committed
        between its reading of tenures and of the statements they cite is not half seen (on
        PostgreSQL a REPEATABLE READ snapshot; on SQLite a read transaction, which a writer's
        commit waits for). And its queries pay for one connection, not one each: a roster
        makes nine, and on PostgreSQL each checkout is a ping and each return a rollback, two
        round trips. Nested, the outer one holds."""
        if self._reading is not None or isinstance(self._engine, Connection):
            yield self
            return
        with self._engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                # the driver begins no transaction for a SELECT: each would see the latest state
                conn.exec_driver_sql("BEGIN")
            else:
                conn.execution_options(isolation_level="REPEATABLE READ")
            self._reading = conn
            try:
                self._prime()
                yield self
            finally:
                self._reading = None
                conn.rollback()

    def _prime(self) -> None:
        """Read in one query what nearly every analysis asks first, each a small query of its
        own otherwise: the standing reviews, whether the derived tables are built and, if
        they are, the organisations merged into others. On PostgreSQL each query is a round
        trip; a roster made nine."""
        if self._reviews is not None or self._derived is not None or self._orgs is not None:
            return
        r, ds, o = reviews.c, derived_state.c, org_identities.c
        q = union_all(
            select(literal("r"), r.statement_id, r.action, r.fields, r.id).where(
                r.undone_at.is_(None)
            ),
            select(literal("d"), ds.name, null(), null(), null()).where(ds.name == "built"),
            select(literal("o"), o.org_key, o.resolved, null(), null()).where(
                o.org_key != o.resolved
            ),
        )
        rows = self._rows(q)  # type: ignore[arg-type]
        built = any(row[0] == "d" for row in rows)
        review = sorted((row[4], row[1], row[2], row[3]) for row in rows if row[0] == "r")
        self._reviews = {sid: (action, fields) for _, sid, action, fields in review}
        self._derived = built
        if built:
            self._orgs = {row[1]: row[2] for row in rows if row[0] == "o"}

    def reviews(self) -> dict[str, tuple[str, dict[str, Any] | None]]:
        """Statement id → its standing review (action, fields): the latest not undone."""
        if self._reviews is None:
            r = reviews.c
            q = select(r.statement_id, r.action, r.fields).where(r.undone_at.is_(None))
            self._reviews = {row[0]: (row[1], row[2]) for row in self._rows(q.order_by(r.id))}
        return self._reviews

    @property
    def derived(self) -> bool:
        """Are the derived tables (``store/derived.py``) complete? Then identities come from
        ``person_identities`` instead of clustering every name per query."""
        if self._derived is None:
            q = select(derived_state.c.name).where(derived_state.c.name == "built")
            self._derived = bool(self._rows(q))
        return self._derived

    @property
    def tenures_stored(self) -> bool:
        """Can analyses read stored tenures? Only for every statement (no ``min_confidence``):
        the stored tenures rest on all of them."""
        return self.derived and self.min_confidence == 0

    def person_identity(self) -> dict[str, str]:
        """Stored person key → the key of the person it is (``resolve.cluster``): "Сагимбаев
        Ермек Алпысович" and "Ermek Sagimbayev" are one person to every analysis. The key of a
        group is that of its fullest Latin spelling, so an English-only knowledge base keeps its
        keys as they are."""
        if self._people is None:
            from custodes.resolve import identities

            if self.derived:
                q = select(person_identities.c.person_key, person_identities.c.identity)
                self._people = {r[0]: r[1] for r in self._rows(q)}
                return self._people
            names = sorted({(r[0], r[1]) for r in self._spellings() if r[1]})
            merges, apart, splits = self._decisions()
            self._people = identities(names, merges, apart, splits)
        return self._people

    def _spellings(self) -> list[tuple[str, str | None]]:
        """(person as written, person key) of every statement, the analysts' edits included."""
        s = statements.c
        rows = self._rows(select(s.person, s.person_key).distinct().where(s.person.is_not(None)))
        edited = [
            (f["person"], f["person_key"])
            for action, f in self.reviews().values()
            if action == "edit" and f and f.get("person_key")
        ]
        return [(r[0], r[1]) for r in rows] + edited

    def identities_of(self, keys: Iterable[str]) -> dict[str, str]:
        """``person_identity`` for some stored keys only (read through the index when the
        derived tables are built)."""
        wanted = sorted(set(keys))
        if not self.derived:
            every = self.person_identity()
            return {k: every[k] for k in wanted if k in every}
        pi = person_identities.c
        q = select(pi.person_key, pi.identity).where(pi.person_key.in_(wanted))
        return {r[0]: r[1] for r in self._rows(q)}

    def keys_of(self, identities: Iterable[str]) -> dict[str, str]:
        """Every stored person key of these people (resolved keys) → its person: the
        inverse of ``identities_of``, through the index on ``person_identities.identity``
        (only when the derived tables are built)."""
        pi = person_identities.c
        wanted = sorted(set(identities))
        q = select(pi.person_key, pi.identity)
        return {
            r[0]: r[1]
            for i in range(0, len(wanted), 500)
            for r in self._rows(q.where(pi.identity.in_(wanted[i : i + 500])))
        }

    def tenure_holders(self, org_key: str, day: date) -> set[str]:
        """The people (resolved keys) whose stored tenure of one organisation's posts covers
        ``day``, read through the index without decoding the tenures (``analyses.diff`` reads
        those people's tenures next)."""
        t = tenures.c
        iso = day.isoformat()
        alive = or_(t.end_day.is_(None), t.end_day > iso)
        q = select(t.person_key).where(t.org_key == org_key, t.first_seen <= iso, alive)
        return {r[0] for r in self._rows(q)}

    def stored_tenures(
        self,
        org_key: str | None = None,
        day: date | None = None,
        since: date | None = None,
        person_keys: Iterable[str] | None = None,
        near: tuple[date, date] | None = None,
        sources: dict[str, list[Any]] | None = None,
    ) -> list[Any]:
        """Tenures kept by ``store/derived.py`` (``tenures.Tenure``): of one organisation's
        posts, those begun by ``day`` that cover it or began after ``since``; or of some
        people (resolved keys). ``near=(lo, hi)`` keeps the tenures seen or ended by ``hi``
        that end on or after ``lo`` or begin in it (a superset of what touches the span: the
        people of a diff hold decades of posts). Only when ``tenures_stored``. ``sources``,
        when given, is filled with statement id → the evidence the tenures keep of it
        (``derived.tenure_json``: ``analyses.base.Source``'s fields)."""
        from custodes.store.derived import tenure_from_json, tenure_sources

        t = tenures.c
        q = select(t.tenure).order_by(t.id)
        if org_key is not None:
            q = q.where(t.org_key == org_key)
        if day is not None:
            iso = day.isoformat()
            alive = or_(t.end_day.is_(None), t.end_day > iso)
            if since is not None:
                alive = or_(alive, t.first_seen > since.isoformat())
            q = q.where(t.first_seen <= iso, alive)
        if person_keys is not None:
            q = q.where(one_of(t.person_key, sorted(set(person_keys)), self._engine.dialect.name))
        if near is not None:
            lo, hi = near[0].isoformat(), near[1].isoformat()
            q = q.where(
                or_(t.first_seen <= hi, t.end_day <= hi),
                or_(t.end_day.is_(None), t.end_day >= lo, t.first_seen >= lo),
            )
        rows = [r[0] for r in self._rows(q)]
        if sources is not None:
            for d in rows:
                for kept in tenure_sources(d) or ():
                    sources[kept[0]] = kept
        return [tenure_from_json(d) for d in rows]

    def tenure_starts(self, org_key: str, after: date, until: date) -> list[tuple[str, date]]:
        """(post key, first seen) of one organisation's stored tenures first seen after
        ``after`` and by ``until``: whether a post claimed vacant was filled since, without
        reading the tenures themselves."""
        t = tenures.c
        q = select(t.post_key, t.first_seen).where(
            t.org_key == org_key,
            t.first_seen > after.isoformat(),
            t.first_seen <= until.isoformat(),
        )
        return [(r[0], date.fromisoformat(r[1])) for r in self._rows(q.order_by(t.id))]

    def org_identity(self) -> dict[str, str]:
        """Stored organisation key → the organisation it is. A key without a country joins the
        one country's key when the knowledge base holds that name in exactly one country (an
        English report that never names the country and a decree "Республики Казахстан" speak
        of one NSC; a name held in several countries stays apart from all of them). Then the
        analysts' decisions: ``org_split`` keeps a key apart, ``org_not_same`` undoes a join,
        ``org_merge`` makes two organisations one (the one with more statements names it)."""
        if self._orgs is None:
            s = statements.c
            if self.derived:
                o = org_identities.c
                rows = self._rows(select(o.org_key, o.resolved).where(o.org_key != o.resolved))
                self._orgs = {r[0]: r[1] for r in rows}
                return self._orgs
            from custodes.store.derived import org_resolution

            counted = self._rows(select(s.org_key, func.count()).group_by(s.org_key))
            size = {r[0]: r[1] for r in counted if r[0]}
            for action, f in self.reviews().values():
                if action == "edit" and f and f.get("org_key"):
                    size.setdefault(f["org_key"], 0)
            out = {
                k: v for k, v in org_resolution(size, *self._decisions("org_")).items() if k != v
            }
            self._orgs = out
        return self._orgs

    def _decisions(
        self, prefix: str = ""
    ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
        """Standing (not undone) analysts' decisions: (merges, not-same pairs, split keys);
        about people, or with ``prefix="org_"`` about organisations."""
        from custodes.resolve import in_force

        d = decisions.c
        rows = self._rows(select(d.kind, d.a, d.b).where(d.undone_at.is_(None)).order_by(d.id))
        return in_force([(r[0], r[1], r[2]) for r in rows], prefix)

    def _rows(self, query: Select[Any]) -> list[Any]:
        # ``all()`` fetches in one call to the driver (iterating a result fetches a row a call)
        if self._reading is not None:
            return self._reading.execute(query).all()
        if isinstance(self._engine, Connection):
            return self._engine.execute(query).all()
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
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
        ids: Iterable[str] | None = None,
        stored_keys: dict[str, tuple[str | None, str | None]] | None = None,
        not_org_keys: Iterable[str] | None = None,
        dated: tuple[date, date] | None = None,
        identities: bool = True,
    ) -> list[Statement]:
        """Statements matching every given filter, with their document's path and title,
        in document order (document, then offset). ``stored_keys``, when given, is filled with
        each statement's id → (person key, organisation key) as the filters saw them (reviews
        applied, before identities and organisations are resolved): ``store/derived.py``
        reads many organisations in one query and needs them to tell which is whose.
        ``not_org_keys`` leaves out rows stored under those organisation keys (a reviewed row
        still comes, as with every filter): what that caller has read already. ``dated=(lo,
        hi)`` leaves out statements whose date is surely outside ``lo``'s year to ``hi`` (the
        undated ones stay): a coarse filter in the database before the caller's exact one.
        ``identities=False`` leaves each row's person key as stored, not resolved to the
        person it is: for statements read only as sources (a roster's citations, whose people
        its tenures name), which spares a join per row."""
        s = statements.c
        q = _statements_query(self.derived and identities)
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
        filters = {
            "org_key": None if org_keys is None else set(org_keys),
            "person_key": None if person_keys is None else set(person_keys),
            "post_key": None if post_keys is None else set(post_keys),
            "kind": None if kinds is None else set(kinds),
            "id": None if ids is None else set(ids),
        }
        dialect = self._engine.dialect.name
        conds = [
            one_of(statements.c[column], sorted(values), dialect)
            for column, values in filters.items()
            if values is not None
        ]
        if not_org_keys is not None:
            conds.append(or_(s.org_key.is_(None), s.org_key.not_in(sorted(set(not_org_keys)))))
        if dated is not None:  # "2015" and "2015-06" sort before every day of their span
            lo, hi = str(dated[0].year), dated[1].isoformat()
            conds.append(or_(s.date.is_(None), and_(s.date >= lo, s.date <= hi)))
        if self.min_confidence > 0:
            conds.append(s.confidence >= self.min_confidence)
        # reviewed statements: a rejected one is left out; an edited one is read with its new
        # values, so it is fetched whatever the filters say and filtered after (an accepted
        # or edited claim passes ``min_confidence``: an analyst vouched for it)
        review = self.reviews()
        rejected = [k for k, (a, _) in review.items() if a == "reject"]
        vouched = [k for k, (a, _) in review.items() if a != "reject"]
        if conds and vouched:
            q = q.where(or_(and_(*conds), s.id.in_(vouched)))
        elif conds:
            q = q.where(and_(*conds))
        if rejected:
            q = q.where(s.id.not_in(rejected))
        if doc_id is not None:
            q = q.where(s.doc_id == doc_id)
        q = q.order_by(s.doc_id, s.start, s.id)
        identity = {} if self.derived or not identities else self.person_identity()
        if (
            self.derived and identities
        ):  # an analyst's edit's name: its identity, not the stored one's
            edited = {f.get("person_key") for a, f in review.values() if a == "edit" and f}
            edited.discard(None)
            identity = self.identities_of(edited) if edited else {}
        orgs = self.org_identity()
        out = []
        rows = self._rows(q)
        names = tuple(rows[0]._fields) if rows else ()
        for r in rows:
            row = dict(zip(names, r, strict=True))
            if row["id"] in review:
                row = reviewed(row, *review[row["id"]])
                if any(v is not None and row.get(c) not in v for c, v in filters.items()):
                    continue
            stored_identity = row.pop("_identity", None)
            if stored_keys is not None:
                stored_keys[row["id"]] = (row.get("person_key"), row.get("org_key"))
            if self.derived and row["person_key"] in identity:
                row["person_key"] = identity[row["person_key"]]
            elif self.derived and identities:
                row["person_key"] = stored_identity or row["person_key"]
            elif row.get("person_key"):
                row["person_key"] = identity.get(row["person_key"], row["person_key"])
            if row.get("org_key") in orgs:
                key = row["org_key"]
                row["org_key"] = orgs[key]
                if (row.get("post_key") or "").startswith(key + "|"):
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

    def document_text(self, doc_id: str) -> str | None:
        """A document's stored text (what its statements' spans point into), or None."""
        d = documents.c
        rows = self._rows(select(d.text).where(d.id == doc_id))
        return rows[0][0] if rows else None

    def resolve_org(self, name: str, merged: bool = True) -> str | None:
        """The org_key a name or abbreviation stands for, or None. An alias a document defines
        comes first (the most documents win), then the organisation's own name (any case),
        then the well-known aliases. Organisations carry their country ("… @kz"): a country in
        the name ("ГКНБ Кыргызстана", "GKNB (KG)") picks that one; without one, the country
        with the most statements. The key is the organisation's after analysts' merges (unless
        ``merged`` is false: the stored key a decision names)."""
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
                return self.org_identity().get(found, found) if merged else found
        return None

    def _with_country(self, base: str, country: str | None) -> str | None:
        s = statements.c
        escaped = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        if self.derived:  # the small table of organisations, not every statement
            o = org_identities.c
            cond = or_(o.org_key == base, o.org_key.like(f"{escaped} @%", escape="\\"))
            rows = self._rows(select(o.org_key, o.n, o.name).where(cond))
            counts = Counter({r[0]: r[1] for r in rows})
            # what ``org_name`` asks next, kept: its name, and whether other countries hold it
            self._org_names.update((r[0], r[2]) for r in rows)
            self._same_name[base] = {r[0] for r in rows if r[0] != base}  # those "… @cc"
        else:
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
        base, _, country = key.partition(" @")
        if self.derived and key in self._org_names and base in self._same_name:
            # read with the key by ``resolve_org``: no query
            name = self._org_names[key] or key
            if country and self._same_name[base] - {key}:
                return f"{name} ({country.upper()})"
            return name
        if self.derived:  # kept by store/derived.py
            o = org_identities.c
            name = self._rows(select(o.name).where(o.org_key == key))
            name = (name[0][0] if name else None) or key
        else:
            q = select(statements.c.org).where(statements.c.org_key == key)
            names = Counter(r.org for r in self._rows(q) if r.org)
            name = names.most_common(1)[0][0] if names else key
        if country:
            s = self._org_table()
            others = self._rows(
                select(s.org_key).where(s.org_key.like(f"{base} @%"), s.org_key != key).limit(1)
            )
            if others:
                return f"{name} ({country.upper()})"
        return name

    def _org_table(self) -> Any:
        """Where organisation keys are looked up: the small derived table, or statements."""
        return org_identities.c if self.derived else statements.c

    def match_people(self, name: str) -> list[str]:
        """Stored person keys a name stands for, in any script or spelling: every spelling of
        the persons the name resolves to, or of everyone with that surname when one word is
        given ("Kunanbayev" → Anuar and Berik Kunanbayev; "Сагимбаев" → Ermek Sagimbayev)."""
        from custodes.resolve import name_words

        key = person_key(name)
        query = name_words(name)
        if key is None or not query:
            return []
        if self.derived:
            return self._match_blocked(name, key, query)
        identity = self.person_identity()
        hits: set[str] = set()
        for person, stored in set(self._spellings()):
            if stored and _names_one(name, key, query, person, stored, identity.get(stored)):
                hits.add(identity.get(stored, stored))
        return sorted(k for k, who in identity.items() if who in hits)

    def _match_blocked(self, name: str, key: str, query: tuple[str, ...]) -> list[str]:
        """``match_people`` through ``name_blocks``: only the spellings that share a block
        with the name are compared (a surname: its first three letters; a full name: a pair
        of its words), not every person in the knowledge base."""
        from custodes.resolve import _pair_blocks, is_partial

        pi, pn, nb = person_identities.c, person_names.c, name_blocks.c
        if len(query) == 1 or is_partial(name):
            wanted = [f"{k}:{w[:3]}" for w in query if len(w) > 3 for k in ("w", "q")]
        else:
            wanted = [f"p:{b}" for b in _pair_blocks(name)]
        cand = select(nb.person_key).where(nb.block.in_(wanted))
        exact = select(pi.person_key).where(or_(pi.person_key == key, pi.identity == key))
        # one IN of a UNION, not an OR of two INs: PostgreSQL answers the OR by scanning every
        # spelling (112 ms at a million statements), the union through the indexes (0.9 ms)
        rows = self._rows(
            select(pn.name, pn.person_key, pi.identity)
            .join(person_identities, pi.person_key == pn.person_key)
            .where(pn.person_key.in_(cand.union(exact)))
        )
        hits: set[str] = set()
        for person, stored, who in rows:
            if _names_one(name, key, query, person, stored, who):
                hits.add(who)
        if not hits:
            return []
        q = select(pi.person_key).where(pi.identity.in_(sorted(hits)))
        return sorted(r[0] for r in self._rows(q))

    # ---- stored conflicts and the review queue (store/derived_conflicts.py, issue 11) -----

    @property
    def conflicts_stored(self) -> bool:
        """Are the kept conflicts this view's? The derived tables built, every statement
        counted (no ``min_confidence``) and the conflicts derived since the tables were."""
        if not self.tenures_stored:
            return False
        built = select(derived_state.c.at).where(derived_state.c.name == "built")
        kept = conflicts_state.c.built_at == built.scalar_subquery()
        return bool(self._rows(select(conflicts_state.c.built_at).where(kept)))

    def conflict_page(self, limit: int = 100, offset: int = 0) -> tuple[int, list[Any]]:
        """(how many, one page of them): the kept conflicts in ``conflicts()``'s order (date,
        kind, summary), as ``analyses.conflicts.Conflict``. Only when ``conflicts_stored``."""
        from custodes.store.derived_conflicts import from_json

        c = stored_conflicts.c
        total = self._rows(select(func.count()).select_from(stored_conflicts))[0][0]
        q = select(c.conflict).order_by(c.day, c.kind, c.summary, c.id)
        rows = self._rows(q.limit(limit).offset(offset))
        return total, [from_json(r[0]) for r in rows]

    def conflicted(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Statement id (of ``ids``) → the summaries of the kept conflicts it is a side of."""
        cs, c = conflict_statements.c, stored_conflicts.c
        q = select(cs.statement_id, c.summary).join(stored_conflicts, c.id == cs.conflict_id)
        out: dict[str, list[str]] = {}
        wanted = sorted(set(ids))
        chunks = [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
        for sid, summary in (
            r for ch in chunks for r in self._rows(q.where(cs.statement_id.in_(ch)))
        ):
            out.setdefault(sid, []).append(summary)
        return out

    def statements_by_status(
        self,
        statuses: Iterable[str] | None,
        *,
        ids: Iterable[str] | None = None,
        conflicted: bool | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Statement]:
        """Statements (their arriving leg) whose ``status`` is one of ``statuses`` (None:
        any), read with their standing review (a rejected one too, unlike ``statements``), in
        the review queue's order: lowest confidence, then the newest document, then document
        order. ``ids``: only these; ``conflicted``: only those a kept conflict rests on (True)
        or none of them (False). Keys are as stored (the queue shows names, it resolves
        nobody)."""
        s, d = statements.c, documents.c
        q = _statement_columns()
        if conflicted and self._from_conflicts(limit, offset):
            # from the statements a conflict rests on and sorted, when they are fewer than the
            # rows an index scan in queue order would pass before the page's end
            cs = conflict_statements.c
            inner = select(cs.statement_id.label("sid")).distinct().subquery()
            q = q.select_from(inner.join(statements, s.id == inner.c.sid))
        else:
            q = _where_conflicted(q, conflicted)
        q = q.join(documents, d.id == s.doc_id).where(s.leg == "to")
        if statuses is not None and ids is None:  # with ids, by their key (filtered below)
            q = q.where(s.status.in_(sorted(set(statuses))))
        if ids is not None:  # sorted here: ordered by confidence, SQLite would scan its index
            wanted = sorted(set(ids))
            chunks = [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
            rows = [r for c in chunks for r in self._rows(q.where(s.id.in_(c)))]
            rows = [r for r in rows if statuses is None or r.status in statuses]
            rows.sort(key=lambda r: r.id)
            rows.sort(key=lambda r: (r.doc_published or "", r.doc_id, -r.start), reverse=True)
            rows.sort(key=lambda r: r.confidence)
            rows = rows[offset : None if limit is None else offset + limit]
        else:
            q = q.order_by(
                s.confidence, d.published.desc().nulls_last(), s.doc_id.desc(), s.start, s.id
            )
            rows = self._rows(q.limit(limit).offset(offset) if limit is not None else q)
        review = self.reviews()
        out = []
        for r in rows:
            row = dict(r._mapping)
            if row["id"] in review:
                row = reviewed(row, *review[row["id"]])
            out.append(Statement.from_row(row))
        return out

    def _from_conflicts(self, limit: int | None, offset: int) -> bool:
        """Is a page of the statements in a conflict cheaper read from ``conflict_statements``
        (all of them, sorted) than by scanning statements in the queue's order (each one
        checked) until the page is full? The scan passes about (offset + limit) × all / in
        conflict rows."""
        if limit is None:
            return True
        cs = conflict_statements.c
        inner = select(cs.statement_id).distinct().subquery()
        n_conf = self._rows(select(func.count()).select_from(inner))[0][0]
        n_all = self._rows(select(func.count()).select_from(statements))[0][0]
        return n_conf == 0 or (offset + limit) * n_all / n_conf > n_conf

    def count_by_status(
        self, statuses: Iterable[str] | None, conflicted: bool | None = None
    ) -> int:
        """How many statements (arriving legs) ``statements_by_status`` has to show."""
        s = statements.c
        if conflicted:  # from the few in a conflict, not from every statement
            cs = conflict_statements.c
            inner = select(cs.statement_id.label("sid")).distinct().subquery()
            q = select(func.count()).select_from(inner.join(statements, s.id == inner.c.sid))
        else:
            q = _where_conflicted(select(func.count()).select_from(statements), conflicted)
        q = q.where(s.leg == "to")
        if statuses is not None:
            q = q.where(s.status.in_(sorted(set(statuses))))
        return int(self._rows(q)[0][0])

    def standing_decisions(self, keys: Iterable[str], org: bool = False) -> list[dict[str, Any]]:
        """The analysts' standing decisions naming these stored keys, about people (or, with
        ``org``, organisations): kind (merge, not_same, split), a, b (keys), who and when, in
        the order they were made; what a person's or organisation's page offers to undo."""
        d = decisions.c
        wanted = sorted(set(keys))
        named = or_(d.a.in_(wanted), d.b.in_(wanted))
        q = select(d.kind, d.a, d.b, d.who, d.at).where(d.undone_at.is_(None), named)
        out = []
        for r in self._rows(q.order_by(d.id)):
            if r.kind.startswith("org_") == org:
                kind = r.kind.removeprefix("org_")
                out.append({"kind": kind, "a": r.a, "b": r.b, "who": r.who, "at": str(r.at)})
        return out

    def document(self, doc_id: str) -> DocumentInfo | None:
        """One document's description, or None."""
        d = documents.c
        q = select(d.id, d.path, d.title, d.published, d.language, d.kind, d.n_events)
        rows = self._rows(q.where(d.id == doc_id))
        return DocumentInfo(**rows[0]._mapping) if rows else None

    def statement_counts(self) -> dict[str, int]:
        """Document id → how many of its statements analyses see (a rejected one is not),
        counted by the database rather than by reading every statement."""
        s = statements.c
        counts = dict(self._rows(select(s.doc_id, func.count()).group_by(s.doc_id)))
        gone = select(s.doc_id, func.count()).where(s.status == "rejected").group_by(s.doc_id)
        for doc, n in self._rows(gone):  # the few rejected, through the queue's index
            counts[doc] -= n
        return counts

    def busiest_people(self, limit: int) -> list[tuple[str, Counter[str]]]:
        """The ``limit`` persons with the most statements, most first: (the person's key, how
        often each spelling is written), counted by the database, for a list of people that
        does not read the whole knowledge base. Only when ``derived``."""
        s, pi = statements.c, person_identities.c
        n = func.count().label("n")
        q = (  # a ranking of whom to list first: rejected statements count too
            select(pi.identity, n)
            .select_from(statements)
            .join(person_identities, pi.person_key == s.person_key)
            .group_by(pi.identity)
            .order_by(n.desc(), pi.identity)
            .limit(limit)
        )
        heads = [r[0] for r in self._rows(q)]
        spelled = (
            select(pi.identity, s.person, func.count())
            .select_from(person_identities)
            .join(statements, s.person_key == pi.person_key)
            .where(pi.identity.in_(heads), s.person.is_not(None))
            .group_by(pi.identity, s.person)
        )
        counts: dict[str, Counter[str]] = {h: Counter() for h in heads}
        for who, person, k in self._rows(spelled):
            counts[who][person] += k
        return [(h, counts[h]) for h in heads]

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


@cache
def _statement_columns() -> Select[Any]:
    """Every column of statements and their document's path, title and date (the caller
    joins the documents, after its own joins)."""
    d = documents.c
    return select(
        statements,
        d.path.label("doc_path"),
        d.title.label("doc_title"),
        d.published.label("doc_published"),
    )


@cache
def _statements_query(derived: bool) -> Select[Any]:
    """Statements with their document's path, title and date (and, where identities are
    derived, each row's identity through the index, not a map of everyone): built once, since
    building a select of 34 columns is a fifth of a small query's time; each call adds its own
    ``where`` to a copy."""
    s, d = statements.c, documents.c
    q = _statement_columns().join(documents, d.id == s.doc_id)
    if derived:
        pi = person_identities.c
        q = q.add_columns(pi.identity.label("_identity"))
        q = q.outerjoin(person_identities, pi.person_key == s.person_key)
    return q


def _where_conflicted(q: Select[Any], conflicted: bool | None) -> Select[Any]:
    """Statements a kept conflict rests on (True), none of them (False), or any (None)."""
    if conflicted is None:
        return q
    cs = conflict_statements.c
    rests = select(cs.statement_id).where(cs.statement_id == statements.c.id).exists()
    return q.where(rests if conflicted else ~rests)


# The tables a dump holds, in the order a load must write them (documents before what cites
# them), each with the columns that order its rows.
STORED_ORDER = {
    "documents": ("id",),
    "statements": ("doc_id", "start", "id"),
    "relations": ("doc_id", "start", "id"),
    "org_aliases": ("alias_key", "org_key", "doc_id"),
    "decisions": ("id",),
    "reviews": ("id",),
}


def _names_one(
    name: str, key: str, query: tuple[str, ...], person: str, stored: str, who: str | None
) -> bool:
    """Does the name asked for (``key``, its words ``query``) stand for this stored spelling
    (``person`` under ``stored``, resolved to ``who``)? The same key or identity; one word: a
    word of the spelling; a full name: the same person by ``resolve.same_person``."""
    from custodes.resolve import name_words, same_person, word_match

    if stored == key or who == key:
        return True
    if len(query) == 1:
        return len(query[0]) > 1 and any(word_match(query[0], w) for w in name_words(person))
    return same_person(name, person)
