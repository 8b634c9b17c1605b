"""Purging Cloudflare by cache tag: ``POST /zones/<zone id>/purge_cache`` with
``{"tags": [...]}`` (at most 100 tags a request) and an API token with the Cache Purge
permission as a bearer token. Cloudflare answers ``{"success": true, ...}``; anything else
(a refused token, a rate limit) fails and is retried."""

from .base import CachePurger, json_object


class CloudflarePurger(CachePurger):
    MAX_KEYS = 100
    MAX_BYTES = 64 * 1024
    name = "Cloudflare"

    def __init__(self, ZONE_ID="", API_TOKEN="", API_URL="https://api.cloudflare.com/client/v4", timeout=5):
        super().__init__(timeout)
        options = {"ZONE_ID": ZONE_ID, "API_TOKEN": API_TOKEN}
        self.url = f"{API_URL.rstrip('/')}/zones/{self.required(options, 'ZONE_ID', 'CLOUDFLARE_ZONE_ID')}/purge_cache"
        self.headers = {"Authorization": f"Bearer {self.required(options, 'API_TOKEN', 'CLOUDFLARE_API_TOKEN')}"}

    def purge_chunk(self, keys):
        return self.post_json(
            self.url, {"tags": keys}, self.headers, lambda response: json_object(response.text).get("success") is True
        )
