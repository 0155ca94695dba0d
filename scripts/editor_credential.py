"""Make the editor credential for shared mode: prints the lines to add to .streamlit/secrets.toml.

    make editor-credential NAME=alice        (asks for the password twice, shows nothing)

Only the salted scrypt hash is printed; the password is never written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.access import hash_password  # noqa: E402 - after the path is set

MIN_LENGTH = 12


def main(argv: list[str] | None = None) -> int:
    """Ask for a password and print the secrets.toml entry for editor NAME."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", help="the editor's name, as typed when signing in (letters, digits, . _ -)")
    parser.add_argument("--stdin", action="store_true", help="read the password from standard input (scripts)")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", args.name):
        print("the name may hold letters, digits, '.', '_' and '-' only", file=sys.stderr)
        return 2
    if args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("the two passwords differ", file=sys.stderr)
            return 1
    if len(password) < MIN_LENGTH:
        print(f"use at least {MIN_LENGTH} characters", file=sys.stderr)
        return 1
    print(f'[editors.accounts.{args.name}]\npassword_hash = "{hash_password(password)}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
