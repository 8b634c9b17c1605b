"""Medians, the printed table and docs/benchmarks.md."""

import json
import os
import platform
import statistics
import subprocess
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata

from .workload import READS, SEARCH_TEXT

REPRODUCE = "make bench"


@dataclass(frozen=True)
class Median:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    rounds: int

    @classmethod
    def of(cls, runs):
        return cls(
            requests_per_second=statistics.median(run.requests_per_second for run in runs),
            p50_ms=statistics.median(run.p50_ms for run in runs),
            p95_ms=statistics.median(run.p95_ms for run in runs),
            rounds=len(runs),
        )


def ratio(numerator, denominator):
    return f"{numerator / denominator:.2f}×" if numerator and denominator else "–"


def figures_table(servers, reads, inspected, medians):
    lines = ["| read | server | req/s | p50 ms | p95 ms | SQL queries | response bytes |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for read in reads:
        for server in servers:
            found = inspected[server.name][read]
            if "unsupported" in found:
                lines.append(f"| {read} | {server.label} | – | – | – | – | cannot express it |")
                continue
            median = medians.get((server.name, read))
            if median is None:
                continue
            lines.append(f"| {read} | {server.label} | {median.requests_per_second:,.0f} | {median.p50_ms:.2f} | "
                         f"{median.p95_ms:.2f} | {found['queries']} | {found['bytes']:,} |")
    return "\n".join(lines)


def ratios_table(reads, medians):
    """Throughput ratios (ours ÷ peer: above 1 we are faster) and latency against the floor
    (our p50 ÷ the floor's: how many times the cost of sending stored bytes)."""
    lines = ["| read | ours ÷ grapple (req/s) | ours ÷ REST v2 (req/s) | our p50 ÷ floor p50 | "
             "cached ÷ grapple (req/s) | cached p50 ÷ floor p50 |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]

    def rps(server, read):
        median = medians.get((server, read))
        return median.requests_per_second if median else None

    def p50(server, read):
        median = medians.get((server, read))
        return median.p50_ms if median else None

    for read in reads:
        lines.append(
            f"| {read} | {ratio(rps('ours', read), rps('grapple', read))} | {ratio(rps('ours', read), rps('rest', read))} | "
            f"{ratio(p50('ours', read), p50('floor', read))} | {ratio(rps('ours_cached', read), rps('grapple', read))} | "
            f"{ratio(p50('ours_cached', read), p50('floor', read))} |"
        )
    return "\n".join(lines)


def table(servers, reads, inspected, medians):
    return figures_table(servers, reads, inspected, medians) + "\n\n" + ratios_table(reads, medians)


def machine(args, env):
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    versions = ", ".join(f"{name} {version(name)}" for name in
                         ("Django", "wagtail", "graphene-django", "wagtail-grapple", "djangorestframework", "gunicorn"))
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("Copyright")[0].strip()
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}), {memory_gib():.0f} GiB, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; {versions}",
        f"- Database: PostgreSQL {postgres_version(env['DATABASE_URL'])} on 127.0.0.1 (same machine)",
        f"- Our search: {elasticsearch_version(env['ELASTICSEARCH_URL'])}; grapple and REST v2 search with "
        "Wagtail's database search backend (PostgreSQL full text)",
        f"- Servers: gunicorn, {args.workers} sync workers each, settings `benchmarks.peers.settings` "
        "(production settings, `DEBUG` off, rate limit off) — grapple: `benchmarks.peers.settings_grapple`",
        f"- Load: {wrk}, 1 thread, {args.connections} connections, {args.warmup} s warm-up per read and server, "
        f"then {args.rounds} rounds × {args.seconds} s per read and server, servers alternating (the first "
        "server moves one place each round); medians of the rounds",
    ]


def version(distribution):
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def memory_gib():
    with open("/proc/meminfo") as meminfo:
        return int(meminfo.readline().split()[1]) / 1024 / 1024


def postgres_version(url):
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0].split()[0]


def elasticsearch_version(url):
    if not url:
        return "our database search backend"
    with urllib.request.urlopen(url, timeout=5) as response:
        return f"Elasticsearch {json.load(response)['version']['number']} (single node, scripts/elasticsearch.sh)"


def unsupported_lines(servers, reads, inspected):
    lines = []
    for server in servers:
        for read in reads:
            reason = inspected[server.name][read].get("unsupported")
            if reason:
                lines.append(f"- {server.label}, {read}: {reason}")
    return lines


def render(args, env, servers, inspected, medians, profile, seconds):
    reads = args.reads
    described = dict(READS)
    return "\n".join([
        "# Benchmarks: our GraphQL API, wagtail-grapple, Wagtail's REST API v2 and a static floor",
        "",
        f"Generated by `{REPRODUCE}` (`python -m benchmarks.peers`) on "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC in {seconds / 60:.0f} min. Do not edit by hand: "
        "run it again.",
        "",
        "## How to reproduce",
        "",
        f"    {REPRODUCE}",
        "",
        "One command: it installs the benchmark extra (wagtail-grapple) and wrk if missing, starts "
        "PostgreSQL and the Elasticsearch node, prepares the database `storefront_bench` (demo content, "
        "scale data: 10,000 stores, 100,000 products, 2,000,000 stock levels, plus 300 benchmark pages) "
        "and the search indexes — minutes the first time, seconds after — then measures. "
        "`python -m benchmarks.peers --help` lists the options (rounds, seconds, workers, connections, reads).",
        "",
        "## Setup",
        "",
        *machine(args, env),
        "",
        "## Reads",
        "",
        *[f"- `{read}`: {described[read]}" + (f" (text: “{SEARCH_TEXT}”)" if read == "search" else "")
          for read in reads],
        "",
        "Each server answers the same read from the same database with the same data as far as it can "
        "express it (queries: `benchmarks/peers/ours.py`, `grapple_reads.py`, `rest.py`). The floor "
        "returns our API's response bytes for the read, stored in memory, from a bare Django view in the "
        "same gunicorn and middleware setup. “Response cache on” is our server-side response cache "
        "(`GRAPHQL_RESPONSE_CACHE`); every request after the first is a hit costing one SQL query "
        "(the content versions). SQL queries are counted once per read on a warm request.",
        "",
        "## Results",
        "",
        figures_table(servers, reads, inspected, medians),
        "",
        "### Ratios",
        "",
        "Throughput ratios are our requests per second divided by the peer's (above 1: we serve more). "
        "Against the floor, our p50 latency divided by the floor's (how many times the cost of sending "
        "stored bytes).",
        "",
        ratios_table(reads, medians),
        "",
        "### What the peers cannot express",
        "",
        *(unsupported_lines(servers, reads, inspected) or ["- nothing"]),
        "",
        f"## Where our time goes: profile of the slowest read (`{profile['read']}`, response cache off)",
        "",
        "```",
        profile["text"].rstrip(),
        "```",
        "",
    ])
