"""The documentation says what the project does: set-up commands, the data dictionary, row counts."""

import re
import subprocess
import sys
from pathlib import Path

from tracker.constants import TABLES
from tracker.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent


def test_readme_gives_both_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_makefile_has_the_promised_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("setup", "run", "test", "validate"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_data_dictionary_is_generated_from_the_current_schema():
    result = subprocess.run([sys.executable, "scripts/build_data_dictionary.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_readme_row_counts_match_the_dataset(data_dir):
    dataset = load_dataset(data_dir)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        match = re.search(rf"^\| {name} \| (\d+) \|$", readme, re.MULTILINE)
        assert match, f"README's table of rows has no line for {name}"
        assert int(match.group(1)) == len(dataset.table(name)), name
