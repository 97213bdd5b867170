"""Count, per feature combination, how many extracted events were right on development text.

    python scripts/calibrate.py                  # writes src/custodes/data/confidence.yaml
    python scripts/calibrate.py --leave-set-out  # checks the calibration on sets it did not see

"Right" is the evaluation's match (type, person, date: ``scripts/evaluate.py``). Only
development sets count — the bundled report and every folder under tests/data/texts/ whose name
does not contain "heldout" — so that held-out numbers stay unseen. Real documents (folders
``real-*``) and the texts written for the tests are counted apart: the extractor reads the real
counts and falls back on the written ones only where no real cell has enough events
(``custodes.extract.confidence`` says why).

``--leave-set-out`` writes nothing: for each development set it calibrates on all the others,
gives that set's events their confidence, and prints per group how many events got ≥ 0.9 and
the share of them that was right, and the mean confidence against the share right — the check
the design in ``custodes.extract.confidence`` was chosen by.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate  # noqa: E402

from custodes.extract import confidence  # noqa: E402
from custodes.extract.dates import PartialDate  # noqa: E402
from custodes.extract.pipeline import extract_many  # noqa: E402
from custodes.ingest.read import read_document  # noqa: E402

OUT = evaluate.ROOT / "src" / "custodes" / "data" / "confidence.yaml"


def source(set_name: str) -> str:
    """``"real"`` for a set of real documents, ``"written"`` for the bundled report and the
    texts written for the tests."""
    return "real" if set_name.startswith("real texts") else "written"


def group(set_name: str) -> str:
    """The group ``scripts/evaluate.py`` reports a set in ("real English", "own Russian", …)."""
    if set_name.startswith("real texts"):
        return "real Russian" if set_name.endswith(", ru)") else "real English"
    if set_name.startswith("own texts"):
        ru = "(ru" in set_name or re.search(r"-ru\d*\)$", set_name) is not None
        return "own Russian" if ru else "own English"
    return set_name


def events() -> tuple[list[tuple[str, list[str], bool]], Counter[str]]:
    """Every event extracted from a development set: (set name, its cells, right?); and the
    number of documents per source."""
    out: list[tuple[str, list[str], bool]] = []
    docs: Counter[str] = Counter()
    for name, items in evaluate.sets().items():
        if "heldout" in name:
            continue
        for txt, gold_path, pub in items:
            doc = read_document(txt, PartialDate.parse(pub) if pub else None)
            (res,) = extract_many([(doc.text, doc.published)])
            free = evaluate._load(gold_path)
            docs[source(name)] += 1
            for e in res.events:
                j = evaluate.as_scored(e.to_json(doc=txt.name))
                g = next((g for g in free if evaluate.matches(j, g)), None)
                if g is not None:
                    free.remove(g)
                out.append((name, confidence.keys(e), g is not None))
    return out, docs


def counts(evs: list[tuple[str, list[str], bool]]) -> dict[str, dict[str, list[int]]]:
    """Per source, cell → [events right, events extracted]."""
    right: dict[str, Counter[str]] = {s: Counter() for s in confidence.SOURCES}
    total: dict[str, Counter[str]] = {s: Counter() for s in confidence.SOURCES}
    for name, cells, ok in evs:
        s = source(name)
        for k in cells:
            total[s][k] += 1
            right[s][k] += ok
    return {s: {k: [right[s][k], total[s][k]] for k in sorted(total[s])} for s in total}


def _tuples(cells: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    return {k: (r, n) for k, (r, n) in cells.items()}


def leave_set_out(evs: list[tuple[str, list[str], bool]]) -> None:
    per: dict[str, list[tuple[float | None, bool]]] = {}
    for held in dict.fromkeys(name for name, _, _ in evs):
        c = counts([x for x in evs if x[0] != held])
        real, written = _tuples(c["real"]), _tuples(c["written"])
        per.setdefault(group(held), []).extend(
            (confidence.lookup(cells, real, written), ok) for name, cells, ok in evs if name == held
        )
    for g, scored in per.items():
        sure = [ok for conf, ok in scored if conf is not None and round(conf, 2) >= 0.9]
        measured = [(conf, ok) for conf, ok in scored if conf is not None]
        mean = sum(conf for conf, _ in measured) / len(measured) if measured else 0.0
        share = sum(ok for _, ok in measured) / len(measured) if measured else 0.0
        print(
            f"{g:24s} events={len(scored):4d}  confidence >= 0.9: {len(sure)} events, "
            f"{sum(sure) / len(sure) if sure else float('nan'):.3f} right; mean confidence "
            f"{mean:.3f} vs {share:.3f} right; unmeasured {len(scored) - len(measured)}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--leave-set-out",
        action="store_true",
        help="calibrate on all development sets but one, score that one; write nothing",
    )
    args = ap.parse_args(argv)
    evs, docs = events()
    if args.leave_set_out:
        leave_set_out(evs)
        return 0
    c = counts(evs)
    header = (
        "# Generated by scripts/calibrate.py from the development sets (never the held-out ones):\n"
        "# feature cell -> [events right, events extracted], real documents (folders real-*) and\n"
        "# written texts counted apart. Do not edit by hand.\n"
    )
    body = {"documents": dict(docs), **c}
    OUT.write_text(
        header + yaml.safe_dump(body, allow_unicode=True, default_flow_style=None), "utf-8"
    )
    print(
        f"{OUT.relative_to(evaluate.ROOT)}: {len(c['real'])} real and {len(c['written'])} "
        f"written cells from {docs['real']} real and {docs['written']} written documents"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
