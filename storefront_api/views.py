"""The /graphql endpoint: POST for everything, GET for queries only (graphene-django
refuses a mutation over GET with 405)."""

from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView
from graphql import specified_rules
from graphql.validation import NoSchemaIntrospectionCustomRule

from .settings import api_setting


def validation_rules():
    """graphene-django *replaces* graphql-core's standard rules when given any, so they are
    always listed first and ours are added to them."""
    rules = list(specified_rules)
    if not api_setting("INTROSPECTION"):
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


class StorefrontGraphQLView(GraphQLView):
    def __init__(self, **kwargs):
        kwargs.setdefault("validation_rules", validation_rules())
        kwargs.setdefault("graphiql", api_setting("GRAPHIQL"))
        super().__init__(**kwargs)


def graphql_view():
    from .http_cache import http_cached
    from .rate_limit import rate_limited

    return csrf_exempt(rate_limited(http_cached(StorefrontGraphQLView.as_view())))
