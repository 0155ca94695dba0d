"""Publishing: who and when are recorded, withdrawals are logged and kept on disk, limits say so, zips import."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.test_userdata import article
from tracker.dataset import Dataset, load_with_saved
from tracker.publishing import (
    Limits,
    publish_article,
    published_articles,
    read_article_zip,
    read_log,
    withdraw_article,
)
from tracker.userdata import UserDataError, article_zip, user_package_dirs


def test_a_publication_records_who_and_when_and_a_withdrawal_keeps_the_files(
        dataset: Dataset, data_dir: Path, tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    tables, text = article(dataset, data_dir, "Troops")
    folder = publish_article(tables, text, data_dir, user_dir, "alice")
    record = json.loads((folder / "publication.json").read_text(encoding="utf-8"))
    assert record["published_by"] == "alice" and record["published_at"].endswith("+00:00")
    assert published_articles(user_dir)[0]["published_by"] == "alice"

    withdraw_article(user_dir, folder.name, "bob")

    assert user_package_dirs(user_dir) == ()
    assert (folder / "flows.csv").is_file(), "a withdrawn article stays on disk"
    assert [(e["action"], e["by"]) for e in read_log(user_dir)] == [("publish", "alice"), ("withdraw", "bob")]
    merged, _ = load_with_saved(data_dir, user_package_dirs(user_dir))
    assert "2024-11-25-troops" not in set(merged.sources["source_id"])
    with pytest.raises(UserDataError, match="already withdrawn"):
        withdraw_article(user_dir, folder.name, "bob")
    with pytest.raises(UserDataError, match="no saved article"):
        withdraw_article(user_dir, "../data", "bob")


def test_each_limit_has_its_own_message(dataset: Dataset, data_dir: Path, tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    tables, text = article(dataset, data_dir, "First")
    publish_article(tables, text, data_dir, user_dir, "alice", Limits(per_editor_per_hour=1))
    tables, text = article(dataset, data_dir, "Second")
    with pytest.raises(UserDataError, match="alice has published 1 articles in the last hour"):
        publish_article(tables, text, data_dir, user_dir, "alice", Limits(per_editor_per_hour=1))
    with pytest.raises(UserDataError, match="folder is full"):
        publish_article(tables, text, data_dir, user_dir, "bob", Limits(folder_bytes=1000))
    with pytest.raises(UserDataError, match="one article may take at most"):
        publish_article(tables, text, data_dir, user_dir, "bob", Limits(article_bytes=1000))
    assert [p.name for p in user_package_dirs(user_dir)] == ["2024-11-25-first"]


def test_a_readers_zip_imports_as_it_was_reviewed(dataset: Dataset, data_dir: Path) -> None:
    tables, text = article(dataset, data_dir, "Troops")
    tables["flows"].loc[0, "notes"] = "=HYPERLINK(\"http://x\")"
    raw = article_zip(tables, text, dataset.package)
    imported, imported_text = read_article_zip(raw, data_dir)
    assert imported_text == text
    assert list(imported["flows"]["flow_id"]) == list(tables["flows"]["flow_id"])
    assert imported["flows"].loc[0, "notes"] == "=HYPERLINK(\"http://x\")", "the neutralising is undone"
    assert imported["places"].empty


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_bad_zip_is_refused_with_a_reason(dataset: Dataset, data_dir: Path) -> None:
    tables, text = article(dataset, data_dir, "Troops")
    good = zipfile.ZipFile(io.BytesIO(article_zip(tables, text, dataset.package)))
    files = {i.filename: good.read(i) for i in good.infolist()}
    with pytest.raises(UserDataError, match="not a zip"):
        read_article_zip(b"not a zip", data_dir)
    with pytest.raises(UserDataError, match="outside its package folder"):
        read_article_zip(zip_of({**files, "../../etc/passwd": b"x"}), data_dir)
    flows = next(n for n in files if n.endswith("/flows.csv"))
    broken = files[flows].decode("utf-8").replace(",stated,", ",rumoured,", 1).encode("utf-8")
    with pytest.raises(UserDataError, match=r"added-articles/2024-11-25-troops/flows.csv, line \d, column status"):
        read_article_zip(zip_of({**files, flows: broken}), data_dir)
    with pytest.raises(UserDataError, match="lacks flows.csv"):
        read_article_zip(zip_of({n: c for n, c in files.items() if n != flows}), data_dir)


def test_a_garbled_log_line_does_not_stop_publishing(dataset: Dataset, data_dir: Path, tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    user_dir.mkdir()
    (user_dir / ".publications.log").write_text('not json\n{"action": "publish", "by": "alice", "at": "yesterday"}\n',
                                                encoding="utf-8")
    tables, text = article(dataset, data_dir, "Troops")
    assert publish_article(tables, text, data_dir, user_dir, "alice", Limits(per_editor_per_hour=1)).is_dir()
