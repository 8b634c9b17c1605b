"""Our models exposed through wagtail-grapple, the way its documentation shows, for the
benchmark only: ``graphql_fields`` lists and ``register_streamfield_block`` applied to our
classes here instead of in cms/.

Grapple builds its types in ``Grapple.ready()`` from what is declared by then, so this app
must come before "grapple" in INSTALLED_APPS (Django runs ``ready()`` in that order).

Where our model methods decide what shoppers see (featured pages that are live, offers that
are valid), grapple's documented way is a ``source`` attribute that it calls with ``info``;
the ``grapple_*`` methods below adapt ours to that call.
"""

import graphene
from django.apps import AppConfig


class BenchGrappleConfig(AppConfig):
    name = "benchmarks.peers.grapple_app"
    label = "bench_grapple"
    verbose_name = "Benchmark: wagtail-grapple"

    def ready(self):
        expose_models()
        expose_blocks()


def shown(method):
    def resolve(page, info, **kwargs):
        return getattr(page, method)()

    return resolve


def expose_models():
    from grapple.models import (
        GraphQLBoolean,
        GraphQLCollection,
        GraphQLField,
        GraphQLFloat,
        GraphQLForeignKey,
        GraphQLImage,
        GraphQLInt,
        GraphQLPage,
        GraphQLRichText,
        GraphQLSnippet,
        GraphQLStreamfield,
        GraphQLString,
    )

    from cms.catalog.models import Product, ProductImage
    from cms.core.models import HomePage
    from cms.guides.models import GiftGuidePage
    from cms.offers.models import Offer
    from cms.stores.models import Service, StoreOpeningHours, StorePage
    from cms.stories.models import ProductStoryPage

    HomePage.grapple_shown_guides = shown("shown_guides")
    HomePage.grapple_shown_stories = shown("shown_stories")
    HomePage.grapple_shown_offers = shown("shown_offers")
    HomePage.graphql_fields = [
        GraphQLString("hero_title"),
        GraphQLString("hero_text"),
        GraphQLImage("hero_image"),
        GraphQLCollection(GraphQLPage, "featured_guides", source="grapple_shown_guides"),
        GraphQLCollection(GraphQLPage, "featured_stories", source="grapple_shown_stories"),
        GraphQLCollection(GraphQLSnippet, "featured_offers", "offers.Offer", source="grapple_shown_offers"),
    ]
    Offer.graphql_fields = [
        GraphQLString("title"),
        GraphQLString("code"),
        GraphQLField("valid_to", graphene.DateTime),
    ]
    Product.graphql_fields = [
        GraphQLString("sku"),
        GraphQLString("name"),
        GraphQLString("brand"),
        GraphQLString("price"),
        GraphQLString("currency"),
        GraphQLCollection(GraphQLForeignKey, "images", "catalog.ProductImage"),
    ]
    ProductImage.graphql_fields = [GraphQLString("alt_text"), GraphQLImage("image")]
    GiftGuidePage.graphql_fields = [
        GraphQLRichText("intro"),
        GraphQLString("recipient"),
        GraphQLString("occasion"),
        GraphQLString("budget_max"),
        GraphQLString("budget_currency"),
        GraphQLImage("hero_image"),
        GraphQLStreamfield("sections"),
    ]
    ProductStoryPage.graphql_fields = [
        GraphQLString("standfirst"),
        GraphQLImage("hero_image"),
        GraphQLStreamfield("body"),
        GraphQLCollection(GraphQLSnippet, "related_products", "catalog.Product"),
        GraphQLCollection(GraphQLForeignKey, "related_stores", "stores.StorePage"),
    ]
    StorePage.graphql_fields = [
        GraphQLString("phone"),
        GraphQLString("email"),
        GraphQLString("street_address"),
        GraphQLString("postal_code"),
        GraphQLString("city"),
        GraphQLString("region"),
        GraphQLString("country"),
        GraphQLFloat("latitude"),
        GraphQLFloat("longitude"),
        GraphQLCollection(GraphQLSnippet, "services", "stores.Service"),
        GraphQLCollection(GraphQLForeignKey, "opening_hours", "stores.StoreOpeningHours"),
    ]
    Service.graphql_fields = [GraphQLString("code"), GraphQLString("name")]
    StoreOpeningHours.graphql_fields = [
        GraphQLInt("weekday"),
        GraphQLString("opens"),
        GraphQLString("closes"),
        GraphQLBoolean("closes_next_day"),
    ]


def expose_blocks():
    from grapple.helpers import register_streamfield_block
    from grapple.models import GraphQLEmbed, GraphQLImage, GraphQLSnippet, GraphQLStreamfield, GraphQLString

    from cms.core import blocks
    from cms.guides.blocks import GuideSectionBlock, ProductPickBlock

    fields = {
        blocks.HeadingBlock: [GraphQLString("text"), GraphQLString("level")],
        blocks.ParagraphBlock: [],
        blocks.ImageBlock: [GraphQLImage("image"), GraphQLString("alt_text"), GraphQLString("caption")],
        blocks.QuoteBlock: [GraphQLString("quote"), GraphQLString("attribution")],
        blocks.VideoBlock: [GraphQLEmbed("video"), GraphQLString("caption")],
        blocks.ProductCalloutBlock: [GraphQLSnippet("product", "catalog.Product"), GraphQLString("text")],
        blocks.TimelineStepBlock: [
            GraphQLString("when"),
            GraphQLString("title"),
            GraphQLString("place"),
            GraphQLString("description"),
        ],
        blocks.TimelineBlock: [GraphQLString("title"), GraphQLStreamfield("steps")],
        ProductPickBlock: [GraphQLSnippet("product", "catalog.Product"), GraphQLString("note")],
        GuideSectionBlock: [GraphQLString("title"), GraphQLString("intro"), GraphQLStreamfield("picks")],
    }
    for block_class, graphql_fields in fields.items():
        if graphql_fields:
            block_class.graphql_fields = graphql_fields
        register_streamfield_block(block_class)
