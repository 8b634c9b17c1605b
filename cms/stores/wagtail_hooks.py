from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "cog"
    menu_label = "Store services"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "code", "locale", "live"]
    list_filter = ["locale", "live"]
    # Listing search uses the model's search index (see cms/catalog/wagtail_hooks.py).


register_snippet(ServiceViewSet)
