"""Errors clients may see, each with a stable ``code`` in ``extensions``."""

from graphql import GraphQLError


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
