"""The one error a reader raises: ``ReadError``, whose message is the reason a user reads."""

from __future__ import annotations


class ReadError(ValueError):
    """A file that cannot be ingested, with the reason."""
