"""The limits every document is read under, so that one hostile file cannot hang, exhaust or
crash a batch.

* ``max_bytes`` — a file larger than this is refused with the reason (``--max-bytes``,
  ``$CUSTODES_MAX_BYTES``; 20 MB by default: the longest real report we hold is 0.2 MB).
* ``max_seconds`` — reading and extracting one document stops after this long
  (``--max-seconds``, ``$CUSTODES_MAX_SECONDS``; 60 s by default, where a real document takes
  well under a second). The watchdog is ``SIGALRM``: the main thread only, on POSIX.
* ``max_sentence`` — no stretch of text without a sentence end is longer than this (5,000
  characters) when the parsers see it: ``bound_sentences`` cuts longer ones at a space, so
  spaCy's ``E088`` (over 1,000,000 characters) and natasha's quadratic allocations (1.3 TiB for
  a 2-million-character sentence; still 630 MB for 10,000 characters of one-letter words) cannot
  happen. Real sentences are far shorter (the longest of the 349 evaluation texts has 1,572
  characters), so extraction results do not change.

Example::

    >>> bound_sentences("a" * 5 + " " + "b" * 5, max_sentence=6)
    'aaaaa\\n\\nbbbbb'
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

MB = 1_000_000


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Limits for one document; ``Limits.from_env()`` reads ``$CUSTODES_MAX_BYTES`` and
    ``$CUSTODES_MAX_SECONDS``. A limit of 0 is no limit."""

    max_bytes: int = 20 * MB
    max_seconds: float = 60.0
    max_sentence: int = 5_000

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            max_bytes=int(_env_number("CUSTODES_MAX_BYTES", 20 * MB)),
            max_seconds=_env_number("CUSTODES_MAX_SECONDS", 60.0),
        )


class DocumentTooSlow(BaseException):
    """Raised by the watchdog inside whatever code is running when a document's time is up.

    A ``BaseException``, not an ``Exception``: libraries that catch ``Exception`` around their
    own work (HTML and PDF readers do) must not swallow it. ``KnowledgeBase.ingest_file`` turns
    it into a ``ReadError``."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s to read (the limit: --max-seconds)")
        self.seconds = seconds


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTooSlow`` in this thread once ``seconds`` have passed, and again every
    second after that until the block ends (should a library swallow the first one).

    Outside the main thread, or without ``setitimer``, this is a no-op: bounded sentences and
    linear patterns still keep a document's time in proportion to its size."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise DocumentTooSlow(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_SENTENCE_END = re.compile(r"[.!?…;:]\s|\n")
# spaCy's tokenizer strips a long token's punctuation one character at a time (quadratic:
# 50,000 closing parentheses took 10 s); no real word is this long
MAX_WORD = 1000
_LONG_WORD = re.compile(r"(\S{" + str(MAX_WORD) + r"})(?=\S)")


def bound_sentences(text: str, max_sentence: int = 5_000) -> str:
    """``text`` with every stretch longer than ``max_sentence`` characters that has no sentence
    end (``.!?…;:`` then a space, or a line break) cut by a blank line: at the last space
    before the limit, else hard. A space becomes the break, so the document id (a hash of the
    text with its whitespace normalised) stays the same. A "word" over ``MAX_WORD`` characters
    gets a space after each ``MAX_WORD``. Linear in the length of ``text``."""
    if max_sentence <= 0:
        return text
    text = _LONG_WORD.sub(r"\1 ", text)
    if len(text) <= max_sentence:
        return text
    out: list[str] = []
    last = 0  # where the current stretch starts
    done = 0  # how much of text is in out
    for m in _SENTENCE_END.finditer(text):
        if m.end() - last > max_sentence:
            done = _cut(text, last, m.start(), max_sentence, done, out)
        last = m.end()
    if len(text) - last > max_sentence:
        done = _cut(text, last, len(text), max_sentence, done, out)
    out.append(text[done:])
    return "".join(out)


def _cut(text: str, start: int, end: int, size: int, done: int, out: list[str]) -> int:
    """Cut ``text[start:end]`` into pieces of at most ``size``; append to ``out`` what lies
    before each cut; return where the uncut rest begins."""
    while end - start > size:
        space = text.rfind(" ", start + 1, start + size)
        if space > start:
            out.append(text[done:space])
            out.append("\n\n")
            done = start = space + 1
        else:
            out.append(text[done : start + size])
            out.append("\n\n")
            done = start = start + size
    return done
