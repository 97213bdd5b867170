"""The workbench on a large knowledge base: how long each page takes to render.

    python benchmarks/bench_web.py                       # 100,000 statements (a few minutes)
    python benchmarks/bench_web.py --statements 20000 --db /tmp/web.db

The knowledge base is generated: 1,000 documents of invented appointments and dismissals in
20 organisations (each event one statement; the same people move between posts), written by
``KnowledgeBase.ingest_document`` as extraction would write them. Each page is asked for once to
warm up, then ``--repeat`` times through the ASGI app in this process (no network); the median
is reported. The target of issue 11: a page in under 300 ms. The workbench keeps one view and
the analyses it has computed until the knowledge base changes (a write), so "first" is what the
first visit after a write pays (the kept view is dropped before each page's first visit),
"median" every visit after; "first CPU" is that first visit's processor time in this process
(SQLite runs in it), which a machine shared with other work does not inflate.

A knowledge base of ``benchmarks/generate_kb.py`` is measured as it is with ``--reuse``::

    python benchmarks/generate_kb.py --tenures 30000 --db /tmp/kb100k.db   # 98,771 statements
    python benchmarks/bench_web.py --db /tmp/kb100k.db --reuse
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import warnings
from pathlib import Path

from custodes.extract.dates import PartialDate
from custodes.extract.mentions import Post
from custodes.extract.model import Event, Extraction
from custodes.ingest.read import Document
from custodes.store import KnowledgeBase

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ORGS = [f"Agency {chr(65 + i)} Service" for i in range(20)]
TITLES = [("Director", "head"), ("Deputy Director", "deputy"), ("Head of Department", "other")]
GIVEN = ["Timur", "Arman", "Serik", "Nurlan", "Marat", "Askhat", "Yerlan", "Bakhyt"]
SURNAMES = [f"Bek{s}ov" for s in ("a", "e", "i", "o", "u", "ya", "yu", "ye", "ar", "er")]


def build(db: Path, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    per_doc = max(1, n // 1000)
    people = [f"{g} {s}{k}" for g in GIVEN for s in SURNAMES for k in ("", "in", "sky")][:240]
    with KnowledgeBase.open(db) as kb:
        kb.derive_later()  # as `custodes ingest` of a batch: the tables derived once, at the end
        made = 0
        d = 0
        while made < n:
            events, lines, at = [], [], 0
            for _ in range(min(per_doc, n - made)):
                person = rng.choice(people)
                org = rng.choice(ORGS)
                title, role = rng.choice(TITLES)
                kind = rng.choice(["appointed", "dismissed"])
                day = PartialDate(
                    2000 + rng.randrange(22), rng.randrange(1, 13), rng.randrange(1, 28)
                )
                line = f"On {day.iso} {person} was {kind} {title} of the {org}."
                post = Post(title, role, org, None, title)
                events.append(
                    Event(
                        kind,
                        person,
                        title,
                        org,
                        day,
                        line,
                        at,
                        at + len(line),
                        0.5 + rng.random() / 2,
                        [post],
                    )
                )
                lines.append(line)
                at += len(line) + 1
                made += 1
            text = "\n".join(lines)
            doc = Document(
                text,
                f"generated/{d:05d}.txt",
                f"Generated {d}",
                PartialDate(2022, 1, 1),
                "en",
                "text",
            )
            kb.ingest_document(doc, Extraction(events, [], {}))
            d += 1
        kb.derive_now()


def targets(db: Path) -> tuple[str, str, str]:
    """A document, the organisation with the most statements and its most frequent person: what
    the pages are asked for, in a knowledge base of this script or of ``generate_kb.py``."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        doc = con.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()[0]
        org_key, org = con.execute(
            "SELECT org_key, org FROM statements WHERE org IS NOT NULL GROUP BY org_key "
            "ORDER BY count(*) DESC, org_key LIMIT 1"
        ).fetchone()
        person = con.execute(
            "SELECT person FROM statements WHERE org_key = ? AND person IS NOT NULL "
            "GROUP BY person ORDER BY count(*) DESC, person LIMIT 1",
            (org_key,),
        ).fetchone()[0]
    finally:
        con.close()
    return doc, org, person


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--statements", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/custodes-bench-web.db"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="measure --db as it is (built before)")
    ap.add_argument(
        "--after-edit",
        action="store_true",
        help="first edit one statement's name and organisation, as an analyst would (the pages "
        "then read derived tables that know the edit)",
    )
    args = ap.parse_args()
    if not (args.reuse and args.db.exists()):
        if args.db.exists():
            args.db.unlink()
        t = time.perf_counter()
        build(args.db, args.statements)
        took = time.perf_counter() - t
        print(f"built {args.statements:,} statements in {took:.0f} s → {args.db}")
    from custodes.web import create_app

    if args.after_edit:
        with KnowledgeBase.open(args.db) as kb:
            t = time.perf_counter()
            sid = kb.view().statements_by_status(["extracted"], limit=1)[0].id
            kb.edit(sid, person="Edited Person", org="Edited Organisation")
            print(f"edited {sid[:12]} (name and organisation) in {time.perf_counter() - t:.2f} s")
    app = create_app(str(args.db), "bench")
    client = TestClient(app)
    doc, org, person = targets(args.db)
    pages = [
        f"/documents/{doc}",
        f"/people/{person}",
        f"/orgs/{org}?on=2015-06-01",
        f"/orgs/{org}?on=2015-06-01&from=2014-01-01&to=2016-01-01",
        f"/search?q={person}",
        "/search",
        "/documents",
        "/review?limit=100",
        "/review?limit=100&offset=5000",
        "/conflicts",
    ]
    print(f"{'page':<70} {'first ms':>9} {'first CPU':>10} {'median ms':>10} {'max ms':>8}")
    for url in pages:
        app.state.cache["view"] = None  # a first visit: no view, no analysis kept
        t, cpu = time.perf_counter(), time.process_time()
        assert client.get(url).status_code == 200, url
        first = (time.perf_counter() - t) * 1000
        first_cpu = (time.process_time() - cpu) * 1000
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
        print(
            f"{url:<70} {first:>9.0f} {first_cpu:>10.0f} "
            f"{statistics.median(times):>10.0f} {max(times):>8.0f}"
        )
    app.state.kb.close()


if __name__ == "__main__":
    main()
