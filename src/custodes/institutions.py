"""The institutional map on a date, and the measures computed over it.

Institutional statements (``relations`` rows: part of, subordinate to, appoints the head of,
oversees, holds a function or power, budget, protocol rank, personnel, ties between people) are
dated and sourced like personnel events. ``build_map(relations, on)`` keeps those in force on a
date and resolves names to bodies; ``measure(map)`` computes what the coup-proofing and
oversight literature asks of it:

* for each agency, who it answers to (the *effective* superior is the line that began last: a
  de-facto line from 2017 supersedes the de-jure one from 1994), who appoints its head, who
  oversees it and whether any overseer is independent of its own chain;
* **capture risk**: the agency holds a power over people (vetting, investigation, surveillance,
  detention) whose reach covers one of its own overseers, superiors or head-appointers;
* **concentration** over the top-level security agencies (units roll up into their parent):
  functions per agency and shares, budget shares, the Herfindahl index H = Σs² and the effective
  number of agencies 1/H;
* **double control**: critical functions that only one agency holds.

Everything here is pure: a map is plain data, so a reform scenario (``custodes.scenario``) copies
and edits it, then measures again.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from custodes import yamldata
from custodes.extract.dates import PartialDate
from custodes.store.keys import org_key

STRUCTURAL = ("part_of", "subordinate_to", "appoints_head", "oversees")
TYPES = (*STRUCTURAL, "function", "budget", "rank", "personnel", "tie", "body")
TIES = ("kin", "patron", "client", "associate", "classmate", "proxy")

# offices filled by election, when no case file says otherwise: out of reach of powers that
# reach "officials" (appointed ones)
_ELECTED = re.compile(
    r"^(?:the\s+)?(?:president|parliament|senate|mazhilis|majilis|duma|state duma|"
    r"jogorku kenesh|supreme council|national assembly|verkhovna rada|"
    r"президент|парламент|сенат|мажилис|государственная дума|жогорку кенеш)\b(?!ial)",
    re.I,
)


@cache
def vocabulary() -> dict[str, Any]:
    """``data/institutions.yaml``: functions and powers, their reach and criticality, ties."""
    text = resources.files("custodes").joinpath("data/institutions.yaml").read_text("utf-8")
    data: dict[str, Any] = yamldata.load(text)
    return data


def powers_over_people() -> set[str]:
    return set(vocabulary()["powers_over_people"])


def critical_functions() -> set[str]:
    return {k for k, v in vocabulary()["functions"].items() if (v or {}).get("critical")}


@dataclass(frozen=True)
class Relation:
    """One institutional statement with its evidence (a ``relations`` row)."""

    id: str
    doc_id: str
    type: str
    subject: str
    object: str | None = None
    value: str | None = None
    detail: str | None = None
    amount: float | None = None
    currency: str | None = None
    year: int | None = None
    number: int | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    date_from: str | None = None
    date_until: str | None = None
    country: str | None = None
    quote: str = ""
    start: int = 0
    end: int = 0
    source: str | None = None
    extractor: str = ""
    confidence: float = 1.0
    status: str = "extracted"
    doc_path: str | None = None

    @classmethod
    def from_row(cls, row: Any) -> Relation:
        names = cls.__dataclass_fields__
        data = {k: v for k, v in dict(row).items() if k in names}
        data["attrs"] = data.get("attrs") or {}
        return cls(**data)

    def in_force(self, on: PartialDate) -> bool:
        """Does the statement hold on ``on``? ``until`` is the last day it held; a year or
        month counts from its first day and to its last."""
        day = on.first_day()
        if self.date_from and PartialDate.parse(self.date_from).first_day() > day:
            return False
        return not (self.date_until and PartialDate.parse(self.date_until).last_day() < day)


@dataclass
class Body:
    """An agency, office or body: its display name, key and the flags that measures need."""

    key: str
    name: str
    security: bool = False
    elected: bool = False
    aliases: list[str] = field(default_factory=list)


@dataclass
class Line:
    """A directed line between two bodies (superior, head-appointer, overseer), with the ids
    of the statements behind it."""

    key: str
    since: str | None = None
    until: str | None = None
    de_facto: bool = False
    mode: str | None = None
    independent: bool | None = None  # said by a case file or scenario; else computed
    sources: list[str] = field(default_factory=list)


@dataclass
class Holding:
    """A function or power an agency holds; ``reach`` is "officials", a list of body keys, or
    None (nobody) for a power over people."""

    function: str
    reach: str | list[str] | None = None
    sources: list[str] = field(default_factory=list)


@dataclass
class Budget:
    amount: float
    currency: str | None
    year: int
    sources: list[str] = field(default_factory=list)


@dataclass
class Tie:
    subject: str  # person names as written
    object: str
    kind: str
    detail: str | None
    sources: list[str] = field(default_factory=list)


@dataclass
class Map:
    """The institutional map on a date: plain data, edited by scenarios."""

    on: str
    bodies: dict[str, Body] = field(default_factory=dict)
    parent: dict[str, Line] = field(default_factory=dict)  # unit → the body it is part of
    superiors: dict[str, list[Line]] = field(default_factory=dict)  # effective first
    appointers: dict[str, list[Line]] = field(default_factory=dict)
    overseers: dict[str, list[Line]] = field(default_factory=dict)
    functions: dict[str, dict[str, Holding]] = field(default_factory=dict)
    budgets: dict[str, list[Budget]] = field(default_factory=dict)  # all years ≤ the date
    ranks: list[tuple[str, int, str | None, list[str]]] = field(default_factory=list)
    personnel: dict[str, int] = field(default_factory=dict)
    ties: list[Tie] = field(default_factory=list)

    def copy(self) -> Map:
        return copy.deepcopy(self)

    def name(self, key: str) -> str:
        return self.bodies[key].name if key in self.bodies else key

    def body(self, name_or_key: str, resolve: dict[str, str] | None = None) -> str:
        """The key of a body named ``name_or_key`` (name, alias or key), adding it if new."""
        k = (resolve or {}).get(org_key(name_or_key) or name_or_key) or self.find(name_or_key)
        if k is None:
            k = org_key(name_or_key) or name_or_key
            self.bodies[k] = Body(k, name_or_key, elected=bool(_ELECTED.search(name_or_key)))
        return k

    def find(self, name_or_key: str) -> str | None:
        k = org_key(name_or_key) or name_or_key
        if k in self.bodies:
            return k
        for b in self.bodies.values():
            if k == org_key(b.name) or k in {org_key(a) for a in b.aliases}:
                return b.key
        return None

    def top(self, key: str) -> str:
        """The top-level body a unit belongs to (itself if it is part of nothing)."""
        seen = {key}
        while key in self.parent and self.parent[key].key not in seen:
            key = self.parent[key].key
            seen.add(key)
        return key

    def units(self, key: str) -> list[str]:
        """Every body that is (transitively) part of ``key``."""
        return sorted(k for k in self.bodies if k != key and self.top_through(k, key))

    def top_through(self, unit: str, ancestor: str) -> bool:
        seen = {unit}
        while unit in self.parent:
            unit = self.parent[unit].key
            if unit == ancestor:
                return True
            if unit in seen:
                return False
            seen.add(unit)
        return False

    def agencies(self) -> list[str]:
        """Top-level security agencies: the units of concentration measures."""
        return sorted(k for k, b in self.bodies.items() if b.security and k not in self.parent)

    def rolled_functions(self, key: str) -> dict[str, Holding]:
        """The functions of an agency and of every unit that is part of it."""
        out = dict(self.functions.get(key, {}))
        for u in self.units(key):
            for f, h in self.functions.get(u, {}).items():
                out.setdefault(f, h)
        return out


def build_map(
    relations: list[Relation],
    on: PartialDate,
    resolve: dict[str, str] | None = None,
) -> Map:
    """The map on ``on`` from the relations in force. ``resolve`` maps name keys (aliases) to
    body keys; bodies declared by case files come first, then every name the statements use."""
    m = Map(on=on.iso)
    # bodies a case file declares: their names and aliases resolve everything else
    declared: dict[str, str] = dict(resolve or {})
    for r in relations:
        if r.type == "body":
            key = org_key(r.subject) or r.subject
            body = m.bodies.get(key) or Body(key, r.subject)
            body.security = body.security or bool(r.attrs.get("security"))
            body.elected = body.elected or bool(r.attrs.get("elected"))
            body.aliases = sorted({*body.aliases, *r.attrs.get("aliases", [])})
            m.bodies[key] = body
            for a in [r.subject, *body.aliases]:
                declared[org_key(a) or a] = key
    for b in m.bodies.values():
        if not b.elected and "elected" not in _declared_flags(relations, b.key):
            b.elected = bool(_ELECTED.search(b.name))

    def key(name: str) -> str:
        return m.body(name, declared)

    for r in sorted(relations, key=lambda r: (r.date_from or "", r.id)):
        if r.type == "body" or not r.in_force(on):
            continue
        if r.type == "tie":
            if r.object and r.value:
                m.ties.append(Tie(r.subject, r.object, r.value, r.detail, [r.id]))
            continue
        if r.type == "rank":
            m.ranks.append((r.subject, r.number or 0, r.value, [r.id]))
            continue
        s = key(r.subject)
        if r.type == "part_of" and r.object:
            o = key(r.object)
            if o != s:
                m.parent[s] = Line(o, r.date_from, r.date_until, sources=[r.id])
        elif r.type in ("subordinate_to", "oversees", "appoints_head") and r.object:
            o = key(r.object)
            if r.type == "subordinate_to":
                target, agency, line_key = m.superiors, s, o
            elif r.type == "oversees":
                target, agency, line_key = m.overseers, o, s
            else:
                target, agency, line_key = m.appointers, o, s
            lines = target.setdefault(agency, [])
            same = next((x for x in lines if x.key == line_key), None)
            if same is None:
                lines.append(
                    Line(
                        line_key,
                        r.date_from,
                        r.date_until,
                        bool(r.attrs.get("de_facto")),
                        r.detail,
                        r.attrs.get("independent"),
                        [r.id],
                    )
                )
            else:
                same.sources.append(r.id)
                same.since = max(filter(None, [same.since, r.date_from]), default=None)
                same.de_facto = same.de_facto or bool(r.attrs.get("de_facto"))
        elif r.type == "function" and r.value:
            held = m.functions.setdefault(s, {})
            reach = r.attrs.get("reach")
            if reach is None:
                reach = (vocabulary()["functions"].get(r.value) or {}).get("reach")
            if isinstance(reach, list):
                reach = [key(x) for x in reach]
            if r.value in held:
                held[r.value].sources.append(r.id)
                held[r.value].reach = held[r.value].reach or reach
            else:
                held[r.value] = Holding(r.value, reach, [r.id])
        elif r.type == "budget" and r.amount is not None and r.year:
            if r.year > on.first_day().year:
                continue
            budgets = m.budgets.setdefault(s, [])
            same_year = next((b for b in budgets if b.year == r.year), None)
            if same_year is None:
                budgets.append(Budget(r.amount, r.currency, r.year, [r.id]))
            else:
                same_year.sources.append(r.id)
        elif r.type == "personnel" and r.number:
            m.personnel[s] = r.number
    for lines in m.superiors.values():
        # the line that began last is the effective one (a de-facto line supersedes)
        lines.sort(key=lambda x: (x.since or "", x.de_facto), reverse=True)
    for b in m.bodies.values():
        b.security = b.security or _security_by_role(m, b.key)
    return m


def _declared_flags(relations: list[Relation], key: str) -> set[str]:
    return {
        flag
        for r in relations
        if r.type == "body" and (org_key(r.subject) or r.subject) == key
        for flag in r.attrs
    }


def _security_by_role(m: Map, key: str) -> bool:
    """An undeclared body counts as a security agency when it holds a security function."""
    held = set(m.functions.get(key, {}))
    security = critical_functions() | powers_over_people() | {"intelligence", "defence"}
    return bool(held & security) and key not in m.parent and not m.bodies[key].elected


# ---- measures -------------------------------------------------------------------------------


@dataclass
class Capture:
    power: str
    whom: str  # the overseer, superior or appointer it reaches
    role: str  # overseer | superior | head appointer


@dataclass
class AgencyOversight:
    agency: str
    security: bool
    part_of: str | None
    superiors: list[str]
    head_appointers: list[str]
    overseers: list[str]
    independent_overseers: list[str]
    capture: list[Capture]

    @property
    def independent(self) -> bool:
        return bool(self.independent_overseers)

    @property
    def capture_risk(self) -> bool:
        return bool(self.capture)


@dataclass
class Share:
    agency: str
    value: float  # count of functions, or budget amount
    share: float


@dataclass
class Concentration:
    functions: dict[str, list[str]]
    function_shares: list[Share]
    budget_year: int | None
    currency: str | None
    budget_shares: list[Share]
    hhi: float | None
    effective_number: float | None


@dataclass
class Measures:
    on: str
    agencies: list[AgencyOversight]
    concentration: Concentration
    single_holder: list[tuple[str, str]]  # (critical function, its only holder)

    def agency(self, name: str) -> AgencyOversight:
        for a in self.agencies:
            if a.agency == name:
                return a
        raise KeyError(name)


def _reaches(m: Map, holding: Holding, whom: str) -> bool:
    if holding.reach == "officials":
        return whom in m.bodies and not m.bodies[whom].elected
    if isinstance(holding.reach, list):
        return whom in holding.reach
    return False


def oversight_of(m: Map, key: str) -> AgencyOversight:
    superiors = [x.key for x in m.superiors.get(key, [])]
    appointers = [x.key for x in m.appointers.get(key, [])]
    overseers = [x.key for x in m.overseers.get(key, [])]
    own_chain = {key, *m.units(key), *superiors[:1]}
    independent = [
        x.key
        for x in m.overseers.get(key, [])
        if x.independent is True or (x.independent is None and x.key not in own_chain)
    ]
    capture: list[Capture] = []
    powers = {f: h for f, h in m.rolled_functions(key).items() if f in powers_over_people()}
    for role, names in (
        ("overseer", overseers),
        ("superior", superiors),
        ("head appointer", appointers),
    ):
        for whom in names:
            for f, h in sorted(powers.items()):
                if _reaches(m, h, whom):
                    capture.append(Capture(f, m.name(whom), role))
    return AgencyOversight(
        agency=m.name(key),
        security=m.bodies[key].security if key in m.bodies else False,
        part_of=m.name(m.parent[key].key) if key in m.parent else None,
        superiors=[m.name(k) for k in superiors],
        head_appointers=[m.name(k) for k in appointers],
        overseers=[m.name(k) for k in overseers],
        independent_overseers=[m.name(k) for k in independent],
        capture=capture,
    )


def _shares(values: dict[str, float]) -> list[Share]:
    total = sum(values.values())
    return sorted(
        (Share(k, v, v / total if total else 0.0) for k, v in values.items()),
        key=lambda s: (-s.share, s.agency),
    )


def concentration(m: Map) -> Concentration:
    agencies = m.agencies()
    functions = {m.name(a): sorted(m.rolled_functions(a)) for a in agencies}
    f_shares = _shares({a: float(len(fs)) for a, fs in functions.items() if fs})
    # budgets: the latest year in which any top-level security agency has one
    years = [b.year for a in agencies for b in m.budgets.get(a, [])]
    year = max(years) if years else None
    amounts: dict[str, float] = {}
    currency = None
    for a in agencies:
        for b in m.budgets.get(a, []):
            if b.year == year:
                amounts[m.name(a)] = b.amount
                currency = currency or b.currency
    b_shares = _shares(amounts)
    hhi = sum(s.share**2 for s in b_shares) if b_shares else None
    return Concentration(
        functions=functions,
        function_shares=f_shares,
        budget_year=year,
        currency=currency,
        budget_shares=b_shares,
        hhi=hhi,
        effective_number=(1 / hhi) if hhi else None,
    )


def single_holders(m: Map) -> list[tuple[str, str]]:
    """Critical functions held by exactly one top-level body (units count for their parent)."""
    holders: dict[str, set[str]] = {}
    for key, held in m.functions.items():
        for f in held:
            holders.setdefault(f, set()).add(m.top(key))
    return sorted(
        (f, m.name(next(iter(h))))
        for f, h in holders.items()
        if f in critical_functions() and len(h) == 1
    )


def measure(m: Map) -> Measures:
    """Every measure of a map (see the module docstring)."""
    # agencies, and the units that have lines of their own (a unit with none is its agency's)
    keys = sorted(
        {*m.superiors, *m.overseers, *m.appointers}
        | {
            k
            for k in {*m.functions, *(k for k, b in m.bodies.items() if b.security)}
            if k not in m.parent
        }
    )
    keys = [k for k in keys if k in m.bodies and not m.bodies[k].elected]
    return Measures(
        on=m.on,
        agencies=[oversight_of(m, k) for k in keys],
        concentration=concentration(m),
        single_holder=single_holders(m),
    )
