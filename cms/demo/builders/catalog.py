"""Categories, products (with images) and the stock of each product in each store."""

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from cms.catalog.models import Category, Product, ProductImage, StockLevel
from cms.core.validators import gtin_check_digit
from cms.demo.data import SEED, SHOP_URL
from cms.demo.data.catalog import INACTIVE_SHARE, PRODUCT_LINES, SUBCATEGORIES, TOP_CATEGORIES
from cms.demo.images import SQUARE, ImageSpec

from .base import snippet_translation

GTIN_PREFIX = "8054321"  # GS1 Italy (80) and a company prefix; 5 digits of item reference follow
CATEGORY_PALETTES = {
    "kitchen": "terracotta", "pantry": "olive", "home": "sage", "stationery": "ink",
    "accessories": "leather", "beauty": "rose", "kids": "amber",
}
# Share of the active range each kind of store carries.
RANGE_BY_KIND = {"flagship": 0.95, "city": 0.75, "late": 0.6, "mall": 0.7, "bottega": 0.45}
STOCK_BATCH_SIZE = 2000


@dataclass(frozen=True)
class ProductSpec:
    """One product to create: a product line in one variant."""

    line: object
    variant: tuple
    number: int  # position in the catalog, for the GTIN

    @property
    def sku(self):
        code = self.variant[0]
        return f"BL-{self.line.code}-{code}" if code else f"BL-{self.line.code}"

    @property
    def gtin(self):
        body = f"{GTIN_PREFIX}{self.number:05d}"
        return f"{body}{gtin_check_digit(body)}"

    def name(self, language):
        base = self.line.name_en if language == "en" else self.line.name_it
        label = self.variant[1] if language == "en" else self.variant[2]
        return f"{base}, {label}" if label else base

    @property
    def price(self):
        factor = self.variant[3]
        if factor == 1:
            return Decimal(str(self.line.price)).quantize(Decimal("0.01"))
        return Decimal(math.floor(self.line.price * factor)) + Decimal("0.90")


def product_specs():
    specs, number = [], 0
    for line in PRODUCT_LINES:
        for variant in line.variants:
            number += 1
            specs.append(ProductSpec(line, variant, number))
    return specs


def inactive_skus(specs):
    """A few discontinued variants (never the first variant of a line, which guides and
    stories use)."""
    rng = random.Random(f"{SEED}-inactive")
    candidates = [spec.sku for spec in specs if spec.variant is not spec.line.variants[0]]
    return set(rng.sample(candidates, max(1, round(len(specs) * INACTIVE_SHARE))))


def build_categories(context):
    context.report.step("Categories")
    english = {category.slug: category for category in Category.objects.filter(locale=context.en)}
    italian = {category.translation_key: category for category in Category.objects.filter(locale=context.it)}
    parents = {}
    # Top-level categories have a description; subcategories carry a care note for their
    # products' descriptions instead.
    rows = [(None, slug, name, slug_it, name_it, text, text_it)
            for slug, name, slug_it, name_it, text, text_it in TOP_CATEGORIES]
    rows += [(parent, slug, name, slug_it, name_it, "", "")
             for parent, slug, name, slug_it, name_it, _care, _care_it in SUBCATEGORIES]
    for parent_slug, slug, name, slug_it, name_it, description, description_it in rows:
        parent = parents.get(parent_slug)
        category = english.get(slug)
        if category is None:
            image = None
            if parent is None:
                image = context.images.get(ImageSpec(
                    title=f"Category: {name}", description=name, palette=CATEGORY_PALETTES[slug], motif="arches",
                ))
            category = Category(name=name, slug=slug, parent=parent and parent["en"], description=description,
                                image=image, locale=context.en, live=True)
            category.save()
            context.report.count("categories", created=1)
        else:
            context.report.count("categories", existing=1)
        translation = italian.get(category.translation_key)
        if translation is None:
            translation = snippet_translation(context, category, {
                "name": name_it, "slug": slug_it, "description": description_it,
                "parent": parent and parent["it"],
            })
            translation.save()
            context.report.count("categories", created=1)
        else:
            context.report.count("categories", existing=1)
        parents[slug] = {"en": category, "it": translation}
    context.categories = parents
    context.report.done("categories")


def build_products(context):
    specs = product_specs()
    context.report.step(f"Products ({len(specs)} in English and Italian)")
    inactive = inactive_skus(specs)
    english = {product.sku: product for product in Product.objects.filter(locale=context.en)}
    new = []
    for spec in specs:
        if spec.sku in english:
            context.report.count("products", existing=1)
            continue
        product = Product(
            sku=spec.sku,
            gtin=spec.gtin,
            name=spec.name("en"),
            brand=spec.line.brand,
            description=_description(spec, "en"),
            price=spec.price,
            currency="EUR",
            category=context.categories[spec.line.category]["en"],
            shop_url=f"{SHOP_URL}/en/p/{spec.sku.lower()}",
            is_active=spec.sku not in inactive,
            locale=context.en,
            live=True,
        )
        new.append(product)
        english[spec.sku] = product
    Product.objects.bulk_create(new)
    context.index.record_all(new)
    context.report.count("products", created=len(new))

    translated_keys = {product.translation_key: product for product in Product.objects.filter(locale=context.it)}
    new_translations = []
    for spec in specs:
        original = english[spec.sku]
        translation = translated_keys.get(original.translation_key)
        if translation is None:
            translation = snippet_translation(context, original, {
                "name": spec.name("it"),
                "description": _description(spec, "it"),
                "category": context.categories[spec.line.category]["it"],
                "shop_url": f"{SHOP_URL}/it/p/{spec.sku.lower()}",
            })
            new_translations.append(translation)
        else:
            context.report.count("products", existing=1)
        context.products[spec.sku] = {"en": original, "it": translation, "spec": spec}
        context.product_lines.setdefault(spec.line.code, []).append(spec.sku)
    Product.objects.bulk_create(new_translations)
    context.index.record_all(new_translations)
    context.report.count("products", created=len(new_translations))
    context.report.done("products")
    _add_product_images(context, specs)


def _description(spec, language):
    care = next(row for row in SUBCATEGORIES if row[1] == spec.line.category)
    pitch, note = (spec.line.pitch_en, care[5]) if language == "en" else (spec.line.pitch_it, care[6])
    return f"<p>{pitch}</p><p>{note}</p>"


def _add_product_images(context, specs):
    context.report.step("Product images")
    with_images = set(ProductImage.objects.values_list("product_id", flat=True))
    line_images = {}
    rows = []
    for spec in specs:
        products = context.products[spec.sku]
        missing = [language for language in ("en", "it") if products[language].pk not in with_images]
        if not missing:
            context.report.count("product images", existing=2)
            continue
        line = spec.line
        if line.code not in line_images:
            top = next(row[0] for row in SUBCATEGORIES if row[1] == line.category)
            line_images[line.code] = context.images.get(ImageSpec(
                title=f"{line.name_en} ({line.brand})", description=line.name_en, palette=CATEGORY_PALETTES[top],
                motif=("circles", "stripes", "arches", "dots")[len(line_images) % 4], size=SQUARE,
                caption=line.name_en, kicker=line.brand.upper(),
            ))
        for language in missing:
            rows.append(ProductImage(product=products[language], image=line_images[line.code],
                                     alt_text=spec.name(language), sort_order=0))
    ProductImage.objects.bulk_create(rows)
    context.report.count("product images", created=len(rows))
    context.report.done("product images")


def build_stock(context):
    context.report.step("Stock levels")
    existing = set(StockLevel.objects.values_list("store_id", "product_id"))
    now = timezone.now().replace(microsecond=0)
    products = [entry["en"] for entry in context.products.values()]
    rows, kept = [], 0
    for title, pages in context.stores.items():
        store, data = pages["en"], pages["data"]
        rng = random.Random(f"{SEED}-stock-{title}")
        carried = RANGE_BY_KIND[data.kind]
        for product in products:
            # Draw the same numbers whether or not the row exists, so a partial load
            # completes to the same stock as a fresh one.
            carries, quantity, minutes_ago = rng.random() < carried, _quantity(rng), rng.randrange(5, 720)
            if not (carries and product.is_active):
                continue
            if (store.pk, product.pk) in existing:
                kept += 1
                continue
            rows.append(StockLevel(
                store=store, product=product, quantity=quantity,
                source_updated_at=now - datetime.timedelta(minutes=minutes_ago),
            ))
    StockLevel.objects.bulk_create(rows, batch_size=STOCK_BATCH_SIZE)
    context.report.count("stock levels", created=len(rows), existing=kept)
    context.report.done("stock levels")


def _quantity(rng):
    roll = rng.random()
    if roll < 0.12:
        return 0  # sold out
    if roll < 0.3:
        return rng.randint(1, 3)  # running low
    return rng.randint(4, 40)
