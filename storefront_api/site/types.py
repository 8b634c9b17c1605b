"""Site-wide content: the site itself, its navigation and its footer."""

import graphene

from storefront_api.blocks.streams import StreamUnion
from storefront_api.blocks.types import FooterColumnBlock, LinkBlock
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.pages.context import visible_home
from storefront_api.pages.interface import Page


class NavigationLinksBlock(StreamUnion):
    """The blocks the main menu may hold."""

    class Meta:
        types = (LinkBlock,)


class FooterColumnsBlock(StreamUnion):
    """The blocks the footer's columns may hold."""

    class Meta:
        types = (FooterColumnBlock,)


class Navigation(graphene.ObjectType):
    links = graphene.List(
        graphene.NonNull(NavigationLinksBlock),
        required=True,
        description="The main menu in order; page links in the requested language, only to pages shoppers may see.",
    )


class Footer(graphene.ObjectType):
    columns = graphene.List(graphene.NonNull(FooterColumnsBlock), required=True)
    contact_email = graphene.String(required=True)
    contact_phone = graphene.String(required=True)
    legal_text = graphene.String(required=True, description="HTML: company and VAT details.")


class Site(graphene.ObjectType):
    name = graphene.String(required=True)
    hostname = graphene.String(required=True)
    default_locale = graphene.String(required=True, description="The language of the site's own home page.")
    locales = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Languages the site is published in."
    )
    home = graphene.Field(Page, locale=locale_argument())

    @staticmethod
    def resolve_home(site, info, locale=None):
        return visible_home(info, resolve_locale(locale))
