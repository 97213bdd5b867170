"""Would a learned component beat the rules? Three trials on the real development texts.

    python scripts/learned_trials.py            # all three trials
    python scripts/learned_trials.py filter     # or: dater, detector

Each trial trains scikit-learn's logistic regression on features that name no text, person or
sentence (the rule that fired, where a date stands, the dependency path between a trigger and
a name …) and is scored by five-fold cross-validation grouped by document: a document's events
are never scored by a model that saw that document. Only development sets are read, never the
held-out ones. The labels come from the gold (``scripts/evaluate.py``'s matching).

1. ``filter``: a re-scorer of the events the rules give — drop those it scores below a
   threshold. Precision can only rise if it tells right events from wrong ones.
2. ``dater``: a ranker of the dates an event could take — none, the publication date, each
   date written within 600 characters before the event's sentence or 300 after it — against the
   rules' choice (a feature of its own, so the ranker starts from the rules).
3. ``detector`` (English): every (sentence, PERSON entity, trigger word) the rules did not
   turn into an event, scored as an event of the trigger's type: the recall the rules leave.

The numbers of 2026-12-07 are in the README ("Learned components, tried"); none beat the rules,
and the README says why.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate  # noqa: E402

from custodes.extract.dates import DateContext, PartialDate, find_dates  # noqa: E402
from custodes.extract.pipeline import extract_many  # noqa: E402
from custodes.ingest.read import read_document  # noqa: E402

FOLDS = 5
_SENTENCE_END = re.compile(r"[.!?]\s")
Feats = dict[str, float]


def documents() -> list[dict]:
    """Every real development document: its text, gold, and the rules' events with their
    scored form and whether each matched the gold."""
    out = []
    for name, items in evaluate.sets().items():
        if "heldout" in name or not name.startswith("real texts"):
            continue
        lang = "ru" if name.endswith(", ru)") else "en"
        for txt, gold_path, pub in items:
            doc = read_document(txt, PartialDate.parse(pub) if pub else None)
            (res,) = extract_many([(doc.text, doc.published)])
            golds = evaluate._load(gold_path)
            free = list(golds)
            events = []
            for e in res.events:
                j = evaluate.as_scored(e.to_json(doc=txt.name))
                g = next((g for g in free if evaluate.matches(j, g)), None)
                if g is not None:
                    free.remove(g)
                events.append((e, j, g is not None))
            out.append(
                {"lang": lang, "text": doc.text, "published": pub, "gold": golds, "events": events}
            )
    return out


def cross_validated(feats: list[Feats], labels: list[bool], groups: list[int]) -> np.ndarray:
    """Each row's score from a model that never saw its document."""
    x = DictVectorizer().fit_transform(feats)
    y, g = np.array(labels), np.array(groups)
    out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(x, y, g):
        model = LogisticRegression(max_iter=3000).fit(x[train], y[train])
        out[test] = model.predict_proba(x[test])[:, 1]
    return out


def _bucket(n: float, edges: tuple[float, ...]) -> str:
    return next((str(e) for e in edges if n <= e), "more")


_CUES = {
    "negation": r"\b(?:not|never|denied|не|опроверг\w*)\b",
    "modal": r"\b(?:will|would|may|might|could|expected|reportedly|будет|может|возможно)\b",
    "background": r"\b(?:previously|formerly|former|earlier|ранее|бывш\w*)\b",
    "speech": r"\b(?:said|says|told|announced|according|заявил\w*|сообщил\w*)\b",
}


def event_features(e, doc: dict, per_person: Counter) -> Feats:
    """What a reader of the event could weigh without knowing the text: the rule, the type,
    the post and organisation found, the date's source and precision, the name's shape, the
    quote's cues, the document's size and number of events."""
    lang = doc["lang"]
    rule = e.extractor.split(" date=")[0].rsplit(" ", 1)[-1]
    f = {
        f"{lang}|type={e.type}": 1.0,
        f"{lang}|rule={rule}": 1.0,
        f"{lang}|{e.type}|post={bool(e.posts)}": 1.0,
        f"org={bool(e.organization)}": 1.0,
        f"{lang}|dated_by={e.dated_by}": 1.0,
        f"precision={e.date.precision if e.date else None}": 1.0,
        f"bound={e.date.bound_kind if e.date else None}": 1.0,
        f"name_words={min(len(e.person.split()), 4)}": 1.0,
        f"mentions={min(e.mentions, 3)}": 1.0,
        f"quote_length={min(len(e.quote) // 100, 4)}": 1.0,
        f"doc_events={min(int(math.log2(len(doc['events']) + 1)), 5)}": 1.0,
        f"doc_length={min(int(math.log2(len(doc['text']) // 500 + 1)), 6)}": 1.0,
        f"published={bool(doc['published'])}": 1.0,
        f"person_events={min(per_person[e.person], 4)}": 1.0,
    }
    for cue, pattern in _CUES.items():
        if re.search(pattern, e.quote, re.IGNORECASE):
            f[f"cue={cue}"] = 1.0
    if e.date and doc["published"]:
        years = int(doc["published"][:4]) - e.date.year
        f[f"age={_bucket(years, (-1, 0, 1, 5))}"] = 1.0
    return f


def trial_filter(docs: list[dict]) -> None:
    feats, labels, groups, langs = [], [], [], []
    for i, d in enumerate(docs):
        per_person = Counter(e.person for e, _, _ in d["events"])
        for e, _, ok in d["events"]:
            feats.append(event_features(e, d, per_person))
            labels.append(ok)
            groups.append(i)
            langs.append(d["lang"])
    score = cross_validated(feats, labels, groups)
    y = np.array(labels)
    print("filter: F1 when the events scored below t are dropped (t = 0: the rules alone)")
    for lang in ("en", "ru"):
        idx = [k for k, x in enumerate(langs) if x == lang]
        gold = sum(len(d["gold"]) for d in docs if d["lang"] == lang)
        cells = []
        for t in (0.0, 0.2, 0.3, 0.4, 0.5):
            keep = score[idx] >= t
            tp, fp = int((y[idx] & keep).sum()), int((~y[idx] & keep).sum())
            p, r = tp / max(tp + fp, 1), tp / max(gold, 1)
            cells.append(f"t={t}: P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")
        sure = score[idx] >= 0.9
        right = y[idx][sure].mean() if sure.any() else float("nan")
        cells.append(f"scored >= 0.9: {sure.sum()}, {right:.3f} right")
        print(f"  {lang}: " + "; ".join(cells))


def _date_candidates(e, doc: dict, dates: list) -> list[tuple[str | None, Feats]]:
    """The dates the event could take, each with where it stands relative to the event."""
    text, pub = doc["text"], doc["published"]
    current = e.date.iso if e.date and not e.date.bound_kind else None
    found: dict[str | None, Feats] = {None: {"kind=none": 1.0}}
    if pub:
        found.setdefault(pub, {})["kind=published"] = 1.0
    for m, d in dates:
        if d is None or not e.start - 600 <= m.start <= e.end + 300:
            continue
        f: Feats = {}
        if e.start <= m.start < e.end:
            where = "in"
            f[f"offset={_bucket(m.start - e.start, (20, 60, 150, 400))}"] = 1.0
            others = sum(1 for mm, dd in dates if dd and e.start <= mm.start < e.end)
            f[f"dates_in_quote={_bucket(others, (1, 2, 3))}"] = 1.0
        elif m.start < e.start:
            where = "before"
            between = text[m.end : e.start]
            f[f"before={_bucket(e.start - m.end, (30, 100, 300, 600))}"] = 1.0
            told = len(_SENTENCE_END.findall(between))
            f[f"sentences_between={_bucket(told, (0, 1, 2, 4))}"] = 1.0
            f[f"lines_between={_bucket(between.count(chr(10)), (0, 1, 3))}"] = 1.0
        else:
            where = "after"
            f[f"after={_bucket(m.start - e.end, (30, 100, 300))}"] = 1.0
        f[f"{where}|precision={d.precision}"] = 1.0
        before = text[max(0, m.start - 12) : m.start].lower()
        for word in ("in", "on", "since", "from", "until", "born", "(", "с", "в", "до", "по"):
            if re.search(rf"(?:^|\s|\(){re.escape(word)}\s*$", before):
                f[f"word_before={word}"] = 1.0
        if re.match(r"\s*(?:[–—-]\s*\d|to\s|until\s|по\s|до\s)", text[m.end : m.end + 8]):
            f["starts_a_span"] = 1.0
        if pub:
            f[f"age={_bucket(int(pub[:4]) - d.year, (-1, 0, 1, 5))}"] = 1.0
        found.setdefault(d.iso, {}).update({**f, f"where={where}": 1.0})
    out = []
    for value, f in found.items():
        kind = next((k for k in f if k.startswith(("kind=", "where="))), "?")
        f = {
            **f,
            f"rules={'dated' if current else 'none'}|{kind}": 1.0,
            f"dated_by={e.dated_by}|{kind}": 1.0,
            f"type={e.type}|{kind}": 1.0,
        }
        if value == current:
            f["the_rules_choice"] = 1.0
        out.append((value, f))
    return out


def trial_dater(docs: list[dict]) -> None:
    feats, labels, groups, owner, events = [], [], [], [], []
    for i, d in enumerate(docs):
        ctx = DateContext(published=PartialDate.parse(d["published"]) if d["published"] else None)
        dates = [(m, ctx.resolve(m)) for m in find_dates(d["text"])]
        for e, j, _ in d["events"]:
            same = [
                g
                for g in d["gold"]
                if g["type"] == j["type"] and evaluate.same_person(j["person"], g["person"])
            ]
            exact = [g for g in same if g["date"] == j["date"]]
            if not same or (len(same) > 1 and not exact):
                continue  # no gold event, or several and none the rules' (which one is it?)
            gold_date = (exact or same)[0]["date"]
            cands = _date_candidates(e, d, dates)
            events.append((d["lang"], j["date"], gold_date, [v for v, _ in cands]))
            for value, f in cands:
                feats.append(f)
                labels.append(value == gold_date)
                groups.append(i)
                owner.append(len(events) - 1)
    score = cross_validated(feats, labels, groups)
    own = np.array(owner)
    tally: Counter = Counter()
    for k, (lang, rules, gold, values) in enumerate(events):
        pick = values[int(np.argmax(score[own == k]))]
        tally[lang, "events"] += 1
        tally[lang, "rules right"] += rules == gold
        tally[lang, "ranker right"] += pick == gold
        tally[lang, "within reach"] += gold in values
    print("dater: events whose gold date the rules / the ranker give")
    for lang in ("en", "ru"):
        print(
            f"  {lang}: {tally[lang, 'events']} events; rules {tally[lang, 'rules right']}, "
            f"ranker {tally[lang, 'ranker right']}; the gold date among the candidates: "
            f"{tally[lang, 'within reach']}"
        )


def trial_detector(docs: list[dict]) -> None:
    from custodes.extract.parsers import load_nlp
    from custodes.extract.segment import paragraphs, sentences
    from custodes.extract.select import TRIGGER_RE
    from custodes.extract.vocabulary import load

    vocab = load("en")
    lexicon = {**vocab.verb_triggers, **vocab.noun_triggers}
    nlp = load_nlp()
    feats, labels, groups, cands = [], [], [], []
    english = [d for d in docs if d["lang"] == "en"]
    for i, d in enumerate(english):
        found = [(j["type"], j["person"]) for _, j, _ in d["events"]]
        sents = [s for p in paragraphs(d["text"]) for s in sentences(p)]
        sents = [s for s in sents if TRIGGER_RE.search(s.text) and len(s.text) < 1500]
        for sdoc in nlp.pipe([s.text for s in sents], batch_size=64):
            people = [e for e in sdoc.ents if e.label_ == "PERSON" and len(e.text) > 2]
            for ent in people:
                for t in sdoc:
                    etype = lexicon.get(t.lemma_.lower()) or lexicon.get(t.lower_)
                    if etype is None:
                        continue
                    name = ent.text.strip()
                    if any(ft == etype and evaluate.same_person(fp, name) for ft, fp in found):
                        continue  # the rules found it: only what they leave is scored
                    head = ent.root
                    up = [head, *head.ancestors]
                    down = [t, *t.ancestors]
                    common = next((a for a in up if a in down), None)
                    f = {
                        f"type={etype}": 1.0,
                        f"trigger={t.lemma_.lower()}": 1.0,
                        f"{etype}|tag={t.tag_}": 1.0,
                        f"distance={_bucket(abs(t.i - head.i), (1, 3, 6, 12))}": 1.0,
                        f"side={'after' if head.i > t.i else 'before'}": 1.0,
                        f"people_in_sentence={min(len(people), 4)}": 1.0,
                        f"name_words={min(len(ent), 4)}": 1.0,
                    }
                    if common is not None:
                        a, b = up[: up.index(common)], down[: down.index(common)]
                        f[f"path={'^'.join(x.dep_ for x in a)}|{'v'.join(x.dep_ for x in b)}"] = 1
                        f[f"path_length={min(len(a) + len(b), 5)}"] = 1.0
                    if any(c.dep_ == "neg" for c in t.children):
                        f["negated"] = 1.0
                    right = any(
                        g["type"] == etype and evaluate.same_person(name, g["person"])
                        for g in d["gold"]
                    )
                    feats.append(f)
                    labels.append(right)
                    groups.append(i)
                    cands.append((i, etype, name))
    score = cross_validated(feats, labels, groups)
    print(
        f"detector (English): {len(cands)} (sentence, name, trigger) candidates the rules "
        f"left, {sum(labels)} of them of a gold event's type and person"
    )
    for t in (0.3, 0.5, 0.7):
        added: dict[int, list[tuple[str, str]]] = {}
        for (i, etype, name), s in zip(cands, score, strict=True):
            have = added.setdefault(i, [])
            if s >= t and not any(a == etype and evaluate.same_person(b, name) for a, b in have):
                have.append((etype, name))
        right = wrong = 0
        for i, have in added.items():
            free = list(english[i]["gold"])
            for etype, name in have:
                g = next((g for g in free if _same(g, etype, name)), None)
                if g is None:
                    wrong += 1
                else:
                    free.remove(g)
                    right += 1
        print(f"  t={t}: events added {right + wrong}, of a gold event (dates ignored) {right}")


def _same(gold: dict, etype: str, name: str) -> bool:
    return gold["type"] == etype and evaluate.same_person(name, gold["person"])


TRIALS = {"filter": trial_filter, "dater": trial_dater, "detector": trial_detector}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trials", nargs="*", help=f"some of {', '.join(TRIALS)} (default: all)")
    args = ap.parse_args(argv)
    unknown = [t for t in args.trials if t not in TRIALS]
    if unknown:
        ap.error(f"unknown trial {unknown[0]!r}: choose from {', '.join(TRIALS)}")
    docs = documents()
    for name in args.trials or TRIALS:
        TRIALS[name](docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
