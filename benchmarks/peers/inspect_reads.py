"""Run in a server's settings (a subprocess per server): send each read once through Django's
test client to check it answers, then count its SQL queries on a second, warm request.
Prints one JSON object: {read: {"status", "bytes", "queries", "content_type", "body"?}}.

    DJANGO_SETTINGS_MODULE=<server settings> python -m benchmarks.peers.inspect_reads <server> [--bodies]
"""

import json
import sys

import django


def inspect(server_name, keep_bodies):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .servers import SERVERS_BY_NAME
    from .workload import Unsupported, resolve_context

    context = resolve_context()
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for read, target in SERVERS_BY_NAME[server_name].targets(context).items():
        if isinstance(target, Unsupported):
            results[read] = {"unsupported": target.reason}
            continue
        client.get(target)  # warm: renditions made, caches filled
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target)
        body = response.content.decode()
        result = {"path": target, "status": response.status_code, "bytes": len(response.content), "queries": len(queries),
                  "content_type": response["Content-Type"], "error": graphql_error(body)}
        if keep_bodies:
            result["body"] = body
        results[read] = result
    return results


def graphql_error(body):
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if isinstance(data, dict) and data.get("errors"):
        return data["errors"][0].get("message", "error")
    return None


if __name__ == "__main__":
    django.setup()
    print(json.dumps(inspect(sys.argv[1], "--bodies" in sys.argv)))
