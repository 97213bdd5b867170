"""The knowledge base: statements with provenance in SQLite or PostgreSQL.

``KnowledgeBase`` writes (one transaction per document, re-ingest is a no-op); ``View`` reads
and is all that analyses get. Keys that decide identity live in ``keys``; the one dialect
difference lives in ``db.insert_ignore``.
"""

from custodes.store.guard import KnowledgeBaseError
from custodes.store.kb import IngestResult, KnowledgeBase, ReviewResult
from custodes.store.review import ReviewError
from custodes.store.statements import Statement
from custodes.store.view import DocumentInfo, View

__all__ = [
    "DocumentInfo",
    "IngestResult",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "ReviewError",
    "ReviewResult",
    "Statement",
    "View",
]
