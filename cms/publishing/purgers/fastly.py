"""Purging Fastly by surrogate key: its batch purge API, ``POST /service/<id>/purge`` with
``{"surrogate_keys": [...]}`` (at most 256 keys a request) and the API token in
``Fastly-Key``. ``SOFT_PURGE`` marks the objects stale instead of removing them (Fastly then
serves them while it revalidates, within their stale-while-revalidate)."""

from .base import CachePurger, json_object


class FastlyPurger(CachePurger):
    MAX_KEYS = 256
    MAX_BYTES = 256 * 1024
    name = "Fastly"

    def __init__(self, SERVICE_ID="", API_TOKEN="", API_URL="https://api.fastly.com", SOFT_PURGE=False, timeout=5):
        super().__init__(timeout)
        options = {"SERVICE_ID": SERVICE_ID, "API_TOKEN": API_TOKEN}
        self.url = f"{API_URL.rstrip('/')}/service/{self.required(options, 'SERVICE_ID', 'FASTLY_SERVICE_ID')}/purge"
        self.headers = {"Fastly-Key": self.required(options, "API_TOKEN", "FASTLY_API_TOKEN"), "Accept": "application/json"}
        if SOFT_PURGE:
            self.headers["Fastly-Soft-Purge"] = "1"

    def purge_chunk(self, keys):
        # The answer maps each key to the id of its purge.
        return self.post_json(
            self.url, {"surrogate_keys": keys}, self.headers, lambda response: set(keys) <= set(json_object(response.text))
        )
