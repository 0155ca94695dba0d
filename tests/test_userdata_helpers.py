"""The saved-article helpers on their own: source ids, renaming, the folder lock, blank rows, the check."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest

from tests.test_userdata import article
from tracker.constants import TABLES
from tracker.dataset import Dataset, read_package, resource_fields, validate_package
from tracker.userdata import (
    USER_DIR_ENV,
    blank_candidate,
    check_article,
    default_user_dir,
    locked,
    make_source_id,
    rename_article,
    write_package,
)


def test_make_source_id_is_a_dated_slug_and_never_taken() -> None:
    assert make_source_id("North Korean troops: 10,000!", "2024-11-25", set()) == "2024-11-25-north-korean-troops-10-000"
    taken = {"2024-11-25-troops", "2024-11-25-troops-2"}
    assert make_source_id("Troops", "2024-11-25", taken) == "2024-11-25-troops-3"
    assert make_source_id("¿¿??", "2024-11-25", set()) == "2024-11-25-article"
    assert len(make_source_id("x" * 200, "2024-11-25", set())) == len("2024-11-25-") + 40


def test_default_user_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(USER_DIR_ENV, str(tmp_path / "saved"))
    assert default_user_dir() == tmp_path / "saved"
    monkeypatch.delenv(USER_DIR_ENV)
    assert default_user_dir() == Path.home() / ".local" / "share" / "who-sends-what" / "articles"


def test_rename_article_moves_rows_ids_and_text_path(dataset: Dataset, data_dir: Path) -> None:
    tables, _ = article(dataset, data_dir, "Troops")
    renamed = rename_article(tables, "2024-11-25-other")
    assert renamed["sources"]["path"].tolist() == ["sources/2024-11-25-other.txt"]
    assert set(renamed["flows"]["source_id"]) == {"2024-11-25-other"}
    assert all(i.startswith("2024-11-25-other:F") for i in renamed["flows"]["flow_id"])
    # NOTE: the original tables are left as they were.
    assert all(i.startswith("2024-11-25-troops:F") for i in tables["flows"]["flow_id"])


def test_check_article_passes_a_sound_article_and_names_a_broken_cell(dataset: Dataset, data_dir: Path) -> None:
    tables, text = article(dataset, data_dir, "Troops")
    assert check_article(tables, text, data_dir) == []
    tables["flows"].loc[0, "category"] = "not-a-category"
    problems = check_article(tables, text, data_dir)
    assert problems and any("category" in str(problem) for problem in problems)


def _hold(folder: str, started: multiprocessing.Event, release: multiprocessing.Event) -> None:
    with locked(Path(folder)):
        started.set()
        release.wait(30)


def test_locked_makes_another_process_wait_until_it_is_released(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    started, release = context.Event(), context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path), started, release))
    holder.start()
    try:
        assert started.wait(10)
        acquired = threading.Event()

        def take() -> None:
            with locked(tmp_path):
                acquired.set()

        taker = threading.Thread(target=take)
        taker.start()
        assert not acquired.wait(0.5), "the lock was taken while another process held it"
        release.set()
        assert acquired.wait(10), "the lock was not taken after the other process let it go"
        taker.join(10)
    finally:
        release.set()
        holder.join(10)


def test_blank_candidate_quotes_the_picked_sentence() -> None:
    text = "First sentence. Russia sent missiles."
    row = blank_candidate(["flow_id", "quote", "status", "category"], 16, len(text), text)
    assert row["quote"] == "Russia sent missiles."
    assert (row["quote_start"], row["quote_end"]) == (16, len(text))
    assert row["status"] == "reported" and row["category"] == "" and row["reason"] == "added by the reviewer"


def test_write_package_writes_every_table_and_the_text_for_each_source(dataset: Dataset, data_dir: Path,
                                                                        tmp_path: Path) -> None:
    tables, text = article(dataset, data_dir, "Troops")
    folder = tmp_path / "article"
    package = read_package(data_dir)
    write_package(tables, text, folder, package)
    assert (folder / "datapackage.json").is_file()
    for name in TABLES:
        header = (folder / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [field["name"] for field in resource_fields(package, name)], name
    source_id = tables["sources"]["source_id"].iloc[0]
    assert (folder / "sources" / f"{source_id}.txt").read_text(encoding="utf-8") == text
    assert validate_package(data_dir, (folder,))[1] == []
    with pytest.raises(FileExistsError):
        write_package(tables, text, folder, package)
