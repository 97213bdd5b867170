"""Reading files: encodings, mojibake, HTML boilerplate, PDFs and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from custodes.ingest.read import ReadError, read_document
from custodes.ingest.repair import repair_text


def test_cp1251_read_as_latin1_is_repaired_but_accents_are_not() -> None:
    assert repair_text("16 ôåâðàëÿ 2022") == "16 февраля 2022"
    assert repair_text("Élysée, Müller, coup d’état") == "Élysée, Müller, coup d’état"


def test_utf8_mojibake_is_repaired() -> None:
    assert repair_text("Kassym-Jomart Tokayevâ€™s decree") == "Kassym-Jomart Tokayev’s decree"


def test_bundled_report_date_and_language() -> None:
    doc = read_document("examples/kz-nsc-2022-ciss-report.txt")
    assert doc.published is not None and doc.published.iso == "2022-02-16"
    assert doc.language == "en"
    assert "16 февраля 2022" in doc.text


def test_cp1251_file_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "ru.txt"
    p.write_bytes("6 января 2022 года Масимов был освобождён от должности.".encode("cp1251"))
    doc = read_document(p)
    assert doc.language == "ru" and "Масимов" in doc.text


def test_html_boilerplate_removed_and_date_from_metadata(tmp_path: Path) -> None:
    body = (
        "<p>On 3 May 2021 Colonel Arman Tulegenov was appointed Deputy Chairman of the "
        "State Border Service, the press office said in a statement.</p>" * 3
    )
    p = tmp_path / "a.html"
    p.write_text(
        f"<html><head><title>News</title><meta property='article:published_time' "
        f"content='2021-05-04'></head><body><nav>Home | About | Contact</nav>"
        f"<article>{body}</article><footer>© Agency</footer></body></html>",
        "utf-8",
    )
    doc = read_document(p)
    assert "Tulegenov" in doc.text and "Contact" not in doc.text
    assert doc.published is not None and doc.published.iso == "2021-05-04"


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("empty.txt", b"", "empty"),
        ("binary.bin", b"\x00\x01\x02\xff" * 100, "binary"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "PDF"),
    ],
)
def test_bad_input_gets_a_clear_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read_document(p)


def test_missing_file() -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_document("/nonexistent/file.txt")
