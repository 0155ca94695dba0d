"""What "it", "its" and "the country" refer to: a state in subject position, or nothing.

A pronoun resolves to the nearest state before it that opens its clause as the subject: not a
possessive ("Following North Korea's failed launch, Russia declared ..., and it supplied ..." is Russia),
not after a preposition, not the object of a verb ("Russia thanked North Korea, and it ..." is Russia),
not the subject of a subordinate clause already closed by a comma ("After North Korea's test, ..."),
and never one of two coordinated states ("Russia and North Korea ..., and it ..." is left undecided).
A pronoun with no such state in its sentence refers to the previous sentence's subject only when that
sentence has a single state in subject position.
"""

from __future__ import annotations

import re

from tracker.extract.lexicon import Mention
from tracker.extract.vocabulary import _LOCATION_NOUNS, _PREPOSITIONS

_SUBORDINATORS = frozenset("as while whereas after before because since when although though once until if unless "
                           "following despite amid during".split())
# Where a clause opens: the sentence start, a punctuation mark, a conjunction, a relative pronoun or a saying verb.
_CLAUSE_OPEN = re.compile(r"[,;:(—–]|\b(?:but|that|which|who|said|says|say|told|" + "|".join(sorted(_SUBORDINATORS))
                          + r")\b", re.IGNORECASE)
# Words that may stand between a clause's opening and its subject: articles, titles, capitalised names.
_SUBJECT_WORDS = frozenset("the a an also then now both leader president prime minister foreign defence defense top "
                           "senior official officials government regime leadership forces military army authorities "
                           "state media envoy spokesman spokeswoman spokesperson and".split())
# A new clause between a state and a flow verb: "Seoul has expressed concern that, in return, Kim may seek ...",
# "an adviser made the remark as Pyongyang is believed to have sent ...": the state is no subject of the verb.
SUBORDINATE = re.compile(r"\b(?:that|while|whereas|because|although|though)\b|\bas(?=\s+(?:the\s+)?[A-Z])")
_COORDINATED = re.compile(r",? (?:and|or|as well as) (?:the )?|, (?:the )?")


_BEFORE_A_NAME = frozenset({"the", "a", "an", "its", "their", "his", "her", "mr.", "mrs.", "ms.", "mr", "ms",
                            "western", "eastern", "southern", "northern", "central", "north-eastern", "northeastern",
                            "south-eastern", "southeastern", "north-western", "northwestern", "south-western",
                            "southwestern", "far-eastern"})


_TOWN_THEN_STATE = re.compile(r"\b(from|to|into|in|at)\s+([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?),\s+(?:the\s+)?$")
_CALENDAR = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
                       r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: \d+)?")
_LEAVING = frozenset({"depart", "departs", "departed", "departing", "leave", "leaves", "left", "leaving"})


def _preposition_before(sentence: str, mention: Mention) -> str:
    """The preposition just before a mention ("to", "from", "in"; "to the", "to its" too), else ""."""
    town = _TOWN_THEN_STATE.search(sentence, max(0, mention.start - 45), mention.start) \
        if mention.kind == "country" else None
    if town and not _CALENDAR.fullmatch(town.group(2)):
        return town.group(1).lower()  # "shipments from Vostochnyy, Russia to North Korea": the town's preposition
    words = sentence[max(0, mention.start - 45):mention.start].split()
    if words and words[-1].lower() in _LEAVING:
        return "leaving"  # "due to depart North Korea for a visit to Vietnam": the place left, no subject
    while words and words[-1].lower() in _BEFORE_A_NAME:
        words.pop()  # "to the", "with Mr. Putin", "with his North Korean counterpart", "into the western Russia region"
    if len(words) >= 2 and words[-1].lower() == "of" and words[-2] in _LOCATION_NOUNS and \
            (mention.place_id or mention.kind == "town"):
        # "to the border region of Kursk": the place noun's own preposition, if it says where to or from
        before = [w.lower() for w in words[-6:-2]]
        direction = next((w for w in reversed(before) if w in _PREPOSITIONS), "")
        if direction in ("to", "into", "towards", "toward", "from", "in", "inside", "against", "on", "at"):
            return direction
    word = words[-1].lower() if words and sentence[mention.start - 1:mention.start].isspace() else ""
    return word if word in _PREPOSITIONS else ""


def _clause_opening(sentence: str, mention: Mention) -> tuple[int, str]:
    """Where the clause of a mention opens, and the word that opens it ("" for punctuation or the start)."""
    window_start = max(0, mention.start - 160)
    opening = next(reversed(list(_CLAUSE_OPEN.finditer(sentence, window_start, mention.start))), None)
    if opening is None:
        return window_start, ""
    return opening.end(), opening.group().lower() if opening.group()[0].isalpha() else ""


def _in_subject_position(sentence: str, mention: Mention, mentions: list[Mention]) -> tuple[bool, str]:
    """Whether a state opens its clause as the subject, and the word that opens that clause."""
    if mention.possessive or mention.maker or mention.kind in ("demonym", "anaphor") or \
            sentence[mention.end:mention.end + 1] == "-":
        return False, ""
    if _preposition_before(sentence, mention) == "leaving" or mention.kind == "country" and \
            _TOWN_THEN_STATE.search(sentence, max(0, mention.start - 45), mention.start):
        return False, ""  # "to Rajin, North Korea", "due to depart North Korea": a place, not a subject
    words = sentence[max(0, mention.start - 45):mention.start].split()
    if words and words[-1].lower() in ("the", "mr.", "mrs.", "ms."):
        words.pop()
    if words and words[-1].lower() in _PREPOSITIONS - {"as"}:
        return False, ""
    start, opener = _clause_opening(sentence, mention)
    prefix = sentence[start:mention.start]
    for other in mentions:
        if start <= other.start and other.end <= mention.start:
            prefix = prefix.replace(other.text, " ", 1)
    return all(w[0].isupper() or w.lower() in _SUBJECT_WORDS for w in re.findall(r"[\w’'.-]+", prefix)), opener


def _coordinated_with_another(sentence: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether a state is listed with another state: "Pyongyang and Moscow", "Russia, North Korea and ..."."""
    for other in mentions:
        if other.iso3 == mention.iso3:
            continue
        if other.end <= mention.start and _COORDINATED.fullmatch(sentence[other.end:mention.start]) or \
                mention.end <= other.start and _COORDINATED.fullmatch(sentence[mention.end:other.start]):
            return True
    return False


def pronoun_referent(sentence: str, position: int, mentions: list[Mention]) -> Mention | None:
    """The state a pronoun at ``position`` refers to within its sentence, or None when the sentence does not say."""
    for mention in reversed([m for m in mentions if m.end <= position]):
        subject, opener = _in_subject_position(sentence, mention, mentions)
        if not subject:
            continue
        if opener in _SUBORDINATORS and re.search(r"[,;]", sentence[mention.end:position]):
            continue  # "After North Korea launched a satellite, Russia ..., and it ...": a closed subordinate clause
        return None if _coordinated_with_another(sentence, mention, mentions) else mention
    return None


def sole_subject(sentence: str, mentions: list[Mention]) -> Mention | None:
    """The one state in subject position in a sentence; None when there are none or several."""
    subjects = [m for m in mentions if _in_subject_position(sentence, m, mentions)[0]]
    if len({m.iso3 for m in subjects}) != 1 or _coordinated_with_another(sentence, subjects[0], mentions):
        return None
    return subjects[0]


def pronoun_subject(sentence: str, pronoun: re.Match[str], free: list[Mention],
                    earlier: Mention | None) -> tuple[Mention | None, str]:
    """"it"/"they" before a flow verb: a state in subject position before it, else the previous sentence's
    sole subject (``earlier``), and nothing when states are named before it but none is its clear subject."""
    if pronoun.group().lower().startswith("they"):
        return None, ""  # NOTE: "they" may be troops, officials or two states: the rules do not choose
    referent = pronoun_referent(sentence, pronoun.start(), free)
    if referent is not None:
        return referent, "subject(it)"
    if any(m.end <= pronoun.start() for m in free):
        return None, ""
    return earlier, "subject(earlier sentence)"
