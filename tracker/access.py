"""Who may publish: local mode (the person at the machine is the editor) or shared mode (editors sign in).

The local editor credential is kept as a salted scrypt hash in ``.streamlit/secrets.toml``, never
the password; a guess is compared in constant time, and failed attempts are limited per editor.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Mapping
from typing import Any

SHARED_ENV = "DASHBOARD_SHARED"
# scrypt's cost: 2**14 x 8 x 1 takes ~50 ms and 16 MB per guess, the figures hashlib's docs suggest.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILURES = 5
FAILURE_WINDOW_S = 15 * 60


def is_shared_mode(environ: Mapping[str, str] = os.environ) -> bool:
    """Shared mode (a server many readers use) is on when DASHBOARD_SHARED=1; local mode otherwise."""
    return environ.get(SHARED_ENV, "").strip() == "1"


def hash_password(password: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash of a password, as one string to keep in secrets.toml."""
    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash made by hash_password; a malformed hash matches nothing."""
    try:
        kind, n, r, p, salt, expected = stored.split("$")
        if kind != "scrypt" or int(n) > 2**20:
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(bytes.fromhex(expected)))
    except (ValueError, TypeError, MemoryError):
        return False
    return hmac.compare_digest(digest.hex(), expected)


def editor_accounts(secrets_: Mapping[str, Any]) -> dict[str, str]:
    """Editor name -> password hash, from ``[editors.accounts.<name>] password_hash = "…"`` in the secrets."""
    editors = secrets_.get("editors", {}) or {}
    accounts = editors.get("accounts", {}) if isinstance(editors, Mapping) else {}
    return {str(name): str(entry.get("password_hash", "")) for name, entry in accounts.items()
            if isinstance(entry, Mapping) and entry.get("password_hash")}


def oidc_configured(secrets_: Mapping[str, Any]) -> bool:
    """Whether the operator configured Streamlit's own sign-in (an OIDC provider in ``[auth]``)."""
    auth = secrets_.get("auth", {}) or {}
    return isinstance(auth, Mapping) and bool(auth.get("redirect_uri")) and bool(auth.get("cookie_secret"))


def oidc_editor(secrets_: Mapping[str, Any], email: str | None) -> bool:
    """Whether a user signed in through the provider is an editor: listed in ``[editors] emails``.

    NOTE: an empty list lets nobody publish; signing in proves who someone is, not that they edit.
    """
    editors = secrets_.get("editors", {}) or {}
    allowed = editors.get("emails", []) if isinstance(editors, Mapping) else []
    return bool(email) and str(email).lower() in {str(a).lower() for a in allowed}


_DUMMY_HASH = hash_password("not a password", b"\0" * 16)


class AttemptLimiter:
    """At most MAX_FAILURES failed sign-ins per editor name in FAILURE_WINDOW_S, in this server process."""

    def __init__(self, max_failures: int = MAX_FAILURES, window_s: float = FAILURE_WINDOW_S):
        self.max_failures, self.window_s = max_failures, window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_s(self, name: str, now: float | None = None) -> float:
        """Seconds before ``name`` may try again (0 if it may now)."""
        now = time.time() if now is None else now
        with self._lock:
            failures = self._failures.get(name, deque())
            while failures and now - failures[0] > self.window_s:
                failures.popleft()
            return 0.0 if len(failures) < self.max_failures else self.window_s - (now - failures[0])

    def record_failure(self, name: str, now: float | None = None) -> None:
        """Count one failed attempt for ``name``."""
        with self._lock:
            self._failures.setdefault(name, deque()).append(time.time() if now is None else now)

    def reset(self, name: str) -> None:
        """Forget the failures of ``name`` (after a successful sign-in)."""
        with self._lock:
            self._failures.pop(name, None)


def check_sign_in(name: str, password: str, accounts: Mapping[str, str], limiter: AttemptLimiter) -> str | None:
    """Sign ``name`` in: None if the password matches, else why not (wrong, or too many attempts)."""
    wait = limiter.wait_s(name)
    if wait > 0:
        return f"too many failed attempts; try again in {int(wait // 60) + 1} minutes"
    # NOTE: an unknown name costs a hash too, so the answer's timing does not tell which names exist.
    matches = verify_password(password, accounts.get(name) or _DUMMY_HASH)
    if name in accounts and matches:
        limiter.reset(name)
        return None
    limiter.record_failure(name)
    return "the name or the password is wrong"
