"""Stored conflicts (``store/derived_conflicts.py``) are ``analyses.conflicts.conflicts(view)``,
in the same order, after every kind of write: ingests, reviews, decisions and their undoing,
and a knowledge base derived before the stored conflicts existed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete

from custodes.analyses import conflicts, roster, timeline
from custodes.analyses.review import review_queue
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, derived_conflicts
from custodes.store.schema import conflicts_state

NEWS = (
    "On 12 May 2023 Ermek Sagimbayev was arrested. Marat Ibraev was appointed Deputy "
    "Chairman of the National Security Committee on 1 June 2023, replacing Anuar Sadykulov, "
    "who was dismissed. Anuar Sadykulov was dismissed on 8 January 2022."
)


def _stored(kb: KnowledgeBase) -> list[Any]:
    view = kb.view()
    assert view.conflicts_stored
    total, page = view.conflict_page(limit=10_000)
    assert total == len(page)
    return page


def _per_query(kb: KnowledgeBase) -> Any:
    view = kb.view()
    view._derived = False
    return view


def _same(kb: KnowledgeBase, what: str) -> None:
    computed = conflicts(kb.view())
    assert _stored(kb) == computed, what
    assert computed == conflicts(_per_query(kb)), what


def test_stored_conflicts_are_the_computed_ones(
    kb: KnowledgeBase, report: Any, tmp_path: Path
) -> None:
    kb.ingest_document(*report)
    found = conflicts(kb.view())
    assert found, "the bundled report has conflicts"
    _same(kb, "after the report")
    (tmp_path / "news.txt").write_text(NEWS, "utf-8")
    kb.ingest_file(tmp_path / "news.txt")
    _same(kb, "after a second document")
    side = found[0].sides[0].sources[0].statement_id
    kb.reject(side)
    _same(kb, "after a rejection")
    kb.undo_review(side)
    _same(kb, "after undoing it")
    # an edited date keeps the derived tables (identities do not depend on dates): what they
    # answer is what per-query derivation answers
    kb.edit(side, date="2022-01-09")
    assert kb.view().conflicts_stored, "a date edit keeps the kept conflicts in use"
    _same(kb, "after a date edit")
    per_query = _per_query(kb)
    for day in (PartialDate(2022, 1, 5), PartialDate(2022, 1, 8), PartialDate(2022, 1, 10)):
        assert roster(kb.view(), "NSC", day) == roster(per_query, "NSC", day)
    assert conflicts(per_query) == conflicts(kb.view())
    assert timeline(kb.view(), "Sadykulov") == timeline(per_query, "Sadykulov")
    # so does an edited name: the derived tables know the name the analyst gave
    kb.edit(side, person="Someone Else")
    assert kb.view().conflicts_stored, "a name edit keeps the kept conflicts in use"
    _same(kb, "after a name edit")
    assert timeline(kb.view(), "Someone Else") == timeline(_per_query(kb), "Someone Else")
    kb.undo_review(side)
    kb.undo_review(side)
    _same(kb, "after undoing both edits")
    kb.decide("merge", "Anuar Sadykulov", "Anuar Kunanbayev", who="analyst")
    _same(kb, "after a merge")
    kb.decide("merge", "Anuar Sadykulov", "Anuar Kunanbayev", who="analyst", undo=True)
    _same(kb, "after undoing it")
    # a knowledge base derived before stored conflicts: the next write derives them all
    with kb.engine.begin() as conn:
        conn.execute(delete(conflicts_state))
    assert not kb.view().conflicts_stored
    kb.accept(side)
    _same(kb, "after the first write")


def test_institutional_conflicts_of_a_case_file_are_kept(
    kb: KnowledgeBase, report: Any, tmp_path: Path
) -> None:
    from importlib import resources

    examples = resources.files("custodes").joinpath("data/examples")
    kb.ingest_document(*report)
    case = examples.joinpath("kz-nsc-casefile.yaml").read_text("utf-8")
    (tmp_path / "kz-nsc-2022-ciss-report.txt").write_text(
        examples.joinpath("kz-nsc-2022-ciss-report.txt").read_text("utf-8"), "utf-8"
    )
    second = (  # another figure for the NSC's budget of 2020: sources disagree
        "\n  - type: budget\n    subject: NSC\n    amount: 500000000000\n    currency: KZT\n"
        "    year: 2020\n    source: ciss-2022\n"
        '    quote: "In 2020, the NSC budget was KZT 433 bn"\n'
    )
    (tmp_path / "case.yaml").write_text(case.rstrip() + "\n" + second, "utf-8")
    assert kb.ingest_casefile(tmp_path / "case.yaml").status == "ingested"
    assert any(c.kind == "different_budgets" for c in conflicts(kb.view()))
    _same(kb, "after a case file")


def test_the_queue_from_stored_conflicts_is_the_computed_queue(kb: KnowledgeBase, report: Any):
    kb.ingest_document(*report)
    view = kb.view()
    fast = review_queue(view)
    slow = review_queue(view, found=conflicts(view))
    assert fast == slow and fast[0].conflicts
    assert review_queue(view, limit=5, offset=3) == fast[3:8]
    kb.reject(fast[0].statement_id)
    kb.accept(fast[1].statement_id)
    view = kb.view()
    rejected = review_queue(view, status="rejected")
    assert fast[0].statement_id in {i.statement_id for i in rejected}
    # with the other posts of its event, if any (the queue's order follows the confidence)
    event = (fast[0].doc_id, fast[0].start, fast[0].end, fast[0].event_type, fast[0].person)
    assert {(i.doc_id, i.start, i.end, i.event_type, i.person) for i in rejected} == {event}
    accepted = [i.statement_id for i in review_queue(view, status="accepted")]
    assert fast[1].statement_id in accepted  # with the other posts of its event, if any
    assert len(review_queue(view, status="all")) == len(fast)
    assert fast[0].statement_id not in {i.statement_id for i in review_queue(view)}


def test_stored_conflicts_are_derived_in_full_by_rebuild(kb_path: Path, tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "kb.db"
    shutil.copy(kb_path, path)
    with KnowledgeBase.open(path) as kb:
        kb.derive_now()
        with kb.engine.connect() as conn:
            assert derived_conflicts.is_built(conn)
        _same(kb, "after rebuild")
