"""GraphQL types of search: results of any kind (a union of the page types and Product) with
score, highlights and distance, facets with labels, suggestions, and which backend answered.

Searching, validation and falling back belong to search/service.py; these types only adapt
its responses. The objects behind the hits are loaded by storefront_api/search/results.py.
"""

import graphene

# Every domain's page types must be registered before the union is built from the registry.
import storefront_api.guides.types  # noqa: F401
import storefront_api.pages.types  # noqa: F401
import storefront_api.policies.types  # noqa: F401
import storefront_api.stores.types  # noqa: F401
import storefront_api.stories.types  # noqa: F401
from cms.catalog.models import Product as ProductModel
from storefront_api.catalog.types import Product
from storefront_api.pages.registry import PAGE_TYPES, graphql_type_for

from .results import facet_labels


class SearchType(graphene.Enum):
    PAGE = "page"
    PRODUCT = "product"
    STORE = "store"

    @property
    def description(self):
        return {
            SearchType.PAGE: "Editorial pages: guides, stories, policies, sections.",
            SearchType.PRODUCT: "Products on sale.",
            SearchType.STORE: "Store pages.",
        }.get(self)


class SearchSort(graphene.Enum):
    RELEVANCE = "relevance"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NAME = "name"
    NEWEST = "newest"
    DISTANCE = "distance"


class SearchFilterInput(graphene.InputObjectType):
    """Values within one filter are alternatives; filters combine (all must hold)."""

    page_types = graphene.List(graphene.NonNull(graphene.String), description="Page type names, e.g. GiftGuidePage.")
    categories = graphene.List(
        graphene.NonNull(graphene.String), description="Category slugs; a product matches its category or any above it."
    )
    brands = graphene.List(graphene.NonNull(graphene.String))
    price_bands = graphene.List(graphene.NonNull(graphene.String), description="Keys of the priceBand facet, e.g. 25-50.")
    services = graphene.List(graphene.NonNull(graphene.String), description="Service codes; a store must offer all of them.")
    cities = graphene.List(graphene.NonNull(graphene.String))
    min_price = graphene.Decimal()
    max_price = graphene.Decimal()


def _result_types():
    return (*PAGE_TYPES.values(), Product)


class SearchResult(graphene.Union):
    """A page (of any page type, store pages included) or a product."""

    class Meta:
        types = _result_types()

    @classmethod
    def resolve_type(cls, instance, info):
        return Product if isinstance(instance, ProductModel) else graphql_type_for(instance)


class SearchHighlight(graphene.ObjectType):
    field = graphene.String(required=True, description="title or body.")
    fragments = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="HTML: matched words in <mark>…</mark>, the rest escaped.",
    )


class SearchEdge(graphene.ObjectType):
    cursor = graphene.String(required=True)
    node = graphene.Field(SearchResult, required=True)
    score = graphene.Float(required=True, description="Relevance; comparable within one response only.")
    highlights = graphene.List(graphene.NonNull(SearchHighlight), required=True)
    distance_km = graphene.Float(description="With `near`: how far the store is; else null.")


class FacetValue(graphene.ObjectType):
    value = graphene.String(required=True, description="What to pass in the matching filter.")
    count = graphene.Int(required=True)
    label = graphene.String(description="A name to show, in the search language, when the value is a code or slug.")


class Facet(graphene.ObjectType):
    name = graphene.String(
        required=True, description="type, page_type, category, brand, price_band, services, city or locale."
    )
    values = graphene.List(graphene.NonNull(FacetValue), required=True, description="Most frequent first.")


class SearchResults(graphene.ObjectType):
    edges = graphene.List(graphene.NonNull(SearchEdge), required=True)
    page_info = graphene.Field(graphene.relay.PageInfo, required=True)
    total_count = graphene.Int(required=True, description="How many documents match, across all pages.")
    facets = graphene.List(graphene.NonNull(Facet), required=True)
    backend = graphene.String(required=True, description="Which backend answered: elasticsearch or database.")

    @staticmethod
    def resolve_facets(results, info):
        labels = facet_labels(results.facets, results.locale)
        return [
            Facet(
                name=name,
                values=[FacetValue(value=value.value, count=value.count, label=labels.get((name, value.value))) for value in values],
            )
            for name, values in results.facets.items()
        ]


class Suggestion(graphene.ObjectType):
    text = graphene.String(required=True, description="The completed title.")
    type = graphene.Field(SearchType, required=True)
    object = graphene.Field(SearchResult)


class SuggestResults(graphene.ObjectType):
    suggestions = graphene.List(graphene.NonNull(Suggestion), required=True)
    backend = graphene.String(required=True)
