"""Downloads: exact CSV bytes, the data package zip, and file names that say what they hold."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from tracker.dataset import load_dataset, read_package, resource_fields
from tracker.exports import filtered_file_name, package_zip, to_csv_bytes

FIELDS = [
    {"name": "id", "type": "string"},
    {"name": "text", "type": "string"},
    {"name": "count", "type": "integer"},
    {"name": "share", "type": "number"},
    {"name": "flag", "type": "boolean"},
]


@pytest.fixture
def small_frame() -> pd.DataFrame:
    """Columns out of schema order plus one the schema does not list, typed as the loader types them."""
    return pd.DataFrame({
        "flag": [True, False, True, False, True, False, True, False],
        "extra": ["not exported"] * 8,
        "share": pd.array([0.5, 2.25, None, 1.5, 0.25, 3.75, 100.5, -0.5], dtype="Float64"),
        "text": ["=SUM(A1:A2)", "+1", "-2", "@cmd", "\tTab", "\rCR", 'He said "hi", then\nleft', "plain é 中"],
        "count": pd.array([1, None, -5, 7, 8, 9, 10, 0], dtype="Int64"),
        "id": ["a", "b", "c", "d", "e", "f", "g", "h"],
    })


EXPECTED_CSV = (
    "id,text,count,share,flag\n"
    "a,'=SUM(A1:A2),1,0.5,true\n"
    "b,'+1,,2.25,false\n"
    "c,'-2,-5,,true\n"  # a negative number stays a number; only text is neutralised
    "d,'@cmd,7,1.5,false\n"
    "e,'\tTab,8,0.25,true\n"
    "f,\"'\rCR\",9,3.75,false\n"  # a bare carriage return must be quoted or a reader splits the row
    "g,\"He said \"\"hi\"\", then\nleft\",10,100.5,true\n"
    "h,plain é 中,0,-0.5,false\n"
).encode()


def test_csv_bytes_are_exactly_as_expected(small_frame: pd.DataFrame) -> None:
    assert to_csv_bytes(small_frame, FIELDS) == EXPECTED_CSV


def test_csv_reads_back_to_the_same_cells(small_frame: pd.DataFrame) -> None:
    records = list(csv.reader(io.StringIO(to_csv_bytes(small_frame, FIELDS).decode("utf-8"), newline="")))
    assert records[0] == [f["name"] for f in FIELDS]
    assert len(records) == len(small_frame) + 1, "a cell broke its row"
    texts = [r[1] for r in records[1:]]
    assert texts[6] == 'He said "hi", then\nleft'
    assert texts[5] == "'\rCR"
    assert [t.lstrip("'") for t in texts[:6]] == small_frame["text"].tolist()[:6]


def test_csv_numbers_stay_numbers(small_frame: pd.DataFrame) -> None:
    back = pd.read_csv(io.BytesIO(to_csv_bytes(small_frame, FIELDS)))
    assert len(back) == len(small_frame)
    assert pd.api.types.is_float_dtype(back["share"]) and pd.api.types.is_numeric_dtype(back["count"])
    assert back["count"].tolist()[2:5] == [-5, 7, 8]
    assert back["share"].iloc[6] == 100.5
    assert back["flag"].tolist() == small_frame["flag"].tolist()


def test_csv_can_keep_text_as_it_is(small_frame: pd.DataFrame) -> None:
    text = to_csv_bytes(small_frame, FIELDS, neutralise=False).decode("utf-8")
    assert "a,=SUM(A1:A2),1," in text and "c,-2,-5," in text
    assert "'" not in text


def test_csv_of_the_real_flows_is_in_schema_order(data_dir: Path) -> None:
    dataset = load_dataset(data_dir)
    fields = resource_fields(dataset.package, "flows")
    records = list(csv.reader(io.StringIO(to_csv_bytes(dataset.flows, fields).decode("utf-8"), newline="")))
    with (data_dir / "flows.csv").open(encoding="utf-8", newline="") as handle:
        original = list(csv.reader(handle))
    assert records[0] == original[0] == [f["name"] for f in fields]
    assert len(records) == len(original)
    f09 = next(r for r in records if r[0] == "F09")
    assert f09[records[0].index("quantity_low")] == "10000.0"
    assert f09[records[0].index("quote")] == next(r for r in original if r[0] == "F09")[original[0].index("quote")]


def test_csv_of_no_rows_is_the_header(small_frame: pd.DataFrame) -> None:
    assert to_csv_bytes(small_frame.iloc[0:0], FIELDS) == b"id,text,count,share,flag\n"


# --- package_zip ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def package(data_dir: Path) -> dict:
    return read_package(data_dir)


@pytest.fixture(scope="module")
def zip_bytes(data_dir: Path, package: dict) -> bytes:
    return package_zip(data_dir, package)


def test_zip_holds_the_whole_package(zip_bytes: bytes, package: dict, data_dir: Path) -> None:
    prefix = f"{package['name']}/"
    names = zipfile.ZipFile(io.BytesIO(zip_bytes)).namelist()
    assert all(n.startswith(prefix) for n in names)
    inside = {n.removeprefix(prefix) for n in names}
    assert {"datapackage.json", "README.md"} <= inside
    assert {r["path"] for r in package["resources"]} <= inside
    assert {f"{r['name']}.csv" for r in package["resources"]} <= inside
    sources = {str(p.relative_to(data_dir)) for p in (data_dir / "sources").iterdir() if p.is_file()}
    assert sources and sources <= inside


def test_zip_files_are_the_files_on_disk(zip_bytes: bytes, package: dict, data_dir: Path) -> None:
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    for name in archive.namelist():
        assert archive.read(name) == (data_dir / name.removeprefix(f"{package['name']}/")).read_bytes(), name
    assert json.loads(archive.read(f"{package['name']}/datapackage.json")) == package


def test_zip_holds_the_source_text(zip_bytes: bytes, package: dict, data_dir: Path) -> None:
    with (data_dir / "sources.csv").open(encoding="utf-8", newline="") as handle:
        paths = [r["path"] for r in csv.DictReader(handle)]
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    for path in paths:
        text = archive.read(f"{package['name']}/{path}").decode("utf-8")
        assert "more than 10,000 men now fortifying Russian lines in the Kursk region" in text


def test_zip_is_deterministic(data_dir: Path, package: dict, zip_bytes: bytes) -> None:
    assert package_zip(data_dir, package) == zip_bytes
    dates = {info.date_time for info in zipfile.ZipFile(io.BytesIO(zip_bytes)).infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}, "one fixed date, which claims no date for the files"


def test_zip_does_not_depend_on_file_times(broken_copy, package: dict, zip_bytes: bytes) -> None:
    folder = broken_copy()
    for path in folder.rglob("*"):
        if path.is_file():
            path.touch()
    assert package_zip(folder, package) == zip_bytes


# --- filtered_file_name ----------------------------------------------------------------------


@pytest.mark.parametrize(("table", "published", "is_filtered", "expected"), [
    ("flows", "2024-11-22", True, "flows_filtered_2024-11-22.csv"),
    ("flows", "2024-11-22", False, "flows_all_2024-11-22.csv"),
    ("events", "2024-11", False, "events_all_2024-11.csv"),
])
def test_filtered_file_name(table: str, published: str, is_filtered: bool, expected: str) -> None:
    assert filtered_file_name(table, published, is_filtered) == expected


# --- the zip is as safe as the single CSVs (issue 13) -----------------------------------------


def test_zip_neutralises_formula_cells_of_every_csv(broken_copy, package: dict) -> None:
    folder = broken_copy()
    path = folder / "flows.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",Air defence missiles,",
                                                             ',"=HYPERLINK(""http://x"")",', 1), encoding="utf-8")
    archive = zipfile.ZipFile(io.BytesIO(package_zip(folder, package, (folder,))))
    for name in (f"{package['name']}/flows.csv", f"{package['name']}/added-articles/{folder.name}/flows.csv"):
        rows = list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
        assert rows[0]["item"] == "'=HYPERLINK(\"http://x\")", name
        assert rows[0]["quote_start"] == "0", "numbers stay numbers"
    unchanged = archive.read(f"{package['name']}/places.csv")
    assert unchanged == (folder / "places.csv").read_bytes()


def test_zip_leaves_out_a_file_that_links_out_of_the_package(broken_copy, package: dict, tmp_path: Path) -> None:
    folder = broken_copy()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    (folder / "sources" / "linked.txt").symlink_to(secret)
    archive = zipfile.ZipFile(io.BytesIO(package_zip(folder, package)))
    assert not any(name.endswith("linked.txt") for name in archive.namelist())


# --- claims ---------------------------------------------------------------------------------


def test_flows_csv_keeps_one_row_per_assertion_with_its_claim(data_dir: Path) -> None:
    dataset = load_dataset(data_dir)
    records = list(csv.DictReader(io.StringIO(
        to_csv_bytes(dataset.flows, resource_fields(dataset.package, "flows")).decode("utf-8"), newline="")))
    assert len(records) == len(dataset.flows) > len(dataset.claims)
    assert [r["claim_id"] for r in records] == list(dataset.flows["claim_id"])
    assert {r["claim_id"] for r in records} == set(dataset.claims["claim_id"])


def test_claims_csv_is_the_shipped_file(data_dir: Path) -> None:
    dataset = load_dataset(data_dir)
    exported = to_csv_bytes(dataset.claims, resource_fields(dataset.package, "claims"), neutralise=False)
    assert exported == (data_dir / "claims.csv").read_bytes()


def test_zip_holds_the_claims(zip_bytes: bytes, package: dict, data_dir: Path) -> None:
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
    assert archive.read(f"{package['name']}/claims.csv") == (data_dir / "claims.csv").read_bytes()
