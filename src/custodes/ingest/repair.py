"""Encoding detection and mojibake repair.

ftfy repairs UTF-8 read as cp1252/latin-1 ("Ã©" → "é"). It does not repair Cyrillic text that was
encoded in cp1251 and decoded as latin-1 ("ôåâðàëÿ" → "февраля"), which is common in scrapes of
Russian-language sites; ``repair_cp1251`` does, guarded so that real accented Latin words
("Élysée", "Müller") are left alone. Example::

    >>> repair_text("16 ôåâðàëÿ 2022")
    '16 февраля 2022'
"""

from __future__ import annotations

import re

import ftfy
from charset_normalizer import from_bytes

# A word made only of letters from the latin-1 upper half (À..ÿ) is what cp1251 Cyrillic looks like
# when decoded as latin-1; accented Latin words always mix in ASCII letters.
_LATIN1_WORD = re.compile(r"(?<![A-Za-z\u00c0-\u00ff])[\u00c0-\u00ff]{3,}(?![A-Za-z\u00c0-\u00ff])")
_CYRILLIC_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")


def _cp1251_word(m: re.Match[str]) -> str:
    word = m.group(0)
    try:
        fixed = word.encode("latin-1").decode("cp1251")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return word
    # Russian words have vowels; a run of consonants means it was not cp1251 after all
    if not any(ch in _CYRILLIC_VOWELS for ch in fixed) or not all(
        "\u0400" <= ch <= "\u04ff" for ch in fixed
    ):
        return word
    return fixed


def repair_cp1251(text: str) -> str:
    """Repair words of cp1251 Cyrillic that were read as latin-1."""
    return _LATIN1_WORD.sub(_cp1251_word, text)


def repair_text(text: str) -> str:
    """Fix mojibake without changing anything else (quotes, dashes and line breaks are kept)."""
    fixed = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization=None,
        fix_line_breaks=True,
    )
    return repair_cp1251(fixed)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _alphabetic_share(text: str) -> float:
    """The share of characters that are Latin, Cyrillic, general punctuation or whitespace:
    high for text in our languages, low for binary bytes decoded as UTF-16 (scattered CJK)."""
    sample = text[:4096]
    ok = sum(
        1 for ch in sample if ch in "\n\r\t" or " " <= ch <= "\u052f" or "\u2000" <= ch <= "\u206f"
    )
    return ok / max(1, len(sample))


def _wide_unicode(data: bytes) -> str | None:
    """UTF-16 or UTF-32 text, with a byte-order mark or without (then recognised by its NUL
    bytes: ASCII letters in UTF-16 are half NULs); None if the bytes are not that."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
    for codec, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % width:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _alphabetic_share(text) > 0.95:
            return text
    return None


def decode_bytes(data: bytes) -> str:
    """Decode bytes whose encoding is unknown: UTF-16/32 (by byte-order mark or NUL bytes),
    UTF-8, then charset detection."""
    if not data.strip():
        raise DecodeError("empty file")
    wide = (
        _wide_unicode(data)
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (b"\x00" in data[:4096])
        else None
    )
    if wide is not None:
        if not wide.strip():
            raise DecodeError("empty file")
        return wide
    if b"\x00" in data[:4096]:
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary file, or an encoding that cannot be recognised")
    text = str(best)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise DecodeError("binary file (control characters), not text")
    return text
