"""The readable tables the pages show: the text alternatives to the charts, and the words of the vocabularies.

Cells are plain text (a dataframe shows markup literally); links to a row's sentence are relative, so they
work under any base path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from tracker.claims import corroborate_claims
from tracker.constants import STATUS_LABELS, Term
from tracker.formatting import describe_flow

CORROBORATION_HEADERS = {
    "claim_id": "Claim", "title": "What moves", "strongest_status": "Strongest evidence",
    "assertions": "Assertions", "independent_sources": "Independent sources", "articles": "Articles",
    "quantity_range": "Quantities, and who gives them", "sources": "Primary sources", "flow_ids": "Flows",
}
VOCABULARY_COLUMNS = ["Code", "Meaning", "Example from the article"]


def evidence_link(row_id: str) -> str:
    """Relative link to a row's sentence in the evidence reader (works under any base path)."""
    return f"evidence?row={row_id}"


def corroboration_table(summary: pd.DataFrame) -> pd.DataFrame:
    """The per-claim corroboration (``corroborate_claims``) as a readable table."""
    table = summary[list(CORROBORATION_HEADERS)].assign(
        strongest_status=summary["strongest_status"].map(STATUS_LABELS))
    return table.rename(columns=CORROBORATION_HEADERS)


def claim_table(flows: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """The readable table of the claims the flows assert: the text alternative to a map of one line per claim."""
    return corroboration_table(corroborate_claims(flows, claims))


def flow_table(flows: pd.DataFrame, place_names: Mapping[str, str]) -> pd.DataFrame:
    """A readable table of flows, each linked to its sentence: the text alternative to the map."""
    rows = [describe_flow(f, place_names) for f in flows.to_dict("records")]
    return pd.DataFrame({
        "Flow": [evidence_link(f) for f in flows["flow_id"]],
        "Claim": flows["claim_id"].tolist(),
        "Route": [r["route"] for r in rows],
        "What": [r["what"] for r in rows],
        "Amount": [r["amount"] for r in rows],
        "When": [r["when"] for r in rows],
        "Evidence": [STATUS_LABELS[s] for s in flows["status"]],
        "Says who": [r["who"] for r in rows],
        "Quote": [r["quote"] for r in rows],
    })


def vocabulary_table(terms: Sequence[Term], heading: str) -> pd.DataFrame:
    """A vocabulary (the statuses or the categories) as a table indexed by its labels, in its own order."""
    return pd.DataFrame([(t.label, t.code, t.definition, t.example) for t in terms],
                        columns=[heading, *VOCABULARY_COLUMNS]).set_index(heading)


def column_help(spec: Mapping[str, Any]) -> str:
    """A column's help text from its schema field: its description, and its unit if it has one."""
    return spec.get("description", "") + (f" Unit: {spec['unit']}." if spec.get("unit") else "")


def table_description(package: Mapping[str, Any], name: str) -> str:
    """The description the data package gives a table (resource); KeyError if it has no such table."""
    for resource in package["resources"]:
        if resource["name"] == name:
            return resource.get("description", "")
    raise KeyError(f"the data package has no table {name!r}")
