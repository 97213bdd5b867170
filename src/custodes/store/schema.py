"""The knowledge base's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

* ``documents`` — one row per distinct text (``id`` is a hash of the text).
* ``statements`` — one row per claim a document makes, with its evidence (quote, span,
  extractor, confidence) and review ``status``. ``kind`` is ``event`` (a personnel event) or a
  roster claim: ``holds`` (X held post P on D), ``vacant`` (P was empty on D), ``seats`` (P had
  N seats on D). An event with several posts (dual-hatted) is one row per post sharing
  ``event_id``; the posts a ``moved`` event leaves are rows with ``leg = 'from'``.
* ``org_aliases`` — abbreviations that documents define ("NSC" → National Security Committee).
* ``changes`` — the audit log: who did what, when.
* ``custodes_schema`` — the schema version (``SCHEMA_VERSION``); it marks the database as a
  custodes knowledge base (``store/guard.py``).

``id`` of a statement is a hash of its key fields (``keys.stable_id``), so inserting the same
statement twice is a no-op on both databases.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# The version of these tables, recorded in ``custodes_schema`` (``store/guard.py``): 1 was the
# schema before the version table; 2 added ``date_after`` and the version table itself; 3 added
# ``reviews`` and the derived tables (store/derived.py); 4 the stored conflicts
# (store/derived_conflicts.py) and the review queue's index. Each version is an Alembic revision
# of that number (``store/migrations/versions/000N_*.py``): change a table here, bump the version
# and add its revision; tests/test_migrations.py compares a new and a migrated knowledge base.
SCHEMA_VERSION = 6


custodes_schema = Table(
    "custodes_schema",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)


documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("title", Text),
    Column("published", String(10)),
    Column("published_precision", String(5)),
    Column("language", String(8)),
    Column("kind", String(16)),
    Column("text", Text, nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("event_id", String(64)),
    Column("kind", String(8), nullable=False),  # event | holds | vacant | seats
    Column("leg", String(4), nullable=False, default="to"),  # to | from (posts a move leaves)
    Column("seq", Integer, nullable=False, default=0),  # the post's place in its event
    Column("event_type", String(16)),
    Column("person", Text),
    Column("person_key", Text),
    Column("title", Text),
    Column("role", String(16)),
    Column("org", Text),
    Column("org_key", Text),
    Column("unit", Text),
    Column("post_key", Text),
    Column("position", Text),
    Column("date", String(10)),
    Column("date_precision", String(5)),
    # "not_after": the text gives no date; the document's publication date bounds the event
    Column("date_bound", String(10)),
    Column("date_after", String(10)),  # the lower bound of a "between" date
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("count", Integer),
    Column("extractor", String(64), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("acting", Boolean, nullable=False, default=False),
    Column("from_position", Text),
    Column("status", String(16), nullable=False, default="extracted"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_statements_doc", "doc_id"),
    # a person's events of a span (``analyses.diff``) filtered in the index, not row by row;
    # a person's statements read through it too (schema 6 dropped the index by person alone)
    Index("ix_statements_person_kind_date", "person_key", "kind", "date"),
    # an organisation's statements, or its claims of one kind (a roster's seats and vacancies)
    Index("ix_statements_org_kind", "org_key", "kind"),
    Index("ix_statements_post", "post_key"),
    # the review queue: unreviewed (or accepted, …) statements, lowest confidence first
    Index("ix_statements_queue", "status", "leg", "confidence"),
)

org_aliases = Table(
    "org_aliases",
    metadata,
    Column("alias_key", Text, primary_key=True),
    Column("org_key", Text, primary_key=True),
    Column("alias", Text, nullable=False),
    Column("org", Text, nullable=False),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("payload", JSON, nullable=False),
)


# Analysts' decisions about identity, as in nomenklatura: "these two names are one person"
# (merge) or "never the same" (not_same), or "this spelling stands alone" (split); for
# organisations the same as ``org_merge``, ``org_not_same``, ``org_split`` over organisation
# keys. Kept forever; undoing one stamps ``undone_at``.
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # merge | not_same | split | org_…
    Column("a", Text, nullable=False),  # person keys (organisation keys for org_…)
    Column("b", Text, nullable=False),
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("undone_at", DateTime(timezone=True)),
)


# Analysts' review of statements: ``accept``, ``reject``, ``edit`` (``fields`` holds the new
# values and the keys made from them) or ``believe`` (this claim over the others of a conflict,
# ``fields = {"over": [ids]}``). A statement's standing review is its latest not undone; the
# rows of one decision (an event's posts) share ``batch``. Nothing in ``statements`` is
# overwritten except ``status``, which mirrors the standing review so re-deriving keeps it.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("statement_id", String(64), nullable=False),
    Column("batch", String(32), nullable=False),
    Column("action", String(16), nullable=False),  # accept | reject | edit | believe
    Column("fields", JSON),
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("undone_at", DateTime(timezone=True)),
    Index("ix_reviews_statement", "statement_id"),
)


# Institutional statements (docs/casefile.md): part_of, subordinate_to, appoints_head, oversees,
# function, budget, rank, personnel, tie, and ``body`` (an agency, office or body a case file
# declares, with its aliases and whether it is a security agency or an elected office). The same
# evidence as personnel statements; ``source`` names the cited work when the document is a case
# file. Keys are made at read time (``View.relations``), so an alias a later case file defines
# still applies.
relations = Table(
    "relations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("subject", Text, nullable=False),
    Column("object", Text),
    Column("value", Text),  # function name, tie kind, protocol list
    Column("detail", Text),  # "nephew"; the oversight mode
    Column("amount", Float),
    Column("currency", String(8)),
    Column("year", Integer),
    Column("number", Integer),  # protocol rank, personnel count
    Column("attrs", JSON),  # reach, de_facto, independent, security, elected, aliases, note
    Column("date_from", String(10)),
    Column("date_until", String(10)),
    Column("country", String(2)),
    Column("quote", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("source", Text),
    Column("extractor", String(64), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("status", String(16), nullable=False, default="extracted"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_relations_doc", "doc_id"),
)


# Derived tables (``store/derived.py``): kept at write time from the statements and decisions
# above, never edited by hand; ``custodes rebuild`` makes them again from scratch.
# ``derived_state`` says they are complete ("built"); without that row the View derives
# everything per query, as before.
derived_state = Table(
    "derived_state",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)

# every spelling of a person stored, and the blocks name resolution compares it within
person_names = Table(
    "person_names",
    metadata,
    Column("person_key", Text, primary_key=True),
    Column("name", Text, primary_key=True),
)
name_blocks = Table(
    "name_blocks",
    metadata,
    Column("block", String(24), primary_key=True),
    Column("person_key", Text, primary_key=True),
)
# stored person key → the person it is (clusters of names with analysts' decisions applied)
person_identities = Table(
    "person_identities",
    metadata,
    Column("person_key", Text, primary_key=True),
    Column("identity", Text, nullable=False),
    Index("ix_person_identities_identity", "identity"),
)
# the clusters as judgements between pairs of spellings, as nomenklatura keeps them:
# positive / negative / unsure, by whom (an analyst, or custodes.resolve) and when
judgements = Table(
    "judgements",
    metadata,
    Column("a", Text, primary_key=True),
    Column("b", Text, primary_key=True),
    Column("judgement", String(8), nullable=False),  # positive | negative | unsure
    Column("who", Text, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
)
# stored organisation key → the organisation it is (a countryless key joins the one country
# holding that name), with how many statements name it
org_identities = Table(
    "org_identities",
    metadata,
    Column("org_key", Text, primary_key=True),
    Column("resolved", Text, nullable=False),
    Column("n", Integer, nullable=False),
    Column("name", Text),  # its most common spelling (``View.org_name``)
    Index("ix_org_identities_resolved", "resolved"),
)
# tenures of each organisation's posts, as ``analyses.base.org_scope`` derives them, with the
# statements they rest on (inside ``tenure``, JSON); a roster reads one organisation's tenures
# that cover a date through ``ix_tenures_org``
tenures = Table(
    "tenures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("org_key", Text, nullable=False),
    Column("person_key", Text, nullable=False),
    Column("post_key", Text, nullable=False),
    Column("first_seen", String(10), nullable=False),
    Column("end_day", String(10)),
    Column("tenure", JSON, nullable=False),
    Index("ix_tenures_org", "org_key", "first_seen"),
    Index("ix_tenures_person", "person_key"),
)
# conflicts between claims (``analyses.conflicts``), kept by ``store/derived_conflicts.py`` one
# organisation at a time next to its tenures ("" holds those of statements without a post,
# "@relations" the institutional ones); ``conflict_statements`` names the statements each
# rests on, so the review queue puts them first through an index
stored_conflicts = Table(
    "stored_conflicts",
    metadata,
    Column("id", Text, primary_key=True),  # "<org_key>#<n>"
    Column("org_key", Text, nullable=False),
    Column("day", Text, nullable=False),  # the conflict's date, "9999" when it has none
    Column("kind", String(24), nullable=False),
    Column("summary", Text, nullable=False),
    Column("conflict", JSON, nullable=False),
    Index("ix_stored_conflicts_org", "org_key"),
    Index("ix_stored_conflicts_order", "day", "kind", "summary"),
)
conflict_statements = Table(
    "conflict_statements",
    metadata,
    Column("conflict_id", Text, primary_key=True),
    Column("statement_id", Text, primary_key=True),
    Column("org_key", Text, nullable=False),
    Index("ix_conflict_statements_statement", "statement_id"),
    Index("ix_conflict_statements_org", "org_key"),
)
# when the stored conflicts were derived in full: the ``at`` of the ``derived_state`` row
# "built" they follow (a rebuild writes a new one, so its conflicts are derived in full again)
conflicts_state = Table(
    "conflicts_state",
    metadata,
    Column("built_at", DateTime(timezone=True), primary_key=True),
)
