"""One event per happening: repeated mentions of the same event in a document merge, keeping the
most precise date (a date of the event's own clause over the item's date) and the post where
one mention gives it. Language-neutral: English and Russian readers both end here."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
from custodes.extract.mentions import Post
from custodes.extract.model import Event

_PREC = {"day": 3, "month": 2, "year": 1}


def _merge(events: list[Event], only: set[int] | None = None) -> list[Event]:
    """One event per happening: repeated mentions (same type, person, compatible post) merge,
    keeping the most precise date and the post where one mention gives it. With ``only``
    (ids of events), a pair merges only if one of them is among those and both give the same
    post: a second pass for the names a reader has just made canonical, which leaves alone the
    pairs the first pass kept apart."""
    out: list[Event] = []
    for e in events:
        twin = next(
            (
                o
                for o in out
                if o.type == e.type
                and _same_person(o.person, e.person)
                and _compatible(o, e)
                and (only is None or (id(o) in only or id(e) in only) and o.position == e.position)
            ),
            None,
        )
        if twin is None:
            out.append(e)
            continue
        text_over_item = twin.dated_by == "text" and e.dated_by != "text" and twin.date
        if (_better_date(e.date, twin.date) and not text_over_item) or (
            twin.dated_by != "text" and e.dated_by == "text" and e.date is not None
        ):
            twin.dated_by = e.dated_by
            twin.date, twin.quote, twin.start, twin.end = e.date, e.quote, e.start, e.end
        if twin.position is None and e.position is not None:
            twin.position, twin.organization, twin.posts = e.position, e.organization, e.posts
        if len(e.person) > len(twin.person):
            twin.person = e.person
        twin.confidence = min(0.99, max(twin.confidence, e.confidence) + 0.05)
        twin.mentions += e.mentions
    return out


_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def _surname(name: str) -> str:
    """The last word of a name that is not a generational suffix ("James D. Owens Jr.")."""
    words = [w for w in name.split() if w.lower().strip(",") not in _SUFFIX] or name.split()
    return words[-1]


def _same_person(a: str, b: str) -> bool:
    return (
        a.lower() == b.lower()
        or _surname(a).lower() == _surname(b).lower()
        and (
            len(a.split()) == 1
            or len(b.split()) == 1
            or a.split()[0].lower() == b.split()[0].lower()
        )
    )


def _seat(p: Post) -> tuple[str, str]:
    where = (p.unit or p.org or "").lower().replace("“", "").replace("”", "").replace('"', "")
    return p.role, where


def _compatible(a: Event, b: Event) -> bool:
    if a.type == "died":
        # a person dies once: "died on 23 March 2015 … who led the state from 1959 to 1990,
        # died in the night": one death, told twice, dated by the more precise mention
        return True
    if {a.dated_by, b.dated_by} == {"text", "item"} and (
        a.posts and b.posts or a.type in {"died"} or not (a.posts or b.posts)
    ):
        # "newly appointed Envoy X was introduced" (dated by the item) and "X was appointed
        # Envoy by the order of 18 May" (dated by its clause): one appointment, the clause's day;
        # "looking into the death of X, who was found dead on 6 September": one death
        return a.position == b.position or not (a.posts and b.posts)
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
        titles = any(p.title == q.title for p in a.posts for q in b.posts)
        if (a.start, a.end) == (b.start, b.end) and not titles:
            return False  # one sentence's two titles: "became acting president and prime minister"
        return titles or any(_seat(p) == _seat(q) for p in a.posts for q in b.posts)
    return True


def _better_date(new: PartialDate | None, old: PartialDate | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    return _PREC[new.precision] > _PREC[old.precision]
