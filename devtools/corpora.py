"""Long texts made for measuring cost: news-like paragraphs for the extractor, a filled article for the reader.

The tests count the work these texts cost (`devtools.calls`), and `scripts/bench_text.py` times it; both
build their texts here so they measure the same thing.
"""

from __future__ import annotations


def news_like_paragraphs(count: int) -> str:
    """`count` paragraphs of four sentences (three flows), each with its own figure, so none repeats (27.7 kB per 100)."""
    return "".join(
        f"Russia sent more than {2_000 + i:,} soldiers to Belarus last month, officials said. The weather stayed "
        "cold and the markets were calm. Experts believe Iran has shipped drones to Russia in return for "
        f"cash. Nothing else of note happened in the city on day {i}, according to local reports.\n"
        for i in range(count))


def filled_article(text: str, size: int) -> str:
    """`text`, then a paragraph of short sentences ("Ok.") up to just under `size` bytes of UTF-8."""
    filler = "Ok. " * ((size - len(text.encode("utf-8")) - 10) // 4)
    return text + "\n" + filler.strip()
