"""``review_queue(view)``: extracted statements in the order an analyst should read them.

First the statements some conflict rests on (two holders of one seat, one event with two
dates: one of them is wrong), then the lowest calibrated confidence, then the newest documents.
Statements an analyst has already accepted, rejected or edited leave the queue
(``KnowledgeBase.accept`` / ``reject`` / ``edit``; ``undo_review`` brings one back); the
queue of ``status="rejected"`` (accepted, edited, all) lists them again.
"""

from __future__ import annotations

from dataclasses import dataclass

from custodes.analyses.conflicts import Conflict, conflicts
from custodes.store.statements import Statement
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


# ``--status``: which statements the queue lists (by ``statements.status``, which mirrors the
# standing review); None: every one
STATUSES: dict[str, tuple[str, ...] | None] = {
    "unreviewed": ("extracted",),
    "accepted": ("accepted",),
    "rejected": ("rejected",),
    "edited": ("edited",),
    "all": None,
}


def review_queue(
    view: View,
    limit: int | None = None,
    found: list[Conflict] | None = None,
    status: str = "unreviewed",
    offset: int = 0,
) -> list[QueueItem]:
    """Statements to review (by default the unreviewed ones; ``status`` picks accepted,
    rejected, edited or all): conflicts first, then lowest confidence, then newest; the page
    ``offset`` … ``offset + limit``. ``found``: the view's conflicts when the caller has them.
    With the conflicts kept at write time (``View.conflicts_stored``) the page is read through
    indexes: the statements in a conflict, then one page of the others from the database,
    never the whole knowledge base."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use {', '.join(STATUSES)}")
    statuses = STATUSES[status]
    if found is None and view.conflicts_stored:
        return _stored_page(view, statuses, limit, offset)
    in_conflict: dict[str, list[str]] = {}
    for c in conflicts(view) if found is None else found:
        for side in c.sides:
            for src in side.sources:
                in_conflict.setdefault(src.statement_id, []).append(c.summary)
    first = view.statements_by_status(statuses, ids=in_conflict) if in_conflict else []
    rest = [s for s in view.statements_by_status(statuses) if s.id not in in_conflict]
    page = (first + rest)[offset : None if limit is None else offset + limit]
    return [_item(s, in_conflict.get(s.id, [])) for s in page]


def _stored_page(
    view: View, statuses: tuple[str, ...] | None, limit: int | None, offset: int
) -> list[QueueItem]:
    """One page from the database: the statements a kept conflict rests on, then the rest,
    each part ordered and cut by the database."""
    page = view.statements_by_status(statuses, conflicted=True, limit=limit, offset=offset)
    left = None if limit is None else limit - len(page)
    if left is None or left > 0:
        before = offset if page else view.count_by_status(statuses, conflicted=True)
        page += view.statements_by_status(
            statuses, conflicted=False, limit=left, offset=max(0, offset - before)
        )
    found = view.conflicted(s.id for s in page)
    return [_item(s, found.get(s.id, [])) for s in page]


def queue_size(view: View, status: str = "unreviewed") -> int:
    """How many statements the queue of ``status`` holds (every page together)."""
    return view.count_by_status(STATUSES[status])


def _item(s: Statement, found: list[str]) -> QueueItem:
    return QueueItem(
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
        conflicts=sorted(set(found)),
    )
