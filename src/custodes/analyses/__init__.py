"""Analyses: pure functions over a read-only ``View``. They never open connections or write.

``roster(view, org, on)``, ``diff(view, org, d1, d2)``, ``timeline(view, name)``,
``conflicts(view)``, ``people(view)``, ``orgs(view)``; each returns plain dataclasses that
the CLI renders as a table, JSON or CSV.
An unknown organisation or person raises ``UnknownName``.
"""

from custodes.analyses.base import Source, UnknownName
from custodes.analyses.conflicts import Conflict, conflicts
from custodes.analyses.diff import Diff, diff
from custodes.analyses.entities import Entity, orgs, people
from custodes.analyses.roster import Roster, roster
from custodes.analyses.timeline import Timeline, timeline

__all__ = [
    "Conflict",
    "Diff",
    "Entity",
    "Roster",
    "Source",
    "Timeline",
    "UnknownName",
    "conflicts",
    "diff",
    "orgs",
    "people",
    "roster",
    "timeline",
]
