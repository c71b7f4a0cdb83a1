"""Helpers shared by test modules (importable as ``tests.support``)."""

from __future__ import annotations

from pathlib import Path

from archive_builder.ingest import make_seed, read_seed
from archive_builder.ingest.overrides import Overrides
from archive_builder.model import Article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / "seeds" / name).read_bytes()


def article_from(data: str | bytes, name: str = "case.txt", overrides: Overrides | None = None) -> Article:
    """Ingest one seed given as text or bytes; fails the test if no article comes out."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    seed = make_seed(Path(name), f"seeds/{name}", raw)
    result = read_seed(seed, raw, overrides)
    assert result.article is not None, [d.format() for d in result.diagnostics]
    return result.article


def export_validator():  # type: ignore[no-untyped-def]
    """A JSON Schema validator for the whole export, with the fragment schemas registered."""
    import jsonschema
    from referencing import Registry, Resource

    from archive_builder.schema import EXPORT_ID, load_schemas

    schemas = load_schemas()
    registry = Registry().with_resources((uri, Resource.from_contents(s)) for uri, s in schemas.items())
    return jsonschema.Draft202012Validator(schemas[EXPORT_ID], registry=registry)
