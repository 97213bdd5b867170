"""Extraction speed on one core, against a plain spaCy pass over the same texts.

    python benchmarks/bench_extract.py                  # 2000 documents, plain pass on 300
    python benchmarks/bench_extract.py --docs 500 --plain-docs 100

Measures, on one generated corpus (benchmarks/corpus.py, seeded):

(a) custodes extraction (``extract_many``: regular expressions over every sentence, the parser
    on candidate sentences only), in words per second of the whole texts;
(b) a plain ``nlp.pipe`` over the same texts with the same model, in words per second, and the
    ratio (a)/(b) (the target is at least 10×);
(c) ingest into a fresh SQLite knowledge base, in documents per second (skipped, with the
    reason, while ``custodes.store`` has no ``KnowledgeBase.open`` and ingest call);
(d) the process's peak resident memory.

Words are ``len(text.split())``. Everything runs on one core: BLAS/OpenMP thread counts are set
to 1 before numpy or spaCy are imported, and the process is pinned to its first allowed CPU.
The table is printed and written to benchmarks/out/results.json.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402 — the thread settings above must come before any numpy import
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

OUT = HERE / "out" / "results.json"
TARGET_RATIO = 10.0


def pin_one_core() -> int | None:
    """Pin this process to its first allowed CPU; the CPU, or None where not supported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # kilobytes on Linux, bytes on macOS
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def bench_custodes(texts: list[str], personnel: list[bool]) -> dict[str, Any]:
    from custodes.extract.pipeline import extract_many

    words = sum(len(t.split()) for t in texts)
    wall, cpu = time.perf_counter(), time.process_time()
    results = extract_many([(t, None) for t in texts])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    per_doc = [len(r.events) for r in results]
    out: dict[str, Any] = {
        "docs": len(texts),
        "words": words,
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "words_per_second": round(words / wall, 1),
        "events": sum(len(r.events) for r in results),
        # ordinary news has real events too ("the former mayor was charged"), so the second
        # number is an upper bound on false alarms, not a count of them
        "events_in_personnel_docs": sum(n for n, p in zip(per_doc, personnel, strict=True) if p),
        "events_in_other_docs": sum(n for n, p in zip(per_doc, personnel, strict=True) if not p),
        "roster_claims": sum(len(r.claims) for r in results),
    }
    return out


def stage_times(texts: list[str]) -> dict[str, Any]:
    """Where the extraction time goes, measured in a second, separate run of its two first
    stages: choosing candidate sentences (regular expressions, dates) and parsing them."""
    try:
        from custodes.extract.pipeline import load_nlp
        from custodes.extract.select import candidates as _candidates
    except ImportError:
        return {}
    nlp = load_nlp()
    t = time.perf_counter()
    cands = [_candidates(text, None) for text in texts]
    select_s = time.perf_counter() - t
    sents = [c.sentence.text for cs in cands for c in cs]
    t = time.perf_counter()
    for _ in nlp.pipe(sents, batch_size=256):
        pass
    parse_s = time.perf_counter() - t
    parsed = sum(len(s.split()) for s in sents)
    total = sum(len(text.split()) for text in texts)
    return {
        "parsed_sentences": len(sents),
        "parsed_words": parsed,
        "parsed_share": round(parsed / total, 4) if total else 0.0,
        "select_seconds": round(select_s, 3),
        "parse_seconds": round(parse_s, 3),
        "parse_words_per_second": round(parsed / parse_s, 1) if parse_s else None,
    }


def bench_plain(texts: list[str]) -> dict[str, Any]:
    from custodes.extract.pipeline import load_nlp

    nlp = load_nlp()
    words = sum(len(t.split()) for t in texts)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "docs": len(texts),
        "words": words,
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "words_per_second": round(words / wall, 1),
        "pipeline": list(nlp.pipe_names),
    }


def bench_ingest(docs: list[tuple[str, str]]) -> dict[str, Any]:
    """Documents per second, end to end, into a fresh SQLite knowledge base: read each file
    (``read_document``), extract (``extract_many``, with each document's publication date) and
    write (``KnowledgeBase.ingest_document``, one transaction per document). ``{"skipped":
    reason}`` while the store API is not there."""
    try:
        from custodes.extract.pipeline import extract_many
        from custodes.ingest.read import read_document
        from custodes.store import KnowledgeBase
    except ImportError as e:
        return {"skipped": f"custodes.store.KnowledgeBase is not importable ({e})"}
    missing = [m for m in ("open", "ingest_document") if not hasattr(KnowledgeBase, m)]
    if missing:
        return {"skipped": f"KnowledgeBase has no {', '.join(missing)}"}
    with tempfile.TemporaryDirectory(prefix="custodes-bench-") as tmp:
        src = Path(tmp) / "docs"
        src.mkdir()
        paths = []
        for name, text in docs:
            (src / name).write_text(text, encoding="utf-8")
            paths.append(src / name)
        db = Path(tmp) / "kb.sqlite"
        start = time.perf_counter()
        kb = KnowledgeBase.open(db)
        try:
            t = time.perf_counter()
            read = [read_document(p) for p in paths]
            read_s = time.perf_counter() - t
            t = time.perf_counter()
            extractions = extract_many([(d.text, d.published) for d in read])
            extract_s = time.perf_counter() - t
            t = time.perf_counter()
            results = [kb.ingest_document(d, x) for d, x in zip(read, extractions, strict=True)]
            write_s = time.perf_counter() - t
        finally:
            kb.close()
        wall = time.perf_counter() - start
        size = db.stat().st_size
    return {
        "docs": len(docs),
        "seconds": round(wall, 3),
        "docs_per_second": round(len(docs) / wall, 2),
        "read_seconds": round(read_s, 3),
        "extract_seconds": round(extract_s, 3),
        "write_seconds": round(write_s, 3),
        "write_docs_per_second": round(len(docs) / write_s, 1) if write_s else None,
        "ingested": sum(r.status == "ingested" for r in results),
        "statements": sum(r.n_statements for r in results),
        "db_bytes": size,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000, help="corpus size (2000)")
    ap.add_argument(
        "--plain-docs", type=int, default=300, help="documents in the plain spaCy pass (300)"
    )
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (7)")
    ap.add_argument("--no-stages", action="store_true", help="skip the select/parse time breakdown")
    ap.add_argument("--no-ingest", action="store_true", help="skip the knowledge-base ingest")
    ap.add_argument("--out", type=Path, default=OUT, help=f"results file ({OUT})")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    cpu = pin_one_core()
    t = time.perf_counter()
    docs = generate(args.docs, args.seed)
    gen_s = time.perf_counter() - t
    texts = [text for _, text in docs]
    plain_texts = texts[: args.plain_docs]

    # load the model and warm every code path on a few documents that are not measured
    from custodes.extract.pipeline import extract_many, load_nlp

    t = time.perf_counter()
    nlp = load_nlp()
    warm = [text for _, text in generate(10, args.seed + 1)]
    extract_many([(text, None) for text in warm])
    for _ in nlp.pipe(warm, batch_size=32):
        pass
    load_s = time.perf_counter() - t

    personnel = [name.endswith("-personnel.txt") for name, _ in docs]
    custodes = bench_custodes(texts, personnel)
    if not args.no_stages:
        custodes["stages"] = stage_times(texts)
    plain = bench_plain(plain_texts)
    ratio = custodes["words_per_second"] / plain["words_per_second"]
    ingest = {"skipped": "--no-ingest"} if args.no_ingest else bench_ingest(docs)
    total_s = time.perf_counter() - started

    import spacy

    results = {
        "corpus": {
            "docs": len(docs),
            "seed": args.seed,
            "words": custodes["words"],
            "personnel_docs": sum(personnel),
            "generate_seconds": round(gen_s, 3),
        },
        "custodes_extract": custodes,
        "plain_spacy": plain,
        "ratio": round(ratio, 2),
        "target_ratio": TARGET_RATIO,
        "target_met": ratio >= TARGET_RATIO,
        "ingest": ingest,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "model_load_and_warmup_seconds": round(load_s, 3),
        "total_seconds": round(total_s, 1),
        "environment": {
            "cpu": cpu_name(),
            "pinned_cpu": cpu,
            "python": platform.python_version(),
            "spacy": spacy.__version__,
            "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
            "threads": {v: os.environ[v] for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results, subset=len(plain_texts) < len(texts)))
    print(f"\nwritten to {args.out}")
    return 0


def table(r: dict[str, Any], subset: bool) -> str:
    c, p, ing, env = r["custodes_extract"], r["plain_spacy"], r["ingest"], r["environment"]
    where = f"CPU {env['pinned_cpu']}" if env["pinned_cpu"] is not None else "not pinned"
    rows = [
        ("corpus", f"{r['corpus']['docs']} docs, {r['corpus']['words']:,} words, "
                   f"{r['corpus']['personnel_docs']} with personnel sentences"),
        ("machine", f"{env['cpu']} (one core: {where}), spaCy {env['spacy']}, {env['model']}"),
        ("custodes extraction", f"{c['words_per_second']:>12,.0f} words/s   "
                                f"({c['docs']} docs in {c['seconds']:.1f} s, "
                                f"{c['events']:,} events)"),
    ]  # fmt: skip
    st = c.get("stages") or {}
    if st:
        rest = max(0.0, c["seconds"] - st["select_seconds"] - st["parse_seconds"])
        rows += [
            ("  parsed share", f"{st['parsed_share'] * 100:>11.1f} %  of the words "
                               f"({st['parsed_sentences']:,} candidate sentences)"),
            ("  time: select", f"{st['select_seconds']:>11.1f} s  (regexes and dates, "
                               f"{c['words'] / st['select_seconds']:,.0f} words/s)"),
            ("  time: parse", f"{st['parse_seconds']:>11.1f} s  (candidate sentences, "
                              f"{st['parse_words_per_second']:,.0f} parsed words/s)"),
            ("  time: rest", f"{rest:>11.1f} s  (reading the parses; by difference, rough)"),
        ]  # fmt: skip
    rows += [
        ("plain spaCy pass", f"{p['words_per_second']:>12,.0f} words/s   "
                             f"({p['docs']} docs in {p['seconds']:.1f} s"
                             + (", the first docs only)" if subset else ")")),
        ("ratio", f"{r['ratio']:>12.1f} x       (target ≥ {r['target_ratio']:.0f}x: "
                  f"{'met' if r['target_met'] else 'NOT met'})"),
    ]  # fmt: skip
    if "skipped" in ing:
        rows.append(("ingest (SQLite)", f"skipped: {ing['skipped']}"))
    else:
        rows += [
            ("ingest (SQLite)", f"{ing['docs_per_second']:>12,.1f} docs/s    ({ing['docs']} docs "
                                f"in {ing['seconds']:.1f} s: read, extract, write)"),
            ("  time: read", f"{ing['read_seconds']:>11.1f} s"),
            ("  time: extract", f"{ing['extract_seconds']:>11.1f} s"),
            ("  time: write", f"{ing['write_seconds']:>11.1f} s  "
                              f"({ing['write_docs_per_second']:,.0f} docs/s; "
                              f"{ing['statements']:,} statements, "
                              f"{ing['db_bytes'] / 1e6:.1f} MB database)"),
        ]  # fmt: skip
    rows += [
        ("peak RSS", f"{r['peak_rss_mb']:>12,.0f} MB"),
        ("total time", f"{r['total_seconds']:>12.1f} s"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


if __name__ == "__main__":
    raise SystemExit(main())
