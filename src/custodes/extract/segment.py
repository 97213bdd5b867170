"""Split a document into paragraphs and sentences with character offsets.

Two things analysts' documents do that plain sentence splitters miss:

* **Repeats.** Web scrapes often hold the article twice (or a lead paragraph repeated as a
  teaser). A paragraph whose normalised text was already seen in the document is marked
  ``duplicate`` and skipped by extraction, so one event mentioned in both copies is one event.
* **Date headings.** Chronologies write "January 6. X was dismissed … / Y was appointed …": the
  date at the head of a paragraph governs that paragraph and the ones after it, until the next
  heading or a section title.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import regex

from custodes.extract.dates import DATE_RE, MONTHS, cited

_ABBREV = (
    r"(?:No|Nos|St|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Adm|Jr|Sr|Prof|Jan|Feb|Mar|Apr|Jun|Jul"
    r"|Aug|Sep|Sept|Oct|Nov|Dec|Art|vs|Md|Mohd|Muhd|Sk|Gov|Sen|Rep|Brig|Cdr|Insp|Supt|ret"
    # military units and ranks as press releases shorten them ("4th Inf. Div.", "Ft. Hood")
    r"|Inf|Div|Bde|Bn|Regt|Sqn|Cav|Arty|Cpl|Pvt|Spc|Cmdr|Lieut|Ft"
    r"|ул|г|им|т\.е|т\.к|ст)"
)
# the `regex` module: the abbreviation guard needs a variable-width look-behind
_SENT_END = regex.compile(
    # not after an abbreviation ("Lt. Gen. X", "No. 747") or an initial ("K. Massimov"); the
    # citation marks a copied encyclopedia page keeps after the stop go with it ("London.[6] On
    # promotion", "in May 2003.[citation needed] In January")
    r"(?<!\b" + _ABBREV + r"\.)(?<!\b[A-ZА-Я]\.)(?<=[.!?…])[\"”»’)\]]*(?:\[[^\[\]\n]{1,30}\])*\s+"
    r"(?=[\"“«(\[]?[A-ZА-ЯЁ0-9])"
    # list items of decrees and appointment lists are sentences of their own
    r"|(?<=[;:,.]?)\n(?=\s*(?:[-•–*]|\d{1,2}[.)])\s)"
    # a clause that ends its line with a semicolon before a capital: the "Whereas …;" recitals
    # of a resolution, the items of an act ("(1) condemns …;")
    r"|(?<=;)[ \t]*\n\s*(?=[A-ZА-ЯЁ(])"
)


# English month names by number, from the one month table in dates.py
_MONTH_NAMES = [name.capitalize() for name in list(MONTHS)[:12]]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    text: str
    duplicate: bool = False
    section_title: bool = False
    heading: str | None = None  # the date text heading this paragraph, e.g. "January 6"
    dateline: str | None = None  # a line that is only a place and a date: "Dushanbe, 5 July 2016"


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


# a line that stops mid-clause: after a comma, a hyphen or a word that cannot end a sentence
_OPEN_END = re.compile(
    r"(?:,|-|\b(?:of|the|a|an|and|or|to|in|on|for|with|by|at|from|as|that|who|which|his|her|"
    r"its|their|и|в|на|с|по|о|об|от|для|к|из|за|что|который|которая|а|но))\s*$",
    re.IGNORECASE,
)


def _wrapped(line: str, nxt: str) -> bool:
    """Whether ``nxt`` continues ``line``'s sentence (a hard line wrap: the Congressional
    Record, e-mail, text printed from PDF), not a new line of a list or a title block."""
    if re.search(r"[.:;!?”\"»)]\s*$", line) or re.match(r"\s*(?:[-*•–—]|\d+[.)])\s", nxt):
        return False
    return bool(_OPEN_END.search(line) or re.match(r"\s*[a-zа-яё]", nxt))


def _spans(text: str) -> list[tuple[int, int]]:
    """Blank-line separated spans; a span that stops mid-clause ("Whereas on February 14,
    2005,") runs on into the next, as double-spaced text (the Congressional Record) wraps."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if (
            out
            and re.search(r",\s*$", text[out[-1][0] : out[-1][1]])
            and not re.match(r"\s*(?:[-*•–—]|\d+[.)])\s", m.group(0))
        ):
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks; a block whose lines are not wrapped prose (each ends a
    sentence or clause, or is short: titles, datelines, list items) is one block per line."""
    out: list[tuple[int, int]] = []
    for start, end in _spans(text):
        lines = list(re.finditer(r"[^\n]+", text[start:end]))
        structural = (
            len(lines) > 1
            and all(
                len(ln.group(0).strip()) < 80 or re.search(r"[.:;!?”\"»)]\s*$", ln.group(0))
                for ln in lines[:-1]
            )
            and not any(_wrapped(a.group(0), b.group(0)) for a, b in itertools.pairwise(lines))
        )
        if structural:
            out += [(start + ln.start(), start + ln.end()) for ln in lines]
        else:
            out.append((start, end))
    return out


def paragraphs(text: str) -> list[Paragraph]:
    """Lines or blank-line separated blocks, with repeats and section titles marked."""
    out: list[Paragraph] = []
    seen: set[str] = set()
    for start, end in _blocks(text):
        block = text[start:end]
        if not block.strip():
            continue
        lead = len(block) - len(block.lstrip())
        p = Paragraph(len(out), start + lead, end, block.strip())
        key = _norm(p.text)
        if len(key) >= 40 and key in seen:
            p.duplicate = True
        seen.add(key)
        words = p.text.split()
        dl = DATE_RE.search(p.text) if len(words) <= 9 else None
        if (
            dl
            and re.search(r"(?:19|20)\d\d", dl.group(0))
            and re.fullmatch(
                r"(?:№\s*|No\.?\s*)?[\w/-]*\s*"
                r"(?:[A-ZА-Я][\w-]*(?:\s+(?:of\s+)?[A-ZА-Я][\w-]*)*,?\s*){0,3}(?:dated\s+|от\s+)?",
                p.text[: dl.start()],
            )
        ):
            p.dateline = dl.group(0)
        elif len(words) <= 12 and not re.search(r"[.!?:;,\"”»)\]]$", p.text):
            p.section_title = True
        # "January 6. X was dismissed …", "Monday, 6 January: …"
        wd = re.match(
            r"(?:[•*·▪–-]\s*)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?",
            p.text,
        )
        hm = DATE_RE.match(p.text, wd.end() if wd else 0)
        nm = re.match(
            r"(\d{1,2})/(\d{1,2})(?:/((?:19|20)?\d\d))?\s*[.:–—-]", p.text[wd.end() if wd else 0 :]
        )
        if hm and re.match(r"\s*[.:)–—|-]", p.text[hm.end() :]):
            p.heading = hm.group(0)
        elif nm and 1 <= int(nm.group(2)) <= 12 and 1 <= int(nm.group(1)) <= 31:
            # "24/05 – X is dismissed": day/month, as chronologies outside the US write it
            month = _MONTH_NAMES[int(nm.group(2)) - 1]
            year = nm.group(3)
            if year and len(year) == 2:
                year = "20" + year
            p.heading = f"{int(nm.group(1))} {month}" + (f" {year}" if year else "")
        elif p.text.endswith(":") and len(p.text) < 400:
            # "By Decree No. 45 of 27 February 2024, the President:" heads the list below it
            # ... but not the date of a law it cites ("the Law of 9 June 2011")
            dm = [
                m
                for m in DATE_RE.finditer(p.text)
                if not cited(p.text, m.start(), m.end(), near=True)
            ]
            if dm:
                p.heading = dm[-1].group(0)
        out.append(p)
    return out


def sentences(p: Paragraph) -> list[Sentence]:
    """Sentences of one paragraph; offsets are into the whole document."""
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END.finditer(p.text):
        chunk = p.text[pos : m.start()]
        if chunk.strip():
            out.append(Sentence(p.start + pos, p.start + m.start(), chunk, p.index))
        pos = m.end()
    if p.text[pos:].strip():
        out.append(Sentence(p.start + pos, p.end, p.text[pos:], p.index))
    return out
