"""A coverage-guided run (atheris, libFuzzer) of the readers: any bytes, as a text, HTML or PDF
file, either read or refused with a ``ReadError`` — never another exception.

    python fuzz/atheris_readers.py -atheris_runs=20000        # what `make fuzz` runs
    python fuzz/atheris_readers.py -max_total_time=600 corpus/  # longer, keeping a corpus

Instrumented: custodes' readers and what they call to decode and clean text (ftfy,
charset-normalizer); pypdf and trafilatura are exercised but not instrumented (instrumenting
them makes each run ten times slower). A crash prints the input and its traceback and exits
non-zero, as libFuzzer does.
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["custodes", "ftfy", "charset_normalizer"]):
    from custodes.ingest.limits import Limits
    from custodes.ingest.read import ReadError, read_document

SUFFIXES = (".txt", ".html", ".pdf", ".md")
LIMITS = Limits(max_bytes=2_000_000, max_seconds=0)  # the watchdog is the CLI's; see run_fuzz
WORK = tempfile.mkdtemp(prefix="custodes-atheris-")
SEEDS = [
    b"On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service.",
    b"<html><head><title>T</title></head><body><p>On 2 May 2019 X was dismissed.</p></body></html>",
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>",
]


def one_input(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    path = os.path.join(WORK, "input" + suffix)
    with open(path, "wb") as f:
        f.write(data[1:])
    try:
        read_document(path, limits=LIMITS)
    except ReadError:
        pass  # a refusal with a reason is what a bad file should get


def main() -> None:
    seeds = os.path.join(WORK, "seeds")
    os.makedirs(seeds, exist_ok=True)
    for i, s in enumerate(SEEDS):
        for j in range(len(SUFFIXES)):
            with open(os.path.join(seeds, f"{i}-{j}"), "wb") as f:
                f.write(bytes([j]) + s)
    args = sys.argv + ([seeds] if not any(not a.startswith("-") for a in sys.argv[1:]) else [])
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
