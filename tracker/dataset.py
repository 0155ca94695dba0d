"""Load the data package into typed DataFrames and validate it, reporting every problem at once.

The schema in ``datapackage.json`` is the single source of truth for columns, types and
constraints; the rules that a table schema cannot express (quotes that must match the
source text, date order, quantity bounds, ISO codes, exchanges) are added here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import numbers
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry

from tracker.constants import DATA_DIR, HEDGE_STATUSES, STATUS_CODES, TABLES
from tracker.dates import parse_partial_date
from tracker.shape import LARGEST_NUMBER, LONGEST_CELL, check_number, check_package_shape, resolve_inside, shown_path

# Where the saved articles' files are named in messages: relative, never the server's folder.
SAVED_PREFIX = "added-articles"

# Where a row is: the file as shown in messages, and the line its record starts on.
Where = tuple[str, int]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where it is, what was found and what is expected."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        found = f" (found {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.message}{found}"


class DatasetError(Exception):
    """The data package cannot be used; ``problems`` lists everything found wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_problems(problems))


@dataclass
class Dataset:
    """The data package as typed DataFrames, with the source texts and the schema."""

    sources: pd.DataFrame
    places: pd.DataFrame
    flows: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    exchanges: pd.DataFrame
    claims: pd.DataFrame
    texts: dict[str, str]
    package: dict[str, Any] = field(repr=False)
    # The flows' map geometry, computed once with the dataset where it is loaded for the app
    # (``tracker.figures.prepare_arcs``); None where nobody drew it yet.
    arcs: pd.DataFrame | None = field(default=None, repr=False)
    # The same for the claim map: its rows for the whole dataset (``tracker.claims.claim_map_rows``) and
    # their arcs, keyed by each claim's strongest assertion (``flow_id``).
    claim_rows: pd.DataFrame | None = field(default=None, repr=False)
    claim_arcs: pd.DataFrame | None = field(default=None, repr=False)

    def table(self, name: str) -> pd.DataFrame:
        """Return a table by its resource name."""
        return getattr(self, name)

    def place_names(self, kind: str | None = None) -> dict[str, str]:
        """place_id (a country's is its ISO3 code) -> name, of every place or of one ``kind`` (``places.kind``)."""
        return names_by_place_id(self.places, kind)


def names_by_place_id(places: pd.DataFrame, kind: str | None = None) -> dict[str, str]:
    """place_id -> name of a places table (every place, or those of one ``kind``): the one place-name lookup."""
    if kind is not None:
        places = places[places["kind"] == kind]
    return dict(zip(places["place_id"], places["name"], strict=True))


def format_problems(problems: list[Problem]) -> str:
    """Say every problem on its own line, with a count first."""
    head = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the data package:"
    return "\n".join([head, *(f"- {p}" for p in problems)])


def read_package(data_dir: Path) -> dict[str, Any]:
    """Read datapackage.json and check its shape; raise DatasetError if it is missing, not JSON or malformed.

    Messages name the file relative to the package: readers never see the server's folders.
    """
    name = "datapackage.json"
    path = Path(data_dir) / name
    try:
        if path.is_symlink() or path.is_dir():
            raise DatasetError([Problem(name, None, None, None, "must be a plain file inside the data package")])
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DatasetError([Problem(name, None, None, None, "the file is missing")]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DatasetError([Problem(name, None, None, None, f"not valid UTF-8 JSON: {error}")]) from None
    except (OSError, RecursionError):
        raise DatasetError([Problem(name, None, None, None, "the file cannot be read")]) from None
    findings = check_package_shape(package, TABLES)
    if findings:
        raise DatasetError([Problem(name, None, column, value, message) for column, value, message in findings])
    return package


def resource_fields(package: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Return the schema fields of a resource, in column order."""
    return next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]


def load_dataset(data_dir: Path | str = DATA_DIR, extra_dirs: tuple[Path | str, ...] = ()) -> Dataset:
    """Load and validate the package (and extra packages merged in); raise DatasetError listing every problem."""
    dataset, problems = validate_package(data_dir, extra_dirs)
    if problems:
        raise DatasetError(problems)
    assert dataset is not None
    return dataset


@dataclass(frozen=True)
class SetAside:
    """A saved article left off the map because it does not validate beside the shipped dataset."""

    folder: str  # the article's folder name, never the server's path
    problems: list[Problem]


def load_with_saved(data_dir: Path | str, saved_dirs: tuple[Path | str, ...]) -> tuple[Dataset, list[SetAside]]:
    """The shipped package with every saved article that validates beside it, and the ones set aside.

    One bad article never hides the others. Raises DatasetError only when the shipped package is broken.
    """
    remaining = [Path(folder) for folder in saved_dirs]
    set_aside: list[SetAside] = []
    # NOTE: one validation of everything in the common case; when it fails, the articles its problems name
    # are set aside and the rest validated again, so the cost grows with the number of bad articles only.
    while True:
        dataset, problems = validate_package(data_dir, tuple(remaining))
        if not problems:
            assert dataset is not None
            return dataset, set_aside
        named: dict[str, list[Problem]] = {}
        for problem in problems:
            if problem.file.startswith(f"{SAVED_PREFIX}/"):
                named.setdefault(problem.file.split("/")[1], []).append(problem)
        if not named or any(not p.file.startswith(f"{SAVED_PREFIX}/") for p in problems):
            load_dataset(data_dir)  # raises the shipped package's own problems if it is broken
        if not named:
            raise DatasetError(problems)
        set_aside += [SetAside(folder.name, named[folder.name]) for folder in remaining if folder.name in named]
        remaining = [folder for folder in remaining if folder.name not in named]


def validate_package(data_dir: Path | str = DATA_DIR,
                     extra_dirs: tuple[Path | str, ...] = ()) -> tuple[Dataset | None, list[Problem]]:
    """Validate the package (and any extra packages of the same schema, such as the user's articles).

    Return the merged dataset (None if unusable) and all problems found. Problems in the first
    package name its files plainly ("flows.csv"); in an extra package, with its folder.
    """
    try:
        return _validate_package(Path(data_dir), tuple(map(Path, extra_dirs)))
    except DatasetError:
        raise
    except Exception as error:  # noqa: BLE001 - a safety net: any other failure is still a named error
        # NOTE: the shape checks should catch every malformed package first; if one slips through, the
        # reader gets the dataset's own error page (and the operator the traceback in the server log).
        log = logging.getLogger(__name__)
        log.error("unexpected failure reading the data package in %s: %s: %s", data_dir, type(error).__name__, error)
        log.debug("the traceback", exc_info=True)
        raise DatasetError([Problem("datapackage.json", None, None, None,
                                    f"the package cannot be read by this dashboard ({type(error).__name__}); "
                                    "run `make validate` on the server for details")]) from None


def _validate_package(data_dir: Path, extra_dirs: tuple[Path, ...]) -> tuple[Dataset | None, list[Problem]]:
    package = read_package(data_dir)
    problems: list[Problem] = []
    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    where: dict[str, list[Where]] = {name: [] for name in TABLES}
    texts: dict[str, str] = {}
    for index, folder in enumerate([data_dir, *extra_dirs]):
        own_sources: set[str] = set()
        prefix = "" if index == 0 else f"{SAVED_PREFIX}/{folder.name}/"
        for name in TABLES:
            resource = next((r for r in package.get("resources", []) if r.get("name") == name), None)
            if resource is None:
                if index == 0:
                    problems.append(Problem("datapackage.json", None, None, name,
                                            "no resource of this name is described"))
                continue
            table, table_where, table_problems = _read_table(folder, resource, prefix)
            problems += table_problems
            if table is not None:
                if name == "sources":
                    own_sources = set(table["source_id"])
                problems += _check_namespace(table, resource, table_where, own_sources if index else None)
                frames[name].append(table)
                where[name] += table_where
        if len(frames["sources"]) == index + 1:
            sources = frames["sources"][-1]
            own = where["sources"][len(where["sources"]) - len(sources):]
            folder_texts, text_problems = _read_texts(folder, sources, own)
            problems += text_problems
            texts.update(folder_texts)
    if any(not frames[name] for name in TABLES):
        return None, problems
    merged = {name: pd.concat(frames[name], ignore_index=True) for name in TABLES}
    if extra_dirs:
        problems += _check_unique_across(package, merged, where)
    problems += _check_foreign_keys(package, merged, where)
    problems += _check_rules(merged, where, texts)
    typed = {name: cast_to_schema(merged[name], resource_fields(package, name)) for name in TABLES}
    return Dataset(**typed, texts=texts, package=package), problems


def _check_namespace(table: pd.DataFrame, resource: dict[str, Any], table_where: list[Where],
                     own_sources: set[str] | None) -> list[Problem]:
    """Ids of a saved article start with its source_id and a colon; ids of the shipped package have no colon.

    NOTE: so two articles saved at the same moment, or a new shipped version that adds F49 while
    a saved article has its own F49, can never clash: each article numbers rows in its own space.
    ``own_sources`` is None for the shipped package.
    """
    key = resource["schema"]["primaryKey"][0]
    if resource["name"] == "sources" or key not in table:
        return []
    problems = []
    for value, (file, line) in zip(table[key], table_where, strict=True):
        space = value.split(":", 1)[0] if ":" in value else None
        if own_sources is None and space is not None:
            problems.append(Problem(file, line, key, value, "the shipped dataset's ids have no article prefix"))
        elif own_sources is not None and space not in own_sources:
            problems.append(Problem(file, line, key, value,
                                    "an added article's ids start with its own source_id and a colon"))
    return problems


def _check_unique_across(package: dict[str, Any], frames: dict[str, pd.DataFrame],
                         where: dict[str, list[Where]]) -> list[Problem]:
    """Ids must stay unique when packages are merged."""
    problems = []
    for name in TABLES:
        key = next(r for r in package["resources"] if r["name"] == name)["schema"]["primaryKey"][0]
        seen: dict[str, Where] = {}
        for value, (file, line) in zip(frames[name][key], where[name], strict=True):
            if value in seen and seen[value][0] != file:
                problems.append(Problem(file, line, key, value,
                                        f"duplicate id; already used in {seen[value][0]} line {seen[value][1]}"))
            seen.setdefault(value, (file, line))
    return problems


def _read_table(data_dir: Path, resource: dict[str, Any],
                prefix: str = "") -> tuple[pd.DataFrame | None, list[Where], list[Problem]]:
    """Read one CSV as strings, checking encoding, header and each cell against its field."""
    rel = prefix + resource["path"]
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    text, problem = _read_csv_text(data_dir, resource["path"], rel)
    if problem is not None:
        return None, [], [problem]
    parsed = _parse_csv(text, rel)
    if isinstance(parsed, Problem):
        return None, [], [parsed]
    header, records, starts = parsed
    problems = _check_header(rel, header, names)
    if problems:
        return None, [], problems
    complete: list[list[str]] = []
    lines: list[int] = []
    for record, line in zip(records, starts, strict=True):
        if len(record) != len(names):
            problems.append(Problem(rel, line, None, None,
                                    f"has {len(record)} values but the header has {len(names)}; "
                                    "the row is truncated or has a stray comma"))
            continue
        complete.append(record)
        lines.append(line)
    frame = pd.DataFrame(complete, columns=names, dtype=object)
    for spec in fields:
        problems += _check_field(rel, frame, lines, spec)
    return frame, [(rel, line) for line in lines], problems


def _read_csv_text(data_dir: Path, path: str, rel: str) -> tuple[str, Problem | None]:
    """A table's file as text, or the problem that stops it being read: missing, outside, not UTF-8, empty."""
    resolved, refused = resolve_inside(data_dir, path)
    if resolved is None:
        return "", Problem(rel, None, None, None, str(refused))
    try:
        raw = resolved.read_bytes()
    except FileNotFoundError:
        return "", Problem(rel, None, None, None, "the file is missing")
    except OSError as error:
        return "", Problem(rel, None, None, None, f"the file cannot be read: {error.strerror}")
    if raw.startswith(b"\xef\xbb\xbf"):
        return "", Problem(rel, 1, None, None, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Problem(rel, line, None, repr(raw[error.start:error.end])[2:-1],
                           "is not UTF-8 text; save the file as UTF-8")
    if not text.strip():
        return "", Problem(rel, 1, None, None, "the file is empty; it needs at least the header row")
    return text, None


def _parse_csv(text: str, rel: str) -> tuple[list[str], list[list[str]], list[int]] | Problem:
    """The header, the non-blank records and the line each record starts on; or the problem of a malformed CSV."""
    # NOTE: the csv module rather than pandas, to know the line each record starts on
    # (records may span lines) and to catch unbalanced quotes, which pandas would swallow.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    start = 1
    try:
        header = next(reader)
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            if record:
                records.append(record)
                starts.append(start)
    except csv.Error as error:
        # NOTE: the line the bad record starts on; an unclosed quote makes the reader run to the end of the file.
        return Problem(rel, start, None, None, f"the CSV is malformed ({error}); check for an unbalanced double quote")
    return header, records, starts


def _check_header(rel: str, header: list[str], names: list[str]) -> list[Problem]:
    """The header row must name the schema's fields, in order."""
    if header == names:
        return []
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    problems = []
    if missing:
        problems.append(Problem(rel, 1, ", ".join(missing), None, "column missing from the header row"))
    if extra:
        problems.append(Problem(rel, 1, ", ".join(extra), None, "column not described in datapackage.json"))
    if not missing and not extra:
        problems.append(Problem(rel, 1, None, ",".join(header), f"columns out of order; expected {','.join(names)}"))
    return problems


def _check_field(rel: str, frame: pd.DataFrame, lines: list[int], spec: dict[str, Any]) -> list[Problem]:
    """Check one column's cells against the field's type and constraints."""
    name, kind = spec["name"], spec["type"]
    constraints = spec.get("constraints", {})
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for value, line in zip(frame[name], lines, strict=True):
        def bad(message: str, value: str = value, line: int = line) -> None:
            problems.append(Problem(rel, line, name, value, message))

        if value == "":
            if constraints.get("required"):
                bad("a value is required")
            continue
        if kind in ("integer", "number") and (why := check_number(value, kind == "integer")) is not None:
            bad(why)
            continue
        if kind == "boolean" and value not in ("true", "false"):
            bad("must be true or false")
            continue
        if "enum" in constraints and value not in constraints["enum"]:
            bad(f"must be one of: {', '.join(constraints['enum'])}")
        # NOTE: one saved cell is sent to every reader on every page, so no text is unbounded.
        longest = constraints.get("maxLength", LONGEST_CELL)
        if len(value) > longest:
            bad(f"is {len(value):,} characters long; at most {longest:,} are allowed", value=value[:60] + "…")
            continue
        if "pattern" in constraints and not re.fullmatch(str(constraints["pattern"]), value):
            bad(f"does not match the expected form {constraints['pattern']}")
        if kind in ("integer", "number"):
            number = float(value)
            if "minimum" in constraints and number < constraints["minimum"]:
                bad(f"must be {constraints['minimum']} or more")
            if "maximum" in constraints and number > constraints["maximum"]:
                bad(f"must be {constraints['maximum']} or less")
        if constraints.get("unique"):
            if value in seen:
                bad(f"duplicate id; already used on line {seen[value]}")
            else:
                seen[value] = line
    return problems


def _read_texts(data_dir: Path, sources: pd.DataFrame, where: list[Where]) -> tuple[dict[str, str], list[Problem]]:
    """Read each source's stored text, checking it stays inside data/ and matches its SHA-256."""
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for row, (file, line) in zip(sources.itertuples(index=False), where, strict=True):
        path, refused = resolve_inside(data_dir, row.path)
        if path is None:
            problems.append(Problem(file, line, "path", shown_path(row.path),
                                    f"must be a file inside the data folder: {refused}"))
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            problems.append(Problem(file, line, "path", row.path, "the source text file is missing"))
            continue
        if hashlib.sha256(raw).hexdigest() != row.sha256:
            problems.append(Problem(file, line, "sha256", row.sha256,
                                    f"does not match the bytes of {row.path}; the text was changed"))
        try:
            texts[row.source_id] = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(file, line, "path", row.path, "the source text is not UTF-8"))
    return texts, problems


def _check_foreign_keys(package: dict[str, Any], frames: dict[str, pd.DataFrame],
                        where: dict[str, list[Where]]) -> list[Problem]:
    """Check that every non-empty reference names an existing row."""
    problems: list[Problem] = []
    for resource in package["resources"]:
        name = resource["name"]
        if name not in frames:
            continue
        for key in resource["schema"].get("foreignKeys", []):
            column = key["fields"][0]
            target = key["reference"]["resource"]
            target_column = key["reference"]["fields"][0]
            known = set(frames[target][target_column])
            for value, (file, line) in zip(frames[name][column], where[name], strict=True):
                if value and value not in known:
                    problems.append(Problem(file, line, column, value,
                                            f"refers to no {target_column} in {target}.csv"))
    return problems


def _check_rules(frames: dict[str, pd.DataFrame], where: dict[str, list[Where]],
                 texts: dict[str, str]) -> list[Problem]:
    """Rules across columns and tables that the table schema cannot express."""
    problems: list[Problem] = []
    # NOTE: duplicates are reported by the unique check; keep the first so lookups return one row.
    places = frames["places"].drop_duplicates("place_id").set_index("place_id")
    for row, (rel, line) in zip(frames["places"].itertuples(index=False), where["places"], strict=True):
        problems += _check_iso3(rel, line, "iso3", row.iso3)
    for name in ("flows", "events", "figures", "exchanges"):
        for row, (rel, line) in zip(frames[name].to_dict("records"), where[name], strict=True):
            problems += _check_quote(rel, line, row, texts)
            problems += _check_hedge(rel, line, row)
            if "date_start" in row:
                problems += _check_dates(rel, line, row)
    for row, (rel, line) in zip(frames["flows"].to_dict("records"), where["flows"], strict=True):
        for end in ("origin", "destination"):
            iso3, place = row[f"{end}_iso3"], row[f"{end}_place_id"]
            problems += _check_iso3(rel, line, f"{end}_iso3", iso3)
            if place in places.index and iso3 and places.at[place, "iso3"] != iso3:
                problems.append(Problem(rel, line, f"{end}_place_id", place,
                                        f"is in {places.at[place, 'iso3']}, not in {end}_iso3 {iso3}"))
        if row["origin_iso3"] and row["origin_iso3"] == row["destination_iso3"]:
            problems.append(Problem(rel, line, "destination_iso3", row["destination_iso3"],
                                    "must differ from origin_iso3: a flow goes between two states"))
        problems += _check_quantities(rel, line, row)
    known_flows = set(frames["flows"]["flow_id"])
    for row, (rel, line) in zip(frames["events"].to_dict("records"), where["events"], strict=True):
        for code in filter(None, row["actors"].split(";")):
            problems += _check_iso3(rel, line, "actors", code)
        for flow_id in filter(None, row["flow_ids"].split(";")):
            if flow_id not in known_flows:
                problems.append(Problem(rel, line, "flow_ids", flow_id, "refers to no flow_id in flows.csv"))
    problems += _check_figures(frames, where)
    problems += _check_exchanges(frames, where)
    problems += _check_claims(frames, where)
    return problems


def _check_iso3(rel: str, line: int, column: str, code: str) -> list[Problem]:
    if code and pycountry.countries.get(alpha_3=code) is None:
        return [Problem(rel, line, column, code, "is not an ISO 3166-1 alpha-3 country code")]
    return []


def _check_quote(rel: str, line: int, row: dict[str, str], texts: dict[str, str]) -> list[Problem]:
    text = texts.get(row["source_id"])
    if text is None or not row["quote_start"].isdigit() or not row["quote_end"].isdigit():
        return []
    start, end = int(row["quote_start"]), int(row["quote_end"])
    if text[start:end] == row["quote"]:
        return []
    where = text.find(row["quote"])
    hint = f"; the quote is found at {where}–{where + len(row['quote'])}" if where >= 0 else \
        "; the quote is not in the source text at all"
    return [Problem(rel, line, "quote", row["quote"][:60],
                    f"does not equal the source text at offsets {start}–{end}{hint}")]


def _check_hedge(rel: str, line: int, row: dict[str, str]) -> list[Problem]:
    problems = []
    quote = row["quote"].lower()
    for part in filter(None, (p.strip() for p in row.get("hedge", "").split(";"))):
        if part.lower() not in quote:
            problems.append(Problem(rel, line, "hedge", part, "is not words of the quote; hedges are kept verbatim"))
    if row.get("status") in HEDGE_STATUSES and "hedge" in row and not row["hedge"].strip():
        problems.append(Problem(rel, line, "hedge", "",
                                f"a row with status {row['status']} must keep the text's hedging words"))
    return problems


def _check_dates(rel: str, line: int, row: dict[str, str]) -> list[Problem]:
    problems = []
    for column in ("date_start", "date_end"):
        value = row[column]
        if value:
            try:
                parse_partial_date(value)
            except ValueError as error:
                problems.append(Problem(rel, line, column, value, str(error)))
                return problems
        elif row[f"{column}_inferred"] == "true":
            problems.append(Problem(rel, line, f"{column}_inferred", "true", f"is true but {column} is empty"))
    if row["date_start"] and row["date_end"]:
        if parse_partial_date(row["date_start"])[0] > parse_partial_date(row["date_end"])[1]:
            problems.append(Problem(rel, line, "date_end", row["date_end"],
                                    f"is before date_start {row['date_start']}"))
    if (row["date_start_inferred"] == "true" or row["date_end_inferred"] == "true") and not row["date_note"].strip():
        problems.append(Problem(rel, line, "date_note", "", "an inferred date needs its reasoning in date_note"))
    return problems


def _check_quantities(rel: str, line: int, row: dict[str, str]) -> list[Problem]:
    low, high = row["quantity_low"], row["quantity_high"]
    problems = []
    if low and high and _is_number(low) and _is_number(high) and float(low) > float(high):
        problems.append(Problem(rel, line, "quantity_high", high, f"is less than quantity_low {low}"))
    if (low or high) and not row["unit"]:
        problems.append(Problem(rel, line, "unit", "", "a quantity needs its unit"))
    if (low or high) and not row["quantity_text"]:
        problems.append(Problem(rel, line, "quantity_text", "", "a quantity needs the text's words for it"))
    return problems


def _check_figures(frames: dict[str, pd.DataFrame], where: dict[str, list[Where]]) -> list[Problem]:
    """A figure tied to a flow must agree with that flow's bounds."""
    flows = frames["flows"].drop_duplicates("flow_id").set_index("flow_id")
    problems = []
    for row, (rel, line) in zip(frames["figures"].to_dict("records"), where["figures"], strict=True):
        flow_id = row["flow_id"]
        if not flow_id or flow_id not in flows.index or not _is_number(row["value"]):
            continue
        flow = flows.loc[flow_id]
        expected = {"more_than": ["quantity_low"], "up_to": ["quantity_high"],
                    "exactly": ["quantity_low", "quantity_high"], "about": []}.get(row["bound"], [])
        for column in expected:
            if not _is_number(flow[column]) or float(flow[column]) != float(row["value"]):
                problems.append(Problem(rel, line, "value", row["value"],
                                        f"disagrees with {column} {flow[column]!r} of flow {flow_id}"))
    return problems


def _check_exchanges(frames: dict[str, pd.DataFrame], where: dict[str, list[Where]]) -> list[Problem]:
    """An exchange links flows given in return for each other, so it needs both directions."""
    flows = frames["flows"]
    problems = []
    for row, (rel, line) in zip(frames["exchanges"].itertuples(index=False), where["exchanges"], strict=True):
        members = flows[flows["exchange_id"] == row.exchange_id]
        directions = set(zip(members["origin_iso3"], members["destination_iso3"], strict=True))
        if not any((b, a) in directions for a, b in directions):
            problems.append(Problem(rel, line, "exchange_id", row.exchange_id,
                                    "needs flows in both directions between the same two states"))
    return problems


def _check_claims(frames: dict[str, pd.DataFrame], where: dict[str, list[Where]]) -> list[Problem]:
    """A claim is one flow: its assertions share its direction and category, and it has at least one.

    NOTE: "every flow in exactly one claim" is the schema's job (claim_id is required, single-valued
    and a foreign key); this adds what a table schema cannot say.
    """
    claims = frames["claims"].drop_duplicates("claim_id").set_index("claim_id")
    problems = []
    for row, (rel, line) in zip(frames["flows"].to_dict("records"), where["flows"], strict=True):
        if row["claim_id"] not in claims.index:
            continue
        claim = claims.loc[row["claim_id"]]
        for column in ("origin_iso3", "destination_iso3", "category"):
            if row[column] and claim[column] and row[column] != claim[column]:
                problems.append(Problem(rel, line, column, row[column],
                                        f"differs from {column} {claim[column]!r} of its claim {row['claim_id']}; "
                                        "a claim's assertions share direction and category"))
    asserted = set(frames["flows"]["claim_id"])
    for row, (rel, line) in zip(frames["claims"].to_dict("records"), where["claims"], strict=True):
        if row["claim_id"] and row["claim_id"] not in asserted:
            problems.append(Problem(rel, line, "claim_id", row["claim_id"],
                                    "no flow asserts this claim; every claim needs at least one row in flows.csv"))
    return problems


def _is_number(value: str) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def cast_to_schema(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """The frame with exactly the schema's columns, in order, typed as the loader types them.

    integer becomes Int64, number Float64, boolean bool and string str. A cell may be CSV text
    ("12", "true") or a value already typed (12, 12.0, True). An empty cell, a column the frame
    lacks and a cell that is not a valid value of its type (which validation reports, naming its
    file, line and column) become missing: <NA> for numbers, False for booleans, "" for text.
    """
    source = frame.reset_index(drop=True)
    out = pd.DataFrame(index=source.index)
    for spec in fields:
        name, kind = spec["name"], spec["type"]
        column = source[name] if name in source else pd.Series([""] * len(source), index=source.index, dtype=object)
        if kind in ("integer", "number"):
            numbers = [_cell_number(cell, kind == "integer") for cell in column.tolist()]
            out[name] = pd.array(numbers, dtype="Int64" if kind == "integer" else "Float64")
        elif kind == "boolean":
            out[name] = column.map(lambda cell: str(cell).lower() == "true").astype(bool)
        else:
            out[name] = column.astype(object).where(column.notna(), "").astype(str)
    return out


def _cell_number(cell: Any, whole: bool) -> int | float | None:
    """A cell as a number of its field's kind, or None if it is empty or not one."""
    # NOTE: text is converted only if it passes check_number, so a 40-digit integer that was reported
    # as a problem becomes a missing value here instead of overflowing Int64.
    if isinstance(cell, str):
        if check_number(cell, whole) is not None:
            return None
        return int(cell) if whole else float(cell)
    if isinstance(cell, bool) or not isinstance(cell, numbers.Real):
        return None
    number = float(cell)
    if not math.isfinite(number) or abs(number) > LARGEST_NUMBER or (whole and not number.is_integer()):
        return None
    return int(number) if whole else number


def summarise(dataset: Dataset) -> str:
    """Say the dataset's size: rows per table, flows per status and per category."""
    lines = ["Data package is valid.", "", "Rows per table:"]
    lines += [f"  {name:<10} {len(dataset.table(name)):>4}" for name in TABLES]
    lines += ["", "Flows per status (strongest first):"]
    counts = dataset.flows["status"].value_counts()
    lines += [f"  {code:<10} {int(counts.get(code, 0)):>4}" for code in STATUS_CODES]
    lines += ["", "Flows per category:"]
    lines += [f"  {code:<20} {n:>4}" for code, n in dataset.flows["category"].value_counts().sort_index().items()]
    lines += ["", f"Assertions per claim: {len(dataset.flows)} flows state {dataset.flows['claim_id'].nunique()} claims."]
    return "\n".join(lines)
