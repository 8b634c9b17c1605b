"""Loaders between offers and stores: the current offers of many stores, the stores of
many offers."""

from wagtail.models import Locale

from cms.offers.listing import current_offers_by_store, store_keys_by_offer
from cms.stores.listing import order_stores, shopper_stores
from storefront_api.core.loaders import ListLoader
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.pages.context import requesting_site


class CurrentOffersByStoreLoader(ListLoader):
    """Keyed by the store page: offers valid now that apply there, in the store's language."""

    def batch_load(self, keys):
        found = current_offers_by_store(keys)
        expect_offers(self.context, {offer for offers in found.values() for offer in offers})
        return found


class StoresByOfferLoader(ListLoader):
    """Keyed by the offer: the store pages shoppers may see, in the offer's language, that
    it is limited to. Needs the requesting site: get it with ``for_info``."""

    site = None

    @classmethod
    def for_info(cls, info):
        loader = cls.for_request(info.context)
        loader.site = requesting_site(info)
        return loader

    def batch_load(self, keys):
        from storefront_api.stores.loaders import expect_stores

        keys_by_offer = store_keys_by_offer(keys)
        wanted = set().union(*keys_by_offer.values())
        stores = []
        if wanted:
            for locale in Locale.objects.filter(pk__in={offer.locale_id for offer in keys}):
                visible = shopper_stores(self.site, locale).filter(translation_key__in=wanted)
                stores += expect_stores(self.context, order_stores(visible))
        return {
            offer: [
                store
                for store in stores
                if store.locale_id == offer.locale_id and store.translation_key in keys_by_offer[offer]
            ]
            for offer in keys
        }


def expect_offers(context, offers):
    """Make the fields of ``offers`` load in bulk on first use."""
    offers = [offer for offer in offers if offer is not None]
    ImageByIdLoader.for_request(context).expect(offer.image_id for offer in offers)
    StoresByOfferLoader.for_request(context).expect(offers)
    return offers
