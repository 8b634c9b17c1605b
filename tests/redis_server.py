"""A real Redis for tests: scripts/redis.sh starts an instance on a free port of its own
(never 6379 or the script's 6380), stopped at the end of the session.

Tests that need it are marked ``redis`` (scripts/test.sh runs them in its PostgreSQL pass).
Without redis-server installed they are skipped, unless REDIS_REQUIRED is set (scripts/test.sh
sets it in CI, where it installs Redis).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.ports import free_port

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "redis.sh"


def require_redis():
    if subprocess.run(["bash", str(SCRIPT), "available"], capture_output=True).returncode != 0:
        if os.environ.get("REDIS_REQUIRED"):
            pytest.fail("Redis is required (REDIS_REQUIRED) but not installed: scripts/redis.sh install")
        pytest.skip("Redis is not installed (scripts/redis.sh install)")


class RedisServer:
    """One redis-server of scripts/redis.sh; ``stop()`` and ``start()`` again as a test needs
    (a restarted server is empty, as in production with the shipped settings)."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="storefront-redis-test-")
        self.env = {**os.environ, "REDIS_PORT": str(self.port), "REDIS_DIR": self.dir, "REDIS_MEMORY": "64mb"}
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def script(self, command):
        done = subprocess.run(["bash", str(SCRIPT), command], env=self.env, capture_output=True, text=True)
        if done.returncode:
            raise AssertionError(f"scripts/redis.sh {command} failed:\n{done.stdout}{done.stderr}")
        return done.stdout.strip()

    def start(self):
        assert self.script("start") == self.url
        return self

    def stop(self):
        self.script("stop")

    def running(self):
        return subprocess.run(["bash", str(SCRIPT), "status"], env=self.env, capture_output=True).returncode == 0

    def pid(self):
        return int(Path(self.dir, "redis.pid").read_text())

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)

    def flush(self):
        if not self.running():
            self.start()
        self.client().flushdb()

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
