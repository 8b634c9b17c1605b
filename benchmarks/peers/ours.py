"""The reads through our API: one GET /graphql each (the form CDNs and the response cache see)."""

from urllib.parse import urlencode

from .workload import LOCALE, POINT, RADIUS_KM, SEARCH_TEXT

CARD_IMAGE = "rendition(width: 480, height: 480, fill: true, format: WEBP) { url width height }"
HERO_IMAGE = "rendition(width: 1200, height: 480, fill: true, format: WEBP) { url width height }"

QUERIES = {
    "home": """query Home($locale: String) {
  home(locale: $locale) {
    title url
    ... on HomePage {
      heroTitle heroText
      heroImage { alt %(hero)s }
      featuredGuides { title url }
      featuredStories { title url }
      featuredOffers { title code validTo }
    }
  }
}""" % {"hero": HERO_IMAGE},
    "gift_guide": """query Guide($path: String!, $locale: String) {
  page(path: $path, locale: $locale) {
    title url
    ... on GiftGuidePage {
      intro recipient occasion budget { amount currency }
      heroImage { alt %(hero)s }
      sections { ... on GuideSectionBlock { title intro picks { note product {
        sku name brand price { amount currency }
        images { alt image { %(card)s } }
      } } } }
    }
  }
}""" % {"hero": HERO_IMAGE, "card": CARD_IMAGE},
    "story": """query Story($path: String!, $locale: String) {
  page(path: $path, locale: $locale) {
    title url
    ... on ProductStoryPage {
      standfirst
      heroImage { alt %(hero)s }
      body {
        __typename
        ... on HeadingBlock { text level }
        ... on ParagraphBlock { html }
        ... on ImageBlock { alt caption image { %(card)s } }
        ... on QuoteBlock { quote attribution }
        ... on VideoBlock { url embedUrl provider }
        ... on ProductCalloutBlock { text product { sku name price { amount currency } } }
        ... on TimelineBlock { title steps { when title place description } }
      }
      relatedProducts { sku name price { amount currency } }
      relatedStores { title url }
    }
  }
}""" % {"hero": HERO_IMAGE, "card": CARD_IMAGE},
    "store_page": """query Store($slug: String!, $locale: String) {
  store(slug: $slug, locale: $locale) {
    title url phone email
    address { street postalCode city region country { code } }
    location { latitude longitude }
    services { code name }
    openingHours { weekday opens closes closesNextDay }
  }
}""",
    "stores_50": """query Stores($locale: String) {
  stores(locale: $locale, first: 50) {
    totalCount
    edges { node {
      title url
      address { street postalCode city country { code } }
      location { latitude longitude }
      openingHours { weekday opens closes closesNextDay }
    } }
  }
}""",
    "nearby_stores": """query Nearby($near: GeoPointInput!, $radius: Float, $locale: String) {
  stores(near: $near, radiusKm: $radius, locale: $locale, first: 10) {
    edges { distanceKm node { title url address { street city } } }
  }
}""",
    "availability": """query Availability($sku: String!, $near: GeoPointInput!, $radius: Float, $locale: String) {
  product(sku: $sku, locale: $locale) {
    sku name
    availability(near: $near, radiusKm: $radius, first: 10) {
      store { title url } distanceKm quantity band clickAndCollect pickupEstimate
    }
  }
}""",
    "search": """query Search($text: String!, $locale: String) {
  search(query: $text, types: [PAGE, STORE], locale: $locale, first: 10) {
    totalCount
    edges { node { ... on Page { title url } } highlights { field fragments } }
  }
}""",
}


def variables(read, context):
    near = {"latitude": POINT[0], "longitude": POINT[1]}
    return {
        "home": {},
        "gift_guide": {"path": context.relative(context.guide_url_path)},
        "story": {"path": context.relative(context.story_url_path)},
        "store_page": {"slug": context.store_url_path.rstrip("/").rsplit("/", 1)[-1]},
        "stores_50": {},
        "nearby_stores": {"near": near, "radius": RADIUS_KM},
        "availability": {"sku": context.product_sku, "near": near, "radius": RADIUS_KM},
        "search": {"text": SEARCH_TEXT},
    }[read] | {"locale": LOCALE}


def targets(context):
    """Read name → GET path of /graphql."""
    import json

    return {
        read: "/graphql?" + urlencode({"query": query, "variables": json.dumps(variables(read, context))})
        for read, query in QUERIES.items()
    }
