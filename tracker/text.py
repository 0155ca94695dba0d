"""An article's text as the project stores it: one decoder for uploaded files and the extractor's input.

Evidence offsets (``quote == text[quote_start:quote_end]``) count in the stored article, so
every article is turned into the same form before anything is extracted or saved: UTF-8
decoded (a leading byte-order mark dropped), "\\n" line ends, no surrounding blank space.
"""

from __future__ import annotations


class ArticleTextError(ValueError):
    """An article's bytes are not text the project can read; the message says why and where."""


def normalise_article(text: str) -> str:
    """The article's text in its stored form: "\\r\\n" and "\\r" line ends become "\\n", surrounding space goes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def decode_article(raw: bytes) -> str:
    """Decode an article's bytes (UTF-8, with or without a byte-order mark) into its stored form.

    Raises ArticleTextError naming the offending byte and its offset if the bytes are not UTF-8 text.
    """
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ArticleTextError(f"not UTF-8 text: it contains a NUL byte (at offset {nul}); is it a binary file?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # NOTE: utf-8-sig counts offsets after a byte-order mark; the message names the offset in the file.
        at = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        raise ArticleTextError(f"not UTF-8 text: byte {raw[at:at + 1]!r} at offset {at} "
                               "cannot be decoded; save the article as UTF-8") from None
    return normalise_article(text)
