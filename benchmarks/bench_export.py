"""Export of a knowledge base of 1,000,000 statements as the lossless JSON-lines dump, streamed:
time, and peak memory at two sizes (constant memory means the peak does not grow with the
knowledge base); then loading the dump into an empty knowledge base (the bulk path).

    python benchmarks/bench_export.py                       # 100,000 and 1,000,000 statements
    python benchmarks/bench_export.py --sizes 20000 200000  # quicker

The knowledge base is generated here, in a temporary SQLite file, through
``KnowledgeBase.bulk_insert``: documents of 1,000 statements each (appointments and
dismissals of invented people to the posts of invented organisations, each with a quote and its
span). The export and the load each run in a fresh process, so that ``ru_maxrss`` is theirs
alone.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from custodes.store import KnowledgeBase
from custodes.store.keys import person_key, post_key, stable_id

PER_DOC = 1000
TITLES = [("Chairman", "head"), ("First Deputy Chairman", "first_deputy"), ("Deputy", "deputy")]


def generate(path: Path, n: int, seed: int = 12) -> None:
    """A knowledge base of ``n`` statements in ``n / PER_DOC`` documents."""
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    with KnowledgeBase.open(path) as kb:
        for d in range(n // PER_DOC):
            doc_id = stable_id("bench", d)[:20]
            text_parts, rows = [], []
            at = 0
            for i in range(PER_DOC):
                person = f"Person{rnd.randrange(n // 4)} Surname{rnd.randrange(500)}"
                org = f"Agency {rnd.randrange(200)}"
                title, role = rnd.choice(TITLES)
                kind = rnd.choice(["appointed", "dismissed"])
                month, mday = rnd.randrange(1, 13), rnd.randrange(1, 29)
                day = f"20{rnd.randrange(10, 24)}-{month:02d}-{mday:02d}"
                quote = f"On {day} {person} was {kind} as {title} of the {org}."
                pk, pkey = person_key(person), post_key(org, role, None, title)
                rows.append(
                    {
                        "id": stable_id(doc_id, i),
                        "doc_id": doc_id,
                        "event_id": stable_id(doc_id, "event", i),
                        "kind": "event",
                        "leg": "to",
                        "seq": 0,
                        "event_type": kind,
                        "person": person,
                        "person_key": pk,
                        "title": title,
                        "role": role,
                        "org": org,
                        "org_key": org.lower(),
                        "unit": None,
                        "post_key": pkey,
                        "position": title,
                        "date": day,
                        "date_precision": "day",
                        "quote": quote,
                        "start": at,
                        "end": at + len(quote),
                        "extractor": "bench/1",
                        "confidence": 0.9,
                        "acting": False,
                        "status": "extracted",
                        "created_at": now,
                    }
                )
                text_parts.append(quote)
                at += len(quote) + 1
            doc = {
                "id": doc_id,
                "path": f"bench/{d}.txt",
                "title": f"Bench {d}",
                "published": "2024-01-01",
                "published_precision": "day",
                "language": "en",
                "kind": "text",
                "text": " ".join(text_parts),
                "n_events": PER_DOC,
                "ingested_at": now,
            }
            kb.bulk_insert({"documents": [doc], "statements": rows})


CHILD = """
import json, resource, sys, time
from custodes.store import KnowledgeBase
from custodes.exchange import jsonl
kb = KnowledgeBase.open(sys.argv[2])
t = time.perf_counter()
if sys.argv[1] == "export":
    with open(sys.argv[3], "w", encoding="utf-8") as fh:
        lines = jsonl.dump(kb.view(), fh)
else:
    lines = jsonl.load(kb, sys.argv[3]).lines
took = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": took, "lines": lines, "peak_rss_mb": rss}))
"""


def run(step: str, db: Path, dump: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(db), str(dump)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            db, dump, copy = (Path(tmp, f"{x}-{n}") for x in ("kb.db", "dump.jsonl", "copy.db"))
            t = time.perf_counter()
            generate(db, n)
            gen = time.perf_counter() - t
            export = run("export", db, dump)
            size = os.path.getsize(dump) / 1e6
            load = run("load", copy, dump)
            row = {
                "statements": n,
                "generate_s": round(gen, 1),
                "export_s": round(export["seconds"], 1),
                "export_statements_per_s": round(n / export["seconds"]),
                "export_peak_rss_mb": round(export["peak_rss_mb"]),
                "dump_mb": round(size),
                "load_s": round(load["seconds"], 1),
                "load_statements_per_s": round(n / load["seconds"]),
                "load_peak_rss_mb": round(load["peak_rss_mb"]),
            }
            results.append(row)
            print(json.dumps(row), flush=True)
            for p in (db, dump, copy):
                p.unlink(missing_ok=True)
    out = Path(__file__).parent / "out"
    out.mkdir(exist_ok=True)
    (out / "export.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
