"""Media types and status codes of /graphql responses, by the GraphQL-over-HTTP specification.

A client that prefers ``application/graphql-response+json`` (Apollo Client 4, urql and
graphql-request list it first) gets it, with status codes that say what happened: 400 when
the operation did not start (a syntax or validation error, a refused limit, variables that
do not fit), 200 once it ran. Everyone else (no Accept header, ``*/*``, ``application/json``)
gets ``application/json``, where a well-formed request is answered 200 whatever GraphQL
errors it has, as the specification asks. Errors of the HTTP exchange itself keep their
status under both: a malformed request 400, a refused persisted query 403, a mutation over
GET 405, a body too large 413, a rate limit 429.

The view and the HTTP cache (http_cache.py) build ``application/json`` responses;
``negotiated`` labels them with the type the client asked for on their way out (the bytes
are the same) and adds ``Vary: Accept``.
"""

from functools import wraps

from django.utils.cache import patch_vary_headers

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
# Media ranges that select one of the two; wildcards mean the specification's default, JSON.
RANGES = {GRAPHQL_RESPONSE_JSON: GRAPHQL_RESPONSE_JSON, JSON: JSON, "application/*": JSON, "*/*": JSON}


def response_media_type(request):
    """The media type to answer ``request`` with: the first of the two by the Accept
    header's quality values (ties go to the one listed first), application/json when the
    header names neither."""
    ranked = []
    for position, item in enumerate(request.headers.get("Accept", "").split(",")):
        media_range, *params = (part.strip().lower() for part in item.split(";"))
        quality = accept_quality(params)
        if media_range in RANGES and quality > 0:
            ranked.append((-quality, position, RANGES[media_range]))
    return min(ranked)[2] if ranked else JSON


def accept_quality(params):
    for param in params:
        name, _, value = param.partition("=")
        if name.strip() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0  # a malformed weight: the range is left out
    return 1.0


def request_error_status(request):
    """The status of a GraphQL request error (the operation did not start)."""
    return 400 if response_media_type(request) == GRAPHQL_RESPONSE_JSON else 200


def negotiated(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return labelled(request, view(request, *args, **kwargs))

    return wrapper


def unlabelled(headers):
    """``(name, value)`` headers of a labelled response as the view built them (JSON): the
    response cache stores one response for both media types and labels it for each request."""
    return [
        (name, JSON if name.lower() == "content-type" and value == GRAPHQL_RESPONSE_JSON else value)
        for name, value in headers
    ]


def labelled(request, response):
    """``response`` (application/json) labelled with the media type ``request`` asked for."""
    patch_vary_headers(response, ("Accept",))
    is_json = response.get("Content-Type", "").split(";")[0].strip() == JSON
    if is_json and response_media_type(request) == GRAPHQL_RESPONSE_JSON:
        response["Content-Type"] = GRAPHQL_RESPONSE_JSON
    return response
