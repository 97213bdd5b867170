"""One person under every spelling: Massimov / Masimov / Масимов / Мәсімов / "Масимова Карима
Кажимкановича" (after nominative normalisation).

``name_key`` makes a script-independent key: ICU transliteration (normality) after folding the
Kazakh letters ICU leaves alone, lower case, patronymics dropped (an English report rarely gives
them), the spellings that transliteration systems disagree on collapsed (zh/ž/j → z, kh → h,
ye → e, y/iy/j → i, doubled letters), words sorted so that order does not matter.
``same_person`` compares two names word by word with rapidfuzz, so that typos pass and a
different given name or patronymic does not: "Anuar Kunanbayev" and "Berik Kunanbayev" stay two
people. ``cluster`` groups many mentions, comparing only names that share a surname block (the
first letters of a key word), which is what lets it run on 100,000 mentions.

    >>> same_person("Karim Massimov", "Масимов Карим Кажимканович")
    True
    >>> same_person("Anuar Kunanbayev", "Berik Kunanbayev")
    False
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from normality import ascii_text
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

# ICU's Cyrillic-Latin transliteration does not cover these Kazakh (and Tajik) letters; their
# Russian counterparts are what Russian-language sources write for them anyway.
_KAZAKH = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ҳ": "х",
        "ҷ": "дж",
        "ӣ": "и",
        "ӯ": "у",
        "Ә": "А",
        "Ғ": "Г",
        "Қ": "К",
        "Ң": "Н",
        "Ө": "О",
        "Ұ": "У",
        "Ү": "У",
        "Һ": "Х",
        "І": "И",
        "Ҳ": "Х",
        "Ҷ": "Дж",
        "Ӣ": "И",
        "Ӯ": "У",
    }
)
_PATRONYMIC = re.compile(
    r"(?:ovich|evich|ovic|evic|ovna|evna|ichna|uly|ulu|uuly|kyzy|kizi|qizi|ogly|oglu|ugli)$"
)
# the same sound written differently by different transliteration systems, longest first
_VARIANTS = [
    ("shch", "s"),
    ("sch", "s"),
    ("dzh", "z"),
    ("zh", "z"),
    ("kh", "h"),
    ("ch", "C"),  # ч in English, х in German: matches both (see _word_match)
    ("sh", "s"),
    ("ts", "c"),
    ("tz", "c"),
    ("yu", "u"),
    ("iu", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ye", "e"),
    ("yo", "e"),
    ("ie", "e"),
    ("iy", "i"),
    ("yi", "i"),
    ("ij", "i"),
    ("ej", "ei"),
    ("aj", "ai"),
    ("oj", "oi"),
    ("uj", "ui"),
    ("j", "z"),
    ("y", "i"),
    ("q", "k"),
    ("w", "v"),
    ("ph", "f"),
    ("x", "ks"),
    ("ck", "k"),
]


@lru_cache(maxsize=200_000)
def _word(word: str) -> str:
    if len(word) == 1:
        return word  # an initial keeps its letter: "Y." is Yermek or Yuri, "I." is Igor
    # j after a vowel is the German/Polish й-vowel ("Bajanow"); at the start it is ж (Jomart)
    w = re.sub(r"(?<=[aeiou])j([aeuo])", lambda m: {"o": "e"}.get(m.group(1), m.group(1)), word)
    for a, b in _VARIANTS:
        w = w.replace(a, b)
    w = w.replace("z", "s")  # German and other systems write voiced z as s
    return re.sub(r"(.)\1+", r"\1", w)  # Massimov / Masimov


@lru_cache(maxsize=200_000)
def _parts(name: str) -> tuple[tuple[str, ...], str | None]:
    """(the words of a name's key without its patronymic, the patronymic or None)."""
    latin = ascii_text(name.translate(_KAZAKH)) or ""
    # words split at spaces and hyphens; marks inside a word (the soft sign as ʹ or ') go
    words = [re.sub(r"[^a-z]", "", w) for w in re.split(r"[\s.-]+", latin.lower())]
    words = [w for w in words if w]
    patr = [w for w in words if len(words) > 2 and _PATRONYMIC.search(w)]
    kept = [w for w in words if w not in patr]
    return tuple(_word(w) for w in kept), (_word(patr[0]) if patr else None)


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name's key, patronymic dropped (an English source rarely gives one)."""
    return _parts(name)[0]


def name_key(name: str) -> str:
    """A key that is the same for one name in any script or transliteration."""
    return _words_key(name_words(name))


def _words_key(words: tuple[str, ...]) -> str:
    return " ".join(sorted(words))


# endings of East Slavic, Turkic, Caucasian and Central Asian surnames, after _word
_SURNAME_END = re.compile(r"(?:ov|ev|in|ova|eva|ina|ski|sk|enko|ko|uk|an|ani|se|svili|uli|ulu)$")
# the first letter a key word has when its initial is y/i (Yermek → ermek, Yuri → uri)
_INITIAL_ALTS = {"y": "ieu", "j": "ieuz", "z": "zs"}


def word_match(a: str, b: str) -> bool:
    if "C" in a or "C" in b:  # "ch": ч (English) or х (German "Bachyt")
        return any(
            word_match(x, y)
            for x in {a.replace("C", "c"), a.replace("C", "h")}
            for y in {b.replace("C", "c"), b.replace("C", "h")}
        )
    if len(a) == 1 or len(b) == 1:  # an initial
        initial, word = (a, b) if len(a) == 1 else (b, a)
        return word[0] in _INITIAL_ALTS.get(initial, initial)
    if a + "a" == b or b + "a" == a:
        return False  # Petrov and Petrova are two people (the names here are nominative)
    if a == b:
        return True
    distance = DamerauLevenshtein.distance(a, b)
    # one edit (a swap counts as one) in a surname is a typo ("Ibraev" / "Ibaev"); in a short
    # given name it is another name (Marat / Murat), so those need a longer word
    if (
        distance == 1
        and min(len(a), len(b)) >= 4
        and (_SURNAME_END.search(a) or _SURNAME_END.search(b))
    ):
        return True
    similarity = DamerauLevenshtein.normalized_similarity(a, b)
    return similarity >= (0.8 if min(len(a), len(b)) >= 6 else 0.85)


def same_person(a: str, b: str, threshold: float = 85.0) -> bool:
    """Are two names spellings of one person? Every word of the shorter name must match a word
    of the longer one (an initial matches its word), patronymics given on both sides must agree,
    and the matched words must be close overall."""
    return _same_parts(_parts(a), _parts(b), threshold)


def _same_parts(
    a: tuple[tuple[str, ...], str | None], b: tuple[tuple[str, ...], str | None], threshold: float
) -> bool:
    """``same_person`` of two names' ``_parts``."""
    (wa, pa), (wb, pb) = a, b
    if not wa or not wb:
        return False
    if pa and pb and not word_match(pa, pb):
        return False  # Ivan Ivanovich and Ivan Sergeyevich Petrov are two people
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    used: set[int] = set()
    pairs: list[tuple[str, str]] = []
    for w in short:
        k = next((i for i, v in enumerate(long_) if i not in used and word_match(w, v)), None)
        if k is None:
            return False
        used.add(k)
        if len(w) > 1 and len(long_[k]) > 1:
            pairs.append((w, long_[k]))
    if len(short) == 1 and len(long_) > 1:
        return True  # a surname alone: the caller decides whether the context allows it
    if not pairs:
        return False
    left = " ".join(sorted(p for p, _ in pairs))
    right = " ".join(sorted(q for _, q in pairs))
    return fuzz.token_sort_ratio(left, right) >= threshold


def is_partial(name: str) -> bool:
    """A surname alone or a name with an initial: it joins a cluster only when it fits one."""
    return _partial_words(name_words(name))


def _partial_words(words: tuple[str, ...]) -> bool:
    return len(words) < 2 or any(len(w) == 1 for w in words)


def _word_blocks(name: str, words: tuple[str, ...] | None = None) -> set[str]:
    return {w[:3] for w in (name_words(name) if words is None else words) if len(w) > 3}


def _pair_blocks(name: str, words: tuple[str, ...] | None = None) -> set[str]:
    """Blocks of a full name: every pair of its words' first three letters. Two full names are
    one person only if every word of the shorter matches a word of the longer, so they share a
    pair; a given name alone (thousands of "Serik"s) is never a block. (``words``: the name's
    ``name_words``, when the caller has them.)"""
    starts = sorted({w[:3] for w in (name_words(name) if words is None else words)})
    return {f"{a}+{b}" for i, a in enumerate(starts) for b in starts[i + 1 :]}


def blocks(name: str) -> set[str]:
    """The blocks a name is stored under (``name_blocks``): ``p:`` pairs for a full name,
    ``w:`` its words for a full name and ``q:`` for a partial one (how partial names find the
    full names they may fit, and full names the partials they may change)."""
    if is_partial(name):
        return {f"q:{b}" for b in _word_blocks(name)}
    return {f"p:{b}" for b in _pair_blocks(name)} | {f"w:{b}" for b in _word_blocks(name)}


def cluster(names: Iterable[str], threshold: float = 85.0) -> list[int]:
    """A cluster number per name: names that are one person share it. Full names are compared
    only within a block of two words (``_pair_blocks``); a partial name with the full names
    that share a word with it."""
    items = list(names)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # each name's parts, once: every pass below over more names than ``_parts``' cache
    # holds (200,000) would miss it on every name, which made a rebuild of a million
    # statements spend a third of its identities on splitting names again
    every = [_parts(n) for n in items]
    by_key: dict[str, int] = {}
    for i, (w, _) in enumerate(every):
        k = _words_key(w)  # name_key
        if k in by_key:
            parent[find(i)] = find(by_key[k])  # identical keys need no comparison
        else:
            by_key[k] = i
    parts = {i: every[i] for i in by_key.values()}
    partial = {i: _partial_words(p[0]) for i, p in parts.items()}
    pairs: dict[str, list[int]] = defaultdict(list)
    words: dict[str, list[int]] = defaultdict(list)
    for i in by_key.values():
        if not partial[i]:
            for b in _pair_blocks(items[i], parts[i][0]):
                pairs[b].append(i)
            for b in _word_blocks(items[i], parts[i][0]):
                words[b].append(i)

    # Full names first; a name with an initial or a surname alone joins a cluster only when it
    # fits exactly one ("K. Masimov" must not chain Karim and Kanat Masimov together).
    for members in pairs.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if find(i) != find(j) and _same_parts(parts[i], parts[j], threshold):
                    parent[find(i)] = find(j)
    for i in by_key.values():
        if not partial[i]:
            continue
        fits = {
            find(j)
            for b in _word_blocks(items[i], parts[i][0])
            for j in words[b]
            if _same_parts(parts[i], parts[j], threshold)
        }
        if len(fits) == 1:
            parent[find(i)] = fits.pop()
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(items))]


def in_force(
    rows: Iterable[tuple[str, str, str | None]], prefix: str = ""
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """(merges, not-same pairs, split keys) of standing decisions ``(kind, a, b)`` in the
    order they were made, kinds ``merge`` / ``not_same`` / ``split`` (with ``prefix``: of
    organisations). A later decision overrules an earlier one it contradicts: a split of a
    spelling takes it out of the merges before it, a merge after a split joins it again, and of
    a merge and a not-same of one pair the later stands."""
    merges: dict[tuple[str, str], None] = {}
    apart: dict[tuple[str, str], None] = {}
    splits: dict[str, None] = {}
    for kind, a, b in rows:
        if kind == prefix + "split":
            for pair in [m for m in merges if a in m]:
                del merges[pair]
            splits[a] = None
        elif kind in (prefix + "merge", prefix + "not_same") and b is not None:
            pair = (a, b)
            same = {pair, (b, a)}
            if kind == prefix + "merge":
                for x in same & apart.keys():
                    del apart[x]
                for k in (a, b):
                    splits.pop(k, None)
                merges[pair] = None
            else:
                for x in same & merges.keys():
                    del merges[x]
                apart[pair] = None
    return list(merges), list(apart), list(splits)


def identities(
    names: Iterable[tuple[str, str]],
    merges: Iterable[tuple[str, str]] = (),
    apart: Iterable[tuple[str, str]] = (),
    splits: Iterable[str] = (),
) -> dict[str, str]:
    """Stored person key → the key of the person it is, for (spelling, key) pairs: ``cluster``,
    then analysts' decisions (a split spelling stands alone; "not the same" wins over the
    algorithm; a merge joins what it kept apart). The key of a group is that of its fullest
    Latin spelling, so an English-only knowledge base keeps its keys as they are."""
    from collections import Counter

    from custodes.analyses.entities import _preferred
    from custodes.store.keys import person_key

    pairs = sorted(set(names))
    groups = cluster([n for n, _ in pairs])
    group_of = {key: g for (_, key), g in zip(pairs, groups, strict=True)}
    fresh = max(groups, default=0) + 1
    for a in splits:
        if a in group_of:
            group_of[a], fresh = fresh, fresh + 1
    for a, b in apart:
        if a in group_of and b in group_of and group_of[a] == group_of[b]:
            group_of[b], fresh = fresh, fresh + 1
    for a, b in merges:
        if a in group_of and b in group_of:
            ga, gb = group_of[a], group_of[b]
            group_of = {k: (ga if g == gb else g) for k, g in group_of.items()}
    spelled: dict[int, Counter[str]] = {}
    for name, key in pairs:
        spelled.setdefault(group_of[key], Counter())[name] += 1
    head = {g: person_key(_preferred(c)) or "" for g, c in spelled.items()}
    return {key: head[group_of[key]] for _, key in pairs}
