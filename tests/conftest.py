"""Shared fixtures: the bundled report, read and extracted once, and one knowledge base built
from it for the whole session; plus a fresh knowledge base per test on SQLite and, when a server
answers, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from custodes.extract.pipeline import Extraction, extract_many
from custodes.ingest.read import Document, read_document
from custodes.store import KnowledgeBase, View

PG_URL = os.environ.get("CUSTODES_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def report_path() -> Iterator[Path]:
    src = resources.files("custodes").joinpath("data/examples/kz-nsc-2022-ciss-report.txt")
    with resources.as_file(src) as path:
        yield path


@pytest.fixture(scope="session")
def report(report_path: Path) -> tuple[Document, Extraction]:
    doc = read_document(report_path)
    (extraction,) = extract_many([(doc.text, doc.published)])
    return doc, extraction


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory, report: tuple[Document, Extraction]) -> Path:
    """A SQLite file holding the bundled report: read by analyses and CLI tests, never written."""
    path = tmp_path_factory.mktemp("kb") / "custodes.db"
    with KnowledgeBase.open(path) as kb:
        kb.ingest_document(*report)
    return path


@pytest.fixture(scope="session")
def view(kb_path: Path) -> Iterator[View]:
    kb = KnowledgeBase.open(kb_path)
    yield kb.view()
    kb.close()


def _postgres_answers() -> bool:
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return True
    except Exception:  # any failure means: no usable server here, skip
        return False


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def kb(request: pytest.FixtureRequest) -> Iterator[KnowledgeBase]:
    """An empty knowledge base, once on in-memory SQLite and once on PostgreSQL (in a schema of
    its own, dropped afterwards); the PostgreSQL run is skipped when no server answers."""
    with open_kb(request.param, "sqlite://", "custodes_test") as base:
        yield base


@contextmanager
def open_kb(backend: str, sqlite: str | Path, schema: str) -> Iterator[KnowledgeBase]:
    """A fresh knowledge base: SQLite at ``sqlite`` (a path or ``sqlite://``), or on
    PostgreSQL in a new schema named after ``schema``, dropped afterwards (the test is
    skipped when no server answers)."""
    if backend != "postgresql":
        with KnowledgeBase.open(sqlite) as base:
            yield base
        return
    if not _postgres_answers():
        pytest.skip(f"no PostgreSQL at {PG_URL}")
    with pg_schema(schema) as name, KnowledgeBase.open(PG_URL, schema=name) as base:
        yield base


@contextmanager
def pg_schema(prefix: str) -> Iterator[str]:
    """An empty PostgreSQL schema of its own for one test, dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
