"""GraphQL types of the core pages: home and section pages."""

import graphene

from cms.core import models
from storefront_api.core.scalars import rich_text_html
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.images.types import Image
from storefront_api.offers.loaders import expect_offers
from storefront_api.offers.types import Offer

from .batches import load_for_batch, remember_batch
from .interface import Page
from .registry import page_type


class HeroImage:
    """Page types with a ``hero_image``: loaded for every page of the batch at once."""

    hero_image = graphene.Field(Image)

    @staticmethod
    def resolve_hero_image(page, info):
        return load_for_batch(info, page, ImageByIdLoader, lambda other: other.hero_image_id)


@page_type(models.HomePage)
class HomePage(HeroImage, graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    hero_title = graphene.String(required=True, description="The headline; the page title when none was set.")
    hero_text = graphene.String(required=True)
    featured_guides = graphene.List(graphene.NonNull(Page), required=True)
    featured_stories = graphene.List(graphene.NonNull(Page), required=True)
    featured_offers = graphene.List(
        graphene.NonNull(Offer), required=True, description="Featured offers that are published and valid now."
    )

    @staticmethod
    def resolve_hero_title(page, info):
        return page.hero_title or page.title

    @staticmethod
    def resolve_featured_guides(page, info):
        return remember_batch(info.context, page.shown_guides())

    @staticmethod
    def resolve_featured_stories(page, info):
        return remember_batch(info.context, page.shown_stories())

    @staticmethod
    def resolve_featured_offers(page, info):
        return expect_offers(info.context, page.shown_offers())


@page_type(models.SectionPage)
class SectionPage(graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    intro = graphene.String(required=True, description="HTML.")

    @staticmethod
    def resolve_intro(page, info):
        return rich_text_html(page.intro)
