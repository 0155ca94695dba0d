"""Command line: ``python -m tracker validate [DATA_DIR]`` checks the data package.

Without DATA_DIR it checks $DASHBOARD_DATA_DIR, the folder the app would read, else data/.
``--saved`` also checks every saved article in $DASHBOARD_USER_DIR and names, in full, the ones the
app sets aside: this is the operator's view, which the app never shows readers.
``python -m tracker upgrade-articles [USER_DIR]`` brings articles saved before claims existed up to date.
"""

from __future__ import annotations

import argparse
import sys

from tracker.constants import DATA_DIR
from tracker.dataset import DatasetError, format_problems, load_with_saved, summarise, validate_package
from tracker.userdata import default_data_dir, default_user_dir, upgrade_saved_articles, user_package_dirs


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m tracker")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data package and print a summary")
    validate.add_argument("data_dir", nargs="?", default=str(default_data_dir()))
    validate.add_argument("--saved", action="store_true", help="also check the saved articles (DASHBOARD_USER_DIR)")
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
    return _check_saved() if args.saved else 0


def _check_saved() -> int:
    """Say which saved articles validate and which the app sets aside, with every problem."""
    user_dir = default_user_dir()
    saved = user_package_dirs(user_dir)
    _, set_aside = load_with_saved(default_data_dir(), saved)
    print(f"\nSaved articles in {user_dir}: {len(saved)}, set aside: {len(set_aside)}")
    for article in set_aside:
        print(f"\n{user_dir / article.folder} is set aside:\n{format_problems(article.problems)}", file=sys.stderr)
    return 1 if set_aside else 0


if __name__ == "__main__":
    sys.exit(main())
