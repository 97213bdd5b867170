"""Eight `custodes ingest` processes started together on a knowledge base that does not exist
yet, round after round, on SQLite and PostgreSQL: how many processes fail, how many documents
are lost. (Issue 9 saw 4 of 64 SQLite processes and 21 of 64 PostgreSQL ones fail.)

    python benchmarks/concurrent_ingest.py            # 8 rounds of 8 processes on each
    python benchmarks/concurrent_ingest.py --rounds 2

Each process ingests three files of its own and one that all of them share. The unit test of
the same (`tests/test_concurrency.py`) forks writers that skip loading the models; this runs the
real command line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crashtest import PG, pg_answers, pg_url  # noqa: E402

CUSTODES = str(Path(sys.executable).with_name("custodes"))


def round_of(kind: str, n: int, work: Path, shared: Path) -> tuple[int, int]:
    """(failed processes, lost documents) of one round of ``n`` processes."""
    if kind == "sqlite":
        db = str(work / f"kb-{uuid.uuid4().hex[:8]}.db")
        schema = None
    else:
        schema = f"conc_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        db = pg_url(schema)
    try:
        procs, expected = [], 1
        for i in range(n):
            mine = work / f"{uuid.uuid4().hex[:8]}"
            mine.mkdir()
            for j in range(3):
                (mine / f"{j}.txt").write_text(
                    f"On {j + 1} May 2019 Colonel Bolat Nurov{chr(97 + i)}{chr(97 + j)} was "
                    f"appointed Head of the Border Service, the press office said. Item {mine}."
                )
                expected += 1
            procs.append(
                subprocess.Popen(
                    [CUSTODES, "ingest", str(mine), str(shared), "--db", db],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            )
        failed = 0
        for p in procs:
            _, err = p.communicate(timeout=600)
            if p.returncode != 0:
                failed += 1
                print(f"failed ({p.returncode}): {err.decode()[-300:]}", file=sys.stderr)
        engine = create_engine(db if "://" in db else f"sqlite:///{db}")
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
        engine.dispose()
        return failed, expected - stored
    finally:
        if schema:
            admin = create_engine(PG)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--processes", type=int, default=8)
    args = ap.parse_args()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="custodes-conc-") as tmp:
        work = Path(tmp)
        shared = work / "shared.txt"
        shared.write_text(
            "On 2 May 2019 Colonel Arman Seitov was appointed Head of the Border Service."
        )
        kinds = ["sqlite"] + (["postgres"] if pg_answers() else [])
        for kind in kinds:
            failed = lost = 0
            for r in range(args.rounds):
                f, lo = round_of(kind, args.processes, work, shared)
                failed, lost = failed + f, lost + lo
                print(f"{kind} round {r + 1}: {failed} failed, {lost} lost", file=sys.stderr)
            out[kind] = {
                "processes": args.rounds * args.processes,
                "failed_processes": failed,
                "lost_documents": lost,
            }
    print(json.dumps(out, indent=2))
    return 1 if any(v["failed_processes"] or v["lost_documents"] for v in out.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
