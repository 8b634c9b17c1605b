from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms.core.choosers import SnippetViewSet
from cms.core.columns import live_status

from .choosers import store_chooser_viewset
from .models import Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "cog"
    menu_label = _("Store services")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "code", "locale", live_status()]
    list_filter = ["locale", "live"]
    # Listing search uses the model's search index (see cms/catalog/wagtail_hooks.py).


register_snippet(ServiceViewSet)


@hooks.register("register_admin_viewset")
def register_store_chooser_viewset():
    return store_chooser_viewset
