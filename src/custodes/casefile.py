"""Case files: institutional statements an analyst writes in YAML, each with its source and
quote (format: docs/casefile.md).

``load_casefile(path)`` validates the whole file and raises one ``CasefileError`` listing every
problem with its line ("kz.yaml:41: budget needs amount"); a quote that is not in its source's
text (when the source's file or text is at hand) is an error too, so a case file cannot cite
what its source does not say. The result becomes ``relations`` rows that cite the case file's
own span for each statement, exactly like extracted statements cite their document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from custodes.extract.dates import PartialDate
from custodes.institutions import TIES, TYPES, vocabulary
from custodes.store.keys import stable_id

CASEFILE_EXTRACTOR = "casefile"
_REQUIRED = {
    "part_of": ("object",),
    "subordinate_to": ("object",),
    "appoints_head": ("object",),
    "oversees": ("object",),
    "function": ("function",),
    "budget": ("amount", "year"),
    "rank": ("rank",),
    "personnel": ("count",),
    "tie": ("object", "tie"),
}
_KNOWN = {
    "type",
    "subject",
    "object",
    "function",
    "reach",
    "amount",
    "currency",
    "year",
    "rank",
    "list",
    "count",
    "tie",
    "detail",
    "mode",
    "independent",
    "de_facto",
    "from",
    "until",
    "source",
    "quote",
    "confidence",
    "note",
}


class CasefileError(ValueError):
    """A case file that cannot be used; the message names every bad line."""


class _LineLoader(yaml.SafeLoader):
    """Keeps each mapping's line and character span (``__line__``, ``__span__``)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    data = loader.construct_mapping(node, deep=True)
    data["__line__"] = node.start_mark.line + 1
    data["__span__"] = (node.start_mark.index, node.end_mark.index)
    return data


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# "on:" is a date key in scenarios, not YAML 1.1's boolean
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _ch in "tTfF":
    _LineLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), [_ch]
    )


def read_yaml(path: Path, text: str | None = None) -> Any:
    """YAML with line numbers kept; a syntax error becomes a CasefileError naming the line."""
    text = path.read_text("utf-8") if text is None else text
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise CasefileError(f"{where}: not valid YAML ({getattr(e, 'problem', e)})") from e


def iso(value: Any) -> str | None:
    """A case file's date (2017, "2016-09", 1994-04-18) as an ISO string, or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return PartialDate.parse(str(value)).iso


def _space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Casefile:
    path: Path
    text: str
    country: str | None
    sources: dict[str, dict[str, Any]]
    rows: list[dict[str, Any]] = field(default_factory=list)  # relations rows, doc_id unset
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (alias, body name)


def load_casefile(path: str | Path) -> Casefile:
    """Validate and read a case file; raises CasefileError listing every problem."""
    path = Path(path)
    text = path.read_text("utf-8")
    data = read_yaml(path, text)
    errors: list[str] = []
    name = path.name

    def err(line: int | None, msg: str) -> None:
        errors.append(f"{name}:{line or 1}: {msg}")

    if not isinstance(data, dict):
        raise CasefileError(f"{name}:1: a case file is a mapping with bodies and statements")
    country = data.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2):
        err(data["__line__"], f"country must be a two-letter ISO code, not {country!r}")
    extra = {
        k for k in (data.get("functions") or {}) if isinstance(k, str) and not k.startswith("__")
    }
    vocab = set(vocabulary()["functions"]) | extra
    sources: dict[str, dict[str, Any]] = {}
    source_text: dict[str, str | None] = {}
    for key, src in (data.get("sources") or {}).items():
        if str(key).startswith("__"):
            continue
        if not isinstance(src, dict):
            err(data["__line__"], f"source {key!r} must be a mapping (title, path or url)")
            continue
        sources[str(key)] = src
        body = src.get("text")
        if src.get("path") and body is None:
            p = (path.parent / str(src["path"])).resolve()
            if p.exists():
                body = p.read_text("utf-8", errors="replace")
            else:
                err(src["__line__"], f"source {key!r}: file {src['path']} not found")
        source_text[str(key)] = _space(body) if body else None

    case = Casefile(path, text, country.upper() if isinstance(country, str) else None, sources)
    for b in data.get("bodies") or []:
        if not isinstance(b, dict) or not isinstance(b.get("name"), str):
            err(getattr(b, "get", lambda *_: None)("__line__"), "a body needs a name")
            continue
        aliases = [str(a) for a in b.get("aliases") or []]
        attrs = {"aliases": aliases}
        for flag in ("security", "elected"):
            if flag in b:
                if not isinstance(b[flag], bool):
                    err(b["__line__"], f"{flag} must be true or false")
                attrs[flag] = bool(b[flag])
        case.rows.append(_row(case, b, "body", b["name"], attrs=attrs))
        case.aliases += [(a, b["name"]) for a in aliases]
    for st in data.get("statements") or []:
        if not isinstance(st, dict):
            err(None, f"a statement must be a mapping, not {st!r}")
            continue
        line = st["__line__"]
        kind = st.get("type")
        if kind not in TYPES or kind == "body":
            err(line, f"unknown type {kind!r}: use one of {', '.join(TYPES[:-1])}")
            continue
        if not isinstance(st.get("subject"), str):
            err(line, f"{kind} needs a subject")
            continue
        missing = [f for f in _REQUIRED[kind] if st.get(f) in (None, "")]
        if missing:
            err(line, f"{kind} needs {' and '.join(missing)}")
            continue
        unknown = sorted(
            k for k in st if isinstance(k, str) and not k.startswith("__") and k not in _KNOWN
        )
        if unknown:
            err(line, f"unknown field {', '.join(unknown)}")
        if kind == "function" and st["function"] not in vocab:
            err(line, f"unknown function {st['function']!r} (add it under functions:)")
        if kind == "tie" and st["tie"] not in TIES:
            err(line, f"unknown tie {st['tie']!r}: use one of {', '.join(TIES)}")
        for f in ("amount", "confidence"):
            if f in st and not isinstance(st[f], int | float):
                err(line, f"{f} must be a number, not {st[f]!r}")
        for f in ("year", "rank", "count"):
            if f in st and not isinstance(st[f], int):
                err(line, f"{f} must be a whole number, not {st[f]!r}")
        if (
            not 0
            <= float(
                st.get("confidence", 1.0)
                if isinstance(st.get("confidence", 1.0), int | float)
                else 1
            )
            <= 1
        ):
            err(line, "confidence must be between 0 and 1")
        try:
            dates = (iso(st.get("from")), iso(st.get("until")))
        except ValueError:
            err(
                line,
                f"dates must be YYYY, YYYY-MM or YYYY-MM-DD, not {st.get('from')!r} / "
                f"{st.get('until')!r}",
            )
            continue
        src = st.get("source")
        if src is not None and str(src) not in sources:
            err(line, f"unknown source {src!r}: declare it under sources:")
        quote = st.get("quote")
        if quote is not None and not isinstance(quote, str):
            err(line, "quote must be text")
        elif quote and src is not None and source_text.get(str(src)):
            if _space(quote) not in (source_text[str(src)] or ""):
                err(line, f"quote not found in source {src!r}: {quote[:60]!r}")
        reach = st.get("reach")
        if reach is not None and reach != "officials" and not isinstance(reach, list):
            err(line, "reach must be officials or a list of bodies")
        attrs: dict[str, Any] = {}
        for f in ("reach", "de_facto", "independent", "note"):
            if f in st:
                attrs[f] = st[f]
        case.rows.append(
            _row(
                case,
                st,
                kind,
                st["subject"],
                obj=st.get("object"),
                value=st.get("function") or st.get("tie") or st.get("list"),
                detail=st.get("detail") or st.get("mode"),
                amount=float(st["amount"]) if isinstance(st.get("amount"), int | float) else None,
                currency=st.get("currency"),
                year=st.get("year") if isinstance(st.get("year"), int) else None,
                number=st.get("rank") or st.get("count"),
                attrs=attrs,
                dates=dates,
            )
        )
    if errors:
        raise CasefileError("\n".join(errors))
    return case


def _row(
    case: Casefile,
    node: dict[str, Any],
    kind: str,
    subject: str,
    *,
    obj: Any = None,
    value: Any = None,
    detail: Any = None,
    amount: float | None = None,
    currency: Any = None,
    year: int | None = None,
    number: Any = None,
    attrs: dict[str, Any] | None = None,
    dates: tuple[str | None, str | None] = (None, None),
) -> dict[str, Any]:
    start, end = node["__span__"]
    src = case.sources.get(str(node.get("source")), {})
    cited = src.get("title") or src.get("url") or src.get("path")
    if cited and src.get("published"):
        cited = f"{cited} ({iso(src['published'])})"
    quote = node.get("quote") or case.text[start:end].strip()
    return {
        "type": kind,
        "subject": str(subject),
        "object": str(obj) if obj is not None else None,
        "value": str(value) if value is not None else None,
        "detail": str(detail) if detail is not None else None,
        "amount": amount,
        "currency": str(currency).upper() if currency else None,
        "year": year,
        "number": int(number) if isinstance(number, int) else None,
        "attrs": attrs or {},
        "date_from": dates[0],
        "date_until": dates[1],
        "country": case.country,
        "quote": str(quote),
        "start": start,
        "end": end,
        "source": cited,
        "extractor": CASEFILE_EXTRACTOR,
        "confidence": float(node.get("confidence", 1.0)),
    }


def relation_id(doc_id: str, row: dict[str, Any]) -> str:
    return stable_id(
        doc_id, row["type"], row["subject"], row["object"], row["value"], row["start"], row["end"]
    )
