"""Extraction reads events, dates and posts the way an analyst would, on texts it was not
tuned on (these sentences are written for the tests, about invented people)."""

from __future__ import annotations

import pytest

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract
from custodes.ingest.read import read_document


def events(text: str, published: str | None = "2023-05-20") -> list[dict]:
    pub = PartialDate.parse(published) if published else None
    return [e.to_json() for e in extract(text, pub).events]


def test_date_heading_governs_the_paragraphs_below_it() -> None:
    text = (
        "Appointments\n\nMay 3. Colonel Arman Tulegenov was appointed Deputy Chairman of the "
        "State Border Service.\n\nBerik Saparov was dismissed from the position of Head of "
        "the Investigation Department.\n\nMay 9. Daniyar Omarov resigned as Minister of Defense."
    )
    got = {(e["type"], e["person"], e["date"]) for e in events(text)}
    assert ("appointed", "Arman Tulegenov", "2023-05-03") in got
    assert ("dismissed", "Berik Saparov", "2023-05-03") in got
    assert ("resigned", "Daniyar Omarov", "2023-05-09") in got


def test_ranks_are_not_names_and_posts_keep_their_title() -> None:
    (ev,) = events(
        "On 4 April 2021 Major-General of National Security Timur Bekov was appointed "
        "First Deputy Chairman of the National Guard."
    )
    assert ev["person"] == "Timur Bekov"
    assert ev["position"] == "First Deputy Chairman"
    assert ev["date"] == "2021-04-04" and ev["date_precision"] == "day"


def test_negation_rumour_and_future_are_not_events() -> None:
    text = (
        "The ministry denied reports of the dismissal of Ruslan Akhmetov. "
        "Nurlan Sadykov is expected to be appointed Director of the Security Service. "
        "Officials said Aidos Kemelov was not arrested."
    )
    assert events(text) == []


def test_replacement_takes_the_post_of_the_replaced() -> None:
    text = (
        "June 2. Askar Beisenov was dismissed from the position of Deputy Minister of "
        "Internal Affairs. He was replaced by Yerlan Zhumabekov."
    )
    got = {(e["type"], e["person"], e["position"]) for e in events(text)}
    assert ("appointed", "Yerlan Zhumabekov", "Deputy Minister") in got


def test_later_without_a_date_gives_no_date() -> None:
    text = (
        "March 2. Oleg Petrenko was dismissed from his position of Head of the Service, "
        "later he was arrested."
    )
    got = {e["type"]: e for e in events(text)}
    assert got["dismissed"]["date"] == "2023-03-02"
    assert got["arrested"]["person"] == "Oleg Petrenko"
    # no date of its own: only bounded by the publication date
    assert got["arrested"]["date_bound"] == "not_after"
    assert got["arrested"]["date"] == "2023-05-20"


def test_weekday_resolves_against_the_publication_date() -> None:
    # 2021-03-03 was a Wednesday: "on Tuesday" is 2021-03-02
    (ev,) = events(
        "The president on Tuesday dismissed Almas Kadyrov from the post of Chairman of "
        "the Committee.",
        published="2021-03-03",
    )
    assert ev["date"] == "2021-03-02"


def test_dual_hatted_posts_keep_both() -> None:
    (ev,) = events(
        "On 1 July 2020 Sergei Ivanov was appointed Deputy Head of the State Guard "
        "Service – Head of the Presidential Guard Service."
    )
    assert ev["position"] == "Deputy Head – Head of Presidential Guard Service"


def test_quote_is_verbatim_with_offsets() -> None:
    text = "Preface.\n\nOn 2 May 2019 Bolat Nurov was arrested in the capital."
    (ev,) = events(text)
    assert text[ev["start"] : ev["end"]] == ev["quote"]
    assert 0 < ev["confidence"] <= 1


@pytest.fixture(scope="module")
def bundled() -> list[dict]:
    doc = read_document("examples/kz-nsc-2022-ciss-report.txt")
    return [e.to_json() for e in extract(doc.text, doc.published).events]


def test_the_repeated_article_gives_one_set_of_events(bundled: list[dict]) -> None:
    keys = [(e["type"], e["person"], e["position"], e["date"]) for e in bundled]
    assert len(keys) == len(set(keys))
    assert all(e["start"] < 40000 for e in bundled)  # nothing from the second copy


def test_bundled_report_key_events(bundled: list[dict]) -> None:
    got = {(e["type"], e["person"], e["date"]) for e in bundled}
    assert ("dismissed", "Karim Massimov", "2022-01-06") in got
    assert ("appointed", "Ermek Sagimbayev", "2022-01-06") in got
    assert ("appointed", "Murat Nurtleu", "2022-02-01") in got
    assert ("dismissed", "Samat Abish", "2022-01-17") in got
    assert ("died", "Azamat Ibbrayev", "2022-01-10") in got


def test_only_sentences_that_can_hold_an_event_are_parsed() -> None:
    from custodes.extract.select import can_hold_event

    assert not can_hold_event("Farmers moved their herds to higher pastures.")
    assert not can_hold_event("Shurtski was named player of the match.")
    assert can_hold_event("Colonel Ivanov was moved to the post of Deputy Head.")
    assert can_hold_event("He was replaced by Yerlan Zhumabekov.")
    assert can_hold_event("Police arrested Bolat Nurov on Monday.")


def test_a_text_opening_with_ranks_is_not_a_biography() -> None:
    got = events("General Staff (Army) officers met.\n\nOn 3 May 2020 Ivan Orlov resigned.")
    assert [(e["type"], e["person"], e["date"]) for e in got] == [
        ("resigned", "Ivan Orlov", "2020-05-03")
    ]


def test_every_trigger_of_the_vocabulary_can_select_its_sentence() -> None:
    """The cheap sentence filter is written apart from data/en.yaml: a trigger added to the
    vocabulary but not to the filter would never be read. "head" is read only where another
    word selects the sentence ("headed" is mostly career background); "commit" needs
    "suicide"."""
    from custodes.extract.select import TRIGGER_RE, _has_trigger
    from custodes.extract.vocabulary import load

    vocab = load("en")
    irregular = {
        "become": "became",
        "overthrow": "overthrown",
        "die": "died",
        "instal": "installed",  # the lemmatiser's spelling
    }

    def forms(lemma: str) -> set[str]:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        return {lemma, irregular.get(lemma, lemma), stem + "ed", lemma + "d", lemma + "s"}

    unread = [
        lemma
        for lemma in [*vocab.verb_triggers, *vocab.noun_triggers]
        if not any(_has_trigger(f"X was {f}") and TRIGGER_RE.search(f) for f in forms(lemma))
    ]
    assert sorted(unread) == ["commit", "head"]
