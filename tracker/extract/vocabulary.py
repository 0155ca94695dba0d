"""The words that carry a flow: items by category, flow verbs and nouns, hedges, negations, exchanges."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tracker.extract.lexicon import _WORD

# The words that say what flows, by category, in lower case ("|" separates them; a phrase wins over
# the single word it starts with).
_CATEGORY_WORDS = {
    # NOTE: specialists and advisers sent to a war are counted with troops; "experts" alone is usually a speaker.
    "troops": "troop|troops|soldier|soldiers|servicemen|men|fighters|infantry|mercenaries|forces|units|personnel|"
              "specialists|"
              "instructors|advisers|advisors|military advisers|military experts|weapons experts|technicians|sappers|"
              "construction workers",
    "command_personnel": "general|generals|officer|officers|commander|commanders",
    "weapons": "military aid|military support|military assistance|military equipment|military hardware|missile|"
               "missiles|arms|artillery|weapon|weapons|weaponry|munition|munitions|ammunition|shells|rocket|rockets|"
               "container|containers|equipment|howitzer|howitzers|tanks|launcher|launchers|warhead|warheads|"
               "fighter jets|jets|warplanes|aircraft|helicopters|radar|radars|strike systems|missile systems|"
               "weapons systems|air defence systems|air defense systems|air-defence systems|air-defense systems|"
               "air defence system|air defense system|air-defence system|air-defense system|missile system|"
               "weapons system|combat vehicle|combat vehicles|armoured vehicles|armored vehicles",
    "military_technology": "technology|technologies|know-how|technical assistance|technical expertise|"
                           "technical help|technical support|technical advice|technological help|"
                           "technological assistance|technological support|technological aid",
    "oil": "oil|fuel|petroleum|diesel|crude|gasoline|tanker|tankers|oil tanker|oil tankers|tanker shipments|"
           "tanker shipment",
    "economic_aid": "economic support|economic aid|economic assistance|financial support|financial aid|"
                    "financial assistance|humanitarian aid|aid|money|cash|food|grain",
    "strike": "air strike|air strikes|airstrike|airstrikes|strike|strikes|attack|attacks|bombardment|shelling|bombing|"
              "incursion|incursions|offensive|invasion",
    # NOTE: the vocabulary has no propaganda category; in this story leaflets came over Pyongyang by drone, and
    # the reason column says so for the review to decide ("leaflets").
    "drones": "unmanned aerial vehicle|unmanned aerial vehicles|drone|drones|uav|uavs|shahed|shaheds|"
              "leaflet-dropping drones|leaflets|propaganda leaflets",
    "agreement": "agreement|agreements|treaty|treaties|pact|pacts|guarantee|guarantees|accord|accords|memorandum|"
                 # the Russia-North Korea treaty of June 2024 is one "on comprehensive strategic partnership"
                 "comprehensive strategic partnership|partnership agreement|partnership treaty",
    "diplomatic": "diplomatic|diplomat|diplomats|delegation|delegations",
}
# First word -> (form, category), longest form first: a word lookup instead of a long regex alternation.
_ITEM_FORMS: dict[str, list[tuple[str, str]]] = {}
for _category, _forms in _CATEGORY_WORDS.items():
    for _form in _forms.split("|"):
        _ITEM_FORMS.setdefault(_WORD.match(_form).group(), []).append((_form, _category))  # type: ignore[union-attr]
for _options in _ITEM_FORMS.values():
    _options.sort(key=lambda option: -len(option[0]))
_VERB_NOT_ITEM = re.compile(r"\b(?:to|help|helps|helped|helping)\s+$")
# A flow word that only qualifies another noun is no flow: "arms proliferation", "weapons programmes".
_CIVIL_BEFORE = re.compile(r"\b(?:sports?|ski|skiing|medical|farm|farming|agricultural|household|office|fishing|"
                           r"mining|camping|winter)\s+$", re.IGNORECASE)
_NON_FLOW_HEAD = re.compile(
    r"\s+(?:(?:and|or)\s+[a-z-]+\s+)?(?:[a-z-]+\s+)?(?:proliferation|programmes?|programs?|arsenals?|capabilit(?:y|ies)|"
    r"race|control|"
    r"tests?|testing|launch(?:es)?|industry|industries|factor(?:y|ies)|production|sites?|defen[cs]es?|"
    r"countermeasures?|jamming|interceptors?)\b")
# A flow noun that is the object of a deciding or resuming verb is sent by that verb's subject: "Kim ordered the
# dispatch of", "Russia resumed oil exports to", "China stepped up its fuel deliveries to".
_DECIDED = re.compile(r"\b(?:ordered|approved|announced|confirmed|decided on|authori[sz]ed|planned|began|started)"
                      r"\s+(?:the|a|an)\s+(?:[\w-]+\s+)?$|"
                      r"\b(?:resum(?:e|es|ed|ing)|restart(?:s|ed|ing)?|(?:step|steps|stepped|stepping) up|"
                      r"increas(?:e|es|ed|ing)|expand(?:s|ed|ing)?|continu(?:e|es|ed|ing))\s+(?:(?:the|its|their)\s+)?"
                      r"(?:[\w-]+\s+){0,2}$|"
                      # "Moscow might consider technology transfers": who weighs a transfer would make it
                      r"\b(?:consider(?:s|ed|ing)?|propos(?:e|es|ed|ing)|weigh(?:s|ed|ing)?)\s+(?:(?:the|a|an)\s+)?"
                      r"(?:[\w-]+\s+)?$")
# "Russia's Defence Minister arrived", "the Chinese foreign minister arrived": a state before an official's title.
_OFFICIAL_TITLE = re.compile(r"(?:[’']s)?\s+(?:(?:[A-Z][\w-]*|defen[cs]e|foreign|prime|deputy|top|senior|security|"
                             r"military|first|vice)\s+){0,3}(?i:ministers?|president|premier|envoys?|ambassador|"
                             r"officials?|delegations?|leader|secretary|spokes(?:man|woman|person)|chief|chairman|"
                             r"counterparts?)\b")
# "the war in Ukraine", "to fight against Ukraine", "on the front line in Ukraine": the theatre of a war, not the
# receiver of what is sent to it.
_THEATRE = re.compile(r"\b(?:war|wars|fight|fighting|invasion|offensive|battles?|combat|(?:on|near|at|along) the "
                      r"front(?:[ -]?lines?)?)\s+"
                      r"(?:in|against|on|with|inside)?\s*(?:the\s+)?$|\bagainst\s+(?:the\s+)?$", re.IGNORECASE)
_VICTIMS_BEFORE = re.compile(r"\b(?:soldiers|troops|servicemen|fighters|men|personnel|civilians|people)\s+$")
_CONTROLS_AFTER = re.compile(r"\s+(?:controls?|restrictions?|bans?|licen[cs]es?|regimes?|curbs?)\b")
_PARTICIPLE_AFTER = re.compile(r"\s+(?:in|during|by|while|when|near|on|at)\b")
_WEAPON_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:weapons?|arms|capabilit(?:y|ies)|systems?|missiles?|drones?|operations?)\b")
# "in support of Moscow's military offensive", "backing Russia's invasion": a war named as what is supported.
_SUPPORTED_WAR = re.compile(r"\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|aid(?:s|ed|ing)?)\s+(?:(?:of|for)\s+)?"
                            r"(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}(?:[a-z-]+\s+)?$")
_INVITED_TO = re.compile(r"\binvit(?:e|es|ed|ing)\b[^,;.]{0,40}\bto\s+$", re.IGNORECASE)
_DEPLOYED_AGAINST = re.compile(r"\s+(?:[\w-]+\s+){0,3}?against\b")
_ORDINALS = "first|second|third|fourth|fifth|latest|next"
_VISIT_BEFORE = re.compile(r"\b(?:visit|trip|tour)s?\b", re.IGNORECASE)
# "killed fighting for Russia", "killed and thousands more wounded while fighting alongside": who the dead fought for.
_FOUGHT_FOR = (r"(?:\s+and\s+(?:[\w-]+\s+){0,3}?(?:wounded|injured|killed))?\s+(?:(?:while|when)\s+)?"
              r"(?:fighting|serving)\s+(?:for|alongside|beside)\b")
# "Army General Sergei Shoigu", "Commander Oleksandr Syrskyi": a capitalised rank before a name is a title.
_TITLE_RANK = re.compile(r"[A-Z][a-z]+ (?:[A-Z]\.? )?[A-Z][a-z]")
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
        if _VERB_NOT_ITEM.search(sentence, 0, start) and sentence[start:end].lower() in ("aid", "fuel", "support", "help"):
            continue  # "to aid its war", "to help fuel Putin's war": a verb, not what flows
        if index + 1 < len(found):
            gap = sentence[end:found[index + 1][0]]
            # "missile technology", "aid agreement", "artillery shells": the second word is the head.
            between = gap.strip(" -")
            if gap[:1] in (" ", "-") and gap[-1:] in (" ", "-") and (
                    not between or re.fullmatch(r"[a-z-]+", between) and between not in _NOUN_PHRASE_STOP):
                continue
        if _NON_FLOW_HEAD.match(sentence, end) or category == "command_personnel" and _TITLE_RANK.match(sentence, start):
            continue
        if category == "weapons" and _CIVIL_BEFORE.search(sentence, max(0, start - 30), start):
            continue  # "winter sports equipment", "farm equipment": no arms
        if index + 1 < len(found) and re.fullmatch(r"\s+and\s+other\s+(?:[a-z-]+\s+)?", sentence[end:found[index + 1][0]]):
            continue  # "missile and other technology": a kind of what follows
        if items and items[-1].phrase.lower().endswith(("delegation", "delegations")) and \
                re.fullmatch(r" of (?:its |their |the )?(?:[\w-]+ ){0,3}", sentence[items[-1].end:start]):
            continue  # "a delegation of military officers": the delegation is what is sent
        items.append(Item(start, end, category, _noun_phrase(sentence, start, end)))
    return _split_heads(sentence, items)


# "economic and military technology support": the first adjective takes the shared head, a flow of its own.
_SPLIT_HEAD = re.compile(r"\b(?P<first>economic|financial|humanitarian|military|technical|technological)\s+(?:and|or)\s+"
                         r"(?:[\w-]+\s+){0,2}?(?P<head>support|aid|assistance|help)\b", re.IGNORECASE)


def _split_heads(sentence: str, items: list[Item]) -> list[Item]:
    """Add the flow of the first adjective of a coordination that shares its head with the second."""
    added = []
    for match in _SPLIT_HEAD.finditer(sentence):
        form = f"{match.group('first').lower()} {match.group('head').lower()}"
        category = next((c for f, c in _ITEM_FORMS.get(match.group("first").lower(), ()) if f == form), None)
        if category and not any(i.start == match.start() for i in items):
            added.append(Item(match.start(), match.end("first"), category, form))
    return sorted(items + added, key=lambda i: i.start) if added else items


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


_CUES = (
    # (pattern, status, scope): "verb" cues bind only to the flow word they are in or just before ("will send",
    # "agreed to supply"), "frame" cues also to the flow whose words they stand among, "item" cues to the next noun.
    (re.compile(r"\b(?:could|might|would|possibility)\b|"
                r"(?<!\bin )(?<!\bIn )(?<!\bof )(?<!\bsince )(?<!\buntil )(?<!\bby )(?<!\blast )"
                r"(?<!\bthis )(?<!\bearly )(?<!\blate )(?<!\bmid-)(?<!\bon )\b[Mm]ay(?: have| well)?\b(?! \d)"),
     "possible", "frame"),
    (re.compile(r"\b(?:(?:concerned|worried|fears?) (?:about|over) )?(?:possible|potential|possibly|feared)\b",
                re.IGNORECASE), "possible", "item"),
    (re.compile(r"\b(?:promised|promises|pledged|pledges|vowed|agreed|agrees|signed|signs|sign|committed|offered|"
                r"offers|"
                r"will|plans? to|intends? to|(?:is|are) set to|(?:willing|ready|prepared) to)\b"),
     "promised", "verb"),
    # "... to finalize a deal on US access": an agreement still to be made, unless promised ("set to sign")
    (re.compile(r"(?<!set )(?<!plans )(?<!plan )(?<!due )(?<!agreed )(?<!ready )(?<!expected )(?<!going )"
                r"\bto(?= (?:finali[sz]e|reach|strike|seal|clinch) (?:a |an |the )?(?:[\w-]+ ){0,2}?"
                r"(?:deal|agreement|accord|pact)s?\b)"),
     "possible", "verb"),
    # "Pyongyang is seeking military assistance from Russia", "is preparing to send", "forecast North Korea to
    # deploy": what is wanted, prepared or foreseen has not been given.
    (re.compile(r"\b(?:seek|seeks|seeking|sought|wants?|wanted|(?:is|are|was|were) preparing to|prepar(?:es|ed) to|"
                r"forecasts?|forecast(?:ed)?)\b"),
     "possible", "verb"),
    (re.compile(r"\b(?:claimed|claims|alleged|allegedly|accused|accuses|insisted|insists|warned|warns)\b"),
     "claimed", "sentence"),
    (re.compile(r"\b(?:is|are|was|were) (?:thought|believed|understood|assessed|estimated|expected|said) to\b|"
                r"\b(?:[Ee]xperts?|[Aa]nalysts?|[Oo]bservers?|[Oo]fficials|[Tt]hey|[Ww]e) (?:believe|believed|think|thought|"
                r"suspect|suspected|assess|assessed)\b|\b(?:believed?|believes|suspects?|suspected|suggested|suggests|"
                r"appears?|appeared|seems?|seemed|apparently|likely|probably|reportedly)\b|"
                # "The United States assess that ...": whoever assesses, it is an assessment
                r"\b(?:[Ii]t is|[Ii]t was|[Ii]t has been) understood\b|\b[Ww]e understand\b|\bassess(?:es|ed)? that\b"),
     "assessed", "sentence"),
    (re.compile(r"\b(?:identified|confirmed)\b"), "stated", "sentence"),
)
# Words under which a flow is not asserted: denied, doubted, left open ("it was unclear whether"), refused comment.
# NOTE: words one of which each cue above needs, in the same order: a substring test first skips the pattern
# on most sentences, which keeps long texts fast.
_CUE_HINTS = (
    ("could", "might", "would", "may", "possibility"),
    ("possib", "potential", "feared"),
    ("promis", "pledg", "vow", "agree", "sign", "commit", "offer", "will", "plan", "intend", "set to", "ready to",
     "prepared to"),
    ("to finali", "to reach", "to strike", "to seal", "to clinch"),
    ("seek", "sought", "want", "prepar", "forecast"),
    ("claim", "alleg", "accus", "insist", "warn"),
    ("thought", "believ", "understood", "understand", "assess", "estimat", "expect", "said to", "suspect", "think",
     "suggest", "appear", "seem", "apparent", "likely", "probabl", "reportedly"),
    ("identified", "confirmed"),
)
_NEGATION = re.compile(r"\b(?:not(?! only\b)|never|no longer|"
                       # "sent no weapons", but not "no doubt", "no less than"
                       r"no(?= [a-z])(?! (?:doubt|less|more|matter)\b)|"
                       r"neither|nor|unlikely|denied|denies|deny|downplay(?:s|ed|ing)?|"
                       r"rul(?:e|es|ed|ing) out|refus(?:e|es|ed|ing) to|declin(?:e|es|ed|ing) to|unclear|uncertain|"
                       r"dismiss(?:es|ed|ing)?|"
                       r"no evidence|(?:has|have|had) yet to|unconfirmed|without confirming|"
                       # what is forbidden or prevented does not happen: "prohibits the export of all weapons",
                       # "deterring Pyongyang from sending more troops"
                       r"prohibit(?:s|ed|ing)?|forbid(?:s|den|ding)?|ban(?:s|ned|ning)?|deterr?(?:s|ed|ing)?|"
                       r"prevent(?:s|ed|ing)?|dissuad(?:e|es|ed|ing)|discourag(?:e|es|ed|ing)|"
                       # "was opposed to Ukraine firing ATACMS into Russia": what is opposed has not happened
                       r"oppos(?:e|es|ed|ing) to|object(?:s|ed|ing)? to)\b|n[’']t\b",
                       re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless|in the case of|in case of|in the event of)\b", re.IGNORECASE)


_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_TRIGGER_WORDS = (
    ("receive", r"(?:has|have|had|was|were|is|are|being)\s+(?:also\s+|now\s+|already\s+)?been\s+"
                r"(?:promised|offered|given|granted|sold|supplied|provided)"),
    ("receive", r"receiv(?:e|es|ed|ing)|acquir(?:e|es|ed|ing)|obtain(?:s|ed|ing)?|import(?:s|ed|ing)?|bought|"
                # "Russia has engaged troops from North Korea"; "engaged in combat" is no receiving
                r"engag(?:e|es|ed|ing)(?! in\b)|"
                r"buy(?:s|ing)?|purchas(?:e|es|ed|ing)|procur(?:e|es|ed|ing)|(?:seek(?:s|ing)?|sought|want(?:s|ed)?)(?! to\b)|"
                r"(?:gain(?:s|ed|ing)?|get(?:s|ting)?|got(?:ten)?)(?= (?:[\w’'-]+ ){0,3}?(?:technolog|know-how|"
                r"aid|assistance|support|weapons|missiles|shells|systems|equipment|arms|ammunition|oil|fuel|food|"
                r"cash|money)\w*)|"
                # "Russia relies on North Korean shells": what a state depends on comes to it
                r"(?:reli(?:es|ed)|rely(?:ing)?|depend(?:s|ed|ing)?) (?:heavily )?on"),
    ("give", r"drop(?:s|ped|ping)|"
             # "the provision of weapons", but not "provisions of the treaty"
             r"provisions?(?= of\b)(?! of (?:the |this |that |its |their )?(?:[\w-]+ ){0,3}(?:treaty|agreement|"
             r"partnership|pact|accord|law|resolution|charter)\b)|transport(?:s|ed|ing|ation)?|"
             r"head(?:s|ed|ing)? (?:to|for|towards?)|"
             r"sen(?:d|ds|ding|t)|suppliers?|providers?|"
             r"deliver(?:s|ed|ing|y|ies)?|suppl(?:y|ies|ied|ying)|"
             r"ship(?:s|ped|ping|ments?)|"
             r"transfer(?:s|red|ring)?|provid(?:e|es|ed|ing)|gave|giv(?:e|es|en|ing)|export(?:s|ed|ing)?|sold|"
             r"sell(?:s|ing)?|sales?(?! of (?:the |its |their )?(?:[\w-]+ ){0,3}(?:shares?|stakes?|assets?|bonds?)\b)|"
             r"dispatch(?:es|ed|ing)?|deploy(?:s|ed|ing|ments?)?|arriv(?:al|ed|ing|es)|"
             # "Putin landed in Pyongyang", "the plane carrying Putin touched down at Sunan Airport in Pyongyang"
             r"(?:land(?:s|ed|ing)|touch(?:es|ed|ing) down)(?= (?:at|in)\b)|"
             r"hand(?:s|ed|ing)? over|reward(?:s|ed|ing)?|repa(?:y|ys|id|ying)|compensat(?:e|es|ed|ing)|"
             r"promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|offer(?:s|ed|ing)?|assigned to|"
             r"station(?:s|ed|ing)|join(?:s|ed|ing)? the (?:battlefield|war|fight(?:ing)?|front(?:line)?s?)|"
             r"(?:fight|fights|fighting|fought|serv(?:e|es|ed|ing)|train(?:s|ed|ing)?) (?:beside|alongside|"
             r"for(?= (?:the )?[A-Z]))|participat(?:e|es|ed|ing) in|participation|"
             # "willing to help the North build satellites": know-how for another state's programme
             r"help(?:s|ed|ing)?(?= (?:[\w’'-]+ ){1,3}(?:build|develop|launch|produce|make) (?:[\w’'-]+ ){0,3}?"
             r"(?:satellites?|space|missiles?|rockets?|nuclear|submarines?|reactors?|warheads?|drones?)\b)"),
    ("strike", r"strik(?:e|es|ing)|struck|hit(?:s|ting)?|attack(?:s|ed|ing)?|bomb(?:ed|ing)|shell(?:ed|ing)|"
               # NOTE: "Russia's invasion of Ukraine" is the war's background; an invasion is read as a strike
               # only with its agent named: "the invasion of the Russian Federation by the Ukrainian authorities".
               # "soldiers killed fighting for Russia": who the dead fought for, not who killed them
               r"kill(?:s|ed|ing)?(?!" + _FOUGHT_FOR + r")|target(?:s|ed|ing)|incursions?|offensives?|"
               r"invasions?(?= of (?:the )?(?:[\w’'-]+ ){1,4}by\b)|"
               # "Russia's invasion of Ukraine in 2022": an invasion dated is an event, not the war's background
               r"invasions?(?= of (?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)? in "
               r"(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+ )?\d{4}\b)|"
               # "Ukrainian forces seized Russian territory": land taken by force
               r"(?:seiz(?:e|es|ed|ing)|captur(?:e|es|ed|ing)|occup(?:y|ies|ied|ying))"
               r"(?= (?:(?:the|a|an|some|more) )?(?:[\w’'-]+ ){0,2}?(?:territory|territories|land|villages?|towns?|"
               r"regions?|areas?)\b)|"
               # "after it invaded Ukraine", "troops who thrust across the border into the Kursk region"
               r"(?<!\bit )(?<!\bthey )invad(?:e|es|ed|ing)(?= (?:the )?[A-Z])|"
               r"(?:thrust(?:s|ing)?|push(?:es|ed|ing)?|cross(?:es|ed|ing)?|stormed|advanc(?:e|es|ed|ing))"
               r"(?= (?:[\w’'-]+ ){0,4}?into\b)|"
               r"stag(?:e|es|ed|ing)(?= (?:[\w-]+ ){0,3}?(?:incursion|offensive|attack|strike|invasion)s?\b)|"
               # NOTE: "launch" strikes only when aimed: "on May 27" is when, not at what.
               r"(?:launch(?:es|ed|ing)?|fir(?:e|es|ed|ing))(?= (?:[\w’'-]+ ){0,8}?(?:at|against|into|"
               r"on(?! (?:" + _MONTH_NAMES + r")\b)) |"
               r" (?:[\w-]+ ){0,3}?(?:incursion|offensive|attack|strike|invasion)s?\b)"),
    ("authorise", r"authori[sz](?:e|es|ed|ing|ation)|allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|approv(?:e|es|ed|ing)"),
    ("diplomatic", r"denounc(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|visit(?:s|ed|ing)?|"
                   r"travell?(?:ed|ing|s)?(?: (?:overland|abroad|by train|by air|again))? to|met|"
                   r"invit(?:e|es|ed|ing)|"
                   # "Putin's first trip to North Korea", "Shoigu's second to Pyongyang": a visit, its noun left out
                   r"trips?(?= to\b)|(?<=[’']s )(?:" + _ORDINALS + r")(?= to (?:the )?[A-Z])|"
                   # "Kim's extended tour of Russia's far eastern region"
                   r"tours?(?= of\b)|"
                   r"thank(?:s|ed|ing)?|"
                   r"meet(?:s|ing)?|talks(?= with\b)|summon(?:s|ed|ing)?|snubb?(?:s|ed|ing)?|protest(?:s|ed|ing)?|stayed away|"
                   r"ambassadors?|envoys?|embass(?:y|ies)"),
    ("agree", r"sign(?:s|ed|ing)?|agree(?:s|d|ing)?|cooperat(?:e|es|ed|ing|ion)|treaty|pact|"
              r"agreements?(?= (?:between|reached|signed|concluded|struck)\b)|"
              # "to finalize a deal on US access", "had made a similar deployment deal"
              r"(?:finali[sz](?:e|es|ed|ing)|reach(?:es|ed|ing)?|str(?:ike|ikes|uck|iking)|seal(?:s|ed|ing)?|"
              r"clinch(?:es|ed|ing)?|made|mak(?:e|es|ing)) (?:a |an |the )?(?:[\w-]+ ){0,2}?(?:deals?|agreements?)\b|"
              r"(?<=comprehensive strategic )partnership(?= (?:between|with)\b)"),
    ("accuse", r"accus(?:e|es|ed|ing)"),
    # "Ukraine's use of US and British-French long-range weapons": the user receives what the makers supplied.
    ("use", r"use of"),
)
_TRIGGER = re.compile("|".join(f"(?P<t{n}>\\b(?:{pattern})\\b)" for n, (_, pattern) in enumerate(_TRIGGER_WORDS)),
                      re.IGNORECASE)
# The cues of an exchange; a bare "for" counts only before troops or a giving verb ("received missiles for
# sending troops", "what Pyongyang has received for the troops"), where it names what was paid.
_EXCHANGE = re.compile(r"\bin (?:return|exchange) for\b|\brepaid (?:with|by)\b|\bpaid (?:for )?with\b|"
                       r"[“\"‘]?\bpayment\b[”\"’]? for\b|\b(?:exchanged|traded|swapped) for\b|\bbarter(?: deal)? for\b|"
                       r"\bfor(?= (?:(?:the|its|their|[A-Z][\w-]*[’']s) )?(?:troops?\b|soldiers\b|"
                       r"(?:sending|deploying|dispatching|supplying|providing)\b))", re.IGNORECASE)
_RECIPROCAL = re.compile(r"\b(?:mutual|both countries|both sides|each other|one another|cooperat\w*|jointly|bilateral)\b",
                         re.IGNORECASE)
_PRONOUN_START = re.compile(r"^(?:They|The leaders|The two leaders|The two countries|Both countries|Both leaders|"
                            r"The two sides|Both sides|The pair|"
                            # "The two signed a treaty", "The two also agreed": the two of the previous sentence
                            r"The two(?= (?:(?:also|then|later|have|had|will) )?[a-z]+ed\b))\b")
_NOUN_ONLY = re.compile(r"deployments?|sales?|trips?|tours?|talks|suppliers?|providers?|" + _ORDINALS + r"|"
                        r"deliver(?:y|ies)|shipments?|provisions?|incursions?|offensives?|invasions?|arrival|"
                        r"transportation|"
                        r"ambassadors?|"
                        r"participation|"
                        r"envoys?|embass(?:y|ies)|use of|"
                        r"treaty|pact|agreements?|cooperation|partnership|authori[sz]ation", re.IGNORECASE)
_AMBIGUOUS_NOUN_VERB = re.compile(r"strikes?|attacks?|targets?|transfers?|dispatch(?:es)?|suppl(?:y|ies)|ships?|exports?|"
                                  r"visits?|offers?|promises?|meetings?", re.IGNORECASE)
# Words that carry a flow only as verbs ("Russia and Iran sign a pact", not "a sign of").
_VERB_UNLESS_NOUN = re.compile(r"signs?|kills?|allows?|permits?|summon|imports?|launch(?:es)?|hits?", re.IGNORECASE)
# "Russia supplies refined oil", "Pyongyang ships shells": after a bare name (no "'s") and before its object, a
# third-person verb, not a noun ("the Russian supplies", "Russia's supplies of oil", "US strikes on Syria").
_NAME_THEN_VERB = re.compile(r"(?:^|[^’'\w])[A-Z][\w-]*(?<![’']s)\s+(?:(?:also|now|still|reportedly|regularly)\s+)?$")
_OBJECT_AFTER = re.compile(r"\s+(?!(?:of|on|to|from|in|at|for|and|or|were|was|are|is|have|has|had|by|with|against|"
                           r"into|over|that|which|after|as|since|during)\b)[A-Za-z\d]")
_DETERMINED_NAME = re.compile(r"\b(?:the|a|an|its|their|this|these|those)\s+[A-Z][\w-]*\s+$", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:a|an|the|this|that|its|their|his|her|our)(?:\s+(?:latest|clearest|clear|first|"
                                r"further|new|strong|strongest|early|growing|sure|another))?|[’']s)\s+$", re.IGNORECASE)
_VERB_BEFORE = re.compile(r"(?:\b(?:it|they|he|she|which|who|has|have|had|will|would|could|may|might|to|did|does|do|"
                          r"is|are|was|were|be|been|being)\s+(?:(?:also|then|now|already|reportedly|recently|"
                          r"allegedly|repeatedly)\s+)*)$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_COORDINATION = re.compile(r",? (?:and |or )?(?:the )?|, ")
# "accused B of ...", and "accused B of using missiles supplied by A": the weapons B used, what A gave B.
_ACCUSED_OF = re.compile(r"\baccus\w*\s+(?P<who>.{1,60}?)\s+of\s+(?:\w+ly\s+)?(?:(?:using|employing|firing|launching)\s+"
                         r"(?:[\w’'-]+\s+){1,8}?|(?:preparing|planning|trying|attempting|seeking|helping)\s+to\s+)?$")
_IRREGULAR_PARTICIPLES = frozenset({"sent", "struck", "hit", "sold", "given", "bought", "met", "shot"})
_PRONOUN_SUBJECT = re.compile(r"\b(?:[Ii]t|they)\s+(?:(?:has|have|had|also|then|now|already|reportedly)\s+)*$")
# "it may consider supplying", "they would send": a pronoun subject further from its verb.
_PRONOUN_SUBJECT_FAR = re.compile(r"\b(?:it|they)\s+(?:(?:has|have|had|also|then|now|already|reportedly|may|might|could|"
                              r"would|will|can|is|are|was|were|be|consider(?:s|ed|ing)?|plan(?:s|ned)?\s+to|"
                              r"intend(?:s|ed)?\s+to|decided\s+to|agreed\s+to|continue[sd]?\s+to|set\s+to|"
                              r"ready\s+to)\s+)*$")
_PREPOSITIONS = frozenset("to from in of for with against by on at into over beside alongside about inside across "
                          "than like as towards toward under near between among via".split())
_LOCATION_NOUNS = frozenset("territory territories lines line borders border soil city cities town towns region regions "
                            "province provinces oblast oblasts villages front frontline positions airspace waters "
                            "capital port ports seaports east west north south northeast northwest southeast southwest "
                            "land Far".split())  # "Far": "the Russian Far East"
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
    head: int = -1  # a reduced relative ("missiles supplied by X"): where the noun phrase it qualifies starts


# Between the things a reduced relative qualifies and its participle: "troops from North Korea sent to ...".
_HEAD_TO_PARTICIPLE = re.compile(r"(?:\s+from\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4}?)?"
                                 r"(?:\s+(?:[a-z]+ed|made|built|produced)\s+(?:and|or))?\s*")
_ITEM_CHAIN = re.compile(r"(?:,|,?\s+(?:and|or))\s+(?:[\w-]+\s+){0,2}")


# Between the subject of a passive and its verb: "troops have been sent", "shells were reportedly delivered".
_SUBJECT_TO_PASSIVE = re.compile(r"\s+(?:(?:have|has|had|will|would|could|may|might|are|is)\s+)?"
                                 r"(?:(?:been|be|being|were|was|are|is)\s+)(?:[a-z]+ly\s+)?")


# "North Korean soldiers who fought alongside Moscow's troops": a relative clause's verb moves its head noun.
_WHO = re.compile(r",?\s+(?:who|which|that)\s+(?:(?:had|have|has|also|reportedly|were|are)\s+)*")


def mark_reduced_relatives(sentence: str, triggers: list[Trigger], items: list[Item]) -> list[Trigger]:
    """What a giving participle moves, when it is named just before it, belongs to it.

    A participle right after what it moves is passive: "missiles supplied by North Korea", "weapons and troops
    from North Korea sent to assist Russia", and the subject before is then no sender. The subject of a passive
    ("10,000 North Korean troops have been sent to Kursk") is its own, not the previous flow word's.
    """
    marked = []
    for trigger in triggers:
        before = [i for i in items if i.end <= trigger.start]
        if trigger.kind != "give" or trigger.noun or not before:
            marked.append(trigger)
        elif _WHO.fullmatch(sentence, before[-1].end, trigger.start):
            marked.append(replace(trigger, head=_chain_start(sentence, before)))  # "soldiers who fought alongside"
        elif trigger.passive and _SUBJECT_TO_PASSIVE.fullmatch(sentence, before[-1].end, trigger.start):
            marked.append(replace(trigger, head=_chain_start(sentence, before)))
        elif not trigger.passive and re.fullmatch(r"[a-z]+(?:ed|en)|sent|sold|given|shipped", trigger.text) and \
                _HEAD_TO_PARTICIPLE.fullmatch(sentence, before[-1].end, trigger.start):
            marked.append(replace(trigger, passive=True, head=_chain_start(sentence, before)))
        else:
            marked.append(trigger)
    return marked


def _chain_start(sentence: str, before: list[Item]) -> int:
    """Where the items named together just before a flow word start: "weapons and troops", "shells, rockets"."""
    head = before[-1]
    for item in reversed(before[:-1]):
        if not _ITEM_CHAIN.fullmatch(sentence, item.end, head.start):
            break
        head = item
    return head.start


def find_triggers(sentence: str) -> list[Trigger]:
    """Find the verbs and nouns that carry a flow, telling nouns ("the dispatch") from verbs ("dispatched")."""
    triggers = []
    for match in _TRIGGER.finditer(sentence):
        kind = _TRIGGER_WORDS[int(match.lastgroup[1:])][0]  # type: ignore[index]
        word = match.group()
        if kind == "give" and _DEPLOYED_AGAINST.match(sentence, match.end()) and word.lower().startswith("deploy"):
            kind = "strike"  # "missiles, which the Russian military has deployed against Ukraine": used on it
        before = sentence[max(0, match.start() - 40):match.start()]
        if _carries_no_flow(sentence, match, kind, before):
            continue
        if _NOUN_ONLY.fullmatch(word):
            noun = True
        elif _VERB_UNLESS_NOUN.fullmatch(word):
            if _DETERMINER_BEFORE.search(before):
                continue  # "as a sign of", "the launch": the noun carries no flow
            noun = False
        elif _AMBIGUOUS_NOUN_VERB.fullmatch(word):
            third_person = word.lower().endswith("s") and bool(_NAME_THEN_VERB.search(before)) and \
                not _DETERMINED_NAME.search(before) and bool(_OBJECT_AFTER.match(sentence, match.end()))
            noun = _VERB_BEFORE.search(before) is None and not third_person
        else:
            noun = False
        participle = word.lower().endswith(("ed", "en")) or word.lower() in _IRREGULAR_PARTICIPLES
        passive = kind != "receive" and not noun and participle and bool(_PASSIVE_BEFORE.search(before))
        triggers.append(Trigger(kind, match.start(), match.end(), word, noun, passive))
    return triggers


def _carries_no_flow(sentence: str, match: re.Match[str], kind: str, before: str) -> bool:  # noqa: PLR0911
    """A flow word in a use that carries no flow: an adjective, a policy, the dead, a hypothesis, a background war."""
    word = match.group()
    noun_only = bool(_NOUN_ONLY.fullmatch(word))
    if re.fullmatch(_ORDINALS, word) and not _VISIT_BEFORE.search(sentence, 0, match.start()):
        return True  # "Russia's second to Ukraine in the rankings": an ordinal is a visit only after one
    if _INVITED_TO.search(sentence, max(0, match.start() - 60), match.start()):
        return True  # "Putin invited Kim to visit Moscow": the invitation is the move, the visit is not made
    if kind == "strike" and word.lower() == "killed" and _VICTIMS_BEFORE.search(before) and \
            _PARTICIPLE_AFTER.match(sentence, match.end()):
        return True  # "one of the North Korean soldiers killed in action": the dead, not who killed them
    if before.endswith("-") and (kind == "give" or kind == "strike" and word.lower().endswith("ing")):
        return True  # "North Korean-supplied missiles", "heavy-hitting sanctions": adjectives
    if kind == "give" and _CONTROLS_AFTER.match(sentence, match.end()):
        return True  # "export controls", "sales restrictions": a policy, not a flow
    if noun_only and re.search(r"\bany\s+(?:[\w-]+\s+)?$", before):
        return True  # "any arms transfers would violate sanctions": no transfer is said to have happened
    if word.lower() == "offensive" and _WEAPON_AFTER.match(sentence, match.end()):
        return True  # "defensive and offensive weapons": an adjective
    # "in support of Moscow's military offensive in Ukraine": the war's background, no new strike
    return noun_only and kind == "strike" and bool(_SUPPORTED_WAR.search(before))

