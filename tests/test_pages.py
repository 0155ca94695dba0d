"""Every page through Streamlit's AppTest: it runs without an exception and shows what it should."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import frame_runs_every_rerun, read_csv, read_records
from tracker.constants import COUNTRIES_GEOJSON_URL

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "dashboard.py"
TIMEOUT = 60
PAGE_TITLES = {
    "pages/overview.py": "Who sends what to whom",
    "pages/timeline.py": "Timeline",
    "pages/evidence.py": "Evidence reader",
    "pages/data.py": "Data and downloads",
    "pages/about.py": "About the data",
}


@pytest.fixture(autouse=True)
def app_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run from the repository root with the shipped data and an empty user folder."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    monkeypatch.setenv("DASHBOARD_USER_DIR", str(tmp_path / "user-articles"))
    frame_runs_every_rerun(monkeypatch)


def new_app() -> AppTest:
    return AppTest.from_file(str(ENTRY), default_timeout=TIMEOUT)


def open_page(page: str, at: AppTest | None = None) -> AppTest:
    """Run the frame once (it lands on the default page), then switch to ``page``."""
    at = new_app() if at is None else at  # NOTE: not `at or ...`: an AppTest that has not run is falsy
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


_FLOWS_SHOWN = re.compile(r"(\d+) of (\d+) flows shown")


def flows_shown(at: AppTest) -> tuple[int, int]:
    """The "N of M flows shown" count the overview prints (in a caption or Markdown)."""
    found = [_FLOWS_SHOWN.search(e.value) for e in [*at.caption, *at.markdown]]
    found = [m for m in found if m]
    assert len(found) == 1, [m.group(0) for m in found]
    return int(found[0].group(1)), int(found[0].group(2))


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def plotly_specs(at: AppTest) -> Iterator[str]:
    for chart in at.get("plotly_chart"):
        yield chart.proto.spec


# --- every page -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(PAGE_TITLES))
def test_page_runs_and_shows_its_title(page: str) -> None:
    at = open_page(page)
    assert not at.exception, [e.message for e in at.exception]
    assert PAGE_TITLES[page] in titles(at)
    assert at.sidebar.children, "the frame's sidebar (filters) is missing"
    assert any("Source: one news article" in c.value for c in at.caption), "the provenance footer is missing"


# --- the overview ---------------------------------------------------------------------------


def test_overview_shows_every_headline_figure_once_per_claim() -> None:
    """Six figures, of which two (WSJ's and Shin's "more than 10,000") assert one claim: five panels."""
    at = open_page("pages/overview.py")
    figures = read_records(ROOT / "data", "figures")
    labels = {r["claim_id"]: r["title"] for r in read_records(ROOT / "data", "claims")}
    claim_of = {r["flow_id"]: r["claim_id"] for r in read_records(ROOT / "data", "flows")}
    expected = {labels[claim_of[r["flow_id"]]] if r["flow_id"] else r["measure"] for r in figures}
    assert len(figures) == 6 and len(expected) == 5
    panels = {unescape_markdown(m.label): m.value for m in at.metric if unescape_markdown(m.label) in expected}
    assert set(panels) == expected
    values = list(panels.values())
    for value in ("10,000+", "≤100,000", "13,000+"):
        assert values.count(value) == 1, value
    captions = [unescape_markdown(c.value) for c in at.caption]
    assert any("more than 10,000 troops (Shin Won-sik (SBS), The Wall Street Journal)" in c
               and "7 assertions · 6 independent sources · 1 article" in c for c in captions)
    for figure in figures:  # each figure keeps its measure and who says so, on the page
        assert any(figure["measure"] in c and figure["attributed_to"] in c for c in captions), figure["figure_id"]


def test_overview_draws_the_map_from_local_files() -> None:
    at = open_page("pages/overview.py")
    specs = [json.loads(spec) for spec in plotly_specs(at)]
    assert specs, "no Plotly chart on the overview"
    flow_map = next(s for s in specs if any(t.get("type") == "choropleth" for t in s["data"]))
    layers = [t for t in flow_map["data"] if "locations" in t]
    assert layers and all(t["geojson"] == COUNTRIES_GEOJSON_URL for t in layers)
    assert "http" not in json.dumps(flow_map)
    lines = [t["meta"] for t in flow_map["data"] if isinstance(t.get("meta"), dict)]
    claim_of = {r["flow_id"]: r["claim_id"] for r in read_records(ROOT / "data", "flows")}
    # By default one line per claim, each naming its claim and the claim's strongest assertion.
    assert sorted(m["claim_id"] for m in lines) == sorted(r["claim_id"] for r in read_records(ROOT / "data", "claims"))
    assert all(claim_of[m["flow_id"]] == m["claim_id"] for m in lines), lines


def map_spec(at: AppTest) -> dict:
    specs = [json.loads(spec) for spec in plotly_specs(at)]
    return next(s for s in specs if any(t.get("type") == "choropleth" for t in s["data"]))


def map_lines(at: AppTest) -> list[dict]:
    return [t["meta"] for t in map_spec(at)["data"] if isinstance(t.get("meta"), dict)]


def test_the_claims_on_the_map_are_a_table_on_request() -> None:
    at = open_page("pages/overview.py")
    claims = read_records(ROOT / "data", "claims")
    (toggle,) = [t for t in at.toggle if t.label == f"Show the {len(claims)} claims on the map as a table"]
    toggle.set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    tables = [frame.value for frame in at.dataframe if "Independent sources" in frame.value.columns]
    assert len(tables) == 1 and len(tables[0]) == len(claims)


def test_the_toggle_draws_one_line_per_assertion() -> None:
    at = open_page("pages/overview.py")
    at.toggle(key="map_per_assertion").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    lines = map_lines(at)
    assert sorted(m["flow_id"] for m in lines) == sorted(r["flow_id"] for r in read_records(ROOT / "data", "flows"))
    assert not any("claim_id" in m for m in lines), "the per-assertion map drew claim lines"


def test_a_link_can_open_the_per_assertion_map() -> None:
    at = new_app()
    at.query_params.update({"lines": "assertions"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert len(map_lines(at)) == len(read_records(ROOT / "data", "flows"))


def test_the_claim_map_is_made_from_the_filtered_flows() -> None:
    records = read_records(ROOT / "data", "flows")
    troop_claims = {r["claim_id"] for r in records if r["category"] == "troops"}
    assert 0 < len(troop_claims) < len({r["claim_id"] for r in records})
    at = new_app()
    at.query_params.update({"category": "troops"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert sorted(m["claim_id"] for m in map_lines(at)) == sorted(troop_claims)


def test_a_chosen_claim_opens_every_assertion_with_its_sentence() -> None:
    """What a click on the troops claim's line opens (the click itself is checked in the browser tests)."""
    records = read_records(ROOT / "data", "flows")
    troops = [r for r in records if r["claim_id"] == "C03"]
    assert len(troops) == 7
    at = open_page("pages/overview.py")
    at.session_state["selected_claim"] = "C03"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    texts = [unescape_markdown(m.value) for m in at.markdown]
    assert any("7 assertions · 6 independent sources · 1 article" in t for t in texts), texts
    tables = [frame.value for frame in at.dataframe if "Quote" in frame.value.columns]
    assert len(tables) == 1, "the claim's assertions table is missing"
    (table,) = tables
    assert sorted(table["Flow"]) == sorted(f"evidence?row={r['flow_id']}" for r in troops)
    assert sorted(table["Quote"]) == sorted(r["quote"] for r in troops)
    assert "Close the details" in [b.label for b in at.button]


def test_overview_counts_every_flow_by_default() -> None:
    total = len(read_records(ROOT / "data", "flows"))
    assert flows_shown(open_page("pages/overview.py")) == (total, total)


# --- the filters ---------------------------------------------------------------------------


def test_category_filter_narrows_the_flows_and_the_url() -> None:
    records = read_records(ROOT / "data", "flows")
    troops = sum(r["category"] == "troops" for r in records)
    assert 0 < troops < len(records)
    at = open_page("pages/overview.py")
    at.multiselect(key="f_category").set_value(["troops"]).run()
    assert not at.exception, [e.message for e in at.exception]
    assert flows_shown(at) == (troops, len(records))
    assert at.query_params.get("category") in ("troops", ["troops"])
    # The filter holds on another page, and the frame keeps the URL.
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert at.download_button[0].label.startswith(f"Download these {troops} flows")
    assert at.query_params.get("category") in ("troops", ["troops"])


def test_a_shared_link_opens_with_its_filters() -> None:
    """category=troops&from=2024-06&to=2024-10: the troop flows dated November 2024 drop out, undated ones stay."""
    records = read_records(ROOT / "data", "flows")
    troops = [r for r in records if r["category"] == "troops"]
    dated = [r for r in troops if r["date_start"] or r["date_end"]]
    assert dated and all((r["date_start"] or r["date_end"]).startswith("2024-11") for r in dated)
    at = new_app()
    at.query_params.update({"category": "troops", "from": "2024-06", "to": "2024-10"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert flows_shown(at) == (len(troops) - len(dated), len(records))
    assert at.select_slider(key="f_months").value == ("2024-06", "2024-10")
    at.run()  # a rerun keeps the date range (it used to collapse to one month and fail)
    assert not at.exception, [e.message for e in at.exception]
    assert at.select_slider(key="f_months").value == ("2024-06", "2024-10")
    assert flows_shown(at) == (len(troops) - len(dated), len(records))


def test_unknown_values_in_a_link_are_ignored() -> None:
    at = new_app()
    at.query_params.update({"category": "bogus", "view": "Mars", "from": "2024-13"})
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    total = len(read_records(ROOT / "data", "flows"))
    assert flows_shown(at) == (total, total)
    assert "category" not in at.query_params


# --- the data page --------------------------------------------------------------------------


def test_data_page_offers_three_downloads() -> None:
    at = open_page("pages/data.py")
    labels = [b.label for b in at.download_button]
    assert len(labels) == 3
    assert any("flows (CSV)" in label for label in labels) and any("zip" in label for label in labels)
    assert "Download their 24 claims (CSV)" in labels
    assert at.dataframe, "the tables are missing"
    headers = [list(frame.value.columns) for frame in at.dataframe]
    assert any("Independent sources" in columns for columns in headers), "the corroboration table is missing"


# --- the evidence reader --------------------------------------------------------------------


def test_evidence_page_marks_the_sentence_of_a_row_from_the_url() -> None:
    f09 = next(r for r in read_records(ROOT / "data", "flows") if r["flow_id"] == "F09")
    at = new_app()
    at.query_params["row"] = "F09"
    at = open_page("pages/evidence.py", at)
    assert not at.exception, [e.message for e in at.exception]
    shown = [unescape_markdown(i.value) for i in at.info]
    assert any(f09["quote"] in text for text in shown), shown
    assert at.selectbox[0].value == "F09"


# --- a broken data package --------------------------------------------------------------------


def set_cell(path: Path, row_id: str, column: str, value: str) -> int:
    """Set one cell of a CSV (row found by its first column); return the line the row starts on."""
    header, records, starts = read_csv(path)
    index = next(i for i, r in enumerate(records) if r[0] == row_id)
    records[index][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(records)
    return starts[index]


def test_a_broken_data_package_shows_the_error_page(broken_copy: Callable[[], Path],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = broken_copy()
    line = set_cell(folder / "flows.csv", "F09", "status", "rumoured")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    at = new_app()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert titles(at) == ["The dataset cannot be shown"]
    # Readers never see the server's folders (issue 13): the file is named relative to the package.
    assert at.error and str(folder) not in at.error[0].value and "has 1 problem(s)" in at.error[0].value
    listing = "\n".join(c.value for c in at.code)
    assert f"flows.csv, line {line}, column status" in listing
    assert "rumoured" in listing
    assert not at.metric, "the dashboard must not be drawn from a broken package"


# --- adding an article ----------------------------------------------------------------------


def test_add_page_matches_a_second_report_to_its_claim_and_saves_it(tmp_path: Path) -> None:
    at = open_page("pages/add.py")
    at.text_area[0].input("North Korea has sent more than 11,000 soldiers to Russia's Kursk region, Reuters reported.")
    next(t for t in at.text_input if t.label == "Outlet").input("Example Daily")
    next(b for b in at.button if b.label == "Propose rows").click().run()
    assert not at.exception, [e.message for e in at.exception]
    claim = next(s for s in at.selectbox if s.label.startswith("Claim"))
    assert claim.value == "C03", claim.options
    assert "New claim: a flow no earlier report has" in claim.options
    source = next(t for t in at.text_input if t.label.startswith("Primary source"))
    assert source.value == "Reuters"
    next(b for b in at.button if b.label == "Accept").click().run()
    assert "1 corroborate existing claims; 0 new claims." in [c.value for c in at.caption]
    next(b for b in at.button if b.label == "Save the article").click().run()
    assert not at.exception, [e.message for e in at.exception]
    (saved,) = [p for p in (tmp_path / "user-articles").iterdir() if not p.name.startswith(".")]
    header, records, _ = read_csv(saved / "flows.csv")
    assert [r[header.index("claim_id")] for r in records] == ["C03"]
    assert [r[header.index("primary_source")] for r in records] == ["Reuters"]
