"""How long hostile inputs take to read and extract, and whether the time grows linearly.

    python benchmarks/bench_hostile.py

Doubling inputs that issue 9 found quadratic (blank lines: 1.5, 5.7, 22.5 s for 10k, 20k,
40k) must now roughly double the time, not quadruple it. Also the other inputs of the issue,
each once, with the process's peak memory after it.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile  # noqa: E402

from custodes.extract.pipeline import extract_many  # noqa: E402
from custodes.ingest.read import Limits, ReadError, read_document  # noqa: E402


def timed(path: Path) -> tuple[float, str]:
    t = time.perf_counter()
    try:
        doc = read_document(path, limits=Limits(max_seconds=0))
        (ex,) = extract_many([(doc.text, doc.published)])
        what = f"{len(ex.events)} events"
    except ReadError as e:
        what = f"refused: {e}"
    return time.perf_counter() - t, what


def main() -> None:
    extract_many([(hostile.GOOD, None)])  # load the models first
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("| input | size | seconds | result | peak memory |")
        print("|---|---|---|---|---|")
        series = [
            (f"{n:,} blank lines", hostile.blank_lines(n)) for n in (10_000, 20_000, 40_000)
        ] + [
            (f"{n:,} nested parentheses", hostile.nested_parentheses(n))
            for n in (12_500, 25_000, 50_000)
        ]
        others = [
            ("1,200,000-character sentence", hostile.long_sentence(1_200_000)),
            ("2,000,000-character Russian sentence", hostile.long_russian_sentence(2_000_000)),
            (
                "a Russian sentence of 50,000 one-letter words",
                (
                    "Указом Президента Иванов Иван Иванович назначен директором " + "а, " * 50_000
                ).encode(),
            ),
            ("a million <p>", hostile.many_paragraphs_html(1_000_000)),
            ("HTML nested 10,000 deep", hostile.nested_html(10_000)),
            ("PDF inflating to 120 MB", hostile.bomb_pdf(120)),
        ]
        for i, (name, data) in enumerate(series + others):
            suffix = ".html" if b"<html>" in data[:20] else ".pdf" if data[:5] == b"%PDF-" else ""
            p = folder / f"{i}{suffix or '.txt'}"
            p.write_bytes(data)
            dt, what = timed(p)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            print(f"| {name} | {len(data):,} B | {dt:.2f} | {what} | {peak} MB |", flush=True)


if __name__ == "__main__":
    main()
