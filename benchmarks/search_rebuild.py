"""Elasticsearch rebuild, documents per second end to end, before and after, and where the time goes.

    scripts/elasticsearch.sh start                     # or ES_PORT=… for a node of your own
    ELASTICSEARCH_URL=http://127.0.0.1:9200 DATABASE_URL=postgres://…/<a copy of the scale data> \
        .venv/bin/python benchmarks/search_rebuild.py [--rounds 2] [--before b83e110]

Each round measures both code paths — today's ``search/documents.py`` and
``search/backends/elasticsearch.py``, and the same files as of the commit ``--before`` (read
with ``git show``, loaded in this process beside today's) — alternately first, in steps:

- build: every document read from the database and built (``all_documents``), nothing sent;
- + source: the same, each document also turned into its Elasticsearch ``_source`` and JSON
  (what the client sends);
- rebuild: ``ElasticsearchSearchBackend.rebuild`` end to end, as ``manage.py search_index
  rebuild`` runs it (new indices, bulk load, alias swap, old indices deleted).

It prints documents per second for each, and the CPU seconds the step took: this process
(every thread), its PostgreSQL backend and, with ``--es-pid``, the Elasticsearch node. On a
machine shared with other jobs the wall clock says more about them than about the rebuild;
"on 2 free cores" is the documents divided by half the CPU seconds: the rate if these
processes had this machine's two cores to themselves and CPU were their only limit. The rebuild writes the node's indices
for ``SEARCH_INDEX_PREFIX`` (default ``storefront``): use a node of your own.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from benchmarks.before import module_at  # noqa: E402
from search import documents  # noqa: E402
from search.backends import elasticsearch  # noqa: E402
from search.backends.es_mapping import entry_source  # noqa: E402
from search.service import get_search_backend  # noqa: E402


def process_cpu(pid):
    """User + system CPU seconds of the process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids):
    """``{part: CPU seconds so far}``: this process ("app") and each of ``pids`` ({part: pid})."""
    return {"app": time.process_time(), **{part: process_cpu(pid) for part, pid in pids.items()}}


def build(paths):
    return sum(1 for _ in paths["documents"].all_documents())


def with_source(paths):
    return sum(len(json.dumps(entry_source(document))) > 0 for document in paths["documents"].all_documents())


def rebuild(paths):
    backend = paths["backend"]
    return backend.rebuild(paths["documents"].all_documents()).documents


STEPS = {"build": build, "+ source": with_source, "rebuild": rebuild}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", default="b83e110", help="commit of the code to compare with (default b83e110: "
                        "main before the rebuild read rows instead of model instances)")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, of: {', '.join(STEPS)}")
    parser.add_argument("--es-pid", type=int, help="the Elasticsearch node's process id, to count its CPU "
                        "(scripts/elasticsearch.sh writes it to ES_DIR/elasticsearch.pid)")
    args = parser.parse_args()
    settings.DEBUG = False  # no query log
    configured = get_search_backend()
    if configured.name != "elasticsearch":
        raise SystemExit("Set ELASTICSEARCH_URL: this measures the Elasticsearch rebuild.")
    before_es = module_at(args.before, "search/backends/elasticsearch.py")
    paths = {
        "before": {"documents": module_at(args.before, "search/documents.py"),
                   "backend": before_es.ElasticsearchSearchBackend(**configured.options)},
        "after": {"documents": documents, "backend": elasticsearch.ElasticsearchSearchBackend(**configured.options)},
    }
    counts = documents.count_documents()
    print(f"{connection.vendor} {connection.settings_dict['NAME']}: {sum(counts.values()):,} documents {counts}; "
          f"Elasticsearch {', '.join(configured.urls)}", flush=True)
    pids = {"Elasticsearch": args.es_pid} if args.es_pid else {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pids["PostgreSQL"] = cursor.fetchone()[0]
    rates, free_rates = {}, {}
    for number in range(args.rounds):
        order = ["before", "after"] if number % 2 == 0 else ["after", "before"]
        for step in args.steps.split(","):
            for name in order:
                started, cpu_before = time.perf_counter(), cpu_seconds(pids)
                done = STEPS[step](paths[name])
                seconds, cpu_after = time.perf_counter() - started, cpu_seconds(pids)
                parts = {part: cpu_after[part] - cpu_before[part] for part in cpu_after}
                cpu = sum(parts.values())
                rates.setdefault((step, name), []).append(done / seconds)
                free_rates.setdefault((step, name), []).append(done / max(cpu / 2, 1e-9))
                print(f"round {number + 1} {step:9} {name:6} {done:,} documents in {seconds:6.1f} s: "
                      f"{done / seconds:8,.0f} documents/s; {cpu:5.1f} CPU s "
                      f"({', '.join(f'{part} {value:.1f}' for part, value in parts.items())}): "
                      f"{free_rates[(step, name)][-1]:8,.0f} on 2 free cores", flush=True)
    print("\ndocuments/s, best of the rounds (wall clock on 2 cores shared with other jobs | on 2 free cores):")
    for step in args.steps.split(","):
        before, after = max(rates[(step, "before")]), max(rates[(step, "after")])
        free_before, free_after = max(free_rates[(step, "before")]), max(free_rates[(step, "after")])
        print(f"  {step:9} before {before:8,.0f} | {free_before:8,.0f}   after {after:8,.0f} | {free_after:8,.0f}   "
              f"×{after / before:.2f} | ×{free_after / free_before:.2f}")


if __name__ == "__main__":
    main()
