"""Partial ISO 8601 dates and how they are said in words."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.dates import date_span, describe_dates, month_label, parse_partial_date


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("2023-08", date(2023, 8, 1), date(2023, 8, 31), "month"),
        ("2024-11", date(2024, 11, 1), date(2024, 11, 30), "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28), "month"),
        ("2024-11-22", date(2024, 11, 22), date(2024, 11, 22), "day"),
        ("2024-02-29", date(2024, 2, 29), date(2024, 2, 29), "day"),
        ("2000-02-29", date(2000, 2, 29), date(2000, 2, 29), "day"),
    ],
)
def test_parse_partial_date(value: str, first: date, last: date, precision: str) -> None:
    assert parse_partial_date(value) == (first, last, precision)


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-29",  # not a leap year
        "1900-02-29",  # divisible by 100, not by 400
        "2024-13",
        "2024-00",
        "2024-04-31",
        "2024-01-00",
        "2024-01-32",
        "24-01",
        "2024-1",
        "2024/01/01",
        "November 2024",
        "2024-11-22T10:00",
        "",
    ],
)
def test_parse_partial_date_rejects_what_is_not_a_date(value: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(value)


def test_invalid_month_and_day_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="no month 13"):
        parse_partial_date("2024-13")
    with pytest.raises(ValueError, match="not a day of the calendar"):
        parse_partial_date("2023-02-29")


def test_date_span_fills_a_missing_end_from_the_other() -> None:
    assert date_span("2023-08", "2024-10") == (date(2023, 8, 1), date(2024, 10, 31))
    assert date_span("2024-06", "") == (date(2024, 6, 1), date(2024, 6, 30))
    assert date_span("", "2024-11") == (date(2024, 11, 1), date(2024, 11, 30))
    assert date_span("", "") == (None, None)


@pytest.mark.parametrize(
    ("start", "end", "start_inferred", "end_inferred", "expected"),
    [
        ("", "", False, False, "date not stated"),
        ("2024-06", "2024-06", True, True, "June 2024 (inferred)"),
        ("2024-06", "2024-06", False, False, "June 2024"),
        ("2024", "2024", False, False, "2024"),
        ("2024-11-22", "2024-11-22", True, True, "22 November 2024 (inferred)"),
        ("2024-11-18", "2024-11-22", True, True, "18–22 November 2024 (inferred)"),
        ("2024-10-30", "2024-11-02", False, False, "30 October 2024 to 2 November 2024"),
        ("2023-08", "2024-10", False, False, "August 2023 to October 2024"),
        ("2023-08", "2024-10", True, False, "August 2023 to October 2024 (partly inferred)"),
        ("2023-08", "", False, False, "since August 2023"),
        ("", "2024-11", False, True, "by November 2024 (inferred)"),
    ],
)
def test_describe_dates(start: str, end: str, start_inferred: bool, end_inferred: bool, expected: str) -> None:
    assert describe_dates(start, end, start_inferred, end_inferred) == expected


def test_describe_dates_stated_start_with_inferred_end() -> None:
    text = describe_dates("2023-08", "2024-10", False, True)
    assert text.startswith("since August 2023")
    assert "October 2024" in text and "inferred" in text


@pytest.mark.parametrize(("month", "label"), [("2023-08", "Aug 2023"), ("2024-01", "Jan 2024"), ("2024-12", "Dec 2024")])
def test_a_month_is_labelled_in_short_words(month: str, label: str) -> None:
    assert month_label(month) == label


@pytest.mark.parametrize("value", ["2024", "2024-11-22", "2024-13", "August 2024"])
def test_only_a_month_gets_a_month_label(value: str) -> None:
    with pytest.raises(ValueError, match="month|date"):
        month_label(value)
