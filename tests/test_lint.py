"""ruff, with the rules and thresholds of pyproject.toml, reports nothing: `make test` catches what `make lint` does."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPLEXITY_RULES = {"C901", "PLR0912", "PLR0913", "PLR0915"}


def test_ruff_reports_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, f"ruff check . reported:\n{result.stdout}{result.stderr}"


def test_the_complexity_rules_are_selected() -> None:
    """A function with too many branches, arguments or statements is reported, not only style."""
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert COMPLEXITY_RULES <= set(lint["select"])
    assert lint["mccabe"]["max-complexity"] <= 15
    assert lint["pylint"]["max-branches"] <= 15
    assert lint["pylint"]["max-args"] <= 7
    assert lint["pylint"]["max-statements"] <= 60
