"""Claims and their corroboration: how many assertions, independent sources and articles back each flow.

A claim is one real-world flow (``claims.csv``); its assertions are the rows of ``flows.csv``
that state it. An assertion's ``primary_source`` is the original speaker or agency, so the
independent sources of a claim are its distinct primary sources: one speaker quoted by three
outlets counts once, and so does one wire story republished by several outlets.

Everything here works on whatever flows it is given, so the sidebar's filters apply: a claim
shows the corroboration of its assertions that are shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any

import pandas as pd

from tracker.constants import CATEGORY_LABELS, STATUS_LABELS, STATUS_MODALITY, STATUS_RANK, WIRE_AGENCIES
from tracker.formatting import describe_flow, describe_quantity, escape_plotly, wrap
from tracker.sentences import paragraph_around

# Two sentences this alike (share of the shorter one's characters that difflib matches) are one text.
NEAR_IDENTICAL = 0.85
MIN_COPY_CHARS = 40  # below this, sentences ("Troops are in Kursk.") are alike by chance, not copied

NEW_CLAIM = "new"  # the review's choice for a row that starts a claim of its own

CORROBORATION_COLUMNS = [
    "claim_id", "origin_iso3", "destination_iso3", "category", "title", "strongest_status",
    "assertions", "independent_sources", "articles", "quantity_low", "quantity_range", "sources", "flow_ids",
    "lead_flow_id",
]

MAP_COLUMNS = [
    "claim_id", "flow_id", "origin_iso3", "destination_iso3", "origin_place_id", "destination_place_id",
    "category", "status", "item", "quantity_low", "unit", "assertions", "independent_sources", "articles",
    "flow_ids", "hover",
]


def order_assertions(flows: pd.DataFrame) -> pd.DataFrame:
    """Assertions strongest first: by status, then those that give a number, then by flow id."""
    records = flows.to_dict("records")
    return flows.iloc[sorted(range(len(records)), key=lambda i: _strength(records[i]))]


def _strength(row: Mapping[str, Any]) -> tuple[int, bool, str]:
    """Sort key, strongest first: status rank, then rows that give a number, then flow id."""
    has_number = _number(row["quantity_low"]) is not None or _number(row["quantity_high"]) is not None
    return STATUS_RANK.get(str(row["status"]), len(STATUS_RANK)), not has_number, str(row["flow_id"])


def _records(flows: pd.DataFrame) -> list[dict[str, Any]]:
    """The flows as dicts, strongest first.

    NOTE: plain dicts, not per-claim DataFrames: with a few rows per claim, pandas' per-call
    overhead (about 1 s for 24 claims on a loaded machine) dwarfs the work.
    """
    return sorted(flows.to_dict("records"), key=_strength)


def primary_sources(assertions: pd.DataFrame) -> list[str]:
    """The distinct primary sources of some assertions, the one with the strongest assertion first."""
    return _primary_sources(_records(assertions))


def _primary_sources(ordered: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(str(row["primary_source"]) for row in ordered))


def _describe_range(ordered: list[dict[str, Any]]) -> str:
    """Every quantity the assertions give, smallest first, each with who gives it.

    "more than 10,000 troops (The Wall Street Journal, Shin Won-sik (SBS))"; "" when none gives one.
    """
    groups: dict[tuple[str, float | None, float | None], list[dict[str, Any]]] = {}
    for row in ordered:
        low, high = _number(row["quantity_low"]), _number(row["quantity_high"])
        if low is not None or high is not None:
            groups.setdefault((str(row["unit"]), low, high), []).append(row)
    parts = []
    for (unit, low, high), rows in groups.items():
        smallest = low if low is not None else high
        parts.append((unit, smallest, f"{describe_quantity(low, high, unit)} ({', '.join(_primary_sources(rows))})"))
    return "; ".join(text for *_, text in sorted(parts, key=lambda part: (part[0], part[1])))


def _number(value: Any) -> float | None:
    """A quantity cell as a float, or None when it is empty (None, "", NaN or pd.NA)."""
    if isinstance(value, str):
        return float(value) if value.strip() else None
    return None if value is None or pd.isna(value) else float(value)


def corroborate_claims(flows: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim with assertions among ``flows``: counts, strongest status, quantities with their sources."""
    titles = dict(zip(claims["claim_id"], claims["title"], strict=True))
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for row in _records(flows):
        by_claim.setdefault(str(row["claim_id"]), []).append(row)
    rows = []
    for claim_id in sorted(by_claim):
        assertions = by_claim[claim_id]
        lead = assertions[0]
        sources = _primary_sources(assertions)
        lows = [low for row in assertions if (low := _number(row["quantity_low"])) is not None]
        rows.append({
            "claim_id": claim_id, "origin_iso3": lead["origin_iso3"], "destination_iso3": lead["destination_iso3"],
            "category": lead["category"], "title": titles.get(claim_id, lead["item"]),
            "strongest_status": lead["status"], "assertions": len(assertions),
            "independent_sources": len(sources), "articles": len({row["source_id"] for row in assertions}),
            # NOTE: only lower bounds size a claim: "up to 100,000" says how many there might be.
            "quantity_low": max(lows) if lows else None,
            "quantity_range": _describe_range(assertions), "sources": "; ".join(sources),
            "flow_ids": ";".join(sorted(str(row["flow_id"]) for row in assertions)), "lead_flow_id": lead["flow_id"],
        })
    out = pd.DataFrame(rows, columns=CORROBORATION_COLUMNS)
    out["quantity_low"] = out["quantity_low"].astype("Float64")
    for column in ("assertions", "independent_sources", "articles"):
        out[column] = out[column].astype(int)
    return out


def describe_corroboration(assertions: int, sources: int, articles: int) -> str:
    """Say the three counts: "7 assertions · 6 independent sources · 1 article"."""
    def counted(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"
    return " · ".join([counted(assertions, "assertion"), counted(sources, "independent source"),
                       counted(articles, "article")])


def claim_hover_text(claim: Mapping[str, Any], lead: Mapping[str, Any], place_names: Mapping[str, str]) -> str:
    """A claim's hover label: route, what moves, quantities with sources, counts, the strongest quote; escaped."""
    parts = describe_flow(lead, place_names)
    what = f"{CATEGORY_LABELS.get(claim['category'], claim['category'])}: {claim['title']}"
    amount = claim["quantity_range"] or "quantity not stated"
    hedge = f" (“{lead['hedge']}”)" if lead.get("hedge") else ""
    lines = [
        f"<b>{escape_plotly(parts['route'])}</b>",
        *(escape_plotly(line) for line in wrap(what)),
        *(escape_plotly(line) for line in wrap("Amount: " + amount)),
        f"Strongest evidence: {escape_plotly(STATUS_LABELS.get(claim['strongest_status'], claim['strongest_status']))}",
        escape_plotly(describe_corroboration(claim["assertions"], claim["independent_sources"], claim["articles"])),
        *(escape_plotly(line) for line in wrap("Sources: " + claim["sources"])),
        *(f"<i>{escape_plotly(line)}</i>" for line in wrap(f"“{lead['quote']}”")),
        *(escape_plotly(line) for line in wrap(f"— {lead['attributed_to']}{hedge}")),
        f"<span style='font-size:10px'>{escape_plotly(claim['claim_id'])} · click for every assertion</span>",
    ]
    return "<br>".join(lines)


def claim_map_rows(flows: pd.DataFrame, claims: pd.DataFrame, place_names: Mapping[str, str]) -> pd.DataFrame:
    """One row per claim for the map: where to draw it, its strongest status, largest lower bound and hover.

    The line runs between the places of the claim's strongest assertion (``flow_id``); the columns
    the flow map reads (origin/destination place ids, category, status, quantity_low, flow_id)
    are named as in flows.csv, so the map's layout and width functions take these rows as they are.
    """
    summary = corroborate_claims(flows, claims)
    by_id = {row["flow_id"]: row for row in flows.to_dict("records")}
    rows = []
    for claim in summary.to_dict("records"):
        lead = by_id[claim["lead_flow_id"]]
        rows.append({
            "claim_id": claim["claim_id"], "flow_id": claim["lead_flow_id"],
            "origin_iso3": claim["origin_iso3"], "destination_iso3": claim["destination_iso3"],
            "origin_place_id": lead["origin_place_id"], "destination_place_id": lead["destination_place_id"],
            "category": claim["category"], "status": claim["strongest_status"], "item": claim["title"],
            "quantity_low": claim["quantity_low"], "unit": lead["unit"], "assertions": claim["assertions"],
            "independent_sources": claim["independent_sources"], "articles": claim["articles"],
            "flow_ids": claim["flow_ids"], "hover": claim_hover_text(claim, lead, place_names),
        })
    out = pd.DataFrame(rows, columns=MAP_COLUMNS)
    out["quantity_low"] = out["quantity_low"].astype("Float64")
    return out


def claim_assertions(flows: pd.DataFrame, claim_id: str) -> pd.DataFrame:
    """Every assertion of one claim, strongest first (what a click on a claim's line opens)."""
    return order_assertions(flows[flows["claim_id"] == claim_id]).reset_index(drop=True)


# --- Proposals for a new article's rows ----------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", str(text).lower())


# Words too common to say two rows are about the same thing.
_COMMON = frozenset("that with from have been said were this their they them than more into over about also "
                    "which what when where after before some other north south korea korean russia russian "
                    "ukraine ukrainian".split())


def _content_words(text: str) -> set[str]:
    return {word for word in _words(text) if len(word) > 3 and word not in _COMMON}


def is_near_identical(first: str, second: str) -> bool:
    """True when two sentences are one text, lightly edited or trimmed (republished wire copy).

    NOTE: matched characters are counted against the shorter sentence, so a republished sentence
    whose credit ("…, Reuters reported") was cut still matches; a short sentence must match in full.
    """
    a, b = " ".join(_words(first)), " ".join(_words(second))
    shorter = min(len(a), len(b))
    if shorter < MIN_COPY_CHARS:
        return a == b and bool(a)
    matched = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return matched / shorter >= NEAR_IDENTICAL


def named_agency(text: str) -> str | None:
    """The wire agency a text credits ("Reuters", "Associated Press"), if it names one."""
    for agency, names in WIRE_AGENCIES.items():
        if any(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", str(text)) for name in names):
            return agency
    return None


def propose_primary_source(row: Mapping[str, Any], existing: pd.DataFrame, outlet: str, paragraph: str = "") -> str:
    """The primary source a new row most likely has, for the reviewer to confirm or edit.

    In order: the primary source of an existing assertion with a near-identical sentence in another
    article (wire copy republished); the wire agency that the attribution names, or, for a row in
    the article's own voice, that its paragraph credits ("SEOUL (Reuters) - …"); a known speaker
    named in the attribution; the outlet's own reporting; else the attribution as it is.
    """
    others = existing[existing["source_id"] != row.get("source_id")]
    for quote, source in zip(others["quote"], others["primary_source"], strict=True):
        if is_near_identical(str(row.get("quote", "")), quote):
            return str(source)
    attributed = str(row.get("attributed_to", "")).strip()
    own_voice = not attributed or attributed.lower().startswith("the article's own reporting")
    credited = f"{paragraph} {row.get('quote', '')}"
    agency = named_agency(attributed) or (named_agency(credited) if own_voice else None)
    if agency:
        return agency
    for source in dict.fromkeys(existing["primary_source"]):
        speaker = re.sub(r"\s*\([^)]*\)$", "", str(source)).strip()
        if len(speaker) > 3 and not speaker.lower().startswith("the article") and speaker in attributed:
            return str(source)
    if own_voice:
        return f"{outlet}'s own reporting" if outlet else "The article's own reporting"
    return attributed


def compatible_claims(row: Mapping[str, Any], claims: pd.DataFrame) -> pd.DataFrame:
    """The claims a row may assert: those with its direction and category."""
    return claims[(claims["origin_iso3"] == row.get("origin_iso3"))
                  & (claims["destination_iso3"] == row.get("destination_iso3"))
                  & (claims["category"] == row.get("category"))]


def propose_claim(row: Mapping[str, Any], flows: pd.DataFrame, claims: pd.DataFrame) -> str:
    """The existing claim a new row most likely asserts, or NEW_CLAIM.

    A candidate claim has the row's direction and category and at least one assertion of the same
    modality (happened, promised or possible); among several, the one whose title and items share
    most words with the row's item and sentence wins. A near-identical sentence decides at once.
    """
    candidates = compatible_claims(row, claims)
    if candidates.empty:
        return NEW_CLAIM
    mine = flows[flows["claim_id"].isin(candidates["claim_id"])]
    for quote, claim_id in zip(mine["quote"], mine["claim_id"], strict=True):
        if is_near_identical(str(row.get("quote", "")), quote):
            return str(claim_id)
    modality = STATUS_MODALITY.get(str(row.get("status", "")), "happened")
    words = _content_words(f"{row.get('item', '')} {row.get('quote', '')}")
    best, best_score = NEW_CLAIM, 0.0
    for claim in candidates.itertuples(index=False):
        assertions = mine[mine["claim_id"] == claim.claim_id]
        if modality not in set(assertions["status"].map(STATUS_MODALITY)):
            continue
        theirs = _content_words(" ".join([claim.title, *assertions["item"].astype(str)]))
        score = len(words & theirs) / max(len(theirs), 1)
        if score > best_score:
            best, best_score = str(claim.claim_id), score
    return best


def propose_assignments(candidates: pd.DataFrame, flows: pd.DataFrame, claims: pd.DataFrame, outlet: str,
                        text: str = "") -> pd.DataFrame:
    """Candidate rows with an empty claim_id or primary_source filled by the proposals above.

    ``text`` is the new article, whose paragraphs may credit a wire agency; values already set
    (by the reviewer) are kept.
    """
    out = candidates.copy()
    for column in ("claim_id", "primary_source"):
        # NOTE: an all-empty column arrives as float NaN from the extractor's frame; cast before filling.
        values = out[column].astype(object) if column in out else pd.Series("", index=out.index, dtype=object)
        out[column] = values.where(values.notna(), "").astype(str).str.strip()
    for index, row in out.iterrows():
        record = row.to_dict()
        if not record["primary_source"]:
            out.at[index, "primary_source"] = propose_primary_source(
                record, flows, outlet, paragraph_at(text, record.get("quote_start")))
        if not record["claim_id"]:
            out.at[index, "claim_id"] = propose_claim(record, flows, claims)
    return out


def paragraph_at(text: str, position: Any) -> str:
    """The paragraph (line) of ``text`` that holds the character at ``position``; "" if there is none."""
    try:
        at = int(position)
    except (TypeError, ValueError):
        return ""
    if not 0 <= at < len(text):
        return ""
    return "".join(paragraph_around(text, at, at))


def claim_choices(row: Mapping[str, Any], flows: pd.DataFrame, claims: pd.DataFrame) -> dict[str, str]:
    """Claim id -> label for the review's choice: the claims a row may assert, its current claim, "new claim"."""
    compatible = compatible_claims(row, claims)
    summary = corroborate_claims(flows[flows["claim_id"].isin(compatible["claim_id"])], claims)
    choices = {c["claim_id"]: f"{c['claim_id']} · {c['title']} "
                              f"({describe_corroboration(c['assertions'], c['independent_sources'], c['articles'])})"
               for c in summary.to_dict("records")}
    current = str(row.get("claim_id", "") or "")
    if current and current != NEW_CLAIM and current not in choices:
        choices[current] = f"{current} · does not have this row's direction and category"
    choices[NEW_CLAIM] = "New claim: a flow no earlier report has"
    return choices
