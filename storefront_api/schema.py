"""What the API offers: the root Query composed from each domain's queries."""

import graphene

from .catalog.schema import CatalogQueries
from .offers.schema import OfferQueries
from .pages import types as core_page_types
from .pages.registry import PAGE_TYPES
from .pages.schema import build_page_queries, page_type_enum
from .stores.schema import StoreQueries

# Page types of every domain are registered by importing their modules above.
PageQueries = build_page_queries(page_type_enum())


class Query(PageQueries, CatalogQueries, StoreQueries, OfferQueries, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, types=list(PAGE_TYPES.values()))

__all__ = ["schema", "core_page_types"]
