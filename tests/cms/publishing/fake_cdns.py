"""Local stand-ins for the purge APIs of Varnish (the shipped VCL's xkey purge), Fastly and
Cloudflare: real HTTP servers on 127.0.0.1, in a thread, that check a request the way the
service does (method, path, credentials, limits), answer the way it answers, and keep the
keys they purged. ``fail_with`` makes the next answers an error; ``delay`` slows them."""

import json
import time
from http.server import BaseHTTPRequestHandler

from tests.cms.publishing.receiver import LocalServer


class FakeService(LocalServer):
    """Subclasses implement ``answer(method, path, headers, body) -> (status, body dict or str)``
    and put what they purged in ``self.purged`` (one list of keys per request)."""

    def __init__(self):
        self.purged = []
        self.requests = 0
        self.failures = []  # statuses to answer with, next first
        self.delay = 0.0
        service = self

        class Handler(BaseHTTPRequestHandler):
            def handle_any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
                service.requests += 1
                if service.delay:
                    time.sleep(service.delay)
                if service.failures:
                    status, answer = service.failures.pop(0), {"error": "scripted failure"}
                else:
                    status, answer = service.answer(self.command, self.path, self.headers, body)
                payload = (json.dumps(answer) if not isinstance(answer, str) else answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:  # the client gave up (a timeout test)
                    pass

            do_PURGE = do_POST = do_GET = handle_any

            def log_message(self, *args):
                pass

        self.serve(Handler)
        self.url = f"http://{self.address}"

    def all_purged(self):
        return [key for keys in self.purged for key in keys]

    def fail_with(self, *statuses):
        self.failures.extend(statuses)


class FakeVarnish(FakeService):
    """The shipped VCL: ``PURGE`` with ``xkey-purge: <keys>`` → 200 "Invalidated N objects";
    ``PURGE <path>`` without it purges that URL (Wagtail's HTTPBackend)."""

    MAX_HEADER = 8192  # http_req_hdr_len

    def __init__(self):
        super().__init__()
        self.purged_urls = []

    def answer(self, method, path, headers, body):
        keys = headers.get("xkey-purge", "")
        if method != "PURGE":
            return 405, "Method not allowed"
        if not keys:
            self.purged_urls.append(f"http://{headers.get('Host')}{path}")
            return 200, "Purged"
        if len(keys) > self.MAX_HEADER:
            return 400, "Header too long"
        self.purged.append(keys.split())
        return 200, f"Invalidated {len(keys.split())} objects"


class FakeFastly(FakeService):
    """``POST /service/<id>/purge`` with ``Fastly-Key`` and ``{"surrogate_keys": [...]}``, at
    most 256 keys; answers ``{key: purge id}``."""

    SERVICE_ID, TOKEN = "SU1Z0isxPaozGVKXdv0eY", "fastly-token"

    def answer(self, method, path, headers, body):
        if headers.get("Fastly-Key") != self.TOKEN:
            return 401, {"msg": "Provided credentials are missing or invalid"}
        if method != "POST" or path != f"/service/{self.SERVICE_ID}/purge":
            return 404, {"msg": "Record not found"}
        keys = json.loads(body).get("surrogate_keys", [])
        if not keys or len(keys) > 256:
            return 400, {"msg": "Bad request", "detail": "between 1 and 256 surrogate keys"}
        self.purged.append(keys)
        return 200, {key: f"108-{index}" for index, key in enumerate(keys)}


class FakeCloudflare(FakeService):
    """``POST /zones/<zone>/purge_cache`` with a bearer token and ``{"tags": [...]}``, at most
    100 tags; answers ``{"success": true, ...}`` (or ``success: false`` with errors)."""

    ZONE_ID, TOKEN = "023e105f4ecef8ad9ca31a8372d0c353", "cloudflare-token"

    def answer(self, method, path, headers, body):
        if headers.get("Authorization") != f"Bearer {self.TOKEN}":
            return 403, {"success": False, "errors": [{"code": 10000, "message": "Authentication error"}]}
        if method != "POST" or path != f"/zones/{self.ZONE_ID}/purge_cache":
            return 404, {"success": False, "errors": [{"code": 7003, "message": "No route for that URI"}]}
        tags = json.loads(body).get("tags", [])
        if not tags or len(tags) > 100:
            return 400, {"success": False, "errors": [{"code": 1070, "message": "Too many tags"}]}
        self.purged.append(tags)
        return 200, {"success": True, "errors": [], "messages": [], "result": {"id": "9a7806061c88ada191ed06f989cc3dac"}}
