"""The shipped gunicorn configuration, on a real gunicorn: GET URLs as long as persisted
queries with variables need are answered, not refused with 414."""

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ports import free_port

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "deploy" / "gunicorn.conf.py"


@pytest.fixture
def serve():
    servers = []

    def start(*config):
        port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), *config, "--bind", f"127.0.0.1:{port}", "--workers", "1", "tests.deploy.echo_app:app"]
        server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers.append(server)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def status_of(url):
    try:
        return urllib.request.urlopen(url, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def url_of_length(base, length):
    path = "/graphql?extensions="
    return base + path + "x" * (length - len("GET  HTTP/1.1") - len(path))


def test_gets_up_to_8190_bytes_are_answered_with_the_shipped_configuration(serve):
    base = serve("-c", str(CONFIG))
    assert status_of(url_of_length(base, 8000)) == 200
    assert status_of(url_of_length(base, 9000)) == 414  # POST the query instead


def test_gunicorns_default_refuses_such_urls(serve):
    # What the shipped configuration changes: gunicorn's own default is 4094 bytes.
    base = serve()
    assert status_of(url_of_length(base, 5000)) == 414
