"""Benchmark pages on top of the demo (and scale) data: a gift guide with 24 product cards
and copies of it and of a demo story, so the site has a few hundred content pages.

Idempotent: pages already there (by slug) are kept.
"""

from wagtail.models import Site

from cms.catalog.models import Product
from cms.guides.models import GiftGuidePage

from .workload import GUIDE_PICKS, GUIDE_SLUG, LOCALE, STORY_SLUG

STORY_TEMPLATE_SLUG = "from-grove-to-bottle"  # demo story with every body block type


def ensure_bench_content(guides=150, stories=150, write=print):
    home = Site.objects.get(is_default_site=True).root_page
    guide_index = home.get_children().get(slug="gift-guides")
    story_index = home.get_children().get(slug="stories")
    guide = ensure_guide(guide_index)
    story_template = story_index.get_children().get(slug=STORY_TEMPLATE_SLUG).specific
    created = 0
    created += copies(guide, guide_index, "bench-gift-guide-{:03}", "Bench gift guide {}", guides - 1, write)
    created += copies(story_template, story_index, "bench-story-{:03}", "Bench story {}", stories, write)
    return created


def ensure_guide(index):
    """The gift guide with ``GUIDE_PICKS`` product cards: two sections of products that have
    images, cheapest first."""
    existing = index.get_children().filter(slug=GUIDE_SLUG).first()
    if existing:
        return existing.specific
    products = list(
        Product.objects.filter(locale__language_code=LOCALE, is_active=True, images__isnull=False)
        .distinct().order_by("price", "sku")[:GUIDE_PICKS]
    )
    if len(products) < GUIDE_PICKS:
        raise SystemExit(f"Only {len(products)} products with images; the benchmark needs {GUIDE_PICKS}.")
    half = GUIDE_PICKS // 2
    sections = [
        ("section", {"title": title, "intro": f"{title}: picks for the benchmark.",
                     "picks": [{"product": product, "note": f"Why {product.name} makes a good gift."}
                               for product in chunk]})
        for title, chunk in (("Under the tree", products[:half]), ("Stocking fillers", products[half:]))
    ]
    template = index.get_children().type(GiftGuidePage).live().first().specific
    guide = GiftGuidePage(
        title="Benchmark gift guide", slug=GUIDE_SLUG, intro=template.intro, hero_image=template.hero_image,
        recipient=template.recipient, occasion=template.occasion, budget_currency="EUR", sections=sections,
    )
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def copies(page, parent, slug_pattern, title_pattern, count, write):
    """Live copies of ``page`` below ``parent`` with numbered slugs; returns how many were made."""
    existing = set(parent.get_children().values_list("slug", flat=True))
    made = 0
    for number in range(1, count + 1):
        slug = slug_pattern.format(number)
        if slug in existing:
            continue
        page.copy(to=parent, update_attrs={"slug": slug, "title": title_pattern.format(number)},
                  copy_revisions=False, keep_live=True, log_action=None)
        made += 1
        if made % 50 == 0:
            write(f"  {made} benchmark pages copied")
    return made
