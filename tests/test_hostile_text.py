"""Hostile text: patterns stay linear and over-long input is cut before the parsers see it."""

from __future__ import annotations

from custodes.extract.select import _DECREE


def test_decree_items_are_found_across_blank_lines() -> None:
    """The decree test once scanned every run of blank lines from each of its lines (quadratic:
    40,000 blank lines took 22 s); it now anchors on the last line break, with the same
    answers."""
    items = "1. Appoint Bolat Nurov Head of the Border Service.\n\n\n\n   2. Relieve Arman Seitov."
    assert _DECREE.search(items)
    assert _DECREE.search("\n\n" + items)
    assert _DECREE.search("1. Bolat Nurov is appointed Head.\n\n\n\n2. Arman Seitov is dismissed.")
    assert not _DECREE.search("1. Appoint Bolat Nurov Head of the Border Service." + "\n" * 40000)


def test_over_long_sentences_are_cut_at_a_space_and_keep_the_document_id() -> None:
    from custodes.ingest.limits import bound_sentences
    from custodes.ingest.read import document_id

    text = "Short one. " + "word " * 5000 + "end. Next sentence."
    cut = bound_sentences(text, max_sentence=1000)
    stretches = [s for part in cut.split("\n\n") for s in part.split(". ")]
    assert max(len(s) for s in stretches) <= 1000
    assert document_id(cut) == document_id(text)  # a space became the break
    assert bound_sentences("A real sentence. Another one.", 1000) == "A real sentence. Another one."


def test_a_word_without_end_is_cut_too() -> None:
    from custodes.ingest.limits import MAX_WORD, bound_sentences

    cut = bound_sentences("(" * 5000, max_sentence=10_000)
    assert max(len(w) for w in cut.split()) == MAX_WORD


def test_the_death_list_heading_is_found_below_blank_lines() -> None:
    from custodes.extract.dates import PartialDate
    from custodes.extract.infobox import deaths

    text = (
        "= 2022 in Burundi =\n"
        + "\n" * 30000
        + "== Deaths ==\n\n- 20 January – Jean Nduwimana, 62, politician.\n"
    )
    ((_, _, name, _, day),) = deaths(text, PartialDate(2022, 12, 31))
    assert name == "Jean Nduwimana" and day.iso == "2022-01-20"
