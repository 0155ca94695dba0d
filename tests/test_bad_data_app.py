"""Bad data through Streamlit's AppTest: a clear error page listing every problem, never a traceback.

Each case breaks one thing in a copy of data/ (or hides the boundary file) and checks that the app
names the file and says what is wrong, with the same lines as `make validate`, and that the parts
that do not need the missing piece still work. A last test runs every page and the downloads on the
real data/ and checks that not a byte of it changed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import tracker.constants
from tests.conftest import frame_runs_every_rerun
from tracker.dataset import load_dataset, read_package, resource_fields
from tracker.exports import package_zip, to_csv_bytes

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "dashboard.py"
TIMEOUT = 60
ERROR_TITLE = "The dataset cannot be shown"
OVERVIEW = "pages/overview.py"
PAGES = [OVERVIEW, "pages/timeline.py", "pages/evidence.py", "pages/data.py", "pages/about.py", "pages/add.py"]


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Run AppTest from the repository root, on the shipped data, with an empty user folder; return that folder."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    user_dir = tmp_path / "user-articles"
    monkeypatch.setenv("DASHBOARD_USER_DIR", str(user_dir))
    frame_runs_every_rerun(monkeypatch)
    return user_dir


def open_app(page: str = OVERVIEW, at: AppTest | None = None) -> AppTest:
    """Run the frame (it lands on the overview), then switch to ``page``; fail on any exception."""
    at = AppTest.from_file(str(ENTRY), default_timeout=TIMEOUT) if at is None else at
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if page != OVERVIEW:
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
    return at


def validate_lines(folder: Path) -> list[str]:
    """The problems `python -m tracker validate FOLDER` prints (what `make validate` runs), one per line."""
    result = subprocess.run([sys.executable, "-m", "tracker", "validate", str(folder)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    head, *lines = result.stderr.splitlines()
    assert head.endswith("in the data package:"), head
    # NOTE: a problem's own text may hold a line break (a quoted value); the CLI indents nothing, so rejoin.
    problems: list[str] = []
    for line in lines:
        if line.startswith("- "):
            problems.append(line[2:])
        else:
            problems[-1] += "\n" + line
    return problems


def shown_text(at: AppTest) -> str:
    """Every text the page shows a reader: titles, messages, code blocks, captions, Markdown."""
    parts = [e.value for kind in ("title", "error", "warning", "info", "success", "code", "caption", "markdown")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


# --- breaking one thing at a time -------------------------------------------------------------


def drop_file(folder: Path) -> None:
    (folder / "flows.csv").unlink()


def unreadable_file(folder: Path) -> None:
    # NOTE: a folder where the file should be: unreadable even for root, unlike chmod 000.
    (folder / "flows.csv").unlink()
    (folder / "flows.csv").mkdir()


def truncate_last_row(folder: Path) -> None:
    path = folder / "flows.csv"
    text = path.read_text(encoding="utf-8")
    last = text.rstrip("\n").rsplit("\n", 1)[1]
    cut = ",".join(last.split(",")[:6])  # the first six cells are ids and codes, never quoted
    path.write_text(text[: text.rindex(last)] + cut + "\n", encoding="utf-8")


def unbalance_quote(folder: Path) -> None:
    path = folder / "places.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",Russia,country,", ',"Russia,country,', 1), encoding="utf-8")


def add_bom(folder: Path) -> None:
    path = folder / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def wrong_encoding(folder: Path) -> None:
    path = folder / "flows.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))


def empty_file(folder: Path) -> None:
    (folder / "figures.csv").write_bytes(b"")


def drop_package(folder: Path) -> None:
    (folder / "datapackage.json").unlink()


def garble_package(folder: Path) -> None:
    path = folder / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")


def drop_source_text(folder: Path) -> None:
    for text in (folder / "sources").glob("*.txt"):
        text.unlink()


def bad_value(folder: Path) -> None:
    path = folder / "flows.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",stated,", ",rumoured,", 1), encoding="utf-8")


def several_at_once(folder: Path) -> None:
    add_bom(folder)
    empty_file(folder)
    bad_value(folder)


def edit_package(change: Callable[[dict], object]) -> Callable[[Path], None]:
    """A breaker that edits the parsed datapackage.json and writes it back."""
    def edit(folder: Path) -> None:
        path = folder / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        change(package)
        path.write_text(json.dumps(package), encoding="utf-8")
    return edit


def resource(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def replace_json(text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / "datapackage.json").write_text(text, encoding="utf-8")


def replace_first(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def link_out(file: str) -> Callable[[Path], None]:
    """Replace a file of the package by a symbolic link to a file outside it."""
    def edit(folder: Path) -> None:
        (folder / file).unlink()
        (folder / file).symlink_to("/etc/passwd")
    return edit


# NOTE: a 40-digit offset overflowed pandas' Int64 (a generic error box); the first flow quotes 0–225.
FIRST_QUOTE = ",0,225,"
# (id, how to break the copy, what each listing must hold: file and message fragments)
BREAKAGES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("missing-file", drop_file, ["flows.csv: the file is missing"]),
    ("unreadable-file", unreadable_file, ["flows.csv: the file cannot be read"]),
    ("truncated-row", truncate_last_row, ["flows.csv, line 37: has 6 values but the header has 27",
                                          "the row is truncated"]),
    ("unbalanced-quote", unbalance_quote, ["places.csv, line 2: the CSV is malformed", "unbalanced double quote"]),
    ("byte-order-mark", add_bom, ["events.csv, line 1: starts with a byte-order mark"]),
    ("wrong-encoding", wrong_encoding, ["flows.csv, line", "is not UTF-8 text; save the file as UTF-8"]),
    ("empty-file", empty_file, ["figures.csv, line 1: the file is empty"]),
    ("missing-package", drop_package, ["datapackage.json: the file is missing"]),
    ("garbled-package", garble_package, ["datapackage.json: not valid UTF-8 JSON"]),
    ("missing-source-text", drop_source_text, ["sources.csv, line 2, column path", "the source text file is missing"]),
    ("bad-value", bad_value, ["flows.csv, line 2, column status", "must be one of: stated, reported",
                              "(found 'rumoured')"]),
    ("several-at-once", several_at_once, ["events.csv, line 1: starts with a byte-order mark",
                                          "figures.csv, line 1: the file is empty",
                                          "flows.csv, line 2, column status"]),
    # Malformed packages (issue 13): each gives the named error page, never the generic box.
    ("package-is-a-list", replace_json("[1, 2]"), ["datapackage.json: must be a JSON object"]),
    ("package-is-a-string", replace_json('"data"'), ["datapackage.json: must be a JSON object"]),
    ("resource-list-missing", edit_package(lambda p: p.pop("resources")),
     ["datapackage.json, column resources: the list of resources is missing"]),
    ("resource-without-schema", edit_package(lambda p: resource(p, "flows").pop("schema")),
     ["datapackage.json, column flows.schema: a resource needs a schema"]),
    ("broken-pattern", edit_package(lambda p: resource(p, "flows")["schema"]["fields"][0]["constraints"]
                                    .update(pattern="F[0-9")),
     ["datapackage.json, column flows.flow_id: the pattern is not a regular expression"]),
    ("huge-integer", replace_first("flows.csv", FIRST_QUOTE, ",0," + "9" * 40 + ","),
     ["flows.csv, line 2, column quote_end: is too large"]),
    ("offset-too-large", replace_first("flows.csv", FIRST_QUOTE, ",99999999999999999999,225,"),
     ["flows.csv, line 2, column quote_start: is too large"]),
    ("infinite-quantity", replace_first("flows.csv", ",10000,", ",1e999,"), ["column quantity_low: is too large"]),
    ("nan-quantity", replace_first("flows.csv", ",10000,", ",nan,"), ["column quantity_low: must be a number"]),
    ("largest-float", replace_first("flows.csv", ",10000,", ",1.7e308,"), ["column quantity_low: is too large"]),
    ("path-leaves-the-package", edit_package(lambda p: resource(p, "flows").update(path="../../../../etc/passwd")),
     ["datapackage.json, column flows.path: must stay inside the data package"]),
    ("absolute-path", edit_package(lambda p: resource(p, "flows").update(path="/etc/passwd")),
     ["datapackage.json, column flows.path: must be a path relative to the data package"]),
    ("resource-is-a-folder", edit_package(lambda p: resource(p, "flows").update(path="sources")),
     ["sources: the file cannot be read: it is a folder"]),
    ("symlink-out-of-the-package", link_out("flows.csv"), ["flows.csv: must stay inside the data package"]),
    ("source-text-links-out", link_out("sources/russia-north-korea-air-defence.txt"),
     ["sources.csv, line 2, column path", "must stay inside the data package"]),
]


@pytest.mark.parametrize(("breaker", "expected"), [b[1:] for b in BREAKAGES], ids=[b[0] for b in BREAKAGES])
def test_a_broken_package_opens_on_an_error_page_listing_every_problem(
        app_env: Path, broken_copy: Callable[[], Path], monkeypatch: pytest.MonkeyPatch,
        breaker: Callable[[Path], None], expected: list[str]) -> None:
    folder = broken_copy()
    breaker(folder)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))

    at = open_app()

    assert [t.value for t in at.title] == [ERROR_TITLE]
    assert len(at.error) == 1
    # Readers never see the server's folders: files are named relative to the package (issue 13).
    assert str(folder) not in shown_text(at) and str(folder.parent) not in shown_text(at)
    assert "root:" not in shown_text(at), "nothing of a file outside the package is shown"
    assert len(at.code) == 1, [c.value for c in at.code]
    listing = at.code[0].value
    for fragment in expected:
        assert fragment in listing, listing
    # The same problems, in the same order, as `make validate` prints for that folder.
    problems = validate_lines(folder)
    assert listing == "\n".join(problems)
    assert f"has {len(problems)} problem(s)" in at.error[0].value
    assert any("make validate" in c.value for c in at.caption)
    # Nothing of the dashboard is drawn from a broken package.
    assert not at.metric and not at.get("plotly_chart") and not at.dataframe


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_error_page(app_env: Path, broken_copy: Callable[[], Path],
                                         monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    folder = broken_copy()
    several_at_once(folder)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))

    at = open_app(page)

    assert [t.value for t in at.title] == [ERROR_TITLE]
    assert at.code[0].value == "\n".join(validate_lines(folder))


def test_a_fixed_file_is_picked_up_on_the_next_run(app_env: Path, broken_copy: Callable[[], Path],
                                                   monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    folder = broken_copy()
    add_bom(folder)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = open_app()
    assert [t.value for t in at.title] == [ERROR_TITLE]

    (folder / "events.csv").write_bytes((data_dir / "events.csv").read_bytes())
    at.run()

    assert not at.exception
    assert ERROR_TITLE not in [t.value for t in at.title]
    assert at.metric


# --- the boundary file ------------------------------------------------------------------------


@pytest.fixture(params=["missing", "garbled"])
def boundary_problem(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                     tmp_path: Path) -> str:
    """Point the app at a boundary file that is missing or not JSON (the real one is left alone)."""
    path = tmp_path / "geo" / "countries_110m.json"
    if request.param == "garbled":
        path.parent.mkdir()
        path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    monkeypatch.setattr(tracker.constants, "COUNTRIES_GEOJSON_PATH", path)
    return "the boundary file is missing" if request.param == "missing" else "the boundary file cannot be read"


def test_without_the_boundary_file_the_overview_says_so_and_keeps_the_rest(app_env: Path,
                                                                           boundary_problem: str) -> None:
    at = open_app(OVERVIEW)

    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert "countries_110m.json" in errors[0] and boundary_problem in errors[0]
    charts = [c.proto.id for c in at.get("plotly_chart")]
    assert not any("flow_map" in c for c in charts), "no map without its boundaries"
    next(t for t in at.toggle if "Sankey" in t.label).set_value(True).run()  # drawn on request
    charts = [c.proto.id for c in at.get("plotly_chart")]
    assert any("sankey" in c for c in charts), "the country-to-country chart does not need the map"
    assert at.metric, "the headline figures do not need the map"
    assert len(at.dataframe) >= 2, "the ledgers do not need the map"


@pytest.mark.parametrize("page", [p for p in PAGES if p != OVERVIEW])
def test_without_the_boundary_file_the_other_pages_work(app_env: Path, boundary_problem: str, page: str) -> None:
    at = open_app(page)

    assert not at.error, [e.value for e in at.error]
    assert ERROR_TITLE not in [t.value for t in at.title]


def test_without_the_boundary_file_the_data_page_offers_its_downloads(app_env: Path, boundary_problem: str) -> None:
    at = open_app("pages/data.py")

    assert len(at.download_button) == 3  # flows, claims, the zip
    assert len(at.dataframe) == 8  # seven tables and the claims' corroboration


# --- the app never writes to data/ ---------------------------------------------------------------


def fingerprint(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` with the SHA-256 of its bytes (folders as "dir")."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def test_running_every_page_and_the_downloads_leaves_data_untouched(app_env: Path, data_dir: Path) -> None:
    before = fingerprint(data_dir)
    assert len(before) >= 8

    at = open_app(OVERVIEW)
    at.multiselect(key="f_category").set_value(["troops"]).run()
    at.session_state["selected_flow"] = "F09"
    at.session_state["selected_claim"] = "C03"  # the claim map's detail (the default map is of claims)
    at.run()
    assert not at.exception
    at.session_state["map_per_assertion"] = True  # and the flow detail, under the per-assertion toggle
    at.run()
    assert not at.exception
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
    # The downloads the data page offers, built the way its buttons build them.
    dataset = load_dataset(data_dir)
    package = read_package(data_dir)
    assert to_csv_bytes(dataset.flows, resource_fields(package, "flows")).startswith(b"flow_id,")
    assert package_zip(data_dir, package)[:2] == b"PK"

    assert fingerprint(data_dir) == before
    assert json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))["resources"]
