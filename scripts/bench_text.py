"""`make bench-text`: how long the extractor and the evidence reader take on long texts, on this machine.

A benchmark, not a test: it prints figures and asserts no timings (the tests count calls instead, which
is the same on every run; see `devtools/calls.py`). In one run it measures

- `extract_candidates` on 1, 2 and 5 MB of news-like paragraphs, with the seconds per MB at each size
  (a flat column is linear), against the sentence splitter alone on the same text (the baseline);
- the same on one 5 MB line with no full stop, which is skipped as not prose;
- `build_highlights` and `split_parts` on a 1 MB article, against the splitter on it;
- a rerun of the evidence reader (AppTest, in process) on a saved 1 MB article and on a quarter of it,
  against a rerun on the shipped article.

It prints a Markdown section and, with `--out`, writes it into that file between its markers (below
`scripts/bench.py`'s analysis marker in docs/benchmarks.md, so the two benchmarks keep each other's part).

    .venv/bin/python scripts/bench_text.py [--repeat 3] [--out docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from devtools.corpora import filled_article, news_like_paragraphs  # noqa: E402
from tracker.dataset import load_dataset  # noqa: E402
from tracker.evidence import build_highlights, split_parts, split_sentences  # noqa: E402
from tracker.extract import extract_candidates  # noqa: E402

BEGIN, END = "<!-- bench_text.py: begin -->", "<!-- bench_text.py: end -->"
PUBLISHED = "2025-03-12"
PARAGRAPH_BYTES = len(news_like_paragraphs(100).encode("utf-8")) / 100
MB = 1_000_000


def best_of(repeat: int, function: Callable[..., Any], *args: Any) -> float:
    """The shortest of `repeat` runs, in seconds (the least disturbed by the other loads on the machine)."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        timings.append(time.perf_counter() - started)
    return min(timings)


def measure_extraction(repeat: int, places: Any) -> list[dict[str, Any]]:
    extract_candidates(news_like_paragraphs(3), PUBLISHED, places)
    rows = []
    for megabytes in (1, 2, 5):
        text = news_like_paragraphs(int(megabytes * MB / PARAGRAPH_BYTES))
        seconds = best_of(repeat if megabytes < 5 else 1, extract_candidates, text, PUBLISHED, places)
        baseline = best_of(repeat, split_sentences, text)
        rows.append({"what": f"extract_candidates, {len(text) / MB:.1f} MB of paragraphs", "seconds": seconds,
                     "per_mb": seconds / (len(text) / MB), "baseline": baseline})
    line = "Russia sent troops to Belarus and " * 150_000
    rows.append({"what": f"extract_candidates, one {len(line) / MB:.1f} MB line (skipped)",
                 "seconds": best_of(repeat, extract_candidates, line, PUBLISHED, places),
                 "per_mb": None, "baseline": best_of(repeat, split_sentences, line)})
    return rows


def measure_reader_logic(repeat: int, story: str) -> list[dict[str, Any]]:
    text = filled_article(story, MB)
    sentences = split_sentences(text)
    middle = sentences[len(sentences) // 2]
    rows = pd.DataFrame({"table": "flow", "row_id": ["a", "b"], "status": "stated",
                         "quote_start": [0, middle.start], "quote_end": [5, middle.end]})
    baseline = best_of(repeat, split_sentences, text)
    return [{"what": f"build_highlights, 1 MB article ({len(sentences):,} sentences)", "per_mb": None,
             "seconds": best_of(repeat, build_highlights, text, rows, sentences), "baseline": baseline},
            {"what": "split_parts, the same (once per text, cached)", "per_mb": None,
             "seconds": best_of(repeat, split_parts, sentences), "baseline": baseline}]


def measure_reader_views(repeat: int, story: str) -> list[dict[str, Any]]:
    """Reruns of the evidence reader in AppTest: the shipped article, then saved ones of 250 kB and 1 MB."""
    from streamlit.testing.v1 import AppTest

    from tracker.userdata import ArticleMeta, build_article_tables, save_article

    data_dir = ROOT / "data"
    dataset = load_dataset(data_dir)
    accepted = dataset.flows[dataset.flows["flow_id"] == "F09"].drop(columns=["flow_id"])
    with tempfile.TemporaryDirectory() as user_dir:
        os.environ["DASHBOARD_USER_DIR"] = user_dir
        rows = {"the shipped article": "F09"}
        for size in (MB // 4, MB):
            source_id = f"bench-{size}"
            text = filled_article(story, size)
            tables = build_article_tables(accepted, ArticleMeta(source_id, source_id, "Bench", "2024-11-25"), text,
                                          dataset)
            save_article(tables, text, data_dir, user_dir)
            rows[f"a saved {size / MB:g} MB article"] = f"{source_id}:F01"
        timings = {}
        for label, row in rows.items():
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
            at.query_params["row"] = row
            at.run()
            at.switch_page("pages/evidence.py").run()
            if at.exception:
                raise SystemExit(f"the evidence reader raised: {[e.value for e in at.exception]}")
            timings[label] = best_of(repeat, at.run)
    baseline = timings["the shipped article"]
    return [{"what": f"evidence reader rerun, {label}", "seconds": seconds, "per_mb": None, "baseline": baseline}
            for label, seconds in timings.items()]


def render(rows: list[dict[str, Any]], repeat: int, took: float) -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [BEGIN, "", "## Long texts: the extractor and the evidence reader", "",
             f"Written by `make bench-text` on {dt.date.today().isoformat()} in {took:.0f} s (best of {repeat} "
             f"runs each, one run at 5 MB; load average at the end {load}). The tests count calls instead "
             "(`devtools/calls.py`); these are the times. The baseline of the extractor and of the reader's "
             "logic is the sentence splitter on the same text; of a reader rerun, a rerun on the shipped article.",
             "", "| what | ms | s per MB | × baseline |", "|---|---:|---:|---:|"]
    for row in rows:
        per_mb = f"{row['per_mb']:.2f}" if row["per_mb"] is not None else "–"
        lines.append(f"| {row['what']} | {row['seconds'] * 1000:,.1f} | {per_mb} | {row['seconds'] / row['baseline']:.1f} |")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace the section between the markers in `path`, or add it at the end."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        text = before + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure; the shortest is kept")
    parser.add_argument("--out", type=Path, help="write the section into this Markdown file")
    args = parser.parse_args()
    started = time.perf_counter()
    dataset = load_dataset(ROOT / "data")
    story = dataset.texts[dataset.sources["source_id"].iloc[0]]
    rows = measure_extraction(args.repeat, dataset.places)
    rows += measure_reader_logic(args.repeat, story)
    rows += measure_reader_views(args.repeat, story)
    section = render(rows, args.repeat, time.perf_counter() - started)
    print(section)
    if args.out:
        write_section(args.out, section)


if __name__ == "__main__":
    main()
