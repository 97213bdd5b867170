"""Property-based tests (Hypothesis) of the date resolver and the name normaliser: for any
input they do not raise, and what they return keeps its promises. Run by `make fuzz`, not by
the default test run (`pytest fuzz/`)."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from custodes.extract.dates import MONTHS, DateContext, PartialDate, find_dates
from custodes.resolve import cluster, name_words, same_person
from custodes.store.keys import fold, person_key

EXAMPLES = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MONTH_NAMES = [m.capitalize() for m in list(MONTHS)[:12]]
LATIN = "abcdefghijklmnopqrstuvwxyzéèüöçñšžğı"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяқғңүұһәі"
letters = st.sampled_from(list(LATIN + LATIN.upper() + CYRILLIC + CYRILLIC.upper()))
# a word of one repeated letter ("Aaa") collapses to an initial ("Masimov" = "Massimov")
words = st.text(letters, min_size=3, max_size=12).filter(lambda w: len(set(w.lower())) > 2)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)


@EXAMPLES
@given(st.text(max_size=400), st.one_of(st.none(), st.dates().map(PartialDate.from_date)))
def test_any_text_resolves_to_real_dates_or_none(text: str, published: PartialDate | None) -> None:
    ctx = DateContext(published=published)
    for m in find_dates(text):
        assert text[m.start : m.end] == m.text
        d = ctx.resolve(m)
        if d is not None:
            assert d.first_day() <= d.last_day()  # a real interval of the calendar


@EXAMPLES
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from(["{d} {M} {y}", "{M} {d}, {y}", "{y}-{m:02d}-{d:02d}"]),
    st.text(st.sampled_from(list("xyz ,;()")), max_size=20),
)
def test_a_written_date_is_found_and_resolved_exactly(day: date, form: str, around: str) -> None:
    written = form.format(d=day.day, M=MONTH_NAMES[day.month - 1], y=day.year, m=day.month)
    text = f"{around} {written} {around}"
    found = [m for m in find_dates(text) if m.text.strip() == written]
    assert found, (text, find_dates(text))
    assert DateContext().resolve(found[0]) == PartialDate(day.year, day.month, day.day)


@EXAMPLES
@given(
    st.integers(1800, 2099),
    st.one_of(st.none(), st.integers(1, 12)),
    st.integers(1, 31),
)
def test_partial_dates_round_trip_through_iso(year: int, month: int | None, day: int) -> None:
    pd = PartialDate(year, month, day if month else None)
    try:
        pd.first_day()
    except ValueError:
        return  # 31 February is no date
    if 1800 <= year < 2100:
        assert PartialDate.parse(pd.iso) == pd


@EXAMPLES
@given(st.text(max_size=200))
def test_keys_are_folded_single_spaced_and_stable(text: str) -> None:
    key = person_key(text)
    if key is None:
        return
    assert key == key.strip() and "  " not in key
    assert not re.search(r"[^\w ]", key)
    assert person_key(key) == key  # idempotent: a key is its own key
    assert fold(key) == key


@EXAMPLES
@given(names)
def test_case_hyphens_and_accents_do_not_change_a_person(name: str) -> None:
    assert person_key(name) == person_key(name.upper()) == person_key(name.lower())
    assert person_key(name.replace(" ", "-")) == person_key(name)


@EXAMPLES
@given(names, names)
def test_same_person_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert same_person(a, b) == same_person(b, a)
    # a word that transliterates to one letter ("Sch" → "s") is an initial, and initials
    # alone name nobody: reflexive for names with a word of two letters or more
    assume(any(len(w) > 1 for w in name_words(a)))
    assert same_person(a, a)


@settings(max_examples=300, deadline=None)
@given(st.lists(names, min_size=1, max_size=30))
def test_cluster_puts_equal_names_together(group: list[str]) -> None:
    labels = cluster(group + group)
    assert len(labels) == 2 * len(group)
    assert labels[: len(group)] == labels[len(group) :]
