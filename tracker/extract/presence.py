"""Flows read without a giving word of their own: troops of one state placed in another, a state's material
for another, weapons fired by a state that another made, welcomes and summits that are visits."""

from __future__ import annotations

import re

from tracker.extract.lexicon import Mention
from tracker.extract.roles import Frame, _attachment, _preposition_before
from tracker.extract.vocabulary import _OFFICIAL_TITLE, _PREPOSITIONS, _THEATRE, Item, Trigger

# The end of the stretch where a presence's place may be named: a new sentence part or a dash.
_PRESENCE_END = re.compile(r"[;:—–]|\s--?\s|\b(?:but|although|though|while|whereas)\b")
_PRESENCE_PLACE = ("in", "into", "inside", "to", "near", "at")


# "fighting Ukrainian troops in Kursk": the troops fought against are where they are, not sent there.
_OPPONENT = re.compile(r"\b(?:fight(?:s|ing)?|fought|battl(?:e|es|ed|ing)|against|clash(?:es|ed)? with|"
                       r"repel(?:s|led|ling)?)\s+(?:the\s+)?"
                       r"(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_PLACE_ADJECTIVES = re.compile(r"\s(?:the|its|their)(?:\s+[a-z]+){1,2}\s+$")



def _frame_without_flow_word(item: Item, end: int, origin: tuple[int, Mention, str],
                             destination: tuple[int, Mention, str]) -> Frame:
    """A flow read from no flow word (presence, ownership, a victim, weapons used): its item and two states, with why."""
    return Frame(None, item.start, items=[item], end=end, presence=True, origins=[origin], destinations=[destination])

def _place_preposition(sentence: str, mention: Mention) -> str:
    """The preposition before a place, past its determiner and adjectives: "to its western Kursk region"."""
    adjectives = _PLACE_ADJECTIVES.search(sentence, max(0, mention.start - 45), mention.start)
    if adjectives is None:
        return _preposition_before(sentence, mention)
    before = sentence[:adjectives.start()].split()
    return before[-1].lower() if before and before[-1].lower() in _PREPOSITIONS else ""


_DELEGATION_IN = re.compile(r"\b(?:is|are|was|were|been|remains?|remained|stay(?:s|ed)?|welcomed|received|greeted|hosted)\b"
                            r"[^,;.]{0,60}?\bin\s+(?:the\s+)?$")


def _presence_frames(sentence: str, free: list[Mention], items: list[Item], triggers: list[Trigger],
                     frames: list[Frame]) -> list[Frame]:
    """Troops of one state placed in another with no flow word of their own: "North Korean troops in Russia",
    "army units from the DPRK ... in the Kursk region of Russia", "soldiers who Russia had deployed to Kursk".

    Each is a frame from the troops' state to the place's state. Troops that a giving or receiving word already
    carries are left to it, and a strike or other flow word between the troops and the place ends the search
    (in "its troops killed soldiers in Kursk", Kursk is where the soldiers were).
    """
    carried = {id(i) for f in frames if f.kind in ("give", "receive", "exchange", "use") for i in f.items}
    presences = []
    for item in items:
        # "A Russian military delegation is in North Korea": a delegation placed in another state is there on a visit
        delegation = item.category == "diplomatic" and item.phrase.lower().endswith(("delegation", "delegations"))
        if item.category != "troops" and not delegation or id(item) in carried or \
                _OPPONENT.search(sentence, max(0, item.start - 40), item.start):
            continue
        owner = _troops_owner(sentence, item, free, items, triggers)
        if owner is None:
            continue
        stops = [m.start() for m in _PRESENCE_END.finditer(sentence, item.end)][:1] + \
            [t.start for t in triggers if t.start >= item.end and t.kind != "give"][:1]
        limit = min([*stops, len(sentence), item.end + 160])
        place = next((m for m in free if item.end <= m.start < limit and m.iso3 != owner.iso3 and m.kind != "demonym"
                      and _is_presence_place(sentence, m)), None)
        if place is None or delegation and not _DELEGATION_IN.search(sentence, max(0, place.start - 80), place.start):
            continue  # a delegation is placed only by being in a state: "is in North Korea", not "on Russia's war"
        presences.append(_frame_without_flow_word(
            item, place.end,
            (3, owner, "presence: a delegation of this state" if delegation else "presence: troops of this state"),
            (2, place, f"presence: {_place_preposition(sentence, place)} this state")))
    return presences


def _is_presence_place(sentence: str, mention: Mention) -> bool:
    """Whether troops are said to be in this place: "in Russia", "to Kursk", "fighting in Russia's Kursk region".

    "Fighting in Ukraine" names the war's theatre, not where the troops went; a region, a city or a state's
    possessive ("Russia's Kursk region", "Russia's war") places them.
    """
    if _place_preposition(sentence, mention) not in _PRESENCE_PLACE:
        return False
    return mention.kind in ("region", "city") or mention.possessive or \
        not _THEATRE.search(sentence, max(0, mention.start - 45), mention.start)


def _troops_owner(sentence: str, item: Item, free: list[Mention], items: list[Item],
                  triggers: list[Trigger]) -> Mention | None:
    """The state whose troops an item names: a demonym or possessive before it, or "from X" just after it."""
    for mention in free:
        if mention.end <= item.start and _attachment(sentence, mention, items, triggers) == ("item", item):
            return mention
        if item.end <= mention.start <= item.end + 12 and _preposition_before(sentence, mention) == "from":
            return mention
    return None


# "Russia's military support to North Korea": what a state gives, named with its receiver but no flow word.
_TO_RECEIVER = re.compile(r"\s+(?:to|for)\s+(?:the\s+)?$")
_MATERIAL = ("weapons", "military_technology", "oil", "economic_aid", "drones")


def _owned_item_frames(sentence: str, free: list[Mention], items: list[Item], triggers: list[Trigger],
                       frames: list[Frame]) -> list[Frame]:
    """A state's material item followed by "to"/"for" another state, with no flow word carrying it: a flow from
    the owner to that state ("Russia's military support to North Korea", "North Korean shells for Russia")."""
    carried = {id(i) for f in frames if f.trigger is not None for i in f.items}
    found = []
    for item in items:
        if item.category not in _MATERIAL or id(item) in carried:
            continue
        owner = next((m for m in free if m.end <= item.start
                      and _attachment(sentence, m, items, triggers) == ("item", item)), None)
        receiver = next((m for m in free if item.end <= m.start <= item.end + 12
                         and _TO_RECEIVER.fullmatch(sentence, item.end, m.start)), None)
        if owner is None or receiver is None or owner.iso3 == receiver.iso3:
            continue
        found.append(_frame_without_flow_word(
            item, receiver.end,
            (3, owner, "owner of what is given (check)"),
            (3, receiver, "given to")))
    return found


_VICTIM_OPENING = re.compile(r"[,;:—–]|\s--?\s|\bthat\b")


def _victim_frames(sentence: str, mentions: list[Mention], items: list[Item], victim: re.Pattern[str]) -> list[Frame]:
    """The wounded or killed of a strike, with their state and a place of another: "a senior North Korean general
    was wounded in a Ukrainian strike in the Kursk region" places the general in Russia (check), while the rules
    keep the victims out of the strike itself."""
    frames = []
    for match in victim.finditer(sentence):
        opening = max([0, *(m.end() for m in _VICTIM_OPENING.finditer(sentence, 0, match.start()))])
        end = _PRESENCE_END.search(sentence, match.end())
        limit = end.start() if end else len(sentence)
        for item in items:
            if not opening <= item.start < match.start() or item.category not in ("troops", "command_personnel"):
                continue
            owner = _troops_owner(sentence, item, mentions, items, [])
            place = next((m for m in mentions if match.end() <= m.start < limit and owner is not None
                          and m.iso3 != owner.iso3 and m.kind != "demonym" and _is_presence_place(sentence, m)
                          and _attachment(sentence, m, items, [])[0] in ("", "location")), None)
            if owner is None or place is None:  # NOTE: "in Ukraine's Kursk offensive" names the attacker
                continue
            frames.append(_frame_without_flow_word(
                item, place.end,
                (3, owner, "presence: the wounded of a strike, of this state"),
                (2, place, "presence: struck in this state (check)")))
    return frames


# "Russia launched North Korean-made missiles", "the missiles that Russia fired ... were North Korean-made",
# "North Korean missiles fired by Russia": a state fires weapons another state made, so they came from the maker.
_USER_VERB = re.compile(r"\s+(?:(?:has|have|had|also|reportedly|allegedly|been|repeatedly)\s+)*"
                        r"(?:launch(?:ed|es|ing)?|fir(?:ed|es|ing))\b")
# NOTE: only launches and firings, a reported attack; "has been using X-made missiles" is left to the review.
_USED_BY = re.compile(r"\b(?:launched|fired)\s+by\s+(?:the\s+)?$")
_USER_KINDS = ("country", "capital", "metonym", "leader", "official", "town")
_CLAUSE_LIMIT = re.compile(r"[;:]|\b(?:but|although|while|whereas)\b")


def _used_weapon_frames(sentence: str, free: list[Mention], items: list[Item], frames: list[Frame]) -> list[Frame]:
    """Weapons a state launched, fired or used that another state made: a flow from the maker to the user."""
    given = {id(i) for f in frames if f.kind in ("give", "receive", "use") for i in f.items}
    found = (_used_weapon_frame(sentence, free, item) for item in items
             if item.category in ("weapons", "drones") and id(item) not in given)
    return [frame for frame in found if frame is not None]


def _used_weapon_frame(sentence: str, free: list[Mention], item: Item) -> Frame | None:
    """The maker-to-user flow of one weapon item, when one state made it and another fired it in its clause."""
    start, end = max(0, item.start - 90), min(len(sentence), item.end + 90)
    if _CLAUSE_LIMIT.search(sentence, start, item.start) or _CLAUSE_LIMIT.search(sentence, item.end, end):
        return None
    makers = [m for m in free if start <= m.start < end and (m.maker or m.kind == "demonym" and m.end < item.start
              and re.fullmatch(r"[\s\w-]{0,25}", sentence[m.end:item.start]))]
    maker = makers[0] if makers else None
    user = next((m for m in free if start <= m.start < end and m.kind in _USER_KINDS and not m.maker
                 and not m.possessive and (_USER_VERB.match(sentence, m.end) or _USED_BY.search(sentence, 0, m.start))
                 and maker is not None and m.iso3 != maker.iso3), None)
    return None if maker is None or user is None else _frame_without_flow_word(
        item, max(item.end, maker.end, user.end),
        (3, maker, "maker of the weapons used (check)"),
        (3, user, "user of the weapons"))


# "The Russian minister was welcomed at the airport by his North Korean counterpart", "Kim greeted Putin at the
# airport": whoever is welcomed visits whoever welcomes.
_WELCOMED_BY = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?(?P<verb>welcomed|greeted|received|hosted)\b"
                          r"[^,;.]{0,40}?\bby\s+")
_WELCOMES = re.compile(r"\s+(?:\w+ly\s+)?(?P<verb>welcomed|greeted|hosted)\s+(?:the\s+)?$")


def _welcome_frames(sentence: str, free: list[Mention]) -> list[Frame]:
    """A visit read from a welcome: the welcomed state's visit to the welcoming one (checked by the review)."""
    pairs = []
    for match in _WELCOMED_BY.finditer(sentence):
        clause = max(sentence.rfind(",", 0, match.start()), sentence.rfind(";", 0, match.start()))
        visitor = next((m for m in reversed(free) if clause < m.start and m.end <= match.start()), None)
        host = next((m for m in free if match.end() <= m.start <= match.end() + 30), None)
        pairs.append((visitor, host, match.start("verb"), match.group("verb")))
    for host in free:
        visitor = next((m for m in free if m.start > host.end), None)
        title = _OFFICIAL_TITLE.match(sentence, host.end)
        active = _WELCOMES.fullmatch(sentence, title.end() if title else host.end, visitor.start) if visitor else None
        if active:
            pairs.append((visitor, host, active.start("verb"), active.group("verb")))
    frames = []
    for visitor, host, start, verb in pairs:
        # NOTE: people welcome people; "Russia's proposal was received by North Korea" is no visit.
        if visitor is None or host is None or visitor.iso3 == host.iso3 or not _person(sentence, visitor) or \
                not _person(sentence, host):
            continue
        trigger = Trigger("diplomatic", start, start + len(verb), verb, noun=False, passive=False)
        frame = Frame(trigger, min(visitor.start, host.start), end=max(visitor.end, host.end), presence=True)
        frame.origins.append((3, visitor, "welcomed: the visitor (check)"))
        frame.destinations.append((3, host, "who welcomed: the host"))
        frames.append(frame)
    return frames


def _person(sentence: str, mention: Mention) -> bool:
    """A leader, an official, or a state followed by an official's title ("the Russian minister", "his counterpart")."""
    return mention.kind in ("leader", "official") or bool(_OFFICIAL_TITLE.match(sentence, mention.end))


# "Putin and Kim signed a treaty following their talks in Pyongyang": leaders of two states meeting in one of them.
_MEETING_IN = re.compile(r"\b(?:talks|summit|summits|meeting|meetings)\s+(?:[\w-]+\s+){0,3}?(?:in|at)\s+(?:the\s+)?",
                         re.IGNORECASE)


def _host_frames(sentence: str, free: list[Mention]) -> list[Frame]:
    """The visit of the leader from the other state, when two states' leaders meet in a place of one of them."""
    frames = []
    for match in _MEETING_IN.finditer(sentence):
        place = next((m for m in free if m.start == match.end() and m.kind in ("capital", "city", "town", "region",
                                                                               "country", "metonym")), None)
        people = {m.iso3: m for m in free if m.end <= match.start() and _person(sentence, m)}
        if place is None or place.iso3 not in people or len(people) != 2:
            continue
        visitor = next(m for iso3, m in people.items() if iso3 != place.iso3)
        trigger = Trigger("diplomatic", match.start(), match.start() + len(match.group().split()[0]),
                          match.group().split()[0], noun=True, passive=False)
        frame = Frame(trigger, visitor.start, end=place.end, presence=True)
        frame.origins.append((3, visitor, "leader meeting in the other state: the visitor (check)"))
        frame.destinations.append((3, place, "where the leaders met"))
        frames.append(frame)
    return frames
