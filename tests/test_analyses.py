"""Tenures and analyses. The bundled report is the acceptance test: what an analyst reads in it
(NSC before and after January 2022) is what roster, diff, timeline and conflicts must say."""

from __future__ import annotations

import itertools

import pytest

from custodes.analyses import UnknownName, conflicts, diff, roster, timeline
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase, Statement, View
from custodes.store.keys import org_key, person_key, post_key
from custodes.tenures import derive_tenures

D = PartialDate.parse
JAN5, FEB16 = D("2022-01-05"), D("2022-02-16")

# ---- tenures over small hand-made statements ----------------------------------------------

_ids = itertools.count()


def st(
    kind: str,
    person: str | None,
    date: str | None,
    event_type: str | None = None,
    org: str = "Agency",
    role: str = "head",
    unit: str | None = None,
    title: str = "Director",
    leg: str = "to",
    doc: str = "doc1",
    acting: bool = False,
    event_id: str | None = None,
) -> Statement:
    n = next(_ids)
    return Statement(
        id=f"s{n}",
        doc_id=doc,
        event_id=event_id or (f"e{n}" if kind == "event" else None),
        kind=kind,
        leg=leg,
        seq=0,
        event_type=event_type,
        person=person,
        person_key=person_key(person),
        title=title,
        role=role,
        org=org,
        org_key=org_key(org),
        unit=unit,
        post_key=post_key(org, role, unit, title),
        position=title,
        date=D(date) if date else None,
        quote=f"quote {n}",
        start=n,
        end=n + 1,
        count=None,
        extractor="test",
        confidence=0.9,
        acting=acting,
        from_position=None,
        status="extracted",
    )


def only(tenures, person):  # type: ignore[no-untyped-def]
    (t,) = [t for t in tenures if t.person == person]
    return t


def test_appointment_starts_and_dismissal_ends_a_tenure() -> None:
    a = st("event", "Ann Lee", "2020-03-01", "appointed", acting=True)
    b = st("event", "Ann Lee", "2021-06-10", "dismissed")
    (t,) = derive_tenures([b, a])
    assert t.start == D("2020-03-01") and t.start_reason == "appointed"
    assert t.end == D("2021-06-10") and t.end_reason == "dismissed" and not t.end_inferred
    assert t.acting and t.statement_ids == [a.id, b.id]


def test_a_dismissal_attests_the_post_on_the_day_before() -> None:
    (t,) = derive_tenures([st("event", "Ann Lee", "2022-01-06", "dismissed")])
    assert t.start is None and t.start_reason == "first attested"
    assert t.first_seen.isoformat() == t.last_seen.isoformat() == "2022-01-05"
    assert t.covers(JAN5.first_day()) and not t.covers(D("2022-01-06").first_day())


def test_a_vacancy_ends_open_tenures_of_the_post() -> None:
    held = st("holds", "Ann Lee", "2022-01-05", doc="a")
    vacant = st("vacant", None, "2022-02-16", doc="b")
    t = only(derive_tenures([held, vacant]), "Ann Lee")
    assert t.end == FEB16 and t.end_inferred and t.end_reason == "vacant on 2022-02-16"
    assert t.end_ids == [vacant.id]


def test_a_complete_roster_ends_tenures_of_the_same_rank_not_listed_in_it() -> None:
    old = [
        st("holds", "Ann Lee", "2022-01-05", role="deputy", title="Deputy", doc="a"),
        st("holds", "Bo Chan", "2022-01-05", role="deputy", title="Deputy", doc="a"),
    ]
    new = [
        st("holds", "Bo Chan", "2022-02-16", role="deputy", title="Deputy", doc="b"),
        st("holds", "Cy Diaz", "2022-02-16", role="deputy", title="Deputy", doc="b"),
        st("holds", "Ed Fox", "2022-02-16", role="head", doc="b"),
    ]
    tenures = derive_tenures(old + new)
    ann = only(tenures, "Ann Lee")
    assert ann.end == FEB16 and ann.end_inferred and ann.end_reason == "not listed on 2022-02-16"
    assert only(tenures, "Bo Chan").end is None


def test_an_appointment_elsewhere_ends_open_tenures() -> None:
    held = st("holds", "Ann Lee", "2022-01-05")
    moved = st("event", "Ann Lee", "2022-02-01", "appointed", org="Executive Office", title="Chief")
    t = next(t for t in derive_tenures([held, moved]) if t.org == "Agency")
    assert t.end == D("2022-02-01") and t.end_inferred
    assert t.end_reason == "moved to Chief (Executive Office)"
    assert t.ended_by_event


def test_one_organisations_tenures_are_those_of_all_that_name_it(view: View) -> None:
    """``derive_tenures(…, org_key=K)`` leaves out the other organisations' tenures, not the
    statements that end K's (a move elsewhere, a death): on the bundled report each
    organisation's tenures are those of everything, filtered."""
    stmts = view.statements()
    every = derive_tenures(stmts)
    orgs = {t.org_key for t in every}
    assert len(orgs) > 3
    for org in orgs:
        assert derive_tenures(stmts, org_key=org) == [t for t in every if t.org_key == org]
    held = st("holds", "Ann Lee", "2022-01-05")
    moved = st("event", "Ann Lee", "2022-02-01", "appointed", org="Executive Office", title="Chief")
    (t,) = derive_tenures([held, moved], org_key=held.org_key)
    assert t.end_reason == "moved to Chief (Executive Office)", "ended by the other's statement"


def test_a_move_ends_the_posts_it_leaves_and_names_where_to() -> None:
    to = st("event", "Ann Lee", "2022-01-06", "moved", event_id="m", title="Head")
    away = st(
        "event",
        "Ann Lee",
        "2022-01-06",
        "moved",
        event_id="m",
        role="deputy",
        title="Deputy Head",
        leg="from",
    )
    tenures = derive_tenures([to, away])
    left = next(t for t in tenures if t.role == "deputy")
    assert left.end == D("2022-01-06") and left.end_reason == "moved to Head (Agency)"
    assert not left.end_inferred


def test_death_ends_every_post() -> None:
    a = st("holds", "Ann Lee", "2022-01-05")
    b = st("holds", "Ann Lee", "2022-01-05", org="Council", role="member", title="Member")
    died = st("event", "Ann Lee", "2022-01-10", "died", org="", role="", title="")
    tenures = derive_tenures([a, b, died])
    assert {t.end_reason for t in tenures} == {"died"}


# ---- the bundled report --------------------------------------------------------------------


def _holders(view: View, on: PartialDate) -> dict[str, set[str]]:
    return {p.label: {h.person for h in p.holders} for p in roster(view, "NSC", on).posts}


DEPUTIES_JAN5 = {
    "Nurgali Bilisbekov",
    "Marat Osipov",
    "Daulet Yergozhin",
    "Anuar Kunanbayev",
    "Gabit Bayanov",
    "Darkhan Dilmanov",
    "Marat Kolkobayev",
}


def test_roster_on_5_january_2022(view: View) -> None:
    r = roster(view, "NSC", JAN5)
    assert r.org == "National Security Committee" and r.on == "2022-01-05"
    posts = {p.label: p for p in r.posts}
    held = _holders(view, JAN5)
    assert held["Chairman"] == {"Karim Massimov"}
    assert held["First Deputy Chairman"] == {"Samat Abish", "Murat Nurtleu"}
    assert posts["First Deputy Chairman"].seats == 2
    # the seven listed, and Sadykulov: dismissed on 6 January, so he held the post on the 5th
    assert held["Deputy Chairman"] == DEPUTIES_JAN5 | {"Anuar Sadykulov"}
    assert posts["Deputy Chairman"].seats == 7
    assert posts["Deputy Chairman"].conflict == "8 holders for 7 seats"
    sady = next(h for h in posts["Deputy Chairman"].holders if h.person == "Anuar Sadykulov")
    assert sady.since is None and sady.first_seen == "2022-01-05"
    assert posts["Chairman"].holders[0].sources[0].quote.startswith("NSC Chairman Karim Massimov")
    ssa = posts["Head of Special Service “A”"]
    assert {h.person for h in ssa.holders} == {"Anuar Kunanbayev", "Anuar Sadykulov"}
    assert ssa.conflict == "single-seat post with 2 holders"


def test_roster_on_16_february_2022(view: View) -> None:
    posts = {p.label: p for p in roster(view, "KNB", FEB16).posts}
    held = _holders(view, FEB16)
    assert held["Chairman"] == {"Ermek Sagimbayev"}
    assert posts["Chairman"].holders[0].since == "2022-01-06"
    assert held["First Deputy Chairman"] == set()
    assert posts["First Deputy Chairman"].vacant is not None
    assert posts["First Deputy Chairman"].vacant.quote.startswith("The position of the First")
    assert held["Deputy Chairman"] == {
        "Nurgali Bilisbekov",
        "Askar Amerkhanov",
        "Bakytbek Koszhanov",
        "Marat Kolkobayev",
        "Berik Kunanbayev",
        "Gabit Bayanov",
        "Darkhan Dilmanov",
    }
    assert held["Director of Special Service “A”"] == {"Berik Kunanbayev"}
    assert all(p.conflict is None for p in posts.values())


def test_diff_between_5_january_and_16_february(view: View) -> None:
    d = diff(view, "NSC", JAN5, FEB16)
    left = {x.person: x for x in d.left}
    came = {y.person: y for y in d.came}

    massimov = left["Karim Massimov"]
    assert [p.post for p in massimov.posts] == ["Chairman"]
    assert {e.type for e in massimov.events} >= {"dismissed", "arrested"}
    assert left["Samat Abish"].posts[0].post == "First Deputy Chairman"
    assert "dismissed" in {e.type for e in left["Samat Abish"].events}
    for deputy in ("Anuar Sadykulov", "Marat Osipov", "Daulet Yergozhin"):
        assert "Deputy Chairman" in {p.post for p in left[deputy].posts}
        assert {"dismissed", "arrested"} <= {e.type for e in left[deputy].events}
    nurtleu = left["Murat Nurtleu"]
    assert nurtleu.moved_to is not None and "Presidential Executive Office" in nurtleu.moved_to

    assert "State Guard Service" in (came["Ermek Sagimbayev"].came_from or "")
    assert came["Ermek Sagimbayev"].came_from_ended == "2022-01-06"
    assert {"Bakytbek Koszhanov", "Askar Amerkhanov", "Berik Kunanbayev"} <= came.keys()
    assert set(d.stayed) >= {"Nurgali Bilisbekov", "Marat Kolkobayev"}

    assert [v.post for v in d.vacant if v.source] == ["First Deputy Chairman"]
    turnover = {t.rank: t for t in d.turnover}
    assert turnover["deputy"].summary == "deputy: 3 of 7 replaced"
    assert turnover["deputy"].seats_from == "seats claim"
    assert set(turnover["deputy"].names) == {"Anuar Sadykulov", "Marat Osipov", "Daulet Yergozhin"}
    assert turnover["head"].summary == "head: 1 of 1 replaced"


def test_timeline_of_a_surname_covers_everyone_with_it_in_date_order(view: View) -> None:
    t = timeline(view, "Kunanbayev")
    assert t.people == ["Anuar Kunanbayev", "Berik Kunanbayev"]
    dates = [e.date for e in t.entries]
    assert dates == sorted(dates) and dates[0] == "2022-01-05"
    appointed = next(e for e in t.entries if e.type == "appointed")
    assert appointed.person == "Berik Kunanbayev" and appointed.date == "2022-01-06"
    assert "He was replaced by Berik Kunanbayev" in appointed.source.quote


def test_timeline_merges_dual_hatted_posts_and_puts_undated_last(view: View) -> None:
    t = timeline(view, "Anuar Sadykulov")
    assert [(e.type, e.date) for e in t.entries][0] == ("dismissed", "2022-01-06")
    dismissed = t.entries[0]
    assert dismissed.post == (
        "Deputy Chairman (National Security Committee) – "
        "Director of Special Service “A” (National Security Committee)"
    )
    # the report gives no date for the rest: they are bounded by its publication date
    assert all(e.date is None or e.date.startswith("not later than") for e in t.entries[1:])


def test_timeline_of_an_organisation_by_alias(view: View) -> None:
    t = timeline(view, "NSC")
    assert t.orgs == ["National Security Committee"]
    assert {"Karim Massimov", "Ermek Sagimbayev"} <= {e.person for e in t.entries}


def test_unknown_names_are_errors(view: View) -> None:
    with pytest.raises(UnknownName):
        timeline(view, "Nobody Atall")
    with pytest.raises(UnknownName):
        roster(view, "Ministry of Magic", JAN5)


def test_conflicts_show_kunanbayev_against_sadykulov(view: View) -> None:
    (c,) = [c for c in conflicts(view) if c.kind == "two_holders"]
    assert c.date == "2022-01-05" and c.post == "Head of Special Service “A”"
    assert [s.person for s in c.sides] == ["Anuar Kunanbayev", "Anuar Sadykulov"]
    assert c.note is not None and "Anuar" in c.note and "two surnames" in c.note
    kunanbayev, sadykulov = c.sides
    assert kunanbayev.sources[0].kind == "holds"
    assert sadykulov.sources[0].event_type == "dismissed"
    assert sadykulov.sources[0].quote.startswith("Anuar Sadykulov was dismissed")


def test_other_conflict_kinds() -> None:
    """Different dates for one event; a holds claim after a dismissal."""
    from custodes.analyses.conflicts import _different_dates, _held_after_end

    a = st("event", "Ann Lee", "2022-01-06", "dismissed", doc="a")
    b = st("event", "Ann Lee", "2022-01-09", "dismissed", doc="b")
    c = st("event", "Ann Lee", "2022-01", "dismissed", doc="c")  # compatible with both
    (dd,) = _different_dates([a, b, c])
    assert dd.kind == "different_dates" and [s.claim for s in dd.sides] == [
        "dismissed 2022-01-06",
        "dismissed 2022-01-09",
    ]
    later = st("holds", "Ann Lee", "2022-02-16", doc="d")
    (ha,) = _held_after_end([a, later])
    assert ha.kind == "held_after_end" and ha.date == "2022-02-16"
    reappointed = st("event", "Ann Lee", "2022-02-01", "appointed", doc="e")
    assert _held_after_end([a, reappointed, later]) == []


def test_analyses_do_not_write(kb_path) -> None:  # type: ignore[no-untyped-def]
    with KnowledgeBase.open(kb_path) as kb:
        before = kb.counts()
        v = kb.view()
        roster(v, "NSC", JAN5), diff(v, "NSC", JAN5, FEB16), timeline(v, "NSC"), conflicts(v)
        assert kb.counts() == before
