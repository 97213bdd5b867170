"""Docs that cannot drift: every CLI command and the stable extract keys are in the README."""

from __future__ import annotations

from pathlib import Path

from custodes.cli import app
from custodes.extract.pipeline import EXTRACT_KEYS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_every_command_is_documented() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert names, "no commands registered"
    for name in names:
        assert f"`custodes {name}" in README, f"custodes {name} is not in the README"


def test_readme_opens_with_the_two_commands() -> None:
    first = [ln.split("#")[0].strip() for ln in README.splitlines() if ln.startswith("make ")]
    assert first[:2] == ["make demo", "make test"]


def test_the_extract_keys_are_documented() -> None:
    for key in EXTRACT_KEYS:
        assert f"{key}" in README


def test_every_setting_is_documented() -> None:
    """Every ``$CUSTODES_…`` variable the code reads is named in the README."""
    import re

    src = Path(__file__).resolve().parent.parent / "src" / "custodes"
    names = {
        m for f in src.rglob("*.py") for m in re.findall(r"CUSTODES_[A-Z_]+", f.read_text("utf-8"))
    }
    assert {"CUSTODES_DB", "CUSTODES_MAX_BYTES", "CUSTODES_MAX_SECONDS"} <= names
    for name in names:
        assert f"${name}" in README, f"${name} is not in the README"
