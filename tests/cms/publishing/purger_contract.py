"""The contract every purger passes (cms/publishing/purgers/base.py): purge every key asked,
in requests the service accepts, and report a failure — refused, unreachable, too slow — as
``PurgeFailed`` for the worker to retry. Each purger's test module subclasses
``PurgerContract`` with fixtures for its service: ``service`` (running), ``make_purger(service,
**options)``, ``was_purged(service, keys)`` and ``refuse_next(service)``."""

import time

import pytest

from cms.publishing.purgers.base import PurgeFailed
from tests.cms.publishing.receiver import closed_port_url


def many_keys(count):
    return [f"page-list-{number}-en-giftguidepage" for number in range(count)]


class PurgerContract:
    def test_purges_every_key_it_is_given(self, service, make_purger, was_purged):
        keys = ["page-42", "page-list-1-en-storepage", "stock-7"]
        status, _elapsed = make_purger(service).purge(keys)
        assert 200 <= status < 300
        assert was_purged(service, keys)

    def test_many_keys_go_in_requests_the_service_accepts(self, service, make_purger, was_purged):
        keys = many_keys(1200)  # about 40 kB of keys
        make_purger(service).purge(keys)
        assert was_purged(service, keys)

    def test_a_refusal_fails_with_the_status(self, service, make_purger, refuse_next):
        refuse_next(service)
        with pytest.raises(PurgeFailed) as failure:
            make_purger(service).purge(["page-42"])
        assert failure.value.status is not None and failure.value.status >= 400
        assert failure.value.message

    def test_an_unreachable_service_fails_without_a_status(self, make_purger, unreachable):
        with pytest.raises(PurgeFailed) as failure:
            make_purger(unreachable).purge(["page-42"])
        assert failure.value.status is None
        assert failure.value.message

    def test_a_slow_service_fails_after_the_timeout(self, service, make_purger, slow_down):
        slow_down(service, seconds=2)
        started = time.monotonic()
        with pytest.raises(PurgeFailed):
            make_purger(service, timeout=0.3).purge(["page-42"])
        assert time.monotonic() - started < 1.5

    def test_no_keys_send_no_request(self, service, make_purger):
        assert make_purger(service).purge([]) == (None, 0)  # no status: nothing was asked


@pytest.fixture
def unreachable():
    """A service whose address refuses connections."""
    return closed_port_url().removesuffix("/hook")
