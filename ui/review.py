"""The review of proposed rows, one candidate at a time, kept in the session until saved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.claims import NEW_CLAIM, claim_choices
from tracker.constants import CATEGORY_CODES, CATEGORY_LABELS, STATUS_CODES, STATUS_LABELS
from tracker.evidence import split_parts, split_sentences
from tracker.formatting import escape_markdown
from tracker.review import (
    Review,
    find_unproposed_sentences,
    option_index,
    row_from_sentence,
    sentence_choices,
    sentence_span,
)
from tracker.sentences import paragraph_around
from tracker.userdata import ArticleMeta, blank_candidate


def get_review() -> Review | None:
    """The review in progress in this session, if any."""
    return st.session_state.get("_review")


def start_review(text: str, meta: ArticleMeta, candidates: pd.DataFrame) -> None:
    """Begin reviewing freshly proposed candidates (all pending)."""
    st.session_state["_review"] = Review.of(text, meta, candidates)


def end_review() -> None:
    """Forget the review (after saving, or to start again)."""
    st.session_state.pop("_review", None)


def render_stepper(review: Review) -> None:
    """Previous / next buttons through the candidates.

    NOTE: buttons, not a slider whose default follows the position: a widget whose identity
    changes on every decision is re-created, and a click landing during that rerun was lost.
    """
    previous, _, following = st.columns([1, 4, 1])
    if previous.button("◀ Previous", disabled=review.position == 0, width="stretch"):
        review.position -= 1
        st.rerun()
    if following.button("Next ▶", disabled=review.position >= len(review.candidates) - 1, width="stretch"):
        review.position += 1
        st.rerun()


def render_candidate(review: Review, countries: dict[str, str], flows: pd.DataFrame, claims: pd.DataFrame) -> None:
    """One candidate: its sentence highlighted in its paragraph, why it was proposed, and a form to edit and decide.

    ``flows`` and ``claims`` are the dataset the article joins: the row is matched to one of its claims.
    """
    frame = review.candidates
    row = frame.iloc[review.position]
    before, quote, after = paragraph_around(review.text, int(row["quote_start"]), int(row["quote_end"]))
    st.markdown(f"**Candidate {review.position + 1} of {len(frame)}** · {row['decision']}")
    st.markdown("> " + escape_markdown(before) + ":orange-background[" + escape_markdown(quote) + "]"
                + escape_markdown(after))
    st.caption(escape_markdown(f"Why proposed: {row.get('reason', '')}"))
    codes = sorted(countries, key=countries.get)
    with st.form(f"candidate-{review.position}", border=True):
        left, right = st.columns(2)
        values = {
            "origin_iso3": left.selectbox("From", codes, index=option_index(codes, row["origin_iso3"]),
                                          format_func=countries.get),
            "destination_iso3": right.selectbox("To", codes, index=option_index(codes, row["destination_iso3"]),
                                                format_func=countries.get),
            "category": left.selectbox("What flows", CATEGORY_CODES, index=option_index(CATEGORY_CODES, row["category"]),
                                       format_func=CATEGORY_LABELS.get),
            "status": right.selectbox("Evidence", STATUS_CODES, index=option_index(STATUS_CODES, row["status"]),
                                      format_func=STATUS_LABELS.get),
        }
        values["item"] = st.text_input("Item, in the article's terms", value=str(row["item"]))
        a, b, c, d = st.columns(4)
        values["quantity_low"] = a.text_input("At least (lower bound)", value=str(row["quantity_low"]))
        values["quantity_high"] = b.text_input("At most (upper bound)", value=str(row["quantity_high"]))
        values["quantity_text"] = c.text_input("Quantity's words", value=str(row["quantity_text"]))
        values["unit"] = d.text_input("Unit", value=str(row["unit"]))
        a, b, c = st.columns(3)
        values["date_start"] = a.text_input("From date (YYYY, YYYY-MM or YYYY-MM-DD)", value=str(row["date_start"]))
        values["date_end"] = b.text_input("To date", value=str(row["date_end"]))
        values["exchange_id"] = c.text_input("Exchange (same value = given in return)", value=str(row["exchange_id"]))
        values["hedge"] = st.text_input("Hedge, the text's own words", value=str(row["hedge"]))
        values["attributed_to"] = st.text_input("Says who", value=str(row["attributed_to"]))
        choices = claim_choices(row.to_dict(), flows, claims)
        left, right = st.columns(2)
        values["claim_id"] = left.selectbox(
            "Claim: the flow this row asserts", list(choices), index=option_index(choices, row.get("claim_id", NEW_CLAIM)),
            format_func=choices.get, help="Proposed from the direction, category, status and words. Another report "
            "of the same flow raises that claim's corroboration instead of drawing a second line.")
        values["primary_source"] = right.text_input(
            "Primary source: the original speaker or agency", value=str(row.get("primary_source", "")),
            help="Who first said it, whoever relays it. A wire story republished by another outlet keeps the "
            "agency, so it adds an article but no independent source.")
        values["notes"] = st.text_input("Notes", value=str(row["notes"]))
        accept, reject = st.columns(2)
        decision = None
        if accept.form_submit_button("Accept", type="primary", width="stretch"):
            decision = "accepted"
        if reject.form_submit_button("Reject", width="stretch"):
            decision = "rejected"
    if decision:
        review.decide(values, decision, flows, claims)
        st.rerun()


def render_add_row(review: Review) -> None:
    """Let the reader add a row for a sentence the extractor missed; the new row opens for review."""
    with st.expander("Add a row for a sentence the extractor missed"):
        # NOTE: a long text is offered one part at a time, so the list sent to the browser stays short.
        count = len(split_parts(split_sentences(review.text)))
        part = st.selectbox("Part of the article", range(count), format_func=lambda i: f"Part {i + 1} of {count}") \
            if count > 1 else 0
        choices = sentence_choices(review.text, part)
        picked = st.selectbox("Sentence", list(choices), format_func=choices.get)
        if st.button("Add a row for this sentence"):
            start, end = sentence_span(review.text, picked)
            review.add_row(blank_candidate(list(review.candidates.columns), start, end, review.text))
            st.rerun()


def render_unproposed(review: Review, places: pd.DataFrame, names: dict[str, str]) -> None:
    """One button per sentence that names two states but has no row: it adds a row from the first to the second."""
    missed = find_unproposed_sentences(review.text, review.candidates, places)
    if not missed:
        return
    with st.expander(f"{len(missed)} sentences name two states but have no row"):
        st.caption("A row added here goes from the first state named to the second, in reading order: "
                   "check the direction and the category before accepting it.")
        for sentence in missed:
            text, button = st.columns([5, 1])
            text.markdown(escape_markdown(f"{names.get(sentence.first, sentence.first)} → "
                                          f"{names.get(sentence.second, sentence.second)}: “{sentence.text}”"))
            if button.button("Add a row from this sentence", key=f"unproposed-{sentence.start}"):
                review.add_row(row_from_sentence(list(review.candidates.columns), sentence, review.text))
                st.rerun()
