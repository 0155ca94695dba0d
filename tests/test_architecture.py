"""The shape of the code: logic never imports Streamlit, pages stay thin, no raw HTML reaches the page."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRACKER_FILES = sorted((ROOT / "tracker").rglob("*.py"))
PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))
UI_FILES = sorted((ROOT / "ui").glob("*.py"))
GLUE_FILES = [ROOT / "dashboard.py", *PAGE_FILES, *UI_FILES]
MAX_PAGE_LINES = 110
# Packages whose import pulls Streamlit in: Streamlit itself and the project's own Streamlit glue.
STREAMLIT_PACKAGES = ("streamlit", "ui")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth of the file (functions included)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_the_files_to_check_exist() -> None:
    names = {p.name for p in TRACKER_FILES}
    assert {"dataset.py", "filters.py", "figures.py", "metrics.py", "exports.py"} <= names
    assert PAGE_FILES, "no page scripts found in pages/"
    assert (ROOT / "dashboard.py").is_file()


def test_imported_modules_sees_every_form_of_import(tmp_path: Path) -> None:
    """The scanner itself: plain, dotted, from-imports and imports inside functions."""
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nimport streamlit.components.v1 as c\nfrom streamlit import cache_data\n"
                      "def f():\n    import ui.panels\n", encoding="utf-8")
    assert imported_modules(sample) == {"os", "streamlit.components.v1", "streamlit", "ui.panels"}


@pytest.mark.parametrize("path", TRACKER_FILES, ids=lambda p: str(p.relative_to(ROOT / "tracker")))
def test_logic_module_does_not_import_streamlit(path: Path) -> None:
    offending = sorted(m for m in imported_modules(path) if m.split(".")[0] in STREAMLIT_PACKAGES)
    assert not offending, f"{path.relative_to(ROOT)} imports {offending}; logic must stay free of Streamlit"


# NOTE: sys.modules[name] = None makes any later `import name` raise ImportError, so a module
# that imports Streamlit, directly or through a dependency, fails to import here.
_IMPORT_WITHOUT_STREAMLIT = """
import importlib, json, sys
sys.modules["streamlit"] = None
failures = {}
for name in json.loads(sys.argv[1]):
    try:
        importlib.import_module(name)
    except Exception as error:
        failures[name] = f"{type(error).__name__}: {error}"
print(json.dumps(failures))
"""


def import_without_streamlit(modules: list[str]) -> dict[str, str]:
    """Import modules in a fresh interpreter where Streamlit cannot be imported; return the failures."""
    result = subprocess.run([sys.executable, "-c", _IMPORT_WITHOUT_STREAMLIT, json.dumps(modules)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_every_logic_module_imports_with_streamlit_unavailable() -> None:
    failures = import_without_streamlit([module_name(p) for p in TRACKER_FILES])
    assert failures == {}


def test_blocking_streamlit_does_make_a_streamlit_module_fail() -> None:
    """The check above can fail: the Streamlit glue does not import with Streamlit blocked."""
    failures = import_without_streamlit(["ui.context", "tracker.constants"])
    assert list(failures) == ["ui.context"]
    assert "streamlit" in failures["ui.context"]


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_page_is_thin(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < MAX_PAGE_LINES, f"pages/{path.name} has {lines} lines; move logic into tracker/ or ui/"


def test_the_frame_holds_no_pandas_and_no_plotly() -> None:
    imported = {m.split(".")[0] for m in imported_modules(ROOT / "dashboard.py")}
    assert not imported & {"pandas", "plotly", "numpy"}


_RAW_HTML_TEXT = (
    re.compile(r"unsafe_allow_html\s*=\s*True"),
    re.compile(r"\bst\s*\.\s*html\s*\("),
    re.compile(r"\bcomponents\s*\.\s*html\s*\("),
)


@pytest.mark.parametrize("path", GLUE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_raw_html_in_the_streamlit_code(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for pattern in _RAW_HTML_TEXT:
        assert not pattern.search(source), f"{path.name} matches {pattern.pattern}"
    # NOTE: the syntax tree also catches spellings the text patterns miss, such as
    # st.sidebar.html(...) or unsafe_allow_html=1.
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute):
            assert node.func.attr != "html", f"{path.name}:{node.lineno} calls .html()"
        for keyword in node.keywords:
            if keyword.arg == "unsafe_allow_html":
                value = keyword.value
                assert isinstance(value, ast.Constant) and not value.value, \
                    f"{path.name}:{node.lineno} passes unsafe_allow_html"


def test_raw_html_patterns_match_what_they_forbid() -> None:
    # NOTE: assembled from pieces, so that a scan of the source for raw HTML does not flag this test itself.
    samples = ["st.markdown(x, unsafe_allow_html" + "=True)", "st." + 'html("<b>")', "components." + 'html("<script>")']
    for pattern, sample in zip(_RAW_HTML_TEXT, samples, strict=True):
        assert pattern.search(sample)


MAX_MODULE_LINES = 700


@pytest.mark.parametrize("path", TRACKER_FILES, ids=lambda p: str(p.relative_to(ROOT / "tracker")))
def test_no_logic_module_outgrows_a_reading(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it along its sections"


def public_functions(path: Path) -> list[str]:
    """The public functions of a module and the public methods of its public classes, as ``name`` or ``Class.name``."""
    names = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            names.append(node.name)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            names += [f"{node.name}.{item.name}" for item in node.body
                      if isinstance(item, ast.FunctionDef) and not item.name.startswith("_")]
    return names


def test_public_functions_sees_functions_and_methods_but_not_private_ones(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def a(): pass\ndef _b(): pass\nclass C:\n    def m(self): pass\n    def _n(self): pass\n"
                      "class _D:\n    def o(self): pass\n", encoding="utf-8")
    assert public_functions(sample) == ["a", "C.m"]


TEST_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").rglob("test_*.py")))


@pytest.mark.parametrize("path", TRACKER_FILES, ids=lambda p: str(p.relative_to(ROOT / "tracker")))
def test_every_public_logic_function_is_named_in_a_test(path: Path) -> None:
    """Logic is tested on its own: each public function (or method) of tracker/ is called by name in some test."""
    untested = [name for name in public_functions(path)
                if not re.search(rf"\b{re.escape(name.split('.')[-1])}\b", TEST_TEXT)]
    assert not untested, f"{path.relative_to(ROOT)}: no test names {untested}; test them directly"
