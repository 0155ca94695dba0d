"""Real-browser tests (Playwright in Debian's Chromium) for what only a browser shows."""
