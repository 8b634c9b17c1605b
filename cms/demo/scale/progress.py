"""A progress bar on stderr: done/total, rows per second and the time left."""

import sys
import time


class Progress:
    """``update(n)`` after each chunk; redraws at most every ``interval`` seconds (on a
    terminal in place, otherwise as a new line every few seconds)."""

    def __init__(self, label, total, stream=None, enabled=True, width=28):
        self.label = label
        self.total = max(total, 0)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.interval = 0.2 if self.tty else 5.0
        self.drawn_at = 0.0

    def update(self, count):
        self.done += count
        now = time.monotonic()
        if now - self.drawn_at >= self.interval:
            self.drawn_at = now
            self._draw(now)

    def finish(self):
        """Draw the final line; returns the elapsed seconds."""
        now = time.monotonic()
        self._draw(now, final=True)
        return now - self.started

    def line(self, now=None, final=False):
        elapsed = max((now or time.monotonic()) - self.started, 1e-9)
        rate = self.done / elapsed
        share = self.done / self.total if self.total else 1.0
        filled = round(share * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        if final:
            tail = f"in {elapsed:.1f} s"
        else:
            left = (self.total - self.done) / rate if rate else float("inf")
            tail = f"ETA {left:.0f} s" if left != float("inf") else "ETA ?"
        return (f"{self.label:<16} [{bar}] {share:>4.0%} {self.done:>10,}/{self.total:,} rows "
                f"{rate:>9,.0f} rows/s {tail}")

    def _draw(self, now, final=False):
        if not self.enabled:
            return
        text = self.line(now, final)
        if self.tty:
            self.stream.write("\r" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
