"""Work counted, not timed: how many Python calls a piece of code makes, for tests of how cost grows.

Seconds on a shared machine vary from run to run, so tests do not time anything (the benchmarks do,
`scripts/bench_text.py` for long texts). A call count is the same on every run of the same input, so a
test can compare it at one size and at twice that size and fail on a quadratic loop. It counts calls
into C functions too (a regex search is one call), so it sees a Python loop that grows, not the work
inside one C call.
"""

from __future__ import annotations

import cProfile
import pstats
import threading
from collections.abc import Callable
from typing import Any


def count_calls(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, int]:
    """`function(*args, **kwargs)`'s result and the number of calls made while it ran (this thread)."""
    profiler = cProfile.Profile()
    profiler.enable()
    try:
        result = function(*args, **kwargs)
    finally:
        profiler.disable()
    return result, pstats.Stats(profiler).total_calls


def count_script_calls(app_test: Any) -> int:
    """The calls of one `AppTest.run()`, counted in the thread that runs the page's script.

    AppTest runs the script in a thread of its own; the profiler is switched on inside that thread when it
    starts, through `threading.setprofile`, and never in this one.
    """
    profiler = cProfile.Profile()

    def enable_in_script_thread(*_args: Any) -> None:
        threading.setprofile(None)
        profiler.enable()

    threading.setprofile(enable_in_script_thread)
    try:
        app_test.run()
    finally:
        threading.setprofile(None)
        profiler.disable()
    return pstats.Stats(profiler).total_calls
