"""The store chooser: a searchable list of store pages, used for every link to stores
(registered in wagtail_hooks.py; the models' panels use its widget)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from cms.core.choosers import LabelledLocaleFilter, TranslatedChooserTexts


class StoreColumnsMixin:
    """Stores are told apart by city as well as by name."""

    ordering = ["title"]

    @property
    def columns(self):
        title, *others = super().columns
        place = [Column("city", label=_("City")), Column("country", label=_("Country"))]
        return [title, *place, *others, LiveStatusTagColumn()]


class StoreChooseView(StoreColumnsMixin, LabelledLocaleFilter, chooser_views.ChooseView):
    pass


class StoreChooseResultsView(StoreColumnsMixin, LabelledLocaleFilter, chooser_views.ChooseResultsView):
    pass


class StoreChooserViewSet(TranslatedChooserTexts, ChooserViewSet):
    """Stores are chosen from a searchable list filtered by language (and city, through the
    search), not by walking the page tree: a chain has hundreds of them. Also the chooser of
    every foreign key to a store (stock levels)."""

    model = "stores.StorePage"
    icon = "site"
    choose_one_text = _("Choose a store")
    choose_another_text = _("Choose another store")
    edit_item_text = _("Edit this store")
    per_page = 20
    choose_view_class = StoreChooseView
    choose_results_view_class = StoreChooseResultsView


store_chooser_viewset = StoreChooserViewSet("store_chooser")
