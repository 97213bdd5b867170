"""Hostile documents, made here byte by byte: the unit tests use them, and so does the fuzzing
suite (``fuzz/``), which mixes thousands of their variants into batches of good files.

Each maker returns bytes; none needs a network or a PDF library beyond pypdf (a dependency).
"""

from __future__ import annotations

import io
import zlib

GOOD = "On 2 May 2019 Colonel Bolat Nurov was appointed Head of the Border Service."


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF file of these objects (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _escape_pdf(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def text_pdf(text: str = GOOD) -> bytes:
    """A one-page PDF whose page shows ``text`` (latin-1) on one line."""
    content = b"BT /F1 12 Tf 72 720 Td (" + _escape_pdf(text) + b") Tj ET"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            _stream(content),
        ]
    )


def encrypted_pdf(user_password: str = "secret", algorithm: str = "AES-256") -> bytes:
    """``text_pdf()`` encrypted by pypdf (AES needs ``cryptography``). With an empty user
    password anyone may open it; with another, only who knows it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def self_referencing_pdf() -> bytes:
    """A page tree whose node is its own kid, and a page that is its own parent."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 3 0 R /Contents 3 0 R /Resources 3 0 R >>",
        ]
    )


def bomb_pdf(megabytes: int = 120) -> bytes:
    """A page whose content stream inflates to ``megabytes`` MB (past pypdf's limit)."""
    data = zlib.compress(b" " * (megabytes * 1_000_000), 9)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            _stream(data, b"/Filter /FlateDecode "),
        ]
    )


def huge_length_pdf() -> bytes:
    """A stream that declares a length far past the end of the file."""
    body = b"<< /Length 99999999999 >>\nstream\nBT ET\nendstream"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            body,
        ]
    )


def blank_lines(n: int) -> bytes:
    return (GOOD + "\n" * n + "1. x\n").encode()


def long_sentence(chars: int, word: str = "appointed Colonel Nurov ") -> bytes:
    """One sentence of ``chars`` characters with no full stop (spaCy refuses 1,000,000)."""
    return (word * (chars // len(word) + 1))[:chars].encode()


def long_russian_sentence(chars: int) -> bytes:
    return long_sentence(chars, "назначен полковник Нуров ")


def nested_html(depth: int) -> bytes:
    """A real paragraph at the bottom of ``depth`` nested elements."""
    return (
        "<html><body>" + "<div>" * depth + f"<p>{GOOD}</p>" + "</div>" * depth + "</body></html>"
    ).encode()


def many_paragraphs_html(n: int) -> bytes:
    """``n`` empty paragraphs, then the real one."""
    return ("<html><body>" + "<p></p>" * n + f"<p>{GOOD}</p></body></html>").encode()


def nested_parentheses(n: int) -> bytes:
    return (GOOD + " " + "(" * n + "Nurov" + ")" * n + ".").encode()
