"""Thousands of generated hostile documents — text, HTML and PDF — mixed into batches of good
files and ingested as `custodes ingest` does, each under the limits; counts what must be zero.

    python fuzz/run_fuzz.py                      # 10,000 hostile documents (what `make fuzz` runs)
    python fuzz/run_fuzz.py --docs 500 --seed 7  # a quick look

For each batch (a fresh SQLite knowledge base) every file goes through
``KnowledgeBase.ingest_file`` and is timed:

* **crash** — anything but a ``ReadError`` came out (the CLI would print "crash of custodes");
* **hang** — a document took longer than the time limit plus a second of grace;
* **good lost** — a good file (a real sentence naming a unique person) is not in the knowledge
  base after its batch;
* **peak memory** — the process's maximum resident set size, models included.

Then one batch goes through the real command line (`custodes ingest FOLDER`) in a subprocess:
exit code 1, one `error:` line per refused file, no traceback, every good file ingested. The
giant inputs of issue 9 (a 1,200,000-character sentence, a million `<p>`, 10,000-deep HTML,
50,000 blank lines and parentheses, a 120 MB PDF bomb, AES PDFs) are in every run. Exit code 1
when any count that must be zero is not.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402

from custodes.ingest.limits import Limits  # noqa: E402
from custodes.ingest.read import ReadError  # noqa: E402
from custodes.store import KnowledgeBase  # noqa: E402

PG = os.environ.get("CUSTODES_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
FIRST = ["Bolat", "Arman", "Yermek", "Timur", "Nurlan", "Karim", "Samat", "Daniyar", "Askar"]
LAST = ["Nurov", "Seitov", "Bekov", "Aliev", "Omarov", "Kasymov", "Zhakupov", "Ibraev", "Tulegen"]
POSTS = ["Head of the Border Service", "Deputy Chairman of the Committee", "Minister of Defence"]
NASTY = [
    "[/b]",
    "[bold]",
    "$\\alpha$",
    "=HYPERLINK(1)",
    "+1",
    "@SUM",
    "\u202e",
    "\u0000",
    "\ufeff",
    "\x1b[31m",
    "(((",
    ")))",
    "\ud800",
    "&#xFFFFFF;",
    "<!--",
    "]]>",
    "%PDF-",
    "\r",
    "\t",
    "‮",
    "é" * 3,
    "Мас" * 3,
    "\u0301" * 20,
    "\U0001f600",
    "\\",
    "'",
    '"',
    "`",
    "{",
    "}",
    "$",
]


def good_text(rng: random.Random, i: int) -> str:
    """A good document: one real appointment of a person no other document names."""
    name = (
        f"{rng.choice(FIRST)} {rng.choice(LAST)}{'abcdefghij'[i % 10]}{'klmnopqrst'[i // 10 % 10]}"
    )
    day = rng.randint(1, 28)
    return (
        f"ASTANA, {day} May 2019\n\nOn {day} May 2019 Colonel {name} was appointed "
        f"{rng.choice(POSTS)}, the press office said. Good document number {i}."
    )


def _mutate(rng: random.Random, data: bytes, n: int) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        op = rng.random()
        if not b:
            b += bytes([rng.randrange(256)])
        elif op < 0.4:
            b[rng.randrange(len(b))] = rng.randrange(256)
        elif op < 0.6:
            del b[rng.randrange(len(b))]
        elif op < 0.8:
            b.insert(rng.randrange(len(b)), rng.randrange(256))
        else:
            i = rng.randrange(len(b))
            b[i:i] = b[i : i + rng.randint(1, 64)] * rng.randint(1, 20)
    return bytes(b)


# kinds that make the parser work hard are drawn a quarter as often (their giant forms run once
# each, in ``giants``), so that 10,000 documents take minutes, not hours
HEAVY_TEXT = {7, 8, 9, 14}


def hostile_text(rng: random.Random, good: str) -> tuple[str, bytes]:
    kind = rng.randrange(16)
    if kind in HEAVY_TEXT and rng.random() < 0.75:
        kind = 1
    if kind == 0:
        return ".txt", rng.randbytes(rng.randint(0, 4000))
    if kind == 1:
        return ".txt", _mutate(rng, good.encode(), rng.randint(1, 40))
    if kind == 2:
        codec = rng.choice(
            [
                "utf-16",
                "utf-16-le",
                "utf-16-be",
                "utf-32",
                "utf-32-be",
                "cp1251",
                "latin-1",
                "koi8-r",
                "utf-8-sig",
                "shift_jis",
            ]
        )
        return ".txt", good.encode(codec, errors="replace")
    if kind == 3:
        return ".txt", good.encode()[: rng.randint(0, len(good))]
    if kind == 4:
        text = " ".join(rng.choice(NASTY) + w for w in good.split())
        return ".txt", text.encode("utf-8", "surrogatepass")
    if kind == 5:
        return ".txt", (good + "\n" * rng.randint(1000, 30000) + "1. x\n").encode()
    if kind == 6:
        return ".txt", (good + " " + "(" * rng.randint(100, 20000)).encode()
    if kind == 7:  # many trigger sentences
        return ".txt", ("Colonel Nurov was appointed. " * rng.randint(10, 300)).encode()
    if kind == 8:
        return ".txt", hostile.long_sentence(rng.randint(10_000, 15_000))
    if kind == 9:
        return ".txt", hostile.long_russian_sentence(rng.randint(10_000, 15_000))
    if kind == 10:
        return ".txt", bytes(
            rng.choice([0, 1, 0xFF, 0x1B, 0x7F]) for _ in range(rng.randint(1, 3000))
        )
    if kind == 11:
        return ".txt", ("\u200b".join(good) if rng.random() < 0.5 else good.upper()).encode()
    if kind == 12:
        return ".md", (
            "= 2022 in X =\n\n== Deaths ==\n"
            + "- 1 January – A, 1, minister\n" * rng.randint(1, 5000)
        ).encode()
    if kind == 13:
        return ".txt", ("\u0301" * rng.randint(1000, 50000) + good).encode()
    if kind == 14:
        return ".txt", (
            "Назначить " + "Иванова Ивана Ивановича, " * rng.randint(10, 300) + "директором."
        ).encode()
    return ".txt", (good + "\n").encode() * rng.randint(2, 20)


def hostile_html(rng: random.Random, good: str) -> tuple[str, bytes]:
    kind = rng.randrange(12)
    p = f"<p>{good}</p>"
    if kind == 0:
        return ".html", hostile.nested_html(rng.randint(100, 5000))
    if kind == 1:
        return ".html", hostile.many_paragraphs_html(rng.randint(1000, 120_000))
    if kind == 2:
        return ".html", _mutate(
            rng,
            f"<html><head><title>T</title></head><body>{p}</body></html>".encode(),
            rng.randint(1, 60),
        )
    if kind == 3:
        return ".html", ("<html><body>" + "<div><span><b>" * rng.randint(10, 3000) + p).encode()
    if kind == 4:
        return ".html", (f"<html><body><script>{'x' * rng.randint(1, 100000)}" + p).encode()
    if kind == 5:
        return ".html", (
            "<html><body>"
            + "&#xFFFFFF;&#0;&bogus;&#99999999999;" * rng.randint(1, 2000)
            + p
            + "</body></html>"
        ).encode()
    if kind == 6:
        return ".html", (f"<html><body><!-- {p}" + "<" * rng.randint(1, 50000)).encode()
    if kind == 7:
        date = rng.choice(["2022-13-45", "0000-00-00", "x" * 500, "9999-99-99"])
        head = f'<meta charset="utf-7"><meta property="article:published_time" content="{date}">'
        return ".html", f"<html><head>{head}</head><body>{p}</body></html>".encode()
    if kind == 8:
        return ".html", (f"<html><body><table>{'<tr><td>' * rng.randint(10, 5000)}{p}").encode()
    if kind == 9:
        return ".htm", rng.randbytes(rng.randint(1, 5000))
    if kind == 10:
        return ".html", (f"<!DOCTYPE html><html><body>{p}</body></html>").encode("utf-16")
    return ".html", (
        "<html><body>"
        + "".join(f"<p>{rng.choice(NASTY)}</p>" for _ in range(rng.randint(1, 2000)))
        + p
    ).encode("utf-8", "surrogatepass")


def hostile_pdf(rng: random.Random, good: str, cache: dict[str, bytes]) -> tuple[str, bytes]:
    kind = rng.randrange(9)
    base = hostile.text_pdf(good.replace("\n", " "))
    if kind == 0:
        return ".pdf", _mutate(rng, base, rng.randint(1, 30))
    if kind == 1:
        return ".pdf", base[: rng.randint(0, len(base))]
    if kind == 2:
        return ".pdf", hostile.self_referencing_pdf()
    if kind == 3:
        return ".pdf", hostile.huge_length_pdf()
    if kind == 4:
        key = f"enc{rng.randrange(4)}"
        if key not in cache:
            pw, alg = [("secret", "AES-256"), ("", "AES-128"), ("x", "RC4-128"), ("", "RC4-40")][
                int(key[-1])
            ]
            cache[key] = hostile.encrypted_pdf(pw, alg)
        return ".pdf", cache[key]
    if kind == 5:
        if "bomb" not in cache:
            cache["bomb"] = hostile.bomb_pdf(30)
        return ".pdf", cache["bomb"]
    if kind == 6:
        return ".pdf", b"%PDF-1.7\n" + rng.randbytes(rng.randint(0, 5000))
    if kind == 7:  # objects referring in a ring
        n = rng.randint(2, 200)
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>"] + [
            b"<< /Type /Pages /Kids [%d 0 R] /Count 1 /Parent %d 0 R >>" % (i % n + 2, i + 1)
            for i in range(1, n)
        ]
        return ".pdf", hostile._pdf(objs)
    return ".pdf", base.replace(b"/Length", b"/Length 0 /L", rng.randint(0, 1))


def giants() -> list[tuple[str, bytes]]:
    """The inputs issue 9 saw hang or crash, once each."""
    return [
        ("giant-sentence.txt", hostile.long_sentence(1_200_000)),
        ("giant-russian.txt", hostile.long_russian_sentence(2_000_000)),
        ("million-p.html", hostile.many_paragraphs_html(1_000_000)),
        ("deep.html", hostile.nested_html(10_000)),
        ("blank-lines.txt", hostile.blank_lines(50_000)),
        ("parentheses.txt", hostile.nested_parentheses(50_000)),
        ("bomb.pdf", hostile.bomb_pdf(120)),
        ("aes.pdf", hostile.encrypted_pdf("secret")),
        ("aes-open.pdf", hostile.encrypted_pdf("", "AES-128")),
        ("utf16-bom.txt", ("\ufeff" + hostile.GOOD).encode("utf-16-le")),
        ("triggers.txt", ("Colonel Nurov was appointed. " * 100_000).encode()),
        ("over-limit.txt", b"x " * 11_000_000),
    ]


def make_batch(
    rng: random.Random,
    folder: Path,
    n_hostile: int,
    n_good: int,
    start: int,
    cache: dict[str, bytes],
) -> tuple[list[Path], set[Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    files, good = [], set()
    for i in range(n_good):
        p = folder / f"good-{start + i}.txt"
        p.write_text(good_text(rng, start + i), "utf-8")
        files.append(p)
        good.add(p)
    for i in range(n_hostile):
        g = good_text(rng, 10**6 + start + i)
        pick = rng.random()
        suffix, data = (
            hostile_text(rng, g)
            if pick < 0.4
            else hostile_html(rng, g)
            if pick < 0.7
            else hostile_pdf(rng, g, cache)
        )
        name = f"h-{start + i}"
        if rng.random() < 0.05:
            name += rng.choice(["[red]", "$x$", "=1+1", "\udcff\udcfe", " space", "'q'"])
        p = folder / (name + suffix)
        with open(os.fsencode(p), "wb") as f:
            f.write(data)
        files.append(p)
    rng.shuffle(files)
    return files, good


def run_batch(
    files: list[Path],
    good: set[Path],
    limits: Limits,
    db: Path,
    tally: Counter[str],
    slowest: list[tuple[float, str]],
    crashes: list[str],
    postgres: bool = False,
) -> None:
    schema = f"fuzz_{uuid.uuid4().hex[:10]}" if postgres else None
    if schema:
        admin = create_engine(PG)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
    try:
        _run_batch(files, good, limits, PG if schema else db, schema, tally, slowest, crashes)
    finally:
        if schema:
            admin = create_engine(PG)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


def _run_batch(
    files: list[Path],
    good: set[Path],
    limits: Limits,
    db: Path | str,
    schema: str | None,
    tally: Counter[str],
    slowest: list[tuple[float, str]],
    crashes: list[str],
) -> None:
    with KnowledgeBase.open(db, schema=schema) as kb:
        for f in files:
            t = time.monotonic()
            try:
                kb.ingest_file(f, limits=limits)
                tally["read"] += 1
            except ReadError as e:
                tally["refused"] += 1
                if "took longer" in str(e):
                    tally["stopped at the time limit"] += 1
                if f in good:
                    tally["good lost"] += 1
                    crashes.append(f"good file refused: {f}: {e}")
            except BaseException as e:  # noqa: BLE001 - this is what we count
                tally["crash"] += 1
                crashes.append(f"{os.fsencode(f)!r}: {e.__class__.__name__}: {str(e)[:200]}")
            dt = time.monotonic() - t
            tally["docs"] += 1
            if limits.max_seconds and dt > limits.max_seconds + 1.0:
                tally["hang over the limit"] += 1
            slowest.append((dt, f.name))
        stored = {d.path for d in kb.view().documents()}
    for f in good:
        if str(f) not in stored:
            tally["good lost"] += 1


def cli_batch(folder: Path, good: set[Path], db: Path, limits: Limits) -> dict[str, object]:
    exe = Path(sys.executable).with_name("custodes")
    proc = subprocess.run(
        [
            str(exe),
            "ingest",
            str(folder),
            "--db",
            str(db),
            "--max-bytes",
            str(limits.max_bytes),
            "--max-seconds",
            str(limits.max_seconds),
        ],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=3600,
        env={**os.environ, "COLUMNS": "250"},
    )
    with KnowledgeBase.open(db) as kb:
        stored = {d.path for d in kb.view().documents()}
    return {
        "exit_code": proc.returncode,
        "traceback": "Traceback" in proc.stdout + proc.stderr,
        "error_lines": sum(1 for ln in proc.stderr.splitlines() if ln.startswith("error: ")),
        "crash_lines": sum(1 for ln in proc.stderr.splitlines() if "crash of custodes" in ln),
        "good_lost": sum(1 for g in good if str(g) not in stored),
        "summary": proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "",
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000, help="hostile documents in all")
    ap.add_argument("--batch", type=int, default=500, help="hostile documents per batch")
    ap.add_argument("--good", type=int, default=25, help="good documents per batch")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=20.0)
    ap.add_argument("--max-bytes", type=int, default=20_000_000)
    ap.add_argument("--json", type=Path, help="write the counts here too")
    ap.add_argument(
        "--postgres", action="store_true", help=f"write the batches into PostgreSQL ({PG})"
    )
    args = ap.parse_args()
    rng = random.Random(args.seed)
    limits = Limits(max_bytes=args.max_bytes, max_seconds=args.max_seconds)
    tally: Counter[str] = Counter()
    slowest: list[tuple[float, str]] = []
    crashes: list[str] = []
    cache: dict[str, bytes] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="custodes-fuzz-") as tmp:
        work = Path(tmp)
        giant_dir = work / "giants"
        giant_dir.mkdir()
        giant_files = []
        for name, data in giants():
            (giant_dir / name).write_bytes(data)
            giant_files.append(giant_dir / name)
        good_giant = giant_dir / "good-giant.txt"
        good_giant.write_text(good_text(rng, 99_999))
        run_batch(
            [*giant_files, good_giant],
            {good_giant},
            limits,
            work / "giants.db",
            tally,
            slowest,
            crashes,
            args.postgres,
        )
        tally["giants"] = len(giant_files)
        made = 0
        n = 0
        while made < args.docs:
            size = min(args.batch, args.docs - made)
            files, good = make_batch(rng, work / f"b{n}", size, args.good, made, cache)
            run_batch(
                files, good, limits, work / f"b{n}.db", tally, slowest, crashes, args.postgres
            )
            tally["hostile"] += size
            tally["good"] += len(good)
            made += size
            n += 1
            print(
                f"batch {n}: {made} hostile documents, {dict(tally)}", file=sys.stderr, flush=True
            )
        cli = cli_batch(
            work / "b0", set(p for p in (work / "b0").glob("good-*.txt")), work / "cli.db", limits
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    slowest.sort(reverse=True)
    report = {
        "hostile_documents": tally["hostile"] + tally["giants"],
        "good_documents": tally["good"] + 1,
        "read": tally["read"],
        "refused": tally["refused"],
        "stopped_at_time_limit": tally["stopped at the time limit"],
        "crashes": tally["crash"],
        "hangs_over_limit": tally["hang over the limit"],
        "good_lost": tally["good lost"],
        "peak_memory_mb": round(max(peak_mb, child_mb)),
        "slowest": [f"{t:.1f} s {name}" for t, name in slowest[:5]],
        "time_limit_s": limits.max_seconds,
        "wall_s": round(time.monotonic() - started),
        "cli_batch": cli,
        "crash_examples": crashes[:10],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    bad = (
        report["crashes"]
        or report["hangs_over_limit"]
        or report["good_lost"]
        or report["peak_memory_mb"] >= 1024
        or cli["traceback"]
        or cli["good_lost"]
        or cli["exit_code"] != 1
        or cli["crash_lines"]
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
