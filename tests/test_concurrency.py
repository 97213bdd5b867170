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
