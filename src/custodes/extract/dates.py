"""Dates in text, resolved against the document's own context.

A ``PartialDate`` keeps its precision: "2022" is a year, "January 2022" a month, "6 January 2022"
a day. Mentions without a year ("January 6") take it from the running anchor (the last full date
seen) or the publication date; weekdays and "yesterday" resolve against the publication date;
"the same day" / "the next day" against the last day-precise date. Nothing is guessed: a text
that gives no date yields none. Example::

    >>> ctx = DateContext(published=PartialDate(2022, 2, 16))
    >>> [ctx.resolve(m).iso for m in find_dates("On January 5 and the next day")]
    ['2022-01-05', '2022-01-06']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # Russian month names in the genitive ("6 января") and nominative/prepositional
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
    "январе": 1,
    "феврале": 2,
    "марте": 3,
    "апреле": 4,
    "мае": 5,
    "июне": 6,
    "июле": 7,
    "августе": 8,
    "сентябре": 9,
    "октябре": 10,
    "ноябре": 11,
    "декабре": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

_M = r"(?P<{n}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_Y = r"(?P<{n}>(?:1[89]|20)\d\d)"
DATE_RE = re.compile(
    # every date starts a word: checking that first skips the inside of words cheaply
    r"(?<!\w)(?="
    + r"[\dJFMASONDjfmasondIiBbUuVvCcвВсСдДяЯфФмМаАиИоОнН])(?:"
    + "|".join(
        [
            # 2022-01-05
            r"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))",
            # 05.01.2022
            r"(?P<dot>(?<![\d.])(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\.(?P<dy>(?:19|20)\d\d)(?![\d]))",
            # 6 January 2022 / 6 January
            r"(?P<dmy>(?<![\d])(?P<a_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _M.format(n="a_m")
            + r"(?:,?\s+"
            + _Y.format(n="a_y")
            + r")?(?:\s*(?:года|г\.))?)",
            # January 6, 2022 / January 6
            r"(?P<mdy>"
            + _M.format(n="b_m")
            + r"\s+(?P<b_d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])"
            + r"(?:,?\s+"
            + _Y.format(n="b_y")
            + r")?)",
            # January 2022 / в январе 2022 года
            r"(?P<my>" + _M.format(n="c_m") + r"\s+" + _Y.format(n="c_y") + r")",
            # in 2015 / since 1994 (year alone, after a preposition so that numbers aren't years)
            r"(?P<yr>\b(?:in|since|until|from|by|of|в|с|до)\s+"
            + _Y.format(n="e_y")
            + r"(?![\d-]))",
            # in March / since early July (a capitalised month alone, after a preposition; the
            # year comes from the context, as for "January 6")
            r"(?P<mo>\b(?:in|since|until|by|from|during|early|late|mid|of)[\s-]+(?:early\s+|late\s+)?"
            r"(?-i:(?P<f_m>January|February|March|April|May|June|July|August|September|October"
            r"|November|December))(?![\w-]|\s+\d))",
            # "в апреле", "в апреле этого года", "с мая прошлого года": a Russian month alone,
            # its year from the context or from the publication's
            r"(?P<rmo>\b(?:в|с|до|к)\s+(?P<g_m>январ[её]|феврал[её]|марте|апреле|мае|июне|июле|"
            r"августе|сентябр[её]|октябр[её]|ноябр[её]|декабр[её]|января|февраля|марта|апреля|мая|"
            r"июня|июля|августа|сентября|октября|ноября|декабря)(?![\w-]|\s+\d)"
            r"(?:\s+(?P<g_rel>этого|текущего|прошлого|минувшего)\s+года)?)",
        ]
    )
    + ")",
    re.IGNORECASE,
)
# the letters (either case) and digits the expressions below begin with: a look ahead for them
# leaves most positions of a text after one test instead of trying every expression there
# (the same matches, about twice as fast; a test checks that the set covers every expression)
RELATIVE_FIRST = r"abdefijlmnostuwy\dвнсэт"
RELATIVE_RE = re.compile(
    rf"\b(?=[{RELATIVE_FIRST}])"
    r"(?P<rel>(?:on\s+|in\s+the\s+\w+\s+of\s+)?the\s+same\s+day|that\s+same\s+day|that\s+day"
    r"|the\s+(?:next|following)\s+day|the\s+day\s+(?:after|before)|the\s+previous\s+day"
    r"|the\s+same\s+(?:evening|morning|night|afternoon)|that\s+(?:evening|morning|night|afternoon)"
    r"|simultaneously(?!\s+with)|at\s+the\s+same\s+time"
    r"|the\s+(?:following|next)\s+month|yesterday|today|tomorrow"
    r"|(?:a|one|two|three|four|five|six|seven|ten|\d{1,2})\s+(?:days?|weeks?|months?|years?)"
    r"\s+(?:later|earlier|after|before)"
    # "a few hours later": the same day as the date it counts from
    r"|(?:a\s+few|several|a|an|one|two|three|four|five|six|\d{1,2})\s+hours?\s+later"
    r"|(?:earlier|later)\s+(?:that|the\s+same)\s+(?:month|year)|(?:in\s+)?that\s+(?:month|year)"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+of\s+(?:the\s+same|that|the\s+following|the\s+next|the\s+previous)\s+year"
    r"|(?:in\s+)?the\s+same\s+(?:month|year)"
    r"|the\s+(?:following|next)\s+year|the\s+previous\s+year"
    r"|(?:earlier\s+|later\s+)?(?:this|last)\s+(?:month|year)"
    r"|(?:in|by|under|with)\s+the\s+same\s+(?:decree|order|resolution)|of\s+the\s+same\s+date"
    r"|(?:at|in|during|by|under)\s+the\s+same\s+(?:session|meeting|sitting|statement|hearing"
    r"|ceremony|notification|order)|on\s+the\s+same\s+date|this\s+morning|this\s+evening"
    r"|(?:on\s+|last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|в\s+тот\s+же\s+день|на\s+следующий\s+день|сегодня|вчера"
    r"|(?:этим|тем)\s+же\s+(?:указом|распоряжением|приказом|постановлением)"
    r"|(?:в|во)\s+(?:(?:прошл|минувш)\w+\s+)?(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_COUNT = NUMBER_WORDS
RU_WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "среду": 2,
    "четверг": 3,
    "пятницу": 4,
    "субботу": 5,
    "воскресенье": 6,
}


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month or a day — or only bounded: ``not_after`` means "on or
    before this date" (an event a document published on D reports without a date of its own
    happened no later than D). A bound is an interval open to the past, not a guess of the day:
    rosters use it to place a holder from D on, and say so."""

    year: int
    month: int | None = None
    day: int | None = None
    not_after: bool = False
    # a lower bound (ISO, at its own precision): "assassinated since February 2005" in a text
    # published on D happened between 2005-02 and D. With ``not_after`` the date is that
    # interval; alone (while a sentence is read, before the publication date is known) the
    # date is only "not earlier than".
    after: str | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def label(self) -> str:
        """The date as an analyst reads it: "2022-01", "not later than 2025-02-10"."""
        if self.not_after and self.after:
            return f"between {self.after} and {self.iso}"
        if self.after:
            return f"not earlier than {self.after}"
        return f"not later than {self.iso}" if self.not_after else self.iso

    @property
    def bound_kind(self) -> str | None:
        """How the date is bounded, as stored in ``statements.date_bound``: "not_after",
        "between", "not_before", or None for a date the text gives."""
        if self.not_after:
            return "between" if self.after else "not_after"
        return "not_before" if self.after else None

    def bound(self, after: str | None = None) -> PartialDate:
        """This date as an upper bound ("not later than …"), or with ``after`` the interval
        from that lower bound to this date ("between … and …")."""
        return PartialDate(self.year, self.month, self.day, not_after=True, after=after)

    def since(self) -> PartialDate:
        """This date as a lower bound only ("not earlier than …")."""
        return PartialDate(self.year, self.month, self.day, after=self.iso)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day and self.month:
            return date(self.year, self.month, self.day)
        if self.month:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date(self.year, 12, 31)

    @classmethod
    def from_date(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """``"2022"``, ``"2022-01"`` or ``"2022-01-05"``; raises ValueError otherwise."""
        m = re.fullmatch(r"((?:1[89]|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", text.strip())
        if not m:
            raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        y, mo, d = (int(g) if g else None for g in m.groups())
        assert y is not None
        if mo == 0 or d == 0:  # "2022-00-00" is no date, not January 1st
            raise ValueError(f"not a date: {text!r} (months and days count from 1)")
        pd = cls(y, mo, d)
        pd.first_day()  # validates month and day
        return pd


@dataclass(frozen=True)
class DateMention:
    """A date written in the text: where it is and what it says (year may be missing)."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    relative: str | None = None


def find_dates(text: str, offset: int = 0) -> list[DateMention]:
    """Every absolute and relative date expression in ``text``, in order."""
    out: list[DateMention] = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        y = mo = d = None
        if g["iso"]:
            y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g["dot"]:
            y, mo, d = int(g["dy"]), int(g["dm"]), int(g["dd"])
        elif g["dmy"]:
            d, mo = int(g["a_d"]), MONTHS[g["a_m"].lower()]
            y = int(g["a_y"]) if g["a_y"] else None
        elif g["mdy"]:
            d, mo = int(g["b_d"]), MONTHS[g["b_m"].lower()]
            y = int(g["b_y"]) if g["b_y"] else None
        elif g["my"]:
            mo, y = MONTHS[g["c_m"].lower()], int(g["c_y"])
        elif g["mo"]:
            mo = MONTHS[g["f_m"].lower()]
            out.append(
                DateMention(
                    m.start("f_m") + offset, m.end("f_m") + offset, g["f_m"], None, mo, None
                )
            )
            continue
        elif g["rmo"]:
            mo = MONTHS.get(g["g_m"].lower())
            if mo is None:
                continue
            rel = g["g_rel"]
            # "в апреле этого года": that month of the publication's year (or the year before)
            which = (
                None if not rel else "last" if rel.lower() in {"прошлого", "минувшего"} else "this"
            )
            out.append(
                DateMention(
                    m.start("g_m") + offset,
                    m.end() + offset,
                    m.group(0)[m.start("g_m") - m.start() :],
                    None,
                    mo,
                    None,
                    relative=f"month {mo} of {which} year" if which else None,
                )
            )
            continue
        elif g["yr"]:
            y = int(g["e_y"])
            out.append(
                DateMention(m.start("e_y") + offset, m.end("e_y") + offset, g["e_y"], y, None, None)
            )
            continue
        if mo is not None and not 1 <= mo <= 12 or d is not None and not 1 <= d <= 31:
            continue
        # "may" is also a verb: only a month next to a day or year number
        out.append(DateMention(m.start() + offset, m.end() + offset, m.group(0), y, mo, d))
    for m in RELATIVE_RE.finditer(text):
        out.append(
            DateMention(
                m.start() + offset,
                m.end() + offset,
                m.group(0),
                None,
                None,
                None,
                relative=m.group("rel").lower(),
            )
        )
    out.sort(key=lambda x: (x.start, -(x.end - x.start)))
    # "May of the same year" is one date, not "May" and another
    kept: list[DateMention] = []
    for d in out:
        if kept and d.start < kept[-1].end:
            continue
        if (
            kept
            and kept[-1].relative is not None
            and d.day is not None
            and re.fullmatch(r"[\s,]{1,3}", text[kept[-1].end - offset : d.start - offset])
        ):
            # "в понедельник, 27 апреля 2020 года", "on Monday, 27 April": the weekday and the
            # date are one date, the one written out
            kept.pop()
        kept.append(d)
    return kept


@dataclass
class DateContext:
    """The running date context of one document, read in order."""

    published: PartialDate | None = None
    anchor: PartialDate | None = None
    heading: PartialDate | None = None
    # the last day-precise date: "the next day" and "two days later" count from it, not from a
    # month named in between ("who was appointed in March 2022")
    day_anchor: PartialDate | None = None
    # the last year or month heading of a chronology ("2020", "March 2021."): the year of the
    # day headings under it ("• 17 January:")
    year_heading: PartialDate | None = None

    def resolve(self, m: DateMention, update: bool = True) -> PartialDate | None:
        """The date a mention stands for, or None when the context cannot tell."""
        result: PartialDate | None = None
        if m.relative is not None:
            result = self._relative(m.relative)
        elif m.year is not None:
            result = PartialDate(m.year, m.month, m.day)
        elif m.month is not None:
            result = self._infer_year(m.month, m.day)
        if result is not None:
            try:
                result.first_day()
            except ValueError:
                return None
            if update and (result.month or not self.anchor) and (m.relative is None or result.day):
                self.anchor = result
            if update and result.day:
                self.day_anchor = result
        return result

    def _base(self) -> PartialDate | None:
        return self.anchor or self.heading or self.published

    def _infer_year(self, month: int, day: int | None) -> PartialDate | None:
        if self.year_heading is not None:
            return PartialDate(self.year_heading.year, month, day)
        if self.heading is not None and (self.heading.day is None or self.published is None):
            # under a heading ("2019", "March 2019."), a month without a year is in its year
            return PartialDate(self.heading.year, month, day)
        if self.published and self.published.month:
            # a month without a year is the latest such month up to the publication date
            year = self.published.year
            if (month, day or 1) > (self.published.month, self.published.day or 31):
                year -= 1
            return PartialDate(year, month, day)
        base = self.anchor if self.anchor and self.anchor.day else (self.anchor or self.heading)
        if base is None:
            # a text published in a known year only: its months are in that year
            base = self.published
        if base is None:
            return None
        return PartialDate(base.year, month, day)

    def _relative(self, rel: str) -> PartialDate | None:
        rel = re.sub(r"\s+", " ", rel.lower())
        base = self.anchor or self.heading
        pm = re.match(r"month (\d+) of (this|last) year", rel)
        if pm:
            if self.published is None:
                return None
            return PartialDate(self.published.year - (pm.group(2) == "last"), int(pm.group(1)))
        nm = re.match(
            r"(a|one|two|three|four|five|six|seven|ten|\d+) (day|week|month|year)s? "
            r"(later|earlier|after|before)",
            rel,
        )
        if nm and nm.group(2) in {"month", "year"}:
            n = _COUNT.get(nm.group(1)) or int(nm.group(1))
            sign = 1 if nm.group(3) in {"later", "after"} else -1
            if base is None:
                return None
            if nm.group(2) == "year":
                return PartialDate(base.year + sign * n)
            if base.month is None:
                return None
            k = base.year * 12 + base.month - 1 + sign * n
            return PartialDate(k // 12, k % 12 + 1)
        if nm:
            n = _COUNT.get(nm.group(1)) or int(nm.group(1))
            base = self.day_anchor or (self.heading if self.heading and self.heading.day else None)
            if base is None:
                return None
            sign = 1 if nm.group(3) in {"later", "after"} else -1
            days = n * (7 if nm.group(2) == "week" else 1)
            return PartialDate.from_date(base.first_day() + timedelta(days=sign * days))
        if rel.endswith(("hours later", "hour later")):
            return self.day_anchor or (self.heading if self.heading and self.heading.day else None)
        if rel.endswith(("же указом", "же распоряжением", "же приказом", "же постановлением")):
            return self.day_anchor or (self.heading if self.heading and self.heading.day else None)
        if rel in {"of the same date", "on the same date"} or re.search(
            r"same (?:decree|order|resolution|session|meeting|sitting|statement|hearing|ceremony"
            r"|notification)",
            rel,
        ):
            return self.day_anchor
        pub_m = self.published if self.published and self.published.month else None
        if rel.endswith(("this month", "last month")):
            if pub_m is None or pub_m.month is None:
                return None
            if rel.endswith("this month"):
                return PartialDate(pub_m.year, pub_m.month)
            y, mo = (pub_m.year - 1, 12) if pub_m.month == 1 else (pub_m.year, pub_m.month - 1)
            return PartialDate(y, mo)
        if rel.endswith(("this year", "last year")):
            if self.published is None:
                return None
            return PartialDate(self.published.year - rel.endswith("last year"))
        if rel.endswith(("that month", "same month")):
            return PartialDate(base.year, base.month) if base and base.month else None
        mo = re.match(r"(\w+) of (?:the )?(same|that|following|next|previous) year", rel)
        if mo and mo.group(1) in MONTHS:
            if base is None:
                return None
            shift = {"following": 1, "next": 1, "previous": -1}.get(mo.group(2), 0)
            return PartialDate(base.year + shift, MONTHS[mo.group(1)])
        if rel.endswith(("that year", "same year")):
            return PartialDate(base.year) if base else None
        if rel.endswith("year"):
            if base is None:
                return None
            return PartialDate(base.year + (-1 if "previous" in rel else 1))
        day_base = self.day_anchor
        if day_base is None and self.heading is not None and self.heading.day:
            day_base = self.heading
        pub = self.published if self.published and self.published.day else None
        if "same" in rel or rel in {"that day", "в тот же день"} or rel.startswith("simult"):
            if (
                self.anchor
                and self.anchor.day is None
                and (day_base is None or self.anchor.first_day() > day_base.first_day())
            ):
                # "In June 2018 X was dismissed. The same day Y was appointed": the same day
                # as the newest date, known to its month
                return self.anchor
            return day_base or (self.heading if self.heading and self.heading.day else None)
        if rel.endswith("month"):
            base = self.anchor or self.heading
            if base is None or base.month is None:
                return None
            y, mo = base.year + (base.month == 12), base.month % 12 + 1
            return PartialDate(y, mo)
        if "next" in rel or "following" in rel or "after" in rel or "следующий" in rel:
            if day_base:
                return PartialDate.from_date(day_base.first_day() + timedelta(days=1))
            return None
        if "before" in rel or "previous" in rel:
            if day_base:
                return PartialDate.from_date(day_base.first_day() - timedelta(days=1))
            return None
        if rel in {"today", "сегодня", "this morning", "this evening"} and self.published:
            # "today's arrest" in an item known only to its month: that month (the item's
            # date at the precision it has)
            return PartialDate(self.published.year, self.published.month, self.published.day)
        if pub is None:
            # no publication date: "уволил 13 июня 2019 года … В четверг Кремль объявил": a
            # weekday that is the newest date's own weekday is that day restated
            word = rel.split()[-1]
            wd = WEEKDAYS.get(word, RU_WEEKDAYS.get(word))
            a = self.anchor
            if wd is not None and a and a.day and a.month and a.first_day().weekday() == wd:
                return a
            return None
        p = pub.first_day()
        if rel in {"today", "сегодня", "this morning", "this evening"}:
            return pub
        if rel in {"yesterday", "вчера"}:
            return PartialDate.from_date(p - timedelta(days=1))
        if rel == "tomorrow":
            return None  # the future is not an event date
        word = rel.split()[-1]
        wd = WEEKDAYS.get(word, RU_WEEKDAYS.get(word))
        if wd is None:
            return None
        back = (p.weekday() - wd) % 7
        if rel.startswith("last") and back == 0:
            back = 7
        return PartialDate.from_date(p - timedelta(days=back))


# "Федерального закона от 6 октября 1999 г. № 184-ФЗ", "Law No. 12 of 5 July 2016" cited as the
# basis of a decision: the date of the act cited, not of an event (a decree's own "Decree No. 712
# of …" is its date, not a citation). Shared by date headings (segment) and candidates (select).
_CITED_BEFORE = re.compile(
    r"(?:закон\w*|кодекс\w*|конституци\w*|постановлени\w+|положени\w+|"
    r"\b(?:law|act|code|constitution|resolution|regulation)s?(?:\s+No\.?\s*[\w/-]+)?)"
    r"\s+(?:от|of|dated)\s*$",
    re.IGNORECASE,
)
# "Federal Law No. 414-FZ On the General Principles of … of December 21, 2021": a numbered act
# whose title stands between its number and its date
_CITED_TITLE = re.compile(
    r"\b(?:Law|Act|Code|Resolution)\s+No\.?\s*[\w/-]+[^.;:()]{0,180}?\s(?:of|dated)\s*$"
)
# a law, code or article named shortly before the date, in the same clause
_CITED_NEAR = re.compile(
    r"(?:\b(?:Law|Code|Constitution|Article|Regulation|Statute|Act)\b|"
    r"(?i:закон|кодекс|конституци|стат[ьи]|постановлени))[^.;:]{0,60}$"
)
_CITED_AFTER = re.compile(r"^\s*(?:года|г\.)?\s*(?:№|N\s*\d|No\.?\s*\d)")


def cited(text: str, start: int, end: int, near: bool = False) -> bool:
    """Is the date at ``text[start:end]`` the date of a law or act cited as a basis? ``near``
    (for a heading line, which holds nothing else) also counts a law, code or article named
    anywhere in the clause before the date, and a number after it ("… г. № 184-ФЗ")."""
    if near and (
        _CITED_NEAR.search(text[max(0, start - 120) : start])
        or _CITED_AFTER.match(text[end : end + 12])
    ):
        return True
    return bool(
        _CITED_BEFORE.search(text[max(0, start - 60) : start])
        or _CITED_TITLE.search(text[max(0, start - 220) : start])
        or _CITED_AFTER.match(text[end : end + 12])
        and re.search(
            r"(?:закон|кодекс|law|act)\w*\s+(?:от|of)\s*$", text[max(0, start - 40) : start], re.I
        )
    )
