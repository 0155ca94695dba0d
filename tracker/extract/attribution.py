"""Who says so, and how sure: attributions, hedging cues and the flows each cue qualifies."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tracker.extract.roles import Frame
from tracker.extract.vocabulary import _CUE_HINTS, _CUES, _NOUN_ONLY, _TRIGGER, find_triggers

_SAY_VERBS = r"(?:was|were) quoted as saying|said|says|say|told|added|stated|announced|confirmed|reported|reports|wrote|warned|warns|claimed|claims|insisted|insists|believe|believes|believed|suggested|suggests|estimated|estimates|estimate|argued|noted"  # noqa: E501
_INVERTED = re.compile(r",[”\"]?\s*(?P<verb>said|says|reported|reports|added|wrote|told)\s+"
                       r"(?P<speaker>(?:[A-Za-z][\w.’'-]*)(?:\s+[A-Za-z][\w.’'-]*){0,8})"
                       r"(?:,\s+(?:the|a|an|its|his|her)\s+[^,;“”\"]{1,100})?\s*[.!?]?[”\"]?\s*$")
_POST_QUOTE = re.compile(
    r"(?:,[”\"]|[”\"]\s*,)\s*(?P<speaker>[^”“\"]{2,120}?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?P<verb>said|says|told|added|warned|claimed|wrote|writes|insisted|stated|reported|(?:was|were) quoted as saying)\b"
    r"[^”“\"]*$")
_TRAILING = re.compile(
    r",(?!\d)\s*(?P<speaker>[^,“”\"]{2,120}?)\s+(?:has\s+|have\s+|had\s+)?(?P<verb>" + _SAY_VERBS + r")"
    r"(?:\s+(?:the\s+)?(?:reporters|journalists|parliament|lawmakers|broadcaster|newspaper|agency)(?:\s+[A-Z][\w-]*)?)?"
    r"(?P<tail>(?:\s+(?:on\s+[A-Z][a-z]{2,4}\.?\s+\d{1,2}|on\s+\w+|last\s+\w+|this\s+\w+|earlier|yesterday|today|"
    r"in\s+\w+)){0,2}|"
    r"\s+(?!that\b)[^,“”\";.]{1,80}?)\s*[.!?]?[”’\"]?\s*$")
_LEADING = re.compile(
    r"^(?P<speaker>(?:[^.;“”\"]|(?<=\b[A-Z])\.){2,160}?)\s+(?:has\s+|have\s+|had\s+|also\s+|recently\s+)?"
    r"(?P<verb>said|says|say|told(?:\s+(?:the\s+)?(?!that\b|this\b|last\b)[a-z][\w’']*)?|warned|warns|believe|believes|believed|claimed|claims|suggested|"
    r"suggests|insisted|argued|assess(?:es|ed)?|estimated|estimates?|thinks?|(?:is|are)\s+concerned\s+(?:about|that|by|over)|"
    r"shares?\s+concerns?\s+(?:about|that|over)|reported|reports|confirmed|revealed|announced|stated|noted|"
    r"indicated|disclosed|writes|wrote)\b"
    r"(?:\s+(?:this|last)\s+(?:week|month|year)|\s+(?:on\s+)?[A-Z]\w+day|\s+that|\s+(?:they|it)\s+believed?)*"
    # "said on an SBS television programme that", "told SBS TV on Friday that": where and when it was said
    r"(?:(?P<setting>\s+(?!that\b)[^,;“”\"]{1,70}?)\s+that\b)?")
_MIDDLE = re.compile(
    r",\s*(?P<speaker>(?:[\w-]+\s+){0,3}?(?:experts?|analysts?|officials?|observers?|sources?|diplomats?))\s+"
    r"(?P<verb>believe|believed|say|said|think|suggest|fear|warn)\s*,")
# The question put to a speaker, up to the end of its clause: "Asked what Pyongyang would get, ...".
_QUESTION = re.compile(r"\b(?:[Aa]sked|when asked)\b[^,:;“”\"]*")
# NOTE: the full stops of initials ("U.S. and South Korean officials") are part of a source's name.
_NAME_CHARS = r"(?:[^,.;]|(?<=\b[A-Z])\.(?=[A-Z]\.|\s+[A-Za-z]))"
_ACCORDING = re.compile(rf"\b[Aa]ccording to (?P<speaker>{_NAME_CHARS}{{2,80}})")
# "..., citing a briefing from Seoul's intelligence agency,": whom the source relies on, no party to the flow.
_NAME = r"(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*"
_NAME_LIST = re.compile(rf"(?:,\s+{_NAME})*,?\s+and\s+{_NAME}(?=\s*[,.;]|\s*$)")
_CITING = re.compile(rf"\bciting (?P<speaker>{_NAME_CHARS}{{2,100}})")
# A wire dateline, "SEOUL (Reuters) –" or "SEOUL, South Korea (AP) —": where the report was filed, not a source.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][\w .'-]{1,40})?\s*\([A-Z][\w .&-]{0,30}\)\s*[-–—]+\s*")
_MEDIA = re.compile(r"\b(?:Journal|Times|Post|News|[Nn]ewspaper|[Aa]gency|Reuters|Bloomberg|AP|AFP|BBC|CNN|Yonhap|"
                    r"TASS|KCNA|Pravda|Guardian|Telegraph|[Bb]roadcaster|outlet|[Mm]agazine|Economist|Kyodo|NHK)\b")
_APPOSITIVE = re.compile(r"[’']s (?:[a-z-]+ ){0,4}[a-z]+, (?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+){0,3}),")
_INTRO = re.compile(r"^(?:In|On|At|During|Speaking|After|Earlier|Later)\b[^,]{0,60},\s*")


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
    if verb in ("believe", "believes", "believed", "suggested", "suggests", "estimated", "estimate", "estimates",
                "argued", "think", "thinks", "fear", "suggest", "assess", "assesses", "assessed"):
        return "assessed"
    if verb in ("claimed", "claims", "warned", "warns", "insisted", "insists"):
        return "claimed"
    if verb in ("is", "are", "share", "shares"):
        return "possible"
    if verb in ("reported", "reports", "wrote", "writes") or _MEDIA.search(speaker):
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
    if trailing and any(not trigger.noun for trigger in find_triggers(trailing.group("tail") or "")):
        trailing = None  # ", officials said troops were sent": the words after the verb are the claim
    if trailing and re.search(r"\b(?:is|are|was|were|be|been)$", trailing.group("speaker")):
        trailing = None  # ", troops are believed to be in Kursk": a hedge on the flow, not a speaker
    if trailing and not (post and trailing.start() >= post.start()):
        found.append(_attribution(trailing, trailing.start(), len(sentence), sentence))
    inverted = _INVERTED.search(sentence) if not trailing and not post else None
    if inverted and not _names_a_flow(inverted.group("speaker")):
        # "..., reported state radio Voice of Korea", "..., said John Kirby": the verb before its speaker.
        found.append(replace(_attribution(inverted, inverted.start(), len(sentence), sentence),
                             speaker=re.sub(r"(?<=[a-z]{2})\.$", "", inverted.group("speaker"))))
    leading, start = _LEADING.match(sentence), 0
    if leading and found and found[-1].verb == leading.group("verb") and \
            re.search(r",\s*$", sentence[:leading.start("verb")]):
        leading = None  # the inverted attribution at the end, not a speaker at the start
    question = _QUESTION.match(sentence)
    if question:
        # "Asked what Seoul believes ..., Shin said ...": the speaker is named after the question.
        rest = re.compile(r"[,:]\s*").match(sentence, question.end())
        start = rest.end() if rest else len(sentence)
        leading = _LEADING.match(sentence[start:])
    if leading and re.search(r"\b(?:is|are|was|were|be|been)$", leading.group("speaker")):
        leading = None  # "Belarus is believed to have sent": a hedge on the flow, not a speaker
    if leading and leading.group("setting") and _names_a_flow(leading.group("setting")):
        # "said during a visit to Pyongyang that ...": the saying verb without the setting, matched from the same start
        leading = _LEADING.match(sentence[start:start + leading.start("setting")])
    # NOTE: "X are fighting in Kursk, Seoul and Washington say": the speaker found at the end is the one;
    # the same verb read from the start would swallow the claim.
    repeated = leading is not None and any(a.start < start + leading.end() <= a.end for a in found)
    if leading and not repeated and not _names_a_flow(_INTRO.sub("", leading.group("speaker"))) and \
            leading.group("speaker").count(",") <= 4 and not sentence.startswith(("“", "\"")):
        found.append(_attribution(leading, start, start + leading.end(), sentence))
    for match in _MIDDLE.finditer(sentence):
        found.append(_attribution(match, match.start(), match.end(), sentence))
    for match in _ACCORDING.finditer(sentence):
        # "according to South Korea, Ukraine and the United States": a list of names is one source.
        listed = _NAME_LIST.match(sentence, match.end())
        end = listed.end() if listed else match.end()
        speaker = sentence[match.start("speaker"):end].strip()
        found.append(Attribution(speaker, "according to", match.start(), end,
                                 "reported" if _MEDIA.search(speaker) else "stated", sentence[match.start():end]))
    for match in _CITING.finditer(sentence):
        speaker = match.group("speaker").strip()
        found.append(Attribution(speaker, "citing", match.start(), match.end(),
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


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    text: str
    status: str
    scope: str


def _find_cues(sentence: str) -> list[_Cue]:
    lowered = sentence.lower()
    cues = [_Cue(m.start(), m.end(), m.group(), status, scope)
            for (pattern, status, scope), hints in zip(_CUES, _CUE_HINTS, strict=True)
            if any(hint in lowered for hint in hints) for m in pattern.finditer(sentence)]
    # A cue inside a longer one ("believe" in "experts believe") is the same hedge.
    return [c for c in cues if not any(o is not c and o.start <= c.start and c.end <= o.end
                                       and (o.end - o.start) > (c.end - c.start) for o in cues)]


def _cue_applies(cue: _Cue, frame: Frame, category: str, frames: list[Frame], sentence: str = "") -> bool:
    if cue.scope == "sentence":
        return True
    return any(owner is frame and wanted in ("", category) for owner, wanted in _cue_owners(cue, frames, sentence))


# A new clause of its own: "... received aid from Russia, and that Russia may help ...".
_NEW_CLAUSE = re.compile(r"[,;]\s+(?:and|but)\s+(?:that\s+)?|;")


def _cue_owners(cue: _Cue, frames: list[Frame], sentence: str = "") -> list[tuple[Frame, str]]:
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
            after = frame.trigger.end if frame.trigger is not None else frame.start
            if _NEW_CLAUSE.search(sentence, after, cue.start):
                return []  # a hedge of a later clause with no flow word of its own
            return [(frame, "")]
    return [(frames[0], "")] if frames and cue.start < frames[0].start else []

