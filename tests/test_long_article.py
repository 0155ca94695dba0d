"""A long saved article costs a page view what it shows, not its length (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from devtools.calls import count_calls, count_script_calls
from devtools.corpora import filled_article
from tests.conftest import story_article
from tests.test_bad_data_app import app_env, open_app  # noqa: F401 - the AppTest fixture and helper
from tracker.dataset import Dataset
from tracker.evidence import build_highlights, split_parts, split_sentences
from tracker.sentences import Sentence
from tracker.userdata import MAX_ARTICLE_BYTES, ArticleMeta, save_article

SOURCE_ID = "2024-11-25-long"


def long_text(dataset: Dataset, size: int = MAX_ARTICLE_BYTES) -> str:
    """The story's article, then short sentences up to just under `size` bytes (the 1 MB cap: about 250,000)."""
    return filled_article(dataset.texts[dataset.sources["source_id"].iloc[0]], size)


def highlight_rows(text: str, middle: Sentence) -> pd.DataFrame:
    return pd.DataFrame({"table": "flow", "row_id": ["a", "b", "c"], "status": "stated",
                         "quote_start": [0, len(text) - 3, middle.start], "quote_end": [5, len(text), middle.end + 3]})


def test_highlights_cost_the_rows_not_the_text(dataset: Dataset) -> None:
    """Python calls counted at half the cap and at the cap (the same on every run): twice the text costs
    hardly more, since each quote finds its sentence by bisection. `scripts/bench_text.py` times it."""
    calls = {}
    for size in (MAX_ARTICLE_BYTES // 2, MAX_ARTICLE_BYTES):
        text = long_text(dataset, size)
        sentences = split_sentences(text)
        middle = sentences[len(sentences) // 2]
        highlights, calls[size] = count_calls(build_highlights, text, highlight_rows(text, middle), sentences)
        assert [[r[1] for r in h.rows] for h in highlights] == [["a"], ["c"], ["c"], ["b"]], "c spans two sentences"
    assert len(sentences) > 200_000
    assert calls[MAX_ARTICLE_BYTES] / calls[MAX_ARTICLE_BYTES // 2] < 1.1, calls


def test_parts_cover_the_text_in_bounded_pieces(dataset: Dataset) -> None:
    sentences = split_sentences(long_text(dataset))
    parts = split_parts(sentences)
    assert parts[0][0] == 0 and parts[-1][1] == len(sentences)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    assert max(sum(len(s.text) + 1 for s in sentences[a:b]) for a, b in parts) <= 40_000


@pytest.fixture
def saved_long_articles(app_env: Path, dataset: Dataset, data_dir: Path) -> dict[int, str]:  # noqa: F811
    """Two saved articles, at the 1 MB cap and at a quarter of it: size -> the address of the row F01."""
    rows = {}
    for size in (MAX_ARTICLE_BYTES, MAX_ARTICLE_BYTES // 4):
        source_id = f"{SOURCE_ID}-{size}"
        meta = ArticleMeta(source_id, "Long", "Outlet", "2024-11-25")
        tables, text = story_article(dataset, data_dir, meta, long_text(dataset, size))
        save_article(tables, text, data_dir, app_env)
        rows[size] = f"{source_id}:F01"
    return rows


def test_a_view_of_a_1_mb_article_costs_what_a_quarter_of_it_does(saved_long_articles: dict[int, str]) -> None:
    """The evidence reader draws one part of a long article; a rerun's Python calls (counted, the same on every
    run) hardly grow with the article. `scripts/bench_text.py` times the views."""
    calls = {}
    for size, row in saved_long_articles.items():
        at = open_app("pages/evidence.py")
        at.query_params["row"] = row
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        calls[size] = count_script_calls(at)
        assert not at.exception, [e.message for e in at.exception]
        assert at.selectbox(key="evidence_article").value == row.split(":")[0], "the row's own article is shown"
        assert any("F01" in i.value for i in at.info), "the row's sentence is marked"
        assert any(s.label == "Part of the article" for s in at.selectbox)
        shown = sum(len(m.value) for m in at.markdown)
        assert shown < 200_000, f"{shown:,} characters drawn in one view"
    assert calls[MAX_ARTICLE_BYTES] < 1.2 * calls[MAX_ARTICLE_BYTES // 4], calls
