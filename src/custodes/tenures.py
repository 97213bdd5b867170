"""Tenures: who held which post from when to when, assembled from statements (pure).

A tenure joins one person and one post (``person_key``, ``post_key``) with a start and an end,
and keeps the ids of the statements that support it. What each statement does to a tenure comes
from the ontology (``event_types.*.tenure``: start, end, end_all, none); a ``holds`` claim
attests the post was held that day; the posts a ``moved`` event leaves (``leg = 'from'``) end.

Known facts first, then inferences, each marked ``end_inferred`` with its reason:

* A dismissal (resignation, death, move) on day D ends the tenure on D and attests the post was
  held on D-1: Sadykulov, dismissed on 6 January, is in the roster of 5 January, start unknown.
* (a) a ``vacant`` claim for the post on D ends tenures open before D ("vacant on D");
* (b) a complete roster — at least two ``holds`` claims for one organisation on one date in one
  document — ends open tenures of the same organisation and role not listed in it ("not listed
  on D");
* (c) a later appointment of the same person to a post in another organisation ends the open
  tenures ("moved to …"). The earliest such date wins.

Ends are exclusive: a tenure ended on D covers D-1, not D, so a successor appointed on D is not a
second holder. Dates known only to a month or year count from their first day. Undated
statements do not shape tenures (they are still in timelines).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from custodes.extract.dates import PartialDate
from custodes.ontology import EVENT_TYPES
from custodes.store.statements import Statement


@dataclass
class Tenure:
    """One person in one post. ``start`` is None when only attested (``first_seen``)."""

    person: str
    person_key: str
    post_key: str
    org: str | None
    org_key: str | None
    title: str | None
    role: str | None
    unit: str | None
    first_seen: date
    last_seen: date
    start: PartialDate | None = None
    start_reason: str = "first attested"
    end: PartialDate | None = None
    end_reason: str | None = None
    end_inferred: bool = False
    acting: bool = False
    statement_ids: list[str] = field(default_factory=list)
    end_ids: list[str] = field(default_factory=list)  # the statements an inferred end rests on

    @property
    def label(self) -> str:
        """ "Director of Special Service “A”", "Chairman": the post within its organisation."""
        return f"{self.title} of {self.unit}" if self.unit else (self.title or "?")

    @property
    def end_day(self) -> date | None:
        return self.end.first_day() if self.end else None

    @property
    def ended_by_event(self) -> bool:
        """Ended by something the person did or had done to them (dismissed, resigned, died,
        moved, appointed elsewhere), not by a vacancy or a roster that leaves them out."""
        return self.end is not None and (not self.end_inferred or self.end_reason_kind == "moved")

    @property
    def end_reason_kind(self) -> str | None:
        return self.end_reason.split(" ")[0] if self.end_reason else None

    def covers(self, day: date) -> bool:
        """Probably held on ``day``: from the first evidence until the end (open: no end)."""
        return self.first_seen <= day and (self.end is None or day < self.end.first_day())

    def certainly_covers(self, day: date) -> bool:
        """Known to be held on ``day``: between evidence, or up to an end that is a fact."""
        if day < self.first_seen:
            return False
        if day <= self.last_seen:
            return True
        return self.end is not None and not self.end_inferred and day < self.end.first_day()


def tenure_effect(s: Statement) -> str:
    """What a statement does to its tenure: start, attest, end, end_all or none (from the
    ontology's ``event_types.*.tenure``; a ``holds`` claim attests, a post left by a move ends)."""
    if s.kind == "holds":
        return "attest"
    if s.leg == "from":
        return "end"
    return EVENT_TYPES.get(s.event_type or "", {}).get("tenure", "none")


_PHASE = {"start": 0, "attest": 1, "end": 2, "end_all": 2}


def _eve(d: PartialDate) -> date:
    """The last day an ended post is known held: D-1 for a day, else the period's first day."""
    day = d.first_day()
    return day - timedelta(days=1) if d.precision == "day" else day


def _new(s: Statement, first: date) -> Tenure:
    assert s.person and s.person_key and s.post_key
    return Tenure(
        s.person,
        s.person_key,
        s.post_key,
        s.org,
        s.org_key,
        s.title,
        s.role,
        s.unit,
        first_seen=first,
        last_seen=first,
    )


def _pair_tenures(group: list[Statement], dest: dict[str, str]) -> list[Tenure]:
    """The tenures of one person in one post, from their dated statements in date order."""
    out: list[Tenure] = []
    current: Tenure | None = None  # open

    def order(s: Statement) -> tuple[date, int]:
        assert s.date is not None
        return s.date.first_day(), _PHASE[tenure_effect(s)]

    for s in sorted(group, key=order):
        assert s.date is not None
        effect, day = tenure_effect(s), s.date.first_day()
        if effect == "start":
            if current is None:
                current = _new(s, day)
                out.append(current)
            if current.start is None:
                current.start, current.start_reason = s.date, s.event_type or "appointed"
                current.first_seen = min(current.first_seen, day)
        elif effect == "attest":
            if current is None:
                current = _new(s, day)
                out.append(current)
            current.last_seen = max(current.last_seen, day)
        elif effect in {"end", "end_all"}:
            last = out[-1] if out else None
            if current is None and last is not None and last.end is not None:
                last.statement_ids.append(s.id)  # the same end, reported again
                continue
            if current is None:
                current = _new(s, _eve(s.date))
                out.append(current)
            current.last_seen = max(current.last_seen, _eve(s.date))
            current.end, current.end_reason = s.date, _end_reason(s, dest)
            current.statement_ids.append(s.id)
            current.acting = current.acting or s.acting
            current = None
            continue
        else:
            continue
        current.statement_ids.append(s.id)
        current.acting = current.acting or s.acting
    return out


def _end_reason(s: Statement, dest: dict[str, str]) -> str:
    """ "dismissed"; for a post left by a move, where to: "moved to Head (State Guard Service)"."""
    if s.leg == "from":
        where = dest.get(s.event_id or "")
        return f"moved to {where}" if where else "moved"
    return s.event_type or "ended"


def _destinations(stmts: list[Statement]) -> dict[str, str]:
    """event_id → the posts an event goes to, for the posts it leaves."""
    out: dict[str, list[str]] = defaultdict(list)
    for s in stmts:
        if s.event_id and s.leg == "to" and s.post_key:
            out[s.event_id].append(s.label)
    return {k: " – ".join(v) for k, v in out.items()}


def derive_tenures(statements: Iterable[Statement], org_key: str | None = None) -> list[Tenure]:
    """Tenures from statements (any order, any documents). Pure: the same statements always
    give the same tenures. With ``org_key``, only the tenures of that organisation's posts:
    the other statements still end them (a move elsewhere, a death), but their own tenures,
    which a caller deriving one organisation would throw away, are not assembled."""
    stmts = list(statements)
    dated = [s for s in stmts if s.date is not None]  # vacancies name no person: keep them
    pairs: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for s in dated:
        if s.person_key and s.post_key and tenure_effect(s) != "none":
            pairs[(s.person_key, s.post_key)].append(s)  # type: ignore[index]
    dest = _destinations(dated)
    groups: Iterable[list[Statement]] = pairs.values()
    if org_key is not None:  # a tenure's organisation is one of its statements'
        groups = [g for g in groups if any(s.org_key == org_key for s in g)]
    tenures = [t for group in groups for t in _pair_tenures(group, dest)]
    if org_key is not None:
        tenures = [t for t in tenures if t.org_key == org_key]
    _deaths(tenures, dated)
    _inferred_ends(tenures, dated)
    return sorted(tenures, key=lambda t: (t.org_key or "", t.post_key, t.first_seen, t.person))


def _deaths(tenures: list[Tenure], dated: list[Statement]) -> None:
    """Death ends every post the person holds, whatever post the statement names."""
    for s in dated:
        if EVENT_TYPES.get(s.event_type or "", {}).get("tenure") != "end_all":
            continue
        assert s.date is not None
        for t in tenures:
            if t.person_key == s.person_key and t.end is None and t.first_seen < s.date.first_day():
                t.end, t.end_reason = s.date, s.event_type
                t.last_seen = max(t.last_seen, _eve(s.date))
                t.statement_ids.append(s.id)


class _Ending(NamedTuple):
    """A date that would end the open tenures it ``applies`` to, with its reason and evidence.
    (A named tuple: an organisation's derivation makes one for every appointment of each of
    its people, anywhere, and a frozen dataclass was a tenth of a rebuild's tenures.)"""

    date: PartialDate
    reason: str
    ids: list[str]
    applies: Callable[[Tenure], bool]
    # the one thing a tenure must share to be ended by it: ("post", key), ("person", key) or
    # ("org", key), so each tenure looks at its own few endings, not at all of them
    about: tuple[str, str | None] = ("", None)


def _endings(dated: list[Statement], tenures: list[Tenure]) -> list[_Ending]:
    """The endings that could end one of ``tenures``: a vacancy of one of their posts, a
    roster of one of their organisations, a move of one of their people (the others could
    end only tenures that are not there: one organisation's derivation reads its people's
    statements everywhere)."""
    out: list[_Ending] = []
    posts = {t.post_key for t in tenures}
    orgs = {t.org_key for t in tenures}
    people = {t.person_key for t in tenures}
    rosters: dict[tuple[str, str | None, str], list[Statement]] = defaultdict(list)
    for s in dated:
        assert s.date is not None
        if s.kind == "vacant" and s.post_key:  # (a)
            if s.post_key not in posts:
                continue
            about = ("post", s.post_key)
            out.append(_Ending(s.date, f"vacant on {s.date.iso}", [s.id], _post(s.post_key), about))
        elif s.kind == "holds":
            if s.org_key in orgs:
                rosters[(s.doc_id, s.org_key, s.date.iso)].append(s)
        elif s.kind == "event" and s.leg == "to" and s.person_key in people:  # (c)
            if tenure_effect(s) != "start":
                continue
            where = s.label if s.post_key else "another post"
            ending = _elsewhere(s.person_key, s.org_key)
            about = ("person", s.person_key)
            out.append(_Ending(s.date, f"moved to {where}", [s.id], ending, about))
    for claims in rosters.values():  # (b)
        if len(claims) < 2:
            continue
        org, d = claims[0].org_key, claims[0].date
        assert d is not None
        roles = frozenset(c.role for c in claims)
        listed = frozenset((c.person_key, c.post_key) for c in claims)
        ids = [c.id for c in claims]
        unlisted = _unlisted(org, roles, listed)
        out.append(_Ending(d, f"not listed on {d.iso}", ids, unlisted, ("org", org)))
    return out


def _post(key: str) -> Callable[[Tenure], bool]:
    return lambda t: t.post_key == key


def _elsewhere(person: str | None, org: str | None) -> Callable[[Tenure], bool]:
    return lambda t: t.person_key == person and t.org_key != org


def _unlisted(
    org: str | None, roles: frozenset[str | None], listed: frozenset[tuple[str | None, ...]]
) -> Callable[[Tenure], bool]:
    def applies(t: Tenure) -> bool:
        return t.org_key == org and t.role in roles and (t.person_key, t.post_key) not in listed

    return applies


def _inferred_ends(tenures: list[Tenure], dated: list[Statement]) -> None:
    """Rules (a), (b), (c) of the module docstring; the earliest ending wins."""
    endings = sorted(_endings(dated, tenures), key=lambda e: e.date.first_day())
    # each ending under what it is about, in that order: a tenure's candidates are its post's,
    # its person's and its organisation's, taken in the order of ``endings``
    about: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for i, e in enumerate(endings):
        about[e.about].append(i)
    days = [e.date.first_day() for e in endings]
    for t in tenures:
        if t.end is not None:
            continue
        mine = (
            about.get(("post", t.post_key), [])
            + about.get(("person", t.person_key), [])
            + about.get(("org", t.org_key), [])
        )
        for i in sorted(mine):
            e, day = endings[i], days[i]
            if t.first_seen < day and t.last_seen < day and e.applies(t):
                t.end, t.end_reason, t.end_ids, t.end_inferred = e.date, e.reason, e.ids, True
                break


def holders_on(tenures: Iterable[Tenure], day: date) -> list[Tenure]:
    """Tenures that probably cover ``day``."""
    return [t for t in tenures if t.covers(day)]
