"""The domain vocabulary, read from ``data/ontology.yaml``.

Event types, post titles, ranks and organisation head words live in one declarative file; this
module compiles them once into the lookups the extractor and the knowledge base share. Example::

    >>> parse_title("First Deputy")
    Title(title='First Deputy Chairman', role='first_deputy')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from custodes import yamldata


@cache
def _data() -> dict[str, Any]:
    text = resources.files("custodes").joinpath("data/ontology.yaml").read_text("utf-8")
    return yamldata.load(text)


EVENT_TYPES: dict[str, dict[str, str]] = _data()["event_types"]
ORG_HEADS: frozenset[str] = frozenset(_data()["org_heads"])
MINISTRY_FIELDS: dict[str, str] = _data()["ministry_fields"]
ACTING_WORDS: tuple[str, ...] = tuple(_data()["acting"])


@dataclass(frozen=True)
class Title:
    """A normalised post title and the seat it fills (head, first_deputy, deputy, ...)."""

    title: str
    role: str

    @property
    def single_seat(self) -> bool:
        """Only one person can hold a head seat at a time; two holders are a conflict."""
        return self.role == "head"


_TITLES: list[dict[str, str]] = sorted(_data()["titles"], key=lambda t: -len(t["match"]))


def _plural(word: str) -> str:
    if word.endswith("y"):
        return word[:-1] + "(?:y|ies)"
    if word.endswith("man"):
        return word[:-3] + "m[ae]n"
    if word.endswith("ef"):
        return word + "s?"
    return word + "s?"


def _title_pattern(match: str) -> str:
    words = match.split(" ")
    # every word may be plural ("Deputies NSC Chairman", "Deputy Ministers")
    parts = [_plural(re.escape(w)).replace(r"\-", "[-‐‑ ]") for w in words]
    return r"[\s]+".join(parts)


def _first_letters(words: list[str]) -> str:
    """A look ahead for the characters ``words`` begin with, as a pattern: the engine then
    leaves most positions of a text after one test instead of trying every alternative there
    (the same matches, found about 1.5 to 2 times as fast). Empty where a word begins with
    something other than a letter or with a word of one letter, whose pattern could begin
    otherwise (an escape, or the plural of "y")."""
    firsts = sorted({w[0] for w in words})
    if not firsts or not all(c.isalpha() for c in firsts):
        return ""
    if any(len(w.split(" ")[0]) < 2 for w in words):
        return ""
    return "(?=[" + "".join(firsts) + "])"


def _title_re() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])"
        + _first_letters([t["match"] for t in _TITLES])
        + r"(?:"
        + "|".join(f"(?P<t{i}>{_title_pattern(t['match'])})" for i, t in enumerate(_TITLES))
        + r")(?![\w])",
        re.IGNORECASE,
    )


def title_of(m: re.Match[str]) -> Title:
    """The normalised title of a ``TITLE_RE`` match."""
    for key, value in m.groupdict().items():
        if value is not None:
            t = _TITLES[int(key[1:])]
            return Title(t["title"], t["role"])
    raise ValueError("not a title match")


def parse_title(text: str) -> Title | None:
    """The normalised title of a phrase that is exactly a title, else None."""
    m = __getattr__("TITLE_RE").fullmatch(text.strip())
    return title_of(m) if m else None


TITLE_WORDS: frozenset[str] = frozenset(
    w for t in _TITLES for w in t["match"].replace("-", " ").split()
) | {
    "deputies",
    "chairmen",
    "ministers",
    "heads",
    "directors",
    "chiefs",
    "commanders",
    "secretaries",
    "members",
    "presidents",
}

_RANKS = sorted(_data()["ranks"], key=len, reverse=True)
_SERVICES = "|".join(re.escape(s) for s in _data()["rank_services"])


def _rank_re() -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w-])"
        + _first_letters(_RANKS)
        + r"(?:"
        + "|".join(re.escape(r).replace(r"\-", "[-‐‑ ]") for r in _RANKS)
        + r")\.?(?:\s+of\s+(?:"
        + _SERVICES
        + r"))?(?![\w-])",
        re.IGNORECASE,
    )


# ``TITLE_RE`` and ``RANK_RE`` are compiled when first asked for (``from custodes.ontology
# import TITLE_RE`` asks): the analyses import this module for its event types, and a roster
# from the command line should not pay 40-80 ms to compile two patterns it never uses
_LAZY = {"TITLE_RE": _title_re, "RANK_RE": _rank_re}
TITLE_RE: re.Pattern[str]
RANK_RE: re.Pattern[str]


def __getattr__(name: str) -> Any:
    if name in globals():  # compiled already (a call from inside this module)
        return globals()[name]
    if name in _LAZY:
        value = globals()[name] = _LAZY[name]()
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


RANK_WORDS: frozenset[str] = frozenset(
    v for r in _RANKS for w in r.replace("-", " ").split() for v in (w, w.rstrip("."))
)


def strip_ranks(name: str) -> str:
    """``"Major-General of National Security Askar Amerkhanov"`` → ``"Askar Amerkhanov"``."""
    return re.sub(r"\s+", " ", __getattr__("RANK_RE").sub(" ", name)).strip(" ,")


def normalize_ministry(field: str) -> str:
    """``"Defence"`` → ``"Ministry of Defense"``: one name for one ministry."""
    key = field.lower().strip()
    return "Ministry of " + MINISTRY_FIELDS.get(key, field.strip())
