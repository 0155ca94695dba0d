"""The benchmark's results as Markdown (docs/benchmarks.md) and as a short summary for the terminal."""

from __future__ import annotations

import math
import statistics
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

KB = 1000
# Issue 10's goals. "Flat" memory is read as at most 10% growth over the reruns.
GOALS = {
    "cold_ratio": 1.25, "warm_ratio": 1.25, "page_kb": 150, "view_kb": 0, "filter_kb": 50, "redraw_article_s": 0.300,
    "redraw_10k_s": 1.5, "rss_mb": 300, "rss_growth": 0.10, "lighthouse": 100, "exponent": 1.1,
}
BIG = 10_000  # the size the 10,000-flow goals are measured at
VIEW_SETTLE_S = 1.0  # scripts/bench.py VIEW_SETTLE_MS


def _median(values: list[float] | None) -> float:
    return statistics.median(values) if values else math.nan


def _p95(values: list[float] | None) -> float:
    return float(np.percentile(values, 95)) if values else math.nan


def _ratio(values: list[float] | None, baseline: list[float] | None) -> float:
    return _median(values) / _median(baseline) if values and baseline else math.nan


def _get(entry: dict | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(entry, dict) or entry.get(key) is None:
            return None
        entry = entry[key]
    return entry


def _kb(value: float | None) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value / KB:,.1f}"


def _s(value: float | None, digits: int = 2) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def _ms(value: float | None) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value * 1000:,.0f}"


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def _le(value: float | None, limit: float) -> bool | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value <= limit


def _sizes(results: dict) -> list[tuple[int, dict]]:
    return sorted(((int(n), entry) for n, entry in results["sizes"].items()), key=lambda item: item[0])


def _article(results: dict) -> tuple[int, dict]:
    return _sizes(results)[0]


def growth_exponents(results: dict) -> list[dict[str, Any]]:
    """Per cost: the log-log slope over every size, and between the two largest sizes."""
    costs = {
        "Cold start (s)": lambda e: _median(e.get("cold_s")),
        "Warm page load (s)": lambda e: _median(_get(e, "session", "warm_s")),
        "App bytes, repeat visit": lambda e: _get(e, "session", "bytes_repeat_visit", "app_total"),
        "App bytes, sidebar filter change": lambda e: _get(e, "session", "bytes_filter_change", "app_total"),
        "Map view change (s)": lambda e: _median(_get(e, "session", "view_change_s")),
        "Filter change to redrawn map (s)": lambda e: _median(_get(e, "session", "interaction_s")),
        "Script time of a rerun (s)": lambda e: _get(e, "apptest", "rerun_median_s"),
        "Server RSS after first load (MB)": lambda e: _get(e, "session", "rss_first_load_mb"),
        "Map figure JSON (bytes)": lambda e: _get(e, "apptest", "figure_json_bytes"),
    }
    rows = []
    for name, read in costs.items():
        points = [(n, read(e)) for n, e in _sizes(results)]
        points = [(n, v) for n, v in points if v is not None and not math.isnan(v) and v > 0]
        fit = last = None
        if len(points) >= 2:
            xs, ys = np.log([p[0] for p in points]), np.log([p[1] for p in points])
            fit = float(np.polyfit(xs, ys, 1)[0])
            last = float((ys[-1] - ys[-2]) / (xs[-1] - xs[-2]))
        rows.append({"cost": name, "points": points, "fit": fit, "last": last,
                     "range": f"{points[-2][0]:,}→{points[-1][0]:,}" if len(points) >= 2 else "–",
                     "met": None if last is None else last <= GOALS["exponent"]})
    return rows


def _growth(session: dict) -> float | None:
    """RSS growth over the reruns, from after the first page load to after the last rerun."""
    if session.get("rss_after_reruns_mb") and session.get("rss_first_load_mb"):
        return session["rss_after_reruns_mb"] / session["rss_first_load_mb"] - 1
    return None


def _lighthouse_scores(results: dict) -> dict[str, int | None]:
    return {path: page.get("score") for path, page in (results.get("lighthouse") or {}).items()}


def goal_rows(results: dict) -> list[dict[str, Any]]:
    """Issue 10's goals, each with what was measured and whether it is met."""
    n_article, article = _article(results)
    session = article.get("session") or {}
    cold, base_cold = _median(article.get("cold_s")), _median(article.get("baseline_cold_s"))
    warm, base_warm = _median(session.get("warm_s")), _median(session.get("baseline_warm_s"))
    cold_ratio = cold / base_cold if base_cold else math.nan
    warm_ratio = warm / base_warm if base_warm else math.nan
    repeat = _get(session, "bytes_repeat_visit", "app_total")
    view = session.get("bytes_view_change") or {}
    view_back = session.get("bytes_view_change_back") or {}
    view_kb = [b["app_total"] for b in (view, view_back) if b]
    view_sent = [b["ws_sent_frames"] for b in (view, view_back) if b]
    all_sent = session.get("view_changes_sent_frames")
    n_views = len(session.get("view_change_s") or [])
    view_met = (None if not view_kb else
                max(view_kb) <= GOALS["view_kb"] * KB and max(view_sent) == 0 and not all_sent)
    category = _get(session, "bytes_category", "app_total")
    redraw = session.get("interaction_s")
    big = next((e for n, e in _sizes(results) if n == BIG), None)
    big_session = (big or {}).get("session") or {}
    redraw_big = big_session.get("interaction_s")
    rss_big = max((r for key in ("rss_start_mb", "rss_first_load_mb", "rss_after_reruns_mb")
                   if (r := big_session.get(key)) is not None), default=None)
    growth_big, growth_article = _growth(big_session), _growth(session)
    if big is None:
        rss_text, rss_met = "not measured in this run", None
    elif rss_big is None:
        rss_text, rss_met = "–", None
    else:
        rss_text = (f"{rss_big:.0f} MB at {BIG:,} flows (highest of start, first load, after reruns); growth "
                    + ("–" if growth_big is None else f"{growth_big * 100:+.1f}%")
                    + f" over {big_session.get('reruns', '–')} reruns there, "
                    + ("–" if growth_article is None else f"{growth_article * 100:+.1f}%")
                    + f" over {session.get('reruns', '–')} at article size")
        growths = [g for g in (growth_big, growth_article) if g is not None]
        rss_met = rss_big <= GOALS["rss_mb"] and bool(growths) and max(growths) <= GOALS["rss_growth"]
    scores = _lighthouse_scores(results)
    article_label = f"article size ({n_article} flows)"
    return [
        {"goal": "Map drawn, cold start, ratio to the bare page in the same run ≤ 1.25×", "measured":
            f"{_s(cold)} s vs {_s(base_cold)} s = {_s(cold_ratio)}×", "met": _le(cold_ratio, GOALS["cold_ratio"])},
        {"goal": "Map drawn, warm page load (new tab), ratio ≤ 1.25×", "measured":
            f"{_s(warm)} s vs {_s(base_warm)} s = {_s(warm_ratio)}×", "met": _le(warm_ratio, GOALS["warm_ratio"])},
        {"goal": f"App data per page load, repeat visit, ≤ 150 kB, {article_label}",
         "measured": f"{_kb(repeat)} kB", "met": _le(repeat, GOALS["page_kb"] * KB)},
        {"goal": "Map view change: 0 kB and no rerun",
         "measured": "–" if not view_kb else
         (f"{_kb(view.get('app_total'))} kB received and {view.get('ws_sent_frames', '–')} frames sent "
          f"(to Korea), {_kb(view_back.get('app_total'))} kB and {view_back.get('ws_sent_frames', '–')} (back to "
          f"Eurasia); {all_sent if all_sent is not None else '–'} frames sent over {n_views} view changes"),
         "met": view_met},
        {"goal": f"Sidebar filter change (a category picked) ≤ 50 kB, {article_label}",
         "measured": f"{_kb(category)} kB", "met": _le(category, GOALS["filter_kb"] * KB)},
        {"goal": f"Filter change to redrawn map, median ≤ 300 ms, {article_label}",
         "measured": f"median {_ms(_median(redraw))} ms, p95 {_ms(_p95(redraw))} ms ({len(redraw or [])} changes)",
         "met": _le(_median(redraw), GOALS["redraw_article_s"])},
        {"goal": f"The same at {BIG:,} flows, median ≤ 1.5 s",
         "measured": "not measured in this run" if big is None else
         f"median {_ms(_median(redraw_big))} ms, p95 {_ms(_p95(redraw_big))} ms ({len(redraw_big or [])} changes)",
         "met": None if big is None else _le(_median(redraw_big), GOALS["redraw_10k_s"])},
        {"goal": f"Server RSS at {BIG:,} flows ≤ 300 MB, flat over the reruns (growth ≤ 10%)",
         "measured": rss_text, "met": rss_met},
        {"goal": "Lighthouse accessibility 100 on every page",
         "measured": "–" if not scores else ", ".join(f"`{path}` {'–' if v is None else v}"
                                                      for path, v in scores.items()),
         "met": None if not scores or None in scores.values() else
         all(v >= GOALS["lighthouse"] for v in scores.values())},
    ]


def all_errors(results: dict) -> list[str]:
    """Every measure that failed, at any size."""
    errors = list(results.get("errors") or [])
    for n, entry in _sizes(results):
        errors += [f"{n:,} flows, {e}" for e in entry.get("errors") or []]
    return errors


def summary_lines(results: dict) -> list[str]:
    """The goals table for the terminal."""
    lines = ["", "Goal | measured | met"]
    lines += [f"{r['goal']} | {r['measured']} | {_met(r['met']).strip('*')}" for r in goal_rows(results)]
    lines += ["", "flows | cold start s | warm load s | app kB per load (repeat) | kB per view change | "
              "kB per filter change | view change median ms | filter→redraw median ms | script rerun ms | "
              "RSS after first load MB"]
    for n, e in _sizes(results):
        s = e.get("session") or {}
        lines.append(f"{n:,} | {_s(_median(e.get('cold_s')))} | {_s(_median(s.get('warm_s')))} | "
                     f"{_kb(_get(s, 'bytes_repeat_visit', 'app_total'))} | "
                     f"{_kb(_get(s, 'bytes_view_change', 'app_total'))} | "
                     f"{_kb(_get(s, 'bytes_filter_change', 'app_total'))} | "
                     f"{_ms(_median(s.get('view_change_s')))} | "
                     f"{_ms(_median(s.get('interaction_s')))} | {_ms(_get(e, 'apptest', 'rerun_median_s'))} | "
                     f"{_s(s.get('rss_first_load_mb'), 0)}")
    for path, page in (results.get("lighthouse") or {}).items():
        failing = "; ".join(f"{a['id']} ({a['title']})" for a in page.get("failing") or [])
        lines.append(f"Lighthouse accessibility {path}: {page.get('score')}" + (f", failing: {failing}" if failing else ""))
    lines += ["", "Growth exponent (log-log slope: all sizes; two largest sizes):"]
    lines += [f"  {r['cost']}: {_s(r['fit'])}; {_s(r['last'])}" for r in growth_exponents(results)]
    if all_errors(results):
        lines += ["", "Errors:", *all_errors(results)]
    return lines


def _bytes_table(article: dict) -> list[str]:
    session = article.get("session") or {}
    rows = [("First visit (empty cache)", "bytes_first_visit"), ("Repeat visit (new tab, cache warm)", "bytes_repeat_visit"),
            ("Map view change, in the browser: to Korea", "bytes_view_change"),
            ("Map view change, in the browser: back to Eurasia", "bytes_view_change_back"),
            ("Sidebar filter: undated flows hidden", "bytes_filter_change"),
            ("Sidebar filter: undated flows shown again", "bytes_filter_change_back"),
            ("Sidebar filter: a category picked", "bytes_category")]
    out = ["| | WebSocket payloads | our static geometry | other app HTTP | **app total** "
           "| Streamlit's own JS/CSS/fonts (wire; served from cache) | WebSocket frames sent |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for label, key in rows:
        b = session.get(key)
        if not b:
            out.append(f"| {label} | – | – | – | – | – | – |")
            continue
        geometry = _kb(b["geometry"]) + (f" ({_kb(b['geometry_decoded'])} unzipped)" if b["geometry"] else "") \
            + (f", {b['geometry_cached']} from cache" if b.get("geometry_cached") else "")
        sent = b.get("ws_sent_frames")
        out.append(f"| {label} | {_kb(b['ws'])} ({b['ws_frames']} frames) | {geometry} | {_kb(b['app_other'])} | "
                   f"**{_kb(b['app_total'])}** | {_kb(b['streamlit'])} ({b.get('streamlit_cached', 0)} files from cache) "
                   f"| {'–' if sent is None else sent} |")
    return out


def _cold_detail(article: dict) -> list[str]:
    detail = article.get("cold_detail") or {}
    if not detail:
        return []
    lines = ["| | server healthy (s) | Streamlit's JS/CSS/fonts fetched | our geometry fetched |",
             "|---|---:|---:|---:|"]
    for which, runs in detail.items():
        lines.append(f"| {which} | {_s(_median([r['healthy_s'] for r in runs]))} | "
                     f"{_kb(_median([r['streamlit_bytes'] for r in runs]))} kB in "
                     f"{round(_median([r['streamlit_files'] for r in runs]))} files | "
                     f"{_kb(_median([r['geometry_bytes'] for r in runs]))} kB |")
    return lines


def _ws_breakdown(article: dict) -> list[str]:
    session = article.get("session") or {}
    columns = [("first visit", "bytes_first_visit"), ("undated hidden", "bytes_filter_change"),
               ("undated shown again", "bytes_filter_change_back"), ("category picked", "bytes_category")]
    parts: dict[str, dict[str, int]] = {}
    for label, key in columns:
        for kind, size in (_get(session, key, "ws_by_element") or {}).items():
            parts.setdefault(kind, {})[label] = size
    if not parts:
        return []
    order = sorted(parts, key=lambda k: -max(parts[k].values()))
    lines = ["What the WebSocket payloads carry (kB, decoded as Streamlit's `ForwardMsg`; an element resent on "
             "every rerun is counted each time):", "",
             "| carries | " + " | ".join(label for label, _ in columns) + " |",
             "|---|" + "---:|" * len(columns)]
    for kind in order[:12]:
        lines.append(f"| {kind} | " + " | ".join(_kb(parts[kind].get(label)) if label in parts[kind] else "–"
                                                 for label, _ in columns) + " |")
    return lines


def render_report(results: dict) -> str:
    """docs/benchmarks.md, above the kept analysis."""
    machine = results["machine"]
    n_article, article = _article(results)
    session = article.get("session") or {}
    plan = results["plan"]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`{_command(results)}`) on "
        f"{results['started'][:10]}, in {results['duration_s'] / 60:.1f} minutes. A benchmark, not a test: it prints "
        "figures and asserts no timings. Run it again on your machine to compare; figures from another machine "
        "are not comparable. The figures below are from one run on a shared machine whose load changes "
        "while it runs (load average below), so differences of a few tens of per cent are noise.",
        "",
        "## The machine",
        "",
        "| | |", "|---|---|",
        f"| CPU | {machine['cpu']}, {machine['nproc']} cores (nproc) |",
        f"| Memory | {machine['memory']} |",
        f"| System | {machine['os']} |",
        f"| Load average (1, 5, 15 min) | at start {machine['load']}; at end {machine.get('load_end', '–')} |",
        f"| Python / Streamlit / Plotly | {machine['python']} / {machine['streamlit']} / {machine['plotly']} |",
        f"| Browser | {machine['chromium']}, headless, through Playwright |",
        f"| Lighthouse | {_lighthouse_version(results)} |",
        "",
        "The app files measured, by SHA-256 (first 12 hex digits), since the app changes between runs: "
        + ", ".join(f"`{name}` {digest}" for name, digest in (results.get("code") or {}).items()
                    if name in ("dashboard.py", "pages/overview.py", "tracker/figures.py", "ui/sidebar.py",
                                "ui/map_panel.py", "ui/loaders.py", "ui/panels.py", "tracker/geometry.py")) + ".",
        "",
        "## Goals",
        "",
        "kB are 1,000 bytes. “From the app” counts what the app sends: WebSocket payloads (the figures, tables and "
        "widgets, as protobuf; payload sizes, before any WebSocket compression) plus HTTP bodies the app serves "
        "(our static geometry, `/_stcore/*`, media), as received (gzip where the server compresses). Streamlit's own "
        "frontend bundle (its index page and `/static/` JS, CSS and fonts, about 9 MB on a first visit, cached "
        "afterwards) is the same for every Streamlit app and is counted apart. A script rerun is asked for by a "
        "message the page sends over the WebSocket, so “frames sent” counts the reruns a change asks for.",
        "",
        "| Goal | Measured | |", "|---|---|---|",
    ]
    lines += [f"| {r['goal']} | {r['measured']} | {_met(r['met'])} |" for r in goal_rows(results)]
    lines += ["", "Why a goal is missed and what would meet it: [What stands in the way](#what-stands-in-the-way), "
              "at the end, written by hand from these measures."]
    if all_errors(results):
        lines += ["", "Measures that failed in this run (their cells show –):", ""]
        lines += [f"- `{e}`" for e in all_errors(results)]

    cold, base_cold = article.get("cold_s") or [], article.get("baseline_cold_s") or []
    lines += [
        "", "## Cold start", "",
        f"From `streamlit run` to the map's lines drawn (a Scattergeo line has a path, so the geometry is loaded) in "
        f"a Chromium with an empty cache, started beforehand. Dashboard and baseline alternate, {plan['cold_rounds']} "
        "rounds. The baseline is a bare Streamlit app drawing one Plotly geo line with the same offline settings "
        "(usage statistics off, headless, static serving, topojson served locally).",
        "", "| | runs (s) | median (s) |", "|---|---|---:|",
        f"| Dashboard ({n_article} flows) | {', '.join(_s(v) for v in cold)} | {_s(_median(cold))} |",
        f"| Baseline | {', '.join(_s(v) for v in base_cold)} | {_s(_median(base_cold))} |",
        f"| Ratio | | {_s(_median(cold) / _median(base_cold) if base_cold else math.nan)}× |",
        "", *_cold_detail(article),
        "", "## Warm page load", "",
        "Server already up, the browser cache warm: a new tab (a new session) until the map's lines are drawn. "
        "Dashboard and baseline alternate.",
        "", "| | loads | median (s) | p95 (s) |", "|---|---:|---:|---:|",
        f"| Dashboard | {len(session.get('warm_s') or [])} | {_s(_median(session.get('warm_s')))} | "
        f"{_s(_p95(session.get('warm_s')))} |",
        f"| Baseline | {len(session.get('baseline_warm_s') or [])} | {_s(_median(session.get('baseline_warm_s')))} | "
        f"{_s(_p95(session.get('baseline_warm_s')))} |",
        f"| Ratio | | {_s(_ratio(session.get('warm_s'), session.get('baseline_warm_s')))}× | |",
        "", f"## Bytes received, article size ({n_article} flows)", "",
        "kB received by one tab, and the WebSocket frames it sent. A map view change is a click on one of the "
        "figure's own view buttons (Plotly `updatemenus`, switched by the browser); what the tab receives and "
        f"sends is counted until {VIEW_SETTLE_S:.0f} s after the view is drawn, time enough for a rerun, had one "
        "been asked for, to come back. A sidebar filter reruns the script: flipping “Include undated flows” "
        "(off, then on again) and picking a category in “What flows”. Streamlit's message cache lets the browser "
        "reuse a large message it already has (a figure shown before), so showing the undated flows again can "
        "cost less than hiding them.",
        "", *_bytes_table(article), "", *_ws_breakdown(article),
        "", "## View change, filter change to redrawn map, and script time", "",
        "In the browser: a click on a map view button (alternating Korea and Eurasia) until the map shows the view "
        "(its longitude range) with its lines drawn; and a click on the sidebar's “Include undated flows” "
        "(alternating off and on) until the map's figure is replaced and its lines drawn, the next click "
        "waiting until the run is over. On the server: the page script's rerun time in-process "
        "(`AppTest.from_file(\"dashboard.py\")`, `f_undated` alternating through session state), which is "
        "also most of what the browser waits for after a filter change.",
        "", "| | n | median (ms) | p95 (ms) |", "|---|---:|---:|---:|",
        f"| Map view change, in the browser (no rerun) | {len(session.get('view_change_s') or [])} | "
        f"{_ms(_median(session.get('view_change_s')))} | {_ms(_p95(session.get('view_change_s')))} |",
        f"| Filter change to redrawn map (browser) | {len(session.get('interaction_s') or [])} | "
        f"{_ms(_median(session.get('interaction_s')))} | {_ms(_p95(session.get('interaction_s')))} |",
        f"| A category picked, to the new figure drawn (browser) | 1 | {_ms(session.get('category_redraw_s'))} | |",
        f"| Script rerun (AppTest) | {len(_get(article, 'apptest', 'reruns_s') or [])} | "
        f"{_ms(_get(article, 'apptest', 'rerun_median_s'))} | {_ms(_p95(_get(article, 'apptest', 'reruns_s')))} |",
        f"| First script run, cold caches (AppTest) | 1 | {_ms(_get(article, 'apptest', 'first_run_s'))} | |",
        f"| `prepare_arcs`, once per dataset | 1 | {_ms(_get(article, 'apptest', 'prepare_arcs_s'))} | |",
        f"| `build_flow_map` alone (with the dataset's arcs) + its `to_json` | | "
        f"{_ms(_get(article, 'apptest', 'build_flow_map_s'))} + {_ms(_get(article, 'apptest', 'to_json_s'))} | |",
        "", "## Server memory", "",
        "RSS of the `streamlit run` process and its children (VmRSS from /proc): after start, after the first page "
        "load, and after reruns driven from one tab by flipping “Include undated flows”.",
        "", "| after start | after first page load | after reruns | reruns | growth over the reruns |",
        "|---:|---:|---:|---:|---:|",
        f"| {_s(session.get('rss_start_mb'), 0)} MB | {_s(session.get('rss_first_load_mb'), 0)} MB | "
        f"{_s(session.get('rss_after_reruns_mb'), 0)} MB | {session.get('reruns', '–')} | "
        + ("–" if not session.get("rss_after_reruns_mb") else
           f"{(session['rss_after_reruns_mb'] / session['rss_first_load_mb'] - 1) * 100:+.1f}%") + " |",
        "", "RSS during the reruns (rerun: MB): " + ", ".join(f"{n}: {v:.0f}" for n, v in session.get("rss_trace", [])),
    ]
    lines += _lighthouse(results)
    lines += _attribution(results)
    lines += _scaling(results)
    profiles = results.get("profiles") or {}
    for name in sorted(profiles, key=lambda k: (k != "profile-article", k)):
        text = profiles[name].replace(str(ROOT) + "/.venv/lib/python3.11/site-packages/", "").replace(
            str(ROOT) + "/", "")
        head = [line for line in text.split("--- by own time ---")[0].strip().splitlines()
                if "List reduced" not in line]
        size = name.replace("profile-", "")
        lines += ["", f"## Profile of one rerun ({'article size' if size == 'article' else f'{int(size):,} flows'})",
                  "", "cProfile of one page-script rerun in AppTest (the profiler enabled in the script's thread): "
                  "our code and the Streamlit and Plotly calls it makes, by cumulative time. cProfile slows the run "
                  "two- to fourfold; read the shares, not the seconds.", "", "```", *head[:34], "```"]
        own = [line for line in text.split("--- by own time ---")[-1].strip().splitlines()
               if "List reduced" not in line and "function calls" not in line]
        if len(own) > 4:
            lines += ["", "The same run by own time (where the time is spent, inside libraries too):", "", "```",
                      *own[:18], "```"]
    return "\n".join(lines) + "\n"


def _attribution(results: dict) -> list[str]:
    data = results.get("attribution") or {}
    if not data:
        return []
    lines = [
        "", "## Where the page load and the view change go", "",
        "The same measures on apps that hold parts of the overview page, built from the app's own functions, "
        "alternating in one browser (cache warm): the baseline; the dashboard's map figure (`build_flow_map` on "
        "its default view, with the dataset's arcs, its view buttons and the same chart config) without its "
        "choropleth of country shapes, then with it; the map with the headline figures beside it "
        "(`render_metric_strip`); the map with the two exchange ledgers; the map with the Sankey (which the "
        "dashboard shows only on demand); the dashboard. A view change is a click on the figure's own view "
        "buttons, in the browser. “Renderer busy” is Chromium's main-thread task time (Performance domain, "
        "`TaskDuration`) from navigation to the map's lines drawn, of which “script” is JavaScript: the time the "
        "page's own work takes, apart from waiting for the server and the network (a loaded CPU still slows "
        "it). What separates two rows is what one has and the other has not.", "",
        "| app | warm page loads | median (s) | renderer busy (s) | of which script (s) | view changes | "
        "median (ms) | p95 (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, values in data.items():
        warm, inter = values.get("warm_s") or [], values.get("interaction_s") or []
        lines.append(f"| {name} | {len(warm)} | {_s(_median(warm))} | {_s(_median(values.get('task_s')))} | "
                     f"{_s(_median(values.get('script_s')))} | {len(inter) or '–'} | "
                     f"{_ms(_median(inter)) if inter else '–'} | {_ms(_p95(inter)) if inter else '–'} |")
    return lines


def _scaling(results: dict) -> list[str]:
    plan = results["plan"]
    lines = [
        "", "## Scaling with the number of flows", "",
        "Synthetic data packages made by the script in a temporary folder (never committed): the real package "
        "with flows.csv holding the 36 real flows and generated ones up to N, each generated flow taking a real "
        "flow's evidence (quote, offsets, status, hedge) and random places, category, quantity and date "
        "(seeded). Each package passes `tracker.dataset.validate_package` before it is measured; the app reads it "
        f"through `DASHBOARD_DATA_DIR`. Fewer repetitions than at article size: {plan['scale_cold_rounds']} cold "
        f"starts, {plan['scale_warm_loads']} warm loads, {plan['scale_interactions']} view changes and as many "
        "filter changes, "
        f"{plan['scale_reruns']} reruns for memory, {plan['scale_apptest_runs']} AppTest reruns. Bytes are app "
        "bytes (WebSocket + app HTTP) in kB.",
        "",
        "| flows | cold start (s) | warm load (s) | first visit kB | repeat visit kB | view change kB (frames sent) | "
        "filter change kB (undated hidden) | view change median (ms) | filter → redraw median / p95 (ms) | "
        "script rerun (ms) | RSS start / first load / after reruns (MB) | map figure JSON kB | map traces |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, e in _sizes(results):
        s = e.get("session") or {}
        lines.append(
            f"| {n:,} | {_s(_median(e.get('cold_s')))} | {_s(_median(s.get('warm_s')))} | "
            f"{_kb(_get(s, 'bytes_first_visit', 'app_total'))} | {_kb(_get(s, 'bytes_repeat_visit', 'app_total'))} | "
            f"{_kb(_get(s, 'bytes_view_change', 'app_total'))} ({_get(s, 'bytes_view_change', 'ws_sent_frames')}) | "
            f"{_kb(_get(s, 'bytes_filter_change', 'app_total'))} | {_ms(_median(s.get('view_change_s')))} | "
            f"{_ms(_median(s.get('interaction_s')))} / "
            f"{_ms(_p95(s.get('interaction_s')))} | {_ms(_get(e, 'apptest', 'rerun_median_s'))} | "
            f"{_s(s.get('rss_start_mb'), 0)} / {_s(s.get('rss_first_load_mb'), 0)} / "
            f"{_s(s.get('rss_after_reruns_mb'), 0)} ({s.get('reruns', '–')}) | "
            f"{_kb(_get(e, 'apptest', 'figure_json_bytes'))} | {_get(e, 'apptest', 'traces') or '–'} |")
    lines += [
        "", "Growth exponents: the slope of log(cost) against log(flows), over every size and between the two "
        "largest. 1 is linear; near 0 means a fixed cost dominates. The slope between the two largest sizes says "
        "most about how the cost grows from there on.", "",
        "| cost | slope, all sizes | slope, two largest sizes | no faster than linear |", "|---|---:|---:|---|",
    ]
    for row in growth_exponents(results):
        lines.append(f"| {row['cost']} | {_s(row['fit'])} | {_s(row['last'])} ({row['range']}) | {_met(row['met'])} |")
    return lines


def _command(results: dict) -> str:
    """The command that measured, without the paths of where it wrote."""
    words = (results.get("command") or f"scripts/bench.py{' --quick' if results.get('quick') else ''}").split()
    kept = [w for i, w in enumerate(words) if w not in ("--json", "--out") and (i == 0 or words[i - 1] not in
                                                                                ("--json", "--out"))]
    return " ".join(kept)


def _lighthouse_version(results: dict) -> str:
    versions = {page.get("lighthouse") for page in (results.get("lighthouse") or {}).values()} - {None}
    return f"{', '.join(sorted(versions))} (npm), Chromium above" if versions else "not run"


def _lighthouse(results: dict) -> list[str]:
    pages = results.get("lighthouse") or {}
    if not pages:
        return []
    form = {page.get("form_factor") for page in pages.values()} - {None}
    lines = [
        "", "## Lighthouse accessibility", "",
        f"Lighthouse {_lighthouse_version(results).split(' ')[0]} (`lighthouse --only-categories=accessibility`, "
        f"its default {', '.join(sorted(form)) or 'mobile'} settings) with `CHROME_PATH` set to Debian's Chromium, "
        "headless, against the dashboard on the shipped data, one fresh tab per page. The score is Lighthouse's "
        "(×100); a failing audit is one whose score is below 1, with the elements it names.", "",
        "| page | score | failing audits (what they name) |", "|---|---:|---|",
    ]
    for path, page in pages.items():
        failing = "; ".join(
            f"`{a['id']}`: {a['title'].replace('|', '/')} ({a['items']} element{'s' if a['items'] != 1 else ''}"
            + (": " + ", ".join(f"`{n}`" for n in a["nodes"]) if a.get("nodes") else "") + ")"
            for a in page.get("failing") or []) or "none"
        if page.get("error"):
            failing += f" (Lighthouse: {page['error']})"
        lines.append(f"| `{path}` | {'–' if page.get('score') is None else page['score']} | {failing} |")
    return lines
