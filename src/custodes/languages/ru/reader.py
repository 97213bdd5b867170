"""Personnel events in Russian text, with the same fields and evidence as English.

natasha (which ships its models in its wheel) segments, tags, parses and finds names; a
gazetteer of Russian titles (``languages/ru/vocabulary.yaml``) maps posts to the shared taxonomy
("председателем КНБ" → Chairman of the National Security Committee). Decree wording ("Назначить
Сагимбаева Ермека Алпысовича Председателем …, освободив его от должности …"), wire wording
("Токаев освободил Масимова от должности …") and biographies ("В 2015 году назначен …") are read
from the parse: the object of an active verb, the subject of a passive participle. Names come
back in the nominative ("Масимова Карима Кажимкановича" → "Масимов Карим Кажимканович"). Dates,
headings and the document's date context are shared with English (``select``).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

from custodes.extract.dates import DateContext, PartialDate, find_dates
from custodes.extract.itemdate import NEWS_ITEM_CHARS, item_date, news_of_the_day
from custodes.extract.mentions import Post
from custodes.extract.merge import _merge
from custodes.extract.model import Event, Extraction
from custodes.extract.segment import Sentence
from custodes.extract.select import Candidate, candidates
from custodes.extract.vocabulary import russian_patterns


@cache
def _data() -> dict[str, Any]:
    from custodes.languages import vocabulary_data

    return vocabulary_data("ru")


def _stem_pattern(word: str) -> str:
    """A title word in any case: its stem and up to four letters ("председател\w{0,4}"). A
    short word's vowel drops ("посол", "посла", "послом"): its stem keeps the consonant after
    the vowel, so that "пост" is not "посол"."""
    if len(word) <= 4:
        return word
    if len(word) == 5 and word[-2] in "оеё":
        return word[:-2] + "[оеё]?" + word[-1] + r"\w{0,3}(?![\w-])"
    if len(word) == 5:
        # "глава": "главы", "главой", not "глазах" (a stem of three letters is too short)
        return word[:-1] + r"\w{0,3}(?![\w-])"
    return word[:-2] + r"\w{0,4}(?![\w-])"


_TITLES = sorted(_data()["titles"], key=lambda t: -len(t["match"]))
_TITLE_RE = re.compile(
    r"(?<![\w-])(?!после(?![\w-]))(?P<acting>(?:временно\s+)?исполняющ\w*\s+обязанност\w*\s+)?(?P<title>"
    + "|".join(r"\s+".join(_stem_pattern(w) for w in t["match"].split()) for t in _TITLES)
    + r")",
    re.IGNORECASE,
)
_VERBS: dict[str, dict[str, str]] = _data()["verbs"]
# event nouns whose genitive names the person ("после смерти X", "арест X")
_EVENT_NOUNS: dict[str, dict[str, str]] = _data().get("nouns") or {}
_ORGS: dict[str, str] = _data()["organizations"]
_PATTERNS = russian_patterns(_data(), "languages/ru/vocabulary.yaml")


def _first_letters(pattern: re.Pattern[str], stems: list[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the letters its stems begin with ("назнач",
    "освобо[жд]", "\\bубит": н, о, у …): the same matches, found about twice as fast, since
    the engine leaves most positions of a text at one character class instead of trying every
    stem (the whole text is scanned for triggers). A stem that begins otherwise keeps the
    pattern as it is."""
    heads = {re.sub(r"^\\b", "", st)[:1] for st in stems}
    if not heads or not all(h.isalpha() for h in heads):
        return pattern
    letters = "".join(sorted({c for h in heads for c in (h.lower(), h.upper())}))
    return re.compile(rf"(?=[{letters}])(?:{pattern.pattern})", pattern.flags)


_YO = str.maketrans("ёЁ", "еЕ")


class _YoBlind:
    """A pattern that reads "ё" as "е", as most Russian print does ("обвинён" is "обвинен" to
    the stems): the text is translated letter for letter, so positions do not move."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.compiled = pattern
        self.pattern = pattern.pattern

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text.translate(_YO))

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text.translate(_YO))

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        return self.compiled.finditer(text.translate(_YO))


_TRIGGER = _YoBlind(_first_letters(_PATTERNS["trigger_stems"], _data()["trigger_stems"]))
_NEGATED = _PATTERNS["not_event"]
_NEGATED_ANY = _PATTERNS["denials"]
_RU_LETTERS = str.maketrans("ӘәҒғҚқҢңӨөҰұҮүҺһІіҲҳҶҷӮӯӢӣ", "АаГгКкНнОоУуУуХхИиХхЧчУуИи")
# Latin letters that look Cyrillic, typed inside a Cyrillic word ("Франcиско" with a Latin c):
# the tagger does not know such a word as a name
_HOMOGLYPHS = str.maketrans("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ")
_MIXED = re.compile(r"[\w-]*(?:[а-яё][a-z]|[a-z][а-яё])[\w-]*", re.IGNORECASE)
_MIXED_PAIR = re.compile(r"[а-яё][a-z]|[a-z][а-яё]", re.IGNORECASE)  # the cheap test first


def _one_script(text: str) -> str:
    """``text`` with the Latin look-alikes inside Cyrillic words made Cyrillic (same length)."""
    if not _MIXED_PAIR.search(text):
        return text
    return _MIXED.sub(lambda m: m.group(0).translate(_HOMOGLYPHS), text)


_LIST_ITEM = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+[^–—]{0,60}?"
    r"(?:[–—]|(?=\s+от\s+должност)"
    # "КАЛАШНИКОВА Виктора Кирилловича Главой администрации …": the title in the instrumental
    r"|(?=\s+(?:[Пп]ерв\w+\s+)?(?:(?:[Зз]аместител|[Пп]редседател|[Рр]уководител)ем|"
    r"(?:[Мм]инистр|[Нн]ачальник|[Дд]иректор|[Гг]убернатор|[Пп]осл|[Пп]рокурор)ом|[Гг]лавой|"
    r"[Кк]омандующим)\b))"
)
_CAREER_LINE = re.compile(
    # ("В 1999 году — помощник …", "В 1996—1997 годах — заместитель …")
    r"^\s*(?:[СсВв]\s+)?[\w\s]{0,20}?\d{4}\s*(?:году|годах|годы|года?|гг?\.)?\s*[–—]\s*\w"
    # without the dash: "С 25 ноября 2005 года исполняющий обязанности …", "С 2005 года депутат …",
    # or the start last: "Вице-премьер-министр Украины с 27 февраля 2014 года."
    r"|^\s*[Сс]\s+(?:\d{1,2}\s+)?(?:[а-яё]+\s+)?\d{4}\s*(?:года|г\.)\s+(?=(?:временно\s+)?"
    r"исполняющ|(?:перв\w+\s+)?(?:заместител|председател|министр|директор|начальник|руководител|"
    r"глав[аы]|депутат|посол|губернатор|мэр|член|секретар|советник|помощник|командующ|командир|"
    r"президент|вице-|премьер|спикер|аким|генеральн))"
    r"|^[^\n.]{0,150}?\s[сС]\s+(?:\d{1,2}\s+)?(?:[а-яё]+\s+)?\d{4}\s*(?:года|г\.)\s*\.?\s*$"
)


def can_hold_event_ru(sentence: str) -> bool:
    """The cheap test for a Russian sentence: a trigger stem, a decree list item ("1.1. Иванова
    Ивана Ивановича – первым заместителем …") or a biography's career line ("С марта 2011 года —
    начальник …"). Russian drops the subject ("В октябре 2021 года освобождён от должности"), so
    a trigger alone is enough inside a document that names someone near a trigger
    (``names_someone``); documents that do not are not parsed at all."""
    return bool(
        _TRIGGER.search(sentence) or _LIST_ITEM.match(sentence) or _CAREER_LINE.match(sentence)
    )


def names_someone(text: str) -> bool:
    """Whether any sentence of ``text`` has a trigger stem and someone it can be about: a name,
    initials or a pronoun ("суд назначил экспертизу", "рейс задержан" name nobody), or is a
    decree list item or career line. Ordinary news fails this cheaply and is never parsed."""
    cues: list[tuple[int, int]] | None = None
    for m in _TRIGGER.finditer(text):
        # the trigger's line, up to 150 characters either side (a capitalised pair cannot span
        # a full stop, so the neighbouring sentences rarely matter)
        lo, hi = max(0, m.start() - 150), m.end() + 150
        a = text.rfind("\n", lo, m.start()) + 1 or lo
        b = text.find("\n", m.end(), hi)
        # a line wrapped by hand ("… обязанностей Губернатора\nМурманской области на …") goes
        # on to the end of its sentence
        while 0 <= b < hi and not re.search(r"[.!?:;]\s*$", text[m.end() : b]):
            nxt = text.find("\n", b + 1, hi)
            b = nxt if nxt >= 0 else -1
        b = b if b >= 0 else hi
        if cues is None:  # every cue of the text, found once: windows overlap
            cues = [(c.start(), c.end()) for c in _PERSON_CUE_RU.finditer(text)]
            starts = [c for c, _ in cues]
        k = bisect.bisect_left(starts, a)
        if k < len(cues) and cues[k][1] <= b:
            return True
    return any(
        (_LIST_ITEM.match(line) or _CAREER_LINE.match(line))
        for line in text.splitlines()
        # what either needs: a dash, "от должности", a surname in capitals, or a year ("с 2005
        # года депутат …")
        if "–" in line or "—" in line or "должност" in line or line[:2].isupper() or "год" in line
    )


_UP = "А-ЯЁӘҒҚҢӨҰҮҺІ"
# two capitalised words ("Сергей Каров", "Карова Сергея", "Президент Жапаров"), a name with
# initials ("Орлова И.А.", "И.А. Орлов"), a capitalised word with a surname's ending before a
# verb ("Каров назначен"), or a personal pronoun
# the lower-case words inside a name: "Мухаммед бин Салман", "Мехди Рустам оглы Мамедов"
_NAME_PARTICLES = frozenset(
    "бин ибн бен аль ал эль ас ад ван фон де ди дель оглы кызы улы уулу".split()
)
_PARTICLE_RU = "|".join(sorted(_NAME_PARTICLES, key=len, reverse=True))
_PERSON_CUE_RU = re.compile(
    # a particle may stand between them: "Мухаммед бин Салман", "Рустам оглы Мамедов"
    rf"[{_UP}][\w-]+[ \t]+(?:(?:{_PARTICLE_RU})[ \t-]+)?[{_UP}][\w-]+"
    rf"|[{_UP}][\w-]+[ \t]+[{_UP}]\.[ \t]?[{_UP}]\."
    rf"|\b[{_UP}]\.[ \t]?(?:[{_UP}]\.[ \t]?)?[{_UP}][\w-]+"
    rf"|\b[{_UP}][\w-]*(?:ов|ев|ёв|ин|ын|ский|цкий|ко|ук|юк|ич|ова|ева|ина|ская|ян|дзе|швили)"
    rf",?[ \t]+(?:был[аи]?[ \t]+)?[а-яё]"
    r"|\b(?i:он|она|они|его|её|ее|ему|ей|их|им|ним|нему|него|ней)\b"
)


def _may_name(sentence: str) -> bool:
    """Can the sentence name someone: a person cue, or a capitalised word after its first that
    is not a name in quotes (an organisation's: «Салиенко»)?"""
    if _PERSON_CUE_RU.search(sentence):
        return True
    return any(w[:1].isupper() for w in sentence.split()[1:])


@dataclass
class _Nlp:
    segmenter: Any
    morph_vocab: Any
    morph: Any
    syntax: Any
    ner: Any


@cache
def load_ru() -> _Nlp:
    """natasha's news models, loaded from its own package (nothing is downloaded)."""
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    emb = NewsEmbedding()
    return _Nlp(
        Segmenter(), MorphVocab(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    )


_UD_CASE = {
    "Nom": "nomn",
    "Gen": "gent",
    "Dat": "datv",
    "Acc": "accs",
    "Ins": "ablt",
    "Loc": "loct",
}
_UD_GENDER = {"Masc": "masc", "Fem": "femn"}


_GLUED = re.compile(r"(?<=[а-яё])(?=[А-ЯЁ][а-яё])")
# "Смита-младшего", "Смит-старшая": a surname and its generation, which declines as an adjective
_GENERATION = re.compile(
    r"(?P<base>[^\W\d_][\w]+)-(?P<gen>(?i:младш|старш))(?:(?P<fem>(?i:ая|ей|ую|ой))|(?i:ий|его|ему|им|ем))$"
)


def nominative(
    words: list[str], vocab: Any, normal: str | None = None, feats: list[dict] | None = None
) -> str:
    """A person's name in the nominative, word by word, keeping the gender: "Масимова Карима
    Кажимкановича" → "Масимов Карим Кажимканович"; "Ивановой Анны" → "Иванова Анна".

    ``normal`` is natasha's agreement-aware normal form of the whole name, preferred for words
    the dictionary does not know as names ("Ерлана" → "Ерлан"). Two words a lost space glued
    together ("БочкареваВасилия", as printed) are read as two; a surname in capitals
    ("КАЛАШНИКОВА", as decrees print it) as a name. A generational suffix declines as an
    adjective ("Джона Смита-младшего" → "Джон Смит-младший")."""
    gen = [_GENERATION.match(w) for w in words]
    if any(gen):
        base = [m.group("base") if m else w for m, w in zip(gen, words, strict=True)]
        parts = nominative(base, vocab, None, feats).split()
        if len(parts) == len(words):
            return " ".join(
                p + (f"-{m.group('gen').lower()}{'ая' if m.group('fem') else 'ий'}" if m else "")
                for p, m in zip(parts, gen, strict=True)
            )
    words = [_one_script(w) for w in words]
    words = [w.capitalize() if w.isalpha() and w.isupper() and len(w) > 2 else w for w in words]
    if any(_GLUED.search(w) for w in words):
        split = [_GLUED.split(w) for w in words]
        words = [part for parts in split for part in parts]
        if feats is not None and len(feats) == len(split):
            feats = [f for f, parts in zip(feats, split, strict=True) for _ in parts]
        normal = None
    parses = [vocab.parse(w) for w in words]
    norm = normal.split() if normal and len(normal.split()) == len(words) else None

    def tags(p: Any) -> set[str]:
        return set(re.split(r"[ ,]", str(p.tag)))

    femn = any("femn" in tags(p) and {"Name", "Patr"} & tags(p) for ps in parses for p in ps[:1])
    if feats:
        # the tagger read the name in its sentence: its gender decides
        genders = {f.get("Gender") for f in feats if f}
        if "Masc" in genders:
            femn = False
        elif "Fem" in genders:
            femn = True
    if (
        len(words) == 2
        and feats
        and len(feats) == 2
        and (feats[1] or {}).get("Case") not in {None, "Nom"}
        and re.search(r"[бвгджзклмнпрстфхцчшщ]$", words[0].lower())
        and re.search(r"(?:ов|ев|ёв|ин|ын)(?:у|ой)$", words[1])
    ):
        # "назначил Мехрибан Алиеву": a given name left undeclined beside a declined surname
        # is a woman's (a man's would be "Мехрибана Алиева"); her surname ends in -а
        return f"{words[0]} {re.sub(r'(?:у|ой)$', 'а', words[1])}"
    for w in words:
        if re.search(r"(?:ович|евич|ьич)(?:а|у|ем|е)?$", w.lower()):
            femn = False
        elif re.search(r"(?:овн|евн|ичн)(?:а|ы|е|у|ой)$", w.lower()):
            femn = True
    out = []
    for k, (w, ps) in enumerate(zip(words, parses, strict=True)):
        named = [p for p in ps if {"Surn", "Name", "Patr"} & tags(p)]
        case = feats[k].get("Case", "") if feats and k < len(feats) and feats[k] else ""
        if case == "Nom":
            out.append(w)  # already in the nominative
            continue
        if case:
            want = {_UD_CASE.get(case), "femn" if femn else "masc"}
            agreeing = [p for p in named if want <= tags(p)]
            named = agreeing or named
        if re.search(r"(?:ұлы|улы|қызы|кызы|оглы|угли|уулу|кизи)$", w.lower()):
            out.append(w)  # Kazakh, Uzbek, Kyrgyz patronymics do not decline
            continue
        if w.islower() and w in _NAME_PARTICLES:
            out.append(w)  # "Мухаммед бин Салман": a particle stays as written
            continue
        unknown_surname = not [p for p in named if "Surn" in tags(p)]
        if (
            unknown_surname
            and not femn
            and case in {"Gen", "Acc"}
            and (
                re.search(r"(?:ов|ев|ёв|ин|ын)а$", w)
                or re.search(r"[бвгджзклмнпрстфхцчшщ]а$", w)
                and not {"Name", "Patr"} & {t for p in ps for t in tags(p)}
            )
        ):
            # a surname the dictionary lacks: "Ибраева" → "Ибраев", "Фургала" → "Фургал"
            out.append(w[:-1])
            continue
        if (
            unknown_surname
            and not femn
            and case in {"Dat", "Ins", "Loc"}
            and re.search(r"(?:ов|ев|ёв|ин|ын)(?:у|ым|е)$", w)
        ):
            out.append(re.sub(r"(?:у|ым|е)$", "", w))
            continue
        adjectival = re.search(r"(?<=[сц]к)(?:ого|ому|им|ом|ой|ую)$", w)
        if adjectival and unknown_surname and w[:1].isupper():
            # "Ильковского" → "Ильковский", "Ковальской" → "Ковальская": a surname that
            # declines as an adjective, which the dictionary does not know
            out.append(w[: adjectival.start()] + ("ая" if femn else "ий"))
            continue
        if named:
            p = named[0]
            form = p.inflect({"Nom", "Fem"} if femn else {"Nom"}) if femn else None
            word = form.word if form is not None else p.normal_form
        elif norm is not None:
            word = norm[k]
        else:
            word = ps[0].normal_form if ps else w
        out.append("-".join(x[:1].upper() + x[1:] for x in word.split("-")))
    return " ".join(out)


@cache
def _morph_vocab() -> Any:
    from natasha import MorphVocab

    return MorphVocab()


def org_english(phrase: str) -> str | None:
    """A Russian organisation phrase (any case) in English ("Комитета национальной
    безопасности" → National Security Committee), when the vocabulary knows it."""
    return _org_english(phrase, _morph_vocab())


def _org_english(phrase: str, vocab: Any) -> str | None:
    """A Russian organisation phrase (any case) in English, when the vocabulary knows it."""
    words = re.findall(r"[\w-]+", phrase)
    for n in range(len(words), 0, -1):
        cand = words[:n]
        if len(cand) == 1 and cand[0].lower() in _ORGS:
            return _ORGS[cand[0].lower()]
        lemmas = [vocab.parse(w)[0].normal_form if vocab.parse(w) else w.lower() for w in cand]
        # agreement: "национальной" → "национальный", then match on stems
        key = " ".join(lemmas)
        for ru, en in _ORGS.items():
            if " " in ru and _stems(ru) == _stems(key):
                return en
    return None


_MINISTRY_FIELDS = {
    "внутр": "Internal Affairs",
    "оборо": "Defense",
    "иност": "Foreign Affairs",
    "юстиц": "Justice",
    "по": "Emergency Situations",
    "финан": "Finance",
}


def _stems(text: str) -> tuple[str, ...]:
    return tuple(w[:5] for w in text.lower().split())


def _title_of(match: str) -> dict[str, str] | None:
    m = match.lower()
    for t in _TITLES:
        words = t["match"].split()
        got = m.split()
        if len(words) == len(got) and all(
            g.startswith(w[:-2] if len(w) > 4 else w) for w, g in zip(words, got, strict=True)
        ):
            return t
    return None


def _posts_after(text: str, start: int, end: int, vocab: Any) -> list[Post]:
    """Titles between ``start`` and ``end`` of a sentence, with the organisation after each."""
    out: list[Post] = []
    for m in _TITLE_RE.finditer(text, start, end):
        t = _title_of(m.group("title"))
        if t is None:
            continue
        tail = re.match(r"\s*([^,.;()«»\"]{0,120})", text[m.end() : end])
        phrase = tail.group(1) if tail else ""
        phrase = re.split(r"\s+(?:и|освободив|с\s+освобождением|в\s+связи)\s+", phrase)[0]
        org = _org_english(phrase, vocab) if phrase.strip() else None
        field = re.match(
            r"\s*(внутренних\s+дел|обороны|иностранных\s+дел|юстиции|"
            r"по\s+чрезвычайным\s+ситуациям|финансов)",
            phrase,
            re.I,
        )
        if org is None and field and t["title"].endswith("Minister"):
            org = "Ministry of " + _MINISTRY_FIELDS[field.group(1).split()[0].lower()[:5]]
        post = Post(t["title"], t["role"], org, None, m.group(0).strip(), bool(m.group("acting")))
        out.append(post)
        if len(out) == 2:
            break
    return out


def _tokens_by_id(doc: Any) -> dict[str, Any]:
    return {t.id: t for t in doc.tokens}


def _name_tokens(tok: Any, by_id: dict[str, Any], children: dict[str, list[Any]]) -> set[str]:
    ids = {tok.id}
    for c in children.get(tok.id, []):
        if c.rel in {"appos", "flat:name", "flat", "conj"}:
            if c.rel == "appos" and _declined_genitive(c, children):
                # "умер Ли Пэн, соратник Цзян Цзэминя": a genitive the parser calls an
                # apposition is whose companion he was, not a second subject
                continue
            ids |= _name_tokens(c, by_id, children)
    return ids


_PRONOUN_GENDER = {"он": "masc", "его": "masc", "ему": "masc", "него": "masc", "нему": "masc"}
_PRONOUN_GENDER |= {w: "femn" for w in ("она", "её", "ее", "ей", "неё")}


def _name_gender(name: str) -> str | None:
    """A Russian name's gender by its given name or surname, as the dictionary knows them
    ("Марина" femn, "Русаков" masc); None when it does not say (a foreign name)."""
    vocab = _morph_vocab()
    for word in name.split():
        for p in vocab.parse(word)[:2]:
            tag = str(p.tag)
            if ("Name" in tag or "Surn" in tag or "Patr" in tag) and "nomn" in tag:
                return "femn" if "femn" in tag else "masc" if "masc" in tag else None
    return None


def _declined_genitive(tok: Any, children: dict[str, list[Any]]) -> bool:
    """Is the name at ``tok`` in the genitive by its endings ("Цзян Цзэминя"), not only by the
    tagger's guess for an indeclinable name ("«чуда» Ли Куан Ю")?"""
    if (tok.feats or {}).get("Case") != "Gen":
        return False
    words = [tok] + [c for c in children.get(tok.id, []) if c.rel in {"flat:name", "flat"}]
    vocab = _morph_vocab()
    return any(
        (p := vocab.parse(w.text))
        and p[0].normal_form != w.text.lower()
        and "gent" in str(p[0].tag)
        for w in words
    )


_NOUN_CHAIN = {"nmod", "appos", "conj", "flat", "flat:name"}


def _noun_args(noun: Any, children: dict[str, list[Any]]) -> list[Any]:
    """What a noun event is about: the tokens reached from it through genitives, appositions
    and coordination ("об увольнении начальника … Юрия Девяткина и начальника … Андрея
    Пучкова"), not through another event noun ("по делу об аресте журналиста X": the arrest's)."""
    out: list[Any] = []
    seen = {noun.id}
    todo = [noun]
    while todo:
        for c in children.get(todo.pop().id, []):
            if c.id in seen or c.rel not in _NOUN_CHAIN:
                continue
            seen.add(c.id)
            out.append(c)
            if not _TRIGGER.match(c.text.lower()):
                todo.append(c)
    return out


def _subtree_ids(tok: Any, children: dict[str, list[Any]]) -> set[str]:
    """The ids of a token and everything under it (the root is its own head in natasha's
    parse, so walk with a seen set)."""
    ids, todo = {tok.id}, [tok]
    while todo:
        for c in children.get(todo.pop().id, []):
            if c.id not in ids:
                ids.add(c.id)
                todo.append(c)
    return ids


def _genitive(doc: Any, span: Any) -> bool:
    """Every word of a name is in the genitive: whose, not who ("назначен советником Адли
    Мансура" names the one advised; no passive's or intransitive's subject is a genitive)."""
    cases = [(t.feats or {}).get("Case") for t in doc.tokens if span.start <= t.start < span.stop]
    return bool(cases) and all(c == "Gen" for c in cases)


def _person_spans(doc: Any, ids: set[str]) -> list[Any]:
    toks = [t for t in doc.tokens if t.id in ids]
    return [
        s for s in doc.spans if s.type == "PER" and any(s.start <= t.start < s.stop for t in toks)
    ]


def _by_length(
    run: Callable[[list[Any]], Iterable[Any]], items: list[Any], size: Callable[[Any], int]
) -> list[Any]:
    """``run`` over ``items`` in order of length, its results given back in the items' order.
    slovnet pads every batch to its longest member; batches of like lengths waste least (a
    batch of one 60-word sentence and seven 10-word ones computes 480 words for 120)."""
    order = sorted(range(len(items)), key=lambda i: size(items[i]))
    out: list[Any] = [None] * len(items)
    for i, res in zip(order, run([items[i] for i in order]), strict=True):
        out[i] = res
    return out


# a surname in capitals before a given name and a patronymic, as decrees print it ("МАЛИНИНА
# Анатолия Алексеевича"): the tagger knows it only in title case (the same length: offsets hold)
_CAPS_SURNAME = re.compile(
    r"(?<![\w-])([А-ЯЁ])([А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?)(?=\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+"
    r"(?:вич|вна|вны|вне|вной|вну|ич|ична|ичны|ичне|ичной|ичну)(?:а|у|ем|ом|е)?(?![\w-]))"
)


def _title_case(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2).lower()


def _parse_many(sentences: list[str], nlp: _Nlp) -> list[Any]:
    """natasha ``Doc`` objects for many sentences, segmented one by one and tagged, parsed and
    searched for names in batches: the same annotations as ``Doc.tag_morph`` etc. on each,
    several times faster than one model call per sentence."""
    from natasha import Doc
    from natasha.doc import DocSpan, inject_morph, inject_syntax, offset_syntax, sent_words

    docs = []
    for text in sentences:
        doc = Doc(_CAPS_SURNAME.sub(_title_case, _one_script(text).translate(_RU_LETTERS)))
        doc.segment(nlp.segmenter)
        docs.append(doc)
    sents = [sent for doc in docs for sent in doc.sents]
    words = [sent_words(sent) for sent in sents]
    for sent, markup in zip(sents, _by_length(nlp.morph.map, words, len), strict=True):
        inject_morph(sent.tokens, markup.tokens)
    syntax = iter(_by_length(nlp.syntax.map, words, len))
    for doc in docs:
        for sent_id, sent in enumerate(doc.sents, 1):
            inject_syntax(sent.tokens, next(syntax).tokens)
            offset_syntax(sent_id, sent.tokens)
    texts = [doc.text for doc in docs if doc.text.strip()]
    names = iter(_by_length(nlp.ner.map, texts, len))
    for doc in docs:
        markup = next(names) if doc.text.strip() else None
        doc.spans = [
            DocSpan(start, stop, kind, doc.text[start:stop])
            for start, stop, kind in (markup.spans if markup else [])
        ]
        if markup:
            doc.envelop_span_tokens()
            doc.envelop_sent_spans()
    return docs


_CAP_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*")


def _foreign_names(doc: Any) -> list[Any]:
    """Names natasha's news NER does not know, foreign names in Cyrillic above all ("Ван
    Цзюнь скончался", "Ли Пэн умер"): two to four capitalised words side by side, one of them
    a proper noun by the morphology, in the nominative, inside no span the NER found. A
    declined run ("Каева Виктора") or one with a title or a body's word ("Председателя
    Агентства") is not one: the NER's own reading of such words stands."""
    from natasha.doc import DocSpan

    taken = [(x.start, x.stop) for x in doc.spans]
    out = []
    toks = doc.tokens
    i = 0
    while i < len(toks):
        j = i
        while (
            j < len(toks)
            and j - i < 4
            and _CAP_WORD.fullmatch(toks[j].text)
            # a capitalised common word opens a sentence or a body's name, not a person's
            # ("Согласно", "Указом Президента"); "Ван" is a particle to the tagger
            and toks[j].pos in {"PROPN", "X", "PART"}
        ):
            j += 1
        run = toks[i:j]
        if (
            len(run) >= 2
            and any(t.pos == "PROPN" for t in run)
            and not any(a < run[-1].stop and run[0].start < b for a, b in taken)
            and not any(_title_word(t.text) or _BODY_WORD.search(t.text) for t in run)
            # in the nominative: a declined run is a Russian name the NER or the decree reader
            # reads better ("Назначить Каева Виктора")
            and all((t.feats or {}).get("Case", "Nom") == "Nom" for t in run)
            # adjacent tokens only: "Ван Цзюнь", not "Ван, Цзюнь"
            and all(doc.text[a.stop : b.start] == " " for a, b in itertools.pairwise(run))
        ):
            start, stop = run[0].start, run[-1].stop
            out.append(DocSpan(start, stop, "PER", doc.text[start:stop]))
            i = j
        else:
            i += 1
    return out


def _read_sentence(
    cand: Candidate,
    nlp: _Nlp,
    last_people: list[str],
    subject: str | None = None,
    doc: Any = None,
    told: AbstractSet[tuple[str, str]] = frozenset(),
) -> list[Event]:
    """The events of one candidate sentence. ``told``: the (type, person) of the events the
    document has told before it, which a role noun may point back to."""
    text = cand.sentence.text
    doc = doc if doc is not None else _parse_many([text], nlp)[0]
    by_id = _tokens_by_id(doc)
    children: dict[str, list[Any]] = {}
    for t in doc.tokens:
        children.setdefault(t.head_id, []).append(t)
    events: list[Event] = []
    triggers = []
    for t in doc.tokens:
        imperative = t.text.lower() in _VERBS  # "Назначить …": the tagger may call it a name
        if t.pos not in {"VERB", "AUX", "NOUN"} and not imperative:
            if not (t is doc.tokens[0] and t.text[:1].isupper()):
                continue
            # a headline's first word the tagger took for a name: "Арестован Ратко Младич"
            t.lemmatize(nlp.morph_vocab)
            if t.lemma not in _VERBS:
                continue
            t.pos = "VERB"
            t.feats = {**(t.feats or {}), "VerbForm": "Part", "Voice": "Pass"}
        t.lemmatize(nlp.morph_vocab)
        spec = _VERBS.get(t.text.lower() if imperative else t.lemma)
        if t.lemma == "назначение" and _PURPOSE.search(text[max(0, t.start - 30) : t.start]):
            continue  # "сил специального назначения", "пункт назначения": a purpose, no post
        if spec is None and t.lemma in {"назначение", "освобождение", "увольнение"}:
            # "подписал указ о назначении X": only a decree "about" it, not "до назначения"
            about = re.search(r"(?:^|\s)об?\s*$", text[max(0, t.start - 4) : t.start])
            bare = not re.search(
                r"(?:^|\s)(?:до|после|перед|для|к|нового|нов\w+)\s*$",
                text[max(0, t.start - 10) : t.start],
            ) and re.search(
                r"^\w+\s+(?:[а-яё]+\s+){0,4}?(?:полковник|генерал|майор|подполковник)?\w*\s*(?:\w+\s+)?[А-ЯЁӘҒҚҢӨҰҮҺІҲҶӮӢ]",
                text[t.start :],
            )
            if not (about or bare):
                continue
            spec = {"type": "appointed" if t.lemma == "назначение" else "dismissed"}
            if t.lemma == "увольнение" and re.match(
                r"\s*(?:с\s+(?:работы|службы)\s+)?по\s+собственному", text[t.stop :]
            ):
                spec = {"type": "resigned"}
        if (
            spec is None
            and t.lemma in {"отставка"}
            and re.search(r"(?:^|\s)в\s+$", text[max(0, t.start - 3) : t.start])
            and t.text.lower() == "отставке"
        ):
            continue  # "генерал в отставке": a retired officer, not an event
        if spec is None and t.lemma in {"отставка"}:
            head = next((h for h in doc.tokens if h.id == t.head_id), None)
            if head is not None:
                head.lemmatize(nlp.morph_vocab)
            if head is not None and head.lemma in {"подать", "уйти", "просить", "отправить"}:
                continue  # the verb is the event
            if re.search(r"заявлени\w*\s+об\s*$", text[max(0, t.start - 20) : t.start]):
                continue  # "в связи с заявлением об отставке": the reason for a release
            spec = {
                "type": "resigned" if head is not None and head.lemma == "принять" else "dismissed"
            }
        if spec is None and t.pos == "NOUN":
            spec = _EVENT_NOUNS.get(t.lemma)
        if spec is None:
            continue
        if t.lemma == "стать" and t.text.lower().startswith("стан"):
            continue  # "станет главой": expected, not yet happened
        asker = by_id.get(t.head_id)
        if asker is not None and asker.id != t.id and (t.rel == "xcomp" or t.pos == "NOUN"):
            asker.lemmatize(nlp.morph_vocab)
            if asker.lemma in _REQUEST and (t.rel == "xcomp" or asker.lemma != "просить"):
                # "попросила его уволить", "призвал к освобождению X": asked for, not done
                continue
        cl_start = max([m.end() for m in re.finditer(r"[,;:()—–]", text[: t.start])], default=0)
        cl_end = next(
            (m.start() + t.stop for m in re.finditer(r"[,;:()—–]", text[t.stop :])), len(text)
        )
        if _NEGATED.search(text[cl_start:cl_end]) or _NEGATED_ANY.search(text):
            continue
        if _negated(t, children):
            continue  # "не предъявили ей обвинения", "ему так и не было предъявлено"
        window = text[
            max(0, t.start - 30) if t.lemma == "занять" else t.start : t.start + 200
        ].lower()
        if t.lemma in {"стать", "избрать"}:
            # a copula's post is its clause's instrumental, before the verb or after it ("В
            # 2012 году лидером оппозиции был избран X")
            window = text[max(cl_start, t.start - 90) : cl_end].lower()
        if t.lemma == "предъявить":
            # "Обвинение в убийстве … предъявлено X": the charge may stand before the verb
            window = text[max(cl_start, t.start - 90) : cl_end].lower()
        before = text[max(0, t.start - 60) : t.start].lower()
        pre = re.search(
            r"(?:от|с)\s+(?:\w+\s+){0,1}(?:должност|поста)\w*(?:\s+\w+){0,5}\s*$", before
        )
        # the word put first, its verb after it: "Отставку подал министр X", "В отставку ушёл X"
        fronted = "отставк" in spec.get("needs", "") and re.search(
            r"(?:^|\s)(?:в\s+)?отставк\w*\s+(?:\w+\s+)?$", text[cl_start : t.start].lower()
        )
        if spec.get("needs") and not re.search(spec["needs"], window) and not pre and not fronted:
            continue
        if t.lemma == "исполнять" and not re.search(
            r"(?:^|\s)[Сс]\s+\d[^,;]{0,30}$", text[: t.start]
        ):
            continue
        triggers.append((t, spec))
    people_here: list[str] = []
    for k, (t, spec) in enumerate(triggers):
        etype = spec["type"]
        nxt = triggers[k + 1][0].start if k + 1 < len(triggers) else len(text)
        if etype == "dismissed" and re.search(
            r"собственн\w+\s+(?:желани|просьб)|по\s+(?:его|её|ее|своей)\s+просьбе"
            r"|заявлени\w+\s+об\s+отставк",
            text[t.start :],
            re.I,
        ):
            etype = "resigned"
        feats = t.feats or {}
        passive = (
            feats.get("Voice") == "Pass" or feats.get("VerbForm") == "Part"
        ) and t.text.lower() not in _VERBS
        kids = children.get(t.id, [])
        noun = t.pos == "NOUN" and t.text.lower() not in _VERBS
        owner = by_id.get(t.head_id)
        own = max([m.end() for m in re.finditer(r"[,;:()—–]", text[: t.start])], default=0)
        if (
            feats.get("VerbForm") == "Part"
            and t.rel in {"acl", "amod"}
            and owner is not None
            and owner.pos == "NOUN"
            and not _title_of(owner.text)
            and not _person_spans(doc, _name_tokens(owner, by_id, children))
        ):
            # "до вступления в должность лица, избранного губернатором": the participle is
            # said of a common noun, someone the sentence does not name
            continue
        if noun:
            # "отставка Суркова", "об отставке правительства премьер-министра X": the person is
            # the noun's genitive dependent, not whoever stands nearest
            args = _noun_args(t, children)
            # "Лапину предъявлено обвинение": the person is the light verb's, not the noun's
            head = by_id.get(t.head_id)
            if head is not None and head.id != t.id and t.rel in {"obj", "nsubj", "nsubj:pass"}:
                args += [c for c in children.get(head.id, []) if c.rel in {"iobj", "obl"}]
        elif passive:
            args = [c for c in kids if c.rel in {"nsubj:pass", "nsubj"}]
            if len(args) > 1 and any(a.start >= own for a in args):
                # "Путин подписал указ, согласно которому X назначен": the parser's second
                # subject outside the participle's clause is the signer
                args = [a for a in args if a.start >= own]
        elif etype in {"died", "resigned"} or t.lemma in _SUBJECT_TAKES:
            args = [c for c in kids if c.rel == "nsubj"]
            if t.lemma in {"возглавлять", "руководить"} and any(a.start < t.start for a in args):
                # "X возглавляет страну с 2008 года, когда … ушёл его брат Фидель": the
                # parser may hang the next clause's subject on this verb too
                args = [a for a in args if a.start < t.start]
            if not args and t.rel == "conj":
                # "Гаев был руководителем … и подал в отставку": the subject of the first
                # conjunct, which stands before the verb (else the sentence's predicate's)
                first = owner if owner is not None and owner.start < t.start else None
                first = first or next((x for x in doc.tokens if x.rel == "root"), None)
                if first is not None and first.start < t.start:
                    args = [c for c in children.get(first.id, []) if c.rel == "nsubj"]
        else:
            args = [c for c in kids if c.rel in {"obj", "iobj"}]
        if (
            not (noun or passive)
            and etype not in {"died", "resigned"}
            and any(
                a.rel == "obj"
                and a.pos == "NOUN"
                and (a.feats or {}).get("Animacy") == "Inan"
                and not _title_of(a.text)
                and not _OFFICE_WORD.match(a.text.lower())  # "исполнял обязанности", "занял пост"
                # "возложить исполнение обязанностей … на X": the duties, given to someone
                and not (
                    a.text.lower().startswith("исполнени")
                    and any(_OFFICE_WORD.match(c.text.lower()) for c in children.get(a.id, []))
                )
                and a.text.lower()[:7] not in _HEADED
                and not _TRIGGER.search(a.text)
                and not _person_spans(doc, _subtree_ids(a, children))
                for a in args
            )
        ):
            continue  # "назначил ему наказание", "задержали груз": a thing, not a person
        spans: list[Any] = []
        imperative_name = None
        if t.text.lower() in _VERBS:
            # a decree item names its person right after the verb, surname first:
            # "Назначить Әбдірахманова Қайрата Нұрланұлы Генеральным прокурором …"
            nm = re.match(
                r"\s+(?:[а-яё-]+\s+){0,3}?((?:[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+\s+){1,2}[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+)",
                text[t.stop :],
            )
            full = _ACC_FULL_NAME.search(
                _CAPS_SURNAME.sub(_title_case, _GLUED.sub(" ", text[t.stop : t.stop + 160]))
            )
            if full and (nm is None or _title_of(nm.group(1).split()[0])):
                # "Наделить полномочиями Губернатора … Петрова Ивана Сергеевича": past the title
                imperative_name = full.group(0)
            elif nm and not _title_of(nm.group(1).split()[0]):
                words = nm.group(1).split()
                while len(words) > 2 and _title_of(words[-1]):
                    words.pop()  # "Ермека Сагимбаева Председателем …": the title is not the name
                imperative_name = " ".join(words)
        for a in args:
            spans += _person_spans(doc, _name_tokens(a, by_id, children))
            if a.text.lower()[:7] in _HEADED and not spans:
                # "Правительство во главе с Дмитрием Медведевым ушло в отставку": its head
                spans += _person_spans(doc, _subtree_ids(a, children))[:1]
        if passive and any(x.start >= own for x in spans):
            # the signer's name the parser hung on the appointee's: outside the clause
            spans = [x for x in spans if x.start >= own]
        # "которого президент назначил" is the person; "указ, которым отправил …" is the decree
        relative = [
            a
            for a in args
            if a.text.lower().startswith("котор") and a.rel in {"obj", "nsubj", "nsubj:pass"}
        ]
        if relative and not spans:
            # "… Владимира Колокольцева, которого президент назначил …": the name before "который"
            spans = [s for s in doc.spans if s.type == "PER" and s.stop <= relative[0].start][-1:]
            # ... of its gender: "соратник Анны Крыловой, который возглавил" is the ally
            gender = (relative[0].feats or {}).get("Gender")
            if (
                spans
                and gender in {"Masc", "Fem"}
                and (relative[0].feats or {}).get("Number") != "Plur"
                and not any(
                    (tk.feats or {}).get("Gender") == gender
                    for tk in doc.tokens
                    if spans[0].start <= tk.start < spans[0].stop
                )
            ):
                spans = []
        # "после её ареста": an event noun's possessive is its person
        owned = [c for c in kids if c.rel == "det"] if noun else []
        pronouns = [
            a.text.lower()
            for a in args + owned + [c for c in kids if c.rel in {"iobj", "obl"}]
            if a.text.lower()
            in {"его", "её", "ее", "он", "она", "ему", "ей", "него", "неё", "нему"}
        ]
        pron = bool(pronouns)
        if pron and not spans and passive:
            # "Ему и россиянину Николаю Матвейчуку предъявлены обвинения": the one named beside
            # the pronoun is charged too
            for a in [c for c in kids if c.rel in {"iobj", "obl"}]:
                for c in children.get(a.id, []):
                    if c.rel == "conj":
                        spans += _person_spans(doc, _name_tokens(c, by_id, children))
        if (
            not pron
            and etype in {"died", "resigned"}
            and last_people
            and (etype, last_people[0]) in told
            and not any(x.type == "PER" for x in doc.spans)
            and any(
                a.rel == "nsubj"
                and a.pos == "NOUN"
                and (a.feats or {}).get("Animacy") == "Anim"
                and (a.feats or {}).get("Number") == "Sing"
                for a in args
            )
        ):
            # "Варичев умер … Менеджер скончался 27 апреля": a role noun that names nobody points
            # back, as a pronoun would, to the one whose death (or resignation) was just told
            pron = True
        if noun:
            # the nearest name after the noun, if the noun governs it or it follows closely
            # ("назначение во вторник полковника Данияра Мухамеджанова")
            near = next((x for x in doc.spans if x.type == "PER" and x.start > t.start), None)
            gap = text[t.stop : near.start] if near is not None else ""
            if near is not None and (
                any(
                    x.start <= near.start < x.stop or near.start <= x.start < near.stop
                    for x in spans
                )  # fmt: skip
                or (
                    len(gap.split()) <= 5
                    and not re.search(r"[,;:.()—–«»]", gap)
                    and any(
                        (x.feats or {}).get("Case") == "Gen"
                        for x in doc.tokens
                        if near.start <= x.start < near.stop
                    )
                )
            ):
                spans = [near] + [x for x in spans if x.start >= near.stop]
        if noun and not spans:
            head = by_id.get(t.head_id)
            if head is not None:
                head.lemmatize(nlp.morph_vocab)
            if etype == "dismissed" and head is not None and head.lemma in _ANNOUNCE:
                # "Об отставке правительства Бойко Борисов заявил": his own resignation
                subj = [c for c in children.get(head.id, []) if c.rel == "nsubj"]
                spans = [
                    x for a in subj for x in _person_spans(doc, _name_tokens(a, by_id, children))
                ]
                etype = "resigned" if spans else etype
            if not spans and not (owned and pron):
                continue  # "подписал указ об отставке правительства": the signer is not its subject
        # the argument is a common noun that names nobody ("уволил двух генералов", "был убит
        # бразилец", "отправил чиновника в отставку"): whom, the text says elsewhere
        unnamed = (
            not noun
            and bool(args)
            and not spans
            and all(
                a.pos == "NOUN"
                and a.text.lower()[:7] not in _HEADED
                and not _TRIGGER.search(a.text)  # "Лапину предъявлено обвинение"
                and not _OFFICE_WORD.match(a.text.lower())
                and (
                    (a.feats or {}).get("Number") == "Plur"
                    or (
                        # "ей назначен адвокат": a common noun, no post; the one it is given to
                        # is not appointed
                        passive
                        and not _title_of(a.text)
                        and not _person_spans(doc, _subtree_ids(a, children))
                    )
                )
                # the object, when there is one: the dative beside it is whom it is given to
                for a in ([a for a in args if a.rel == "obj"] or args)
            )
        )
        if not spans and not pron and not unnamed:
            # an argument the tagger did not take for a name: "Петреус подал в отставку"
            propn = [
                a
                for a in args
                if a.pos == "PROPN"
                and a.text[:1].isupper()
                # "арестовало ФБР": an abbreviation (not a surname in capitals, as decrees
                # print them) or a body the tagger found is no person
                and not (a.text.isupper() and len(a.text) <= 5)
                and not any(x.type == "ORG" and x.start <= a.start < x.stop for x in doc.spans)
                # "Экс-президента Мексики обвинили": a headline's capitalised title
                and not _title_word(a.text)
            ]
            if propn:
                ids = _name_tokens(propn[0], by_id, children)
                words = [x.text for x in doc.tokens if x.id in ids]
                feats_ = [x.feats or {} for x in doc.tokens if x.id in ids]
                names_propn = [nominative(words, nlp.morph_vocab, None, feats_)]
            else:
                names_propn = []
        else:
            names_propn = []
        if not spans and not pron and not unnamed and not names_propn and not args and not passive:
            # "…, когда с должности ушёл его брат Фидель": an intransitive verb's subject after
            # it, in its own clause (the parser may hang it on the main clause's verb)
            stop = re.search(r"[,;:()—–]", text[t.stop :])
            cl_b = t.stop + stop.start() if stop else len(text)
            if etype in {"died", "resigned"}:
                spans = [
                    x
                    for x in doc.spans
                    if x.type == "PER"
                    and t.stop <= x.start
                    and x.stop <= cl_b
                    and not _genitive(doc, x)
                ][:1]
        if not spans and not pron and not unnamed and not names_propn:
            # the agent of an active verb is not its object; a name in brackets is an aside
            agent: set[str] = set()
            node, seen_ = t, set()
            while not passive and node is not None and node.id not in seen_:
                # the subjects of the verb and of the clauses above it ("Путин подписал Указ,
                # которым отправил чиновника в отставку": Путин acts, he is not dismissed)
                seen_.add(node.id)
                for c in children.get(node.id, []):
                    # a "subject" in the accusative is the parser's slip for the object
                    # ("Сенат утвердил Джину Хаспел": Джину is whom, not who)
                    if c.rel == "nsubj" and (c.feats or {}).get("Case") != "Acc":
                        agent |= _subtree_ids(c, children)
                node = by_id.get(node.head_id)
            depth = [text[: x.start].count("(") - text[: x.start].count(")") for x in doc.spans]
            pers = [
                x
                for x, d in zip(doc.spans, depth, strict=True)
                if x.type == "PER"
                and d <= 0
                and not any(tk.id in agent for tk in doc.tokens if x.start <= tk.start < x.stop)
                and not ((passive or etype in {"died", "resigned"}) and _genitive(doc, x))
                and not (etype in {"charged", "arrested"} and _of_the_crime(doc, x, by_id))
            ]
            after = [s for s in pers if s.start > t.start]
            before = [s for s in pers if s.stop <= t.start]
            # the person is the object after an active verb, the subject before a passive one —
            # or after it: "Освобождён от должности … Арман Жумабаев" (subject last)
            spans = (after[:1] if not passive else before[-1:]) or after[:1] or before[-1:]
            if not passive and etype not in {"died", "resigned"} and t.lemma not in _SUBJECT_TAKES:
                # a name before an active transitive verb is who acts ("X заявил, обвинив …"),
                # unless it is in the accusative: an object put first ("Лебедева Путин назначил")
                fronted = [
                    x
                    for x in before
                    if any(
                        (tk.feats or {}).get("Case") == "Acc"
                        for tk in doc.tokens
                        if x.start <= tk.start < x.stop
                    )
                ]
                spans = after[:1] or fronted[-1:]
            if not passive and args and not after:
                # "Указ, которым отправил чиновника в отставку": the object is there, unnamed;
                # a name before an active verb is its agent
                spans = []
            described = t.lemma in _SUBJECT_TAKES and any(
                a.pos == "NOUN" and (a.feats or {}).get("Animacy") == "Anim" for a in args
            )
            if described:
                # "японский дипломат сменил на посту X": the one who takes the post is its
                # subject, a description of someone named before, never the one after it
                spans = []
                anaphor = people_here or last_people or ([subject] if subject else [])
                names_propn = anaphor[:1]
        if names_propn:
            names = names_propn
        elif imperative_name is not None:
            words = imperative_name.split()
            cased = [{"Case": "Acc"}] * len(words)
            names = [nominative(words, nlp.morph_vocab, None, cased)]
        elif spans:
            names = []
            for s in spans:
                # "Мазахим (Хазрат)": the name the bracket adds is an alias, not part of the name
                stop = text.find("(", s.start, s.stop)
                stop = stop if stop > s.start else s.stop
                words = re.findall(r"[\w-]+", _CAPS_SURNAME.sub(_title_case, text[s.start : stop]))
                s.normalize(nlp.morph_vocab)
                span_feats = [t.feats or {} for t in doc.tokens if s.start <= t.start < stop]
                if (
                    len(words) >= 2
                    and not text[: s.start].strip(" «\"'")
                    and re.search(r"(?:ий|ый|ой|ая|яя)$", words[0])
                    and all(
                        x.pos in {"ADJ", "VERB"} for x in nlp.morph_vocab.parse(words[0].lower())
                    )
                ):
                    # "Семидесятилетний Караджич": the sentence's first word, an adjective the
                    # tagger took into the name
                    words, span_feats = words[1:], span_feats[1:]
                if stop < s.stop:
                    names.append(nominative(words, nlp.morph_vocab, None, span_feats))
                    continue
                if len(words) >= 4 and _SIGNER.search(text[: s.start]):
                    # "Указом Президента Кыргызской Республики Садыра Жапарова Жумгалбек
                    # Шабданбеков назначен": the signer's two names stand first; not the subject
                    words, span_feats = words[2:], span_feats[2:]
                    names.append(nominative(words, nlp.morph_vocab, None, span_feats))
                    continue
                runs = _case_runs(words, span_feats)
                if len(runs) > 1:
                    # "Указом Президента … Садыра Жапарова Жумгалбек Шабданбеков назначен": two
                    # names in one span, the signer's in the genitive; the subject is the other
                    want = "Nom" if passive else "Acc"
                    w, f = next((r for r in runs if r[1][0].get("Case") == want), runs[-1])
                    names.append(nominative(w, nlp.morph_vocab, None, f))
                    continue
                names.append(nominative(words, nlp.morph_vocab, s.normal, span_feats))
        elif unnamed:
            continue  # nor the pronoun beside it ("ей назначен адвокат"), nor a biography's subject
        elif pron and (
            people_here or last_people or _named_before(doc, t, nlp, children, any_case=bool(owned))
        ):
            # the pronoun stands for someone this sentence has named as its subject before it
            # ("61-летний X экстрадирован, где ему были предъявлены обвинения", not the one who
            # acts: "президент Y назначил его"), else for the last one named
            pool = people_here or _named_before(doc, t, nlp, children) or last_people
            if owned and pron:
                # "правая рука Юлии Тимошенко, который после её ареста …": the possessive
                # stands for the name before it in the sentence, in whatever case
                pool = _named_before(doc, t, nlp, children, any_case=True) or pool
            # "Подозреваемый в гибели Марины Голуб Алексей Русаков задержан … его и задержали":
            # "его" is the man named, not the woman
            gender = _PRONOUN_GENDER.get(pronouns[0]) if pronouns else None
            agree = [n for n in pool if gender is None or _name_gender(n) in {gender, None}]
            names = [(agree or pool)[0]]
        elif subject and not any(a.pos in {"PROPN", "PRON"} for a in args):
            names = [subject]  # a biography drops its subject: "В 2015 году назначен …"
        else:
            continue
        # posts: appointed → the title after the verb; dismissed → after "от должности"
        posts = _posts_after(text, t.start, nxt, nlp.morph_vocab)
        if etype == "appointed" and passive:
            # "Исполняющим обязанности министра … назначен первый заместитель министра X": the
            # post is the instrumental before the verb; the title after it is the one he holds
            ahead = [
                m
                for m in _TITLE_RE.finditer(text, own, t.start)
                if _INSTRUMENTAL.search((m.group("acting") or m.group("title")).split()[0])
            ]
            if ahead:
                posts = _posts_after(text, ahead[0].start(), t.start, nlp.morph_vocab) or posts
        if etype in {"moved"}:
            m = re.search(r"\bна\s+должност\w*", text[t.start : nxt])
            posts = _posts_after(text, t.start + m.end(), nxt, nlp.morph_vocab) if m else posts
        # a conviction presupposes the charge, on a day the sentence does not give
        presupposed = bool(spec.get("presupposed"))
        date = None if presupposed else _date_for(cand, t.start, etype)
        types = [etype]
        if etype == "arrested" and re.search(r"по\s+обвинени\w+\s+в", text[t.start : nxt]):
            types.append("charged")
        for name, etype in [(n, ty) for n in names for ty in types]:
            people_here.append(name)
            events.append(
                Event(
                    type=etype,
                    person=name,
                    position=" – ".join(p.label for p in posts) or None,
                    organization=next((p.org for p in posts if p.org), None),
                    date=date,
                    quote=text,
                    start=cand.sentence.start,
                    end=cand.sentence.end,
                    confidence=0.7 if posts or etype in {"arrested", "charged", "died"} else 0.55,
                    posts=posts,
                    acting=any(p.acting for p in posts),
                    extractor=f"custodes.rules-ru/1 ru:{t.lemma}"[:48],
                    dated_by="presupposed" if presupposed else "text",
                )
            )
    last_people[:] = people_here or last_people
    return events


# "специального назначения", "особого назначения", "пункт назначения": the word's other sense
_PURPOSE = re.compile(
    r"(?:специальн|особ|двойн|целев|общ|военн|гражданск)\w*\s+$|(?:мест|пункт|станци)\w*\s+$",
    re.IGNORECASE,
)

# a title word in the instrumental: "министром", "главой", "исполняющим", "председателем"
_INSTRUMENTAL = re.compile(r"(?:ом|ем|ём|ой|ым|им)$", re.IGNORECASE)


def _of_the_crime(doc: Any, span: Any, by_id: dict[str, Any]) -> bool:
    """The name depends on the noun of what someone is charged with ("в убийстве X", "в
    нападении на X"): the victim, not the accused."""
    toks = [tk for tk in doc.tokens if span.start <= tk.start < span.stop]
    heads = [by_id.get(tk.head_id) for tk in toks]
    outside = [h for h in heads if h is not None and not span.start <= h.start < span.stop]
    return any(h.pos == "NOUN" and (h.feats or {}).get("Case") == "Loc" for h in outside)


def _negated(t: Any, children: dict[str, list[Any]]) -> bool:
    """The parse negates the verb: "не" hangs on it or on its auxiliary ("не был задержан")."""
    kids = children.get(t.id, [])
    near = kids + [
        g for c in kids if c.rel in {"aux", "aux:pass", "cop"} for g in children.get(c.id, [])
    ]
    return any(c.text.lower() == "не" and c.rel == "advmod" for c in near)


def _title_word(word: str) -> bool:
    """A post's word, with or without "экс-", "вице-" ("Экс-президента"): no name."""
    return _title_of(re.sub(r"^(?:экс|вице)-", "", word.lower())) is not None


def _named_before(
    doc: Any, trigger: Any, nlp: _Nlp, children: dict[str, list[Any]], any_case: bool = False
) -> list[str]:
    """The person the sentence names in the nominative before ``trigger``, outside brackets and
    not the trigger's own subject (who acts): the one a pronoun after it stands for. With
    ``any_case``, every name before it, the nearest first, in whatever case."""
    text = doc.text
    agent: set[str] = set()
    for c in children.get(trigger.id, []):
        if c.rel == "nsubj":
            agent |= _subtree_ids(c, children)
    found: list[Any] = []
    for x in doc.spans:
        if (
            x.type != "PER"
            or x.stop > trigger.start
            or text[: x.start].count("(") > text[: x.start].count(")")
        ):
            continue
        if any(tk.id in agent for tk in doc.tokens if x.start <= tk.start < x.stop):
            continue
        toks = [tk for tk in doc.tokens if x.start <= tk.start < x.stop]
        if any_case and toks:
            found.insert(0, x)
            continue
        if toks and all((tk.feats or {}).get("Case") == "Nom" for tk in toks):
            x.normalize(nlp.morph_vocab)
            words = [tk.text for tk in toks]
            return [nominative(words, nlp.morph_vocab, x.normal, [tk.feats or {} for tk in toks])]
    names = []
    for x in found:
        toks = [tk for tk in doc.tokens if x.start <= tk.start < x.stop]
        x.normalize(nlp.morph_vocab)
        feats = [tk.feats or {} for tk in toks]
        names.append(nominative([tk.text for tk in toks], nlp.morph_vocab, x.normal, feats))
    return names


# what an office is held as: the object of "исполнять обязанности", "занять пост", "наделить
# полномочиями" is no thing that names nobody
_OFFICE_WORD = re.compile(r"обязанност|полномоч|пост|должност|мест|кресл|присяг|отставк")

# collectives whose head is the person an event names ("отправил в отставку правительство во
# главе с премьер-министром X": X dismissed); the first seven letters of any case
_HEADED = {"правите", "кабинет", "руковод"}

# active verbs whose subject is the one who takes the post: "X возглавил …", "X стал главой …",
# "X сменил Y на посту …" (Y is the one replaced, not appointed), "X принёс присягу"
# (and "лишиться поста": the subject loses the post)
_SUBJECT_TAKES = {
    "возглавить",
    "занять",
    "стать",
    "сменить",
    "принести",
    "прийти",
    "вступить",
    "лишиться",
    "возглавлять",
    "руководить",
}

# verbs that ask for an event rather than report it: "потребовала уволить X", "призвал к
# освобождению X" (a resignation asked for, "попросил об отставке", is read by its noun)
_REQUEST = {
    "просить",
    "попросить",
    "потребовать",
    "требовать",
    "призвать",
    "призывать",
    "предложить",
    "предлагать",
}

# verbs under which a resignation noun is the speaker's own ("заявил об отставке")
_ANNOUNCE = {"заявить", "объявить", "сообщить"}

# a head of state or government named as the signer right before a name
_SIGNER = re.compile(
    r"(?:Президент\w*|Глав\w+\s+государства|Премьер-министр\w*|Председател\w+\s+Правительства)"
    r"(?:\s+(?:[А-ЯЁ][\w-]*|и|—|-))*?\s*$"
)


def _case_runs(
    words: list[str], feats: list[dict[str, str]]
) -> list[tuple[list[str], list[dict[str, str]]]]:
    """A span of four or more name words split where the grammatical case changes, each part
    at least two words: ["Садыра Жапарова" (Gen), "Жумгалбек Шабданбеков" (Nom)]. One part when
    the case does not change."""
    if len(words) < 4 or len(feats) != len(words):
        return [(words, feats)]
    runs: list[tuple[list[str], list[dict[str, str]]]] = []
    for w, f in zip(words, feats, strict=True):
        if runs and runs[-1][1][-1].get("Case") == f.get("Case"):
            runs[-1][0].append(w)
            runs[-1][1].append(f)
        else:
            runs.append(([w], [f]))
    if len(runs) < 2 or any(len(r[0]) < 2 for r in runs):
        return [(words, feats)]
    return runs


# dates the shared reader of dates leaves to Russian: a year marked as one ("(1989 г.)", "в
# 1999-м", "1998-го года") and a month in the nominative ("(декабрь 1992 г.)")
_NOM_MONTHS = {
    m: k
    for k, m in enumerate(
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(),
        1,
    )
}
_BARE_DATE = re.compile(
    r"(?<![\w-])(?:(?P<month>" + "|".join(_NOM_MONTHS) + r")\s+)?(?P<year>1[89]\d\d|20\d\d)"
    r"(?:\s*(?:гг?\.|год(?:а|у|ом)?\b)|-(?:м|го|й)\b)",
    re.IGNORECASE,
)

# the rest of a span of time after its first date: "с 1995 по 2011 годы", "в 2007—2014 годах"
_RANGE_END = re.compile(r"\s*(?:по|до|[—–-])\s*(?:(?:\d{1,2}\s+)?[а-яё]+\s+)?(\d{4})(?!\d)")


# an active past participle or a relative clause: what it says happened at its own time
_PARTICIPLE = re.compile(r"[а-яё]+(?:вш|ш)(?:ий|ая|ее|его|ей|ему|им|ую|ие|их)\b|\bкотор", re.I)


# a participle that names an act by its date: "утвержденный указом Президента … от D"
_EARLIER_ACT = re.compile(
    r"(?<![\w-])(?:утвержд[её]нн|установленн|предусмотренн|определ[её]нн|внес[её]нн|принят)"
    r"\w*\s+(?:[^\s,;]+\s+){0,8}?от\s*$",
    re.I,
)


def _date_for(cand: Candidate, trig: int, etype: str = "appointed") -> PartialDate | None:
    """The nearest date of the sentence before the trigger, else just after it, else the
    heading; "позднее" (later) without a date of its own gives none. A span of time is a
    tenure: it dates a start by its first year, an end by its last, and nothing else (she
    "died, president from 1986 to 1992" did not die in 1986)."""
    off = cand.sentence.start
    text = cand.sentence.text
    dated = []
    for m, d in cand.dates:
        if d is None:
            continue
        if (
            m.relative is not None
            and not m.relative.startswith("month ")  # "в апреле этого года после стрельбы"
            and re.match(r"\s*после\s+(?!этого|того)", text[m.end - off :])
        ):
            # "на следующий день после его юбилея": the day after something the text does not
            # date, not after the date before it
            continue
        end = _RANGE_END.match(text, m.end - off)
        if end is not None:
            if etype in {"resigned", "dismissed"}:
                d = PartialDate(year=int(end.group(1)))
            elif etype != "appointed":
                continue
        dated.append((m.start - off, d))
    taken = [(m.start - off, m.end - off) for m, _ in cand.dates]
    for m in _BARE_DATE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        month = _NOM_MONTHS.get((m.group("month") or "").lower())
        d = PartialDate(year=int(m.group("year")), month=month)
        end = _RANGE_END.match(text, m.end("year"))
        if end is not None:
            if etype in {"resigned", "dismissed"}:
                d = PartialDate(year=int(end.group(1)))
            elif etype != "appointed":
                continue
        dated.append((m.start(), d))
    dated.sort(key=lambda x: x[0])
    # "состав …, утвержденный указом … от 25 мая 2012 года": an earlier act the decree amends
    dated = [(s, d) for s, d in dated if not _EARLIER_ACT.search(text[max(0, s - 120) : s])]
    own = [(s, d) for s, d in dated if re.search(r"\bот\s*$", text[max(0, s - 4) : s])]
    if own:
        return own[0][1]  # "указом … от 16 августа": the decree's own date
    cl_start = max([m.end() for m in re.finditer(r"[,;:()—–]", text[:trig])], default=0)
    nxt = re.search(r"[,;:()—–]", text[trig:])
    cl_end = trig + nxt.start() if nxt else len(text)
    inside = [(s, d) for s, d in dated if cl_start <= s < cl_end]
    if inside:
        return min(inside, key=lambda x: abs(x[0] - trig))[1]
    before = [(s, d) for s, d in dated if s < trig]
    # later or earlier than the date the text has reached: neither is dated by it
    later = re.search(r"\b(?:позднее|позже|впоследствии|затем|потом|ранее)\b", text[:trig], re.I)
    if later:
        before = [(s, d) for s, d in before if s > later.start()]
    if before:
        return before[-1][1]
    # (a date after the next clause mark belongs to that clause's verb: "… уволил с поста
    # советника, в 2015 году получил …"; a date right after the mark may still be this one's)
    after = [
        (s, d)
        for s, d in dated
        if s > trig
        and s - trig < 80
        and not re.search(r"[,;:—–]\s*(?:[^\W\d]+\s+){1,}[^,;:—–]*$", text[trig:s])
    ]
    if after:
        return after[0][1]
    full = [
        (m.start - off, d)
        for m, d in cand.dates
        if d
        and d.day
        and m.relative is None
        and not _EARLIER_ACT.search(text[max(0, m.start - off - 120) : m.start - off])
    ]
    if (
        len(full) == 1
        and full[0][0] > trig
        and cand.heading is None
        and not later
        and not _PARTICIPLE.search(text[trig : full[0][0]])
    ):
        # "X скончался в больнице …, в среду, 17 апреля 2019 года": the sentence's only date,
        # however far after the verb (not a participle's: "…, получивший ранения 6 января")
        return full[0][1]
    if later:
        return None
    return cand.heading


def extract_ru(text: str, published: PartialDate | None = None) -> Extraction:
    """Events in one Russian document (roster statements are not read in Russian yet)."""
    nlp = load_ru()
    events: list[Event] = []
    told: set[tuple[str, str]] = set()
    len_told = 0
    last_people: list[str] = []
    subject = _bio_subject(text, nlp)
    sections = _bio_sections(text)
    list_type: str | None = None
    if not (
        subject
        or sections
        or names_someone(_one_script(text))
        or _LIST_HEAD.search(text)
        or _HOLDS_POST.search(text[:3000])
    ):
        return Extraction([], [], {})
    # each candidate's reading is decided by its wording and the list head above it; those read
    # by the parser are parsed together, in one batch (natasha's models run per batch)
    routes: list[tuple[Candidate, str, str | None]] = []
    # an item without a publication date that tells the day it reports on ("Об этом 14 декабря
    # 2018 года рассказали …") resolves its weekdays and "вчера" against that day
    reference = published or (None if subject else _lead_announcement(text, None))
    for cand in candidates(text, reference, test=can_hold_event_ru):
        sent = cand.sentence.text
        here = subject or _section_subject(sections, cand.sentence.start)
        head = re.match(
            r"^\s*(?:\d+\.\s*)?(Назначить|Освободить|Уволить|Перевести)\b[^:]{0,80}:\s*$", sent
        )
        if head:
            # "1. Назначить:" heads the list items under it
            list_type = _VERBS[head.group(1).lower()]["type"]
        elif _LIST_ITEM.match(sent) and list_type and not _TRIGGER.search(sent):
            routes.append((cand, "item", list_type))
        elif _CAREER_LINE.match(sent) and here and not _TRIGGER.search(sent):
            routes.append((cand, "career", None))
        elif _ACTING_DUTIES.search(sent):
            routes.append((cand, "acting", None))
        elif _ENTRUST.search(sent):
            routes.append((cand, "entrust", None))
        elif here or _may_name(_one_script(sent)):
            routes.append((cand, "read", None))
        # else: a sentence that names nobody, by name, initials or pronoun, outside a biography
        # (whose subject a sentence may leave unsaid) is about nobody ("Матч назначен на
        # пятницу", "Водитель арестован на 5 суток"): it is not parsed
    parsed = iter(_parse_many([c.sentence.text for c, how, _ in routes if how == "read"], nlp))
    for cand, how, etype in routes:
        sent = cand.sentence.text
        if how == "item":
            events += _list_item(cand, nlp, etype or "appointed")
            continue
        here = subject or _section_subject(sections, cand.sentence.start)
        if how == "career" and here:
            events += _career_line(cand, nlp, here)
            continue
        acting = _ACTING_DUTIES.search(sent) if how == "acting" else None
        if acting:
            # "Возложить исполнение обязанностей начальника СГО на Садыкова Ерлана …"
            words = _acting_holder(sent, acting).split()
            if not words or _title_of(words[0]) or _BODY_WORD.search(" ".join(words)):
                continue  # "на … Председателя Правительства …" and no name read: nobody known
            name = nominative(words, nlp.morph_vocab, None, [{"Case": "Acc"}] * len(words))
            posts = _posts_after(sent, acting.start("post"), acting.end("post"), nlp.morph_vocab)
            for p in posts:
                p.acting = True
            events.append(_event("appointed", name, posts, cand, cand.heading, "acting-duties"))
            continue
        entrust = _ENTRUST.search(sent) if how == "entrust" else None
        if entrust:
            # "Поручить исполнение обязанностей Председателя Правительства … Кириенко Сергею
            # Владиленовичу": the duties go to the name in the dative
            words = entrust.group("who").split()
            name = nominative(words, nlp.morph_vocab, None, [{"Case": "Dat"}] * len(words))
            posts = _posts_after(sent, entrust.start("post"), entrust.end("post"), nlp.morph_vocab)
            for p in posts[:1]:
                p.acting = True
            events.append(_event("appointed", name, posts[:1], cand, cand.heading, "entrust"))
            continue
        # the (type, person) told so far, kept up as events are added (not rebuilt each time)
        told.update((e.type, e.person) for e in events[len_told:])
        len_told = len(events)
        doc = next(parsed)
        if doc.spans is not None:
            doc.spans += _foreign_names(doc)
            doc.envelop_span_tokens()
        found = _read_sentence(cand, nlp, last_people, here, doc, told)
        events += found + _gapped(cand, nlp, found)
    if subject:
        events += _infobox_offices(text, published, subject, nlp)
    events = _acting_on_the_day(_own_resignations(events), text)
    for e in events:
        if e.date is None and _SAME_TIME.match(e.quote) and e.dated_by != "presupposed":
            # "В апреле 2015 года … . Тогда же его обвинили …": the date told just before
            e.date = _date_before(text, e.start, _SAME_TIME.match(e.quote))
    # the day a news item reports on dates what it reports as its news (not a biography's)
    news = None if subject else item_date(text, published) or _lead_announcement(text, published)
    if news is not None:
        for e in events:
            if e.dated_by == "presupposed":
                continue  # the charge a conviction presupposes came before, on no given day
            if e.date is None and news.day and _the_day_before(e.quote, nlp):
                # "Накануне X подал в отставку" in an item of 13 September: on 12 September
                e.date = PartialDate.from_date(news.first_day() - timedelta(days=1))
                e.dated_by = "text"
            elif e.date is None and (
                news_of_the_day(e.quote) and not _THEN.search(e.quote) or _TODAY.search(e.quote)
            ):
                # "Ранее сегодня X подал в отставку": earlier today is still the item's day
                e.date, e.dated_by = news, "item"
    listed = _decree_lists(text, published, nlp) + _incumbent(text, published, nlp)
    if listed:
        # the list's reading stands where a sentence reader read the same lines
        spans = [(e.start, e.end) for e in listed]
        events = [e for e in events if not any(a < e.end and e.start < b for a, b in spans)]
        events += listed
    events = _happened(text, events, published)
    events = _in_force(text, events, published)
    events = _merge(events)
    before = {id(e): e.person for e in events}
    events = _canonical(events)
    # once more for the names made canonical: "Виннику" and "Александр Винник" are one man
    events = _merge(events, only={id(e) for e in events if before.get(id(e)) != e.person})
    # a person dies once: deaths that named him differently ("Василий Михайлович погиб") and
    # now name him alike are one (other events of one person may be several)
    deaths = {id(e) for e in _merge([e for e in events if e.type == "died"])}
    return Extraction([e for e in events if e.type != "died" or id(e) in deaths], [], {})


# a sentence about an event told before, by its noun: "Убийство произошло около 8 часов утра 14
# февраля 2017 года", "Задержание руководителя ведомства произошло в законодательном собрании,
# где господин Закиев выступал"
_HAPPENED = re.compile(
    r"(?:^|(?<=[.!?])\s+|\n)(?P<noun>Убийство|Смерть|Гибель|Задержание|Арест)(?![\w-])"
    r"(?P<rest>[^.!?\n]{0,200}?\b(?:произош(?:ло|ла|ел|ёл)|состоял(?:ось|ся)|случил(?:ось|ся))"
    r"\b[^.!?\n]{0,300})"
)
_HAPPENED_TYPE = {
    "Убийство": "died",
    "Смерть": "died",
    "Гибель": "died",
    "Задержание": "arrested",
    "Арест": "arrested",
}
_NOMINATIVE_NAME = re.compile(
    r"(?<![\w-])(?:господин|госпожа)\s+(?P<s>[А-ЯЁ][а-яё]+(?:ов|ев|ин|ын|ий|ой))\b"
)


def _happened(text: str, events: list[Event], published: PartialDate | None) -> list[Event]:
    """A sentence that tells when and where an event told before happened, by its noun alone:
    its date dates that event (the one of its type the sentence names, else the only one of
    its type told, if undated); when none was told and the sentence names the person
    ("где господин Закиев выступал"), the event is that person's."""
    for m in _HAPPENED.finditer(text):
        etype = _HAPPENED_TYPE[m.group("noun")]
        sent = m.group(0).strip()
        ctx = DateContext(published=published)
        days = [ctx.resolve(d, update=False) for d in find_dates(sent) if d.relative is None]
        day = next((d for d in days if d is not None), None)
        same = [e for e in events if e.type == etype]
        named = [e for e in same if e.person.split()[-1][:-1] in sent]
        # (one person told twice, in full and by one name, is one: "Ким Чон Нам", "Ким")
        people = {e.person for e in same}
        people = {
            p for p in people if not any(p != q and set(p.split()) < set(q.split()) for q in people)
        }
        if named or len(people) == 1:
            for e in named or same:
                if day is not None and (e.date is None or e.date.not_after):
                    e.date, e.dated_by = day, "text"
            continue
        if same:
            continue
        who = _NOMINATIVE_NAME.search(sent)
        if who is None:
            continue
        full = re.search(rf"(?<![\w-])([А-ЯЁ][а-яё]+)\s+{who.group('s')}(?![\w-])", text)
        start = m.start("noun")
        events.append(
            Event(
                type=etype,
                person=f"{full.group(1)} {who.group('s')}" if full else who.group("s"),
                position=None,
                organization=None,
                date=day,
                quote=text[start : m.end()],
                start=start,
                end=m.end(),
                confidence=0.6,
                extractor=f"custodes.rules/1 ru:happened {etype}",
            )
        )
    return events


# a sentence that opens by pointing back to the time just told ("Тогда же", "В том же году")
_SAME_TIME = re.compile(
    r"\s*(?:(?P<then>[Тт]огда\s+же)|[Вв]\s+то(?:м|т)\s+же\s+(?P<unit>году|месяце))\b"
)


def _date_before(text: str, start: int, m: re.Match) -> PartialDate | None:
    """The last full date (with its year) in the few sentences before ``start``, cut to the
    year or month the pointer names."""
    found = [x for x in find_dates(text[max(0, start - 400) : start]) if x.year and not x.relative]
    if not found:
        return None
    last = found[-1]
    if m.group("unit") == "году":
        return PartialDate(year=last.year)
    if m.group("unit") == "месяце":
        return PartialDate(year=last.year, month=last.month) if last.month else None
    return PartialDate(year=last.year, month=last.month, day=last.day)


# "затем стал депутатом": a step of a career told in sequence, not the item's news
# later or earlier than the item's news: "затем", "потом", "ранее" ("Ранее в отставку подал X":
# before the day the item reports on; "ранее сегодня" is still that day, `_TODAY`)
_THEN = re.compile(r"(?<![\w-])(?:затем|потом|ранее)(?![\w-])", re.IGNORECASE)

# "сегодня" said of the event, not of when it became known ("как стало известно сегодня")
_TODAY = re.compile(
    r"(?<!известно\s)(?<!сообщил\s)(?<!сообщила\s)(?<!сообщили\s)(?<![\w-])сегодня(?![\w-])",
    re.IGNORECASE,
)


# the lead's sentence about the news itself: "Об этом стало известно во вторник, 13 сентября
# 2016 года", "Указ о назначении опубликован в четверг, 27 июля 2017 года"
_LEAD_ANNOUNCE = re.compile(
    # ("Об этом 14 декабря 2018 года французским СМИ рассказали два источника")
    r"(?:^|\s)(?:[Оо]б\s+этом\s+(?:[^\s.!?]+\s+){0,8}?(?:стало\s+известно|сообщ\w+|объяви\w+|"
    r"заяви\w+|рассказа\w+|написа\w+|переда\w+|пиш\w+)"
    r"|(?:[Уу]каз\w*|[Рр]аспоряжени\w+|[Пп]остановлени\w+|[Рр]ешени\w+|[Дд]окумент\w*)"
    r"(?:\s+[^\s.!?]+){0,4}?\s+(?:опубликова\w+|подписа\w+|размещ\w+|обнародова\w+)"
    # "Представитель движения сообщил 23 июня 2018 года, что …": who told the news, on its day
    r"|(?:сообщи|заяви|объяви|подтверди)(?:л|ла|ли)\s+(?:в\s+[а-я]+,?\s+)?\d{1,2}\s+[а-я]+\s+\d{4})"
)


def _lead_announcement(text: str, published: PartialDate | None) -> PartialDate | None:
    """The day a news item without a publication date reports on, from its lead's sentence
    about the announcement (the first three sentences): a full date with its year. With a
    publication date ``item_date`` already reads such sentences."""
    if published is not None or len(text) > NEWS_ITEM_CHARS:
        return None
    lead = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text[:1500]) if s.strip()][:4]
    for sent in lead:
        if not _LEAD_ANNOUNCE.search(sent):
            continue
        for m in find_dates(sent):
            d = DateContext().resolve(m, update=False)
            if m.relative is None and d is not None and d.precision == "day" and m.year:
                return d
    return None


_NOUNS = ("ru:отставка", "ru:увольнение", "ru:освобождение")


def _own_resignations(events: list[Event]) -> list[Event]:
    """A bare "отставка" names no one's decision ("Наблюдатели оценивают отставку Суркова"):
    where the document tells the same person's resignation or dismissal with a verb, that one
    says which it was, and the noun's mention adds nothing."""
    told = {
        e.person.split()[0 if _surname_first(e.person) else -1].lower()
        for e in events
        if e.type in {"resigned", "dismissed"} and not e.extractor.endswith(_NOUNS)
    }

    def key(e: Event) -> str:
        return e.person.split()[0 if _surname_first(e.person) else -1].lower()

    return [
        e
        for e in events
        if not (e.extractor.endswith(_NOUNS) and e.type == "dismissed" and key(e) in told)
    ]


def _surname_first(name: str) -> bool:
    """ "Сурков Владислав Юрьевич": the official order, surname first, patronymic last."""
    words = name.split()
    return len(words) == 3 and bool(re.search(r"(?:вич|вна|ична|оглы|кызы|улы|ұлы)$", words[2]))


_ACTING = re.compile(r"исполняющ\w*\s+обязанност|\bврио\b|\bи\.\s?о\.", re.IGNORECASE)


def _acting_on_the_day(events: list[Event], text: str) -> list[Event]:
    """ "15 января Путин отправил в отставку губернатора X. Временно исполняющим обязанности
    губернатора назначен Y.": an acting holder named right after a dated departure was named
    on its day (the same decision)."""
    for prev, e in itertools.pairwise(events):
        if (
            e.type == "appointed"
            and e.date is None
            and prev.type in {"dismissed", "resigned"}
            and prev.date is not None
            and prev.dated_by == "text"
            and _ACTING.search(e.quote)
            and 0 <= e.start - prev.end <= 3
        ):
            e.date = prev.date
    return events


def _the_day_before(sentence: str, nlp: _Nlp) -> bool:
    """A sentence opening "Накануне" alone (the day before), not "Накануне выборов" (on the
    eve of something, a noun in the genitive after it)."""
    m = re.match(r"\s*Накануне\b,?\s*(\w+)?", sentence)
    if not m:
        return False
    nxt = m.group(1)
    if nxt is None or sentence[m.start() : m.end()].rstrip().endswith(","):
        return True
    return not any(
        {"NOUN", "gent"} <= set(re.split(r"[ ,]", str(p.tag))) for p in nlp.morph_vocab.parse(nxt)
    )


# a full name in the accusative, ended by its patronymic: "Иванова Игоря Владимировича"
_ACC_FULL_NAME = re.compile(
    r"(?<![\w-])[А-ЯЁ][\w-]+\s+[А-ЯЁ][\w-]+\s+[А-ЯЁ][\w-]+(?:вича|ьича|ича|вну|ичну)(?![\w-])"
)


def _acting_holder(sent: str, acting: re.Match) -> str:
    """Whom the duties go to: the full name after "на" when the text gives one, past the
    titles before it ("на Председателя Народного Собрания … Иванова Игоря Владимировича")."""
    # (a surname in capitals, as decrees print it, in title case: "МАЛИНИНА Анатолия …")
    # (and words run together by the copy: "АнатолияАлексеевича")
    flat = _CAPS_SURNAME.sub(_title_case, _GLUED.sub(" ", sent))
    full = _ACC_FULL_NAME.search(flat, acting.start("who"))
    return full.group(0) if full else acting.group("who")


_ENTRUST = re.compile(
    r"[Пп]оручить\s+(?:временное\s+)?исполнение\s+обязанностей\s+(?P<post>.+?)\s+"
    r"(?P<who>[А-ЯЁ][\w-]+\s+[А-ЯЁ][\w-]+\s+[А-ЯЁ][\w-]+(?:вичу|ьичу|ичу|вне|ичне))(?![\w-])"
)
_ACTING_DUTIES = re.compile(
    r"[Вв]озложить\s+(?:временное\s+)?исполнение\s+обязанностей\s+(?P<post>.+?)\s+на\s+"
    r"(?:[^\s,;]+\s+){0,10}?(?P<who>(?:[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+\s+){1,2}[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+)",
    re.S,  # a decree's lines wrapped by hand
)


# "Олег Маткин назначен начальником …, Александр Ковальчук – начальником …, а Игорь Щербаченя –
# начальником …": the verb is said once, each "Name – post" after it is another appointment
_GAPPED = re.compile(
    r"[,;]\s*(?:а\s+|и\s+)?(?P<who>[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+){1,2})\s+[-–—]\s+"
    r"(?P<post>[а-яё][^,;]+)"
)


def _gapped(cand: Candidate, nlp: _Nlp, found: list[Event]) -> list[Event]:
    """The appointments a sentence lists after its verb without repeating it."""
    if not found or len({e.type for e in found}) != 1:
        return []
    text = cand.sentence.text
    out = []
    for m in _GAPPED.finditer(text):
        if any(m.group("who") == e.person for e in found):
            continue
        posts = _posts_after(text, m.start("post"), m.end("post"), nlp.morph_vocab)
        if posts:
            out.append(_event(found[0].type, m.group("who"), posts, cand, found[0].date, "gapped"))
    return out


def _bio_subject(text: str, nlp: _Nlp) -> str | None:
    """The person a Russian encyclopedic biography is about: "Фамилия Имя Отчество (род. …)"
    or a title line that is a name."""
    text = text.replace("\u0301", "")
    m = re.search(r"(?:^|\n)([^\W\d_][\w-]+(?:\s+[^\W\d_][\w-]+){1,2})\s*\(", text[:800])
    if m:
        return m.group(1)
    # an encyclopedia's title, "Фамилия, Имя Отчество (политик)", when the page goes on to give
    # the name in its own order ("Александр Васильевич Соловьёв")
    t = re.match(
        r"\s*([А-ЯЁ][а-яё-]+),\s+([А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+)?)\s*(?:\([^()\n]*\))?\s*\n",
        text,
    )
    if t:
        name = f"{t.group(2)} {t.group(1)}"
        if name in text[t.end() : 4000]:
            return name
    return None


# "Владимир Борисович Гройсман (…) родился 20 января 1978 года": a news item's biography of
# its subject begins; the sentences after it drop the subject ("В 2002 году избран …")
_BORN = re.compile(
    r"(?<![\w-])(?P<name>[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+){1,3})\s*(?:\([^()\n]{0,80}\)\s*)?"
    r"родил(?:ся|ась)\b"
)


def _bio_sections(text: str) -> list[tuple[int, str]]:
    """Where each biography inside a document begins and whom it is about: the person said to
    be born ("X родился …"). News items often close with their subject's career, told without
    naming him again; a biography document (``_bio_subject``) is one section from its start."""
    out = []
    for m in _BORN.finditer(text):
        words = m.group("name").split()
        if len(words) == 4 and not _given_name(words[0]):
            # "член Совета Федерации Иван Петрович Орлов родился": the name is the last three
            out.append((m.start() + m.group(0).index(words[1]), " ".join(words[1:])))
        else:
            # "Фидель Алехандро Кастро Рус родился": a given name and two surnames
            out.append((m.start(), m.group("name")))
    return out


def _given_name(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a given name ("Фидель"), not a noun."""
    tags = {t for p in _morph_vocab().parse(word) for t in re.split(r"[ ,]", str(p.tag))}
    return "Name" in tags


def _section_subject(sections: list[tuple[int, str]], offset: int) -> str | None:
    """The subject of the biography section that ``offset`` lies in, if any."""
    k = bisect.bisect_right([s for s, _ in sections], offset)
    return sections[k - 1][1] if k else None


def _list_item(cand: Candidate, nlp: _Nlp, etype: str) -> list[Event]:
    """ "1.1. Пашкевича Дмитрия Леонидовича – первым заместителем Председателя …" """
    text = cand.sentence.text
    m = _LIST_ITEM.match(text)
    assert m is not None
    name_part = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", text[: m.end()]).strip(" ,–—")
    words = re.findall(r"[\w-]+", name_part)[:3]
    if etype == "dismissed" and re.search(
        r"собственн\w+\s+(?:желани|просьб)|по\s+(?:его|её|ее|своей)\s+просьбе|заявлени\w+\s+об\s+отставк",
        text,
        re.I,
    ):
        etype = "resigned"
    name = nominative(words, nlp.morph_vocab, None, [{"Case": "Acc"}] * len(words))
    posts = _posts_after(text, m.end(), len(text), nlp.morph_vocab)
    return [_event(etype, name, posts, cand, cand.heading)]


def _career_line(cand: Candidate, nlp: _Nlp, subject: str) -> list[Event]:
    """ "С марта 2011 года — начальник …": the biography's subject took that post then. A span
    of years ("В 1996—1997 годах — заместитель …") is an office given as structure: taken up
    in its first year (tests/data/README.md, "Offices given as structure")."""
    text = cand.sentence.text
    span = _SPAN_OF_YEARS.match(text)
    if span and not re.match(r"\s*(?:годах|годы|гг?\.)?\s*[–—]", text[span.end() :]):
        return []  # "В 2007—2014 годах он был президентом": a tenure told in prose
    # the dash after the date, not the span's own ("1996—1997")
    dash = re.search(r"[–—]", text, span.end() if span else 0)
    posts = _posts_after(text, dash.end() if dash else 0, len(text), nlp.morph_vocab)
    if not posts:
        return []
    if span:
        date: PartialDate | None = PartialDate(year=int(span.group(1)))
    else:
        date = next((d for _, d in cand.dates if d is not None), None)
    return [_event("appointed", subject, posts, cand, date, "career-line")]


# an infobox's office: the post on its line, then the start ("с 22 сентября 2014 года") or the
# span ("11 декабря 2007 года — 28 апреля 2013 года"), perhaps an acting start ("(и. о. с 19
# февраля 2014 года)"), and the predecessor or successor below
_OFFICE_DATES = re.compile(r"^\s*(?:[Сс]\s+)?(?=\d{1,2}\s+[а-яё]+\s+\d{4}|\d{4})")
_ACTING_START = re.compile(r"^\s*\(\s*и\.\s*о\.\s+с\s+")
_NEIGHBOUR = re.compile(r"^\s*(?:Предшественник|Преемник)\b")


def _infobox_offices(
    text: str, published: PartialDate | None, subject: str, nlp: _Nlp
) -> list[Event]:
    """The offices a Russian biography's infobox gives (tests/data/README.md, "Offices given as
    structure"): the subject appointed on each office's first date, and on the acting start
    the line below gives."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text[:4000].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    ctx = DateContext(published=published)
    out = []
    for k in range(1, len(lines) - 1):
        at, line = lines[k]
        title_at, title = lines[k - 1]
        below = [ln for _, ln in lines[k + 1 : k + 4]]
        if not _OFFICE_DATES.match(line) or not any(_NEIGHBOUR.match(b) for b in below):
            continue
        if not title.strip() or len(title.split()) > 12 or find_dates(title):
            continue
        posts = _posts_after(title, 0, len(title), nlp.morph_vocab)
        if not posts:
            continue
        starts = [(line, False)] + [(b, True) for b in below[:1] if _ACTING_START.match(b)]
        for date_line, acting in starts:
            ms = [m for m in find_dates(date_line) if m.year]
            d = ctx.resolve(ms[0], update=False) if ms else None
            if d is None:
                continue
            ps = [dataclasses.replace(p, acting=acting) for p in posts]
            quote = Sentence(title_at, at + len(line), text[title_at : at + len(line)], 0)
            cand = Candidate(quote, [], None, False)
            out.append(_event("appointed", subject, ps, cand, d, "infobox"))
    return out


_SPAN_OF_YEARS = re.compile(r"^\s*[Вв]\s+(\d{4})\s*[—–-]\s*\d{4}")


def _event(
    etype: str,
    name: str,
    posts: list[Post],
    cand: Candidate,
    date: PartialDate | None,
    rule: str = "list",
) -> Event:
    s = cand.sentence
    return _posted(etype, name, posts, date, s.text, s.start, s.end, 0.6, rule)


# a decree's list: "1. Назначить:" (or "Освободить от должности:", "включить в состав Совета
# следующих лиц:"), then post lines in the instrumental ("судьей Верховного Суда Республики
# Коми") and name lines under each ("Кунтаровского Валерия Ремовича"), or entries "Албогачиев
# М.О. - муфтий, …"; and the same verbs with the names inline ("исключить из состава Совета
# Коновальчика П.Б., Мурзу В.М. и Трофимчука Н.А.")
_LIST_HEAD = re.compile(
    r"^[ \t]*(?:\d+\.\s*|[а-я]\)\s*)?(?P<verb>[Нн]азначить|[Оо]свободить|[Уу]волить|"
    r"[Вв]ключить\s+в\s+состав|[Ии]сключить\s+из\s+состава)"
    # (the head may run over lines: "3. Назначить на период …,\nустановленного Указом …:")
    r"(?P<rest>(?:[^:\n]|\n(?![ \t]*\n)){0,400}?):[ \t]*$",
    re.M,
)
_LIST_VERB_TYPE = {
    "назначить": "appointed",
    "освободить": "dismissed",
    "уволить": "dismissed",
    "включить": "appointed",
    "исключить": "dismissed",
}
_CLAUSE_START = re.compile(r"^[ \t]*(?:\d+\.|[а-я]\))\s|^[ \t]*Президент\s|^[ \t]*Москва,")
_POST_LINE = re.compile(r"^[ \t]*[а-яё]+(?:ем|ей|ями|ом|ами|ой|ым|им)\b[^\n]*$")
_NAME_LINE = re.compile(
    r"^[ \t]*(?P<name>[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+){1,2}"
    r"|[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)"
    r"[ \t]*(?P<dash>[-–—][ \t]*\S[^\n]*)?[.;,]?[ \t]*$"
)
_INLINE_LIST = re.compile(
    r"(?P<verb>[Ии]сключить\s+из\s+состава|[Вв]ключить\s+в\s+состав)\s+(?P<body>[А-ЯЁ][а-яё]+"
    r"(?:\s+[а-яё]+){0,3})\s+(?P<names>[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.(?:(?:,\s*|\s+и\s+)"
    r"[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)*)"
)


# a post's infobox: "Должность занимает Александр Гуцан с 24 сентября 2025" under the title
_HOLDS_POST = re.compile(
    r"Должность\s+занимает\s+(?P<name>[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+){1,2})\s+"
    r"(?:с\s+)(?P<date>\d{1,2}\s+[а-яё]+\s+\d{4}|\d{4})"
)


def _incumbent(text: str, published: PartialDate | None, nlp: _Nlp) -> list[Event]:
    """The holder a post's infobox gives with the day he took it up (the contract's "Offices
    given as structure"): appointed to the post the page is titled with, that day."""
    m = _HOLDS_POST.search(text[:3000])
    if m is None:
        return []
    ms = [d for d in find_dates(m.group("date")) if d.year]
    day = DateContext(published=published).resolve(ms[0], update=False) if ms else None
    if day is None:
        day = PartialDate(year=int(m.group("date")[-4:]))
    title = next((ln.strip(" |") for ln in text.splitlines() if ln.strip(" |")), "")
    posts = _posts_after(title, 0, len(title), nlp.morph_vocab) if len(title.split()) <= 10 else []
    return [
        _posted(
            "appointed",
            m.group("name"),
            posts,
            day,
            m.group(0),
            m.start(),
            m.end(),
            0.8,
            "incumbent",
        )
    ]


def _posted(
    etype: str,
    name: str,
    posts: list[Post],
    day: PartialDate | None,
    quote: str,
    start: int,
    end: int,
    confidence: float,
    rule: str,
) -> Event:
    """An event a reader of structure or of a list item makes: the posts its title gives, the
    span it rests on, the rule named in its extractor."""
    return Event(
        type=etype,
        person=name,
        position=" – ".join(p.label for p in posts) or None,
        organization=next((p.org for p in posts if p.org), None),
        date=day,
        quote=quote,
        start=start,
        end=end,
        confidence=confidence,
        posts=posts,
        acting=any(p.acting for p in posts),
        extractor=f"custodes.rules-ru/1 ru:{rule}",
    )


# "Настоящее постановление вступает в силу 22 мая 2000 года": the day a decree's changes
# take effect (not "со дня его подписания", which is the decree's own day)
_IN_FORCE = re.compile(
    r"(?:[Нн]астоящ\w+|[Дд]анн\w+)\s+(?:постановлени|указ|распоряжени|приказ|решени)\w*\s+"
    r"вступа\w+\s+в\s+силу\s+(?:с\s+)?(?P<d>\d{1,2}(?:\s+[а-яё]+\s+|\.\d{2}\.)\d{4})"
)
# a decree's own date in its header: "Постановление … от 18.05.2000 № 204-ПГ"
_DECREE_DAY = re.compile(r"(?<![\w-])от\s+(?P<d>\d{1,2}(?:\s+[а-яё]+\s+|\.\d{2}\.)\d{4})")


def _in_force(text: str, events: list[Event], published: PartialDate | None) -> list[Event]:
    """A decree that says the day it takes effect: the appointments it makes, dated by the
    decree's own day, happen on that day (the contract dates an event, not its act)."""
    force = _IN_FORCE.search(text)
    own = _DECREE_DAY.search(text[:600])
    if force is None or own is None:
        return events
    ctx = DateContext(published=published)
    ms_f, ms_o = find_dates(force.group("d")), find_dates(own.group("d"))
    if not ms_f or not ms_o:
        return events
    effect = ctx.resolve(ms_f[0], update=False)
    day = ctx.resolve(ms_o[0], update=False)
    if effect is None or day is None or not effect.day or not day.day:
        return events
    if not 0 < (effect.first_day() - day.first_day()).days <= 60:
        return events
    for e in events:
        # (an item the decree gives no day is the decree's own)
        if e.dated_by == "presupposed":
            continue
        if e.date is None or e.date == day or published is not None and e.date == published:
            e.date = effect
    return events


def _signed(text: str, published: PartialDate | None) -> PartialDate | None:
    """A decree's date: the day under its signature (the last full date of its last lines),
    else the publication date."""
    tail = text[-400:]
    ms = [m for m in find_dates(tail) if m.day and m.year and m.relative is None]
    if ms:
        return DateContext(published=published).resolve(ms[-1], update=False) or published
    return published


def _decree_lists(text: str, published: PartialDate | None, nlp: _Nlp) -> list[Event]:
    """The people a decree's lists appoint, relieve, add to a body or take off it, each with
    the post of the line above (a judge of which court) and the decree's date. Names under a
    verb are in the accusative; an entry of a body's members with a dash after the name
    ("Албогачиев М.О. - муфтий") is in the nominative (under "Назначить:" such lines, "Иванова
    Ивана – министром …", are ``_list_item``'s)."""
    if not _LIST_HEAD.search(text) and not _INLINE_LIST.search(text):
        return []
    day = _signed(text, published)
    out: list[Event] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1

    def add(etype: str, words: list[str], case: str, post_text: str, at: int, end: int) -> None:
        initials = [w for w in words if re.fullmatch(r"[А-ЯЁ]\.", w)]
        words = [w for w in words if w not in initials]
        name = nominative(words, nlp.morph_vocab, None, [{"Case": case}] * len(words))
        if initials:
            name = f"{name} {''.join(initials)}"  # "Коновальчика П.Б." → "Коновальчик П.Б."
        posts = _posts_after(post_text, 0, len(post_text), nlp.morph_vocab) if post_text else []
        out.append(_posted(etype, name, posts, day, text[at:end], at, end, 0.7, "decree-list"))

    for m in _LIST_HEAD.finditer(text):
        etype = _LIST_VERB_TYPE[m.group("verb").split()[0].lower()]
        body = re.sub(r"\s+следующих\s+лиц\s*$", "", m.group("rest")).strip()
        post = (
            f"членом {body}"
            if m.group("verb").lower().startswith(("включить", "исключить"))
            else ""
        )
        k = (
            next(i for i, (at, _) in enumerate(lines) if at >= m.end())
            if m.end() < len(text)
            else len(lines)
        )
        for at, line in lines[k:]:
            if not line.strip():
                continue
            if _CLAUSE_START.match(line) or _LIST_HEAD.match(line):
                break
            named = _NAME_LINE.match(line)
            if named and not _POST_LINE.match(line):
                if named.group("dash") and not post.startswith("членом"):
                    continue  # "Иванова Ивана – министром …": the list item reader's lines
                words = re.findall(r"[А-ЯЁ]\.|[\w-]+", named.group("name"))
                case = "Nom" if named.group("dash") else "Acc"
                add(etype, words, case, post, at, at + len(line.rstrip()))
            elif _POST_LINE.match(line):
                post = line.strip()
    for m in _INLINE_LIST.finditer(text):
        etype = _LIST_VERB_TYPE[m.group("verb").split()[0].lower()]
        for n in re.finditer(r"([А-ЯЁ][а-яё-]+)\s+([А-ЯЁ]\.\s?[А-ЯЁ]\.)", m.group("names")):
            at = m.start("names") + n.start()
            add(
                etype,
                [n.group(1), *re.findall(r"[А-ЯЁ]\.", n.group(2))],
                "Acc",
                f"членом {m.group('body')}",
                at,
                m.start("names") + n.end(),
            )
    return out


def _canonical(events: list[Event]) -> list[Event]:
    """Within a document, a surname alone is the full name given elsewhere; initials keep their
    dots ("Абрамович Р А" → "Абрамович Р.А.")."""
    for e in events:
        e.person = re.sub(r"(?<=\s)([А-ЯЁ])\s+([А-ЯЁ])$", r"\1.\2.", e.person)
    # a body the tagger took for a person: "Националистический республиканский альянс"
    events = [e for e in events if not _BODY_WORD.search(e.person)]
    full = [e.person for e in events if len(e.person.split()) >= 2]
    for e in events:
        if len(e.person.split()) == 1:
            same = [f for f in full if e.person in f.split()]
            if not same:
                # a surname left in its case ("Виннику предъявлены обвинения"): the full name
                # whose surname it declines (a case ending after the whole surname)
                same = [
                    f
                    for f in full
                    if any(
                        e.person.startswith(w)
                        and re.fullmatch(r"у|а|ом|ым|е|ой|ую", e.person[len(w) :])
                        for w in f.split()
                        if len(w) >= 4
                    )
                ]
            if same:
                e.person = max(same, key=len)
        elif len(e.person.split()) == 2 and _PATRONYMIC.search(e.person):
            # "Василий Михайлович погиб": the given name and patronymic of one named in full
            given = e.person.split()[0]
            same = {f for f in full if f.split()[0] == given and not _PATRONYMIC.search(f)}
            if len(same) == 1:
                e.person = same.pop()
    names = {e.person for e in events}
    for e in events:
        words = e.person.split()
        rest = " ".join(words[1:])
        if len(words) >= 3 and rest in names and not _given_name(words[0]):
            # "король Тонги Тауфаахау Тупу IV": a place in the genitive glued before the name
            # the document gives alone ("Тауфаахау Тупу IV скончался")
            e.person = rest
    return events


_PATRONYMIC = re.compile(r"\s[А-ЯЁ]\w+(?:ович|евич|ьич|овна|евна|ична|инична)$")


_BODY_WORD = re.compile(
    r"(?i)(?:альянс|партия|союз|фронт|движение|комитет|совет|министерство|служба|управление|"
    r"правительство|парламент|собрание|дума|суд|прокуратура|армия|полиция|организация|"
    r"ассоциация|фонд|компания|корпорация|банк)"
)
