"""The Fastly, Cloudflare and Varnish purgers against local fakes of their services
(fake_cdns.py); Varnish also against a real Varnish in tests/deploy/test_varnish.py."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.publishing.purgers.base import NoPurger, PurgeFailed, get_purger
from cms.publishing.purgers.cloudflare import CloudflarePurger
from cms.publishing.purgers.fastly import FastlyPurger
from cms.publishing.purgers.varnish import VarnishPurger
from tests.cms.publishing.fake_cdns import FakeCloudflare, FakeFastly, FakeVarnish
from tests.cms.publishing.purger_contract import PurgerContract, unreachable  # noqa: F401 (a fixture)


class FakeServiceFixtures:
    fake = None

    @pytest.fixture
    def service(self):
        with self.fake() as running:
            yield running

    @pytest.fixture
    def was_purged(self):
        return lambda service, keys: set(keys) <= set(service.all_purged())

    @pytest.fixture
    def refuse_next(self):
        return lambda service: service.fail_with(503)

    @pytest.fixture
    def slow_down(self):
        def slow(service, seconds):
            service.delay = seconds

        return slow


def url_of(service):
    return service if isinstance(service, str) else service.url


class TestVarnishPurger(FakeServiceFixtures, PurgerContract):
    fake = FakeVarnish

    @pytest.fixture
    def make_purger(self):
        return lambda service, timeout=5: VarnishPurger(URLS=[url_of(service)], timeout=timeout)

    def test_every_varnish_is_purged(self):
        with FakeVarnish() as first, FakeVarnish() as second:
            VarnishPurger(URLS=[first.url, second.url]).purge(["page-1"])
            assert first.purged == second.purged == [["page-1"]]


class ApiPurgerTests(FakeServiceFixtures):
    """A purger of a service with an API token: ``options(token)`` builds its options."""

    purger = None

    @pytest.fixture
    def make_purger(self):
        def make(service, timeout=5, token=None):
            token = self.fake.TOKEN if token is None else token
            return self.purger(**self.options(token), API_URL=url_of(service), timeout=timeout)

        return make

    def test_a_wrong_token_fails_with_the_services_message(self, service, make_purger):
        with pytest.raises(PurgeFailed) as failure:
            make_purger(service, token="wrong").purge(["page-1"])
        assert failure.value.status in (401, 403) and self.refusal in failure.value.message


class TestFastlyPurger(ApiPurgerTests, PurgerContract):
    fake, purger, refusal = FakeFastly, FastlyPurger, "credentials are missing or invalid"

    def options(self, token):
        return {"SERVICE_ID": FakeFastly.SERVICE_ID, "API_TOKEN": token}

    def test_soft_purges_ask_for_them(self):
        assert FastlyPurger(SERVICE_ID="s", API_TOKEN="t", SOFT_PURGE=True).headers["Fastly-Soft-Purge"] == "1"


class TestCloudflarePurger(ApiPurgerTests, PurgerContract):
    fake, purger, refusal = FakeCloudflare, CloudflarePurger, "Authentication error"

    def options(self, token):
        return {"ZONE_ID": FakeCloudflare.ZONE_ID, "API_TOKEN": token}


def test_no_purger_purges_nothing_and_succeeds():
    assert NoPurger().purge(["page-1"]) == (None, 0)


@pytest.mark.parametrize(
    ("path", "options", "missing"),
    [
        ("cms.publishing.purgers.varnish.VarnishPurger", {}, "VARNISH_PURGE_URLS"),
        ("cms.publishing.purgers.fastly.FastlyPurger", {"SERVICE_ID": "s"}, "FASTLY_API_TOKEN"),
        ("cms.publishing.purgers.cloudflare.CloudflarePurger", {"API_TOKEN": "t"}, "CLOUDFLARE_ZONE_ID"),
    ],
)
def test_a_missing_setting_is_named(settings, path, options, missing):
    settings.CDN = {**settings.CDN, "PURGER": path, "PURGER_OPTIONS": options}
    with pytest.raises(ImproperlyConfigured, match=missing):
        get_purger()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    with pytest.raises(SystemCheckError, match=missing):
        call_command("check")
