"""GraphQL types of gift guides."""

import graphene

from cms.guides import models
from storefront_api.blocks.streams import StreamUnion, page_stream
from storefront_api.core.connections import CountableConnection
from storefront_api.core.qr import qr_code_url_field
from storefront_api.core.scalars import Money, choices_enum, content_html
from storefront_api.pages.interface import Page
from storefront_api.pages.registry import page_type
from storefront_api.pages.types import HeroImage

from .blocks import GuideSectionBlock

GiftRecipient = choices_enum("GiftRecipient", models.Recipient, "Who a gift guide is for.")
GiftOccasion = choices_enum("GiftOccasion", models.Occasion, "What a gift guide is for.")


class GiftGuideSectionsBlock(StreamUnion):
    """The blocks a gift guide's `sections` may hold."""

    class Meta:
        types = (GuideSectionBlock,)


@page_type(models.GiftGuidePage)
class GiftGuidePage(HeroImage, graphene.ObjectType):
    class Meta:
        interfaces = (Page,)

    intro = graphene.String(required=True, description="HTML.")
    qr_code_url = qr_code_url_field("guide")
    recipient = graphene.Field(GiftRecipient, required=True)
    occasion = graphene.Field(GiftOccasion, required=True)
    budget = graphene.Field(Money, description="The price ceiling of the guide's gifts; null for any budget.")
    sections = graphene.List(
        graphene.NonNull(GiftGuideSectionsBlock),
        required=True,
        description="Sections of product picks; picks of products not on sale are left out, and empty sections.",
    )

    @staticmethod
    def resolve_intro(page, info):
        return content_html(info, page, page.intro)

    @staticmethod
    def resolve_budget(page, info):
        if page.budget_max is None:
            return None
        return Money(amount=page.budget_max, currency=page.budget_currency)

    @staticmethod
    def resolve_sections(page, info):
        return page_stream(info, page, "sections")


class GiftGuidePageConnection(CountableConnection):
    class Meta:
        node = GiftGuidePage
