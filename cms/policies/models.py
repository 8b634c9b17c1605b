"""Return policies: how and when shoppers of a market can return what they bought."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES, FAQItemBlock
from cms.core.panels import PAGE_SETTINGS_PANELS, ContentChecksPanel
from cms.core.preview import HeadlessPreviewMixin

from .forms import ReturnPolicyPageForm

RETURN_DAYS_VALIDATORS = [MinValueValidator(0), MaxValueValidator(365)]


class ReturnMethod(models.TextChoices):
    IN_STORE = "in-store", _("In store")
    BY_MAIL = "by-mail", _("By mail")
    COURIER_PICKUP = "courier-pickup", _("Courier pickup")


class ReturnPolicyPage(HeadlessPreviewMixin, Page):
    summary = models.TextField(_("summary"), max_length=800, help_text=_("The policy in a few plain sentences."))
    market = CountryField(_("market"), help_text=_("The country whose shoppers this policy applies to."))
    region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("Optional: a region within the market with its own rules.")
    )
    effective_date = models.DateField(_("effective from"), help_text=_("The date from which this policy applies."))
    default_return_days = models.PositiveSmallIntegerField(
        _("days to return"),
        default=30,
        validators=RETURN_DAYS_VALIDATORS,
        help_text=_("Days shoppers have to return a purchase, unless a category below says otherwise."),
    )
    exceptions = RichTextField(
        _("exclusions"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What cannot be returned, e.g. personalised items."),
    )
    faq = StreamField([("question", FAQItemBlock())], blank=True, verbose_name=_("frequently asked questions"))

    content_panels = Page.content_panels + [
        ContentChecksPanel(),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("market"), FieldPanel("region")]), FieldPanel("effective_date")],
            heading=_("Where and from when"),
        ),
        MultiFieldPanel(
            [FieldPanel("default_return_days"), InlinePanel("return_windows", heading=_("Return window per category"))],
            heading=_("Return windows"),
        ),
        InlinePanel("return_methods", heading=_("Return methods"), min_num=1),
        FieldPanel("exceptions"),
        FieldPanel("faq"),
    ]
    base_form_class = ReturnPolicyPageForm
    settings_panels = PAGE_SETTINGS_PANELS
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("exceptions"),
        index.SearchField("faq"),
        index.FilterField("market"),
    ]
    parent_page_types = ["core.SectionPage", "core.HomePage"]
    subpage_types = []
    template = "policies/return_policy_page.html"

    class Meta:
        verbose_name = _("return policy")
        verbose_name_plural = _("return policies")

    def return_days_for(self, category):
        """Days to return a product of ``category`` (or its nearest ancestor with a window)."""
        windows = {window.category_id: window.days for window in self.return_windows.all()}
        for node in reversed(category.ancestors_and_self() if category else []):
            if node.pk in windows:
                return windows[node.pk]
        return self.default_return_days


class ReturnWindow(Orderable):
    policy = ParentalKey(ReturnPolicyPage, on_delete=models.CASCADE, related_name="return_windows")
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.CASCADE, related_name="+", verbose_name=_("category")
    )
    days = models.PositiveSmallIntegerField(_("days"), validators=RETURN_DAYS_VALIDATORS)

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("days")])]

    class Meta(Orderable.Meta):
        verbose_name = _("return window")
        verbose_name_plural = _("return windows")


class ReturnPolicyMethod(Orderable):
    policy = ParentalKey(ReturnPolicyPage, on_delete=models.CASCADE, related_name="return_methods")
    method = models.CharField(_("method"), max_length=20, choices=ReturnMethod.choices)
    conditions = models.TextField(
        _("conditions"), max_length=1000, blank=True, help_text=_("E.g. “Bring the receipt or order number”.")
    )
    fee = models.DecimalField(
        _("fee"),
        max_digits=8, decimal_places=2, default=0, validators=[MinValueValidator(0)], help_text=_("0 for free returns.")
    )

    panels = [FieldPanel("method"), FieldPanel("conditions"), FieldPanel("fee")]

    class Meta(Orderable.Meta):
        verbose_name = _("return method")
        verbose_name_plural = _("return methods")
