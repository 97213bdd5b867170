"""Readers of a text's structure rather than its grammar: an infobox's offices, a chronology's
deaths, a list of appointments after a colon, names paired with the posts after them, the
incoming holder at a change of command. Each builds its events from the mentions of one
candidate sentence (``_sentence_event``) and names its rule in the extractor field; the
pipeline calls them beside the grammar reader (``extract.events``).
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Token

from custodes.extract.dates import PartialDate
from custodes.extract.events import RawEvent
from custodes.extract.itemdate import news_of_the_day
from custodes.extract.mentions import PersonMention, Post, PostMention, find_posts
from custodes.extract.model import Event
from custodes.extract.select import Candidate
from custodes.ontology import strip_ranks


def clean_name(name: str) -> str:
    # an encyclopedia's citation marks glued to the name: "Abdalla Hamdok.[1]", "X[12]"
    name = re.sub(r"\.?\[\d*\]?(?=\s|$)", "", name)
    # an infobox's label run into the name: "Spouse(s)Grace Meng", "Relations)Ali Khan"
    name = re.sub(r"^[^\s()]*\)(?=[A-Z])", "", name)
    name = strip_ranks(name)
    name = re.sub(r"[’']s?$", "", name).strip(" ,.;:")
    return name


def expand_abbreviations(abbr: dict[str, str]):  # type: ignore[no-untyped-def]
    def expand(org: str | None) -> str | None:
        if org is None:
            return None
        words = org.split()
        return " ".join(abbr.get(w, w) for w in words)

    return expand


def _appointed_to(
    text: str, start: int, end: int, person: str, title: str, day: PartialDate | None, rule: str
) -> Event:
    """The appointment an infobox line gives: ``person`` to the posts ``title`` names."""
    (pm, *_) = find_posts(title, start)
    posts = list(pm.posts)
    return Event(
        type="appointed",
        person=person,
        position=" – ".join(p.label for p in posts) or None,
        organization=next((p.org for p in posts if p.org), None),
        date=day,
        quote=text[start:end],
        start=start,
        end=end,
        confidence=0.8,
        posts=posts,
        extractor=f"custodes.rules/1 en:{rule}",
    )


def infobox_events(text: str, published: PartialDate | None, subject: str) -> list[Event]:
    """The offices of a biography's infobox ("Director of the Federal Security Service / In
    office / 9 August 1999 – 12 May 2008"): the subject appointed on the first date."""
    from custodes.extract.infobox import offices

    return [
        _appointed_to(text, start, end, subject, title, day, "infobox")
        for start, end, title, day in offices(text, published)
    ]


def career_events(text: str, published: PartialDate | None, subject: str) -> list[Event]:
    """A biography's career list ("- 1996: Representative of X", "- February 2004: Chief of
    Y"): the subject appointed to each post on its date."""
    from custodes.extract.infobox import career

    return [
        _appointed_to(text, start, end, subject, title, day, "career-list")
        for start, end, title, day in career(text, published)
    ]


def cv_events(text: str, published: PartialDate | None, subject: str | None) -> list[Event]:
    """The roles of a CV table ("2008 to 2012 Paris, Deputy Head of Mission"): its owner
    (the CV's "Full name:", else the biography's subject) appointed to each in its first
    year."""
    from custodes.extract.infobox import cv

    return [
        _appointed_to(text, start, end, clean_name(owner or subject or ""), title, day, "cv")
        for start, end, owner, title, day in cv(text)
        if owner or subject
    ]


def apprehended_events(text: str, published: PartialDate | None, subject: str) -> list[Event]:
    """The arrest a criminal's infobox gives ("Date apprehended / February 15, 2022"): the
    subject arrested that day."""
    from custodes.extract.infobox import apprehended

    return [
        Event(
            type="arrested",
            person=subject,
            position=None,
            organization=None,
            date=day,
            quote=text[start:end],
            start=start,
            end=end,
            confidence=0.8,
            extractor="custodes.rules/1 en:infobox-apprehended",
        )
        for start, end, day in apprehended(text, published)
    ]


def incumbent_events(text: str, published: PartialDate | None) -> list[Event]:
    """The holder an office's infobox gives ("Commander of X / Incumbent / Y / since 18
    December 2017"): appointed on that day."""
    from custodes.extract.infobox import incumbents

    return [
        _appointed_to(text, start, end, clean_name(name), title, day, "incumbent")
        for start, end, name, title, day in incumbents(text, published)
    ]


def holder_events(text: str, published: PartialDate | None) -> list[Event]:
    """Each line of a list of a post's holders ("1950–1970 Sir Charles Spry", "William Caine |
    30 April 1841 | 1844"): the holder appointed to the post at the start of the tenure."""
    from custodes.extract.infobox import holders

    return [
        dataclasses.replace(
            _appointed_to(text, start, end, clean_name(name), title, day, "holders-list"),
            confidence=0.7,
        )
        for start, end, name, title, day in holders(text, published)
    ] + rendered_holder_events(text, published)


def rendered_holder_events(text: str, published: PartialDate | None) -> list[Event]:
    """Each row of a holders table copied as plain text ("Daoud Soumain / (?–2008) / ?2
    February 2008 †?"): the holder appointed at the tenure's start, and dead on the day a
    dagger marks."""
    from custodes.extract.infobox import rendered_holders

    out = []
    for start, end, name, title, day, died in rendered_holders(text, published):
        person = clean_name(name)
        if day is not None:
            out.append(
                dataclasses.replace(
                    _appointed_to(text, start, end, person, title, day, "holders-table"),
                    confidence=0.7,
                )
            )
        if died is not None:
            e = _appointed_to(text, start, end, person, title, died, "holders-table-died")
            out.append(dataclasses.replace(e, type="died", confidence=0.7))
    return out


def _sentence_event(
    etype: str,
    name: str,
    post: PostMention | None,
    abbr: dict[str, str],
    cand: Candidate,
    date: PartialDate | None,
    confidence: float,
    rule: str,
    acting: bool = False,
) -> Event:
    """An event a structural reader found in a candidate sentence (a list, a change of command,
    a chronology's deaths): the person, the post mention's posts with abbreviations expanded,
    the whole sentence as the quote, and the rule named in the extractor field."""
    expand = expand_abbreviations(abbr)
    ps = [
        Post(x.title, x.role, expand(x.org), x.unit, x.text, x.acting or acting)
        for x in (post.posts if post else [])
    ]
    return Event(
        type=etype,
        person=name,
        position=" – ".join(x.label for x in ps) or None,
        organization=next((x.org for x in ps if x.org), None),
        date=date,
        quote=cand.sentence.text,
        start=cand.sentence.start,
        end=cand.sentence.end,
        confidence=confidence,
        posts=ps,
        acting=any(x.acting for x in ps),
        extractor=f"custodes.rules/1 en:{rule}",
    )


# what may stand between a name and its post ("X, as Y"), and between one pair and the next
_NAME_TO_POST = re.compile(
    r"\s*,?\s*(?:as\s+)?(?:the\s+|a\s+|an\s+)?(?:(?:[Aa]cting|[Ii]nterim|new)\s+)?"
)
_PAIR_TO_PAIR = re.compile(
    r"\s*(?:[,;]\s*)?(?:and\s+)?(?:the\s+)?"
    # or the rest of an item in lower case up to its semicolon: "B deputy prime minister and
    # minister of civil defence; and C minister of communications"
    r"|[^;.:A-Z]*;\s*(?:and\s+)?(?:the\s+)?"
)


def pair_names_with_posts(
    events: list[Event],
    first: int,
    raws: list[RawEvent],
    sentence: str,
    people: list[PersonMention],
    posts: list[PostMention],
    abbr: dict[str, str],
) -> None:
    """ "signed orders appointing A Acting Governor of X and B Acting Governor of Y", "appointed
    A deputy prime minister; B minister of railways": after one active verb, names and posts
    alternate, and each name takes the post right after it, whatever the parse hung where."""
    trig = next(
        (r.trigger for r in raws if r.type == "appointed" and r.trigger.pos_ == "VERB"), None
    )
    if trig is None or _is_passive_verb(trig):
        return
    at = trig.idx + len(trig.text)
    seq = sorted(
        [("person", p.start, p.end, p) for p in people if p.start >= at]
        + [("post", m.start, m.end, m) for m in posts if m.start >= at],
        key=lambda x: x[1],
    )
    pairs: list[tuple[PersonMention, PostMention, bool]] = []
    pos = at
    k = 0
    while k + 1 < len(seq) and seq[k][0] == "person" and seq[k + 1][0] == "post":
        gap = _PAIR_TO_PAIR if pairs else re.compile(r"\s*")
        if not gap.fullmatch(sentence[pos : seq[k][1]]):
            break
        if not _NAME_TO_POST.fullmatch(sentence[seq[k][2] : seq[k + 1][1]]):
            break
        acting = bool(re.search(r"(?i:acting|interim)", sentence[seq[k][2] : seq[k + 1][1]]))
        pairs.append((seq[k][3], seq[k + 1][3], acting))
        pos = seq[k + 1][2]
        k += 2
    if len(pairs) < 2:
        return
    mine = [e for e in events[first:] if e.type == "appointed"]
    if not mine:
        return
    model = mine[0]
    expand = expand_abbreviations(abbr)
    for person, pm, acting in pairs:
        name = clean_name(person.name)
        ev = next((e for e in mine if e.person == name), None)
        if ev is None:
            ev = dataclasses.replace(model, person=name, posts=[], mentions=1)
            events.append(ev)
        ev.posts = [
            Post(p.title, p.role, expand(p.org), p.unit, p.text, p.acting or acting)
            for p in pm.posts
        ]
        ev.acting = any(p.acting for p in ev.posts)
        ev.position = " – ".join(p.label for p in ev.posts) or None
        ev.organization = next((p.org for p in ev.posts if p.org), None)


# "the following appointments were made:", "appointed as follows:", "were appointed:"
_LIST_HEAD = re.compile(
    r"\b(?:appointments?\s+(?:were|was|have\s+been|has\s+been)\s+made|appointed\s+as\s+follows"
    r"|(?:were|are)\s+appointed|(?:following|these)\s+appointments)\s*:",
    re.IGNORECASE,
)


def appointment_list(
    cand: Candidate,
    people: list[PersonMention],
    posts: list[PostMention],
    abbr: dict[str, str],
    seen: set[str],
) -> list[Event]:
    """ "By Decree No. 189 of March 18, 2020, the following appointments were made: Major
    General A - to the position of Chief of X; Colonel B - to the position of …": each item
    after the colon is an appointment of its name to its post, on the date before the colon."""
    text = cand.sentence.text
    head = _LIST_HEAD.search(text)
    if head is None:
        return []
    off = cand.sentence.start
    day = next(
        (d for m, d in cand.dates if d is not None and m.start - off < head.start() and d.day),
        cand.heading,
    )
    out = []
    pos = head.end()
    for item in re.split(r";", text[head.end() :]):
        start, end = pos, pos + len(item)
        pos = end + 1
        who = next((p for p in people if start <= p.start < end), None)
        post = next((m for m in posts if who and who.end <= m.start < end), None)
        if who is None or post is None or clean_name(who.name) in seen:
            continue
        out.append(
            _sentence_event(
                "appointed", clean_name(who.name), post, abbr, cand, day, 0.75, "appointment-list"
            )
        )
    return out


_CHANGE_OF_COMMAND = re.compile(
    r"change[- ]of[- ]command|assum\w*\s+(?:of\s+)?command|took\s+command|welcom\w*",
    re.IGNORECASE,
)


# who takes the unit's colours at the ceremony: "passes the colors to Col. X", "presents Lt. Col.
# X, … commander, with the guidon" (ranks and service names may stand before the name)
_COLOURS = r"(?:colou?rs|guid\w*on|flag|standard|command)"
_HANDED_TO = re.compile(
    rf"\b(?:pass|hand|relinquish|transfer)\w*\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?{_COLOURS}"
    r"\s+(?:over\s+)?to\s+(?:[A-Z][\w.]*\s+){0,6}$"
)
_PRESENTED = re.compile(r"\bpresent(?:s|ed|ing)?\s+(?:[A-Z][\w.]*\s+){0,6}$")
_WITH_COLOURS = re.compile(rf"^[^;]{{0,80}}?\bwith\s+the\s+(?:[\w'’-]+\s+){{0,3}}?{_COLOURS}\b")
# the appositive that describes the one who leaves, or stands in, not the one who takes over
_NOT_INCOMING = re.compile(
    r",\s+(?:the\s+)?(?:outgoing|former|departing|retiring|acting|interim|deputy)\b", re.I
)


def _receiver_post(text: str, p: PersonMention, posts: list[PostMention]) -> PostMention | None:
    """At a change of command, the post of the one handed the colours: the post of the
    appositive after the name ("to Col. X, commander of the 4th Division,")."""
    before = text[max(0, p.start - 90) : p.start]
    after = text[p.end :]
    if not (
        _HANDED_TO.search(before) or (_PRESENTED.search(before) and _WITH_COLOURS.match(after))
    ):
        return None
    if not re.match(r"\s*,", after) or _NOT_INCOMING.match(after):
        return None
    second = after.find(",", after.find(",") + 1)  # the appositive ends at the next comma
    close = p.end + (second if second > 0 else len(after))
    return next((pm for pm in posts if p.end < pm.start and pm.end <= close), None)


def incoming(
    cand: Candidate,
    people: list[PersonMention],
    posts: list[PostMention],
    abbr: dict[str, str],
    named: list[str],
    news: PartialDate | None = None,
) -> list[Event]:
    """A change of command: "welcomed Maj. Gen. X, incoming division commanding general": the
    incoming (or new) holder of the post named beside the name is appointed."""
    text = cand.sentence.text
    command = bool(_CHANGE_OF_COMMAND.search(text))
    out = []
    for p in people:
        post = None
        # "Kevin D. Admiral, incoming …": a surname the name finder read as a rank stands
        # between the name and its comma
        m = (
            re.match(
                r"(?:\s+[A-Z][\w.]*){0,2},\s+(?:the\s+)?(?:incoming|new|prospective)\s+",
                text[p.end :],
            )
            if command
            else None
        )
        if command and not m:
            post = _receiver_post(text, p, posts)
        if m:
            post = next((pm for pm in posts if pm.start <= p.end + m.end() + 30 and
                         pm.start >= p.end + m.end()), None)  # fmt: skip
        elif post is None:
            # "the new Head of the Foreign Intelligence Service, Mr Sergei Naryshkin"
            post = next(
                (
                    pm
                    for pm in posts
                    if pm.end <= p.start
                    and re.fullmatch(r"\s*,?\s*(?:Mr\.?|Ms\.?|Mrs\.?)?\s*", text[pm.end : p.start])
                    and re.search(r"\b(?:the\s+)?(?:new|newly\s+appointed|incoming)\s+$",
                                  text[max(0, pm.start - 30) : pm.start], re.I)
                ),
                None,
            )  # fmt: skip
        name = clean_name(p.name)
        if not post or name in named:
            continue
        day = next((d for _, d in cand.dates if d is not None), None) or cand.heading
        by_item = day is None and news is not None and news_of_the_day(text)
        ev = _sentence_event(
            "appointed", name, post, abbr, cand, news if by_item else day, 0.7, "incoming"
        )
        ev.dated_by = "item" if by_item else "text"
        out.append(ev)
        named.append(name)
    return out


def _is_passive_verb(tok: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)


def chronology_deaths(text: str, published: PartialDate | None) -> list[Event]:
    """The entries of a chronology's "Deaths" section, each a death on its day, with the post
    its description gives ("politician, minister of foreign affairs (since 2022)")."""
    from custodes.extract.infobox import deaths

    out = []
    for start, end, name, what, day in deaths(text, published):
        # the description's titles are lower case ("minister of foreign affairs (since 2022)")
        found = find_posts(re.sub(r"\b([a-z])", lambda m: m.group(1).upper(), what), 0)
        posts = list(found[0].posts) if found else []
        out.append(
            Event(
                type="died",
                person=name,
                position=posts[0].label if posts else None,
                organization=posts[0].org if posts else None,
                date=day,
                quote=text[start:end],
                start=start,
                end=end,
                confidence=0.8,
                posts=posts[:1],
                extractor="custodes.rules/1 en:deaths-list",
            )
        )
    return out
