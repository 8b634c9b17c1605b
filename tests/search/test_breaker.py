"""The circuit breaker's rules (search/breaker.py) on a clock of our own: no engine, no waiting."""

import logging

import pytest

from search.backends.base import SearchUnavailable
from search.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker, CircuitOpen


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def breaker(clock):
    return CircuitBreaker("searches", failures=3, cooldown=10, clock=clock)


def fail(breaker, error=None):
    with pytest.raises(SearchUnavailable):
        with breaker.call():
            raise error or SearchUnavailable("timed out")


def succeed(breaker):
    with breaker.call():
        pass


def refused(breaker):
    ran = []
    with pytest.raises(CircuitOpen):
        with breaker.call():
            ran.append(True)
    return not ran


def test_opens_after_the_consecutive_failures_and_refuses_without_running_the_call(breaker):
    fail(breaker)
    fail(breaker)
    assert breaker.state == CLOSED
    fail(breaker)
    assert breaker.state == OPEN
    assert refused(breaker) and refused(breaker)
    assert breaker.refused == 2


def test_a_success_starts_the_count_again(breaker):
    fail(breaker)
    fail(breaker)
    succeed(breaker)
    fail(breaker)
    fail(breaker)
    assert breaker.state == CLOSED


def test_an_answer_that_says_no_is_not_a_failure(breaker):
    for _ in range(5):
        fail(breaker, SearchUnavailable("index missing", engine_answered=True))
        with pytest.raises(ValueError):
            with breaker.call():
                raise ValueError("a request we built wrong")
    assert breaker.state == CLOSED and breaker.consecutive_failures == 0


def test_after_the_cooldown_one_call_probes_and_its_success_closes(breaker, clock):
    for _ in range(3):
        fail(breaker)
    clock.now += 9.9
    assert refused(breaker)
    clock.now += 0.1
    with breaker.call():
        assert breaker.state == HALF_OPEN
        assert refused(breaker)  # another call meanwhile: still refused, the probe is out
    assert breaker.state == CLOSED
    succeed(breaker)


def test_a_failed_probe_opens_it_for_another_cooldown(breaker, clock):
    for _ in range(3):
        fail(breaker)
    clock.now += 10
    fail(breaker)
    assert breaker.state == OPEN
    clock.now += 5
    assert refused(breaker)
    clock.now += 5
    succeed(breaker)
    assert breaker.state == CLOSED


def test_a_probe_that_never_reports_does_not_hold_it_forever(breaker, clock):
    for _ in range(3):
        fail(breaker)
    clock.now += 10
    stuck = breaker.call()
    stuck.__enter__()  # the probe's thread died without leaving the block
    assert refused(breaker)
    clock.now += 10
    succeed(breaker)
    assert breaker.state == CLOSED


def test_state_changes_are_logged_once_not_per_call(breaker, clock, caplog):
    caplog.set_level(logging.INFO, logger="search.breaker")
    for _ in range(3):
        fail(breaker)
    for _ in range(20):
        refused(breaker)
    clock.now += 10
    fail(breaker)  # the probe
    for _ in range(20):
        refused(breaker)
    clock.now += 10
    succeed(breaker)
    for _ in range(20):
        succeed(breaker)
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 5, messages
    assert "opened after 3 consecutive failures" in messages[0] and "timed out" in messages[0]
    assert "cool-down over" in messages[1] and "probe failed" in messages[2]
    assert "cool-down over" in messages[3]
    assert "closed" in messages[4] and "40 calls refused" in messages[4]
    assert [record.levelname for record in caplog.records] == ["WARNING", "INFO", "INFO", "INFO", "WARNING"]


def test_describe_says_the_state_and_why(breaker, clock):
    assert breaker.describe() == "searches: closed (0 failure(s) in a row; opens at 3)"
    for _ in range(3):
        fail(breaker)
    clock.now += 2.5
    refused(breaker)
    assert breaker.describe() == "searches: open for 2.5 s, 1 call(s) refused (last error: SearchUnavailable: timed out)"


def test_at_least_one_failure_opens_it():
    with pytest.raises(ValueError):
        CircuitBreaker("searches", failures=0)
