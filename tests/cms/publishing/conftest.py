import socket

import pytest

from cms.publishing.models import WebhookEndpoint
from tests.cms.publishing.receiver import Receiver


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def endpoint(db, receiver):
    return WebhookEndpoint.objects.create(name="Static build", url=receiver.url)


@pytest.fixture
def no_sockets(monkeypatch):
    """Record (and refuse) every outgoing TCP connection opened in the block."""
    opened = []
    real_connect = socket.socket.connect

    def connect(self, address):
        if isinstance(address, tuple):
            opened.append(address)
            raise OSError("no network in this block")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return opened
