"""Calibrated confidence: how often an event like this one was right on development text.

An event's confidence is the share of events with the same features (language, type, whether a
post was found, where the date came from, whether the name is full or a surname, whether the
document repeats it, the rule that fired) that matched the gold on the development sets —
measured by ``scripts/calibrate.py`` and kept as counts in ``data/confidence.yaml``. A feature
combination seen too rarely backs off to a coarser one. So "0.9" means: nine in ten such events
were right on text whose answers we know. Held-out sets never enter the counts.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from custodes import yamldata

if TYPE_CHECKING:
    from custodes.extract.model import Event

# fewer events than this in a cell: use the coarser cell
MIN_COUNT = 8


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
def table() -> dict[str, tuple[int, int]]:
    """``"en|appointed|post"`` → (right, total), from ``data/confidence.yaml``."""
    path = files("custodes.data").joinpath("confidence.yaml")
    if not path.is_file():
        return {}
    data = yamldata.load(path.read_text("utf-8")) or {}
    out: dict[str, tuple[int, int]] = {}
    for key, counts in (data.get("cells") or {}).items():
        right, total = counts
        if not (isinstance(right, int) and isinstance(total, int) and 0 <= right <= total):
            raise ValueError(f"confidence.yaml: bad counts for {key!r}: {counts!r}")
        out[key] = (right, total)
    return out


def calibrated(e: Event, fallback: float) -> float:
    """The share of right events in the finest cell with enough events (smoothed), else
    ``fallback`` (the rule's own prior) when nothing like this event was measured."""
    cells = table()
    f = features(e)
    for n in range(len(f), 0, -1):
        hit = cells.get("|".join(f[:n]))
        if hit and hit[1] >= MIN_COUNT:
            right, total = hit
            return round((right + 0.5) / (total + 1), 3)
    return fallback


def keys(e: Event) -> list[str]:
    """Every cell the event counts in (for ``scripts/calibrate.py``)."""
    f = features(e)
    return ["|".join(f[:n]) for n in range(1, len(f) + 1)]
