"""Measure extraction against hand-annotated gold events.

    python scripts/evaluate.py                 # every set: the bundled report, tests/data/texts/*
    python scripts/evaluate.py --details       # also list misses and false alarms
    python scripts/evaluate.py --json out.json
    python scripts/evaluate.py --parse-all     # the same, parsing every sentence
    python scripts/evaluate.py --dev-only --only real-en   # development sets only, by name
    python scripts/evaluate.py --breakdown     # where the errors are, as counts (safe on held-out)

Sets: the bundled report; every folder under tests/data/texts/ (development sets, whose
failures were studied to improve the rules, and held-out sets whose names start with
"heldout", written by people who never read the rules and never studied by their author).

Matching (tests/data/README.md): same type, same person (same surname after normalisation, or a
fuzzy match), same date and precision (or both null). Position and organisation accuracy are
reported over matched events. Runs through `custodes extract`'s own code path.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract_many
from custodes.ingest.read import read_document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


_SUFFIX = re.compile(r",?\s+(?:jr|sr|ii|iii|iv)\.?$")


def same_person(a: str, b: str) -> bool:
    a, b = _fold(a), _fold(b)
    a, b = _SUFFIX.sub("", a).strip(" ,"), _SUFFIX.sub("", b).strip(" ,")
    # initials are not the surname: "Абрамович Р.А." is Абрамович
    a = " ".join(w for w in re.split(r"[\s.]+", a) if len(w) > 1) or a
    b = " ".join(w for w in re.split(r"[\s.]+", b) if len(w) > 1) or b
    if a == b or a.split()[-1] == b.split()[-1] or a.split()[0] == b.split()[0] == a.split()[-1]:
        return True
    return fuzz.token_set_ratio(a, b) >= 90


def matches(pred: dict, gold: dict) -> bool:
    return (
        pred["type"] == gold["type"]
        and same_person(pred["person"], gold["person"])
        and pred["date"] == gold["date"]
    )


def _post_ok(pred: dict, gold: dict) -> bool:
    if gold["position"] is None:
        return pred["position"] is None
    if pred["position"] is None:
        return False
    return fuzz.token_set_ratio(_fold(pred["position"]), _fold(gold["position"])) >= 80


def _org_ok(pred: dict, gold: dict) -> bool:
    if gold["organization"] is None:
        return True
    if pred["organization"] is None:
        return False
    return fuzz.token_set_ratio(_fold(pred["organization"]), _fold(gold["organization"])) >= 70


def score(pairs: list[tuple[list[dict], list[dict]]]) -> dict:
    tp = fp = fn = pos_ok = org_ok = sure = sure_ok = 0
    misses, alarms = [], []
    for preds, golds in pairs:
        free = list(golds)
        for p in preds:
            g = next((g for g in free if matches(p, g)), None)
            if p["confidence"] >= 0.9:
                sure += 1
                sure_ok += g is not None
            if g is None:
                fp += 1
                alarms.append(p)
                continue
            free.remove(g)
            tp += 1
            pos_ok += _post_ok(p, g)
            org_ok += _org_ok(p, g)
        fn += len(free)
        misses += free
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(prec, 3),
        "recall": round(rec, 3),
        "f1": round(f1, 3),
        "position_acc": round(pos_ok / tp, 3) if tp else None,
        "organization_acc": round(org_ok / tp, 3) if tp else None,
        # calibration: how many events were given >= 0.9, and the share of them that is right
        "confident": sure,
        "confident_right": round(sure_ok / sure, 3) if sure else None,
        "misses": misses,
        "false_alarms": alarms,
    }


def breakdown(pairs: list[tuple[list[dict], list[dict]]]) -> dict[str, int]:
    """Sort the errors into kinds, as counts only, so that held-out text can say where it
    fails without anyone reading it. A missed gold event is "date" when an unmatched extracted
    event has its type and person (split by which side has no date), "type" when one has its
    person and date, "person elsewhere" when its person has other extracted events, and
    "person absent" when the extractor never names that person. A false alarm is "not a gold
    person" when its person has no gold event in the text at all."""
    out: dict[str, int] = {}

    def bump(key: str) -> None:
        out[key] = out.get(key, 0) + 1

    for preds, golds in pairs:
        free, spare = list(golds), []
        for p in preds:
            g = next((g for g in free if matches(p, g)), None)
            if g is None:
                spare.append(p)
            else:
                free.remove(g)
        for g in free:
            same = [p for p in spare if same_person(p["person"], g["person"])]
            hit = next((p for p in same if p["type"] == g["type"]), None)
            if hit is not None:
                if hit["date"] is None:
                    bump("miss: date, extracted undated")
                elif g["date"] is None:
                    bump("miss: date, gold undated")
                else:
                    bump("miss: date, both dated")
                spare.remove(hit)
            elif (hit := next((p for p in same if p["date"] == g["date"]), None)) is not None:
                bump(f"miss: type ({hit['type']} for {g['type']})")
                spare.remove(hit)
            elif same:
                bump("miss: person elsewhere")
            else:
                bump("miss: person absent")
        for p in spare:
            if any(same_person(p["person"], g["person"]) for g in golds):
                bump("false: extra event of a gold person")
            else:
                bump("false: not a gold person")
    return dict(sorted(out.items()))


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


PARSE_ALL = False


def _run(path: Path, published: str | None) -> list[dict]:
    doc = read_document(path, PartialDate.parse(published) if published else None)
    (res,) = extract_many([(doc.text, doc.published)], select=not PARSE_ALL)
    return [as_scored(e.to_json(doc=path.name)) for e in res.events]


def as_scored(j: dict) -> dict:
    """An extracted event as the gold reads it: "not later than the publication date" is the
    extractor saying the text gives no date — the gold's null."""
    if j.get("date_bound"):
        j = {**j, "date": None, "date_precision": None}
    return j


def sets() -> dict[str, list[tuple[Path, Path, str | None]]]:
    out: dict[str, list[tuple[Path, Path, str | None]]] = {
        "bundled report": [
            (
                ROOT / "examples" / "kz-nsc-2022-ciss-report.txt",
                DATA / "gold" / "kz-nsc-2022-ciss-report.gold.jsonl",
                None,
            )
        ]
    }
    for lang_dir in sorted((DATA / "texts").glob("*")):
        items = []
        for txt in sorted(lang_dir.glob("*.txt")):
            if not (
                txt.with_suffix(".meta.json").exists()
                and txt.with_name(txt.stem + ".gold.jsonl").exists()
            ):
                print(f"skipped {txt}: no .meta.json or .gold.jsonl beside it", file=sys.stderr)
                continue
            meta = json.loads(txt.with_suffix(".meta.json").read_text("utf-8"))
            gold = txt.with_name(txt.stem + ".gold.jsonl")
            if lang_dir.name.startswith(("real-", "heldout-real-")):
                # real texts are grouped by their own language, not their folder's name
                lang = "ru" if meta.get("lang") == "ru" else "en"
                out.setdefault(f"real texts ({lang_dir.name}, {lang})", []).append(
                    (txt, gold, meta.get("published"))
                )
                continue
            items.append((txt, gold, meta.get("published")))
        if items:
            out[f"own texts ({lang_dir.name})"] = items
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--parse-all",
        action="store_true",
        help="parse every sentence, not only those that can hold an event (the F1 to compare)",
    )
    ap.add_argument(
        "--dev-only",
        action="store_true",
        help="skip the held-out sets: they are not even read (for whoever studies the failures)",
    )
    ap.add_argument("--only", help="only the sets whose folder name contains this")
    ap.add_argument(
        "--breakdown", action="store_true", help="count the errors of each group by kind"
    )
    args = ap.parse_args()
    global PARSE_ALL
    PARSE_ALL = args.parse_all
    report = {}
    groups: dict[str, list[tuple[list[dict], list[dict]]]] = {
        "development": [],
        "held-out": [],
        "Russian development": [],
        "Russian held-out": [],
        "real English development": [],
        "real English held-out": [],
        "real Russian development": [],
        "real Russian held-out": [],
    }
    for name, items in sets().items():
        if args.dev_only and "heldout" in name:
            continue
        if args.only and args.only not in name:
            continue
        pairs = [(_run(txt, pub), _load(gold)) for txt, gold, pub in items]
        if name.startswith("real texts"):
            kind = "held-out" if "heldout" in name else "development"
            lang = "Russian" if name.endswith(", ru)") else "English"
            groups[f"real {lang} {kind}"] += pairs
        elif name.startswith("own texts"):
            russian = "(ru" in name or re.search(r"-ru\d*\)$", name) is not None
            kind = "held-out" if "heldout" in name else "development"
            groups[f"Russian {kind}" if russian else kind] += pairs
        res = score(pairs)
        report[name] = {k: v for k, v in res.items() if k not in {"misses", "false_alarms"}}
        report[name]["documents"] = len(items)
        print(
            f"{name:24s} docs={len(items):3d} P={res['precision']:.3f} R={res['recall']:.3f} "
            f"F1={res['f1']:.3f}  (tp={res['tp']} fp={res['fp']} fn={res['fn']}; "
            f"position acc={res['position_acc']}, organization acc={res['organization_acc']})"
        )
        if args.details:
            for m in res["misses"]:
                print("   MISS ", m["type"], m["person"], m["date"], m["position"])
            for a in res["false_alarms"]:
                print(
                    "   FALSE",
                    a["type"],
                    a["person"],
                    a["date"],
                    a["position"],
                    "|",
                    a["doc"],
                    "|",
                    a["quote"][:90],
                )
    for group, pairs in groups.items():
        if pairs:
            res = score(pairs)
            name = f"all {group} texts" if group.startswith("real") else f"all own {group} texts"
            report[name] = {k: v for k, v in res.items() if k not in {"misses", "false_alarms"}}
            print(
                f"{name:24s} docs={len(pairs):3d} P={res['precision']:.3f} "
                f"R={res['recall']:.3f} F1={res['f1']:.3f}  (tp={res['tp']} fp={res['fp']} "
                f"fn={res['fn']}; confidence >= 0.9: {res['confident']} events, "
                f"{res['confident_right']} right)"
            )
            if args.breakdown:
                for kind, n in breakdown(pairs).items():
                    print(f"    {kind:40s} {n:4d}")
                report[name]["breakdown"] = breakdown(pairs)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
