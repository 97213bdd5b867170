"""Derived tables (``store/derived.py``): kept at write time, identical to a full rebuild, and
the analyses that read them answer what per-query derivation answers.

One knowledge base grows the way an analyst's does — the bundled report, a Kazakh and a
Kyrgyz decree, an English news item about the same man in Latin letters, a re-ingest with
another publication date — and analysts decide: a merge, a "not the same", a split and an undo.
After every step the derived tables must equal what ``rebuild`` makes from scratch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import open_kb
from sqlalchemy import select

from custodes.analyses import diff, roster, timeline
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, View, derived
from custodes.store.schema import (
    judgements,
    name_blocks,
    org_identities,
    person_identities,
    person_names,
    stored_conflicts,
    tenures,
)

TEXTS = {
    "kz.txt": "АСТАНА. Указом Главы государства Республики Казахстан 10 апреля 2023 года Ермек "
    "Сагимбаев назначен председателем Комитета национальной безопасности Республики Казахстан.",
    "kg.txt": "БИШКЕК. Указом президента Кыргызской Республики 3 марта 2023 года Камчыбек "
    "Ташиев назначен председателем Государственного комитета национальной безопасности "
    "Кыргызской Республики.",
    "en.txt": "On 12 May 2023 Ermek Sagimbayev was arrested. Marat Ibraev was appointed Deputy "
    "Chairman of the National Security Committee on 1 June 2023, replacing Anuar Sadykulov, "
    "who was dismissed.",
}


def _tables(kb: KnowledgeBase) -> dict[str, list[tuple[Any, ...]]]:
    """The derived tables as sorted rows, without row ids and timestamps."""
    out = {}
    with kb.engine.connect() as conn:
        for t in (person_names, name_blocks, person_identities, org_identities):
            out[t.name] = sorted(tuple(r) for r in conn.execute(select(t)))
        j = judgements.c
        out["judgements"] = sorted(
            tuple(r) for r in conn.execute(select(j.a, j.b, j.judgement, j.who))
        )
        c = tenures.c
        rows = conn.execute(select(c.org_key, c.person_key, c.post_key, c.first_seen, c.tenure))
        out["tenures"] = sorted((*r[:4], repr(sorted(r[4].items()))) for r in rows)
    return out


def _rebuilt(kb: KnowledgeBase) -> dict[str, list[tuple[Any, ...]]]:
    with kb.engine.begin() as conn:
        derived.rebuild(conn)
    return _tables(kb)


def _per_query(kb: KnowledgeBase) -> View:
    """A view that derives everything per query, as custodes did before the derived tables."""
    view = kb.view()
    view._derived = False
    return view


def _same_answers(kb: KnowledgeBase) -> None:
    stored, computed = kb.view(), _per_query(kb)
    assert stored.tenures_stored and not computed.derived
    with kb.engine.connect() as conn:
        orgs = sorted({r[0] for r in conn.execute(select(org_identities.c.resolved))})
    assert len(orgs) > 3
    for org in orgs:
        for day in (PartialDate(2022, 1, 5), PartialDate(2022, 1, 7), PartialDate(2023, 6, 2)):
            assert roster(stored, org, day) == roster(computed, org, day)
    d1, d2 = PartialDate(2021, 12, 31), PartialDate(2023, 12, 31)
    assert diff(stored, "NSC", d1, d2) == diff(computed, "NSC", d1, d2)
    for name in ("Sagimbayev", "Сагимбаев", "Karim Massimov", "Kunanbayev"):
        assert timeline(stored, name) == timeline(computed, name)


def test_incremental_derivation_equals_a_full_rebuild(
    kb: KnowledgeBase, report: Any, tmp_path: Path
) -> None:
    kb.ingest_document(*report)
    steps = [_tables(kb)]
    assert steps[0] == _rebuilt(kb)
    assert steps[0]["tenures"], "the report's tenures are stored"
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, "utf-8")
        kb.ingest_file(tmp_path / name)
        assert _tables(kb) == _rebuilt(kb), f"after ingesting {name}"
    kb.ingest_file(tmp_path / "en.txt", published=PartialDate(2023, 6, 2))  # re-derived
    assert _tables(kb) == _rebuilt(kb), "after re-deriving a document"
    _same_answers(kb)
    before = _tables(kb)
    for args in (
        ("merge", "Anuar Sadykulov", "Ermek Sagimbayev"),
        ("not_same", "Ermek Sagimbayev", "Ермек Сагимбаев"),
        ("split", "Karim Massimov"),
    ):
        kb.decide(*args, who="analyst")
        assert _tables(kb) == _rebuilt(kb), f"after {args[0]}"
        _same_answers(kb)
    kb.decide("merge", "Anuar Sadykulov", "Ermek Sagimbayev", who="analyst", undo=True)
    kb.decide("not_same", "Ermek Sagimbayev", "Ермек Сагимбаев", who="analyst", undo=True)
    kb.decide("split", "Karim Massimov", who="analyst", undo=True)
    assert _tables(kb) == _rebuilt(kb) == before, "undoing every decision restores the tables"


def test_edits_and_organisation_decisions_keep_the_derived_tables(
    kb: KnowledgeBase, report: Any, tmp_path: Path
) -> None:
    """An analyst's edit of a name, post or organisation and the decisions about organisations
    are derived at write time like everything else: the tables stay in use, equal a rebuild,
    and every analysis answers what per-query derivation answers."""
    kb.ingest_document(*report)
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, "utf-8")
        kb.ingest_file(tmp_path / name)
    before = _tables(kb)
    view = kb.view()
    [ibraev] = [s.id for s in view.statements() if s.person == "Marat Ibraev"]
    massimov = next(s.id for s in view.statements() if s.person_key == "karim massimov")
    edits = (
        (ibraev, {"person": "Marat Ibrayev Junior"}),  # then its organisation too
        (ibraev, {"org": "State Guard Service"}),
        (massimov, {"title": "First Deputy Chairman"}),
        (massimov, {"person": "Ermek Sagimbayev"}),  # an existing person: his tenures grow
    )
    for sid, fields in edits:
        kb.edit(sid, **fields)
        assert kb.view().tenures_stored, f"the derived tables stay in use after {fields}"
        assert _tables(kb) == _rebuilt(kb), f"after editing {fields}"
        _same_answers(kb)
    assert timeline(kb.view(), "Ibrayev Junior") == timeline(_per_query(kb), "Ibrayev Junior")
    on = PartialDate(2023, 6, 2)
    assert roster(kb.view(), "State Guard Service", on) == roster(
        _per_query(kb), "State Guard Service", on
    )
    for args in (
        ("org_merge", "State Guard Service", "National Security Committee"),
        ("org_not_same", "State Guard Service", "Комитет национальной безопасности"),
        ("org_split", "Государственный комитет национальной безопасности"),
    ):
        kb.decide(args[0].removeprefix("org_"), *args[1:], who="analyst", entity="org")
        assert kb.view().tenures_stored, f"the derived tables stay in use after {args[0]}"
        assert _tables(kb) == _rebuilt(kb), f"after {args[0]}"
        _same_answers(kb)
    for sid, _ in reversed(edits):
        kb.undo_review(sid)
    for args in (
        ("org_merge", "State Guard Service", "National Security Committee"),
        ("org_not_same", "State Guard Service", "Комитет национальной безопасности"),
        ("org_split", "Государственный комитет национальной безопасности"),
    ):
        kb.decide(args[0].removeprefix("org_"), *args[1:], who="analyst", entity="org", undo=True)
    assert _tables(kb) == _rebuilt(kb) == before, "undoing every edit and decision restores them"


def _conflict_rows(kb: KnowledgeBase) -> list[tuple[Any, ...]]:
    with kb.engine.connect() as conn:
        rows = conn.execute(select(stored_conflicts.c.id, stored_conflicts.c.conflict))
        return sorted((r[0], repr(r[1])) for r in rows)


def test_batches_of_organisations_change_how_often_a_statement_is_read_not_what_is_derived(
    kb: KnowledgeBase, report: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """A rebuild derives tenures a batch of organisations at a time, those that share people
    side by side; batches of two give the tables (and conflicts) one batch of all gives."""
    kb.ingest_document(*report)
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, "utf-8")
        kb.ingest_file(tmp_path / name)
    monkeypatch.setattr(derived, "TENURE_BATCH", 10_000)
    whole = _rebuilt(kb), _conflict_rows(kb)
    assert whole[1], "the report has conflicts to compare"
    monkeypatch.setattr(derived, "TENURE_BATCH", 2)
    with kb.engine.connect() as conn:
        keys = sorted({r[0] for r in conn.execute(select(org_identities.c.resolved))})
        batches = derived._batches(conn, View(conn), keys)
    assert len(keys) > 4 and all(len(b) <= 2 for b in batches)
    assert sorted(k for b in batches for k in b) == keys, "every organisation, once"
    assert (_rebuilt(kb), _conflict_rows(kb)) == whole


def test_organisations_that_share_people_share_a_batch(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: Any
) -> None:
    """Two agencies a career runs through are read together, whatever the alphabet says."""
    monkeypatch.setattr(derived, "TENURE_BATCH", 2)
    careers = tmp_path / "careers.txt"
    careers.write_text(
        "On 3 May 2021 Arman Dzhaksybekov was appointed Director of the Zeta Border Service. "
        "On 9 June 2022 Arman Dzhaksybekov was appointed Chairman of the Alpha Guard Agency. "
        "On 1 July 2022 Nurlan Abenov was appointed Director of the Beta Customs Office. "
        "On 2 July 2022 Olzhas Temirov was appointed Director of the Gamma Police Department.",
        "utf-8",
    )
    kb.ingest_file(careers, published=PartialDate(2022, 7, 5))
    with kb.engine.connect() as conn:
        keys = sorted({r[0] for r in conn.execute(select(org_identities.c.resolved))})
        batches = derived._batches(conn, View(conn), keys)
    zeta = next(k for k in keys if "zeta" in k)
    alpha = next(k for k in keys if "alpha" in k)
    assert len(keys) >= 4
    assert any({zeta, alpha} <= set(b) for b in batches), batches


def test_decisions_are_judgements_with_who_and_when(kb: KnowledgeBase, report: Any) -> None:
    kb.ingest_document(*report)
    kb.decide("not_same", "Anuar Sadykulov", "Ermek Sagimbayev", who="analyst-1")
    with kb.engine.connect() as conn:
        rows = conn.execute(select(judgements).where(judgements.c.who == "analyst-1")).all()
    [(a, b, verdict, who, at)] = [tuple(r) for r in rows]
    assert (a, b, verdict, who) == ("anuar sadykulov", "ermek sagimbayev", "negative", "analyst-1")
    assert at is not None


def test_a_merge_moves_the_tenures_of_both_people(kb: KnowledgeBase, report: Any) -> None:
    kb.ingest_document(*report)
    view = kb.view()
    before = {t.person_key for t in view.stored_tenures(person_keys=["anuar sadykulov"])}
    assert before == {"anuar sadykulov"}
    kb.decide("merge", "Anuar Sadykulov", "Ermek Sagimbayev", who="analyst")
    with kb.engine.connect() as conn:
        q = select(person_identities.c.identity).where(
            person_identities.c.person_key.in_(["anuar sadykulov", "ermek sagimbayev"])
        )
        heads = {r[0] for r in conn.execute(q)}
    assert len(heads) == 1
    assert kb.view().stored_tenures(person_keys=heads)


def test_custodes_rebuild_derives_everything_again(kb_path: Path, tmp_path: Path) -> None:
    import shutil

    from typer.testing import CliRunner

    from custodes.cli import app

    db = tmp_path / "copy.db"
    shutil.copy(kb_path, db)
    with KnowledgeBase.open(db) as kb:
        before = _tables(kb)
    result = CliRunner().invoke(app, ["rebuild", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("rebuilt: ")
    with KnowledgeBase.open(db) as kb:
        assert _tables(kb) == before
    missing = CliRunner().invoke(app, ["rebuild", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no knowledge base" in missing.output


def test_a_new_name_is_compared_only_within_its_blocks() -> None:
    """Full names are blocked by pairs of words: thousands of "Serik"s share no block, while a
    typo in the surname still meets its person through the given name's pair."""
    from custodes.resolve import _pair_blocks, blocks, cluster

    assert not _pair_blocks("Serik Akhmetov") & _pair_blocks("Serik Bekov")
    assert _pair_blocks("Marat Ibraev") & _pair_blocks("Marat Ibrayev")
    assert cluster(["Marat Ibraev", "Marat Ibrayev", "Serik Ibraev"]) == [0, 0, 1]
    assert blocks("Massimov") == {"q:mas"}  # a surname alone: found through the full names' words
    assert cluster(["Karim Massimov", "Massimov", "Kanat Bekov"]) == [0, 0, 1]


def test_analysts_deciding_at_once_lose_nothing(
    kb: KnowledgeBase, report: Any, tmp_path: Path
) -> None:
    """Four analysts decide at the same moment (threads, one connection each; on SQLite a file,
    since an in-memory database is one connection): every decision is kept, and the derived
    tables are what a rebuild makes of them."""
    from concurrent.futures import ThreadPoolExecutor

    if kb.engine.dialect.name == "sqlite":
        kb = KnowledgeBase.open(tmp_path / "shared.db")
    kb.ingest_document(*report)
    pairs = [
        ("merge", "Anuar Sadykulov", "Karim Massimov"),
        ("not_same", "Berik Kunanbayev", "Anuar Kunanbayev"),
        ("split", "Ermek Sagimbayev", None),
        ("merge", "Ermek Sagimbayev", "Anuar Sadykulov"),
    ]
    with ThreadPoolExecutor(4) as pool:
        done = list(pool.map(lambda p: kb.decide(p[0], p[1], p[2], who=p[1]), pairs))
    assert done == ["decided"] * 4
    with kb.engine.connect() as conn:
        rows = conn.execute(select(judgements.c.who).where(judgements.c.who != "custodes.resolve"))
        assert sorted(r[0] for r in rows) == sorted(p[1] for p in pairs)
    assert _tables(kb) == _rebuilt(kb)
    if kb.engine.dialect.name == "sqlite":
        kb.close()


def test_a_batch_ingest_derives_the_tables_once_and_the_same(tmp_path: Path) -> None:
    """`custodes ingest` of many files derives the tables at the end of the batch, not per
    document; the result is what deriving after every document gives."""
    from typer.testing import CliRunner

    from custodes.cli import BULK_INGEST, app

    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(BULK_INGEST):
        day = 1 + i % 28
        (folder / f"item{i:02d}.txt").write_text(
            f"On {day} March 2023 Colonel Daulet Amanov{i} was appointed Deputy Chairman of the "
            f"National Security Committee, replacing Serik Beketov{i}, who was dismissed.",
            encoding="utf-8",
        )
    db = tmp_path / "batch.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    import sqlite3

    with sqlite3.connect(db) as raw:  # as the batch left it, before any open derives again
        assert raw.execute("SELECT name FROM derived_state").fetchall() == [("built",)]
    with KnowledgeBase.open(db) as kb:
        batch = _tables(kb)
        assert batch["tenures"]
        assert batch == _rebuilt(kb)
    one_by_one = tmp_path / "one.db"
    for f in sorted(folder.iterdir()):
        CliRunner().invoke(app, ["ingest", str(f), "--db", str(one_by_one)])
    with KnowledgeBase.open(one_by_one) as kb:
        assert _tables(kb)["tenures"] == batch["tenures"]


def test_a_split_after_a_merge_takes_the_spelling_out_and_a_merge_after_it_joins_again(
    kb: KnowledgeBase, report: Any
) -> None:
    """Decisions overrule the earlier ones they contradict, in the order they were made; the
    derived tables and per-query derivation agree on every step."""
    kb.ingest_document(*report)

    def one() -> bool:
        people = timeline(kb.view(), "Anuar Sadykulov").people
        assert people == timeline(_per_query(kb), "Anuar Sadykulov").people
        assert _tables(kb) == _rebuilt(kb)
        return "Karim Massimov" in people

    assert not one()
    kb.decide("merge", "Anuar Sadykulov", "Karim Massimov", who="analyst")
    assert one()
    kb.decide("split", "Anuar Sadykulov", who="analyst")
    assert not one(), "the later split takes the spelling out of the merge"
    kb.decide("merge", "Karim Massimov", "Anuar Sadykulov", who="analyst")
    assert one(), "a merge after the split joins them again"
    kb.decide("not_same", "Anuar Sadykulov", "Karim Massimov", who="analyst")
    assert not one(), "a not-same after a merge of the pair stands"


@pytest.fixture(params=["sqlite file", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_kb(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[KnowledgeBase]:
    """A knowledge base other processes can open: a SQLite file, or a PostgreSQL schema."""
    with open_kb(request.param, tmp_path / "kb.db", "custodes_workers") as base:
        yield base


def test_tenures_derived_in_worker_processes_are_those_one_process_derives(
    shared_kb: KnowledgeBase, report: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """A large rebuild commits the identities, then derives the organisations' batches in
    worker processes that read them through connections of their own; the tables, the
    conflicts and the order the rows are written in are those of one process."""
    kb = shared_kb
    kb.ingest_document(*report)
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, "utf-8")
        kb.ingest_file(tmp_path / name)
    monkeypatch.setattr(derived, "TENURE_BATCH", 2)
    monkeypatch.setattr(derived, "PARALLEL_MIN_ORGS", 1)
    one = kb.derive_now(workers=1)
    whole = _tables(kb), _conflict_rows(kb), _tenure_order(kb)
    assert one["tenures"] > 10 and whole[1]
    spawned: list[int] = []
    real = derived._derive_in_workers
    monkeypatch.setattr(
        derived,
        "_derive_in_workers",
        lambda engine, batches, n, folder: spawned.append(n) or real(engine, batches, n, folder),
    )
    assert kb.derive_now(workers=2) == one
    assert spawned == [2], "the batches went to two worker processes"
    assert (_tables(kb), _conflict_rows(kb), _tenure_order(kb)) == whole
    assert kb.view().derived, "and the tables are marked built again"


def _tenure_order(kb: KnowledgeBase) -> list[tuple[Any, ...]]:
    with kb.engine.connect() as conn:
        c = tenures.c
        q = select(c.org_key, c.person_key, c.post_key, c.first_seen).order_by(c.id)
        return [tuple(r) for r in conn.execute(q)]


def test_a_script_read_from_stdin_still_derives_when_workers_cannot_start(
    kb_path: Path, tmp_path: Path
) -> None:
    """Spawned workers import the caller's main module again; ``python -`` has none to import,
    so the pool breaks and one process derives the same tables instead of failing."""
    import shutil
    import subprocess
    import sys

    db = tmp_path / "copy.db"
    shutil.copy(kb_path, db)
    with KnowledgeBase.open(db) as kb:
        before = _tables(kb)
    script = (
        "from custodes.store import KnowledgeBase, derived\n"
        "derived.PARALLEL_MIN_ORGS, derived.TENURE_BATCH = 1, 2\n"
        f"kb = KnowledgeBase.open({str(db)!r})\n"
        "print(kb.derive_now(workers=2)['tenures'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    with KnowledgeBase.open(db) as kb:
        assert _tables(kb) == before
        assert int(done.stdout) == len(before["tenures"])


def test_a_load_whose_tenures_cannot_be_derived_keeps_its_rows_and_says_what_to_do(
    kb_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    """With workers the load commits its rows and identities before the tenures; when the
    tenures fail (here a full disk for the workers' files) the rows stay, the knowledge base
    reads as not derived, the command says so in one line, and ``rebuild`` mends it."""
    from typer.testing import CliRunner

    from custodes.cli import app

    dump, db = tmp_path / "dump.jsonl", tmp_path / "loaded.db"
    done = CliRunner().invoke(
        app, ["export", "--format", "jsonl", "--out", str(dump), "--db", str(kb_path)]
    )
    assert done.exit_code == 0, done.output
    monkeypatch.setenv("CUSTODES_WORKERS", "2")

    real = derived.rebuild_tenures

    def full(conn: Any, engine: Any = None, workers: int = 1) -> dict[str, int]:
        if workers > 1:  # the second transaction (opening a new file derives it in one)
            raise OSError(28, "No space left on device")
        return real(conn, engine, workers)

    monkeypatch.setattr(derived, "rebuild_tenures", full)
    failed = CliRunner().invoke(app, ["load", str(dump), "--db", str(db)])
    assert failed.exit_code == 1, failed.output
    assert failed.output.startswith("error: the rows are stored, but their tenures could not be")
    assert "No space left on device" in failed.output and "custodes rebuild" in failed.output
    assert "Traceback" not in failed.output
    with KnowledgeBase.open(db) as kb, KnowledgeBase.open(kb_path) as source:
        assert kb.counts()["statements"] == source.counts()["statements"] > 0
        assert not kb.view().derived, "not derived: analyses derive per query"
    monkeypatch.setattr(derived, "rebuild_tenures", real)
    mended = CliRunner().invoke(app, ["rebuild", "--db", str(db)])
    assert mended.exit_code == 0, mended.output
    with KnowledgeBase.open(db) as kb, KnowledgeBase.open(kb_path) as source:
        assert kb.view().derived and _tables(kb) == _tables(source)


def _rosters(view: View) -> list[Any]:
    """Every organisation's roster on every day a tenure begins or ends."""
    with view.reading():
        held = view.stored_tenures()
    orgs = sorted({t.org_key for t in held})
    days = sorted({d for t in held for d in (t.first_seen, t.last_seen)})
    on = [PartialDate(d.year, d.month, d.day) for d in days]
    return [roster(view, org, day) for org in orgs for day in on]


def _cited(rosters: list[Any]) -> dict[str, set[str | None]]:
    """Statement id → the dates its sources show, over the rosters."""
    out: dict[str, set[str | None]] = {}
    for r in rosters:
        for p in r.posts:
            for h in p.holders:
                for s in h.sources:
                    out.setdefault(s.statement_id, set()).add(s.date)
    return out


def test_stored_tenures_keep_the_evidence_a_roster_shows(
    kb: KnowledgeBase, report: Any, monkeypatch: Any
) -> None:
    """A tenure keeps the sources of its statements, so a roster reads no statement to cite
    them; and it cites what reading them would, also after a review changes one (a date
    edited, a claim rejected), since the review derives the tenure again."""
    kb.ingest_document(*report)
    with kb.engine.connect() as conn:
        kept = [r[0] for r in conn.execute(select(tenures.c.tenure))]
    assert kept and all(t.get("sources") for t in kept), "every tenure keeps its sources"
    sources = [s for t in kept for s in t["sources"]]
    dated = next(s[0] for s in sources if s[1] == "holds")
    wrong = next(s[0] for s in sources if s[1] == "event")
    assert {dated, wrong} <= set(_cited(_rosters(kb.view())))
    kb.edit(dated, date="2021-03-04", precision="day")
    kb.reject(wrong)
    after = _rosters(kb.view())
    assert after == _rosters(_per_query(kb))
    assert _cited(after)[dated] == {"2021-03-04"} and wrong not in _cited(after)
    # no statement is read to cite them: the roster asks only for claims
    asked: list[Any] = []
    original = View.statements
    monkeypatch.setattr(View, "statements", lambda v, **k: asked.append(k) or original(v, **k))
    assert _rosters(kb.view()) == after
    assert asked and not [k for k in asked if k.get("ids")]


def test_tenures_derived_before_they_kept_sources_still_cite_them(
    kb: KnowledgeBase, report: Any
) -> None:
    """A knowledge base derived by an older custodes keeps tenures without sources: a roster
    reads the statements they rest on, and shows the same."""
    kb.ingest_document(*report)
    before = _rosters(kb.view())
    with kb.engine.begin() as conn:
        rows = conn.execute(select(tenures.c.id, tenures.c.tenure)).all()
        for i, t in rows:
            t.pop("sources")
            conn.execute(tenures.update().where(tenures.c.id == i).values(tenure=t))
    assert _rosters(kb.view()) == before
