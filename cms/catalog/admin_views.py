"""The catalog's admin listings, choosers and filters at chain scale (100,000 products,
2,000,000 stock levels): what an editor types finds products through the product table's own
columns (the SKU prefix on its index, the name and brand in the database), never through
Wagtail's search index ranked in Python; a category's path costs one query per page, not a
query per row and level; stock levels are listed in the order of an index and filtered by
store or product with a chooser instead of a list of every store. Wired in wagtail_hooks.py.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import SearchFilterMixin
from wagtail.admin.views.generic import IndexView
from wagtail.models import Revision
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.widgets import AdminSnippetChooser

from cms.core.choosers import SnippetChooseResultsView, SnippetChooserViewSet, SnippetChooseView
from cms.stores.choosers import store_chooser_viewset
from cms.stores.models import StorePage

from .models import Category, Product, StockLevel

#: At most this many products or stores stand for a stock level search's words.
STOCK_SEARCH_MATCHES = 500


def product_search(text):
    """Products whose SKU starts with ``text`` (as typed or in capitals: an indexed prefix on
    PostgreSQL), whose GTIN is ``text``, or whose name or brand holds every word of it."""
    text = text.strip()
    if not text:
        return Q()
    words = Q()
    for word in text.split():
        words &= Q(name__icontains=word) | Q(brand__icontains=word)
    return Q(sku__startswith=text) | Q(sku__startswith=text.upper()) | Q(gtin=text) | words


def stock_level_search(text):
    """Stock levels of the products (``product_search``) or stores (by title or city) that
    ``text`` names, each side cut at ``STOCK_SEARCH_MATCHES`` so that the stock table is read
    through its product and store indexes."""
    text = text.strip()
    if not text:
        return Q()
    product_ids = list(Product.objects.filter(product_search(text)).values_list("pk", flat=True)[:STOCK_SEARCH_MATCHES])
    store_words = Q()
    for word in text.split():
        store_words &= Q(title__icontains=word) | Q(city__icontains=word)
    store_ids = list(StorePage.objects.filter(store_words).values_list("pk", flat=True)[:STOCK_SEARCH_MATCHES])
    return Q(product_id__in=product_ids) | Q(store_id__in=store_ids)


def category_paths():
    """Every category's path ("Home › Kitchen › Coffee") by primary key, in one query."""
    rows = {pk: (parent_id, name) for pk, parent_id, name in Category.objects.values_list("pk", "parent_id", "name")}
    paths = {}
    for pk in rows:
        chain, node, seen = [], pk, set()
        while node in rows and node not in seen:
            seen.add(node)
            parent_id, name = rows[node]
            chain.append(name)
            node = parent_id
        paths[pk] = " › ".join(reversed(chain))
    return paths


def remember_paths(categories):
    """Gives each of ``categories`` its path, so that ``str()`` does not walk its parents."""
    categories = [category for category in categories if category is not None]
    if categories:
        paths = category_paths()
        for category in categories:
            category.known_path = paths.get(category.pk)


def remember_scheduled_revisions(objects):
    """Gives each of ``objects`` (snippets with drafts) its scheduled revision, or None, read
    in one query: the listing's status tag asks every draft for it."""
    objects = list(objects)
    if not objects:
        return
    scheduled = {}
    revisions = Revision.objects.filter(
        base_content_type=objects[0].get_base_content_type(),
        object_id__in=[str(obj.pk) for obj in objects],
        approved_go_live_at__isnull=False,
    ).order_by("-pk")
    for revision in revisions:  # the oldest last, as DraftStateMixin.scheduled_revision takes it
        scheduled[revision.object_id] = revision
    for obj in objects:
        obj.scheduled_revision = scheduled.get(str(obj.pk))


class SnippetListingView(SnippetIndexView):
    """A snippet listing whose rows cost no query each: their language, latest and scheduled
    revisions are read with the page; ``remember_rows`` adds what a listing shows besides."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("locale", "latest_revision")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        remember_scheduled_revisions(page.object_list)
        self.remember_rows(page.object_list)
        return paginator, page, object_list, is_paginated

    def remember_rows(self, rows):
        pass


class CategoryChoiceField(django_filters.fields.ModelChoiceField):
    """Categories named by their path, all paths read in one query."""

    def label_from_instance(self, obj):
        if not hasattr(self, "_paths"):
            self._paths = category_paths()
        return self._paths.get(obj.pk) or str(obj)


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


# Products ----------------------------------------------------------------------------------


class ProductSearchFilter(forms.Form):
    """The product chooser's search box, answered by ``product_search``."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Name, brand, SKU or GTIN")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        search_query = self.cleaned_data.get("q")
        if search_query:
            objects = objects.filter(product_search(search_query))
            self.is_searching = True
            self.search_query = search_query
        return objects


class ProductSearchInChooser:
    """For the product chooser's views: ``ProductSearchFilter`` instead of Wagtail's search."""

    def get_filter_form_class(self):
        bases = super().get_filter_form_class().__bases__
        bases = tuple(ProductSearchFilter if base is SearchFilterMixin else base for base in bases)
        return type("FilterForm", bases, {})


class ProductChooseView(ProductSearchInChooser, SnippetChooseView):
    pass


class ProductChooseResultsView(ProductSearchInChooser, SnippetChooseResultsView):
    pass


class ProductChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProductChooseView
    choose_results_view_class = ProductChooseResultsView


class ProductFilterSet(WagtailFilterSet):
    category = CategoryFilter(queryset=Category.objects.all(), label=_("category"))

    class Meta:
        model = Product
        fields = ["is_active", "live", "locale", "category", "currency"]


class ProductIndexView(SnippetListingView):
    """Searched by ``product_search``; each row's category named without a query of its own."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("category")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(product_search(self.search_query))

    def remember_rows(self, rows):
        remember_paths(product.category for product in rows)


class CategoryFilterSet(WagtailFilterSet):
    parent = CategoryFilter(queryset=Category.objects.all(), label=_("parent category"))

    class Meta:
        model = Category
        fields = ["locale", "live", "parent"]


class CategoryIndexView(SnippetListingView):
    def remember_rows(self, rows):
        remember_paths(rows)


# Stock levels ------------------------------------------------------------------------------


class StockLevelFilterSet(WagtailFilterSet):
    """Store and product chosen in a chooser modal (search, pagination), not from a list of
    10,000 stores."""

    store = django_filters.ModelChoiceFilter(
        queryset=StorePage.objects.all(), widget=store_chooser_viewset.widget_class, label=_("store")
    )
    product = django_filters.ModelChoiceFilter(
        queryset=Product.objects.all(), widget=AdminSnippetChooser(Product), label=_("product")
    )

    class Meta:
        model = StockLevel
        fields = ["store", "product"]


class StockLevelIndexView(IndexView):
    """Ordered as the (product, store) index; product and store read with each row;
    searched by ``stock_level_search``."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("product", "store")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(stock_level_search(self.search_query))
