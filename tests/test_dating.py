"""Dates that live outside the event's clause, and events the text does not date at all.

A news item states its date once (dateline, byline, an announcement sentence) and that date
governs what it reports as its news; background is not dated by it; what is left undated is
bounded by the publication date, so rosters after it are never silently empty."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from custodes.analyses import roster
from custodes.cli import app
from custodes.extract.dates import PartialDate
from custodes.extract.itemdate import item_date
from custodes.extract.pipeline import extract
from custodes.store import KnowledgeBase

PUB = PartialDate(2024, 2, 12)


def dated(text: str, published: PartialDate | None = PUB) -> dict[tuple[str, str], dict]:
    return {(e.type, e.person.split()[-1]): e.to_json() for e in extract(text, published).events}


def test_news_of_the_day_takes_the_publication_date() -> None:
    got = dated(
        "The president has appointed Colonel Tomas Verhoven as head of the State Protection "
        "Service. He replaces Arvid Lunde, who has been relieved of his post."
    )
    assert got[("appointed", "Verhoven")]["date"] == "2024-02-12"
    assert got[("appointed", "Verhoven")]["dated_by"] == "item"


def test_a_dateline_governs_the_item() -> None:
    text = (
        "VILNA, February 9 (Agency) - The defence minister dismissed General Pavel Roos, the "
        "chief of military intelligence, the ministry said."
    )
    assert item_date(text, PUB) == PartialDate(2024, 2, 9)
    assert dated(text)[("dismissed", "Roos")]["date"] == "2024-02-09"


def test_a_later_sentence_about_the_announcement_gives_the_date() -> None:
    text = (
        "Colonel Irma Kask was appointed director of the Internal Security Service. The decision "
        "was officially communicated during the evening address on 8 February."
    )
    assert dated(text)[("appointed", "Kask")]["date"] == "2024-02-08"


def test_russian_documents_published_on_a_day_date_their_items() -> None:
    text = (
        "Соответствующие документы размещены на официальном портале 10 февраля. Так, освобождён "
        "от должности заместителя председателя комитета Арман Жумабаев."
    )
    (e,) = extract(text, PUB).events
    assert (e.person, e.date) == ("Арман Жумабаев", PartialDate(2024, 2, 10))


def test_background_is_not_the_news_of_the_day() -> None:
    got = dated(
        "Colonel Tomas Verhoven was appointed head of the State Protection Service. Earlier, "
        "Verhoven had been dismissed from the post of deputy head of the border guard."
    )
    assert got[("appointed", "Verhoven")]["date"] == "2024-02-12"
    assert got[("dismissed", "Verhoven")]["date_bound"] == "not_after"


def test_without_a_publication_date_nothing_is_dated_by_it() -> None:
    got = dated("The president has appointed Colonel Tomas Verhoven as head of the service.", None)
    assert got[("appointed", "Verhoven")]["date"] is None


def test_a_roster_after_an_undated_appointment_names_the_holder_and_says_so(
    tmp_path: Path,
) -> None:
    text = (
        "Analysis of the security services\n\n"
        + "The service has grown in recent years. " * 300
        + "\n\nGeneral Ilmar Saar was appointed Chairman of the State Security Committee."
    )
    src = tmp_path / "analysis.txt"
    src.write_text(text, "utf-8")
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        kb.ingest_file(src, PUB)
        (post,) = roster(kb.view(), "State Security Committee", PartialDate(2024, 3, 1)).posts
        (holder,) = post.holders
        assert holder.person == "Ilmar Saar"
        assert holder.since == "not later than 2024-02-12"
        # before the bound nothing is known
        assert not roster(kb.view(), "State Security Committee", PartialDate(2024, 1, 1)).posts


def test_ingest_again_with_a_new_date_re_derives_in_one_step(tmp_path: Path) -> None:
    src = tmp_path / "item.txt"
    src.write_text(
        "The president has appointed Colonel Tomas Verhoven as head of the State Protection "
        "Service.",
        "utf-8",
    )
    db = str(tmp_path / "kb.db")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert first.exit_code == 0
    assert "no publication date found" in first.output and "item.txt" in first.output
    again = runner.invoke(app, ["ingest", str(src), "--db", db, "--published", "2024-02-12"])
    assert again.exit_code == 0 and "1 re-derived" in again.output
    with KnowledgeBase.open(db) as kb:
        (e,) = [s for s in kb.view().statements(kinds=["event"])]
        assert e.date == PartialDate(2024, 2, 12)
    same = runner.invoke(app, ["ingest", str(src), "--db", db, "--published", "2024-02-12"])
    assert "1 unchanged" in same.output


def test_since_is_a_lower_bound_not_the_date_of_the_event() -> None:
    got = dated(
        "Whereas Colonel Tomas Verhoven is the fourth official to be assassinated since "
        "February 2021."
    )
    death = got[("died", "Verhoven")]
    # scored as "no date in the text", but the interval is kept for the analyst
    assert (death["date_bound"], death["date_after"], death["date"]) == (
        "between",
        "2021-02",
        "2024-02-12",
    )


def test_a_state_begun_since_a_date_began_on_it() -> None:
    got = dated("Colonel Tomas Verhoven has been detained since March 2023.")
    assert got[("arrested", "Verhoven")]["date"] == "2023-03"


def test_a_between_date_is_stored_and_shown_as_an_interval(tmp_path: Path) -> None:
    src = tmp_path / "resolution.txt"
    src.write_text(
        "Whereas Colonel Tomas Verhoven, Chairman of the State Security Committee, is the "
        "fourth official to be dismissed since February 2021.",
        "utf-8",
    )
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        kb.ingest_file(src, PUB)
        (s,) = [s for s in kb.view().statements() if s.kind == "event"]
        assert s.date is not None and s.date.label == "between 2021-02 and 2024-02-12"


def test_by_a_date_is_an_upper_bound() -> None:
    got = dated("Tomas Verhoven had been appointed deputy commander of the unit by 1988.")
    assert got[("appointed", "Verhoven")]["date_bound"] == "not_after"
    assert got[("appointed", "Verhoven")]["date"] == "1988"


def test_a_clause_on_a_day_is_dated_by_it() -> None:
    got = dated(
        "Verhoven directed the State Protection Service from 25 May 2010 until 7 February "
        "2015, when Tomas Verhoven resigned to run for parliament."
    )
    assert got[("resigned", "Verhoven")]["date"] == "2015-02-07"


def test_between_two_dates_is_the_interval() -> None:
    got = dated("Colonel Tomas Verhoven was killed between March 2020 and June 2021.")
    death = got[("died", "Verhoven")]
    assert (death["date_bound"], death["date_after"], death["date"]) == (
        "between",
        "2020-03",
        "2021-06",
    )
    got = dated("Colonel Tomas Verhoven was arrested between 10 and 12 March 2023 in Riga.")
    arrest = got[("arrested", "Verhoven")]
    assert (arrest["date_after"], arrest["date"]) == ("2023-03-10", "2023-03-12")


def test_a_lead_that_opens_with_its_day_dates_the_news_without_a_publication_date() -> None:
    text = (
        "Марат Бекович Сапаров задержан\n"
        "4 июля 2013 года представители армии подтвердили факт задержания отстранённого ими "
        "президента.\n"
        "Марат Бекович Сапаров задержан и находится в здании министерства обороны."
    )
    assert item_date(text, None) == PartialDate(2013, 7, 4)
    # a plain text with no day of its own has no news of the day
    assert item_date("Марат Сапаров задержан.", None) is None


def test_a_weekday_that_is_the_last_dates_own_is_that_day_without_a_publication_date() -> None:
    got = dated(
        "The president fired two generals on 13 June 2019. On Thursday the Kremlin announced "
        "the dismissal of General Tomas Verhoven.",
        None,
    )
    assert got[("dismissed", "Verhoven")]["date"] == "2019-06-13"
    # a weekday the date does not fall on stays unknown
    got = dated(
        "The president fired two generals on 13 June 2019. On Monday the Kremlin announced "
        "the dismissal of General Tomas Verhoven.",
        None,
    )
    assert got[("dismissed", "Verhoven")]["date"] is None


def test_the_day_a_happening_took_place_dates_the_paragraph_that_tells_it() -> None:
    text = (
        "On 14 March 2019, officers of the Republican Guard began a mutiny in the capital. "
        "They detained President Oskar Vellamo, who resigned the same evening.\n\n"
        "Colonel Ilmar Tamm was later appointed commander of the guard."
    )
    got = dated(text, None)
    assert got[("arrested", "Vellamo")]["date"] == "2019-03-14"
    # a paragraph that does not open with the happening is not its narrative
    assert got[("appointed", "Tamm")]["date"] is None


def test_a_paragraph_opening_with_a_day_but_no_happening_does_not_date_the_rest() -> None:
    text = (
        "On 2 May 2011, Rein Kask was appointed Director of the Security Police. "
        "He was dismissed after a corruption scandal."
    )
    got = dated(text, None)
    assert got[("appointed", "Kask")]["date"] == "2011-05-02"
    assert got[("dismissed", "Kask")]["date"] is None
