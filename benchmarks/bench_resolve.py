"""Person-name resolution: pairwise precision and recall on generated name variants, and the
time to cluster 100,000 mentions on one core.

    python benchmarks/bench_resolve.py                 # 2,400 variants, then 100,000 mentions
    python benchmarks/bench_resolve.py --mentions 20000

Variants of each invented person (Kazakh, Russian, Uzbek, Kyrgyz naming): the Cyrillic full name
surname-first with patronymic; the Kazakh spelling with its own letters; Latin spellings by
three transliteration habits (English press "zh/kh/ye", German "sch/tsch/j", Kazakh Latin
"ä/ğ/q/ş"); given-name-first order; an initial; a one-letter typo; a doubled consonant. Negatives
are look-alikes: the same surname with another given name, or another patronymic.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from custodes.resolve import cluster, same_person  # noqa: E402

GIVEN = [
    "Карим",
    "Ермек",
    "Самат",
    "Мурат",
    "Анвар",
    "Даулет",
    "Марат",
    "Нурлан",
    "Асхат",
    "Серик",
    "Бахыт",
    "Ерлан",
    "Канат",
    "Тимур",
    "Рустам",
    "Азамат",
    "Жанат",
    "Арман",
    "Олег",
    "Сергей",
    "Андрей",
    "Дмитрий",
    "Игорь",
    "Павел",
    "Алишер",
    "Бекзод",
    "Улугбек",
]
SURNAME = [
    "Масимов",
    "Сагимбаев",
    "Абишев",
    "Нуртлеу",
    "Садыкулов",
    "Осипов",
    "Ергожин",
    "Кунанбаев",
    "Билисбеков",
    "Баянов",
    "Дилманов",
    "Колкобаев",
    "Амерханов",
    "Кошанов",
    "Жумабеков",
    "Тулегенов",
    "Оспанов",
    "Ахметов",
    "Кожахметов",
    "Сапаров",
    "Рахимов",
    "Юлдашев",
    "Назаров",
    "Каримов",
    "Мамбетов",
    "Токтосунов",
    "Исмаилов",
    "Жакупов",
    "Шевчук",
    "Зайцев",
    "Рыбаков",
    "Мельников",
    "Сыдыков",
    "Омаров",
    "Алтаев",
    "Ибраев",
]
FATHER = [
    "Кажимкан",
    "Алпыс",
    "Болат",
    "Серикбай",
    "Ербол",
    "Нурлан",
    "Тимур",
    "Мухтар",
    "Андрей",
    "Сергей",
    "Петр",
    "Николай",
    "Шухрат",
    "Бауыржан",
    "Кайрат",
    "Жаксылык",
]

KAZAKH = {"а": "ә", "г": "ғ", "к": "қ", "н": "ң", "о": "ө", "у": "ұ", "и": "і"}
BASE = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
SYSTEMS = {
    "english": {},
    "german": {
        "ж": "sch",
        "х": "ch",
        "ч": "tsch",
        "ш": "sch",
        "й": "j",
        "ю": "ju",
        "я": "ja",
        "в": "w",
        "ц": "z",
        "з": "s",
    },
    "kazakh_latin": {
        "ж": "j",
        "х": "h",
        "ч": "ch",
        "ш": "ş",
        "й": "i",
        "ы": "y",
        "ә": "ä",
        "ғ": "ğ",
        "қ": "q",
        "ң": "ñ",
        "ө": "ö",
        "ұ": "ū",
        "і": "ı",
    },
}


def translit(text: str, system: str, rng: random.Random) -> str:
    table = {**BASE, **SYSTEMS[system]}
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        t = table.get(low, low)
        if system == "english" and low == "е" and (i == 0 or text[i - 1] in " -аеиоуыэюя"):
            t = "ye"  # Yergozhin
        if system == "english" and low == "ев" and rng.random() < 0.5:
            t = "yev"
        out.append(t.capitalize() if ch.isupper() else t)
    return "".join(out)


def patronymic(father: str) -> str:
    return father + ("ович" if father[-1] not in "йь" else "евич")


def typo(name: str, rng: random.Random) -> str:
    words = name.split()
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[k]
    i = rng.randrange(1, len(w) - 1)
    words[k] = w[:i] + w[i + 1 :] if rng.random() < 0.5 else w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return " ".join(words)


def variants(given: str, surname: str, father: str, rng: random.Random) -> list[str]:
    patr = patronymic(father)
    full = f"{surname} {given} {patr}"
    out = [full, f"{given} {surname}"]
    kaz = "".join(KAZAKH.get(c, c) if rng.random() < 0.3 else c for c in surname)
    out.append(f"{kaz} {given}")
    for system in SYSTEMS:
        lat = translit(f"{given} {surname}", system, rng)
        out.append(lat)
    out.append(translit(f"{surname} {given}", "english", rng))  # order
    eng = translit(f"{given} {surname}", "english", rng)
    out.append(f"{eng[0]}. {eng.split()[-1]}")  # an initial
    out.append(typo(eng, rng))
    out.append(eng.replace("s", "ss", 1) if "s" in eng else eng + "")
    return out


def corpus(n_people: int, seed: int) -> tuple[list[str], list[int]]:
    rng = random.Random(seed)
    names: list[str] = []
    truth: list[int] = []
    seen: set[tuple[str, str, str]] = set()
    pairs_seen: set[tuple[str, str]] = set()
    while len(seen) < n_people:
        who = (rng.choice(GIVEN), rng.choice(SURNAME), rng.choice(FATHER))
        # two people who differ only by patronymic cannot be told apart in a mention without
        # it: such look-alikes are measured apart (patronymic_negatives)
        if who in seen or who[:2] in pairs_seen:
            continue
        seen.add(who)
        pairs_seen.add(who[:2])
        for v in variants(*who, rng):
            names.append(v)
            truth.append(len(seen) - 1)
    return names, truth


def pairwise(pred: list[int], truth: list[int]) -> tuple[float, float, int, int, int]:
    def pairs(c: Counter[object]) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())

    tp = pairs(Counter(zip(pred, truth, strict=True)))
    pred_pairs = pairs(Counter(pred))
    true_pairs = pairs(Counter(truth))
    return (
        tp / pred_pairs if pred_pairs else 1.0,
        tp / true_pairs if true_pairs else 1.0,
        tp,
        pred_pairs,
        true_pairs,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=240, help="identities (10 variants each)")
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    names, truth = corpus(args.people, args.seed)
    results = {"variants": len(names), "identities": args.people, "thresholds": {}}
    for threshold in (80.0, 85.0, 90.0):
        p, r, tp, pp, tpairs = pairwise(cluster(names, threshold), truth)
        results["thresholds"][threshold] = {"precision": round(p, 4), "recall": round(r, 4)}
        print(
            f"threshold {threshold:.0f}: {len(names)} variants of {args.people} people, "
            f"pairwise precision {p:.3f}, recall {r:.3f} ({tp} of {pp} predicted pairs, "
            f"{tpairs} true pairs)"
        )
    # look-alikes that differ only by patronymic, both given in full
    rng = random.Random(args.seed)
    merged = 0
    trials = 500
    for _ in range(trials):
        g, sname = rng.choice(GIVEN), rng.choice(SURNAME)
        f1, f2 = rng.sample(FATHER, 2)
        merged += same_person(f"{sname} {g} {patronymic(f1)}", f"{sname} {g} {patronymic(f2)}")
    results["patronymic_negatives"] = {"pairs": trials, "merged": merged}
    print(f"{trials} pairs differing only by patronymic: {merged} wrongly merged")
    # mentions as a corpus gives them: people drawn again and again, ten spellings each
    rng = random.Random(args.seed + 1)
    big: list[str] = []
    while len(big) < args.mentions:
        who = (rng.choice(GIVEN), rng.choice(SURNAME), rng.choice(FATHER))
        big += variants(*who, rng)
    big = big[: args.mentions]
    t = time.perf_counter()
    clusters = cluster(big)
    secs = time.perf_counter() - t
    results["mentions"] = {"n": len(big), "seconds": round(secs, 2), "clusters": max(clusters) + 1}
    print(
        f"{len(big):,} mentions clustered in {secs:.1f} s on one core "
        f"({max(clusters) + 1:,} clusters)"
    )
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "resolve.json").write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
