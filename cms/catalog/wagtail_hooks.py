from django import forms
from django.contrib import messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms.core.choosers import SnippetViewSet
from cms.core.columns import live_status, yes_no
from cms.core.widgets import MultipleChooser
from cms.stores.choosers import store_chooser_viewset
from cms.stores.models import StorePage

from .ingestion_keys import issue_key
from .models import Category, Product, StockApiKey, StockLevel


# Snippet listings search through the model's search index (Wagtail's search backend).
# A viewset's ``search_fields`` would restrict that search to named fields, which the
# SQLite database backend cannot do (the listing fails), so the models' own
# ``search_fields`` (with AutocompleteFields for what editors type) decide what matches.


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    list_display = [
        "name", "sku", "brand", "category", "price", "currency", yes_no(Product, "is_active"), "locale",
        live_status(),
    ]
    list_filter = ["is_active", "live", "locale", "category", "currency"]
    list_export = ["sku", "gtin", "name", "brand", "category", "price", "currency", "is_active", "shop_url"]
    ordering = ["name"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    list_display = ["__str__", "slug", "locale", live_status()]
    list_filter = ["locale", "live", "parent"]


class StockLevelViewSet(ModelViewSet):
    """Stock as reported by the store systems; editable for corrections."""

    model = StockLevel
    icon = "clipboard-list"
    menu_label = _("Stock levels")
    add_to_admin_menu = True
    menu_order = 205
    list_display = ["product", "store", "quantity", "source_updated_at", "updated_at"]
    list_filter = ["store"]
    search_fields = ["product__sku", "product__name", "store__title"]
    ordering = ["product__sku"]


class CatalogGroup(SnippetViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "tag"
    menu_order = 200
    items = (ProductViewSet, CategoryViewSet)


register_snippet(CatalogGroup)


@hooks.register("register_admin_viewset")
def register_stock_level_viewset():
    return StockLevelViewSet("stock_levels")


class StockApiKeyForm(WagtailAdminModelForm):
    """A key writes either every store or the chosen stores of the default language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default_locale = Locale.get_default()
        self.fields["stores"].queryset = StorePage.objects.filter(locale=default_locale).order_by("title")
        self.fields["stores"].widget.locale = default_locale.language_code

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("all_stores") and not cleaned_data.get("stores"):
            raise forms.ValidationError(gettext("Choose the stores this key may write, or allow all stores."))
        return cleaned_data


class StockApiKeyCreateView(generic.CreateView):
    """Creates the key's secret and shows the plain key once, in the success message; only
    its digest is stored."""

    expects_json_response = False  # the key must reach the admin as a message, not as JSON

    def form_valid(self, form):
        self.plain_key = issue_key(form.instance)
        return super().form_valid(form)

    def save_action(self):
        message = gettext("Copy the key of “%(name)s” now; it will not be shown again: %(key)s")
        messages.warning(self.request, message % {"name": self.object.name, "key": self.plain_key})
        return super().save_action()


class StockApiKeyViewSet(ModelViewSet):
    """Credentials of the store systems that send stock levels (POST /api/stock/batches)."""

    model = StockApiKey
    icon = "key"
    menu_label = _("Stock API keys")
    add_to_settings_menu = True
    add_view_class = StockApiKeyCreateView
    list_display = [
        "name", "prefix", yes_no(StockApiKey, "all_stores"), yes_no(StockApiKey, "is_active"), "created_at",
        "last_used_at",
    ]
    list_filter = ["is_active", "all_stores"]
    search_fields = ["name", "prefix"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("all_stores"),
            FieldPanel("stores", widget=MultipleChooser(store_chooser_viewset.widget_class)),
            FieldPanel("is_active"),
        ],
        base_form_class=StockApiKeyForm,
    )


@hooks.register("register_admin_viewset")
def register_stock_api_key_viewset():
    return StockApiKeyViewSet("stock_api_keys")
