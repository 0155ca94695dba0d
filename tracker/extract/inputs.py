"""What the extractor reads: article bytes decoded as the project stores them and a publication date naming a day."""

from __future__ import annotations

from datetime import date

from tracker import text
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
    """Decode an article's bytes into the form the project stores (``tracker.text.decode_article``).

    Raises ExtractionError if the bytes are not UTF-8 text.
    """
    try:
        return text.decode_article(raw)
    except text.ArticleTextError as error:
        raise ExtractionError(str(error)) from None
