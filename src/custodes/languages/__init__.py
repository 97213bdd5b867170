"""Languages: each is a folder holding its vocabulary as data and, where it has one, its reader.

``languages/<code>/vocabulary.yaml`` is what the language's reader reads: trigger words,
titles, organisations, negations and denials, validated at load (``extract.vocabulary``). A
language with a reader of its own names it here (``module:function``, taking ``(text,
published)`` and returning an ``Extraction``); English is read by the shared core
(``extract.pipeline``: segment → candidates → spaCy parse → events → dating → merge). A third
language (Ukrainian and Kazakh sources are common in this field) is a folder with its
vocabulary and a reader, plus one line in ``LANGUAGES``.

Documents are routed by ``language_of``; a language not listed is read as English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from custodes import yamldata

if TYPE_CHECKING:
    from custodes.extract.dates import PartialDate
    from custodes.extract.model import Extraction

Reader = Callable[[str, "PartialDate | None"], "Extraction"]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    # "module:function" of the language's own reader; None: the shared (English) core
    reader: str | None = None
    parser: str = ""  # the model the reader parses with, for the record

    def read(self) -> Reader:
        if self.reader is None:
            raise LookupError(f"{self.name} is read by the shared core, not a reader of its own")
        module, _, function = self.reader.partition(":")
        return getattr(import_module(module), function)


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", None, "spaCy en_core_web_sm"),
    "ru": Language("ru", "Russian", "custodes.languages.ru.reader:extract_ru", "natasha"),
}


def vocabulary_text(code: str) -> str:
    """The text of ``languages/<code>/vocabulary.yaml``."""
    return files(f"custodes.languages.{code}").joinpath("vocabulary.yaml").read_text("utf-8")


@cache
def vocabulary_data(code: str) -> dict[str, Any]:
    """The parsed vocabulary of ``code`` (a mapping; its reader validates what it uses)."""
    data = yamldata.load(vocabulary_text(code))
    if not isinstance(data, dict):
        raise ValueError(f"languages/{code}/vocabulary.yaml: expected a mapping at the top")
    return data


def language_of(text: str) -> Language:
    """The language a document is read in: the detected one if it has a reader, else English."""
    from custodes.ingest.read import detect_language

    return LANGUAGES.get(detect_language(text), LANGUAGES["en"])
