"""A real Varnish for tests: scripts/varnish.sh starts an instance of the shipped VCL
(deploy/varnish/default.vcl) on a free port in front of a backend of the test's choosing.

Tests that need it are marked ``varnish``. Without Varnish installed they are skipped,
unless VARNISH_REQUIRED is set (scripts/test.sh sets it in CI, where it installs Varnish).
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "varnish.sh"


def free_port():
    """A free port whose next one is free too (Varnish's management port)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with socket.socket() as neighbour:
            try:
                neighbour.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue


def varnish_available():
    return subprocess.run(["bash", str(SCRIPT), "available"], capture_output=True).returncode == 0


def require_varnish():
    if not varnish_available():
        if os.environ.get("VARNISH_REQUIRED"):
            pytest.fail("Varnish is required (VARNISH_REQUIRED) but not installed: scripts/varnish.sh install")
        pytest.skip("Varnish is not installed (scripts/varnish.sh install)")


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def cache(self):
        return self.headers.get("X-Varnish-Cache")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirects)


class Varnish:
    """One varnishd of the shipped VCL, in front of ``backend`` (host:port)."""

    def __init__(self, backend, purgers="127.0.0.1,::1"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.dir = tempfile.mkdtemp(prefix="storefront-varnish-test-")
        self.env = {
            **os.environ, "VARNISH_PORT": str(self.port), "VARNISH_BACKEND": backend,
            "VARNISH_PURGERS": purgers, "VARNISH_DIR": self.dir,
        }

    def script(self, command):
        done = subprocess.run(["bash", str(SCRIPT), command], env=self.env, capture_output=True, text=True)
        if done.returncode:
            raise AssertionError(f"scripts/varnish.sh {command} failed:\n{done.stdout}{done.stderr}")
        return done

    def start(self):
        self.script("start")
        return self

    def stop(self):
        self.script("stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def processes(self):
        """The manager's pid and its children's (the worker process that answers requests)."""
        manager = int(Path(self.dir, "varnishd.pid").read_text())
        children = subprocess.run(["pgrep", "-P", str(manager)], capture_output=True, text=True).stdout.split()
        return [manager, *map(int, children)]

    def freeze(self, seconds):
        """SIGSTOP every process of this Varnish (connections are still accepted by the
        kernel, nothing is answered) and SIGCONT them ``seconds`` later, from a timer."""
        frozen = self.processes()
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)

        def thaw():
            for pid in reversed(frozen):  # the worker first, so the manager finds it alive
                os.kill(pid, signal.SIGCONT)

        timer = threading.Timer(seconds, thaw)
        timer.start()
        return timer

    def forget_everything(self):
        """Ban every object (between tests)."""
        subprocess.run(["varnishadm", "-n", f"{self.dir}/work", "ban", "req.url ~ ."], check=True, capture_output=True)

    def request(self, path, method="GET", headers=None, body=None):
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        try:
            with _opener.open(request, timeout=30) as answer:
                return Response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            with error:
                return Response(error.code, dict(error.headers), error.read())
