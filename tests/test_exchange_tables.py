"""The CSV package (tidy tables + Frictionless datapackage.json) and the graphs (GraphML,
GEXF), each read back by its own library and checked against the knowledge base."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from frictionless import Package
from typer.testing import CliRunner

from custodes.analyses import roster
from custodes.cli import app
from custodes.extract.dates import PartialDate
from custodes.store import View
from custodes.tenures import derive_tenures

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def package(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv") / "export"
    res = runner.invoke(
        app, ["export", "--format", "csv", "--out", str(folder), "--db", str(kb_path)]
    )
    assert res.exit_code == 0, res.output
    return folder


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_package_validates_against_its_schema(package: Path) -> None:
    report = Package(str(package / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    names = [r["name"] for r in json.loads((package / "datapackage.json").read_text())["resources"]]
    assert names == [
        "people",
        "organisations",
        "posts",
        "tenures",
        "events",
        "statements",
        "relations",
    ]


def test_the_tables_hold_what_the_knowledge_base_holds(package: Path, view: View) -> None:
    stmts = view.statements()
    assert len(_rows(package, "statements")) == len(stmts)
    assert len(_rows(package, "tenures")) == len(derive_tenures(stmts))
    assert len(_rows(package, "relations")) == len(view.relations())
    sadykulov = [t for t in _rows(package, "tenures") if t["person"] == "Anuar Sadykulov"]
    assert {t["end"] for t in sadykulov} == {"2022-01-06"}
    assert {t["end_precision"] for t in sadykulov} == {"day"}
    assert {t["end_inferred"] for t in sadykulov} == {"false"}
    assert all(json.loads(t["statement_ids"]) for t in sadykulov)
    text = view.statements()[0]
    row = next(r for r in _rows(package, "statements") if r["id"] == text.id)
    assert row["quote"] == text.quote and int(row["start"]) == text.start


def test_typed_reading_with_frictionless(package: Path) -> None:
    resource = Package(str(package / "datapackage.json")).get_resource("tenures")
    rows = resource.read_rows()
    assert any(r["end_inferred"] is True for r in rows)
    assert all(isinstance(r["acting"], bool) for r in rows)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_graphs_load_back_in_networkx(
    fmt: str, kb_path: Path, view: View, tmp_path: Path
) -> None:
    out = tmp_path / f"kz.{fmt}"
    res = runner.invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", str(kb_path)])
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    edges = list(g.edges(data=True))
    tenures = [d for _a, _b, d in edges if d["kind"] == "tenure"]
    assert len(tenures) == len(derive_tenures(view.statements()))
    assert any(d["kind"] == "tie" for _a, _b, d in edges)
    assert any(d["kind"] == "part_of" for _a, _b, d in edges)
    dismissed = [d for a, _b, d in edges if a == "person:anuar sadykulov" and d["kind"] == "tenure"]
    assert dismissed and all(d["end"] == "2022-01-06" for d in dismissed)
    assert g.nodes["person:anuar sadykulov"]["label"] == "Anuar Sadykulov"


def test_on_a_date_only_what_holds_then(kb_path: Path, view: View, tmp_path: Path) -> None:
    out = tmp_path / "jan5"
    args = ["export", "--format", "csv", "--on", "2022-01-05", "--org", "NSC", "--out", str(out)]
    assert runner.invoke(app, [*args, "--db", str(kb_path)]).exit_code == 0
    r = roster(view, "NSC", PartialDate.parse("2022-01-05"))
    nsc = {(t["post_key"], t["person"]) for t in _rows(out, "tenures") if t["org_key"] == r.org_key}
    assert nsc == {(p.post_key, h.person) for p in r.posts for h in p.holders}
    assert ("national security committee @kz|head|", "Karim Massimov") in nsc


def test_quickstatements_for_the_items_an_editor_names(kb_path: Path, tmp_path: Path) -> None:
    qids = tmp_path / "qids.yaml"
    qids.write_text(
        "people:\n  Karim Massimov: Q1395532\n"
        "posts:\n  Chairman (National Security Committee): Q4385016\n",
        "utf-8",
    )
    args = ["export", "--format", "quickstatements", "--qids", str(qids), "--db", str(kb_path)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    (line,) = res.stdout.splitlines()
    cells = line.split("\t")
    assert cells[:3] == ["Q1395532", "P39", "Q4385016"]
    assert cells[cells.index("P582") + 1] == "+2022-01-06T00:00:00Z/11"  # dismissed on 6 Jan
    assert cells[-2] == "S1683" and "Massimov" in cells[-1]
    qids.write_text("people:\n  Karim Massimov: 1395532\n", "utf-8")
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and "not a Wikidata item" in res.output
