"""Keys: how the knowledge base decides that two spellings name one person, organisation or post.

Keys are deliberately simple, deterministic and explainable; they are not entity resolution.
Examples::

    >>> person_key("Ermek Sagimbayev")
    'ermek sagimbayev'
    >>> org_key("National Security Committee")
    'national security committee'
    >>> unit_key("Special Service “A”")
    'special service a'
    >>> post_key("National Security Committee", "head", "Special Service “A”")
    'national security committee|head|special service a'

For the seats head, first_deputy and deputy the title text does not matter: "Director of
Special Service “A”" and "Head of Special Service “A”" are one post. Only roles ``member`` and
``other`` (adviser, spokesperson …) keep their title in the key, because an adviser and a
spokesperson in one organisation are different posts.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from custodes.countries import with_country

# Roles whose seat is defined by organisation and unit alone.
SEAT_ROLES = frozenset({"head", "first_deputy", "deputy"})


def fold(text: str) -> str:
    """Lower-cased, accent-free, punctuation-free, single-spaced: the base of every key.

    Accents go (é → e, ё → е) but letters of other scripts stay: a Cyrillic name keeps a key
    of its own (transliteration across scripts is resolution's job, not the key's)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    # dotless ı (Kazakh, Turkish, Azerbaijani names) is "i" once the case is gone: "ı".upper()
    # is "I", so without this "Aı" and "AI" were two people (found by fuzz/test_properties.py)
    lower = bare.lower().replace("ı", "i")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", lower)).strip()


def person_key(name: str | None) -> str | None:
    """``"Anuar Sadykulov"`` → ``"anuar sadykulov"``; hyphens and accents do not split people."""
    if not name:
        return None
    return fold(name.replace("-", " ")) or None


def surname_key(name: str) -> str:
    """The last word of a person key: how an analyst searches ("Kunanbayev")."""
    key = person_key(name) or ""
    return key.split(" ")[-1] if key else ""


def org_key(name: str | None) -> str | None:
    """``"the “National Security” Committee"`` → ``"national security committee"``."""
    if not name:
        return None
    key = fold(name)
    key = re.sub(r"^the ", "", key)
    return key or None


def unit_key(name: str | None) -> str:
    """A unit's key; the empty string for a post of the organisation itself."""
    return org_key(name) or ""


def post_key(
    org: str | None,
    role: str,
    unit: str | None,
    title: str | None = None,
    country: str | None = None,
) -> str:
    """``org_key|role|unit_key``; the title is part of the key only outside head/deputy seats.
    The organisation's key carries its country when known ("… @kz")."""
    seat = role if role in SEAT_ROLES else f"{role}:{fold(title or '')}"
    return f"{with_country(org_key(org), country) or ''}|{seat}|{unit_key(unit)}"


def stable_id(*fields: object) -> str:
    """A sha256 over key fields: the same statement from the same document gets the same id, so
    ingesting it twice cannot create a second row."""
    raw = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
