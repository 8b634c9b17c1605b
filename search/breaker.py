"""A circuit breaker for the calls to a remote search engine (Elasticsearch).

Closed, every call goes through. After ``failures`` consecutive failed calls (the engine
unreachable, timed out, overloaded: SearchUnavailable) it opens: calls are refused at once
with CircuitOpen for ``cooldown`` seconds, so searches are answered by the database and index
writes are recorded for replay without waiting for a node that does not answer. When the
cool-down is over the breaker is half-open: the next call goes through as a probe while the
others are still refused; its success closes the breaker, its failure opens it for another
cool-down. Every change of state is logged once (logger ``search.breaker``), never per call.

State is kept per process, on purpose. The breaker only decides where this process's next
call goes, and both answers are correct: the database backend is the same fallback that
answers when Elasticsearch is down, and shows only what shoppers may see; a write refused
here is recorded as a PendingIndexOperation and replayed from the database's current state,
so the index converges whatever each process decided. Losing the state (a restart) costs at
most ``failures`` slow calls to learn it again. Sharing it (in Redis, with REDIS_URL) would add
a round trip to every call, and a dependency on Redis, for a decision each process makes
correctly on its own within a few requests.
"""

import logging
import threading
import time
from contextlib import contextmanager

from .backends.base import SearchUnavailable

logger = logging.getLogger(__name__)

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CircuitOpen(SearchUnavailable):
    """The engine was not asked: its circuit breaker is open."""


class CircuitBreaker:
    """One breaker for one kind of call (``name``: "searches", "index writes").

    ``clock`` returns seconds (time.monotonic; tests pass their own)."""

    def __init__(self, name, *, failures=3, cooldown=10.0, engine="Elasticsearch", clock=time.monotonic):
        if failures < 1:
            raise ValueError("A circuit breaker opens after at least one failure.")
        self.name, self.engine = name, engine
        self.failures, self.cooldown = failures, cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self.state = CLOSED
        self.consecutive_failures = 0
        self.opened_at = None  # when it last opened (clock seconds)
        self.probe_started_at = None  # when the half-open probe went out
        self.refused = 0  # calls refused since it opened
        self.last_error = ""

    @contextmanager
    def call(self):
        """Runs the block as one call to the engine, or raises CircuitOpen without running it.
        SearchUnavailable out of the block counts as a failure; a normal end, or any other
        error (the engine answered, if only to say no: a missing index, a refused document,
        a request we built wrong), as a success."""
        self._admit()
        try:
            yield
        except SearchUnavailable as error:
            if error.engine_answered:
                self._succeeded()
            else:
                self._failed(error)
            raise
        except BaseException:
            self._succeeded()
            raise
        self._succeeded()

    def _admit(self):
        with self._lock:
            now = self._clock()
            if self.state == OPEN and now - self.opened_at >= self.cooldown:
                self.state, self.probe_started_at = HALF_OPEN, now
                logger.info("%s %s: cool-down over, the next call probes it", self.engine, self.name)
                return
            # A probe that never reported back (its thread died) does not hold the breaker forever.
            if self.state == HALF_OPEN and now - self.probe_started_at >= self.cooldown:
                self.probe_started_at = now
                return
            if self.state != CLOSED:
                self.refused += 1
                raise CircuitOpen(
                    f"{self.engine} not asked: the circuit breaker for {self.name} is {self.state} "
                    f"(since {now - self.opened_at:.1f} s; last error: {self.last_error})"
                )

    def _failed(self, error):
        with self._lock:
            self.last_error = f"{type(error).__name__}: {error}"[:300]
            if self.state == HALF_OPEN:
                self.state, self.opened_at = OPEN, self._clock()
                logger.info(
                    "%s %s: the probe failed (%s); refusing calls for another %g s",
                    self.engine, self.name, self.last_error, self.cooldown,
                )
                return
            self.consecutive_failures += 1
            if self.state == CLOSED and self.consecutive_failures >= self.failures:
                self.state, self.opened_at, self.refused = OPEN, self._clock(), 0
                logger.warning(
                    "%s %s: circuit breaker opened after %d consecutive failures (last: %s); "
                    "refusing calls for %g s, then probing",
                    self.engine, self.name, self.consecutive_failures, self.last_error, self.cooldown,
                )

    def _succeeded(self):
        with self._lock:
            if self.state != CLOSED:
                logger.warning(
                    "%s %s: circuit breaker closed, %s answered again after %.1f s open (%d calls refused meanwhile)",
                    self.engine, self.name, self.engine, self._clock() - self.opened_at, self.refused,
                )
            self.state, self.consecutive_failures = CLOSED, 0

    def describe(self):
        """One line for `search_index status`."""
        with self._lock:
            if self.state == CLOSED:
                return f"{self.name}: closed ({self.consecutive_failures} failure(s) in a row; opens at {self.failures})"
            return (
                f"{self.name}: {self.state} for {self._clock() - self.opened_at:.1f} s, {self.refused} call(s) refused "
                f"(last error: {self.last_error})"
            )
