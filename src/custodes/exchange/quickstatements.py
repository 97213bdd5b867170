"""Wikidata QuickStatements (V1, tab-separated) for editors who want to give back: one P39
(position held) claim per tenure, with P580 (start time) and P582 (end time) qualifiers at
their precision and a reference per claim: P854 (reference URL) when the document is a web
page, else P1683 (quote) with the sentence it rests on.

custodes does not know Wikidata's items, so the editor says which they are in a small YAML
file (``--qids``)::

    people:                       # any spelling of the person
      Karim Massimov: Q1395532
    posts:                        # a post as "Title (Organisation)" or its post key
      Chairman (National Security Committee): Q4385016

Tenures whose person or post has no item are left out (and counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from custodes import yamldata
from custodes.exchange.tables import Record
from custodes.extract.dates import PartialDate
from custodes.store.keys import person_key

PRECISION = {"day": 11, "month": 10, "year": 9}


class QidsError(ValueError):
    """A --qids file that cannot be read, in one line."""


@dataclass(frozen=True)
class Written:
    claims: int
    skipped: int


def read_qids(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(person key → QID, post key or label → QID) from a YAML file."""
    try:
        data: Any = yamldata.load(path.read_text("utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise QidsError(f"{path}: cannot read the Wikidata items ({e})".splitlines()[0]) from e
    if not isinstance(data, dict):
        raise QidsError(f"{path}: expected 'people:' and 'posts:' mappings")
    for section in ("people", "posts"):
        for name, qid in (data.get(section) or {}).items():
            if not (isinstance(qid, str) and qid[:1] == "Q" and qid[1:].isdigit()):
                raise QidsError(f"{path}: {section}: {name}: {qid!r} is not a Wikidata item (Q…)")
    people = {person_key(str(k)) or str(k): v for k, v in (data.get("people") or {}).items()}
    return people, {str(k): v for k, v in (data.get("posts") or {}).items()}


def _time(d: PartialDate) -> str:
    day = d.first_day()
    if d.precision == "year":
        return f"+{day.year:04d}-00-00T00:00:00Z/9"
    if d.precision == "month":
        return f"+{day.year:04d}-{day.month:02d}-00T00:00:00Z/10"
    return f"+{day.isoformat()}T00:00:00Z/11"


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()).replace('"', "'")[:1500] + '"'


def write(rec: Record, qids: Path, out: IO[str], view_docs: dict[str, str]) -> Written:
    """Write the claims; ``view_docs`` maps document ids to their paths (a URL or a file)."""
    people, posts = read_qids(qids)
    identity_names = {k: n for k, (n, _a) in rec.people.items()}
    by_id = {s.id: s for s in rec.statements}
    claims = skipped = 0
    for t in rec.tenures:
        who = people.get(t.person_key) or people.get(
            person_key(identity_names.get(t.person_key)) or ""
        )
        label = f"{t.label} ({rec.orgs.get(t.org_key or '', t.org or '')})"
        post = posts.get(t.post_key) or posts.get(label)
        if not who or not post:
            skipped += 1
            continue
        cells = [who, "P39", post]
        if t.start:
            cells += ["P580", _time(t.start)]
        if t.end and not t.end_inferred:
            cells += ["P582", _time(t.end)]
        src = next((by_id[i] for i in t.statement_ids if i in by_id), None)
        if src is not None:
            path = view_docs.get(src.doc_id, "")
            if path.startswith(("http://", "https://")):
                cells += ["S854", _quoted(path)]
            else:
                cells += ["S1683", "en:" + _quoted(src.quote)]
        out.write("\t".join(cells) + "\n")
        claims += 1
    return Written(claims, skipped)
