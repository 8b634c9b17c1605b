"""What the API offers: the root Query composed from each domain's queries."""

import graphene

from .catalog.mutations import CatalogMutations
from .core.arguments import guard_arguments
from .catalog.schema import CatalogQueries
from .guides.schema import GiftGuideQueries
from .offers.schema import OfferQueries
from .pages import types as core_page_types
from .pages.registry import PAGE_TYPES
from .pages.schema import build_page_queries, page_type_enum
from .policies.schema import ReturnPolicyQueries
from .search.schema import SearchQueries
from .site.schema import SiteQueries
from .stores.schema import StoreQueries
from .stories.schema import ProductStoryQueries
from .sync.schema import SyncQueries
from .themes.schema import ThemeQueries

# Page types of every domain are registered by importing their modules above.
PageQueries = build_page_queries(page_type_enum())


class Query(
    PageQueries,
    SiteQueries,
    CatalogQueries,
    StoreQueries,
    OfferQueries,
    GiftGuideQueries,
    ProductStoryQueries,
    ReturnPolicyQueries,
    SyncQueries,
    ThemeQueries,
    SearchQueries,
    graphene.ObjectType,
):
    pass


class Mutation(CatalogMutations, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation, types=list(PAGE_TYPES.values()))
# Out-of-range instants, non-finite decimals and nulls for defaulted arguments never reach a
# resolver: they are answered with BAD_ARGUMENT naming the argument (core/arguments.py).
guard_arguments(schema.graphql_schema)

__all__ = ["schema", "core_page_types"]
