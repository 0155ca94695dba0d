"""Dates at the precision the text gives: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_partial_date(value: str) -> tuple[date, date, str]:
    """Return the first day, last day and precision a partial ISO 8601 date covers.

    Raises ValueError for text that is not such a date or names no real day ("2024-02-30").
    """
    match = _PARTIAL_DATE.fullmatch(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    y = int(year)
    if month is None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    m = int(month)
    if not 1 <= m <= 12:
        raise ValueError(f"{value!r} has no month {m}")
    if day is None:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month"
    d = int(day)
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        raise ValueError(f"{value!r} is not a day of the calendar")
    return date(y, m, d), date(y, m, d), "day"


def date_span(start: str, end: str) -> tuple[date | None, date | None]:
    """Return the first and last day covered by a start/end pair, either of which may be empty."""
    first = parse_partial_date(start)[0] if start else None
    last = parse_partial_date(end)[1] if end else None
    if first is None and end:
        first = parse_partial_date(end)[0]
    if last is None and start:
        last = parse_partial_date(start)[1]
    return first, last


def _words(value: str) -> str:
    first, _, precision = parse_partial_date(value)
    if precision == "year":
        return str(first.year)
    if precision == "month":
        return f"{calendar.month_name[first.month]} {first.year}"
    return f"{first.day} {calendar.month_name[first.month]} {first.year}"


def month_label(month: str) -> str:
    """A month (``YYYY-MM``) in short words, as the date slider shows it: "Aug 2023"."""
    first, _, precision = parse_partial_date(month)
    if precision != "month":
        raise ValueError(f"{month!r} is not a month (YYYY-MM)")
    return f"{calendar.month_abbr[first.month]} {first.year}"


def describe_dates(start: str, end: str, start_inferred: bool = False, end_inferred: bool = False) -> str:
    """Say a start/end pair in words at its precision ("since August 2023", "June 2024", "18–22 November 2024")."""
    if not start and not end:
        return "date not stated"
    if start and end and start == end:
        text = _words(start)
    elif start and end and end_inferred and not start_inferred:
        return f"since {_words(start)} (to {_words(end)}, inferred)"
    elif start and end:
        a, b = parse_partial_date(start), parse_partial_date(end)
        if a[2] == b[2] == "day" and a[0].year == b[0].year and a[0].month == b[0].month:
            text = f"{a[0].day}–{_words(end)}"
        else:
            text = f"{_words(start)} to {_words(end)}"
    elif start:
        text = f"since {_words(start)}"
    else:
        text = f"by {_words(end)}"
    if start_inferred or end_inferred:
        text += " (inferred)" if (start_inferred or not start) and (end_inferred or not end) else " (partly inferred)"
    return text
