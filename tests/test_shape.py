"""The package shape checks on their own: structure, relative paths, links out of the package, numbers."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tracker.shape import (
    LARGEST_NUMBER,
    check_number,
    check_package_shape,
    check_relative_path,
    resolve_inside,
    shown_path,
)

TABLES = ("flows", "places")


def _resource(name: str, path: str | None = None) -> dict:
    schema = {"fields": [{"name": "id", "type": "string"}], "primaryKey": ["id"]}
    return {"name": name, "path": path or f"{name}.csv", "schema": schema}


def test_a_sound_package_has_no_findings() -> None:
    assert check_package_shape({"resources": [_resource("flows"), _resource("places")]}, TABLES) == []


@pytest.mark.parametrize("package", [[], "flows.csv", 3, None])
def test_a_package_that_is_not_an_object_is_refused(package: object) -> None:
    findings = check_package_shape(package, TABLES)
    assert len(findings) == 1 and "JSON object" in findings[0][2]


def test_a_package_without_resources_says_so() -> None:
    assert check_package_shape({"name": "x"}, TABLES) == [("resources", None, "the list of resources is missing")]


def test_a_missing_table_and_a_bad_resource_are_both_named() -> None:
    findings = check_package_shape({"resources": [_resource("flows"), "places.csv"]}, TABLES)
    text = json.dumps(findings)
    assert "resources[2]" in text
    assert "places" in text


def test_an_escaping_path_in_a_resource_is_a_finding() -> None:
    findings = check_package_shape({"resources": [_resource("flows", "../../etc/passwd"), _resource("places")]}, TABLES)
    assert any("inside the data package" in message for _, _, message in findings)


@pytest.mark.parametrize("path", ["/etc/passwd", "C:/data/flows.csv", "a\\b.csv", "flows\x00.csv"])
def test_absolute_and_foreign_paths_are_refused(path: str) -> None:
    assert check_relative_path(path) == "must be a path relative to the data package, not an absolute one"


@pytest.mark.parametrize("path", ["../flows.csv", "data/../../flows.csv"])
def test_climbing_paths_are_refused(path: str) -> None:
    assert check_relative_path(path) == "must stay inside the data package (no ..)"


@pytest.mark.parametrize("path", ["flows.csv", "sources/article.txt", "./flows.csv"])
def test_relative_paths_are_allowed(path: str) -> None:
    assert check_relative_path(path) is None


def test_shown_path_hides_only_the_server_folders() -> None:
    assert shown_path("flows.csv") == "flows.csv"
    assert shown_path("/srv/data/flows.csv") is None
    assert shown_path("C:\\data\\flows.csv") is None


def test_resolve_inside_finds_a_file_in_the_package(tmp_path: Path) -> None:
    (tmp_path / "flows.csv").write_text("id\n", encoding="utf-8")
    assert resolve_inside(tmp_path, "flows.csv") == ((tmp_path / "flows.csv").resolve(), None)


def test_resolve_inside_refuses_a_link_out_of_the_package(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("secret\n", encoding="utf-8")
    package = tmp_path / "package"
    package.mkdir()
    os.symlink(outside, package / "flows.csv")
    target, problem = resolve_inside(package, "flows.csv")
    assert target is None and "leads outside through a link" in problem


def test_resolve_inside_refuses_a_folder_and_a_climb(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    assert resolve_inside(tmp_path, "sources")[0] is None
    assert resolve_inside(tmp_path, "sources")[1]
    assert resolve_inside(tmp_path, "../x.csv") == (None, "must stay inside the data package (no ..)")


@pytest.mark.parametrize(("value", "whole", "expected"), [
    ("10000", True, None),
    ("-3", True, None),
    ("1.5", True, "must be a whole number"),
    ("1.5", False, None),
    ("2e3", False, None),
    ("1,000", False, "must be a number (digits, no thousands separator)"),
    ("nan", False, "must be a number (digits, no thousands separator)"),
    ("inf", False, "must be a number (digits, no thousands separator)"),
    ("1_000", True, "must be a whole number"),
])
def test_check_number(value: str, whole: bool, expected: str | None) -> None:
    assert check_number(value, whole) == expected


@pytest.mark.parametrize("value", ["1" * 41, "1e400", str(int(LARGEST_NUMBER) * 10)])
def test_check_number_refuses_huge_values(value: str) -> None:
    assert check_number(value, whole=False).startswith("is too large")


@pytest.mark.parametrize(("schema_change", "column"), [
    ({"primaryKey": ["nope"]}, "flows.schema.primaryKey"),
    ({"fields": [{"name": "id", "type": "date"}]}, "flows.id"),
    ({"fields": [{"name": "id", "type": "string", "constraints": {"pattern": "("}}]}, "flows.id"),
    ({"fields": [{"name": "id", "type": "string", "constraints": {"maximum": float("inf")}}]}, "flows.id"),
    ({"fields": [{"name": "id", "type": "string", "constraints": {"enum": "abc"}}]}, "flows.id"),
    ({"foreignKeys": [{"fields": ["id"], "reference": {"resource": "elsewhere", "fields": ["id"]}}]},
     "flows.schema.foreignKeys"),
])
def test_each_schema_fault_names_its_field(schema_change: dict, column: str) -> None:
    flows = _resource("flows")
    flows["schema"] = {**flows["schema"], **schema_change}
    findings = check_package_shape({"resources": [flows, _resource("places")]}, TABLES)
    assert [finding[0] for finding in findings] == [column]
