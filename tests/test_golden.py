"""Golden files: each case in tests/cases/<case>/seeds builds to exactly tests/cases/<case>/expected.

After an intended change in the output, run `pytest tests/test_golden.py --update-golden` and review
the diff of the expected files like any other change.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from archive_builder.config import load_config
from archive_builder.pipeline import build

CASES = Path(__file__).resolve().parent / "cases"
ROOT = Path(__file__).resolve().parent.parent


def _generated(docs: Path) -> dict[str, bytes]:
    files = json.loads((docs / ".archive-manifest.json").read_text())["files"]
    return {rel: (docs / rel).read_bytes() for rel in sorted(files)}


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "seeds").is_dir()))
def test_golden(case: str, tmp_path: Path, update_golden: bool) -> None:
    project = tmp_path / case
    shutil.copytree(CASES / case / "seeds", project / "seeds")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(load_config(project / "mkdocs.yml"))
    assert not result.errors, [d.format() for d in result.errors]
    actual = _generated(project / "docs")
    expected_dir = CASES / case / "expected"
    if update_golden:
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, data in actual.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_bytes(data)
    expected = {p.relative_to(expected_dir).as_posix(): p.read_bytes() for p in sorted(expected_dir.rglob("*")) if p.is_file()}
    assert sorted(actual) == sorted(expected)
    for rel, data in expected.items():
        assert actual[rel].decode("utf-8") == data.decode("utf-8"), rel
