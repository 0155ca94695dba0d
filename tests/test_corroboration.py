"""Adding articles corroborates: two short reports of the same events, one republishing a wire paragraph.

The reports are written for this test. Report A carries a Reuters paragraph and a new speaker;
report B republishes A's Reuters paragraph, lightly edited, under another outlet's name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tracker.__main__ import main
from tracker.claims import NEW_CLAIM, corroborate_claims, propose_assignments
from tracker.dataset import Dataset, load_dataset, validate_package
from tracker.extract import candidate_columns
from tracker.userdata import ArticleMeta, build_article_tables, save_article, upgrade_saved_articles, user_package_dirs

WIRE = ("North Korea has sent more than 11,000 soldiers to Russia's Kursk region, where some have begun fighting "
        "alongside Russian troops.")
REPORT_A = (f"SEOUL, Nov 25 (Reuters) - {WIRE}\n"
            "Ukraine's foreign minister, Andrii Sybiha, said on Monday that North Korean troops were fighting for Russia.")
REPUBLISHED = ("North Korea has sent more than 11,000 soldiers to Russia's Kursk region, where some have begun fighting "
               "alongside Russian forces.")
REPORT_B = f"{REPUBLISHED}\nThe Example Daily has not been able to confirm the figure independently."


def accepted_row(text: str, sentence: str, **values: str) -> dict[str, str]:
    """A row as a reviewer accepts it: the sentence's offsets, no claim or primary source chosen yet."""
    start = text.index(sentence)
    row = dict.fromkeys(candidate_columns(), "")
    row.update(origin_iso3="PRK", destination_iso3="RUS", origin_place_id="PRK", destination_place_id="RUS",
               category="troops", status="reported", attributed_to="The article's own reporting",
               date_start_inferred="false", date_end_inferred="false", quote=sentence,
               quote_start=str(start), quote_end=str(start + len(sentence)), reason="accepted by the test")
    row.update(values)
    return row


def add_article(data_dir: Path, user_dir: Path, text: str, meta: ArticleMeta, rows: list[dict[str, str]]) -> Dataset:
    """Propose claims and primary sources as the review does, save the article, reload everything."""
    base = load_dataset(data_dir, user_package_dirs(user_dir))
    candidates = pd.DataFrame(rows).assign(source_id=meta.source_id)
    proposed = propose_assignments(candidates, base.flows, base.claims, meta.outlet, text)
    tables = build_article_tables(proposed.drop(columns="reason"), meta, text, base)
    save_article(tables, text, data_dir, user_dir)
    return load_dataset(data_dir, user_package_dirs(user_dir))


def counts(dataset: Dataset, claim_id: str) -> tuple[int, int, int]:
    row = corroborate_claims(dataset.flows, dataset.claims).set_index("claim_id").loc[claim_id]
    return int(row["assertions"]), int(row["independent_sources"]), int(row["articles"])


@pytest.fixture
def after_both(data_dir: Path, tmp_path: Path) -> tuple[Dataset, Dataset, Dataset]:
    user_dir = tmp_path / "articles"
    before = load_dataset(data_dir)
    meta_a = ArticleMeta("2024-11-25-example-times", "Troops in Kursk", "The Example Times", "2024-11-25")
    after_a = add_article(data_dir, user_dir, REPORT_A, meta_a, [
        accepted_row(REPORT_A, WIRE, item="More than 11,000 soldiers sent to the Kursk region",
                     destination_place_id="kursk-region", quantity_low="11000", quantity_text="more than 11,000",
                     unit="troops"),
        accepted_row(REPORT_A, REPORT_A.splitlines()[1], item="North Korean troops fighting for Russia",
                     status="claimed", attributed_to="Andrii Sybiha, Ukraine's foreign minister"),
    ])
    meta_b = ArticleMeta("2024-11-26-example-daily", "Kursk figure", "Example Daily", "2024-11-26")
    after_b = add_article(data_dir, user_dir, REPORT_B, meta_b, [
        accepted_row(REPORT_B, REPUBLISHED, item="More than 11,000 soldiers in the Kursk region",
                     destination_place_id="kursk-region", quantity_low="11000", quantity_text="more than 11,000",
                     unit="troops"),
    ])
    return before, after_a, after_b


def test_a_new_speaker_adds_a_source_and_the_republished_wire_only_an_article(
        after_both: tuple[Dataset, Dataset, Dataset]) -> None:
    before, after_a, after_b = after_both
    troops = before.flows.set_index("flow_id").at["F09", "claim_id"]
    assert counts(before, troops) == (7, 6, 1)
    # Report A: Reuters' paragraph and Sybiha are two new independent sources, in one new article.
    assert counts(after_a, troops) == (9, 8, 2)
    # Report B republishes Reuters' paragraph: one more assertion and article, no new independent source.
    assert counts(after_b, troops) == (10, 8, 3)
    assert len(after_b.claims) == len(before.claims), "a second report of the same flow draws no new claim"


def test_the_republished_paragraph_keeps_the_wire_agency_as_its_primary_source(
        after_both: tuple[Dataset, Dataset, Dataset]) -> None:
    _, _, after_b = after_both
    wire_rows = after_b.flows[after_b.flows["quote"].isin([WIRE, REPUBLISHED])]
    assert sorted(wire_rows["source_id"]) == ["2024-11-25-example-times", "2024-11-26-example-daily"]
    assert set(wire_rows["primary_source"]) == {"Reuters"}
    sybiha = after_b.flows[after_b.flows["attributed_to"].str.startswith("Andrii Sybiha")]
    assert list(sybiha["primary_source"]) == ["Andrii Sybiha, Ukraine's foreign minister"]


def test_the_range_names_who_gives_each_number(after_both: tuple[Dataset, Dataset, Dataset]) -> None:
    _, _, after_b = after_both
    table = corroborate_claims(after_b.flows, after_b.claims).set_index("claim_id")
    assert table.loc["C03", "quantity_range"] == ("more than 10,000 troops (Shin Won-sik (SBS), The Wall Street "
                                                  "Journal); more than 11,000 troops (Reuters)")
    assert table.loc["C03", "quantity_low"] == 11000


def test_a_reviewers_new_claim_is_saved_with_the_article_and_validates_with_the_shipped_data(
        data_dir: Path, tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    meta = ArticleMeta("2024-11-27-new-flow", "Fuel", "Example Daily", "2024-11-27")
    text = "Russia has sent fuel to North Korea by rail, officials in Minsk said."
    dataset = add_article(data_dir, user_dir, text, meta, [
        accepted_row(text, text, origin_iso3="RUS", origin_place_id="RUS", destination_iso3="PRK",
                     destination_place_id="PRK", category="oil", item="Fuel by rail", claim_id=NEW_CLAIM,
                     attributed_to="Officials in Minsk"),
    ])
    (saved,) = user_package_dirs(user_dir)
    claims = pd.read_csv(saved / "claims.csv", dtype=str)
    # NOTE: a new claim is numbered in the article's own id space, as its flows are (issue 13)
    new_claim = f"{meta.source_id}:C01"
    assert list(claims["claim_id"]) == [new_claim]
    assert pd.read_csv(saved / "flows.csv", dtype=str)["claim_id"].tolist() == [new_claim]
    assert counts(dataset, new_claim) == (1, 1, 1)
    _, problems = validate_package(data_dir, (saved,))
    assert problems == []


def test_a_saved_article_whose_claim_is_gone_is_reported(after_both, data_dir: Path, tmp_path: Path) -> None:
    saved = user_package_dirs(tmp_path / "articles")
    flows = saved[0] / "flows.csv"
    flows.write_text(flows.read_text(encoding="utf-8").replace(",C03,", ",C77,"), encoding="utf-8")
    _, problems = validate_package(data_dir, saved)
    assert any(p.file.endswith("flows.csv") and p.column == "claim_id" and "C77" == p.value for p in problems), problems


def downgrade_to_the_schema_before_claims(folder: Path) -> None:
    """Make a saved article look as one saved before claims existed: no claims.csv, no claim columns."""
    (folder / "claims.csv").unlink()
    path = folder / "flows.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.drop(columns=["claim_id", "primary_source"]).to_csv(path, index=False, lineterminator="\n")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if r["name"] != "claims"]
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")


def test_an_article_saved_before_claims_is_upgraded_to_validate_again(data_dir: Path, tmp_path: Path) -> None:
    user_dir = tmp_path / "articles"
    meta = ArticleMeta("2024-11-25-example-times", "Troops in Kursk", "The Example Times", "2024-11-25")
    add_article(data_dir, user_dir, REPORT_A, meta, [
        accepted_row(REPORT_A, WIRE, item="More than 11,000 soldiers sent to the Kursk region",
                     quantity_low="11000", quantity_text="more than 11,000", unit="troops")])
    (folder,) = user_package_dirs(user_dir)
    downgrade_to_the_schema_before_claims(folder)
    _, problems = validate_package(data_dir, (folder,))
    assert problems, "the old article no longer fits the schema"

    assert main(["upgrade-articles", str(user_dir)]) == 0
    _, problems = validate_package(data_dir, (folder,))
    assert problems == []
    flows = pd.read_csv(folder / "flows.csv", dtype=str, keep_default_na=False)
    assert (list(flows["claim_id"]), list(flows["primary_source"])) == (["C03"], ["Reuters"])
    assert upgrade_saved_articles(user_dir, data_dir) == [], "an up-to-date article is left alone"
    # NOTE: folders only: the save lock (.lock) is a file that stays, by design
    assert not [p for p in user_dir.iterdir() if p.name.startswith(".") and p.is_dir()], "no scratch folder is left behind"
