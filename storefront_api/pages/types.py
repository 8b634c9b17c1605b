"""GraphQL types of the core pages: home and section pages."""

import graphene

from cms.core import models
from storefront_api.core.scalars import rich_text_html
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.images.types import Image

from .interface import Page
from .registry import page_type


@page_type(models.HomePage)
class HomePage(graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    hero_title = graphene.String(required=True, description="The headline; the page title when none was set.")
    hero_text = graphene.String(required=True)
    hero_image = graphene.Field(Image)
    featured_guides = graphene.List(graphene.NonNull(Page), required=True)
    featured_stories = graphene.List(graphene.NonNull(Page), required=True)

    @staticmethod
    def resolve_hero_title(page, info):
        return page.hero_title or page.title

    @staticmethod
    def resolve_hero_image(page, info):
        return ImageByIdLoader.for_request(info.context).load(page.hero_image_id)

    @staticmethod
    def resolve_featured_guides(page, info):
        return page.shown_guides()

    @staticmethod
    def resolve_featured_stories(page, info):
        return page.shown_stories()


@page_type(models.SectionPage)
class SectionPage(graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    intro = graphene.String(required=True, description="HTML.")

    @staticmethod
    def resolve_intro(page, info):
        return rich_text_html(page.intro)
