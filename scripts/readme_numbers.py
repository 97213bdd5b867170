"""Print the README's measurement tables from the last runs of the evaluation and benchmark.

python scripts/evaluate.py --json benchmarks/out/evaluation.json
python benchmarks/bench_extract.py            # writes benchmarks/out/results.json
python scripts/readme_numbers.py              # markdown to paste into the README
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "benchmarks" / "out"


def main() -> None:
    ev = json.loads((OUT / "evaluation.json").read_text("utf-8"))
    print("| set | documents | gold events | precision | recall | F1 |")
    print("|---|---|---|---|---|---|")
    for name, r in ev.items():
        gold = r["tp"] + r["fn"]
        docs = r.get("documents", "")
        print(
            f"| {name} | {docs} | {gold} | {r['precision']:.3f} | {r['recall']:.3f} | "
            f"**{r['f1']:.3f}** |"
        )
    bench = OUT / "results.json"
    if bench.exists():
        b = json.loads(bench.read_text("utf-8"))
        c, p = b["custodes_extract"], b["plain_spacy"]
        print()
        print("| measure | value |")
        print("|---|---|")
        print(f"| custodes extraction, one core | {c['words_per_second']:,.0f} words/s |")
        print(
            f"| plain en_core_web_sm pass, same core, same run | {p['words_per_second']:,.0f} "
            f"words/s |"
        )
        print(f"| ratio | {c['words_per_second'] / p['words_per_second']:.1f}× |")
        print(f"| share of words parsed | {100 * c['stages']['parsed_share']:.1f} % |")
        ing = b.get("ingest")
        if ing and "docs_per_second" in ing:
            print(
                f"| ingest into SQLite (read, extract, write) | {ing['docs_per_second']:.1f} "
                f"documents/s |"
            )
        if "peak_rss_mb" in b:
            print(f"| peak memory | {b['peak_rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
