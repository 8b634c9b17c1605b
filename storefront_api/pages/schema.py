import graphene

from cms.core.visibility import site_home
from cms.publishing import surrogate_keys
from storefront_api.core.connections import connection_args
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.http_cache import mark_private

from .batches import paginate_pages, remember_batch
from .context import record_page_list, requesting_site, visible_home, visible_pages
from .preview import previewed_page
from .interface import Page, PageConnection
from .registry import page_models_by_type_name


def page_type_enum():
    """Built once every domain has registered its page types (see storefront_api/schema.py)."""
    names = sorted(page_models_by_type_name())
    return graphene.Enum("PageType", [(name, name) for name in names])


def _model_for(type_name):
    model = page_models_by_type_name().get(getattr(type_name, "value", type_name))
    if model is None:
        raise BadArgument(f"Unknown page type {type_name!r}.", field="type")
    return model


def build_page_queries(PageType):
    class PageQueries(graphene.ObjectType):
        page = graphene.Field(
            Page,
            id=graphene.ID(),
            path=graphene.String(description="Path below the home page of the locale, e.g. /stores/milano-duomo/."),
            type=PageType(),
            slug=graphene.String(),
            locale=locale_argument(),
            preview_token=graphene.String(
                description="A draft as an editor previewed it (the token the preview URL carries); alone."
            ),
            description="One page by id, by path, or by type and slug. Null when there is none shoppers may see.",
        )
        pages = graphene.Field(
            PageConnection,
            required=True,
            type=PageType(),
            locale=locale_argument(),
            **connection_args(),
            description="Pages shoppers may see, optionally of one type, in tree order.",
        )
        home = graphene.Field(Page, locale=locale_argument())

        @staticmethod
        def resolve_page(root, info, id=None, path=None, type=None, slug=None, locale=None, preview_token=None):
            page = find_page(info, id, path, type, slug, locale, preview_token)
            if page is not None and preview_token is None:
                remember_batch(info.context, [page])
            return page

        @staticmethod
        def resolve_pages(root, info, type=None, locale=None, **page_args):
            locale, model = resolve_locale(locale), _model_for(type) if type is not None else None
            pages = visible_pages(info, locale)
            if model is not None:
                pages = pages.exact_type(model)
            record_page_list(info, locale, model)
            return paginate_pages(info, PageConnection, pages.order_by("path").specific(), **page_args)

        @staticmethod
        def resolve_home(root, info, locale=None):
            return visible_home(info, resolve_locale(locale))

    return PageQueries


def find_page(info, id, path, type, slug, locale, preview_token):
    """The page ``page(...)`` asks for, or None. What it looked in is recorded: a page by id
    depends on that page only; by path, on the page found there or, when none is, on the
    site's pages (one may be published there); by type and slug (slugs repeat below
    different parents) on the pages of that type."""
    if preview_token is not None:
        mark_private(info.context)  # a draft: never cached
        return previewed_page(preview_token, others=(id, path, type, slug))
    chosen = [name for name, value in (("id", id), ("path", path), ("slug", slug)) if value is not None]
    if len(chosen) != 1:
        raise BadArgument("Give exactly one of `id`, `path` or `type` + `slug`.", field="id")
    if slug is not None and type is None:
        raise BadArgument("`slug` needs `type`.", field="type")
    locale = resolve_locale(locale)
    pages = visible_pages(info, locale)
    if id is not None:
        if not str(id).isdigit():
            raise BadArgument("`id` must be a page id.", field="id")
        surrogate_keys.record(surrogate_keys.page(id))
        # An id names one page whatever its language: look it up in its own locale.
        from wagtail.models import Page as PageModel

        found = PageModel.objects.filter(pk=id).only("locale").first()
        pages = visible_pages(info, found.locale) if found else pages.none()
        return pages.filter(pk=id).specific().first()
    if path is not None:
        home = site_home(requesting_site(info), locale)
        relative = "/".join(part for part in path.split("/") if part)
        url_path = home.url_path + (relative + "/" if relative else "")
        page = pages.filter(url_path=url_path).specific().first()
        if page is None:
            record_page_list(info, locale)
        return page
    model = _model_for(type)
    record_page_list(info, locale, model)
    return pages.type(model).filter(slug=slug).specific().first()
