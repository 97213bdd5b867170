"""Read one file into a ``Document``: text, title, publication date and language.

Plain text (UTF-8, UTF-16/32, or detected), HTML (boilerplate removed by trafilatura) and PDF
(pypdf). Every failure is a ``ReadError`` whose message names the reason — a missing,
unreadable, looping, oversized, encrypted or broken file alike; callers report it and go on
with the batch. Every document is read under ``Limits`` (``ingest/limits.py``).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from custodes.extract.dates import DATE_RE, DateContext, PartialDate, find_dates
from custodes.ingest.errors import ReadError
from custodes.ingest.html import read_html
from custodes.ingest.limits import Limits, bound_sentences
from custodes.ingest.markdown import unlink
from custodes.ingest.paths import shown_path
from custodes.ingest.repair import DecodeError, decode_bytes, repair_text

__all__ = ["Document", "Limits", "ReadError", "document_id", "read_document", "shown_path"]


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

    @cached_property
    def id(self) -> str:
        # cached: writing one document's statements asks for it hundreds of times, and each
        # time hashed the whole text again (0.55 of 0.66 s for the bundled report)
        return document_id(self.text)


def document_id(text: str) -> str:
    normal = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:20]


_CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")


def detect_language(text: str) -> str:
    """``ru`` or ``en`` (or ``und``) by script: enough to route English and Russian sources."""
    sample = text[:20000]
    # letters counted by the run (a word at a time, not a list of every letter)
    cyr = sum(map(len, _CYRILLIC_RUN.findall(sample)))
    lat = sum(map(len, _LATIN_RUN.findall(sample)))
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


def _read_pdf(path: Path, limits: Limits) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    # pypdf logs what it repairs in a broken file ("EOF marker not found"); the user gets one
    # line per bad file from us instead
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF (password needed)")
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if limits.max_bytes and size > limits.max_bytes:
                raise ReadError(
                    f"PDF text longer than {limits.max_bytes:,} characters (the limit: --max-bytes)"
                )
    except FileNotDecryptedError as e:
        raise ReadError("encrypted PDF (password needed)") from e
    except ReadError:
        raise
    except RecursionError as e:
        raise ReadError("unreadable PDF (its objects refer to themselves)") from e
    # pypdf raises many kinds on a broken file (PdfReadError, LimitReachedError, KeyError,
    # AttributeError …): whatever it raises, the file is unreadable, not custodes broken
    except Exception as e:
        raise ReadError(f"unreadable or truncated PDF ({e.__class__.__name__}: {e})") from e
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError("PDF has no extractable text (scanned image?)")
    return text


def _stat(p: Path) -> os.stat_result:
    """The file's status, or a ``ReadError`` that says why there is none."""
    try:
        st = p.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReadError("symbolic link loop") from e
        if e.errno in (errno.ENOENT, errno.ENOTDIR):
            if p.is_symlink():
                raise ReadError("broken symbolic link (its target does not exist)") from e
            raise ReadError("no such file") from e
        raise ReadError(f"cannot read ({e.strerror or e})") from e
    except ValueError as e:  # a NUL byte in the name
        raise ReadError(f"not a usable file name ({e})") from e
    if p.is_dir():
        raise ReadError("a folder, not a file")
    return st


def read_document(
    path: str | Path, published: PartialDate | None = None, limits: Limits | None = None
) -> Document:
    """Read, decode, repair and describe one file. Raises ``ReadError`` with the reason."""
    limits = limits or Limits()
    p = Path(path)
    st = _stat(p)
    if not p.is_file():
        raise ReadError("not a regular file")
    if limits.max_bytes and st.st_size > limits.max_bytes:
        raise ReadError(
            f"too large ({st.st_size:,} bytes; the limit is {limits.max_bytes:,}: --max-bytes)"
        )
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(f"cannot read ({e.strerror or e})") from e
    if not data.strip():
        raise ReadError("empty file")
    title: str | None = None
    meta_date: PartialDate | None = None
    if data[:5] == b"%PDF-" or p.suffix.lower() == ".pdf":
        if data[:5] != b"%PDF-":
            raise ReadError("not a PDF (no %PDF header)")
        text, kind = _read_pdf(p, limits), "pdf"
    else:
        try:
            raw = decode_bytes(data)
        except DecodeError as e:
            raise ReadError(str(e)) from e
        head = raw[:2000].lower()
        if p.suffix.lower() in {".html", ".htm"} or "<html" in head or "<!doctype html" in head:
            text, title, meta_date = read_html(raw)
            kind = "html"
        else:
            text, kind = unlink(raw), "text"
    # NUL past the first 4 KB of a text, or in a PDF's extracted text: PostgreSQL cannot store it
    text = bound_sentences(repair_text(text).replace("\x00", " "), limits.max_sentence)
    if len(re.findall(r"\w", text)) < 20:
        raise ReadError("too little text to analyse")
    pub = published or meta_date or find_published(text)
    if title is None:
        title = next((ln.strip() for ln in text.splitlines() if len(ln.strip()) > 30), None)
    return Document(
        text=text,
        path=shown_path(p),
        title=title,
        published=pub,
        language=detect_language(text),
        kind=kind,
    )
