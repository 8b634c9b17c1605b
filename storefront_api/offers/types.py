"""GraphQL types of offers: coupons and promotions redeemed in store or online."""

import graphene

from cms.offers.models import Channel
from storefront_api.core.connections import CountableConnection
from storefront_api.core.locales import LocaleByIdLoader
from storefront_api.core.qr import qr_code_url_field
from storefront_api.core.scalars import content_html
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.images.types import Image
from storefront_api.stores.types import StorePage

from .loaders import StoresByOfferLoader


class OfferChannel(graphene.Enum):
    ONLINE = Channel.ONLINE.value
    IN_STORE = Channel.IN_STORE.value
    BOTH = Channel.BOTH.value

    @property
    def description(self):
        return {
            OfferChannel.ONLINE: "Redeemed online.",
            OfferChannel.IN_STORE: "Redeemed in store.",
            OfferChannel.BOTH: "Redeemed online and in store.",
        }.get(self)


class Offer(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    code = graphene.String(required=True, description="The coupon code; empty for a promotion without one.")
    image = graphene.Field(Image)
    qr_code_url = qr_code_url_field("offer")
    valid_from = graphene.DateTime(required=True)
    valid_to = graphene.DateTime(description="Null when the offer has no end date.")
    channel = graphene.Field(OfferChannel, required=True)
    applies_to_all_stores = graphene.Boolean(required=True)
    stores = graphene.List(
        graphene.NonNull(StorePage),
        required=True,
        description="The stores it is limited to, by name; empty when it applies to all stores.",
    )
    terms = graphene.String(required=True, description="HTML.")
    locale = graphene.String(required=True)

    @staticmethod
    def resolve_image(offer, info):
        return ImageByIdLoader.for_request(info.context).load(offer.image_id)

    @staticmethod
    def resolve_stores(offer, info):
        return StoresByOfferLoader.for_info(info).load(offer)

    @staticmethod
    def resolve_terms(offer, info):
        return content_html(info, offer, offer.terms)

    @staticmethod
    def resolve_locale(offer, info):
        return LocaleByIdLoader.language_code(info.context, offer.locale_id)


class OfferConnection(CountableConnection):
    class Meta:
        node = Offer
