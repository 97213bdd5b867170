"""Calibrated confidence: how often an event like this one was right on real development text.

An event's confidence is the share of events with the same features (language, type, whether a
post was found, where the date came from, whether the name is full or a surname, whether the
document repeats it, the rule that fired) that matched the gold on the development sets —
measured by ``scripts/calibrate.py`` and kept as counts in ``data/confidence.yaml``. A feature
combination seen too rarely backs off to a coarser one. So "0.9" means: nine in ten such events
were right on real text whose answers we know. Held-out sets never enter the counts.

Why the counts come from real texts only. The development sets are of two kinds: texts we
wrote ourselves to exercise the rules (``tests/data/texts/en`` … ``ru2``, the bundled report)
and real documents (folders ``real-*``). The written ones read like the rules: an event found
in them is right far more often than a like event in a real document (English dismissals with a
post, dated in the text, full name, said once: 64 of 66 right in written text, 5 of 9 in real
text). Pooled, the written events set the rate and a real event was promised what only written
text earns — 88 % of the real English events given ≥ 0.9 were right, not 90 %+. Confidence is
read on real documents, so the real counts govern: the finest *real* cell with at least
``MIN_COUNT`` events gives the share, backing off to coarser real cells. The written counts are
kept apart in the file and used only where no real cell at any level has enough events (a
language with no real development text yet), and then only as the best measurement there is.

Why a smoothed share and not a lower bound. A cell with fewer than ``MIN_COUNT`` events (a 5 of
5) is never read — the event backs off to the coarser cell, so a handful of events cannot claim
0.9 by itself. A conservative estimate (the lower end of a Wilson interval, one standard error
below the share) was tried on the development sets, calibrating on all sets but one and scoring
the set left out (``scripts/calibrate.py --leave-set-out``). On real text the smoothed share
gave 68 events ≥ 0.9, 62 of them right; the lower bound gave 41, 35 right: the same six wrong
ones and 27 right ones fewer. The six sit in cells of 10 to 16 events, every one right on the
other sets — a count that clears the bound too — and went wrong on a set of another kind of
text, which no interval on a cell's own count can see. And the bound stood about 0.1 below the
share right over all real events (the smoothed share: within 0.04 in each language), so "0.9"
would no longer mean nine in ten. The smoothed share, ``(right + 0.5) / (total + 1)``, stays the
share.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from custodes import yamldata

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from custodes.extract.model import Event

    Counts = Mapping[str, tuple[int, int]]

# fewer events than this in a cell: use the coarser cell
MIN_COUNT = 8

# the two kinds of development text, in the order their counts are consulted
SOURCES = ("real", "written")


def features(e: Event) -> tuple[str, ...]:
    """The event's features, coarse to fine (each prefix is a backing-off level)."""
    lang = "ru" if "-ru" in e.extractor else "en"
    return (
        lang,
        e.type,
        "post" if e.posts else "no-post",
        e.dated_by,
        "full-name" if len(e.person.split()) > 1 else "surname",
        "repeated" if e.mentions > 1 else "once",
        # the rule that fired ("en:incoming", "ru:назначить"): rules differ in how often they
        # are right, and a rule seen too rarely backs off to the cells above
        e.extractor.split(" date=")[0].rsplit(" ", 1)[-1],
    )


@cache
def table() -> dict[str, dict[str, tuple[int, int]]]:
    """``{"real": {"en|appointed|post": (right, total), …}, "written": {…}}``, from
    ``data/confidence.yaml``."""
    path = files("custodes.data").joinpath("confidence.yaml")
    if not path.is_file():
        return {source: {} for source in SOURCES}
    data = yamldata.load(path.read_text("utf-8")) or {}
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for source in SOURCES:
        cells: dict[str, tuple[int, int]] = {}
        for key, counts in (data.get(source) or {}).items():
            right, total = counts
            if not (isinstance(right, int) and isinstance(total, int) and 0 <= right <= total):
                raise ValueError(f"confidence.yaml: bad {source} counts for {key!r}: {counts!r}")
            cells[key] = (right, total)
        out[source] = cells
    return out


def share(right: int, total: int) -> float:
    """A cell's share of right events, smoothed (half an event either way)."""
    return round((right + 0.5) / (total + 1), 3)


def lookup(cells: Sequence[str], real: Counts, written: Counts) -> float | None:
    """The share in the finest cell of ``cells`` (coarse to fine) with at least ``MIN_COUNT``
    events, real counts first; the written counts only when no real cell has enough."""
    for counts in (real, written):
        for key in reversed(cells):
            hit = counts.get(key)
            if hit and hit[1] >= MIN_COUNT:
                return share(*hit)
    return None


def calibrated(e: Event, fallback: float) -> float:
    """The measured share of events like ``e`` that were right, else ``fallback`` (the rule's
    own prior) when nothing like this event was measured."""
    t = table()
    found = lookup(keys(e), t["real"], t["written"])
    return fallback if found is None else found


def keys(e: Event) -> list[str]:
    """Every cell the event counts in, coarse to fine (for ``scripts/calibrate.py``)."""
    f = features(e)
    return ["|".join(f[:n]) for n in range(1, len(f) + 1)]
