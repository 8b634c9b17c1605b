"""Offers: coupons and promotions published online and redeemed in store."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.fields import optional_image
from cms.core.panels import ContentChecksPanel, ZonedPublishingPanel
from cms.core.snippets import EditorialSnippet
from cms.core.widgets import MultipleChooser
from cms.stores.choosers import store_chooser_viewset

from .forms import OfferForm


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_STORE = "in-store", _("In store")
    BOTH = "both", _("Online and in store")


class OfferQuerySet(models.QuerySet):
    def valid_at(self, moment=None):
        moment = moment or timezone.now()
        return self.filter(valid_from__lte=moment).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=moment))

    def for_store(self, store):
        """Offers that apply in ``store`` (any translation of it)."""
        return self.filter(
            Q(applies_to_all_stores=True) | Q(stores__translation_key=store.translation_key)
        ).distinct()


class Offer(EditorialSnippet, ClusterableModel):
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=600)
    code = models.CharField(
        _("coupon code"),
        max_length=40,
        blank=True,
        help_text=_("The coupon code shoppers show or type. Leave empty for a promotion without a code."),
    )
    image = optional_image(_("image"))
    valid_from = models.DateTimeField(_("valid from"))
    valid_to = models.DateTimeField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty for an offer with no end date.")
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.BOTH)
    applies_to_all_stores = models.BooleanField(
        _("applies to all stores"),
        default=True,
        help_text=_("Untick to choose the stores where the offer can be redeemed."),
    )
    stores = ParentalManyToManyField(
        "stores.StorePage", blank=True, related_name="offers", verbose_name=_("stores")
    )
    terms = RichTextField(_("terms and conditions"), blank=True, features=RICH_TEXT_FEATURES)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="offer")

    objects = OfferQuerySet.as_manager()
    base_form_class = OfferForm
    preview_template = "offers/previews/offer.html"
    panels = [
        ContentChecksPanel(),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("code"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]), FieldPanel("channel")],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("applies_to_all_stores"),
                FieldPanel("stores", widget=MultipleChooser(store_chooser_viewset.widget_class)),
            ],
            heading=_("Stores"),
        ),
        FieldPanel("terms"),
        ZonedPublishingPanel(),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("locale"),
        index.FilterField("channel"),
        index.FilterField("valid_from"),
        index.FilterField("valid_to"),
    ]

    class Meta(EditorialSnippet.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-valid_from"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("The offer must end after it starts.")})
