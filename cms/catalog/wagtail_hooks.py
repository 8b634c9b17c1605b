from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Category, Product, StockLevel


# Snippet listings search through the model's search index (Wagtail's search backend).
# A viewset's ``search_fields`` would restrict that search to named fields, which the
# SQLite database backend cannot do (the listing fails), so the models' own
# ``search_fields`` (with AutocompleteFields for what editors type) decide what matches.


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    list_display = ["name", "sku", "brand", "category", "price", "currency", "is_active", "locale", "live"]
    list_filter = ["is_active", "live", "locale", "category", "currency"]
    list_export = ["sku", "gtin", "name", "brand", "category", "price", "currency", "is_active", "shop_url"]
    ordering = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["__str__", "slug", "locale", "live"]
    list_filter = ["locale", "live", "parent"]


class StockLevelViewSet(ModelViewSet):
    """Stock as reported by the store systems; editable for corrections."""

    model = StockLevel
    icon = "clipboard-list"
    menu_label = "Stock levels"
    list_display = ["product", "store", "quantity", "source_updated_at", "updated_at"]
    list_filter = ["store"]
    search_fields = ["product__sku", "product__name", "store__title"]
    ordering = ["product__sku"]


class CatalogGroup(SnippetViewSetGroup):
    menu_label = "Catalog"
    menu_icon = "tag"
    menu_order = 200
    items = (ProductViewSet, CategoryViewSet)


register_snippet(CatalogGroup)


@hooks.register("register_admin_viewset")
def register_stock_level_viewset():
    return StockLevelViewSet("stock_levels")
