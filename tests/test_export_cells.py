"""Cell-level export helpers: formula neutralising and its undoing, CSV records, a package CSV made safe."""

from __future__ import annotations

import csv
import io

import pytest

from tracker.exports import FORMULA_PREFIXES, neutralise_csv, neutralise_formula, restore_formula, write_records

FIELDS = [{"name": "flow_id", "type": "string"}, {"name": "quantity_low", "type": "number"},
          {"name": "quote", "type": "string"}]


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_every_formula_prefix_is_neutralised_and_restored(prefix: str) -> None:
    cell = f"{prefix}HYPERLINK(\"http://x\")"
    safe = neutralise_formula(cell)
    assert safe == "'" + cell
    assert restore_formula(safe) == cell


@pytest.mark.parametrize("cell", ["North Korea", "'quoted already", "10,000 troops", ""])
def test_plain_text_is_left_as_it_is(cell: str) -> None:
    assert neutralise_formula(cell) == cell
    assert restore_formula(cell) == cell


def test_write_records_quotes_only_where_needed_and_ends_lines_with_newline() -> None:
    raw = write_records([["a", "b"], ["plain", "with, comma"], ["line\rbreak", 'say "x"']])
    assert raw == b'a,b\nplain,"with, comma"\n"line\rbreak","say ""x"""\n'
    assert list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""))) == [
        ["a", "b"], ["plain", "with, comma"], ["line\rbreak", 'say "x"']]


def test_neutralise_csv_changes_text_cells_only() -> None:
    raw = b"flow_id,quantity_low,quote\nF01,-5,=1+1\n"
    assert neutralise_csv(raw, FIELDS) == b"flow_id,quantity_low,quote\nF01,-5,'=1+1\n"


def test_neutralise_csv_returns_clean_bytes_unchanged() -> None:
    raw = b"flow_id,quantity_low,quote\r\nF01,10000,Russia sent missiles\r\n"
    assert neutralise_csv(raw, FIELDS) is raw


@pytest.mark.parametrize("raw", [b"\xff\xfe not utf-8", b'flow_id,quote\nF01,"unterminated\n'])
def test_neutralise_csv_leaves_an_unreadable_file_alone(raw: bytes) -> None:
    assert neutralise_csv(raw, FIELDS) == raw
