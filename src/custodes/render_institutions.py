"""Tables and rows for the institutional analyses (``institutions``, ``oversight``,
``scenario``, ``network``, ``purge``); JSON is the dataclasses themselves."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from rich.table import Table
from rich.text import Text

from custodes.analyses.institutions import Institutions
from custodes.analyses.network import Network, Purge
from custodes.institutions import Measures
from custodes.scenario import ScenarioResult


def to_json(result: Any) -> str:
    return json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=2, default=str)


def _money(amount: float | None, currency: str | None) -> str:
    if amount is None:
        return ""
    if amount >= 1e9:
        return f"{currency or ''} {amount / 1e9:,.1f} bn".strip()
    if amount >= 1e6:
        return f"{currency or ''} {amount / 1e6:,.1f} m".strip()
    return f"{currency or ''} {amount:,.0f}".strip()


def institutions_tables(inst: Institutions) -> list[Table | Text]:
    title = f"Institutional map on {inst.on}" + (f" ({inst.country})" if inst.country else "")
    t = Table(title=title, expand=True)
    for col in ("body", "part of", "answers to", "head appointed by", "overseen by"):
        t.add_column(col, ratio=2)
    t.add_column("functions and powers", ratio=4)
    t.add_column("budget", no_wrap=True)
    for b in inst.bodies:
        name = Text(b.name, style="bold" if b.security else "")
        if b.elected:
            name.append(" (elected)", style="dim")
        budget = _money(b.budget, b.currency)
        if b.budget_year:
            budget += f" ({b.budget_year})"
        if b.budget_share is not None:
            budget += f"\n{b.budget_share:.1%} of security budgets"
        t.add_row(
            name,
            b.part_of or "",
            "\n".join(b.superiors[:1] + [f"({s})" for s in b.superiors[1:]]),
            ", ".join(b.head_appointers),
            ", ".join(b.overseers),
            ", ".join(f.replace("_", " ") for f in b.functions),
            budget,
        )
    out: list[Table | Text] = [t]
    if inst.ranks:
        r = Table("protocol rank", "post", "list", title="Protocol ranks")
        for post, n, lst in inst.ranks:
            r.add_row(str(n), post, lst or "")
        out.append(r)
    out += _concentration(inst.measures)
    extracted = sum(1 for e in inst.evidence if e.extractor != "casefile")
    out.append(
        Text(
            f"{len(inst.evidence)} statements in force ({extracted} read from documents, "
            f"{len(inst.evidence) - extracted} from case files) in {len(inst.sources)} "
            "sources; --format json lists each with its quote, span and source.",
            style="dim",
        )
    )
    return out


def _concentration(m: Measures) -> list[Table | Text]:
    c = m.concentration
    t = Table(
        "security agency", "functions", "share of functions", "budget share", title="Concentration"
    )
    budgets = {s.agency: s.share for s in c.budget_shares}
    for s in c.function_shares:
        t.add_row(
            s.agency,
            str(int(s.value)),
            f"{s.share:.1%}",
            f"{budgets[s.agency]:.1%}" if s.agency in budgets else "",
        )
    for name, share in budgets.items():
        if name not in {s.agency for s in c.function_shares}:
            t.add_row(name, "0", "", f"{share:.1%}")
    out: list[Table | Text] = [t]
    if c.hhi is not None:
        out.append(
            Text(
                f"Budgets {c.budget_year} ({c.currency}), {len(c.budget_shares)} agencies with a bu"
                f"dget: "
                f"Herfindahl index {c.hhi:.3f}, effective number of agencies "
                f"{c.effective_number:.2f}"
            )
        )
    if m.single_holder:
        out.append(
            Text(
                "Critical functions under one agency only (no double control): "
                + "; ".join(f"{f.replace('_', ' ')} ({who})" for f, who in m.single_holder)
            )
        )
    return out


def oversight_tables(m: Measures) -> list[Table | Text]:
    t = Table(title=f"Who controls the controllers, on {m.on}", expand=True)
    for col, ratio in (
        ("agency", 2),
        ("answers to", 2),
        ("head appointed by", 2),
        ("overseen by", 3),
        ("independent oversight", 1),
        ("capture risk", 4),
    ):
        t.add_column(col, ratio=ratio)
    for a in m.agencies:
        capture = Text()
        if a.capture:
            capture.append("YES: ", style="bold red")
            by_whom: dict[str, list[str]] = {}
            for c in a.capture:
                by_whom.setdefault(f"{c.whom} ({c.role})", []).append(c.power)
            capture.append("; ".join(f"{', '.join(p)} reach {w}" for w, p in by_whom.items()))
        else:
            capture.append("no")
        name = Text(a.agency, style="bold" if a.security else "")
        if a.part_of:
            name.append(f"\n(part of {a.part_of})", style="dim")
        t.add_row(
            name,
            "\n".join(a.superiors[:1] + [f"({s})" for s in a.superiors[1:]]),
            ", ".join(a.head_appointers),
            ", ".join(a.overseers) or "nobody",
            Text("yes", style="green") if a.independent else Text("NO", style="bold red"),
            capture,
        )
    return [t, *_concentration(m)]


def scenario_tables(r: ScenarioResult) -> list[Table | Text]:
    ch = Table("#", "change", "why", title=f"Scenario: {r.name} (map of {r.on})", expand=True)
    for i, c in enumerate(r.changes, 1):
        ch.add_row(str(i), c.text, c.note or "")
    t = Table("measure", "of", "before", "after", title="Every measure that changes", expand=True)
    for row in r.rows:
        t.add_row(row.measure, row.subject, _show(row.before), _show(row.after))
    summary = Table("", "before", "after", title="Summary")
    cb, ca = r.before.concentration, r.after.concentration
    risky_b = [a.agency for a in r.before.agencies if a.capture_risk]
    risky_a = [a.agency for a in r.after.agencies if a.capture_risk]
    summary.add_row(
        "agencies with capture risk", ", ".join(risky_b) or "none", ", ".join(risky_a) or "none"
    )
    no_ind_b = [
        a.agency for a in r.before.agencies if a.security and not a.part_of and not a.independent
    ]
    no_ind_a = [
        a.agency for a in r.after.agencies if a.security and not a.part_of and not a.independent
    ]
    summary.add_row(
        "security agencies without independent oversight",
        ", ".join(no_ind_b) or "none",
        ", ".join(no_ind_a) or "none",
    )
    summary.add_row(
        "largest share of functions",
        _top(cb.function_shares),
        _top(ca.function_shares),
    )
    summary.add_row(
        "critical functions under one agency",
        ", ".join(f for f, _ in r.before.single_holder) or "none",
        ", ".join(f for f, _ in r.after.single_holder) or "none",
    )
    if cb.effective_number or ca.effective_number:
        summary.add_row(
            "effective number of agencies (budgets)",
            f"{cb.effective_number:.2f}" if cb.effective_number else "",
            f"{ca.effective_number:.2f}" if ca.effective_number else "",
        )
    return [ch, t, summary]


def _top(shares: list[Any]) -> str:
    return f"{shares[0].agency} {shares[0].share:.1%}" if shares else ""


def _show(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v) or "none"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def network_tables(n: Network) -> list[Table | Text]:
    t = Table("person", "tie", "to", "quote", "source", title="Ties between people", expand=True)
    for r in n.ties:
        t.add_row(
            r.person,
            r.kind + (f" ({r.detail})" if r.detail else ""),
            r.other,
            r.quote[:160],
            r.source or "",
        )
    c = Table("circle", "members", title="Circles")
    for circle in n.circles:
        c.add_row(circle.label, ", ".join(circle.members))
    return [t, c]


def purge_tables(p: Purge) -> list[Table | Text]:
    left = Table(
        "circle", "who left", title=f"{p.org}: who left between {p.d1} and {p.d2}, by ties"
    )
    for g in p.left:
        left.add_row(g.label, ", ".join(g.people))
    came = Table("came from", "who came", title="Who came, by where they came from")
    for g in p.came:
        came.add_row(g.label, ", ".join(g.people))
    out: list[Table | Text] = [left, came]
    if p.flows:
        cols = sorted({to for row in p.flows.values() for to in row})
        f = Table("from \\ to", *cols, title="Career flows (people)")
        for src in sorted(p.flows):
            f.add_row(src, *(str(p.flows[src].get(c, "")) for c in cols))
        out.append(f)
    return out


def rows_of(result: Any) -> list[dict[str, Any]]:
    """Flat rows for CSV."""
    if isinstance(result, Institutions):
        return [dataclasses.asdict(b) for b in result.bodies]
    if isinstance(result, Measures):
        return [
            {
                "agency": a.agency,
                "part_of": a.part_of,
                "superiors": "; ".join(a.superiors),
                "head_appointers": "; ".join(a.head_appointers),
                "overseers": "; ".join(a.overseers),
                "independent_oversight": a.independent,
                "capture_risk": a.capture_risk,
                "capture": "; ".join(f"{c.power} reaches {c.whom} ({c.role})" for c in a.capture),
            }
            for a in result.agencies
        ]
    if isinstance(result, ScenarioResult):
        return [dataclasses.asdict(r) for r in result.rows]
    if isinstance(result, Network):
        return [dataclasses.asdict(t) for t in result.ties]
    if isinstance(result, Purge):
        return [
            {"group": "left", "label": g.label, "people": "; ".join(g.people)} for g in result.left
        ] + [
            {"group": "came", "label": g.label, "people": "; ".join(g.people)} for g in result.came
        ]
    raise TypeError(type(result))
