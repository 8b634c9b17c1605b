"""cms/core/sieve.py: a list filtered by a rule applied in chunks, only as far as asked."""

import pytest

from cms.core.sieve import Sieve


class Source:
    """Sliceable and countable like a queryset; counts its COUNT queries."""

    def __init__(self, items):
        self.items, self.counts = list(items), 0

    def __getitem__(self, window):
        return self.items[window]

    def count(self):
        self.counts += 1
        return len(self.items)


def even_rule(judged):
    def rule(chunk):
        judged.append(list(chunk))
        return [number % 2 == 0 for number in chunk]

    return rule


def test_a_page_reads_only_the_chunks_it_needs():
    judged = []
    sieve = Sieve(Source(range(1000)), even_rule(judged), first_chunk=10)
    assert sieve[0:3] == [0, 2, 4]
    assert judged == [list(range(10))]  # one chunk held the page
    assert sieve[3:8] == [6, 8, 10, 12, 14]  # the next chunk is four times larger
    assert judged[1] == list(range(10, 50))
    assert sieve.has_more_than(8) and len(judged) == 2


def test_the_count_is_an_estimate_until_every_item_was_judged():
    source = Source(range(1000))
    sieve = Sieve(source, even_rule([]), first_chunk=10)
    sieve[0:3]
    assert sieve.counted() == (500, True)  # 5 of 10 read, 990 unread at the same share
    assert source.counts == 1
    assert sieve.count() == 500 and sieve.counted() == (500, False)
    assert source.counts == 1  # asked once


def test_a_short_source_read_to_its_end_is_counted_exactly():
    source = Source(range(7))
    sieve = Sieve(source, even_rule([]), first_chunk=10)
    assert sieve[0:2] == [0, 2]
    assert sieve.counted() == (4, False)
    assert source.counts == 0  # no COUNT: the chunk was shorter than asked


def test_nothing_judged_yet_counts_every_candidate_as_possible():
    assert Sieve(Source(range(5)), even_rule([]), first_chunk=2).counted() == (5, True)


def test_an_estimate_is_never_below_what_was_found():
    sieve = Sieve(Source(range(100)), lambda chunk: [number < 12 for number in chunk], first_chunk=16)
    assert len(sieve[0:12]) == 12
    count, estimated = sieve.counted()
    assert estimated and count >= 12


def test_iterating_yields_every_match_in_order():
    assert list(Sieve(Source(range(30)), even_rule([]), first_chunk=4)) == list(range(0, 30, 2))


@pytest.mark.parametrize("window", [slice(None, None), slice(-3, None), slice(0, -1), slice(0, 10, 2)])
def test_only_forward_windows_with_a_stop_are_read(window):
    with pytest.raises((TypeError, ValueError)):
        Sieve(Source(range(10)), even_rule([]))[window]
