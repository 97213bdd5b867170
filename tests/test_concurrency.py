"""Concurrent writers: eight processes started at once on a knowledge base that does not exist
yet, and eight on one that does, on SQLite and PostgreSQL, lose nothing; a reader in a loop
beside them never fails.

The writers are real processes (forked, so that they start in milliseconds rather than load
spaCy again) writing the bundled report's real extraction under eight × five different texts.
"""

from __future__ import annotations

import multiprocessing as mp
import traceback
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PG_URL, _postgres_answers, pg_schema

from custodes.extract.pipeline import Extraction
from custodes.ingest.read import Document
from custodes.store import KnowledgeBase

WRITERS = 8
DOCS_EACH = 3
ctx = mp.get_context("fork")


def _write(
    target: str, schema: str | None, who: int, report: tuple[Document, Extraction], start: object
) -> None:
    doc, extraction = report
    start.wait()  # type: ignore[attr-defined]  # all at once
    try:
        with KnowledgeBase.open(target, schema=schema) as kb:
            for j in range(DOCS_EACH):
                copy = replace(doc, text=f"{doc.text}\n\nCopy {who}-{j}.", path=f"w{who}-{j}.txt")
                kb.ingest_document(copy, extraction)
            kb.ingest_document(doc, extraction)  # and one text that every writer has
    except BaseException:
        traceback.print_exc()
        raise SystemExit(1) from None


def _read(target: str, schema: str | None, stop: object, failures: object) -> None:
    while not stop.is_set():  # type: ignore[attr-defined]
        try:
            with KnowledgeBase.open(target, schema=schema) as kb:
                kb.counts()
                kb.view().documents()
        except BaseException as e:  # noqa: BLE001 - every failure counts
            failures.put(f"{e.__class__.__name__}: {e}")  # type: ignore[attr-defined]


def _run(target: str, schema: str | None, report: tuple[Document, Extraction]) -> None:
    start = ctx.Barrier(WRITERS)
    stop, failures = ctx.Event(), ctx.Queue()
    reader = ctx.Process(target=_read, args=(target, schema, stop, failures))
    writers = [
        ctx.Process(target=_write, args=(target, schema, i, report, start)) for i in range(WRITERS)
    ]
    reader.start()
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    stop.set()
    reader.join(30)
    assert [w.exitcode for w in writers] == [0] * WRITERS  # no writer failed
    assert failures.empty(), failures.get()
    with KnowledgeBase.open(target, schema=schema) as kb:
        counts = kb.counts()
    # every document once, and one audit entry for each
    assert counts["documents"] == WRITERS * DOCS_EACH + 1
    assert counts["changes"] >= WRITERS * DOCS_EACH + 1


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """Where the knowledge base will be: a SQLite path that does not exist yet, or an empty
    PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "new.db"), None
        return
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    with pg_schema("custodes_conc") as schema:
        yield PG_URL, schema


def test_eight_writers_on_a_knowledge_base_that_does_not_exist_yet(
    target: tuple[str, str | None], report: tuple[Document, Extraction]
) -> None:
    _run(*target, report)


def test_eight_writers_on_a_knowledge_base_that_exists(
    target: tuple[str, str | None], report: tuple[Document, Extraction]
) -> None:
    KnowledgeBase.open(target[0], schema=target[1]).close()
    _run(*target, report)


ANALYSTS = 6


def _analyst(
    target: str, schema: str | None, who: str, ops: list[tuple[str, ...]], start: object
) -> None:
    start.wait()  # type: ignore[attr-defined]  # all at once
    try:
        with KnowledgeBase.open(target, schema=schema) as kb:
            for op, *args in ops:
                if op in {"merge", "not_same"}:
                    assert kb.decide(op, args[0], args[1], who=who) == "decided"
                else:
                    getattr(kb, op)(args[0], who=who)
    except BaseException:
        traceback.print_exc()
        raise SystemExit(1) from None


def test_analysts_in_several_processes_deciding_at_once_lose_nothing(
    target: tuple[str, str | None], report: tuple[Document, Extraction]
) -> None:
    """Six analysts, each a process of its own, merge, tell apart, reject and accept at the
    same moment on one knowledge base, all six also reviewing one shared statement: every
    decision and review is stored and logged, each statement's status is its latest review's,
    and the derived tables are what a full rebuild makes of it all."""
    from sqlalchemy import func, select
    from test_derived import _rebuilt, _tables

    from custodes.store.review import STATUS_OF
    from custodes.store.schema import changes, decisions, reviews, statements

    with KnowledgeBase.open(*target[:1], schema=target[1]) as kb:
        kb.ingest_document(*report)
        with kb.engine.connect() as conn:
            s = statements.c
            people = sorted(
                {
                    r[0]
                    for r in conn.execute(select(s.person).where(s.person.is_not(None)))
                    if len(r[0].split()) > 1
                }
            )
            events = [
                r[0]
                for r in conn.execute(
                    select(s.id).where((s.kind == "event") & (s.leg == "to")).order_by(s.id)
                )
            ]
    assert len(people) >= 4 * ANALYSTS and len(events) >= 2 * ANALYSTS + 1
    shared = events[-1]
    plans = {
        f"analyst{i}": [
            ("merge", people[4 * i], people[4 * i + 1]),
            ("not_same", people[4 * i + 2], people[4 * i + 3]),
            ("reject", events[2 * i]),
            ("reject" if i % 2 else "accept", shared),
            ("accept", events[2 * i + 1]),
        ]
        for i in range(ANALYSTS)
    }
    start = ctx.Barrier(ANALYSTS)
    procs = [
        ctx.Process(target=_analyst, args=(*target, who, ops, start)) for who, ops in plans.items()
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
    assert [p.exitcode for p in procs] == [0] * ANALYSTS

    with KnowledgeBase.open(target[0], schema=target[1]) as kb, kb.engine.connect() as conn:
        d, r, c = decisions.c, reviews.c, changes.c
        stored = sorted(conn.execute(select(d.who, d.kind)).tuples())
        assert stored == sorted((w, k) for w in plans for k in ("merge", "not_same"))
        for who, ops in plans.items():
            mine = conn.execute(select(r.statement_id, r.action).where(r.who == who)).tuples()
            assert {(o[1], o[0]) for o in ops if o[0] in {"reject", "accept"}} <= set(mine)
            logged = conn.execute(select(func.count()).where(c.who == who)).scalar()
            assert logged == len(ops)
        reviewed = {o[1] for ops in plans.values() for o in ops if o[0] in {"reject", "accept"}}
        for sid in reviewed:
            last = conn.execute(
                select(r.action).where(r.statement_id == sid).order_by(r.id.desc()).limit(1)
            ).scalar()
            status = conn.execute(select(statements.c.status).where(statements.c.id == sid))
            assert status.scalar() == STATUS_OF[last], sid
        assert _tables(kb) == _rebuilt(kb)


@pytest.mark.postgres
def test_a_writer_waits_for_its_own_knowledge_base_only(
    report: tuple[Document, Extraction],
) -> None:
    """PostgreSQL's write lock is the knowledge base's (its schema's): a decision waits while
    another writer of the same knowledge base holds it, and not for one in another schema."""
    import threading

    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    with (
        pg_schema("custodes_lock") as a,
        pg_schema("custodes_lock") as b,
        KnowledgeBase.open(PG_URL, schema=a) as kb_a,
        KnowledgeBase.open(PG_URL, schema=b) as kb_b,
    ):
        kb_b.ingest_document(*report)

        def decided_while(holder: KnowledgeBase, undo: bool, seconds: float) -> bool:
            done = threading.Event()

            def decide() -> None:
                kb_b.decide("merge", "Anuar Sadykulov", "Karim Massimov", undo=undo)
                done.set()

            thread = threading.Thread(target=decide)
            with holder._transaction():
                thread.start()
                finished = done.wait(seconds)
            thread.join(60)
            assert done.is_set()  # and once the holder is done, it is
            return finished

        assert decided_while(kb_a, undo=False, seconds=30)
        assert not decided_while(kb_b, undo=True, seconds=2)
