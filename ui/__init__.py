"""Streamlit glue shared by the frame and the pages: cached loaders, the sidebar, the footer."""
