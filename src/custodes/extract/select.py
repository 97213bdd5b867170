"""Which sentences are worth parsing, and the date context each one is read in.

Most sentences of ordinary news cannot hold a personnel event: a cheap test (a trigger word, a
name or pronoun, a post beside the weaker triggers) decides which are parsed at all, which is
what makes extraction many times faster than parsing everything. The same pass reads the
document's dates in order — headings, chronology lines, decree datelines — so that each
candidate sentence carries the dates it can use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from custodes.extract.dates import (
    DATE_RE,
    MONTHS,
    DateContext,
    DateMention,
    PartialDate,
    cited,
    find_dates,
)
from custodes.extract.mentions import find_posts
from custodes.extract.roster import ROSTER_MARKER
from custodes.extract.segment import Paragraph, Sentence, paragraphs, sentences
from custodes.ontology import RANK_RE, TITLE_RE

# Words that announce a personnel event whatever else the sentence says ...
STRONG_TRIGGER_RE = re.compile(
    r"\b(?:appoint|dismiss|reliev|resign|abdicat|arrest|detain|detention|charged|indict|died|suicide|"
    r"sack(?:ed|s|ing)?\b|oust(?:ed|s|ing|er)\b|st(?:ep(?:s|ped|ping)?|ands?|ood)\s+down|jailed|imprison|reappoint|one\s+of\s+them|custody|killed|"
    r"(?-i:charges\s+[A-Z])|(?:carried\s+out|performed|exercised)\s+by\b|charges\s+(?:[\w-]+\s+){0,3}?against\b|dies\b|t(?:ake|akes|ook)\s+over|redeploy|revok|exonerat|terminated|"
    r"sworn\s+in|assassinat|murder|(?:proclaim|declar)\w*\s+(?:him|her|them)sel(?:f|ves)\b|"
    r"t(?:ake|akes|aken|ook|aking)\s+(?:up\s+(?:his|her|their|the)\s+(?:duties|post|position)|"
    r"office\b|the\s+helm)|"
    r"(?:placed|put|sent|forced)\s+in(?:to)?\s+\W?(?:early\s+)?retirement|"
    r"l(?:eft|eaves?)\s+(?:(?:his|her|their|the)\s+)?(?:post|office|position)\b|"
    r"under\s+arrest|found\s+dead|shot\s+dead|passed\s+away|took\s+over|tapped|"
    r"among\s+(?:them|those)|change[- ]of[- ]command|"
    r"(?:defendants|suspects|detainees|accused)\s+(?:are|were|include))",
    re.IGNORECASE,
)
# ... and words that do so only next to a post title or a rank ("moved their herds",
# "named player of the match" and "became the youngest captain" are news, not personnel).
WEAK_TRIGGER_RE = re.compile(
    r"\b(?:retir|death|killed|killing|replac|became|become|named|designat|instead|moved|transfer|assum|"
    r"fired|execut|remov(?:ed|al|es|ing)\b|quit|install(?:ed|s|ing)\b|elected|discharg|took\s+command|posted|picked|promot|"
    r"succeed|chosen|choos(?:e|es)\b|select(?:s|ed)?\b|went\s+to|goes\s+to|assign|reassign|inaugurat|overthr|depos|"
    r"(?:was|were|been|being)\s+made\b)",
    re.IGNORECASE,
)
# the letters the triggers begin with: behind a look ahead for them the engine leaves most
# positions after one test (the same matches, about twice as fast; a test reads the set off
# the patterns)
_TRIGGER_FIRST = "abcdefgijklmnopqrstuw"
TRIGGER_RE = re.compile(
    rf"(?=[{_TRIGGER_FIRST}])(?:{STRONG_TRIGGER_RE.pattern}|{WEAK_TRIGGER_RE.pattern})",
    re.IGNORECASE,
)
# Substrings every trigger above contains: a plain `in` test on the lower-cased sentence is far
# cheaper than the regular expressions, and rules out most sentences of ordinary news.
_TRIGGER_STEMS = (
    "appoint",
    "dismiss",
    "reliev",
    "resign",
    "abdicat",
    "arrest",
    "detain",
    "detention",
    "charge",
    "indict",
    "died",
    "dies",
    "suicide",
    "sack",
    "oust",
    "step",
    "stand down",
    "stands down",
    "stood down",
    "jailed",
    "imprison",
    "one of them",
    "custody",
    "killed",
    "over",
    "redeploy",
    "revok",
    "exonerat",
    "terminated",
    "sworn",
    "assassinat",
    "murder",
    "dead",
    "himself",
    "herself",
    "themselves",
    "execut",
    "passed away",
    "tapped",
    "assign",
    "killing",
    "among th",
    "defendants",
    "of command",
    "of-command",
    "suspects",
    "detainees",
    "accused",
    "retir",
    "inaugurat",
    "overthr",
    "depos",
    "death",
    "replac",
    "became",
    "become",
    "named",
    "designat",
    "instead",
    "moved",
    "transfer",
    "assum",
    "fired",
    "remov",
    "quit",
    "install",
    "elected",
    "discharg",
    "command",
    "posted",
    "picked",
    "promot",
    "succeed",
    "chosen",
    "select",
    "choos",
    "went to",
    "goes to",
    "was made",
    "were made",
    "been made",
    "being made",
    "duties",
    "office",
    "helm",
    "post",
    "position",
)


def substrings_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that finds a text holding any of ``stems`` (plain substrings: its search
    is ``any(stem in text for stem in stems)``), written as a tree of their
    letters ("a(?:ccused|ppoint|rrest|…)|d(?:e(?:a(?:d|th)|…)"): the engine tries one branch
    per first letter at each position instead of every stem, about three times as fast as
    testing the stems one by one (a stem that another one begins with adds nothing to it)."""
    tree: dict[str, dict] = {}
    for stem in stems:
        node = tree
        for ch in stem:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        if "" in node:
            return ""  # a whole stem ends here: what it would go on to is not needed
        alts = [re.escape(ch) + branch(sub) for ch, sub in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return re.compile(branch(tree))


_STEMS_RE = substrings_pattern(_TRIGGER_STEMS)


def _has_trigger(text: str) -> bool:
    # the stems on the lower-cased text first (a plain substring test: the same as
    # ``any(stem in low for stem in _TRIGGER_STEMS)``), then the trigger pattern
    return bool(_STEMS_RE.search(text.lower())) and bool(TRIGGER_RE.search(text))


def can_hold_event(sentence: str) -> bool:
    """The cheap test that decides which sentences are parsed at all (most have no trigger
    word, so that is tested first)."""
    if (
        ("new" in sentence or "incoming" in sentence)  # what _INCOMING needs, found faster
        and _INCOMING.search(sentence)
        and _PERSON_CUE.search(sentence)
    ):
        return True  # "introduce the new Head of the Service, X": a change of holder
    if not _has_trigger(sentence):
        return False  # the common case: no trigger word at all
    strong = STRONG_TRIGGER_RE.search(sentence)
    if not _PERSON_CUE.search(sentence):
        return False  # nobody is named or referred to: "police arrested 7 people"
    if strong:
        return True
    return bool(
        _POST_CONTEXT.search(sentence) or TITLE_RE.search(sentence) or RANK_RE.search(sentence)
    )


# "the new Head of …", "the incoming commander", "newly appointed Envoy"
_INCOMING = re.compile(
    r"\b(?:the\s+)?(?:new|newly[- ]appointed|incoming)\s+(?:[A-Z][\w-]+\s+){0,2}?"
    r"(?i:head|director|chairman|chief|minister|commander|commanding|governor|secretary|"
    r"president|prosecutor|ambassador|envoy)\b"
)
# a name (two capitalised words, "Mr. X", or a capitalised word before "was/were/has"), a pronoun,
# or a title: without one of these a sentence cannot say who
_PERSON_CUE = re.compile(
    r"\b[A-ZА-ЯЁ][\w’'-]+\.?[ \t]+(?:[a-z]{1,3}[ \t]+|[A-Z]\.[ \t]*)?[A-ZА-ЯЁ][\w’'-]+"
    r"|\b[A-ZА-ЯЁ][\w’'-]+,?[ \t]+(?:who|was|were|has|had|is|died|resigned|quit|stepped|passed)\b"
    r"|\b(?i:he|she|they|him|her|them|his)\b",
)
_POST_CONTEXT = re.compile(
    r"\b(?:posts?|positions?|duties|office)\b|\breplac\w*\s+(?:him|her|them)\b"
    r"|\b(?:was|were|been)\s+(?:replaced|succeeded)\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    sentence: Sentence
    dates: list[tuple[DateMention, PartialDate | None]]
    heading: PartialDate | None
    roster: bool


def candidates(
    text: str,
    published: PartialDate | None,
    select: bool = True,
    test: Callable[[str], bool] | None = None,
    decree: bool | None = None,
) -> list[Candidate]:
    """The sentences worth parsing, each with its resolved dates and heading. ``test`` decides
    which sentences can hold an event (English by default); ``decree``, whether the text is a
    decree or an order (``is_decree``), where the caller has tested it already."""
    test = test or can_hold_event
    ctx = DateContext(published=published)
    ctx.year_heading = chronology_year(text)
    out: list[Candidate] = []
    heading: PartialDate | None = None
    in_roster = False
    paras = paragraphs(text)
    # In decrees and orders the line "Place, date" is the date of signing: it dates the items
    # after it, and items before the first one are dated by the next (a signature block).
    if decree is None:
        decree = is_decree(text)
    datelines = [k for k, p in enumerate(paras) if p.dateline and not p.duplicate] if decree else []

    def signed_after(k: int) -> PartialDate | None:
        nxt = next((d for d in datelines if d > k), None)
        if nxt is None:
            return None
        ms = find_dates(paras[nxt].dateline or "")
        return DateContext(published=published).resolve(ms[0]) if ms else None

    # A chronology may head its entries with bare date lines ("12 March", "April 2021."): when
    # a text has two or more with different dates, they are headings, not a byline.
    bare = [k for k, p in enumerate(paras) if not p.duplicate and _bare_date(p.text)]
    chronology = len({str(_resolve_first(paras[k].text, published)) for k in bare}) >= 2
    bare_set = set(bare) if chronology else set()
    signed = signed_after(-1) if decree else None
    heading = ctx.heading = signed
    outcome_day = _infobox_day(paras, published)
    for k, p in enumerate(paras):
        if p.duplicate:
            continue
        if k in bare_set or decree and p.dateline:
            hm = find_dates(p.dateline or p.text) or _month_line(p.text)
            heading = ctx.heading = ctx.resolve(hm[0]) if hm else heading
            ctx.day_anchor = heading if heading and heading.day else None
            if heading is not None and heading.day is None and k in bare_set:
                ctx.year_heading = heading
            continue
        sig = _signature_date(p.text) if decree else None
        if sig is not None:
            heading = ctx.heading = ctx.resolve(sig)
            signed = heading
            continue
        if decree and len(p.text.split()) <= 15 and not can_hold_event(p.text):
            # a decree's header line: "Decree No. 712 of 5 July 2016"
            full = [m for m in find_dates(p.text) if m.day and m.relative is None]
            if full:
                heading = ctx.heading = ctx.resolve(full[-1])
                signed = heading
                continue
        if p.section_title and decree:
            # a new document of the collection: dated by its own dateline, wherever it stands
            heading = ctx.heading = signed_after(k) or signed
            in_roster = False
            continue
        if p.section_title:
            heading = signed  # a decree's signature date holds across its headings
            in_roster = False
            # a news headline is a title that tells the news: "X appointed Acting Head of Y"
            if not test(p.text):
                continue
        if p.heading:
            hm = find_dates(p.heading)
            heading = ctx.resolve(hm[0]) if hm else None
            ctx.heading = heading
            ctx.day_anchor = heading if heading and heading.day else ctx.day_anchor
        roster_para = bool(ROSTER_MARKER.search(p.text))
        in_roster = roster_para or (in_roster and _listing(p))
        sents = sentences(p)
        wanted = [
            (in_roster or not select or test(x.text)) and not _DEMANDS.match(x.text) for x in sents
        ]
        # dates are read where an event may be and in the paragraph before one (whose dates
        # "the next day" may point to); elsewhere they cannot date anything
        if any(wanted) or (
            k + 1 < len(paras)
            and (_may_hold(paras[k + 1]) if test is can_hold_event else test(paras[k + 1].text))
        ):
            para_dates = find_dates(p.text, p.start)
        else:
            para_dates = []
        # the day a happening took place governs the paragraph that tells it ("On 18 August
        # 2020, soldiers began a mutiny. … They detained the President, who resigned.")
        narrative: PartialDate | None = None
        for i, (x, want) in enumerate(zip(sents, wanted, strict=True)):
            mine = [
                m
                for m in para_dates
                if x.start <= m.start < x.end and not cited(text, m.start, m.end)
            ]
            dates = [(m, ctx.resolve(m)) for m in mine]
            if want:
                own = outcome_day if outcome_day and _OUTCOME.match(x.text) else None
                out.append(Candidate(x, dates, narrative or own or heading, in_roster))
            if i == 0:
                narrative = _happening_day(x.text, dates)
    return out


# an infobox field that lists what a movement demanded, not what happened ("- Goals:
# Resignation of President X, …", "- Demands: …")
_DEMANDS = re.compile(
    r"^\s*-\s*(?:Goals?|Demands?|Aims?|Objectives?|Purpose)\s*\d*\s*:", re.IGNORECASE
)
# the fields of an encyclopedia's event infobox ("- Date: 5 September 2021", "- Result: X
# deposed and detained, …"), one per line
_INFOBOX_DATE = re.compile(r"^\s*(?:-\s*)?Date\s*:\s*(?P<v>.+)$", re.IGNORECASE)
_OUTCOME = re.compile(r"^\s*(?:-\s*)?(?:Result|Outcome)\s*:", re.IGNORECASE)
# what every line _OUTCOME matches contains, looked for in whole paragraphs before they are
# split into sentences
_OUTCOME_WORD = re.compile(r"(?:Result|Outcome)\s*:", re.IGNORECASE)


def _infobox_day(paras: list[Paragraph], published: PartialDate | None) -> PartialDate | None:
    """The date an event infobox gives its happening, for the outcomes its Result field lists:
    that day for a happening of one day (a coup, an assassination: "Alpha Condé deposed and
    detained"), else only a lower bound (a crisis or a revolution starts on its Date and its
    outcomes come later); None for a span ("22 March – 11 April 2005") or without an infobox."""
    if not any(_OUTCOME_WORD.search(p.text) for p in paras[:40]):
        return None  # no line can be a Result field (the common case: no infobox at all)
    lines = [x.text for p in paras[:40] for x in sentences(p)]
    fields = [m.group("v") for x in lines if (m := _INFOBOX_DATE.match(x))]
    if len(fields) > 1 or not any(_OUTCOME.match(x) for x in lines):
        return None
    if not fields:
        # no Date field: the lead's opening sentence may say when it happened ("A coup d'état
        # in Ruritania began on the morning of 3 May 2020, when …")
        day = _lead_day(paras[:40], published)
    else:
        value = fields[0]
        ms = [m for m in find_dates(value) if m.relative is None]
        if len(ms) != 1 or re.search(r"[–—-]\s*\d", value[ms[0].end :]):
            return None
        day = DateContext(published=published).resolve(ms[0])
    if day is None:
        return None
    named = " ".join(x for x in lines[:8] if not _OUTCOME.match(x))
    return day if _ONE_DAY.search(named) else day.since()


def _lead_day(paras: list[Paragraph], published: PartialDate | None) -> PartialDate | None:
    """The day the first prose paragraph after an infobox opens by saying a happening took
    place on, if its opening sentence names one day and no other date."""
    seen_fields = False
    for p in paras:
        sents = sentences(p)
        if any(re.match(r"\s*-\s*\w[\w ]*:", x.text) for x in sents):
            seen_fields = True
            continue
        first = sents[0] if sents else None
        if first is None:
            continue
        if not seen_fields or p.section_title or len(first.text.split()) < 6:
            continue
        ctx = DateContext(published=published)
        dates = [(m, ctx.resolve(m)) for m in find_dates(first.text)]
        return _happening_day(first.text, dates)
    return None


# happenings of one day, as an infobox's title or "Conflict" field names them
_ONE_DAY = re.compile(
    r"\b(?:coup|putsch|assassination|attack|bombing|mutiny|raid|massacre|"
    r"переворот\w*|путч\w*|покушени\w+|мятеж\w*)",
    re.IGNORECASE,
)


# a sentence that tells that something happened, and when: a coup, a mutiny, an attack
_HAPPENING = re.compile(
    r"\b(?:took\s+place|occurred|began|broke\s+out|erupted|was\s+(?:launched|staged|carried\s+out)|"
    r"were\s+(?:launched|staged|carried\s+out)|произош\w+|начал\w*с[яь]|состоял\w+)\b",
    re.IGNORECASE,
)


def _happening_day(sentence: str, dates: list[tuple[DateMention, PartialDate | None]]):
    """The day a paragraph's opening sentence says a happening took place, if it names one
    day and no other date: the events the paragraph goes on to tell without a date of their
    own are that day's."""
    days = [d for m, d in dates if d is not None and m.relative is None]
    if len(days) != 1 or days[0].precision != "day" or not _HAPPENING.search(sentence):
        return None
    return days[0]


def _may_hold(p: Paragraph) -> bool:
    """A cheap look ahead: could the next paragraph hold an event?"""
    return _has_trigger(p.text)


def _signature_date(text: str) -> DateMention | None:
    """The date of a decree's signature line: "Office of the President, in Capital City,
    18 June 2021. — Publish." (a place, then a full date, then little else)."""
    if len(text.split()) > 25 or can_hold_event(text):
        return None
    for m in find_dates(text):
        if (
            m.year
            and m.day
            and re.fullmatch(
                r"(?:(?:[A-ZА-Я][\w.-]*|of|the|in|at|and|No\.?|\d+|[,–—-])\s*)*", text[: m.start]
            )
        ):
            return m
    return None


# the title of a year's chronology: "= 2022 in Burundi =", "Events in the year 2022 in …",
# "Burundi in 2022", "2022 год в Казахстане"
_CHRONOLOGY_TITLE = re.compile(
    r"^[\W_]*(?:Events\s+in\s+the\s+year\s+)?(?P<y>(?:1[89]|20)\d\d)\s+(?:in|год\s+в)\s+\S"
    r"|^[\W_]*[A-Z][\w .'-]{1,60}\s+in\s+(?P<y2>(?:1[89]|20)\d\d)[\W_]*$",
    re.MULTILINE,
)


def chronology_year(text: str) -> PartialDate | None:
    """The year a chronology's title names: its entries' days and months ("- 7 September —")
    are in that year, whatever the publication date."""
    m = _CHRONOLOGY_TITLE.search("\n".join(text.lstrip().splitlines()[:3]))
    return PartialDate(int(m.group("y") or m.group("y2"))) if m else None


def _bare_date(text: str) -> bool:
    """A line that is a date and nothing else (a weekday may stand before it)."""
    t = re.sub(
        r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+",
        "",
        text.strip().rstrip(".:"),
        flags=re.I,
    )
    return bool(DATE_RE.fullmatch(t) or _month_line(t) or re.fullmatch(r"(?:19|20)\d\d", t))


def _resolve_first(text: str, published: PartialDate | None = None) -> PartialDate | None:
    ms = find_dates(text) or _month_line(text)
    return DateContext(published=published).resolve(ms[0]) if ms else None


def _month_line(text: str) -> list[DateMention]:
    """A heading that is a month alone: "MARCH", "March." (its year from the context), or a
    year alone: "2020"."""
    y = re.fullmatch(r"\s*((?:19|20)\d\d)[.:]?\s*", text)
    if y:
        return [DateMention(0, len(text), text, int(y.group(1)), None, None)]
    m = re.fullmatch(r"\s*([A-Za-z]+)\.?\s*", text)
    if m and m.group(1).lower() in MONTHS and len(m.group(1)) > 3:
        return [DateMention(0, len(text), text, None, MONTHS[m.group(1).lower()], None)]
    return []


_IMPERATIVE = re.compile(
    r"^(\W*(?:\d{1,2}[.)]\s*)?(?:To\s+)?)(Appoint|Relieve|Dismiss|Transfer|Release|Assign|Remove"
    r"|Discharge|Reassign|Name)\b"
)


def for_parser(text: str) -> str:
    """Decree items open with an imperative ("Relieve X of …", "To appoint X as …"); the tagger
    reads a capitalised first verb as a name. Lower-case it (same length: offsets hold)."""
    m = _IMPERATIVE.match(text)
    if not m:
        return text
    i = m.start(2)
    return text[:i] + text[i].lower() + text[i + 1 :]


# words that make a text a decree or an order ("I hereby decree", "ORDER OF", "постановляю") ...
_DECREE_WORDS = (
    r"\b(?:(?i:I\s+(?:hereby\s+)?(?:decree|resolve|order)|it\s+is\s+(?:hereby\s+)?"
    r"(?:decreed|resolved|ordered)|hereby\s+(?:decree|order))|DECREE|ORDER\s+OF|RESOLUTION\s+OF"
    r"|(?i:постановляю|распоряжени[ея]\s+президента|указ\s+президента|приказ\s+(?:председателя|министра|директора)))\b"
    r"|(?i:\bI\s+determine\b|\bdetermines?:|\bdispatch\s+no\.?)"
)
# ... or two numbered items that act: "1. To appoint …", "2. Relieve …"
_DECREE_ACTS = (
    r"(?:^|\n)[^\S\n]*\d{1,2}[.)]\s+(?i:to\s+)?(?i:appoint|relieve|dismiss|transfer|release)"
    r"[\s\S]*\n[^\S\n]*\d{1,2}[.)]\s+(?i:to\s+)?(?i:appoint|relieve|dismiss|transfer|release)"
)
# ... or two numbered items in the passive: "1. X is appointed …", "2. Y is exonerated …"
_DECREE_PASSIVES = (
    r"(?:^|\n)[^\S\n]*\d{1,2}[.)][^\n]{3,80}?\b(?:is|are|shall\s+be)\s+(?:appointed|dismissed|relieved"
    r"|exonerated|transferred)\b[\s\S]*\n[^\S\n]*\d{1,2}[.)][^\n]{3,80}?\b(?:is|are|shall\s+be)\s+"
    r"(?:appointed|dismissed|relieved|exonerated|transferred)\b"
)
_DECREE = re.compile(_DECREE_WORDS + "|" + _DECREE_ACTS + "|" + _DECREE_PASSIVES)
# the same three searched one by one, the words behind a look ahead for the letters they begin
# with: one engine pass over the whole text tries all three at every position, and that is
# about half as fast
_DECREE_PARTS = (
    re.compile(r"(?=(?i:[ihdпру])|[DOR])(?:" + _DECREE_WORDS + ")"),
    re.compile(_DECREE_ACTS),
    re.compile(_DECREE_PASSIVES),
)


def is_decree(text: str) -> bool:
    """Whether ``text`` is a decree or an order: ``bool(_DECREE.search(text))``, faster."""
    return any(p.search(text) for p in _DECREE_PARTS)


def _listing(p: Paragraph) -> bool:
    return len(find_posts(p.text)) >= 2 and not TRIGGER_RE.search(p.text)
