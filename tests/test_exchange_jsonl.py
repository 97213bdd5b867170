"""The lossless dump (`custodes export --format jsonl`) and `custodes load`: dump → load into
an empty knowledge base → dump is byte-identical, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from custodes.analyses import roster
from custodes.cli import app
from custodes.exchange.jsonl import LoadError, dump, load
from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import Extraction
from custodes.ingest.read import Document
from custodes.store import KnowledgeBase, bulk, derived
from custodes.store.schema import SCHEMA_VERSION, tenures

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def source(report: tuple[Document, Extraction]) -> Iterator[KnowledgeBase]:
    """The bundled report with an analyst's decision: what a dump must carry."""
    with KnowledgeBase.open("sqlite://") as base:
        base.ingest_document(*report)
        base.decide("not_same", "Anuar Kunanbayev", "Berik Kunanbayev", who="analyst")
        yield base


def _dump(kb: KnowledgeBase) -> str:
    out = io.StringIO()
    dump(kb.view(), out)
    return out.getvalue()


def _holders(kb: KnowledgeBase, on: str) -> list[tuple[str, str]]:
    r = roster(kb.view(), "NSC", PartialDate.parse(on))
    return [(p.label, h.person) for p in r.posts for h in p.holders]


@pytest.mark.parametrize("copy_min", [bulk.COPY_MIN, 1], ids=["insert", "copy"])
def test_dump_load_dump_is_byte_identical(
    source: KnowledgeBase,
    kb: KnowledgeBase,
    tmp_path: Path,
    copy_min: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Twice: rows written by INSERT, and (PostgreSQL) by COPY, as a large load writes them."""
    monkeypatch.setattr(bulk, "COPY_MIN", copy_min)
    first = _dump(source)
    path = tmp_path / "kb.jsonl"
    path.write_text(first, encoding="utf-8")
    result = load(kb, path, batch=50)  # several transactions
    assert result.added["statements"] == source.counts()["statements"] > 30
    assert result.added["decisions"] == 1
    assert _dump(kb) == first
    assert _holders(kb, "2022-01-05") == _holders(source, "2022-01-05")


def test_every_statement_is_one_line_with_its_evidence(source: KnowledgeBase) -> None:
    lines = [json.loads(x) for x in _dump(source).splitlines()]
    assert lines[0] == {"custodes": "jsonl", "version": 1, "schema": SCHEMA_VERSION}
    stmts = [x["row"] for x in lines[1:] if x["table"] == "statements"]
    assert len(stmts) == source.counts()["statements"]
    sadykulov = next(s for s in stmts if s["person"] == "Anuar Sadykulov")
    (doc,) = [x["row"] for x in lines[1:] if x["table"] == "documents"]
    assert doc["text"][sadykulov["start"] : sadykulov["end"]] == sadykulov["quote"]
    assert {"extractor", "confidence", "status", "date_precision"} <= sadykulov.keys()


def test_loading_twice_changes_nothing(source: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text(_dump(source), encoding="utf-8")
    with KnowledgeBase.open("sqlite://") as target:
        load(target, path)
        counts = target.counts()
        again = load(target, path)
        assert not any(again.added.values())
        assert target.counts() == counts


def test_a_bad_line_writes_nothing(source: KnowledgeBase, tmp_path: Path) -> None:
    lines = _dump(source).splitlines(keepends=True)
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(lines[:-3]) + "{not json\n" + "".join(lines[-3:]), encoding="utf-8")
    with KnowledgeBase.open("sqlite://") as target:
        before = target.counts()
        with pytest.raises(LoadError, match=rf"bad.jsonl:{len(lines) - 2}: not a JSON line"):
            load(target, path, batch=2)  # batches written before the bad line: rolled back
        assert target.counts() == before


def test_a_failed_load_leaves_the_derived_tables_as_they_were(
    source: KnowledgeBase, tmp_path: Path
) -> None:
    """The load and its derivation are one transaction: a bad line at the end of a dump into a
    knowledge base in use leaves its derived tables built and unchanged, nothing to rebuild."""
    good = tmp_path / "kb.jsonl"
    good.write_text(_dump(source), encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text("utf-8") + "{not json\n", encoding="utf-8")
    with KnowledgeBase.open("sqlite://") as target:
        load(target, good)
        roster_before = _holders(target, "2022-01-05")
        count = select(func.count()).select_from(tenures)
        with target.engine.connect() as conn:
            tenures_before = conn.execute(count).scalar()
        with pytest.raises(LoadError, match="not a JSON line"):
            load(target, bad, batch=2)
        with target.engine.connect() as conn:
            assert derived.is_built(conn), "still derived: no rebuild was needed"
            assert conn.execute(count).scalar() == tenures_before
        assert target.view().tenures_stored
        assert _holders(target, "2022-01-05") == roster_before


def test_the_cli_dumps_and_loads(kb_path: Path, tmp_path: Path) -> None:
    dumped = tmp_path / "kb.jsonl"
    res = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(kb_path)])
    assert res.exit_code == 0, res.output
    assert runner.invoke(app, ["export", "--db", str(kb_path), "--out", str(dumped)]).exit_code == 0
    assert dumped.read_text("utf-8") == res.stdout
    copy = tmp_path / "copy.db"
    res = runner.invoke(app, ["load", str(dumped), "--db", str(copy)])
    assert res.exit_code == 0, res.output
    assert "added 1 documents" in res.stdout
    again = runner.invoke(app, ["load", str(dumped), "--db", str(copy)])
    assert "nothing new" in again.stdout
    res = runner.invoke(app, ["export", "--db", str(copy)])
    assert res.stdout == dumped.read_text("utf-8")


def test_bad_arguments_are_one_line(kb_path: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["export", "--format", "jsonl", "--on", "2022", "--db", str(kb_path)])
    assert res.exit_code == 2 and "whole record" in res.output
    res = runner.invoke(app, ["export", "--format", "xml", "--db", str(kb_path)])
    assert res.exit_code == 2 and "one of" in res.output
    other = tmp_path / "other.jsonl"
    other.write_text('{"hello": 1}\n')
    res = runner.invoke(app, ["load", str(other), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 2 and "not a custodes dump" in res.output
    assert "Traceback" not in res.output


def test_an_analysts_review_travels_with_the_dump(
    source: KnowledgeBase, kb: KnowledgeBase, tmp_path: Path
) -> None:
    """A rejected event stays rejected after dump and load: the reviews are part of the record,
    and the loaded knowledge base derives its tables from them once."""
    before = _holders(source, "2022-01-05")
    dismissal = next(
        s
        for s in source.view().statements(kinds=["event"])
        if s.event_type == "dismissed" and s.person == "Anuar Sadykulov"
    )
    source.reject(dismissal.id, who="analyst")
    rejected = _holders(source, "2022-01-05")
    assert rejected != before  # his dismissal on the 6th was what put him on the 5th's roster
    path = tmp_path / "kb.jsonl"
    path.write_text(_dump(source), encoding="utf-8")
    load(kb, path, batch=40)
    assert _holders(kb, "2022-01-05") == rejected
    assert kb.view().reviews()[dismissal.id][0] == "reject"
