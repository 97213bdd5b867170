"""Which country a document or a sentence is about, so that organisations with one name in
several states ("ГКНБ" in Kyrgyzstan and Tajikistan, "KNB" in Kazakhstan and Kyrgyzstan) stay
apart: an organisation's key carries its country ("state committee for national security @kg").

The country of a statement is the one its own sentence names, when it names exactly one; else
the document's: the country it names most, when that one is named clearly more than any other.
No country in the text → none (the key stays without one), nothing is guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

from custodes import yamldata


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = yamldata.load(
        resources.files("custodes.data").joinpath("countries.yaml").read_text("utf-8")
    )
    return {
        code: re.compile(r"\b(?:" + "|".join(words) + ")", re.I) for code, words in data.items()
    }


def mentions(text: str) -> Counter[str]:
    """How often each country is named in ``text``."""
    return Counter({code: n for code, p in _patterns().items() if (n := len(p.findall(text)))})


def country_of(text: str) -> str | None:
    """The country a document is about: the most named one, if named at least twice as often as
    the next."""
    ranked = mentions(text).most_common(2)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def country_in(sentence: str) -> str | None:
    """The one country a sentence names, or None (none or several)."""
    named = mentions(sentence)
    return next(iter(named)) if len(named) == 1 else None


def split_country(name: str) -> tuple[str, str | None]:
    """ "GKNB (KG)", "ГКНБ Кыргызстана", "NSC of Kazakhstan" → (the name without it, the code)."""
    m = re.fullmatch(r"(.+?)\s*[\(@]\s*([A-Za-z]{2})\s*\)?", name.strip())
    if m and m.group(2).upper() in _patterns():
        return m.group(1), m.group(2).upper()
    code = country_in(name)
    if code is None:
        return name, None
    rest = _patterns()[code].split(name, maxsplit=1)[0]
    rest = re.sub(
        r"\s+(?:of(?:\s+the)?(?:\s+Republic\s+of)?|Республики|Кыргызской)\s*$",
        "",
        rest.strip(),
        flags=re.I,
    )
    return (rest.strip(" ,'’s") or name), code


def with_country(key: str | None, code: str | None) -> str | None:
    """An organisation key with its country: "national security committee @kz"."""
    if not key or not code or " @" in key:
        return key
    return f"{key} @{code.lower()}"
