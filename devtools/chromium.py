"""Debian's Chromium for the browser tests and the benchmark, told to stay on this machine.

The flags keep it from calling home (no background networking, component updates or sync) and from
needing a GPU or a sandbox; Lighthouse gets the same flags as a string. Playwright drives it; this
module only names it and its flags, and opens a headless profile, so it imports no browser library.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync")


def chromium_path() -> str | None:
    """Debian's Chromium, or None when it is not installed."""
    return shutil.which("chromium")


def chrome_flags() -> str:
    """The flags as one string, headless, for tools that start Chromium themselves (Lighthouse's --chrome-flags)."""
    return " ".join(("--headless", *CHROMIUM_ARGS))


def launch_chromium(playwright: Any, profile_dir: Path, executable: str, viewport: dict[str, int],
                    accept_downloads: bool = False) -> Any:
    """A headless Chromium with its own profile (so its own cache), as a Playwright persistent context."""
    # NOTE: Playwright refuses --user-data-dir in args; a persistent context is how to give a profile.
    return playwright.chromium.launch_persistent_context(
        str(profile_dir), executable_path=executable, headless=True, args=list(CHROMIUM_ARGS), viewport=viewport,
        accept_downloads=accept_downloads)
