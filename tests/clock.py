"""Move the clock forward in a test, for code that asks ``django.utils.timezone.now()``
(Wagtail's scheduled publishing does)."""

from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


@contextmanager
def later(delta):
    """Inside the block, ``timezone.now()`` is ``delta`` ahead of the real clock."""
    real_now = timezone.now
    with mock.patch.object(timezone, "now", side_effect=lambda: real_now() + delta):
        yield
