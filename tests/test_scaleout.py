"""A short version of the proxy run: nginx, two replicas, a few readers, one replica killed midway."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from scaleout import nginx_path  # noqa: E402


@pytest.fixture
def nginx() -> str:
    path = nginx_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":  # CI installs nginx (.ci/run) as it installs Chromium
            pytest.fail("no nginx: install Debian's nginx package (REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip("no nginx: install Debian's nginx package to run the proxy test")
    return path


def test_readers_of_a_killed_replica_carry_on_through_the_other(nginx: str, tmp_path: Path) -> None:
    figures = tmp_path / "scaleout.json"
    result = subprocess.run([sys.executable, "scripts/scaleout.py", "--sessions", "4", "--minutes", "0.75",
                             "--think", "2", "--report", "", "--json", str(figures)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    summary = json.loads(figures.read_text(encoding="utf-8"))
    assert summary["errors"] == 0 and summary["interactions"] > 0
    assert summary["scaleout"]["readers_on_killed"] >= 1
    assert summary["scaleout"]["reconnects"] >= 1, "no reader was moved to the other replica"
    assert summary["scaleout"]["article_kept"]
