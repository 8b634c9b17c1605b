"""The purger interface: how the purge worker (purges.py) tells a cache to drop the responses
built from some content, named by their surrogate keys (surrogate_keys.py).

Implementations, chosen by ``CDN["PURGER"]`` (env ``CDN_PURGER``) with ``CDN["PURGER_OPTIONS"]``:
``NoPurger`` (the default: nothing in front), ``varnish.VarnishPurger`` (xkey purges over
HTTP, to each Varnish), ``fastly.FastlyPurger`` (Fastly's purge-by-surrogate-key API) and
``cloudflare.CloudflarePurger`` (purge by Cache-Tag). All pass the same contract tests
(tests/cms/publishing/purger_contract.py) against a local fake of their service, Varnish also
against a real Varnish.

A purger sends a batch of keys in as few requests as its service allows; the first request
that fails stops the batch with ``PurgeFailed`` (the worker retries the whole batch later:
purging a key twice is harmless).
"""

import json
from abc import ABC, abstractmethod

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from ..outbox import http_request
from ..settings import cdn_setting

USER_AGENT = "storefront-content-purger/1"


class PurgeFailed(Exception):
    """A purge request got no answer or an answer that is not a success."""

    def __init__(self, message, status=None, elapsed_ms=0):
        super().__init__(message)
        self.message, self.status, self.elapsed_ms = message, status, elapsed_ms


class CachePurger(ABC):
    """Drops cached responses by surrogate key. ``MAX_KEYS`` and ``MAX_BYTES`` bound one
    request (what the service accepts); ``timeout`` is in seconds."""

    MAX_KEYS = 100
    MAX_BYTES = 8000
    name = "cache"

    def __init__(self, timeout=5):
        self.timeout = timeout

    def purge(self, keys):
        """Purge every key of ``keys`` (in requests of at most MAX_KEYS keys and MAX_BYTES);
        returns (the last status code, milliseconds in all), or raises ``PurgeFailed``."""
        status, elapsed = None, 0
        for chunk in self.chunks(sorted(set(keys))):
            try:
                response = self.purge_chunk(chunk)
            except PurgeFailed as failure:
                failure.elapsed_ms += elapsed
                raise
            status, elapsed = response.status, elapsed + response.elapsed_ms
        return status, elapsed

    def chunks(self, keys):
        chunk, size = [], 0
        for key in keys:
            if chunk and (len(chunk) >= self.MAX_KEYS or size + len(key) + 1 > self.MAX_BYTES):
                yield chunk
                chunk, size = [], 0
            chunk.append(key)
            size += len(key) + 1
        if chunk:
            yield chunk

    @abstractmethod
    def purge_chunk(self, keys):
        """Purge ``keys`` in one request; returns the ``outbox.Response`` or raises ``PurgeFailed``."""

    def post_json(self, url, payload, headers, accepted):
        """POST ``payload`` as JSON; the response when it is a success ``accepted`` agrees with."""
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers}
        return self.checked(http_request("POST", url, body=body, headers=headers, timeout=self.timeout), accepted)

    @staticmethod
    def checked(response, accepted=lambda response: True):
        """``response`` when it is a success that ``accepted`` agrees with, else ``PurgeFailed``."""
        if response.succeeded and accepted(response):
            return response
        detail = response.error or "the service did not confirm the purge"
        if response.text:
            detail = f"{detail}: {response.text[:300]}"
        raise PurgeFailed(detail, response.status, response.elapsed_ms)

    @staticmethod
    def required(options, name, setting):
        value = options.get(name)
        if not value:
            raise ImproperlyConfigured(f"CDN purging needs {setting} (CDN['PURGER_OPTIONS']['{name}']).")
        return value


def json_object(text):
    """``text`` as a JSON object, or {} when it is not one."""
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class NoPurger(CachePurger):
    """Nothing in front of the app: purges succeed at once and send nothing."""

    name = "nothing"

    def purge(self, keys):
        return None, 0

    def purge_chunk(self, keys):  # pragma: no cover — purge() sends nothing
        raise NotImplementedError


def get_purger():
    """The configured purger, built from the settings each time (a worker builds it once per batch)."""
    return import_string(cdn_setting("PURGER"))(
        **cdn_setting("PURGER_OPTIONS"), timeout=cdn_setting("PURGE_TIMEOUT_SECONDS")
    )
