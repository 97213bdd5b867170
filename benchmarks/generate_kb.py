"""Generate a realistic knowledge base in custodes' own schema: N tenures over three decades.

States (150 at a million tenures, fewer below so that each organisation keeps a realistic size),
about 20 organisations each (a ministry, a security service, a guard service …), each with a head,
a first deputy, deputies and heads of directorates. Every post is held by a succession of people
from 1990 to 2024: appointed, then dismissed, resigned, died, moved to another post of the same
state (one event, two legs, as the extractor writes it) or still in office. Organisations publish
complete rosters ("As of …, the leadership is: …") every few years, some posts are declared
vacant, some appointments are reported twice, and a fifth of the mentions spell the name another
way (Sagimbayev / Sagimbaev, Massimov / Masimov, Yermek / Ermek), which name resolution must join.

Statements are rows exactly as ``store/statements.py`` writes them (keys from ``store/keys.py``),
grouped into documents (a monthly news digest per state, one document per roster), and written
with ``store.bulk.insert_rows``; the derived tables are then built by ``store.derived.rebuild``
when the store has it. Deterministic for a seed::

    .venv/bin/python benchmarks/generate_kb.py --tenures 10000 --db /tmp/kb10k.db
    .venv/bin/python benchmarks/generate_kb.py --tenures 100000 \\
        --db postgresql+psycopg://postgres@127.0.0.1:5432/test --schema bench100k
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from custodes.store import KnowledgeBase
from custodes.store.bulk import bulk_mode, insert_rows
from custodes.store.keys import org_key, person_key, post_key, stable_id
from custodes.store.schema import documents, statements

START, END = date(1990, 1, 1), date(2024, 12, 31)
ORG_KINDS = [
    "Ministry of Internal Affairs",
    "State Security Service",
    "Ministry of Defence",
    "General Staff",
    "National Guard",
    "State Guard Service",
    "Foreign Intelligence Service",
    "Border Service",
    "Prosecutor General's Office",
    "Customs Committee",
    "Anti-Corruption Agency",
    "Financial Monitoring Agency",
    "Security Council",
    "Presidential Administration",
    "Emergency Situations Ministry",
    "Penitentiary Service",
    "Drug Control Agency",
    "Military Counterintelligence",
    "State Protection Directorate",
    "Investigative Committee",
]
SYLLABLES = "ba be bi bo da de di do ga ge gi go ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi vo za ze zi zo sha she shi zha zhe kha khe ya ye yu".split()  # noqa: E501
ENDINGS = ["ov", "ev", "in", "bayev", "beков", "enko", "uk", "yan", "shvili", "uly", "aev", "imov"]
ENDINGS = [e for e in ENDINGS if e.isascii()]
GIVEN = "Aibek Anuar Arman Askar Azamat Bakhyt Berik Daniyar Dauren Erlan Yermek Gani Ilyas Kairat Karim Marat Murat Nurlan Olzhas Rustam Sanzhar Serik Talgat Timur Yerlan Zhomart Alexei Andrei Boris Dmitri Igor Ivan Mikhail Nikolai Oleg Pavel Sergei Viktor Vladimir Yuri Anna Elena Irina Olga Tatiana Natalia Gulnara Aigerim Dana Saule".split()  # noqa: E501


@dataclass
class Person:
    given: str
    surname: str
    variants: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    def spelling(self, rng: random.Random) -> str:
        """The name as one document spells it: a fifth of mentions use a variant."""
        if self.variants and rng.random() < 0.2:
            return rng.choice(self.variants)
        return self.name


def _variants(given: str, surname: str) -> list[str]:
    """Spellings resolution should join: transliteration variants of the surname and given
    name that ``resolve.same_person`` accepts."""
    out = []
    for a, b in (("ayev", "aev"), ("yev", "ev"), ("ss", "s"), ("kh", "h"), ("zh", "j")):
        if a in surname:
            out.append(f"{given} {surname.replace(a, b, 1)}")
    if given.startswith("Ye"):
        out.append(f"E{given[2:]} {surname}")
    return out


@dataclass
class Post:
    org: str
    title: str
    role: str
    unit: str | None

    @property
    def key(self) -> str:
        return post_key(self.org, self.role, self.unit, self.title)

    @property
    def position(self) -> str:
        return f"{self.title} of {self.unit}" if self.unit else self.title


@dataclass
class Spell:
    person: Person
    post: Post
    start: date
    end: date | None
    how: str | None = None  # dismissed | resigned | died | moved
    event: str = "appointed"  # appointed | moved (arrived by a move)
    dest: Spell | None = None  # the post a move goes to


def _country_name(rng: random.Random, used: set[str]) -> str:
    while True:
        n = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() + "ia"
        if n not in used:
            used.add(n)
            return n


def _people_factory(rng: random.Random):  # type: ignore[no-untyped-def]
    """A name pool of one state: its own surname stems, so states rarely share surnames."""
    stems = set()
    while len(stems) < 400:
        stems.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize())
    stems_l = sorted(stems)
    used: set[str] = set()

    def new() -> Person:
        while True:
            g = rng.choice(GIVEN)
            s = rng.choice(stems_l) + rng.choice(ENDINGS)
            if f"{g} {s}" not in used:
                used.add(f"{g} {s}")
                return Person(g, s, _variants(g, s))

    return new


def _posts(org: str, n: int) -> list[Post]:
    posts = [
        Post(org, "Chairman", "head", None),
        Post(org, "First Deputy Chairman", "first_deputy", None),
    ]
    deputies = max(1, n // 4)
    posts += [Post(org, "Deputy Chairman", "deputy", None) for _ in range(1)]
    # deputies share one seat key (role deputy, no unit); the rest are directorates
    units = n - len(posts) - (deputies - 1)
    posts += [Post(org, "Head", "head", f"Directorate {i + 1}") for i in range(max(0, units))]
    return posts, deputies  # type: ignore[return-value]


def _spells(rng: random.Random, post: Post, new_person) -> list[Spell]:  # type: ignore[no-untyped-def]
    out = []
    t = START + timedelta(days=rng.randint(0, 700))
    while t < END:
        length = timedelta(days=int(rng.lognormvariate(math.log(4 * 365), 0.5)))
        end = t + length
        if end >= END:
            out.append(Spell(new_person(), post, t, None))
            break
        how = rng.choices(["dismissed", "resigned", "died", "moved"], [55, 15, 3, 27])[0]
        out.append(Spell(new_person(), post, t, end, how))
        t = end + timedelta(days=rng.choice([0, 0, 0, 1, 14, 60]))
    return out


def _link_moves(rng: random.Random, spells: list[Spell]) -> None:
    """A "moved" end at post A becomes the same person's arrival at another post B of the state
    that starts then: one event, two legs (from A, to B)."""
    starts = sorted(
        (s for s in spells if s.start > START + timedelta(days=700)), key=lambda s: s.start
    )
    days = [s.start for s in starts]
    import bisect

    taken: set[int] = set()
    by_person: dict[int, list[Spell]] = defaultdict(list)
    for s in spells:
        by_person[id(s.person)].append(s)
    for s in sorted((s for s in spells if s.how == "moved"), key=lambda s: s.end):  # type: ignore[arg-type, return-value]
        assert s.end is not None
        i = bisect.bisect_left(days, s.end)
        target = None
        for j in range(i, min(i + 40, len(starts))):
            b = starts[j]
            if j in taken or b.post.org == s.post.org and b.post.key == s.post.key:
                continue
            if (b.start - s.end).days > 30:
                break
            if len(by_person[id(b.person)]) == 1 and b.event == "appointed":
                target = j
                break
        if target is None:
            s.how = "dismissed"
            continue
        taken.add(target)
        b = starts[target]
        s.end = b.start
        by_person[id(s.person)].append(b)
        by_person.pop(id(b.person), None)
        b.person, b.event = s.person, "moved"
        s.dest = b


class Writer:
    """Documents and statements rows, as ``store/statements.py`` makes them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = datetime.now(UTC)
        self.docs: dict[str, dict[str, Any]] = {}
        self.stmts: list[dict[str, Any]] = []
        self.n_stmts = 0

    def doc(self, key: str, title: str, published: date) -> dict[str, Any]:
        d = self.docs.get(key)
        if d is None:
            d = {
                "id": stable_id("doc", key),
                "path": f"generated/{key}.txt",
                "title": title,
                "published": published.isoformat(),
                "published_precision": "day",
                "language": "en",
                "kind": "news",
                "parts": [],
                "n_events": 0,
                "ingested_at": self.now,
            }
            self.docs[key] = d
        return d

    def add(
        self,
        d: dict[str, Any],
        kind: str,
        quote: str,
        person: str | None,
        post: Post | None,
        day: date | None,
        **extra: Any,
    ) -> None:
        start = sum(len(p) + 1 for p in d["parts"])
        d["parts"].append(quote)
        pk = person_key(person)
        pkey = post.key if post else None
        leg = extra.pop("leg", "to")
        sid = stable_id(
            d["id"],
            kind,
            leg,
            extra.get("event_type"),
            pk,
            pkey,
            day,
            start,
            start + len(quote),
            extra.get("count"),
        )  # noqa: E501
        self.stmts.append(
            {
                "id": sid,
                "doc_id": d["id"],
                "event_id": extra.get("event_id"),
                "kind": kind,
                "leg": leg,
                "seq": extra.get("seq", 0),
                "event_type": extra.get("event_type"),
                "person": person,
                "person_key": pk,
                "title": post.title if post else None,
                "role": post.role if post else None,
                "org": post.org if post else None,
                "org_key": org_key(post.org) if post else None,
                "unit": post.unit if post else None,
                "post_key": pkey,
                "position": post.position if post else None,
                "date": day.isoformat() if day else None,
                "date_precision": "day" if day else None,
                "date_bound": None,
                "date_after": None,
                "quote": quote,
                "start": start,
                "end": start + len(quote),
                "count": extra.get("count"),
                "extractor": "benchmarks.generate_kb/1",
                "confidence": round(self.rng.uniform(0.5, 0.95), 3),
                "acting": False,
                "from_position": extra.get("from_position"),
                "status": "extracted",
                "created_at": self.now,
            }
        )
        if kind == "event" and leg == "to":
            d["n_events"] += 1

    def flush(self, conn: Any, final: bool = False) -> None:
        """Write the documents that are complete (all, at the end) and their statements."""
        if not final and len(self.stmts) < 200_000:
            return
        rows = []
        for d in self.docs.values():
            rows.append(
                {k: v for k, v in d.items() if k != "parts"} | {"text": "\n".join(d["parts"])}
            )
        insert_rows(conn, documents, rows)
        self.n_stmts += insert_rows(conn, statements, self.stmts)
        self.docs.clear()
        self.stmts.clear()


def generate(kb: KnowledgeBase, tenures: int, seed: int = 1) -> dict[str, int]:
    """Write about ``tenures`` tenures into an empty knowledge base; counts of what was made."""
    rng = random.Random(seed)
    n_countries = max(2, min(150, math.ceil(tenures / 6000)))
    per_org = tenures / (n_countries * len(ORG_KINDS))
    # a post is held by about 8 people from 1990 to 2024
    n_posts = max(4, round(per_org / 8.3))
    used: set[str] = set()
    w = Writer(rng)
    made = {"tenures": 0, "people": 0, "countries": n_countries, "organisations": 0}
    with kb.engine.begin() as conn, bulk_mode(conn, [statements, documents]):
        for c in range(n_countries):
            country = _country_name(rng, used)
            new_person = _people_factory(rng)
            spells: list[Spell] = []
            deputies_of: dict[str, int] = {}
            for kind in ORG_KINDS:
                org = f"{kind} of {country}"
                posts, deputies = _posts(org, n_posts)  # type: ignore[misc]
                deputies_of[org] = deputies
                made["organisations"] += 1
                for p in posts:
                    n = deputies if p.role == "deputy" else 1
                    for _ in range(n):
                        spells += _spells(rng, p, new_person)
            _link_moves(rng, spells)
            made["tenures"] += len(spells)
            made["people"] += len({id(s.person) for s in spells})
            _write_country(rng, w, country, spells)
            w.flush(conn)
            if c % 10 == 0:
                print(
                    f"  {c + 1}/{n_countries} states, {made['tenures']:,} tenures", file=sys.stderr
                )
        w.flush(conn, final=True)
    made["statements"] = w.n_stmts
    return made


def _write_country(rng: random.Random, w: Writer, country: str, spells: list[Spell]) -> None:
    def digest(day: date) -> dict[str, Any]:
        key = f"{country}/{day:%Y-%m}"
        return w.doc(
            key, f"{country}: appointments and dismissals, {day:%B %Y}", day.replace(day=28)
        )

    for s in spells:
        p = s.person
        if s.event == "appointed":
            for report in range(2 if rng.random() < 0.15 else 1):
                d = digest(s.start + timedelta(days=report * 40))
                name = p.spelling(rng)
                eid = stable_id(d["id"], "event", "appointed", person_key(name), s.start)
                q = f"{name} was appointed {s.post.position} of the {s.post.org}"
                q += f" on {s.start:%d %B %Y}."
                w.add(d, "event", q, name, s.post, s.start, event_type="appointed", event_id=eid)
        if s.end is None:
            continue
        d = digest(s.end)
        name = p.spelling(rng)
        if s.how == "moved":
            to = s.dest
            assert to is not None
            eid = stable_id(d["id"], "event", "moved", person_key(name), s.end)
            q = f"{name} moved from {s.post.position} of the {s.post.org} to {to.post.position} of the {to.post.org}."  # noqa: E501
            frm = f"{s.post.position}"
            w.add(
                d,
                "event",
                q,
                name,
                to.post,
                s.end,
                event_type="moved",
                event_id=eid,
                from_position=frm,
            )
            w.add(d, "event", q, name, s.post, s.end, event_type="moved", event_id=eid, leg="from")
        else:
            verb = {
                "dismissed": "was dismissed as",
                "resigned": "resigned as",
                "died": "died; he was",
            }
            eid = stable_id(d["id"], "event", s.how, person_key(name), s.end)
            q = f"{name} {verb[s.how or 'dismissed']} {s.post.position} of the {s.post.org}."
            w.add(d, "event", q, name, s.post, s.end, event_type=s.how, event_id=eid)
    # complete rosters of each organisation every three years or so, and some vacancies
    orgs: dict[str, list[Spell]] = defaultdict(list)
    for s in spells:
        orgs[s.post.org].append(s)
    for org, ss in orgs.items():
        day = START + timedelta(days=rng.randint(300, 1400))
        while day < END:
            d = w.doc(f"{country}/{org_key(org)}/roster-{day}", f"Leadership of the {org}", day)
            for s in ss:
                if s.start <= day and (s.end is None or day < s.end):
                    name = s.person.spelling(rng)
                    q = f"As of {day:%d %B %Y}: {s.post.position} — {name}."
                    w.add(d, "holds", q, name, s.post, day)
            day += timedelta(days=rng.randint(700, 1500))
        for s in ss:
            if s.end is not None and s.how != "moved" and rng.random() < 0.05:
                gap = s.end + timedelta(days=5)
                if not any(
                    o.post.key == s.post.key and o.start <= gap and (o.end is None or gap < o.end)
                    for o in ss
                ):  # noqa: E501
                    d = w.doc(f"{country}/{org_key(org)}/vacant-{gap}", f"Vacancies, {org}", gap)
                    w.add(
                        d, "vacant", f"The post of {s.post.position} is vacant.", None, s.post, gap
                    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tenures", type=int, default=10_000)
    ap.add_argument("--db", required=True, help="a SQLite file (replaced) or a PostgreSQL URL")
    ap.add_argument("--schema", help="PostgreSQL schema (dropped and created)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-derive", action="store_true", help="skip building the derived tables")
    args = ap.parse_args(argv)
    if "://" not in args.db:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(args.db + suffix).unlink(missing_ok=True)
    elif args.schema:
        from sqlalchemy import create_engine

        admin = create_engine(args.db)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{args.schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{args.schema}"'))
        admin.dispose()
    t0 = time.perf_counter()
    with KnowledgeBase.open(args.db, schema=args.schema) as kb:
        made = generate(kb, args.tenures, args.seed)
        made["write_s"] = round(time.perf_counter() - t0, 1)  # type: ignore[assignment]
        if not args.no_derive:
            try:
                from custodes.store import derived
            except ImportError:
                derived = None  # type: ignore[assignment]
            if derived is not None:
                t1 = time.perf_counter()
                with kb.engine.begin() as conn:
                    derived.rebuild(conn)
                made["derive_s"] = round(time.perf_counter() - t1, 1)  # type: ignore[assignment]
    print(json.dumps(made))
    return 0


if __name__ == "__main__":
    sys.exit(main())
