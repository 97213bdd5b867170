"""The date of one event, chosen from its sentence and the document's context.

A date dates an event only if it belongs to the event's own clause (``governs``): "started on
January 4, in less than 24 hours X was dismissed" dates the start. An announcement's date is
not the event's ("On January 13 NSC announced that X was arrested"). With no date of its own an
event takes its heading's; with none, it has none.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from custodes.extract.dates import PartialDate
from custodes.extract.events import RawEvent, _imperative
from custodes.extract.select import _OUTCOME, Candidate


def event_date(raw: RawEvent, cand: Candidate) -> PartialDate | None:
    """The event's date from its own sentence, else the heading; None when the text has none.

    Positions are sentence-local: the sentence was parsed on its own."""
    off = cand.sentence.start
    stext = cand.sentence.text
    t = raw.trigger.idx
    usable = []
    # a field of an infobox ("- Causes: A, B, Arrest of X"): a list of items, not one clause
    field = bool(_FIELD_LINE.match(stext))
    for m, d in cand.dates:
        if d is None:
            continue
        # background in parentheses ("(1994-2021)", "(previously …)") does not date the event
        before = stext[: m.start - off]
        if d.precision == "year" and before.count("(") > before.count(")"):
            continue
        if field and re.search(r",\s+[A-Z]", stext[min(m.end - off, t) : max(m.start - off, t)]):
            continue  # an infobox field's items are apart: "fraud in the October 2020 …, Arrest"
        usable.append((m.start - off, m.end - off, d))
    if raw.type in {"appointed", "dismissed", "moved", "resigned"}:
        # "approved the appointment of X as Chief, with effect from September 2025": the day a
        # change takes effect is its date, whatever else the sentence dates
        effect = [d for s, _, d in usable if _EFFECT.search(stext[max(0, s - 40) : s])]
        if effect:
            return effect[0]
    spans = tuple(usable)  # every usable date, for the closing end of "between A and B"
    ranked = [(governs(raw.trigger, s), s, e, d) for s, e, d in usable]
    best = max((r for r, *_ in ranked), default=0)
    # dates on the trigger's own verb win over dates on a coordinated one
    usable = [(s, e, d) for r, s, e, d in ranked if r and r == best]
    if raw.undated and best < 3:
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
    if before_t and after_t and _own_after(stext, t, before_t[-1], after_t[0]):
        # "In August 2023, Li disappeared … and was removed from office on 24 October": the
        # opening date frames the sentence, the date on the verb itself is the event's
        return _since(raw, stext, *after_t[0], later_dates=spans)
    if before_t:
        return _since(raw, stext, *before_t[-1], later_dates=spans)
    if after_t:
        # "committed suicide on January 10" — but not a date that belongs to the next clause
        s_, e_, d = after_t[0]
        gap = stext[t:s_]
        if best >= 2 or len(gap) < 60 and not re.search(r";|\band\b.*\b(?:was|were)\b", gap):
            return _since(raw, stext, s_, e_, d, later_dates=spans)
    if later:
        return None
    if reported and any(r and s_ < raw.reported.idx for r, s_, _, _ in ranked):  # type: ignore[union-attr]
        return None  # the only date is the announcement's
    if (
        raw.trigger.pos_ == "NOUN"
        and raw.trigger.lower_ != "suicide"
        and not _imperative(raw.trigger)
        and raw.trigger.head.lower_ not in {"after", "following", "upon", "on"}
        # (but an infobox's "- Result: Resignation of X, …" lists the outcomes of its Date)
        and not _OUTCOME.match(stext)
    ):
        return None  # "the appointment of X" refers back to an event dated where it is told
    return cand.heading


# what puts the day a change takes effect before a date
_EFFECT = re.compile(
    r"\b(?:with\s+effect\s+from|effective\s+(?:from|as\s+of|on)?|(?:to\s+)?takes?\s+effect\s+"
    r"(?:on|from|as\s+of))\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_FIELD_LINE = re.compile(r"\s*-\s*[A-Z][\w ]{0,30}:\s")
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid-?)\s*)?$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:(?:early|late|mid-?)\s*)?$", re.IGNORECASE)


def _own_after(
    stext: str,
    t: int,
    before: tuple[int, int, PartialDate],
    after: tuple[int, int, PartialDate],
) -> bool:
    """Does a date right after the trigger ("removed from office on 24 October 2023") belong
    to it more than a date that opens the sentence? Only when the opening date is the
    sentence's frame (its first words) and the later one follows the trigger's own words
    with no clause between, and is no coarser."""
    if before[0] > 12 or after[2].precision != "day":
        return False
    gap = stext[t : after[0]]
    return len(gap) < 40 and not re.search(r"[,;:()]|\b(?:and|but|after|before|when)\b", gap)


def _since(
    raw: RawEvent,
    stext: str,
    start: int,
    end: int,
    d: PartialDate,
    later_dates: tuple[tuple[int, int, PartialDate], ...] = (),
) -> PartialDate:
    """A date after "since" or "by" bounds an event, it does not date it: "the eighth figure
    to be assassinated since February 2005" happened at some time from February 2005 on; "he
    had become deputy commander by 1988", at some time up to 1988. A state begun then is the
    exception: "detained since March" was arrested in March."""
    before = stext[max(0, start - 20) : start]
    day = re.search(r"\bbetween\s+(\d{1,2})(?:st|nd|rd|th)?\s+and\s+$", before, re.I)
    if day and d.day and int(day.group(1)) < d.day:
        # "between 10 and 12 March 2023"
        return d.bound(after=PartialDate(d.year, d.month, int(day.group(1))).iso)
    if re.search(r"\bbetween\s+$", before, re.I):
        # "between March 2020 and June 2021": the date after "and" closes the interval
        nxt = next((x for x in later_dates if re.fullmatch(r"\s+and\s+", stext[end : x[0]])), None)
        if nxt is not None and nxt[2].first_day() >= d.first_day():
            return nxt[2].bound(after=d.iso)
    if _BY.search(before):
        return d.bound()
    if (
        raw.type == "arrested"
        or not _SINCE.search(before)
        or _when_clause_of(raw.trigger, start, end)
    ):
        return d
    return d.since()


def _when_clause_of(trig: Token, start: int, end: int) -> bool:
    """Is the event told in a "when" clause on the date itself ("held since Friday, when he was
    removed from office")? Then the date is the day it happened, not a bound."""
    node = trig
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    return (
        node.dep_ in {"relcl", "advcl"}
        and start <= node.head.idx < end
        and any(c.lower_ == "when" for c in node.children)
    )


def governs(trig: Token, start: int) -> int:
    """How closely the date at sentence-local offset ``start`` belongs to the trigger: 3 when
    it modifies a noun trigger itself ("until his death in 1972"), 2 when it modifies the
    trigger or the verb it hangs on, 1 through a coordinated or embedding verb ("X was
    dismissed on May 3 and arrested"), 0 when it dates another clause ("started on January 4,
    in less than 24 hours X was dismissed" dates the start, not the dismissal)."""
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
    if node.dep_ == "relcl" and node.head.i == date_head.i:
        return 2  # "until 7 February 2015, when he resigned": the clause says what the day saw
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
    if gov.i == trig.i != node.i:
        return 3  # "holding the post from 1935 until his death in 1972": the noun's own date
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
    if _fronted(tok, gov) and _clause_of(node, gov):
        # "On 21 June 2017 the king appointed his son and relieved X of all positions": a date
        # that opens the sentence frames all of it, whatever the parse made of the "and"
        return 1
    if (
        gov.dep_ == "conj"
        and gov.head.i == node.i
        and gov.i > node.i
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in gov.children)
        and node.tag_ == gov.tag_ == "VBN"
    ):
        # "He was removed from office and arrested in 1951": the date closes both verbs
        return 1
    for _ in range(6):
        if node.i == gov.i:
            return 1
        if node.dep_ in {"conj", "xcomp", "dep", "parataxis"} and node.head.i != node.i:
            node = node.head
        else:
            break
    return 1 if node.i == gov.i else 0


# what opens a clause of its own time: "after X was dismissed", "when he resigned"
_OWN_TIME = {
    "after",
    "before",
    "since",
    "until",
    "till",
    "because",
    "although",
    "though",
    "if",
    "while",
    "when",
    "once",
    "as",
    "whereas",
    "unless",
}


def _fronted(tok: Token, gov: Token) -> bool:
    """Is the date at ``tok`` a sentence-opening modifier of the main verb ``gov``, told before
    its subject ("On 21 June 2017 the king …", "In 2015, X …")?"""
    if gov.dep_ != "ROOT":
        return False
    subj = [c for c in gov.children if c.dep_ in {"nsubj", "nsubjpass"}]
    first = min((t.i for t in subj[0].subtree), default=gov.i) if subj else gov.i
    sent_start = gov.sent.start
    opener = [t for t in tok.doc[sent_start:first] if not t.is_punct]
    return (
        tok.i < first
        and all(t.i <= tok.i or t.like_num or t.is_title for t in opener)
        and (len(opener) <= 6)
    )


def _clause_of(node: Token, gov: Token) -> bool:
    """Is ``node`` a verb of the main clause ``gov`` heads: a coordinated or attached verb with
    no time of its own ("after", "when", "because" …)?"""
    for _ in range(4):
        if node.i == gov.i:
            return True
        if node.tag_ == "VB":
            return False  # "an agreement was made to relieve him once …": a plan, not the day
        if node.dep_ not in {"conj", "advcl", "xcomp"} or node.head.i == node.i:
            return False
        if any(c.dep_ in {"mark", "advmod"} and c.lower_ in _OWN_TIME for c in node.children):
            return False
        node = node.head
    return node.i == gov.i
