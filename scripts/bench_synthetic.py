"""Synthetic data packages of N flows for the benchmark, made from the real package's places and vocabularies.

A synthetic package is a copy of data/ whose flows.csv holds the 36 real flows (so figures.csv,
events.csv and exchanges.csv stay consistent with it) followed by generated flows up to N rows.
Each generated flow takes a real flow as its template for the evidence, which keeps quote,
offsets, status and hedge true to the source text; its route, category, quantity and date are
drawn at random (seeded) from the real places and vocabularies. Packages go to a temporary
folder and are never committed.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

from tracker.constants import CATEGORY_CODES, DATA_DIR
from tracker.dataset import validate_package

UNITS = ("troops", "containers", "missiles", "drones", "barrels", "tonnes")
# NOTE: the slider's months come from every date; keeping them within the article's period
# keeps the sidebar the same shape at every size.
MONTHS = [f"{year}-{month:02d}" for year in (2023, 2024) for month in range(1, 13)
          if "2023-08" <= f"{year}-{month:02d}" <= "2024-11"]


SYNTHETIC_FROM = 100000  # generated flows are numbered from F100000, after any real one


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV's header and rows, as the csv module reads them."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def synthetic_flows(n_flows: int, seed: int = 20241122, data_dir: Path = DATA_DIR) -> tuple[list[str], list[dict]]:
    """The real flows, then generated ones, n_flows rows in all (never fewer than the real ones)."""
    header, real = read_csv(data_dir / "flows.csv")
    _, places = read_csv(data_dir / "places.csv")
    rng = random.Random(seed)
    rows = [dict(r) for r in real]
    for i in range(max(0, n_flows - len(real))):
        template = rng.choice(real)
        origin = rng.choice(places)
        destination = rng.choice([p for p in places if p["iso3"] != origin["iso3"]])
        row = dict(template)
        row.update({
            "flow_id": f"F{SYNTHETIC_FROM + i}",
            "origin_iso3": origin["iso3"], "destination_iso3": destination["iso3"],
            "origin_place_id": origin["place_id"], "destination_place_id": destination["place_id"],
            "category": rng.choice(CATEGORY_CODES),
            "quantity_low": "", "quantity_high": "", "quantity_text": "", "unit": "",
            "date_start": "", "date_end": "", "date_start_inferred": "false", "date_end_inferred": "false",
            "date_note": "", "exchange_id": "", "notes": "Synthetic row for the benchmark.",
        })
        if rng.random() < 0.4:
            low = rng.choice((10, 100, 1_000, 10_000, 100_000)) * rng.randint(1, 9)
            high = low * rng.choice((1, 2, 10))
            row.update({"quantity_low": str(low), "quantity_high": str(high) if rng.random() < 0.5 else "",
                        "quantity_text": f"more than {low:,}", "unit": rng.choice(UNITS)})
        if rng.random() < 0.5:
            first = rng.randrange(len(MONTHS))
            last = min(len(MONTHS) - 1, first + rng.randint(0, 3))
            row.update({"date_start": MONTHS[first], "date_end": MONTHS[last]})
        rows.append(row)
    return header, rows


def synthetic_claims(rows: list[dict]) -> list[dict]:
    """Give the generated flows claims: one per direction and category, as a map of claims would merge them.

    The real flows keep their claims; the rows returned are the claims to append to claims.csv.
    """
    claims: dict[tuple[str, str, str], dict] = {}
    for row in rows:
        if int(row["flow_id"][1:]) < SYNTHETIC_FROM:
            continue  # a real flow
        key = (row["origin_iso3"], row["destination_iso3"], row["category"])
        if key not in claims:
            claims[key] = {"claim_id": f"C{100000 + len(claims)}", "origin_iso3": key[0], "destination_iso3": key[1],
                           "category": key[2], "title": f"Synthetic {key[2]} from {key[0]} to {key[1]}",
                           "notes": "Synthetic claim for the benchmark."}
        row["claim_id"] = claims[key]["claim_id"]
    return list(claims.values())


def write_synthetic_package(target: Path, n_flows: int, seed: int = 20241122) -> Path:
    """Copy data/ to ``target`` and write a flows.csv of n_flows rows (and their claims); return ``target``."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(DATA_DIR, target)
    header, rows = synthetic_flows(n_flows, seed)
    claims_header, claims = read_csv(target / "claims.csv")
    claims += synthetic_claims(rows)
    for path, fields, records in ((target / "flows.csv", header, rows), (target / "claims.csv", claims_header, claims)):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(records)
    return target


def check_package(folder: Path) -> int:
    """Validate a package with the app's own validator; return its number of flows or raise listing problems."""
    dataset, problems = validate_package(folder)
    if problems or dataset is None:
        listed = "\n".join(str(p) for p in problems[:20])
        raise ValueError(f"synthetic package {folder} is invalid ({len(problems)} problems):\n{listed}")
    return len(dataset.flows)
