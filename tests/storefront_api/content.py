"""Builders for editorial content in API tests: stories, guides and policies with every
kind of block, products that are (or are not) on sale, translations, a second site."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, ProductFactory, ProductImageFactory


def products(count, image=None, **fields):
    """``count`` products on sale, each with ``image`` when given."""
    made = ProductFactory.create_batch(count, **fields)
    for product in made:
        if image is not None:
            ProductImageFactory(product=product, image=image)
    return made


def story_body(image, product, linked_page):
    """A product-story body with one block of each kind, with fixed ids."""
    return [
        {"type": "heading", "id": "heading-1", "value": {"text": "Where it comes from", "level": "h3"}},
        {
            "type": "paragraph",
            "id": "paragraph-1",
            "value": f'<p>Read <a linktype="page" id="{linked_page.pk}">more ideas</a>.</p>',
        },
        {"type": "image", "id": "image-1", "value": {"image": image.pk, "alt_text": "", "caption": "The farm"}},
        {"type": "quote", "id": "quote-1", "value": {"quote": "Slow roasting is everything.", "attribution": "Ada"}},
        {
            "type": "video",
            "id": "video-1",
            "value": {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": "The harvest"},
        },
        {"type": "product_callout", "id": "callout-1", "value": {"product": product.pk, "text": "Our best seller."}},
        {
            "type": "timeline",
            "id": "timeline-1",
            "value": {
                "title": "From farm to shelf",
                "steps": [
                    {
                        "type": "item",
                        "id": "step-1",
                        "value": {"when": "March", "title": "Picked", "place": "Huila", "description": "By hand."},
                    },
                    {
                        "type": "item",
                        "id": "step-2",
                        "value": {"when": "May", "title": "Roasted", "place": "", "description": ""},
                    },
                ],
            },
        },
    ]


def callouts(products):
    """A story body of one product callout per product."""
    return [{"type": "product_callout", "value": {"product": product.pk, "text": product.name}} for product in products]


def faq(*pairs):
    return [{"type": "question", "value": {"question": question, "answer": answer}} for question, answer in pairs]


def translate(page, locale):
    """Publish ``page``'s translation into ``locale`` (its parents must be translated)."""
    translated = page.copy_for_translation(locale)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated.specific


def other_site(hostname="other.example"):
    """A second site with its own home page (below the tree root) and host name."""
    home = HomePageFactory(parent=Page.get_first_root_node(), title="Other home", slug="other-home")
    Site.objects.create(hostname=hostname, port=80, root_page=home, site_name="Other shop")
    return home


def count_queries(graphql, query, variables=None, **extra):
    """Queries of the steady state (renditions are made on first use), and the body."""
    graphql(query, variables, **extra)
    with CaptureQueriesContext(connection) as queries:
        body = graphql(query, variables, **extra)
    assert "errors" not in body, body
    return len(queries), body["data"]
