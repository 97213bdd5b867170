"""Text from documents is never markup: not in terminal tables, not in pictures, not in CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from custodes.analyses.network import Circle, Network, TieRow
from custodes.cli import _console
from custodes.render import csv_cell, to_csv
from custodes.render_institutions import network_tables, rows_of

HOSTILE = "Marat [/b] Bekov"
FORMULA = '=HYPERLINK("http://x","$x$")'
MATH = "$\\alpha$ Aliev"


def _network() -> Network:
    tie = TieRow(HOSTILE, MATH, "kin", "[red]nephew", FORMULA, None)
    return Network([HOSTILE, MATH], [tie], [Circle(f"family of {MATH}", MATH, [HOSTILE, MATH])])


def test_names_with_rich_markup_are_printed_as_written() -> None:
    console = _console()
    with console.capture() as cap:
        for t in network_tables(_network()):
            console.print(t)
    out = cap.get()
    assert HOSTILE in out and "[red]nephew" in out and MATH in out


def test_csv_cells_that_would_be_formulas_are_neutralised() -> None:
    for cell in ("=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert csv_cell(cell) == "'" + cell
    assert csv_cell("Karim Massimov") == "Karim Massimov" and csv_cell(-1.5) == -1.5
    rows = list(csv.DictReader(io.StringIO(to_csv([{"person": FORMULA, "n": 3}]))))
    assert rows == [{"person": "'" + FORMULA, "n": "3"}]
    (tie,) = csv.DictReader(io.StringIO(to_csv(rows_of(_network()))))
    assert not any(v.startswith(("=", "+", "-", "@")) for v in tie.values())


def test_dollar_signs_in_pictures_are_text_not_formulas(tmp_path: Path) -> None:
    from custodes.pictures import draw_network

    svg = draw_network(_network(), tmp_path / "ties.svg").read_text("utf-8")
    assert "$\\alpha$" in svg  # mathtext would have drawn an α glyph instead
    assert "Marat [/b] Bekov" in svg
    png = draw_network(_network(), tmp_path / "ties.png").read_bytes()
    assert png.startswith(b"\x89PNG")
