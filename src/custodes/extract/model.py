"""What extraction produces: personnel events with their evidence, and the document's whole
extraction (events, roster claims, abbreviations, institutional statements). Plain data shared
by every language's reader, so no reader imports another."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from custodes.extract.dates import PartialDate
from custodes.extract.mentions import Post
from custodes.extract.roster import RosterClaim

if TYPE_CHECKING:
    from custodes.extract.institutions import Found

# The keys of `custodes extract --format jsonl`: the stable interface extraction is measured by.
EXTRACT_KEYS = (
    "type",
    "person",
    "position",
    "organization",
    "date",
    "date_precision",
    "quote",
    "start",
    "end",
    "confidence",
    "doc",
)


@dataclass
class Event:
    """A personnel event with its evidence: the fields of ``custodes extract --format jsonl``."""

    type: str
    person: str
    position: str | None
    organization: str | None
    date: PartialDate | None
    quote: str
    start: int
    end: int
    confidence: float
    posts: list[Post] = field(default_factory=list)
    from_posts: list[Post] = field(default_factory=list)
    acting: bool = False
    extractor: str = "custodes.rules/1"
    # where the date came from: the event's own clause or heading ("text"), the date of the news
    # item that reports it ("item"), or only the publication date as a bound ("bound")
    dated_by: str = "text"
    mentions: int = 1  # how many times the document tells it (merged mentions)

    def to_json(self, doc: str | None = None) -> dict[str, object]:
        return {
            "type": self.type,
            "person": self.person,
            "position": self.position,
            "organization": self.organization,
            "date": self.date.iso if self.date else None,
            "date_precision": self.date.precision if self.date else None,
            # "not_after": the text gives no date; the document's publication date bounds it;
            # "between": the text gives a lower bound ("since February 2005", in "date_after")
            "date_bound": self.date.bound_kind if self.date else None,
            "date_after": self.date.after if self.date else None,
            "dated_by": self.dated_by,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 2),
            "doc": doc,
            "acting": self.acting,
            "from_position": " – ".join(p.label for p in self.from_posts) or None,
        }


@dataclass
class Extraction:
    events: list[Event]
    claims: list[RosterClaim]
    abbreviations: dict[str, str]
    relations: list[Found] = field(default_factory=list)  # institutional statements
