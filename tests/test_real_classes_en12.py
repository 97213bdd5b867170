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


def test_people_confirmed_killed_died_and_an_alleged_killing_is_a_claim() -> None:
    """ "A, B and C are confirmed killed … yesterday": what is confirmed of them happened to
    them, on the day before the item's; "is allegedly killed" is a claim, no event; "Key
    Iranian officials" is a description of the people named after it, nobody's name."""
    text = (
        "* Key Ruritanian officials Imre Varga, Laszlo Kovacs and Bela Toth are confirmed "
        "killed after an airstrike during a meeting yesterday in the capital.\n"
        "* Former Ruritanian president Gabor Nagy is allegedly killed along with his "
        "bodyguards in a strike on his home.\n"
    )
    got = events(text, PartialDate.parse("2026-03-01"))
    assert sorted(got) == [
        ("died", "Bela Toth", "2026-02-28"),
        ("died", "Imre Varga", "2026-02-28"),
        ("died", "Laszlo Kovacs", "2026-02-28"),
    ]


def test_a_plants_engineers_are_no_person() -> None:
    text = "Three Vostok Thermal Power Plant engineers are killed in a drone strike."
    assert events(text, PartialDate.parse("2026-02-17")) == []


def test_a_death_before_the_sentences_event_takes_only_a_date_of_its_own() -> None:
    """ "In 2004, X was promoted … after the death of Y": the death came earlier, on a day the
    sentence does not give."""
    text = (
        "Antonio Varela is a Bissau-Guinean general. In 2004, Varela was promoted to the top "
        "army post after the death of army chief General Verissimo Seabra."
    )
    got = events(text)
    assert ("died", "Verissimo Seabra", None) in got
    assert ("died", "Verissimo Seabra", "2004") not in got


def test_a_promotion_to_a_rank_alone_is_no_appointment() -> None:
    text = (
        "Antonio Varela is a Bissau-Guinean general. In 2006, Varela was promoted to Colonel as "
        "a result of his leadership. In November 2008, Varela was promoted to brigadier general "
        "and deputy army chief."
    )
    got = events(text)
    assert ("appointed", "Antonio Varela", "2006") not in got
    assert ("appointed", "Antonio Varela", "2008-11") in got


def test_a_date_after_two_coordinated_verbs_dates_both() -> None:
    text = (
        "Viktor Orlov was a Soviet official. He was removed from office and arrested in 1951 on "
        "charges of treason."
    )
    got = events(text)
    assert ("dismissed", "Viktor Orlov", "1951") in got
    assert ("arrested", "Viktor Orlov", "1951") in got


def test_a_page_that_is_only_its_infobox_is_about_the_name_under_its_title() -> None:
    text = (
        "= Juan Dela Cruz =\n\nJuan Francisco D. Dela Cruz\n"
        "- Office: Chief of the Philippine National Police\n"
        "- Term Start: January 20, 2020\n- Term End: September 2, 2020\n"
        "- Office2: Deputy Chief for Operations of the Philippine National Police\n"
        "- Term Start2: August 31, 2018\n"
    )
    got = events(text)
    assert ("appointed", "Juan Francisco D. Dela Cruz", "2020-01-20") in got
    assert ("appointed", "Juan Francisco D. Dela Cruz", "2018-08-31") in got


def test_a_resignation_request_submitted_is_the_days_news() -> None:
    text = (
        "* The commander of the Ground Forces, Pavel Orlov, submits a resignation request in "
        "response to the attack."
    )
    assert events(text, PartialDate.parse("2025-06-01")) == [
        ("resigned", "Pavel Orlov", "2025-06-01")
    ]


def test_a_holders_list_reads_on_past_a_line_it_cannot_date() -> None:
    """A list of holders under a plural heading ("Ministers") may give a holder without dates
    or with two tenures on one line; the list goes on below such a line, and a start given as
    a year alone before a full end ("1977 – January 1982") is read."""
    text = (
        "Ministry of the Interior (Ruritania)\n\nMinisters\n"
        "- Imre Varga, November 1919 - May 1920[6]\n"
        "- Laszlo Kovacs, 1922, and again from 1924 - 1925[7]\n"
        "- Bela Toth\n"
        "- Gabor Nagy, 1950–1952\n"
        "- Ferenc Szabo, 1977 – January 1982\n"
    )
    got = events(text)
    assert ("appointed", "Imre Varga", "1919-11") in got
    assert ("appointed", "Gabor Nagy", "1950") in got
    assert ("appointed", "Ferenc Szabo", "1977") in got


def test_a_holders_table_cell_may_run_the_name_into_the_year() -> None:
    text = (
        "Inspector General of Police (Ruritania)\n\n"
        "No. | Portrait | Inspector General of Police | Took office | Left office |\n"
        "---|---|---|---|---|\n"
        "1 | Captain Imre Varga (1801–1847) Administrator | 1831 | 1844 |\n"
        "2 | Inspector-General | Captain L. K. Kovacs1844 | 1859 |\n"
        "3 | Captain Bela Toth (1829–1885) Commander | 1859 | 1873 |\n"
    )
    got = events(text)
    assert ("appointed", "L. K. Kovacs", "1844") in got
    assert ("appointed", "Bela Toth", "1859") in got


def test_a_partys_name_before_a_lowercase_title_is_nobody() -> None:
    text = (
        "* Ruritanian Labour leader and First Minister of Ruritania Anna Varga resigns after "
        "losing her seat."
    )
    assert events(text, PartialDate.parse("2026-05-08")) == [
        ("resigned", "Anna Varga", "2026-05-08")
    ]
