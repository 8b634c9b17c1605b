import graphene

from cms.publishing import surrogate_keys
from storefront_api.core.locales import locale_argument, resolve_locale

from .loaders import expect_stores
from .types import (
    StorePage,
    StorePageConnection,
    record_store_list,
    store_connection,
    store_list_arguments,
    visible_stores,
)


def find_store(info, slug, locale):
    """The store page shoppers may see with ``slug`` in ``locale``, or None. A store found
    is all the response depends on (a store's slug is its store code, one per store); when
    none is, a store published with the slug would change it."""
    store = visible_stores(info, locale).filter(slug=slug).first()
    if store is None:
        record_store_list(info, locale)
    else:
        surrogate_keys.record(surrogate_keys.page(store.pk))
    return store


class StoreQueries(graphene.ObjectType):
    store = graphene.Field(
        StorePage,
        slug=graphene.String(required=True),
        locale=locale_argument(),
        description="A store by slug. Null when there is none shoppers may see.",
    )
    stores = graphene.Field(
        StorePageConnection,
        required=True,
        locale=locale_argument(),
        **store_list_arguments(),
        description="Stores shoppers may see, by name.",
    )

    @staticmethod
    def resolve_store(root, info, slug, locale=None):
        store = find_store(info, slug, resolve_locale(locale))
        expect_stores(info.context, [store])
        return store

    @staticmethod
    def resolve_stores(root, info, locale=None, **arguments):
        locale = resolve_locale(locale)
        record_store_list(info, locale)
        return store_connection(info, visible_stores(info, locale), **arguments)
