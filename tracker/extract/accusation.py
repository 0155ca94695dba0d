"""Accusations: "A accused B of sending troops" is B's flow, and A is a party only to an intrusion.

The accused sends what the accusation names. The accuser receives it only when it is an intrusion into
the accuser's own ground, a strike or drones ("North Korea accused South Korea of dropping leaflets by
drone"); what the accused gave a third state is no flow to the accuser ("Ukraine accused Russia of
using North Korean missiles"). In the passive, "B has been accused by A of supplying Russia", the
accused is the subject before the verb, never the accuser named with "by".
"""

from __future__ import annotations

import re

from tracker.extract.anaphora import pronoun_referent
from tracker.extract.lexicon import Mention
from tracker.extract.vocabulary import _ACCUSED_OF, Item

# What lands on the accuser's own ground.
INTRUSIONS = ("strike", "drones")


def accused_and_accuser(before: str, free: list[Mention]) -> tuple[Mention | None, Mention | None] | None:
    """For a flow verb right after "accused ... of": (the accused, the accuser), either None where unnamed;
    None when the verb is not the object of an accusation."""
    accused = _ACCUSED_OF.search(before, max(0, len(before) - 160))
    if not accused:
        return None
    between = [m for m in free if accused.start("who") <= m.start < accused.end("who")]
    subject = pronoun_referent(before, accused.start(), free)
    if re.match(r"by\b", accused.group("who")):
        # "North Korea has been accused by the US of supplying ...": the accused is the subject before.
        return subject, (between[0] if between else None)
    return (between[0] if between else None), subject


def intruded_accuser(before: str, free: list[Mention], kind: str, items: list[Item]) -> Mention | None:
    """"North Korea accused South Korea of dropping leaflets": an intrusion with no other target lands on the
    accuser; None for any other flow, or when no accuser is named."""
    if kind != "strike" and not any(i.category in INTRUSIONS for i in items):
        return None
    accusation = accused_and_accuser(before, free)
    return accusation[1] if accusation is not None else None
