"""The deployment of docs/deployment.md, run here: nginx in front of two replicas, one killed midway.

    python scripts/scaleout.py --sessions 40 --minutes 10     # make scaleout; writes docs/reliability.md

On 127.0.0.1 it starts two Streamlit replicas sharing one saved-articles folder (with one article
published in it), and Debian's nginx with sticky sessions by cookie and the WebSocket upgrade. The
load test's readers go through the proxy; halfway, the replica most of them are on is killed
(SIGKILL). Its readers' connections drop, open again through the proxy to replica 2 and ask for their page with the same
address (the filters). The figures, the reconnections and a check that the saved article is still
on disk and still listed go to the markers in docs/reliability.md (``--report ''`` to skip).
Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadtest  # noqa: E402 - after the path is set
import pandas as pd  # noqa: E402

from devtools import appserver  # noqa: E402
from tracker.dataset import load_dataset  # noqa: E402
from tracker.userdata import ArticleMeta, build_article_tables, save_article, user_package_dirs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPORT_BEGIN, REPORT_END = "<!-- scaleout:begin -->", "<!-- scaleout:end -->"
COOKIE = "wsw_replica"
NGINX_TIMEOUT_S = 30
NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    # Sticky sessions by cookie (open-source nginx): the first response sets a random key, every later
    # request of the same browser carries it, and a consistent hash of it names the replica.
    map $cookie_{cookie} $route {{ "" $request_id; default $cookie_{cookie}; }}
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream who_sends_what {{
        hash $route consistent;
        server 127.0.0.1:{port1} max_fails=1 fail_timeout=60s;
        server 127.0.0.1:{port2} max_fails=1 fail_timeout=60s;
    }}
    server {{
        listen 127.0.0.1:{proxy_port};
        client_max_body_size 2m;
        location / {{
            proxy_pass http://who_sends_what;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_buffering off;
            proxy_read_timeout 3600s;
            proxy_next_upstream error timeout;
            add_header Set-Cookie "{cookie}=$route; Path=/; HttpOnly; SameSite=Lax";
            # Which replica answered: only so this script can kill the one its readers are on.
            add_header X-Replica $upstream_addr;
        }}
    }}
}}
"""


def nginx_path() -> str | None:
    """Debian's nginx, on PATH or in /usr/sbin; None when it is not installed."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def start_nginx(tmp: Path, port1: int, port2: int) -> tuple[subprocess.Popen, str]:
    """nginx on a free port of 127.0.0.1 in front of the two replicas; wait until it answers."""
    executable = nginx_path()
    if executable is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / name).mkdir(exist_ok=True)
    proxy_port = appserver.free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, cookie=COOKIE, port1=port1, port2=port2, proxy_port=proxy_port),
                    encoding="utf-8")
    log_path = tmp / "nginx-stderr.log"
    process = appserver.launch([executable, "-c", str(conf), "-p", str(tmp)], log_path)
    url = f"http://127.0.0.1:{proxy_port}"
    try:
        # NOTE: the proxy passes the health check on to a replica, so an answer means the whole chain is up.
        appserver.wait_healthy(url, process, log_path, timeout_s=NGINX_TIMEOUT_S, poll_s=0.2, name="nginx")
    except BaseException:
        appserver.stop_process_group(process, signal.SIGQUIT)
        raise
    return process, url


def publish_one(user_dir: Path) -> str:
    """An article already on the shared map before the run, to check that nothing saved is lost."""
    with (ROOT / "data" / "flows.csv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["flow_id"] == "F09"]
    dataset = load_dataset(ROOT / "data")
    text = dataset.texts[dataset.sources["source_id"].iloc[0]]
    meta = ArticleMeta("2024-11-25-before-the-run", "Before the run", "Outlet", "2024-11-25")
    tables = build_article_tables(pd.DataFrame(rows).drop(columns=["flow_id"]), meta, text, dataset)
    return save_article(tables, text, ROOT / "data", user_dir).name


def readers_per_replica(url: str, sessions: int) -> dict[int, int]:
    """Replica port -> how many of the readers' cookies the proxy sends there (asked once per reader)."""
    counts: dict[int, int] = {}
    for number in range(sessions):
        request = urllib.request.Request(f"{url}{appserver.HEALTH_PATH}", headers={"Cookie": f"{COOKIE}=reader-{number}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            port = int(response.headers["X-Replica"].rsplit(":", 1)[1])
        counts[port] = counts.get(port, 0) + 1
    return counts


async def drive(url: str, args: argparse.Namespace, kill_at_s: float, victim: subprocess.Popen) -> tuple[Any, float]:
    """The readers through the proxy, and replica 1 killed at ``kill_at_s``; return the stats and the kill time."""
    killed_at: list[float] = []

    async def kill_later() -> None:
        await asyncio.sleep(kill_at_s)
        os.killpg(victim.pid, signal.SIGKILL)
        killed_at.append(kill_at_s)
        print(f"  replica (pid {victim.pid}) killed after {kill_at_s:.0f} s", flush=True)

    killer = asyncio.create_task(kill_later())
    load = loadtest.Load(args.sessions, args.minutes * 60, args.think, args.settle, args.seed,
                         sticky_cookie=COOKIE, reconnect=True)
    stats = await loadtest.run_load(url, None, load)
    await killer
    return stats, killed_at[0]


def render(summary: dict[str, Any], extra: dict[str, Any]) -> str:
    """The load test's figures, headed by what is particular to the proxy run."""
    lines = [
        f"Through nginx {extra['nginx']} (sticky cookie `{COOKIE}`, WebSocket upgrade) to two replicas on "
        f"127.0.0.1 sharing one saved-articles folder; the replica of {extra['readers_on_killed']} of the "
        f"{summary['sessions']} readers killed (SIGKILL) after {extra['killed_at_s']:.0f} s of "
        f"{summary['minutes'] * 60:.0f} s.",
        "",
        f"- Readers whose connection dropped and who opened it again through the proxy: **{extra['reconnects']}** "
        "(each asked for its page again with the same address, so its filters came back); errors: "
        f"**{summary['errors']}**.",
        f"- The article saved before the run (`{extra['article']}`): on disk and listed after the run: "
        f"**{'yes' if extra['article_kept'] else 'NO'}**.",
        "",
        # NOTE: memory and CPU are not sampled across two replicas; their rows would only say "None".
        *(line for line in loadtest.render(summary).replace("app started by the script", "through the proxy")
          .replace("; RSS after close within 10% of the first batch: **n/a**", "").splitlines()
          if "RSS" not in line and "Server CPU" not in line),
    ]
    return "\n".join(lines)


def rewrite_report(figures: Path, report: Path) -> bool:
    """Write a past run's figures (its --json file) into the report again, as render() now draws them."""
    data = json.loads(figures.read_text(encoding="utf-8"))
    return _write(report, render(data, data["scaleout"]))


def main(argv: list[str] | None = None) -> int:
    """Run the proxy, the replicas and the readers; return 0 when nothing failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument("--settle", type=float, default=0.0, help="seconds to wait after the readers leave")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report", default=str(loadtest.REPORT), help="file with the scaleout markers ('' to skip)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args(argv)
    args.option = []
    with ExitStack() as cleanup:
        tmp = Path(tempfile.mkdtemp(prefix="scaleout-"))
        cleanup.callback(shutil.rmtree, tmp, True)
        user_dir = tmp / "articles"
        user_dir.mkdir()
        article = publish_one(user_dir)
        os.environ["DASHBOARD_USER_DIR"] = str(user_dir)  # both replicas inherit it: one shared folder
        replicas = []
        for number in (1, 2):
            replica = appserver.start_healthy_app(tmp / f"replica-{number}.log")
            cleanup.callback(appserver.stop_app, replica)
            replicas.append((replica.process, replica.port))
            print(f"replica {number} on {replica.url} (pid {replica.pid})", flush=True)
        proxy, url = start_nginx(tmp, replicas[0][1], replicas[1][1])
        cleanup.callback(appserver.stop_process_group, proxy, signal.SIGQUIT)
        print(f"nginx on {url}; {args.sessions} readers for {args.minutes:g} min", flush=True)
        # NOTE: the replica most readers are on is the one killed, so the run always tests a failover.
        counts = readers_per_replica(url, args.sessions)
        victim, victim_port = max(replicas, key=lambda r: counts.get(r[1], 0))
        stats, killed_at = asyncio.run(drive(url, args, args.minutes * 60 / 2, victim))
        kept = (user_dir / article / "flows.csv").is_file() and article in {p.name for p in user_package_dirs(user_dir)}
        version = subprocess.run([nginx_path() or "nginx", "-v"], capture_output=True, text=True).stderr.strip()
        summary = loadtest.summarise(stats, args, url, True)
        extra = {"nginx": version.split("/")[-1], "killed_at_s": killed_at, "reconnects": stats.reconnects,
                 "readers_on_killed": counts.get(victim_port, 0), "article": article, "article_kept": kept}
        text = render(summary, extra)
    if args.json:
        args.json.write_text(json.dumps({**summary, "scaleout": extra}, indent=2) + "\n", encoding="utf-8")
    print(text)
    if args.report and _write(Path(args.report), text):
        print(f"figures written to {args.report}")
    return 0 if summary["goals"]["no_errors"] and kept else 1


def _write(path: Path, text: str) -> bool:
    content = path.read_text(encoding="utf-8") if path.is_file() else ""
    if REPORT_BEGIN not in content or REPORT_END not in content:
        return False
    head, rest = content.split(REPORT_BEGIN, 1)
    path.write_text(f"{head}{REPORT_BEGIN}\n{text}\n{REPORT_END}{rest.split(REPORT_END, 1)[1]}", encoding="utf-8")
    return True


if __name__ == "__main__":
    sys.exit(main())
