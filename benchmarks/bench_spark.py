"""Ingest of the benchmark corpus by one process vs. a Spark job in local[2] (issue 10).

    .venv/bin/python benchmarks/bench_spark.py                  # 2,000 documents (corpus.py)
    .venv/bin/python benchmarks/bench_spark.py --docs 300       # a quicker run

Both are the whole command, in a new process, into a fresh SQLite knowledge base, on the same
files (``corpus.generate(N, seed)`` written as ``.txt``), with one thread per process for
numpy/BLAS (``OMP_NUM_THREADS=1`` …), so "one process" is one core:

* one process — ``custodes ingest DIR --db one.db`` (one document after another; the derived
  tables derived once at the end, as every batch of 20 files or more is);
* Spark — ``custodes ingest DIR --engine spark --master local[2] --db spark.db`` (JVM start,
  executors' model loading and the bulk write included).

Then the stored rows (documents, statements, relations, abbreviations, tenures; all but the
time they were written) are compared: they must be identical. The load average is read before
and after each run (the machine may be shared: a busy neighbour takes cores from local[2] and
the speed-up with them), and the CPU time of every process of each command (read from
``/proc``: the JVM and Spark's Python workers included) tells the work from the waiting for
cores. Results go to ``benchmarks/out/results-spark.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from corpus import generate  # noqa: E402

from custodes.store import KnowledgeBase  # noqa: E402
from custodes.store.schema import (  # noqa: E402
    documents,
    org_aliases,
    relations,
    statements,
    tenures,
)

OUT = HERE / "out" / "results-spark.json"
CLI = Path(sys.executable).with_name("custodes")
TARGET = 1.8
COMPARED = [
    (documents, ("ingested_at",)),
    (statements, ("created_at",)),
    (relations, ("created_at",)),
    (org_aliases, ()),
    (tenures, ("id",)),
]


TICK = os.sysconf("SC_CLK_TCK")


def _procs() -> dict[int, tuple[int, float, str]]:
    """pid → (parent, CPU seconds so far, name) of every process (Linux ``/proc``)."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            raw = Path("/proc", d, "stat").read_text()
        except OSError:
            continue
        f = raw[raw.rindex(")") + 2 :].split()
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        out[int(d)] = (int(f[1]), (int(f[11]) + int(f[12])) / TICK, name)
    return out


def _timed(args: list[str], env: dict[str, str]) -> dict[str, object]:
    """The command's wall time, and the CPU time of all its processes (the JVM and Spark's
    Python workers are not waited for, so ``getrusage`` misses them: ``/proc`` is polled)."""
    before = os.getloadavg()
    t = time.perf_counter()
    # into files, not pipes: nobody reads a pipe while the command runs, and a full one stops it
    out_f, err_f = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
    proc = subprocess.Popen([str(CLI), *args], env=env, stdout=out_f, stderr=err_f, text=True)
    cpu: dict[int, float] = {}
    names: dict[int, str] = {}
    while proc.poll() is None:
        procs = _procs()
        tree, grew = {proc.pid}, True
        while grew:
            new = {p for p, (parent, _c, _n) in procs.items() if parent in tree} - tree
            tree |= new
            grew = bool(new)
        for p in tree & procs.keys():
            cpu[p] = max(cpu.get(p, 0.0), procs[p][1])
            names[p] = procs[p][2]
        time.sleep(0.25)
    took = time.perf_counter() - t
    out_f.seek(0)
    err_f.seek(0)
    out, err = out_f.read(), err_f.read()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-2000:]}")
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    return {
        "seconds": round(took, 1),
        "cpu_seconds": round(sum(cpu.values()), 1),
        "processes": len(cpu),
        # the driver (custodes), the JVM (java), Spark's daemon and Python workers (python3)
        "cpu_by_process": {
            n: round(sum(c for p, c in cpu.items() if names[p] == n), 1)
            for n in sorted(set(names.values()))
        },
        "load_before": [round(x, 2) for x in before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "summary": summary,
    }


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with KnowledgeBase.open(db) as kb, kb.engine.connect() as conn:
        for table, drop in COMPARED:
            cols = [c for c in table.c if c.name not in drop]
            out[table.name] = sorted(tuple(r) for r in conn.execute(select(*cols)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="corpus size (2000)")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (7)")
    ap.add_argument("--master", default="local[2]", help="Spark master (local[2])")
    ap.add_argument("--out", type=Path, default=OUT, help=f"results file ({OUT})")
    args = ap.parse_args()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    env["MKL_NUM_THREADS"] = "1"
    with tempfile.TemporaryDirectory(prefix="custodes-bench-spark-") as tmp:
        folder = Path(tmp, "corpus")
        folder.mkdir()
        words = 0
        for name, text in generate(args.docs, args.seed):
            (folder / name).write_text(text, encoding="utf-8")
            words += len(text.split())
        one_db, spark_db = Path(tmp, "one.db"), Path(tmp, "spark.db")
        print(f"{args.docs} documents, {words:,} words; cpus: {os.cpu_count()}", flush=True)
        one = _timed(["ingest", str(folder), "--db", str(one_db)], env)
        print(
            f"one process: {one['seconds']} s, {one['cpu_seconds']} s of CPU "
            f"(load {one['load_before']})",
            flush=True,
        )
        spark_args = ["ingest", str(folder), "--engine", "spark", "--master", args.master]
        spark = _timed([*spark_args, "--db", str(spark_db)], env)
        print(
            f"spark {args.master}: {spark['seconds']} s, {spark['cpu_seconds']} s of CPU in "
            f"{spark['processes']} processes {spark['cpu_by_process']} "
            f"(load {spark['load_before']})",
            flush=True,
        )
        a, b = _rows(one_db), _rows(spark_db)
        identical = a == b
        differ = [t for t in a if a[t] != b[t]]
    speedup = round(float(one["seconds"]) / float(spark["seconds"]), 2)  # type: ignore[arg-type]
    result = {
        "docs": args.docs,
        "seed": args.seed,
        "words": words,
        "cpus": os.cpu_count(),
        "master": args.master,
        "one_process": one,
        "spark": spark,
        "speedup": speedup,
        "target": TARGET,
        "target_met": speedup >= TARGET,
        "statements": len(a["statements"]),
        "identical": identical,
        "tables_that_differ": differ,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"speed-up {speedup}× (target {TARGET}×); {len(a['statements']):,} statements, "
        f"identical: {identical}" + (f" (differ: {', '.join(differ)})" if differ else "")
    )
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
