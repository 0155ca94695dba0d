"""The category and status vocabularies: defined once in tracker/constants.py, equal to the schema's enums,
and complete, so a category or status added in one place but not the other fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tracker import constants
from tracker.constants import CATEGORIES, CATEGORY_CODES, HEDGE_STATUSES, STATUS_CODES, STATUSES

ROOT = Path(__file__).resolve().parent.parent
# A column holds a vocabulary's codes if its name is the vocabulary's or ends with it ("strongest_status").
VOCABULARIES = {"status": STATUS_CODES, "category": CATEGORY_CODES}
# Every per-code table the app draws or sorts with: a new code needs an entry in each.
STATUS_TABLES = ("STATUS_LABELS", "STATUS_DEFINITIONS", "STATUS_DASHES", "STATUS_RANK", "STATUS_MODALITY",
                 "STATUS_STRENGTH")
CATEGORY_TABLES = ("CATEGORY_LABELS", "CATEGORY_COLOURS")


@pytest.fixture(scope="module")
def package(data_dir: Path) -> dict[str, Any]:
    """datapackage.json as written, not as the loader reads it."""
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def vocabulary_fields(package: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(resource, vocabulary, field) for every field whose values are a vocabulary's codes."""
    found = []
    for resource in package["resources"]:
        for spec in resource["schema"]["fields"]:
            for vocabulary in VOCABULARIES:
                if spec["name"] == vocabulary or spec["name"].endswith(f"_{vocabulary}"):
                    found.append((resource["name"], vocabulary, spec))
    return found


def test_every_table_with_a_category_or_status_is_found(package: dict[str, Any]) -> None:
    found = {(resource, vocabulary) for resource, vocabulary, _ in vocabulary_fields(package)}
    assert {("flows", "status"), ("flows", "category"), ("claims", "category"), ("events", "status"),
            ("figures", "status"), ("exchanges", "status")} <= found


def test_every_schema_enum_is_its_vocabulary_in_order(package: dict[str, Any]) -> None:
    """Both directions: a code only in the schema, or only in constants.py, or out of order, fails."""
    for resource, vocabulary, spec in vocabulary_fields(package):
        enum = spec.get("constraints", {}).get("enum")
        assert enum == list(VOCABULARIES[vocabulary]), f"{resource}.{spec['name']}"


@pytest.mark.parametrize("name", STATUS_TABLES)
def test_every_status_has_its_entry(name: str) -> None:
    assert set(getattr(constants, name)) == set(STATUS_CODES)


@pytest.mark.parametrize("name", CATEGORY_TABLES)
def test_every_category_has_its_entry(name: str) -> None:
    assert set(getattr(constants, name)) == set(CATEGORY_CODES)


def test_the_rank_is_the_order_of_the_statuses() -> None:
    assert sorted(STATUS_CODES, key=constants.STATUS_RANK.__getitem__) == list(STATUS_CODES)


def test_terms_are_complete_and_distinct() -> None:
    for terms in (STATUSES, CATEGORIES):
        assert all(t.code and t.label and t.definition and t.example for t in terms)
        assert len({t.code for t in terms}) == len({t.label for t in terms}) == len(terms)
    assert len(set(constants.CATEGORY_COLOURS.values())) == len(CATEGORIES), "two categories share a colour"
    assert len(set(constants.STATUS_DASHES.values())) == len(STATUSES), "two statuses share a line style"


def test_hedge_statuses_are_statuses() -> None:
    assert HEDGE_STATUSES and set(HEDGE_STATUSES) <= set(STATUS_CODES)
    assert set(constants.STATUS_MODALITY.values()) == {"happened", "promised", "possible"}


def readme_codes(heading: str) -> list[str]:
    """The codes listed in data/README.md's table under the heading that starts with ``heading``."""
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    section = re.search(rf"^### `{heading}`.*?(?=^#)", text, flags=re.MULTILINE | re.DOTALL)
    assert section, f"data/README.md has no section for {heading}"
    return re.findall(r"^\| `([a-z_]+)` \|", section.group(), flags=re.MULTILINE)


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_the_data_readme_describes_every_code_in_order(vocabulary: str) -> None:
    assert readme_codes(vocabulary) == list(VOCABULARIES[vocabulary])
