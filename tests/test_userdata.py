"""Articles saved by readers: ids that cannot clash, saves that cannot collide, a bad one set aside alone."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import story_article
from tracker.dataset import Dataset, load_with_saved, validate_package
from tracker.userdata import (
    SCRATCH_PREFIX,
    ArticleMeta,
    UserDataError,
    clean_scratch,
    parse_day,
    save_article,
    shown_name,
    user_package_dirs,
)

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 20


def article(dataset: Dataset, data_dir: Path, headline: str,
            flow_ids: tuple[str, ...] = ("F09", "F10", "F12")) -> tuple[dict[str, pd.DataFrame], str]:
    """A reader's article: the shipped text again, with a few of its flows accepted (strings, as reviewed)."""
    meta = ArticleMeta(f"2024-11-25-{headline.lower().replace(' ', '-')}", headline, "Outlet", "2024-11-25")
    return story_article(dataset, data_dir, meta, flow_ids=flow_ids)


def test_an_articles_ids_live_in_its_own_space(dataset: Dataset, data_dir: Path) -> None:
    tables, _ = article(dataset, data_dir, "Troops")
    assert list(tables["flows"]["flow_id"]) == ["2024-11-25-troops:F01", "2024-11-25-troops:F02",
                                                "2024-11-25-troops:F03"]
    assert tables["exchanges"].empty


def test_two_saves_at_the_same_moment_both_land_without_a_clash(dataset: Dataset, data_dir: Path,
                                                                tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    failures: list[BaseException] = []
    for round_number in range(ROUNDS):
        # NOTE: the same headline on both sides half the time, so the folder name itself is contested.
        heads = [f"Same {round_number}"] * 2 if round_number % 2 else [f"A {round_number}", f"B {round_number}"]
        barrier = threading.Barrier(2)

        def save(headline: str, barrier: threading.Barrier = barrier) -> None:
            tables, text = article(dataset, data_dir, headline)
            barrier.wait()
            try:
                save_article(tables, text, data_dir, user_dir)
            except BaseException as error:  # noqa: BLE001 - reported below
                failures.append(error)

        threads = [threading.Thread(target=save, args=(h,)) for h in heads]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not failures, failures
    saved = user_package_dirs(user_dir)
    assert len(saved) == 2 * ROUNDS
    merged, set_aside = load_with_saved(data_dir, saved)
    assert set_aside == []
    assert merged.flows["flow_id"].is_unique
    assert len(merged.sources) == 1 + 2 * ROUNDS
    assert not [p for p in user_dir.iterdir() if p.name.startswith(SCRATCH_PREFIX)]


def test_a_new_shipped_version_with_new_ids_loads_beside_every_saved_article(
        dataset: Dataset, data_dir: Path, broken_copy: Callable[[], Path], tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    tables, text = article(dataset, data_dir, "Troops")
    save_article(tables, text, data_dir, user_dir)
    shipped = broken_copy()
    # The next shipped version adds F49, F50, …: the ids the old numbering would have given the saved article.
    flows = shipped / "flows.csv"
    lines = flows.read_text(encoding="utf-8").splitlines(keepends=True)
    last = next(line for line in lines if line.startswith("F09,"))
    flows.write_text("".join(lines) + last.replace("F09,", "F49,", 1), encoding="utf-8")
    assert validate_package(shipped)[1] == []

    merged, set_aside = load_with_saved(shipped, user_package_dirs(user_dir))
    assert set_aside == []
    assert {"F49", "2024-11-25-troops:F01"} <= set(merged.flows["flow_id"])


def test_one_bad_saved_article_is_set_aside_and_the_others_stay(dataset: Dataset, data_dir: Path,
                                                                tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    for headline in ("First", "Broken", "Last"):
        tables, text = article(dataset, data_dir, headline)
        save_article(tables, text, data_dir, user_dir)
    broken = user_dir / "2024-11-25-broken" / "flows.csv"
    broken.write_text(broken.read_text(encoding="utf-8").replace(",stated,", ",rumoured,", 1), encoding="utf-8")

    merged, set_aside = load_with_saved(data_dir, user_package_dirs(user_dir))

    assert [a.folder for a in set_aside] == ["2024-11-25-broken"]
    assert "added-articles/2024-11-25-broken/flows.csv" in str(set_aside[0].problems[0])
    assert str(user_dir) not in str(set_aside[0].problems[0])
    assert set(merged.sources["source_id"]) >= {"2024-11-25-first", "2024-11-25-last"}
    # …and a new article can still be saved.
    tables, text = article(dataset, data_dir, "After")
    assert save_article(tables, text, data_dir, user_dir).name == "2024-11-25-after"


def test_a_saved_article_is_named_without_the_servers_folder(dataset: Dataset, data_dir: Path,
                                                             tmp_path: Path) -> None:
    tables, text = article(dataset, data_dir, "Troops")
    saved = save_article(tables, text, data_dir, tmp_path / "articles")
    assert shown_name(saved) == "added-articles/2024-11-25-troops"


def test_scratch_folders_of_interrupted_saves_are_cleaned(tmp_path: Path) -> None:
    old = tmp_path / f"{SCRATCH_PREFIX}killed-abc"
    (old / "package").mkdir(parents=True)
    fresh = tmp_path / f"{SCRATCH_PREFIX}in-progress-def"
    fresh.mkdir()
    keep = tmp_path / "2024-11-25-troops"
    keep.mkdir()
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))

    assert clean_scratch(tmp_path) == [old.name]
    assert not old.exists() and fresh.exists() and keep.exists()


def test_a_saved_article_that_links_out_is_set_aside_unread(dataset: Dataset, data_dir: Path, tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    for headline in ("Fine", "Linked"):
        tables, text = article(dataset, data_dir, headline)
        save_article(tables, text, data_dir, user_dir)
    secret = tmp_path / "secret.csv"
    secret.write_text("SECRET-LINE\n", encoding="utf-8")
    linked = user_dir / "2024-11-25-linked" / "flows.csv"
    linked.unlink()
    linked.symlink_to(secret)
    (user_dir / "2024-11-25-elsewhere").symlink_to(user_dir / "2024-11-25-fine")

    merged, set_aside = load_with_saved(data_dir, user_package_dirs(user_dir))

    assert [p.name for p in user_package_dirs(user_dir)] == ["2024-11-25-fine", "2024-11-25-linked"], \
        "a linked folder is not an article"
    assert [a.folder for a in set_aside] == ["2024-11-25-linked"]
    shown = "\n".join(str(p) for p in set_aside[0].problems)
    assert "must stay inside the data package" in shown and "SECRET-LINE" not in shown
    assert "2024-11-25-fine" in set(merged.sources["source_id"])


def test_validate_saved_names_the_set_aside_articles_for_the_operator(dataset: Dataset, data_dir: Path,
                                                                      tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    for headline in ("Fine", "Broken"):
        tables, text = article(dataset, data_dir, headline)
        save_article(tables, text, data_dir, user_dir)
    flows = user_dir / "2024-11-25-broken" / "flows.csv"
    flows.write_text(flows.read_text(encoding="utf-8").replace(",stated,", ",rumoured,", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tracker", "validate", "--saved"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, env={**os.environ, "DASHBOARD_USER_DIR": str(user_dir)})
    assert result.returncode == 1
    assert "Saved articles in" in result.stdout and "set aside: 1" in result.stdout
    assert f"{user_dir / '2024-11-25-broken'} is set aside" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("typed", "day"), [("2024-11-22", "2024-11-22"), (" 2024-02-29 ", "2024-02-29")])
def test_a_typed_publication_day_is_read(typed: str, day: str) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize(("typed", "says"), [("22/11/2024", "not a day written YYYY-MM-DD"),
                                             ("2023-02-29", "not a day written YYYY-MM-DD"),
                                             ("", "not a day written YYYY-MM-DD"),
                                             ("1999-12-31", "before 2000")])
def test_a_publication_day_that_is_no_day_is_refused(typed: str, says: str) -> None:
    with pytest.raises(UserDataError, match=says):
        parse_day(typed)
