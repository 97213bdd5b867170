"""English failure classes of real published text (issue 8, second English round), each on a
sentence of our own: killings told from the killer's side, and the other classes below."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
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
    got = events("Colonel Lino Barra appointed himself Chairman of the State Council on 2 May 2019.")
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
