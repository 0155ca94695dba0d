"""How many: numbers in digits or words, their bounds, and the flow word they count."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.vocabulary import _TRIGGER, Item

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "dozen": 12,
}
_NUMBER_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_LOWER_BOUND = ("more than", "over", "at least", "upwards of", "in excess of")
_UPPER_BOUND = ("up to", "as many as", "at most", "fewer than", "less than", "no more than", "under")
_ABOUT = ("around", "about", "some", "roughly", "approximately", "nearly", "almost", "an estimated", "estimated")
_QUANTITY = re.compile(
    r"\b(?:(?P<bound>" + "|".join(_LOWER_BOUND + _UPPER_BOUND + _ABOUT) + r")\s+)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:" + _NUMBER_WORD + r")(?:[\s-](?:and\s)?(?:"
    + _NUMBER_WORD + r"))*)(?:\s+(?P<scale>hundred|thousand|million|billion))?\b", re.IGNORECASE)


_NUMBER_HINT = re.compile(r"\b(?:" + _NUMBER_WORD + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number in the sentence with its bounds and the flow word it counts."""

    start: int
    end: int
    low: float | None
    high: float | None
    text: str
    unit: str
    item: Item


# "600 North Korean soldiers have been killed": a count of the dead or captured, not of those sent.
_CASUALTIES = re.compile(r"\s+(?:(?:have|has|had)\s+been|were|was|are|is)\s+(?:\w+ly\s+)?(?:killed|wounded|injured|"
                         r"captured)\b|\s+(?:have\s+|had\s+)?died\b")


# What a number counts when it is not the item itself: "165,000 barrels of oil", "five tanker shipments".
_MEASURE = re.compile(r"\s+((?:metric\s+)?(?:barrels|tonnes|tons|litres|liters|gallons|cargoes|shipments|trainloads|"
                      r"wagons|railcars|truckloads|tanker\s+shipments|shiploads|rounds))\b", re.IGNORECASE)


def find_quantities(sentence: str, items: list[Item]) -> list[Quantity]:
    """Numbers followed within a few words by a flow word: "more than 10,000 troops", "one of ... generals"."""
    quantities: list[Quantity] = []
    if not items or not (any(c.isdigit() for c in sentence) or _NUMBER_HINT.search(sentence)):
        return quantities  # NOTE: most sentences hold no number: skip the long pattern
    for match in _QUANTITY.finditer(sentence):
        value = _number_value(match.group("number"), match.group("scale"))
        if value is None:
            continue
        after = match.end()
        if re.fullmatch(r"(?:19|20)\d\d", match.group("number")) and not match.group("bound"):
            continue  # a year ("in 2024 Russia sent ..."), not a count
        unit_item = next((item for item in items if after <= item.start <= after + 45
                          and not re.search(r"[,;:.()]", sentence[after:item.start])
                          and len(sentence[after:item.start].split()) <= 5
                          and not _TRIGGER.search(sentence, after, item.start)), None)
        if unit_item is None or unit_item.category in ("strike", "agreement", "diplomatic") or \
                _CASUALTIES.match(sentence, unit_item.end):
            continue
        bound = (match.group("bound") or "").lower()
        if bound in _LOWER_BOUND:
            low, high = value, None
        elif bound in _UPPER_BOUND:
            low, high = None, value
        else:
            low = high = value
        text = sentence[match.start():unit_item.end] if sentence[after:unit_item.start].strip().startswith("of") \
            else sentence[match.start():match.end()]
        unit = sentence[unit_item.start:unit_item.end].lower()
        measure = _MEASURE.match(sentence, after)
        if measure and measure.end() <= unit_item.start:
            # "more than 165,000 barrels of petroleum products": counted in barrels, not in "petroleum"
            unit = measure.group(1).lower()
            text = sentence[match.start():unit_item.end] if re.fullmatch(r"\s+of\s+(?:[\w-]+\s+){0,2}", sentence[
                measure.end():unit_item.start]) else sentence[match.start():measure.end()]
        quantities.append(Quantity(match.start(), match.end(), low, high, text, unit, unit_item))
    return quantities


def _number_value(words: str, scale: str | None) -> float | None:
    words = words.lower()
    if words[0].isdigit():
        value = float(words.replace(",", ""))
    else:
        total = current = 0
        for word in re.split(r"[\s-]+", words):
            if word == "and":
                continue
            number = _NUMBER_WORDS[word]
            if number >= 1000:
                total += max(current, 1) * number
                current = 0
            elif number == 100:
                current = max(current, 1) * 100
            else:
                current += number
        value = float(total + current)
    if scale:
        value *= {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}[scale.lower()]
    return value


def _format_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else str(value)

