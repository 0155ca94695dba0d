"""A shared link to a page, opened as a fresh server's first request, runs through the frame.

ui/context.py relies on a Streamlit internal, ``PagesManager.uses_pages_directory``: these tests
pin what it does, so that a Streamlit upgrade that changes it fails here, saying what to do,
instead of silently serving pages without the frame's sidebar, filters and footer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

import ui.context
from tests.conftest import read_records

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "dashboard.py"
TIMEOUT = 60
FOOTER = "Everything is served by this app"
WHAT_TO_DO = (
    "Streamlit changed its legacy pages/ mode, which ui/context.py (_run_the_frame_instead) and the "
    "AppTest patch in tests/conftest.py (frame_runs_every_rerun) rely on. Open "
    "/evidence?row=F09 as the first request of a fresh server (tests/browser/test_pages.py does) and "
    "update or remove the workaround."
)


@pytest.fixture(autouse=True)
def app_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run from the repository root with the shipped data and an empty user folder; restore Streamlit's flag."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    monkeypatch.setenv("DASHBOARD_USER_DIR", str(tmp_path / "user-articles"))
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None, raising=False)


def first_request(page: str, **query: str) -> AppTest:
    """Run the app as a fresh server does when its very first request names ``page``.

    NOTE: AppTest resets the flag before each run, as a fresh server starts, and names the page
    by its file before the first run, as the legacy mode does.
    """
    at = AppTest.from_file(str(ENTRY), default_timeout=TIMEOUT)
    at.query_params.update(query)
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_streamlit_still_has_the_legacy_pages_flag() -> None:
    assert "uses_pages_directory" in vars(PagesManager), WHAT_TO_DO


@pytest.mark.parametrize(("folders", "expected"), [(["pages"], True), ([], False)])
def test_the_flag_is_set_by_a_pages_folder_beside_the_entry_script(tmp_path: Path, folders: list[str],
                                                                    expected: bool) -> None:
    for folder in folders:
        (tmp_path / folder).mkdir()
    entry = tmp_path / "app.py"
    entry.write_text("", encoding="utf-8")
    PagesManager(str(entry))
    assert PagesManager.uses_pages_directory is expected, WHAT_TO_DO


def test_a_first_request_naming_a_page_still_runs_it_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the workaround the page runs without the frame: if this fails, Streamlit fixed it."""
    monkeypatch.setattr(ui.context, "_run_the_frame_instead", st.stop)
    at = first_request("pages/evidence.py", row="F09")
    assert not at.sidebar.children, "the frame ran: " + WHAT_TO_DO
    assert PagesManager.uses_pages_directory is True, WHAT_TO_DO


def test_a_shared_link_as_first_request_runs_through_the_frame() -> None:
    f09 = next(r for r in read_records(ROOT / "data", "flows") if r["flow_id"] == "F09")
    at = first_request("pages/evidence.py", row="F09")
    assert at.sidebar.children, "the frame's sidebar (filters) is missing: " + WHAT_TO_DO
    assert "Evidence reader" in [t.value for t in at.title]
    assert any(FOOTER in c.value for c in at.caption), "the frame's footer is missing: " + WHAT_TO_DO
    assert at.selectbox[0].value == "F09"
    assert any(f09["quote"] in i.value.replace("\\", "") for i in at.info)
    assert PagesManager.uses_pages_directory is False, WHAT_TO_DO
