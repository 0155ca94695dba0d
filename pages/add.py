"""Add an article: paste or upload it, review the proposed rows one by one, save them beside the dataset.

In shared mode only a signed-in editor saves (publishes); a reader reviews and downloads the zip.
"""

from pathlib import Path

import streamlit as st

from tracker.claims import propose_assignments
from tracker.extract import ExtractionError, extract_candidates
from tracker.provenance import shipped_article
from tracker.review import describe_joining
from tracker.userdata import (
    ArticleMeta,
    UserDataError,
    article_zip,
    build_article_tables,
    check_article,
    make_source_id,
    parse_day,
    read_article_text,
)
from ui.chrome import data_dir
from ui.context import get_context
from ui.publish import SAVED, publish, render_editor_tools, render_notices, render_sign_in
from ui.review import end_review, get_review, render_add_row, render_candidate, render_stepper, render_unproposed, start_review

# 0/ inputs
dataset, _ = get_context()
st.title("Add an article")
st.caption("Paste a news article about the same story. The app proposes rows; you accept, edit or reject each one "
           "against its sentence. Saved articles are kept beside the dataset, each as its own data package; "
           "the shipped dataset is never changed.")

editor = render_sign_in()
render_notices(reviewing=get_review() is not None)

# NOTE: the uploader is drawn only when asked for: Streamlit's drop zone carries a role="presentation" that
# screen readers and Lighthouse flag, and most readers paste.
from_file = st.toggle("Upload the article as a UTF-8 .txt file")
with st.form("article"):
    uploaded = st.file_uploader("The article, a UTF-8 .txt file", type=["txt"]) if from_file else None
    pasted = st.text_area("…or paste its text", height=180)
    left, middle, right = st.columns(3)
    headline = left.text_input("Headline", max_chars=300)
    outlet = middle.text_input("Outlet", max_chars=200)
    # NOTE: a text field, not st.date_input: the date picker's day/month/year segments are too small to touch
    # on a phone (Lighthouse target-size), and a date is typed faster than picked.
    typed_date = right.text_input("Published (YYYY-MM-DD)", value=shipped_article(dataset.sources)["published"], max_chars=10)
    proposed = st.form_submit_button("Propose rows", type="primary")
if proposed:
    try:
        published = parse_day(typed_date)
        text = read_article_text(uploaded.getvalue() if uploaded else None, pasted)
        source_id = make_source_id(headline or outlet, published, set(dataset.sources["source_id"]))
        candidates = propose_assignments(extract_candidates(text, published, dataset.places, source_id),
                                         dataset.flows, dataset.claims, outlet, text)
    except (UserDataError, ExtractionError) as error:
        st.error(f"Nothing was proposed: {error}.")
    else:
        start_review(text, ArticleMeta(source_id, headline, outlet, published), candidates)
        st.session_state.pop(SAVED, None)

# 1/ review
review = get_review()
if review is not None:
    frame = review.candidates
    st.header(f"Review {len(frame)} proposed rows")
    st.caption(review.decision_counts())
    if len(frame):
        render_stepper(review)
        countries = dataset.place_names(kind="country")
        render_candidate(review, countries, dataset.flows, dataset.claims)
    else:
        st.info("No flow was found in this text. Add rows by picking their sentences below.")
    render_unproposed(review, dataset.places, dataset.place_names())
    render_add_row(review)

    # 2/ check and save
    accepted = review.accepted_rows()
    st.subheader(f"{len(accepted)} accepted rows")
    if len(accepted):
        tables = build_article_tables(accepted, review.meta, review.text, dataset)
        st.caption(describe_joining(tables, dataset.claims))
        problems = check_article(tables, review.text, Path(data_dir()))
        if problems:
            st.error("Fix these before saving (the same rules as the shipped dataset):")
            st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)
        save, download, restart = st.columns(3)
        # NOTE: a reader in shared mode gets no Save button at all: nothing they click writes to the server.
        if editor is not None and save.button("Save the article", type="primary", disabled=bool(problems)):
            if (saved := publish(tables, review.text, editor)) is not None:
                end_review()
                # NOTE: kept for the next run: st.rerun() would wipe a message shown now.
                st.session_state[SAVED] = saved
                st.rerun()
        download.download_button("Download as a data package (zip)", article_zip(tables, review.text, dataset.package),
                                 file_name=f"{review.meta.source_id}.zip", mime="application/zip", on_click="ignore")
        if restart.button("Discard this review"):
            end_review()
            st.rerun()

# 3/ editors' tools
if editor is not None:
    render_editor_tools(editor)
