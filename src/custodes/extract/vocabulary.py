"""A language's event vocabulary, read from ``languages/<lang>/vocabulary.yaml`` and validated at
load.

The vocabulary is data so that an analyst can read why an event was found (the trigger lemma
is named in each statement's extractor field) and so that a language is its words plus a
parser, not more code. A bad file fails at import with the file and key named, never later
as a silent miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from custodes import yamldata
from custodes.ontology import EVENT_TYPES


class VocabularyError(ValueError):
    """A vocabulary file that does not have the shape the extractor reads."""


@dataclass(frozen=True)
class Vocabulary:
    verb_triggers: dict[str, str]
    noun_triggers: dict[str, str]
    transitive: frozenset[str]
    not_event_heads: frozenset[str]
    negations: frozenset[str]
    report_verbs: frozenset[str]
    # (name, event type, DependencyMatcher pattern): events a phrase makes ("took over")
    phrase_triggers: tuple[tuple[str, str, list[dict[str, object]]], ...] = ()
    # adverbs that make the trigger they modify a claim, not a fact ("is allegedly killed")
    hedges: frozenset[str] = frozenset()


_TYPES = set(EVENT_TYPES) | {"replace"}


def parse(data: object, name: str) -> Vocabulary:
    """Check and build a vocabulary; every problem names the file and the key."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{name}: expected a mapping at the top")

    def mapping(key: str) -> dict[str, str]:
        value = data.get(key)
        if not isinstance(value, dict) or not value:
            raise VocabularyError(f"{name}: {key} must be a non-empty mapping")
        for word, etype in value.items():
            if not isinstance(word, str) or etype not in _TYPES:
                raise VocabularyError(
                    f"{name}: {key}.{word}: {etype!r} is not an event type ({sorted(_TYPES)})"
                )
        return dict(value)

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise VocabularyError(f"{name}: {key} must be a list of words")
        return frozenset(value)

    vocab = Vocabulary(
        mapping("verb_triggers"),
        mapping("noun_triggers"),
        words("transitive"),
        words("not_event_heads"),
        words("negations"),
        words("report_verbs"),
        phrases(data.get("phrase_triggers") or [], name),
        words("hedges") if "hedges" in data else frozenset(),
    )
    stray = vocab.transitive - set(vocab.verb_triggers) - {"tap", "pick", "choose", "select"}
    if stray:
        raise VocabularyError(
            f"{name}: transitive names verbs that are not triggers: {sorted(stray)}"
        )
    return vocab


@cache
def load(lang: str) -> Vocabulary:
    """The vocabulary of ``lang`` ("en")."""
    from custodes.languages import vocabulary_text

    name = f"languages/{lang}/vocabulary.yaml"
    return parse(yamldata.load(vocabulary_text(lang)), name)


def phrases(items: object, name: str) -> tuple[tuple[str, str, list[dict[str, object]]], ...]:
    """Phrase triggers as spaCy DependencyMatcher patterns, each checked by the matcher itself
    (a pattern spaCy would refuse fails here, with its name, not at the first document)."""
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    if not isinstance(items, list):
        raise VocabularyError(f"{name}: phrase_triggers must be a list")
    matcher = DependencyMatcher(Vocab())
    out = []
    for k, item in enumerate(items):
        where = f"{name}: phrase_triggers[{k}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise VocabularyError(f"{where}: needs a name, a type and a pattern")
        where = f"{name}: phrase_triggers.{item['name']}"
        if item.get("type") not in _TYPES:
            raise VocabularyError(f"{where}: {item.get('type')!r} is not an event type")
        pattern = item.get("pattern")
        if not isinstance(pattern, list) or not pattern:
            raise VocabularyError(f"{where}: pattern must be a non-empty list")
        try:
            matcher.add(item["name"], [pattern])
        except (ValueError, TypeError, KeyError) as e:
            raise VocabularyError(f"{where}: {e}") from None
        out.append((item["name"], item["type"], pattern))
    return tuple(out)


RU_PATTERN_KEYS = ("trigger_stems", "not_event", "denials")


def russian_patterns(data: object, name: str) -> dict[str, re.Pattern[str]]:
    """The Russian reader's patterns (``RU_PATTERN_KEYS``), each a list of regular-expression
    fragments, compiled into one case-insensitive alternation; a fragment that does not
    compile, or a verb whose type is not an event type, is named with its key."""
    if not isinstance(data, dict):
        raise VocabularyError(f"{name}: expected a mapping at the top")
    for key in ("verbs", "nouns"):
        for word, spec in (data.get(key) or {}).items():
            if not isinstance(spec, dict) or spec.get("type") not in _TYPES:
                raise VocabularyError(f"{name}: {key}.{word}: type must be one of {sorted(_TYPES)}")
    out = {}
    for key in RU_PATTERN_KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise VocabularyError(f"{name}: {key} must be a non-empty list of patterns")
        for k, fragment in enumerate(value):
            try:
                re.compile(fragment)
            except (re.error, TypeError) as e:
                raise VocabularyError(f"{name}: {key}[{k}] {fragment!r}: {e}") from None
        out[key] = re.compile("|".join(value), re.IGNORECASE)
    return out
