"""Dates at their precision, relative ones resolved against the publication date."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH = "|".join(_MONTHS)
# Wire style abbreviates months before a day: "Sept. 13", "Nov. 21", "(Oct 24)".
_ABBREVIATED_MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                       "Oct": 10, "Nov": 11, "Dec": 12}
_MONTH_OR_ABBREVIATION = "|".join([*_MONTHS, *(f"{a}\\.?" for a in _ABBREVIATED_MONTHS)])
_WEEKDAYS = {name: number for number, name in enumerate(calendar.day_name)}
_DATE_PATTERNS = (
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTH}),? (?P<year>\d{{4}})\b")),
    ("day", re.compile(rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})\b")),
    ("month_year", re.compile(rf"\b(?P<month>{_MONTH}),? (?P<year>\d{{4}})\b")),
    ("month_relative_year", re.compile(rf"\b(?P<month>{_MONTH}) (?P<which>last|this) year\b")),
    # "on Thursday (Oct 24)": the day in brackets says which Thursday.
    ("day_no_year", re.compile(rf"\b(?:on )?(?:{'|'.join(_WEEKDAYS)}),? \((?P<month>{_MONTH_OR_ABBREVIATION}) "
                               rf"(?P<day>\d{{1,2}})\)")),
    # "on Sept. 13", "Nov. 21", "on October 24" (not "March 10,000 troops").
    ("day_no_year", re.compile(rf"\b(?:on )?(?P<month>{_MONTH_OR_ABBREVIATION}) (?P<day>\d{{1,2}})\b(?![,.]?\d)")),
    ("month", re.compile(rf"\b(?i:in|since|by|until|during|from|early|late|mid-|last|this|of) (?P<month>{_MONTH})\b")),
    ("relative", re.compile(r"\b(?P<which>this|last|past) (?P<unit>week|month|year)\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:on |last |this )?(?P<weekday>{'|'.join(_WEEKDAYS)})\b")),
    ("yesterday", re.compile(r"\b(?P<word>yesterday|today)\b", re.IGNORECASE)),
    # "since mid-2022", "in early 2024": the year is all the text gives.
    ("year", re.compile(r"\b(?i:in|since|by|until|during|from) (?:(?i:early|mid|late)[- ])?(?P<year>(?:19|20)\d{2})\b")),
    ("now", re.compile(r"(?<!For )(?<!for )\bnow\b")),
)


@dataclass(frozen=True)
class DateMention:
    """A date expression of a sentence, resolved to ISO 8601 at its precision."""

    start: int
    end: int
    text: str
    date_start: str
    date_end: str
    start_inferred: bool
    end_inferred: bool
    note: str
    role: str  # point, since, until
    weak: bool = False  # "now": used only when nothing better is said


def find_dates(sentence: str, published: date) -> list[DateMention]:
    """Find the date expressions of a sentence and resolve relative ones against the publication date."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    lowered = sentence.lower()
    months = any(name in sentence for name in _MONTHS)
    abbreviated = months or any(name in sentence for name in _ABBREVIATED_MONTHS)
    present = {"day": months, "month_year": months, "month_relative_year": months, "day_no_year": abbreviated,
               "month": months, "relative": any(w in lowered for w in ("week", "month", "year")),
               "weekday": "day" in lowered, "yesterday": "yesterday" in lowered or "today" in lowered,
               "year": any(c.isdigit() for c in sentence), "now": "now" in lowered}
    for kind, pattern in _DATE_PATTERNS:
        if not present[kind]:
            continue  # NOTE: a cheap test first; most sentences hold no date
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            resolved = _resolve(kind, match, published)
            if resolved is None:
                continue
            start_value, end_value, inferred, how = resolved
            window = max(0, match.start() - 7)
            preposition = re.search(r"\b(since|from|until|by) $", sentence[window:match.start()], re.IGNORECASE)
            first_word = match.group().split()[0].lower()
            marker = preposition.group(1).lower() if preposition else first_word
            role = "since" if marker in ("since", "from") else "until" if marker in ("until", "by") else "point"
            begin = window + preposition.start() if preposition else match.start()
            text = sentence[begin:match.end()]
            if role == "since":
                end_value = ""
            elif role == "until":
                start_value = ""
            note = f"“{text}” {how}"
            found.append(DateMention(match.start(), match.end(), text, start_value, end_value,
                                     inferred and bool(start_value), inferred and bool(end_value), note, role,
                                     weak=kind == "now"))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


# What _resolve returns: (start, end, inferred, how it was read).
_Resolved = tuple[str, str, bool, str]
_STATED = "as stated"


def _against(published: date) -> str:
    return f"against the publication date {published.isoformat()}"


def _resolve_day(groups: dict[str, str], published: date) -> _Resolved | None:
    try:
        day = date(int(groups["year"]), _MONTHS[groups["month"]], int(groups["day"]))
    except ValueError:
        return None
    return day.isoformat(), day.isoformat(), False, _STATED


def _resolve_month_year(groups: dict[str, str], published: date) -> _Resolved | None:
    value = f"{int(groups['year']):04d}-{_MONTHS[groups['month']]:02d}"
    return value, value, False, _STATED


def _resolve_month_relative_year(groups: dict[str, str], published: date) -> _Resolved | None:
    year = published.year - (groups["which"] == "last")
    value = f"{year:04d}-{_MONTHS[groups['month']]:02d}"
    return value, value, True, f"read as {groups['month']} {year}, {_against(published)}"


def _month_number(name: str) -> int:
    """The number of a month named in full or abbreviated ("Sept.")."""
    return _MONTHS.get(name) or _ABBREVIATED_MONTHS[name.rstrip(".")]


def _resolve_day_no_year(groups: dict[str, str], published: date) -> _Resolved | None:
    month, day_number = _month_number(groups["month"]), int(groups["day"])
    year = published.year if (month, day_number) <= (published.month, published.day) else published.year - 1
    try:
        day = date(year, month, day_number)
    except ValueError:
        return None
    return (day.isoformat(), day.isoformat(), True,
            f"read as {day.isoformat()}, the most recent not after publication ({_against(published)})")


def _resolve_month(groups: dict[str, str], published: date) -> _Resolved | None:
    month = _MONTHS[groups["month"]]
    year = published.year if month <= published.month else published.year - 1
    value = f"{year:04d}-{month:02d}"
    return value, value, True, (f"read as {groups['month']} {year}, the most recent {groups['month']} "
                                f"not after publication ({_against(published)})")


def _resolve_relative(groups: dict[str, str], published: date) -> _Resolved | None:
    which, unit = groups["which"].lower(), groups["unit"].lower()
    on = _against(published)
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        if which == "this":
            return (monday.isoformat(), published.isoformat(), True,
                    f"read as Monday {monday.isoformat()} to the publication day {published.isoformat()}")
        start, end = monday - timedelta(days=7), monday - timedelta(days=1)
        return start.isoformat(), end.isoformat(), True, f"read as the week of {start.isoformat()}, {on}"
    if unit == "month":
        if which == "this":
            value = f"{published.year:04d}-{published.month:02d}"
            return value, value, True, f"read as the month of publication ({on})"
        year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
        value = f"{year:04d}-{month:02d}"
        return value, value, True, f"read as {calendar.month_name[month]} {year}, the month before publication ({on})"
    year = published.year - (which != "this")
    return str(year), str(year), True, f"read as {year}, {on}"


def _resolve_weekday(groups: dict[str, str], published: date) -> _Resolved | None:
    day = published - timedelta(days=(published.weekday() - _WEEKDAYS[groups["weekday"]]) % 7)
    return (day.isoformat(), day.isoformat(), True,
            f"read as {groups['weekday']} {day.isoformat()}, the most recent {groups['weekday']} on or before "
            f"publication ({_against(published)})")


def _resolve_yesterday(groups: dict[str, str], published: date) -> _Resolved | None:
    day = published - timedelta(days=1) if groups["word"].lower() == "yesterday" else published
    return day.isoformat(), day.isoformat(), True, f"read as {day.isoformat()}, {_against(published)}"


def _resolve_year(groups: dict[str, str], published: date) -> _Resolved | None:
    return groups["year"], groups["year"], False, _STATED


def _resolve_now(groups: dict[str, str], published: date) -> _Resolved | None:
    value = f"{published.year:04d}-{published.month:02d}"
    return value, value, True, f"read as the month of publication ({_against(published)})"


_RESOLVERS = {
    "day": _resolve_day, "month_year": _resolve_month_year, "month_relative_year": _resolve_month_relative_year,
    "day_no_year": _resolve_day_no_year, "month": _resolve_month, "relative": _resolve_relative,
    "weekday": _resolve_weekday, "yesterday": _resolve_yesterday, "year": _resolve_year, "now": _resolve_now,
}


def _resolve(kind: str, match: re.Match[str], published: date) -> _Resolved | None:
    """Resolve one date expression to (start, end, inferred, how it was read), or None if it names no real day."""
    return _RESOLVERS[kind](match.groupdict(), published)
