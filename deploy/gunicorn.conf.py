"""gunicorn settings for the app servers:

    gunicorn -c deploy/gunicorn.conf.py cms.wsgi:application

Every value can be changed by an environment variable (docs/operations.md "The app server").
The request-line limit is raised to gunicorn's highest finite value so that GET requests of
/graphql — persisted-query hashes with their variables, or query texts a client keeps within
its URL limit — are answered instead of refused with 414; longer queries go by POST.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# A request may take this long before its worker is replaced (the API's own limits keep
# anonymous requests far below it: docs/api.md "Worst case of an anonymous request").
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Requests: a request line (method, URL, protocol) of up to 8190 bytes, gunicorn's largest
# finite value (0 would mean unlimited); at most 100 headers of up to 8190 bytes each.
limit_request_line = _int("GUNICORN_LIMIT_REQUEST_LINE", 8190)
limit_request_fields = _int("GUNICORN_LIMIT_REQUEST_FIELDS", 100)
limit_request_field_size = _int("GUNICORN_LIMIT_REQUEST_FIELD_SIZE", 8190)

# Workers are recycled now and then, at different moments, so no leak accumulates.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# Proxies whose X-Forwarded-Proto (HTTPS) gunicorn believes; the app's own TRUSTED_PROXY_COUNT
# decides whose X-Forwarded-For names the client.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or "-"
