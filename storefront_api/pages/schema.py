import graphene

from cms.core.visibility import site_home
from storefront_api.core.connections import connection_args
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.http_cache import mark_private

from .batches import paginate_pages
from .context import requesting_site, visible_home, visible_pages
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
                # An id names one page whatever its language: look it up in its own locale.
                from wagtail.models import Page as PageModel

                found = PageModel.objects.filter(pk=id).only("locale").first()
                pages = visible_pages(info, found.locale) if found else pages.none()
                pages = pages.filter(pk=id)
            elif path is not None:
                home = site_home(requesting_site(info), locale)
                relative = "/".join(part for part in path.split("/") if part)
                url_path = home.url_path + (relative + "/" if relative else "")
                pages = pages.filter(url_path=url_path)
            else:
                pages = pages.type(_model_for(type)).filter(slug=slug)
            return pages.specific().first()

        @staticmethod
        def resolve_pages(root, info, type=None, locale=None, **page_args):
            pages = visible_pages(info, resolve_locale(locale))
            if type is not None:
                pages = pages.exact_type(_model_for(type))
            return paginate_pages(info, PageConnection, pages.order_by("path").specific(), **page_args)

        @staticmethod
        def resolve_home(root, info, locale=None):
            return visible_home(info, resolve_locale(locale))

    return PageQueries
