"""Review of statements and identity decisions (issue 11): an analyst's accept, reject or
edit is stored with who and when, logged, reversible, and every analysis honours it; merges
of people and of organisations refuse what makes no sense."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from custodes.analyses import UnknownName, roster, timeline
from custodes.analyses.review import review_queue
from custodes.cli import app
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, ReviewError
from custodes.store.schema import changes, reviews, statements

runner = CliRunner()
DISMISSAL = "Anuar Sadykulov was dismissed"


@pytest.fixture
def kb(kb_path: Path, tmp_path: Path) -> KnowledgeBase:
    """A copy of the session knowledge base (the bundled report), free to write."""
    db = tmp_path / "kb.db"
    shutil.copy(kb_path, db)
    with KnowledgeBase.open(db) as base:
        yield base


def _holders(kb: KnowledgeBase, post: str, on: str = "2022-01-05") -> list[str]:
    r = roster(kb.view(), "NSC", PartialDate.parse(on))
    return [h.person for p in r.posts if p.label == post for h in p.holders]


def _dismissal(kb: KnowledgeBase) -> str:
    return next(
        s.id
        for s in kb.view().statements(kinds=["event"])
        if s.quote.startswith(DISMISSAL) and s.event_type == "dismissed"
    )


def test_a_rejected_event_makes_no_tenure_and_undo_brings_it_back(kb: KnowledgeBase) -> None:
    post = "Head of Special Service “A”"
    assert "Anuar Sadykulov" in _holders(kb, post)  # his dismissal on the 6th attests the 5th
    sid = _dismissal(kb)
    result = kb.reject(sid[:10], who="analyst")
    assert result.status == "decided" and len(result.statement_ids) == 2  # both posts of it
    assert "Anuar Sadykulov" not in _holders(kb, post)
    with kb.engine.connect() as conn:
        status = conn.execute(select(statements.c.status).where(statements.c.id == sid)).scalar()
        who = conn.execute(select(reviews.c.who).where(reviews.c.statement_id == sid)).scalar()
        actions = [r.action for r in conn.execute(select(changes.c.action))]
    assert (status, who, actions[-1]) == ("rejected", "analyst", "reject")
    assert kb.undo_review(sid).status == "undone"
    assert "Anuar Sadykulov" in _holders(kb, post)
    assert kb.undo_review(sid).status == "nothing to undo"


def _dismissal_dates(kb: KnowledgeBase) -> list[str | None]:
    entries = timeline(kb.view(), "Anuar Sadykulov").entries
    return [e.date for e in entries if e.type == "dismissed"]


def test_an_edited_date_moves_the_timeline_and_the_tenure(kb: KnowledgeBase) -> None:
    sid = _dismissal(kb)
    kb.edit(sid, date="2022-01-09")
    dates = _dismissal_dates(kb)
    assert dates == ["2022-01-09"]
    assert "Anuar Sadykulov" in _holders(kb, "Deputy Chairman", on="2022-01-08")
    kb.edit(sid, date="2022-01-09", precision="month")
    dates = _dismissal_dates(kb)
    assert dates == ["2022-01"]
    kb.undo_review(sid)  # the edit before it stands again
    dates = _dismissal_dates(kb)
    assert dates == ["2022-01-09"]


def test_an_edited_person_is_who_analyses_see(kb: KnowledgeBase) -> None:
    sid = _dismissal(kb)
    kb.edit(sid, person="Timur Sadykov")
    entries = timeline(kb.view(), "Timur Sadykov").entries
    assert [e.type for e in entries] == ["dismissed"]


def test_a_second_edit_adds_to_the_first_and_undo_takes_back_one(kb: KnowledgeBase) -> None:
    sid = _dismissal(kb)
    kb.edit(sid, person="Timur Sadykov")
    kb.edit(sid, date="2022-01-07")
    [entry] = timeline(kb.view(), "Timur Sadykov").entries
    assert (entry.type, entry.date) == ("dismissed", "2022-01-07"), "the name edit still stands"
    kb.undo_review(sid)
    [entry] = timeline(kb.view(), "Timur Sadykov").entries
    assert entry.date != "2022-01-07", "undo takes back the date edit only"
    kb.undo_review(sid)
    with pytest.raises(UnknownName):
        timeline(kb.view(), "Timur Sadykov")


def test_bad_reviews_are_one_line(kb: KnowledgeBase) -> None:
    with pytest.raises(ReviewError, match="no statement"):
        kb.reject("ffffffffffff")
    with pytest.raises(ReviewError, match="not a statement id"):
        kb.reject("<script>")
    with pytest.raises(ReviewError, match="not a date"):
        kb.edit(_dismissal(kb), date="2022-13-01")
    with pytest.raises(ReviewError, match="only to the month"):
        kb.edit(_dismissal(kb), date="2022-01", precision="day")
    with pytest.raises(ReviewError, match="nothing to edit"):
        kb.edit(_dismissal(kb))


def test_the_queue_puts_conflicts_first_then_low_confidence(kb: KnowledgeBase) -> None:
    items = review_queue(kb.view())
    first_plain = next(i for i, x in enumerate(items) if not x.conflicts)
    assert first_plain > 0 and not any(x.conflicts for x in items[first_plain:])
    plain = [x.confidence for x in items[first_plain:]]
    assert plain == sorted(plain)
    kb.accept(items[0].statement_id)
    assert items[0].statement_id not in {x.statement_id for x in review_queue(kb.view())}


def test_review_accept_reject_edit_from_the_cli(kb: KnowledgeBase) -> None:
    db = str(kb.engine.url.database)
    res = runner.invoke(app, ["review", "--db", db, "--format", "json", "--limit", "3"])
    assert res.exit_code == 0, res.output
    first = json.loads(res.stdout)[0]["statement_id"]
    res = runner.invoke(app, ["reject", first[:10], "--db", db, "--who", "analyst"])
    assert res.exit_code == 0 and "reject — decided" in res.stdout
    res = runner.invoke(app, ["reject", first[:10], "--undo", "--db", db])
    assert "undone" in res.stdout
    res = runner.invoke(app, ["edit", first[:10], "--date", "2022-02-30", "--db", db])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "not a date" in res.stderr
    res = runner.invoke(app, ["accept", "0000", "--db", db])
    assert res.exit_code == 2 and "no statement" in res.stderr


def test_merges_that_make_no_sense_are_refused(kb: KnowledgeBase) -> None:
    for a, b, why in [
        ("Security Service", "State Security Service", "holds no person or organisation"),
        ("Foo", "Foo", "holds no person or organisation"),
        ("Karim Massimov", "Karim Massimov", "not merged with itself"),
        ("NSC", "National Security Committee", "same organisation already"),
        ("Karim Massimov", "National Security Committee", "a person and"),
    ]:
        with pytest.raises(ValueError, match=why):
            kb.decide("merge", a, b)


def test_two_organisations_merged_are_one_roster(tmp_path: Path) -> None:
    text = (
        "On 2 May 2019 Timur Bekov was appointed Head of the Border Service. "
        "On 9 May 2020 Marat Osipov was appointed Head of the State Border Service."
    )
    (tmp_path / "a.txt").write_text(text, "utf-8")
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        kb.ingest_file(tmp_path / "a.txt")
        on = PartialDate.parse("2020-06-01")
        assert [p.label for p in roster(kb.view(), "State Border Service", on).posts] == ["Head"]
        assert kb.decide("merge", "Border Service", "State Border Service") == "decided"
        r = roster(kb.view(), "Border Service", on)
        other = roster(kb.view(), "State Border Service", on)
        assert r.org_key == other.org_key
        assert [(p.label, [h.person for h in p.holders]) for p in r.posts] == [
            ("Head", ["Timur Bekov", "Marat Osipov"])
        ]  # one post of one organisation, both of its heads on it
        assert kb.decide("merge", "Border Service", "State Border Service", undo=True) == "undone"
        assert roster(kb.view(), "State Border Service", on).org_key != kb.view().resolve_org(
            "Border Service"
        )
