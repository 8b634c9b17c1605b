"""The reads through Wagtail's REST API v2, configured the way Wagtail's documentation shows:
``api_fields`` on the page models, ``ImageRenditionField`` for image sizes, a
``WagtailAPIRouter`` with the pages endpoint. Benchmark only.

Our models do not declare ``api_fields``; this module assigns them at import, as the models
would declare them. One GET each, or why the API cannot express the read.

StreamFields come back as each block's ``get_api_representation``: choosers give ids only.
The story's body therefore carries image ids (no rendition) and product ids (no name or
price) in its image and product callout blocks, the home page's featured guides, stories
and offers are ids, and video blocks give the URL alone.
"""

from urllib.parse import urlencode

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from cms.catalog.models import Product
from cms.core.models import HomePage
from cms.guides.models import GiftGuidePage
from cms.stores.models import Service, StoreOpeningHours, StorePage
from cms.stories.models import ProductStoryPage

from .workload import LOCALE, SEARCH_TEXT, Unsupported

HERO = "fill-1200x480|format-webp"  # ours.py: 1200x480, fill, WEBP


class ProductSerializer(serializers.ModelSerializer):
    """Products are snippets, which the API has no endpoint for; without this a related
    product is only its id."""

    class Meta:
        model = Product
        fields = ["sku", "name", "price", "currency"]


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Service
        fields = ["code", "name"]


API_FIELDS = {
    HomePage: [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image", serializer=ImageRenditionField(HERO)),
        APIField("featured_guides"),
        APIField("featured_stories"),
        APIField("featured_offers"),
    ],
    GiftGuidePage: [
        APIField("intro"),
        APIField("recipient"),
        APIField("occasion"),
        APIField("budget_max"),
        APIField("budget_currency"),
        APIField("hero_image", serializer=ImageRenditionField(HERO)),
        APIField("sections"),
    ],
    ProductStoryPage: [
        APIField("standfirst"),
        APIField("hero_image", serializer=ImageRenditionField(HERO)),
        APIField("body"),
        APIField("related_products", serializer=ProductSerializer(many=True, read_only=True)),
        APIField("related_stores"),
    ],
    StorePage: [
        APIField("phone"),
        APIField("email"),
        APIField("street_address"),
        APIField("postal_code"),
        APIField("city"),
        APIField("region"),
        APIField("country"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("services", serializer=ServiceSerializer(many=True, read_only=True)),
        APIField("opening_hours"),
    ],
    StoreOpeningHours: [APIField("weekday"), APIField("opens"), APIField("closes"), APIField("closes_next_day")],
}
for model, fields in API_FIELDS.items():
    model.api_fields = fields

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

FIELDS = {
    "home": "hero_title,hero_text,hero_image,featured_guides,featured_stories,featured_offers",
    "story": "standfirst,hero_image,body,related_products,related_stores",
    "store_page": "phone,email,street_address,postal_code,city,region,country,latitude,longitude,"
    "services,opening_hours",
    "stores_50": "street_address,postal_code,city,country,latitude,longitude,opening_hours",
}


def targets(context):
    """Read name → GET path of /api/v2/, or why the API cannot express the read."""

    def get(path, **params):
        return f"/api/v2/pages/{path}?" + urlencode(params, safe=",.")

    no_geo = "the pages endpoint has no distance filter or ordering (no geo query)"
    return {
        "home": get(f"{context.home_id}/", fields=FIELDS["home"]),
        "gift_guide": Unsupported(
            "the guide's StreamField comes back as raw block values: each pick is only its product's id "
            "(a snippet chooser), and the API has no snippet endpoint, so the 24 cards' names, prices and "
            "image renditions need a hand-written serializer for the stream, not Wagtail's API as documented"
        ),
        "story": get(f"{context.story_id}/", fields=FIELDS["story"]),
        "store_page": get(f"{context.store_id}/", fields=FIELDS["store_page"]),
        "stores_50": get(
            "", type="stores.StorePage", locale=LOCALE, order="title", fields=FIELDS["stores_50"], limit=50
        ),
        "nearby_stores": Unsupported(no_geo),
        "availability": Unsupported(f"stock levels are not pages; {no_geo}"),
        "search": get("", search=SEARCH_TEXT, locale=LOCALE, limit=10),
    }
