"""python -m benchmarks.peers.cache_hits --before DIR [--reads home,stores_50] [--rounds 3] [--seconds 5]

Response-cache hits of this checkout against the same hits of another one (``--before``: a
copy of main, e.g. ``git archive main | tar -x -C /tmp/main``) and against the static floor,
in one run on the same database, the same Redis and the same machine. Each server is a
gunicorn (``--workers``, 2 by default) in the benchmark settings (production settings, rate
limit off) with Redis as the shared cache (REDIS_URL; the two checkouts in Redis databases of
their own); wrk loads each read on each server in rounds that alternate the servers. Prints
requests per second and p50 per read and server (medians of the rounds) and the ratios.

Needs the benchmark database ``make bench`` prepares (``BENCH_DATABASE_URL`` names another
one); Elasticsearch is not used. Benchmark only: figures vary with what else the machine runs.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

from .__main__ import inspect_server, write_floor
from .load import run_load
from .prepare import bench_environment, stop_redis
from .servers import FLOOR_FILE, REPO, SERVERS_BY_NAME, WORK_DIR, free_port, server_env, wait_until_serving
from .workload import READ_NAMES


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True, help="another checkout (e.g. main) to compare with")
    parser.add_argument("--reads", default="home,story,stores_50", help="comma-separated reads (default home,story,stores_50)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every read on every server (default 3)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of load per read, server and round (default 5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of every server (default 2)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent wrk connections (default 4)")
    args = parser.parse_args()
    args.reads = [read for read in args.reads.split(",") if read]
    unknown = set(args.reads) - set(READ_NAMES)
    if unknown:
        parser.error(f"unknown reads: {', '.join(sorted(unknown))}; choose from {', '.join(READ_NAMES)}")
    args.before = Path(args.before).resolve()
    if not (args.before / "manage.py").exists():
        parser.error(f"--before {args.before} is not a checkout of the project")
    return args


def start(name, checkout, env, workers):
    port = free_port()
    log = open(WORK_DIR / "logs" / f"cache_hits_{name}.log", "w")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "cms.wsgi:application", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--chdir", str(checkout), "--timeout", "120", "--log-level", "warning"],
        cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    wait_until_serving(port, process, Path(log.name))
    return process, port


def answered_from_the_cache(url):
    """Ask twice: the second answer must be a hit of the response cache."""
    for _ in range(2):
        with urllib.request.urlopen(url, timeout=30) as response:
            state = response.headers.get("X-Cache")
    if state != "HIT":
        raise SystemExit(f"{url} answered X-Cache: {state} twice in a row; is the response cache on?")


def main():
    args = parse_args()
    (WORK_DIR / "logs").mkdir(parents=True, exist_ok=True)
    env = bench_environment(use_elasticsearch=False)
    processes = {}
    try:
        print("== Checking the reads", flush=True)
        cached = SERVERS_BY_NAME["ours_cached"]
        inspected = inspect_server(cached, env, keep_bodies=True)
        write_floor(inspected, FLOOR_FILE)
        after_env = server_env(cached, env)
        before_env = {**after_env, "REDIS_URL": after_env["REDIS_URL"].rsplit("/", 1)[0] + "/1"}
        floor_env = server_env(SERVERS_BY_NAME["floor"], env)
        servers = {"before": (args.before, before_env), "after": (REPO, after_env), "floor": (REPO, floor_env)}
        ports = {}
        for name, (checkout, server_environment) in servers.items():
            processes[name], ports[name] = start(name, checkout, server_environment, args.workers)
        urls = {(name, read): f"http://127.0.0.1:{ports[name]}" + (
            f"/floor/{read}" if name == "floor" else inspected[read]["path"]) for name in servers for read in args.reads}
        for name in ("before", "after"):
            for read in args.reads:
                answered_from_the_cache(urls[name, read])
        results = {}
        for round_number in range(args.rounds):
            print(f"== Round {round_number + 1} of {args.rounds}", flush=True)
            names = list(servers)
            names = names[round_number % 3:] + names[:round_number % 3]
            for read in args.reads:
                for name in names:
                    result = run_load(urls[name, read], args.seconds, args.connections)
                    results.setdefault((name, read), []).append(result)
                    print(f"   {read:<12} {name:<7} {result.requests_per_second:8.1f} req/s  p50 {result.p50_ms:6.2f} ms",
                          flush=True)
        print_table(args, results)
    finally:
        for process in processes.values():
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            process.wait(timeout=20)
        stop_redis(env["BENCH_REDIS_URL"])


def print_table(args, results):
    def median(name, read, field):
        return statistics.median(getattr(result, field) for result in results[name, read])

    print(f"\nResponse-cache hits (Redis as the shared cache), {args.workers} gunicorn workers, "
          f"wrk {args.connections} connections, medians of {args.rounds} rounds of {args.seconds} s")
    print(f"{'read':<12} {'before req/s':>12} {'after req/s':>12} {'floor req/s':>12} {'after÷before':>13} "
          f"{'after÷floor':>12} {'p50 before':>11} {'p50 after':>10} {'p50 floor':>10}")
    for read in args.reads:
        rates = [median(name, read, "requests_per_second") for name in ("before", "after", "floor")]
        p50s = [median(name, read, "p50_ms") for name in ("before", "after", "floor")]
        print(f"{read:<12} {rates[0]:>12.0f} {rates[1]:>12.0f} {rates[2]:>12.0f} {rates[1] / rates[0]:>12.2f}× "
              f"{rates[1] / rates[2]:>11.2f}× {p50s[0]:>8.2f} ms {p50s[1]:>7.2f} ms {p50s[2]:>7.2f} ms")


if __name__ == "__main__":
    main()
