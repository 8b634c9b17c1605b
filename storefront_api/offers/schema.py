import graphene

from cms.offers.listing import filter_offers, published_offers, shopper_offers
from cms.offers.models import Offer as OfferModel
from cms.publishing import surrogate_keys
from storefront_api.core.connections import connection_args, paginate
from storefront_api.core.errors import BadArgument
from storefront_api.core.locales import locale_argument, resolve_locale
from storefront_api.core.scalars import enum_value
from storefront_api.stores.schema import find_store

from .loaders import expect_offers, record_offer_lists
from .types import Offer, OfferChannel, OfferConnection


class OfferQueries(graphene.ObjectType):
    offer = graphene.Field(
        Offer, id=graphene.ID(required=True), description="A published offer by id, whether or not valid now."
    )
    offers = graphene.Field(
        OfferConnection,
        required=True,
        locale=locale_argument(),
        current=graphene.Boolean(default_value=True, description="Only offers valid now; false for all published ones."),
        store=graphene.String(description="Slug of a store: only offers redeemable there."),
        channel=OfferChannel(description="Only offers redeemable through this channel (BOTH counts for each)."),
        **connection_args(),
        description="Published offers, newest first.",
    )

    @staticmethod
    def resolve_offer(root, info, id):
        if not str(id).isdigit():
            raise BadArgument("`id` must be an offer id.", field="id")
        surrogate_keys.record(surrogate_keys.snippet(OfferModel, id))
        offer = published_offers().filter(pk=id).first()
        expect_offers(info.context, [offer])
        return offer

    @staticmethod
    def resolve_offers(root, info, locale=None, current=True, store=None, channel=None, **page):
        locale = resolve_locale(locale)
        record_offer_lists(info.context, [locale.pk])
        store_page = None
        if store is not None:
            store_page = find_store(info, store, locale)
            if store_page is None:
                raise BadArgument(f"No store with slug {store!r} in {locale.language_code}.", field="store")
        offers = filter_offers(
            shopper_offers(locale), current=current, store=store_page, channel=enum_value(channel)
        )
        return paginate(OfferConnection, offers, after_slice=lambda items: expect_offers(info.context, items), **page)
