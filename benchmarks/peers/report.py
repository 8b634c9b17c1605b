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
             "cached ÷ grapple (req/s) | cached p50 ÷ floor p50 | Varnish ÷ floor (req/s) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]

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
            f"{ratio(p50('ours_cached', read), p50('floor', read))} | {ratio(rps('varnish', read), rps('floor', read))} |"
        )
    return "\n".join(lines)


def mixed_figures(result):
    """The mixed workload's figures, computed once for the summary and the report."""
    load, changes = result["load"], result["changes"]
    answered = load["hits"] + load["misses"] + load["passes"]

    def seconds(kind, key):
        values = sorted(change[key] for change in changes if change["kind"] == kind and change[key] is not None)
        return (statistics.median(values), max(values)) if values else (None, None)

    return {
        "rps": load["requests"] / (load["duration_us"] / 1e6),
        "p50_ms": load["p50_us"] / 1000, "p95_ms": load["p95_us"] / 1000,
        "hit_ratio": load["hits"] / answered if answered else 0,
        "misses": load["misses"], "passes": load["passes"], "requests": load["requests"],
        "publishes": sum(1 for change in changes if change["kind"] == "publish"),
        "batches": sum(1 for change in changes if change["kind"] == "stock batch"),
        "publish_fresh": seconds("publish", "seconds_to_fresh"),
        "stock_fresh": seconds("stock batch", "seconds_to_fresh"),
        "purge": seconds("publish", "seconds_to_purge"),
        "stale_after_purge": sum(change["stale_after_purge"] or 0 for change in changes),
        "stale_after_repeat": sum(change["stale_after_repeat"] or 0 for change in changes),
        "asked": sum(change["asked"] for change in changes),
        "never_fresh": sum(1 for change in changes if change["seconds_to_fresh"] is None),
    }


def _ms(pair):
    return "–" if pair[0] is None else f"{pair[0] * 1000:.0f} ms (at most {pair[1] * 1000:.0f} ms)"


def mixed_summary(result):
    figures = mixed_figures(result)
    return (f"   {figures['rps']:,.0f} req/s, p50 {figures['p50_ms']:.2f} ms, p95 {figures['p95_ms']:.2f} ms, "
            f"hit ratio {figures['hit_ratio']:.2%}; {figures['publishes']} publishes served fresh after "
            f"{_ms(figures['publish_fresh'])}, {figures['batches']} stock batches after {_ms(figures['stock_fresh'])}; "
            f"responses older than their purge: {figures['stale_after_purge']} after the first, "
            f"{figures['stale_after_repeat']} after its repeat (of {figures['asked']} checked)")


def mixed_section(result):
    if not result:
        return []
    figures = mixed_figures(result)
    return [
        "## Through Varnish while content changes",
        "",
        f"For {result['seconds']} s wrk ({result['connections']} connections) asks Varnish for the {result['reads']} "
        f"reads in turn while, every {result['change_every']:g} s, the benchmark store is published with a new "
        "phone number, then a stock batch changes the availability product in the five stores the read shows, "
        "and so on; `manage.py purge_cache` runs beside it (polling every 0.1 s; each purge is sent again "
        f"{result['repeat_seconds']} s later, `CDN_PURGE_REPEAT_SECONDS`). After each change the read that shows "
        "it is asked for until the new content comes, then for that long plus 2 s "
        "(`benchmarks/peers/mixed.py`). A response is *older than its purge* when it shows the old content "
        "although it was asked for after the purge had been sent.",
        "",
        "| figure | value |",
        "| --- | ---: |",
        f"| requests per second (all reads) | {figures['rps']:,.0f} |",
        f"| p50 / p95 latency | {figures['p50_ms']:.2f} / {figures['p95_ms']:.2f} ms |",
        f"| answered from Varnish's cache (hit ratio) | {figures['hit_ratio']:.2%} ({figures['misses']:,} misses, "
        f"{figures['passes']:,} passes of {figures['requests']:,}) |",
        f"| publishes / stock batches | {figures['publishes']} / {figures['batches']} |",
        f"| publish → purge sent, median (max) | {_ms(figures['purge'])} |",
        f"| publish → new content served, median (max) | {_ms(figures['publish_fresh'])} |",
        f"| stock batch → new stock served, median (max) | {_ms(figures['stock_fresh'])} |",
        f"| responses older than the first purge | {figures['stale_after_purge']} (of {figures['asked']:,} checked) |",
        f"| responses older than the purge's repeat | {figures['stale_after_repeat']} |",
        f"| changes never seen within 15 s | {figures['never_fresh']} |",
        "",
    ]


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


def render(args, env, servers, inspected, medians, profile, seconds, mixed=None):
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
        "(`GRAPHQL_RESPONSE_CACHE`) with Redis as the shared cache; every request after the first is a hit "
        "costing no SQL and one Redis round trip (the content versions and the entry). “Varnish” is a Varnish of the shipped VCL (`deploy/varnish/default.vcl`, "
        "`scripts/varnish.sh`) in front of our API without the response cache: after the warm-up every "
        "request is a hit. SQL queries are counted once per read on a warm request.",
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
        *mixed_section(mixed),
        f"## Where our time goes: profile of the slowest read (`{profile['read']}`, response cache off)",
        "",
        "```",
        profile["text"].rstrip(),
        "```",
        "",
    ])
