"""``network(view)`` and ``purge(view, org, d1, d2)``: ties between people, and a purge read
through them.

Ties (kin, patron/client, associate, classmate, proxy) come from documents and case files as
``tie`` statements. A **circle** is everyone tied to one person as kin ("family of
Nazarbayev"), client or proxy ("circle of Massimov"), or associate/classmate. ``purge`` takes
``diff`` between two dates and groups who left by the circles they belong to, and who came by
the agency they came from; the career flows between agencies form a from → to matrix.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from custodes.analyses.diff import diff
from custodes.extract.dates import PartialDate
from custodes.institutions import Relation
from custodes.resolve import same_person
from custodes.store.view import View

# how a tie makes the object the centre of the subject's circle
_CIRCLE = {"kin": "family of", "client": "circle of", "proxy": "circle of"}
_PEERS = {"associate": "associates of", "classmate": "classmates of"}


@dataclass
class TieRow:
    person: str
    other: str
    kind: str
    detail: str | None
    quote: str
    source: str | None


@dataclass
class Circle:
    label: str  # "family of Nursultan Nazarbayev"
    centre: str
    members: list[str]


@dataclass
class Network:
    people: list[str]
    ties: list[TieRow]
    circles: list[Circle]


def _ties(view: View, on: PartialDate | None = None) -> list[Relation]:
    return [
        r
        for r in view.relations()
        if r.type == "tie" and r.object and r.value and (on is None or r.in_force(on))
    ]


def _one_name(names: list[str], name: str) -> str:
    """The fullest spelling of ``name`` among ``names`` ("Massimov" → "Karim Massimov")."""
    for n in sorted(names, key=len, reverse=True):
        if len(n) > len(name) and same_person(name, n):
            return n
    return name


def network(view: View, on: PartialDate | None = None) -> Network:
    """Every tie between people (in force on ``on`` when given), and the circles they form."""
    rels = _ties(view, on)
    every = sorted({n for r in rels for n in (r.subject, r.object or "") if n}, key=len)
    canon = {n: _one_name(every, n) for n in every}
    rows: list[TieRow] = []
    seen: set[tuple[str, str, str]] = set()
    for r in rels:
        a, b = canon[r.subject], canon[r.object or ""]
        key = (a, b, str(r.value))
        if key in seen or a == b:
            continue
        seen.add(key)
        rows.append(TieRow(a, b, str(r.value), r.detail, r.quote, r.doc_path or r.source))
    circles: dict[str, Circle] = {}
    for t in rows:
        if t.kind == "patron":  # the subject is the patron: the object is in his circle
            label, centre, member = "circle of", t.person, t.other
        elif t.kind in _CIRCLE:
            label, centre, member = _CIRCLE[t.kind], t.other, t.person
        else:
            label, centre, member = _PEERS[t.kind], t.other, t.person
        c = circles.setdefault(f"{label} {centre}", Circle(f"{label} {centre}", centre, []))
        if member not in c.members:
            c.members.append(member)
    people = sorted({p for t in rows for p in (t.person, t.other)})
    order = sorted(circles.values(), key=lambda c: (-len(c.members), c.label))
    return Network(people, rows, order)


@dataclass
class Group:
    label: str
    people: list[str]


@dataclass
class Purge:
    org: str
    d1: str
    d2: str
    left: list[Group]  # by circle; "no known ties" last
    came: list[Group]  # by the agency they came from; "origin unknown" last
    flows: dict[str, dict[str, int]] = field(default_factory=dict)  # from → to → people
    ties: list[TieRow] = field(default_factory=list)  # the ties the grouping used


def org_of(label: str | None) -> str | None:
    """The organisation of a post label: "Head (State Guard Service)" → State Guard Service;
    "Head of the State Guard Service" → State Guard Service."""
    if not label:
        return None
    m = re.search(r"\(([^()]+)\)\s*$", label)
    if m:
        return m.group(1)
    m = re.search(r"\bof\s+(?:the\s+)?(.+)$", label)
    return m.group(1) if m else None


def purge(view: View, org: str, d1: PartialDate, d2: PartialDate) -> Purge:
    """Who left ``org`` between d1 and d2, grouped by their ties; who came, grouped by origin."""
    d = diff(view, org, d1, d2)
    net = network(view)
    left: dict[str, list[str]] = {}
    used: list[TieRow] = []
    for dep in d.left:
        labels = []
        for c in net.circles:
            if any(same_person(dep.person, m) for m in c.members):
                labels.append(c.label)
        for t in net.ties:
            if same_person(dep.person, t.person) or same_person(dep.person, t.other):
                used.append(t)
        for label in labels or ["no known ties"]:
            left.setdefault(label, []).append(dep.person)
    came: dict[str, list[str]] = {}
    flows: dict[str, dict[str, int]] = {}
    for arr in d.came:
        origin = org_of(arr.came_from) or "origin unknown"
        came.setdefault(origin, []).append(arr.person)
        if origin != "origin unknown":
            flows.setdefault(origin, Counter())[d.org] += 1  # type: ignore[index]
        for t in net.ties:
            if same_person(arr.person, t.person) or same_person(arr.person, t.other):
                used.append(t)
    for dep in d.left:
        dest = org_of(dep.moved_to)
        if dest:
            flows.setdefault(d.org, Counter())[dest] += 1  # type: ignore[index]

    def groups(by: dict[str, list[str]], last: str) -> list[Group]:
        return sorted(
            (Group(k, v) for k, v in by.items()),
            key=lambda g: (g.label == last, -len(g.people), g.label),
        )

    # the ties under the names the diff uses ("Massimov" in a tie is "Karim Massimov")
    names = [p for g in [*left.values(), *came.values()] for p in g]

    def named(x: str) -> str:
        return next((n for n in names if same_person(x, n)), x)

    used = [
        TieRow(named(t.person), named(t.other), t.kind, t.detail, t.quote, t.source) for t in used
    ]
    return Purge(
        org=d.org,
        d1=d.d1,
        d2=d.d2,
        left=groups(left, "no known ties"),
        came=groups(came, "origin unknown"),
        flows={k: dict(v) for k, v in flows.items()},
        ties=list({(t.person, t.other, t.kind): t for t in used}.values()),
    )
