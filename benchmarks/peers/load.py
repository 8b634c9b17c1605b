"""The load generator: wrk (Debian's package) on 127.0.0.1, one JSON line per run."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p95_ms: float


def wrk_path():
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench installs it).")
    return path


def run_load(url, seconds, connections, threads=1):
    """Load ``url`` for ``seconds``; at least one request must complete and every response
    must be a 2xx."""
    completed = subprocess.run(
        [wrk_path(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "-s", str(REPORT_SCRIPT), url],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    if not data["requests"]:
        raise SystemExit(f"{url}: no request completed in {seconds} s; give the servers more time (--seconds)")
    if data["non_2xx"] or data["socket_errors"]:
        raise SystemExit(f"{url}: {data['non_2xx']} non-2xx responses, {data['socket_errors']} socket errors")
    return LoadResult(
        requests_per_second=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000, p95_ms=data["p95_us"] / 1000,
    )
