"""English failure classes found on the real development texts in the session of 2026-12-08
(third), each on text of our own."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract


def events(text: str, published: PartialDate | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (e.type, e.person, e.date.iso if e.date else None) for e in extract(text, published).events
    ]


CV_NOTICE = """Change of Ambassador to Ruritania

Ms Helen Marlowe has been appointed Ambassador to Ruritania in succession to Mr Tom Reed.

Curriculum Vitae

Full name: Helen Marlowe

Year Role
2022 to present FCDO, Director Eastern Europe
2019 to 2022 Warsaw, Deputy Head of Mission
2016 to 2019 FCO, Counter-Terrorism Co-ordinator
2014 to 2016 FCO, Pre-posting training (Polish)
2012 Joined FCO
"""


def test_a_cv_table_of_years_and_roles_gives_each_role_its_first_year() -> None:
    """Government appointment notices print the appointee's career as lines of a year or span
    and then the place and the role, without bullets: each role is an appointment in its first
    year, owned by the CV's "Full name"; a line with no role (training, joining) is none."""
    got = events(CV_NOTICE, PartialDate.parse("2025-04-08"))
    assert ("appointed", "Helen Marlowe", "2022") in got
    assert ("appointed", "Helen Marlowe", "2019") in got
    assert ("appointed", "Helen Marlowe", "2016") in got  # a co-ordinator is a post
    assert ("appointed", "Helen Marlowe", "2014") not in got
    assert ("appointed", "Helen Marlowe", "2012") not in got


def test_two_dated_lines_are_no_cv_table() -> None:
    text = (
        "Report of the commission\n2019 to 2020 Warsaw, Deputy Head of Mission\n"
        "2018 Oslo, Director\n"
    )
    assert not [e for e in events(text) if e[2] in {"2019", "2018"}]


HOLDERS_COPIED = """Jump to content

Commander of the Ruritanian Army

From Wikipedia, the free encyclopedia

The Commander is the professional head of the Ruritanian Army.

List of officeholders
No. Portrait Commander Took office Left office Time in office Ref.
?Varga, ImreGeneral
Imre Varga
(?–2011)
?3 March 2011 †?[2]
?Kovacs, LaszloGeneral
Laszlo Kovacs
April 201112 May 20143 years, 1 month[3]
?Toth, BelaMajor General
Bela Toth
201414 June 20184 years[4]
Lieutenant General
Gabor Nagy
(born 1965)
14 June 2018Incumbent6 years[5]

References
"""


def test_a_holders_table_copied_without_cell_marks_is_read_row_by_row() -> None:
    """A browser's copy of an officeholder table loses the cell marks: each row is a sort key,
    the name, the life dates and the tenure with its cells run together. Each holder is
    appointed at the tenure's start; "?" is no start; a dagger after a date is a death."""
    got = events(HOLDERS_COPIED)
    assert ("appointed", "Laszlo Kovacs", "2011-04") in got
    assert ("appointed", "Bela Toth", "2014") in got
    assert ("appointed", "Gabor Nagy", "2018-06-14") in got
    assert ("died", "Imre Varga", "2011-03-03") in got
    assert not [e for e in got if e[0] == "appointed" and e[1] == "Imre Varga"]


def test_the_date_on_the_verb_beats_the_date_that_opens_the_sentence() -> None:
    """ "In August 2023, X disappeared … and was removed from office on 24 October 2023": the
    opening date frames the sentence; the day on the removal's own words is its date."""
    text = "In August 2023, Defence Minister Li Wen was removed from office on 24 October 2023."
    assert events(text, PartialDate.parse("2024-01-01")) == [("dismissed", "Li Wen", "2023-10-24")]


def test_an_opening_date_still_dates_a_verb_with_no_day_of_its_own() -> None:
    text = "In August 2023, Defence Minister Li Wen was removed from office by the congress."
    assert events(text, PartialDate.parse("2024-01-01")) == [("dismissed", "Li Wen", "2023-08")]
