"""Reform scenarios: apply a reform to the institutional map on a date and measure before and
after (format: docs/casefile.md, "Scenario").

Operations, each a mapping in ``changes:`` with an optional ``note``:

* ``split: AGENCY`` with ``units: [...]`` — the units leave the agency and stand alone;
* ``transfer: FUNCTION`` with ``from:`` and ``to:`` — a function or power moves (units of
  ``from`` lose it too);
* ``share: FUNCTION`` with ``with:`` — a second agency holds it as well (double control);
* ``remove: FUNCTION`` with ``from:`` — nobody holds it there any more;
* ``restrict: POWER`` with ``at:`` and ``reach:`` — a power over people may reach only these
  bodies (``none``: nobody without another body's permission);
* ``add: BODY`` with ``security:``/``elected:`` — a new body;
* ``oversee: AGENCY`` with ``by:``, ``mode:``, ``independent:`` — a new oversight line;
* ``subordinate: AGENCY`` with ``to:`` — the agency's superior is replaced;
* ``appoint: AGENCY`` with ``by:`` — who appoints its head is replaced.

Every measure of ``custodes.institutions.measure`` is computed on both maps; ``compare`` lists
each one that changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from custodes.casefile import CasefileError, iso, load_casefile, read_yaml
from custodes.extract.dates import PartialDate
from custodes.institutions import Body, Holding, Line, Map, Measures, Relation, build_map, measure

OPERATIONS = (
    "split",
    "transfer",
    "share",
    "remove",
    "restrict",
    "add",
    "oversee",
    "subordinate",
    "appoint",
)


class ScenarioError(ValueError):
    """A scenario that cannot be applied; the message names the line."""


@dataclass
class Change:
    op: str
    text: str  # "transfer vetting: National Security Committee → Public Service Agency"
    note: str | None
    line: int


@dataclass
class Row:
    """One measure before and after."""

    measure: str
    subject: str
    before: Any
    after: Any


@dataclass
class ScenarioResult:
    name: str
    on: str
    changes: list[Change]
    before: Measures
    after: Measures
    rows: list[Row] = field(default_factory=list)


def load_scenario(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        data = read_yaml(path)
    except CasefileError as e:
        raise ScenarioError(str(e)) from e
    if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
        raise ScenarioError(f"{path.name}:1: a scenario needs a list of changes")
    return data


def casefile_relations(path: Path) -> list[Relation]:
    """A case file's statements as relations, without a knowledge base."""
    case = load_casefile(path)
    return [
        Relation(id=f"{path.name}:{i}", doc_id=path.name, doc_path=str(path), **r)
        for i, r in enumerate(case.rows)
    ]


def apply(
    m: Map, changes: list[dict[str, Any]], name: str = "scenario"
) -> tuple[Map, list[Change]]:
    """A copy of ``m`` with the changes made; ScenarioError names the first bad line."""
    m = m.copy()
    done: list[Change] = []
    for ch in changes:
        line = ch.get("__line__", 0) if isinstance(ch, dict) else 0
        ops = [op for op in OPERATIONS if isinstance(ch, dict) and op in ch]
        if len(ops) != 1:
            raise ScenarioError(
                f"{name}:{line}: each change is one of {', '.join(OPERATIONS)}, not "
                f"{sorted(k for k in ch if not str(k).startswith('__'))}"
            )
        op = ops[0]
        try:
            text = _apply_one(m, op, ch)
        except KeyError as e:
            raise ScenarioError(f"{name}:{line}: {op}: {e.args[0]}") from e
        done.append(Change(op, text, ch.get("note"), line))
    return m, done


def _known(m: Map, name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise KeyError(f"a body name is needed, not {name!r}")
    key = m.find(name)
    if key is None:
        raise KeyError(f"no body {name!r} on the map (add it first)")
    return key


def _apply_one(m: Map, op: str, ch: dict[str, Any]) -> str:
    if op == "split":
        agency = _known(m, ch["split"])
        units = ch.get("units") or []
        if not units:
            raise KeyError("split needs units: [...]")
        keys = [_known(m, u) for u in units]
        for u in keys:
            m.parent.pop(u, None)
            m.superiors[u] = [x for x in m.superiors.get(u, []) if x.key != agency]
            m.bodies[u].security = m.bodies[u].security or m.bodies[agency].security
        return f"split {m.name(agency)}: {', '.join(m.name(u) for u in keys)} stand alone"
    if op in ("transfer", "share", "remove"):
        function = ch[op]
        src = _known(m, ch["from"]) if op in ("transfer", "remove") else None
        dst = _known(m, ch["to"] if op == "transfer" else ch["with"]) if op != "remove" else None
        holding: Holding | None = None
        if src is not None:
            for k in [src, *m.units(src)]:
                if k != dst and function in m.functions.get(k, {}):
                    holding = m.functions[k].pop(function)
            if holding is None:
                raise KeyError(f"{m.name(src)} does not hold {function}")
        else:
            holding = next(
                (h[function] for h in m.functions.values() if function in h), Holding(function)
            )
        if dst is not None:
            m.functions.setdefault(dst, {})[function] = Holding(function, holding.reach, [])
        if op == "transfer":
            return f"transfer {function}: {m.name(src or '')} → {m.name(dst or '')}"
        if op == "share":
            return f"share {function} with {m.name(dst or '')}"
        return f"remove {function} from {m.name(src or '')}"
    if op == "restrict":
        agency = _known(m, ch["at"])
        power = ch["restrict"]
        reach = ch.get("reach")
        held = [k for k in [agency, *m.units(agency)] if power in m.functions.get(k, {})]
        if not held:
            raise KeyError(f"{m.name(agency)} does not hold {power}")
        value: str | list[str] | None
        if reach in (None, "none", []):
            value = None
        elif reach == "officials":
            value = "officials"
        else:
            value = [_known(m, x) for x in reach]
        for k in held:
            m.functions[k][power].reach = value
        shown = (
            "nobody"
            if value is None
            else value
            if isinstance(value, str)
            else ", ".join(m.name(x) for x in value)
        )
        return f"restrict {power} of {m.name(agency)}: reaches {shown}"
    if op == "add":
        name = ch["add"]
        key = m.body(str(name))
        m.bodies[key] = Body(
            key, str(name), bool(ch.get("security", False)), bool(ch.get("elected", False))
        )
        return f"add {name}" + (" (security agency)" if ch.get("security") else "")
    if op == "oversee":
        agency, by = _known(m, ch["oversee"]), _known(m, ch["by"])
        lines = m.overseers.setdefault(agency, [])
        lines[:] = [x for x in lines if x.key != by]
        lines.append(Line(by, m.on, mode=ch.get("mode"), independent=ch.get("independent")))
        return f"{m.name(by)} oversees {m.name(agency)}" + (
            f" ({ch['mode']})" if ch.get("mode") else ""
        )
    if op == "subordinate":
        agency, to = _known(m, ch["subordinate"]), _known(m, ch["to"])
        m.superiors[agency] = [Line(to, m.on)]
        return f"{m.name(agency)} subordinate to {m.name(to)}"
    if op == "appoint":
        agency, by = _known(m, ch["appoint"]), _known(m, ch["by"])
        m.appointers[agency] = [Line(by, m.on)]
        return f"{m.name(by)} appoints the head of {m.name(agency)}"
    raise KeyError(op)


def compare(before: Measures, after: Measures) -> list[Row]:
    """Every measure that differs between two maps, per agency and overall."""
    rows: list[Row] = []
    b_agencies = {a.agency: a for a in before.agencies}
    a_agencies = {a.agency: a for a in after.agencies}
    for name in sorted(set(b_agencies) | set(a_agencies)):
        b, a = b_agencies.get(name), a_agencies.get(name)
        if b is None and a is not None:  # a new agency, or a unit that now stands alone
            rows.append(Row("new agency", name, None, _summary(a)))
            continue
        for label, get in (
            ("capture risk", lambda x: x.capture_risk),
            ("captured watchers", lambda x: sorted({f"{c.whom} ({c.power})" for c in x.capture})),
            ("independent oversight", lambda x: x.independent),
            ("overseers", lambda x: x.overseers),
            ("superiors", lambda x: x.superiors),
            ("part of", lambda x: x.part_of),
        ):
            vb, va = (get(b) if b else None), (get(a) if a else None)
            if vb != va:
                rows.append(Row(label, name, vb, va))
    cb, ca = before.concentration, after.concentration
    fb = {s.agency: round(s.share, 3) for s in cb.function_shares}
    fa = {s.agency: round(s.share, 3) for s in ca.function_shares}
    for name in sorted(set(fb) | set(fa)):
        if fb.get(name) != fa.get(name):
            rows.append(Row("share of functions", name, fb.get(name), fa.get(name)))
    nb, na = cb.functions, ca.functions
    for name in sorted(set(nb) | set(na)):
        if nb.get(name, []) != na.get(name, []):
            rows.append(Row("functions", name, len(nb.get(name, [])), len(na.get(name, []))))
    for label, vb, va in (
        ("security agencies", len(cb.functions), len(ca.functions)),
        ("budget H", _r(cb.hhi), _r(ca.hhi)),
        ("budget effective number", _r(cb.effective_number, 2), _r(ca.effective_number, 2)),
        ("critical functions with one holder", len(before.single_holder), len(after.single_holder)),
    ):
        if vb != va:
            rows.append(Row(label, "all", vb, va))
    sb, sa = dict(before.single_holder), dict(after.single_holder)
    for f in sorted(set(sb) | set(sa)):
        if sb.get(f) != sa.get(f):
            rows.append(Row("single holder", f, sb.get(f), sa.get(f) or "(double control)"))
    return rows


def _summary(a: Any) -> str:
    parts = [f"answers to {a.superiors[0]}" if a.superiors else "answers to nobody"]
    parts.append(f"overseen by {', '.join(a.overseers)}" if a.overseers else "overseen by nobody")
    if a.capture_risk:
        parts.append("capture risk")
    return "; ".join(parts)


def _r(x: float | None, n: int = 3) -> float | None:
    return None if x is None else round(x, n)


def run_scenario(
    relations: list[Relation],
    path: str | Path,
    resolve: dict[str, str] | None = None,
    on: PartialDate | None = None,
    country: str | None = None,
) -> ScenarioResult:
    """Load the scenario at ``path`` (and its case file, unless its statements are already in
    ``relations``), build the map on its date, apply it and measure both maps."""
    path = Path(path)
    data = load_scenario(path)
    day = on or (PartialDate.parse(iso(data["on"]) or "") if data.get("on") else None)
    if day is None:
        raise ScenarioError(f"{path.name}:1: give the date of the map (on: YYYY-MM-DD or --on)")
    rels = list(relations)
    if data.get("casefile"):
        case_path = (path.parent / str(data["casefile"])).resolve()
        if not any(r.doc_path and Path(r.doc_path).resolve() == case_path for r in rels):
            rels += casefile_relations(case_path)
    chosen = country or next((r.country for r in rels if r.country), None)
    rels = [r for r in rels if r.country in (chosen, None)]
    if not rels:
        raise ScenarioError(f"{path.name}: no institutional statements to apply it to")
    base = build_map(rels, day, resolve)
    after_map, changes = apply(base, data["changes"], path.name)
    before, after = measure(base), measure(after_map)
    return ScenarioResult(
        name=str(data.get("name") or path.stem),
        on=day.iso,
        changes=changes,
        before=before,
        after=after,
        rows=compare(before, after),
    )
