"""The publishing limits and the sign-in limiter on their own, with the clock passed in."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tracker.access import AttemptLimiter
from tracker.publishing import LOG_NAME, Limits, check_limits, now_iso
from tracker.userdata import UserDataError

NOW = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


def _log(folder: Path, *entries: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / LOG_NAME).write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


def test_limits_read_the_environment_and_fall_back_to_the_defaults() -> None:
    assert Limits.from_environ({}) == Limits()
    limits = Limits.from_environ({"DASHBOARD_MAX_PER_HOUR": "3", "DASHBOARD_USER_DIR_MAX_MB": "5"})
    assert (limits.per_editor_per_hour, limits.folder_bytes) == (3, 5_000_000)


def test_now_iso_is_utc_to_the_second() -> None:
    stamp = datetime.fromisoformat(now_iso())
    assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0) and stamp.microsecond == 0


def test_only_this_editors_publications_of_the_last_hour_count(tmp_path: Path) -> None:
    hour_ago = (NOW - timedelta(minutes=61)).isoformat()
    recent = (NOW - timedelta(minutes=5)).isoformat()
    _log(tmp_path, {"action": "publish", "by": "alice", "at": hour_ago},
         {"action": "publish", "by": "bob", "at": recent},
         {"action": "withdraw", "by": "alice", "at": recent},
         {"action": "publish", "by": "alice", "at": recent})
    limits = Limits(per_editor_per_hour=2)
    check_limits(tmp_path, "alice", 10, limits, now=NOW)
    _log(tmp_path, {"action": "publish", "by": "alice", "at": recent}, {"action": "publish", "by": "alice", "at": recent})
    with pytest.raises(UserDataError, match="alice has published 2 articles in the last hour"):
        check_limits(tmp_path, "alice", 10, limits, now=NOW)


def test_an_entry_whose_time_cannot_be_read_counts_as_old(tmp_path: Path) -> None:
    _log(tmp_path, {"action": "publish", "by": "alice", "at": "yesterday-ish"})
    check_limits(tmp_path, "alice", 10, Limits(per_editor_per_hour=1), now=NOW)


def test_article_and_folder_sizes_are_limited(tmp_path: Path) -> None:
    with pytest.raises(UserDataError, match="one article may take at most 100"):
        check_limits(tmp_path, "alice", 101, Limits(article_bytes=100), now=NOW)
    (tmp_path / "big.bin").write_bytes(b"x" * 900)
    with pytest.raises(UserDataError, match="folder is full"):
        check_limits(tmp_path, "alice", 200, Limits(folder_bytes=1_000), now=NOW)


def test_the_limiter_locks_after_the_last_failure_and_unlocks_when_the_window_passes() -> None:
    limiter = AttemptLimiter(max_failures=2, window_s=60)
    limiter.record_failure("alice", now=100.0)
    assert limiter.wait_s("alice", now=101.0) == 0.0
    limiter.record_failure("alice", now=110.0)
    assert limiter.wait_s("alice", now=111.0) == pytest.approx(49.0)
    assert limiter.wait_s("bob", now=111.0) == 0.0
    assert limiter.wait_s("alice", now=171.0) == 0.0
    limiter.record_failure("alice", now=172.0)
    limiter.reset("alice")
    assert limiter.wait_s("alice", now=172.0) == 0.0
