"""Read one file into a ``Document``: text, title, publication date and language.

Plain text, HTML (boilerplate removed by trafilatura) and PDF (pypdf). Every failure is a
``ReadError`` whose message names the reason; callers report it and go on with the batch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from custodes.extract.dates import DATE_RE, DateContext, PartialDate, find_dates
from custodes.ingest.repair import DecodeError, decode_bytes, repair_text


class ReadError(ValueError):
    """A file that cannot be ingested, with the reason."""


@dataclass(frozen=True)
class Document:
    """A document as the knowledge base keeps it. ``id`` is a hash of the text: the same text
    under another name is the same document."""

    text: str
    path: str
    title: str | None
    published: PartialDate | None
    language: str
    kind: str

    @property
    def id(self) -> str:
        return document_id(self.text)


def document_id(text: str) -> str:
    normal = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


def detect_language(text: str) -> str:
    """``ru`` or ``en`` (or ``und``) by script: enough to route English and Russian sources."""
    sample = text[:20000]
    cyr = len(re.findall(r"[\u0400-\u04ff]", sample))
    lat = len(re.findall(r"[A-Za-z]", sample))
    if cyr + lat < 20:
        return "und"
    return "ru" if cyr > lat else "en"


def find_published(text: str) -> PartialDate | None:
    """The publication date printed near the top of a text: the first line that is a date."""
    for line in text[:3000].splitlines():
        line = line.strip()
        if not line or len(line) > 40:
            continue
        m = DATE_RE.fullmatch(line) or DATE_RE.match(line)
        if m and len(m.group(0)) >= len(line) - 3:
            mentions = find_dates(line)
            if mentions and mentions[0].year:
                return DateContext().resolve(mentions[0])
    return None


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise ReadError(f"unreadable or truncated PDF ({e.__class__.__name__}: {e})") from e
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError("PDF has no extractable text (scanned image?)")
    return text


def _read_html(raw: str) -> tuple[str, str | None, PartialDate | None]:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        raw, with_metadata=True, include_comments=False, favor_recall=True
    )
    if extracted is None or not (extracted.text or "").strip():
        raise ReadError("HTML page has no main text")
    published = None
    if extracted.date:
        try:
            published = PartialDate.parse(extracted.date[:10])
        except ValueError:
            published = None
    return extracted.text, extracted.title, published


def read_document(path: str | Path, published: PartialDate | None = None) -> Document:
    """Read, decode, repair and describe one file. Raises ``ReadError`` with the reason."""
    p = Path(path)
    if not p.exists():
        raise ReadError("no such file")
    if not p.is_file():
        raise ReadError("not a regular file")
    data = p.read_bytes()
    if not data.strip():
        raise ReadError("empty file")
    title: str | None = None
    meta_date: PartialDate | None = None
    if data[:5] == b"%PDF-" or p.suffix.lower() == ".pdf":
        if data[:5] != b"%PDF-":
            raise ReadError("not a PDF (no %PDF header)")
        text, kind = _read_pdf(p), "pdf"
    else:
        try:
            raw = decode_bytes(data)
        except DecodeError as e:
            raise ReadError(str(e)) from e
        head = raw[:2000].lower()
        if p.suffix.lower() in {".html", ".htm"} or "<html" in head or "<!doctype html" in head:
            text, title, meta_date = _read_html(raw)
            kind = "html"
        else:
            text, kind = raw, "text"
    text = repair_text(text)
    if len(re.findall(r"\w", text)) < 20:
        raise ReadError("too little text to analyse")
    pub = published or meta_date or find_published(text)
    if title is None:
        title = next((ln.strip() for ln in text.splitlines() if len(ln.strip()) > 30), None)
    return Document(
        text=text,
        path=str(p),
        title=title,
        published=pub,
        language=detect_language(text),
        kind=kind,
    )
