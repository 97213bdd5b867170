"""Alembic's script directory for the knowledge base (``env.py``, ``versions/``); run through
``custodes.store.migrate``, never by the ``alembic`` command against a user's database."""
