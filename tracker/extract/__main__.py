"""Command line: ``python -m tracker.extract ARTICLE PUBLISHED`` prints the candidates as CSV."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from tracker.constants import DATA_DIR
from tracker.extract.candidates import extract_candidates
from tracker.extract.inputs import ExtractionError, decode_article


def main(argv: list[str] | None = None) -> int:
    """Print the candidate flows of an article as CSV; errors go to stderr with exit code 2."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker.extract",
        description="Propose candidate flows from a news article (CSV on stdout: the flows columns plus reason).")
    parser.add_argument("article", help="path of the article, a UTF-8 text file")
    parser.add_argument("published", help="publication date, YYYY-MM-DD (relative dates are resolved against it)")
    parser.add_argument("--source-id", default="new-article", help="source_id to give the candidates")
    parser.add_argument("--places", default=str(DATA_DIR / "places.csv"), help="gazetteer CSV (default: data/places.csv)")
    args = parser.parse_args(argv)
    try:
        raw = Path(args.article).read_bytes()
    except OSError as error:
        print(f"error: cannot read {args.article}: {error.strerror or error}", file=sys.stderr)
        return 2
    try:
        text = decode_article(raw)
    except ExtractionError as error:
        print(f"error: {args.article}: {error}", file=sys.stderr)
        return 2
    try:
        places = pd.read_csv(args.places, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:
        print(f"error: cannot read the gazetteer {args.places}: {error}", file=sys.stderr)
        return 2
    try:
        candidates = extract_candidates(text, args.published, places, args.source_id)
    except ExtractionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        sys.stdout.buffer.write(candidates.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # NOTE: "| head" closed the pipe: what was read is all that was wanted. Point stdout at
        # devnull so that the interpreter's final flush does not fail (Python's documented recipe).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
