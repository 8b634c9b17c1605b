"""Product stories: editorial pages about a product or range, its origin and making."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.catalog.models import Product
from cms.core.blocks import story_body_blocks
from cms.core.fields import optional_image
from cms.core.panels import PAGE_SETTINGS_PANELS, ContentChecksPanel
from cms.core.preview import HeadlessPreviewMixin
from cms.core.widgets import MultipleChooser, localized_snippet_chooser
from cms.stores.choosers import store_chooser_viewset


class ProductStoryPage(HeadlessPreviewMixin, Page):
    hero_image = optional_image(_("hero image"))
    standfirst = models.TextField(
        _("standfirst"),
        max_length=400, blank=True, help_text=_("One or two sentences under the title that make shoppers read on.")
    )
    body = StreamField(story_body_blocks(), verbose_name=_("body"))
    related_products = ParentalManyToManyField(
        "catalog.Product", blank=True, related_name="stories", verbose_name=_("related products")
    )
    related_stores = ParentalManyToManyField(
        "stores.StorePage", blank=True, related_name="stories", verbose_name=_("related stores")
    )

    content_panels = Page.content_panels + [
        ContentChecksPanel(),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("standfirst")], heading=_("Hero")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("related_products", widget=MultipleChooser(localized_snippet_chooser(Product))),
                FieldPanel("related_stores", widget=MultipleChooser(store_chooser_viewset.widget_class)),
            ],
            heading=_("Related"),
            help_text=_("Products the story is about and stores where shoppers can see them."),
        ),
    ]
    settings_panels = PAGE_SETTINGS_PANELS
    search_fields = Page.search_fields + [
        index.SearchField("standfirst", boost=2),
        index.SearchField("body"),
        index.RelatedFields("related_products", [index.SearchField("name"), index.SearchField("brand")]),
    ]
    parent_page_types = ["core.SectionPage", "core.HomePage"]
    subpage_types = []
    template = "stories/product_story_page.html"

    class Meta:
        verbose_name = _("product story")
        verbose_name_plural = _("product stories")
