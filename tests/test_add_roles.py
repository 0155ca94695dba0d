"""The Add page in local and shared mode: readers review and download, only editors publish (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_bad_data_app import ENTRY, app_env, open_app, shown_text  # noqa: F401 - the AppTest fixture and helpers
from tests.test_userdata import article
from tracker.access import hash_password
from tracker.dataset import Dataset
from tracker.publishing import read_log
from tracker.userdata import save_article

ARTICLE = ("North Korea has sent about 11,000 soldiers to Russia's Kursk region, Ukraine's defence intelligence "
           "agency said on Monday.\nExperts believe Moscow has promised Pyongyang submarine technology in return.\n")
PASSWORD = "a test credential, not a real one"
ADD = "pages/add.py"


def button(at: AppTest, label: str):  # noqa: ANN201 - AppTest's widget classes are not public
    found = [b for b in at.button if b.label == label]
    assert found, (label, [b.label for b in at.button])
    return found[0]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def text_input(at: AppTest, label: str):  # noqa: ANN201
    return next(t for t in at.text_input if t.label == label)


def review_one_row(at: AppTest) -> None:
    """Paste the article, propose rows and accept the first one."""
    next(t for t in at.text_area if t.label == "…or paste its text").set_value(ARTICLE)
    text_input(at, "Headline").set_value("North Korean soldiers in Kursk")
    button(at, "Propose rows").click().run()
    assert not at.exception, [e.message for e in at.exception]
    button(at, "Accept").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(h.value == "1 accepted rows" for h in at.subheader)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


@pytest.fixture
def shared(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # noqa: F811
    monkeypatch.setenv("DASHBOARD_SHARED", "1")
    return app_env


def sign_in(at: AppTest, name: str, password: str) -> None:
    text_input(at, "Editor name").set_value(name)
    text_input(at, "Password").set_value(password)
    button(at, "Sign in").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_local_mode_the_person_is_the_editor_and_saves(app_env: Path) -> None:  # noqa: F811
    at = open_app(ADD)
    review_one_row(at)
    button(at, "Save the article").click().run()
    saved = "Saved as added-articles/2024-11-22-north-korean-soldiers-in-kursk"
    assert any(saved in s.value.replace("\\", "") for s in at.success)
    assert str(app_env) not in shown_text(at), "the server's folder is never shown"
    record = json.loads((app_env / "2024-11-22-north-korean-soldiers-in-kursk" / "publication.json").read_text())
    assert record["published_by"].endswith("(local mode)")


def test_shared_mode_a_reader_reviews_and_downloads_but_writes_nothing(shared: Path) -> None:
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    at.secrets["editors"] = {"accounts": {"alice": {"password_hash": hash_password(PASSWORD)}}}
    at = open_app(ADD, at)
    assert any("only editors publish" in i.value for i in at.info)
    review_one_row(at)

    assert "Save the article" not in labels(at)
    assert [d.label for d in at.get("download_button")] == ["Download as a data package (zip)"]
    assert not any("Editors: publish a reader's zip" in e.label for e in at.expander)
    # Every other button a reader has: none of them writes.
    for label in ("Next ▶", "Reject", "Add a row for this sentence", "Discard this review"):
        if label in labels(at) and not button(at, label).disabled:
            button(at, label).click().run()
            assert not at.exception, [e.message for e in at.exception]
    assert files_under(shared) == [], "a reader wrote to the server's user folder"


def test_shared_mode_an_editor_signs_in_publishes_and_withdraws(shared: Path) -> None:
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    at.secrets["editors"] = {"accounts": {"alice": {"password_hash": hash_password(PASSWORD)}}}
    at = open_app(ADD, at)
    sign_in(at, "alice", PASSWORD)
    assert any("Signed in as editor **alice**" in c.value for c in at.caption)
    review_one_row(at)
    button(at, "Save the article").click().run()
    assert any("Its flows are now on the map" in s.value.replace("\\", "") for s in at.success), [e.value for e in at.error]
    folder = shared / "2024-11-22-north-korean-soldiers-in-kursk"
    assert json.loads((folder / "publication.json").read_text())["published_by"] == "alice"

    next(s for s in at.selectbox if s.label == "Article to withdraw").set_value(folder.name)
    button(at, "Withdraw it from the map").click().run()
    assert not at.exception
    assert (folder / "withdrawn.json").is_file() and (folder / "flows.csv").is_file()
    assert [(e["action"], e["by"]) for e in read_log(shared)] == [("publish", "alice"), ("withdraw", "alice")]


def test_shared_mode_a_wrong_password_is_refused_and_attempts_are_limited(shared: Path) -> None:
    at = AppTest.from_file(str(ENTRY), default_timeout=60)
    at.secrets["editors"] = {"accounts": {"carol": {"password_hash": hash_password(PASSWORD)}}}
    at = open_app(ADD, at)
    for _ in range(5):
        sign_in(at, "carol", "guess")
        assert any("the name or the password is wrong" in e.value for e in at.error)
    sign_in(at, "carol", PASSWORD)
    assert any("too many failed attempts" in e.value for e in at.error)
    assert "Save the article" not in labels(at)


def save_two_and_break_one(user_dir: Path, dataset: Dataset, data_dir: Path) -> None:
    for headline in ("Fine", "Broken"):
        tables, text = article(dataset, data_dir, headline)
        save_article(tables, text, data_dir, user_dir)
    flows = user_dir / "2024-11-25-broken" / "flows.csv"
    flows.write_text(flows.read_text(encoding="utf-8").replace(",stated,", ",rumoured,", 1), encoding="utf-8")


def test_a_bad_saved_article_is_set_aside_with_a_message_to_the_editor(
        app_env: Path, dataset: Dataset, data_dir: Path) -> None:  # noqa: F811
    save_two_and_break_one(app_env, dataset, data_dir)
    at = open_app("pages/evidence.py")
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("1 saved article(s) set aside" in w and "2024-11-25-broken" in w for w in warnings), warnings
    assert "The dataset cannot be shown" not in [t.value for t in at.title]
    articles = next(s for s in at.selectbox if s.label == "Article").options
    assert any("Fine" in a for a in articles) and not any("Broken" in a for a in articles)
    assert str(app_env) not in shown_text(at)


def test_in_shared_mode_readers_see_the_map_without_the_set_aside_message(
        shared: Path, dataset: Dataset, data_dir: Path) -> None:
    save_two_and_break_one(shared, dataset, data_dir)
    at = open_app("pages/evidence.py")
    assert not at.warning
    assert any("Fine" in a for a in next(s for s in at.selectbox if s.label == "Article").options)
