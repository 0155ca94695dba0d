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


_CODE_SPAN = re.compile(r"`([^`\s]+)`")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
_REPO_PATH = re.compile(r"^(?:dashboard\.py|(?:pages|ui|tracker|tests|scripts|data|docs|geo)/[\w./*-]*)$")


def named_paths(markdown: str) -> list[str]:
    """The repository paths a page names: in code spans (globs allowed) and in relative links."""
    spans = [s for s in _CODE_SPAN.findall(markdown) if _REPO_PATH.match(s)]
    links = [link for link in _LINK.findall(markdown) if "://" not in link]
    return spans + links


def test_named_paths_finds_spans_globs_and_links():
    text = "Edit `tracker/figures.py` and `tests/test_extract*.py` ([guide](docs/x.md#a)), not `st.Page` or [w](https://a.b/c)."
    assert named_paths(text) == ["tracker/figures.py", "tests/test_extract*.py", "docs/x.md"]


def test_contributing_names_only_files_that_exist():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    named = named_paths(text)
    assert len(named) > 30
    missing = [p for p in named if not any(ROOT.glob(p.rstrip("/")))]
    assert missing == [], f"CONTRIBUTING.md names paths that do not exist: {missing}"


def test_contributing_gives_the_make_targets_it_names():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"(?:`|^)make (\w+)", text, re.MULTILINE))  # in code spans and code blocks
    assert {"run", "test", "lint", "validate"} <= targets
    for target in targets:
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_contributing_names_only_constants_that_exist():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    names = set(re.findall(r"`([A-Z][A-Z0-9_]{3,})`", text))
    assert len(names) >= 4
    sources = "\n".join(p.read_text(encoding="utf-8") for folder in ("tracker", "scripts", "tests")
                        for p in (ROOT / folder).rglob("*.py"))
    missing = [n for n in sorted(names) if not re.search(rf"^{n}\b[^=\n]*=", sources, re.MULTILINE)]
    assert missing == [], f"CONTRIBUTING.md names constants defined nowhere: {missing}"
