"""python -m benchmarks.peers [--rounds 3] [--seconds 5] [--workers 2] [--connections 4]

Prepares the data (prepare.py), checks every read on every server and counts its SQL
queries, starts the servers under gunicorn (and Varnish in front of ours), loads each read
with wrk in rounds that alternate the servers, runs the mixed workload through Varnish
(mixed.py: reads while the store is published and stock arrives), prints the table and
writes docs/benchmarks.md.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from . import report
from .load import run_load
from .prepare import bench_environment, elasticsearch_running, prepare, stop_elasticsearch, stop_redis
from .servers import FLOOR_FILE, REPO, SERVERS, SERVERS_BY_NAME, WORK_DIR, RunningServers, server_env
from .workload import READ_NAMES


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every read on every server (default 3)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds of load per read, server and round (default 5)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up load per read and server (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of every server (default 2)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent wrk connections (default 4)")
    parser.add_argument("--reads", default=",".join(READ_NAMES), help="comma-separated reads (default all)")
    parser.add_argument("--no-elasticsearch", action="store_true",
                        help="our search on the database backend instead of the Elasticsearch node")
    parser.add_argument("--mixed-seconds", type=int, default=30,
                        help="seconds of the mixed workload through Varnish (0: none; default 30)")
    parser.add_argument("--change-every", type=float, default=3.0,
                        help="seconds between changes in the mixed workload: a publish, then a stock batch (default 3)")
    parser.add_argument("--output", default=str(REPO / "docs" / "benchmarks.md"), help="report file")
    return parser.parse_args()


def inspect_server(server, env, keep_bodies=False):
    """{read: status, bytes, queries...} from a subprocess in the server's settings."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.peers.inspect_reads", server.name] + (["--bodies"] if keep_bodies else []),
        cwd=REPO, env=server_env(server, env), check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    results = json.loads(output.strip().splitlines()[-1])
    for read, result in results.items():
        if "unsupported" in result:
            continue
        if result["status"] != 200 or result["error"]:
            raise SystemExit(f"{server.label} answered {read} with {result['status']}: {result['error']}")
    return results


def write_floor(bodies, path):
    path.write_text(json.dumps({read: {"body": result["body"], "content_type": result["content_type"]}
                                for read, result in bodies.items()}))


def measure(args, env, servers, targets):
    """{(server, read): median of the rounds} — each round runs every server on a read in
    turn, starting one server later than the round before — and the mixed workload's
    figures (None when not run)."""
    results = {}
    with RunningServers(servers, env, args.workers, WORK_DIR / "logs") as running:
        print(f"== Warm-up ({args.warmup} s per read and server)", flush=True)
        for (server, read), path in targets.items():
            run_load(running.url(server, path), args.warmup, args.connections)
        for round_number in range(args.rounds):
            print(f"== Round {round_number + 1} of {args.rounds}", flush=True)
            for read in args.reads:
                names = [server.name for server in servers if (server.name, read) in targets]
                shift = round_number % len(names)
                for name in names[shift:] + names[:shift]:
                    result = run_load(running.url(name, targets[name, read]), args.seconds, args.connections)
                    results.setdefault((name, read), []).append(result)
                    print(f"   {read:<14} {name:<12} {result.requests_per_second:8.1f} req/s  "
                          f"p50 {result.p50_ms:7.2f} ms  p95 {result.p95_ms:7.2f} ms", flush=True)
        mixed = None
        if args.mixed_seconds and "varnish" in running.ports:
            print(f"== Mixed workload through Varnish ({args.mixed_seconds} s, a change every {args.change_every} s)",
                  flush=True)
            paths = [targets["varnish", read] for read in args.reads if ("varnish", read) in targets]
            mixed = run_mixed(args, running.env_of(SERVERS_BY_NAME["ours"]), running.url("varnish", ""), paths)
    return {key: report.Median.of(runs) for key, runs in results.items()}, mixed


def run_mixed(args, env, varnish_url, paths):
    """mixed.py in a subprocess with our API's environment (it publishes through Django)."""
    paths_file = WORK_DIR / "mixed_paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.peers.mixed", varnish_url, str(args.mixed_seconds), str(args.change_every),
         str(paths_file), str(args.connections)],
        cwd=REPO, env=env, check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(report.mixed_summary(result), flush=True)
    return result


def main():
    args = parse_args()
    args.reads = [read for read in args.reads.split(",") if read]
    unknown = set(args.reads) - set(READ_NAMES)
    if unknown:
        raise SystemExit(f"Unknown reads: {', '.join(sorted(unknown))}; choose from {', '.join(READ_NAMES)}")
    started = time.monotonic()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    node_was_running = elasticsearch_running()
    env = bench_environment(use_elasticsearch=not args.no_elasticsearch)
    try:
        run_benchmark(args, env, started)
    finally:
        stop_redis(env["BENCH_REDIS_URL"])
        if env["ELASTICSEARCH_URL"] and not node_was_running:
            stop_elasticsearch()  # started for the benchmark: free the port for the tests


def run_benchmark(args, env, started):
    prepare(env)

    print("== Checking every read and counting SQL queries", flush=True)
    inspected = {}
    for server in SERVERS:
        if server.name == "floor":
            write_floor(inspected["ours"], FLOOR_FILE)
        if server.in_front_of:  # the same responses, from the cache: no query
            inspected[server.name] = {read: {**found, "queries": 0} for read, found in inspected[server.in_front_of].items()}
            continue
        inspected[server.name] = inspect_server(server, env, keep_bodies=server.name == "ours")
    targets = {(server.name, read): inspected[server.name][read]["path"]
               for server in SERVERS for read in args.reads if "unsupported" not in inspected[server.name][read]}
    medians, mixed = measure(args, env, SERVERS, targets)
    print("== Profile of the slowest read", flush=True)
    profile = profile_slowest(medians, env, args.reads)
    text = report.render(args, env, SERVERS, inspected, medians, profile, time.monotonic() - started, mixed)
    Path(args.output).write_text(text)
    print(report.table(SERVERS, args.reads, inspected, medians))
    print(f"\nWrote {os.path.relpath(args.output, REPO)} ({time.monotonic() - started:.0f} s in all)")


def profile_slowest(medians, env, reads):
    ours = {read: medians[("ours", read)] for read in reads if ("ours", read) in medians}
    slowest = max(ours, key=lambda read: ours[read].p50_ms)
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.peers.profile_read", slowest],
        cwd=REPO, env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "benchmarks.peers.settings",
                       "GRAPHQL_RESPONSE_CACHE": "false"},
        check=True, capture_output=True, text=True,
    ).stdout
    return {"read": slowest, "text": output}


if __name__ == "__main__":
    main()
