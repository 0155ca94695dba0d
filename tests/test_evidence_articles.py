"""The evidence reader with several articles: the article shown is always the one the marked row quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import story_article
from tests.test_bad_data_app import app_env, open_app  # noqa: F401 - the AppTest fixture and helper
from tests.test_pages import unescape_markdown
from tracker.dataset import Dataset
from tracker.userdata import ArticleMeta, save_article

ARTICLE = "evidence_article"


@pytest.fixture
def two_articles(app_env: Path, dataset: Dataset, data_dir: Path) -> dict[str, str]:  # noqa: F811
    """Two saved articles of the same day and headline, each with one row: source id -> its text."""
    story = dataset.texts[dataset.sources["source_id"].iloc[0]]
    texts = {}
    for source_id, tail in (("twin-a", "The end."), ("twin-b", "Another ending, longer than the first.")):
        meta = ArticleMeta(source_id, "Twins", "Outlet", "2024-11-25")
        tables, text = story_article(dataset, data_dir, meta, f"{story}\n{tail}")
        save_article(tables, text, data_dir, app_env)
        texts[source_id] = text
    return texts


def test_a_row_opened_on_the_page_brings_its_own_article(two_articles: dict[str, str]) -> None:
    at = open_app("pages/evidence.py")
    for source_id in ("twin-b", "twin-a", "twin-b"):
        at.query_params["row"] = f"{source_id}:F01"
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.selectbox(key=ARTICLE).value == source_id
        assert any(f"{source_id}:F01" in unescape_markdown(i.value) for i in at.info), [i.value for i in at.info]
        assert any(unescape_markdown(m.value).endswith(two_articles[source_id].rsplit("\n", 1)[1]) for m in at.markdown)


def test_picking_another_article_unmarks_the_row_of_the_first(two_articles: dict[str, str]) -> None:
    at = open_app("pages/evidence.py")
    at.query_params["row"] = "twin-a:F01"
    at.run()
    at.selectbox(key=ARTICLE).select("twin-b").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key=ARTICLE).value == "twin-b", "the reader's choice holds"
    assert "row" not in at.query_params
    assert not at.info, "no quote of a row of another article is shown"
    assert not at.warning
    at.run()
    assert at.selectbox(key=ARTICLE).value == "twin-b"
