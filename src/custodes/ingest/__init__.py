"""Ingest: files in, repaired and described documents out (see read.py)."""
