"""The schema as SDL for the exported ``schema.graphql``: types sorted by name, fields in
the order the code defines them, so the file changes only when the schema does."""

from pathlib import Path

from django.conf import settings
from graphql import is_introspection_type, is_specified_directive, is_specified_scalar_type
from graphql.utilities.print_schema import print_directive, print_schema_definition, print_type

SCHEMA_FILE_NAME = "schema.graphql"


def default_schema_path():
    """``schema.graphql`` at the repository root, where frontend code generators read it."""
    return Path(settings.BASE_DIR) / SCHEMA_FILE_NAME


def schema_sdl(schema=None):
    if schema is None:
        from storefront_api.schema import schema
    graphql_schema = schema.graphql_schema
    directives = sorted(
        (directive for directive in graphql_schema.directives if not is_specified_directive(directive)),
        key=lambda directive: directive.name,
    )
    types = sorted(
        (
            named_type
            for named_type in graphql_schema.type_map.values()
            if not is_specified_scalar_type(named_type) and not is_introspection_type(named_type)
        ),
        key=lambda named_type: named_type.name,
    )
    parts = [print_schema_definition(graphql_schema)]
    parts += [print_directive(directive) for directive in directives]
    parts += [print_type(named_type) for named_type in types]
    return "\n\n".join(part for part in parts if part) + "\n"
