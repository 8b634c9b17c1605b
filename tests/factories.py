"""Factories for content: pages are added below a parent with ``parent=``."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.documents import get_document_model_string
from wagtail.models import Collection, Locale

from cms.catalog.models import Category, Product, ProductImage, StockLevel
from cms.core.models import HomePage, SectionPage
from cms.guides.models import GiftGuidePage
from cms.offers.models import Offer
from cms.policies.models import ReturnPolicyMethod, ReturnPolicyPage
from cms.stores.models import Service, StoreIndexPage, StoreOpeningHours, StorePage
from cms.stories.models import ProductStoryPage


def default_locale():
    return Locale.get_default()


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_title = "Shop online, collect in store"

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")

    class Meta:
        model = SectionPage


class StoreIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stores"

    class Meta:
        model = StoreIndexPage


class StorePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Store {n}")
    street_address = "Via Torino 1"
    postal_code = "20123"
    city = "Milano"
    country = "IT"
    latitude = Decimal("45.463700")
    longitude = Decimal("9.185700")
    time_zone = "Europe/Rome"
    pickup_preparation_minutes = 30

    class Meta:
        model = StorePage

    @classmethod
    def with_services(cls, parent, services, **kwargs):
        store = cls(parent=parent, **kwargs)
        store.services.set(services)
        store.save()
        return store


class StoreOpeningHoursFactory(factory.django.DjangoModelFactory):
    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(19)

    class Meta:
        model = StoreOpeningHours


class ServiceFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Service {n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Service


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Category


class ProductFactory(factory.django.DjangoModelFactory):
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Product {n}")
    brand = "Acme"
    price = Decimal("19.90")
    currency = "EUR"
    category = factory.SubFactory(CategoryFactory)
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Product


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage


class StockLevelFactory(factory.django.DjangoModelFactory):
    quantity = 5
    source_updated_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = StockLevel


class OfferFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Offer {n}")
    description = "10% off in store"
    code = factory.Sequence(lambda n: f"SAVE{n}")
    valid_from = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    valid_to = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Offer

    @classmethod
    def for_stores(cls, stores, **kwargs):
        """An offer limited to ``stores``."""
        offer = cls(applies_to_all_stores=False, **kwargs)
        offer.stores.set(stores)
        offer.save()
        return offer


class GiftGuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Gift guide {n}")
    recipient = "him"
    occasion = "christmas"
    budget_max = Decimal("50")

    class Meta:
        model = GiftGuidePage

    @classmethod
    def with_products(cls, parent, products, **kwargs):
        sections = [
            {
                "type": "section",
                "value": {
                    "title": "Picks",
                    "intro": "",
                    "picks": [{"product": product.pk, "note": f"Why {product.name}"} for product in products],
                },
            }
        ]
        return cls(parent=parent, sections=sections, **kwargs)


class ProductStoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    standfirst = "How it is made."
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Once upon a time.</p>"}])

    class Meta:
        model = ProductStoryPage


class ReturnPolicyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Returns {n}")
    summary = "Return within 30 days."
    market = "IT"
    effective_date = datetime.date(2026, 1, 1)

    class Meta:
        model = ReturnPolicyPage


class ReturnPolicyMethodFactory(factory.django.DjangoModelFactory):
    method = "in-store"
    conditions = "Bring the receipt."

    class Meta:
        model = ReturnPolicyMethod


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document (the configured Wagtail document model) in the root collection unless
    ``collection=`` says otherwise."""

    title = "Price list"
    file = factory.django.FileField(filename="price-list.txt", data=b"Espresso 1.20 EUR\n")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_document_model_string()
