"""Catalog: categories, products and the stock level of each product in each store.

Stock belongs to the physical store and product, so it is recorded against the store
page and product of the default locale; translations share their ``translation_key``
(stores) and SKU (products) with it.
"""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.fields import optional_image
from cms.core.panels import ContentChecksPanel, ZonedPublishingPanel
from cms.core.snippets import EditorialSnippet
from cms.core.validators import currency_choices, validate_code, validate_gtin
from cms.core.widgets import localized_snippet_chooser


class Category(EditorialSnippet):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent category"),
        help_text=_("Leave empty for a top-level category."),
    )
    description = models.TextField(_("description"), blank=True, max_length=1000)
    image = optional_image(_("image"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="category")

    preview_template = "catalog/previews/category.html"
    panels = [
        ContentChecksPanel(),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("image"),
        ZonedPublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale"),
        index.FilterField("parent"),
    ]

    class Meta(EditorialSnippet.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug_per_locale")]

    def __str__(self):
        return " › ".join(category.name for category in self.ancestors_and_self())

    def ancestors_and_self(self):
        chain, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def clean(self):
        super().clean()
        node = self.parent
        while node is not None:
            if self.pk is not None and node.pk == self.pk:
                raise ValidationError({"parent": _("A category cannot be inside itself or one of its subcategories.")})
            node = node.parent


class Product(EditorialSnippet, ClusterableModel):
    sku = models.CharField(
        _("SKU"),
        max_length=64,
        validators=[validate_code],
        db_index=True,
        help_text=_("Stock keeping unit, unique per language; translations keep the same SKU."),
    )
    gtin = models.CharField(
        _("GTIN / barcode"),
        max_length=14,
        blank=True,
        validators=[validate_gtin],
        help_text=_("EAN-8, UPC-A, EAN-13 or GTIN-14."),
    )
    name = models.CharField(_("name"), max_length=200)
    brand = models.CharField(_("brand"), max_length=100, blank=True, db_index=True)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, choices=currency_choices, default="EUR")
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="products",
        verbose_name=_("category"),
    )
    shop_url = models.URLField(
        _("online shop link"), blank=True, help_text=_("Where shoppers can buy the product online.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        db_index=True,
        help_text=_("Inactive products are hidden from shoppers and cannot be picked in guides or stories."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="product")

    preview_template = "catalog/previews/product.html"
    panels = [
        ContentChecksPanel(),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("sku"), FieldPanel("gtin")]),
        FieldRowPanel([FieldPanel("brand"), FieldPanel("category", widget=localized_snippet_chooser(Category))]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("price"), FieldPanel("currency")])], heading=_("Price")),
        FieldPanel("description"),
        FieldPanel("shop_url"),
        FieldPanel("is_active"),
        InlinePanel("images", heading=_("Images")),
        ZonedPublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("sku_search_text", boost=4),
        index.AutocompleteField("sku_search_text"),
        index.SearchField("gtin"),
        index.SearchField("brand", boost=2),
        index.AutocompleteField("brand"),
        index.SearchField("description"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("locale"),
        index.FilterField("is_active"),
        index.FilterField("brand"),
        index.FilterField("category"),
        index.FilterField("price"),
    ]

    class Meta(EditorialSnippet.Meta):
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["sku", "locale"], name="unique_product_sku_per_locale")]

    def __str__(self):
        return f"{self.name} ({self.sku})"

    def sku_search_text(self):
        """The SKU, and again split at its separators: PostgreSQL's text search reads the
        "-3" of "MOKA-3" as a negative number, so "moka-3" would not find it otherwise."""
        return f"{self.sku} {re.sub(r'[-_.]+', ' ', self.sku)}"


class ProductImage(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("alt text"), max_length=200, blank=True, help_text=_("Leave empty to use the image's description.")
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("product image")
        verbose_name_plural = _("product images")


class StockLevel(models.Model):
    """How many units of a product a store holds, as last reported by the store's system."""

    store = models.ForeignKey(
        "stores.StorePage", on_delete=models.CASCADE, related_name="stock_levels", verbose_name=_("store")
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="stock_levels", verbose_name=_("product")
    )
    quantity = models.PositiveIntegerField(_("quantity"), help_text=_("Units on hand, as an absolute number."))
    source_updated_at = models.DateTimeField(
        _("measured at"),
        help_text=_("When the store system measured this quantity; an older report never overwrites a newer one."),
    )
    updated_at = models.DateTimeField(_("received at"), auto_now=True)

    panels = [FieldPanel("store"), FieldPanel("product"), FieldPanel("quantity"), FieldPanel("source_updated_at")]

    class Meta:
        verbose_name = _("stock level")
        verbose_name_plural = _("stock levels")
        constraints = [models.UniqueConstraint(fields=["store", "product"], name="unique_stock_per_store_product")]
        indexes = [models.Index(fields=["product", "store"], name="stock_product_store_idx")]

    def __str__(self):
        return f"{self.product.sku} @ {self.store.title}: {self.quantity}"

    def clean(self):
        super().clean()
        from wagtail.models import Locale

        default_locale = Locale.get_default()
        errors = {}
        if self.store_id and self.store.locale_id != default_locale.pk:
            errors["store"] = _("Record stock against the store page in the default language (%(locale)s).") % {
                "locale": default_locale.language_code
            }
        if self.product_id and self.product.locale_id != default_locale.pk:
            errors["product"] = _("Record stock against the product in the default language (%(locale)s).") % {
                "locale": default_locale.language_code
            }
        if errors:
            raise ValidationError(errors)


class StockApiKey(models.Model):
    """A credential for a store system (POS/ERP) to send stock levels.

    The key is shown once when it is created; only its prefix (to find it) and a SHA-256
    digest of the whole key are stored (see ``cms/catalog/ingestion_keys.py``).
    """

    name = models.CharField(
        _("name"), max_length=100, help_text=_("Who uses this key, e.g. “POS Milano” or “ERP nightly export”.")
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(_("secret hash"), max_length=64, editable=False)
    all_stores = models.BooleanField(
        _("all stores"),
        default=False,
        help_text=_("May write the stock of every store. Otherwise only the stores chosen below."),
    )
    stores = models.ManyToManyField(
        "stores.StorePage",
        blank=True,
        related_name="+",
        verbose_name=_("stores"),
        help_text=_("The stores (in the default language) whose stock this key may write."),
    )
    is_active = models.BooleanField(
        pgettext_lazy("key", "active"), default=True, help_text=_("Inactive keys are refused.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("stock API key")
        verbose_name_plural = _("stock API keys")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class StockIngestionBatch(models.Model):
    """The first response to a batch, kept under its idempotency key so a repeat returns it."""

    client = models.CharField(max_length=40, help_text=_("Whose idempotency keys: “key:<id>” for an API key."))
    idempotency_key = models.CharField(max_length=200)
    payload_hash = models.CharField(max_length=64)
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "idempotency_key"], name="unique_stock_batch_idempotency_key")
        ]

    def __str__(self):
        return f"{self.client} {self.idempotency_key}"
