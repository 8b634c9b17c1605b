"""``POST /api/stock/batches``: store systems send stock levels (rules in ``stock.py``).

Request: ``Authorization: Bearer <key>``, a JSON object
``{"idempotency_key": "…", "error_policy": "reject" | "partial", "rows": [{"store", "sku",
"quantity", "source_updated_at"}, …]}`` (``error_policy`` defaults to ``reject``).

Responses (JSON):
- 200 the batch ran: ``{outcome: "applied", applied, unchanged, stale, rejected, stale_rows,
  errors}`` (errors: rows refused under the partial policy);
- 400 bad JSON or a bad field (``{error: {code, message, field}}``), or a batch refused by
  the reject policy (the same body as 200 with ``outcome: "rejected"``);
- 401 no key, an unknown or inactive key; 403 a row for a store outside the key's scope
  under the reject policy (under the partial policy that row is rejected, code
  ``forbidden_store``); 409 an idempotency key reused for another batch; 413 too many
  rows or a body too large.
A repeated batch gets the first response again, with ``Idempotent-Replayed: true``.
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .ingestion_keys import authenticate, bearer_token
from .stock import REJECT, StockBatchError, ingest_stock_batch, ingestion_setting

STATUS_BY_ERROR = {"invalid": 400, "too_many_rows": 413, "idempotency_conflict": 409}


def error_response(status, code, message, field=None):
    return JsonResponse({"error": {"code": code, "message": message, "field": field}}, status=status)


def result_status(result):
    if result.outcome == "applied":
        return 200
    forbidden = any(error["code"] == "forbidden_store" for error in result.errors)
    return 403 if forbidden else 400


@csrf_exempt
@require_POST
def stock_batches(request):
    api_key = authenticate(bearer_token(request.headers.get("Authorization")))
    if api_key is None:
        response = error_response(401, "unauthorized", "Send a valid stock API key as “Authorization: Bearer <key>”.")
        response["WWW-Authenticate"] = 'Bearer realm="stock"'
        return response
    max_body = ingestion_setting("MAX_BODY_BYTES")
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        length = 0
    if length > max_body:
        return error_response(413, "too_large", f"The request body may hold at most {max_body} bytes.")
    try:
        body = request.body
    except RequestDataTooBig:  # beyond Django's DATA_UPLOAD_MAX_MEMORY_SIZE
        body = None
    if body is None or len(body) > max_body:
        return error_response(413, "too_large", f"The request body may hold at most {max_body} bytes.")
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        return error_response(400, "invalid", f"The body is not valid JSON: {error}.", "body")
    if not isinstance(payload, dict):
        return error_response(400, "invalid", "The body must be a JSON object.", "body")
    idempotency_key = payload.get("idempotency_key")
    if idempotency_key in (None, ""):
        return error_response(400, "invalid", "idempotency_key is required.", "idempotency_key")
    if "rows" not in payload:
        return error_response(400, "invalid", "rows is required.", "rows")
    try:
        result = ingest_stock_batch(
            payload["rows"],
            api_key=api_key,
            idempotency_key=idempotency_key,
            error_policy=payload.get("error_policy", REJECT),
        )
    except StockBatchError as error:
        return JsonResponse({"error": error.as_dict()}, status=STATUS_BY_ERROR[error.code])
    response = JsonResponse(result.as_dict(), status=result_status(result))
    if result.replayed:
        response["Idempotent-Replayed"] = "true"
    return response
