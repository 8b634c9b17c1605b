"""Where our API's time goes, in-process (Django's test client, the whole middleware stack):
for every read, time per request split into SQL and the rest (what parsing and standard
validation cost once per query text is shown apart: they are kept per process);
then a cProfile of the slowest read (own time per package, top functions).

    python -m benchmarks.peers.profile_read <slowest read> [--requests 40]
"""

import argparse
import cProfile
import io
import pstats
import time
from collections import defaultdict

import django

PACKAGES = [  # first match wins: (label, path fragment)
    ("graphql-core (parse, validate, execute)", "/graphql/"),
    ("graphene / graphene-django", "/graphene"),
    ("psycopg (driver)", "/psycopg/"),
    ("Django ORM", "/django/db/"),
    ("Django (other)", "/django/"),
    ("Wagtail", "/wagtail/"),
    ("our code: storefront_api", "/storefront_api/"),
    ("our code: cms", "/cms/"),
    ("our code: search", "/search/"),
    ("Python standard library", "/lib/python3"),
]


NETWORK_WAITS = ("recv", "send", "poll", "select", "wait")


def package_of(filename, function):
    for label, fragment in PACKAGES:
        if fragment in filename:
            return label
    if any(word in function for word in NETWORK_WAITS):
        return "waiting for replies (PostgreSQL, Elasticsearch)"
    return "other (built-ins, C functions)"


class SqlTimer:
    """An execute_wrapper that counts queries and their time (round trips included)."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql_text, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def parse_and_validate_ms(query, variables, repeat=20):
    """What graphql-core's parse + validation (standard rules and our limits) cost for ``query``
    when it is not kept yet (storefront_api/documents.py keeps it per query text)."""
    from graphql import parse, validate

    from storefront_api.schema import schema
    from storefront_api.validation import validation_rules

    started = time.perf_counter()
    for _ in range(repeat):
        validate(schema.graphql_schema, parse(query), validation_rules(variables, lambda measure: None))
    return (time.perf_counter() - started) / repeat * 1000


def breakdown(client, paths, requests=20):
    """A markdown table: per read, ms per request, SQL and the rest, and the first request's
    parse + validate."""
    from django.db import connection

    from .ours import QUERIES, variables
    from .workload import resolve_context

    context = resolve_context()
    lines = ["| read | ms per request | SQL queries | SQL ms | the rest ms | parse + validate, first request ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for read, path in paths.items():
        for _ in range(3):
            client.get(path)
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started = time.perf_counter()
            for _ in range(requests):
                client.get(path)
            total = (time.perf_counter() - started) / requests * 1000
        sql_ms = timer.seconds / requests * 1000
        checking = parse_and_validate_ms(QUERIES[read], variables(read, context))
        lines.append(f"| {read} | {total:.1f} | {timer.count // requests} | {sql_ms:.1f} | {total - sql_ms:.1f} | "
                     f"{checking:.1f} |")
    return "\n".join(lines)


def profile(read, requests):
    from django.db import connection
    from django.test import Client

    from .ours import targets
    from .workload import resolve_context

    paths = targets(resolve_context())
    client = Client(HTTP_HOST="127.0.0.1")
    table = breakdown(client, paths)
    path = paths[read]
    for _ in range(5):
        client.get(path)
    timer = SqlTimer()
    profiler = cProfile.Profile()
    with connection.execute_wrapper(timer):
        started = time.perf_counter()
        profiler.enable()
        for _ in range(requests):
            client.get(path)
        profiler.disable()
        wall = time.perf_counter() - started
    per_request = wall / requests * 1000
    stats = pstats.Stats(profiler)
    own = defaultdict(float)
    for (filename, _line, function), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
        own[package_of(filename, function)] += tottime
    profiled_total = sum(own.values())
    lines = [
        "Every read, in-process, 20 requests each (no profiler):",
        "",
        table,
        "",
        f"Profile: {requests} requests of `{read}` in-process: {per_request:.1f} ms per request (profiler on), "
        f"{timer.count / requests:.0f} SQL queries taking {timer.seconds / requests * 1000:.1f} ms "
        f"({timer.seconds / wall:.0%} of the time, database round trips included)",
        "",
        "Own time per package:",
    ]
    for label, seconds in sorted(own.items(), key=lambda item: -item[1]):
        lines.append(f"  {seconds / profiled_total:6.1%}  {label}")
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats("tottime").print_stats(15)
    top = [line for line in buffer.getvalue().splitlines() if line.strip()][-16:]
    lines += ["", "Top functions by own time:", *top]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("read")
    parser.add_argument("--requests", type=int, default=40)
    arguments = parser.parse_args()
    django.setup()
    print(profile(arguments.read, arguments.requests))
