"""Tools for working on the dashboard (tests, load test, benchmark); never imported by the app itself."""
