import graphene

from cms.core.models import FooterSettings, NavigationSettings
from cms.core.visibility import site_locales
from cms.publishing import surrogate_keys
from storefront_api.blocks.streams import stream_items
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.core.rich_text import rich_text_html
from storefront_api.pages.context import requesting_site

from .types import Footer, Navigation, Site


class SiteQueries(graphene.ObjectType):
    site = graphene.Field(Site, required=True, description="The site the request is for (by its host name).")
    navigation = graphene.Field(Navigation, required=True, locale=locale_argument())
    footer = graphene.Field(Footer, required=True, locale=locale_argument())

    @staticmethod
    def resolve_site(root, info):
        site = requesting_site(info)
        # Its languages are those of its live home pages: a home page's event purges the
        # key of every version of it, the root page's among them.
        surrogate_keys.record(surrogate_keys.page(site.root_page_id))
        locales = site_locales(site)
        return Site(
            name=site.site_name or site.hostname,
            hostname=site.hostname,
            default_locale=site.root_page.locale.language_code,
            locales=[locale.language_code for locale in locales],
        )

    @staticmethod
    def resolve_navigation(root, info, locale=None):
        site = requesting_site(info)
        surrogate_keys.record(surrogate_keys.site_settings(site.pk))
        settings = NavigationSettings.for_site(site)
        return Navigation(links=stream_items(info.context, settings.primary_links, resolve_locale(locale).pk))

    @staticmethod
    def resolve_footer(root, info, locale=None):
        site = requesting_site(info)
        surrogate_keys.record(surrogate_keys.site_settings(site.pk))
        settings = FooterSettings.for_site(site)
        locale = resolve_locale(locale)
        in_language = settings.in_language(locale)
        return Footer(
            columns=stream_items(info.context, in_language.columns, locale.pk),
            contact_email=settings.contact_email,
            contact_phone=settings.contact_phone,
            legal_text=rich_text_html(in_language.legal_text, locale.language_code, info.context),
        )
