"""Directions: the sender and receiver each frame settles on, what an exchange or an agreement adds, what earlier
sentences fill in, and the categories a frame carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.lexicon import Lexicon, Mention
from tracker.extract.roles import Frame, _Memory


def _best(roles: list[tuple[int, Mention, str]], exclude: str = "") -> tuple[Mention, str] | None:
    ranked = [r for r in roles if r[1].iso3 != exclude]
    if not ranked:
        return None
    strength = max(r[0] for r in ranked)
    chosen = next(r for r in ranked if r[0] == strength)
    return chosen[1], chosen[2]


def _ends(frame: Frame) -> tuple[Mention | None, str, str, str, str]:
    """A frame's own sender and receiver: (sender mention, sender, how, receiver, how), "" where unknown."""
    # "The foreign minister arrived in North Korea from Kuala Lumpur, Malaysia": where an arriving official came
    # from is no sender; the official's own state visits.
    origins = [r for r in frame.origins if _official(r)] if _official_arrival(frame) else frame.origins
    origin = _best(origins)
    destination = _best(frame.destinations, exclude=origin[0].iso3 if origin else "")
    if origin and destination is None and frame.destinations:
        # The best sender is also the only receiver named: look for another sender instead.
        destination = _best(frame.destinations)
        origin = _best(origins, exclude=destination[0].iso3)  # type: ignore[index]
    return (origin[0] if origin else None, origin[0].iso3 if origin else "", origin[1] if origin else "",
            destination[0].iso3 if destination else "", destination[1] if destination else "")


def _exchange_parties(given: Frame, returned: Frame, memory: _Memory) -> tuple[str, str]:
    """The two parties of an exchange: the giver of the main clause's flow and its taker, who gives in return.

    The main clause decides; the return clause only fills what it leaves out ("The oil is believed to be
    exchanged for troops sent by Pyongyang": the oil's giver is who the troops went to).
    """
    _, given_from, _, given_to, _ = _ends(given)
    _, returned_from, _, returned_to, _ = _ends(returned)
    giver = given_from or returned_to
    taker = given_to or (returned_from if returned_from != giver else "")
    category = next(iter(_frame_categories(given)), "")
    if giver and not taker:
        taker = memory.partner("origin", giver, category)
    elif taker and not giver:
        giver = memory.partner("destination", taker, category)
    return (giver, taker) if giver != taker else ("", "")


# A state in a candidate: ISO3 code, map point (place_id) and how the rules found it.
State = tuple[str, str, str]


def _agreement_directions(pair: tuple[str, str], lexicon: Lexicon,
                          how: str = "agreement between both") -> list[tuple[State, State, str]]:
    """An agreement binding both states: one row each way."""
    a, b = pair
    return [((a, lexicon.country_place(a), how), (b, lexicon.country_place(b), how), "agreement"),
            ((b, lexicon.country_place(b), how), (a, lexicon.country_place(a), how), "agreement")]


@dataclass
class _Ends:
    """A frame's sender and receiver as the rules read them, with the cue for each."""

    origin: Mention | None
    origin_iso3: str
    origin_how: str
    destination_iso3: str
    destination_how: str


def _exchange_ends(frame: Frame, ends: _Ends, memory: _Memory) -> _Ends:
    """The ends of one side of an exchange: the side given in return goes back the other way, always."""
    # NOTE: whatever its own clause names ("in exchange for it sending troops to Ukraine" is troops B→A).
    given = frame if frame.side == "given" or frame.partner is None else frame.partner
    giver, taker = _exchange_parties(given, given.partner or frame, memory)
    if not (giver and taker):
        return ends
    how = "exchange: the giver" if frame.side == "given" else "exchange: the other side"
    a, b = (giver, taker) if frame.side == "given" else (taker, giver)
    origin = ends.origin if (a, b) == (ends.origin_iso3, ends.destination_iso3) else None
    return _Ends(origin, a, how, b, how)


def _directions(frame: Frame, pair: tuple[str, str] | None, memory: _Memory, lexicon: Lexicon,
                pair_how: str = "agreement between both") -> list[tuple[State, State, str]]:
    """Each (origin, destination, category) a frame yields; ``pair`` is given for an agreement binding both."""
    categories = _frame_categories(frame)
    if not categories and frame.side != "in return":
        return []
    if frame.kind == "agree":
        if pair is not None:
            return _agreement_directions(pair, lexicon, pair_how)
        if not frame.destinations and not any(i.category == "agreement" for i in frame.items):
            return []  # "agreed to supply X": the flow verb that follows carries it
    ends = _Ends(*_ends(frame))
    if frame.partner is not None:
        ends = _exchange_ends(frame, ends, memory)
        if frame.side == "in return" and not categories and ends.origin_iso3 and ends.destination_iso3:
            # "in exchange for such supplies": what was supplied is the latest flow that way.
            categories = [c for c in [memory.category(ends.origin_iso3, ends.destination_iso3)] if c]
    # "Germany, France and the UK sent ...": each state of a coordinated subject sends.
    senders = [(ends.origin_iso3, ends.origin_how)] + [
        (m.iso3, "subject") for m in frame.co_subjects if ends.origin_how == "subject" and m.iso3 != ends.origin_iso3]
    if frame.kind == "use":
        senders += [(m.iso3, how) for _, m, how in frame.origins if m.iso3 not in (s for s, _ in senders)]
    results = []
    for category in categories:
        for sender, sender_how in senders:
            o, o_how, d, d_how = _filled_from_memory(frame, (sender, sender_how),
                                                     (ends.destination_iso3, ends.destination_how), category, memory)
            if not o or not d or o == d:
                continue
            origin = ends.origin
            origin_place = origin.place_id if origin and origin.iso3 == o and \
                origin.kind in ("city", "region") else lexicon.country_place(o)
            results.append(((o, origin_place, o_how), (d, _destination_place(frame, d, lexicon), d_how), category))
    return results


def _filled_from_memory(frame: Frame, origin: tuple[str, str], destination: tuple[str, str], category: str,
                        memory: _Memory) -> tuple[str, str, str, str]:
    """(origin, how, destination, how), a party the sentence leaves out taken from an earlier sentence."""
    (o, o_how), (d, d_how) = origin, destination
    # NOTE: only a material flow carries over from an earlier sentence ("more drones were delivered
    # to Russia"); a visit or an agreement names both its parties.
    if frame.kind in ("give", "receive", "strike", "exchange"):
        # NOTE: a strike's attacker or target comes only from an earlier strike, never from a delivery.
        any_kind = frame.kind != "strike"
        if o and not d:
            d, d_how = memory.partner("origin", o, category, any_kind), "earlier sentence"
        elif d and not o:
            o, o_how = memory.partner("destination", d, category, any_kind), "earlier sentence"
    if not o and not d and frame.kind in ("give", "receive") and frame.trigger is not None and frame.trigger.noun \
            and category in memory.directions and not frame.generic:
        # "The first documented oil transfer occurred on March 7": a flow noun naming no state is the latest
        # flow of its kind.
        o, d = memory.directions[category]
        o_how = d_how = "inferred: the latest earlier flow of this kind (check)"
    return o, o_how, d, d_how


def _destination_place(frame: Frame, iso3: str, lexicon: Lexicon) -> str:
    for _, mention, how in sorted(frame.destinations, key=lambda r: -r[0]):
        if mention.iso3 == iso3 and mention.place_id and (
                mention.kind in ("city", "region") or how in ("to", "in", "over", "at", "into", "object", "on")):
            return mention.place_id
    return lexicon.country_place(iso3)


def _official(role: tuple[int, Mention, str]) -> bool:
    """Whether a sender is a leader or an official of the state ("Putin", "Russia's foreign minister")."""
    return role[1].kind in ("leader", "official") or role[2].endswith("official of this state)")


def _official_arrival(frame: Frame) -> bool:
    """"Sergei Shoigu arrived in Pyongyang": a leader or official arriving with nothing to deliver is a visit."""
    # NOTE: "arrived ... as part of the implementation of agreements": an envoy's agreements are no cargo.
    cargo = [i for i in frame.items if i.category not in ("agreement", "diplomatic", "strike")]
    official = any(_official(r) for r in frame.origins)
    return frame.kind == "give" and not cargo and frame.trigger is not None and \
        frame.trigger.text.lower().startswith(("arriv", "land", "touch")) and official


def _landing(frame: Frame) -> bool:
    """"landed in", "touched down at": an official's arrival, else no flow ("the missile landed in a field")."""
    return frame.trigger is not None and frame.trigger.text.lower().startswith(("land", "touch"))


_IMPLIED = re.compile(r"(?P<troops>deploy|dispatch|station|participat)|help", re.IGNORECASE)


def _war_background(frame: Frame) -> bool:
    """"over Russia's offensive in Ukraine", "the objectives of the offensive in Ukraine": the war named where it is
    fought, with no verb of its own, is its background, not a strike of the day (an incursion "into" a state, an
    attack "on" a city are)."""
    trigger = frame.trigger
    return trigger is not None and trigger.noun and re.fullmatch(r"offensives?|invasions?|wars?", trigger.text,
                                                                 re.IGNORECASE) is not None and \
        bool(frame.destinations) and all(how == "in" for _, _, how in frame.destinations)


def _frame_categories(frame: Frame) -> list[str]:
    """The categories a frame carries: its items', or the one its flow word implies."""
    kinds = [i.category for i in frame.items]
    if frame.kind == "strike" and _war_background(frame):
        return []
    if frame.kind == "strike" and frame.trigger is not None and frame.trigger.text.lower().startswith("cross") and \
            any(m.kind in ("leader", "official") for _, m, _ in frame.origins):
        return ["diplomatic"]  # "Kim arrived aboard his train, a day after crossing into Russia": a leader's journey
    if frame.kind == "strike":
        # "fired cruise missiles and Iranian Shahed-type drones at Ukraine": a strike, and one by drones
        return (["strike"] if "weapons" in kinds or "drones" not in kinds else []) + (["drones"] if "drones" in kinds else [])
    if frame.kind in ("authorise", "agree"):
        return ["agreement"] if frame.kind == "authorise" or "agreement" in kinds or frame.kind == "agree" else []
    if frame.kind == "accuse" and frame.trigger is not None and frame.trigger.passive:
        # NOTE: "Russia has been accused by Ukraine of using North Korean missiles": the accuser named with "by"
        # is no sender, and the rules do not turn the passive round.
        return []
    if frame.kind == "diplomatic" or _official_arrival(frame):
        return ["diplomatic"]
    if _landing(frame):
        return []
    if any(_official(r) for r in frame.origins) and not frame.items and frame.trigger is not None and \
            frame.trigger.text.lower().startswith("participat"):
        return ["diplomatic"]  # "the foreign minister participated in the ministerial meetings": no troops
    implied = _IMPLIED.match(frame.trigger.text) if frame.trigger is not None and frame.kind == "give" else None
    if implied and not frame.items and not frame.trigger.passive:  # type: ignore[union-attr]  # "for the deployment"
        return ["troops" if implied.group("troops") else "military_technology"]
    categories: list[str] = []
    for item in frame.items:
        # NOTE: a delegation sent is a diplomatic move; a diplomatic word elsewhere only qualifies the flow.
        wanted = item.category not in ("strike", "diplomatic") or item.phrase.lower().endswith(("delegation",
                                                                                               "delegations"))
        # NOTE: what a state gains is never troops: "to gain technology, and battle experience for his troops".
        gained_people = frame.trigger is not None and frame.trigger.text.lower().startswith("gain") and \
            item.category in ("troops", "command_personnel")
        if wanted and not gained_people and item.category not in categories:
            categories.append(item.category)
    return categories


def _agreement_pair(frame: Frame, pair: tuple[str, str] | None, mutual: bool,
                    memory: _Memory) -> tuple[tuple[str, str] | None, str]:
    """The two states an agreement binds, and how they were found; (None, "") when it binds no two."""
    if frame.kind != "agree" or _bare_cooperation(frame):
        return None, ""
    between = list(dict.fromkeys(m.iso3 for _, m, how in frame.destinations if how == "between"))
    if len(between) == 2:
        return (between[0], between[1]), "agreement between both"
    if frame.refers_back:
        # "Seoul will review supplying weapons in response to the landmark pact": the pact named before
        earlier = memory.directions.get("agreement")
        return (earlier, "agreement named before (check)") if earlier else (None, "")
    if pair is not None and (mutual or _binds_both(frame)):
        return pair, "agreement between both"
    if pair is None and mutual and memory.last_pair and any(i.category == "agreement" for i in frame.items):
        # "... was in accordance with a mutual defence treaty": the two states named last.
        return memory.last_pair, "agreement between both, inferred: the states named last (check)"
    return None, ""


def _bare_cooperation(frame: Frame) -> bool:
    """"a deepening of military cooperation": the noun alone names a relation, not an agreement."""
    return frame.trigger is not None and frame.trigger.noun and frame.trigger.text.lower().startswith("cooperat") \
        and not any(i.category == "agreement" for i in frame.items)


def _binds_both(frame: Frame) -> bool:
    """An agreement signed by, or with, another state binds both: "A and B signed a pact", "A agreed with B", "A
    made a deal during a visit to B", "A and B agreed to increase charter flights"."""
    return any(i.category == "agreement" for i in frame.items) or any(how == "with" for _, _, how in frame.destinations) \
        or bool(frame.co_subjects) \
        or (frame.trigger is not None and frame.trigger.text.lower().endswith(("deal", "deals", "agreement",
                                                                                "agreements")))  # "made a deal"
