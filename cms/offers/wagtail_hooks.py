from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms.core.choosers import SnippetViewSet
from cms.core.columns import live_status

from .models import Offer


class OfferViewSet(SnippetViewSet):
    model = Offer
    icon = "pick"
    menu_label = _("Offers")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["title", "code", "channel", "valid_from", "valid_to", "locale", live_status()]
    list_filter = ["channel", "locale", "live", "applies_to_all_stores"]
    # Listing search uses the model's search index (see cms/catalog/wagtail_hooks.py).


register_snippet(OfferViewSet)
