"""The claim panel the map opens on a click, through AppTest: every assertion, with its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from tracker.dataset import load_dataset
from ui.panels import render_claim_detail

dataset = load_dataset()
render_claim_detail(dataset, dataset.flows, {claim_id!r})
"""


def run_claim_detail(claim_id: str) -> AppTest:
    at = AppTest.from_string(SCRIPT.format(root=str(ROOT), claim_id=claim_id), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize(("claim_id", "rows", "counts"), [
    ("C03", 7, "7 assertions · 6 independent sources · 1 article"),
    ("C07", 1, "1 assertion · 1 independent source · 1 article"),
])
def test_claim_detail_lists_every_assertion_with_its_quote(claim_id: str, rows: int, counts: str) -> None:
    at = run_claim_detail(claim_id)
    (table,) = [d.value for d in at.dataframe]
    assert len(table) == rows and table["Quote"].str.len().gt(0).all()
    assert list(table["Flow"].str.startswith("evidence?row=F")) == [True] * rows
    assert any(counts in m.value for m in at.markdown)


def test_claim_detail_of_a_claim_not_shown_says_so() -> None:
    at = run_claim_detail("C99")
    assert not at.dataframe
    assert "C99" in at.warning[0].value
