"""Shared fixtures: the real data folder, and throwaway copies of it to break."""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from tracker.dataset import Dataset, load_dataset
from tracker.extract import extract_candidates
from tracker.userdata import ArticleMeta, build_article_tables

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Path of the project's real data/ folder (never written to by tests)."""
    path = ROOT / "data"
    assert (path / "datapackage.json").is_file(), f"no data package in {path}"
    return path


@pytest.fixture
def broken_copy(data_dir: Path, tmp_path: Path) -> Callable[[], Path]:
    """Factory: copy data/ into tmp_path and return the copy's path, for a test to edit one file there."""
    counter = iter(range(1_000_000))

    def make() -> Path:
        target = tmp_path / f"data-{next(counter)}"
        shutil.copytree(data_dir, target)
        return target

    return make


def frame_runs_every_rerun(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep AppTest out of Streamlit's legacy ``pages/`` mode, as a real server is after its first run.

    NOTE: AppTest resets ``PagesManager.uses_pages_directory`` before every run, and a pages/ folder
    beside the entry script then makes each rerun after the first execute the page file alone,
    without the frame (no sidebar, no filters). A real server clears the flag for good on the first
    st.navigation call; this does the same after AppTest's reset. tests/test_page_context.py pins the
    flag, and tests the first run of a fresh server, which this skips.
    """
    from streamlit.runtime.pages_manager import PagesManager  # NOTE: here, so pure tests need no Streamlit

    original_init = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def read_records(data_dir: Path, name: str) -> list[dict[str, str]]:
    """A table as the csv module reads it: tests take expected values from here, not from pandas."""
    with (data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def dataset(data_dir: Path) -> Dataset:
    """The real data package, loaded once for the session (tests must not modify it)."""
    return load_dataset(data_dir)


@pytest.fixture(scope="session")
def flow_records(data_dir: Path) -> list[dict[str, str]]:
    """flows.csv as the csv module reads it."""
    return read_records(data_dir, "flows")


def read_csv(path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """Return the header, the records and the line each record starts on (header = line 1)."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    header = next(reader)
    records, starts = [], []
    while True:
        start = reader.line_num + 1
        try:
            records.append(next(reader))
        except StopIteration:
            return header, records, starts
        starts.append(start)


@pytest.fixture(scope="module")
def evaluation_module() -> ModuleType:
    """scripts/evaluate_extraction.py, imported as a module (scripts are not a package)."""
    spec = importlib.util.spec_from_file_location("evaluate_extraction", ROOT / "scripts" / "evaluate_extraction.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # NOTE: dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def places(data_dir: Path) -> pd.DataFrame:
    """The gazetteer as the extractor reads it: every cell a string."""
    return pd.read_csv(data_dir / "places.csv", dtype=str, keep_default_na=False)


def candidate_rows(text: str, places: pd.DataFrame, published: str = "2024-11-22") -> set[tuple[str, str, str]]:
    """The (origin, destination, category) of every row the extractor proposes for a text."""
    return flow_triples(extract_candidates(text, published, places))


def flow_triples(candidates: pd.DataFrame) -> set[tuple[str, str, str]]:
    """The (origin, destination, category) of every row of a candidates frame."""
    return set(zip(candidates["origin_iso3"], candidates["destination_iso3"], candidates["category"], strict=True))


def story_article(dataset: Dataset, data_dir: Path, meta: ArticleMeta, text: str | None = None,
                  flow_ids: tuple[str, ...] = ("F09",)) -> tuple[dict[str, pd.DataFrame], str]:
    """A reader's article, as the review page builds it: the shipped story (or ``text``, which starts with it, so
    its quotes stand at their offsets) with some of its flows accepted (strings, as reviewed)."""
    text = dataset.texts[dataset.sources["source_id"].iloc[0]] if text is None else text
    records = [r for r in read_records(data_dir, "flows") if r["flow_id"] in flow_ids]
    accepted = pd.DataFrame(records).drop(columns=["flow_id"])
    return build_article_tables(accepted, meta, text, dataset), text
