"""The knowledge base keeps statements with provenance, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from pathlib import Path

import pytest
from conftest import PG_URL, _postgres_answers, pg_schema

from custodes.extract.pipeline import Extraction
from custodes.ingest.read import Document
from custodes.store import KnowledgeBase
from custodes.store import kb as kb_module
from custodes.store.keys import org_key, person_key, post_key

Report = tuple[Document, Extraction]
NSC = "national security committee @kz"


def test_keys_fold_case_accents_quotes_and_titles() -> None:
    assert person_key("Ermek  SAGIMBAYEV") == "ermek sagimbayev"
    assert person_key("Zhaksylykov") == person_key("Žhaksylykov")
    assert person_key("Kassym-Jomart Tokayev") == "kassym jomart tokayev"
    assert org_key("the “National Security” Committee") == "national security committee"
    # for head/deputy seats the title does not matter, for advisers it does
    kz = "KZ"
    director = post_key(
        "National Security Committee", "head", "Special Service “A”", "Director", kz
    )
    head = post_key("National Security Committee", "head", 'Special Service "A"', "Head", kz)
    assert director == head == f"{NSC}|head|special service a"
    assert post_key("X Office", "other", None, "Adviser") != post_key(
        "X Office", "other", None, "Spokesperson"
    )


def test_ingest_writes_one_document_its_statements_aliases_and_an_audit_entry(
    kb: KnowledgeBase, report: Report
) -> None:
    result = kb.ingest_document(*report)
    assert result.status == "ingested"
    counts = kb.counts()
    assert counts["documents"] == 1 and counts["changes"] == 1
    assert counts["statements"] == result.n_statements > result.n_events > 30
    assert counts["org_aliases"] >= 1
    (doc,) = kb.view().documents()
    assert doc.published == "2022-02-16" and doc.n_events == result.n_events


def test_reingesting_the_same_document_is_a_noop(kb: KnowledgeBase, report: Report) -> None:
    kb.ingest_document(*report)
    before = kb.counts()
    again = kb.ingest_document(*report)
    assert again.status == "unchanged"
    assert kb.counts() == before


def test_a_document_is_written_in_one_transaction(
    kb: KnowledgeBase, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the document row is written leaves nothing behind."""

    def broken(*args: object, **kwargs: object) -> list[dict[str, object]]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(kb_module, "statement_rows", broken)
    with pytest.raises(RuntimeError):
        kb.ingest_document(*report)
    assert set(kb.counts().values()) == {0}


def test_a_dual_hatted_event_is_one_statement_per_post(kb: KnowledgeBase, report: Report) -> None:
    kb.ingest_document(*report)
    rows = [
        s
        for s in kb.view().statements(person_keys=["anuar sadykulov"])
        if s.event_type == "dismissed"
    ]
    assert len(rows) == 2
    assert len({s.event_id for s in rows}) == 1
    assert [s.post_key for s in sorted(rows, key=lambda s: s.seq)] == [
        f"{NSC}|deputy|",
        f"{NSC}|head|special service a",
    ]
    assert all(s.quote.startswith("Anuar Sadykulov was dismissed") for s in rows)
    assert all(s.quote == report[0].text[s.start : s.end] for s in rows)


def test_statements_keep_their_provenance(kb: KnowledgeBase, report: Report) -> None:
    kb.ingest_document(*report)
    for s in kb.view().statements():
        assert s.quote == report[0].text[s.start : s.end]
        assert s.doc_id == report[0].id and s.status == "extracted"
        assert s.extractor and 0 < s.confidence <= 1


def test_a_unit_named_without_its_organisation_is_placed_in_it(
    kb: KnowledgeBase, report: Report
) -> None:
    """A bare "Director of Special Service “A”" is the NSC's unit, as the report says elsewhere."""
    kb.ingest_document(*report)
    (appointed,) = [
        s
        for s in kb.view().statements(person_keys=["berik kunanbayev"])
        if s.event_type == "appointed"
    ]
    assert appointed.post_key == f"{NSC}|head|special service a"
    assert appointed.org == "National Security Committee"


def test_names_and_abbreviations_resolve(kb: KnowledgeBase, report: Report) -> None:
    kb.ingest_document(*report)
    view = kb.view()
    names = ("NSC", "nsc", "KNB", "National Security Committee", "the national security committee")
    for name in names:
        assert view.resolve_org(name) == NSC
    assert view.resolve_org("Ministry of Magic") is None
    assert view.match_people("Kunanbayev") == ["anuar kunanbayev", "berik kunanbayev"]
    assert view.match_people("Berik Kunanbayev") == ["berik kunanbayev"]
    assert view.match_people("Nobody") == []


def test_statements_filter_by_org_person_post_and_kind(kb: KnowledgeBase, report: Report) -> None:
    kb.ingest_document(*report)
    view = kb.view()
    nsc = view.statements(org_keys=[NSC])
    assert nsc and all(s.org_key == NSC for s in nsc)
    seats = view.statements(org_keys=[NSC], kinds=["seats"])
    assert {(s.role, s.count) for s in seats} == {("first_deputy", 2), ("deputy", 7)}
    chair = view.statements(post_keys=[f"{NSC}|head|"], kinds=["holds"])
    assert {s.person for s in chair} == {"Karim Massimov", "Ermek Sagimbayev"}


def test_open_a_path_creates_a_sqlite_file(tmp_path, report: Report) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kb.db"
    with KnowledgeBase.open(path) as kb:
        kb.ingest_document(*report)
    with KnowledgeBase.open(str(path)) as kb:
        assert kb.counts()["documents"] == 1
        assert kb.has_document(report[0].id)


def test_a_case_file_is_stored_once_on_both_databases(kb: KnowledgeBase) -> None:
    """Institutional statements from a case file land in ``relations`` (JSON attributes
    included) on SQLite and PostgreSQL alike; the same file again changes nothing."""
    from pathlib import Path

    case = Path(__file__).parent / "data" / "institutions" / "georgia" / "casefile.yaml"
    first = kb.ingest_casefile(case)
    before = kb.counts()
    assert first.status == "ingested" and before["relations"] == first.n_statements > 30
    assert kb.ingest_casefile(case).status == "unchanged"
    assert kb.counts() == before
    rels = kb.view().relations()
    reach = [r.attrs.get("reach") for r in rels if r.type == "function" and r.attrs.get("reach")]
    assert reach and all(isinstance(x, list | str) for x in reach)
    assert {r.country for r in rels} == {"GE"}


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_an_analysis_reads_one_state_of_the_knowledge_base(
    backend: str, tmp_path: Path, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``View.reading()``: a document written while an analysis reads is not half seen. On
    PostgreSQL the reads keep their snapshot while the writer commits; on SQLite the writer
    cannot commit until the read ends (here it gives up after its busy timeout of 1 s)."""
    monkeypatch.setenv("CUSTODES_BUSY_TIMEOUT", "1")
    if backend == "sqlite":
        target, schemas = str(tmp_path / "kb.db"), nullcontext(None)
    else:
        if not _postgres_answers():
            pytest.skip(f"no PostgreSQL at {PG_URL}")
        target, schemas = PG_URL, pg_schema("custodes_reading")
    with schemas as schema, KnowledgeBase.open(target, schema=schema) as kb:
        with KnowledgeBase.open(target, schema=schema) as writer:
            view = kb.view()
            with view.reading():
                assert view.documents() == []
                if backend == "sqlite":
                    with pytest.raises(Exception, match="locked"):
                        writer.ingest_document(*report)
                else:
                    assert writer.ingest_document(*report).status == "ingested"
                assert view.documents() == []
            if backend == "sqlite":
                assert writer.ingest_document(*report).status == "ingested"
            assert len(view.documents()) == 1


def test_a_write_that_timed_out_on_the_lock_leaves_the_next_one_free(
    tmp_path: Path, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader holding the SQLite file past the busy timeout fails that document's commit;
    the next document of the batch is written (before, the failed commit left the pooled
    connection inside its transaction, and every later write failed)."""
    monkeypatch.setenv("CUSTODES_BUSY_TIMEOUT", "1")
    target = tmp_path / "kb.db"
    with KnowledgeBase.open(str(target)) as kb:
        reader = sqlite3.connect(target)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM documents").fetchall()
        with pytest.raises(Exception, match="locked"):
            kb.ingest_document(*report)
        reader.rollback()
        assert kb.ingest_document(*report).status == "ingested"
        assert kb.counts()["documents"] == 1
        reader.close()
