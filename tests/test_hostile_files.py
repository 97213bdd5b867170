"""Hostile files: each one is refused with its own reason, or read; none stops a batch."""

from __future__ import annotations

import os
from pathlib import Path

import hostile
import pytest
from typer.testing import CliRunner

from custodes.cli import app
from custodes.ingest.limits import Limits
from custodes.ingest.read import ReadError, read_document
from custodes.store import KnowledgeBase

runner = CliRunner(env={"COLUMNS": "200"})


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("aes.pdf", hostile.encrypted_pdf("secret"), "encrypted PDF (password needed)"),
        ("loop.pdf", hostile.self_referencing_pdf(), "PDF"),
        ("bomb.pdf", hostile.bomb_pdf(), "PDF"),
        ("length.pdf", hostile.huge_length_pdf(), "PDF"),
    ],
)
def test_broken_and_locked_pdfs_are_refused_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(ReadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_document(_file(tmp_path, name, data))


def test_a_pdf_encrypted_with_an_empty_password_is_read(tmp_path: Path) -> None:
    doc = read_document(_file(tmp_path, "open.pdf", hostile.encrypted_pdf("", "AES-128")))
    assert "Bolat Nurov" in doc.text and doc.kind == "pdf"


@pytest.mark.parametrize(
    "codec,bom",
    [
        ("utf-16-le", True),
        ("utf-16-be", True),
        ("utf-16-le", False),
        ("utf-16-be", False),
        ("utf-32-le", True),
        ("utf-32-be", False),
    ],
)
def test_utf16_and_utf32_are_text(tmp_path: Path, codec: str, bom: bool) -> None:
    text = ("\ufeff" if bom else "") + hostile.GOOD + " Масимов освобождён."
    doc = read_document(_file(tmp_path, "wide.txt", text.encode(codec)))
    assert doc.text.startswith("On 2 May 2019") and "Масимов" in doc.text


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(ReadError, match="symbolic link loop"):
        read_document(tmp_path / "a.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ReadError, match="broken symbolic link"):
        read_document(tmp_path / "dangling.txt")


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    p = _file(tmp_path, "big.txt", (hostile.GOOD + "\n").encode() * 100)
    with pytest.raises(ReadError, match="too large .* --max-bytes"):
        read_document(p, limits=Limits(max_bytes=1000))
    assert read_document(p, limits=Limits(max_bytes=0)).text  # 0: no limit


def test_html_nested_ten_thousand_deep_keeps_its_paragraph(tmp_path: Path) -> None:
    doc = read_document(_file(tmp_path, "deep.html", hostile.nested_html(10_000)))
    assert hostile.GOOD in doc.text


def test_html_with_a_million_paragraphs_keeps_the_real_one(tmp_path: Path) -> None:
    doc = read_document(_file(tmp_path, "many.html", hostile.many_paragraphs_html(1_000_000)))
    assert doc.text == hostile.GOOD


def test_a_document_over_the_time_limit_is_stopped(tmp_path: Path) -> None:
    p = _file(tmp_path, "slow.txt", hostile.long_sentence(300_000))
    with KnowledgeBase.open("sqlite://") as kb, pytest.raises(ReadError, match="took longer"):
        kb.ingest_file(p, limits=Limits(max_seconds=0.01))


def _batch(tmp_path: Path) -> tuple[list[Path], dict[str, str]]:
    """Good files with hostile ones between them; each hostile one with the reason expected."""
    bad: dict[str, tuple[bytes, str]] = {
        "aes.pdf": (hostile.encrypted_pdf("secret"), "encrypted PDF (password needed)"),
        "loop.pdf": (hostile.self_referencing_pdf(), "PDF"),
        "bomb.pdf": (hostile.bomb_pdf(), "PDF"),
        "huge.txt": (hostile.long_sentence(200_000), "too large"),
        "empty.txt": (b"", "empty file"),
    }
    files: list[Path] = []
    reasons: dict[str, str] = {}
    for i, (name, (data, reason)) in enumerate(bad.items()):
        files.append(_file(tmp_path, name, data))
        reasons[str(files[-1])] = reason
        good = hostile.GOOD.replace("Bolat Nurov", f"Bolat Nurov{'ab'[i % 2]}{i}")
        files.append(_file(tmp_path, f"good{i}.txt", good.encode()))
    return files, reasons


def test_hostile_files_never_stop_a_batch(tmp_path: Path) -> None:
    files, reasons = _batch(tmp_path)
    db = tmp_path / "kb.db"
    res = runner.invoke(app, ["ingest", *map(str, files), "--db", str(db), "--max-bytes", "150000"])
    assert res.exit_code == 1, res.output  # some refused
    assert "Traceback" not in res.output
    errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == len(reasons)
    for path, reason in reasons.items():
        (line,) = [e for e in errors if e.startswith(f"error: {path}: ")]
        assert reason in line
    assert "5 ingested, 0 unchanged, 5 failed" in res.stdout
    with KnowledgeBase.open(db) as kb:
        assert kb.counts()["documents"] == 5


def test_every_file_read_is_exit_code_zero(tmp_path: Path) -> None:
    p = _file(tmp_path, "good.txt", hostile.GOOD.encode())
    res = runner.invoke(app, ["ingest", str(p), "--db", str(tmp_path / "kb.db")])
    assert res.exit_code == 0, res.output


def test_a_file_name_that_is_not_utf8_is_shown_with_replacement(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-\xff.txt")  # latin-1 bytes in a name: surrogates in Python
    p = tmp_path / name
    p.write_text(hostile.GOOD)
    db = tmp_path / "kb.db"
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "caf\ufffd-\ufffd.txt" in res.stdout
    with KnowledgeBase.open(db) as kb:
        (doc,) = kb.view().documents()
    assert doc.path.endswith("caf\ufffd-\ufffd.txt")


def test_markup_in_a_file_name_is_printed_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "y[").mkdir()
    p = tmp_path / "y[/].txt"
    p.write_text(hostile.GOOD)
    q = tmp_path / "[bold]x[/b].txt"
    (tmp_path / "[bold]x[").mkdir()
    q.write_text("")
    res = runner.invoke(app, ["ingest", str(p), str(q), "--db", str(tmp_path / "kb.db")])
    assert res.exit_code == 1, res.output
    assert "y[/].txt" in res.stdout and "[bold]x[/b].txt" in res.stdout
    assert f"error: {q}: empty file" in res.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_in_a_folder_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(hostile.GOOD)
    locked = tmp_path / "b.txt"
    locked.write_text(hostile.GOOD + " Again.")
    locked.chmod(0)
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "kb.db")])
    assert res.exit_code == 1 and f"error: {locked}: cannot read (Permission denied)" in res.stderr
    assert "1 ingested" in res.stdout


def test_a_crash_of_custodes_is_named_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug of custodes itself (here one injected into the extractor for one document) is
    reported as a crash naming the file; the next file is still read."""
    from custodes.extract import pipeline

    real = pipeline.extract_many

    def buggy(docs: list, *args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        if "Trigger" in docs[0][0]:
            raise KeyError("a bug")
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_many", buggy)
    bad = _file(tmp_path, "bad.txt", (hostile.GOOD + " Trigger.").encode())
    good = _file(tmp_path, "good.txt", hostile.GOOD.encode())
    res = runner.invoke(app, ["ingest", str(bad), str(good), "--db", str(tmp_path / "kb.db")])
    assert res.exit_code == 1
    assert f"error: {bad}: crash of custodes while reading {bad}: KeyError: 'a bug'" in res.stderr
    assert "1 ingested, 0 unchanged, 1 failed" in res.stdout


def test_nul_characters_past_the_first_kilobytes_are_stored_as_spaces(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    """A NUL late in a text (or in a PDF's extracted text) is not binary; PostgreSQL cannot
    store it, so it becomes a space, on both databases alike."""
    p = _file(tmp_path, "nul.txt", (hostile.GOOD + " ").encode() * 80 + b"tail\x00end.")
    result = kb.ingest_file(p)
    assert result.status == "ingested"
    (doc,) = kb.view().documents()
    assert doc.n_events >= 1


def test_extract_reports_a_hostile_file_and_goes_on(tmp_path: Path) -> None:
    locked = _file(tmp_path, "aes.pdf", hostile.encrypted_pdf("secret"))
    good = _file(tmp_path, "good.txt", hostile.GOOD.encode())
    res = runner.invoke(app, ["extract", str(locked), str(good)])
    assert res.exit_code == 1
    assert f"error: {locked}: encrypted PDF (password needed)" in res.stderr
    assert '"person": "Bolat Nurov"' in res.stdout
