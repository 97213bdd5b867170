"""Offices read from an encyclopedia infobox: the block of short lines a biography opens with.

Wikipedia's officeholder infobox, as text, is a post title on one line, then "Assumed office"
or "In office", then the date or the span ("9 August 1999 – 12 May 2008"). Each such office is
the subject taking up the post on the first date. The lines are structure, not prose, so the
sentence reader never sees them as events.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from custodes.extract.dates import DateContext, PartialDate, find_dates
from custodes.extract.mentions import find_posts

# the marker alone on its line, or with the span after it ("In office 3 July 2020 – 9 May 2022")
_MARKER = re.compile(
    r"^\s*(?:Assumed office|In office|Incumbent)(?:\s*$|\s+(?=\d|[A-Z][a-z]+ \d))", re.IGNORECASE
)
# a page copied as a table keeps its empty cells: "Director of X | |", "---|---|"
_EMPTY_CELLS = re.compile(r"(?:\s*\|)+\s*$")


def offices(text: str, published: PartialDate | None) -> list[tuple[int, int, str, PartialDate]]:
    """(start, end, title line, start date) for every office in the infobox at the top."""
    lines = []
    pos = 0
    for line in text[:4000].split("\n"):
        lines.append((pos, _EMPTY_CELLS.sub("", line)))
        pos += len(line) + 1
    out = []
    ctx = DateContext(published=published)
    for k, (line_start, line) in enumerate(lines):
        marker = _MARKER.match(line)
        if not marker or k == 0:
            continue
        title_start, title = lines[k - 1]
        if line[marker.end() :].strip():
            date_start, date_line = line_start + marker.end(), line[marker.end() :]
        elif k + 1 < len(lines):
            date_start, date_line = lines[k + 1]
        else:
            continue
        if not title.strip() or len(title.split()) > 12 or not find_posts(title):
            continue
        ms = [m for m in find_dates(date_line) if m.year]
        if not ms or ms[0].start > 3:
            continue
        d = ctx.resolve(ms[0], update=False)
        if d is not None:
            out.append((title_start, date_start + len(date_line), title.strip(), d))
    return out + _fields(lines, ctx) + commands(text)


# a military infobox's commands, each with its years: "Commands: Shree Kalidhoj Battalion
# (1976–1977) , United Nation Interim Force in Lebanon (UNIFIL) (1988) , Commandant of the
# Royal Nepalese Military Academy (1993)"
_COMMANDS = re.compile(
    r"^[ \t]*(?:-[ \t]*)?Commands(?:[ \t]+held)?[ \t]*:[ \t]*(?P<v>[^\n]+)$", re.M | re.I
)
# an item's years in its last brackets, and an abbreviation in brackets before them
_ITEM_YEARS = re.compile(r"\((?P<y>[^()]*\b(?:1[6-9]|20)\d\d\b[^()]*)\)\s*$")
_ITEM_ABBR = re.compile(r"\s*\([^()]*\)\s*$")


def commands(text: str) -> list[tuple[int, int, str, PartialDate]]:
    """(start, end, post, start year) for each dated command of an infobox's "Commands" field:
    a unit is its commander's post ("Commander of Shree Kalidhoj Battalion"), a post stays
    itself ("Commandant of the Royal Nepalese Military Academy"). Undated commands are no
    events (the contract's "office with no start date")."""
    out = []
    for m in _COMMANDS.finditer(text[:6000]):
        value, base = m.group("v"), m.start("v")
        depth, cut = 0, [0]
        for k, ch in enumerate(value):
            depth += (ch == "(") - (ch == ")")
            if ch in ",;" and depth == 0:
                cut.append(k + 1)
        cut.append(len(value) + 1)
        for a, b in itertools.pairwise(cut):
            item = value[a : b - 1]
            years = _ITEM_YEARS.search(item)
            if years is None:
                continue
            name = _ITEM_ABBR.sub("", item[: years.start()]).strip(" ,")
            ys = _YEAR.findall(years.group("y"))
            if not name or not ys or len(name.split()) > 12:
                continue
            posts = find_posts(name)
            title = name if posts and posts[0].start == 0 else f"Commander of {name}"
            lead, tail = len(item) - len(item.lstrip()), len(item) - len(item.rstrip())
            out.append((base + a + lead, base + b - 1 - tail, title, PartialDate(int(ys[0]))))
    return out


# a criminal's infobox: "Date apprehended" and the day on its line or the next
_APPREHENDED = re.compile(
    r"^[ \t]*(?:-[ \t]*)?Date[ \t]+(?:apprehended|of[ \t]+arrest|arrested)[ \t]*:?[ \t]*\n?"
    r"[ \t]*(?P<v>[^\n]+)$",
    re.M | re.I,
)


def apprehended(text: str, published: PartialDate | None) -> list[tuple[int, int, PartialDate]]:
    """(start, end, day) of the arrest a criminal's infobox gives ("Date apprehended /
    February 15, 2022")."""
    out = []
    for m in _APPREHENDED.finditer(text[:6000]):
        ms = [d for d in find_dates(m.group("v")) if d.year]
        if ms and ms[0].start == 0:
            d = DateContext(published=published).resolve(ms[0], update=False)
            if d is not None:
                out.append((m.start(), m.end(), d))
    return out


# a biography's career as a list, one dated post an item: "- 1996: Representative of the
# Korean Peninsula Energy Development Organization", "- February 2004 – Chief of the office"
_CAREER_ITEM = re.compile(
    r"^[ \t]*[-*•][ \t]*(?P<date>[^:–—\n]{4,25}?)[ \t]*(?::|[ \t][–—-])[ \t]+"
    r"(?P<post>[^\n]{3,150})$",
    re.M,
)


def career(text: str, published: PartialDate | None) -> list[tuple[int, int, str, PartialDate]]:
    """(start, end, post, date) for each item of a career list: its date is the whole date part
    of the item (a year at least) and its post a title the ontology knows."""
    out = []
    ctx = DateContext(published=published)
    for m in _CAREER_ITEM.finditer(text):
        ms = find_dates(m.group("date"))
        if len(ms) != 1 or ms[0].year is None or ms[0].start > 0:
            continue
        if m.group("date")[ms[0].end :].strip(" ,.") or not find_posts(m.group("post")):
            continue
        d = ctx.resolve(ms[0], update=False)
        if d is not None:
            out.append((m.start(), m.end(), m.group("post").strip(" .;"), d))
    return out


# a curriculum vitae as a table of years and roles, one line each, without bullets (the form of
# the British government's appointment notices): "2023 to 2024 Cabinet Office, National
# Security Secretariat, Director International", "2015–2020 Doha, Ambassador"
_CV_LINE = re.compile(
    r"^[ \t]*(?P<y1>(?:1[89]|20)\d\d)(?:[ \t]*(?:to|–|—|-)[ \t]*(?:(?:1[89]|20)\d\d|present|"
    r"date|now))?[ \t]+(?P<rest>[A-Z][^\n]{2,160})$",
    re.M | re.I,
)
# the name a CV gives its owner: "Full name: Ajay Sharma"
_CV_NAME = re.compile(r"^[ \t]*Full[ \t]+name[ \t]*:[ \t]*(?P<n>[^\n]{3,80})$", re.M | re.I)


def cv(text: str) -> list[tuple[int, int, str | None, str, PartialDate]]:
    """(start, end, owner, post, year) for each role of a CV table: three lines at least in a
    row, each a year or a span of years and then the place and the role ("2008 to 2012 Paris,
    Deputy Head of Mission"). The role is the part of the line from the first comma-separated
    piece that names a post; a line without one ("1995 Joined FCO", "FCO, Pre-posting
    training") is no office. The owner is the CV's "Full name:" above it, else None (the
    caller's subject)."""
    out = []
    run: list[re.Match[str]] = []
    matches = list(_CV_LINE.finditer(text))

    def flush() -> None:
        if len(run) >= 3:
            names = [
                m for m in _CV_NAME.finditer(text, max(0, run[0].start() - 600), run[0].start())
            ]
            owner = names[-1].group("n").strip() if names else None
            for m in run:
                parts = [x.strip() for x in m.group("rest").split(",")]
                at = next((i for i, x in enumerate(parts) if find_posts(x)), None)
                if at is None:
                    continue
                post = ", ".join(parts[at:]).strip(" .;")
                out.append((m.start(), m.end(), owner, post, PartialDate(year=int(m.group("y1")))))
        run.clear()

    for m in matches:
        if run and text[run[-1].end() : m.start()].strip():
            flush()
        run.append(m)
    flush()
    return out


# the same infobox as template fields, one per line, numbered per office: "- Office1: Minister
# of Construction", "- Term Start1: September 14, 1974"
# (or "- Order2: National Commissioner of …", the older template's name for the office)
_FIELD = re.compile(
    r"^\s*-\s*(?P<key>Office|Order|Term\s*Start)\s*(?P<n>\d*)\s*:\s*(?P<v>.+)$", re.I
)


def _fields(
    lines: list[tuple[int, str]], ctx: DateContext
) -> list[tuple[int, int, str, PartialDate]]:
    """Offices given as numbered fields: the title of "Office<n>" taken up on "Term Start<n>"."""
    title: dict[str, tuple[int, str]] = {}
    out = []
    for pos, line in lines:
        m = _FIELD.match(line)
        if m is None:
            continue
        n, value = m.group("n"), m.group("v").strip()
        if m.group("key").lower() in {"office", "order"}:
            if len(value.split()) <= 12 and find_posts(value):
                title[n] = (pos, value)
            continue
        if n not in title:
            continue
        ms = [d for d in find_dates(value) if d.year]
        # (a bare year, "- Term Start: 2004", is no date to the prose reader)
        d = (
            ctx.resolve(ms[0], update=False)
            if ms
            else _year_of(value)
            if _TENURE.fullmatch(value.strip())
            else None
        )
        if d is not None:
            start, text = title.pop(n)
            out.append((start, pos + len(line), text, d))
    return out


# a chronology's list of deaths: "== Deaths ==" then "- 20 January – Name, 62, politician,
# minister of foreign affairs (since 2022)."; Russian "== Умерли ==" ("- 5 марта — Имя, …")
# [^\S\n]* (not \s*) before the "=": \s* from every line start ran over all the blank lines below
# it (quadratic: 40,000 blank lines took 7 s); the matches end where they did
_DEATHS_HEADING = re.compile(r"^[^\S\n]*=+\s*(?:Deaths|Умерли|Скончались)\s*=+\s*$", re.M | re.I)
_SECTION = re.compile(r"^[^\S\n]*=+[^=\n]+=+\s*$", re.M)
_DEATH_ITEM = re.compile(
    r"^[ \t]*[-*•][ \t]*(?P<date>[^–—\n]{3,30}?)[ \t]+[–—-][ \t]+"
    r"(?P<name>[^\W\d_][^,\n]{2,60}?),[ \t]*(?:\d{1,3},[ \t]*)?(?P<what>[^\n]*)$",
    re.M,
)


def deaths(
    text: str, published: PartialDate | None
) -> list[tuple[int, int, str, str, PartialDate]]:
    """Each entry of a chronology's "Deaths" section: (start, end, name, description, date).
    An entry's day and month are in the chronology's year (``select.chronology_year``)."""
    from custodes.extract.select import chronology_year

    out = []
    ctx = DateContext(published=published)
    ctx.year_heading = chronology_year(text)
    for head in _DEATHS_HEADING.finditer(text):
        nxt = _SECTION.search(text, head.end())
        end = nxt.start() if nxt else len(text)
        for m in _DEATH_ITEM.finditer(text, head.end(), end):
            dates = find_dates(m.group("date"))
            day = ctx.resolve(dates[0]) if dates else None
            if day is None:
                continue
            if not _PUBLIC_ROLE.search(m.group("what")):
                continue  # a footballer's or a bishop's death is not a personnel event
            out.append((m.start(), m.end(), m.group("name").strip(), m.group("what"), day))
    return out


_PUBLIC_ROLE = re.compile(
    r"\b(?:politician|minister|general|admiral|colonel|officer|diplomat|ambassador|judge|"
    r"prosecutor|MP|deputy|governor|president|premier|mayor|police|intelligence|military|"
    r"senator|official|civil\s+servant|chief\s+of|head\s+of|политик|министр|генерал|адмирал|"
    r"полковник|дипломат|посол|судья|прокурор|депутат|губернатор|президент|премьер|мэр|"
    r"разведчик|военачальник|руководител|начальник|председател|глава)",
    re.IGNORECASE,
)


# an office's own infobox (the article about a post, not a person): the post's title above,
# then "Incumbent", the holder's name, and "since <date>" on lines of their own
_INCUMBENT = re.compile(
    r"^[^\S\n]*Incumbent[^\S\n]*\n(?:[^\S\n]*\n)?(?P<name>[^\n]{3,60})\n(?:[^\S\n]*\n)?"
    r"[^\S\n]*since[^\S\n]+(?P<date>[^\n]{4,40})$",
    re.MULTILINE | re.IGNORECASE,
)
# a name: two to six capitalised words, perhaps after an abbreviated rank ("PGen.", "Gen.")
_HOLDER = re.compile(
    r"^(?:[A-Z][A-Za-z]{1,6}\.\s+)?(?P<n>[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]+|[a-z]{1,3})){1,5})$"
)


def incumbents(
    text: str, published: PartialDate | None
) -> list[tuple[int, int, str, str, PartialDate]]:
    """(start, end, holder's name, post title, start date) for an office's infobox: "Commander
    of the Defence Forces / Incumbent / X / since 18 December 2017". The post is the nearest
    line above that names one (else the text's first line)."""
    head = text[:6000]
    if "ncumbent" not in head:
        return []
    out = []
    ctx = DateContext(published=published)
    for m in _INCUMBENT.finditer(head):
        name = _HOLDER.match(m.group("name").strip())
        ms = [d for d in find_dates(m.group("date")) if d.year and d.start == 0]
        if name is None or not ms or find_posts(name.group("n")):
            continue
        day = ctx.resolve(ms[0], update=False)
        above = [x.strip() for x in head[: m.start()].split("\n") if x.strip()]
        first = above[:1]
        title = next(
            (x for x in [*reversed(above[-12:]), *first] if len(x.split()) <= 10 and find_posts(x)),
            None,
        )
        if day is None or title is None:
            continue
        out.append((m.start(), m.end(), name.group("n"), title, day))
    return out


# a list of a post's holders, under a heading that names the post in the plural ("Directors-
# General of Security[edit]", "Commissioners of Police") or a table header ("Name | Took
# office | Left office"): one holder a line, with the years of the tenure before or after
_LIST_HEADING = re.compile(r"^\s*(?:List\s+of\s+)?(?P<h>[^\n|]{4,80}?)\s*(?:\[edit\])?\s*$")
# a sentence that heads a list: "The following is a list of X:", footnote marks after it
_LIST_LEAD = re.compile(
    r"^\s*(?:The\s+following\s+(?:is\s+a\s+list\s+of|are\s+(?:the\s+)?)|List\s+of\s+)"
    r"|(?::\s*)?(?:\[\w{1,3}\])*:?\s*$",
    re.I,
)
# a table of holders: a header row with the column of the day each took office
_START_COLUMN = re.compile(
    r"\b(?:Took\s+office|Assumed\s+office|Term\s+(?:start|of\s+office)|Tenure|From|Start|Since)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
# words before a holder's name that are not his name: titles, honorifics, ranks
_HOLDER_TITLE = re.compile(
    r"(?i:^(?:(?:Sir|Dame|Lord|Justice|Judge|Ambassador|Chief|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|"
    r"Professor|Hon\.?|Honourable|Captain|Colonel|Col\.|Major|General|Gen\.|Brigadier|"
    r"Brigadier-General|Lieutenant|Lt\.|Lieutenant-General|Major-General|Admiral|Air\s+Marshal|"
    r"Marshal|Commodore|Commander|Superintendent|Inspector|Maj\.|Brig\.|Adm\.|Capt\.|Cdr\.|"
    r"Col\.|Sgt\.|Vice\s+Admiral|Rear\s+Admiral|Air\s+(?:Chief|Vice)[\s-]Marshal|"
    r"Division(?:al)?\s+General)\s+)+)"
)
# what follows a holder's name that is not his name: honours, "(Rtd)", "(acting)"
_HOLDER_TAIL = re.compile(r"(?:,\s*(?:[A-Z]{2,5}|[JS]r\.?))+\s*$|\s*\([^()]*\)\s*$")
_HOLDER_NAME = re.compile(
    r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*|de|da|del|dela|delos|los|la|van|von|der|bin|"
    r"ibn|al|el|y|di|du|le))*"
)


def holders(
    text: str, published: PartialDate | None
) -> list[tuple[int, int, str, str, PartialDate]]:
    """(start, end, holder, post title, start date) for each line of a list of a post's
    holders: three dated lines at least, each a name and a tenure ("1950–1970 Brigadier Sir
    Charles Spry, CBE, DSO", "Chief Albert K. Horsfall 1986–1990", "William Caine | 30 April
    1841 | 1844 | Captain"). The post is the heading's, else the page title's."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    title = next((ln.strip(" =|") for _, ln in lines if ln.strip(" =|")), "")
    page_post = title if len(title.split()) <= 10 and find_posts(title) else None
    ctx = DateContext(published=published)
    out = []
    # a list begins where the lines just below hold years: only there is a heading looked at
    # (the post finder is not run on every short line of a long document)
    dated = [bool(_YEAR.search(ln)) for _, ln in lines]
    k = 0
    while k < len(lines):
        head = lines[k][1]
        post = None
        if not any(dated[k + 1 : k + 5]):
            k += 1
            continue
        # "The following is a list of Commanding Generals of the Philippine Army:[1][2]"
        hm = _LIST_HEADING.match(_LIST_LEAD.sub("", head))
        if hm and len(hm.group("h").split()) <= 10 and not _YEAR.search(head):
            h = hm.group("h")
            found = find_posts(h)
            # "Directors-General of Security", "Directors General of the NIA", "List of …"
            if found and (found[0].plural or re.match(r"(?:List\s+of\s+)?\w+(?:s|men)\b", h)):
                post = h
        table = False
        if post is None and "|" in head and _START_COLUMN.search(head):
            table = True
            # the column of the holders may be the post's title ("No. | General Officer
            # Commanding | Took office"); else the nearest short line above that names one,
            # else the page title's
            cells = [c.strip() for c in head.split("|") if c.strip()]
            post = next((c for c in cells if not _START_COLUMN.search(c) and find_posts(c)), None)
            # (a line of a table above is a title only alone in its row: "Chief of Army Staff
            # | |", not a field's value: "Appointer | President of Nigeria |")
            above = [
                re.sub(r"\[edit\]|\([^()]*\)", "", ln.replace("|", " ")).strip()
                for _, ln in lines[max(0, k - 40) : k]
                if ln.strip()
                and len(ln.replace("|", " ").split()) <= 8
                and len([c for c in ln.split("|") if c.strip()]) == 1
                # a field's label whose value is on the next line: "Member of |"
                and not re.search(r"\b(?:of|to|by|for|in)\s*\|?\s*$", ln.rstrip(" |"))
            ]
            post = post or next((x for x in reversed(above) if find_posts(x)), page_post)
        if post is None and not table:
            k += 1
            continue
        rows = []
        j = k + 1
        gap = 0
        header = False
        stray = 0
        while j < len(lines) and gap <= 1:
            line_start, line = lines[j]
            row = _holder_row(line, ctx) if line.strip() else None
            if row is not None:
                rows.append((line_start, line_start + len(line), *row))
                gap = stray = 0
            elif not line.strip() or "|" in line or not rows and not header:
                # a blank line, a table's group label, the list's column names ("Tenure Name")
                header = header or bool(line.strip()) and "|" not in line
                gap += 0 if line.strip() else 1
            elif rows and stray < 3 and len(line.split()) <= 12:
                # a flattened table's wrapped cell ("Sergio Osmeña", the president beside the
                # row above) or a row this reader cannot read: the list goes on below it
                stray += 1
            else:
                break
            j += 1
        if len(rows) >= 3:
            # a row's own post ("First Deputy Chairman | X | … | 20 June 2022") is its post
            out += [(s, e, name, rp or post, d) for s, e, name, d, rp in rows if rp or post]
            k = j
        else:
            k += 1
    return out


# a tenure in years: "1949–1950", "2018–Till-date", "1986–1990 (October, 1990)"
_TENURE = re.compile(
    r"(?P<y1>(?:1[6-9]|20)\d\d)(?:\s*[–—-]\s*(?:(?:1[6-9]|20)\d\d|present|incumbent|[\w-]*date))?"
    r"(?:\s*\([^()]*\))?",
    re.IGNORECASE,
)


# a rank run into the year a copied table cell gives: "Major general1956"
_GLUED_YEAR = re.compile(
    r"(?<=[a-z])(?=(?:1[6-9]|20)\d\d\b|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b)"
)


def _holder_row(line: str, ctx: DateContext) -> tuple[str, PartialDate, str | None] | None:
    """A holder's name, the start of the tenure and the row's own post (if a cell gives one)
    from one line of a holders list: in a table, the first cell that is a name and the first
    date after it; in a list, the tenure at one end of the line and the name at the other."""
    if "|" in line:
        cells = [c.strip() for c in _GLUED_YEAR.sub(" ", line).split("|") if c.strip()]
        names = [(i, n) for i, c in enumerate(cells) if (n := _holder_name(c))]
        if not names:
            # the name and the start run together in one cell: "Captain A. W. Baker1873"
            for c in cells:
                m = re.fullmatch(r"(.+?)\s+((?:1[6-9]|20)\d\d)", c)
                n = _holder_name(m.group(1)) if m else None
                if m and n:
                    return (n, PartialDate(year=int(m.group(2))), None)
            return None
        at, name = names[0]
        d = None
        for c in cells[at + 1 :] + cells[:at]:
            if "?" in c:
                return None  # "1844/45?": the list itself is unsure of the start
            ms = [m for m in find_dates(c) if m.year]
            d = ctx.resolve(ms[0], update=False) if ms else _year_of(c)
            if d is not None:
                break
        row_post = next(
            (
                c
                for c in cells[:at]
                if len(c.split()) <= 8 and find_posts(c) and not _YEAR.search(c)
            ),
            None,
        )
        return (name, d, row_post) if d is not None else None
    text = line.strip()
    m = _TENURE.match(text) or next(
        (t for t in _TENURE.finditer(text) if not text[t.end() :].strip()), None
    )
    if m is None:
        return _name_then_dates(text, ctx)
    name = _holder_name((text[: m.start()] + text[m.end() :]).strip())
    if name is None:
        return _name_then_dates(text, ctx)
    return (name, PartialDate(year=int(m.group("y1"))), None)


def _name_then_dates(text: str, ctx: DateContext) -> tuple[str, PartialDate, None] | None:
    """A list line that gives the name, then the tenure's dates, then perhaps who appointed
    ("Gen. Artemio Ricarte, AFP March 22, 1897  January 22, 1899 Emilio Aguinaldo"); a start
    without its year takes the end's ("January 23  June 5, 1899")."""
    bare = re.search(r"^(?P<n>[^,\d]{4,}),\s*(?P<y>(?:1[6-9]|20)\d\d)\s*[–—-]", text)
    if bare and (name := _holder_name(bare.group("n"))):
        # "Nabawi İsmail, 1977 – January 1982": a start year alone, the end in full
        return (name, PartialDate(year=int(bare.group("y"))), None)
    ms = [m for m in find_dates(text) if m.relative is None and (m.year or m.month)]
    if not ms or ms[0].start < 4:
        return None
    name = _holder_name(text[: ms[0].start])
    if name is None:
        return None
    first = ms[0]
    if first.year is None:
        later = next((m for m in ms[1:] if m.year), None)
        if later is None or not re.fullmatch(r"[\s–—-]*", text[first.end : later.start]):
            return None
        first = dataclasses.replace(first, year=later.year)
    d = ctx.resolve(first, update=False)
    return (name, d, None) if d is not None else None


def _holder_name(cell: str) -> str | None:
    """The person a cell or a line's remainder names, without titles, ranks, honours, life
    dates, footnote marks: "Major general Déogratias Nsabimana (1945–1994)" → "Déogratias
    Nsabimana"; None if it is not a name."""
    # "Johnson Aguiyi-Ironsi (1924–1966) Later military ruler": the name is before the brackets
    text = re.sub(r"\[[^\]]*\]|[†‡*]", "", cell).split("(")[0]
    text = _HOLDER_TAIL.sub("", _HOLDER_TAIL.sub("", text.strip(" ,;–—-"))).strip()
    text = _HOLDER_TITLE.sub("", text).strip()
    if not _HOLDER_NAME.fullmatch(text) or not 2 <= len(text.split()) <= 6 or find_posts(text):
        return None
    return text


def _year_of(cell: str) -> PartialDate | None:
    """The first year of a cell's tenure: "1956", "1994–1998", "Major general 1956"."""
    m = _TENURE.search(cell)
    return PartialDate(year=int(m.group("y1"))) if m else None


# a table of holders as a browser copies it, without cell marks: a header line with "Took
# office", then each row over a few lines (Wikipedia's sort key "Soumain, DaoudGeneral", the
# name, the life dates, the tenure with its cells run together: "March 200829 April 20091
# year, 1 month[3]")
_TOOK_OFFICE = re.compile(r"\bTook\s+office\b", re.I)
_TABLE_END = re.compile(r"^\s*(?:References|See\s+also|Notes|External\s+links|Sources)\b", re.I)
# where a copied row runs its cells together: a year and the next cell's digits ("200829",
# "19521954", "20091 year"), a word and a number ("Mardones17"), a number and a word
# ("2020Incumbent"), a name and a rank ("DaoudGeneral")
_RUN_TOGETHER = re.compile(
    r"(?<=(?<!\d)(?:1[6-9]|20)\d\d)(?=\d)|(?<=[a-zà-ÿ.\])])(?=\d)|(?<=\d)(?=[A-Za-z])"
    r"|(?<=[a-zà-ÿ])(?=[A-Z])"
)
_BARE_YEAR = re.compile(r"^(\s*(?P<y>(?:1[6-9]|20)\d\d))(?:\s|\(|$)")
_SORT_KEY = re.compile(r"^\s*\??[^\s,]+(?:\s[^\s,]+)?,\s*\S+\s*")
_ALIAS_LINK = re.compile(r"\b[a-z]{2}\s+\((?P<n>[^()]+)\)")


def _row_name(part: str) -> str | None:
    """The holder a copied row's text before its dates names: past Wikipedia's sort key
    ("Mardones, HernánDivisional general Hernán Mardones"), or the name a link to another
    language's page gives ("es (Cristián Le Dantec)")."""
    part = re.sub(r"\[[^\]]*\]", "", part).strip(" ?")
    alias = _ALIAS_LINK.search(part)
    if alias:
        return _holder_name(alias.group("n"))
    if _SORT_KEY.match(part) and "," in part:
        part = _SORT_KEY.sub("", part, count=1)
    return _holder_name(part) if part else None


def rendered_holders(
    text: str, published: PartialDate | None
) -> list[tuple[int, int, str, str, PartialDate | None, PartialDate | None]]:
    """(start, end, holder, post, start date, death) for each row of a holders table copied
    as plain text (a header line with "Took office", then rows a few lines each): the holder
    is the last name read before the row's tenure, the start is the tenure's first date (none
    when the table gives "?"), the death is the date a dagger follows. The post is the page
    title's, else the header's, until a short line inside the table names another
    ("Commanding general")."""
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    if not _TOOK_OFFICE.search(text):
        return []
    # the page's title, past a copied page's navigation ("Jump to content"): "Chief of Staff
    # of the Armed Forces (Liberia)"
    heads = [re.sub(r"\s*\([^()]*\)\s*$", "", ln.strip(" =|")) for _, ln in lines[:12]]
    page_post = next((h for h in heads if h and len(h.split()) <= 10 and find_posts(h)), None)
    ctx = DateContext(published=published)
    out: list[tuple[int, int, str, str, PartialDate | None, PartialDate | None]] = []
    k = 0
    while k < len(lines):
        head = lines[k][1]
        if "|" in head or not _TOOK_OFFICE.search(head) or len(head.split()) > 20:
            k += 1
            continue
        cells = _TOOK_OFFICE.split(head)[0]
        cells = re.sub(r"\b(?:No\.?|Portrait|Name|\(born.died\))\s*", "", cells).strip()
        # (the page's title is the post; a column's name may be an older or shorter title)
        post = page_post or (
            cells if cells and find_posts(cells) and len(cells.split()) <= 8 else None
        )
        name: str | None = None
        j = k + 1
        while j < len(lines):
            start, line = lines[j]
            if _TABLE_END.match(line) or len(line.split()) > 20:
                break
            flat = _RUN_TOGETHER.sub(" ", line).strip()
            if not flat or flat.startswith("(") or _TOOK_OFFICE.search(flat):
                j += 1
                continue
            ms = [m for m in find_dates(flat) if m.year and m.relative is None]
            before = flat[: ms[0].start] if ms else flat
            bare = _BARE_YEAR.match(before) or not ms and _BARE_YEAR.match(flat)
            if bare:
                # a tenure that starts with a year alone ("1952 1954 1–2 years", "2013 22
                # March 2019"), which the date finder leaves to its context
                ms, before = [], bare.group(1)
            found = _row_name(before) if before.strip(" ?") and not bare else None
            if not ms and not found and len(flat.split()) <= 4 and find_posts(flat):
                post = flat  # a group of rows under its own title: "Commanding general"
            name = found or name
            if (
                (ms or bare)
                and name
                and post
                and (bare or not before.strip(" ?"))
                or (ms and found and post)
            ):
                unknown = before.strip().startswith("?")
                if bare:
                    first = PartialDate(year=int(bare.group("y")))
                else:
                    first = None if unknown else ctx.resolve(ms[0], update=False)
                dagger = flat.find("†")
                died = None
                if dagger > 0:
                    prior = [m for m in ms if m.end <= dagger]
                    died = ctx.resolve(prior[-1], update=False) if prior else None
                if first is not None or died is not None:
                    out.append((start, start + len(line), name, post, first, died))  # type: ignore[arg-type]
                name = None
            j += 1
        k = j
    return out
