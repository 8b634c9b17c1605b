"""Gift guides: curated product picks for a recipient, an occasion and a budget."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.fields import optional_image
from cms.core.panels import PAGE_SETTINGS_PANELS, ContentChecksPanel
from cms.core.preview import HeadlessPreviewMixin
from cms.core.validators import currency_choices

from .blocks import GuideSectionBlock


class Recipient(models.TextChoices):
    ANYONE = "anyone", _("Anyone")
    HIM = "him", _("Him")
    HER = "her", _("Her")
    KIDS = "kids", _("Kids")
    TEENS = "teens", _("Teens")
    FAMILY = "family", _("Family")
    HOME = "home", _("The home")


class Occasion(models.TextChoices):
    ANY = "any", _("Any occasion")
    CHRISTMAS = "christmas", _("Christmas")
    BIRTHDAY = "birthday", _("Birthday")
    ANNIVERSARY = "anniversary", _("Anniversary")
    VALENTINES = "valentines", _("Valentine's Day")
    MOTHERS_DAY = "mothers-day", _("Mother's Day")
    FATHERS_DAY = "fathers-day", _("Father's Day")
    WEDDING = "wedding", _("Wedding")
    HOUSEWARMING = "housewarming", _("Housewarming")


class GiftGuidePage(HeadlessPreviewMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    hero_image = optional_image(_("hero image"))
    recipient = models.CharField(
        _("recipient"), max_length=20, choices=Recipient.choices, default=Recipient.ANYONE, db_index=True
    )
    occasion = models.CharField(
        _("occasion"), max_length=20, choices=Occasion.choices, default=Occasion.ANY, db_index=True
    )
    budget_max = models.DecimalField(
        _("budget up to"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The guide's price ceiling, e.g. 50 for “gifts under 50 EUR”. Leave empty for any budget."),
    )
    budget_currency = models.CharField(_("budget currency"), max_length=3, choices=currency_choices, default="EUR")
    sections = StreamField(
        [("section", GuideSectionBlock())],
        min_num=1,
        verbose_name=_("sections"),
        help_text=_("Sections of product picks, each with an editor's note per product."),
    )

    content_panels = Page.content_panels + [
        ContentChecksPanel(),
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("recipient"), FieldPanel("occasion")]),
                FieldRowPanel([FieldPanel("budget_max"), FieldPanel("budget_currency")]),
            ],
            heading=_("Who and what it is for"),
        ),
        FieldPanel("sections"),
    ]
    settings_panels = PAGE_SETTINGS_PANELS
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("sections"),
        index.FilterField("recipient"),
        index.FilterField("occasion"),
        index.FilterField("budget_max"),
    ]
    parent_page_types = ["core.SectionPage", "core.HomePage"]
    subpage_types = []
    template = "guides/gift_guide_page.html"

    class Meta:
        verbose_name = _("gift guide")
        verbose_name_plural = _("gift guides")

    def content_checks(self):
        """Picks over the budget, or priced in another currency: warnings, not errors (a
        guide may hold one splurge on purpose, and prices change after publishing)."""
        if self.budget_max is None:
            return []
        issues = []
        for section, product, _note in self.product_picks():
            if product is None:
                continue
            params = {
                "product": product.name,
                "section": section,
                "price": product.price,
                "currency": product.currency,
                "budget": self.budget_max,
                "budget_currency": self.budget_currency,
            }
            if product.currency != self.budget_currency:
                message = _(
                    "Section “%(section)s”: “%(product)s” is priced in %(currency)s; the budget is in %(budget_currency)s."
                )
            elif product.price > self.budget_max:
                message = _(
                    "Section “%(section)s”: “%(product)s” costs %(price)s %(currency)s, over the guide's budget of "
                    "%(budget)s %(budget_currency)s."
                )
            else:
                continue
            issues.append(message % params)
        return issues

    def product_picks(self):
        """(section title, product, note) for every pick, in the order shoppers see them."""
        return [
            (section.value["title"], pick["product"], pick["note"])
            for section in self.sections
            for pick in section.value["picks"]
        ]
