"""The dashboard's logic: dataset, filters, figures and exports, with no Streamlit import."""
