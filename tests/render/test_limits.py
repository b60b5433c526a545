"""The bounds on rendering (render.limits): the time limit leaves a timer of its caller as it was."""

from __future__ import annotations


def test_the_render_time_limit_puts_back_a_timer_of_the_caller() -> None:
    import signal

    from confdocs.render.limits import time_limit

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *args: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_limit(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < left <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []
