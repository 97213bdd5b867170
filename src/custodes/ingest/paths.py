"""File names as they can be shown and stored."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str | Path) -> str:
    """A path as it can be printed and stored: a file name that is not UTF-8 (its bytes kept
    by ``surrogateescape``) gets U+FFFD for each bad byte instead of breaking the terminal or
    the database ("UnicodeEncodeError … surrogates not allowed")."""
    return os.fsencode(path).decode("utf-8", "replace")
