"""``custodes load`` of a generated knowledge base's dump into an empty one (issue 10's bulk load).

The knowledge base comes from ``generate_kb.py`` (about 3.3 statements a tenure, so 300,000
tenures are a million statements); its dump is written with ``custodes export --format jsonl``
and loaded with ``custodes load``, each in a fresh process, so the load's wall time is the whole
command (reading and checking every line, the bulk transactions, the indexes made at the end and
the derivation of identities and tenures) and its peak RSS is its own; then ``custodes rebuild``
of the copy says how much of it was the derivation::

    .venv/bin/python benchmarks/generate_kb.py --tenures 300000 --db /tmp/kb300k.db --no-derive
    .venv/bin/python benchmarks/bench_load.py --db /tmp/kb300k.db --work /tmp

The machine's load average is printed with the numbers: on a shared machine they are upper
bounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

CLI = Path(sys.executable).with_name("custodes")


def _timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of this child) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of them so far: the first command of a run is the
    # export, which stays small, so a larger value is the load's own
    return wall, max(peak, before) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="a generated SQLite knowledge base")
    ap.add_argument("--work", default="/tmp", help="folder for the dump and the loaded copy")
    ap.add_argument("--json", help="append the result to this JSON-lines file")
    args = ap.parse_args(argv)
    work = Path(args.work)
    dump, copy = work / "bench-load.jsonl", work / "bench-load.db"
    for p in (dump, copy):
        p.unlink(missing_ok=True)
    export_s, export_mb = _timed(
        [str(CLI), "export", "--format", "jsonl", "--out", str(dump), "--db", args.db]
    )
    lines = sum(1 for _ in dump.open("rb"))
    statements = sum(1 for line in dump.open("rb") if b'"table":"statements"' in line)
    load_s, load_mb = _timed([str(CLI), "load", str(dump), "--db", str(copy)])
    # the derivation alone, again, to tell its share of the load
    rebuild_s, _ = _timed([str(CLI), "rebuild", "--db", str(copy)])
    out = {
        "db": args.db,
        "lines": lines,
        "statements": statements,
        "dump_mb": round(dump.stat().st_size / 1e6),
        "export_s": round(export_s, 1),
        "load_s": round(load_s, 1),
        "load_statements_per_s": round(statements / load_s),
        "of_which_derive_s": round(rebuild_s, 1),
        "peak_rss_mb": round(max(export_mb, load_mb)),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(out))
    if args.json:
        with open(args.json, "a", encoding="utf-8") as f:
            f.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
