"""The call counter the cost tests use instead of timings: the same count on every run, growing with the work."""

from __future__ import annotations

import threading

from devtools.calls import count_calls, count_script_calls


def calls_per_item(items: int) -> int:
    return sum(abs(-i) for i in range(items))


def test_a_count_is_the_same_on_every_run_and_grows_with_the_work() -> None:
    counts = [count_calls(calls_per_item, 1_000)[1] for _ in range(3)]
    assert counts[0] == counts[1] == counts[2]
    result, doubled = count_calls(calls_per_item, 2_000)
    assert result == sum(range(2_000))
    assert 1_000 <= counts[0] and 1.9 < doubled / counts[0] < 2.1


class ThreadedRun:
    """What AppTest does on run(): the script runs in a thread of its own."""

    def __init__(self, items: int) -> None:
        self.items = items

    def run(self) -> None:
        thread = threading.Thread(target=calls_per_item, args=(self.items,))
        thread.start()
        thread.join()


def test_a_script_run_is_counted_in_its_own_thread_and_nowhere_else() -> None:
    small, large = count_script_calls(ThreadedRun(1_000)), count_script_calls(ThreadedRun(3_000))
    assert 1_000 <= small and 2.8 < large / small < 3.2
    assert threading.getprofile() is None, "the profiler hook is removed after the run"
