"""The institutional map and who controls the controllers.

The must-show of the bundled report (with its example case file), then case files for two other
states whose expected results a helper computed by hand from docs/casefile.md
(tests/data/institutions/*/expected.yaml), then case-file validation and extraction from text.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from custodes.analyses.institutions import institutions, oversight
from custodes.analyses.network import network, purge
from custodes.casefile import CasefileError, load_casefile
from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import Extraction
from custodes.ingest.read import Document
from custodes.institutions import Measures, build_map, measure
from custodes.scenario import ScenarioError, apply, casefile_relations, run_scenario
from custodes.store import KnowledgeBase

DATA = Path(__file__).parent / "data" / "institutions"
EXAMPLES = resources.files("custodes").joinpath("data/examples")


@pytest.fixture(scope="module")
def kz(tmp_path_factory: pytest.TempPathFactory, report: tuple[Document, Extraction]) -> Any:
    """The bundled report and its example case file in one knowledge base."""
    path = tmp_path_factory.mktemp("kz") / "kb.db"
    kb = KnowledgeBase.open(path)
    kb.ingest_document(*report)
    with resources.as_file(EXAMPLES.joinpath("kz-nsc-casefile.yaml")) as case:
        assert kb.ingest_casefile(case).status == "ingested"
        assert kb.ingest_casefile(case).status == "unchanged"  # re-ingesting is a no-op
    yield kb
    kb.close()


def day(text: str) -> PartialDate:
    return PartialDate.parse(text)


def test_on_31_december_2021_the_nsc_answers_to_the_security_council_chairman(kz: Any) -> None:
    m = oversight(kz.view(), day("2021-12-31"))
    nsc = m.agency("National Security Committee")
    assert nsc.superiors[0] == "Chairman of the Security Council"
    # its vetting power reaches the appointed officials who oversee it
    assert nsc.capture_risk
    assert {(c.power, c.whom) for c in nsc.capture} >= {
        ("vetting", "Security Council"),
        ("vetting", "General Prosecutor's Office"),
    }
    c = m.concentration
    shares = {s.agency: round(s.share, 2) for s in c.budget_shares}
    assert c.budget_year == 2020 and len(shares) == 3
    assert shares["National Security Committee"] == 0.47
    assert round(c.effective_number or 0, 2) == 2.57


def test_on_6_january_2022_its_superior_is_the_incumbent_president(kz: Any) -> None:
    nsc = oversight(kz.view(), day("2022-01-06")).agency("National Security Committee")
    assert nsc.superiors[0] == "President"


def test_the_budgets_come_from_the_report_itself(kz: Any) -> None:
    """The three 2020 budgets are read from the report's sentence, not only the case file."""
    extracted = [
        r for r in kz.view().relations() if r.type == "budget" and r.extractor != "casefile"
    ]
    assert sorted(int(r.amount / 1e9) for r in extracted) == [137, 344, 433]
    assert all("In 2020, the NSC budget was KZT 433 bn" in r.quote for r in extracted)


def test_the_five_proposals_clear_the_capture_risk_and_add_double_control(kz: Any) -> None:
    view = kz.view()
    with resources.as_file(EXAMPLES.joinpath("kz-nsc-reforms.yaml")) as path:
        r = run_scenario(view.relations(), path, view.org_resolution())
    before = r.before.agency("National Security Committee")
    after = r.after.agency("National Security Committee")
    assert before.capture_risk and not after.capture_risk
    assert "Inspectorate" in after.independent_overseers
    assert ("strategic_sites", "National Security Committee") in r.before.single_holder
    assert "strategic_sites" not in dict(r.after.single_holder)
    share = {s.agency: s.share for s in r.before.concentration.function_shares}
    share_after = {s.agency: s.share for s in r.after.concentration.function_shares}
    assert share_after["National Security Committee"] < share["National Security Committee"]
    shown = {(row.measure, row.subject) for row in r.rows}
    assert ("capture risk", "National Security Committee") in shown
    assert ("share of functions", "National Security Committee") in shown
    assert ("single holder", "strategic_sites") in shown
    assert ("new agency", "Border Guard Service") in shown  # split off, stands alone
    assert any(c.op == "transfer" and "Public Service Agency" in c.text for c in r.changes)


def test_purge_groups_the_departed_by_ties_and_the_newcomers_by_origin(kz: Any) -> None:
    p = purge(kz.view(), "NSC", day("2022-01-05"), day("2022-02-16"))
    left = {g.label: g.people for g in p.left}
    assert left["family of Nursultan Nazarbayev"] == ["Samat Abish"]
    assert "Karim Massimov" in [x for g in p.left if g.label != "no known ties" for x in g.people]
    came = {g.label: g.people for g in p.came}
    assert came["State Guard Service"] == ["Ermek Sagimbayev"]
    assert p.flows["State Guard Service"] == {"National Security Committee": 1}


def test_network_circles(kz: Any) -> None:
    n = network(kz.view())
    circles = {c.label: c.members for c in n.circles}
    assert "Samat Abish" in circles["family of Nursultan Nazarbayev"]
    assert any("Ibbrayev" in m for m in circles["circle of Karim Massimov"])


# ---- two other states, against hand-computed expectations ----------------------------------


def _check(m: Measures, want: dict[str, Any], where: str) -> None:
    for name, exp in want["agencies"].items():
        a = m.agency(name)
        assert a.superiors[:1] == exp["superiors"][:1], f"{where} {name} superior"
        assert sorted(a.superiors) == sorted(exp["superiors"]), f"{where} {name} superiors"
        assert sorted(a.head_appointers) == sorted(exp["head_appointers"]), f"{where} {name}"
        assert sorted(a.overseers) == sorted(exp["overseers"]), f"{where} {name} overseers"
        assert a.independent == exp["has_independent_oversight"], f"{where} {name} independent"
        assert a.capture_risk == exp["capture_risk"], f"{where} {name} capture"
    c = m.concentration
    budget = want.get("budget")
    if budget:
        assert c.budget_year == budget["year"], where
        assert {s.agency: round(s.share, 3) for s in c.budget_shares} == budget["shares"], where
        assert round(c.hhi or 0, 3) == budget["herfindahl"], where
        assert round(c.effective_number or 0, 2) == budget["effective_number"], where
    elif "budget" in want:
        assert c.budget_shares == [], where
    functions = dict(want["functions"])
    functions.pop("total_holdings", None)
    got = {s.agency: round(s.share, 3) for s in c.function_shares}
    assert got == {k: v["share"] for k, v in functions.items()}, where
    assert dict(m.single_holder) == (want.get("single_holder_critical") or {}), where


@pytest.mark.parametrize("state", ["kyrgyzstan", "georgia"])
def test_other_states_match_hand_computed_measures(state: str) -> None:
    folder = DATA / state
    expected = yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))
    rels = casefile_relations(folder / "casefile.yaml")
    for on, want in expected["dates"].items():
        _check(measure(build_map(rels, day(on))), want, f"{state} {on}")
    r = run_scenario(rels, folder / "scenario.yaml")
    _check(r.after, expected["scenario"]["after"], f"{state} after the scenario")


def test_kyrgyz_and_kazakh_committees_stay_apart(tmp_path: Path) -> None:
    """Two case files, two countries, one abbreviation: each map sees its own committee."""
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        kb.ingest_casefile(DATA / "kyrgyzstan" / "casefile.yaml")
        with resources.as_file(EXAMPLES.joinpath("kz-nsc-casefile.yaml")) as case:
            kb.ingest_casefile(case)
        kg = institutions(kb.view(), day("2022-06-30"), "KG")
        kz = institutions(kb.view(), day("2022-06-30"), "KZ")
    assert "State Committee for National Security" in {b.name for b in kg.bodies}
    assert "State Committee for National Security" not in {b.name for b in kz.bodies}
    assert "Security Council" in {b.name for b in kz.bodies}


# ---- case files are validated with the line of each problem ---------------------------------


def test_a_bad_case_file_names_every_bad_line(tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text("The Guard is subordinate to the President.", "utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "country: KG\n"
        "sources:\n"
        "  s: {title: A source, path: src.txt}\n"
        "statements:\n"
        "  - type: budget\n"  # line 5: no amount
        "    subject: Guard\n"
        "    year: 2020\n"
        "  - type: subordinate_to\n"  # line 8: quote not in the source
        "    subject: Guard\n"
        "    object: President\n"
        "    source: s\n"
        "    quote: The Guard reports to Parliament.\n"
        "  - type: function\n"  # line 13: not in the vocabulary
        "    subject: Guard\n"
        "    function: mind_reading\n",
        "utf-8",
    )
    with pytest.raises(CasefileError) as e:
        load_casefile(bad)
    lines = str(e.value).splitlines()
    assert lines[0].startswith("bad.yaml:5: budget needs amount")
    assert lines[1].startswith("bad.yaml:8: quote not found in source 's'")
    assert lines[2].startswith("bad.yaml:13: unknown function 'mind_reading'")
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        with pytest.raises(CasefileError):
            kb.ingest_casefile(bad)
        assert kb.counts()["relations"] == 0  # nothing written


def test_a_scenario_naming_an_unknown_body_says_which_line(tmp_path: Path) -> None:
    rels = casefile_relations(DATA / "georgia" / "casefile.yaml")
    m = build_map(rels, day("2021-06-30"))
    with pytest.raises(ScenarioError, match=r"x.yaml:3: transfer: no body 'Ministry of Magic'"):
        apply(
            m,
            [{"transfer": "vetting", "from": "Ministry of Magic", "to": "X", "__line__": 3}],
            "x.yaml",
        )


# ---- extraction from text about other states ------------------------------------------------


def test_explicit_wording_is_read_and_proposals_are_not() -> None:
    from custodes.extract.institutions import extract_institutions

    text = (
        "The State Border Committee (SBC) is directly subordinate to the President. "
        "It comprises the Border Guard Academy and the Maritime Brigade. "
        "The main functions of the SBC are border protection, counter-intelligence and the "
        "fight against terrorism. In 2021 the SBC budget was USD 120 million, while the "
        "Ministry of Defence received USD 410 million. "
        "Critics argue that the SBC should be accountable to Parliament. "
        "Its chairman, Ivan Petrenko, is a nephew of Oleg Brovko."
    )
    found = extract_institutions(text, {"SBC": "State Border Committee"})
    got = {(f.type, f.subject, f.object, f.value) for f in found}
    assert ("subordinate_to", "State Border Committee", "President", None) in got
    assert ("part_of", "Border Guard Academy", "State Border Committee", None) in got
    assert ("part_of", "Maritime Brigade", "State Border Committee", None) in got
    assert {v for t, s, _, v in got if t == "function"} == {
        "border_control",
        "counter_intelligence",
        "counter_terrorism",
    }
    budgets = {(f.subject, f.amount, f.year) for f in found if f.type == "budget"}
    assert budgets == {
        ("State Border Committee", 120e6, 2021),
        ("Ministry of Defence", 410e6, 2021),
    }
    assert ("tie", "Ivan Petrenko", "Oleg Brovko", "kin") in got
    assert not any(f.object == "Parliament" for f in found)  # a proposal is not a statement


def test_russian_wording() -> None:
    from custodes.extract.institutions import extract_institutions

    found = extract_institutions(
        "Служба государственной охраны непосредственно подчиняется Президенту. "
        "В 2022 году бюджет Службы государственной охраны составил 1,9 млрд сомов."
    )
    got = {(f.type, f.subject, f.object) for f in found}
    assert ("subordinate_to", "State Guard Service", "President") in got
    [b] = [f for f in found if f.type == "budget"]
    assert (b.amount, b.currency, b.year) == (1.9e9, "KGS", 2022)


# ---- pictures --------------------------------------------------------------------------------


def test_the_map_and_the_purge_are_drawn(kz: Any, tmp_path: Path) -> None:
    """The SVG carries the bodies' names and the capture-risk colour; the PNG is a real image
    (these files were also looked at: docs/pictures/)."""
    from custodes.pictures import draw_institutions, draw_network

    inst = institutions(kz.view(), day("2021-12-31"))
    svg = draw_institutions(inst, tmp_path / "map.svg").read_text("utf-8")
    for name in ("National Security", "Security Council", "Special Service"):
        assert name in svg
    assert "#d7301f" in svg  # red: the oversight lines the NSC's powers reach
    png = draw_institutions(inst, tmp_path / "map.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    p = purge(kz.view(), "NSC", day("2022-01-05"), day("2022-02-16"))
    from custodes.cli import result_network

    svg = draw_network(result_network(p), tmp_path / "purge.svg", purge=p).read_text("utf-8")
    assert "Samat Abish" in svg and "Ermek Sagimbayev" in svg


def test_sources_that_disagree_on_a_budget_are_a_conflict(tmp_path: Path) -> None:
    """Two documents give one agency's 2021 budget differently: both are kept and shown."""
    from custodes.analyses import conflicts

    texts = {
        "a.txt": "In 2021 the State Border Committee budget was USD 120 million.",
        "b.txt": "In 2021 the budget of the State Border Committee was USD 150 million.",
    }
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        for name, text in texts.items():
            (tmp_path / name).write_text(text, "utf-8")
            kb.ingest_file(tmp_path / name)
        found = [c for c in conflicts(kb.view()) if c.kind == "different_budgets"]
    [c] = found
    assert c.org == "State Border Committee" and c.date == "2021"
    assert sorted(s.claim for s in c.sides) == ["USD 120,000,000", "USD 150,000,000"]
