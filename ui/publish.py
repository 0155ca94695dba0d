"""Who is publishing, and the controls that publish, import and withdraw articles (Streamlit glue).

Local mode: the person at the machine is the editor. Shared mode (DASHBOARD_SHARED=1): nobody
publishes until signed in as an editor, through the operator's OIDC provider (st.login) or a
local credential whose scrypt hash is in secrets.toml. The rules live in tracker/access.py and
tracker/publishing.py.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from tracker.access import (
    AttemptLimiter,
    check_sign_in,
    editor_accounts,
    is_shared_mode,
    oidc_configured,
    oidc_editor,
)
from tracker.formatting import escape_markdown
from tracker.publishing import Limits, publish_article, published_articles, read_article_zip, withdraw_article
from tracker.userdata import UserDataError, default_user_dir, shown_name
from ui.chrome import data_dir

LOG = logging.getLogger("dashboard.publish")
_EDITOR = "_editor"


@st.cache_resource(show_spinner=False)
def _limiter() -> AttemptLimiter:
    """One count of failed sign-ins per server process, shared by every session."""
    return AttemptLimiter()


def _secrets() -> Mapping[str, Any]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return {}


def current_editor() -> str | None:
    """The editor publishing in this session, or None for a reader who may not publish."""
    if not is_shared_mode():
        return f"{getpass.getuser()} (local mode)"
    if st.session_state.get(_EDITOR):
        return st.session_state[_EDITOR]
    secrets = _secrets()
    if oidc_configured(secrets) and st.user.get("is_logged_in") and oidc_editor(secrets, st.user.get("email")):
        return str(st.user.get("email"))
    return None


def render_sign_in() -> str | None:
    """In shared mode, say who is signed in or offer to sign in as an editor; return the editor, if any."""
    editor = current_editor()
    if not is_shared_mode():
        return editor
    secrets = _secrets()
    if editor is not None:
        left, right = st.columns([4, 1])
        left.caption(f"Signed in as editor **{editor}**: you can publish to the shared map.")
        if right.button("Sign out"):
            if st.session_state.pop(_EDITOR, None) is None:
                st.logout()
            st.rerun()
        return editor
    st.info("On this shared server only editors publish. You can still paste an article, review its rows and "
            "download the result as a data package zip to send to an editor.", icon=":material/lock:")
    if oidc_configured(secrets):
        if st.user.get("is_logged_in"):
            st.caption("You are signed in, but not as one of this server's editors.")
        elif st.button("Sign in as an editor"):
            st.login()
    accounts = editor_accounts(secrets)
    if accounts:
        with st.expander("Editors: sign in with the server's editor credential"):
            with st.form("sign-in"):
                name = st.text_input("Editor name", max_chars=100)
                password = st.text_input("Password", type="password", max_chars=200)
                submitted = st.form_submit_button("Sign in")
            if submitted:
                refused = check_sign_in(name, password, accounts, _limiter())
                if refused:
                    LOG.warning("failed editor sign-in for %r", name)
                    st.error(f"Not signed in: {refused}.")
                else:
                    LOG.warning("editor %s signed in", name)
                    st.session_state[_EDITOR] = name
                    st.rerun()
    return None


# Session keys: the article just saved (said until a new review starts) and the one just withdrawn (said once),
# both at the top of the Add page.
SAVED, WITHDRAWN = "_saved_article", "_withdrawn_article"


def render_notices(reviewing: bool) -> None:
    """Say what an editor's last action did: an article saved (until a new review starts), one withdrawn (once)."""
    if st.session_state.get(SAVED) and not reviewing:
        st.success(escape_markdown(f"Saved as {st.session_state[SAVED]}. Its flows are now on the map."))
    if withdrawn := st.session_state.pop(WITHDRAWN, None):
        st.success(escape_markdown(f"{withdrawn} was withdrawn: it is off the map and kept on disk."))

def publish(tables: dict[str, pd.DataFrame], text: str, editor: str) -> str | None:
    """Publish a reviewed article; return its shown name, or None after showing why nothing was saved."""
    try:
        folder = publish_article(tables, text, data_dir(), default_user_dir(), editor, Limits.from_environ())
    except (UserDataError, OSError) as error:
        st.error(f"Nothing was saved: {error}")
        return None
    LOG.warning("%s published %s", editor, folder.name)
    return shown_name(folder)


def render_editor_tools(editor: str) -> None:
    """For editors: import a reader's zip and publish it; withdraw a published article."""
    with st.expander("Editors: publish a reader's zip, or withdraw an article"):
        uploaded = st.file_uploader("A data package zip downloaded from the Add page", type=["zip"])
        if uploaded is not None and st.button("Check and publish the zip", type="primary"):
            try:
                tables, text = read_article_zip(uploaded.getvalue(), data_dir())
            except UserDataError as error:
                st.error("Nothing was published; the zip has these problems:")
                st.code(str(error), language=None, wrap_lines=True)
            else:
                if (name := publish(tables, text, editor)) is not None:
                    st.session_state[SAVED] = name
                    st.rerun()
        published = published_articles(default_user_dir())
        if published:
            st.dataframe(pd.DataFrame(published), hide_index=True)
            labels = {p["article"]: p["article"] for p in published}
            chosen = st.selectbox("Article to withdraw", list(labels), format_func=labels.get)
            if st.button("Withdraw it from the map"):
                try:
                    withdraw_article(default_user_dir(), chosen, editor)
                except UserDataError as error:
                    st.error(f"Nothing was withdrawn: {error}")
                else:
                    LOG.warning("%s withdrew %s", editor, chosen)
                    st.session_state[SAVED] = None
                    # NOTE: said at the top of the page on the next run, not in this panel: the rerun that takes
                    # the article off the map can redraw the panel closed, hiding a message shown inside it.
                    st.session_state[WITHDRAWN] = chosen
                    st.rerun()
