"""Publishing to the shared map: who published what and when, withdrawals, limits, and importing a reader's zip.

Every publication and withdrawal is a line of ``.publications.log`` (JSON) in the user folder and
a small JSON file in the article's folder. A withdrawn article leaves the map but stays on disk.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from tracker.dataset import read_package, validate_package
from tracker.exports import restore_formula, write_records
from tracker.shape import check_relative_path
from tracker.userdata import (
    MAX_ARTICLE_BYTES,
    SCRATCH_PREFIX,
    WITHDRAWN_NAME,
    UserDataError,
    locked,
    save_article,
    user_package_dirs,
)

# NOTE: a dot file, like the lock: the user folder lists only article folders besides.
LOG_NAME = ".publications.log"
PUBLICATION_NAME = "publication.json"


@dataclass(frozen=True)
class Limits:
    """How much editors may publish: per article, per editor per hour, and in the whole user folder."""

    article_bytes: int = 2 * MAX_ARTICLE_BYTES  # the text and its tables
    per_editor_per_hour: int = 20
    folder_bytes: int = 200_000_000

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> Limits:
        """Limits from DASHBOARD_MAX_PER_HOUR and DASHBOARD_USER_DIR_MAX_MB, else the defaults."""
        environ = dict(os.environ) if environ is None else environ
        per_hour = int(environ.get("DASHBOARD_MAX_PER_HOUR") or cls.per_editor_per_hour)
        folder_mb = int(environ.get("DASHBOARD_USER_DIR_MAX_MB") or cls.folder_bytes // 1_000_000)
        return cls(per_editor_per_hour=per_hour, folder_bytes=folder_mb * 1_000_000)


def now_iso() -> str:
    """The current time in UTC, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def read_log(user_dir: Path | str) -> list[dict[str, str]]:
    """Every publication and withdrawal, oldest first (lines that are not JSON objects are skipped)."""
    path = Path(user_dir) / LOG_NAME
    if not path.is_file():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _append_log(user_dir: Path, entry: dict[str, str]) -> None:
    with open(user_dir / LOG_NAME, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


def folder_bytes(user_dir: Path) -> int:
    """Bytes of every file in the user folder (links not followed)."""
    return sum(p.lstat().st_size for p in user_dir.rglob("*") if p.is_file() and not p.is_symlink())


def _age_s(entry: dict[str, str], now: datetime) -> float:
    """Seconds since a log entry; a line whose time cannot be read counts as old."""
    try:
        return (now - datetime.fromisoformat(str(entry.get("at")))).total_seconds()
    except (TypeError, ValueError):
        return float("inf")


def check_limits(user_dir: Path, editor: str, size: int, limits: Limits, now: datetime | None = None) -> None:
    """Raise UserDataError with a clear message if publishing ``size`` bytes now would pass a limit."""
    if size > limits.article_bytes:
        raise UserDataError(f"the article takes {size:,} bytes; one article may take at most {limits.article_bytes:,}")
    now = now or datetime.now(UTC)
    recent = [e for e in read_log(user_dir) if e.get("action") == "publish" and e.get("by") == editor
              and _age_s(e, now) < 3600]
    if len(recent) >= limits.per_editor_per_hour:
        raise UserDataError(f"{editor} has published {len(recent)} articles in the last hour, the most allowed; "
                            "try again later")
    if user_dir.is_dir() and folder_bytes(user_dir) + size > limits.folder_bytes:
        raise UserDataError(f"the saved articles' folder is full ({limits.folder_bytes // 1_000_000:,} MB); "
                            "ask the operator to make room")


def publish_article(tables: dict[str, pd.DataFrame], text: str, shipped_dir: Path | str, user_dir: Path | str,
                    editor: str, limits: Limits = Limits()) -> Path:
    """Check the limits, save the article with who published it and when, and log it; return its folder."""
    user_dir = Path(user_dir)
    # NOTE: the tables' size in memory, a little more than their CSVs take on disk: a bound, not a measure.
    size = len(text.encode("utf-8")) + sum(int(frame.memory_usage(deep=True).sum()) for frame in tables.values())
    record = {"published_by": editor, "published_at": now_iso()}
    # NOTE: checked under the save's own lock, so two saves by one editor cannot both pass the last slot.
    folder = save_article(tables, text, shipped_dir, user_dir,
                          extra_files={PUBLICATION_NAME: json.dumps(record, ensure_ascii=False).encode("utf-8")},
                          before_write=lambda: check_limits(user_dir, editor, size, limits))
    with locked(user_dir):
        _append_log(user_dir, {"action": "publish", "article": folder.name, "by": editor,
                               "at": record["published_at"]})
    return folder


def withdraw_article(user_dir: Path | str, article: str, editor: str) -> None:
    """Take an article off the map (its folder stays on disk) and log who did it and when."""
    user_dir = Path(user_dir)
    folder = user_dir / article
    if check_relative_path(article) or "/" in article or not folder.is_dir() or folder.is_symlink():
        raise UserDataError(f"there is no saved article {article!r}")
    with locked(user_dir):
        if (folder / WITHDRAWN_NAME).exists():
            raise UserDataError(f"{article} was already withdrawn")
        when = now_iso()
        record = {"withdrawn_by": editor, "withdrawn_at": when}
        (folder / WITHDRAWN_NAME).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        _append_log(user_dir, {"action": "withdraw", "article": article, "by": editor, "at": when})


def published_articles(user_dir: Path | str) -> list[dict[str, str]]:
    """The articles on the map, with who published each and when (unknown for articles saved before records)."""
    out = []
    for folder in user_package_dirs(user_dir):
        try:
            record = json.loads((folder / PUBLICATION_NAME).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            record = {}
        out.append({"article": folder.name, "published_by": str(record.get("published_by", "unknown")),
                    "published_at": str(record.get("published_at", "unknown"))})
    return out


# --- importing a reader's zip ------------------------------------------------------------------

MAX_ZIP_MEMBERS = 16


def read_article_zip(raw: bytes, shipped_dir: Path | str) -> tuple[dict[str, pd.DataFrame], str]:
    """The tables and text of a data package zip made by "Download as a data package", validated.

    The zip is untrusted: members are read only by the names the package's resources give, sizes
    are capped before decompressing, and the rows pass the same rules as every saved article.
    Raise UserDataError naming the file, row and column of every problem.
    """
    shipped_dir = Path(shipped_dir)
    package = read_package(shipped_dir)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise UserDataError("the file is not a zip archive") from None
    if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > 2 * MAX_ARTICLE_BYTES:
        raise UserDataError("the zip holds more than one article's files")
    members = {}
    for info in infos:
        parts = PurePosixPath(info.filename).parts
        if info.is_dir():
            continue
        if check_relative_path(info.filename) or len(parts) < 2:
            raise UserDataError(f"the zip holds a file outside its package folder: {info.filename!r}")
        members["/".join(parts[1:])] = info
    resources = {r["path"]: r["schema"]["fields"] for r in package["resources"]}
    missing = [name for name in resources if name not in members]
    if missing:
        raise UserDataError(f"the zip lacks {', '.join(missing)}; it must be an article downloaded from this app")
    sources = list(csv.DictReader(io.StringIO(_member_text(archive, members, "sources.csv"))))
    if len(sources) != 1 or f"sources/{sources[0].get('source_id', '')}.txt" not in members:
        raise UserDataError("the zip must hold exactly one article and its text (sources/<source_id>.txt)")
    source_id = sources[0]["source_id"]
    text = _member_text(archive, members, f"sources/{source_id}.txt")
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX) as scratch:
        folder = Path(scratch) / source_id
        (folder / "sources").mkdir(parents=True)
        for name, fields in resources.items():
            (folder / name).write_bytes(_restored_csv(_member_text(archive, members, name), fields))
        (folder / "sources" / f"{source_id}.txt").write_bytes(archive.read(members[f"sources/{source_id}.txt"]))
        dataset, problems = validate_package(shipped_dir, (folder,))
        if problems or dataset is None:
            raise UserDataError("\n".join(str(p) for p in problems) or "the package cannot be read")
    return _own_rows(dataset, source_id, package), text


def _member_text(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], name: str) -> str:
    try:
        return archive.read(members[name]).decode("utf-8")
    except (KeyError, UnicodeDecodeError, zipfile.BadZipFile, RuntimeError) as error:
        raise UserDataError(f"{name} in the zip cannot be read ({type(error).__name__})") from None


def _restored_csv(text: str, fields: list[dict[str, Any]]) -> bytes:
    """A CSV from a downloaded zip with its formula-neutralised text cells as they were written."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        return text.encode("utf-8")  # validation names the malformed line
    strings = {i for i, f in enumerate(fields) if f.get("type") == "string"}
    restored = [records[0]] + [[restore_formula(v) if i in strings else v for i, v in enumerate(r)]
                               for r in records[1:]]
    return write_records(restored)


def _own_rows(dataset: Any, source_id: str, package: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The imported article's own rows of each table (the shipped rows left out)."""
    tables = {}
    for resource in package["resources"]:
        frame = dataset.table(resource["name"])
        if "source_id" in frame:
            frame = frame[frame["source_id"] == source_id]
        else:
            frame = frame.iloc[0:0]  # an article adds no places: it uses the shipped gazetteer
        tables[resource["name"]] = frame.reset_index(drop=True)
    return tables
