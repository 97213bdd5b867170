"""The faster forms of the sentence filter's tests find what the slower ones found.

Extraction's speed (benchmarks/bench_extract.py) rests on cheap tests run over every sentence of
every text. Each fast form here replaced a slower one that gave the same answers: a tree of
trigger stems for a loop over them, a look ahead for the letters a pattern's alternatives begin
with, a decree test in three parts, one scan for place words instead of one pattern per name.
"""

from __future__ import annotations

import re
from re import _constants as sre
from re import _parser as sre_parse

import pytest

from custodes import ontology
from custodes.extract import dates, institutions, roster, select

SENTENCES = [
    "President Ali Rahimov appointed Colonel Bolat Nurov Head of the Border Service on Monday.",
    "The minister was relieved of his duties the following day.",
    "Farmers moved their herds to the hills in early July.",
    "Police arrested 7 people after the match.",
    "He took over the helm of the agency two weeks later.",
    "The new Head of the Service, Arman Seitov, was introduced to staff.",
    "It rained in Almaty yesterday; the overthrown government met in exile.",
    "Ms. Aliyeva, who resigned in 2019, was sworn in again as Deputy Prosecutor General.",
    "The defendants were named as Nurlan Abishev and Dana Serikova; one of them died in custody.",
    "Nothing about personnel at all, just the weather and a football score of 2-1.",
    "The leadership of the service is as follows: Chairman A. Bekov, deputies B. Ospanov.",
    "On 5 March 2021, the day before, that same day and the next month: dates everywhere.",
    "В тот же день указ президента назначил его; постановляю: освободить.",
    "",
]


def test_stem_tree_is_the_substring_test() -> None:
    """``substrings_pattern`` finds a text exactly where one of its stems is a substring: each
    stem alone, each stem inside a longer word, each stem cut short, and ordinary sentences."""
    stems = select._TRIGGER_STEMS
    pattern = select.substrings_pattern(stems)
    texts = [x.lower() for x in SENTENCES]
    texts += list(stems) + [f"x{s}y" for s in stems] + [s[:-1] for s in stems]
    for text in texts:
        assert bool(pattern.search(text)) == any(s in text for s in stems), text
    assert select.substrings_pattern(("post", "posted")).pattern == "post"


def test_the_incoming_test_needs_its_words() -> None:
    """can_hold_event tries _INCOMING only where "new" or "incoming" is written: every match
    of the pattern holds one of them."""
    for text in [*SENTENCES, "the newly appointed Envoy Arman Seitov", "The incoming Chief X Y"]:
        if select._INCOMING.search(text):
            assert "new" in text or "incoming" in text
    assert select.can_hold_event("They met the new Head of the Service, Arman Seitov.")


def test_a_sentence_without_a_trigger_is_not_parsed() -> None:
    assert not select.can_hold_event("Farmers moved their herds to the hills in early July.")
    assert not select.can_hold_event("Nothing about personnel at all, just the weather.")
    assert select.can_hold_event("President Ali Rahimov appointed Bolat Nurov Head of Service.")


def _variants(c: str, ignorecase: bool) -> set[str]:
    return {c, c.lower(), c.upper(), c.swapcase()} if ignorecase else {c}


def _first(items, ignorecase: bool) -> tuple[set[str], bool]:
    """The characters a match of the parsed ``items`` can begin with, and whether it can be
    empty there (a look around, an optional part)."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_of(op, av, ignorecase)
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_of(op, av, ignorecase: bool) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return _variants(chr(av), ignorecase), False
    if op is sre.IN:
        out: set[str] = set()
        for o, a in av:
            if o is sre.LITERAL:
                out |= _variants(chr(a), ignorecase)
            elif o is sre.RANGE:
                for x in range(a[0], a[1] + 1):
                    out |= _variants(chr(x), ignorecase)
            elif o is sre.CATEGORY and a is sre.CATEGORY_DIGIT:
                out |= set("0123456789٣۵")
            else:
                raise AssertionError(f"no first characters for {o} {a}")
        return out, False
    if op is sre.BRANCH:
        out, empty = set(), False
        for alt in av[1]:
            chars, e = _first(alt, ignorecase)
            out |= chars
            empty |= e
        return out, empty
    if op is sre.SUBPATTERN:
        _group, add, drop, sub = av
        ic = (ignorecase or bool(add & re.IGNORECASE)) and not drop & re.IGNORECASE
        return _first(sub, ic)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        chars, empty = _first(sub, ignorecase)
        return chars, empty or lo == 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True
    raise AssertionError(f"no first characters for {op}")


def first_characters(pattern: str, flags: int) -> set[str]:
    parsed = sre_parse.parse(pattern, flags)
    chars, empty = _first(parsed, bool(parsed.state.flags & re.IGNORECASE))
    assert not empty, "a pattern that can match nothing at its start has no first characters"
    return chars


@pytest.mark.parametrize(
    ("compiled", "prefix", "look", "body"),
    [
        (
            dates.RELATIVE_RE,
            r"\b",
            rf"(?=[{dates.RELATIVE_FIRST}])",
            None,
        ),
        (roster.ROSTER_MARKER, r"\b", "(?=[acfiklprs])", None),
        (institutions._SECTOR, r"\b", "(?=[A-Z])", None),
        (
            select.TRIGGER_RE,
            "",
            f"(?=[{select._TRIGGER_FIRST}])",
            f"(?:{select.STRONG_TRIGGER_RE.pattern}|{select.WEAK_TRIGGER_RE.pattern})",
        ),
        (
            select._DECREE_PARTS[0],
            "",
            "(?=(?i:[ihdпру])|[DOR])",
            "(?:" + select._DECREE_WORDS + ")",
        ),
        (
            ontology.TITLE_RE,
            r"(?<![\w-])",
            ontology._first_letters([t["match"] for t in ontology._TITLES]),
            None,
        ),
        (ontology.RANK_RE, r"(?<![\w-])", ontology._first_letters(ontology._RANKS), None),
    ],
    ids=[
        "relative dates",
        "roster marker",
        "sector words",
        "triggers",
        "decree words",
        "titles",
        "ranks",
    ],
)
def test_look_ahead_admits_every_first_character(compiled, prefix, look, body) -> None:
    """A look ahead for the characters a pattern's alternatives begin with changes no match
    only if it admits every character any alternative can begin with (in either case where
    the pattern ignores case): read from the parsed pattern, not from examples."""
    assert look, "the look ahead is there"
    assert compiled.pattern.startswith(prefix + look)
    rest = body if body is not None else compiled.pattern[len(prefix + look) :]
    ahead = re.compile(look, compiled.flags)
    missed = {c for c in first_characters(rest, compiled.flags) if not ahead.match(c)}
    assert not missed
    # and the matches are those of the pattern without it
    plain = re.compile(prefix + rest, compiled.flags)
    for text in SENTENCES:
        assert [m.span() for m in compiled.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


def test_decree_in_parts_is_the_decree_pattern() -> None:
    texts = [
        *SENTENCES,
        "I hereby decree: the following.",
        "ORDER OF THE MINISTER OF DEFENCE",
        "It is hereby ordered that X leave.",
        "The Minister determines: to appoint X.",
        "1. To appoint Bolat Nurov Head.\n2. Relieve Arman Seitov of his duties.",
        "1. Bolat Nurov is appointed Head.\n\n2. Arman Seitov is dismissed from the post.",
        "1. Appoint Bolat Nurov Head of the Border Service.",
        "Распоряжение Президента о назначении",
        "the decree of the president was read",
    ]
    for text in texts:
        assert select.is_decree(text) == bool(select._DECREE.search(text)), text
    assert select.is_decree("I hereby decree: the following.")
    assert not select.is_decree("the decree of the president was read")


def test_places_in_one_scan() -> None:
    """A surname the text also puts after "of", "in", "from", "across" or "to" is a place
    ("of Kazakhstan"): the one scan gives what a pattern per name gave."""
    from custodes.extract.pipeline import _not_places

    text = (
        "Askar Tokayev met Dana Serikova in Almaty. Officials from Tokayevo and of Serik came "
        "to Nur-Sultan; across  Kazakh lands, troops moved to Serikova's villages. Rahimov "
        "spoke of Rahimovs. Into Bek."
    )
    names = {"Tokayev", "Serikova", "Almaty", "Serik", "Nur-Sultan", "Kazakh", "Rahimov", "Bek"}

    def slow(name: str) -> bool:
        return not re.search(rf"\b(?:of|in|from|across|to)\s+{re.escape(name)}\b", text)

    assert _not_places(names, text) == {n for n in names if slow(n)}
    assert _not_places(names, text) == {"Tokayev", "Rahimov", "Bek"}
    assert _not_places(set(), text) == set()


def test_candidates_take_the_decree_test_from_the_caller() -> None:
    text = "1. To appoint Bolat Nurov Head.\n2. Relieve Arman Seitov of his duties.\n"
    alone = select.candidates(text, None)
    given = select.candidates(text, None, decree=select.is_decree(text))
    assert [c.sentence.text for c in alone] == [c.sentence.text for c in given]
    assert alone and select.is_decree(text)


def test_the_text_of_a_parse_is_read_once() -> None:
    from custodes.extract.mentions import doc_text
    from custodes.extract.pipeline import load_nlp

    doc = load_nlp()("Colonel Bolat Nurov  was appointed Head of the Border Service.")
    assert doc_text(doc) == doc.text == doc_text(doc[2:5]) == doc_text(doc[3])
    doc.user_data["custodes.text"] = "kept"
    assert doc_text(doc) == "kept"  # the kept text, not joined again


def test_language_counted_by_runs_of_letters() -> None:
    from custodes.ingest.read import detect_language

    def by_letter(text: str) -> str:
        sample = text[:20000]
        cyr = len(re.findall(r"[\u0400-\u04ff]", sample))
        lat = len(re.findall(r"[A-Za-z]", sample))
        return "und" if cyr + lat < 20 else ("ru" if cyr > lat else "en")

    texts = [*SENTENCES, "Указ Президента: назначить Ivanov, O'Neil-Smith.", "x" * 30000, "ab 12"]
    for text in texts:
        assert detect_language(text) == by_letter(text), text
