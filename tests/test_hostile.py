"""Hostile text in every free-text field of a copy of the dataset: shown literally, never run.

The catalogue below is the one list of hostile strings; the browser test imports it and the copy.
Each string goes into the free-text columns of a copy of data/ (never ids, codes, quotes or hedges:
those must match a vocabulary or the article's words, so the copy still validates). Then:
(a) the figures carry it only escaped, in hover text or custom data, never in a template;
(b) every page runs on the copy, and Markdown shows it escaped (no raw HTML, the backslashes there);
(c) the CSV export neutralises formula cells and keeps awkward cells whole.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.test_bad_data_app import ENTRY, PAGES, TIMEOUT, app_env, open_app  # noqa: F401 (app_env is a fixture)
from tracker.constants import DATA_DIR
from tracker.dataset import Dataset, load_dataset, resource_fields
from tracker.exports import FORMULA_PREFIXES, to_csv_bytes
from tracker.figures import INDIVIDUAL_FLOW_LIMIT, build_flow_map, build_sankey, build_timeline
from tracker.formatting import escape_markdown
from tracker.timeline import build_timeline_rows

# --- the catalogue ----------------------------------------------------------------------------

HOSTILE: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[link](javascript:alert(1))",
    "$x^2$",
    "$$",
    "%{customdata[0]}",
    "%{x}",
    "=SUM(A1:A2)",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "**bold**",
    "<b>bold</b>",
    "&amp; &lt;",
    "{{7*7}}",
    "</textarea><svg onload=alert(1)>",
    'one, "two"\nthree',
    "emoji 🚀 RTL مرحبا עברית \u202eevil\u202c",
    "back\\slash \\\\ \\n",
    "javascript:alert(1)",
    "<iframe src=javascript:alert(1)></iframe>",
    "<style>*{display:none}</style>",
    ":red[red] :material/home: :smile:",
    "_under_ `code` ~~strike~~",
    "# heading",
    "![pic](x)",
    "<!-- comment -->",
    "${7*7}",
    "<br>line<br/>break",
)

# Free-text columns filled with the catalogue, table by table.
HOSTILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "flows": ("item", "attributed_to", "primary_source", "notes"),
    "claims": ("title", "notes"),
    "events": ("title", "attributed_to", "notes"),
    "exchanges": ("title", "description", "attributed_to"),
    "figures": ("measure", "attributed_to", "unit", "notes"),
    "places": ("name",),
    "sources": ("headline", "outlet"),
}

# Substrings that would mean a string from the data reached HTML as markup.
RAW_MARKUP = ("<script", "<img", "<a href", "<svg", "<iframe", "<style", "<b>bold", "</textarea", "<!--")


def hostile_value(row: int, column: int) -> str:
    """The catalogue string for a row and column: each column walks the whole list, shifted."""
    return HOSTILE[(row + 7 * column) % len(HOSTILE)]


def write_hostile_copy(target: Path, data_dir: Path = DATA_DIR) -> Path:
    """Copy the data package to ``target`` with every free-text column filled from the catalogue."""
    shutil.copytree(data_dir, target)
    for table, columns in HOSTILE_COLUMNS.items():
        path = target / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.DictReader(handle))
            header = list(records[0])
        for row, record in enumerate(records):
            for column, name in enumerate(columns):
                record[name] = hostile_value(row, column)
        with path.open("w", encoding="utf-8", newline="") as handle:
            # NOTE: every cell quoted: Python 3.11's csv module leaves a lone "\r" unquoted when the line
            # terminator is "\n", and a reader then splits the row there.
            writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", quoting=csv.QUOTE_ALL)
            writer.writeheader()
            writer.writerows(records)
    return target


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid copy of data/ whose free-text columns hold the catalogue."""
    return write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile(hostile_dir: Path) -> Dataset:
    return load_dataset(hostile_dir)


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(DATA_DIR)


def _normalise(text: str) -> str:
    """Collapse white space, as a wrapped label or a rendered page does."""
    return " ".join(text.split())


def test_the_catalogue_is_long_and_the_copy_still_validates(hostile: Dataset) -> None:
    assert len(HOSTILE) >= 20 and len(set(HOSTILE)) == len(HOSTILE)
    assert set(hostile.flows["item"]) == set(HOSTILE), "every string is some flow's item"
    for table, columns in HOSTILE_COLUMNS.items():
        for column in columns:
            assert set(hostile.table(table)[column]) <= set(HOSTILE), (table, column)


# --- (a) figures: escaped in hover text and custom data, never in a template ------------------

# The markup the figure builders write themselves; anything else that looks like a tag came from the data.
OWN_PLOTLY_TAGS = re.compile(r"<br>|</?b>|</?i>|<span style='font-size:10px'>|</span>|<extra></extra>")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _labels(figure_json: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every label Plotly renders as pseudo-HTML in a figure."""
    for number, trace in enumerate(figure_json["data"]):
        for key in ("hovertext", "text", "customdata", "name"):
            for text in _strings(trace.get(key)):
                yield f"trace {number} {key}", text
        for part in ("node", "link"):
            for key in ("label", "customdata"):
                for text in _strings((trace.get(part) or {}).get(key)):
                    yield f"trace {number} {part}.{key}", text
        if trace.get("type") == "bar":
            for text in _strings(trace.get("y")):
                yield f"trace {number} y (axis label)", text


def _templates(figure_json: dict[str, Any]) -> Iterator[str]:
    for trace in figure_json["data"]:
        for holder in (trace, trace.get("node") or {}, trace.get("link") or {}):
            for key in ("hovertemplate", "texttemplate"):
                yield from _strings(holder.get(key))


def assert_only_escaped(figure_json: dict[str, Any], reference_json: dict[str, Any]) -> list[str]:
    """Fail on a tag or a bare ``&`` from the data in any label, or on data in a template; return the labels as shown.

    ``reference_json`` is the same figure built from the shipped data: its templates must be the same.
    """
    shown = []
    for where, text in _labels(figure_json):
        data_part = OWN_PLOTLY_TAGS.sub(" ", text)
        assert "<" not in data_part and ">" not in data_part, (where, text)
        assert not re.search(r"&(?!amp;|lt;|gt;)", data_part), (where, text)
        shown.append(_normalise(html.unescape(data_part)))
    # NOTE: text in a template would be parsed for %{...}; in hover text or custom data it is not.
    assert set(_templates(figure_json)) == set(_templates(reference_json))
    return shown


def _flow_map(dataset: Dataset) -> dict[str, Any]:
    countries = {p.iso3: p.name for p in dataset.places.itertuples() if p.kind == "country"}
    return json.loads(build_flow_map(dataset.flows, dataset.places, countries).to_json())


def _timeline(dataset: Dataset) -> dict[str, Any]:
    names = dict(zip(dataset.places["place_id"], dataset.places["name"], strict=True))
    return json.loads(build_timeline(build_timeline_rows(dataset.flows, dataset.events, names)).to_json())


def test_flow_map_shows_hostile_text_escaped(hostile: Dataset, shipped: Dataset) -> None:
    figure = _flow_map(hostile)

    shown = assert_only_escaped(figure, _flow_map(shipped))

    # NOTE: lines are drawn thick and long first, so each flow's line is found by its meta, not its position.
    hovers = {t["meta"]["flow_id"]: t["hovertext"] for t in figure["data"]
              if isinstance(t.get("meta"), dict) and "flow_id" in t["meta"]}
    assert len(hovers) == len(hostile.flows)
    for flow in hostile.flows.to_dict("records"):
        hover = hovers[flow["flow_id"]]
        assert flow["flow_id"] in hover
        plain = _normalise(html.unescape(OWN_PLOTLY_TAGS.sub(" ", hover)))
        for column in ("item", "attributed_to"):
            assert _normalise(flow[column]) in plain, (column, flow[column], plain)
    joined = "\n".join(shown)
    for name in hostile.places["name"]:
        assert _normalise(name) in joined, name
    # Custom data (what a click hands back to the app) is flow ids only, nothing from the text.
    ids = set(hostile.flows["flow_id"])
    custom = [value for trace in figure["data"] for value in _strings(trace.get("customdata"))]
    assert custom and set(custom) <= ids


def _many(dataset: Dataset, copies: int) -> pd.DataFrame:
    """The flows repeated under new ids: enough of them for the map to merge flows by route and category."""
    frames = [dataset.flows.assign(flow_id=[f"F{n}{i:03d}" for i in range(len(dataset.flows))])
              for n in range(1, copies + 1)]
    return pd.concat(frames, ignore_index=True)


def test_merged_flow_map_shows_hostile_text_escaped(hostile: Dataset, shipped: Dataset) -> None:
    copies = INDIVIDUAL_FLOW_LIMIT // len(hostile.flows) + 1
    countries = {p.iso3: p.name for p in hostile.places.itertuples() if p.kind == "country"}
    figure = json.loads(build_flow_map(_many(hostile, copies), hostile.places, countries).to_json())
    reference = json.loads(build_flow_map(_many(shipped, copies), shipped.places, {}).to_json())
    assert any((t.get("meta") or {}).get("merged") for t in figure["data"]), "the map did not merge the flows"

    shown = "\n".join(assert_only_escaped(figure, reference))

    assert sum(_normalise(item[:80]) in shown for item in hostile.flows["item"]) >= len(HOSTILE) // 2


def test_timeline_shows_hostile_text_escaped(hostile: Dataset, shipped: Dataset) -> None:
    names = dict(zip(hostile.places["place_id"], hostile.places["name"], strict=True))
    rows = build_timeline_rows(hostile.flows, hostile.events, names)
    assert len(rows) > 10
    figure = _timeline(hostile)

    shown = "\n".join(assert_only_escaped(figure, _timeline(shipped)))

    for title in rows["title"]:
        assert _normalise(title[:44]) in shown
    for who in rows["attributed_to"]:
        assert _normalise(who) in shown


def test_sankey_shows_hostile_names_escaped(hostile: Dataset, shipped: Dataset) -> None:
    names = dict(zip(hostile.places["place_id"], hostile.places["name"], strict=True))
    figure = json.loads(build_sankey(hostile.flows, names).to_json())
    shipped_names = dict(zip(shipped.places["place_id"], shipped.places["name"], strict=True))

    shown = "\n".join(assert_only_escaped(figure, json.loads(build_sankey(shipped.flows, shipped_names).to_json())))

    for code in set(hostile.flows["origin_iso3"]):
        assert _normalise(f"{names[code]} sends") in shown


# --- (c) the CSV export --------------------------------------------------------------------------

# What a spreadsheet runs as a formula (OWASP's CSV injection list); written here, not imported.
SPREADSHEET_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_exported_csv_neutralises_formulas_and_keeps_awkward_cells_whole(hostile: Dataset) -> None:
    assert set(FORMULA_PREFIXES) >= set(SPREADSHEET_FORMULA_STARTS)
    fields = resource_fields(hostile.package, "flows")
    data = to_csv_bytes(hostile.flows, fields)

    as_text = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))

    assert len(as_text) == len(records) == len(hostile.flows), "a cell broke its row"
    assert list(as_text.columns) == [f["name"] for f in fields]
    for column in ("item", "attributed_to", "notes"):
        for original, cell, record in zip(hostile.flows[column], as_text[column], records, strict=True):
            expected = "'" + original if original.startswith(SPREADSHEET_FORMULA_STARTS) else original
            assert cell == expected == record[column], (column, original, cell)
    awkward = 'one, "two"\nthree'
    assert awkward in set(as_text["item"]), "a cell with a comma, a quote and a line break is one cell"
    # Numbers stay numbers: unquoted, no apostrophe, read back as numbers.
    as_numbers = pd.read_csv(io.BytesIO(data), keep_default_na=False, na_values=[""])
    for column in ("quantity_low", "quote_start", "quote_end"):
        assert pd.api.types.is_numeric_dtype(as_numbers[column]), column
    assert as_numbers["quote_end"].tolist() == hostile.flows["quote_end"].astype(int).tolist()
    for line in data.decode("utf-8").split("\n")[1:]:
        assert not re.search(r",\"?'\d", line), line


# --- (b) every page on the hostile copy: Markdown shows the text escaped ------------------------

# Characters Streamlit's Markdown acts on (CommonMark, GitHub extensions, KaTeX, directives, entities),
# listed here rather than taken from escape_markdown, so a character it stops escaping is caught.
MARKDOWN_ACTIVE_CHARACTERS = set("\\`*_{}[]()#+-.!|<>~$:&")
MARKDOWN_ACTIVE = tuple(h for h in HOSTILE if MARKDOWN_ACTIVE_CHARACTERS & set(h))
UNESCAPED_TAG = re.compile(r"(?<!\\)<[A-Za-z/!]")
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
LABELLED_KINDS = ("metric", "expander", "tab", "button", "download_button", "selectbox", "multiselect",
                  "select_slider", "toggle", "checkbox", "text_input", "text_area", "radio")


def markdown_texts(at: AppTest) -> list[tuple[str, str]]:
    """(kind, text) of everything on the page Streamlit renders as Markdown: bodies, labels and help."""
    texts = [(kind, e.value) for kind in MARKDOWN_KINDS for e in at.get(kind)]
    for kind in LABELLED_KINDS:
        for element in at.get(kind):
            texts += [(f"{kind} {attr}", getattr(element, attr)) for attr in ("label", "help")
                      if isinstance(getattr(element, attr, None), str)]
    return texts


def assert_markdown_escaped(at: AppTest) -> list[str]:
    """Fail if any Markdown on the page holds a hostile string unescaped; return the Markdown texts."""
    # NOTE: the project's own README is Markdown on purpose (st.markdown strips its ends, hence _normalise).
    readme = _normalise((DATA_DIR / "README.md").read_text(encoding="utf-8"))
    texts = [(kind, text) for kind, text in markdown_texts(at) if _normalise(text) != readme]
    assert texts
    # NOTE: a form escape_markdown left unchanged is not removed, so a string it stops escaping is caught.
    escaped_forms = sorted({escape_markdown(h) for h in MARKDOWN_ACTIVE} - set(MARKDOWN_ACTIVE), key=len, reverse=True)
    for kind, text in texts:
        assert not UNESCAPED_TAG.search(text), (kind, text)
        rest = text
        for escaped in escaped_forms:  # "\\# heading" holds "# heading"; only what is left over is raw
            rest = rest.replace(escaped, "")
        for raw in MARKDOWN_ACTIVE:
            assert raw not in rest, (kind, raw, text)
    return [text for _, text in texts]


@pytest.fixture
def hostile_app(request: pytest.FixtureRequest, hostile_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """AppTest's set-up (app_env, from tests/test_bad_data_app.py) with DASHBOARD_DATA_DIR on the hostile copy."""
    request.getfixturevalue("app_env")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(hostile_dir))
    return hostile_dir


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_hostile_text_and_escapes_its_markdown(hostile_app: Path, page: str) -> None:
    at = open_app(page)

    texts = "\n".join(assert_markdown_escaped(at))
    assert "The dataset cannot be shown" not in texts, "the hostile copy must be valid"
    assert escape_markdown(HOSTILE[7]) in texts, "the footer names the outlet, escaped"


def test_overview_metrics_show_hostile_figures_escaped(hostile_app: Path, hostile: Dataset) -> None:
    at = open_app()
    # the flow table is drawn on request only
    next(t for t in at.toggle if t.label.startswith("Show all")).set_value(True).run()

    texts = "\n".join(assert_markdown_escaped(at))
    labels = [m.label for m in at.metric]
    helps = "\n".join(m.help for m in at.metric)
    # NOTE: one panel per claim, labelled with the claim's title; each figure's measure is in its help.
    claim_of = dict(zip(hostile.flows["flow_id"], hostile.flows["claim_id"], strict=True))
    titles = dict(zip(hostile.claims["claim_id"], hostile.claims["title"], strict=True))
    for figure in hostile.figures.to_dict("records"):
        label = titles[claim_of[figure["flow_id"]]] if figure["flow_id"] else figure["measure"]
        assert escape_markdown(label) in labels, label
        assert escape_markdown(figure["measure"]) in helps, figure["measure"]
        assert escape_markdown(figure["unit"]) in helps, figure["unit"]
        assert escape_markdown(figure["attributed_to"]) in texts, figure["attributed_to"]
    names = dict(zip(hostile.places["place_id"], hostile.places["name"], strict=True))
    assert escape_markdown(names["PRK"]) in texts and escape_markdown(names["RUS"]) in texts
    # Tables show the text as it is: a data grid renders no markup.
    shown = pd.concat([d.value for d in at.dataframe if "What" in d.value.columns])
    assert set(hostile.flows["item"]) <= {what.split(": ", 1)[1] for what in shown["What"]}


def test_flow_detail_panel_shows_hostile_text_escaped(hostile_app: Path, hostile: Dataset) -> None:
    at = open_app()
    # NOTE: a flow's own detail opens from the per-assertion map (the toggle); the claim map opens claims.
    at.session_state["map_per_assertion"] = True
    exchanges = dict(zip(hostile.exchanges["exchange_id"], hostile.exchanges["title"], strict=True))
    for flow in hostile.flows.to_dict("records"):
        at.session_state["selected_flow"] = flow["flow_id"]
        at.run()
        assert not at.exception, [e.message for e in at.exception]

        texts = "\n".join(assert_markdown_escaped(at))
        assert escape_markdown(flow["item"]) in texts, flow["item"]
        assert escape_markdown(flow["attributed_to"]) in texts, flow["attributed_to"]
        assert escape_markdown(f"Note: {flow['notes']}") in texts, flow["notes"]
        if flow["exchange_id"]:
            assert escape_markdown(exchanges[flow["exchange_id"]]) in texts


def test_claim_detail_panel_shows_hostile_text_escaped(hostile_app: Path, hostile: Dataset) -> None:
    at = open_app()
    for claim in hostile.claims.to_dict("records"):
        at.session_state["selected_claim"] = claim["claim_id"]
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        texts = "\n".join(assert_markdown_escaped(at))
        assert escape_markdown(claim["title"]) in texts, claim["title"]


def test_evidence_reader_lists_hostile_labels_literally(hostile_app: Path, hostile: Dataset) -> None:
    at = AppTest.from_file(str(ENTRY), default_timeout=TIMEOUT)
    at.query_params["row"] = "F01"
    at = open_app("pages/evidence.py", at)

    assert_markdown_escaped(at)
    options = at.selectbox[0].options
    # NOTE: a select box shows its options as plain text, so they carry the text unescaped.
    for flow in hostile.flows.to_dict("records"):
        assert f"{flow['flow_id']} · {flow['item']}" in options
    assert any(hostile.flows["quote"].iloc[0][:40] in i.value.replace("\\", "") for i in at.info)


def test_data_and_timeline_tables_hold_the_text_unchanged(hostile_app: Path, hostile: Dataset) -> None:
    at = open_app("pages/data.py")
    tables = {tuple(d.value.columns): d.value for d in at.dataframe}
    flows = next(t for cols, t in tables.items() if "item" in cols and "flow_id" in cols)
    assert flows["item"].tolist() == hostile.flows["item"].tolist()
    assert flows["notes"].tolist() == hostile.flows["notes"].tolist()

    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert_markdown_escaped(at)
    table = at.dataframe[0].value
    assert set(hostile.events["title"]) <= set(table["Title"])
