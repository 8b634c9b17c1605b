"""The /graphql endpoint: POST for everything — one operation, or a JSON list of up to
MAX_BATCH — and GET for queries only (a mutation over GET gets 405). GET takes its
parameters from the URL only (``variables`` and ``extensions`` as JSON text) and ignores any
body and Content-Type; POST takes them from the body only. Media types and status codes
follow the GraphQL-over-HTTP specification (media_types.py).

Each operation is looked up as a persisted query when it names one (persisted_queries.py),
then validated by graphql-core's standard rules plus the limits (validation.py) before it
runs. Unexpected errors reach clients masked, with the request id every response carries in
``X-Request-Id``.
"""

import json
import re
import uuid

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, HttpResponseNotAllowed, QueryDict
from django.views.decorators.csrf import csrf_exempt
from graphene_django.constants import MUTATION_ERRORS_FLAG
from graphene_django.utils.utils import set_rollback
from graphene_django.views import GraphQLView, HttpError
from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast, validate

from . import persisted_queries
from .core.errors import is_unexpected, masked_error, without_suggestions
from .documents import checked_documents
from .media_types import negotiated, request_error_status
from .settings import api_setting
from .validation import length_refusal, query_limits_rule

# An incoming X-Request-Id is kept when it looks like an id (it goes into logs and headers).
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


class RequestRefused(HttpError):
    """A request refused before any operation runs, answered with an error code."""

    def __init__(self, message, code, status=400):
        super().__init__(HttpResponse(status=status), message)
        self.code = code


def request_id(request):
    incoming = request.headers.get("X-Request-Id", "")
    return incoming if REQUEST_ID.fullmatch(incoming) else str(uuid.uuid4())


class StorefrontGraphQLView(GraphQLView):
    request_id = None

    def __init__(self, **kwargs):
        kwargs.setdefault("graphiql", api_setting("GRAPHIQL"))
        super().__init__(**kwargs)

    def dispatch(self, request, *args, **kwargs):
        self.request_id = request_id(request)
        response = super().dispatch(request, *args, **kwargs)
        response["X-Request-Id"] = self.request_id
        return response

    def parse_body(self, request):
        if request.method == "GET":
            return {}  # parameters are in the URL (get_graphql_params); clients may still send a Content-Type
        try:
            request.body  # noqa: B018 — read once here: Django refuses a body over its limit
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            message = f"The request body exceeds the limit of {limit} bytes (DATA_UPLOAD_MAX_MEMORY_SIZE)."
            raise RequestRefused(message, "REQUEST_TOO_LARGE", status=413) from None
        if self.get_content_type(request) != "application/json":
            return super().parse_body(request)
        try:
            body = json.loads(request.body.decode("utf-8"))
        except ValueError:
            raise RequestRefused("The body is not valid JSON.", "BAD_REQUEST") from None
        if isinstance(body, list):
            check_batch(body)
        elif not isinstance(body, dict):
            raise RequestRefused("The body must be a JSON object, or a list of them (a batch).", "BAD_REQUEST")
        return body

    def get_response(self, request, data, show_graphiql=False):
        if not isinstance(data, list):
            return self.operation_response(request, data)
        responses = [self.operation_response(request, operation) for operation in data]
        return "[{}]".format(",".join(body for body, _status in responses)), max(status for _body, status in responses)

    @staticmethod
    def get_graphql_params(request, data):
        """``query``, ``variables``, ``operationName`` and ``extensions`` of one operation:
        from the URL for GET, from ``data`` (one operation of the body) for POST. Values that
        are text on the wire (a URL, a form) hold JSON for variables and extensions."""
        source = request.GET if request.method == "GET" else data
        params = {name: source.get(name) for name in ("query", "variables", "operationName", "extensions")}
        for name in ("variables", "extensions"):
            if isinstance(params[name], str) and isinstance(source, QueryDict):
                try:
                    params[name] = json.loads(params[name])
                except ValueError:
                    raise RequestRefused(f"`{name}` is not valid JSON.", "BAD_REQUEST") from None
        check_params(params)
        return params["query"], params["variables"], params["operationName"], params["extensions"]

    def operation_response(self, request, data):
        query, variables, operation_name, extensions = self.get_graphql_params(request, data)
        try:
            lookup = persisted_queries.resolve(query, extensions)
        except persisted_queries.PersistedQueryError as error:
            return self.json_encode(request, {"errors": [error.formatted]}), error.status
        too_long = length_refusal(lookup.query)
        if too_long:
            return self.json_encode(request, {"errors": [too_long.formatted]}), request_error_status(request)
        costs = []
        limits = query_limits_rule(variables, lambda measure: costs.append(measure.cost))
        result = self.execute_checked(request, lookup.query, variables, operation_name, limits)
        if getattr(request, MUTATION_ERRORS_FLAG, False) is True:
            set_rollback()
        response = {}
        status = 200
        ran = True
        if result.errors:
            set_rollback()
            response["errors"] = [self.format_error(error) for error in result.errors]
            # Errors outside any field: the operation was refused before it ran (a request
            # error, media_types.py) or failed as a whole.
            unlocated = [error for error in result.errors if not getattr(error, "path", None)]
            if unlocated:
                ran = False
                status = 500 if any(is_unexpected(error) for error in unlocated) else request_error_status(request)
        if ran:
            response["data"] = result.data
            if lookup.store_as:
                persisted_queries.store_automatic(lookup.store_as, lookup.query)
        if costs:
            response["extensions"] = {"cost": {"requested": max(costs), "limit": api_setting("MAX_COST")}}
        return self.json_encode(request, response), status

    def execute_checked(self, request, query, variables, operation_name, limits):
        """graphene-django's execute_graphql_request, with the parsed, standard-validated
        document kept per query text (documents.py); only the limits run per request."""
        if not query:
            raise RequestRefused("Must provide query string.", "BAD_REQUEST")
        schema = self.schema.graphql_schema
        try:
            document, standard_errors = checked_documents.get(schema, query, api_setting("INTROSPECTION"))
        except GraphQLError as error:
            return ExecutionResult(errors=[error])
        operation = get_operation_ast(document, operation_name)
        if request.method == "GET" and operation is not None and operation.operation != OperationType.QUERY:
            raise HttpError(HttpResponseNotAllowed(
                ["POST"], f"Can only perform a {operation.operation.value} operation from a POST request."
            ))
        errors = [*standard_errors, *validate(schema, document, [limits])]
        if errors:
            return ExecutionResult(data=None, errors=errors)
        try:
            return execute(
                schema, document, root_value=self.get_root_value(request), context_value=self.get_context(request),
                variable_values=variables, operation_name=operation_name, middleware=self.get_middleware(request),
            )
        except Exception as error:  # noqa: BLE001 — reported (masked) like graphene-django does
            return ExecutionResult(errors=[error])

    def format_error(self, error):
        if isinstance(error, RequestRefused):
            return {"message": error.message, "extensions": {"code": error.code}}
        if isinstance(error, HttpError):
            return {"message": error.message}
        if is_unexpected(error):
            return masked_error(error, self.request_id, show_details=api_setting("SHOW_ERROR_DETAILS"))
        if api_setting("INTROSPECTION"):
            return error.formatted
        return without_suggestions(error.formatted)


def check_batch(operations):
    limit = api_setting("MAX_BATCH")
    if not operations:
        raise RequestRefused("A batch must hold at least one operation.", "BAD_REQUEST")
    if limit and len(operations) > limit:
        message = f"Batch of {len(operations)} operations exceeds the limit of {limit} (MAX_BATCH)."
        raise RequestRefused(message, "BATCH_TOO_LARGE")
    if not all(isinstance(operation, dict) for operation in operations):
        raise RequestRefused("Each operation of a batch must be a JSON object.", "BAD_REQUEST")


def check_params(params):
    expected_types = {"query": str, "variables": dict, "operationName": str, "extensions": dict}
    for name, expected in expected_types.items():
        value = params[name]
        if value is not None and not isinstance(value, expected):
            kind = "a JSON object" if expected is dict else "a string"
            raise RequestRefused(f"`{name}` must be {kind}.", "BAD_REQUEST")


def graphql_view():
    from .http_cache import http_cached
    from .rate_limit import rate_limited

    return csrf_exempt(negotiated(rate_limited(http_cached(StorefrontGraphQLView.as_view()))))
