"""The JSON Schemas of the export: ``export.schema.json`` and the fragments it references."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent


def load_schemas() -> dict[str, Any]:
    """Every schema file by its ``$id``, for a validator's registry."""
    schemas: dict[str, Any] = {}
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        schemas[data["$id"]] = data
    return schemas


EXPORT_ID = "https://archive-builder.invalid/schema/export.schema.json"
