"""How the dataset speaks to operators: problems in words, and the summary `make validate` prints."""

from __future__ import annotations

from tracker.constants import STATUS_CODES, TABLES
from tracker.dataset import Dataset, Problem, format_problems, summarise


def test_format_problems_counts_then_lists_each_with_its_place() -> None:
    problems = [Problem("flows.csv", 4, "status", "maybe", "must be one of the statuses"),
                Problem("datapackage.json", None, None, None, "is not JSON")]
    assert format_problems(problems) == (
        "2 problems in the data package:\n"
        "- flows.csv, line 4, column status: must be one of the statuses (found 'maybe')\n"
        "- datapackage.json: is not JSON")
    assert format_problems(problems[:1]).startswith("1 problem in the data package:")


def test_summarise_counts_rows_statuses_categories_and_claims(dataset: Dataset) -> None:
    text = summarise(dataset)
    lines = text.splitlines()
    assert lines[0] == "Data package is valid."
    for name in TABLES:
        assert any(line.split() == [name, str(len(dataset.table(name)))] for line in lines), name
    status_lines = [line.split() for line in lines if line.split() and line.split()[0] in STATUS_CODES]
    assert [s[0] for s in status_lines] == list(STATUS_CODES)
    assert sum(int(s[1]) for s in status_lines) == len(dataset.flows)
    assert lines[-1] == (f"Assertions per claim: {len(dataset.flows)} flows state "
                         f"{dataset.flows['claim_id'].nunique()} claims.")
