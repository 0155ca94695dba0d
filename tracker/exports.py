"""Downloads: CSV bytes safe to open in a spreadsheet, and the whole data package as a zip."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from tracker.dataset import cast_to_schema
from tracker.shape import resolve_inside

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# NOTE: the earliest date a zip can hold, as reproducible builds use: the same data always gives the same
# bytes, and no date is claimed for the files (the article's date is in sources.csv, not typed here).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def neutralise_formula(value: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def to_csv_bytes(frame: pd.DataFrame, fields: list[dict[str, Any]], neutralise: bool = True) -> bytes:
    """CSV of ``frame`` in the schema's column order: UTF-8, header row, formula cells neutralised.

    Text columns (type string in the schema) are neutralised; numbers, integers and booleans
    are written as numbers and true/false, so they stay numeric in a spreadsheet.
    ``neutralise=False`` writes text as it is, for the data package's own files.
    """
    columns = [f["name"] for f in fields]
    out = cast_to_schema(frame, fields)
    for spec in fields:
        if spec["type"] == "string" and neutralise:
            out[spec["name"]] = out[spec["name"]].map(neutralise_formula)
        elif spec["type"] == "boolean":
            out[spec["name"]] = out[spec["name"]].map({True: "true", False: "false"})
    cells = out[columns].astype(object)
    cells = cells.where(cells.notna(), None)
    return write_records([columns, *cells.itertuples(index=False, name=None)])


def write_records(records: list) -> bytes:
    """CSV bytes of records (the header first): UTF-8, "\n" line ends, cells quoted only where needed."""
    buffer = io.StringIO()
    for record in records:
        # NOTE: Python's csv module quotes a cell holding a bare "\r" only when "\r" is in the line terminator,
        # and an unquoted "\r" splits the row in every reader; so each record is written with "\r\n" as its
        # terminator, which is then swapped for the "\n" the project's CSVs use.
        line = io.StringIO()
        csv.writer(line, lineterminator="\r\n").writerow(record)
        buffer.write(line.getvalue()[:-2] + "\n")
    return buffer.getvalue().encode("utf-8")


def neutralise_csv(raw: bytes, fields: list[dict[str, Any]]) -> bytes:
    """A data package CSV with its text cells formula-neutralised, for a zip readers open in a spreadsheet.

    The bytes are returned unchanged when no cell needs it, so a clean package zips to its own files;
    a file that is not a readable CSV of these fields is returned as it is (it failed validation anyway).
    """
    text_columns = {i for i, f in enumerate(fields) if f.get("type") == "string"}
    try:
        records = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error):
        return raw
    changed = False
    for record in records[1:]:
        for i in text_columns & set(range(len(record))):
            safe = neutralise_formula(record[i])
            changed |= safe != record[i]
            record[i] = safe
    return write_records(records) if changed else raw


def restore_formula(value: str) -> str:
    """Undo neutralise_formula: a cell that came back from a neutralised export reads as it was written."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES) else value


def package_zip(data_dir: Path | str, package: dict[str, Any], extra_dirs: tuple[Path | str, ...] = ()) -> bytes:
    """The data package as a zip: datapackage.json, README.md, every resource and the source texts.

    Packages in ``extra_dirs`` (articles added by readers) go in ``added-articles/<folder>/``.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add_package(archive, Path(data_dir), package, package["name"])
        for extra in map(Path, extra_dirs):
            _add_package(archive, extra, package, f"{package['name']}/added-articles/{extra.name}")
    return buffer.getvalue()


def _add_package(archive: zipfile.ZipFile, data_dir: Path, package: dict[str, Any], prefix: str) -> None:
    fields = {r["path"]: r["schema"]["fields"] for r in package["resources"]}
    names = ["datapackage.json", "README.md", *fields]
    names += sorted(str(p.relative_to(data_dir)) for p in (data_dir / "sources").glob("*") if p.is_file())
    for name in dict.fromkeys(names):
        # NOTE: the same refusal as the loader's: nothing outside the package (a link out) goes into the zip.
        path, refused = resolve_inside(data_dir, name)
        if path is not None and path.is_file():
            info = zipfile.ZipInfo(f"{prefix}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            raw = path.read_bytes()
            # A reader's article may hold "=HYPERLINK(…)": every CSV that leaves the app is neutralised.
            archive.writestr(info, neutralise_csv(raw, fields[name]) if name in fields else raw)


def filtered_file_name(table: str, published: str, is_filtered: bool) -> str:
    """File name that says what the download holds: ``flows_filtered_2024-11-22.csv``."""
    return f"{table}_{'filtered' if is_filtered else 'all'}_{published}.csv"
