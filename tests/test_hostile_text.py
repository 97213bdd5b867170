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
