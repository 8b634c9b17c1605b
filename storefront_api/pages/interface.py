import graphene

from cms.publishing import surrogate_keys
from storefront_api.core.connections import CountableConnection, connection_args
from storefront_api.core.locales import LocaleByIdLoader

from .batches import batch_of, load_for_batch, paginate_pages, remember_batch
from .context import record_page_list, site_relative_url, visible_pages
from .loaders import VisiblePageByPathLoader, VisibleVersionsLoader
from .registry import graphql_type_for


class Page(graphene.Interface):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    url = graphene.String(required=True, description="Site-relative URL, e.g. /en/stores/milano-duomo/.")
    seo_title = graphene.String(required=True)
    search_description = graphene.String(required=True)
    locale = graphene.String(required=True)
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()
    translations = graphene.List(
        graphene.NonNull(lambda: Page), required=True, description="This page in the other languages."
    )
    parent = graphene.Field(lambda: Page, description="Null for the home page.")
    ancestors = graphene.List(graphene.NonNull(lambda: Page), required=True, description="From the home page down.")
    children = graphene.Field(lambda: PageConnection, required=True, **connection_args())

    @classmethod
    def resolve_type(cls, instance, info):
        return graphql_type_for(instance)

    @staticmethod
    def resolve_url(page, info):
        return site_relative_url(info.context, page)

    @staticmethod
    def resolve_locale(page, info):
        return LocaleByIdLoader.language_code(info.context, page.locale_id)

    # Translations, parents and ancestors load for every page of the batch at once.

    @staticmethod
    def resolve_translations(page, info):
        versions = load_for_batch(info, page, VisibleVersionsLoader, lambda other: other.translation_key)
        return remember_batch(info.context, [other for other in versions if other.locale_id != page.locale_id])

    @staticmethod
    def resolve_parent(page, info):
        if page.depth <= 2:
            return None
        return _pages_at(info, page, lambda other: [_ancestor_paths(other)[-1]] if other.depth > 2 else [])[0]

    @staticmethod
    def resolve_ancestors(page, info):
        return [ancestor for ancestor in _pages_at(info, page, _ancestor_paths) if ancestor is not None]

    @staticmethod
    def resolve_children(page, info, **page_args):
        surrogate_keys.record(surrogate_keys.children(page.pk))
        children = visible_pages(info, page.locale).child_of(page).order_by("path").specific()
        return paginate_pages(info, PageConnection, children, **page_args)


def _ancestor_paths(page):
    """Tree paths of ``page``'s ancestors below the tree root, top first."""
    return [page.path[:length] for length in range(2 * page.steplen, len(page.path), page.steplen)]


def _pages_at(info, page, paths_of):
    """The visible pages at ``paths_of(page)`` (None where there is none), loaded together with
    those at ``paths_of`` of every page of ``page``'s batch."""
    loader = VisiblePageByPathLoader.for_request(info.context)
    loader.prime([(other.locale_id, path) for other in batch_of(info.context, page) for path in paths_of(other)])
    found = [loader.load((page.locale_id, path)) for path in paths_of(page)]
    remember_batch(info.context, [other for other in found if other is not None])
    if None in found:  # an ancestor shoppers cannot see (yet)
        record_page_list(info, page.locale)
    return found


class PageConnection(CountableConnection):
    class Meta:
        node = Page
