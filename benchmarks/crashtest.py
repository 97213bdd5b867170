"""Crash safety: `kill -9` an ingest at random moments, then check the knowledge base and
finish the ingest; it must equal a clean ingest of the same files.

    python benchmarks/crashtest.py                 # 50 kills on SQLite, 20 on PostgreSQL
    python benchmarks/crashtest.py --sqlite 5 --postgres 0

For each kill: a fresh knowledge base; `custodes ingest CORPUS` started as a process and
killed (SIGKILL) after a random delay between 0 and the time a clean ingest takes; then

* **corrupt** — SQLite's `PRAGMA integrity_check` and `foreign_key_check` (PostgreSQL: rows
  whose document is missing) find anything;
* the ingest is run again to the end, and compared with the clean one:
  **lost** — a document, statement, relation or alias of the clean run missing;
  **duplicated** — a row the clean run does not have, or a document logged as ingested twice.

PostgreSQL runs in a schema of its own (`?options=-csearch_path=…`) on the server at
127.0.0.1:5432 (database `test`), skipped when none answers. Exit code 1 if any count is not 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("CUSTODES_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CUSTODES = str(Path(sys.executable).with_name("custodes"))
TABLES = ("documents", "statements", "relations", "org_aliases")

FIRST = ["Bolat", "Arman", "Yermek", "Timur", "Nurlan", "Karim", "Samat", "Daniyar"]
LAST = ["Nurov", "Seitov", "Bekov", "Aliev", "Omarov", "Kasymov", "Zhakupov", "Ibraev"]


def corpus(folder: Path, n: int) -> None:
    """``n`` short news items, each naming its own people, and the bundled report last (read
    first, its extraction would hold most kills before anything is written)."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "kz-nsc-2022-ciss-report.txt", folder / "zzz-report.txt")
    rng = random.Random(0)
    for i in range(n):
        a = f"{rng.choice(FIRST)} {rng.choice(LAST)}{chr(97 + i % 26)}{chr(97 + i // 26)}"
        b = f"{rng.choice(FIRST)} {rng.choice(LAST)}{chr(97 + i // 26)}{chr(97 + i % 26)}"
        (folder / f"{i + 1:03d}-news.txt").write_text(
            f"ASTANA, {i % 28 + 1} March 2021\n\nOn {i % 28 + 1} March 2021 the President "
            f"dismissed {a} from the post of Chairman of the State Border Service (SBS). "
            f"Colonel {b} was appointed Chairman of the SBS the same day. The National "
            f"Security Committee comprises the SBS and the Foreign Intelligence Service."
        )


def ingest(folder: Path, db: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [CUSTODES, "ingest", str(folder), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def snapshot(db: str) -> dict[str, object]:
    """Every row's id per table, and how often each document was logged as ingested."""
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            rows = {
                t: sorted(
                    tuple(r)
                    for r in conn.execute(
                        text(
                            f"SELECT alias_key, org_key FROM {t}"
                            if t == "org_aliases"
                            else f"SELECT id FROM {t}"
                        )
                    )
                )
                for t in TABLES
            }
            logged = [
                r[0] for r in conn.execute(text("SELECT action FROM changes")) if r[0] == "ingest"
            ]
    finally:
        engine.dispose()
    return {**rows, "ingest_logged": len(logged)}


def corrupt(db: str) -> list[str]:
    """What is wrong inside the database, or nothing."""
    if "://" not in db:
        if not Path(db).exists():
            return []
        con = sqlite3.connect(db)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchall()
            fk = con.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            con.close()
        return ([] if ok == [("ok",)] else [str(ok)]) + [str(r) for r in fk]
    engine = create_engine(db)
    problems = []
    try:
        with engine.connect() as conn:
            names = {
                r[0]
                for r in conn.execute(
                    text(
                        "SELECT table_name FROM information_schema.tables "
                        "WHERE table_schema = current_schema()"
                    )
                )
            }
            if "documents" not in names:
                return []
            for t in ("statements", "relations", "org_aliases"):
                n = conn.execute(
                    text(
                        f"SELECT count(*) FROM {t} x LEFT JOIN documents d ON d.id = x.doc_id "
                        "WHERE d.id IS NULL"
                    )
                ).scalar()
                if n:
                    problems.append(f"{n} rows of {t} without their document")
    finally:
        engine.dispose()
    return problems


def _documents(db: str) -> int:
    """How many documents a (possibly half-written) knowledge base holds."""
    try:
        return len(snapshot(db)["documents"])  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - killed before the tables existed
        return 0


def compare(clean: dict[str, object], after: dict[str, object]) -> tuple[int, int]:
    lost = dup = 0
    for t in TABLES:
        a, b = set(clean[t]), after[t]  # type: ignore[arg-type]
        lost += len(a - set(b))  # type: ignore[arg-type]
        dup += len(b) - len(set(b)) + len(set(b) - a)  # type: ignore[arg-type]
    dup += max(0, after["ingest_logged"] - clean["ingest_logged"])  # type: ignore[operator]
    return lost, dup


def pg_url(schema: str) -> str:
    return f"{PG}?options=-csearch_path%3D{schema}"


def pg_answers() -> bool:
    try:
        engine = create_engine(PG, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - no server here
        return False


def trials(kind: str, n: int, folder: Path, work: Path, rng: random.Random) -> dict[str, object]:
    schemas: list[str] = []

    def fresh() -> str:
        if kind == "sqlite":
            return str(work / f"kb-{uuid.uuid4().hex[:8]}.db")
        schema = f"crash_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
        schemas.append(schema)
        return pg_url(schema)

    try:
        clean_db = fresh()
        # the clean run, watched: when its first and last documents land is the window in which
        # a kill hits the writing rather than the loading of the models
        t = time.monotonic()
        p = ingest(folder, clean_db)
        first = None
        while p.poll() is None:
            time.sleep(0.05)
            if first is None and _documents(clean_db):
                first = time.monotonic() - t
        clean_s = time.monotonic() - t
        first = first if first is not None else 0.0
        clean = snapshot(clean_db)
        result = {
            "kills": 0,
            "corrupt": 0,
            "lost": 0,
            "duplicated": 0,
            "killed_before_db": 0,
            "killed_mid_batch": 0,
            "clean_ingest_s": round(clean_s, 1),
            "first_document_s": round(first, 1),
            "documents": len(clean["documents"]),
        }
        for _ in range(n):
            db = fresh()
            p = ingest(folder, db)
            # one kill in five anywhere (loading the models, opening the knowledge base); the
            # rest while documents are being written
            low = 0.0 if rng.random() < 0.2 else max(0.0, first - 0.3)
            time.sleep(rng.uniform(low, clean_s))
            p.send_signal(signal.SIGKILL)
            p.wait()
            result["kills"] += 1
            problems = corrupt(db)
            if not problems:
                stored = _documents(db)
                if 0 < stored < len(clean["documents"]):  # type: ignore[arg-type]
                    result["killed_mid_batch"] += 1
            if problems:
                result["corrupt"] += 1
                print(f"corrupt: {db}: {problems}", file=sys.stderr)
            if kind == "sqlite" and not Path(db).exists():
                result["killed_before_db"] += 1
            again = ingest(folder, db)
            _, err = again.communicate()
            if again.returncode != 0:
                print(f"re-run failed ({again.returncode}): {err.decode()[-500:]}", file=sys.stderr)
            lost, dup = compare(clean, snapshot(db))
            result["lost"] += lost
            result["duplicated"] += dup
            print(f"{kind} kill {result['kills']}: {result}", file=sys.stderr, flush=True)
        return result
    finally:
        if schemas:
            admin = create_engine(PG)
            with admin.begin() as conn:
                for s in schemas:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{s}" CASCADE'))
            admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sqlite", type=int, default=50, help="kills on SQLite")
    ap.add_argument("--postgres", type=int, default=20, help="kills on PostgreSQL")
    ap.add_argument("--docs", type=int, default=80, help="news items beside the report")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="custodes-crash-") as tmp:
        work = Path(tmp)
        corpus(work / "corpus", args.docs)
        if args.sqlite:
            out["sqlite"] = trials("sqlite", args.sqlite, work / "corpus", work, rng)
        if args.postgres:
            if pg_answers():
                out["postgresql"] = trials("postgres", args.postgres, work / "corpus", work, rng)
            else:
                out["postgresql"] = f"skipped: no server at {PG}"
    print(json.dumps(out, indent=2))
    bad = any(
        isinstance(r, dict) and (r["corrupt"] or r["lost"] or r["duplicated"]) for r in out.values()
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
