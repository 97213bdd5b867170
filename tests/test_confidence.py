"""Calibrated confidence (``custodes.extract.confidence``, ``scripts/calibrate.py``): real-text
counts govern, a cell too small backs off to a coarser one, written-text counts only where no
real cell has enough events, and the number is the smoothed share."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from custodes.extract import confidence
from custodes.extract.confidence import MIN_COUNT, lookup, share
from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract

CELLS = ["en", "en|appointed", "en|appointed|post"]


def test_real_text_counts_govern_when_present() -> None:
    real = {"en": (70, 100), "en|appointed|post": (6, 10)}
    written = {"en": (95, 100), "en|appointed|post": (60, 60)}
    assert lookup(CELLS, real, written) == share(6, 10) < 0.9


def test_a_cell_of_five_out_of_five_is_not_given_nine_in_ten() -> None:
    """Too few events to be read: the event backs off to the coarser cell."""
    real = {"en": (70, 100), "en|appointed": (30, 40), "en|appointed|post": (5, 5)}
    assert lookup(CELLS, real, {}) == share(30, 40) < 0.9
    enough = {**real, "en|appointed|post": (MIN_COUNT, MIN_COUNT)}
    assert lookup(CELLS, enough, {}) == share(MIN_COUNT, MIN_COUNT) > 0.9


def test_a_small_real_cell_backs_off_to_a_coarser_real_one_not_to_written_text() -> None:
    real = {"en": (70, 100), "en|appointed|post": (3, 3)}
    written = {"en|appointed|post": (60, 60)}
    assert lookup(CELLS, real, written) == share(70, 100)


def test_written_counts_serve_only_where_no_real_cell_has_enough_events() -> None:
    written = {"en": (80, 100), "en|appointed": (45, 50)}
    assert lookup(CELLS, {"en": (2, 3)}, written) == share(45, 50)
    assert lookup(CELLS, {}, {}) is None


def test_the_confidence_is_the_smoothed_share() -> None:
    assert share(9, 10) == round(9.5 / 11, 3)
    assert share(0, 8) > 0 and share(8, 8) < 1


def _event():  # type: ignore[no-untyped-def]
    (e,) = extract(
        "On 5 January 2022 Colonel Tomas Verhoven was appointed Chairman of the State Security "
        "Committee.",
        PartialDate(2024, 2, 12),
    ).events
    return e


def test_calibrated_reads_the_real_table_first(monkeypatch: pytest.MonkeyPatch) -> None:
    e = _event()
    finest = confidence.keys(e)[-1]
    monkeypatch.setattr(
        confidence, "table", lambda: {"real": {finest: (5, 10)}, "written": {finest: (10, 10)}}
    )
    assert confidence.calibrated(e, 0.42) == share(5, 10)
    monkeypatch.setattr(confidence, "table", lambda: {"real": {}, "written": {}})
    assert confidence.calibrated(e, 0.42) == 0.42


def test_the_shipped_table_counts_real_documents_of_both_languages_apart() -> None:
    t = confidence.table()
    assert set(t) == {"real", "written"}
    for lang in ("en", "ru"):
        assert t["real"][lang][1] >= MIN_COUNT and t["written"][lang][1] >= MIN_COUNT


def _calibrate(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    scripts = Path(__file__).resolve().parent.parent / "scripts"
    monkeypatch.syspath_prepend(str(scripts))
    spec = importlib.util.spec_from_file_location("calibrate", scripts / "calibrate.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_calibrate_counts_real_documents_apart_from_written_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cal = _calibrate(monkeypatch)
    assert cal.source("real texts (real-en-gov, en)") == "real"
    assert cal.source("own texts (en2)") == "written"
    assert cal.source("bundled report") == "written"
    evs = [
        ("real texts (real-en-gov, en)", ["en", "en|died"], False),
        ("own texts (en)", ["en", "en|died"], True),
        ("own texts (en)", ["en"], True),
    ]
    assert cal.counts(evs) == {
        "real": {"en": [0, 1], "en|died": [0, 1]},
        "written": {"en": [2, 2], "en|died": [1, 1]},
    }
