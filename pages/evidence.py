"""Evidence reader: the article with every sentence that supports a row highlighted."""

import streamlit as st

from tracker.constants import STATUS_LABELS
from tracker.evidence import build_highlights, evidence_rows, part_at, split_parts
from tracker.filters import filter_rows, source_options
from tracker.formatting import escape_markdown
from ui.context import get_context
from ui.loaders import sentences_of

# 0/ inputs
dataset, flow_filter = get_context()
flows = filter_rows(dataset.flows, flow_filter)
figures = dataset.figures[(dataset.figures["flow_id"] == "") | dataset.figures["flow_id"].isin(flows["flow_id"])]
rows = evidence_rows(flows, filter_rows(dataset.events, flow_filter), figures)
wanted = st.query_params.get("row", "")

target = rows[rows["row_id"] == wanted]

st.title("Evidence reader")
st.caption("The article, word for word. Highlighted sentences support rows of the dataset; the list after each "
           "paragraph names them with their evidence level. Open a row from the map or the tables to mark its sentence.")
sources = source_options(dataset.sources)
source_id = target["source_id"].iloc[0] if len(target) else next(iter(sources))
if len(sources) > 1:
    source_id = st.selectbox("Article", list(sources), index=list(sources).index(source_id), format_func=sources.get)

# 1/ data
text = dataset.texts[source_id]
sentences = sentences_of(text)
highlights = build_highlights(text, rows[rows["source_id"] == source_id], sentences)
by_start = {h.start: h for h in highlights}

# 2/ render
rows = rows[rows["source_id"] == source_id]
options = [""] + rows["row_id"].tolist()
# NOTE: a dict's get, not a lambda: Streamlit keeps each widget's format_func for the whole session, and a
# lambda here would keep this run's page globals, its copy of the dataset included (memory grew per reader).
labels = {"": "Choose a flow, event or figure"} | {r: f"{r} · {label}" for r, label in zip(rows["row_id"], rows["label"],
                                                                                           strict=True)}
choice = st.selectbox("Go to the sentence of a row", options, index=options.index(wanted) if wanted in options else 0,
                      format_func=labels.get)
# NOTE: a row hidden by the filters keeps its link; only the reader's own choice replaces it.
if choice != wanted and (choice or wanted in options):
    st.query_params["row"] = choice
    wanted, target = choice, rows[rows["row_id"] == choice]
if wanted and target.empty:
    st.warning(escape_markdown(f"No row {wanted} passes the current filters."))
target_span = (int(target["quote_start"].iloc[0]), int(target["quote_end"].iloc[0])) if len(target) else None
if target_span:
    st.info(escape_markdown(f"{wanted} ({STATUS_LABELS[target['status'].iloc[0]]}): "
                            f"“{text[target_span[0]:target_span[1]]}”"), icon=":material/format_quote:")

st.metric("Sentences that support a row", f"{len(highlights)} of {len(sentences)}")
# NOTE: a long saved article is drawn one part at a time, so a view costs what it shows, not the article's length.
text_parts = split_parts(sentences)
shown = part_at(text_parts, sentences, target_span[0]) if target_span else 0
if len(text_parts) > 1:
    shown = st.selectbox("Part of the article", range(len(text_parts)), index=shown, key=f"part-{source_id}-{wanted}",
                         format_func={i: f"Part {i + 1} of {len(text_parts)}" for i in range(len(text_parts))}.get)
first, last = text_parts[shown] if text_parts else (0, 0)
paragraph, parts, notes = sentences[first].paragraph if sentences else 0, [], []
for sentence in [*sentences[first:last], None]:
    if sentence is None or sentence.paragraph != paragraph:
        st.markdown(" ".join(parts))
        if notes:
            st.caption("  \n".join(notes))
        if sentence is None:
            break
        paragraph, parts, notes = sentence.paragraph, [], []
    highlight = by_start.get(sentence.start)
    escaped = escape_markdown(sentence.text)
    if highlight is None:
        parts.append(escaped)
        continue
    is_target = target_span is not None and target_span[0] < sentence.end and target_span[1] > sentence.start
    parts.append(f":{'red' if is_target else 'orange'}-background[{escaped}]")
    notes.append("↳ " + " · ".join(f"{row_id} ({table}, {STATUS_LABELS[status].lower()})"
                                   for table, row_id, status in highlight.rows))
