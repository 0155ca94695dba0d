"""What the extractor reads: article bytes decoded as UTF-8 and a publication date naming a day."""

from __future__ import annotations

from datetime import date

from tracker.dates import parse_partial_date


class ExtractionError(ValueError):
    """The input cannot be read: not UTF-8 text, an invalid publication date, a gazetteer without its columns."""


def parse_published(published: str) -> date:
    """Read the publication date, which must name a day (YYYY-MM-DD); raise ExtractionError otherwise."""
    if not isinstance(published, str):
        raise ExtractionError(f"the publication date must be text of the form YYYY-MM-DD, not {type(published).__name__}")
    try:
        first, _, precision = parse_partial_date(published)
    except ValueError as error:
        raise ExtractionError(f"invalid publication date: {error}") from None
    if precision != "day":
        raise ExtractionError(f"the publication date {published!r} must name a day (YYYY-MM-DD) "
                              "to resolve “this week” or “on Friday”")
    return first


def decode_article(raw: bytes) -> str:
    """Decode an article's bytes as UTF-8 (a leading byte-order mark is dropped); raise ExtractionError if not text."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ExtractionError(f"not UTF-8 text: it contains a NUL byte (at offset {nul}); is it a binary file?")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExtractionError(f"not UTF-8 text: byte {raw[error.start:error.start + 1]!r} at offset {error.start} "
                              "cannot be decoded; save the article as UTF-8") from None
    return text.removeprefix("\ufeff")

