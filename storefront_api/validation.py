"""Limits on what one GraphQL operation may ask for, checked before anything runs.

One walk over each operation (following fragment spreads, each fragment measured once)
measures its depth, its aliases and its cost, and finds `first`/`last` arguments over the
page-size cap. The cost estimates how many fields the response may hold: each field costs
1, and the fields below a list are multiplied by how many items it may return — `first` or
`last` when given (literal or variable), else the argument's default, else the default page
size (the `edges` of a connection are not multiplied again: the connection field was).

Introspection (`__schema`, `__type`) is not measured: it is refused outright unless the
INTROSPECTION setting is on (development), and GraphiQL's own introspection query would
exceed any sensible depth or cost.
"""

from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    ValidationRule,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from graphql.pyutils import Undefined

from .settings import api_setting

PAGE_SIZE_ARGUMENTS = ("first", "last")
# Fields whose work grows with a list argument: they cost 1 per item of it (a srcset is one
# rendition per width).
LIST_ARGUMENT_COSTS = {("Image", "srcset"): "widths"}
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Limits:
    """The limits in force; ``None`` (or 0) switches one off."""

    max_depth: int | None
    max_aliases: int | None
    max_cost: int | None
    max_page_size: int
    default_page_size: int

    @classmethod
    def from_settings(cls):
        return cls(
            max_depth=api_setting("MAX_DEPTH"),
            max_aliases=api_setting("MAX_ALIASES"),
            max_cost=api_setting("MAX_COST"),
            max_page_size=api_setting("MAX_PAGE_SIZE"),
            default_page_size=api_setting("DEFAULT_PAGE_SIZE"),
        )


@dataclass
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0

    def add_sibling(self, other):
        self.depth = max(self.depth, other.depth)
        self.aliases += other.aliases
        self.cost += other.cost


@dataclass(frozen=True)
class OversizedPage:
    node: FieldNode
    argument: str
    value: int


class OperationMeasurer:
    """Measures one operation; ``variables`` are the request's raw variable values."""

    def __init__(self, schema, get_fragment, operation, variables, limits):
        self.schema = schema
        self.get_fragment = get_fragment
        self.variables = variables
        self.limits = limits
        self.variable_defaults = {
            definition.variable.name.value: definition.default_value
            for definition in operation.variable_definitions or ()
        }
        self.fragment_measures = {}
        self.oversized_pages = []

    def measure(self, operation):
        root_type = self.schema.get_root_type(operation.operation)
        return self.selection_set(operation.selection_set, root_type)

    def selection_set(self, selection_set, parent_type):
        total = Measure()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total.add_sibling(self.field(selection, parent_type))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                fragment_type = self.schema.get_type(condition.name.value) if condition else parent_type
                total.add_sibling(self.selection_set(selection.selection_set, fragment_type))
            elif isinstance(selection, FragmentSpreadNode):
                total.add_sibling(self.fragment(selection.name.value))
        return total

    def fragment(self, name):
        if name in self.fragment_measures:
            # Measured already, or being measured: a spread that closes a cycle adds
            # nothing (the standard NoFragmentCycles rule reports the cycle).
            return self.fragment_measures[name] or Measure()
        definition = self.get_fragment(name)
        if definition is None:
            return Measure()
        self.fragment_measures[name] = None
        measure = self.selection_set(definition.selection_set, self.schema.get_type(definition.type_condition.name.value))
        self.fragment_measures[name] = measure
        return measure

    def field(self, node, parent_type):
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            return Measure()
        has_fields = isinstance(parent_type, (GraphQLObjectType, GraphQLInterfaceType))
        definition = parent_type.fields.get(name) if has_fields else None
        aliases = 1 if node.alias else 0
        page_size = self.page_size(node, definition)
        own_cost = self.own_cost(node, parent_type)
        if node.selection_set is None:
            return Measure(depth=1, aliases=aliases, cost=own_cost)
        children = self.selection_set(node.selection_set, get_named_type(definition.type) if definition else None)
        multiplier = self.multiplier(definition, parent_type, page_size)
        return Measure(
            depth=1 + children.depth, aliases=aliases + children.aliases, cost=own_cost + multiplier * children.cost
        )

    def own_cost(self, node, parent_type):
        """1, or the length of the list argument the field's work grows with."""
        argument_name = LIST_ARGUMENT_COSTS.get((getattr(parent_type, "name", None), node.name.value))
        for argument in node.arguments if argument_name else ():
            if argument.name.value == argument_name:
                return max(1, self.list_length(argument.value))
        return 1

    def page_size(self, node, definition):
        """`first` or `last` as asked (noting values over the cap), else its default; None
        when the field has neither argument."""
        if definition is None or not any(name in definition.args for name in PAGE_SIZE_ARGUMENTS):
            return None
        asked = {}
        for argument in node.arguments:
            if argument.name.value in PAGE_SIZE_ARGUMENTS:
                value = self.int_value(argument.value)
                if value is not None:
                    asked[argument.name.value] = value
        for name, value in asked.items():
            if value > self.limits.max_page_size:
                self.oversized_pages.append(OversizedPage(node, name, value))
        if asked:
            return max(0, max(asked.values()))
        for name in PAGE_SIZE_ARGUMENTS:
            argument = definition.args.get(name)
            if argument is not None and isinstance(argument.default_value, int):
                return argument.default_value
        return self.limits.default_page_size

    def multiplier(self, definition, parent_type, page_size):
        if page_size is not None:
            return page_size
        if definition is None or not is_list_type(get_nullable_type(definition.type)):
            return 1
        if "pageInfo" in parent_type.fields:
            return 1  # a connection's edges: the connection field multiplied already
        return self.limits.default_page_size

    def list_length(self, value_node):
        if isinstance(value_node, VariableNode):
            value = self.variables.get(value_node.name.value, Undefined)
            if value is Undefined:
                value_node = self.variable_defaults.get(value_node.name.value)
            else:
                return len(value) if isinstance(value, list) else 1
        return len(value_node.values) if isinstance(value_node, ListValueNode) else 1

    def int_value(self, value_node):
        if isinstance(value_node, VariableNode):
            name = value_node.name.value
            value = self.variables.get(name, Undefined)
            if value is Undefined:
                value_node = self.variable_defaults.get(name)
            elif isinstance(value, int) and not isinstance(value, bool):
                return value
            else:
                return None  # null or not an integer: the standard coercion reports it
        if isinstance(value_node, IntValueNode):
            return int(value_node.value)
        return None


class QueryLimitsRule(ValidationRule):
    """Refuses operations over MAX_DEPTH, MAX_ALIASES, MAX_COST or MAX_PAGE_SIZE.

    Use ``query_limits_rule()`` to get one bound to a request's variables."""

    limits = None
    variables = {}
    measured = None  # called with the Measure of each operation

    def enter_operation_definition(self, node, *_args):
        context = self.context
        if context.schema.get_root_type(node.operation) is None:
            return self.SKIP  # the standard rules report an operation the schema lacks
        measurer = OperationMeasurer(context.schema, context.get_fragment, node, self.variables, self.limits)
        measure = measurer.measure(node)
        if self.measured:
            self.measured(measure)
        for error in refusals(node, measure, measurer.oversized_pages, self.limits):
            context.report_error(error)
        return self.SKIP


def refusals(operation, measure, oversized_pages, limits):
    checks = (
        ("MAX_DEPTH", "QUERY_TOO_DEEP", "Query depth", measure.depth, limits.max_depth),
        ("MAX_ALIASES", "TOO_MANY_ALIASES", "Alias count", measure.aliases, limits.max_aliases),
        ("MAX_COST", "QUERY_TOO_COSTLY", "Query cost", measure.cost, limits.max_cost),
    )
    for setting, code, what, value, limit in checks:
        if limit and value > limit:
            message = f"{what} {value} exceeds the limit of {limit} ({setting})."
            yield refusal(message, code, operation, setting, value, limit)
    for page in oversized_pages:
        asked = f"`{page.argument}: {page.value}` on `{page.node.name.value}`"
        message = f"Page size {asked} exceeds the limit of {limits.max_page_size} (MAX_PAGE_SIZE)."
        limit = limits.max_page_size
        yield refusal(message, "PAGE_SIZE_TOO_LARGE", page.node, "MAX_PAGE_SIZE", page.value, limit, field=page.argument)


def repetition_refusal(document):
    """An error when one selection set repeats a field (or fragment spread) more than
    MAX_REPEATED_FIELDS times, else None. graphql-core's rule that checks repeated fields can
    be merged compares them pairwise: 300 copies of one field took 0.3 s, 600 a second. This
    walk is linear and runs before the standard rules."""
    limit = api_setting("MAX_REPEATED_FIELDS")
    if not limit:
        return None
    pending = [definition.selection_set for definition in document.definitions if hasattr(definition, "selection_set")]
    while pending:
        counts = {}
        nodes = {}
        flat = [pending.pop()]
        while flat:  # inline fragments merge into the selection set around them
            for selection in flat.pop().selections:
                if isinstance(selection, InlineFragmentNode):
                    flat.append(selection.selection_set)
                    continue
                if isinstance(selection, FieldNode):
                    name = (selection.alias or selection.name).value
                    if selection.selection_set is not None:
                        pending.append(selection.selection_set)
                else:
                    name = f"...{selection.name.value}"
                counts[name] = counts.get(name, 0) + 1
                nodes.setdefault(name, selection)
        for name, count in counts.items():
            if count > limit:
                message = f"`{name}` is selected {count} times in one selection set; the limit is {limit} (MAX_REPEATED_FIELDS)."
                return refusal(message, "TOO_MANY_REPEATED_FIELDS", nodes[name], "MAX_REPEATED_FIELDS", count, limit)
    return None


def length_refusal(query):
    """An error when ``query`` is longer than MAX_QUERY_LENGTH characters, else None: parsing
    takes time in proportion to the text, before any other limit can be checked."""
    limit = api_setting("MAX_QUERY_LENGTH")
    if not query or not limit or len(query) <= limit:
        return None
    message = f"Query length {len(query)} exceeds the limit of {limit} (MAX_QUERY_LENGTH)."
    return refusal(message, "QUERY_TOO_LARGE", None, "MAX_QUERY_LENGTH", len(query), limit)


def refusal(message, code, node, setting, value, limit, **extra):
    extensions = {"code": code, "setting": setting, "value": value, "limit": limit, **extra}
    return GraphQLError(message, node, extensions=extensions)


def query_limits_rule(variables=None, measured=None):
    """A QueryLimitsRule bound to one request: its variables (for `first: $n`), a callback
    receiving each operation's measure, and the limits in the settings now."""
    return type(
        "QueryLimitsRule",
        (QueryLimitsRule,),
        {
            "limits": Limits.from_settings(),
            "variables": variables if isinstance(variables, dict) else {},
            "measured": staticmethod(measured) if measured else None,
        },
    )


def standard_rules(introspection):
    """graphql-core's standard rules (always), and no introspection unless it is on: the rules
    that depend on nothing but the query text."""
    return specified_rules if introspection else (*specified_rules, NoSchemaIntrospectionCustomRule)


def validation_rules(variables=None, measured=None):
    """Every rule a query must pass: the standard rules, then the limits. The endpoint runs
    them in these two steps (documents.py keeps the first step's result per query text)."""
    return (*standard_rules(api_setting("INTROSPECTION")), query_limits_rule(variables, measured))


def document_errors(text, schema):
    """Why the query ``text`` would be refused (syntax, standard rules, limits), as messages."""
    too_long = length_refusal(text)
    if too_long:
        return [too_long.message]
    try:
        document = parse(text)
    except GraphQLError as error:
        return [error.message]
    repeated = repetition_refusal(document)
    if repeated:
        return [repeated.message]
    return [error.message for error in validate(schema.graphql_schema, document, validation_rules())]
