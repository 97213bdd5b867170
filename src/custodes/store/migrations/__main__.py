"""``python -m custodes.store.migrations "what changes"``: write the next revision's skeleton."""

import sys

from custodes.store.migrate import new_revision

print(new_revision(" ".join(sys.argv[1:]) or "change"))
