"""What the API offers: the root Query composed from each domain's queries."""

import graphene

from .catalog.schema import CatalogQueries


class Query(CatalogQueries, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query)
