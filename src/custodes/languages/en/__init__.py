"""English: its vocabulary (``vocabulary.yaml``); read by the shared core, ``extract.pipeline``."""
