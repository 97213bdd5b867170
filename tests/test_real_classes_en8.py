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
