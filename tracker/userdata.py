"""Articles added by readers: each is saved as its own data package in the user data folder.

The shipped dataset in data/ is never written. A saved article is written in full to a
temporary folder beside its destination and then renamed into place, so a crash or a bad
row leaves what was there untouched.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from tracker.claims import propose_assignments
from tracker.constants import DATA_DIR, DATA_DIR_ENV, TABLES
from tracker.dataset import (
    SAVED_PREFIX,
    Dataset,
    Problem,
    cast_to_schema,
    load_dataset,
    read_package,
    resource_fields,
    validate_package,
)
from tracker.exports import package_zip, to_csv_bytes
from tracker.text import ArticleTextError, decode_article, normalise_article

USER_DIR_ENV = "DASHBOARD_USER_DIR"
LOCK_NAME = ".lock"
WITHDRAWN_NAME = "withdrawn.json"  # in an article's folder: off the map, kept on disk
SCRATCH_PREFIX = ".saving-"
SCRATCH_MAX_AGE_S = 600  # a save takes well under a second; a scratch folder this old was abandoned


class UserDataError(Exception):
    """An article cannot be saved; the message says why."""


@dataclass(frozen=True)
class ArticleMeta:
    """What the reader says about an article."""

    source_id: str
    headline: str
    outlet: str
    published: str  # YYYY-MM-DD
    language: str = "en"


def default_data_dir() -> Path:
    """The data package the app shows: $DASHBOARD_DATA_DIR, else the embedded data/ folder."""
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)


def default_user_dir() -> Path:
    """The user data folder: $DASHBOARD_USER_DIR, else ~/.local/share/who-sends-what/articles."""
    configured = os.environ.get(USER_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".local" / "share" / "who-sends-what" / "articles"


def user_package_dirs(user_dir: Path | str) -> tuple[Path, ...]:
    """The saved article packages in the user folder, oldest name first (temporary folders skipped)."""
    root = Path(user_dir)
    if not root.is_dir():
        return ()
    return tuple(sorted(p for p in root.iterdir()
                        if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
                        and (p / "datapackage.json").is_file() and not (p / WITHDRAWN_NAME).exists()))


def parse_day(value: str) -> str:
    """A publication day typed as YYYY-MM-DD, checked to be a real day from 2000 on; raises UserDataError."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise UserDataError(f"the publication date {value.strip()!r} is not a day written YYYY-MM-DD") from None
    if day.year < 2000:
        raise UserDataError(f"the publication date {day.isoformat()} is before 2000")
    return day.isoformat()


def make_source_id(headline: str, published: str, taken: set[str]) -> str:
    """A readable, unique source id from the headline and date ("2024-11-25-north-korean-troops")."""
    slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:40].strip("-") or "article"
    base = f"{published}-{slug}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _article_ids(source_id: str, prefix: str, count: int) -> list[str]:
    """Ids in the article's own space ("2024-11-25-troops:F01"): they cannot clash with another article's
    or with a later shipped version's, whatever was saved at the same moment."""
    return [f"{source_id}:{prefix}{i:02d}" for i in range(1, count + 1)]


def build_article_tables(accepted: pd.DataFrame, meta: ArticleMeta, text: str,
                         base: Dataset) -> dict[str, pd.DataFrame]:
    """Turn accepted candidate flows into the tables of a new package, with ids in the article's own space.

    Exchange ids proposed by the extractor are renumbered; places are reused from the base
    gazetteer (a flow to a country with no place row is reported by validation).
    """
    package = base.package
    flows = accepted.copy()
    new_ids = _article_ids(meta.source_id, "F", len(flows))
    flows["flow_id"] = new_ids
    flows["source_id"] = meta.source_id
    flows, claims = _assign_claims(flows, base, meta, text)
    exchange_map: dict[str, str] = {}
    proposed = [e for e in dict.fromkeys(flows["exchange_id"].fillna("").astype(str)) if e]
    for old, new in zip(proposed, _article_ids(meta.source_id, "EX", len(proposed)), strict=True):
        exchange_map[old] = new
    flows["exchange_id"] = flows["exchange_id"].fillna("").astype(str).map(lambda e: exchange_map.get(e, ""))
    exchanges = []
    for new in exchange_map.values():
        members = flows[flows["exchange_id"] == new]
        first = members.iloc[0]
        exchanges.append({
            "exchange_id": new, "title": f"Exchange in {meta.headline or meta.source_id}"[:120],
            "description": " / ".join(members["item"].astype(str)), "status": first["status"],
            "attributed_to": first["attributed_to"], "source_id": meta.source_id, "quote": first["quote"],
            "quote_start": first["quote_start"], "quote_end": first["quote_end"],
        })
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sources = pd.DataFrame([{
        "source_id": meta.source_id, "path": f"sources/{meta.source_id}.txt", "sha256": digest,
        "headline": meta.headline, "headline_basis": "stated" if meta.headline else "unknown",
        "outlet": meta.outlet, "outlet_basis": "stated" if meta.outlet else "unknown",
        "published": meta.published, "published_basis": "stated", "published_note": "Given by the reader who added it.",
        "language": meta.language, "language_basis": "stated",
        "rights": "The text belongs to its publisher. It is kept only to verify the quotes of this dataset.",
    }])
    empty = {name: pd.DataFrame(columns=[f["name"] for f in resource_fields(package, name)])
             for name in ("places", "events", "figures")}
    tables = {"sources": sources, "flows": flows, "exchanges": pd.DataFrame(exchanges), "claims": claims, **empty}
    return {name: cast_to_schema(tables[name], resource_fields(package, name)) for name in TABLES}


def _assign_claims(flows: pd.DataFrame, base: Dataset, meta: ArticleMeta,
                   text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Give every row a claim (an existing one, or a new one this article adds) and a primary source.

    Rows the reviewer left without a choice get the automatic proposal. Rows marked "new claim"
    that share direction, category and item start one claim together; the others, one each.
    """
    flows = propose_assignments(flows.reset_index(drop=True), base.flows, base.claims, meta.outlet, text)
    known = set(base.claims["claim_id"])
    new_rows = flows[~flows["claim_id"].isin(known)]
    keys = [(r.origin_iso3, r.destination_iso3, r.category, str(r.item).strip().lower())
            for r in new_rows.itertuples(index=False)]
    unique_keys = list(dict.fromkeys(keys))
    # NOTE: a new claim is numbered in the article's own id space, like its flows: two articles saved at
    # the same moment cannot both add a C25.
    ids = dict(zip(unique_keys, _article_ids(meta.source_id, "C", len(unique_keys)), strict=True))
    claims = []
    for key, claim_id in ids.items():
        first = new_rows.iloc[keys.index(key)]
        claims.append({
            "claim_id": claim_id, "origin_iso3": first["origin_iso3"], "destination_iso3": first["destination_iso3"],
            "category": first["category"], "title": str(first["item"])[:120],
            "notes": f"Added with {meta.source_id}: no earlier claim has this flow (the reviewer's choice).",
        })
    for index, key in zip(new_rows.index, keys, strict=True):
        flows.at[index, "claim_id"] = ids[key]
    # NOTE: the columns and their order come from the schema, in build_article_tables.
    return flows, pd.DataFrame(claims)


def write_package(tables: dict[str, pd.DataFrame], text: str, folder: Path, package: dict[str, Any]) -> None:
    """Write a complete package (datapackage.json, CSVs, the text) into an empty folder."""
    (folder / "sources").mkdir(parents=True)
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name in TABLES:
        fields = resource_fields(package, name)
        # NOTE: written raw (no formula neutralising): this is the dataset itself, not a spreadsheet export.
        (folder / f"{name}.csv").write_bytes(to_csv_bytes(tables[name], fields, neutralise=False))
    for source_id in tables["sources"]["source_id"]:
        (folder / "sources" / f"{source_id}.txt").write_bytes(text.encode("utf-8"))


def check_article(tables: dict[str, pd.DataFrame], text: str, shipped_dir: Path | str) -> list[Problem]:
    """Validate the new article beside the shipped dataset, without saving anything.

    NOTE: not beside the other saved articles: their ids live in their own spaces, so they cannot
    clash, and one broken saved article must not stop everyone else from saving.
    """
    shipped_dir = Path(shipped_dir)
    package = read_package(shipped_dir)
    with tempfile.TemporaryDirectory(prefix="article-check-") as scratch:
        folder = Path(scratch) / str(tables["sources"]["source_id"].iloc[0])
        write_package(tables, text, folder, package)
        _, problems = validate_package(shipped_dir, (folder,))
    return problems


def rename_article(tables: dict[str, pd.DataFrame], source_id: str) -> dict[str, pd.DataFrame]:
    """The same article under another source_id: its rows, ids and text path follow the new name."""
    old = str(tables["sources"]["source_id"].iloc[0])
    renamed = {name: frame.copy() for name, frame in tables.items()}
    for frame in renamed.values():
        if "source_id" in frame:
            frame["source_id"] = frame["source_id"].replace(old, source_id)
    renamed["sources"]["path"] = f"sources/{source_id}.txt"
    for name, column in (("flows", "flow_id"), ("flows", "exchange_id"), ("exchanges", "exchange_id")):
        renamed[name][column] = renamed[name][column].astype(str).map(
            lambda value: source_id + value[len(old):] if value.startswith(f"{old}:") else value)
    return renamed


@contextmanager
def locked(user_dir: Path) -> Iterator[None]:
    """Hold the user folder's lock: one save (or withdrawal) at a time, across processes and replicas.

    NOTE: an advisory flock on a file in the shared folder, so two replicas behind a proxy that share
    the folder also take turns; the lock is released by the kernel if the process dies.
    """
    user_dir.mkdir(parents=True, exist_ok=True)
    with open(user_dir / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def save_article(tables: dict[str, pd.DataFrame], text: str, shipped_dir: Path | str, user_dir: Path | str,
                 extra_files: dict[str, bytes] | None = None, before_write: Callable[[], None] | None = None) -> Path:
    """Validate, then write the article atomically as ``user_dir/<source_id>``; raise UserDataError on any problem.

    Under the folder's lock: if another article took the name meanwhile, this one is saved as
    ``<source_id>-2`` (its ids follow), so two saves at the same moment both land, without clashing.
    ``extra_files`` (such as the publication record) are written inside the folder in the same rename;
    ``before_write`` (the publishing limits) runs under the lock and may raise UserDataError.
    """
    user_dir, shipped_dir = Path(user_dir), Path(shipped_dir)
    if user_dir.resolve() == Path(shipped_dir).resolve() or Path(shipped_dir).resolve() in user_dir.resolve().parents:
        raise UserDataError("the user data folder must be outside the shipped data folder")
    with locked(user_dir):
        taken = {p.name for p in user_dir.iterdir()}
        wanted = str(tables["sources"]["source_id"].iloc[0])
        source_id, n = wanted, 2
        while source_id in taken:
            source_id, n = f"{wanted}-{n}", n + 1
        if source_id != wanted:
            tables = rename_article(tables, source_id)
        problems = check_article(tables, text, shipped_dir)
        if problems:
            raise UserDataError("\n".join(str(p) for p in problems))
        if before_write is not None:
            before_write()
        final = user_dir / source_id
        scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{source_id}-", dir=user_dir))
        try:
            write_package(tables, text, scratch / "package", read_package(shipped_dir))
            for name, content in (extra_files or {}).items():
                (scratch / "package" / name).write_bytes(content)
            os.rename(scratch / "package", final)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return final


def shown_name(folder: Path | str) -> str:
    """How a saved article's folder is named to readers: relative, never the server's path."""
    return f"{SAVED_PREFIX}/{Path(folder).name}"


def clean_scratch(user_dir: Path | str, older_than_s: float = SCRATCH_MAX_AGE_S) -> list[str]:
    """Remove scratch folders left by saves that were killed midway; return their names.

    NOTE: only folders older than ``older_than_s``, so a save in progress in another replica is left alone.
    """
    root = Path(user_dir)
    if not root.is_dir():
        return []
    removed = []
    now = time.time()
    for path in root.iterdir():
        if (path.name.startswith(SCRATCH_PREFIX) and path.is_dir() and not path.is_symlink()
                and now - path.stat().st_mtime > older_than_s):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def upgrade_saved_articles(user_dir: Path | str, shipped_dir: Path | str) -> list[Path]:
    """Bring articles saved before claims existed up to the current schema; return the folders upgraded.

    Each row gets the claim and primary source the review would propose (as if the reader had left
    them to the proposals). An article is rewritten only if the result validates with the shipped
    and the other saved articles, and then atomically, as save_article writes.
    """
    shipped_dir = Path(shipped_dir)
    package = read_package(shipped_dir)
    saved = user_package_dirs(user_dir)
    current = [f for f in saved if "claim_id" in _header(f / "flows.csv")]
    upgraded: list[Path] = []
    for folder in saved:
        if folder in current:
            continue
        base = load_dataset(shipped_dir, tuple(current))
        tables = {name: _read_strings(folder / f"{name}.csv") for name in TABLES if name != "claims"}
        source = tables["sources"].iloc[0]
        text = (folder / source["path"]).read_bytes().decode("utf-8")
        meta = ArticleMeta(source["source_id"], source["headline"], source["outlet"], source["published"])
        flows, claims = _assign_claims(tables["flows"].assign(source_id=meta.source_id), base, meta, text)
        tables |= {"flows": flows, "claims": claims}
        tables = {name: cast_to_schema(tables[name], resource_fields(package, name)) for name in TABLES}
        if check_article(tables, text, shipped_dir):
            continue
        scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}-upgrade-", dir=folder.parent))
        try:
            write_package(tables, text, scratch / "package", package)
            os.rename(folder, scratch / "old")
            try:
                os.rename(scratch / "package", folder)
            except OSError:
                os.rename(scratch / "old", folder)  # NOTE: put the article back before the scratch is removed
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        current.append(folder)
        upgraded.append(folder)
    return upgraded


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def _read_strings(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)), dtype=object)

MAX_ARTICLE_BYTES = 1_000_000  # a long article is ~50 kB; larger input is not an article


def read_article_text(raw: bytes | None, pasted: str) -> str:
    """The article's text from an uploaded file or pasted text; raise UserDataError with a clear reason."""
    if raw:
        if len(raw) > MAX_ARTICLE_BYTES:
            raise UserDataError(f"the file is {len(raw):,} bytes; an article must be under {MAX_ARTICLE_BYTES:,}")
        try:
            text = decode_article(raw)
        except ArticleTextError as error:
            raise UserDataError(f"the file is {error}") from None
    else:
        if len((pasted or "").encode("utf-8")) > MAX_ARTICLE_BYTES:
            raise UserDataError(f"the text is over {MAX_ARTICLE_BYTES:,} bytes; paste one article at a time")
        # NOTE: offsets count in the stored text, so line endings are settled before anything is extracted.
        text = normalise_article(pasted or "")
    if not text:
        raise UserDataError("there is no text: paste the article or upload a .txt file")
    return text


def article_zip(tables: dict[str, pd.DataFrame], text: str, package: dict[str, Any]) -> bytes:
    """The reviewed article as a data package zip (the same files a save would write)."""
    with tempfile.TemporaryDirectory(prefix="article-zip-") as scratch:
        folder = Path(scratch) / "package"
        write_package(tables, text, folder, package)
        named = dict(package, name=str(tables["sources"]["source_id"].iloc[0]))
        return package_zip(folder, named)


def blank_candidate(columns: list[str], sentence_start: int, sentence_end: int, text: str) -> dict[str, Any]:
    """A new, empty candidate row for a sentence the reader picked."""
    row: dict[str, Any] = {column: "" for column in columns}
    row.update(quote=text[sentence_start:sentence_end], quote_start=sentence_start, quote_end=sentence_end,
               status="reported", date_start_inferred="false", date_end_inferred="false",
               attributed_to="The article's own reporting", reason="added by the reviewer")
    return row
