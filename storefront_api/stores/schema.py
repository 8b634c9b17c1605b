import graphene

from storefront_api.core.locales import locale_argument, resolve_locale

from .loaders import expect_stores
from .types import StorePage, StorePageConnection, store_connection, store_list_arguments, visible_stores


def find_store(info, slug, locale):
    """The store page shoppers may see with ``slug`` in ``locale``, or None."""
    return visible_stores(info, locale).filter(slug=slug).first()


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
        return store_connection(info, visible_stores(info, resolve_locale(locale)), **arguments)
