"""Words for quantities, statuses and flows, and escaping for each place text is shown."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Mapping
from typing import Any

import pandas as pd

from tracker.constants import BOUND_SYMBOLS, BOUND_WORDS, CATEGORY_LABELS, STATUS_LABELS
from tracker.dates import describe_dates

QUOTE_WIDTH = 72


def escape_plotly(text: str) -> str:
    """Escape text for Plotly's pseudo-HTML labels so ``<``, ``>`` and ``&`` show literally."""
    # NOTE: quote=False: Plotly decodes &lt; &gt; &amp; but not every numeric entity.
    return html.escape(str(text), quote=False)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:&])")


def escape_markdown(text: str) -> str:
    """Escape text for Streamlit Markdown so links, emphasis, HTML and ``$`` math show literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def format_number(value: float) -> str:
    """Format a count with thousands separators and no needless decimals."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def describe_quantity(low: Any, high: Any, unit: str) -> str:
    """Say a quantity with its bounds: "more than 10,000 troops", "up to 100,000 troops"."""
    has_low, has_high = _present(low), _present(high)
    unit = f" {unit}" if unit else ""
    if has_low and has_high:
        if float(low) == float(high):
            return f"{format_number(float(low))}{unit}"
        return f"{format_number(float(low))} to {format_number(float(high))}{unit}"
    if has_low:
        return f"more than {format_number(float(low))}{unit}"
    if has_high:
        return f"up to {format_number(float(high))}{unit}"
    return "quantity not stated"


def describe_bound(value: float, bound: str, unit: str) -> tuple[str, str]:
    """Return a figure as a short symbol form ("10,000+") and in words ("more than 10,000 troops")."""
    number = format_number(value)
    symbol = BOUND_SYMBOLS[bound]
    short = f"{number}{symbol}" if bound == "more_than" else f"{symbol}{number}"
    words = " ".join(part for part in (BOUND_WORDS[bound], number, unit) if part)
    return short, words


def _present(value: Any) -> bool:
    """True unless the value is missing: None, empty text, NaN or pd.NA."""
    if isinstance(value, str):
        return value != ""
    return not pd.isna(value)


def wrap(text: str, width: int = QUOTE_WIDTH) -> list[str]:
    """Wrap text into lines of at most ``width`` characters."""
    return textwrap.wrap(str(text), width=width, break_long_words=True, break_on_hyphens=False) or [""]


def describe_flow(flow: Mapping[str, Any], place_names: Mapping[str, str]) -> dict[str, str]:
    """Return the plain-text parts that describe a flow: route, what, amount, when, evidence, quote."""
    origin = place_names.get(flow["origin_iso3"], flow["origin_iso3"])
    destination = place_names.get(flow["destination_iso3"], flow["destination_iso3"])
    for end, country in (("origin", origin), ("destination", destination)):
        place_id = flow[f"{end}_place_id"]
        if place_id != flow[f"{end}_iso3"]:
            name = place_names.get(place_id, place_id)
            if end == "origin":
                origin = f"{country} ({name})"
            else:
                destination = f"{country} ({name})"
    status = STATUS_LABELS.get(flow["status"], flow["status"])
    hedge = flow.get("hedge") or ""
    return {
        "route": f"{origin} → {destination}",
        "what": f"{CATEGORY_LABELS.get(flow['category'], flow['category'])}: {flow['item']}",
        "amount": describe_quantity(flow.get("quantity_low"), flow.get("quantity_high"), flow.get("unit") or ""),
        "when": describe_dates(flow.get("date_start") or "", flow.get("date_end") or "",
                               bool(flow.get("date_start_inferred")), bool(flow.get("date_end_inferred"))),
        "status": status + (f" (“{hedge}”)" if hedge else ""),
        "who": str(flow["attributed_to"]),
        "quote": str(flow["quote"]),
        "id": str(flow["flow_id"]) + (f" · exchange {flow['exchange_id']}" if flow.get("exchange_id") else ""),
    }


def flow_hover_text(flow: Mapping[str, Any], place_names: Mapping[str, str]) -> str:
    """Return a flow's hover label, every data-derived part escaped for Plotly."""
    parts = describe_flow(flow, place_names)
    lines = [
        f"<b>{escape_plotly(parts['route'])}</b>",
        *(escape_plotly(line) for line in wrap(parts["what"])),
        f"Amount: {escape_plotly(parts['amount'])}",
        f"When: {escape_plotly(parts['when'])}",
        f"Evidence: {escape_plotly(parts['status'])}",
        *(escape_plotly(line) for line in wrap("Says who: " + parts["who"])),
        *(f"<i>{escape_plotly(line)}</i>" for line in wrap(parts["quote"])),
        f"<span style='font-size:10px'>{escape_plotly(parts['id'])} · click for details</span>",
    ]
    return "<br>".join(lines)


def flow_handle_text(flow: Mapping[str, Any], place_names: Mapping[str, str]) -> str:
    """The short label of a flow's clickable middle dot: route, what, amount, evidence."""
    parts = describe_flow(flow, place_names)
    return "<br>".join([
        f"<b>{escape_plotly(parts['route'])}</b>",
        escape_plotly(wrap(parts["what"])[0]),
        f"{escape_plotly(parts['amount'])} · {escape_plotly(parts['status'])}",
        f"{escape_plotly(parts['id'])} · click for the sentence",
    ])


def article_dates(sources: pd.DataFrame) -> str:
    """The articles a view is drawn from, in words: "one article of 22 November 2024 (date inferred)"."""
    dates = sorted(str(d) for d in sources["published"])
    if not dates:
        return "no article"
    if len(dates) == 1:
        inferred = " (date inferred)" if sources["published_basis"].iloc[0] == "inferred" else ""
        return f"one article of {describe_dates(dates[0], dates[0])}{inferred}"
    return f"{len(dates)} articles of {describe_dates(dates[0], dates[-1])}"
