"""Roles: flow frames and the role of each state around a flow word (directions.py settles the directions)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker.extract.accusation import INTRUSIONS, accused_and_accuser, intruded_accuser
from tracker.extract.anaphora import SUBORDINATE, _preposition_before, pronoun_subject
from tracker.extract.lexicon import _MAKER, Mention
from tracker.extract.relative_dates import DateMention
from tracker.extract.vocabulary import (
    _COORDINATION,
    _DECIDED,
    _EXCHANGE,
    _IRREGULAR_PARTICIPLES,
    _LOCATION_NOUNS,
    _OBJECT_FILLER,
    _OFFICIAL_TITLE,
    _PREPOSITIONS,
    _PRONOUN_SUBJECT,
    _PRONOUN_SUBJECT_FAR,
    _THEATRE,
    Item,
    Trigger,
)


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
    presence: bool = False  # troops of one state placed in another, with no flow word
    generic: bool = False  # "the transfer of weapons": a flow noun with its object, no earlier flow referred to
    accuser: Mention | None = None  # the subject of an accusing verb, who says so
    refers_back: bool = False  # "in response to the landmark pact": an agreement named before, not a new one

    @property
    def kind(self) -> str:
        """The kind of flow word; "exchange" for the bare side of an exchange."""
        return self.trigger.kind if self.trigger else "exchange"

    @property
    def verb(self) -> str:
        """The flow word as written."""
        if self.trigger:
            return self.trigger.text
        return "presence" if self.presence else "in return"


@dataclass
class _Memory:
    """What earlier sentences said, for the parts a sentence leaves implicit."""

    partners: dict[tuple[str, str, str], str] = field(default_factory=dict)
    categories: dict[tuple[str, str], str] = field(default_factory=dict)
    pair: tuple[str, str] | None = None
    pair_dates: tuple[DateMention, ...] = ()
    last_pair: tuple[str, str] | None = None  # the two states of the latest sentence that named two
    speaker: str = ""  # the state of the sentence's opening speaker ("Seoul has said it ..."), if any
    subject: Mention | None = None
    exchanges: int = 0
    recent: tuple[str, str] | None = None  # the direction of the previous sentence's last candidate
    directions: dict[str, tuple[str, str]] = field(default_factory=dict)  # the latest direction of each category

    def remember(self, origin: str, destination: str, category: str) -> None:
        """Record a candidate's two states, for later sentences that leave one implicit."""
        self.categories[(origin, destination)] = category
        self.directions[category] = (origin, destination)
        for key in (("origin", origin, category), ("origin", origin, "")):
            self.partners[key] = destination
        for key in (("destination", destination, category), ("destination", destination, "")):
            self.partners[key] = origin

    def category(self, origin: str, destination: str) -> str:
        """The category of the latest candidate from ``origin`` to ``destination``, else ""."""
        return self.categories.get((origin, destination), "")

    def partner(self, role: str, iso3: str, category: str, any_kind: bool = True) -> str:
        """The other state of the latest candidate where ``iso3`` had ``role`` (same category first, then any
        category unless ``any_kind`` is false)."""
        return self.partners.get((role, iso3, category)) or (self.partners.get((role, iso3, ""), "") if any_kind else "")


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
        if any(t.start == position and not t.noun for t in triggers):
            break  # "Ukraine's army fired artillery": a verb ends what the possessive qualifies
        if word.group() in _LOCATION_NOUNS:  # as written: "North" in "North Korea" is no place noun
            return "location", None
        item = next((i for i in items if i.start == position), None)
        supplier = next((t for t in triggers if item and 0 <= t.start - item.end <= 12 and _SUPPLIER.fullmatch(t.text)),
                        None)
        if supplier:
            return "trigger", supplier  # "Russia's main arms supplier": the supplier's customer, not the arms' maker
        if item:
            return "item", item
        trigger = next((t for t in triggers if t.start == position and t.noun), None)
        if trigger:
            return "trigger", trigger
    return "", None


_BLAMED_FOR = re.compile(r"\b(?:condemn|criticis|criticiz|sanction|blam|punish|thank|prais|accus|denounc|rebuk|"
                         r"censur|fault)\w*\b[^,;]{0,80}$", re.IGNORECASE)
# The words of an exchange's other side run to the end of its clause: "in exchange for sending troops, Seoul said".
_RETURN_END = re.compile(r",(?!\d)|[;:—–]|\s-\s")


# "sent troops to help Russia", "to fight alongside Russia", "sending troops in support of Russia's war effort":
# the state the flow is meant for receives it.
_PURPOSE = re.compile(r"(?:\bto (?:(?:help|assist|aid)(?: (?:rebuild|defend|retake|reclaim|liberate|restore|protect|secure))?|"
                      r"support|back|bolster|reinforce|strengthen|fight (?:alongside|beside|for|"
                      r"with)|serve (?:alongside|with))|\bin (?:support|aid) of|\bon (?:behalf|the side) of)\s+(?:the\s+)?$",
                      re.IGNORECASE)


# A new clause with its own subject: ", with experts saying ...", "a border area where Ukrainian forces ...",
# "Russia supplied North Korea with fuel while 8,000 North Korean workers are employed in Russia".
# ", and Russia's training of ...": the next item of a list, with its own possessor, is a flow of its own.
_CLAUSE_BREAK = re.compile(r",\s+and\s+(?=[A-Z][\w-]*(?:\s[A-Z][\w-]*)?[’']s\b)|"
                           r"[,;]\s+(?:with|while|whereas|saying|adding|but|although|though)\b|\s(?:where|whereby|"
                           r"while(?!\s+\w+ing\b)|whereas|(?:at|in|during) which)\b")  # "met for a summit at which ..."


_REASON_TO = re.compile(r"\bin (?:response|reply|retaliation|reaction|answer) to\s+(?:the\s+)?$")
_THREAT_TO = re.compile(r"\b(?:threats?|dangers?|risks?|challenges?|blows?|provocations?|insults?)[”\"]?\s+to\s+(?:the\s+)?$")
_WAR_AFTER = re.compile(r"\s+(?:war|conflict|front(?:line)?|battlefield)\b")
# "to parts of Russia", "into the east of Ukraine": a part of a state is where the flow goes.
_TO_PART_OF = re.compile(r"\b(?:to|into)\s+(?:the\s+|other\s+|several\s+|various\s+)?(?:[a-z-]+\s+)?"
                         r"(?:parts?|areas?|regions?|territory|territories|border|bases|front|east|west|north|south)"
                         r"\s+of\s+(?:the\s+)?$")
# "sent troops to Ukrainian territory temporarily occupied by Russia": the occupier holds the place.
_OCCUPIER = re.compile(r"\b(?:occupied|controlled|held|annexed|seized)\s+by\s+(?:the\s+)?$")


_WHILE_CLAUSE = re.compile(r"\s(?:while|whereas)\s+(?!\w+ing\b)")


# The words of meeting and visiting, by what each rule asks of them:
# - a meeting noun whose clause's subject came to it, read weakly ("Shoigu held a meeting with Kim");
# - a visit or meeting in an opening phrase or a speaker's setting, whose visitor is the main subject;
# - a meeting verb, where the place of the meeting decides the host and "met by" names it;
# - a meeting with no visit in it: whose meeting it is says nothing of who travelled.
_MEETING_NOUN = re.compile(r"meetings?|visits?|talks|summit", re.IGNORECASE)
_VISIT_NOUN = re.compile(r"visits?|trip|meeting|talks", re.IGNORECASE)
_MEETING_VERB = re.compile(r"met|meet|meets|meeting|talks", re.IGNORECASE)
_MEETING_ONLY = re.compile(r"meetings?|talks|summits?", re.IGNORECASE)


def _participle(word: str) -> bool:
    """"sent", "delivered", "given": a flow verb that may be a passive participle ("weapons sent by B")."""
    return word.lower().endswith(("ed", "en")) or word.lower() in _IRREGULAR_PARTICIPLES


def _build_frames(sentence: str, triggers: list[Trigger], items: list[Item]) -> list[Frame]:
    """One frame per flow word; items go to the flow word before them (or the first one). An exchange pairs the main
    clause's flow with the clause after its cue, whose every flow word is given in return (see _pair_exchange)."""
    frames = _frames_of(sentence, triggers)
    span = _pair_exchange(sentence, frames)
    for frame in frames:
        if frame.trigger is not None and frame.trigger.head >= 0 and not frame.side:
            frame.start = frame.trigger.head  # "weapons and troops from North Korea sent to ...": its words too
    frames.sort(key=lambda f: f.start)
    _close_frames(sentence, frames, span)
    given = next((f for f in frames if f.side == "given"), None)
    paid = _paid_with(sentence, span)
    for item in items:
        owner = next((f for f in reversed(frames) if f.start <= item.start < f.end), None)
        if owner is None:
            # An item in no frame's words is the subject of the next flow word: "missiles have been delivered".
            owner = next((f for f in frames if f.start > item.start), None) or \
                (given if paid[0] < item.start < paid[1] else None)
            if owner is not None and owner.start > item.start and any(
                    m.start() < owner.start for m in _WHILE_CLAUSE.finditer(sentence, item.end)):
                owner = None  # "troops engaged in fighting while Ukraine's army fired ...": another clause's subject
            if owner is not None and owner.kind == "strike" and owner.trigger is not None and owner.trigger.noun and \
                    _IN_BETWEEN.search(sentence, item.end, owner.start):
                owner = None  # "troops suffered losses in Ukrainian drone attacks": no attacker of the noun
        if owner is not None:
            owner.items.append(item)
    return frames


def _frames_of(sentence: str, triggers: list[Trigger]) -> list[Frame]:
    """A frame per flow word, but one for a purpose ("sent troops to fight alongside") or a verb and its noun."""
    frames: list[Frame] = []
    agree_verb = any(t.kind == "agree" and not t.noun for t in triggers)  # "signed the pact": a new agreement
    for trigger in triggers:
        previous = frames[-1].trigger if frames else None
        if previous is not None and previous.kind == "give" and trigger.kind == "give" and \
                re.match(r"(?:fight|fought|serv|join)", trigger.text, re.IGNORECASE) and \
                sentence[:trigger.start].endswith("to ") and not re.search(r";|,(?!\d)", sentence[previous.end:trigger.start]):
            continue  # "sent troops to fight alongside Russia": the purpose of the sending, not a second flow
        if previous is not None and previous.kind == trigger.kind == "strike" and trigger.noun and not previous.noun \
                and re.fullmatch(r"(?:\s+[\w-]+){0,3}\s+", sentence[previous.end:trigger.start]):
            continue  # "launched a surprise incursion": the verb and its noun are one strike
        if previous is not None and previous.kind == trigger.kind == "give" and trigger.noun and not previous.noun \
                and re.fullmatch(r"(?:\s+[\w-]+){0,3}\s+", sentence[previous.end:trigger.start]) and \
                not re.search(r"\b(?:to|into|from|and|or|for|after|before)\b", sentence[previous.end:trigger.start]):
            continue  # "dispatched tanker shipments to North Korean ports": the verb and its noun are one flow
        generic = trigger.noun and bool(re.match(r"\s+of\b", sentence[trigger.end:]))
        refers_back = trigger.noun and trigger.kind == "agree" and \
            bool(re.search(r"\bthe\s+(?:(?!of\b)[\w-]+\s+){0,3}$", sentence[max(0, trigger.start - 40):trigger.start])) and \
            not agree_verb
        frames.append(Frame(trigger, trigger.start, generic=generic, refers_back=refers_back))
    return frames


def _pair_exchange(sentence: str, frames: list[Frame]) -> tuple[int, int] | None:
    """Pair the given side of an exchange with the side given in return; the span of the return clause, if any."""
    cue = _EXCHANGE.search(sentence)
    if not cue or cue.group().lower() == "for" and _BLAMED_FOR.search(sentence, max(0, cue.start() - 90), cue.start()):
        return None  # "condemnation of North Korea for supplying Russia with missiles": the reason, not a payment
    stop = _RETURN_END.search(sentence, cue.end())
    span = (cue.start(), stop.start() if stop else len(sentence))
    # "compensated Pyongyang for the troops with oil": after a bare noun returned, "with" names what was given.
    paid = re.compile(r"\swith\s").search(sentence, cue.end(), span[1])
    span = (span[0], paid.start()) if paid and not any(cue.end() <= f.start < paid.start() for f in frames) else span
    inside = [f for f in frames if span[0] <= f.start < span[1]]
    material = [f for f in frames if f not in inside and f.kind in ("give", "receive")]
    given = next((f for f in reversed(material) if f.start < span[0]), None) or \
        next((f for f in material if f.start >= span[1]), None)
    if given is None:
        given = Frame(None, 0)
        frames.insert(0, given)
    returned_side = inside or [Frame(None, cue.end())]
    if not inside:
        frames.append(returned_side[0])
    returned_side[0].start = min(returned_side[0].start, cue.end())
    given.partner, given.side = returned_side[0], "given"
    for frame in returned_side:
        frame.partner, frame.side = given, "in return"
    return span


_IN_BETWEEN = re.compile(r"\b(?:in|during|from|by|under|amid)\b")


def _paid_with(sentence: str, span: tuple[int, int] | None) -> tuple[int, int]:
    """"compensated Pyongyang for the troops with oil": the words after "with" that end a return clause are given."""
    stop = _RETURN_END.search(sentence, span[1]) if span and sentence.startswith(" with ", span[1]) else None
    return (span[1], stop.start() if stop else len(sentence)) if span and sentence.startswith(" with ", span[1]) else (0, 0)


def _close_frames(sentence: str, frames: list[Frame], span: tuple[int, int] | None) -> None:
    """Where each frame's words end: the next flow word, a new clause, or the edge of an exchange's clause."""
    for index, frame in enumerate(frames):
        frame.end = frames[index + 1].start if index + 1 < len(frames) else len(sentence)
        if frame.trigger is not None:
            # ", with experts saying ...": a new clause with its own subject ends the flow word's words.
            clause = _CLAUSE_BREAK.search(sentence, frame.trigger.end, frame.end)
            frame.end = clause.start() if clause else frame.end
        if span and frame.side == "given" and frame.start < span[0]:
            frame.end = min(frame.end, span[0])
        if span and frame.side == "in return":
            frame.end = min(frame.end, span[1])


def _is_object(sentence: str, trigger: Trigger, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether a state is the direct object of a verb: "striking the Ukrainian city of Dnipro", "denouncing Biden's"."""
    if mention.start - trigger.end > 45:
        return False
    between = sentence[trigger.end:mention.start]
    for other in mentions:
        if trigger.end <= other.start and other.end <= mention.start:
            between = between.replace(other.text, " ", 1)
    return bool(_OBJECT_FILLER.fullmatch(between))


@dataclass
class _RoleContext:
    """What role assignment reads in one sentence, and the states already taken as receivers or objects."""

    sentence: str
    free: list[Mention]
    mentions: list[Mention]
    items: list[Item]
    triggers: list[Trigger]
    memory: _Memory
    attachments: dict[int, tuple[str, object]] = field(default_factory=dict)
    owned: set[int] = field(default_factory=set)


def _assign_roles(sentence: str, frames: list[Frame], free: list[Mention], mentions: list[Mention],
                  items: list[Item], triggers: list[Trigger], memory: _Memory) -> None:
    """Give each state around each flow word its role, sender or receiver, with a strength and the cue."""
    context = _RoleContext(sentence, free, mentions, items, triggers, memory,
                           {id(m): _attachment(sentence, m, items, triggers) for m in free})
    for frame in frames:
        for mention in free:
            kind, target = context.attachments[id(mention)]
            if _place_by_attachment(context, frame, mention, kind, target):
                continue
            if frame.start <= mention.start < frame.end or (frame is frames[0] and mention.start < frame.start):
                _place_in_clause(context, frame, mention, kind, target)
        _place_there(context, frame)
        _place_subject(context, frame)
        _place_visitor(context, frame)
        _host_by_place(frame)


def _how(mention: Mention) -> str:
    """How a mention qualifies what follows it: a possessive, "-made" or a demonym."""
    return "possessive" if mention.possessive else "made" if mention.maker else "demonym"


def _place_by_attachment(context: _RoleContext, frame: Frame, mention: Mention, kind: str, target: object) -> bool:
    """A state qualifying the frame's item or flow noun ("Russian oil", "North Korea's dispatch") sends it."""
    trigger = frame.trigger
    if any(i.start == mention.start for i in frame.items):
        frame.origins.append((3, mention, "people of this state"))  # "10,000 North Koreans"
        return True
    if frame.kind == "use" and kind == "trigger" and target is trigger:
        frame.destinations.append((3, mention, "user"))
        return True
    used = next((i for i in frame.items if trigger is not None and i.start >= trigger.end), None)
    if frame.kind == "use" and trigger is not None and used is not None and \
            trigger.end <= mention.start < used.start and not mention.possessive:
        frame.origins.append((3, mention, "maker"))  # each state named before the weapon made it
        return True
    if kind == "item" and isinstance(target, Item) and target.category == "strike" and frame.kind != "strike":
        return False  # "sent shells to support Russia's invasion": whose war it is, not who sends
    if kind == "trigger" and target is trigger and trigger is not None and _SUPPLIER.fullmatch(trigger.text):
        frame.destinations.append((3, mention, "customer"))  # "Russia's main arms supplier": Russia is supplied
        return True
    if kind == "item" and target in frame.items and frame.kind in ("give", "exchange") and mention.possessive and \
            _PURPOSE.search(context.sentence, max(0, mention.start - 45), mention.start):
        frame.destinations.append((3, mention, "purpose"))  # "missiles to strengthen Pyongyang's air defense system"
        return True
    if kind == "item" and target in frame.items or kind == "trigger" and target is trigger:
        if _no_attacker(context, frame, mention, target) or _whose_meeting(frame, mention, target):
            return True
        side = _preposition_before(context.sentence, mention)
        if side in ("to", "into") and frame.kind in ("give", "exchange") and trigger is not None and \
                mention.start > trigger.end and not mention.possessive:
            frame.destinations.append((3, mention, side))  # "providing oil to a North Korean oil tanker"
            if isinstance(target, Item) and target in frame.items:
                frame.items.remove(target)  # the receiver ("North Korean troops"), not what is sent
            return True
        if side in ("alongside", "beside") and frame.kind == "give":
            frame.destinations.append((3, mention, side))  # "training alongside Russian soldiers": whose side
            return True
        if _after_destination(frame, mention):
            return True  # "sent 11,000 troops to Russia and some ... in combat with Kyiv's forces": not the sender
        # NOTE: "North Korean missiles fired by Russia": a weapon's maker is a weak attacker, the user named wins.
        weapon = frame.kind == "strike" and isinstance(target, Item) and target.category in ("weapons", "drones")
        frame.origins.append((1 if weapon else 3, mention, _how(mention)))
        return True
    return False


def _whose_meeting(frame: Frame, mention: Mention, target: object) -> bool:
    """"Mr Putin's first meeting with Mr Kim": whose meeting it is says nothing of who travelled (a visit's does)."""
    return frame.kind == "diplomatic" and target is frame.trigger and mention.possessive and \
        frame.trigger is not None and _MEETING_ONLY.fullmatch(frame.trigger.text) is not None


def _no_attacker(context: _RoleContext, frame: Frame, mention: Mention, target: object) -> bool:
    """Whether a state qualifying what a strike names is no attacker: a maker whose user is named or unsaid, the
    people struck, the maker of weapons fired after the verb."""
    trigger = frame.trigger
    if frame.kind != "strike" or trigger is None:
        return False
    if mention.maker and (_user_before(context, mention) or trigger.passive):
        # "Russia has been using North Korean-produced missiles to attack Ukraine": the user attacks; "The North
        # Korean-made missiles were fired at Ukraine": who fired them is not said
        return True
    if isinstance(target, Item) and target.start > trigger.end and target.category in ("troops", "command_personnel"):
        return True  # "it had killed North Korean troops": the people struck are no attacker
    # "launched North Korean missiles into Ukraine": who made what is fired did not fire it
    return isinstance(target, Item) and target.category in ("weapons", "drones") and target.start > trigger.end


def _after_destination(frame: Frame, mention: Mention) -> bool:
    """Whether the frame already has a receiver named after the flow word ("to Russia", "to Russia's Kursk region")
    before this state."""
    return frame.trigger is not None and mention.start > frame.trigger.end and any(
        how in ("to", "into", "purpose", "occupied by") or how.endswith("+place")
        for _, m, how in frame.destinations if frame.trigger.end < m.end <= mention.start)


def _user_before(context: _RoleContext, maker: Mention) -> bool:
    """Whether another state is the subject of the clause before a weapon's maker ("Russia has been using ...")."""
    return any(m.end <= maker.start and m.iso3 != maker.iso3 and not m.maker and not m.possessive
               and not _preposition_before(context.sentence, m) and context.attachments[id(m)][0] == ""
               for m in context.free)


# "missiles fired by Russia", "missiles fired at Ukraine by Russia": the participle's agent, after where it was aimed.
_AIMED_THEN_BY = re.compile(r"\s+(?:(?:at|on|into|against)\s+(?:the\s+)?(?:[\w’'-]+\s+){1,3})?by\s+(?:the\s+)?")


def _is_agent(sentence: str, trigger: Trigger | None, mention: Mention, preposition: str) -> bool:
    """"weapons sent by B", "has been given X by B": the agent of a passive or a flow noun sends."""
    # NOTE: "has been given X by B": the receiving passive names its giver with "by" too.
    return preposition == "by" and trigger is not None and (
        trigger.passive or trigger.noun or trigger.kind == "receive" and " been " in trigger.text
        or _participle(trigger.text) and _AIMED_THEN_BY.fullmatch(sentence, trigger.end, mention.start) is not None) and \
        0 <= mention.start - trigger.end <= 40 and not re.search(r"[,;]", sentence[trigger.end:mention.start])


def _place_in_clause(context: _RoleContext, frame: Frame, mention: Mention, kind: str, target: object) -> None:
    """The role of a state inside a flow word's clause: by purpose, place noun, agent or preposition."""
    sentence, trigger = context.sentence, frame.trigger
    after = trigger.end if trigger else frame.start
    preposition = _preposition_before(sentence, mention)
    if frame.kind in ("give", "exchange", "diplomatic") and mention.start >= after:
        window = sentence[max(after, mention.start - 45):mention.start]
        if _THEATRE.search(window) or _WAR_AFTER.match(sentence, mention.end):
            return  # "the war in Ukraine", "to help Russia fight Ukraine", "the Ukraine war": where, not to whom
        if _PURPOSE.search(window):
            frame.destinations.append((3, mention, "purpose"))
            context.owned.add(id(mention))
            return
    if kind == "location" and mention.start >= after:
        frame.destinations.append((2, mention, f"{_how(mention)}+place"))
        return
    if preposition == "from" and mention.start < after and SUBORDINATE.search(sentence, mention.end, after):
        return  # "The comments from Seoul came as Pyongyang shipped shells": "from" in another clause
    if preposition == "by" and mention.start >= after and _OCCUPIER.search(sentence, max(0, mention.start - 45),
                                                                           mention.start):
        frame.destinations.append((4, mention, "occupied by"))  # "to Ukrainian territory occupied by Russia"
        return
    if frame.kind == "diplomatic" and trigger is not None and trigger.passive and _MEETING_VERB.fullmatch(trigger.text) \
            and _is_agent(sentence, trigger, mention, preposition):
        frame.destinations.append((3, mention, "by: the host"))  # "Kim arrived, where he was met by Shoigu"
        return
    if preposition == "from" or _is_agent(sentence, trigger, mention, preposition):
        frame.origins.append((3, mention, preposition))
        return
    if mention.start < after or kind == "item" or frame.kind == "receive":
        return
    _place_after_flow_word(context, frame, mention, preposition, target)


def _place_after_flow_word(context: _RoleContext, frame: Frame, mention: Mention, preposition: str,
                           target: object) -> None:
    """A state after an active flow word: "to X" receives, "on X" is struck, the object of a verb receives."""
    trigger = frame.trigger
    if preposition == "to" and _REASON_TO.search(context.sentence, max(0, mention.start - 30), mention.start):
        return  # "supplying weapons to Ukraine in response to North Korea ...": the reason, not a receiver
    if preposition == "to" and _THREAT_TO.search(context.sentence, max(0, mention.start - 40), mention.start):
        return  # "condemned the dispatch as a grave security threat to South Korea": who is threatened
    if preposition == "of" and frame.kind in ("give", "strike") and _TO_PART_OF.search(
            context.sentence, max(0, mention.start - 40), mention.start):
        preposition = "to"  # "transporting its special forces to parts of Russia", "into the south of Ukraine"
    if preposition in ("to", "into", "towards") and frame.kind not in ("agree", "accuse"):
        frame.destinations.append((3, mention, preposition))
        context.owned.add(id(mention))
    elif preposition in ("beside", "alongside") and frame.kind == "give" or \
            preposition == "for" and frame.kind == "give" and trigger is not None and \
            trigger.text.lower().endswith(" for") or \
            preposition in ("on", "against", "inside") and frame.kind == "strike" or \
            preposition == "with" and frame.kind == "agree":
        frame.destinations.append((3, mention, preposition))
    elif preposition == "for" and frame.kind == "give" and _MEANT_FOR.search(context.sentence, max(0, mention.start - 30),
                                                                             mention.start):
        frame.destinations.append((3, mention, "meant for"))  # "arms intended for Russia"
    elif preposition == "between" and frame.kind == "agree":
        frame.destinations.append((3, mention, "between"))  # "the new treaty between Russia and North Korea"
        other = next((m for m in context.mentions if m.start > mention.end and re.fullmatch(
            r"\s+and\s+(?:the\s+)?", context.sentence[mention.end:m.start])), None)
        if other is not None:
            frame.destinations.append((3, other, "between"))
    elif preposition == "with" and frame.kind == "diplomatic":
        # NOTE: "A met with B" says nothing of who went to whom; the subject is read as the visitor, and the
        # reason says so for the review to decide.
        frame.destinations.append((2, mention, "met with: subject first, check who visited"))
    elif preposition == "of" and frame.kind == "diplomatic" and trigger is not None and \
            trigger.text.lower().startswith("tour"):
        frame.destinations.append((3, mention, "toured"))  # "Kim's tour of Russia's far eastern region"
    elif preposition == "of" and frame.kind == "strike" and trigger is not None and trigger.noun and \
            re.fullmatch(r"\s+of\s+(?:the\s+)?", context.sentence[trigger.end:mention.start]):
        frame.destinations.append((3, mention, "of"))  # "the invasion of the Russian Federation by ...": struck
    elif preposition in ("in", "inside", "at", "over", "on", "across") and frame.kind in (
            "give", "strike", "diplomatic", "exchange", "accuse") and not (
                trigger is not None and trigger.text.lower().startswith("invit")):  # "invites deterioration in X"
        frame.destinations.append((2, mention, preposition))
    elif preposition in ("", "of") and trigger is not None and not trigger.noun and not mention.maker and \
            _is_object(context.sentence, trigger, mention, context.mentions) and not (
                frame.kind == "diplomatic" and isinstance(target, Trigger) and target.kind == "give"):
        # NOTE: "condemned North Korea's supply of arms" is about the supply, a flow of its own; the
        # condemnation of a transfer is not a move against the state that made it.
        if frame.kind == "accuse":
            frame.origins.append((3, mention, "accused"))
        else:
            frame.destinations.append((3, mention, "object"))
        context.owned.add(id(mention))


def _place_there(context: _RoleContext, frame: Frame) -> None:
    """"there", or a place named before "where", is where the flow goes."""
    sentence, trigger = context.sentence, frame.trigger
    if trigger is None:
        return
    there = re.compile(r"\bthere\b").search(sentence, trigger.end, frame.end)
    if there is None:
        # "..., where Ukraine launched an incursion": the place named before "where".
        there = re.compile(r"\bwhere\b(?=[^,;]{0,60}$)").search(sentence, max(0, trigger.start - 65), trigger.start)
    if there is None:
        return
    earlier = [m for m in context.mentions if m.end <= there.start()]
    placed = [m for m in earlier if _attachment(sentence, m, context.items, context.triggers)[0] == "location"
              or _preposition_before(sentence, m) in ("in", "to", "into", "inside")]
    referent = (placed or earlier or [None])[-1]
    if referent is not None:
        frame.destinations.append((2, referent, "there"))


_SUPPLIER = re.compile(r"suppliers?|providers?", re.IGNORECASE)
_HE_OPENS = re.compile(r"(?:He|She)\s")
# What a reduced relative qualifies is the object of a preposition ("about North Korean soldiers deployed ...").
_AFTER_PREPOSITION = re.compile(r"\b(?:about|of|on|for|against|over|regarding)\s+(?:the\s+|its\s+|their\s+)?"
                                r"(?:[\w’'-]+\s+){0,3}$")
_COPULA = re.compile(r"\b(?:is|are|was|were|be|been|become|becomes|became|remains?|remained|as)\b[^,;.]{0,60}$")


def _place_subject(context: _RoleContext, frame: Frame) -> None:
    """The subject of an active flow verb sends; of a receiving, accusing or passive verb, receives."""
    trigger = frame.trigger
    if trigger is None or frame.kind not in ("give", "receive", "strike", "diplomatic", "authorise", "accuse", "agree"):
        return
    # "Kim Jong Un has ordered the dispatch of ...": a flow noun that is the object of a deciding verb is sent
    # by that verb's subject.
    ordered = trigger.noun and frame.kind == "give" and not frame.origins and (
        bool(_DECIDED.search(context.sentence, max(0, trigger.start - 40), trigger.start))
        # "North Korea has become Russia's main arms supplier", "Iran is a key supplier of drones"
        or bool(_SUPPLIER.fullmatch(trigger.text)) and bool(_COPULA.search(context.sentence, max(0, trigger.start - 70),
                                                                            trigger.start)))
    # "Shoigu also held a meeting with Kim", "Shoigu conveyed during a meeting with Kim": whoever the clause is
    # about comes to the meeting, read weakly and said so.
    meeting = trigger.noun and frame.kind == "diplomatic" and not frame.origins and \
        bool(_MEETING_NOUN.fullmatch(trigger.text))
    if trigger.noun and not ordered and not meeting:
        return
    subject, how = _subject(context.sentence, trigger, context.free, context.attachments, context.owned,
                            context.memory)
    if subject is None and meeting and context.memory.speaker and _VISIT_NOUN.fullmatch(trigger.text):
        # "Shoigu said during a visit to Pyongyang that ...", "Putin said he appreciated the support, during a rare
        # visit to Pyongyang": with no other visitor named, the speaker is who came, read weakly and said so.
        subject, how = Mention(0, 0, "", context.memory.speaker, "anaphor"), "speaker"
    if subject is None:
        return
    if meeting:
        frame.origins.append((1, subject, "subject of the clause: check who visited"))
    elif frame.kind == "accuse" and not trigger.passive:
        frame.accuser = subject
        if any(i.category in INTRUSIONS for i in frame.items):
            frame.destinations.append((3, subject, "accuser: the ground intruded on"))
    elif trigger.passive and trigger.head >= 0 and _AFTER_PREPOSITION.search(context.sentence,
                                                                             max(0, trigger.head - 45), trigger.head):
        return  # "information about North Korean soldiers deployed in ...": the clause's subject received nothing
    elif trigger.passive and frame.kind == "diplomatic" and _MEETING_VERB.fullmatch(trigger.text):
        frame.origins.append((2, subject, how + " (met by the host: the visitor)"))
    elif frame.kind in ("receive", "accuse") or trigger.passive:
        frame.destinations.append((3 if frame.kind != "give" else 2, subject, how))
    else:
        official = " (an official of this state)" if _OFFICIAL_TITLE.match(context.sentence, subject.end) else ""
        frame.origins.append((2, subject, how + official))
        frame.co_subjects = _coordinated(context.sentence, subject, context.free)
        if how == "accused of" and not frame.destinations:
            target = intruded_accuser(context.sentence[:trigger.start], context.free, frame.kind, frame.items)
            frame.destinations += [(2, target, "accuser: the ground intruded on")] if target else []


# "During a visit to Pyongyang, Shoigu ...", "Wrapping up a one-day visit to Pyongyang, Russian ... Shoigu said",
# "After meeting with Kim Jong-un in Pyongyang, Shoigu announced":
# an opening phrase about a visit whose visitor is the subject of the main clause after it.
_OPENING_VISIT = re.compile(r"^(?:During|After|On|Before|Wrapping up|Concluding|Ending|Following|At the end of)\b[^,]{0,30}$")


def _place_visitor(context: _RoleContext, frame: Frame) -> None:
    """The visitor of a visit named in an opening phrase: the first other state of the main clause after it."""
    trigger = frame.trigger
    if trigger is None or frame.kind != "diplomatic" or frame.origins or not frame.destinations or \
            not _VISIT_NOUN.fullmatch(trigger.text) or not _OPENING_VISIT.search(context.sentence[:trigger.start]):
        return
    comma = context.sentence.find(",", trigger.end)
    hosts = {m.iso3 for _, m, _ in frame.destinations}
    visitor = next((m for m in context.mentions if comma >= 0 and m.start > comma and m.iso3 not in hosts), None)
    if visitor is not None:
        frame.origins.append((1, visitor, "visitor: the subject after the opening phrase, check"))


_MEANT_FOR = re.compile(r"\b(?:intended|destined|bound|meant|earmarked|headed)\s+for\s+(?:the\s+)?$")


def _host_by_place(frame: Frame) -> None:
    """"Putin met Kim at the Vostochny Cosmodrome in the Russian Far East": where two leaders meet, in the state of
    one of them, that one is the host and the other the visitor, whoever is the subject."""
    trigger = frame.trigger
    if trigger is None or frame.kind != "diplomatic" or not _MEETING_VERB.fullmatch(trigger.text):
        return
    place = next((m for _, m, how in frame.destinations if (how in ("in", "at") or how.endswith("+place"))
                  and m.kind != "anaphor"), None)  # "the country's east coast" may be either
    subject = next((r for r in frame.origins if r[1].iso3 == (place.iso3 if place else "")), None)
    met = next((r for r in frame.destinations if place is not None and r[1].iso3 != place.iso3), None)
    if place is None or subject is None or met is None:
        return
    frame.origins = [(3, met[1], "met in the other's state: the visitor")]
    frame.destinations = [(4, place, "where they met: the host")]


def _coordinated(sentence: str, subject: Mention, free: list[Mention]) -> list[Mention]:
    """The states listed with a subject: "Germany, France and the UK" -> Germany, France."""
    chain: list[Mention] = []
    current = subject
    for mention in reversed([m for m in free if m.end <= subject.start]):
        if _same_person(sentence, mention, current):
            current = mention  # "Ukrainian President Volodymyr Zelenskyy": one person, named twice
            continue
        if not _COORDINATION.fullmatch(sentence[mention.end:current.start]) or _preposition_before(sentence, mention):
            break  # "sent oil to North Korea, and the country ...": a receiver is listed with no subject
        chain.insert(0, mention)
        current = mention
    return chain


_RELATIVE = re.compile(r",\s+(?:which|who)\s+(?:(?:also|now|still|has|have|had|reportedly)\s+)*")


def _same_person(sentence: str, mention: Mention, later: Mention) -> bool:
    """"Ukrainian President Volodymyr Zelenskyy": a demonym, a title, then the official's name."""
    title = _OFFICIAL_TITLE.match(sentence, mention.end)
    return mention.iso3 == later.iso3 and title is not None and \
        re.fullmatch(r"\s*(?:[A-Z][\w.’'-]*\s+)*", sentence[title.end():later.start]) is not None


def _subject(sentence: str, trigger: Trigger, free: list[Mention], attachments: dict[int, tuple[str, object]],
             owned: set[int], memory: _Memory) -> tuple[Mention | None, str]:
    """The state that is the subject of a flow verb: the nearest one before it that is no object or modifier."""
    before = sentence[:trigger.start]
    accusation = accused_and_accuser(before, free)
    if accusation is not None:  # "accused B of sending troops": B sends, and no other state before
        return accusation[0], "accused of"
    pronoun = _PRONOUN_SUBJECT.search(before)
    if pronoun:
        # "Ukraine said it had killed ...": with no state before "it" but its speaker, "it" is the speaker.
        speaker = Mention(0, 0, "", memory.speaker, "anaphor") if memory.speaker else None
        found = pronoun_subject(sentence, pronoun, free, speaker or memory.subject)
        return (found[0], "subject(it: the speaker)") if speaker and found[0] is speaker else found
    for mention in reversed([m for m in free if m.end <= trigger.start]):
        # "the possibility of Russia transferring technology", "in response to North Korea dispatching troops": a
        # state right before a gerund is its subject, even when an earlier flow word took it as its receiver.
        # "condemnation of North Korea for supplying Russia with missiles": who is blamed did it
        gerund_subject = trigger.text.lower().endswith("ing") and \
            bool(re.fullmatch(r"\s+(?:for\s+)?(?:\w+ly\s+)?", sentence[mention.end:trigger.start]))
        if (id(mention) in owned and not gerund_subject) or attachments[id(mention)][0]:
            continue
        # "... made the remark as North Korea is believed to have sent troops": the subject of a subordinate clause.
        if _RELATIVE.fullmatch(sentence, mention.end, trigger.start):
            return mention, "subject (which)"  # "seek shells from North Korea, which wants technology in return"
        preposition = _preposition_before(sentence, mention)
        subordinate = preposition == "as" and not re.search(r"[,;]", sentence[mention.end:trigger.start])
        if preposition and not gerund_subject and not subordinate:
            continue
        if SUBORDINATE.search(sentence, mention.end, trigger.start):
            break  # "An adviser said so as North Korea sent ...": no state before "as" is the subject of "sent"
        return mention, "subject"
    if memory.speaker and _PRONOUN_SUBJECT_FAR.search(before):
        # "Seoul has said it may consider supplying weapons to Ukraine": "it" is who said so.
        return Mention(0, 0, "", memory.speaker, "anaphor"), "subject(it: the speaker)"
    if _HE_OPENS.match(sentence) and memory.subject is not None and memory.subject.kind in ("leader", "official") and \
            not any(m.end <= trigger.start and m.kind in ("leader", "official") for m in free):
        # "Putin arrived in Pyongyang. He is due to depart for a visit to Vietnam": the official of the sentence before
        return memory.subject, "subject(he: the official of the sentence before)"
    return None, ""
