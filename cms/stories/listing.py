"""Which product stories a shopper's filters find."""


def stories_about(stories, sku):
    """Stories that name the product with ``sku`` among their related products (in any
    language: translations of a product share its SKU)."""
    return stories.filter(related_products__sku=sku).distinct()
