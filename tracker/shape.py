"""The shape of a ``datapackage.json`` and the safety of the paths it names, checked before any file is opened.

A data package may come from an operator's folder or from a reader's saved article, so nothing
in it is trusted: the JSON must be an object with a list of resources, every resource needs a
name, a relative path and a schema whose patterns compile, and a path that is absolute, climbs
out with ``..`` or leads out through a symbolic link is refused (as Frictionless does for
untrusted packages). Findings are (column, value, message) triples; the caller adds the file.
"""

from __future__ import annotations

import math
import re
from pathlib import Path, PurePosixPath
from typing import Any

# Finding: the key or field concerned, the value found, and what is expected.
Finding = tuple[str | None, str | None, str]

FIELD_TYPES = ("string", "integer", "number", "boolean")
# NOTE: a quantity, an offset or a coordinate beyond this is a typo or an attack, never a fact of the
# story; below 2**53 every whole number is also exact as a float, and pandas' Int64 holds it.
LARGEST_NUMBER = 1e15
# Characters in any one cell unless its field says fewer (maxLength): the longest quote is a few hundred.
LONGEST_CELL = 5_000
# One plain decimal number: no "nan", "inf", "1_000" or spaces, which float() would accept.
NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def check_package_shape(package: Any, tables: tuple[str, ...]) -> list[Finding]:
    """Everything wrong with the structure of a parsed datapackage.json that would stop it being read."""
    if not isinstance(package, dict):
        return [(None, type(package).__name__, "must be a JSON object with a list of resources")]
    resources = package.get("resources")
    if not isinstance(resources, list):
        return [("resources", None, "the list of resources is missing")]
    findings: list[Finding] = []
    names = []
    for number, resource in enumerate(resources, start=1):
        where = f"resources[{number}]"
        if not isinstance(resource, dict):
            findings.append((where, None, "must be an object with a name, a path and a schema"))
            continue
        name = resource.get("name")
        if not isinstance(name, str) or not name:
            findings.append((f"{where}.name", None, "a resource needs a name"))
            continue
        names.append(name)
        path = resource.get("path")
        if not isinstance(path, str) or not path:
            findings.append((f"{name}.path", None, "a resource needs the path of its file"))
        elif (problem := check_relative_path(path)) is not None:
            findings.append((f"{name}.path", shown_path(path), problem))
        findings += _check_schema(name, resource.get("schema"), tables)
    for name in tables:
        if name not in names:
            findings.append(("resources", name, "no resource of this name is described"))
    return findings


def _check_schema(name: str, schema: Any, tables: tuple[str, ...]) -> list[Finding]:
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not schema["fields"]:
        return [(f"{name}.schema", None, "a resource needs a schema with a list of fields")]
    findings: list[Finding] = []
    field_names = []
    for spec in schema["fields"]:
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            findings.append((f"{name}.schema.fields", None, "every field needs a name"))
            continue
        field_names.append(spec["name"])
        findings += _check_field_spec(f"{name}.{spec['name']}", spec)
    key = schema.get("primaryKey")
    if not isinstance(key, list) or len(key) != 1 or key[0] not in field_names:
        findings.append((f"{name}.schema.primaryKey", None, "must name one field of the resource"))
    for foreign in schema.get("foreignKeys", []) if isinstance(schema.get("foreignKeys", []), list) else [None]:
        try:
            ok = (foreign["fields"][0] in field_names and foreign["reference"]["resource"] in tables
                  and isinstance(foreign["reference"]["fields"][0], str))
        except (KeyError, IndexError, TypeError):
            ok = False
        if not ok:
            findings.append((f"{name}.schema.foreignKeys", None,
                             "each foreign key needs fields and a reference to a table and field"))
    return findings


def _check_field_spec(where: str, spec: dict[str, Any]) -> list[Finding]:
    """A field's type and constraints must be ones the loader can apply."""
    findings: list[Finding] = []
    if spec.get("type") not in FIELD_TYPES:
        findings.append((where, str(spec.get("type")), f"the type must be one of: {', '.join(FIELD_TYPES)}"))
    constraints = spec.get("constraints", {})
    if not isinstance(constraints, dict):
        return [*findings, (where, None, "constraints must be an object")]
    if "pattern" in constraints:
        try:
            re.compile(str(constraints["pattern"]))
        except re.error as error:
            findings.append((where, str(constraints["pattern"]), f"the pattern is not a regular expression ({error})"))
    for bound in ("minimum", "maximum"):
        value = constraints.get(bound)
        if bound in constraints and (isinstance(value, bool) or not isinstance(value, (int, float))
                                     or not math.isfinite(value)):
            findings.append((where, str(value), f"the {bound} must be a finite number"))
    longest = constraints.get("maxLength")
    if "maxLength" in constraints and (isinstance(longest, bool) or not isinstance(longest, int) or longest < 1):
        findings.append((where, str(longest), "maxLength must be a whole number of characters"))
    enum = constraints.get("enum")
    if "enum" in constraints and (not isinstance(enum, list) or not all(isinstance(v, str) for v in enum)):
        findings.append((where, None, "enum must be a list of strings"))
    return findings


def check_relative_path(path: str) -> str | None:
    """Why a path written in a package may not be used (absolute, leaves the package), or None if it may."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or "\\" in path or re.match(r"^[A-Za-z]:", path) or "\x00" in path:
        return "must be a path relative to the data package, not an absolute one"
    if ".." in pure.parts:
        return "must stay inside the data package (no ..)"
    return None


def shown_path(path: str) -> str | None:
    """A path as a problem may quote it: an absolute path names the server's folders, so it is not quoted."""
    return None if PurePosixPath(path).is_absolute() or re.match(r"^[A-Za-z]:|\\", path) else path


def resolve_inside(folder: Path, path: str) -> tuple[Path | None, str | None]:
    """The file ``path`` names inside ``folder``, or why it may not be opened; nothing is read.

    A symbolic link that leads out of the package is refused like ``..``; a folder is not a file.
    """
    problem = check_relative_path(path)
    if problem is not None:
        return None, problem
    root = folder.resolve()
    target = (folder / path).resolve()
    if target != root and root not in target.parents:
        return None, "must stay inside the data package (it leads outside through a link)"
    if target.is_dir():
        return None, "the file cannot be read: it is a folder, not a file"
    return target, None


def check_number(value: str, whole: bool) -> str | None:
    """Why a cell is not a finite number within the sane range, or None."""
    if whole and not re.fullmatch(r"-?\d+", value):
        return "must be a whole number"
    if not whole and not NUMBER.fullmatch(value):
        return "must be a number (digits, no thousands separator)"
    if len(value) > 40 or not math.isfinite(number := float(value)) or abs(number) > LARGEST_NUMBER:
        return f"is too large; numbers here are at most {LARGEST_NUMBER:,.0f}"
    return None
