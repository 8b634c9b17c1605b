"""The servers compared: each a gunicorn with the same worker count on a free port of its
own, and a Varnish of the shipped VCL (scripts/varnish.sh) in front of our API's gunicorn,
which then purges it (CDN_PURGER=varnish). Our API with its response cache runs as deployed
with several app servers: Redis as the shared cache (REDIS_URL, scripts/redis.sh)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.module_loading import import_string

from .workload import READ_NAMES

REPO = Path(__file__).resolve().parents[2]
WORK_DIR = REPO / "var" / "bench"
FLOOR_FILE = WORK_DIR / "floor.json"  # our responses, written before the floor starts


def floor_targets(context):
    return {read: f"/floor/{read}" for read in READ_NAMES}


@dataclass(frozen=True)
class Server:
    name: str
    label: str
    settings: str
    targets_function: str  # dotted path of a function: context -> {read: path | Unsupported}
    env: dict = field(default_factory=dict)
    in_front_of: str = ""  # a Varnish: the server it caches
    shared_cache: bool = False  # Django's cache and the content versions in Redis (REDIS_URL)

    def targets(self, context):
        return import_string(self.targets_function)(context)


SERVERS = [
    Server("ours", "our API", "benchmarks.peers.settings", "benchmarks.peers.ours.targets",
           {"GRAPHQL_RESPONSE_CACHE": "false"}),
    Server("ours_cached", "our API, response cache on (Redis)", "benchmarks.peers.settings",
           "benchmarks.peers.ours.targets", {"GRAPHQL_RESPONSE_CACHE": "true"}, shared_cache=True),
    Server("grapple", "wagtail-grapple 0.31", "benchmarks.peers.settings_grapple",
           "benchmarks.peers.grapple_reads.targets",
           {"GRAPHQL_RESPONSE_CACHE": "false"}),
    Server("rest", "Wagtail REST API v2", "benchmarks.peers.settings", "benchmarks.peers.rest.targets",
           {"GRAPHQL_RESPONSE_CACHE": "false"}),
    Server("floor", "static floor", "benchmarks.peers.settings", "benchmarks.peers.servers.floor_targets",
           {"BENCH_FLOOR_FILE": str(FLOOR_FILE)}),
    Server("varnish", "Varnish in front of our API (hits)", "benchmarks.peers.settings", "benchmarks.peers.ours.targets",
           in_front_of="ours"),
]
SERVERS_BY_NAME = {server.name: server for server in SERVERS}


def server_env(server, base_env):
    """A server's environment; the benchmark's Redis (bench_environment) is the shared cache
    of the servers that have one, and of no other."""
    env = {**os.environ, **base_env, **server.env, "DJANGO_SETTINGS_MODULE": server.settings}
    env.pop("REDIS_URL", None)
    if server.shared_cache:
        env["REDIS_URL"] = base_env["BENCH_REDIS_URL"]
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RunningServers:
    """Start every server (idle ones use no CPU), stop them all on exit."""

    def __init__(self, servers, base_env, workers, log_dir):
        self.servers, self.base_env, self.workers, self.log_dir = servers, base_env, workers, Path(log_dir)
        self.processes, self.ports = {}, {}

    def __enter__(self):
        self.log_dir.mkdir(parents=True, exist_ok=True)
        # Varnish's management port is the one after its own (scripts/varnish.sh).
        self.ports = {server.name: free_varnish_port() if server.in_front_of else free_port() for server in self.servers}
        self.varnishes = [server for server in self.servers if server.in_front_of]
        for server in self.servers:
            if server.in_front_of:
                continue
            log = open(self.log_dir / f"{server.name}.log", "w")
            self.processes[server.name] = subprocess.Popen(
                [str(Path(sys.executable).with_name("gunicorn")), "cms.wsgi:application",
                 "--workers", str(self.workers), "--bind", f"127.0.0.1:{self.ports[server.name]}", "--chdir", str(REPO),
                 "--timeout", "120", "--log-level", "warning"],
                env=self.env_of(server), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        for name, process in self.processes.items():
            wait_until_serving(self.ports[name], process, self.log_dir / f"{name}.log")
        for varnish in self.varnishes:
            run_varnish("start", self.varnish_env(varnish))
        return self

    def env_of(self, server):
        """A server's environment; one behind a Varnish purges it."""
        env = server_env(server, self.base_env)
        front = next((varnish for varnish in self.varnishes if varnish.in_front_of == server.name), None)
        if front is not None:
            env.update(CDN_PURGER="varnish", VARNISH_PURGE_URLS=self.url(front.name, ""))
        return env

    def varnish_env(self, varnish):
        return {**os.environ, "VARNISH_PORT": str(self.ports[varnish.name]), "VARNISH_MEMORY": "256m",
                "VARNISH_BACKEND": f"127.0.0.1:{self.ports[varnish.in_front_of]}",
                "VARNISH_DIR": str(WORK_DIR / "varnish")}

    def url(self, server_name, path):
        return f"http://127.0.0.1:{self.ports[server_name]}{path}"

    def __exit__(self, *exc):
        for varnish in self.varnishes:
            run_varnish("stop", self.varnish_env(varnish))
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def free_varnish_port():
    """A free port whose next one is free too."""
    while True:
        port = free_port()
        try:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue


def wait_until_serving(port, process, log_path, timeout=60):
    """Until a worker answers HTTP: gunicorn listens before its workers have loaded Django, so
    an open port alone would let the first seconds of load count no request."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server on port {port} exited; see {log_path}:\n{log_path.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/floor/ready", timeout=5).close()
            return
        except urllib.error.HTTPError:  # any status: a worker answered
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server on port {port} did not start within {timeout} s; see {log_path}")


def run_varnish(command, env):
    subprocess.run(["bash", "scripts/varnish.sh", command], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
