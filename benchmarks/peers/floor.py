"""The floor: our responses' bytes served back from memory by a bare Django view, the least
a Django server can do per request. Benchmark only.

``BENCH_FLOOR_FILE`` names a JSON file: read name → {"body": str, "content_type": str}.
"""

import json
import os

from django.http import HttpResponse, HttpResponseNotFound


def load(path):
    if not path:
        return {}
    with open(path, encoding="utf-8") as file:
        return {
            read: (response["body"].encode(), response["content_type"])
            for read, response in json.load(file).items()
        }


RESPONSES = load(os.environ.get("BENCH_FLOOR_FILE"))


def floor_view(request, read):
    try:
        body, content_type = RESPONSES[read]
    except KeyError:
        return HttpResponseNotFound()
    return HttpResponse(body, content_type=content_type)
