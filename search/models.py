"""Tables of the search app: the database backend's documents, and index operations that
could not be sent to the search engine (replayed later, so nothing is lost)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One SearchDocument as the database backend stores it. ``terms`` holds the analysed
    words of every text field (" word word … ", for matching), ``data`` the document itself
    (for scores and highlights); filters and sorts use the columns."""

    key = models.CharField(max_length=40, unique=True)  # "<type>:<id>"
    type = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    locale = models.CharField(max_length=12)
    title = models.TextField()
    title_sort = models.TextField()
    terms = models.TextField()
    data = models.JSONField()
    page_type = models.CharField(max_length=100, blank=True)
    site_ids = models.CharField(max_length=200, blank=True)  # " 1 2 "; empty: every site
    brand = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    price_band = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    published_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["locale", "type", "title_sort"], name="search_entry_listing_idx"),
            models.Index(fields=["latitude", "longitude"], name="search_entry_location_idx"),
        ]

    def __str__(self):
        return f"{self.key} {self.title}"


class SearchFacetValue(models.Model):
    """A facet value of an entry (several per facet for categories and services)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["name", "value"], name="search_facet_value_idx")]


class SearchTerm(models.Model):
    """The vocabulary of indexed words per language, to correct a shopper's typos."""

    locale = models.CharField(max_length=12)
    term = models.CharField(max_length=100)
    length = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["locale", "term"], name="unique_search_term_per_locale")]
        indexes = [models.Index(fields=["locale", "length"], name="search_term_length_idx")]


class PendingIndexOperation(models.Model):
    """An index or delete the search backend refused (unreachable, timed out). One row per
    document: a later failure for the same document updates it. ``search_index sync`` (and
    the next successful index operation) replays them from the database's current state."""

    INDEX = "index"
    DELETE = "delete"
    ACTIONS = [(INDEX, _("Index")), (DELETE, _("Delete"))]

    ref_type = models.CharField(max_length=10)
    ref_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=ACTIONS)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    last_failed_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("pending search index operation")
        ordering = ["first_failed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["ref_type", "ref_id"], name="unique_pending_index_operation")]

    def __str__(self):
        return f"{self.action} {self.ref_type}:{self.ref_id}"
