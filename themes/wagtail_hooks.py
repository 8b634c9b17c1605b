from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms.core.choosers import SnippetViewSet
from cms.core.columns import yes_no

from .models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "image"
    menu_label = _("Themes")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "site", yes_no(Theme, "is_default"), "season_start", "season_end"]
    list_filter = ["site", "is_default"]
    search_fields = ["name", "slug"]


register_snippet(ThemeViewSet)
