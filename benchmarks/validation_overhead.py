"""What the limit rules add to validating a query (not part of the tests).

    .venv/bin/python benchmarks/validation_overhead.py [--repeat 1000]

Validates each query of docs/queries (the example queries) and a broad store-list query
``--repeat`` times (best of five rounds) with graphql-core's standard rules alone and with
the standard rules plus the limits (storefront_api/validation.py), and prints milliseconds
per validation and the ratio. Parsing is done once, outside the timing.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from graphql import parse, specified_rules, validate  # noqa: E402

from storefront_api.schema import schema  # noqa: E402
from storefront_api.validation import query_limits_rule  # noqa: E402

STORE_LIST = """query($first: Int) { stores(first: $first) { totalCount edges { node {
  title url address { street city country { name } } location { latitude longitude }
  services { code name } openingHours { weekday opens closes } hoursExceptions { date label closed }
  isOpen nextOpening heroImage { rendition(width: 320) { url } } offers { title code validTo }
} } } }"""


def queries():
    yield "store list", STORE_LIST
    for path in sorted((ROOT / "docs" / "queries").glob("*.graphql")):
        yield path.stem, path.read_text(encoding="utf-8")


def per_validation_ms(document, rules, repeat):
    """``rules()`` gives the rules of one validation: the view builds the limits rule per
    request (it binds the variables), so that is timed too."""
    graphql_schema = schema.graphql_schema
    assert not validate(graphql_schema, document, rules())  # and warm up
    started = time.process_time()
    for _ in range(repeat):
        validate(graphql_schema, document, rules())
    return (time.process_time() - started) / repeat * 1000


def best_of(rounds, *measures):
    """The fastest of several interleaved rounds of each measure (CPU time of this process:
    the machine's other work only ever adds to it)."""
    results = [[measure() for measure in measures] for _ in range(rounds)]
    return [min(column) for column in zip(*results)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000)
    repeat = parser.parse_args().repeat
    standard = tuple(specified_rules)
    print(f"{'query':<16} {'standard ms':>12} {'+ limits ms':>12} {'ratio':>7}")
    for name, text in queries():
        document = parse(text)
        rounds = 5
        base, limited = best_of(
            rounds,
            lambda: per_validation_ms(document, lambda: standard, repeat // rounds),
            lambda: per_validation_ms(document, lambda: standard + (query_limits_rule({"first": 20}),), repeat // rounds),
        )
        print(f"{name:<16} {base:>12.3f} {limited:>12.3f} {limited / base:>7.2f}")


if __name__ == "__main__":
    main()
