"""One article decoder: an upload, a paste and the extractor's input all become the text that is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker import extract
from tracker.dataset import Dataset
from tracker.text import ArticleTextError, decode_article, normalise_article
from tracker.userdata import UserDataError, read_article_text


def test_utf8_with_or_without_a_byte_order_mark() -> None:
    assert decode_article("Kursk – Курск".encode()) == "Kursk – Курск"
    assert decode_article("\ufeffKursk – Курск".encode()) == "Kursk – Курск"


def test_line_ends_and_surrounding_space_are_settled() -> None:
    assert decode_article(b"\r\n One.\r\nTwo.\rThree.\n\n") == "One.\nTwo.\nThree."
    assert normalise_article("  One.\r\n\r\nTwo. ") == "One.\n\nTwo."


@pytest.mark.parametrize(("raw", "says"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", r"NUL byte \(at offset 8\)"),
    (b"Russia sent \xff fuel", r"byte b'\\xff' at offset 12"),
    (b"\xef\xbb\xbfRussia \xfe", r"byte b'\\xfe' at offset 10"),  # counted in the file, mark included
])
def test_bytes_that_are_not_utf8_text_name_the_byte_and_offset(raw: bytes, says: str) -> None:
    with pytest.raises(ArticleTextError, match=f"not UTF-8 text: .*{says}"):
        decode_article(raw)


def test_the_stored_article_is_already_in_decoded_form(dataset: Dataset, data_dir: Path) -> None:
    """Offsets found in a decoded article hold against the stored file, which the loader reads as it is."""
    for path in dataset.sources["path"]:
        raw = (data_dir / path).read_bytes()
        assert decode_article(raw) == raw.decode("utf-8"), path


def test_a_windows_file_with_a_mark_decodes_to_the_stored_text(dataset: Dataset) -> None:
    (source_id, stored), = dataset.texts.items()
    raw = b"\xef\xbb\xbf" + stored.replace("\n", "\r\n").encode("utf-8") + b"\r\n"
    text = decode_article(raw)
    assert text == stored
    flows = dataset.flows[dataset.flows["source_id"] == source_id]
    assert len(flows) > 0
    assert all(text[int(r.quote_start):int(r.quote_end)] == r.quote for r in flows.itertuples())


def test_an_upload_and_a_paste_give_the_same_text() -> None:
    uploaded = read_article_text("\ufeffOne.\r\nTwo.\r\n".encode(), "")
    assert uploaded == read_article_text(None, "One.\rTwo.\n") == "One.\nTwo."


def test_an_upload_that_is_not_text_is_the_readers_error() -> None:
    with pytest.raises(UserDataError, match=r"the file is not UTF-8 text: byte b'\\xff' at offset 4"):
        read_article_text(b"One.\xff", "")
    with pytest.raises(UserDataError, match="there is no text"):
        read_article_text(b"\xef\xbb\xbf \r\n", "")


def test_the_extractor_decodes_with_the_same_rules() -> None:
    assert extract.decode_article(b"\xef\xbb\xbfOne.\r\nTwo.") == decode_article(b"One.\nTwo.") == "One.\nTwo."
    with pytest.raises(extract.ExtractionError, match="NUL byte"):
        extract.decode_article(b"a\x00b")
