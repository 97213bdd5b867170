"""English failure classes of real published text (issue 8, second English round), each on a
sentence of our own: killings told from the killer's side, and the other classes below."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
from custodes.extract.infobox import incumbents
from custodes.extract.pipeline import extract

PUB = PartialDate(2024, 2, 12)


def events(text: str, published: PartialDate | None = PUB) -> list[tuple[str, str, str | None]]:
    return [
        (e.type, e.person, e.date.iso if e.date and not e.date.not_after else None)
        for e in extract(text, published).events
    ]


def test_a_victim_named_as_the_object_of_a_killing_verb_died() -> None:
    got = events(
        "A guard assassinated General Tomas Velde, the chief of staff, as well as his aide "
        "Colonel Arno Pell on 3 May 2019."
    )
    assert ("died", "Tomas Velde", "2019-05-03") in got
    assert ("died", "Arno Pell", "2019-05-03") in got
    assert events("Gunmen shot dead Governor Lino Barra on 4 June 2018.") == [
        ("died", "Lino Barra", "2018-06-04")
    ]
    assert events("Colonel Ivo Marsh was executed on 2 March 1990 after a trial.") == [
        ("died", "Ivo Marsh", "1990-03-02")
    ]


def test_an_attempt_or_an_object_that_is_no_person_is_no_death() -> None:
    assert events("Rebels tried to kill Governor Lino Barra on 4 June 2018.") == []
    assert events("Plotters planned to assassinate President Aldo Ferri in May 2018.") == []
    assert events("The police executed the order signed by Minister Ivo Marsh on 3 May.") == []
    assert events("A bomb narrowly missed killing Governor Lino Barra on 4 June 2018.") == []


def test_a_reflexive_object_makes_the_subject_the_one_appointed() -> None:
    got = events("On 26 July 2023 General Abdu Tani proclaimed himself the leader of the junta.")
    assert [(t, p) for t, p, _ in got] == [("appointed", "Abdu Tani")]
    got = events(
        "Colonel Lino Barra appointed himself Chairman of the State Council on 2 May 2019."
    )
    assert got == [("appointed", "Lino Barra", "2019-05-02")]
    # declaring anything else is no appointment
    assert events("President Lino Barra declared a state of emergency on 2 May 2019.") == []


def test_a_result_list_of_telegraphic_clauses() -> None:
    text = (
        "- Result: Chief of Staff Arno Pell dismissed and replaced with Paul Dorn, Prime "
        "Minister Aldo Ferri resigns, General Ivo Marsh announced as transitional president, "
        "Tom Hale installed by the military as Acting President of the Council"
    )
    got = {(t, p) for t, p, _ in events(text)}
    assert got == {
        ("dismissed", "Arno Pell"),
        ("appointed", "Paul Dorn"),
        ("resigned", "Aldo Ferri"),
        ("appointed", "Ivo Marsh"),
        ("appointed", "Tom Hale"),
    }
    posts = {e.person: e.position for e in extract(text, PUB).events}
    assert posts["Paul Dorn"] == "Chief of Staff"  # the replaced one's post
    assert posts["Ivo Marsh"] == "President"  # a lower-case title after "as transitional"
    # "announced that …" appoints nobody
    assert events("Colonel Ivo Marsh announced that the talks had failed.") == []


def test_event_nouns_and_their_person() -> None:
    # coordinated event nouns share the "of" their last one has
    got = events("It came days after the house arrest and detainment of Ana Lopez, a candidate.")
    assert [(t, p) for t, p, _ in got] == [("arrested", "Ana Lopez")]
    got = events("Prosecutors announced charges against Omar Bello on 3 February 2022.")
    assert got == [("charged", "Omar Bello", "2022-02-03")]
    got = events("Prosecutors unsealed an indictment against Omar Bello on 3 February 2022.")
    assert got == [("charged", "Omar Bello", "2022-02-03")]
    got = events("Two days later came the inauguration of President Omar Bello.")
    assert [(t, p) for t, p, _ in got] == [("appointed", "Omar Bello")]
    # dropped charges are no charge; "named in the indictment" is the document
    assert events("On 18 November 2020 prosecutors dropped the charges against Omar Bello.") == []
    # "the death of the Minister of X, General Y" where the parse loses the apposition
    got = events(
        "We mourn the tragic death of the Minister of Emergency Situations, Army General "
        "Ivan Petrov."
    )
    assert [(t, p) for t, p, _ in got] == [("died", "Ivan Petrov")]


def test_verbs_in_a_row_share_their_object_and_a_later_subject_is_no_object() -> None:
    got = events(
        "By brazenly dismissing, detaining and humiliating the chief justice, President Omar "
        "Bello has created a crisis, said Ali Hasan of Human Rights Watch."
    )
    assert got == []


def test_a_when_clause_on_the_date_is_dated_by_it() -> None:
    got = events(
        "Chief Justice Omar Bello has been held incommunicado since Friday when he was "
        "suddenly removed from his office by the government.",
        PartialDate(2007, 3, 13),
    )
    assert got == [("dismissed", "Omar Bello", "2007-03-09")]


def test_the_incumbent_of_an_office_infobox_was_appointed_on_its_since_date() -> None:
    text = (
        "Chief of the Ruritanian Border Guard\n\nBorder Guard seal.svg\nIncumbent\n"
        "Gen. Aldo Ferri\n\nsince 4 March 2019\nMinistry of the Interior\n\n"
        "The Chief of the Ruritanian Border Guard commands the guard."
    )
    (e,) = extract(text, None).events
    assert (e.type, e.person, e.date.iso, e.position, e.organization) == (
        "appointed",
        "Aldo Ferri",
        "2019-03-04",
        "Chief",
        "Ruritanian Border Guard",
    )
    # a biography's "Incumbent / Assumed office" block names no holder on its own
    assert incumbents("Director\nIncumbent\nAssumed office\n9 March 2015\n", None) == []


def test_an_infobox_list_field_is_a_list_of_items() -> None:
    # a capitalised event noun opening an item is the noun, not a name; the charges it is on
    # are its person's; a date in another item does not date it
    text = (
        "- Causes: Alleged fraud in the October 2020 election, Government corruption, Arrest "
        "and conviction of former president Aldo Ferri on corruption charges"
    )
    assert events(text, None) == [("arrested", "Aldo Ferri", None), ("charged", "Aldo Ferri", None)]
    # what a movement demanded did not happen
    assert events("- Goals: New elections, Resignation of President Aldo Ferri", None) == []


def test_a_one_word_name_after_a_title_is_a_person() -> None:
    got = events("- Result: President Ferri resigns, Prime Minister Ivo Marsh resigns", None)
    assert [(t, p) for t, p, _ in got] == [("resigned", "Ferri"), ("resigned", "Ivo Marsh")]
    # but not after a title word that modifies another title
    assert events("The King approved the appointment of a new Chief Constable.", None) == []


def test_the_day_a_change_takes_effect_dates_it() -> None:
    got = events(
        "The King has approved the appointment of Air Marshal Sir Tom Hale as the next Chief "
        "of the Defence Staff, with effect from September 2025.",
        PartialDate(2025, 7, 1),
    )
    assert got == [("appointed", "Tom Hale", "2025-09")]


def test_an_infobox_succeeded_by_label_is_no_appointment() -> None:
    text = "Director of Intelligence\nIn office\n2008 – 2012\nSucceeded by Maj Gen Ivo Marsh\n"
    assert events(text, None) == []
    assert events("He was succeeded by Omar Bello in 2012.", None) == [
        ("appointed", "Omar Bello", "2012")
    ]


def test_a_nationality_and_a_kind_is_no_name() -> None:
    assert (
        events("Ten officers were charged over the 1989 murders of five Spanish Jesuit priests.")
        == []
    )


def test_a_common_noun_subject_is_who_acted() -> None:
    got = events("Omar Bello, head of the caretaker government which took over in January, spoke.")
    assert got == []
    # a rank or a title standing for the person still lets the name nearby be read
    got = events("Ivo Marsh, a retired army colonel who took over the agency in February, spoke.")
    assert [(t, p) for t, p, _ in got] == [("appointed", "Ivo Marsh")]


def test_initials_before_a_name_and_a_kinship_noun_before_one_word() -> None:
    got = events("The government of Omar Bello appointed R. D. Ampawe, a lawyer, as his successor.")
    assert ("appointed", "R. D. Ampawe") in [(t, p) for t, p, _ in got]
    # a state that goes on is no news of the day: no date but the bound
    got = events("Her older son Tarek is also being detained on corruption charges.")
    assert got == [("arrested", "Tarek", None), ("charged", "Tarek", None)]


def test_assuming_office_or_the_position_just_named_is_an_appointment() -> None:
    assert events("Ivo Marsh assumed office on 5 May 2019.") == [
        ("appointed", "Ivo Marsh", "2019-05-05")
    ]
    got = events(
        "On 3 May 2019 Omar Bello fired his defence minister and assumed the post himself."
    )
    assert ("appointed", "Omar Bello", "2019-05-03") in got
    # power or control is no post
    assert events("General Omar Bello assumed power on 5 May 2019.") == []


def test_a_list_of_titles_and_names_after_an_event_noun() -> None:
    text = (
        "= 2031 Ruritania coup =\n\n- Date: 4 May 2031\n- Result: Resignation of the President, "
        "Omar Bello, Prime Minister, Ivo Marsh, and the entire cabinet, Ruritania suspended\n\n"
        "The 2031 Ruritania coup took place on 4 May 2031."
    )
    got = {(e.type, e.person, e.position, e.date.iso) for e in extract(text, None).events}
    # each name takes the title before it, and the outcome the infobox's Date
    assert got == {
        ("resigned", "Omar Bello", "President", "2031-05-04"),
        ("resigned", "Ivo Marsh", "Prime Minister", "2031-05-04"),
    }


def test_duties_carried_out_by_someone_under_an_order() -> None:
    got = events(
        "The President ordered that the duties of Prime Minister Tom Hale shall be carried out "
        "by First Deputy Prime Minister Ivo Marsh until a new cabinet is formed."
    )
    assert [(t, p) for t, p, _ in got] == [("appointed", "Ivo Marsh")]
    (e,) = extract(
        "The President ordered that the duties of Prime Minister Tom Hale shall be carried out "
        "by First Deputy Prime Minister Ivo Marsh.",
        PUB,
    ).events
    assert e.position == "Prime Minister" and e.posts[0].acting
    # work carried out by someone is no post
    assert events("The repairs were carried out by engineer Ivo Marsh in May 2019.") == []


def test_a_first_name_alone_is_the_one_full_name_it_opens() -> None:
    got = events(
        "The board announced the appointment of Ivo Marsh as Chief Constable on 3 May 2019. "
        "I wish Ivo all the best as he takes up the post."
    )
    assert {p for _, p, _ in got} == {"Ivo Marsh"}


def test_two_coordinated_posts_are_two_appointments() -> None:
    got = {
        (e.person, e.position)
        for e in extract(
            "- Result: Omar Bello becomes acting president and acting prime minister", None
        ).events
    }
    assert got == {("Omar Bello", "President"), ("Omar Bello", "Prime Minister")}
    got = {
        e.position
        for e in extract(
            "On 3 May 2019 Ivo Marsh was appointed Minister of Defence and Chief of the General "
            "Staff.",
            None,
        ).events
    }
    assert got == {"Minister", "Chief of the General Staff"}
    # a title after a comma is someone else's: "appointed as the Acting Minister, the President
    # Media Division said"
    got = extract(
        "Ivo Marsh has been appointed as the Acting Minister of Defence, the President Media "
        "Division said.",
        PUB,
    ).events
    assert [e.position for e in got] == ["Minister"]
