"""Analyses on large knowledge bases: roster, diff, timeline, a merge, memory (issue 10).

On a knowledge base made by ``generate_kb.py`` (SQLite file or PostgreSQL schema)::

    .venv/bin/python benchmarks/bench_scale.py --db /tmp/kb10k.db
    .venv/bin/python benchmarks/bench_scale.py \
        --db "postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3Dbench10k"

What is timed (each query on a fresh ``kb.view()``, as a CLI call or a web request would get):

* ``roster`` — ``analyses.roster(view, ORG, DATE)`` for random organisations and dates; p50, p99;
* ``roster CLI`` — the whole command ``custodes roster ORG --on DATE --db …`` in a new process
  (start, import, open, query, print), median of 5; its peak RSS is the query's memory;
* ``diff`` — ``analyses.diff(view, ORG, D1, D2)``, five years apart; p50;
* ``timeline`` — ``analyses.timeline(view, FULL NAME)`` of random people; p50;
* ``merge`` — ``kb.decide("merge", A, B)`` of two people of one organisation, then the roster of
  that organisation that shows the merge: the time until the decision is visible; p50 of 5
  (each undone afterwards, so the knowledge base is unchanged).

Each is given as wall time and as CPU time (``*_cpu_*``): on a shared machine the wall time
includes waiting for a core, and the load average is printed with the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from custodes.analyses import diff, roster, timeline
from custodes.extract.dates import PartialDate
from custodes.store import KnowledgeBase
from custodes.store.schema import statements

CLI = Path(sys.executable).with_name("custodes")


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


CPU: dict[str, list[float]] = {}


def _timed(fn, n: int, name: str = "") -> list[float]:  # type: ignore[no-untyped-def]
    """Wall milliseconds of ``n`` calls; their CPU milliseconds go to ``CPU[name]``: on a
    machine shared with other work, the wall time includes waiting for a core, the CPU time
    is what the query itself costs (SQLite runs in this process, so its work is counted)."""
    out, cpu = [], []
    for i in range(n):
        t, c = time.perf_counter(), time.process_time()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    CPU[name] = cpu
    return out


def run(
    db: str, schema: str | None, n: int, seed: int, skip_cli: bool = False
) -> dict[str, object]:
    rng = random.Random(seed)
    kb = KnowledgeBase.open(db, schema=schema)
    s = statements.c
    with kb.engine.connect() as conn:
        n_stmts = conn.execute(select(func.count()).select_from(statements)).scalar_one()
        orgs = [r[0] for r in conn.execute(select(s.org).distinct().where(s.org.is_not(None)))]
        people = [
            r[0]
            for r in conn.execute(
                select(s.person).where(s.kind == "event", s.event_type == "moved").limit(5000)
            )
        ]
        pairs = list(
            conn.execute(
                select(s.org, s.person)
                .where(s.kind == "event", s.event_type == "appointed", s.role == "deputy")
                .limit(2000)
            )
        )
    orgs.sort()
    people.sort()
    days = [PartialDate(y, m, 15) for y in range(1995, 2024) for m in (1, 6)]
    out: dict[str, object] = {
        "db": db if schema is None else f"{db} ({schema})",
        "statements": n_stmts,
    }

    def q_roster(_i: int) -> None:
        roster(kb.view(), rng.choice(orgs), rng.choice(days))

    def q_diff(_i: int) -> None:
        d1 = rng.choice(days[:-10])
        diff(kb.view(), rng.choice(orgs), d1, PartialDate(d1.year + 5, d1.month, 15))

    def q_timeline(_i: int) -> None:
        timeline(kb.view(), rng.choice(people))

    q_roster(0)  # warm the caches of the database and of Python's imports
    r = _timed(q_roster, n, "roster")
    out["roster_p50_ms"], out["roster_p99_ms"] = round(_pct(r, 50), 2), round(_pct(r, 99), 2)
    d = _timed(q_diff, max(3, n // 4), "diff")
    out["diff_p50_ms"] = round(_pct(d, 50), 2)
    t = _timed(q_timeline, max(3, n // 4), "timeline")
    out["timeline_p50_ms"] = round(_pct(t, 50), 2)
    out["roster_cpu_p50_ms"] = round(_pct(CPU["roster"], 50), 2)
    out["roster_cpu_p99_ms"] = round(_pct(CPU["roster"], 99), 2)
    out["diff_cpu_p50_ms"] = round(_pct(CPU["diff"], 50), 2)
    out["timeline_cpu_p50_ms"] = round(_pct(CPU["timeline"], 50), 2)

    merges, merges_cpu = [], []
    by_org: dict[str, list[str]] = {}
    for org, person in pairs:
        by_org.setdefault(org, []).append(person)
    candidates = [(o, ps) for o, ps in sorted(by_org.items()) if len(set(ps)) >= 2]
    for o, ps in rng.sample(candidates, min(5, len(candidates))):
        a, b = sorted(set(ps))[:2]
        t0, c0 = time.perf_counter(), time.process_time()
        kb.decide("merge", a, b, who="bench")
        roster(kb.view(), o, PartialDate(2024, 12, 31))
        merges.append((time.perf_counter() - t0) * 1000)
        merges_cpu.append((time.process_time() - c0) * 1000)
        kb.decide("merge", a, b, who="bench", undo=True)
    out["merge_rederived_p50_ms"] = round(statistics.median(merges), 1) if merges else None
    out["merge_cpu_p50_ms"] = round(statistics.median(merges_cpu), 1) if merges else None

    if not skip_cli:
        env = dict(os.environ)
        walls, cpus = [], []
        for _ in range(5):
            org, day = rng.choice(orgs), rng.choice(days)
            t0 = time.perf_counter()
            u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cmd = [str(CLI), "roster", org, "--on", day.iso, "--db", db, "--format", "json"]
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            walls.append(time.perf_counter() - t0)
            u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(u1.ru_utime - u0.ru_utime + u1.ru_stime - u0.ru_stime)
        out["roster_cli_s"] = round(statistics.median(walls), 3)
        out["roster_cli_cpu_s"] = round(statistics.median(cpus), 3)
        out["cli_peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        )
    kb.close()
    # the machine is shared: every number is read against how busy it was
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--schema")
    ap.add_argument("-n", type=int, default=100, help="roster queries (diff, timeline: n/4)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-cli", action="store_true", help="skip the CLI runs (PostgreSQL schema)")
    ap.add_argument("--json", help="append the result to this JSON-lines file")
    args = ap.parse_args(argv)
    res = run(args.db, args.schema, args.n, args.seed, args.no_cli)
    print(json.dumps(res))
    if args.json:
        with open(args.json, "a", encoding="utf-8") as f:
            f.write(json.dumps(res) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
