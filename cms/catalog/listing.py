"""Which products and categories shoppers see, and how product lists are filtered."""

from cms.catalog.models import Category, Product


def shopper_products(locale):
    """Published, active products of a language."""
    return Product.objects.filter(locale=locale, live=True, is_active=True)


def shopper_categories(locale):
    return Category.objects.filter(locale=locale, live=True)


def category_and_descendant_ids(category):
    """Ids of ``category`` and every category below it (one query for the language's tree)."""
    children = {}
    for pk, parent_id in Category.objects.filter(locale_id=category.locale_id).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, pending = [], [category.pk]
    while pending:
        pk = pending.pop()
        if pk in found:
            continue
        found.append(pk)
        pending.extend(children.get(pk, []))
    return found


def filter_products(products, category=None, brand=None, skus=None, price_min=None, price_max=None):
    if category is not None:
        products = products.filter(category_id__in=category_and_descendant_ids(category))
    if brand:
        products = products.filter(brand__iexact=brand)
    if skus is not None:
        products = products.filter(sku__in=skus)
    if price_min is not None:
        products = products.filter(price__gte=price_min)
    if price_max is not None:
        products = products.filter(price__lte=price_max)
    return products
