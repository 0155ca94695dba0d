"""Server-side script time, in-process: run the dashboard's script with AppTest and time its reruns.

A rerun flips the sidebar's "Include undated flows" (key ``f_undated``), off and on.

Run by scripts/bench.py in a fresh interpreter per data package (DASHBOARD_DATA_DIR and
DASHBOARD_USER_DIR are set in its environment), so caches and imports start clean. Prints
one JSON object on its last line.

    .venv/bin/python scripts/bench_apptest.py --runs 20 [--profile PATH]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# NOTE: the map view is switched in the browser and reruns nothing; a rerun is a sidebar filter, so the reruns
# alternate "Include undated flows" (off, on), as a reader's clicks on the toggle do.
UNDATED = (False, True)


def profile_one_run(at, include_undated: bool) -> pstats.Stats:
    """cProfile one rerun; AppTest runs the script in a thread of its own, so the profiler is enabled there."""
    profiler = cProfile.Profile()

    def enable_in_script_thread(*_args) -> None:
        threading.setprofile(None)
        profiler.enable()

    at.session_state["f_undated"] = include_undated
    threading.setprofile(enable_in_script_thread)
    try:
        at.run()
    finally:
        threading.setprofile(None)
    return pstats.Stats(profiler)


def time_figure_parts(runs: int) -> dict:
    """prepare_arcs (once per dataset), then build_flow_map and its JSON as a rerun makes them, timed directly.

    The figure is built with the dataset's arcs, as the app does, on the flows of the default filter and of
    undated flows hidden, alternating; its size and traces are those of the default filter (all flows).
    """
    import os

    from tracker.boundaries import read_country_names
    from tracker.constants import COUNTRIES_GEOJSON_PATH
    from tracker.dataset import load_dataset
    from tracker.figures import build_flow_map, prepare_arcs
    from tracker.filters import FlowFilter, filter_rows

    dataset = load_dataset(os.environ["DASHBOARD_DATA_DIR"])
    countries = read_country_names(str(COUNTRIES_GEOJSON_PATH))
    start = time.perf_counter()
    arcs = prepare_arcs(dataset.flows, dataset.places)
    arcs_s = time.perf_counter() - start
    filtered = [filter_rows(dataset.flows, FlowFilter(include_undated=undated)) for undated in UNDATED]
    build, to_json, size, traces = [], [], 0, 0
    for i in range(runs + runs % 2):
        start = time.perf_counter()
        figure = build_flow_map(filtered[i % 2], dataset.places, countries, arcs=arcs)
        middle = time.perf_counter()
        text = figure.to_json()
        build.append(middle - start)
        to_json.append(time.perf_counter() - middle)
        if UNDATED[i % 2]:
            size, traces = len(text.encode("utf-8")), len(figure.data)
    return {"prepare_arcs_s": arcs_s, "build_flow_map_s": statistics.median(build),
            "to_json_s": statistics.median(to_json), "figure_json_bytes": size, "traces": traces,
            "flows": len(dataset.flows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", type=Path, help="write a cProfile of one rerun here (text, top functions)")
    args = parser.parse_args()

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the dashboard raised in AppTest: {[e.value for e in at.exception]}")
    reruns = []
    for i in range(args.runs):
        at.session_state["f_undated"] = UNDATED[i % 2]
        start = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - start)
        if at.exception:
            raise SystemExit(f"the dashboard raised in AppTest: {[e.value for e in at.exception]}")
    result = {"first_run_s": first, "reruns_s": reruns, "rerun_median_s": statistics.median(reruns)}
    if args.profile:
        stats = profile_one_run(at, UNDATED[args.runs % 2])
        out = io.StringIO()
        stats.stream = out
        stats.sort_stats("cumulative").print_stats(re.escape(str(ROOT)) + r"/(?!\.venv)|plotly/io|streamlit/elements", 40)
        out.write("\n--- by own time ---\n")
        stats.sort_stats("tottime").print_stats(20)
        args.profile.write_text(out.getvalue(), encoding="utf-8")
        result["profile"] = str(args.profile)
    result |= time_figure_parts(max(3, min(args.runs, 10)))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
