"""People, posts and organisations mentioned in a sentence.

People come from the parse (runs of proper nouns) checked against the title, rank and
organisation vocabularies, not from NER alone: the small English model labels names such as
"Murat" as ORG, so NER is only used to drop places and dates. Posts come from the title gazetteer
(``ontology.TITLE_RE``) grown left over organisation abbreviations ("NSC Chairman") and right over
"of/for …" organisation phrases ("Deputy Minister of Internal Affairs"); dual-hatted posts joined
by a dash stay two posts of one appointment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from custodes.extract.dates import MONTHS, NUMBER_WORDS, WEEKDAYS
from custodes.ontology import (
    ORG_HEADS,
    RANK_RE,
    RANK_WORDS,
    TITLE_RE,
    TITLE_WORDS,
    normalize_ministry,
    title_of,
)

_NOT_NAME = (
    TITLE_WORDS
    | RANK_WORDS
    | ORG_HEADS
    | set(MONTHS)
    | set(WEEKDAYS)
    | {
        "the",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "it",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "of",
        "and",
        "for",
        "by",
        "with",
        "from",
        "to",
        "as",
        "after",
        "before",
        "later",
        "previously",
        "simultaneously",
        "then",
        "also",
        "however",
        "both",
        "all",
        "one",
        "two",
        "three",
        "decree",
        "order",
        "resolution",
        "no",
        "nsc",
        "mr",
        "mrs",
        "ms",
        "new",
        "former",
        "acting",
        "interim",
        "republic",
        "state",
        "national",
        "presidential",
        "federal",
        "supreme",
        "special",
        "general",
        "first",
        "deputy",
        "according",
        "today",
        "yesterday",
        "news",
        "sources",
        "source",
        "official",
        "officials",
        "kingpin",
        "criminal",
        "until",
        "since",
        "during",
        "moreover",
        "meanwhile",
        "earlier",
        "separately",
        "elbasy",
        "affairs",
        "internal",
        "foreign",
        "defense",
        "defence",
        "security",
        "intelligence",
        "emergency",
        "situations",
        "border",
        "executive",
        "counter",
        "counterintelligence",
        "president",
        "prime",
        "ministry",
        "army",
        "police",
        "under",
        "appoint",
        "relieve",
        "dismiss",
        "release",
        "assign",
        "transfer",
        "justice",
        "commissioner",
        "corps",
        "following",
        "having",
        "while",
        "when",
        "once",
        # title modifiers and organisation words that are capitalised in titles
        "assistant",
        "joint",
        "additional",
        "provincial",
        "officer",
        "officers",
        "interior",
        "authority",
        "investigations",
        "investigation",
        "oversight",
        "financial",
        "district",
        "senior",
        "chief",
        "anti",
        "board",
        "inspector",
        "commission",
        "authorities",
        "planning",
        "resources",
        "reform",
        "development",
        "local",
        # months of other calendars (dates, not names)
        "muharram",
        "safar",
        "rabi",
        "jumada",
        "rajab",
        "shaaban",
        "shaban",
        "ramadhan",
        "ramadan",
        "shawwal",
        "dhu",
        # news agencies and datelines
        "wire",
        "newswire",
        "press",
        "reuters",
        "tass",
        "interfax",
        "xinhua",
        "afp",
        "home",
        "public",
        "main",
        "central",
        "regional",
        "military",
    }
)
_PLACE_LABELS = {
    "GPE",
    "LOC",
    "NORP",
    "DATE",
    "TIME",
    "FAC",
    "EVENT",
    "LAW",
    "MONEY",
    "PERCENT",
    "CARDINAL",
    "ORDINAL",
    "QUANTITY",
    "LANGUAGE",
    "WORK_OF_ART",
}


@dataclass(frozen=True)
class PersonMention:
    start: int  # character offsets in the document
    end: int
    name: str
    token_start: int
    token_end: int


@dataclass
class Post:
    """One post: a normalised title in an organisation (and a unit of it, if named)."""

    title: str
    role: str
    org: str | None
    unit: str | None
    text: str
    acting: bool = False

    @property
    def label(self) -> str:
        """The title as a reader writes it, with the unit: "Director of Special Service “A”"."""
        return f"{self.title} of {self.unit}" if self.unit else self.title


@dataclass
class PostMention:
    start: int
    end: int
    posts: list[Post]
    plural: bool = False
    count: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return " – ".join(p.label for p in self.posts)

    @property
    def org(self) -> str | None:
        return next((p.org for p in self.posts if p.org), None)


_PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "binti",
    "abu",
    "van",
    "von",
    "der",
    "de",
    "del",
    "dela",
    "della",
    "di",
    "da",
    "los",
    "las",
    "den",
    "ter",
    "dos",
    "du",
    "la",
    "le",
    "oglu",
    "ogly",
    "uulu",
    "uly",
    "kyzy",
    "qizi",
    "ould",
    "ben",
}


# head words of the names of places and territories: a name does not run through them
_PLACE_HEADS = {
    "area",
    "region",
    "oblast",
    "krai",
    "territory",
    "district",
    "province",
    "republic",
    "city",
    "county",
    "okrug",
    "state",
    "governorate",
}
_NAME_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}


# lower-case titles a body's or a party's name stands before ("Welsh Labour leader")
_LOWER_TITLES = frozenset(
    "leader chief head spokesman spokeswoman spokesperson minister president secretary "
    "governor chairman chairwoman commander director".split()
)


def _is_name_token(tok) -> bool:  # type: ignore[no-untyped-def]
    t = tok.text
    if not t or not t[0].isupper() or not any(c.isalpha() for c in t):
        return False
    if tok.lower_ in _NOT_NAME or tok.lower_.rstrip(".") in _NOT_NAME:
        return False
    if t.isupper() and len(t) > 1 or len(t) == 1:  # abbreviations (NSC, KGB), "A"
        return False
    return tok.pos_ in {"PROPN", "NOUN", "ADJ", "X", "VERB"} or tok.ent_type_ == "PERSON"


def _inside_org_list(tok) -> bool:  # type: ignore[no-untyped-def]
    """Is this token coordinated into an organisation's name ("Ministry of X, Y and Z")?"""
    node = tok
    while node.dep_ in {"compound", "flat"} and node.head.i != node.i:
        node = node.head
    if node.dep_ != "conj":
        return False
    for _ in range(5):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in ORG_HEADS:
            return True
        if (
            node.dep_ not in {"conj", "pobj", "prep", "compound", "appos", "cc"}
            and node.pos_ == "VERB"
        ):
            return False
    return False


@cache
def _countries() -> frozenset[str]:
    """The names of the world's countries, as FollowTheMoney's country type gives them."""
    from followthemoney.types import registry

    return frozenset(n.lower() for n in registry.country.names.values())


def _country_prefix(span: list[Token]) -> int:
    """How many leading tokens of a name spell a country ("Myanmar", "Burkina Faso",
    "Timor-Leste"); 0 if none do."""
    names = _countries()
    text = ""
    best = 0
    for k, t in enumerate(span[:4]):
        text += t.text + (t.whitespace_ if k + 1 < len(span) else "")
        if text.strip().lower() in names:
            best = k + 1
    return best


_TEXT_KEY = "custodes.text"


def doc_text(item: Doc | Span | Token) -> str:
    """The whole text of the parse ``item`` belongs to, kept with the parse: spaCy's
    ``Doc.text`` joins every token's text anew each time it is read, and the rules read it
    several times for each parsed sentence."""
    doc = item.doc
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


# what stands before another name of the person just named: "a/k/a “…”", "alias", "also known as"
_ALIAS = re.compile(r"(?:\ba/?k/?a|\baka|\balias|\bknown as)\s*[\"“'‘]?\s*$", re.I)


def find_people(
    doc: Doc | Span, offset: int = 0, known: frozenset[str] = frozenset()
) -> list[PersonMention]:
    """Runs of capitalised proper-noun tokens that are not titles, ranks or organisations.

    ``known`` holds surnames the document gives elsewhere in full: "Batbayar" alone is a person
    even where NER calls it a place."""
    out: list[PersonMention] = []
    toks = list(doc)
    i = 0
    while i < len(toks):
        if not _is_name_token(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < len(toks):
            if _is_name_token(toks[j]) and toks[j].whitespace_ != "" or _is_name_token(toks[j]):
                j += 1
            elif (
                re.fullmatch(r"[A-Z]\.", toks[j].text)
                and j + 1 < len(toks)
                and _is_name_token(toks[j + 1])
            ):
                j += 1  # a middle initial: "James D. Owens"
            elif toks[j].text in _NAME_SUFFIXES and toks[j - 1].whitespace_:
                j += 1  # "James D. Owens Jr.", "John B. Richardson IV"
                break
            elif (
                toks[j].text in {"-", "‐"}
                and j + 1 < len(toks)
                and (_is_name_token(toks[j + 1]) or toks[j + 1].is_alpha and len(toks[j + 1]) <= 4)
                and not toks[j - 1].whitespace_
                and not toks[j].whitespace_
            ):
                j += 2  # "Jean-Pierre", "Prayut Chan-o-cha"
            elif (
                toks[j].lower_ in _PARTICLES
                and j + 2 < len(toks)
                and toks[j + 1].lower_ in _PARTICLES
                and _is_name_token(toks[j + 2])
            ):
                j += 3  # two particles: "Pedro de la Cruz", "Rafael van der Berg"
            elif (
                toks[j].lower_ in _PARTICLES
                and j + 1 < len(toks)
                and (
                    _is_name_token(toks[j + 1])
                    or toks[j + 1].text in {"-", "‐"}
                    and j + 2 < len(toks)
                    and _is_name_token(toks[j + 2])
                )
            ):
                # "Hashim Osman al-Tayeb", "Elnur Rasim oglu Mammadli", "Ahmed bin Salem"
                j += 1 if _is_name_token(toks[j + 1]) else 3
            else:
                break
        first = i
        while first > 0 and re.fullmatch(r"[A-Z]\.", toks[first - 1].text):
            first -= 1  # initials before the name: "E. R. T. Madjitey", "J. K. Mensah"
        if first < i and first > 0 and re.search(r"[a-z][A-Z]", toks[first - 1].text):
            first = i  # "Preceded byRicardo C. Marquez": a middle initial of a glued name
        span = toks[first:j]
        i = j
        cut = max(
            (k for k, t in enumerate(span[:-2]) if t.lower_ in _PLACE_HEADS),
            default=None,
        )
        if cut is not None:
            # "Governor of the Chukotka Autonomous Area Roman Kopin": the place ends at its head
            span = span[cut + 1 :]
        if span[-1].lower_ in _PLACE_HEADS:
            continue  # "the family of Krasnoyarsk Territory Governor …": a place
        lead = 0
        after_of = span[0].i > 0 and toks[span[0].i - 1].lower_ == "of"
        while after_of and lead < len(span) - 2 and span[lead].ent_type_ in {"GPE", "NORP"}:
            lead += 1
        if lead and sum(t.ent_type_ == "PERSON" for t in span[lead:]) >= 2:
            span = span[lead:]  # "Prime Minister of Pakistan Benazir Bhutto": the country first
        elif after_of or span[0].i > 0 and toks[span[0].i - 1].lower_ in {"for", "and", ","}:
            # "Minister for Emergencies Yevgeny Zinichev", "Minister for Civil Defence,
            # Emergencies and Natural Disaster Relief Yevgeny Zinichev": the body's words, then
            # the person NER finds, whole, after them
            k = next((k for k, t in enumerate(span) if t.ent_iob_ == "B"), None)
            if (
                k
                and len(span) - k >= 2
                and all(t.ent_type_ == "PERSON" for t in span[k:])
                and not any(t.ent_type_ == "PERSON" for t in span[:k])
            ):
                span = span[k:]
        country = _country_prefix(span)
        if country == len(span):
            continue  # "Timor-Leste", "Burkina Faso": a country's name is nobody's
        if country and len(span) - country >= 2:
            span = span[country:]  # "President of Serbia Aleksandar Vučić": the country first
        if _inside_org_list(span[-1]) and not any(t.ent_type_ == "PERSON" for t in span):
            continue  # "Ministry of the Interior, Land Reform and Water Resources"
        after_span = toks[j] if j < len(toks) else None
        if (
            len(span) == 1
            and after_span is not None
            and after_span.pos_ in {"NOUN", "ADJ"}
            and after_span.is_lower
        ):
            continue  # "the Osh regional department", "Almaty police": a modifier, not a name
        if (
            len(span) == 1
            and after_span is not None
            and after_span.text[:1].isupper()
            and (
                span[0].ent_type_ in {"NORP", ""}
                and re.search(r"(?:an|ese|ish|ic|i)$", span[0].text)
                or span[0].ent_type_ == "ORG"
                and after_span.ent_iob_ == "I"
            )
            and span[0].text not in known
        ):
            # "the Honduran National Police", "Russian President …": a nationality, or a word
            # inside an organisation's name
            continue
        if (
            span[0].ent_type_ == "NORP"
            and not any(t.ent_type_ == "PERSON" for t in span)
            and after_span is not None
            and after_span.pos_ == "NOUN"
            and after_span.is_lower
        ):
            continue  # "five Spanish Jesuit priests": a nationality and a kind, not a name
        if (
            span[-1].ent_type_ == "NORP"
            and not any(t.ent_type_ == "PERSON" or t.pos_ == "PROPN" for t in span)
            and after_span is not None
            and after_span.pos_ == "NOUN"
            and after_span.is_lower
        ):
            continue  # "Key Iranian officials": words that describe the officials after them
        if (
            len(span) >= 2
            and not any(t.ent_type_ == "PERSON" for t in span)
            and after_span is not None
            and after_span.tag_ == "NNS"
            and after_span.is_lower
        ):
            continue  # "Sloviansk Thermal Power Plant engineers": whose engineers, not a name
        if (
            not any(t.ent_type_ == "PERSON" for t in span)
            and after_span is not None
            and after_span.is_lower
            and after_span.lower_ in _LOWER_TITLES
        ):
            continue  # "Welsh Labour leader and First Minister …": whose leader, not a name
        if len(span) == 1 and span[0].i > 0 and toks[span[0].i - 1].text == "(":
            continue  # "(Levant Wire)", "(Arystan)": a source or a unit's name
        nxt = toks[j] if j < len(toks) else None
        if nxt is not None and (
            nxt.lower_ in ORG_HEADS
            or nxt.text in {"’s", "'s"}
            and j + 1 < len(toks)
            and toks[j + 1].lower_ in ORG_HEADS
        ):
            continue  # "State Guard Service", "Kazakhstan Army", "Republican People's Party"
        before_of = span[0].i >= 2 and toks[span[0].i - 1].lower_ in {"of", "for"}
        if (
            before_of
            and toks[span[0].i - 2].lower_ in ORG_HEADS
            and not any(t.ent_type_ == "PERSON" for t in span)
        ):
            continue  # "the Office of Cuba Broadcasting", "Agency for Global Media": a body
        at = span[0].idx
        if _ALIAS.search(span[0].doc.text[max(0, at - 16) : at]):
            continue  # "Adan Castillo Lopez, a/k/a “Adan Castillo Aguilar”": one person's alias
        # (a full name NER calls a place here is still the person the document names so
        # elsewhere: "replaced him with Almasbei Kchach", Kchach a person in other sentences)
        is_known = span[-1].text in known
        # "R. D. Ampaw": initials before a capitalised word are a person's, whatever NER says
        initialled = len(span) >= 2 and all(re.fullmatch(r"[A-Z]\.", t.text) for t in span[:-1])
        if (
            all(t.ent_type_ in _PLACE_LABELS for t in span)
            and not any(t.ent_type_ == "PERSON" for t in span)
            and not is_known
            and not initialled
        ):
            continue
        if (
            len(span) == 1
            and span[0].pos_ != "PROPN"
            and span[0].ent_type_ != "PERSON"
            and not is_known
        ):
            end = span[0].idx + len(span[0].text)
            subject = (
                span[0].dep_ in {"nsubj", "nsubjpass"}
                and span[0].head.pos_ == "VERB"
                and span[0].i > span[0].sent.start
            )
            if not subject and not re.match(r",\s+(?:\d|who\b)", doc_text(doc)[end : end + 8]):
                continue  # but "Ouazzani, 58, took over", "Khreisat, who was …" are names
        if (
            len(span) == 1
            and i - len(span) >= 2
            and toks[span[0].i - 1].lower_ == "of"
            and toks[span[0].i - 2].lower_ in ORG_HEADS
        ):
            continue  # "Service of Kazakhstan": a country, even misspelt
        if (
            len(span) == 1
            and span[0].i >= 2
            and (
                toks[span[0].i - 1].lower_ == "of"
                and toks[span[0].i - 2].text[:1].isupper()
                or toks[span[0].i - 1].lower_ in {"in", "at", "near", "outside"}
            )
        ):
            continue  # "Minister of National Security of Turkmenistan", "Hrytsenko in Kharkiv"
        if (
            nxt is not None
            and nxt.text in {"’s", "'s", "’"}
            and len(span) == 1
            and span[0].text not in known
        ):
            continue  # "Nazarbayev's nephew": a possessor (one the text names in full is kept)
        if (
            nxt is not None
            and nxt.text == ":"
            and re.search(r"(?:^|\n)[^\S\n]*[-•*][^\S\n]*$", doc_text(doc)[: span[0].idx])
        ):
            continue  # "- Term End: 5 August 2025": an infobox's field, not a name
        start = span[0].idx
        end = span[-1].idx + len(span[-1].text)
        text = doc_text(doc)[start:end]
        out.append(PersonMention(start + offset, end + offset, text, span[0].i, span[-1].i + 1))
    return out


# organisation phrases to the right of a title: "of the Presidential Executive Office for …"
_TITLE_HEADS = {
    "chairman",
    "chairmen",
    "minister",
    "ministers",
    "head",
    "heads",
    "director",
    "directors",
    "chief",
    "chiefs",
    "commander",
    "commanders",
    "deputy",
    "deputies",
    "secretary",
    "president",
    "governor",
    "prosecutor",
    "chairperson",
}
_TITLE_STOP = (
    r"(?!(?:"
    + "|".join(sorted({w.capitalize() for w in _TITLE_HEADS}, key=len, reverse=True))
    + r")\b)"
)
_ORG_WORD = (
    _TITLE_STOP
    + r"(?:[A-ZА-ЯЁ](?:[\w’'-]|\.(?=\w))*|“[^”]{1,12}”|\"[^\"]{1,12}\"|«[^»]{1,12}»|"
    + "|".join(sorted((re.escape(h) for h in ORG_HEADS), key=len, reverse=True))
    + r")"
)
_RIGHT_ORG = re.compile(
    r"\s+(?P<prep>of|for|in)\s+(?:the\s+)?(?P<org>"
    + _ORG_WORD
    + r"(?:\s+(?:(?:of|for|and|the|on)\s+)*"
    + _ORG_WORD
    + r")*)"
)
_LEFT_ORG = re.compile(r"(?P<org>(?:(?:[A-Z]{2,6}|[A-Z][a-z]+)\s+){1,4})$")
_ABBR = re.compile(r"^[A-ZА-Я]{2,7}$")


def _org_before(left: str) -> bool:
    """A lower-case title right after the organisation it heads: "77th Weapons Squadron
    commander", "NSC chairman" — the organisation makes the word a post, not a common noun."""
    lm = _LEFT_ORG.search(left)
    if not lm:
        return False
    words = lm.group("org").split()
    return bool(_ABBR.match(words[-1]) or words[-1].lower() in ORG_HEADS)


def _trim_org(org: str) -> str:
    """Cut an organisation phrase after its last head word: "Border Guard Service Lieutenant-
    General Darkhan Dilmanov" → "Border Guard Service"."""
    words = org.split(" ")
    last = max(
        (
            i
            for i, w in enumerate(words)
            if w.lower().strip('”"»') in ORG_HEADS or _ABBR.match(w) or w[:1] in '“"«'
        ),
        default=None,
    )
    if last is None:
        return org
    rest = words[last + 1 :]
    if (
        len(rest) >= 2
        and rest[0] in {"for", "on"}
        and all(w[:1].isupper() or w in {"and", "of", "the", "for", "on"} for w in rest[1:])
    ):
        return org  # "State Committee for National Security": the name goes on after "for"
    # keep "of Kazakhstan Army"-style tails only when they end in a head word themselves
    return " ".join(words[: last + 1]) if rest else org


def _split_portfolio(org: str) -> tuple[str, str | None]:
    """ "Ministry for Foreign Affairs" keeps its "for"; "Commission … for Defence" is a portfolio.
    An organisation's head word before "for" makes it part of the name: "State Committee for
    National Security", "Federal Service for Technical and Export Control"."""
    m = re.search(r"\s+for\s+(.+)$", org)
    head = org[: m.start()].split()[-1].lower() if m else ""
    if m and head not in ORG_HEADS and head.rstrip("s") not in ORG_HEADS:
        return org[: m.start()], m.group(1)
    return org, None


def _clean_org(org: str, minister: bool = False) -> str:
    org = re.sub(r"^(?:the|its|his|her)\s+", "", org.strip(), flags=re.I)
    org = re.sub(r"\s+", " ", org)
    # "State Guard Service of Kazakhstan": the country is not part of the organisation's name
    cm = re.fullmatch(r"(.+?)\s+of\s+(?:the\s+Republic\s+of\s+)?([A-Z][a-z]+)", org)
    if (
        cm
        and cm.group(2).lower() not in ORG_HEADS
        and _org_like(cm.group(1))
        and len(cm.group(1).split()) >= 2
    ):
        org = cm.group(1)
    if minister and not _org_like(org):
        return normalize_ministry(org)
    m = re.fullmatch(r"(?:Ministry\s+of\s+(?:the\s+)?)(.+)", org, flags=re.I)
    if m:
        return normalize_ministry(m.group(1))
    m = re.fullmatch(r"(.+?)\s+Ministry", org)
    if m and not any(w.lower() in ORG_HEADS for w in m.group(1).split()):
        return normalize_ministry(m.group(1))
    return org


def _org_like(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and (
        words[-1] in ORG_HEADS
        or bool(_ABBR.match(text.split()[-1]))
        or any(w in ORG_HEADS for w in words)
    )


_APPOINTED_NAME_BEFORE = re.compile(
    r"\b(?:appoint(?:s|ed|ing)?|nam(?:es|ed|ing))\s[^.:]*?(?<![.:]\s)"
    r"(?:[A-Z][\w'’-]+\s+(?:[A-Z]\.\s+)?){1,3}$"
)


# the words that may stand between "as", "became", "named" and a lower-case title: "as the
# new", "became the 29th", "named transitional", "as caretaker"
_MODIFIERS = (
    r"(?:first|interim|acting|new|the|its|his|her|their|transitional|provisional|caretaker|"
    r"de[- ]facto|military|\d+(?:st|nd|rd|th))"
)


# a title before a name in the possessive ("President Moon Jae-in's"): whose the post after is
_POSSESSOR = re.compile(r"\s+(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*['’]s\s")


def find_posts(
    text: str, offset: int = 0, person_starts: frozenset[int] = frozenset()
) -> list[PostMention]:
    """Post phrases in a sentence, with offsets into the document. An organisation phrase ends
    where a person's name starts (``person_starts``, document offsets)."""
    raw: list[tuple[int, int, Post, bool]] = []
    for m in TITLE_RE.finditer(text):
        word = m.group(0)
        if _POSSESSOR.match(text, m.end()):
            continue  # "President Moon Jae-in's first director": the possessor's title, not a post
        if word[0].islower():
            after = text[m.end() : m.end() + 40]
            before = text[max(0, m.start() - 25) : m.start()]
            if not (
                re.match(r"\s+of\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?[A-Z“\"]", after)
                or _org_before(text[: m.start()])
                # "X, incoming division commanding general", "the outgoing commander"
                or re.search(r"\b(?:incoming|outgoing|prospective)\s+(?:[a-z]+\s+)?$", before)
                # a name right before it, after an appointing verb: "decrees appointing
                # Viktor Kern deputy prime minister; and Ivan Lind minister of communications"
                or _APPOINTED_NAME_BEFORE.search(text[max(0, m.start() - 200) : m.start()])
                or re.search(
                    r"\b(?:as|position of|post of|duties of|command of|acting|new|former|became|"
                    r"become|becomes|appointed|named|its|his|her|their)\s+"
                    rf"(?:{_MODIFIERS}\s+){{0,2}}$",
                    before,
                )
            ):
                continue
            if word.lower() in {
                "member",
                "head",
                "chief",
                "president",
                "aide",
                "members",
                "heads",
            } and not (
                re.match(r"\s+of\s+(?:the\s+)?[A-Z]", after)
                or re.search(
                    rf"\b(?:as|became|becomes|named|appointed)\s+(?:{_MODIFIERS}\s+){{0,2}}$",
                    before,
                )
            ):
                continue
        t = title_of(m)
        plural = bool(re.search(r"(?:ies|s|men)$", word, re.I)) and not word.lower().endswith(
            ("ss", "chief")
        )
        start, end = m.start(), m.end()
        org: str | None = None
        unit: str | None = None
        # left: "NSC Chairman", "Defense Minister", "Security Council Chairman"
        lm = _LEFT_ORG.search(text[:start])
        if lm:
            left = lm.group("org").strip()
            words = left.split()
            # keep only the tail that is an abbreviation, a ministry field or ends in an org head
            for k in range(len(words)):
                cand = " ".join(words[k:])
                if (
                    _ABBR.match(words[k])
                    or cand.lower() in _MINISTRY_LEFT
                    or cand.split()[-1].lower() in ORG_HEADS
                ):
                    if t.title.endswith("Minister") and cand.lower() in _MINISTRY_LEFT:
                        org = normalize_ministry(cand)
                    else:
                        org = cand
                    start = text.rfind(words[k], 0, m.start())
                    break
        rm = _RIGHT_ORG.match(text, end)
        if rm:
            cut = min(
                (p - offset for p in person_starts if rm.start("org") < p - offset < rm.end()),
                default=None,
            )
            if cut is not None:
                rm = _RIGHT_ORG.match(text[:cut].rstrip(), end)
        if rm and rm.group("prep") != "in":
            right, portfolio = _split_portfolio(_trim_org(rm.group("org")))
            if org is None:
                org = right
            else:
                unit = right
            end = rm.end() if portfolio is None else rm.start("org") + len(right)
            if portfolio:
                end = rm.end()
        elif rm and rm.group("prep") == "in" and org is not None:
            pass  # "NSC Department Director in Almaty": the place is not the organisation
        acting = bool(
            re.search(
                r"\b(?:acting|interim)\s+(?:\w+\s+)?$", text[max(0, start - 20) : start], re.I
            )
        )
        title = t.title
        post = Post(
            title,
            t.role,
            _clean_org(org, title.endswith("Minister")) if org else None,
            _clean_org(unit) if unit else None,
            text[start:end],
            acting,
        )
        raw.append((start, end, post, plural))
    # merge "Deputy NSC Chairman", "First Deputy of NSC Chairman", "Deputies NSC Chairman"
    merged: list[tuple[int, int, Post, bool]] = []
    for item in raw:
        if merged:
            ps, pe, pp, pl = merged[-1]
            s, e, p, pl2 = item
            gap = text[pe:s]
            if (
                pp.title in {"Deputy Chairman", "First Deputy Chairman"}
                and re.fullmatch(
                    r"\s+(?:of\s+)?(?:the\s+)?(?:[A-Z]{2,7}\s+|[A-Z][a-z]+\s+){0,3}", gap + " "
                )
                and p.role == "head"
                and len(gap) < 30
            ):
                prefix = "First Deputy" if pp.title.startswith("First") else "Deputy"
                gap_org = gap.strip()
                gap_org = re.sub(r"^(?:of\s+)?(?:the\s+)?", "", gap_org)
                org = p.org or pp.org or (gap_org or None)
                title = f"{prefix} {p.title}"
                role = "first_deputy" if prefix.startswith("First") else "deputy"
                merged[-1] = (
                    ps,
                    e,
                    Post(
                        title,
                        role,
                        _clean_org(org) if org else None,
                        p.unit,
                        text[ps:e],
                        pp.acting or p.acting,
                    ),
                    pl or pl2,
                )
                continue
        merged.append(item)
    # dual-hatted: "Deputy Head of X – Head of Y"
    out: list[PostMention] = []
    for s, e, p, pl in merged:
        if out and re.fullmatch(r"\s*[–—-]\s*(?:the\s+)?", text[out[-1].end - offset : s]):
            prev = out[-1]
            if p.org and prev.org and p.unit is None:
                p.unit, p.org = p.org, prev.org
            elif p.org is None:
                p.org = prev.org
            prev.posts.append(p)
            prev.end = e + offset
            continue
        out.append(PostMention(s + offset, e + offset, [p], plural=pl))
    for pm in out:
        cm = re.search(
            r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+)?$",
            text[max(0, pm.start - offset - 30) : pm.start - offset],
        )
        if cm and pm.plural:
            pm.count = _NUMBERS.get(cm.group(1).lower()) or (
                int(cm.group(1)) if cm.group(1).isdigit() else None
            )
    return out


_MINISTRY_LEFT = {
    "defense",
    "defence",
    "interior",
    "foreign",
    "justice",
    "finance",
    "internal affairs",
    "foreign affairs",
    "security",
    "emergency situations",
}
_NUMBERS = NUMBER_WORDS


def strip_rank(name: str) -> str:
    return re.sub(r"\s+", " ", RANK_RE.sub(" ", name)).strip(" ,")
