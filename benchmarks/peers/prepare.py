"""Get the benchmark database and search indexes ready; every step is skipped when done.

PostgreSQL (scripts/postgres.sh) with a database of its own, the demo content, the scale
data (10,000 stores, 100,000 products, 2,000,000 stock levels), a few hundred benchmark
pages, our Elasticsearch index (scripts/elasticsearch.sh) and Wagtail's own search index
(which grapple and the REST API search). A Redis of its own (scripts/redis.sh, on a free
port, empty) is the shared cache of our API with its response cache.
"""

import os
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

from .servers import REPO, WORK_DIR, free_port

DATABASE_NAME = "storefront_bench"
INDEX_PREFIX = "bench"


def step(title):
    print(f"== {title}", flush=True)


def run(command, env=None, capture=False):
    completed = subprocess.run(command, cwd=REPO, env=env, check=True, text=True,
                               stdout=subprocess.PIPE if capture else None)
    return completed.stdout if capture else None


def bench_environment(use_elasticsearch=True):
    """Environment every benchmark process runs with (servers included)."""
    (WORK_DIR / "static").mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
    env = {
        "MEDIA_ROOT": str(WORK_DIR / "media"),
        "DOCUMENTS_ROOT": str(WORK_DIR / "documents"),
        "STATIC_ROOT": str(WORK_DIR / "static"),
        "SEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "SEARCH_AUTO_UPDATE": "false",
        "LOG_LEVEL": "WARNING",
    }
    env["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or database_url()
    env["ELASTICSEARCH_URL"] = elasticsearch_url() if use_elasticsearch else ""
    env["BENCH_REDIS_URL"] = start_redis()  # REDIS_URL of the servers with a shared cache
    return env


def database_url():
    step("PostgreSQL")
    server_url = run(["bash", "scripts/postgres.sh", "start"], capture=True).strip().splitlines()[-1]
    url = urlunsplit(urlsplit(server_url)._replace(path=f"/{DATABASE_NAME}"))
    ensure_database(server_url, url, DATABASE_NAME)
    return url


def ensure_database(server_url, url, name):
    """Create the database; recreate it when its images' files are not in this checkout's
    media folder (prepared by another checkout, or var/ removed): renditions need them."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not media_present(url):
            print(f"database {name} was prepared with images this checkout does not have: recreating it")
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = False
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def media_present(url):
    import psycopg

    with psycopg.connect(url) as connection:
        if not connection.execute("SELECT to_regclass('wagtailimages_image')").fetchone()[0]:
            return True  # nothing loaded yet
        row = connection.execute("SELECT file FROM wagtailimages_image ORDER BY id LIMIT 1").fetchone()
    return row is None or (WORK_DIR / "media" / row[0]).exists()


def redis_environment(url=None):
    port = url.rsplit(":", 1)[1].split("/")[0] if url else str(free_port())
    return {**os.environ, "REDIS_PORT": port, "REDIS_DIR": str(WORK_DIR / "redis")}


def start_redis():
    step("Redis")
    return run(["bash", "scripts/redis.sh", "start"], env=redis_environment(), capture=True).strip().splitlines()[-1]


def stop_redis(url):
    run(["bash", "scripts/redis.sh", "stop"], env=redis_environment(url))


def elasticsearch_url():
    step("Elasticsearch")
    return run(["bash", "scripts/elasticsearch.sh", "start"], capture=True).strip().splitlines()[-1]


def elasticsearch_running():
    return subprocess.run(["bash", "scripts/elasticsearch.sh", "status"], cwd=REPO, capture_output=True).returncode == 0


def stop_elasticsearch():
    run(["bash", "scripts/elasticsearch.sh", "stop"])


def prepare(env):
    """Migrate, load and index what is missing (minutes the first time, seconds after)."""
    started = time.monotonic()
    full_env = {**os.environ, **env, "DJANGO_SETTINGS_MODULE": "benchmarks.peers.settings_grapple"}
    python = sys.executable
    step("Migrations")
    run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env=full_env)
    step("Demo content")
    run([python, "manage.py", "load_demo", "-v", "0"], env=full_env)
    step("Scale data")
    run([python, "manage.py", "generate_scale_data", "--no-progress"], env=full_env)
    step("Benchmark pages and search indexes")
    run([python, "-m", "benchmarks.peers.prepare_data"], env=full_env)
    print(f"prepared in {time.monotonic() - started:.0f} s", flush=True)
