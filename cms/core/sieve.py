"""A list filtered by a rule that only Python can apply, read only as far as a page needs.

Some filters cannot be written in SQL without repeating a rule kept in Python — "open now"
(cms/stores/hours.py: time zones, exceptions, overnight intervals, daylight-saving gaps) is
one. Applying such a filter to every candidate just to count the matches costs more than
the page shown. A ``Sieve`` reads its ordered source in chunks, asks the rule about each
chunk at once, and stops as soon as it holds what was asked for.

Its count is exact once every candidate was read (a short list, or a reader that went to
the end); before that it is an estimate: the matches found, plus the candidates not read
yet times the share of matches among those read. ``counted()`` says which it is.
"""

class Sieve:
    """The items of ``source`` for which ``rule`` holds, in the source's order.

    ``source``: a queryset (or any sliceable with ``count()``) or a list, in the order to
    keep. ``rule(items) -> [bool]``: called with a list of consecutive items (a chunk),
    returns one verdict per item, so that it can load what it needs for the chunk at once.
    Chunks are ``first_chunk`` items, then four times more each time up to ``most``.
    """

    def __init__(self, source, rule, first_chunk=64, most=4096):
        self.source, self.rule = source, rule
        self.chunk, self.most = first_chunk, most
        self.kept = []
        self.read = 0  # source items the rule has judged
        self.exhausted = False
        self._candidates = None

    def _read_until(self, wanted):
        """Judge chunks until ``wanted`` items are kept or the source is exhausted."""
        while len(self.kept) < wanted and not self.exhausted:
            chunk = list(self.source[self.read : self.read + self.chunk])
            verdicts = self.rule(chunk) if chunk else []
            self.kept.extend(item for item, keep in zip(chunk, verdicts) if keep)
            self.read += len(chunk)
            if len(chunk) < self.chunk:
                self.exhausted = True
            self.chunk = min(self.chunk * 4, self.most)

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step not in (None, 1) or window.stop is None:
            raise TypeError("A Sieve is read by slices with a stop, e.g. sieve[20:40].")
        start = window.start or 0
        if start < 0 or window.stop < 0:
            raise ValueError("A Sieve cannot be sliced from its end.")
        self._read_until(window.stop)
        return self.kept[start : window.stop]

    def __iter__(self):
        position = 0
        while self.has_more_than(position):
            yield self.kept[position]
            position += 1

    def has_more_than(self, number):
        """Whether more than ``number`` items match (reads one past them)."""
        self._read_until(number + 1)
        return len(self.kept) > number

    def candidates(self):
        """How many items the source holds (one COUNT query for a queryset, asked once)."""
        if self._candidates is None:
            if isinstance(self.source, list):
                self._candidates = len(self.source)
            else:
                self._candidates = self.read if self.exhausted else self.source.count()
        return self._candidates

    def count(self):
        """The exact number of matches: judges every candidate."""
        self._read_until(float("inf"))
        return len(self.kept)

    def counted(self):
        """``(count, is_estimate)`` from what was read so far, reading nothing more."""
        unread = 0 if self.exhausted else self.candidates() - self.read
        if unread <= 0:
            return len(self.kept), False
        if not self.read:
            return unread, True  # nothing judged yet: every candidate may match
        return len(self.kept) + round(unread * len(self.kept) / self.read), True
