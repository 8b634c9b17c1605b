"""Loaders between offers and stores: the current offers of many stores, the stores of
many offers. A store's offers depend on every offer of its language (a new one may apply
there); an offer's stores on the stores of its language that shoppers see."""

from wagtail.models import Locale

from cms.offers.listing import current_offers_by_store, store_keys_by_offer
from cms.offers.models import Offer
from cms.publishing import surrogate_keys
from cms.stores.listing import order_stores, shopper_stores
from cms.stores.models import StorePage
from storefront_api.core.loaders import ListLoader
from storefront_api.core.locales import LocaleByIdLoader
from storefront_api.images.loaders import ImageByIdLoader
from storefront_api.pages.context import requesting_site


class CurrentOffersByStoreLoader(ListLoader):
    """Keyed by the store page: offers valid now that apply there, in the store's language."""

    def batch_load(self, keys):
        record_offer_lists(self.context, {store.locale_id for store in keys})
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
                surrogate_keys.record(surrogate_keys.page_list(self.site.pk, locale.language_code, StorePage))
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


def record_offer_lists(context, locale_ids):
    languages = {LocaleByIdLoader.language_code(context, locale_id) for locale_id in locale_ids}
    surrogate_keys.record_all(surrogate_keys.snippet_list(Offer, language) for language in languages)


def expect_offers(context, offers):
    """Make the fields of ``offers`` load in bulk on first use (the response shows them)."""
    offers = [offer for offer in offers if offer is not None]
    surrogate_keys.record_all(surrogate_keys.of(offer) for offer in offers)
    ImageByIdLoader.for_request(context).expect(offer.image_id for offer in offers)
    StoresByOfferLoader.for_request(context).expect(offers)
    return offers
