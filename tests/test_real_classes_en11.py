"""English failure classes found on the real development texts in the session of 2026-12-08
(second), each on text of our own."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
from custodes.extract.mentions import find_people
from custodes.extract.parsers import load_nlp
from custodes.extract.pipeline import extract


def events(text: str, published: PartialDate | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (e.type, e.person, e.date.iso if e.date else None) for e in extract(text, published).events
    ]


def test_the_first_of_two_surnames_alone_is_the_biography_subject() -> None:
    """Spanish and Portuguese names carry two surnames, and a page calls the person by the
    first ("Cienfuegos" of "Salvador Cienfuegos Zepeda"): that word alone is the subject."""
    text = (
        "Rodrigo Montealegre Ibarra is a retired Chilean army officer. "
        "Montealegre was arrested by Argentine police on 9 March 2019 at Ezeiza airport."
    )
    assert ("arrested", "Rodrigo Montealegre Ibarra", "2019-03-09") in events(text)


def test_a_division_general_is_a_rank_not_a_first_name() -> None:
    text = (
        "Division General Ramón Alcaraz Beltrán (born 3 May 1951) is a retired officer. "
        "In 2004 he was appointed Chief of the General Staff."
    )
    assert ("appointed", "Ramón Alcaraz Beltrán", "2004") in events(text)


def test_a_clause_after_a_semicolon_does_not_govern_the_one_before() -> None:
    """ "X was arrested on D; the U.S. asked Spain to extradite him": the parser hangs the
    arrest under "asked" (what was asked), but the semicolon ends a clause of its own."""
    text = (
        "Tomás Ferrer Olmedo (born 1960) is a Venezuelan general. Ferrer was arrested in "
        "Portugal on 4 June 2018 on drug charges; the U.S. asked Portugal to extradite Ferrer."
    )
    assert ("arrested", "Tomás Ferrer Olmedo", "2018-06-04") in events(text)


def test_made_a_post_is_an_appointment_and_made_a_rank_is_not() -> None:
    text = (
        "Janet Moira Keane (born 1969) is a British police officer. She was made interim "
        "Deputy Commissioner of the Metropolitan Police Service in September 2022. "
        "In 2010 she was made a Brigadier General in the reserves."
    )
    got = events(text)
    assert ("appointed", "Janet Moira Keane", "2022-09") in got
    assert ("appointed", "Janet Moira Keane", "2010") not in got


def test_an_alias_after_aka_is_the_same_person() -> None:
    """ "A, a/k/a “B”, C and D": B is A's other name, not one more person."""
    doc = load_nlp()(
        "The defendants are Jorge Castillo Lopez, a/k/a “Jorge Castillo Ruiz,” Pedro "
        "Alvarado Garcia and Luis Mendez Cruz."
    )
    names = [p.name for p in find_people(doc, known=frozenset({"Castillo"}))]
    assert "Jorge Castillo Lopez" in names
    assert "Jorge Castillo Ruiz" not in names


def test_a_biography_opening_with_a_footnote_mark_after_the_name() -> None:
    """A copied page keeps "[a]" after the name: the infobox above it is still the subject's."""
    text = (
        "Petro Ivanenko\n\nCommander of the National Guard of Ukraine\nIn office\n"
        "3 March 2019 – 8 May 2022\n\nPetro Mykolayovych Ivanenko[a] (Ukrainian: Петро "
        "Іваненко; born 8 July 1970) is a Ukrainian general."
    )
    assert ("appointed", "Petro Mykolayovych Ivanenko", "2019-03-03") in events(text)


def test_a_biography_whose_name_ends_in_a_particle_and_is_known_by_another() -> None:
    """ "Ahmed Abdul Karim al-Rubaie (…), known as Ahmed al-Basri, is …" under the title
    "= Ahmed al-Basri =": the opening is the subject's, and so are the infobox's offices."""
    text = (
        "= Ahmed al-Basri =\n\n- Office: Minister of the Interior of Iraq\n- Term Start: "
        "7 May 2019\n\nAhmed Abdul Karim al-Rubaie (born 5 July 1965), known as Ahmed "
        "al-Basri, is an Iraqi politician."
    )
    assert ("appointed", "Ahmed Abdul Karim al-Rubaie", "2019-05-07") in events(text)


def test_the_line_before_the_name_is_no_rank() -> None:
    """An infobox's "Born" line above the full name does not make it the opening's rank."""
    text = (
        "Share this page\n\nMarco Tulio Reyes\n\nMinister of Security\nIn office\n"
        "January 27, 2014 – January 27, 2018\nPersonal details\nBorn\nMarco Tulio Reyes "
        "Alvarado\n\n(1968-10-28) October 28, 1968\n\nMarco Tulio Reyes Alvarado (born "
        "October 28, 1968) is a Honduran lawyer."
    )
    assert ("appointed", "Marco Tulio Reyes Alvarado", "2014-01-27") in events(text)


def test_an_infobox_commands_field_gives_each_dated_command() -> None:
    text = (
        "Bishnu Raj Thapa (born 1950) is a Nepalese general.\n"
        "- Commands: Shree Bhairavnath Battalion (1980–1982) , 9th Brigade (1991) , "
        "Commandant of the Army Command and Staff College (1995) , Western Division\n\n"
        "He retired in 2008."
    )
    got = events(text)
    assert ("appointed", "Bishnu Raj Thapa", "1980") in got
    assert ("appointed", "Bishnu Raj Thapa", "1991") in got
    assert ("appointed", "Bishnu Raj Thapa", "1995") in got
    # an undated command is no event
    assert len([e for e in got if e[0] == "appointed"]) == 3


def test_a_criminal_infobox_gives_the_day_of_the_arrest() -> None:
    text = (
        "Marco Tulio Reyes\n\nCriminal information\nCriminal statusIncarcerated\n"
        "Date apprehended\nMarch 3, 2021\n\nMarco Tulio Reyes Alvarado (born October 28, "
        "1968) is a Honduran politician."
    )
    assert ("arrested", "Marco Tulio Reyes Alvarado", "2021-03-03") in events(text)


def test_she_on_a_page_that_calls_its_subject_he_is_someone_else() -> None:
    text = (
        "Khalid bin Salem (born 1959) is a Saudi prince. He was appointed interior minister in "
        "2012. His father was a king. He served until 2017, when he was arrested. His mother "
        "was a princess. She died in July 2019."
    )
    got = events(text)
    assert ("appointed", "Khalid bin Salem", "2012") in got
    assert not [e for e in got if e[0] == "died"]


def test_he_is_the_subject_before_it_not_a_possessor() -> None:
    """ "After X's victory, Y was appointed A, after which he was appointed B": he is Y."""
    text = (
        "Jorge Aurelio Marín Cotes (born 1963) is a Colombian lawyer. After Uribe's victory in "
        "the elections, Marín was appointed Director of the DAS, after which time he was "
        "appointed Consul-General in Milan in 2006."
    )
    got = events(text)
    assert ("appointed", "Jorge Aurelio Marín Cotes", "2006") in got
    assert not [e for e in got if "Uribe" in e[1]]


def test_his_is_not_the_agent_of_a_participle_and_the_noun_keeps_its_own_date() -> None:
    """ "Hoover, appointed by President Coolidge in 1924, held the post from 1935 until his
    death in 1972": Hoover died, in 1972."""
    text = (
        "J. Edgar Hoover, appointed by President Calvin Coolidge to the office of Director of "
        "the Bureau in 1924, was its longest-serving director, holding the position from 1935 "
        "until his death in 1972."
    )
    got = events(text)
    assert ("died", "J. Edgar Hoover", "1972") in got
    assert not [e for e in got if e[0] == "died" and "Coolidge" in e[1]]


def test_his_after_condolences_is_the_nearest_name() -> None:
    text = (
        "Vladimir Putin expressed his deepest condolences to the family and friends of Minister "
        "for Emergencies Yevgeny Zinichev in connection with his tragic death on 8 September "
        "2021."
    )
    got = events(text)
    assert ("died", "Yevgeny Zinichev", "2021-09-08") in got
    assert not [e for e in got if "Putin" in e[1]]


def test_a_headlines_present_tense_reports_the_news_of_the_day() -> None:
    """A portal of the day's events writes "X resigns", "X and Y resign as …", "X steps down",
    "X submits his resignation": the small tagger reads "resigns" as a noun; each is the news
    of the item's day."""
    day = PartialDate.parse("2025-05-01")
    for text, person in [
        (
            "Acting President Park Sung-min resigns, indicating a possible run in the election.",
            "Park Sung-min",
        ),
        (
            "Carl Waltz and Alex Nelson Wong resign as National Security Advisor and deputy.",
            "Alex Nelson Wong",
        ),
        ("Army chief Ko Ko Lwin steps down as army chief to stand for president.", "Ko Ko Lwin"),
        (
            "Prime minister Jean Dupuis formally submits his resignation after losing a vote.",
            "Jean Dupuis",
        ),
    ]:
        assert ("resigned", person, "2025-05-01") in events(text, day), text


def test_hours_later_is_the_same_day() -> None:
    text = (
        "On 3 May 2021 President John Smith resigned. Finance Minister Lee Sang-ho, next in "
        "the line of succession, resigned a few hours later."
    )
    assert ("resigned", "Lee Sang-ho", "2021-05-03") in events(text)


def test_days_after_another_event_is_not_the_news_of_the_day() -> None:
    """ "re-appoints X, four days after X resigned": the re-appointment is the day's news; the
    resignation came before it, on a day the item does not give."""
    day = PartialDate.parse("2025-10-10")
    text = "The president appoints Jean Dupuis as Prime Minister, four days after Dupuis resigned."
    got = {e.type: e.date for e in extract(text, day).events}
    assert got["appointed"] == day
    # no later than the item's day, not on it
    assert got["resigned"] is None or got["resigned"].not_after


def test_an_abdication_is_a_resignation() -> None:
    assert ("resigned", "Harald Olsen", "2013-07-21") in events(
        "Harald Olsen, the king, abdicated on 21 July 2013."
    )


def test_a_page_saved_as_markdown_is_read_as_its_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A portal saved as Markdown writes each link "[text](url "title")": the document is the
    text a reader sees, so names are names ("Jean Dupuis", not "Jean Dupuis](https://…")."""
    from custodes.ingest.read import read_document

    page = tmp_path / "portal.txt"
    page.write_text(
        "#### Politics and elections\n\n"
        '* [French](https://en.wikipedia.org/wiki/France "France") [prime minister]'
        '(https://en.wikipedia.org/wiki/Prime_Minister_of_France "Prime Minister of France") '
        '[Jean Dupuis](https://en.wikipedia.org/wiki/Jean_Dupuis "Jean Dupuis") resigns. '
        "[(Reuters)](https://www.reuters.com/x)\n",
        "utf-8",
    )
    doc = read_document(page, PartialDate.parse("2025-09-09"))
    assert "* French prime minister Jean Dupuis resigns. (Reuters)" in doc.text
    assert ("resigned", "Jean Dupuis", "2025-09-09") in events(doc.text, doc.published)


def test_brackets_in_plain_text_are_left_alone(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from custodes.ingest.read import read_document

    page = tmp_path / "note.txt"
    text = "He was appointed [acting] director (see annex) on 3 May 2021 by the council.\n"
    page.write_text(text, "utf-8")
    assert read_document(page).text.strip() == text.strip()


def test_news_nouns_the_day_reports() -> None:
    """ "announces his resignation … once a new leader is chosen" ("once" joins a clause, it
    does not recall the past), "is arrested on charges of …" (charged as he is arrested), "The
    removal of X causes a sharp drop" (the noun the news is about)."""
    day = PartialDate.parse("2025-01-06")
    got = events(
        "Prime Minister Jean Dupuis announces his resignation as leader of the party and also "
        "announces that he will resign as Prime Minister once a new party leader is chosen.",
        day,
    )
    assert ("resigned", "Jean Dupuis", "2025-01-06") in got
    got = events(
        "Ernesto Ruiz Vela, former governor of Sonora, is arrested on charges related to "
        "organized crime.",
        day,
    )
    assert ("charged", "Ernesto Ruiz Vela", "2025-01-06") in got
    got = events(
        "The removal of finance minister Sri Wahyuni causes a sharp drop in the stock market.",
        day,
    )
    assert ("dismissed", "Sri Wahyuni", "2025-01-06") in got


def test_a_list_of_holders_that_gives_the_name_then_the_tenure() -> None:
    """ "The following is a list of Commanding Generals of X:" heads a copied table whose rows
    are "Rank Name, SUFFIX Start  End President", a start without its year taking the end's;
    a wrapped cell (the president beside a row) does not end the list."""
    text = (
        "The following is a list of Commanding Generals of the Ruritanian Army:[1][2]\n\n"
        "Name Term President\n"
        "Gen. Pedro Alcala, RAF March 22, 1897  January 22, 1899 Tomas Abad\n"
        "Gen. Jose Luna, RAF January 23  June 5, 1899\n"
        "Maj. Gen. José J. delos Santos, RAF January 11  May 3, 1936 Manuel Roque\n"
        "Sergio Ramos\n"
        "Maj. Gen. Mariano N. Castro, Sr., RAF December 21, 1948  January 15, 1951\n"
    )
    got = events(text)
    for name, day in [
        ("Pedro Alcala", "1897-03-22"),
        ("Jose Luna", "1899-01-23"),
        ("José J. delos Santos", "1936-01-11"),
        ("Mariano N. Castro", "1948-12-21"),
    ]:
        assert ("appointed", name, day) in got, name
    assert not [e for e in got if e[1] in {"Sergio Ramos", "Tomas Abad", "Manuel Roque"}]


def test_a_spouse_in_the_infobox_is_not_the_subject() -> None:
    """ "Spouse(s) / Thandi Mkhize / (divorced)" above the opening: the subject is the page's
    title, whose full name the opening gives with a nickname in quotes."""
    text = (
        "Sipho Dube\n\nLast updated\n\nThandi Mkhize\n(divorced)\nLerato Khumalo\n(m. 2010)\n"
        "[1]\nSipho Dube\nMP\nMinister of Police\nAssumed office\n26 February 2018\n\n"
        'Siphokazi "Sipho" Hamilton Dube (born 22 April 1952) [2] [3] has been the Minister of '
        "Police since February 2018."
    )
    got = events(text)
    assert ("appointed", "Siphokazi Hamilton Dube", "2018-02-26") in got
    assert not [e for e in got if "Mkhize" in e[1]]


def test_a_partys_name_is_nobody() -> None:
    """ "the leader of the Republican People's Party, who was ousted", "the opposition party
    National Unity Platform": the words before "'s Party" or a body's head are a body's."""
    day = PartialDate.parse("2026-05-01")
    got = events(
        "Ali Yilmaz, the leader of the opposition Republican People's Party, who was ousted by "
        "a court in May, is detained.",
        day,
    )
    assert not [e for e in got if "People" in e[1]]
    got = events(
        "Police detain the deputy spokesperson of the opposition party National Unity Platform.",
        day,
    )
    assert not [e for e in got if "Platform" in e[1]]


def test_with_y_replacing_her_appoints_y() -> None:
    got = events(
        "The president dismisses Anna Berg as Attorney General, with Deputy Attorney General "
        "Todd Lindqvist replacing her on an acting basis.",
        PartialDate.parse("2026-04-02"),
    )
    assert ("dismissed", "Anna Berg", "2026-04-02") in got
    assert ("appointed", "Todd Lindqvist", "2026-04-02") in got
