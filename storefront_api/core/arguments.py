"""Argument values every resolver can trust, checked in one place for the whole schema.

graphql-core coerces arguments to their declared types, but a value of the right type can
still be one no resolver can compute with: an instant near year 1 or 9999 overflows when it
is moved to UTC or a day later, a Decimal `NaN` or `Infinity` cannot be compared, text with
a NUL character or a lone surrogate cannot be stored or sent to PostgreSQL, and an explicit
`null` for an argument that has a default reaches the resolver as None.
``guard_arguments(schema)`` wraps the resolver of every field that takes arguments (fields
added later included) so that such a value is answered with BAD_ARGUMENT naming the argument
as the client wrote it (`filters.priceMax` inside an input object), before the resolver runs.
"""

import datetime
from decimal import Decimal
from functools import wraps

from graphql import (
    GraphQLInputObjectType,
    GraphQLObjectType,
    default_field_resolver,
    get_named_type,
)
from graphql.pyutils import Undefined

from .errors import BadArgument

EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC)
DECIMAL_LIMIT = Decimal("1e15")


def value_problem(value):
    """Why ``value`` (a coerced scalar) cannot be used, or None."""
    if isinstance(value, str):
        # PostgreSQL refuses NUL in text, and a lone surrogate ("\ud800" in JSON) is no UTF-8.
        if "\x00" in value:
            return "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "must be valid Unicode text"
    elif isinstance(value, datetime.datetime):
        try:
            instant = value.astimezone(datetime.UTC) if value.tzinfo else value.replace(tzinfo=datetime.UTC)
        except OverflowError:
            instant = None
        if instant is None or not EARLIEST <= instant < LATEST:
            return f"must lie between {EARLIEST:%Y-%m-%d} and {LATEST - datetime.timedelta(days=1):%Y-%m-%d}"
    elif isinstance(value, datetime.date):
        if not EARLIEST.date() <= value < LATEST.date():
            return f"must lie between {EARLIEST:%Y-%m-%d} and {LATEST - datetime.timedelta(days=1):%Y-%m-%d}"
    elif isinstance(value, Decimal):
        if not value.is_finite():
            return "must be a finite number"
        if abs(value) >= DECIMAL_LIMIT:
            return f"must be smaller than {DECIMAL_LIMIT:,.0f} in size"
    return None


def problems(value, graphql_type, name):
    """``(name, problem)`` of each bad value in ``value``, a coerced value of ``graphql_type``;
    input objects and lists are searched, names dotted (`filters.priceMax`)."""
    if value is None or value is Undefined:
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from problems(item, graphql_type, name)
        return
    named = get_named_type(graphql_type)
    if isinstance(named, GraphQLInputObjectType) and isinstance(value, dict):
        for field_name, field in named.fields.items():
            key = field.out_name or field_name
            if key in value:
                yield from problems(value[key], field.type, f"{name}.{field_name}")
        return
    problem = value_problem(value)
    if problem:
        yield name, problem


def null_for_default(arguments, args):
    """The first argument given an explicit null although it has a default, or None."""
    for name, argument in arguments.items():
        key = argument.out_name or name
        has_default = argument.default_value is not Undefined and argument.default_value is not None
        if has_default and key in args and args[key] is None:
            return name, argument.default_value
    return None


def checked_resolver(resolve, arguments):
    @wraps(resolve)
    def resolver(root, info, **args):
        if args:
            null = null_for_default(arguments, args)
            if null:
                name, default = null
                raise BadArgument(f"`{name}` may not be null; leave it out for its default ({default}).", field=name)
            for name, argument in arguments.items():
                for where, problem in problems(args.get(argument.out_name or name), argument.type, name):
                    raise BadArgument(f"`{where}` {problem}.", field=where)
        return resolve(root, info, **args)

    return resolver


def guard_arguments(schema):
    """Wrap the resolver of every field with arguments in ``schema`` (a GraphQLSchema)."""
    for type_name, graphql_type in schema.type_map.items():
        if type_name.startswith("__") or not isinstance(graphql_type, GraphQLObjectType):
            continue
        for field in graphql_type.fields.values():
            if field.args:
                field.resolve = checked_resolver(field.resolve or default_field_resolver, field.args)
    return schema
