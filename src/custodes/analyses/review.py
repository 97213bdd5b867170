"""``review_queue(view)``: extracted statements in the order an analyst should read them.

First the statements some conflict rests on (two holders of one seat, one event with two
dates: one of them is wrong), then the lowest calibrated confidence, then the newest documents.
Statements an analyst has already accepted, rejected or edited leave the queue
(``KnowledgeBase.accept`` / ``reject`` / ``edit``; ``undo_review`` brings one back).
"""

from __future__ import annotations

from dataclasses import dataclass

from custodes.analyses.conflicts import Conflict, conflicts
from custodes.store.view import View


@dataclass
class QueueItem:
    """One statement to review: its claim, its evidence and why it is where it is."""

    statement_id: str
    kind: str
    event_type: str | None
    person: str | None
    post: str | None
    org: str | None
    date: str | None
    precision: str | None
    quote: str
    doc_id: str
    doc: str | None
    published: str | None
    start: int
    end: int
    confidence: float
    status: str
    conflicts: list[str]  # the conflicts (their summaries) this statement is a side of


def review_queue(
    view: View, limit: int | None = None, found: list[Conflict] | None = None
) -> list[QueueItem]:
    """Unreviewed statements: conflicts first, then lowest confidence, then newest.
    ``found``: the view's conflicts when the caller has them already (they are the slow part)."""
    in_conflict: dict[str, list[str]] = {}
    for c in conflicts(view) if found is None else found:
        for side in c.sides:
            for src in side.sources:
                in_conflict.setdefault(src.statement_id, []).append(c.summary)
    items = [
        QueueItem(
            statement_id=s.id,
            kind=s.kind,
            event_type=s.event_type,
            person=s.person,
            post=s.post_label if s.title or s.unit else None,
            org=s.org,
            date=s.date.label if s.date else None,
            precision=s.date.precision if s.date else None,
            quote=s.quote,
            doc_id=s.doc_id,
            doc=s.doc_path,
            published=s.doc_published,
            start=s.start,
            end=s.end,
            confidence=s.confidence,
            status=s.status,
            conflicts=sorted(set(in_conflict.get(s.id, []))),
        )
        for s in view.statements()
        if s.status == "extracted" and s.leg == "to"
    ]
    items.sort(key=lambda i: (i.published or "", i.doc_id, -i.start), reverse=True)
    items.sort(key=lambda i: (not i.conflicts, i.confidence))
    return items[:limit] if limit else items
