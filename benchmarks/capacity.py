"""Capacity figures for docs/deployment.md: one app server with Redis as the shared cache.

    .venv/bin/python -m benchmarks.capacity [--seconds 8] [--workers 2] [--stock-rows 200000]

On the database `make bench` prepares (benchmarks/peers/prepare.py: the demo content plus
10,000 stores, 100,000 products and 2,000,000 stock levels), copied once into a database of
its own (`storefront_capacity`, so the stock it writes and the index it rebuilds disturb no
other run; BENCH_DATABASE_URL points it at another), it measures:

- reads: each of make bench's reads (benchmarks/peers/ours.py) loaded with wrk against a
  gunicorn of the production settings with REDIS_URL set (a Redis of scripts/redis.sh on a
  free port), with the response cache off (every request runs its query: "uncached") and on
  (every request after the first is a Redis hit: "cached"), and for comparison with the cache
  in each process's memory and the versions read from the database, as without REDIS_URL
  ("cached, no Redis"). Besides requests per second it
  counts the CPU seconds the gunicorn processes used, so requests per second *per app core*
  is requests ÷ app CPU seconds — what one core of an app server sustains, whatever else
  (wrk, PostgreSQL, Redis, other jobs) ran on this machine's cores. The CPU milliseconds
  PostgreSQL and Redis spent per request are counted the same way (PostgreSQL's include any
  other job's queries on this machine's server meanwhile);
- stock ingestion: `manage.py import_stock` of a file of new levels (5,000-row batches through
  the same function as the HTTP API), rows per second;
- indexing: `manage.py search_index rebuild` on the database backend (and on Elasticsearch
  with --elasticsearch-url, whose index the reads then search), documents per second.

It prints a table and the figures as JSON (last line). Servers and Redis run on free ports
and are stopped at the end.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .peers.__main__ import inspect_server
from .peers.load import run_load
from .peers.prepare import bench_environment
from .peers.servers import REPO, SERVERS_BY_NAME, WORK_DIR, wait_until_serving
from .peers.workload import READ_NAMES

DATABASE = "storefront_capacity"
TEMPLATE = "storefront_bench"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def capacity_database():
    """BENCH_DATABASE_URL, or a copy of make bench's database made once."""
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    import psycopg

    server_url = subprocess.run(["bash", "scripts/postgres.sh", "start"], cwd=REPO, check=True, text=True,
                                stdout=subprocess.PIPE).stdout.strip().splitlines()[-1]
    with psycopg.connect(server_url, autocommit=True) as connection:
        names = {row[0] for row in connection.execute("SELECT datname FROM pg_database")}
        if DATABASE not in names:
            if TEMPLATE not in names:
                raise SystemExit(f"No database {TEMPLATE}: run `make bench` once (it prepares it), "
                                 "or point BENCH_DATABASE_URL at a prepared database.")
            print(f"== Copying {TEMPLATE} into {DATABASE} (once)", flush=True)
            connection.execute(f'CREATE DATABASE "{DATABASE}" TEMPLATE "{TEMPLATE}"')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{DATABASE}"))


def cpu_seconds(process_group):
    """User + system CPU seconds of the live processes: of ``process_group`` (the app server),
    named postgres (every PostgreSQL backend on this machine, other jobs' included) and named
    redis-server."""
    totals = {"app": 0, "postgres": 0, "redis": 0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name, fields = (entry / "stat").read_text().rsplit(")", 1)
        except OSError:
            continue
        fields, name = fields.split(), name.split("(", 1)[1]
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        if int(fields[2]) == process_group:  # pgrp
            totals["app"] += ticks
        elif name == "postgres":
            totals["postgres"] += ticks
        elif name.startswith("redis-server"):
            totals["redis"] += ticks
    return {part: ticks / CLOCK_TICKS for part, ticks in totals.items()}


class Redis:
    def __init__(self):
        self.port = free_port()
        self.env = {**os.environ, "REDIS_PORT": str(self.port), "REDIS_DIR": tempfile.mkdtemp(prefix="capacity-redis-")}

    def __enter__(self):
        self.url = subprocess.run(["bash", "scripts/redis.sh", "start"], cwd=REPO, env=self.env, check=True,
                                  text=True, stdout=subprocess.PIPE).stdout.strip()
        return self

    def __exit__(self, *exc):
        subprocess.run(["bash", "scripts/redis.sh", "stop"], cwd=REPO, env=self.env, check=True)
        shutil.rmtree(self.env["REDIS_DIR"], ignore_errors=True)


class Server:
    """A gunicorn of the benchmark's production settings on a free port."""

    def __init__(self, env, workers, log):
        self.port = free_port()
        self.log = log
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "cms.wsgi:application", "--workers", str(workers),
             "--bind", f"127.0.0.1:{self.port}", "--chdir", str(REPO), "--timeout", "120", "--log-level", "warning"],
            env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT, start_new_session=True,
        )

    def __enter__(self):
        wait_until_serving(self.port, self.process, self.log)
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)

    def measure(self, path, seconds, connections):
        before = cpu_seconds(self.process.pid)
        result = run_load(f"http://127.0.0.1:{self.port}{path}", seconds, connections)
        after = cpu_seconds(self.process.pid)
        used = {part: after[part] - before[part] for part in after}
        requests = result.requests_per_second * seconds
        return {"rps": result.requests_per_second, "p50_ms": result.p50_ms, "p95_ms": result.p95_ms,
                "app_cpu_share": used["app"] / seconds, "rps_per_core": requests / used["app"] if used["app"] else None,
                "postgres_ms_per_request": 1000 * used["postgres"] / requests,
                "redis_ms_per_request": 1000 * used["redis"] / requests}


def measure_reads(args, env, redis_url):
    paths = {read: found["path"] for read, found in inspect_server(SERVERS_BY_NAME["ours"], env).items()
             if read in args.reads}
    results = {}
    modes = {"uncached": ("uncached", "false", redis_url), "cached": ("cached", "true", redis_url),
             "cached-no-redis": ("cached, no Redis", "true", "")}
    for name in args.modes:
        mode, cache, url = modes[name]
        server_env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "benchmarks.peers.settings",
                      "REDIS_URL": url, "GRAPHQL_RESPONSE_CACHE": cache,
                      # Counted as in production (one client address sends every request here:
                      # a rate it never reaches).
                      "GRAPHQL_RATE_LIMIT": "1000000000/minute"}
        with Server(server_env, args.workers, WORK_DIR / f"capacity-{mode.replace(', ', '-')}.log") as server:
            for read, path in paths.items():
                run_load(f"http://127.0.0.1:{server.port}{path}", args.warmup, args.connections)
                results[mode, read] = server.measure(path, args.seconds, args.connections)
                figures = results[mode, read]
                print(f"   {read:<14} {mode:<16} {figures['rps']:8.1f} req/s  {figures['rps_per_core']:8.1f} req/s per app core"
                      f"  p50 {figures['p50_ms']:7.2f} ms  (app used {figures['app_cpu_share']:.2f} cores; CPU ms per "
                      f"request: PostgreSQL {figures['postgres_ms_per_request']:.2f}, Redis {figures['redis_ms_per_request']:.3f})",
                      flush=True)
    return results


def manage(env, *arguments):
    completed = subprocess.run([sys.executable, "manage.py", *arguments], cwd=REPO, env=env, check=True, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return completed.stdout


def stock_file(env, rows):
    """JSON Lines of ``rows`` new levels over existing stores and products, timestamped now."""
    script = (
        "import django, json, sys, itertools; django.setup()\n"
        "from django.utils import timezone\n"
        "from cms.catalog.models import Product\n"
        "from cms.stores.models import StorePage\n"
        "from wagtail.models import Locale\n"
        "locale = Locale.get_default()\n"
        "stores = list(StorePage.objects.filter(locale=locale).values_list('slug', flat=True)[:200])\n"
        "skus = list(Product.objects.filter(locale=locale).values_list('sku', flat=True)[:%d])\n"
        "now = timezone.now().isoformat()\n"
        "for n, (sku, store) in enumerate(itertools.islice(itertools.product(skus, stores), %d)):\n"
        "    print(json.dumps({'store': store, 'sku': sku, 'quantity': n %% 50, 'source_updated_at': now}))\n"
    ) % (rows // 200 + 1, rows)
    path = WORK_DIR / "capacity-stock.jsonl"
    with open(path, "w") as out:
        subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=True, stdout=out)
    return path


def measure_stock(env, rows):
    path = stock_file(env, rows)
    output = manage(env, "import_stock", str(path), "--no-progress")
    found = re.search(r"([\d,]+) rows in ([\d.]+) s \(([\d,]+) rows/s\)", output)
    if not found:
        raise SystemExit(f"import_stock said:\n{output}")
    return {"rows": int(found[1].replace(",", "")), "seconds": float(found[2]), "rows_per_second": int(found[3].replace(",", "")),
            "summary": output.strip().splitlines()[-1]}


def measure_index(env):
    output = manage(env, "search_index", "rebuild", "--no-progress")
    found = re.search(r"rebuilt ([\d,]+) documents.* in ([\d.]+) s \(([\d,]+) documents/s\)", output)
    if not found:
        raise SystemExit(f"search_index rebuild said:\n{output}")
    return {"documents": int(found[1].replace(",", "")), "seconds": float(found[2]),
            "documents_per_second": int(found[3].replace(",", ""))}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=8, help="seconds of load per read and mode (default 8)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per read and mode (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--connections", type=int, default=4, help="concurrent wrk connections (default 4)")
    parser.add_argument("--reads", default=",".join(READ_NAMES), help="comma-separated reads (default all; empty: none)")
    parser.add_argument("--modes", default="uncached,cached,cached-no-redis", type=str,
                        help="comma-separated: uncached, cached, cached-no-redis (default all three)")
    parser.add_argument("--stock-rows", type=int, default=200_000, help="stock rows to import (default 200000; 0: none)")
    parser.add_argument("--no-index", action="store_true", help="leave the index rebuild out")
    parser.add_argument("--elasticsearch-url", default="",
                        help="also rebuild this Elasticsearch's index (it must hold no other index named bench-*), "
                             "and search it in the reads")
    return parser.parse_args()


def main():
    args = parse_args()
    args.reads = [read for read in args.reads.split(",") if read]
    args.modes = [mode for mode in args.modes.split(",") if mode]
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["BENCH_DATABASE_URL"] = capacity_database()
    env = bench_environment(use_elasticsearch=False)
    figures = {"workers": args.workers, "cores": os.cpu_count()}
    full_env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "benchmarks.peers.settings"}
    if args.stock_rows:
        print(f"== Stock ingestion ({args.stock_rows:,} rows)", flush=True)
        figures["stock"] = measure_stock(full_env, args.stock_rows)
        print(f"   {figures['stock']['summary']}", flush=True)
    if not args.no_index:
        print("== Index rebuild (database backend)", flush=True)
        figures["index_database"] = measure_index(full_env)
        print(f"   {figures['index_database']}", flush=True)
        if args.elasticsearch_url:
            print("== Index rebuild (Elasticsearch)", flush=True)
            figures["index_elasticsearch"] = measure_index({**full_env, "ELASTICSEARCH_URL": args.elasticsearch_url})
            print(f"   {figures['index_elasticsearch']}", flush=True)
    if args.reads:
        env["ELASTICSEARCH_URL"] = args.elasticsearch_url  # searches go to it (its index rebuilt above)
        with Redis() as redis:
            print(f"== Reads (gunicorn, {args.workers} workers, Redis {redis.url}, search on "
                  f"{'Elasticsearch' if args.elasticsearch_url else 'the database backend'})", flush=True)
            reads = measure_reads(args, env, redis.url)
        figures["reads"] = {f"{mode}:{read}": value for (mode, read), value in reads.items()}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
