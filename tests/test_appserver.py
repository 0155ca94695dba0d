"""devtools.appserver: the one helper that serves a Streamlit app for the browser tests, the load test and the benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from devtools import appserver
from tests.test_architecture import import_without_streamlit

pytestmark = pytest.mark.timeout(180)

TINY_APP = 'import streamlit as st\n\nst.write("served")\n'


def port_is_free(port: int) -> bool:
    """Nobody listens on the port: a new server could bind it (as servers do, past connections in TIME_WAIT)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((appserver.HOST, port))
        except OSError:
            return False
        return True


def group_is_gone(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_the_helper_never_imports_streamlit() -> None:
    assert import_without_streamlit(["devtools.appserver"]) == {}


def test_a_free_port_can_be_bound() -> None:
    assert port_is_free(appserver.free_port())


def test_the_command_runs_this_interpreter_on_loopback_with_the_options_given() -> None:
    command = appserver.streamlit_command("app.py", 8123, ["runner.postScriptGC=false", "secrets.files=/x/s.toml"])

    assert command[:4] == [sys.executable, "-m", "streamlit", "run"]
    assert command[command.index("--server.port") + 1] == "8123"
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--runner.postScriptGC") + 1] == "false"
    assert command[command.index("--secrets.files") + 1] == "/x/s.toml"


def test_an_app_is_served_healthy_then_stopped_with_its_port_freed(tmp_path: Path) -> None:
    (tmp_path / "tiny.py").write_text(TINY_APP, encoding="utf-8")

    with appserver.serve_app(tmp_path / "server.log", script="tiny.py", cwd=tmp_path) as server:
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10) as response:
            assert response.status == 200
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert not port_is_free(server.port)

    assert server.process.poll() is not None, "the server still runs after the block"
    assert group_is_gone(server.pid), "something the server started outlived it"
    assert port_is_free(server.port)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2)


def test_a_server_that_dies_at_start_is_reported_with_its_log(tmp_path: Path) -> None:
    log_path = tmp_path / "server.log"

    with pytest.raises(appserver.ServerNotHealthy) as caught:
        appserver.start_healthy_app(log_path, script="tiny.py", cwd=tmp_path, options=["nosuch.option=1"])

    message = str(caught.value)
    assert "exited with 2" in message
    assert str(log_path) in message
    assert "No such option" in message, "the message should end with the log's last lines"


def test_a_server_that_never_answers_times_out_and_can_be_stopped(tmp_path: Path) -> None:
    log_path = tmp_path / "silent.log"
    process = appserver.launch([sys.executable, "-c", "import time; print('listening nowhere', flush=True); "
                                "time.sleep(60)"], log_path)
    try:
        with pytest.raises(appserver.ServerNotHealthy, match="not healthy after 1 s") as caught:
            appserver.wait_healthy(f"http://127.0.0.1:{appserver.free_port()}", process, log_path, timeout_s=1,
                                   poll_s=0.1, name="silent")
        assert "listening nowhere" in str(caught.value)
    finally:
        appserver.stop_process_group(process, grace_s=5)

    assert process.poll() is not None
    assert group_is_gone(process.pid)


def test_a_process_that_ignores_sigterm_is_killed(tmp_path: Path) -> None:
    process = appserver.launch([sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, "
                                "signal.SIG_IGN); print('ready', flush=True); time.sleep(60)"], tmp_path / "stubborn.log")
    # NOTE: the handler must be in place before the signal, or the default action ends it with SIGTERM.
    subprocess.run([sys.executable, "-c", f"import pathlib, time\nwhile 'ready' not in pathlib.Path("
                    f"{str(tmp_path / 'stubborn.log')!r}).read_text(): time.sleep(0.05)"], timeout=30, check=True)

    appserver.stop_process_group(process, grace_s=0.5)

    assert process.returncode == -9
    assert group_is_gone(process.pid)


def test_the_log_tail_is_the_last_lines_without_colour_codes(tmp_path: Path) -> None:
    log_path = tmp_path / "colour.log"
    log_path.write_text("".join(f"\x1b[31mline {n}\x1b[0m\n" for n in range(50)), encoding="utf-8")

    assert appserver.tail(log_path, lines=3) == "line 47\nline 48\nline 49"
    assert appserver.tail(tmp_path / "missing.log") == ""
