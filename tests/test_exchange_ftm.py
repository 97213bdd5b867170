"""FollowTheMoney: the export passes followthemoney's own validation, loads into a nomenklatura
store with its provenance, and an export imported into an empty knowledge base gives the same
rosters."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner as ClickRunner
from followthemoney import Dataset, StatementEntity
from followthemoney.cli.cli import cli as ftm_cli
from nomenklatura.resolver import Linker
from nomenklatura.store import MemoryStore
from typer.testing import CliRunner

from custodes.analyses import roster
from custodes.cli import app
from custodes.exchange import ftm
from custodes.exchange.ftm_import import FtmImportError, import_file
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, View

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def exported(view: View, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ftm") / "kz.ftm.json"
    with path.open("w", encoding="utf-8") as fh:
        ftm.write(ftm.build(view), fh)
    return path


def _entities(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines()]


def _by_schema(path: Path, schema: str) -> list[StatementEntity]:
    ds = Dataset.make({"name": "t", "title": "t"})
    return [StatementEntity.from_data(ds, e) for e in _entities(path) if e["schema"] == schema]


def test_the_export_passes_ftm_validate(exported: Path, tmp_path: Path) -> None:
    out = tmp_path / "valid.json"
    res = ClickRunner().invoke(ftm_cli, ["validate", "-i", str(exported), "-o", str(out)])
    assert res.exit_code == 0, res.output
    valid = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(valid) == len(_entities(exported))
    schemas = {e["schema"] for e in valid}
    assert {"Person", "PublicBody", "Position", "Occupancy", "Documentation"} <= schemas
    assert {"Family", "Associate", "Membership", "Document"} <= schemas


def test_people_occupancies_and_provenance(exported: Path, view: View) -> None:
    (sadykulov,) = [p for p in _by_schema(exported, "Person") if p.caption == "Anuar Sadykulov"]
    assert {"role.pep", "gov.security"} <= set(sadykulov.get("topics"))
    occupancies = [
        o for o in _by_schema(exported, "Occupancy") if o.get("holder") == [sadykulov.id]
    ]
    assert len(occupancies) == 2  # Deputy Chairman and Director of Special Service “A”
    assert all(o.get("endDate") == ["2022-01-06"] for o in occupancies)
    (stmt,) = occupancies[0].get_statements("endDate")
    doc_id, span = stmt.origin.split("@")
    start, end = map(int, span.split("-"))
    spanned = [s for s in view.statements() if (s.doc_id, s.start, s.end) == (doc_id, start, end)]
    (cited,) = [s for s in spanned if s.event_type == "dismissed" and s.post_key][:1]
    assert cited.person == "Anuar Sadykulov"
    assert stmt.dataset == "custodes" and stmt.first_seen == "2022-02-16"
    quotes = {d.first("summary") for d in _by_schema(exported, "Documentation")}
    assert cited.quote in quotes


def test_ids_are_stable_across_exports(exported: Path, view: View) -> None:
    again = io.StringIO()
    ftm.write(ftm.build(view), again)
    assert again.getvalue() == exported.read_text("utf-8")


def test_it_loads_into_a_nomenklatura_store(exported: Path) -> None:
    ds = Dataset.make({"name": "custodes", "title": "custodes"})
    store = MemoryStore(ds, Linker({}))
    with store.writer() as writer:
        for data in _entities(exported):
            writer.add_entity(StatementEntity.from_data(ds, data))
    entities = list(store.default_view().entities())
    assert len(entities) == len(_entities(exported))
    people = [e for e in entities if e.schema.name == "Person"]
    massimov = next(p for p in people if p.caption == "Karim Massimov")
    held = [occ for _prop, occ in store.default_view().get_inverted(massimov.id or "")]
    assert any(o.schema.name == "Occupancy" for o in held)


@pytest.mark.parametrize("on", ["2022-01-05", "2022-02-16"])
def test_export_import_gives_the_same_rosters(
    exported: Path, view: View, kb: KnowledgeBase, on: str
) -> None:
    result = import_file(kb, exported)
    assert result.status == "imported" and result.datasets == ["custodes"]
    day = PartialDate.parse(on)

    def holders(v: View) -> list[tuple[str, str]]:
        return sorted(
            (p.post_key, h.person) for p in roster(v, "NSC", day).posts for h in p.holders
        )

    assert holders(kb.view()) == holders(view) != []
    assert import_file(kb, exported).status == "unchanged"


def test_an_opensanctions_style_pep_file(tmp_path: Path) -> None:
    """Entities in the `properties` form, as OpenSanctions publishes them."""
    lines = [
        {"id": "p1", "schema": "Person", "properties": {"name": ["Samat Abish"]}},
        {
            "id": "pos1",
            "schema": "Position",
            "properties": {"name": ["First Deputy Chairman"], "organization": ["o1"]},
        },
        {
            "id": "o1",
            "schema": "PublicBody",
            "properties": {"name": ["National Security Committee"], "country": ["kz"]},
        },
        {
            "id": "occ1",
            "schema": "Occupancy",
            "datasets": ["kz_peps"],
            "properties": {
                "holder": ["p1"],
                "post": ["pos1"],
                "startDate": ["2015-09"],
                "endDate": ["2022-01-19"],
            },
        },
    ]
    path = tmp_path / "peps.ftm.json"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    with KnowledgeBase.open("sqlite://") as kb:
        assert import_file(kb, path).datasets == ["kz_peps"]
        r = roster(kb.view(), "National Security Committee", PartialDate.parse("2021-06-01"))
        (post,) = r.posts
        assert post.role == "first_deputy" and [h.person for h in post.holders] == ["Samat Abish"]
        (src,) = post.holders[0].sources[:1]
        assert json.loads(src.quote)["id"] == "occ1"
    bad = tmp_path / "bad.ftm.json"
    bad.write_text('{"id": "x"}\n')
    with KnowledgeBase.open("sqlite://") as kb, pytest.raises(FtmImportError, match=":1: "):
        import_file(kb, bad)


def test_the_cli_exports_and_imports(kb_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "nsc.ftm.json"
    args = ["export", "--format", "ftm", "--org", "NSC", "--on", "2022-01-05", "--out", str(out)]
    res = runner.invoke(app, [*args, "--db", str(kb_path)])
    assert res.exit_code == 0, res.output
    occupancies = _by_schema(out, "Occupancy")
    assert 10 <= len(occupancies) <= 20  # those in force on 5 January
    res = runner.invoke(app, ["import", str(out), "--db", str(tmp_path / "new.db")])
    assert res.exit_code == 0 and "imported" in res.stdout, res.output
    res = runner.invoke(app, ["export", "--format", "ftm", "--org", "XYZ", "--db", str(kb_path)])
    assert res.exit_code == 2 and "unknown organisation" in res.output
