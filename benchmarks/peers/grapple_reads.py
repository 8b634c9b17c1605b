"""The reads through wagtail-grapple over our models (settings_grapple): one GET
/grapple/graphql/ each, or why grapple cannot express the read.

Grapple has no locale argument: pages are read with ``inSite: true``, that is below the root
page of the site the request's host names (the English home), by URL path relative to it.

Differences from our queries (ours.py) that grapple does not let us avoid:

- All reads: page URLs are what ``Page.url`` gives (the same paths as ours). Rendition URLs
  are absolute from WAGTAILADMIN_BASE_URL, not from the request's host. Images have no
  ``alt``: the client takes the image's ``description``, else its ``title`` (and for a
  product image or a body image block, its own ``altText`` first). Money is two flat
  strings (``price``/``budgetMax`` and ``currency``/``budgetCurrency``), not ``{ amount
  currency }``. Countries are a bare ISO code, not ``{ code }``. Grapple lists have no
  ``totalCount``.
- home: no ``home`` field; the site's root page by ``urlPath: "/"``. Featured offers come
  through the snippet interface (``... on Offer``).
- gift_guide: blocks are read through grapple's StreamField interface, so each section's
  picks need ``... on ProductPickBlock``; ``recipient`` and ``occasion`` are the stored
  codes ("him"), not enum names ("HIM"); ``budgetMax`` is a decimal string.
- story: a paragraph's HTML is ``value``; a heading's level is "h2", not "H2"; a video gives its ``url`` and the oEmbed response
  (``rawEmbed``: html, type, thumbnail, size) instead of ``embedUrl`` and ``provider``;
  timeline steps need ``... on TimelineStepBlock``. Related products and stores come in
  their model's default order (products by name, stores by tree path), not in the order
  the editor chose them; grapple's ``order`` argument cannot reach the many-to-many table.
- store_page: by URL path, not by slug; weekdays are 0 (Monday) to 6, not enum names.
- stores_50: ``pages(contentType: "stores.StorePage", inSite: true, limit: 50, order:
  "title")``; no total count.
- search: ``pages(searchQuery:, inSite: true, limit: 10)`` with Wagtail's own search
  backend and index (not our search service): every page type, ranked by that backend,
  without highlights or a total count.
"""

import json
from urllib.parse import urlencode

from .workload import READ_NAMES, SEARCH_TEXT, Unsupported

CARD_IMAGE = 'title description rendition(fill: "480x480", format: "webp") { url width height }'
HERO_IMAGE = 'title description rendition(fill: "1200x480", format: "webp") { url width height }'

QUERIES = {
    "home": """query Home($path: String!) {
  page(urlPath: $path, inSite: true) {
    title url
    ... on HomePage {
      heroTitle heroText
      heroImage { %(hero)s }
      featuredGuides { title url }
      featuredStories { title url }
      featuredOffers { ... on Offer { title code validTo } }
    }
  }
}""" % {"hero": HERO_IMAGE},
    "gift_guide": """query Guide($path: String!) {
  page(urlPath: $path, inSite: true) {
    title url
    ... on GiftGuidePage {
      intro recipient occasion budgetMax budgetCurrency
      heroImage { %(hero)s }
      sections { ... on GuideSectionBlock { title intro picks { ... on ProductPickBlock { note product {
        sku name brand price currency
        images { altText image { %(card)s } }
      } } } } }
    }
  }
}""" % {"hero": HERO_IMAGE, "card": CARD_IMAGE},
    "story": """query Story($path: String!) {
  page(urlPath: $path, inSite: true) {
    title url
    ... on ProductStoryPage {
      standfirst
      heroImage { %(hero)s }
      body {
        __typename
        ... on HeadingBlock { text level }
        ... on ParagraphBlock { value }
        ... on ImageBlock { altText caption image { %(card)s } }
        ... on QuoteBlock { quote attribution }
        ... on VideoBlock { video { url rawEmbed } }
        ... on ProductCalloutBlock { text product { sku name price currency } }
        ... on TimelineBlock { title steps { ... on TimelineStepBlock { when title place description } } }
      }
      relatedProducts { sku name price currency }
      relatedStores { title url }
    }
  }
}""" % {"hero": HERO_IMAGE, "card": CARD_IMAGE},
    "store_page": """query Store($path: String!) {
  page(urlPath: $path, inSite: true) {
    title url
    ... on StorePage {
      phone email streetAddress postalCode city region country
      latitude longitude
      services { code name }
      openingHours { weekday opens closes closesNextDay }
    }
  }
}""",
    "stores_50": """query Stores {
  pages(contentType: "stores.StorePage", inSite: true, limit: 50, order: "title") {
    title url
    ... on StorePage {
      streetAddress postalCode city country
      latitude longitude
      openingHours { weekday opens closes closesNextDay }
    }
  }
}""",
    "search": """query Search($text: String!) {
  pages(searchQuery: $text, inSite: true, limit: 10) { title url }
}""",
}

UNSUPPORTED = {
    "nearby_stores": Unsupported(
        "grapple has no geo query: its page and snippet lists filter only by id, slug, URL path, content type, "
        "site, parent/ancestor, menu flag and Wagtail full-text search, and `order` takes model field names, so "
        "nothing computes a distance from a point, filters by radius or orders by distance (only a hand-written "
        "model method behind a custom field could, which would be our locator served through grapple's endpoint)"
    ),
    "availability": Unsupported(
        "needs the product's stock in the stores near a point, by distance, with a pickup estimate: grapple has no "
        "geo query (see nearby_stores), and the pickup estimate is our rule over opening hours, exceptions and "
        "preparation time (cms/catalog/availability.py), which grapple could only serve through a hand-written "
        "model method"
    ),
}


def variables(read, context):
    return {
        "home": {"path": "/"},
        "gift_guide": {"path": context.relative(context.guide_url_path)},
        "story": {"path": context.relative(context.story_url_path)},
        "store_page": {"path": context.relative(context.store_url_path)},
        "stores_50": {},
        "search": {"text": SEARCH_TEXT},
    }[read]


def targets(context):
    """Read name → GET path of /grapple/graphql/, or Unsupported."""
    paths = {
        read: "/grapple/graphql/?" + urlencode({"query": query, "variables": json.dumps(variables(read, context))})
        for read, query in QUERIES.items()
    }
    return {read: paths.get(read) or UNSUPPORTED[read] for read in READ_NAMES}
