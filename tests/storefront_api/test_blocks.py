"""StreamFields as typed blocks: one GraphQL type per block class, a union per field."""

import pytest
import wagtail_factories

from cms.core.models import FooterSettings, NavigationSettings
from cms.guides.models import GiftGuidePage
from cms.policies.models import ReturnPolicyPage
from cms.stories.models import ProductStoryPage
from storefront_api.blocks.registry import graphql_block_type
from storefront_api.schema import schema
from tests.factories import GiftGuidePageFactory, ProductFactory, ProductStoryPageFactory

from .content import callouts, products, story_body

STORY_BODY = """query($path: String!) { page(path: $path) { ... on ProductStoryPage { body {
  __typename
  ... on StreamBlock { id blockType }
  ... on HeadingBlock { text level }
  ... on ParagraphBlock { html }
  ... on ImageBlock { alt caption image { title } }
  ... on QuoteBlock { quote attribution }
  ... on VideoBlock { url embedUrl provider caption }
  ... on ProductCalloutBlock { text product { sku name } }
  ... on TimelineBlock { title steps { when title place description } }
} } } }"""


@pytest.fixture
def beans(db):
    return ProductFactory(sku="BEANS-1", name="Huila beans")


def body_of(graphql, path):
    body = graphql(STORY_BODY, {"path": path})
    assert "errors" not in body, body
    return body["data"]["page"]["body"]


def test_every_story_block_is_served_with_typed_fields(graphql, section, image, beans):
    ProductStoryPageFactory(parent=section, slug="coffee", body=story_body(image, beans, section))
    assert body_of(graphql, "/inspiration/coffee/") == [
        {
            "__typename": "HeadingBlock",
            "id": "heading-1",
            "blockType": "heading",
            "text": "Where it comes from",
            "level": "H3",
        },
        {
            "__typename": "ParagraphBlock",
            "id": "paragraph-1",
            "blockType": "paragraph",
            "html": '<p>Read <a href="/en/inspiration/">more ideas</a>.</p>',
        },
        {
            "__typename": "ImageBlock",
            "id": "image-1",
            "blockType": "image",
            "alt": "Shop floor",
            "caption": "The farm",
            "image": {"title": "Shop floor"},
        },
        {
            "__typename": "QuoteBlock",
            "id": "quote-1",
            "blockType": "quote",
            "quote": "Slow roasting is everything.",
            "attribution": "Ada",
        },
        {
            "__typename": "VideoBlock",
            "id": "video-1",
            "blockType": "video",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "embedUrl": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "provider": "YouTube",
            "caption": "The harvest",
        },
        {
            "__typename": "ProductCalloutBlock",
            "id": "callout-1",
            "blockType": "product_callout",
            "text": "Our best seller.",
            "product": {"sku": "BEANS-1", "name": "Huila beans"},
        },
        {
            "__typename": "TimelineBlock",
            "id": "timeline-1",
            "blockType": "timeline",
            "title": "From farm to shelf",
            "steps": [
                {"when": "March", "title": "Picked", "place": "Huila", "description": "By hand."},
                {"when": "May", "title": "Roasted", "place": "", "description": ""},
            ],
        },
    ]


def test_editor_alt_text_wins_and_unknown_video_providers_have_no_embed(graphql, section, image):
    ProductStoryPageFactory(
        parent=section,
        slug="alt",
        body=[
            {"type": "image", "id": "i", "value": {"image": image.pk, "alt_text": "Beans drying", "caption": ""}},
            {"type": "video", "id": "v", "value": {"video": "https://videos.example/42", "caption": ""}},
            {"type": "video", "id": "w", "value": {"video": "https://vimeo.com/76979871", "caption": ""}},
        ],
    )
    image_block, unknown, vimeo = body_of(graphql, "/inspiration/alt/")
    assert image_block["alt"] == "Beans drying"
    assert (unknown["embedUrl"], unknown["provider"]) == (None, None)
    assert (vimeo["embedUrl"], vimeo["provider"]) == ("https://player.vimeo.com/video/76979871", "Vimeo")


def test_blocks_of_products_not_on_sale_and_of_deleted_images_are_left_out(graphql, section, image, beans):
    inactive = ProductFactory(is_active=False)
    unpublished = ProductFactory(live=False)
    gone = wagtail_factories.ImageFactory()
    gone_id = gone.pk
    gone.delete()
    ProductStoryPageFactory(
        parent=section,
        slug="partial",
        body=[
            {"type": "product_callout", "id": "a", "value": {"product": inactive.pk, "text": ""}},
            {"type": "product_callout", "id": "b", "value": {"product": unpublished.pk, "text": ""}},
            {"type": "product_callout", "id": "c", "value": {"product": beans.pk, "text": ""}},
            {"type": "image", "id": "d", "value": {"image": gone_id, "alt_text": "", "caption": ""}},
        ],
    )
    assert [block["id"] for block in body_of(graphql, "/inspiration/partial/")] == ["c"]


def test_guide_picks_of_products_not_on_sale_are_left_out_and_empty_sections_too(graphql, section, beans):
    inactive = ProductFactory(is_active=False, name="Retired mug")
    unpublished = ProductFactory(live=False)
    GiftGuidePageFactory(
        parent=section,
        slug="mixed",
        sections=[
            {
                "type": "section",
                "id": "s1",
                "value": {
                    "title": "Coffee lovers",
                    "intro": "Beans and more.",
                    "picks": [
                        {"type": "item", "id": "p1", "value": {"product": inactive.pk, "note": "Gone"}},
                        {"type": "item", "id": "p2", "value": {"product": beans.pk, "note": "Fresh"}},
                    ],
                },
            },
            {
                "type": "section",
                "id": "s2",
                "value": {"title": "Nothing left", "intro": "", "picks": [{"product": unpublished.pk, "note": ""}]},
            },
        ],
    )
    body = graphql(
        """{ page(path: "/inspiration/mixed/") { ... on GiftGuidePage { sections {
             __typename ... on GuideSectionBlock { id blockType title intro picks { note product { sku } } } } } } }"""
    )
    assert body["data"]["page"]["sections"] == [
        {
            "__typename": "GuideSectionBlock",
            "id": "s1",
            "blockType": "section",
            "title": "Coffee lovers",
            "intro": "Beans and more.",
            "picks": [{"note": "Fresh", "product": {"sku": "BEANS-1"}}],
        }
    ]


@pytest.mark.parametrize(
    "union, model, field",
    [
        ("ProductStoryBodyBlock", ProductStoryPage, "body"),
        ("GiftGuideSectionsBlock", GiftGuidePage, "sections"),
        ("ReturnPolicyFaqBlock", ReturnPolicyPage, "faq"),
        ("NavigationLinksBlock", NavigationSettings, "primary_links"),
        ("FooterColumnsBlock", FooterSettings, "columns"),
    ],
)
def test_each_stream_field_union_lists_exactly_the_blocks_of_that_field(union, model, field):
    stream_block = model._meta.get_field(field).stream_block
    expected = {graphql_block_type(child)._meta.name for child in stream_block.child_blocks.values()}
    members = {member.name for member in schema.graphql_schema.get_type(union).types}
    assert members == expected


def test_products_of_several_streams_are_loaded_together(graphql, section, image):
    first, second = products(2, image=image)
    ProductStoryPageFactory(parent=section, slug="one", body=callouts([first]))
    ProductStoryPageFactory(parent=section, slug="two", body=callouts([second]))
    body = graphql(
        """{ productStories { edges { node { slug
             body { ... on ProductCalloutBlock { text product { sku } } } } } } }"""
    )
    served = {edge["node"]["slug"]: edge["node"]["body"] for edge in body["data"]["productStories"]["edges"]}
    assert served == {
        "one": [{"text": first.name, "product": {"sku": first.sku}}],
        "two": [{"text": second.name, "product": {"sku": second.sku}}],
    }
