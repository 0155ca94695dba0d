"""The browser side of the benchmark: headless Chromium, waits on the map, traffic counts, server memory.

Everything stays on 127.0.0.1 (the servers come from devtools.appserver, Chromium's flags from
devtools.chromium). Every wait is bounded.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from devtools.chromium import chromium_path, launch_chromium

VIEWPORT = {"width": 1400, "height": 1000}
MAP = ".st-key-flow_map .js-plotly-plot"
# The map views are Plotly buttons inside the figure (updatemenus), switched by the browser alone.
VIEW_BUTTON = f"{MAP} .updatemenu-button"
UNDATED_TOGGLE = ".st-key-f_undated"
STATUS_WIDGET = '[data-testid="stStatusWidget"]'

# NOTE: the lines are drawn once Plotly has fetched the geometry (topojson or geojson) of the
# geo subplot, so "a scattergeo line has a path" means the map is up, for the app and the baseline.
LINES_DRAWN_JS = """(sel) => {
  const gd = document.querySelector(sel);
  if (!gd || !gd._fullLayout || !gd._fullLayout.geo) return false;
  return Array.from(gd.querySelectorAll('g.trace.scattergeo path.js-line'))
    .some(p => (p.getAttribute('d') || '').length > 0);
}"""

# The map shows the wanted view (its longitude range) and its lines are drawn.
VIEW_DRAWN_JS = """([sel, lonMin]) => {
  const gd = document.querySelector(sel);
  if (!gd || !gd._fullLayout || !gd._fullLayout.geo) return false;
  const range = gd._fullLayout.geo.lonaxis.range;
  if (!range || Math.abs(range[0] - lonMin) > 1e-6) return false;
  return Array.from(gd.querySelectorAll('g.trace.scattergeo path.js-line'))
    .some(p => (p.getAttribute('d') || '').length > 0);
}"""


RUNNING_JS = """(status) => document.querySelector(status) !== null
  || document.querySelector('[data-stale="true"]') !== null"""

# The map's figure object; a new figure from the server replaces it.
MARK_FIGURE_JS = "(sel) => { window.__benchFigure = document.querySelector(sel).data; }"
FIGURE_REPLACED_JS = """(sel) => {
  const gd = document.querySelector(sel);
  return gd !== null && gd.data !== undefined && gd.data !== window.__benchFigure;
}"""
# NOTE: Plotly.react draws a geo subplot in the same task once its topojson is cached, so a replaced
# figure whose lines have paths is the new figure drawn.
REDRAWN_JS = f"""(sel) => ({FIGURE_REPLACED_JS})(sel) && ({LINES_DRAWN_JS})(sel)"""


def require_chromium() -> str:
    """Debian's Chromium; the benchmark cannot run without it."""
    path = chromium_path()
    if path is None:
        raise SystemExit("no `chromium` on PATH: install Debian's chromium package (never `playwright install`)")
    return path


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (VmRSS from /proc)."""
    total_kb = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total_kb / 1024


def launch_context(playwright: Any, profile_dir: Path) -> Any:
    """A headless Chromium with a fresh profile (so an empty cache)."""
    return launch_chromium(playwright, profile_dir, require_chromium(), VIEWPORT)


def wait_lines_drawn(page: Any, timeout_ms: float) -> None:
    """Wait until the map (the chart with key flow_map) has drawn a line."""
    page.wait_for_function(LINES_DRAWN_JS, arg=MAP, timeout=timeout_ms, polling="raf")


def wait_view_drawn(page: Any, lon_min: float, timeout_ms: float) -> None:
    """Wait until the map shows the view whose longitude range starts at lon_min, lines drawn."""
    page.wait_for_function(VIEW_DRAWN_JS, arg=[MAP, lon_min], timeout=timeout_ms, polling="raf")


def wait_run_finished(page: Any, timeout_ms: float) -> None:
    """Wait until the app's script run is over: no "running" status widget and no stale element, twice in a row.

    Streamlit marks the elements of the last run stale at once, and shows its status widget
    only after a delay, so both are checked.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    quiet = 0
    while time.monotonic() < deadline:
        if page.evaluate(RUNNING_JS, STATUS_WIDGET) is False:
            quiet += 1
            if quiet >= 2:
                return
        else:
            quiet = 0
        page.wait_for_timeout(100)
    raise TimeoutError(f"the app was still running after {timeout_ms / 1000:.0f} s")


def click_view(page: Any, view: str, timeout_ms: float) -> None:
    """Click a map view's button inside the figure (its label from MAP_VIEW_LABELS)."""
    from tracker.constants import MAP_VIEW_LABELS

    label = re.compile(rf"^\s*{re.escape(MAP_VIEW_LABELS[view])}\s*$")
    page.locator(VIEW_BUTTON).filter(has_text=label).first.click(timeout=timeout_ms)


def click_undated(page: Any, timeout_ms: float) -> None:
    """Flip the sidebar's "Include undated flows" toggle (a filter: the script reruns, the map is redrawn)."""
    page.locator(f"{UNDATED_TOGGLE} label").first.click(timeout=timeout_ms)


def wait_redrawn(page: Any, timeout_ms: float) -> None:
    """Wait until the map's figure marked by MARK_FIGURE_JS is replaced and the new one's lines are drawn."""
    page.wait_for_function(REDRAWN_JS, arg=MAP, timeout=timeout_ms, polling="raf")


def main_thread_seconds(cdp: Any) -> dict[str, float]:
    """The renderer's busy time so far (Chrome's Performance domain): tasks, scripts, layout, style."""
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {key: float(metrics.get(name, 0.0)) for key, name in (
        ("task_s", "TaskDuration"), ("script_s", "ScriptDuration"), ("layout_s", "LayoutDuration"),
        ("style_s", "RecalcStyleDuration"))}


def select_category(page: Any, label: str, timeout_ms: float) -> None:
    """Pick a category in the sidebar's "What flows" multiselect."""
    page.locator(".st-key-f_category [role='combobox']").first.click(timeout=timeout_ms)
    page.get_by_role("option", name=label, exact=True).first.click(timeout=timeout_ms)


@dataclass
class Traffic:
    """What a tab received (WebSocket payload bytes, HTTP responses as they finish) and sent over the WebSocket.

    A script rerun is asked for by a BackMsg frame the page sends, so ``ws_sent_frames`` counts reruns asked for.
    """

    ws_bytes: int = 0
    ws_frames: int = 0
    ws_sent_frames: int = 0
    ws_sent_bytes: int = 0
    requests: list[Any] = field(default_factory=list)
    payloads: list[bytes] = field(default_factory=list)
    keep_payloads: bool = True

    def reset(self) -> None:
        self.ws_bytes, self.ws_frames = 0, 0
        self.ws_sent_frames, self.ws_sent_bytes = 0, 0
        self.requests.clear()
        self.payloads.clear()

    def _frame(self, payload: str | bytes) -> None:
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        self.ws_bytes += len(data)
        self.ws_frames += 1
        if self.keep_payloads:
            self.payloads.append(data)

    def _sent(self, payload: str | bytes) -> None:
        self.ws_sent_frames += 1
        self.ws_sent_bytes += len(payload.encode("utf-8") if isinstance(payload, str) else payload)

    def ws_by_element(self) -> dict[str, int]:
        """WebSocket payload bytes by what they carry: element type (charts by key), or message type."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        out: dict[str, int] = {}
        for data in self.payloads:
            message = ForwardMsg()
            try:
                message.ParseFromString(data)
            except Exception:  # not a ForwardMsg: count it apart
                out["(unparsed)"] = out.get("(unparsed)", 0) + len(data)
                continue
            kind = message.WhichOneof("type") or "(empty)"
            if kind == "delta":
                kind = message.delta.WhichOneof("type") or "delta"
                if kind == "new_element":
                    kind = message.delta.new_element.WhichOneof("type") or "element"
                    if kind == "plotly_chart":
                        chart_id = message.delta.new_element.plotly_chart.id
                        kind += " " + next((k for k in ("flow_map", "sankey") if k in chart_id), "(other)")
            elif kind == "ref_hash":
                kind = "ref_hash (a message the browser has cached)"
            out[kind] = out.get(kind, 0) + len(data)
        return dict(sorted(out.items(), key=lambda item: -item[1]))

    def attach(self, page: Any) -> Traffic:
        def watch(ws: Any) -> None:
            ws.on("framereceived", self._frame)
            ws.on("framesent", self._sent)

        page.on("websocket", watch)
        page.on("requestfinished", lambda request: self.requests.append(request))
        return self

    def http_by_kind(self, app_url: str) -> dict[str, dict[str, int]]:
        """Response body bytes as received (encoded) and decoded, by kind: streamlit, geometry, app_other."""
        out = {kind: {"wire": 0, "decoded": 0, "count": 0, "cached": 0} for kind in ("streamlit", "geometry", "app_other")}
        host = urlsplit(app_url).netloc
        for request in self.requests:
            parts = urlsplit(request.url)
            if parts.netloc != host:
                continue
            kind = classify(parts.path)
            response = request.response()
            # NOTE: Chromium reports a negative body size for a response served from its cache.
            wire = int(request.sizes().get("responseBodySize", 0) or 0)
            if wire < 0:
                out[kind]["cached"] += 1
                continue
            try:
                decoded = len(response.body()) if response is not None and response.status == 200 else 0
            except Exception:  # a body the browser did not keep (redirects, 304)
                decoded = 0
            out[kind]["wire"] += wire
            out[kind]["decoded"] += decoded
            out[kind]["count"] += 1
        return out


def classify(path: str) -> str:
    """Streamlit's own frontend (its index page and /static/ bundle), our static geometry, or the rest."""
    if path.startswith("/app/static/"):
        return "geometry"
    if path.startswith("/static/") or path in ("/", "/index.html") or path.endswith(".html"):
        return "streamlit"
    return "app_other"
