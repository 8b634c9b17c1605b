"""Stores: the physical shops, their opening hours, exceptions and services."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.fields import optional_image
from cms.core.panels import PAGE_SETTINGS_PANELS, ContentChecksPanel, Tab, ZonedPublishingPanel
from cms.core.preview import HeadlessPreviewMixin
from cms.core.snippets import EditorialSnippet
from cms.core.widgets import MinuteTimeInput, MultipleChooser, TimeZoneInput, localized_snippet_chooser
from cms.core.validators import (
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    time_zone_choices,
    validate_code,
    validate_time_zone,
)

from .forms import StorePageForm
from .hours import WEEKDAY_CHOICES, Interval

CLICK_AND_COLLECT = "click-and-collect"


class Service(EditorialSnippet):
    """Something a store offers shoppers: click & collect, curbside pickup, …"""

    code = models.CharField(
        _("code"),
        max_length=64,
        validators=[validate_code],
        help_text=_("Stable identifier used by the API and frontends, e.g. “click-and-collect”. Same in every language."),
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(
        _("description"), blank=True, max_length=500, help_text=_("Shown to shoppers on store pages.")
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="service")

    preview_template = "stores/previews/service.html"
    panels = [ContentChecksPanel(), FieldPanel("name"), FieldPanel("code"), FieldPanel("description"), ZonedPublishingPanel()]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("locale"),
    ]

    class Meta(EditorialSnippet.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_service_code_per_locale")]

    def __str__(self):
        return self.name


class StoreIndexPage(HeadlessPreviewMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [ContentChecksPanel(), FieldPanel("intro")]
    settings_panels = PAGE_SETTINGS_PANELS
    search_fields = Page.search_fields + [index.SearchField("intro")]
    subpage_types = ["stores.StorePage"]
    parent_page_types = ["core.HomePage"]
    template = "stores/store_index_page.html"

    class Meta:
        verbose_name = _("store index")
        verbose_name_plural = _("store indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stores"] = StorePage.objects.child_of(self).live().public().order_by("title")
        return context


class StorePage(HeadlessPreviewMixin, Page):
    store_message = RichTextField(
        _("store message"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("A short message from the store team to shoppers."),
    )
    hero_image = optional_image(_("hero image"))

    street_address = models.CharField(_("street address"), max_length=200)
    address_extra = models.CharField(
        _("address details"),
        max_length=200,
        blank=True,
        help_text=_("Mall, floor or unit, if shoppers need it to find the store."),
    )
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, db_index=True)
    region = models.CharField(_("region"), max_length=100, blank=True, help_text=_("State, province or county."))
    country = CountryField(_("country"), help_text=_("The country the store is in (ISO 3166 code)."))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        validators=LATITUDE_VALIDATORS,
        help_text=_("Between -90 and 90, e.g. 45.464211."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        validators=LONGITUDE_VALIDATORS,
        help_text=_("Between -180 and 180, e.g. 9.191383."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        validators=[validate_time_zone],
        help_text=_("The store's IANA time zone; opening hours are in this zone."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    services = ParentalManyToManyField(Service, blank=True, related_name="stores", verbose_name=_("services"))
    pickup_preparation_minutes = models.PositiveIntegerField(
        _("pickup preparation time (minutes)"),
        default=60,
        validators=[MaxValueValidator(14 * 24 * 60)],
        help_text=_("How long staff need to prepare a click & collect order, in minutes."),
    )
    parking_notes = models.TextField(_("parking"), blank=True, max_length=1000)
    accessibility_notes = models.TextField(_("accessibility"), blank=True, max_length=1000)

    content_panels = Page.content_panels + [
        ContentChecksPanel(),
        FieldPanel("hero_image"),
        FieldPanel("store_message"),
        InlinePanel("gallery_images", heading=_("Gallery images")),
    ]
    location_panels = [
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("address_extra"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("region"), FieldPanel("country")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel([FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])], heading=_("Position")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("parking_notes"), FieldPanel("accessibility_notes")], heading=_("Getting there")),
    ]
    hours_panels = [
        FieldPanel("time_zone", widget=TimeZoneInput()),
        InlinePanel(
            "opening_hours",
            heading=_("Weekly opening hours"),
            help_text=_(
                "In the store's time zone, above. Several intervals a day are allowed (e.g. a lunch break); "
                "they must not overlap. Tick “closes the next day” for hours past midnight."
            ),
            classname="compact-rows",
        ),
        InlinePanel(
            "hours_exceptions",
            heading=_("Exceptions (holidays, special hours)"),
            help_text=_(
                "In the store's time zone, above. A dated exception replaces the weekly hours of that date; tick "
                "“closed” for a day without opening, and leave its times empty."
            ),
            classname="compact-rows",
        ),
    ]
    service_panels = [
        FieldPanel("services", widget=MultipleChooser(localized_snippet_chooser(Service))),
        FieldPanel("pickup_preparation_minutes"),
    ]

    edit_handler = TabbedInterface(
        [
            Tab(content_panels, heading=_("Content"), name="content"),
            Tab(location_panels, heading=_("Location"), name="location"),
            Tab(hours_panels, heading=_("Opening hours"), name="opening_hours"),
            Tab(service_panels, heading=_("Services"), name="services"),
            Tab(Page.promote_panels, heading=_("Promote"), name="promote"),
            Tab(PAGE_SETTINGS_PANELS, heading=_("Settings"), name="settings"),
        ]
    )
    base_form_class = StorePageForm

    search_fields = Page.search_fields + [
        index.SearchField("city", boost=2),
        index.AutocompleteField("city"),
        index.SearchField("street_address"),
        index.SearchField("postal_code"),
        index.SearchField("region"),
        index.FilterField("country"),
    ]
    parent_page_types = ["stores.StoreIndexPage"]
    subpage_types = []
    template = "stores/store_page.html"

    class Meta:
        verbose_name = _("store")
        verbose_name_plural = _("stores")
        indexes = [models.Index(fields=["latitude", "longitude"], name="store_lat_lon_idx")]

    def content_checks(self):
        """A store shoppers cannot find or whose hours they cannot see: warnings (a store
        may open before its hours are agreed), the hours themselves are validated by the form."""
        issues = []
        if not self.opening_hours.all():
            issues.append(
                _(
                    "Opening hours: there are no weekly hours, so shoppers see the store as closed and click & collect "
                    "offers no pickup time."
                )
            )
        if self.latitude is not None and self.longitude is not None and not self.latitude and not self.longitude:
            issues.append(
                _(
                    "Location: the coordinates are 0, 0 (in the Atlantic Ocean); enter the store's, or shoppers will "
                    "not find it nearby."
                )
            )
        return issues

    def weekly_intervals(self):
        return [hours.as_interval() for hours in self.opening_hours.all()]

    def offers_service(self, code):
        return any(service.code == code for service in self.services.all())


# The column of "closes the next day" in the compact rows of hours: short, the help text
# (read by screen readers) says the rest.
NEXT_DAY_HEADING = _("Next day")


class IntervalFields(models.Model):
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    closes_next_day = models.BooleanField(
        default=False, verbose_name=_("Closes the next day"), help_text=_("Tick when the store closes after midnight.")
    )

    class Meta:
        abstract = True


class StoreOpeningHours(Orderable, IntervalFields):
    store = ParentalKey(StorePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAY_CHOICES)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("weekday"),
                FieldPanel("opens", widget=MinuteTimeInput()),
                FieldPanel("closes", widget=MinuteTimeInput()),
                FieldPanel("closes_next_day", heading=NEXT_DAY_HEADING),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours interval")
        verbose_name_plural = _("weekly opening hours")

    def as_interval(self):
        return Interval(self.weekday, self.opens, self.closes, self.closes_next_day)

    def __str__(self):
        return f"{self.get_weekday_display()} {self.as_interval().label()}"


class StoreHoursException(Orderable, IntervalFields):
    store = ParentalKey(StorePage, on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField(_("date"))
    label = models.CharField(_("label"), max_length=80, help_text=_("Shown to shoppers, e.g. “Christmas Eve”."))
    closed = models.BooleanField(_("closed"), default=False, help_text=_("Closed all day. Leave the times empty."))

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("label"), FieldPanel("closed")]),
        FieldRowPanel(
            [
                FieldPanel("opens", widget=MinuteTimeInput()),
                FieldPanel("closes", widget=MinuteTimeInput()),
                FieldPanel("closes_next_day", heading=NEXT_DAY_HEADING),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours exception")
        verbose_name_plural = _("opening hours exceptions")

    def as_interval(self):
        return Interval(0, self.opens, self.closes, self.closes_next_day)

    def __str__(self):
        return f"{self.date} {self.label}"


class StoreGalleryImage(Orderable):
    store = ParentalKey(StorePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")
