import graphene

from cms.core.models import FooterSettings, NavigationSettings
from cms.core.visibility import site_locales
from storefront_api.blocks.streams import stream_items
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.pages.context import requesting_site

from .types import Footer, Navigation, Site


class SiteQueries(graphene.ObjectType):
    site = graphene.Field(Site, required=True, description="The site the request is for (by its host name).")
    navigation = graphene.Field(Navigation, required=True, locale=locale_argument())
    footer = graphene.Field(Footer, required=True, locale=locale_argument())

    @staticmethod
    def resolve_site(root, info):
        site = requesting_site(info)
        locales = site_locales(site)
        return Site(
            name=site.site_name or site.hostname,
            hostname=site.hostname,
            default_locale=site.root_page.locale.language_code,
            locales=[locale.language_code for locale in locales],
        )

    @staticmethod
    def resolve_navigation(root, info, locale=None):
        settings = NavigationSettings.for_site(requesting_site(info))
        return Navigation(links=stream_items(info.context, settings.primary_links, resolve_locale(locale).pk))

    @staticmethod
    def resolve_footer(root, info, locale=None):
        settings = FooterSettings.for_site(requesting_site(info))
        return Footer(
            columns=stream_items(info.context, settings.columns, resolve_locale(locale).pk),
            contact_email=settings.contact_email,
            contact_phone=settings.contact_phone,
            legal_text=settings.legal_text,
        )
