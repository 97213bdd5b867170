"""Russian: its vocabulary (``vocabulary.yaml``) and its reader (``reader.extract_ru``, natasha)."""
