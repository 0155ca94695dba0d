"""The extractor: each sentence's facts, read in order, turned into candidate rows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

import pandas as pd

from tracker.constants import DATA_DIR, HEDGE_STATUSES, STATUS_STRENGTH
from tracker.dataset import read_package, resource_fields
from tracker.extract.anaphora import pronoun_referent, sole_subject
from tracker.extract.attribution import (
    _APPOSITIVE,
    _QUESTION,
    DATELINE,
    Attribution,
    _Cue,
    _cue_applies,
    _find_cues,
    find_attributions,
)
from tracker.extract.directions import State, _agreement_pair, _directions
from tracker.extract.inputs import ExtractionError, parse_published
from tracker.extract.lexicon import _TITLE_WORDS, Lexicon, Mention, build_lexicon, find_mentions
from tracker.extract.presence import (
    _host_frames,
    _owned_item_frames,
    _presence_frames,
    _used_weapon_frames,
    _victim_frames,
    _welcome_frames,
)
from tracker.extract.quantities import Quantity, _format_number, find_quantities
from tracker.extract.relative_dates import DateMention, find_dates
from tracker.extract.roles import (
    Frame,
    _assign_roles,
    _build_frames,
    _is_object,
    _Memory,
)
from tracker.extract.vocabulary import (
    _CONDITION,
    _FOUGHT_FOR,
    _NEGATION,
    _PRONOUN_START,
    _RECIPROCAL,
    Item,
    Trigger,
    find_items,
    find_triggers,
    mark_reduced_relatives,
)
from tracker.sentences import Sentence, split_sentences

ARTICLE_VOICE = "The article's own reporting"
# NOTE: a "sentence" longer than this is a table, a list or binary noise, not prose the
# rules can read; skipping it keeps the run linear on hostile input.
MAX_SENTENCE_CHARS = 1500


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
    subject: Mention | None = None  # the one state in subject position, if there is one


def extract_candidates(text: str, published: str, places: pd.DataFrame,
                       source_id: str = "new-article") -> pd.DataFrame:
    """Propose candidate flows from an article: the flows table's columns plus ``reason``, one row per flow."""
    if not isinstance(text, str):
        raise ExtractionError("the article must be text (str); decode its bytes first, e.g. with decode_article")
    published_day = parse_published(published)
    lexicon = build_lexicon(places)
    facts = _read_sentences(text, lexicon, "Korea" in text, "Ukrain" in text)
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
        if own is not None and own.verb not in _SECONDARY_VERBS:
            last_attribution = own
        if attribution is not None and not attribution.country:
            attribution.country = _speaker_country(attribution.speaker, speakers)
        rows += _sentence_candidates(fact, attribution, lexicon, published_day, memory, source_id)
    columns = candidate_columns()
    frame = pd.DataFrame(rows, columns=list(columns))
    frame["flow_id"] = [f"C{n:03d}" for n in range(1, len(frame) + 1)]
    return frame.astype({"quote_start": "int64", "quote_end": "int64"}) if len(frame) else frame


# NOTE: a party filled from an earlier row ("earlier sentence") keeps the known state's explicit role, and so does
# "it" after its own speaker ("North Korea confirmed it deployed"); another pronoun's referent, an inference or a
# rule that asks for a check does not count as read from roles.
_INFERRED_ROLE = re.compile(r"(?:origin|destination):[^;]*\((?:[^;]*\binferred\b|[^;]*\bcheck\b|subject\(it(?!: the speaker)|"
                            r"subject\(earlier)")


def _read_from_roles(row: dict[str, object]) -> bool:
    """Whether a row's two states were both read from explicit roles in its own sentence."""
    return not _INFERRED_ROLE.search(str(row["reason"]))


def _read_sentences(text: str, lexicon: Lexicon, korea: bool, ukraine: bool) -> list[_SentenceFacts]:
    facts: list[_SentenceFacts] = []
    previous: Mention | None = None
    aliases: dict[str, str] = {}
    paragraph, open_quotes = -1, 0
    for sentence in split_sentences(text):
        if sentence.paragraph != paragraph:
            paragraph, open_quotes = sentence.paragraph, 0
        in_quote = open_quotes > 0 or sentence.text.startswith(("“", "\""))
        open_quotes += sentence.text.count("“") - sentence.text.count("”")
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            continue
        mentions = _country_anaphors(sentence.text, find_mentions(sentence.text, lexicon, korea, previous, ukraine), previous)
        _learn_aliases(mentions, aliases)
        mentions = sorted(mentions + _alias_mentions(sentence.text, mentions, aliases), key=lambda m: m.start)
        mentions = sorted(mentions + _possessive_pronouns(sentence.text, mentions), key=lambda m: m.start)
        subject = sole_subject(sentence.text, mentions) if mentions else None
        if mentions:
            previous = subject
        attributions = find_attributions(sentence.text) if mentions or in_quote else []
        facts.append(_SentenceFacts(sentence, mentions, attributions, in_quote, subject))
    return facts


_ALIAS = re.compile(r"\b[A-Z][a-z]{2,}\b")


def _learn_aliases(mentions: list[Mention], aliases: dict[str, str]) -> None:
    """"Kim Jong Un ... Kim", "Sergei Shoigu ... Shoigu": a named leader's first or last word names him later in the
    article; a word two named people of different states share ("Kim") names neither."""
    for mention in mentions:
        words = mention.text.split()
        if mention.kind not in ("leader", "official") or len(words) < 2:
            continue
        for word in {words[0].split("-")[0], words[-1]}:
            if _ALIAS.fullmatch(word) and word not in _TITLE_WORDS:
                aliases[word] = mention.iso3 if aliases.get(word, mention.iso3) == mention.iso3 else ""


def _alias_mentions(sentence: str, mentions: list[Mention], aliases: dict[str, str]) -> list[Mention]:
    """The bare first or last words of leaders named earlier, where no longer name goes on ("Kim Yong-hyun")."""
    if not aliases:
        return []
    found = []
    for match in _ALIAS.finditer(sentence):
        iso3 = aliases.get(match.group())
        start, end = match.span()
        if not iso3 or any(m.start < end and start < m.end for m in mentions) or \
                re.match(r"[ -][A-Z]", sentence[end:end + 2]) or re.search(r"[A-Z][\w.]*[ -]$", sentence[:start]):
            continue
        found.append(Mention(start, end, match.group(), iso3, "leader", possessive=sentence[end:end + 2] in ("’s", "'s")))
    return found


def _country_anaphors(sentence: str, mentions: list[Mention], previous: Mention | None) -> list[Mention]:
    """"the country" is the state in subject position before it, else the previous sentence's sole subject;
    with neither, it names no state."""
    resolved = []
    for mention in mentions:
        if mention.kind != "anaphor":
            resolved.append(mention)
            continue
        named = [m for m in mentions if m.kind != "anaphor"]
        referent = pronoun_referent(sentence, mention.start, named)
        if referent is None and not any(m.end <= mention.start for m in named):
            referent = previous
        if referent is not None:
            resolved.append(replace(mention, iso3=referent.iso3))
    return resolved


_POSSESSIVE_PRONOUN = re.compile(r"\b(?:its|their)\b")


def _possessive_pronouns(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """"Ukraine said its troops killed ...": "its" before what flows is the state that is the nearest subject.

    Only before an item ("its troops", "their missiles"), and only when the nearest subject-like state (no
    preposition before it, not itself a demonym or possessive) stands alone: "Pyongyang and Moscow said their
    soldiers ..." names two owners, and the rules do not choose.
    """
    if "its " not in sentence and "their " not in sentence:
        return []  # NOTE: a cheap test first; most sentences have no possessive pronoun
    items = find_items(sentence)
    found = []
    for match in _POSSESSIVE_PRONOUN.finditer(sentence):
        if not any(match.end() < i.start <= match.end() + 25 and not re.search(r"[,;]", sentence[match.end():i.start])
                   for i in items):
            continue
        referent = pronoun_referent(sentence, match.start(), mentions)
        if referent is None:
            continue
        found.append(Mention(match.start(), match.end(), match.group(), referent.iso3, "anaphor", possessive=True))
    return found


_COORDINATED = re.compile(r",? (?:and|or) |, ")
# Verbs whose objects do not move between states: "North Korea has been working on satellite technology"
# ("test-fired the missiles into Ukraine" is a strike, not a test).
# "help from Russia to upgrade its missiles": what the help is for is the receiver's own.
_NON_FLOW_VERB = re.compile(r"\b(?:work(?:s|ed|ing)? on|develop(?:s|ed|ing)?|build(?:s|ing)?|built|test(?:s|ed|ing)?(?!-)|"
                            r"how to use|to (?:upgrade|improve|moderni[sz]e|enhance|boost|advance|maintain|repair|perfect)|"
                            # "missiles believed to have the range to strike targets in the US": a capability
                            r"(?:range|capability|capabilities|ability|capacity|power|means) to)\b")
# The wounded or killed of a strike: "a general was wounded in a Ukrainian strike".
# NOTE: "soldiers have been killed fighting for Russia": the dead fought for a state, the flow of their side stands.
_VICTIM = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?(?:wounded|injured|killed|hurt)\b"
                     r"(?!" + _FOUGHT_FOR + ")")
# Attributions that name a source in passing; the sentence's own speaker, if any, comes first.
_SECONDARY_VERBS = ("according to", "citing")


def _main_attribution(attributions: list[Attribution]) -> Attribution | None:
    # The quote's own speaker first, then one who opens or closes the sentence, then a parenthesis.
    for attribution in attributions:
        if attribution.verb not in _SECONDARY_VERBS:
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
    recent, memory.recent = memory.recent, None
    # "We believe there has also been economic aid": a flow stated with no state refers to the previous sentence's;
    # a state named only as the source ("according to Shoigu") is none of the flow's.
    stated = [m for m in mentions if not any(a.start <= m.start < a.end for a in fact.attributions)]
    existential = recent is not None and (not stated and bool(_EXISTENTIAL.search(sentence)
                                                              or _DEFINITE_FLOW.match(sentence)
                                                              or _AGENTLESS_PASSIVE.search(sentence))
                                          or _refers_to_previous_deal(sentence, stated, recent))
    # "North Korean units arrived in Kursk. They participated in battles ...": the troops just named fight there.
    # Only the two states of that flow and the enemy fought ("against Ukrainian forces") may be named.
    fighting = _TROOPS_FIGHTING.match(sentence) if recent is not None and memory.category(*recent) == "troops" and \
        all(m.iso3 in recent or _AGAINST.search(sentence, max(0, m.start - 30), m.start) for m in stated) else None
    existential = existential or fighting is not None
    # "The first documented oil delivery came ...": a definite flow noun may refer to the latest flow of its kind.
    definite = not stated and bool(_DEFINITE_FLOW.match(sentence)) and bool(memory.directions)
    if not mentions and not pronoun_start and not existential and not definite:
        memory.pair, memory.pair_dates, memory.subject = None, (), None
        return []
    triggers, items, blocked = _readable_words(fact)
    free = [m for m in mentions if not _in(m.start, blocked)]
    items = _counted_people(sentence, free, items)
    flow_dates, statement_dates = _flow_and_statement_dates(fact, published)
    pair = _pair(free)
    inherited = False
    if pair is None and pronoun_start and memory.pair:
        pair, inherited = memory.pair, True
    triggers = mark_reduced_relatives(sentence, triggers, items)
    frames = _build_frames(sentence, triggers, items)
    if existential and recent is not None:
        # NOTE: only the troops named again fight for the previous flow's receiver, not the enemy they fight.
        frames = _previous_states_frame([Item(fighting.start(1), fighting.end(1), "troops", fighting.group(1))]
                                        if fighting else items, recent)
    presences = _presence_frames(sentence, free, items, triggers, frames) + \
        _owned_item_frames(sentence, free, items, triggers, frames) + _used_weapon_frames(sentence, free, items, frames) + \
        _welcome_frames(sentence, free) + _host_frames(sentence, free) + \
        (_victim_frames(sentence, mentions, find_items(sentence), _VICTIM) if _VICTIM.search(sentence) else [])
    if not frames and not presences:
        memory.pair, memory.pair_dates = pair, tuple(flow_dates) or (memory.pair_dates if inherited else ())
        memory.subject = fact.subject  # "Russia declared support. It has also supplied ..."
        return []
    if recent is not None and _BARE_RETURN.search(sentence):
        # "..., in return, Kim may seek Russian technology": what comes back goes the previous flow's way reversed.
        memory.partners[("origin", recent[1], "")] = recent[0]
        memory.partners[("destination", recent[0], "")] = recent[1]
    opening = next((a for a in fact.attributions if a.start == 0), None)
    memory.speaker = _state_within(opening, mentions) if opening else ""
    _assign_roles(sentence, frames, free, mentions, items, triggers, memory)
    _strike_where_the_targets_are(frames, presences)
    if pronoun_start and not flow_dates:
        flow_dates = list(memory.pair_dates)
    # NOTE: a hedge in the question put to a speaker ("Asked what Seoul believes Pyongyang received, ...") is
    # the questioner's: it qualifies only the flows of the question, not what the speaker then states.
    questions = [m.span() for m in _QUESTION.finditer(sentence)]
    all_cues = _find_cues(sentence)
    reading = SentenceReading(fact, frames, attribution, [c for c in all_cues if not _in(c.start, questions)],
                              find_quantities(sentence, items), flow_dates, statement_dates, lexicon, source_id,
                              questions, [c for c in all_cues if _in(c.start, questions)])
    rows = _frame_rows(reading, pair, memory)
    rows += _presence_rows(reading, presences, rows, memory)
    memory.pair = pair
    memory.last_pair = pair or memory.last_pair
    memory.pair_dates = tuple(flow_dates)
    if rows and _read_from_roles(rows[-1]):
        # NOTE: a later sentence inherits only a direction read from explicit roles, never one that was itself
        # inferred or left to check: an inference built on an inference may turn a flow round.
        memory.recent = (str(rows[-1]["origin_iso3"]), str(rows[-1]["destination_iso3"]))
    memory.subject = fact.subject
    return rows


def _readable_words(fact: _SentenceFacts) -> tuple[list[Trigger], list[Item], list[tuple[int, int]]]:
    """The flow words and items the rules read as flows, and the spans they leave out.

    Left out: attributions, a wire dateline, clauses under a negation, a condition or a verb whose object
    does not move, the wounded of a strike, and what an authorisation permits.
    """
    sentence, mentions = fact.sentence.text, fact.mentions
    blocked = [(a.start, a.end) for a in fact.attributions]
    dateline = DATELINE.match(sentence)
    if dateline:
        blocked.append(dateline.span())
    triggers = [t for t in find_triggers(sentence) if not _in(t.start, blocked)]
    for pattern in (_NEGATION, _CONDITION, _NON_FLOW_VERB):
        blocked += [(match.start(), _clause_end(sentence, match.end())) for match in pattern.finditer(sentence)]
    for match in _VICTIM.finditer(sentence):
        # "a North Korean general was wounded in a Ukrainian strike": the wounded are no party to a flow.
        opening = max([0, *(e for s, e in blocked if e <= match.start()),
                       *(m.end() for m in re.finditer(r"[,;:—–]|\s--?\s|\bthat\b", sentence[:match.start()]))])
        blocked.append((opening, match.end()))
    items = [i for i in find_items(sentence) if not _in(i.start, blocked)
             and not any(m.start <= i.start < m.end for m in mentions)]
    # "A authorised B to use X to hit C": the permission is the flow, not what it permits.
    for trigger in triggers:
        if trigger.kind == "authorise" and not trigger.noun:
            obj = next((m for m in mentions if m.start >= trigger.end and _is_object(sentence, trigger, m, mentions)), None)
            after = obj.end if obj else trigger.end
            # "... to use ATACMS inside Russia in response to North Korea's deployment": the reason is its own flow.
            reason = _RESPONSE.search(sentence, after, _clause_end(sentence, after))
            blocked.append((after, reason.start() if reason else _clause_end(sentence, after)))
    for match in _THANKED_FOR.finditer(sentence):
        # "Putin thanked North Korea for its participation": what the thanks are for is the reason, not news.
        blocked.append((match.end(), _clause_end(sentence, match.end())))
    for match in _TO_EACH_OTHER.finditer(sentence):
        # "a treaty which pledged to provide aid to one another": the treaty's terms, not a flow.
        opening = max([0, *(m.end() for m in re.finditer(r"[,;:]|\b(?:which|that)\b", sentence[:match.start()]))])
        blocked.append((opening, match.end()))
    triggers = [t for t in triggers if not _in(t.start, blocked)]
    items = [i for i in items if not _in(i.start, blocked)]
    return triggers, items, blocked


def _flow_and_statement_dates(fact: _SentenceFacts, published: date) -> tuple[list[DateMention], list[DateMention]]:
    """The sentence's dates split into those of the flow and those of the statement."""
    sentence = fact.sentence.text
    dates = find_dates(sentence, published)
    # NOTE: the day a statement was made is never the flow's: inside a recognised attribution, or just after a
    # saying verb that the attribution rules did not take ("..., a top official said on Tuesday, the latest ...").
    statement_dates = [d for d in dates if any(a.start <= d.start < a.end for a in fact.attributions)
                       or _SAID_BEFORE.search(sentence, max(0, d.start - 45), d.start)]
    return [d for d in dates if d not in statement_dates], statement_dates


def _presence_rows(reading: SentenceReading, presences: list[Frame], rows: list[dict[str, object]],
                   memory: _Memory) -> list[dict[str, object]]:
    """Rows for flows named with no flow word (troops placed in another state, a state's support to another),
    unless a flow word already gave the two states a row of that category."""
    done = {(frozenset((str(r["origin_iso3"]), str(r["destination_iso3"]))), str(r["category"])) for r in rows}
    added: list[dict[str, object]] = []
    extended = replace(reading, frames=[*reading.frames, *presences])
    for frame in presences:
        for origin, destination, category in _directions(frame, None, memory, reading.lexicon):
            pair = (frozenset((origin[0], destination[0])), category)
            if pair in done:
                continue
            done.add(pair)
            added.append(_row(extended, frame, origin, destination, category, ""))
            if _read_from_roles(added[-1]):
                memory.remember(origin[0], destination[0], category)
    return added


def _frame_rows(reading: SentenceReading, pair: tuple[str, str] | None, memory: _Memory) -> list[dict[str, object]]:
    """The rows of a sentence's frames, each direction and category once, exchanges and agreements numbered."""
    rows: list[dict[str, object]] = []
    seen: set[tuple[str, str, str]] = set()
    # One id for the give-and-take of "in return for", another for an agreement binding both; numbered
    # through the article as they first yield a row.
    exchange_ids = {"exchange": "", "agreement": ""}
    mutual = bool(_RECIPROCAL.search(reading.fact.sentence.text))
    bare_return = _BARE_RETURN.search(reading.fact.sentence.text)
    for frame in reading.frames:
        if bare_return and rows and frame.trigger is not None and \
                (frame.start >= bare_return.start() or frame.trigger.end <= bare_return.start() < frame.end):
            # "A supplied B with shells, and in return, it has received oil": what comes back reverses the
            # sentence's flow before the cue.
            given_from, given_to = str(rows[-1]["origin_iso3"]), str(rows[-1]["destination_iso3"])
            memory.partners[("origin", given_to, "")] = given_from
            memory.partners[("destination", given_from, "")] = given_to
            bare_return = None
        both, pair_how = _agreement_pair(frame, pair, mutual, memory)
        linked = "exchange" if frame.partner else "agreement" if both else ""
        for origin, destination, category in _directions(frame, both, memory, reading.lexicon, pair_how):
            if (origin[0], destination[0], category) in seen:
                continue
            seen.add((origin[0], destination[0], category))
            if linked and not exchange_ids[linked]:
                memory.exchanges += 1
                exchange_ids[linked] = f"EXC{memory.exchanges}"
            rows.append(_row(reading, frame, origin, destination, category, exchange_ids[linked] if linked else ""))
            if _read_from_roles(rows[-1]):
                memory.remember(origin[0], destination[0], category)
    return rows


_RESPONSE = re.compile(r"\bin (?:response|reaction|retaliation|reply) to\b|\bafter\b|\bbecause\b")
_THANKED_FOR = re.compile(r"\bthank(?:s|ed|ing)?\b[^,;.]{0,60}?\bfor\b", re.IGNORECASE)
_TO_EACH_OTHER = re.compile(r"\b(?:to|with) (?:one another|each other)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|reported|announced|stated|added|confirmed|claimed|noted|revealed|"
                          r"disclosed)\b[^,.;“”\"]{0,40}$")
_BARE_RETURN = re.compile(r"\bin (?:return|exchange)\b(?! for\b)", re.IGNORECASE)
# "The deployment will include 5,000 construction workers": a flow named again, the previous sentence's.
_DEFINITE_FLOW = re.compile(r"(?:The|These|This|Those)\s+(?:[\w-]+\s+){0,3}?(?:deployments?|shipments?|transfers?|"
                            r"deliver(?:y|ies)|dispatch|supplies|arrivals?)\b")
# "at least several million shells have been sent": a flow with neither party named, the previous sentence's.
_AGENTLESS_PASSIVE = re.compile(r"\b(?:have|has|had)\s+(?:also\s+|already\s+)?been\s+(?:sent|shipped|delivered|"
                                r"supplied|transferred|provided|deployed|dispatched)\b(?!\s+(?:by|from|to)\b)")
_EXISTENTIAL = re.compile(r"\bthere (?:has|have|had) (?:also )?been\b|\bthere (?:is|are|was|were) also\b", re.IGNORECASE)
# "the deal reportedly included economic aid and ... technology": what a deal named before holds.
_DEAL_INCLUDED = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]he same)\s+(?:[\w-]+\s+)?(?:deal|agreement|arrangement|exchange|"
                            r"package|barter|trade-off|bargain)\s+(?:\w+ly\s+)?(?:also\s+)?(?:included|includes|include|"
                            r"involved|involves|covered|covers|comprised|comprises|consisted of|consists of)\b")


def _refers_to_previous_deal(sentence: str, stated: list[Mention], recent: tuple[str, str] | None) -> bool:
    """"The deal reportedly included X": X goes the previous sentence's way, when no other state is named."""
    return recent is not None and bool(_DEAL_INCLUDED.search(sentence)) and {m.iso3 for m in stated} <= set(recent)


_MATERIAL = ("troops", "weapons", "military_technology", "oil", "economic_aid", "drones")
_AGAINST = re.compile(r"\bagainst (?:the )?$")
# The troops of the previous sentence named again as the subject of a fighting verb.
_TROOPS_FIGHTING = re.compile(r"(They|(?:The|These|Those) (?:[\w-]+ )?(?:troops|soldiers|units|forces))\b[^,;.]{0,40}?"
                              r"\b(?:participated in|took part in|fought|joined|engaged in|have been fighting|"
                              r"were fighting|are fighting)\b")


def _previous_states_frame(items: list[Item], recent: tuple[str, str]) -> list[Frame]:
    """A frame for the material items of a sentence that names no state, between the previous sentence's states."""
    material = [i for i in items if i.category in _MATERIAL]
    if not material:
        return []
    frame = Frame(None, 0, items=material)
    how = "inferred: the states of the previous sentence (check)"
    frame.origins.append((1, Mention(0, 0, "", recent[0], "anaphor"), how))
    frame.destinations.append((1, Mention(0, 0, "", recent[1], "anaphor"), how))
    frame.end = max(i.end for i in material)
    return [frame]


# "approximately 10,000 North Korean(s) to Russia": a number of a state's people, with no noun after them.
_COUNT_BEFORE = re.compile(r"\b\d[\d,.]*(?:\s+(?:thousand|million))?\s+(?:(?:more|additional|elite|other)\s+)?$")


def _counted_people(sentence: str, free: list[Mention], items: list[Item]) -> list[Item]:
    """Add a troops item for a counted demonym standing for people ("10,000 North Koreans")."""
    added = [Item(m.start, m.end, "troops", m.text) for m in free
             if m.kind == "demonym" and _COUNT_BEFORE.search(sentence, max(0, m.start - 30), m.start)
             and not any(m.end <= i.start <= m.end + 20 for i in items)]
    return sorted(items + added, key=lambda i: i.start) if added else items


def _strike_where_the_targets_are(frames: list[Frame], presences: list[Frame]) -> None:
    """A strike on troops placed in another state lands in that state: "its troops killed North Korean soldiers
    who Russia had deployed to its western Kursk region" is a strike on Russia."""
    for frame in frames:
        if frame.kind != "strike" or frame.destinations or not frame.origins:
            continue
        for presence in presences:
            if any(item in frame.items for item in presence.items):
                _, place, _ = presence.destinations[0]
                frame.destinations.append((1, place, "where its targets were (check)"))
                break


def _state_within(attribution: Attribution, mentions: list[Mention]) -> str:
    """The state named inside an attribution ("Seoul has said"), else ""."""
    return next((m.iso3 for m in mentions if attribution.start <= m.start < attribution.end), "")


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


@dataclass(frozen=True)
class SentenceReading:
    """What the rules read in one sentence, shared by every row it yields."""

    fact: _SentenceFacts
    frames: list[Frame]
    attribution: Attribution | None
    cues: list[_Cue]
    quantities: list[Quantity]
    flow_dates: list[DateMention]
    statement_dates: list[DateMention]
    lexicon: Lexicon
    source_id: str
    questions: list[tuple[int, int]]
    question_cues: list[_Cue]


def _row(reading: SentenceReading, frame: Frame, origin: State, destination: State, category: str,
         exchange_id: str) -> dict[str, object]:
    """One candidate row: the flows table's columns plus ``reason``."""
    fact, frames, attribution, lexicon = reading.fact, reading.frames, reading.attribution, reading.lexicon
    cues, quantities, flow_dates, statement_dates = (reading.cues, reading.quantities, reading.flow_dates,
                                                     reading.statement_dates)
    source_id = reading.source_id
    sentence = fact.sentence
    statuses: list[tuple[str, str]] = []
    if attribution is not None:
        status = attribution.status
        if status in ("stated", "reported") and attribution.country and attribution.country == destination[0]:
            status = "claimed"  # NOTE: a state speaking of what was done to it is an interested party
        statuses.append((status, attribution.phrase))
    # NOTE: a frame that is only given in return for a promise inherits nothing from it; cues bind locally.
    applied = [c for c in cues if _cue_applies(c, frame, category, frames, sentence.text)]
    applied += [c for c in reading.question_cues if frame.trigger is not None and
                any(s <= c.start < e and s <= frame.trigger.start < e for s, e in reading.questions)]
    statuses += [(c.status, c.text) for c in applied]
    status, because = max(statuses, key=lambda s: STATUS_STRENGTH[s[0]]) if statuses else ("reported", "no attribution")
    hedge = "; ".join(dict.fromkeys(c.text for c in applied if c.status in HEDGE_STATUSES))
    if status in HEDGE_STATUSES and not hedge and attribution is not None:
        hedge = attribution.phrase if len(attribution.phrase) <= 40 else attribution.verb
    items = [i for i in frame.items if i.category == category]
    quantity = next((q for q in quantities if q.item in items), None)
    item_text = "; ".join(dict.fromkeys(i.phrase for i in items))
    if not item_text or frame.kind in ("strike", "diplomatic", "authorise") and frame.trigger is not None:
        item_text = _trigger_phrase(sentence.text, frame)
    dates = _nearest_date(frame, flow_dates, frames)
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
    accusers = [f.accuser for f in frames if f.kind == "accuse" and f.start <= frame.start and f.accuser is not None]
    if accusers:
        speaker = f"{lexicon.name(accusers[0].iso3)} (accusation)"
    reason = [f"verb:{frame.verb}" if frame.trigger else "cue:in return for" if frame.side else
              "cue:no flow word (check)" if frame.presence else "cue:no flow word",
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


def _nearest_date(frame: Frame, dates: list[DateMention], frames: list[Frame]) -> DateMention | None:
    """The date nearest the flow word, leaving out a date inside another flow word's clause ("where ... in August")."""
    if any(how.startswith("maker of the weapons used") for _, _, how in frame.origins):
        return None  # NOTE: the day a weapon was fired is not the day its maker delivered it
    own = [d for d in dates if not any(f is not frame and f.start <= d.start < f.end and not
                                       frame.start <= d.start < frame.end for f in frames)]
    strong = [d for d in own if not d.weak]
    pool = strong or own
    if not pool:
        return None
    anchor = frame.trigger.start if frame.trigger else frame.start
    return min(pool, key=lambda d: abs(d.start - anchor))

