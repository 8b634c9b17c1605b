"""Purging Varnish (and several Varnish servers) by surrogate key with the xkey vmod.

Each request is ``PURGE /`` with ``xkey-purge: <keys separated by spaces>`` to every URL in
``URLS`` (``VARNISH_PURGE_URLS``); the shipped VCL (deploy/varnish/default.vcl) accepts it
from the addresses of its ``purgers`` ACL, calls ``xkey.purge`` and answers 200. A purge is
done when every Varnish answered.
"""

from ..outbox import http_request
from .base import USER_AGENT, CachePurger


class VarnishPurger(CachePurger):
    # Varnish refuses request headers over http_req_hdr_len (8 KB by default).
    MAX_KEYS = 1000
    MAX_BYTES = 7000
    name = "Varnish"

    def __init__(self, URLS=(), timeout=5):
        super().__init__(timeout)
        self.urls = [url.rstrip("/") + "/" for url in self.required({"URLS": list(URLS)}, "URLS", "VARNISH_PURGE_URLS")]

    def purge_chunk(self, keys):
        headers = {"xkey-purge": " ".join(keys), "User-Agent": USER_AGENT}
        response = None
        for url in self.urls:
            response = self.checked(http_request("PURGE", url, headers=headers, timeout=self.timeout))
        return response
