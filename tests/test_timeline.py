"""Timeline rows: every dated flow and event, as a span at the precision the text gives."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import read_records
from tracker.dataset import Dataset
from tracker.timeline import build_timeline_rows, limit_rows, month_range, timeline_table


@pytest.fixture(scope="module")
def dated_records(data_dir: Path) -> dict[str, dict[str, str]]:
    """Every flow and event whose text gives a date, by id."""
    records = {}
    for name, id_column in (("flows", "flow_id"), ("events", "event_id")):
        records |= {r[id_column]: r for r in read_records(data_dir, name) if r["date_start"] or r["date_end"]}
    return records


@pytest.fixture(scope="module")
def rows(dataset: Dataset) -> pd.DataFrame:
    names = dict(zip(dataset.places["place_id"], dataset.places["name"], strict=True))
    return build_timeline_rows(dataset.flows, dataset.events, names)


def row(rows: pd.DataFrame, row_id: str) -> pd.Series:
    match = rows[rows["row_id"] == row_id]
    assert len(match) == 1, row_id
    return match.iloc[0]


def test_only_dated_rows(rows: pd.DataFrame, dated_records: dict[str, dict[str, str]], data_dir: Path) -> None:
    assert sorted(rows["row_id"]) == sorted(dated_records)
    undated = [r["flow_id"] for r in read_records(data_dir, "flows") if not r["date_start"] and not r["date_end"]]
    assert undated and not set(undated) & set(rows["row_id"])


def test_kinds(rows: pd.DataFrame) -> None:
    kinds = dict(zip(rows["row_id"], rows["kind"], strict=True))
    assert {k for r, k in kinds.items() if r.startswith("F")} == {"flow"}
    assert {k for r, k in kinds.items() if r.startswith("E")} == {"event"}


def test_rows_are_in_time_order(rows: pd.DataFrame) -> None:
    assert rows["start"].is_monotonic_increasing
    assert (rows["end"] > rows["start"]).all()


def test_inferred_dates_are_marked_in_when(rows: pd.DataFrame, dated_records: dict[str, dict[str, str]]) -> None:
    inferred = [i for i, r in dated_records.items() if "true" in (r["date_start_inferred"], r["date_end_inferred"])]
    stated = [i for i, r in dated_records.items() if i not in inferred]
    assert inferred and stated
    for row_id in inferred:
        assert "inferred" in row(rows, row_id)["when"], row_id
    for row_id in stated:
        assert "inferred" not in row(rows, row_id)["when"], row_id


def test_the_containers_flow_spans_august_2023_to_october_2024(rows: pd.DataFrame) -> None:
    """ "since August 2023 ... said last month": August 2023 to the end of October 2024."""
    f34 = row(rows, "F34")
    assert f34["start"] == pd.Timestamp("2023-08-01")
    assert f34["end"] - timedelta(days=1) == pd.Timestamp("2024-10-31")
    assert "August 2023" in f34["when"] and "October 2024" in f34["when"]


def test_a_month_spans_the_whole_month(rows: pd.DataFrame) -> None:
    f09 = row(rows, "F09")  # "now": November 2024
    assert (f09["start"], f09["end"]) == (pd.Timestamp("2024-11-01"), pd.Timestamp("2024-12-01"))


def test_an_end_without_a_start_covers_the_end_period(rows: pd.DataFrame,
                                                      dated_records: dict[str, dict[str, str]]) -> None:
    assert dated_records["F35"]["date_start"] == "" and dated_records["F35"]["date_end"] == "2024-11"
    f35 = row(rows, "F35")
    assert (f35["start"], f35["end"]) == (pd.Timestamp("2024-11-01"), pd.Timestamp("2024-12-01"))


def test_the_week_of_the_atacms_decision(rows: pd.DataFrame) -> None:
    f11 = row(rows, "F11")  # "this week": 18 to 22 November 2024
    assert (f11["start"], f11["end"]) == (pd.Timestamp("2024-11-18"), pd.Timestamp("2024-11-23"))


def test_rows_keep_their_evidence(rows: pd.DataFrame, dataset: Dataset) -> None:
    f09 = row(rows, "F09")
    flow = dataset.flows.set_index("flow_id").loc["F09"]
    assert f09["quote"] == flow["quote"]
    assert f09["attributed_to"] == "The Wall Street Journal"
    assert "North Korea" in f09["title"] and "Russia" in f09["title"]


def test_timeline_table_gives_inclusive_last_days(rows: pd.DataFrame) -> None:
    table = timeline_table(rows).set_index("Id")
    assert table.loc["F34", "First day"] == date(2023, 8, 1)
    assert table.loc["F34", "Last day"] == date(2024, 10, 31)
    assert table.loc["F11", "Last day"] == date(2024, 11, 22)


def test_no_dated_rows_gives_an_empty_frame(dataset: Dataset) -> None:
    empty = build_timeline_rows(dataset.flows.iloc[0:0], dataset.events.iloc[0:0], {})
    assert empty.empty
    assert "start" in empty.columns and "row_id" in empty.columns


def test_month_range_runs_from_the_first_to_the_last_dated_month(dataset: Dataset) -> None:
    months = month_range(dataset.flows, dataset.events)
    assert months[0] == "2023-08"  # "since August 2023"
    assert months[-1] == "2024-11"  # publication, 22 November 2024 (inferred)
    assert len(months) == 16
    assert months == sorted(set(months))


def test_limit_rows_keeps_the_latest_rows_and_counts_the_rest() -> None:
    rows = pd.DataFrame({"n": range(10)})
    kept, left_out = limit_rows(rows, limit=4)
    assert kept["n"].tolist() == [6, 7, 8, 9] and left_out == 6
    assert kept.index.tolist() == [0, 1, 2, 3]
    same, none_left = limit_rows(rows, limit=10)
    assert same is rows and none_left == 0
