"""A long saved article costs a page view what it shows, not its length (issue 13)."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import read_records
from tests.test_bad_data_app import app_env, open_app  # noqa: F401 - the AppTest fixture and helper
from tracker.dataset import Dataset
from tracker.evidence import build_highlights, split_parts, split_sentences
from tracker.userdata import MAX_ARTICLE_BYTES, ArticleMeta, build_article_tables, save_article

SOURCE_ID = "2024-11-25-long"
VIEW_BUDGET_S = 1.0


def long_text(dataset: Dataset) -> str:
    """The story's article, then short sentences up to just under the 1 MB cap: about 250,000 of them."""
    text = dataset.texts[dataset.sources["source_id"].iloc[0]]
    filler = "Ok. " * ((MAX_ARTICLE_BYTES - len(text.encode("utf-8")) - 10) // 4)
    return text + "\n" + filler.strip()


def test_highlights_are_linear_in_the_text(dataset: Dataset) -> None:
    text = long_text(dataset)
    sentences = split_sentences(text)
    assert len(sentences) > 200_000
    middle = sentences[len(sentences) // 2]
    rows = pd.DataFrame({"table": "flow", "row_id": ["a", "b", "c"], "status": "stated",
                         "quote_start": [0, len(text) - 3, middle.start], "quote_end": [5, len(text), middle.end + 3]})
    started = time.perf_counter()
    highlights = build_highlights(text, rows, sentences)
    elapsed = time.perf_counter() - started
    assert [[r[1] for r in h.rows] for h in highlights] == [["a"], ["c"], ["c"], ["b"]], "c spans two sentences"
    assert elapsed < VIEW_BUDGET_S, f"{elapsed:.2f} s"


def test_parts_cover_the_text_in_bounded_pieces(dataset: Dataset) -> None:
    sentences = split_sentences(long_text(dataset))
    parts = split_parts(sentences)
    assert parts[0][0] == 0 and parts[-1][1] == len(sentences)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert max(sum(len(s.text) + 1 for s in sentences[a:b]) for a, b in parts) <= 40_000


@pytest.fixture
def saved_long_article(app_env: Path, dataset: Dataset, data_dir: Path) -> str:  # noqa: F811
    text = long_text(dataset)
    records = [r for r in read_records(data_dir, "flows") if r["flow_id"] == "F09"]
    accepted = pd.DataFrame(records).drop(columns=["flow_id"])
    tables = build_article_tables(accepted, ArticleMeta(SOURCE_ID, "Long", "Outlet", "2024-11-25"), text, dataset)
    save_article(tables, text, data_dir, app_env)
    return f"{SOURCE_ID}:F01"


def test_the_evidence_reader_shows_a_1_mb_article_within_a_second(saved_long_article: str) -> None:
    at = open_app("pages/evidence.py")
    at.query_params["row"] = saved_long_article
    at.run()
    assert not at.exception
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        at.run()
        timings.append(time.perf_counter() - started)
        assert not at.exception, [e.message for e in at.exception]
    assert any("F01" in i.value for i in at.info), "the row's sentence is marked"
    assert any(s.label == "Part of the article" for s in at.selectbox)
    shown = sum(len(m.value) for m in at.markdown)
    assert shown < 200_000, f"{shown:,} characters drawn in one view"
    print(f"evidence reader, 1 MB article: {[round(t, 2) for t in timings]} s per view")
    assert min(timings) < VIEW_BUDGET_S, timings
