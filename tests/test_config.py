"""The server configuration for a shared, offline deployment: each setting is checked, so removing it fails.

Streamlit's defaults differ from what this app needs on several of these (usage statistics on,
error details shown, the tables' own CSV export on), so a missing line is a regression.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".streamlit" / "config.toml"
STATIC = ROOT / "static"
# The only files the app serves from static/: the map's boundary geometry.
GEOMETRY_FOLDERS = ("geo", "topojson")
MAX_UPLOAD_MB = 5


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    with CONFIG.open("rb") as handle:
        return tomllib.load(handle)


def setting(config: dict[str, Any], dotted: str) -> Any:
    """The value of ``section.option``; fails, naming it, when the line is missing."""
    section, option = dotted.split(".")
    assert option in config.get(section, {}), f"{dotted} is not set in {CONFIG.relative_to(ROOT)}"
    return config[section][option]


# (setting, value, why)
REQUIRED = [
    ("browser.gatherUsageStats", False, "no usage statistics leave the machine"),
    ("server.enableXsrfProtection", True, "uploads and the WebSocket need the XSRF token"),
    ("server.enableCORS", True, "other origins may not call the server"),
    ("server.enableStaticServing", True, "the map's boundaries are served by the app, never a CDN"),
    ("client.showErrorDetails", "none", "readers never see a traceback; it goes to the server log"),
    ("client.disableDataExport", True, "st.dataframe's own CSV export would not neutralise formula cells"),
]


@pytest.mark.parametrize(("dotted", "value"), [r[:2] for r in REQUIRED], ids=[r[0] for r in REQUIRED])
def test_setting_is_set_as_required(config: dict[str, Any], dotted: str, value: Any) -> None:
    assert setting(config, dotted) == value, dict((r[0], r[2]) for r in REQUIRED)[dotted]
    assert type(setting(config, dotted)) is type(value), f"{dotted} must be a TOML {type(value).__name__}"


def test_uploads_are_small(config: dict[str, Any]) -> None:
    size = setting(config, "server.maxUploadSize")
    assert isinstance(size, int) and 0 < size <= MAX_UPLOAD_MB, f"server.maxUploadSize is {size} MB"


def test_static_folder_holds_only_geometry() -> None:
    """Static serving publishes every file in static/; only the boundary JSON may be there."""
    files = [p for p in STATIC.rglob("*") if p.is_file()]
    assert files, "static/ is empty: the map needs its boundary files"
    for path in files:
        relative = path.relative_to(STATIC)
        assert relative.parts[0] in GEOMETRY_FOLDERS and path.suffix == ".json", \
            f"static/{relative} would be served to anyone; only static/geo/*.json and static/topojson/*.json belong there"
    assert (STATIC / "geo" / "countries_110m.json").is_file()
    assert not [p for p in STATIC.rglob(".*")], "hidden files in static/ would be served too"


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour given as #RRGGBB."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_captions_are_readable_on_the_light_theme(config: dict[str, Any]) -> None:
    """Streamlit draws captions in the text colour at 60% opacity; on white that must reach WCAG AA (4.5:1)."""
    text = config["theme"]["light"]["textColor"]
    caption = "#" + "".join(f"{round(255 - 0.6 * (255 - int(text[i:i + 2], 16))):02X}" for i in (1, 3, 5))
    assert _contrast(caption, "#FFFFFF") >= 4.5, f"captions would be {caption} on white"
    assert _contrast(caption, "#FAFAFA") >= 4.5, "captions on a code block's grey"
    assert _contrast("#828180", "#FFFFFF") < 4.5  # Streamlit's default caption grey, which this replaces


def test_every_setting_is_checked(config: dict[str, Any]) -> None:
    """A setting added to the file without a check here is reported (the checks must keep up)."""
    checked = {r[0] for r in REQUIRED} | {"server.maxUploadSize", "theme.light"}
    # Settings that change how the app runs, not what it exposes; no check needed.
    neutral = {"server.headless", "server.runOnSave", "server.enableWebsocketCompression", "client.toolbarMode",
               "runner.magicEnabled", "runner.postScriptGC"}
    present = {f"{section}.{option}" for section, options in config.items() for option in options}
    assert present - checked - neutral == set(), "add a check (or list it as neutral) for each new setting"
