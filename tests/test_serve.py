"""``mkdocs serve``: one rebuild per seed change (the build's own writes to docs/ trigger none)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from archive_builder import pipeline
from tests.support import fixture_bytes
from tests.support.project import make_project


class FakeServer:
    """What the plugin calls on MkDocs' LiveReloadServer: ``watch`` and ``unwatch``."""

    def __init__(self, watched: list[str]) -> None:
        self.watched = {os.path.abspath(p): True for p in watched}

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        self.watched[os.path.abspath(path)] = recursive

    def unwatch(self, path: str) -> None:
        del self.watched[os.path.abspath(path)]


def _plugin_and_config(root: Path) -> tuple[Any, Any]:
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    return config.plugins["archive"], config


def test_serve_watches_seeds_and_hand_written_docs_not_generated_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a.txt": fixture_bytes("wire_headline.txt")})
    pipeline.build(project.config())
    (project.docs / "extra.md").write_text("# A page of my own\n", encoding="utf-8")
    plugin, config = _plugin_and_config(project.root)
    server = FakeServer([config.docs_dir])
    plugin.on_serve(server, config=config, builder=None)
    docs = os.path.abspath(config.docs_dir)
    assert server.watched.get(docs) is False, "the docs folder itself only for its top-level pages"
    assert server.watched.get(os.path.abspath(project.seeds)) is True
    assert server.watched.get(os.path.join(docs, "guide")) is True
    assert server.watched.get(os.path.join(docs, "assets")) is True
    generated = [p for p in server.watched if p.startswith(docs + os.sep) and Path(p).name in
                 ("articles", "people", "places", "data", "originals")]
    assert generated == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_one_rebuild_per_seed_change(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a.txt": fixture_bytes("wire_headline.txt"),
                                            "b.txt": fixture_bytes("caption_boilerplate.txt")})
    lines: list[str] = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{_free_port()}"],
                            cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()

    def wait_for(text: str, count: int, limit: float) -> bool:
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if sum(text in line for line in list(lines)) >= count:
                return True
            time.sleep(0.2)
        return False

    try:
        assert wait_for("Serving on", 1, 120), "".join(lines)[-2000:]
        seed = project.seeds / "a.txt"
        seed.write_bytes(seed.read_bytes().replace(b"foreign troops", b"foreign forces", 1))
        assert wait_for("Reloading browsers", 1, 120), "".join(lines)[-2000:]
        time.sleep(6)  # a second rebuild, if the build's own writes triggered one, starts within this
        rebuilds = sum("Detected file changes" in line for line in lines)
        assert rebuilds == 1, "".join(lines)[-3000:]
        assert "foreign forces" in (project.docs / "articles" / "a.md").read_text(encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
