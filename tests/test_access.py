"""Who may publish: the editor credential is a salted hash compared in constant time, with few attempts."""

from __future__ import annotations

import hmac
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.access import (
    AttemptLimiter,
    check_sign_in,
    editor_accounts,
    hash_password,
    is_shared_mode,
    oidc_configured,
    oidc_editor,
    verify_password,
)


def test_shared_mode_is_off_unless_set_to_1() -> None:
    assert not is_shared_mode({})
    assert not is_shared_mode({"DASHBOARD_SHARED": "0"})
    assert is_shared_mode({"DASHBOARD_SHARED": "1"})


def test_a_hash_is_salted_and_verifies_only_its_password() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second, "a fresh salt each time"
    assert "correct horse" not in first and first.startswith("scrypt$")
    assert verify_password("correct horse", first) and verify_password("correct horse", second)
    assert not verify_password("correct hors", first)


@pytest.mark.parametrize("stored", ["", "plain-password", "scrypt$1$2$3", "scrypt$99999999$8$1$00$00", "md5$x$y$z$a$b"])
def test_a_malformed_hash_matches_nothing(stored: str) -> None:
    assert not verify_password("plain-password", stored)


def test_the_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append(1) or original(a, b))
    assert verify_password("pw", hash_password("pw"))
    assert calls


def test_accounts_and_editors_come_from_the_secrets() -> None:
    secrets = {"editors": {"emails": ["Ed@Example.org"], "accounts": {"alice": {"password_hash": "scrypt$x"},
                                                                     "bob": {"password": "never read"}}}}
    assert editor_accounts(secrets) == {"alice": "scrypt$x"}
    assert oidc_editor(secrets, "ed@example.org") and not oidc_editor(secrets, "eve@example.org")
    assert not oidc_editor({}, "ed@example.org"), "signing in alone does not make an editor"
    assert not oidc_configured({}) and oidc_configured({"auth": {"redirect_uri": "x", "cookie_secret": "y"}})


def test_failed_attempts_are_limited_per_editor() -> None:
    accounts = {"alice": hash_password("right")}
    limiter = AttemptLimiter(max_failures=3, window_s=60)
    for _ in range(3):
        assert check_sign_in("alice", "wrong", accounts, limiter) == "the name or the password is wrong"
    assert "too many failed attempts" in check_sign_in("alice", "right", accounts, limiter)
    assert check_sign_in("nobody", "x", accounts, limiter) == "the name or the password is wrong"
    assert limiter.wait_s("alice", now=10**12) == 0, "the window passes"


def test_the_right_password_signs_in_and_resets_the_count() -> None:
    accounts = {"alice": hash_password("right")}
    limiter = AttemptLimiter(max_failures=3, window_s=60)
    check_sign_in("alice", "wrong", accounts, limiter)
    assert check_sign_in("alice", "right", accounts, limiter) is None
    assert limiter.wait_s("alice") == 0


def test_the_credential_script_prints_a_hash_never_the_password() -> None:
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "scripts/editor_credential.py", "alice", "--stdin"], cwd=root,
                            input="a long enough password\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "a long enough password" not in result.stdout
    assert result.stdout.startswith("[editors.accounts.alice]\npassword_hash = \"scrypt$")
    stored = result.stdout.split('"')[1]
    assert verify_password("a long enough password", stored)
