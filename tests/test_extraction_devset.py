"""The development set of reports by other outlets: well formed, free of the held-out reports, and measured
no worse than the figures recorded in docs/extraction.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from tracker.constants import CATEGORY_CODES, STATUS_CODES
from tracker.dates import parse_partial_date
from tracker.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT / "tests" / "extraction_dev"
CASE_FILES = sorted(DEV_DIR.glob("*.json"))


def test_the_set_has_at_least_ten_reports_from_several_kinds_of_outlet() -> None:
    cases = [json.loads(p.read_text(encoding="utf-8")) for p in CASE_FILES]
    assert len(cases) >= 10
    kinds = {c["kind"].split(",")[0] for c in cases}
    assert {"US outlet", "European outlet", "Korean outlet", "Ukrainian outlet"} <= kinds
    assert len({c["url"] for c in cases}) == len(cases)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_a_case_is_well_formed(path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["case_id"] == path.stem
    assert case["outlet"] and case["url"].startswith(("https://", "http://"))
    parse_partial_date(case["published"])
    assert len(case["paragraphs"]) <= 10, "keep only the sentences the case needs, not the article"
    for paragraph in case["paragraphs"]:
        # NOTE: one sentence per paragraph, so a recorded flow's sentence is its paragraph.
        assert [s.text for s in split_sentences(paragraph)] == [paragraph]
    assert case["flows"]
    for flow in case["flows"]:
        assert 0 <= flow["sentence"] < len(case["paragraphs"])
        assert flow["category"] in CATEGORY_CODES and flow["status"] in STATUS_CODES
        assert flow["origin_iso3"] != flow["destination_iso3"]
        assert re.fullmatch(r"[A-Z]{3}", flow["origin_iso3"]) and re.fullmatch(r"[A-Z]{3}", flow["destination_iso3"])
        for hedge in filter(None, flow["hedge"].split("; ")):
            assert hedge.lower() in case["paragraphs"][flow["sentence"]].lower()
        for bound in ("date_start", "date_end"):
            if flow[bound]:
                parse_partial_date(flow[bound])


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_no_held_out_report_is_in_the_set(path: Path, evaluation_module: ModuleType) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    host = re.sub(r"^https?://(?:www\.|m\.)?", "", case["url"]).split("/")[0]
    assert not any(host.endswith(h) for h in evaluation_module.HELD_OUT_HOSTS), host
    text = " ".join(case["paragraphs"])
    dateline = re.search(r"\b[A-Z]{3,}(?:, [A-Z][\w ]+)? \((?:Reuters|AP|Yonhap)\)", text)
    assert dateline is None, f"the dateline of a held-out wire report: {dateline.group()}"


def recorded_floor() -> dict[str, float]:
    page = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- floor: recall=(?P<recall>[\d.]+) precision=(?P<precision>[\d.]+) "
                      r"reversed=(?P<reversed>\d+) -->", page)
    assert match, "docs/extraction.md lacks the development-set figures; run scripts/evaluate_extraction.py"
    return {name: float(value) for name, value in match.groupdict().items()}


def test_the_development_set_is_no_worse_than_recorded(evaluation_module: ModuleType,
                                                       data_dir: Path) -> None:
    module = evaluation_module
    places = pd.read_csv(data_dir / "places.csv", dtype=str, keep_default_na=False)
    total = module.DevTotals.of([module.evaluate_case(case, places) for case in module.load_dev_cases()])
    floor = recorded_floor()
    assert total.recall >= floor["recall"] - 1e-4
    assert total.precision >= floor["precision"] - 1e-4
    assert total.reversed <= floor["reversed"]


def test_the_development_measure_counts_a_reversed_flow(evaluation_module: ModuleType, data_dir: Path) -> None:
    """The measure can fail: a recorded flow turned round is a miss, a wrong candidate and a reversed one."""
    module = evaluation_module
    places = pd.read_csv(data_dir / "places.csv", dtype=str, keep_default_na=False)
    text = "Russia sent troops to Belarus."
    flows = pd.DataFrame([{"flow_id": "G01", "origin_iso3": "BLR", "destination_iso3": "RUS", "category": "troops",
                           "status": "stated", "quote_start": 0, "quote_end": len(text), "quote": text}])
    case = module.DevCase("constructed", "none", "test", "2024-11-22", "https://example.org", text, flows)
    evaluation = module.evaluate_case(case, places)
    total = module.DevTotals.of([evaluation])
    assert (total.recalled, total.candidates, total.correct, total.reversed) == (0, 1, 0, 1)


def _write_case(directory: Path, case_id: str, url: str) -> None:
    case = {"case_id": case_id, "outlet": "Constructed", "kind": "test", "published": "2024-11-22", "url": url,
            "paragraphs": ["Russia sent troops to Belarus.", "The weather was mild."],
            "flows": [{"sentence": 0, "origin_iso3": "RUS", "destination_iso3": "BLR", "category": "troops",
                       "status": "stated", "hedge": ""},
                      {"sentence": 1, "origin_iso3": "BLR", "destination_iso3": "RUS", "category": "oil",
                       "status": "stated", "hedge": ""}]}
    (directory / f"{case_id}.json").write_text(json.dumps(case), encoding="utf-8")


def test_the_held_out_mode_writes_only_its_own_section(evaluation_module: ModuleType, tmp_path: Path) -> None:
    module = evaluation_module
    cases = tmp_path / "cases"
    cases.mkdir()
    _write_case(cases, "constructed-1", "https://example.org/1")
    doc = tmp_path / "extraction.md"
    page = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    development_part = page[:page.find(module.HELD_OUT_BEGIN)] if module.HELD_OUT_BEGIN in page else page
    doc.write_text(development_part, encoding="utf-8")
    assert module.main(["--heldout", str(cases), "--doc", str(doc)]) == 0
    written = doc.read_text(encoding="utf-8")
    assert written.startswith(development_part), "the development set's section and floor are left as they were"
    section = module.held_out_section(written)
    assert "## Independent check on held-out reports" in section
    assert "recall 50% (1 of 2), precision 100% (1 of 1), 0 reversed" in section
    assert "| constructed-1 | “The weather was mild.…” | BLR→RUS | oil |" in section, "the miss is named"
    # Measured again, the section is replaced, not repeated, and a plain check run keeps it.
    _write_case(cases, "constructed-2", "https://example.org/2")
    assert module.main(["--heldout", str(cases), "--doc", str(doc)]) == 0
    again = doc.read_text(encoding="utf-8")
    assert again.count("## Independent check on held-out reports") == 1
    assert "recall 50% (2 of 4)" in again and again.startswith(development_part)


def test_the_held_out_mode_refuses_a_case_of_the_development_set(evaluation_module: ModuleType,
                                                                   tmp_path: Path) -> None:
    module = evaluation_module
    dev_url = json.loads(CASE_FILES[0].read_text(encoding="utf-8"))["url"]
    _write_case(tmp_path, "copied", dev_url)
    doc = tmp_path / "extraction.md"
    assert module.main(["--heldout", str(tmp_path), "--doc", str(doc)]) == 2
    assert not doc.exists()
    with pytest.raises(ValueError, match="also in the development set: copied"):
        module.measure_held_out(tmp_path, module.load_dataset())


def test_each_held_out_folder_keeps_its_own_section(evaluation_module: ModuleType, tmp_path: Path) -> None:
    module = evaluation_module
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    _write_case(first, "constructed-1", "https://example.org/1")
    _write_case(second, "constructed-2", "https://example.org/2")
    doc = tmp_path / "extraction.md"
    doc.write_text("# Page\n", encoding="utf-8")
    assert module.main(["--heldout", str(first), "--doc", str(doc)]) == 0
    kept = module.held_out_section(doc.read_text(encoding="utf-8"), str(first))
    assert module.main(["--heldout", str(second), "--doc", str(doc)]) == 0
    _write_case(second, "constructed-3", "https://example.org/3")
    assert module.main(["--heldout", str(second), "--doc", str(doc)]) == 0
    page = doc.read_text(encoding="utf-8")
    assert module.held_out_section(page, str(first)) == kept, "measuring one folder leaves the other's figures alone"
    assert page.count("## Independent check on held-out reports") == 2
    assert "recall 50% (2 of 4)" in module.held_out_section(page, str(second))
