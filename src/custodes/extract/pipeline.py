"""The extraction pipeline over one document: events and roster claims with evidence.

``select.candidates`` picks the sentences worth parsing and their dates; they are parsed in
batches; ``events.read_triggers`` reads each parse; this module resolves pronouns, replacements
and names across the document, dates each event (``dating``) and merges repeated mentions.

The stages live in modules of their own (``select`` → ``mentions`` → ``events`` → ``dating`` →
``merge``); the event model is ``model``, the parsers ``parsers``. ``EXTRACT_KEYS``, ``Event``,
``Extraction`` and ``load_nlp`` are re-exported here for callers of the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Token

from custodes.extract.dates import (
    DateContext,
    PartialDate,
    find_dates,
)
from custodes.extract.dating import event_date
from custodes.extract.events import (
    NOUN_TRIGGERS,
    RawEvent,
    _imperative,
    read_triggers,
    retag_event_nouns,
    rule_name,
)
from custodes.extract.itemdate import item_date, news_of_the_day
from custodes.extract.mentions import (
    TITLE_RE,
    PersonMention,
    Post,
    PostMention,
    find_people,
    find_posts,
)
from custodes.extract.merge import _merge
from custodes.extract.model import EXTRACT_KEYS, Event, Extraction
from custodes.extract.parsers import load_nlp
from custodes.extract.roster import RosterClaim, RosterState, read_roster
from custodes.extract.select import Candidate, candidates, for_parser, is_decree
from custodes.extract.structures import (
    appointment_list,
    apprehended_events,
    career_events,
    chronology_deaths,
    clean_name,
    cv_events,
    expand_abbreviations,
    holder_events,
    incoming,
    incumbent_events,
    infobox_events,
    pair_names_with_posts,
)
from custodes.languages import language_of
from custodes.ontology import ORG_HEADS, RANK_RE, TITLE_WORDS, strip_ranks

# the joining words of a body's name, English and the Romance languages ("Dirección Nacional
# de Inteligencia (DNI)")
_JOIN = r"of|for|the|and|on|de|del|la|las|los|des|du|di|della"
_ABBR_DEF = re.compile(
    rf"(?P<full>(?:[A-Z][\w’'-]+|{_JOIN})(?:\s+(?:[A-Z][\w’'-]+|{_JOIN})){{1,8}})"
    r"\s*\((?P<abbr>[A-ZА-ЯЁ]{2,8})\)"
)


def abbreviations(text: str) -> dict[str, str]:
    """Abbreviations the document defines: "National Security Committee (NSC)" → NSC.

    The definition is the longest tail of the phrase before the brackets whose initials spell
    the abbreviation; failing that (transliterated ones such as "Committee for National
    Security (GKNB)"), the tail after the last title word."""
    out: dict[str, str] = {}
    if "(" not in text:
        return out  # no brackets, no definitions (most news): the pattern is slow to say so
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
    docs = list(items)
    # a language with a reader of its own (``custodes.languages``: Russian, natasha) reads its
    # documents; the rest are read by the core, in one batch
    langs = {i: language_of(text) for i, (text, _) in enumerate(docs)}
    own = {i for i, lang in langs.items() if lang.reader is not None}
    if own:
        others = [i for i in range(len(docs)) if i not in own]
        done = (
            dict(
                zip(
                    others,
                    extract_many([docs[i] for i in others], nlp, batch_size, select),
                    strict=True,
                )
            )
            if others
            else {}
        )
        for i in own:
            done[i] = _bounded(langs[i].read()(*docs[i]), docs[i][1])
        return [_with_relations(docs[i][0], done[i]) for i in range(len(docs))]
    nlp = nlp or load_nlp()
    # the decree test reads the whole text: once per document, for the selection and the reading
    decrees = [is_decree(text) for text, _ in docs]
    cands = [
        candidates(text, pub, select, decree=decree)
        for (text, pub), decree in zip(docs, decrees, strict=True)
    ]
    flat = [(i, c) for i, cs in enumerate(cands) for c in cs]
    parsed = nlp.pipe((for_parser(c.sentence.text) for _, c in flat), batch_size=batch_size)
    per_doc: list[list[tuple[Candidate, object]]] = [[] for _ in docs]
    for (i, c), sdoc in zip(flat, parsed, strict=True):
        per_doc[i].append((c, retag_event_nouns(sdoc)))
    return [
        _with_relations(
            docs[i][0], _bounded(_assemble(*docs[i], per_doc[i], decrees[i]), docs[i][1])
        )
        for i in range(len(docs))
    ]


def _bounded(extraction: Extraction, published: PartialDate | None) -> Extraction:
    """Finish a document's events: one the text gives no date for happened on or before the
    document's publication date (that bound keeps rosters after it from being silently
    empty); the extractor field names the rules that fired; confidence is calibrated."""
    from custodes.extract.confidence import calibrated

    for e in extraction.events:
        if e.date is not None and e.date.after and not e.date.not_after:
            # "since February 2005" in a text published on D: between the two; with no
            # publication date (or a lower bound after it) nothing is known but the bound
            ok = published is not None and published.last_day() >= e.date.first_day()
            e.date = published.bound(after=e.date.after) if ok else None  # type: ignore[union-attr]
        if e.date is None and published is not None:
            e.date, e.dated_by = published.bound(), "bound"
        if e.dated_by != "text":
            e.extractor = f"{e.extractor} date={e.dated_by}"[:64]
        e.confidence = calibrated(e, e.confidence)
    return extraction


def _with_relations(text: str, extraction: Extraction) -> Extraction:
    """Add the institutional statements of a text (``extract.institutions``)."""
    from custodes.extract.institutions import extract_institutions

    extraction.relations = extract_institutions(text, extraction.abbreviations)
    return extraction


# where a place may follow: "of Kazakhstan", "in Almaty"
_PLACE_AFTER = re.compile(r"\b(?:of|in|from|across|to)\s+")
_WORD_EDGE = re.compile(r"\b")


def _not_places(names: set[str], text: str) -> set[str]:
    """The names of ``names`` that ``text`` never puts right after "of", "in", "from",
    "across" or "to" (as whole words). One scan of the text for those words serves every name:
    a regular expression per name would be compiled anew for each document's names, and so
    many patterns push the ones used everywhere else out of the ``re`` module's cache."""
    if not names:
        return names
    after = {m.end() for m in _PLACE_AFTER.finditer(text)}

    def place(name: str) -> bool:
        i = text.find(name)
        while i >= 0:
            if i in after and _WORD_EDGE.match(text, i + len(name)):
                return True
            i = text.find(name, i + 1)
        return False

    return {k for k in names if not place(k)}


def _shift(pm: PersonMention, off: int) -> PersonMention:
    return PersonMention(pm.start + off, pm.end + off, pm.name, pm.token_start, pm.token_end)


def _assemble(
    text: str,
    published: PartialDate | None,
    parsed: list[tuple[Candidate, object]],
    decree: bool | None = None,
) -> Extraction:
    abbr = abbreviations(text)
    events: list[Event] = []
    claims: list[RosterClaim] = []
    last_people: list[str] = []
    last_end_post: dict[str, PostMention] = {}
    last_end_any: PostMention | None = None
    rstate = RosterState()
    if decree is None:
        decree = is_decree(text)
    last_date: PartialDate | None = None
    pending: tuple[str, PartialDate | None] | None = None
    # every event told of a group not yet named ("were arrested", "are charged"), by type
    group: dict[str, PartialDate | None] = {}
    everyone: list[str] = []
    # an encyclopedic biography is about the person it opens with: "he" is that person until
    # another is named
    subject = _biography_subject(text)
    if subject:
        everyone.append(subject)
    # the day a news item reports on dates the events it reports as its news (a biography has
    # no news of the day)
    news = None if subject else item_date(text, published)
    # surnames the document gives in full somewhere: a bare "Batbayar" elsewhere is that person
    known: set[str] = set()
    first_pass = [find_people(sdoc) for _, sdoc in parsed]  # type: ignore[arg-type]
    for (_, sdoc), found in zip(parsed, first_pass, strict=True):
        for p in found:
            last = sdoc[p.token_end - 1]  # type: ignore[index]
            if p.token_end - p.token_start >= 2 and last.ent_type_ not in {"GPE", "LOC", "NORP"}:
                known.add(last.text)
                # the first of two surnames ("Cienfuegos" of "Salvador Cienfuegos Zepeda") is
                # the name a text uses alone as often as the last
                known.update(
                    t.text
                    for t in sdoc[p.token_start + 1 : p.token_end - 1]  # type: ignore[index]
                    if t.is_title and len(t.text) >= 3 and t.ent_type_ not in {"GPE", "LOC", "NORP"}
                )
    # ... unless the text also uses it as a place ("of Kazakhstan", "in Almaty")
    known = _not_places(known, text)
    if subject:
        # the subject's surname, and the first of two ("Cienfuegos" of "Salvador Cienfuegos
        # Zepeda"), which the page then uses alone
        known.add(subject.split()[-1])
        known.update(w for w in subject.split()[1:-1] if w[:1].isupper() and len(w) >= 3)
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
            claims += read_roster(
                cand.sentence, people, posts, cand.dates, expand_abbreviations(abbr), rstate
            )
        else:
            rstate = RosterState()
        raws = read_triggers(sdoc[:], people_local, posts_local, decree)  # type: ignore[index]
        everyone += [clean_name(p.name) for p in people_local]
        sent_people: list[str] = []
        if not raws and pending and _AMONG.search(cand.sentence.text):
            # "NSC arrested a number of officials. X was one of them, as well as Y and Z.";
            # "… were arrested … are charged in an indictment. The three defendants named in
            # the indictment are A, B and C": each named one shares what the group underwent
            for p in people_local:
                for etype, day in (group or {pending[0]: pending[1]}).items():
                    ev = Event(
                        etype,
                        clean_name(p.name),
                        None,
                        None,
                        day,
                        cand.sentence.text,
                        cand.sentence.start,
                        cand.sentence.end,
                        0.6,
                        extractor=f"custodes.rules/1 en:among {etype}",
                    )
                    events.append(ev)
                sent_people.append(clean_name(p.name))
            pending = None
            group = {}
        carried = pending
        sentence_dates: list[PartialDate] = []
        if raws and not all(r.generic for r in raws):
            pending = None
            group = {}
        first_event = len(events)
        for raw in raws:
            date = event_date(raw, cand)
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
            if (
                date is None
                and raw.type == "appointed"
                and (raw.replaces or raw.replaces_pronoun)
                and not raw.later
            ):
                # "He was IGP from 2005 until 5 March 2018. He was succeeded by Y": the
                # successor takes up the post the day the tenure just told ends
                date = _tenure_end_before(text, cand.sentence.start, published)
            if date is None and last_date is not None and _continues(raw, cand):
                # "Also dismissed were …", "The decree also named …", "His predecessor, X, was
                # transferred …": the same occasion as the sentence before
                date = last_date
            if (
                date is None
                and news is not None
                and not raw.later
                and not raw.undated
                # "… four days after Y resigned": before the item's news, on no day it gives
                and not any(
                    c.dep_ == "mark" and c.lower_ in {"after", "before"}
                    for c in raw.trigger.children
                )
                and (
                    raw.trigger.pos_ in {"VERB", "AUX"}
                    or _imperative(raw.trigger)
                    or _news_noun(raw.trigger)
                )
                and news_of_the_day(cand.sentence.text)
                # "passed away Monday night" in an item dated only by its month: the text
                # gives a day it cannot resolve, not none
                # (but "four days after Y resigned" counts from Y, not from a day of the item)
                and not any(
                    d is None
                    and m.relative is not None
                    and not m.relative.endswith((" after", " before"))
                    for m, d in cand.dates
                )
            ):
                date = news
                by_item = True
            else:
                by_item = False
            names: list[str] = []
            if raw.generic:
                pending = (raw.type, date)
                # the group's own clause dates it better than the item does
                if raw.type not in group or date is not None and not by_item:
                    group[raw.type] = date
                continue
            if raw.person is not None:
                names = [clean_name(raw.person.name)]
            elif raw.pronoun == "he" and (ante := _antecedent(sdoc, raw, people_local, known)):
                names = [ante]
            elif (
                raw.pronoun == "he"
                and not sent_people
                and not subject
                and (named := _named_just_before(text, cand.sentence.start))
            ):
                # "I would like to thank Mr Fradkov … He was appointed …": the sentence just
                # before (read or not) names whom "he" is
                names = [named]
            elif (
                raw.pronoun == "he"
                and (sent_people or last_people or subject)
                and not (subject and not sent_people and _other_gender(raw, text))
            ):
                # in a biography "he" is its subject; elsewhere the person last talked about
                # (but a page that calls its subject "he" means someone else by "she")
                names = [(sent_people or ([subject] if subject else last_people))[0]]
            elif raw.pronoun == "they" and (sent_people or last_people):
                names = list(sent_people or last_people)
            names += [clean_name(p.name) for p in raw.co_people]
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
                olds = [clean_name(p.name) for p in raw.replaces]
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
                if by_item:
                    ev.dated_by = "item"
                elif date is not None and (date.after or date.not_after):
                    ev.dated_by = "bound"  # "since 2005", "by 1988" (``dating._since``)
                events.append(ev)
                if ev.dated_by == "text" and ev.date is not None:
                    sentence_dates.append(ev.date)
                if ev.type in {"dismissed", "resigned"} and post is not None:
                    last_end_post[name] = post
                    last_end_any = post
                if name not in sent_people:
                    sent_people.append(name)
        events += incoming(cand, people_local, posts_local, abbr, sent_people, news)
        listed = appointment_list(
            cand, people_local, posts_local, abbr, {e.person for e in events[first_event:]}
        )
        events += listed
        sent_people += [e.person for e in listed]
        if raws:
            pair_names_with_posts(
                events, first_event, raws, cand.sentence.text, people_local, posts_local, abbr
            )
            last_date = sentence_dates[-1] if sentence_dates else None
        # the subject for the next sentence's "he"/"they": the people this sentence is about
        subjects = sent_people or [clean_name(p.name) for p in people_local][:1]
        if subjects:
            last_people = subjects
    if subject:
        death = _life_span_death(text, subject)
        if death is not None:
            events.append(death)
        events += infobox_events(text, published, subject)
        events += apprehended_events(text, published, subject)
        events += career_events(text, published, subject)
    events += cv_events(text, published, subject)
    events += chronology_deaths(text, published)
    events += incumbent_events(text, published)
    events += holder_events(text, published)
    events = _canonical_names(events, claims, everyone, _nicknames(text), subject)
    _one_org_per_agency(events, abbr)
    full = known | {w for n in everyone if len(n.split()) > 1 for w in n.split()}
    events = [e for e in events if _plausible_person(e, full, text, abbr)]
    return Extraction(_merge(events), claims, abbr)


_HONORIFIC_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Messrs)\.?\s+(?P<n>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)


def _named_just_before(text: str, start: int) -> str | None:
    """The one person the sentence before ``start`` names with an honorific ("thank Mr
    Fradkov"), when that sentence was not read; None if it names none or several."""
    before = text[max(0, start - 400) : start]
    prev = re.split(r"[.!?]\s+(?=[A-Z])", before.rstrip().rstrip(".!?"))[-1]
    names = {m.group("n") for m in _HONORIFIC_NAME.finditer(prev)}
    last = _sentence_before(text, start)
    if not names:
        # "Bernard Hogan-Howe joined the police in 1979. He was appointed …": the name the
        # sentence before opens with, as its subject (no title, rank, body or place)
        m = _OPENING_NAME.match(last)
        if (
            m
            and not TITLE_RE.search(m.group("n"))
            and not any(RANK_RE.fullmatch(w) for w in m.group("n").split())
            and not find_posts(m.group("n"))
        ):
            words = m.group("n").split()
            if words[0] not in {"The", "A", "An", "In", "On", "At", "By", "After", "Before"}:
                names = {m.group("n")}
    return names.pop() if len(names) == 1 else None


def _sentence_before(text: str, start: int) -> str:
    """The sentence just before ``start`` in the same paragraph, read or not: its stop may
    carry a closing quote or citation marks ("when he retired.[3] Pasha has been replaced")."""
    before = text[max(0, start - 500) : start].rstrip().rsplit("\n\n", 1)[-1]
    return re.split(r"(?<=[.!?])[\"”’)]*(?:\[\d+\])*\s+(?=[A-Z])", before)[-1]


# the close of a tenure: "until 5 March 2018", "till 2004", "up to May 2012"
_UNTIL = re.compile(r"\b(?:until|till|up\s+to)\s+(?:(?:early|late|mid-?)\s*)?$", re.IGNORECASE)


def _tenure_end_before(text: str, start: int, published: PartialDate | None) -> PartialDate | None:
    """The date the sentence just before ``start`` (in the same paragraph) ends a tenure on:
    the one date after "until" in it. A successor named next takes up the post that day."""
    prev = _sentence_before(text, start)
    ends = [m for m in find_dates(prev) if m.year and _UNTIL.search(prev[: m.start])]
    if len(ends) != 1:
        return None
    return DateContext(published=published).resolve(ends[0], update=False)


def _news_noun(trig: Token) -> bool:
    """A noun event an item reports as its news: "the President accepted the resignation of
    X", "Due to the resignation of President X, I have begun …" — the object of an act done
    now, or the cause of one; not "after the resignation of" (``RawEvent.undated``)."""
    head = trig.head
    if trig.dep_ == "compound" and head.dep_ == "dobj" and head.lower_ in {"request", "letter"}:
        trig, head = head, head.head  # "submits a resignation request", "… letter"
    if trig.dep_ == "dobj" and head.lemma_.lower() in {
        "accept",
        "announce",
        "approve",
        "sign",
        # "X submits his resignation": the act of the day
        "submit",
        "tender",
        "hand",
    }:
        return True
    if NOUN_TRIGGERS.get(trig.lemma_.lower()) == "died" and trig.dep_ == "pobj":
        # "condolences over the tragic death of X", "a report on the death of X"
        return head.lower_ in {"over", "on", "of", "about", "into", "with"}
    if trig.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        return True  # "The removal of X causes a sharp drop": what the news is about
    if (
        trig.dep_ == "pobj"
        and head.lower_ == "on"
        and head.head.pos_ == "VERB"
        and head.head.lemma_.lower() in {"arrest", "detain", "jail", "hold"}
    ):
        return True  # "X is arrested on charges of …": charged as he is arrested
    # "due to the resignation": spaCy hangs the noun on "due" or on "to"
    return trig.dep_ == "pobj" and (
        head.lower_ == "due" or head.lower_ == "to" and head.head.lower_ == "due"
    )


def _one_org_per_agency(events: list[Event], abbr: dict[str, str]) -> None:
    """A document that names an agency in full and then as "the committee", "State Committee"
    or its abbreviation means one agency: a short or bare name that only one full name of the
    document extends becomes that name."""
    names = {p.org for e in events for p in (*e.posts, *e.from_posts) if p.org}
    names |= set(abbr.values())
    full = [n for n in names if len(n.split()) >= 3]
    # "Committee for National Security" inside "State Committee for National Security": one
    full = [n for n in full if not any(n != f and f.lower().endswith(n.lower()) for f in full)]
    abbr = {a: next((f for f in full if f.lower().endswith(v.lower())), v) for a, v in abbr.items()}

    def extend(org: str) -> str:
        if org in abbr:
            return abbr[org]
        key = org.lower().removeprefix("the ").split()
        if not key or len(key) >= 3:
            return org
        hits = {
            f
            for f in full
            if f.lower() != org.lower()
            and (
                f.lower().startswith(" ".join(key) + " ")
                or len(key) == 1
                and key[0] in {w.lower() for w in f.split()}
            )
        }
        return hits.pop() if len(hits) == 1 else org

    for e in events:
        for p in (*e.posts, *e.from_posts):
            if p.org:
                p.org = extend(p.org)
        e.organization = next((p.org for p in e.posts if p.org), e.organization)


def _plausible_person(
    e: Event, known: set[str], text: str, abbr: dict[str, str] | None = None
) -> bool:
    """A one-word "person" is a person only if the document also gives it as part of a full
    name, or puts a rank or a title before it ("General Roos", "Mr Roos"): "Screenshot",
    "Navy" or a caption word standing alone is not someone who was arrested. A name that ends
    in a title ("State Duma Speaker") or that the text abbreviates as it does a body
    ("Dirección Nacional de Inteligencia (DNI)") is not a person either."""
    words = e.person.split()
    if not re.search(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]", e.person):
        # the English reader's "person" in another script is a gloss in brackets ("(Belarusian:
        # Міністэрства … Рэспублікі Беларусь)"); the person it glosses is named in Latin letters
        return False
    if len(words) > 1 and (TITLE_RE.fullmatch(words[-1]) or words[-1].lower() in _BODIES):
        return False  # "State Duma Speaker", "African Union"
    if abbr and e.person in abbr.values():
        return False
    if len(words) > 1:
        return True
    word = e.person
    if word in known or any(word in k.split() for k in known):
        return True
    before = re.findall(rf"(\S+)\s+{re.escape(word)}\b", text)
    if any(
        RANK_RE.fullmatch(b) or b.rstrip(".") in _HONORIFICS or b.lower() in _KIN for b in before
    ):
        return True  # "General Roos", "Mr Roos", "her older son Tarique"
    # "President Jeenbekov resigns": a capitalised title right before it (not a title itself:
    # "Deputy Speaker"; nor a first name, "Chief Constable George Hamilton")
    titled = re.findall(rf"(\S+)\s+{re.escape(word)}\b(?!\s+[A-Z])", text)
    return word.lower() not in TITLE_WORDS and any(
        b[:1].isupper() and TITLE_RE.fullmatch(b) and b.lower() not in _TITLE_MODIFIERS
        for b in titled
    )


# kinship nouns: the one-word name after one is a person's ("her son Tarique")
_KIN = {
    "son",
    "daughter",
    "brother",
    "sister",
    "wife",
    "husband",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "father",
    "mother",
}
# title words that also modify another title ("Chief Constable", "Deputy Speaker")
_TITLE_MODIFIERS = {"chief", "deputy", "vice", "first", "acting", "assistant", "senior", "head"}


# the last word of a body's name: a "person" ending in one is an organisation
_BODIES = ORG_HEADS | {
    "union",
    "alliance",
    "movement",
    "front",
    "league",
    "federation",
    "organization",
    "organisation",
    "association",
    "society",
    "bank",
    "company",
}

_HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Colonel", "General", "Major", "Captain", "Lieutenant"}


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
                # "the head of the State Security Service (SGB), Ruslan Beridze"
                r"[\s,]*(?:\([^()]{1,20}\)[\s,]*)?(?:the\s+)?"
                r"(?:[A-Z][\w-]*(?:\s+of\s+[A-Z][\w ]*?)?\s+)*",
                gap_before,
            )
        ):
            return _shift_post(pm, off)
        gap_after = text[person.end : pm.start] if pm.start >= person.end else None
        if gap_after is not None and re.fullmatch(r",\s*(?:the\s+|a\s+|former\s+)*", gap_after):
            return _shift_post(pm, off)
    return None


def _antecedent(
    sdoc, raw: RawEvent, people: list[PersonMention], known: AbstractSet[str] = frozenset()
) -> str | None:  # type: ignore[no-untyped-def]
    """The person "he" refers to when the sentence names someone before it: "Gelashvili's
    candidacy was submitted, and he was appointed", "X was dismissed, later he was arrested"."""
    t = raw.trigger.i
    if any(
        tok.i < t
        and tok.lower_ in {"he", "she"}
        and tok.dep_ in {"nsubj", "nsubjpass"}
        and tok.head.i != t
        for tok in sdoc
    ):
        # "he was appointed by President X, serving until his resignation": the sentence's
        # own "he" is who "his" is, not the person named since
        return None
    # "X decided to sack him": an object pronoun is not the subject of its own clause, nor of
    # the verb that clause completes
    own_subject: set[int] = set()
    trig = raw.trigger
    if any(c.dep_ == "dobj" and c.lower_ in {"him", "her", "them"} for c in trig.children):
        node = trig
        for _ in range(4):
            for c in node.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    own_subject |= {x.i for x in c.subtree}
            if node.dep_ not in {"xcomp", "conj"} or node.head.i == node.i:
                break
            node = node.head
    # (where the name ends, the name, whether it is the subject of its clause)
    found: list[tuple[int, str, bool]] = []
    for p in people:
        bare_surname = p.token_end - p.token_start == 1 and p.name in known
        if not bare_surname and all(
            sdoc[i].ent_type_ in {"ORG", "GPE", "FAC"} for i in range(p.token_start, p.token_end)
        ):
            # "After approval by the National Assembly, he …": a body, not "he" (but not a
            # name the document gives a person in full)
            continue
        if own_subject & set(range(p.token_start, p.token_end)):
            continue
        if p.token_end <= t:
            span = range(p.token_start, p.token_end)
            head = next((sdoc[i] for i in span if sdoc[i].head.i not in span), sdoc[span[0]])
            if head.dep_ == "pobj" and head.head.dep_ == "agent":
                continue  # "Hoover, appointed by President Coolidge, …": who acted, not "he"
            found.append((p.token_end, clean_name(p.name), head.dep_ in {"nsubj", "nsubjpass"}))
    for tok in sdoc:
        if (
            tok.i < t
            and tok.pos_ == "PROPN"
            and tok.i + 1 < len(sdoc)
            and sdoc[tok.i + 1].text in {"’s", "'s"}
            and not any(p.token_start <= tok.i < p.token_end for p in people)
        ):
            found.append((tok.i + 1, tok.text, False))
    # a subject before a possessor, an agent or an object ("After Uribe's victory, Noguera was
    # appointed …, after which he was appointed …": Noguera; "Hoover, appointed by President
    # Coolidge …, held the post until his death": Hoover)
    # (a possessive "his" is the nearest name's: "condolences to the family of X in connection
    # with his death")
    subject_pronoun = any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"he", "she"} for c in trig.children
    )
    subjects = [f for f in found if f[2]] if subject_pronoun else []
    best = max(subjects or found, default=None)
    return best[1] if best else None


def _make_event(
    raw: RawEvent,
    name: str,
    post: PostMention | None,
    from_post: PostMention | None,
    date: PartialDate | None,
    text: str,
    cand: Candidate,
    abbr: dict[str, str],
) -> Event:
    expand = expand_abbreviations(abbr)
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
        # the rule that fired: the trigger word read from the parse
        extractor=f"custodes.rules/1 en:{rule_name(raw.trigger)}"[:48],
    )


def _canonical_names(
    events: list[Event],
    claims: list[RosterClaim],
    everyone: list[str],
    nicknames: dict[str, str],
    subject: str | None = None,
) -> list[Event]:
    """Within a document, "Massimov", a typo like "Sadykuov" and a nickname in brackets are the
    full name given elsewhere in it. In a biography a name of one word that opens or ends the
    subject's name is the subject ("Meng" of "Meng Hongwei", though the text also names his
    wife "Grace Meng")."""
    full = [n for n in everyone if len(n.split()) >= 2 and n not in nicknames]
    ends = {w.lower() for w in (subject.split()[:1] + subject.split()[-1:])} if subject else set()
    for e in events:
        e.person = nicknames.get(e.person, e.person)
        if len(e.person.split()) == 1 and subject and e.person.lower() in ends:
            e.person = subject
        elif len(e.person.split()) == 1:
            e.person = _best_full(e.person, full) or e.person
    for c in claims:
        if c.person and len(c.person.split()) == 1:
            c.person = _best_full(c.person, full) or c.person
    return events


# capital and small letters of the Latin alphabets ("Pérez", "Émile", "Łukasz")
# (Latin Extended Additional, where Vietnamese letters are, mixes cases: "Trần Đại Quang")
_UPL, _LOWL = "A-ZÀ-ÖØ-ÞĀ-ŽḀ-ỿ", "a-zß-öø-ÿā-žḀ-ỿ"
# a sentence that opens with a full name and its verb: "Bernard Hogan-Howe joined …"
_OPENING_NAME = re.compile(
    rf"\s*(?:\d{{1,2}}\.\s+)?(?P<n>[{_UPL}][{_LOWL}]+(?:[ -][{_UPL}][{_LOWL}]+){{1,3}})\s+"
    r"(?:was\s+|had\s+|has\s+)?[a-z]+(?:ed|s)\b"
)
# footnote marks a copied page leaves after a name: "[a]", "[1][2]"
_FOOTNOTES = r"(?:\[\w{1,3}\])*"
# post-nominal honours after a name: ", OGW, CBS", ", DCB, CBE, QPM"
_HONOURS = r"(?:,\s*[A-Z]{2,5}(?:,\s*[A-Z]{2,5})*)?"
_SUBJECT = re.compile(
    # a name's words may have two letters ("Li Shangfu", "Le Van Minh")
    # (the words before the name stay on its line: "Born\nJuan Orlando …" is no rank)
    rf"(?:^|\n)(?:[{_UPL}][\w-]+[ \t]+){{0,3}}?([{_UPL}][{_LOWL}][\w-]*(?: (?:(?:oglu|oghlu|ogly|"
    rf"oğlu|uly|kyzy|bin|ibn|al|el|van|von|de|da)[ -])?[{_UPL}][{_LOWL}][\w-]*){{1,4}})"
    # a footnote mark after the name: "Valerii Fedorovych Zaluzhnyi[a] ("
    + _FOOTNOTES
    # post-nominal honours between the name and its brackets: "Noordin Mohamed Haji, OGW, CBS ("
    + _HONOURS
    # or the short name it goes by: "Full Name, commonly known as Short Name ("
    + r"(?:,\s+(?:(?:commonly|better|also|popularly)\s+)?known\s+as\s+[^,()\n]{2,60}?)?\s+"
    # brackets that open a life, a gloss or a pronunciation ("(born …", "(7 March 1950 –",
    # "(Ukrainian: …", "(/tl/;"), not an infobox's "Thando Ngcobo (divorced)"
    r"(?:\((?!\s*(?:m\.|divorced|widowed|separated)[\s)])(?=[^()\n]{0,80}?(?:[;:/]|\bborn\b|"
    r"\bb\.|\d{4}|\)))|is\s+an?\s|was\s+an?\s)"
)


def _life_span_death(text: str, subject: str) -> Event | None:
    """An encyclopedic biography gives the death in its opening brackets: "Name (Georgian: …;
    14 May 1961 – 9 November 2023) was …" — the second date of the span."""
    # the first brackets after the name that hold a span: an infobox above the opening may
    # give the name with the birth date alone ("Wilhelm Franz Canaris\n\n(1887-01-01)")
    for opening in re.finditer(re.escape(subject) + r"\s*\(([^()]{4,200})\)", text[:4000]):
        dash = re.search(r"\s[–—-]\s", opening.group(1))
        if dash:
            break
    else:
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
    head = text[:4000]  # an infobox may stand before the opening sentence
    # a one-name subject ("Sutiyoso (born 6 December 1944) is …") when the title is that name
    title = next((ln.strip(" =") for ln in head.splitlines() if ln.strip(" =")), "")
    mononym = (
        title
        if re.fullmatch(rf"[{_UPL}][{_LOWL}]{{2,}}", title)
        and re.search(rf"(?:^|\n){re.escape(title)}\s*\((?:born|b\.|\d)", head)
        else None
    )
    m = _SUBJECT.search(head)
    if not m:
        return mononym or _titled_subject(head)
    name = strip_ranks(m.group(1))
    if len(name.split()) < 2 or _not_a_person(name):
        # "General Staff (…)" is ranks and titles; "The Security Intelligence Agency (BIA)" a body
        return _titled_subject(head)
    if mononym is not None:
        return mononym
    if re.search(r"(?<!\bMc)(?<!\bMac)[a-z][A-Z]", name):
        # "MayorSara Duterte": an infobox's words run together, not the subject
        return _titled_subject(head)
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    # the opening sentence itself: "Name Name (born …", post-nominal honours allowed ("Dame
    # Lynne Owens, DCB, CBE (born …"); a stored copy may open with a page's leftovers
    if first == name or re.match(
        rf"[{_UPL}][{_LOWL}][\w-]+(?: (?:{_NAME_PARTICLE}-)?[{_UPL}][{_LOWL}][\w-]+){{1,4}}"
        + _FOOTNOTES
        + _HONOURS
        + r"\s+\(",
        m.group(0).strip(),
    ):
        return name
    return name if name.split()[-1] in first else _titled_subject(head)


# a web page's navigation copied above its title: "Jump to content", "From Wikipedia, …"
_CHROME = re.compile(
    r"\s*(?:Jump\s+to\b|From\s+Wikipedia\b|\(Redirected\s+from\b|Main\s+menu\b|Toggle\b)", re.I
)
# a page title's leftovers: "= Jackie Selebi =", "Hugo Carvajal Explained", "X - Wikipedia"
_TITLE_TAIL = re.compile(r"\s*(?:=+|\bExplained|[-–—|]\s*Wikipedia)\s*$")
_NAME_PARTICLE = r"(?:de|da|del|dela|de\s+la|van|von|der|bin|ibn|al|el|y|di|du|le|oglu|oghlu)"
# a word of a name as an opening sentence writes it: "Jacob", "J.", a nickname in quotes
_OPENING_WORD = (
    rf"(?:[{_UPL}][{_LOWL}’'.-]*|[{_UPL}]\.|[\"“][^\"”\n]{{1,30}}[\"”]|{_NAME_PARTICLE})"
)


def _titled_subject(head: str) -> str | None:
    """A copied encyclopedia page's subject, found from its title: the title is the name the
    person goes by ("Ronald dela Rosa", "Jackie Selebi"), and the opening sentence or the
    infobox gives the full name that ends with (or runs on past) the title's surname, before
    its brackets, honours, "is" or "was" ("Jacob \"Jackie\" Sello Selebi (7 March 1950 – …",
    "Lieutenant General Ahmad Shuja Pasha (Urdu: …)", "Mike Bush, MNZM, is …")."""
    lines = [ln.strip() for ln in head.splitlines() if ln.strip() and not _CHROME.match(ln)]
    if not lines:
        return None
    title = _TITLE_TAIL.sub("", lines[0].strip(" =")).strip()
    words = title.split()
    if not 2 <= len(words) <= 5 or find_posts(title):
        return None
    if not all(re.fullmatch(rf"[{_UPL}][{_LOWL}’'.-]+|{_NAME_PARTICLE}", w) for w in words):
        return None  # "2021 Sudan coup d'état", "Director-General of Security": not a name
    surname = re.escape(words[-1])
    opening = re.compile(
        rf"^(?P<name>(?:{_OPENING_WORD}[ \t]+){{0,7}}?{surname}"
        rf"(?:[ \t]+[{_UPL}][{_LOWL}][\w-]+){{0,2}})" + _HONOURS + r"(?:\s*\(|,\s|\s+(?:is|was)\s)",
        re.MULTILINE,
    )
    body = "\n".join(lines[1:])
    for m in opening.finditer(body):
        name = re.sub(r"\s*[\"“][^\"”]*[\"”]", "", m.group("name"))  # the nickname
        name = strip_ranks(" ".join(name.split()))
        if len(name.split()) >= 2 and not find_posts(name) and not _not_a_person(name):
            return name
    if (
        len(lines) >= 3
        and re.fullmatch(rf"(?:{_OPENING_WORD}[ \t]+){{1,5}}{surname}", lines[1])
        and _INFOBOX_FIELD.match(lines[2])
    ):
        # a page that is only its infobox: the title, the name in full, then the fields
        # ("= Archie Gamboa =" / "Archie Francisco F. Gamboa" / "- Office: …")
        name = strip_ranks(lines[1])
        if not find_posts(name) and not _not_a_person(name):
            return name
    return None


_INFOBOX_FIELD = re.compile(r"-\s*[A-Z][\w ]{1,30}\d*\s*:")


def _not_a_person(name: str) -> bool:
    """An opening's name that is a body's or a happening's: it begins with an article or ends
    with a body's head word ("The Security Intelligence Agency", "Hong Kong Police Force"; not
    "Division General X", whose rank holds one)."""
    words = name.split()
    return words[0] in {"The", "A", "An"} or words[-1].lower() in ORG_HEADS


_AMONG = re.compile(
    r"\b(?:one\s+of\s+them|among\s+them|among\s+those|as\s+well\s+as|"
    # "… were charged today. The six defendants are A, B and C."
    r"(?:defendants|suspects|detainees|accused)\s+(?:(?:named|listed|charged)\s+(?:\w+\s+){0,4})?"
    r"(?:are|were|include[ds]?)|"
    r"they\s+(?:are|were|include[ds]?)|namely)\b",
    re.I,
)
_NICK = re.compile(
    r"(?P<full>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+),[^()\n]{0,120}?\((?P<nick>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)+)\)"
)


_MALE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_FEMALE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)


def _other_gender(raw: RawEvent, text: str) -> bool:
    """Is the event's pronoun of the gender the page does not use for its subject ("She died
    in July 2019" on a page that calls its subject "he" throughout: his mother)? A page's
    pronouns are mostly its subject's, so the gender it uses far more often is the subject's."""
    pron = next(
        (
            c.lower_
            for c in raw.trigger.children
            if c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"he", "she"}
        ),
        None,
    )
    if pron is None:
        return False
    male, female = len(_MALE.findall(text)), len(_FEMALE.findall(text))
    if pron == "she":
        return male >= max(5, 3 * female)
    return female >= max(5, 3 * male)


def _nicknames(text: str) -> dict[str, str]:
    """Nicknames in brackets: "Arman J., a former athlete (Wild Arman)" → the full name."""
    return {m.group("nick"): m.group("full") for m in _NICK.finditer(text)}


def _best_full(surname: str, full: list[str]) -> str | None:
    exact = [f for f in full if f.split()[-1].lower() == surname.lower()]
    if exact:
        return exact[0]
    # a first surname of two ("Pérez" in "Otto Pérez Molina"), if only one name has it
    inner = {f for f in full if surname.lower() in (w.lower() for w in f.split()[1:])}
    if len(inner) == 1:
        return inner.pop()
    # a first name alone ("I wish George all the best"), or a surname given first ("Li" of
    # "Li Shangfu"), if only one full name opens with it
    opening = {f for f in full if f.split()[0].lower() == surname.lower()}
    if len(opening) == 1:
        return opening.pop()
    fuzzy = [(fuzz.ratio(f.split()[-1].lower(), surname.lower()), f) for f in full]
    fuzzy = [x for x in fuzzy if x[0] >= 85]
    return max(fuzzy)[1] if fuzzy else None


def _continues(raw: RawEvent, cand: Candidate) -> bool:
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


__all__ = ["EXTRACT_KEYS", "Event", "Extraction", "extract", "extract_many", "load_nlp"]
