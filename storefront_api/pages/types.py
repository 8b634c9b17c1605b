"""GraphQL types of the core pages: home and section pages."""

import graphene

from cms.core import models
from cms.offers.models import Offer as OfferModel
from cms.publishing import surrogate_keys
from storefront_api.core.scalars import content_html
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

    # Every chosen page or offer counts, shown or not: publishing one that is not shown yet
    # changes the list.

    @staticmethod
    def resolve_featured_guides(page, info):
        record_chosen(page.featured_guides, surrogate_keys.page)
        return remember_batch(info.context, page.shown_guides())

    @staticmethod
    def resolve_featured_stories(page, info):
        record_chosen(page.featured_stories, surrogate_keys.page)
        return remember_batch(info.context, page.shown_stories())

    @staticmethod
    def resolve_featured_offers(page, info):
        record_chosen(page.featured_offers, lambda pk: surrogate_keys.snippet(OfferModel, pk))
        return expect_offers(info.context, page.shown_offers())


def record_chosen(stream, key):
    surrogate_keys.record_all(key(block["value"]) for block in stream.raw_data if block["value"] is not None)


@page_type(models.SectionPage)
class SectionPage(graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    intro = graphene.String(required=True, description="HTML.")

    @staticmethod
    def resolve_intro(page, info):
        return content_html(info, page, page.intro)
