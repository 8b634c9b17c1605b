"""Elasticsearch nodes of a test's own, started by the project's script
(scripts/elasticsearch.sh start --nodes N) on free ports and in a temporary folder, which the
test may kill (SIGKILL), freeze (SIGSTOP) and thaw (SIGCONT), and start again.

The ``es_cluster`` (three nodes) and ``es_single_node`` fixtures are for tests marked
``elasticsearch_cluster``: they run when ES_CLUSTER_TESTS=1 or in CI (where the script must be
able to run), and are skipped otherwise (three JVMs of 512 MB heap each are not started
behind a developer's back). Only processes started here are ever signalled: their pids come
from the pid files in the cluster's own folder and are checked against the launcher's
command line.
"""

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "elasticsearch.sh"
HEAP = os.environ.get("ES_CLUSTER_HEAP", "512m")
TRANSPORT_OFFSET = 100  # the script's default: transport port = HTTP port + 100


def free_base_port(count):
    """A random base port whose ``count`` HTTP ports and transport ports are all free."""
    for _ in range(200):
        base = random.randrange(20000, 40000)
        ports = [base + number for number in range(count)] + [base + TRANSPORT_OFFSET + number for number in range(count)]
        if all(port_is_free(port) for port in ports):
            return base
    raise RuntimeError("No free ports for an Elasticsearch cluster")


def port_is_free(port):
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class LocalCluster:
    def __init__(self, nodes, directory, port):
        self.nodes, self.directory, self.port = nodes, Path(directory), port
        self.urls = [f"http://127.0.0.1:{port + number}" for number in range(nodes)]
        self.url = ",".join(self.urls)

    def script(self, action):
        environment = {**os.environ, "ES_PORT": str(self.port), "ES_DIR": str(self.directory), "ES_HEAP": HEAP,
                       "ES_NODES": str(self.nodes)}
        result = subprocess.run([str(SCRIPT), action], env=environment, cwd=REPO, capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            raise RuntimeError(f"scripts/elasticsearch.sh {action} failed: {result.stderr}")
        return result.stdout.strip()

    def start(self):
        """Starts the nodes that do not run (all at first; a killed one later) and waits
        until every node answers and the cluster has them all."""
        printed = self.script("start")
        assert printed == self.url, printed
        return printed

    def stop(self):
        self.script("stop")

    def home(self, number):
        return self.directory if self.nodes == 1 else self.directory / f"node-{number}"

    def pid(self, number):
        pid = int((self.home(number) / "elasticsearch.pid").read_text())
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
        assert b"storefront.elasticsearch.Launcher" in command_line and str(self.home(number)).encode() in command_line
        return pid

    def signal(self, number, signal_number):
        os.kill(self.pid(number), signal_number)

    def thaw_and_restart(self):
        """Every node running and answering again, whatever a test did to them."""
        for number in range(1, self.nodes + 1):
            try:
                self.signal(number, signal.SIGCONT)
            except (OSError, AssertionError, ValueError):
                pass  # not running: started below
        self.start()

    def kill(self, number):
        """SIGKILL to node ``number``; returns once the process is gone."""
        pid = self.pid(number)
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            try:
                state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
            except (FileNotFoundError, ProcessLookupError):
                return
            if state == b"Z":  # dead, not yet reaped by its parent
                return
            time.sleep(0.1)

    def get(self, path, number=None, timeout=10):
        """``GET path`` as JSON from node ``number`` (default: the first that answers)."""
        numbers = [number] if number else range(1, self.nodes + 1)
        error = None
        for candidate in numbers:
            try:
                with urllib.request.urlopen(f"{self.urls[candidate - 1]}{path}", timeout=timeout) as response:
                    return json.load(response)
            except OSError as failure:
                error = failure
        raise error

    def node_number(self, name):
        return int(name.rsplit("-", 1)[1])  # the script names them storefront-1, storefront-2, ...

    def primary_of(self, index):
        """The node holding the primary shard of ``index`` (a name or an alias)."""
        shards = self.get(f"/_cat/shards/{index}?format=json&h=index,prirep,state,node")
        (primary,) = [shard for shard in shards if shard["prirep"] == "p" and shard["state"] == "STARTED"]
        return self.node_number(primary["node"])

    def master(self):
        (row,) = self.get("/_cat/master?format=json")
        return self.node_number(row["node"])

    def wait_for(self, status="green", timeout=120):
        """Waits until the cluster has every node and the given status (green: every replica
        allocated)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                health = self.get(f"/_cluster/health?wait_for_status={status}&wait_for_nodes={self.nodes}&timeout=5s", timeout=10)
                if not health["timed_out"]:
                    return health
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"The cluster was not {status} with {self.nodes} nodes within {timeout} s")
            time.sleep(0.5)


def cluster_tests_allowed():
    if os.environ.get("ES_CLUSTER_TESTS") != "1" and not os.environ.get("CI"):
        pytest.skip("set ES_CLUSTER_TESTS=1 to start Elasticsearch nodes of the test's own (3 JVMs of 512 MB; always on in CI)")
    available = subprocess.run([str(SCRIPT), "available"], cwd=REPO).returncode == 0
    if not available:
        message = "Java 17+ and Maven are needed for the Elasticsearch cluster tests (scripts/elasticsearch.sh install)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def local_cluster(nodes):
    cluster_tests_allowed()
    directory = tempfile.mkdtemp(prefix=f"es-cluster-{nodes}-")
    cluster = LocalCluster(nodes, directory, free_base_port(nodes))
    try:
        cluster.start()
        yield cluster
    finally:
        try:
            cluster.thaw_and_restart()  # SIGTERM would wait on a frozen node
        finally:
            cluster.stop()
            shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def es_cluster_nodes():
    yield from local_cluster(3)


@pytest.fixture(scope="module")
def es_single_node_process():
    yield from local_cluster(1)


@pytest.fixture
def es_cluster(es_cluster_nodes):
    """Three nodes forming one cluster, all running and green when the test starts and
    again after it (a node it killed is started, a node it froze thawed)."""
    es_cluster_nodes.thaw_and_restart()
    es_cluster_nodes.wait_for("green")
    yield es_cluster_nodes
    es_cluster_nodes.thaw_and_restart()


@pytest.fixture
def es_single_node(es_single_node_process):
    """One node, as a single-node deployment has; running when the test starts and after it."""
    es_single_node_process.thaw_and_restart()
    yield es_single_node_process
    es_single_node_process.thaw_and_restart()
