"""Many readers at once: N sessions open pages, change filters and download, for a set time.

Each reader is a client of Streamlit's own WebSocket protocol (protobuf BackMsg / ForwardMsg over
/_stcore/stream), as the browser's JavaScript is: it asks for a page, keeps its widgets' values as
the browser does, changes one, and waits for the run to finish. A download is an HTTP GET of the
button's media URL. Thousands of these fit in one Python process where 20 Chromium tabs would not
fit on two cores; what the server does for each rerun is the same.

Usage:
    python scripts/loadtest.py --sessions 20 --minutes 10          # starts the app on a free port
    python scripts/loadtest.py --url http://127.0.0.1:8501 --pid 1234 --sessions 5 --minutes 1

It prints sessions, interactions, errors, latency percentiles and the server's resident memory
(before, after the first batch, during, and after the sessions close), writes the figures into
docs/reliability.md between its markers (``--report ''`` to skip) and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402 - after the path is set
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from devtools import appserver  # noqa: E402

REPORT = ROOT / "docs" / "reliability.md"
REPORT_BEGIN, REPORT_END = "<!-- loadtest:begin -->", "<!-- loadtest:end -->"
# NOTE: render_footer() runs after the page, so its words in a run mean the page ran to the end.
FOOTER_TEXT = "Everything is served by this app"
RUN_TIMEOUT_S = 60
SAMPLE_EVERY_S = 2.0
CACHE_MIN_BYTES = 10_000  # the browser caches large messages and tells the server it has them
CACHE_MAX_MESSAGES = 64
CLOSE_SAMPLE_S = 15.0
GOAL_P95_S = 2.0
GOAL_RSS_DRIFT = 0.10
PAGES = ("Map and overview", "Timeline", "Evidence reader", "Data and downloads", "Add an article", "About the data")


# --- the server ----------------------------------------------------------------------------------


def cpu_seconds(pid: int | None) -> float | None:
    """User plus system CPU time a process has used (Linux /proc), in seconds; None when unknown."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float | None:
    """The machine's one-minute load average: other work competing for the same cores."""
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except OSError:
        return None


def rss_mb(pid: int | None) -> float | None:
    """Resident memory of a process (Linux /proc), in MB; None when unknown."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# --- one reader ----------------------------------------------------------------------------------


class ReaderError(Exception):
    """Something a reader would see as broken: an exception box, a page that never finished, a failed download."""


@dataclass
class Widget:
    """A widget as the last run drew it: its kind, its label and its element proto."""

    kind: str
    label: str
    proto: Any


@dataclass
class Run:
    """What one script run sent back."""

    widgets: dict[str, Widget] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)  # label -> media URL
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)


def widget_state(widget: Widget, previous: WidgetState | None) -> WidgetState | None:
    """The state a browser holds for a widget: what the server set, else what it had, else the default."""
    p, kind = widget.proto, widget.kind
    if getattr(p, "form_id", ""):
        return None  # form widgets are sent only when their form is submitted
    # NOTE: a file uploader or a button has no set_value; it holds no state the scenario needs.
    if not getattr(p, "set_value", False) and previous is not None:
        return previous
    state = WidgetState(id=p.id)
    if kind in ("multiselect", "button_group"):
        options = [o if isinstance(o, str) else o.content for o in p.options]
        values = list(p.raw_values) if p.set_value else [options[i] for i in p.default]
        state.string_array_value.data.extend(values)
    elif kind == "slider":
        if p.options:  # a select_slider: formatted options, default given as indices
            values = list(p.raw_value) if p.set_value else [p.options[int(i)] for i in p.default]
            state.string_array_value.data.extend(values)
        else:
            state.double_array_value.data.extend(list(p.value) if p.set_value else list(p.default))
    elif kind == "checkbox":
        state.bool_value = p.value if p.set_value else p.default
    elif kind == "selectbox":
        if p.set_value and p.HasField("raw_value"):
            state.string_value = p.raw_value
        elif p.HasField("default"):
            state.string_value = p.options[p.default]
        else:
            return None
    else:
        return None  # buttons hold no state; the scenario touches no other widget
    return state


class Reader:
    """One reader's session: a WebSocket to the app, its widgets' states and its query string."""

    def __init__(self, url: str, number: int, stats: Stats, rng: random.Random, sticky_cookie: str | None = None,
                 reconnect: bool = False):
        self.url, self.number, self.stats, self.rng = url, number, stats, rng
        # NOTE: behind a proxy with cookie-sticky sessions a browser carries the cookie the proxy set; a reader
        # here carries one of its own (name=reader number), so each reader keeps to one replica.
        self.headers = {"Cookie": f"{sticky_cookie}=reader-{number}"} if sticky_cookie else {}
        self.reconnect = reconnect
        self.ws: Any = None
        self.pages: dict[str, str] = {}  # title -> page_script_hash
        self.page = ""
        self.query = ""
        self.states: dict[str, WidgetState] = {}
        self.cache: dict[str, ForwardMsg] = {}
        self.last = Run()
        self.first_cycle_counted = False

    async def connect(self) -> None:
        stream = self.url.replace("http", "ws", 1) + "/_stcore/stream"
        self.ws = await websockets.connect(stream, subprotocols=["streamlit"], max_size=None, open_timeout=30,
                                           additional_headers=self.headers)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, page: str | None = None, changed: Iterable[WidgetState] = ()) -> Run:
        """Ask for a run (of ``page`` or the current page) with the widgets' states; return what it drew.

        With ``reconnect``, a connection lost (its replica killed) is opened again, through the proxy to
        another replica. As in a browser, the new session first draws the page from the address (the
        filters); the change in flight when the replica died is lost, so the reader then makes it again.
        """
        try:
            return await self._rerun(page, changed)
        except websockets.ConnectionClosed:
            if not self.reconnect:
                raise
        await self._recover()
        return await self._rerun(page, [s for s in changed if s.id in self.states] if changed else ())

    async def _recover(self) -> None:
        """A new connection through the proxy, and the page drawn again from the address."""
        self.stats.reconnects += 1
        await self.connect()
        self.cache = {}
        await self._rerun(None, ())

    async def _rerun(self, page: str | None, changed: Iterable[WidgetState]) -> Run:
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_script_hash = self.pages.get(page, "") if page else self.page
        states = dict(self.states)
        states.update({s.id: s for s in changed})
        client.widget_states.widgets.extend(states.values())
        while len(self.cache) > CACHE_MAX_MESSAGES:  # oldest first, before the server is told what is cached
            self.cache.pop(next(iter(self.cache)))
        client.cached_message_hashes.extend(self.cache)
        client.context_info.timezone = "UTC"
        client.context_info.locale = "en-GB"
        started = time.monotonic()
        await self.ws.send(message.SerializeToString())
        run = await asyncio.wait_for(self._receive_run(), RUN_TIMEOUT_S)
        self.stats.latencies.append(time.monotonic() - started)
        self.stats.interactions += 1
        if run.exceptions:
            raise ReaderError(f"exception on the page: {run.exceptions[0][:200]}")
        if not any(FOOTER_TEXT in text for text in run.texts):
            raise ReaderError("the page did not run to its end (no footer)")
        self.states = {}
        for widget_id, widget in run.widgets.items():
            state = widget_state(widget, states.get(widget_id))
            if state is not None:
                self.states[widget_id] = state
        self.last = run
        return run

    async def _receive_run(self) -> Run:
        run = Run()
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.ws.recv())
            if message.HasField("ref_hash"):
                message = self.cache[message.ref_hash]
            elif message.hash and message.ByteSize() >= CACHE_MIN_BYTES:
                self.cache[message.hash] = message
            kind = message.WhichOneof("type")
            if kind == "new_session":
                run = Run()  # a rerun that started over (the previous one was cut short)
            elif kind == "navigation":
                self.pages = {p.page_name: p.page_script_hash for p in message.navigation.app_pages}
                self.page = message.navigation.page_script_hash or self.page
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.HasField("new_element"):
                self._read_element(message.delta.new_element, run)
            elif kind == "script_finished":
                status = message.script_finished
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise ReaderError("the script did not compile")
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    return run

    @staticmethod
    def _read_element(element: Any, run: Run) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        if kind == "exception":
            run.exceptions.append(proto.message)
        elif kind in ("markdown", "heading"):
            run.texts.append(proto.body)
        elif kind == "download_button":
            run.downloads[proto.label] = proto.url
        elif getattr(proto, "id", "") and hasattr(proto, "label"):
            run.widgets[proto.id] = Widget(kind, proto.label, proto)

    def widget(self, label: str) -> Widget:
        found = [w for w in self.last.widgets.values() if w.label == label]
        if not found:
            raise ReaderError(f"no widget labelled {label!r} on the page")
        return found[0]

    def choose(self, label: str, values: list[str]) -> WidgetState:
        """The state of a multi-choice widget (multiselect, segmented control) set to ``values``."""
        state = WidgetState(id=self.widget(label).proto.id)
        state.string_array_value.data.extend(values)
        return state

    def options(self, label: str) -> list[str]:
        return [o if isinstance(o, str) else o.content for o in self.widget(label).proto.options]

    async def download(self, label_start: str, retried: bool = False) -> None:
        """Fetch a download button's file as the browser does (an HTTP GET of its media URL)."""
        url = next((u for label, u in self.last.downloads.items() if label.startswith(label_start)), None)
        if url is None:
            raise ReaderError(f"no download button {label_start!r}")
        started = time.monotonic()
        # NOTE: a page drawn by a replica that has since died links files only that replica had; a browser
        # would have redrawn the page on the dropped connection before the click, and so does the reader.
        dropped = getattr(self.ws, "close_code", None) is not None
        try:
            if dropped and self.reconnect and not retried:
                raise websockets.ConnectionClosed(None, None)
            body = await asyncio.to_thread(_get, self.url + url, self.headers)
        except (websockets.ConnectionClosed, urllib.error.HTTPError) as error:
            # the drop not yet noticed when the link was followed answers 404 from the other replica
            if not self.reconnect or retried or getattr(error, "code", 404) != 404:
                raise
            await self._recover()
            return await self.download(label_start, retried=True)
        self.stats.download_latencies.append(time.monotonic() - started)
        if not body.startswith(b"flow_id,"):
            raise ReaderError(f"the CSV download starts {body[:40]!r}")
        self.stats.downloads += 1

    async def visit(self, think: float, deadline: float, first_cycle_done: asyncio.Event) -> None:
        """Read the app until ``deadline``: every page, two filters, a row, a download."""
        await self.connect()
        await self.rerun()  # the default page, as a browser opening the app's address
        while time.monotonic() < deadline:
            steps = [
                lambda: self.rerun("Map and overview"),
                # NOTE: the map's views switch in the browser and reach no server; an evidence level does.
                lambda: self.rerun(changed=[self.choose("Evidence", [self.rng.choice(self.options("Evidence"))])]),
                self._filter_one_category,
                lambda: self.rerun("Timeline"),
                lambda: self.rerun("Evidence reader"),
                lambda: self.rerun(changed=[self._pick_row()]),
                lambda: self.rerun("Data and downloads"),
                lambda: self.download("Download these"),
                lambda: self.rerun("About the data"),
                lambda: self.rerun("Add an article"),
                self._clear_the_filter,
            ]
            for step in steps:
                if time.monotonic() >= deadline:
                    break
                await asyncio.sleep(think * self.rng.uniform(0.5, 1.5))
                await step()
            if not self.first_cycle_counted:
                self.count_first_cycle(first_cycle_done)

    def count_first_cycle(self, first_cycle_done: asyncio.Event) -> None:
        """Note that this reader has been through every page once (or has failed: then it never will)."""
        if not self.first_cycle_counted:
            self.first_cycle_counted = True
            self.stats.first_cycles += 1
            if self.stats.first_cycles >= self.stats.sessions:
                first_cycle_done.set()

    async def _filter_one_category(self) -> None:
        category = self.rng.choice(self.options("What flows"))
        await self.rerun(changed=[self.choose("What flows", [category])])
        if "category=" not in self.query:  # the sidebar writes its filters to the URL
            raise ReaderError(f"choosing {category!r} did not filter (query {self.query!r})")

    async def _clear_the_filter(self) -> None:
        await self.rerun(changed=[self.choose("What flows", []), self.choose("Evidence", [])])
        if "category=" in self.query:
            raise ReaderError(f"clearing the filter left it in the URL (query {self.query!r})")

    def _pick_row(self) -> WidgetState:
        box = self.widget("Go to the sentence of a row").proto
        state = WidgetState(id=box.id)
        state.string_value = self.rng.choice(list(box.options)[1:])
        return state


def _get(url: str, headers: dict[str, str] | None = None) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=RUN_TIMEOUT_S) as response:
        if response.status != 200:
            raise ReaderError(f"HTTP {response.status} for {url}")
        return response.read()


# --- many readers ------------------------------------------------------------------------------


@dataclass
class Stats:
    """Counts and timings of the whole run."""

    sessions: int = 0
    interactions: int = 0
    downloads: int = 0
    reconnects: int = 0  # connections opened again after a replica was lost
    first_cycles: int = 0
    latencies: list[float] = field(default_factory=list)
    download_latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss: dict[str, float | None] = field(default_factory=dict)
    rss_samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds since start, MB)
    rss_by_minute: list[float] = field(default_factory=list)
    server_cpu_s: float | None = None
    load: dict[str, float | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Load:
    """What the readers do: how many, for how long, their pause between actions, and how they reach the app."""

    sessions: int
    seconds: float
    think: float  # mean pause between a reader's actions, s
    settle: float  # how long to keep sampling memory after the readers leave, s
    seed: int
    sticky_cookie: str | None = None  # behind a proxy with cookie-sticky sessions: the cookie's name
    reconnect: bool = False  # open a dropped connection again (a replica killed behind a proxy)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


async def _reader(url: str, number: int, stats: Stats, load: Load, deadline: float,
                  first_cycle_done: asyncio.Event) -> None:
    reader = Reader(url, number, stats, random.Random(load.seed + number), load.sticky_cookie, load.reconnect)
    try:
        await reader.visit(load.think, deadline, first_cycle_done)
    except (ReaderError, TimeoutError, OSError, websockets.WebSocketException, KeyError) as error:
        stats.errors.append(f"session {number}: {type(error).__name__}: {error}")
        reader.count_first_cycle(first_cycle_done)
    finally:
        with suppress(Exception):
            await reader.close()


async def _watch(pid: int | None, stats: Stats, started: float, stop: asyncio.Event) -> None:
    """Sample the server's memory every few seconds; print progress once a minute."""
    next_minute = 60.0
    while not stop.is_set():
        elapsed = time.monotonic() - started
        value = rss_mb(pid)
        if value is not None:
            stats.rss_samples.append((elapsed, value))
        if elapsed >= next_minute:
            p95 = percentile(stats.latencies, 95)
            print(f"  {elapsed / 60:4.1f} min: {stats.interactions} interactions, {len(stats.errors)} errors, "
                  f"p95 so far {p95 or 0:.2f} s, server RSS {value or 0:.0f} MB, load {load_average()}", flush=True)
            stats.rss_by_minute.append(round(value or 0, 1))
            next_minute += 60.0
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SAMPLE_EVERY_S)


async def run_load(url: str, pid: int | None, load: Load) -> Stats:
    """Drive ``load.sessions`` readers for ``load.seconds``; sample the server's memory throughout and after they leave."""
    stats = Stats(sessions=load.sessions)
    stats.rss["before"] = rss_mb(pid)
    stats.load["start"] = load_average()
    cpu_before = cpu_seconds(pid)
    started = time.monotonic()
    deadline = started + load.seconds
    first_cycle_done, stop_watching = asyncio.Event(), asyncio.Event()
    watcher = asyncio.create_task(_watch(pid, stats, started, stop_watching))

    async def note_first_batch() -> None:
        await first_cycle_done.wait()
        stats.rss["after_first_batch"] = rss_mb(pid)

    first_batch = asyncio.create_task(note_first_batch())
    tasks = []
    for number in range(load.sessions):
        tasks.append(asyncio.create_task(_reader(url, number, stats, load, deadline, first_cycle_done)))
        await asyncio.sleep(min(0.25, load.seconds / max(load.sessions, 1) / 4))  # readers arrive one after another
    await asyncio.gather(*tasks)
    cpu_after = cpu_seconds(pid)
    if cpu_before is not None and cpu_after is not None:
        stats.server_cpu_s = cpu_after - cpu_before
    stats.load["end"] = load_average()
    stats.rss["end_of_run"] = rss_mb(pid)
    stats.rss.setdefault("after_first_batch", None)
    first_batch.cancel()
    await asyncio.sleep(min(load.settle, CLOSE_SAMPLE_S))
    stats.rss["just_after_close"] = rss_mb(pid)
    # NOTE: a closed session is kept for server.disconnectedSessionTTL (120 s) in case its reader reconnects.
    await asyncio.sleep(max(load.settle - CLOSE_SAMPLE_S, 0))
    stats.rss["after_close"] = rss_mb(pid)
    stop_watching.set()
    await watcher
    stats.rss["during_max"] = max((v for _, v in stats.rss_samples), default=None)
    return stats


# --- the report ----------------------------------------------------------------------------------


def summarise(stats: Stats, args: argparse.Namespace, url: str, started_app: bool) -> dict[str, Any]:
    """The figures of a run, as a dict (written as JSON and into the report)."""
    first, after = stats.rss.get("after_first_batch"), stats.rss.get("after_close")
    drift = (after - first) / first if first and after else None
    p95 = percentile(stats.latencies, 95)
    seconds = args.minutes * 60
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "url": url, "app_started_by_script": started_app, "options": list(args.option),
        "sessions": stats.sessions, "minutes": args.minutes, "think_s": args.think, "settle_s": args.settle,
        "close_sample_s": min(args.settle, CLOSE_SAMPLE_S),
        "cpus": os.cpu_count(), "load_average": stats.load,
        "interactions": stats.interactions, "downloads": stats.downloads, "errors": len(stats.errors),
        "error_messages": stats.errors[:20],
        "interactions_per_s": _round(stats.interactions / seconds, 2) if seconds else None,
        "latency_s": {name: _round(percentile(stats.latencies, q)) for name, q in
                      (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))},
        "download_latency_s": {"p50": _round(percentile(stats.download_latencies, 50)),
                               "p95": _round(percentile(stats.download_latencies, 95))},
        "server_cpu_s_per_interaction": _round(stats.server_cpu_s / stats.interactions, 3)
        if stats.server_cpu_s is not None and stats.interactions else None,
        "rss_mb": {k: _round(v, 1) for k, v in stats.rss.items()},
        "rss_mb_by_minute": stats.rss_by_minute,
        "rss_drift_after_close_vs_first_batch": _round(drift, 3),
        "goals": {
            "no_errors": not stats.errors and stats.interactions > 0,
            "p95_below_2s": p95 is not None and p95 < GOAL_P95_S,
            "rss_after_close_within_10pct": None if drift is None else abs(drift) <= GOAL_RSS_DRIFT,
        },
    }


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "NOT MET")


def render(summary: dict[str, Any]) -> str:
    """The figures as Markdown (printed, and written between the report's markers)."""
    lat, rss, goals = summary["latency_s"], summary["rss_mb"], summary["goals"]
    drift = summary["rss_drift_after_close_vs_first_batch"]
    options = "".join(f" --option {o}" for o in summary["options"])
    load = summary["load_average"]
    lines = [
        f"Run of {summary['date']}: `scripts/loadtest.py --sessions {summary['sessions']} "
        f"--minutes {summary['minutes']:g} --think {summary['think_s']:g}{options}` on {summary['cpus']} CPU(s), "
        f"{'app started by the script' if summary['app_started_by_script'] else 'against ' + summary['url']}; "
        f"machine load average {load.get('start')} at the start, {load.get('end')} at the end.",
        "",
        "| Measure | Value |",
        "|---|---|",
        f"| Concurrent sessions | {summary['sessions']} |",
        f"| Interactions (page runs, filter and view changes) | {summary['interactions']} "
        f"({summary['interactions_per_s']} per second) |",
        f"| Downloads (CSV over HTTP) | {summary['downloads']} |",
        f"| Errors | {summary['errors']} |",
        f"| Interaction latency p50 / p95 / p99 / max | {lat['p50']} / {lat['p95']} / {lat['p99']} / {lat['max']} s |",
        f"| Download latency p50 / p95 | {summary['download_latency_s']['p50']} / "
        f"{summary['download_latency_s']['p95']} s |",
        f"| Server CPU per interaction | {summary['server_cpu_s_per_interaction']} s |",
        f"| Server RSS before | {rss.get('before')} MB |",
        f"| Server RSS after the first batch (every reader through every page once) | "
        f"{rss.get('after_first_batch')} MB |",
        f"| Server RSS each minute | {', '.join(f'{v:g}' for v in summary['rss_mb_by_minute']) or 'n/a'} MB |",
        f"| Server RSS during (max) / at the end of the run | {rss.get('during_max')} / {rss.get('end_of_run')} MB |",
        f"| Server RSS {summary['close_sample_s']:g} s after the sessions closed | {rss.get('just_after_close')} MB |",
        f"| Server RSS {summary['settle_s']:g} s after the sessions closed | {rss.get('after_close')} MB "
        f"({'n/a' if drift is None else f'{drift:+.1%}'} vs first batch) |",
        "",
        f"Goals: 0 errors: **{_mark(goals['no_errors'])}**; p95 below 2 s: **{_mark(goals['p95_below_2s'])}**; "
        f"RSS after close within 10% of the first batch: **{_mark(goals['rss_after_close_within_10pct'])}**.",
    ]
    if summary["error_messages"]:
        lines += ["", "First errors:", *(f"- `{e}`" for e in summary["error_messages"][:5])]
    return "\n".join(lines)


def write_report(path: Path, text: str) -> bool:
    """Replace the text between the report's markers; False (nothing written) when they are missing."""
    if not path.is_file():
        return False
    content = path.read_text(encoding="utf-8")
    if REPORT_BEGIN not in content or REPORT_END not in content:
        return False
    head, rest = content.split(REPORT_BEGIN, 1)
    _, tail = rest.split(REPORT_END, 1)
    path.write_text(f"{head}{REPORT_BEGIN}\n{text}\n{REPORT_END}{tail}", encoding="utf-8")
    return True


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent readers (default 20)")
    parser.add_argument("--minutes", type=float, default=10.0, help="how long they read (default 10)")
    parser.add_argument("--think", type=float, default=2.0,
                        help="mean pause between a reader's actions, in seconds (uniform 0.5x-1.5x; default 2)")
    parser.add_argument("--url", help="a running app's base URL; without it the script starts the app itself")
    parser.add_argument("--pid", type=int, help="the running app's process id, to sample its memory (with --url)")
    parser.add_argument("--settle", type=float, default=130.0,
                        help="seconds to wait after the sessions close before the last memory sample; the server "
                             "keeps a closed session for server.disconnectedSessionTTL, 120 s (default 130)")
    parser.add_argument("--option", action="append", default=[], metavar="SECTION.NAME=VALUE",
                        help="a Streamlit setting for the app the script starts, e.g. runner.postScriptGC=false")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the readers' choices")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--report", default=str(REPORT),
                        help="Markdown file whose loadtest markers receive the figures ('' to skip)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the load test; return 0 when every interaction succeeded, else 1."""
    args = parse_args(argv)
    server = None
    if args.url:
        url, pid = args.url.rstrip("/"), args.pid
    else:
        log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"loadtest-streamlit-{os.getpid()}.log"
        server = appserver.start_healthy_app(log_path, options=args.option)
        url, pid = server.url, server.pid
        print(f"app started on {url} (pid {pid}, log {log_path})", flush=True)
    print(f"{args.sessions} readers for {args.minutes:g} min, a pause of about {args.think:g} s between actions",
          flush=True)
    try:
        stats = asyncio.run(run_load(url, pid, Load(args.sessions, args.minutes * 60, args.think, args.settle,
                                                     args.seed)))
    finally:
        appserver.stop_app(server)
    summary = summarise(stats, args, url, server is not None)
    text = render(summary)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    if args.report and write_report(Path(args.report), text):
        print(f"figures written to {args.report}")
    return 0 if summary["goals"]["no_errors"] else 1


if __name__ == "__main__":
    sys.exit(main())

