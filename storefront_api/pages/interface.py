import graphene

from cms.core.visibility import visible_translations

from storefront_api.core.connections import CountableConnection, connection_args
from storefront_api.core.locales import LocaleByIdLoader

from .batches import paginate_pages
from .context import requesting_site, visible_pages
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
        return page.get_url(request=info.context) or ""

    @staticmethod
    def resolve_locale(page, info):
        return LocaleByIdLoader.language_code(info.context, page.locale_id)

    @staticmethod
    def resolve_translations(page, info):
        return visible_translations(page, requesting_site(info))

    @staticmethod
    def resolve_parent(page, info):
        if page.depth <= 2:
            return None
        return visible_pages(info, page.locale).filter(path=page.path[: -page.steplen]).specific().first()

    @staticmethod
    def resolve_ancestors(page, info):
        paths = [page.path[:length] for length in range(page.steplen, len(page.path), page.steplen)]
        return list(visible_pages(info, page.locale).filter(path__in=paths).order_by("path").specific())

    @staticmethod
    def resolve_children(page, info, **page_args):
        children = visible_pages(info, page.locale).child_of(page).order_by("path").specific()
        return paginate_pages(info, PageConnection, children, **page_args)


class PageConnection(CountableConnection):
    class Meta:
        node = Page
