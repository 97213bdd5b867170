"""The date a news item reports on, and which of its events that date governs.

A news item or press release states its date once — a dateline ("ASTANA, 5 January 2022 –"),
a byline ("8 January 2022, 13:23"), or a sentence about the announcement itself ("The change
was officially communicated during the evening address on 8 February"; "Соответствующие
документы размещены … 17 июня") — and that date governs the events the item reports as its
news. With none of these, the item's publication date does. Background in the same item
("previously", "ранее", "had been appointed") is not news of the day, and an encyclopedic
biography has no news of the day at all.

Events that are neither dated nor news of the day are bounded: a document published on D
reports only what happened on or before D (``PartialDate.bound``).
"""

from __future__ import annotations

import re

from custodes.extract.dates import DateContext, PartialDate, find_dates

# words that announce a decision, in the sentence that gives the decision's date
_ANNOUNCE = re.compile(
    r"\b(?:announc\w*|communicated|publish\w*|posted|signed|issued|released|reported|"
    r"made\s+public|размещ\w+|опубликова\w+|подписа\w+|сообщ\w+|обнародова\w+|"
    r"объяви\w+|огласи\w+)\b",
    re.IGNORECASE,
)
# the subject of such a sentence: the decision itself, not a person's act
_DECISION = re.compile(
    r"\b(?:decree\w*|order\w*|decision\w*|change\w*|reshuffle\w*|appointment\w*|dismissal\w*|"
    r"documents?|resolution\w*|указ\w*|распоряжени\w+|документ\w*|решени\w+|постановлени\w+|"
    r"приказ\w*|назначени\w+|освобождени\w+|отставк\w+|кадров\w+)\b",
    re.IGNORECASE,
)
# background: what the item recalls, not what it reports
BACKGROUND = re.compile(
    r"\b(?:previously|formerly|earlier|before\s+that|prior\s+to|once(?!\s+(?:a|an|the|he|she|they|it|this|that|his|her|their)\b)|had\s+been|had\s+(?:\w+\s+)?"
    r"(?:appointed|dismissed|served)|in\s+the\s+past|at\s+the\s+time|back\s+then|since\s+then|"
    r"ранее|прежде|до\s+этого|в\s+свое\s+время|в\s+своё\s+время|тогда|бывш\w+|в\s+прошлом|"
    r"позднее|позже|впоследствии|later|subsequently|эт\w+\s+должност\w+\s+\w+\s+занимал|"
    # a span of time told before: "also assassinated in the same time period"
    r"(?:in|during|over)\s+(?:the\s+same|that|this)\s+(?:time\s+)?(?:period|years?|months?|"
    r"decades?)|за\s+(?:этот|тот\s+же)\s+период|"
    # a state that goes on, begun on a day the item does not give: "is also being detained",
    # "remains in custody", "is still held"
    r"(?:is|are)\s+(?:also\s+|still\s+)?being\s+(?:held|detained|kept)|"
    r"remains?\s+(?:in\s+(?:custody|detention|jail|prison)|under\s+(?:house\s+)?arrest|"
    r"detained|jailed)|(?:is|are)\s+still\s+(?:held|detained|jailed|in\s+(?:custody|detention)))\b",
    re.IGNORECASE,
)


# a news item is short; a long document (a report, an analysis, a book chapter) recalls more
# than it reports, and its undated events are not the news of its publication day
NEWS_ITEM_CHARS = 8000


def item_date(text: str, published: PartialDate | None) -> PartialDate | None:
    """The date the item reports on: its dateline or byline, else the day an announcement
    sentence gives, else ``published``; never later than ``published``. Without a publication
    date only a lead that opens with its day ("4 июля 2013 года …") says it. None for a
    document too long to be a news item."""
    if len(text) > NEWS_ITEM_CHARS:
        return None
    ctx = DateContext(published=published)

    def usable(d: PartialDate | None) -> bool:
        if d is None or d.precision != "day":
            return False
        return published is None or d.first_day() <= published.last_day()

    head = text[:400]
    # (a dateline dates the item only beside a publication date: without one it is not read)
    for m in find_dates(head) if published is not None else []:
        before = head[: m.start]
        line_start = before.rfind("\n") + 1
        lead = before[line_start:]
        after = head[m.end : m.end + 40]
        # a dateline/byline: a few capitalised words (a place) or nothing before the date, and
        # a dash, a time, a slash or the end of the line after it
        if len(lead.split()) <= 4 and re.match(
            r"\s*(?:[,.]?\s*\d\d:\d\d|[-–—/(]|\.?\s*$|\.?\s*\n)", after
        ):
            d = ctx.resolve(m, update=False)
            if usable(d) and published is not None:
                return d
    # a lead that opens with its day: "4 июля 2013 года представители армии подтвердили …"
    # (the news' own day, with or without a publication date)
    lead = re.search(r"(?:^|\n)[ \t]*(?=\d{1,2}[ \t]+[^\W\d]+[ \t]+(?:19|20)\d\d)", text[:800])
    if lead:
        ms = find_dates(text[lead.end() : lead.end() + 40])
        if ms and ms[0].start == 0 and ms[0].year and ms[0].day:
            d = ctx.resolve(ms[0], update=False)
            if usable(d):
                return d
    if published is None:
        return None  # nothing else can say the item's day
    for sent in re.split(r"(?<=[.!?])\s+", text[:6000]):
        if _ANNOUNCE.search(sent) and _DECISION.search(sent):
            for m in find_dates(sent):
                d = ctx.resolve(m, update=False)
                if usable(d) and m.relative is None:
                    return d
    return published


def news_of_the_day(sentence: str) -> bool:
    """Does the sentence report its event as the item's news (not background)?"""
    return not BACKGROUND.search(sentence)
