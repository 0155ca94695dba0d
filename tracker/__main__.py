"""Command line: ``python -m tracker validate [DATA_DIR]`` checks the data package.

Without DATA_DIR it checks $DASHBOARD_DATA_DIR, the folder the app would read, else data/.
This is the operator's view: the server log names the folder in full, which the app never shows readers.
"""

from __future__ import annotations

import argparse
import os
import sys

from tracker.constants import DATA_DIR, DATA_DIR_ENV
from tracker.dataset import DatasetError, format_problems, summarise, validate_package


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m tracker")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data package and print a summary")
    validate.add_argument("data_dir", nargs="?", default=os.environ.get(DATA_DIR_ENV) or str(DATA_DIR))
    args = parser.parse_args(argv)
    try:
        dataset, problems = validate_package(args.data_dir)
    except DatasetError as error:
        problems, dataset = error.problems, None
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    assert dataset is not None
    print(summarise(dataset))
    return 0


if __name__ == "__main__":
    sys.exit(main())
