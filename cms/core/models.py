"""The home page, section pages and the site-wide settings (navigation, footer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from cms.offers.models import Offer

from .blocks import (
    RICH_TEXT_FEATURES,
    FooterColumnBlock,
    LinkBlock,
    LocalizedPageChooserBlock,
    LocalizedSnippetChooserBlock,
)
from .fields import optional_image
from .panels import PAGE_SETTINGS_PANELS, ContentChecksPanel, UniqueRowsInlinePanel
from .content_version import ContentVersion  # noqa: F401 (a model of this app)
from .documents import ProtectedDocument  # noqa: F401 (a model of this app)
from .preview import HeadlessPreviewMixin, PagePreview  # noqa: F401 (PagePreview: a model of this app)


class HomePage(HeadlessPreviewMixin, Page):
    hero_title = models.CharField(
        _("hero title"), max_length=120, blank=True, help_text=_("Large headline; the page title if empty.")
    )
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_image = optional_image(_("hero image"))
    featured_guides = StreamField(
        [("guide", LocalizedPageChooserBlock(page_type="guides.GiftGuidePage", label=_("Gift guide")))],
        blank=True,
        max_num=12,
        verbose_name=_("featured gift guides"),
        help_text=_("Gift guides shown on the home page, in this order."),
    )
    featured_stories = StreamField(
        [("story", LocalizedPageChooserBlock(page_type="stories.ProductStoryPage", label=_("Product story")))],
        blank=True,
        max_num=12,
        verbose_name=_("featured product stories"),
        help_text=_("Product stories shown on the home page, in this order."),
    )
    featured_offers = StreamField(
        [("offer", LocalizedSnippetChooserBlock("offers.Offer", label=_("Offer")))],
        blank=True,
        max_num=12,
        verbose_name=_("featured offers"),
        help_text=_("Offers shown on the home page while they are valid."),
    )

    content_panels = Page.content_panels + [
        ContentChecksPanel(),
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")], heading=_("Hero")),
        FieldPanel("featured_guides"),
        FieldPanel("featured_stories"),
        FieldPanel("featured_offers"),
    ]
    settings_panels = PAGE_SETTINGS_PANELS
    search_fields = Page.search_fields + [index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    template = "core/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def shown_guides(self):
        return live_pages(self.featured_guides)

    def shown_stories(self):
        return live_pages(self.featured_stories)

    def shown_offers(self, moment=None):
        """The featured offers shoppers can use at ``moment`` (now): published and valid."""
        offers = [block.value for block in self.featured_offers if block.value is not None]
        usable = set(
            Offer.objects.filter(pk__in=[offer.pk for offer in offers], live=True)
            .valid_at(moment)
            .values_list("pk", flat=True)
        )
        return [offer for offer in offers if offer.pk in usable]


def live_pages(stream):
    """The pages chosen in a stream of page choosers that shoppers can open, in order: one
    query of the choosers' page type by the stored ids (the chosen pages themselves are not
    loaded first)."""
    chosen = [block["value"] for block in stream.raw_data if block["value"] is not None]
    page_types = {child.target_model for child in stream.stream_block.child_blocks.values()}
    page_type = page_types.pop() if len(page_types) == 1 else Page
    shown = page_type.objects.filter(pk__in=chosen).live().public()
    shown = (shown if page_type is not Page else shown.specific()).in_bulk()
    return [shown[pk] for pk in chosen if pk in shown]


class SectionPage(HeadlessPreviewMixin, Page):
    """A listing of the pages below it: gift guides, stories, return policies."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [ContentChecksPanel(), FieldPanel("intro")]
    settings_panels = PAGE_SETTINGS_PANELS
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["guides.GiftGuidePage", "stories.ProductStoryPage", "policies.ReturnPolicyPage"]
    template = "core/section_page.html"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.get_children().live().public().specific()
        return context


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    primary_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("main menu links"),
        help_text=_("The main menu, in order. Page links follow the shopper's language."),
    )

    panels = [FieldPanel("primary_links")]

    class Meta:
        verbose_name = _("navigation")
        verbose_name_plural = _("navigation")


def footer_columns_field():
    return StreamField([("column", FooterColumnBlock())], blank=True, verbose_name=_("columns"))


def footer_legal_text_field():
    return RichTextField(
        _("legal text"), blank=True, features=["bold", "italic", "link"], help_text=_("Company and VAT details.")
    )


@register_setting(icon="list-ul")
class FooterSettings(ClusterableModel, BaseSiteSetting):
    """One footer per site; its columns and legal text may have a version per language
    (``translations``), since a site setting itself is not translatable."""

    columns = footer_columns_field()
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    legal_text = footer_legal_text_field()

    panels = [
        FieldPanel("columns"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Customer service")),
        FieldPanel("legal_text"),
        UniqueRowsInlinePanel(
            "translations",
            heading=_("In other languages"),
            label=_("Language"),
            unique_message=_("Each language has one version of the footer: two of these name the same language."),
            help_text=_(
                "Columns and legal text for shoppers reading the site in another language. "
                "A language without its own uses the columns and legal text above."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("footer")
        verbose_name_plural = _("footer")

    def in_language(self, locale):
        """What shoppers reading ``locale`` see of the columns and legal text: its own
        version when the footer has one, else the footer's."""
        return next((version for version in self.translations.all() if version.locale_id == locale.pk), self)

    def in_active_language(self):
        """``in_language`` for the language of the page being rendered (templates)."""
        return self.in_language(Locale.get_active())


class FooterTranslation(Orderable):
    footer = ParentalKey(FooterSettings, on_delete=models.CASCADE, related_name="translations")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+", verbose_name=_("language"))
    columns = footer_columns_field()
    legal_text = footer_legal_text_field()

    panels = [FieldPanel("locale"), FieldPanel("columns"), FieldPanel("legal_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer in another language")
        verbose_name_plural = _("footer in other languages")
        constraints = [
            models.UniqueConstraint(fields=["footer", "locale"], name="one_footer_version_per_language"),
        ]
