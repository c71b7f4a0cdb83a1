"""Reading fixture seeds through the real ingest entry point."""

from __future__ import annotations

from pathlib import Path

from archive_builder.ingest import Ingested, make_seed, read_seed
from archive_builder.ingest.overrides import Overrides

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def ingest_bytes(name: str, data: bytes, overrides: Overrides | None = None) -> Ingested:
    seed = make_seed(Path(name), f"seeds/{name}", data)
    return read_seed(seed, data, overrides)


def ingest_fixture(rel: str) -> Ingested:
    path = FIXTURES / rel
    return ingest_bytes(path.name, path.read_bytes())
