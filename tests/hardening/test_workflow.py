"""The CI workflow: least privilege, actions pinned to commits, deploy only from main after a
successful strict build, and .ci/run requiring the browser tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.support.project import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(data: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_runs_on_every_push_and_pull_request() -> None:
    triggers = _workflow()["on"]
    assert "push" in triggers and "pull_request" in triggers
    assert not (triggers["push"] or {}).get("branches"), "tests run on every branch"


def test_least_privilege() -> None:
    data = _workflow()
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        granted = job.get("permissions", {})
        if name == "deploy":
            assert granted == {"pages": "write", "id-token": "write"}
        else:
            assert not granted, f"job {name} asks for more than read access"


def test_actions_pinned_to_commits() -> None:
    uses = [step["uses"] for step in _steps(_workflow()) if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action} is not pinned to a commit SHA"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert all(re.search(re.escape(a) + r" # v\d", text) for a in uses), "each pin names its version"


def test_deploy_only_from_main_after_a_strict_build() -> None:
    jobs = _workflow()["jobs"]
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert jobs["site"]["needs"] == "test" and jobs["deploy"]["needs"] == "site"
    assert jobs["site"]["if"] == main_only and jobs["deploy"]["if"] == main_only
    steps = {step.get("name", ""): step.get("run", "") for step in jobs["site"]["steps"]}
    build = steps["Strict site build (broken links or templates fail it)"]
    assert "mkdocs build --strict" in build and "set +e" not in build and "||" not in build
    # seed problems are reported, never a reason to publish nothing (one bad seed must not stop the rest)
    assert "archive-builder check" in steps["Report seed problems"]
    uses = [step.get("uses", "") for step in jobs["site"]["steps"]]
    assert uses[-1].startswith("actions/upload-pages-artifact@"), "the artifact is uploaded after the build"
    assert [s.get("uses", "").split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    checkout = [s for s in _steps(_workflow()) if s.get("uses", "").startswith("actions/checkout@")]
    assert all(s.get("with", {}).get("persist-credentials") is False for s in checkout)


def test_ci_run_requires_the_browser() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export ARCHIVE_BUILDER_REQUIRE_BROWSER=1" in script
    assert script.index("apt-get update") < script.index("apt-get install")
    assert "npm ci" in script
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^\s*"playwright[>=<]', pyproject, re.M)
    package = (Path(__file__).resolve().parents[1] / "browser" / "package.json").read_text(encoding="utf-8")
    assert re.search(r'"axe-core": "\d+\.\d+\.\d+"', package), "axe-core pinned to an exact version"
