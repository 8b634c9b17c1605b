"""Free ports on 127.0.0.1 for the servers tests start (never the services' fixed defaults)."""

import socket


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
