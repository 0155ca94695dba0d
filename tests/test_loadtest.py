"""A short load test in `make test`: three readers for twenty seconds, no errors, interactions done.

The full run (`make loadtest`: 20 readers for 10 minutes) and its figures are in docs/reliability.md.
No timing is asserted here: the machine running the tests may be busy.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.test_bad_data_app import app_env, open_app  # noqa: F401 (app_env is a fixture)
from tracker.constants import CATEGORY_CODES
from tracker.dataset import Dataset

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "loadtest.py"

pytestmark = pytest.mark.timeout(240)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("loadtest", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["loadtest"] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def run_loadtest(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    """Run the script as `make loadtest` does (it starts its own app); return its exit code, figures and output."""
    figures = tmp_path / "figures.json"
    command = [sys.executable, str(SCRIPT), *args, "--settle", "1", "--report", "", "--json", str(figures)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=200,
                            env={**os.environ, "TMPDIR": str(tmp_path), **(env or {})})
    output = result.stdout + result.stderr
    assert figures.is_file(), output
    return result.returncode, json.loads(figures.read_text(encoding="utf-8")), output


def test_percentiles_interpolate() -> None:
    percentile = load_script().percentile
    assert percentile([], 95) is None
    assert percentile([3.0], 50) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([float(n) for n in range(1, 101)], 95) == pytest.approx(95.05)
    assert percentile([5.0, 1.0], 100) == 5.0


def test_three_readers_for_twenty_seconds_meet_no_error(tmp_path: Path) -> None:
    code, figures, output = run_loadtest(tmp_path, "--sessions", "3", "--minutes", "0.34", "--think", "0.5")

    assert code == 0, output
    assert figures["errors"] == 0, figures["error_messages"]
    assert figures["sessions"] == 3
    assert figures["interactions"] >= 3 * 5, "each reader should get through several pages"
    assert figures["downloads"] >= 1
    assert figures["latency_s"]["p95"] is not None
    assert all(figures["rss_mb"][k] for k in ("before", "after_first_batch", "after_close")), figures["rss_mb"]
    assert "Errors | 0" in output


def test_a_broken_app_is_reported_as_errors(tmp_path: Path, broken_copy: Callable[[], Path]) -> None:
    """The readers notice a page that does not run to its end (here: the dataset's error page)."""
    folder = broken_copy()
    (folder / "flows.csv").write_bytes(b"")

    code, figures, output = run_loadtest(tmp_path, "--sessions", "1", "--minutes", "0.1", "--think", "0.2",
                                         env={"DASHBOARD_DATA_DIR": str(folder)})

    assert code == 1, output
    assert figures["errors"] == 1
    assert "did not run to its end" in figures["error_messages"][0]


def test_the_report_is_written_between_its_markers(tmp_path: Path) -> None:
    script = load_script()
    report = tmp_path / "reliability.md"
    report.write_text(f"# Title\n\n{script.REPORT_BEGIN}\nold figures\n{script.REPORT_END}\n\nAfter.\n", encoding="utf-8")

    assert script.write_report(report, "new figures")

    assert report.read_text(encoding="utf-8") == (
        f"# Title\n\n{script.REPORT_BEGIN}\nnew figures\n{script.REPORT_END}\n\nAfter.\n")
    assert not script.write_report(tmp_path / "missing.md", "x")


def live_datasets() -> int:
    gc.collect()
    return sum(type(o) is Dataset for o in gc.get_objects())


def test_a_reader_session_keeps_no_old_copies_of_the_dataset(request: pytest.FixtureRequest) -> None:
    """Memory per reader stays flat however many filters they try (it grew by a dataset copy per filter).

    Streamlit keeps every widget's format_func for the session; a function that closes over a page's
    globals keeps that run's copy of the dataset alive (st.cache_data hands each run its own copy).
    """
    request.getfixturevalue("app_env")
    at = open_app("pages/evidence.py")
    baseline = live_datasets()

    for category in CATEGORY_CODES:
        at.multiselect(key="f_category").set_value([category]).run()
        assert not at.exception, [e.message for e in at.exception]

    assert live_datasets() <= baseline + 2, "each filter left a copy of the dataset behind"
