"""Command line: ``python -m tracker validate [DATA_DIR]`` checks the data package.

``python -m tracker upgrade-articles [USER_DIR]`` brings articles saved before claims existed up to date.
"""

from __future__ import annotations

import argparse
import sys

from tracker.constants import DATA_DIR
from tracker.dataset import DatasetError, format_problems, summarise, validate_package
from tracker.userdata import default_user_dir, upgrade_saved_articles


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m tracker")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data package and print a summary")
    validate.add_argument("data_dir", nargs="?", default=str(DATA_DIR))
    upgrade = commands.add_parser("upgrade-articles", help="give articles saved before claims existed their claims")
    upgrade.add_argument("user_dir", nargs="?", default=str(default_user_dir()))
    args = parser.parse_args(argv)
    if args.command == "upgrade-articles":
        upgraded = upgrade_saved_articles(args.user_dir, DATA_DIR)
        print(f"{len(upgraded)} saved article(s) upgraded" + "".join(f"\n  {folder}" for folder in upgraded))
        return 0
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
