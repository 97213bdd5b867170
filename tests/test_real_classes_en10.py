"""English failure classes found on the real development texts in the session of 2026-12-08,
each on text of our own."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract


def events(text: str, published: PartialDate | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (e.type, e.person, e.date.iso if e.date else None) for e in extract(text, published).events
    ]


def test_a_successor_takes_up_the_post_the_day_the_tenure_just_told_ends() -> None:
    """An encyclopedia tells a tenure with its end ("until 2 May 2016") and then who came
    next, with no date of its own: the successor started on the day the tenure ended."""
    text = (
        "Paul Ndereba is a Kenyan police officer. He was the Commissioner of Police from 2009 "
        "until 2 May 2016.[4] He was succeeded by Joseph Kamau Mwangi."
    )
    assert ("appointed", "Joseph Kamau Mwangi", "2016-05-02") in events(text)


def test_a_successor_after_an_undated_tenure_stays_undated() -> None:
    """Without an end date in the sentence before, nothing dates the succession; a date
    further back (the tenure's start) is not its date."""
    text = (
        "Paul Ndereba is a Kenyan police officer. He became Commissioner of Police in 2009. "
        "He served for many years. He was succeeded by Joseph Kamau Mwangi."
    )
    got = [e for e in events(text) if e[1] == "Joseph Kamau Mwangi"]
    assert got == [("appointed", "Joseph Kamau Mwangi", None)]


def test_a_date_that_opens_the_sentence_dates_each_of_its_verbs() -> None:
    """ "On D the king appointed X and relieved Y": the small parser hangs "relieved" on
    "appointed" as a clause of its own, but the date before the subject frames the whole
    sentence."""
    text = (
        "On 4 March 2019 the emir appointed his nephew, Khalid Al Rashed, as interior minister "
        "and relieved Faisal Al Mutairi of all his posts."
    )
    got = events(text)
    assert ("appointed", "Khalid Al Rashed", "2019-03-04") in got
    assert ("dismissed", "Faisal Al Mutairi", "2019-03-04") in got


def test_a_plan_agreed_on_the_day_is_not_dated_by_it() -> None:
    """ "On D an agreement was made to relieve him once a successor is found": the relief is
    a plan; the opening date is the agreement's."""
    text = (
        "Dieter Kamps (born 1962) is a German civil servant. He was president of the Federal "
        "Police Office from 2012. On 2 May 2018, an agreement was made to promote Kamps to a "
        "role within the Interior Ministry and relieve him of his previous duties once a "
        "successor for his post has been agreed on."
    )
    assert ("dismissed", "Dieter Kamps", "2018-05-02") not in events(text)


def test_a_copied_page_s_title_finds_the_subject_its_opening_names_in_full() -> None:
    """The page is titled with the name the person goes by; the opening sentence gives the
    full name, with a nickname in quotes, and the infobox above it is that person's."""
    text = (
        "Jump to content\n\n= Sammy Okello =\n\nFrom Wikipedia, the free encyclopedia\n\n"
        "Inspector General of Police\nIn office\n3 March 2011 – 9 June 2015\n\n"
        'Samuel "Sammy" Odhiambo Okello (born 2 May 1958) is a Kenyan police officer. '
        "He was arrested in 2016."
    )
    got = events(text)
    assert ("appointed", "Samuel Odhiambo Okello", "2011-03-03") in got
    assert ("arrested", "Samuel Odhiambo Okello", "2016") in got


def test_a_title_with_a_particle_and_a_full_name_with_honours() -> None:
    """ "Ramon dela Cruz" is a name (the particle is part of it); "Mike Bush, MNZM, is …"
    opens a biography as well as brackets do."""
    text = (
        "Ramon dela Cruz\n\nChief of the National Police\nAssumed office\nJune 30, 2019\n\n"
        "Ramon Santos dela Cruz, OLD, is a Filipino politician."
    )
    assert ("appointed", "Ramon Santos dela Cruz", "2019-06-30") in events(text)


def test_the_life_span_is_read_after_an_infobox_that_gives_the_birth_alone() -> None:
    """The infobox gives the name and the birth date in brackets; the opening sentence's
    brackets hold the span whose second date is the death."""
    text = (
        "Otto Brenner\n\nBorn\nOtto Karl Brenner\n\n(1890-03-01)1 March 1890\n\n"
        "Otto Karl Brenner (1 March 1890 – 4 May 1951) was a German admiral."
    )
    assert ("died", "Otto Karl Brenner", "1951-05-04") in events(text)


def test_a_list_of_a_posts_holders_gives_each_holder_an_appointment_at_the_tenures_start() -> None:
    """An article about an agency lists its heads under a heading that names the post in the
    plural, a tenure and a name a line, titles and honours around the name."""
    text = (
        "The Bureau of State Intelligence is the civilian intelligence agency of Ruritania.\n\n"
        "Directors-General of the Bureau[edit]\n\n"
        "Tenure Name\n"
        "1961–1968 Colonel Sir Arthur Penn, CBE\n"
        "1968–1975 Walter Grieve\n"
        "Ambassador Nora K. Lutz 1975–1990 (March, 1990)\n"
        "1990–Till-date Justice Omar Feld\n\n"
        "Functions[edit]\n\nThe Bureau collects foreign intelligence."
    )
    got = events(text)
    for name, year in [
        ("Arthur Penn", "1961"),
        ("Walter Grieve", "1968"),
        ("Nora K. Lutz", "1975"),
        ("Omar Feld", "1990"),
    ]:
        assert ("appointed", name, year) in got


def test_a_table_of_holders_takes_its_post_from_the_line_above_it() -> None:
    """A table copied with its cells ("Name | Took office | Left office"): the name cell, the
    first date cell; the post is the nearest short line above that names one."""
    text = (
        "Commissioner of Police | |\n---|---|\nStyle | The Honourable |\n\n"
        "Name | Took office | Left office | Notes |\n---|---|---|---|\n"
        "Early period | ||||\n"
        "Henry Marsh | 30 April 1851 | 1854 | Captain |\n"
        "Thomas Gale | Feb 1854 | 1860 | |\n"
        "Robert Quill | 1860 | 1866 | Army officer |\n"
    )
    got = events(text)
    assert ("appointed", "Henry Marsh", "1851-04-30") in got
    assert ("appointed", "Thomas Gale", "1854-02") in got
    assert ("appointed", "Robert Quill", "1860") in got


def test_two_dated_lines_under_a_heading_are_not_a_holders_list() -> None:
    """Fewer than three dated lines under a plural post heading are prose, not a list."""
    text = "Ministers of Defence\n\n1990 Walter Grieve\n1995 Omar Feld\n\nOther text here."
    assert not [e for e in events(text) if e[0] == "appointed"]


def test_a_table_whose_column_is_the_post_with_life_years_and_ranks_run_into_dates() -> None:
    """ "No. | Portrait | Chief of Naval Staff | Took office": the holders' column is titled
    by the post; a name cell carries life years and notes; a copied cell runs a rank into
    the year ("Rear admiral1961")."""
    text = (
        "Chief of Naval Staff | |\n---|---|\nAppointer | President of Ruritania |\n"
        "Member of |\n|\n"
        "No. | Portrait | Chief of Naval Staff | Took office | Left office |\n"
        "---|---|---|---|---|\n"
        "1 | Arthur Penn | Rear admiral1961 | 1964 | |\n"
        "2 | Sir Walter Grieve (1911–1990) | Rear admiral1964 | 1968 | |\n"
        "3 | Omar Feld (1920–1981) Later head of state | Rear admiralFebruary 1968 | 1970 |\n"
    )
    got = events(text)
    assert ("appointed", "Arthur Penn", "1961") in got
    assert ("appointed", "Walter Grieve", "1964") in got
    assert ("appointed", "Omar Feld", "1968-02") in got
    # the post is the column's, not the appointer's or a field label's above the table
    assert {e.position for e in extract(text).events} == {"Chief"}


def test_a_table_of_a_body_s_members_gives_each_row_its_own_post() -> None:
    """A cabinet's members as a table with the day each assumed office: the row's first cell
    is its post."""
    text = (
        "Current Cabinet of Ministers\n"
        "Office | Photo | Name | Party | Assumed office | |\n---|---|---|---|---|---|\n"
        "Chairman of the Cabinet of Ministers | Ruslan Omurov | Independent | 13 October 2021 | |\n"
        "Deputies | |||||\n"
        "First Deputy Chairman | Talant Bekov | Independent | 20 June 2022 | |\n"
        "Minister of Defence | Kanat Asanov | Independent | 5 May 2021 | |\n"
    )
    got = {(e.person, e.position, e.date.iso if e.date else None) for e in extract(text).events}
    assert ("Talant Bekov", "First Deputy Chairman", "2022-06-20") in got
    assert ("Kanat Asanov", "Minister", "2021-05-05") in got


def test_an_attempted_or_plotted_killing_is_no_death() -> None:
    """ "the attempted murder of X", "plotting the assassination of X": nobody died; "accused X
    of involvement in 70 deaths": neither the accuser nor the accused is one of the dead."""
    for text in (
        "Officials accused Dara Sok of ordering the attempted murder of Premier Vann Molyvann.",
        "Dara Sok accused the party of plotting the assassination of Minister Keo Chenda.",
        "Heng Sary, a former police chief, has accused Dara Sok of involvement in over 70 deaths.",
    ):
        assert not [e for e in events(text) if e[0] == "died"], text


def test_an_assassination_told_as_a_noun_is_still_a_death() -> None:
    text = (
        "The assassination of Prime Minister Vann Molyvann on 14 February 2005 shocked the country."
    )
    assert events(text) == [("died", "Vann Molyvann", "2005-02-14")]


def test_who_replaced_someone_with_someone_is_not_the_newcomer() -> None:
    """ "The president dismissed X and replaced him with Y": Y takes the post, not the
    president who made the change; a "with" phrase before the subject is not the newcomer."""
    text = (
        "On 2 June 1996, President Vladislav Ardzinba dismissed Interior Minister Givi Agrba "
        "and replaced him with John Smith."
    )
    got = events(text)
    assert ("appointed", "John Smith", "1996-06-02") in got
    assert not [e for e in got if e[0] == "appointed" and "Ardzinba" in e[1]]
    text = (
        "With this assignment, approved by Army Chief of Staff Gen. George Casey in February, "
        "Owens replaces Maj. Gen. David S. Elmo."
    )
    assert not [e for e in events(text) if "Casey" in e[1]]


def test_a_vietnamese_name_opens_its_biography() -> None:
    """Vietnamese letters (Latin Extended Additional: "ầ", "ạ") are letters of a name: the
    subject is found and the infobox's offices are his."""
    text = (
        "Trần Văn Hải\n\nTrần Văn Hải (12 October 1950 – 21 September 2015) was a Vietnamese "
        "politician.\n\nMinister of Public Security\nIn office\n3 August 2006  8 April 2011\n"
    )
    got = events(text)
    assert ("appointed", "Trần Văn Hải", "2006-08-03") in got
    assert ("died", "Trần Văn Hải", "2015-09-21") in got


def test_an_infobox_copied_as_order_fields() -> None:
    """The older template names the office "Order": "- Order2: National Commissioner of the
    Police Service", "- Term Start2: 2000"."""
    text = (
        "= Sam Molefe =\n\n- Order: President of Interpol\n- Term Start: 2004\n"
        "- Order2: National Commissioner of the Police Service\n- Term Start2: 2000\n\n"
        "Sam Molefe (7 March 1950 – 23 January 2015) was a police commissioner."
    )
    got = events(text)
    assert ("appointed", "Sam Molefe", "2004") in got
    assert ("appointed", "Sam Molefe", "2000") in got


def test_a_gloss_in_another_script_is_nobody() -> None:
    """An English page glosses a name in its own language in brackets; the words of the gloss
    are not a person charged or appointed."""
    text = (
        "The Ministry of Internal Affairs of Belarus (Belarusian: Міністэрства ўнутраных спраў "
        "Рэспублікі Беларусь) is charged with policing. Ivan Kubrakov was appointed minister in "
        "2019."
    )
    got = events(text)
    assert ("appointed", "Ivan Kubrakov", "2019") in got
    assert all(any("a" <= c.lower() <= "z" for c in e[1]) for e in got)


def test_the_words_after_a_bodys_of_are_not_a_person() -> None:
    """ "the chief of the Office of Cuba Broadcasting stepped down": "Cuba Broadcasting" ends
    a body's name; a person after "of" whom NER knows as one still is one."""
    got = events("Also last week, the chief of the Office of Cuba Broadcasting stepped down.")
    assert not [e for e in got if "Broadcasting" in e[1]]
    got = events("The Minister of Justice John Smith was dismissed on 4 May 2020.")
    assert ("dismissed", "John Smith", "2020-05-04") in got


def test_he_is_the_one_the_unread_sentence_before_opens_with() -> None:
    """The sentence before names its subject but holds no event, so it is not parsed: "X
    joined the police in 1979. He was appointed …" — "he" is X, the name that sentence opens
    with (a rank or a title opening it is no name)."""
    text = (
        "Peter Nolan-Shaw joined the county police in 1979. He was appointed Assistant Chief "
        "Constable of Merseyside Police in 1997."
    )
    assert ("appointed", "Peter Nolan-Shaw", "1997") in events(text)


def test_a_page_about_a_body_has_no_biography_subject() -> None:
    """A page titled with a body's name whose opening is that body ("The Jamaica Constabulary
    Force (JCF) is …", "Hong Kong Police Force (HKPF) is …") is about no person: "he" there is
    whoever the text names, not the body."""
    from custodes.extract.pipeline import _biography_subject

    for text in (
        "Jamaica Constabulary Force\n\nThe Jamaica Constabulary Force (JCF) is the police force.",
        "Hong Kong Police Force\n\nHong Kong Police Force (HKPF) is the police force of the city.",
        "Division General Salvador Ruiz\n\nDivision General Salvador Ruiz Zepeda (Mexico City, "
        "14 June 1948) is a retired Mexican Army officer.",
    ):
        subject = _biography_subject(text)
        assert (subject is None) == ("Force" in text.split("\n")[0]), text
