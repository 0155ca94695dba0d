"""devtools.chromium: one set of flags keeps Chromium on this machine, for Playwright and for Lighthouse alike."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from devtools.chromium import CHROMIUM_ARGS, chrome_flags, launch_chromium
from tests.test_architecture import import_without_streamlit

OFFLINE_FLAGS = {"--disable-background-networking", "--disable-component-update", "--disable-sync"}


def test_the_flags_keep_chromium_from_calling_home() -> None:
    assert OFFLINE_FLAGS <= set(CHROMIUM_ARGS)


def test_lighthouse_gets_the_same_flags_headless() -> None:
    words = chrome_flags().split()

    assert words[0] == "--headless"
    assert words[1:] == list(CHROMIUM_ARGS)


def test_playwright_is_given_the_flags_the_profile_and_the_viewport(tmp_path: Path) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    playwright = SimpleNamespace(chromium=SimpleNamespace(
        launch_persistent_context=lambda *args, **kwargs: calls.append((args, kwargs)) or "context"))

    context = launch_chromium(playwright, tmp_path / "profile", "/usr/bin/chromium", {"width": 800, "height": 600},
                              accept_downloads=True)

    assert context == "context"
    (args, kwargs), = calls
    assert args == (str(tmp_path / "profile"),)
    assert kwargs == {"executable_path": "/usr/bin/chromium", "headless": True, "args": list(CHROMIUM_ARGS),
                      "viewport": {"width": 800, "height": 600}, "accept_downloads": True}


def test_the_module_imports_no_streamlit() -> None:
    assert import_without_streamlit(["devtools.chromium"]) == {}
