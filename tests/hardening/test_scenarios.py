"""The multi-build attacks of ``scenarios.py``: each one holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening import scenarios

SCENARIOS = scenarios.scenarios()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(scenario: scenarios.Scenario, tmp_path: Path) -> None:
    ok, detail = scenario.run(tmp_path)
    assert ok, detail
