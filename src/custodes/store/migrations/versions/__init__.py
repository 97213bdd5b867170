"""One revision per schema version; the revision id is the version in four digits."""
