"""Errors clients may see, each with a stable ``code`` in ``extensions``, and how every other
error is masked on its way out."""

import logging
import re

from graphql import GraphQLError

logger = logging.getLogger("storefront_api")

INTERNAL_ERROR_MESSAGE = "Internal server error"
INTERNAL_ERROR_CODE = "INTERNAL_SERVER_ERROR"
# graphql-core appends suggestions as " Did you mean 'a', 'b', or 'c'?"; names cannot hold "?".
SUGGESTION = re.compile(r" Did you mean [^?]*\?")


class ApiError(GraphQLError):
    code = "BAD_REQUEST"

    def __init__(self, message, *, field=None, code=None):
        extensions = {"code": code or self.code}
        if field:
            extensions["field"] = field
        super().__init__(message, extensions=extensions)


class BadArgument(ApiError):
    code = "BAD_ARGUMENT"


class NotFound(ApiError):
    code = "NOT_FOUND"


def is_unexpected(error):
    """Whether ``error`` must not reach clients verbatim: an exception that is no GraphQL
    error at all, or any error raised while resolving a field (it has a path) that is not an
    ApiError. Errors about the request itself (syntax, validation, variable values) have no
    path and keep their messages."""
    if not isinstance(error, GraphQLError):
        return True
    if error.path is None:
        return False
    return not isinstance(error.original_error or error, ApiError)


def masked_error(error, request_id, *, show_details=False):
    """The client's view of an unexpected error; the full error goes to the log."""
    cause = getattr(error, "original_error", None) or error
    logger.error("Unexpected GraphQL error (request %s) at %s", request_id, getattr(error, "path", None), exc_info=cause)
    formatted = {"message": str(cause) if show_details else INTERNAL_ERROR_MESSAGE}
    for key in ("locations", "path"):
        if getattr(error, key, None) is not None:
            formatted[key] = error.formatted[key]
    formatted["extensions"] = {"code": INTERNAL_ERROR_CODE, "requestId": request_id}
    return formatted


def without_suggestions(formatted):
    """``formatted`` without "Did you mean …?" hints, which name schema fields and types."""
    return {**formatted, "message": SUGGESTION.sub("", formatted["message"])}
