"""``conflicts(view)``: claims that cannot all be true, side by side with their sources.

* **two_holders** — two different people known to hold one single-seat post on the same day.
  "Known" means between evidence, or up to an end that is a fact; a tenure whose end is only
  inferred does not count after its last evidence. Example: a roster says Anuar Kunanbayev
  heads Special Service “A” on 5 January while Anuar Sadykulov is dismissed from it on
  6 January (so held it on 5 January). When the two share a given name, the conflict says so:
  they may be one person under two surnames.
* **different_dates** — one event (type, person, post) with different dates in different
  statements. (A genuine second appointment to the same post also shows here; the analyst
  decides.)
* **held_after_end** — a ``holds`` claim dated after the person's dismissal from that post
  with no new appointment in between.

Analysts resolve these; custodes does not pick a winner.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from custodes.analyses.base import Source, source_of, sources
from custodes.ontology import Title
from custodes.store.keys import org_key
from custodes.store.statements import Statement
from custodes.store.view import View
from custodes.tenures import Tenure, derive_tenures, tenure_effect


@dataclass
class Side:
    person: str | None
    claim: str
    sources: list[Source]


@dataclass
class Conflict:
    kind: str  # two_holders | different_dates | held_after_end
    post: str | None
    org: str | None
    date: str | None
    summary: str
    note: str | None
    sides: list[Side]


def _known(t: Tenure) -> tuple[date, date]:
    """The days [from, to) a tenure is known to be held."""
    if t.end is not None and not t.end_inferred:
        return t.first_seen, t.end.first_day()
    return t.first_seen, t.last_seen + timedelta(days=1)


def _side(t: Tenure, by_id: dict[str, Statement]) -> Side:
    srcs = sources(t.statement_ids, by_id)
    return Side(t.person, "; ".join(s.what for s in srcs), srcs)


def _name_note(a: str, b: str) -> str | None:
    ga, gb = a.split()[0], b.split()[0]
    if ga.lower() == gb.lower() and a.split()[-1].lower() != b.split()[-1].lower():
        return (
            f"both are named {ga}: possibly one person under two surnames "
            "(a misprint or a transliteration) — check the sources"
        )
    return None


def _two_holders(tenures: list[Tenure], by_id: dict[str, Statement]) -> list[Conflict]:
    out = []
    posts: dict[str, list[Tenure]] = defaultdict(list)
    for t in tenures:
        if Title(t.title or "", t.role or "").single_seat:
            posts[t.post_key].append(t)
    for group in posts.values():
        for a, b in combinations(group, 2):
            if a.person_key == b.person_key:
                continue
            (a1, a2), (b1, b2) = _known(a), _known(b)
            first, last = max(a1, b1), min(a2, b2)
            if first >= last:
                continue
            a, b = sorted((a, b), key=lambda t: t.person)
            day = first.isoformat()
            span = day if last - first == timedelta(days=1) else f"{day} – {last - timedelta(1)}"
            out.append(
                Conflict(
                    "two_holders",
                    a.label,
                    a.org,
                    day,
                    f"{a.person} and {b.person} both hold {a.label} ({a.org}) on {span}",
                    _name_note(a.person, b.person),
                    [_side(a, by_id), _side(b, by_id)],
                )
            )
    return out


def _compatible(a: str, b: str) -> bool:
    """A month and a day in it (2022-01, 2022-01-06) can both be right."""
    return a.startswith(b) or b.startswith(a)


def _different_dates(stmts: list[Statement]) -> list[Conflict]:
    groups: dict[tuple[str | None, str | None, str | None], list[Statement]] = defaultdict(list)
    for s in stmts:
        if s.kind == "event" and s.leg == "to" and s.date and s.person_key:
            groups[(s.event_type, s.person_key, s.post_key)].append(s)
    out = []
    for (etype, _, _), group in groups.items():
        dates = sorted({s.date.iso for s in group if s.date})
        precise = [d for d in dates if not any(o != d and o.startswith(d) for o in dates)]
        if len(precise) < 2 or all(_compatible(a, b) for a, b in combinations(precise, 2)):
            continue
        first = group[0]
        sides = [
            Side(
                first.person,
                f"{etype} {d}",
                [source_of(s) for s in group if s.date and s.date.iso == d],
            )
            for d in precise
        ]
        out.append(
            Conflict(
                "different_dates",
                first.post_label if first.post_key else None,
                first.org,
                precise[0],
                f"{first.person} {etype} ({first.label}) on {' or '.join(precise)}",
                None,
                sides,
            )
        )
    return out


def _held_after_end(stmts: list[Statement]) -> list[Conflict]:
    pairs: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in stmts:
        if s.person_key and s.post_key and s.date:
            pairs[(s.person_key, s.post_key)].append(s)
    out = []
    for group in pairs.values():
        ends = [s for s in group if s.kind == "event" and tenure_effect(s) in {"end", "end_all"}]
        starts = [s for s in group if s.kind == "event" and tenure_effect(s) == "start"]
        for h in (s for s in group if s.kind == "holds"):
            assert h.date is not None
            for e in ends:
                assert e.date is not None
                d_end, d_held = e.date.first_day(), h.date.first_day()
                reappointed = any(
                    d_end <= s.date.first_day() <= d_held for s in starts if s.date is not None
                )
                if d_end < d_held and not reappointed:
                    out.append(
                        Conflict(
                            "held_after_end",
                            h.post_label,
                            h.org,
                            h.date.iso,
                            f"{h.person} is listed in {h.label} on {h.date.iso}, after "
                            f"{e.event_type} on {e.date.iso}",
                            None,
                            [
                                Side(e.person, f"{e.event_type} {e.date.iso}", [source_of(e)]),
                                Side(h.person, f"holds {h.date.iso}", [source_of(h)]),
                            ],
                        )
                    )
                    break
    return out


def conflicts(view: View) -> list[Conflict]:
    """Every contradiction in the knowledge base, in date order."""
    stmts = view.statements()
    by_id = {s.id: s for s in stmts}
    found = _two_holders(derive_tenures(stmts), by_id)
    found += _different_dates(stmts) + _held_after_end(stmts) + _institutional(view)
    return sorted(found, key=lambda c: (c.date or "9999", c.kind, c.summary))


def _institutional(view: View) -> list[Conflict]:
    """Institutional statements that disagree: two budgets of one agency for one year, two
    protocol ranks of one post (in one list)."""
    from custodes.institutions import Relation

    resolve = view.org_resolution()

    def key(name: str) -> str:
        k = org_key(name) or name
        return resolve.get(k, k)

    groups: dict[tuple[object, ...], list[Relation]] = {}
    for r in view.relations():
        if r.type == "budget" and r.amount and r.year:
            groups.setdefault(("budget", r.country, key(r.subject), r.year), []).append(r)
        elif r.type == "rank" and r.number:
            groups.setdefault(("rank", r.country, key(r.subject)), []).append(r)
    out: list[Conflict] = []
    for (kind, *_), rels in groups.items():
        values = {round(r.amount or 0, -3) if kind == "budget" else r.number for r in rels}
        if len(values) < 2:
            continue
        first = rels[0]
        sides = [
            Side(
                None,
                f"{r.currency or ''} {r.amount:,.0f}".strip()
                if kind == "budget"
                else f"rank {r.number}",
                [
                    Source(
                        r.id,
                        r.type,
                        None,
                        r.date_from,
                        r.doc_id,
                        r.doc_path,
                        r.source,
                        r.quote,
                        r.start,
                        r.end,
                    )
                ],
            )
            for r in rels
        ]
        what = (
            f"{first.subject}'s budget for {first.year}"
            if kind == "budget"
            else f"{first.subject}'s protocol rank"
        )
        out.append(
            Conflict(
                kind=f"different_{kind}s",
                post=None,
                org=first.subject,
                date=str(first.year) if kind == "budget" else None,
                summary=f"sources disagree on {what}",
                note=None,
                sides=sides,
            )
        )
    return out
