"""How far two annotators agree: the ceiling the extraction's scores are read against.

    python scripts/agreement.py                    # tests/data/agreement/{en,ru}/*.gold.jsonl
    python scripts/agreement.py --dir /path/to/second/annotation

A second annotator, who never saw the first one's gold or the rules, annotated a random sample
of the real development texts under the same contract (``tests/data/README.md``). Their events
are scored against the committed gold with the evaluation's own matching (type, person, date:
``scripts/evaluate.py``), so the F1 between the two annotators reads on the same scale as
custodes' F1; relaxed scores ignore the date, then the date and the type. custodes is scored
on the same texts beside them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate  # noqa: E402

AGREEMENT = evaluate.DATA / "agreement"


def _relaxed(events: list[dict], *, date: bool, kind: bool) -> list[dict]:
    return [
        {
            **e,
            "date": e["date"] if date else None,
            "type": e["type"] if kind else "event",
            "confidence": e.get("confidence", 1.0),
        }
        for e in events
    ]


def _original(stem: str) -> tuple[Path, Path, str | None]:
    """The committed text and gold of a sampled text (development sets only)."""
    (gold,) = [
        g
        for g in (evaluate.DATA / "texts").glob(f"real-*/{stem}.gold.jsonl")
        if "heldout" not in g.parent.name
    ]
    txt = gold.with_name(f"{stem}.txt")
    meta = json.loads(txt.with_suffix(".meta.json").read_text("utf-8"))
    return txt, gold, meta.get("published")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=AGREEMENT)
    args = ap.parse_args(argv)
    for lang in ("en", "ru"):
        second = sorted((args.dir / lang).glob("*.gold.jsonl"))
        if not second:
            continue
        rows = []
        for path in second:
            stem = path.name.removesuffix(".gold.jsonl")
            txt, gold, pub = _original(stem)
            rows.append((evaluate._load(path), evaluate._load(gold), evaluate._run(txt, pub)))
        print(f"{lang}: {len(rows)} texts, {sum(len(g) for _, g, _ in rows)} events in the gold")
        for label, date, kind in (
            ("type + person + date", True, True),
            ("type + person", False, True),
            ("person", False, False),
        ):
            for who, k in (("second annotator", 0), ("custodes", 2)):
                res = evaluate.score(
                    [
                        (_relaxed(r[k], date=date, kind=kind), _relaxed(r[1], date=date, kind=kind))
                        for r in rows
                    ]
                )
                print(
                    f"  {label:22s} {who:17s} P {res['precision']:.3f} R {res['recall']:.3f} "
                    f"F1 {res['f1']:.3f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
