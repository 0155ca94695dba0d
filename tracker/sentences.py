"""One sentence splitter for the whole project: the extractor, the evidence reader and the review page agree."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: its character span and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int
    text: str


_END_MARK = re.compile(r"[.!?]+[”’\"')\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cmdr sgt adm sen rep gov pres st jr sr rev hon "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp dept fig "
    "approx est vol e.g i.e a.m p.m".split())
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# After a dotted acronym ("U.S."), a capital letter starts a new sentence only if it begins
# one of these words: "the U.S. Army" goes on, "in the U.S. The army" does not.
_SENTENCE_STARTERS = frozenset(
    "The A An It Its He She They We I In On At But And This That These Those However Meanwhile "
    "There Their His Her Our After Before When While If As For Since Yet So".split())


def paragraph_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph (line) of ``text`` that holds the span ``start:end``, cut around it: (before, span, after).

    A line break ends a paragraph, as in ``split_sentences``; a span that runs over a line break keeps the
    lines it covers whole.
    """
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    return text[first:start], text[start:end], text[end:last]


def split_sentences(text: str) -> list[Sentence]:
    """Split a text into sentences with exact character offsets (``text[start:end] == sentence.text``).

    A line break ends a paragraph; within one, a sentence ends at . ! or ? (with any closing
    quote or bracket) unless the full stop belongs to an abbreviation ("Mr.", "Jan."), an
    initial ("J. Biden") or an acronym ("U.S.") that the next word continues, or the next
    word starts in lower case.
    """
    sentences: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(text.split("\n")):
        cursor = 0
        for match in _END_MARK.finditer(paragraph):
            if _is_sentence_end(paragraph, match):
                sentences.extend(_trimmed(paragraph, cursor, match.end(), offset, number))
                cursor = match.end()
        sentences.extend(_trimmed(paragraph, cursor, len(paragraph), offset, number))
        offset += len(paragraph) + 1
    return sentences


def _is_sentence_end(paragraph: str, match: re.Match[str]) -> bool:
    following = paragraph[match.end():match.end() + 40].lstrip()
    if not following:
        return True
    if following[0].islower():
        return False
    if not match.group().startswith("."):
        return True
    # NOTE: walk back to the previous space by hand; a regex anchored at the end of the
    # paragraph prefix would rescan it at every full stop (quadratic on a long paragraph).
    start = i = match.start()
    while i > 0 and not paragraph[i - 1].isspace() and start - i < 40:
        i -= 1
    word = paragraph[i:start].lstrip("“\"'‘([")
    if word.lower() in _ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False
    if _ACRONYM.fullmatch(word):
        next_word = re.match(r"[“\"‘]?(\w+)", following)
        return bool(next_word) and next_word.group(1) in _SENTENCE_STARTERS
    return True


def _trimmed(paragraph: str, start: int, end: int, offset: int, number: int) -> list[Sentence]:
    chunk = paragraph[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    begin = offset + start + len(chunk) - len(chunk.lstrip())
    return [Sentence(begin, begin + len(stripped), number, stripped)]

