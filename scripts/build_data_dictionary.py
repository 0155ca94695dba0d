"""Write the data dictionary section of data/README.md from datapackage.json (the schema is the source).

Run: .venv/bin/python scripts/build_data_dictionary.py  (--check: exit 1 if the README is out of date)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "data" / "README.md"
START, END = "<!-- dictionary:start -->", "<!-- dictionary:end -->"


def render_dictionary(package: dict) -> str:
    """One Markdown table per resource: field, type, unit, constraints, description."""
    parts = []
    for resource in package["resources"]:
        schema = resource["schema"]
        parts += [f"### {resource['path']}", "", resource.get("description", ""), "",
                  f"Primary key: `{', '.join(schema.get('primaryKey', []))}`.", "",
                  "| Field | Type | Unit | Constraints | Description |", "|---|---|---|---|---|"]
        for spec in schema["fields"]:
            constraints = spec.get("constraints", {})
            shown = []
            if constraints.get("required"):
                shown.append("required")
            if constraints.get("unique"):
                shown.append("unique")
            if "enum" in constraints:
                shown.append("one of " + ", ".join(f"`{v}`" for v in constraints["enum"]))
            if "pattern" in constraints:
                shown.append(f"pattern `{constraints['pattern']}`")
            for bound in ("minimum", "maximum"):
                if bound in constraints:
                    shown.append(f"{bound} {constraints[bound]}")
            if "maxLength" in constraints:
                shown.append(f"at most {constraints['maxLength']} characters")
            description = spec.get("description", "").replace("|", "\\|")
            parts.append(f"| `{spec['name']}` | {spec['type']} | {spec.get('unit', '')} | "
                         f"{'; '.join(shown).replace('|', '&#124;')} | {description} |")
        keys = schema.get("foreignKeys", [])
        if keys:
            parts += ["", "Foreign keys: " + "; ".join(
                f"`{k['fields'][0]}` → `{k['reference']['resource']}.{k['reference']['fields'][0]}`" for k in keys) + "."]
        parts.append("")
    return "\n".join(parts)


def updated_readme(readme: str, package: dict) -> str:
    """The README text with its dictionary section replaced."""
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render_dictionary(package)}{END}{tail}"


def main(argv: list[str]) -> int:
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    current = README.read_text(encoding="utf-8")
    wanted = updated_readme(current, package)
    if "--check" in argv:
        if current != wanted:
            print("data/README.md's data dictionary is out of date; run scripts/build_data_dictionary.py")
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    print("wrote the data dictionary in data/README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
