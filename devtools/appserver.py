"""Start, health-check and stop a `streamlit run` server on a free port of 127.0.0.1.

The one place the browser tests, the load test, the proxy run and the benchmark serve an app from.
It launches Streamlit as a subprocess and never imports it. Each server runs in its own process
group, so stopping it also stops anything it started, and is stopped by its own id. Every wait is bounded.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
HEALTH_PATH = "/_stcore/health"
HEALTH_TIMEOUT_S = 90.0
POLL_S = 0.25
STOP_GRACE_S = 10.0
LOG_TAIL_LINES = 40
ANSI_CODES = re.compile(r"\x1b\[[0-9;]*m")


class ServerNotHealthy(RuntimeError):
    """A server exited or did not answer its health check in time; the message ends with its log's last lines."""


@dataclass
class AppServer:
    """A running `streamlit run`: its process, base URL and log, and when it was launched (perf_counter)."""

    process: subprocess.Popen
    url: str
    log_path: Path
    started: float

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def streamlit_command(script: str, port: int, options: Iterable[str] = ()) -> list[str]:
    """`streamlit run script` headless on 127.0.0.1:port, no file watcher, no usage statistics.

    ``options`` are extra ``section.name=value`` settings (``runner.postScriptGC=false``, ``secrets.files=...``).
    """
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
               "--server.address", HOST, "--server.headless", "true", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false"]
    for option in options:
        name, _, value = option.partition("=")
        command += [f"--{name}", value]
    return command


def launch(command: list[str], log_path: Path, cwd: Path = ROOT, env: Mapping[str, str] | None = None,
           append: bool = False) -> subprocess.Popen:
    """Start ``command`` in its own process group, its output going to ``log_path``."""
    with open(log_path, "ab" if append else "wb") as log:
        # NOTE: its own process group, so stopping it also stops anything it started.
        return subprocess.Popen(command, cwd=cwd, env=None if env is None else dict(env), stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)


def start_app(log_path: Path, script: str = "dashboard.py", cwd: Path = ROOT, env: Mapping[str, str] | None = None,
              options: Iterable[str] = (), append: bool = False) -> AppServer:
    """Start `streamlit run script` from ``cwd`` on a free port, without waiting for it to be up.

    ``env`` is the server's whole environment (None: this process's); ``append`` keeps what the log held.
    """
    port = free_port()
    started = time.perf_counter()
    process = launch(streamlit_command(script, port, options), log_path, cwd, env, append)
    return AppServer(process, f"http://{HOST}:{port}", log_path, started)


def wait_healthy(url: str, process: subprocess.Popen, log_path: Path, timeout_s: float = HEALTH_TIMEOUT_S,
                 poll_s: float = POLL_S, name: str = "streamlit") -> None:
    """Poll ``url`` + /_stcore/health until it answers 200; raise ServerNotHealthy if the process exits or time runs out.

    ``name`` says what the process is in the message (the health path also answers through a proxy).
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerNotHealthy(f"{name} for {url} exited with {process.returncode}; "
                                   f"the last lines of {log_path}:\n{tail(log_path)}")
        with suppress(urllib.error.URLError, ConnectionError, TimeoutError):
            with urllib.request.urlopen(f"{url}{HEALTH_PATH}", timeout=2) as response:
                if response.status == 200:
                    return
        time.sleep(poll_s)
    raise ServerNotHealthy(f"{name} for {url} not healthy after {timeout_s:g} s; "
                           f"the last lines of {log_path}:\n{tail(log_path)}")


def wait_app_healthy(server: AppServer, timeout_s: float = HEALTH_TIMEOUT_S, poll_s: float = POLL_S) -> None:
    """Wait until the server answers its health check (see wait_healthy)."""
    wait_healthy(server.url, server.process, server.log_path, timeout_s, poll_s)


def start_healthy_app(log_path: Path, script: str = "dashboard.py", cwd: Path = ROOT,
                      env: Mapping[str, str] | None = None, options: Iterable[str] = ()) -> AppServer:
    """start_app, then wait until the server is healthy; stop it again if it never is."""
    server = start_app(log_path, script, cwd, env, options)
    try:
        wait_app_healthy(server)
    except BaseException:
        stop_app(server)
        raise
    return server


def stop_process_group(process: subprocess.Popen, sig: int = signal.SIGTERM, grace_s: float = STOP_GRACE_S) -> None:
    """Stop a process group started here: ``sig``, then SIGKILL if it is still there after ``grace_s``."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=grace_s)


def stop_app(server: AppServer | None) -> None:
    """Stop a server (its whole process group); nothing to do for None or a server already gone."""
    if server is not None:
        stop_process_group(server.process)


@contextmanager
def serve_app(log_path: Path, script: str = "dashboard.py", cwd: Path = ROOT, env: Mapping[str, str] | None = None,
              options: Iterable[str] = ()) -> Iterator[AppServer]:
    """Start the app, wait until it is healthy, yield it, and stop it however the block ends."""
    server = start_healthy_app(log_path, script, cwd, env, options)
    try:
        yield server
    finally:
        stop_app(server)


def tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of a log file, without colour codes ("" when it cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(ANSI_CODES.sub("", text).splitlines()[-lines:])
