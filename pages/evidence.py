"""Evidence reader: the article with every sentence that supports a row highlighted."""

import streamlit as st

from tracker.constants import STATUS_LABELS
from tracker.evidence import (
    build_highlights,
    evidence_rows,
    find_row,
    part_at,
    reader_paragraphs,
    row_choices,
    rows_of_source,
    shown_figures,
)
from tracker.filters import filter_rows, source_options
from tracker.formatting import escape_markdown
from ui.context import get_context
from ui.loaders import parts_of, sentences_of

ARTICLE_KEY, ARTICLE_OPENED_FOR = "evidence_article", "_evidence_article_opened_for"

# 0/ inputs
dataset, flow_filter = get_context()
flows = filter_rows(dataset.flows, flow_filter)
rows = evidence_rows(flows, filter_rows(dataset.events, flow_filter), shown_figures(dataset.figures, flows))
wanted = st.query_params.get("row", "")

target = find_row(rows, wanted)

st.title("Evidence reader")
st.caption("The article, word for word. Highlighted sentences support rows of the dataset; the list after each "
           "paragraph names them with their evidence level. Open a row from the map or the tables to mark its sentence.")
sources = source_options(dataset.sources)
source_id = target["source_id"] if target else next(iter(sources))
if len(sources) > 1:
    # NOTE: a widget keeps its value over its `index`, so a row opened while the reader is on this page (a new
    # `?row=`) selects its article through the widget's key; after that the reader's own choice holds.
    opened_now = target and st.session_state.get(ARTICLE_OPENED_FOR) != wanted
    if opened_now or st.session_state.get(ARTICLE_KEY) not in sources:
        st.session_state[ARTICLE_KEY] = source_id
    source_id = st.selectbox("Article", list(sources), format_func=sources.get, key=ARTICLE_KEY)
if target and target["source_id"] != source_id:
    # another article was picked: the row quotes a text that is not shown, so it is no longer marked
    del st.query_params["row"]
    wanted, target = "", None
st.session_state[ARTICLE_OPENED_FOR] = wanted

# 1/ data
text = dataset.texts[source_id]
sentences = sentences_of(text)
rows = rows_of_source(rows, source_id)
highlights = build_highlights(text, rows, sentences)

# 2/ render
# NOTE: a dict's get, not a lambda: Streamlit keeps each widget's format_func for the whole session, and a
# lambda here would keep this run's page globals, its copy of the dataset included (memory grew per reader).
labels = row_choices(rows)
options = list(labels)
choice = st.selectbox("Go to the sentence of a row", options, index=options.index(wanted) if wanted in options else 0,
                      format_func=labels.get)
# NOTE: a row hidden by the filters keeps its link; only the reader's own choice replaces it.
if choice != wanted and (choice or wanted in options):
    st.query_params["row"] = choice
    wanted, target = choice, find_row(rows, choice)
if wanted and target is None:
    st.warning(escape_markdown(f"No row {wanted} passes the current filters."))
target_span = (int(target["quote_start"]), int(target["quote_end"])) if target else None
if target:
    st.info(escape_markdown(f"{wanted} ({STATUS_LABELS[target['status']]}): "
                            f"“{text[target_span[0]:target_span[1]]}”"), icon=":material/format_quote:")

st.metric("Sentences that support a row", f"{len(highlights)} of {len(sentences)}")
# NOTE: a long saved article is drawn one part at a time, so a view costs what it shows, not the article's length.
text_parts = parts_of(text)
shown = part_at(text_parts, sentences, target_span[0]) if target_span else 0
if len(text_parts) > 1:
    shown = st.selectbox("Part of the article", range(len(text_parts)), index=shown, key=f"part-{source_id}-{wanted}",
                         format_func={i: f"Part {i + 1} of {len(text_parts)}" for i in range(len(text_parts))}.get)
first, last = text_parts[shown] if text_parts else (0, 0)
for paragraph, notes in reader_paragraphs(sentences[first:last], highlights, target_span):
    st.markdown(paragraph)
    if notes:
        st.caption("  \n".join(notes))
