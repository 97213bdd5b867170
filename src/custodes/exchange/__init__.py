"""Exchange with the analyst's other tools: one module per format, the CLI only calls them.

* ``jsonl`` — the lossless dump of a knowledge base (``custodes export --format jsonl``) and
  ``load``, which reads it back (``custodes load``): dump → load into an empty knowledge base →
  dump gives the same bytes.
"""
