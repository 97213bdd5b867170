"""English failure classes found on the development two thirds of round 9 (copies of
encyclopedia biographies), each on text of our own."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract
from custodes.extract.segment import paragraphs, sentences


def events(text: str, published: PartialDate | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (e.type, e.person, e.date.iso if e.date else None) for e in extract(text, published).events
    ]


def test_citation_marks_after_a_full_stop_end_the_sentence() -> None:
    """A copied encyclopedia page keeps "[6]" and "[citation needed]" after the stop: each
    sentence is still one sentence, not a run of them parsed as one."""
    text = (
        "As a constable, she was based in Leeds.[6] On promotion to sergeant, she moved to York."
        "[7] She was appointed Head of the Border Unit in May 2003.[citation needed] In 2005 "
        "she left."
    )
    got = [s.text for p in paragraphs(text) for s in sentences(p)]
    assert got == [
        "As a constable, she was based in Leeds.",
        "On promotion to sergeant, she moved to York.",
        "She was appointed Head of the Border Unit in May 2003.",
        "In 2005 she left.",
    ]


def test_a_biography_is_read_though_its_copy_opens_with_a_pages_leftovers() -> None:
    """The stored copy begins with the page's footnotes; the opening sentence ("Name, DCB, CBE
    (born …) is …", honours after the name) still names the biography's subject, whom "she"
    stands for; "Dame" is an honorific, not part of the name."""
    text = (
        "a. ^ As First Deputy Director. b. ^ As Second Deputy Director.\n"
        "Dame Helen Margaret Crane, DCB, CBE (born 2 March 1966) is a senior police officer.\n"
        "In 2002, Crane transferred to the county force.[8] She was appointed Divisional "
        "Commander of North Wessex in May 2003.[9]"
    )
    assert events(text) == [("appointed", "Helen Margaret Crane", "2003-05")]


def test_placed_in_early_retirement_is_a_dismissal() -> None:
    """Retired by a decision (the contract's "retired" by a decision): "placed in early
    retirement", "put into retirement"."""
    assert events(
        'After his statements, President Karl Weber was placed in "early retirement" on '
        "8 November 2018."
    ) == [("dismissed", "Karl Weber", "2018-11-08")]
    assert events("Director Anna Roth was put into retirement by the minister in March 2015.") == [
        ("dismissed", "Anna Roth", "2015-03")
    ]
    # money put into retirement accounts retires nobody
    assert events("The ministry put money into retirement accounts for Director Anna Roth.") == []


def test_a_weekday_before_the_date_written_out_is_that_date() -> None:
    """ "on Monday, 27 April 2020" is one date: the one written out, not the Monday before the
    publication date."""
    from custodes.extract.dates import find_dates

    (m,) = find_dates("He died on Monday, 27 April 2020, in Moscow.")
    assert (m.year, m.month, m.day, m.relative) == (2020, 4, 27, None)
    got = events(
        "General Ivan Orlov died on Monday, 27 April 2020, in Moscow.", PartialDate(2020, 5, 5)
    )
    assert got == [("died", "Ivan Orlov", "2020-04-27")]


def test_an_infobox_copied_as_a_table_and_a_career_list() -> None:
    """A mirror copies the infobox as a table ("Director of X | |", "In office 3 July 2020 –
    9 May 2022 | |": the span on the marker's line) and the biography ends with its career as
    a list ("- February 2004: Chief of …"): the subject took up each post on its first date.
    A title before a possessive name ("President Lee's first director") is not the post."""
    text = (
        "Kim Dae-ho (born 1950) is a South Korean government official.\n"
        "Kim Dae-ho | |\n"
        "---|---|\n"
        "Director of the National Security Office | |\n"
        "In office 3 July 2020 – 9 May 2022 | |\n"
        "Overview\n"
        "In July 2020 he was designated as President Lee Han-su's second director of the "
        "National Security Office.\n"
        "Career\n"
        "- February 2004: Chief of the information security office of the National Security "
        "Council\n"
    )
    got = {
        (e.type, e.person, e.date.iso if e.date else None, e.position)
        for e in extract(text, None).events
    }
    assert got == {
        ("appointed", "Kim Dae-ho", "2020-07-03", "Director"),
        ("appointed", "Kim Dae-ho", "2004-02", "Chief"),
    }


def test_a_biographys_subject_is_named_by_the_surname_that_opens_the_name() -> None:
    """ "Meng Hongwei … Meng resigned": the surname stands first, and it is the subject's even
    though the infobox names his wife, run into its label ("Spouse(s)Grace Meng")."""
    text = (
        "Meng Hongwei (born 1953) is a Chinese former politician.\n"
        "Meng Hongwei\n"
        "Personal details\n"
        "Spouse(s)Grace Meng\n"
        "Meng resigned as President of Interpol in October 2018.\n"
    )
    assert events(text) == [("resigned", "Meng Hongwei", "2018-10")]


def test_replaced_as_a_post_by_someone_whom_the_parser_hangs_on_the_post() -> None:
    """ "X was replaced as first secretary by Y": the parser hangs "by Y" on "secretary", not
    on the verb; Y is still the one appointed."""
    got = events("Kim Jong-su was replaced as first secretary by Ri Il-hwan in 1998.")
    assert got == [("appointed", "Ri Il-hwan", "1998")]


def test_names_with_two_particles_or_a_filipino_dela() -> None:
    """ "Pedro de la Cruz", "Rafael van der Berg", "Ronald dela Rosa": the particles are inside
    the name, which is otherwise cut at the first one and never taken for a person."""
    assert events("Pedro de la Cruz was appointed Director of the Agency in 2010.") == [
        ("appointed", "Pedro de la Cruz", "2010")
    ]
    assert events("Rafael van der Berg was arrested in 2010.") == [
        ("arrested", "Rafael van der Berg", "2010")
    ]
    assert events("Ronald dela Rosa was appointed Chief of Police in 2016.") == [
        ("appointed", "Ronald dela Rosa", "2016")
    ]


def test_reappointed_and_leaving_a_post() -> None:
    """ "was reappointed" (the lemmatiser reads "reappointe"); "left the post of X", "left
    office" end a post as "покинул пост" does; leaving a country or a building does not."""
    pub = PartialDate(2013, 1, 1)
    assert events("Ivan Orlov was reappointed as Chief of Staff in 2012.", pub) == [
        ("appointed", "Ivan Orlov", "2012")
    ]
    assert events("Ivan Orlov left the post of Chief of Staff in 2012.", pub) == [
        ("resigned", "Ivan Orlov", "2012")
    ]
    assert events("Ivan Orlov left office in January 2012.", pub) == [
        ("resigned", "Ivan Orlov", "2012-01")
    ]
    assert events("Ivan Orlov left the country in 2012.", pub) == []
