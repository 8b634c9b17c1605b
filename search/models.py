"""Tables of the search app: the database backend's documents, and index operations that
could not be sent to the search engine (replayed later, so nothing is lost)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import CodepointTextField, WeightedTermsField


class SearchEntry(models.Model):
    """One SearchDocument as the database backend stores it: the columns that filter, sort
    and count facets, what a hit shows (title, body for highlights), and the analysed terms
    in ``vector`` (PostgreSQL; SQLite keeps them in the FTS5 table ``search_entry_text``,
    whose rowid is this entry's id). search/backends/database.py writes and reads them.

    ``terms`` and ``data`` are the previous release's (written empty now) and the new columns
    have defaults in the table, so that servers of either release can run on this schema while
    a release rolls out (docs/deployment.md, "expand, then contract"); the next release drops
    them and SearchFacetValue."""

    key = models.CharField(max_length=40, unique=True)  # "<type>:<id>"
    type = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    locale = models.CharField(max_length=12)
    title = models.TextField()
    title_sort = models.TextField()
    terms = models.TextField()  # the previous release's; written empty
    data = models.JSONField()  # the previous release's; written {"fields": {}}
    body = models.TextField(blank=True, db_default="")
    codes = models.CharField(max_length=300, blank=True, db_default="")  # " sku gtin " casefolded: a pasted code
    page_type = models.CharField(max_length=100, blank=True)
    site_ids = models.CharField(max_length=200, blank=True)  # " 1 2 "; empty: every site
    brand = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)
    # "/kitchen/coffee/": the slugs from the root category; "" without a category.
    category_path = models.CharField(max_length=500, blank=True, db_default="")
    services = models.CharField(max_length=500, blank=True, db_default="")  # " click-and-collect parking "
    price = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    price_band = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    published_at = models.DateTimeField(null=True)
    vector = WeightedTermsField()

    class Meta:
        indexes = [
            models.Index(fields=["locale", "type", "title_sort"], name="search_entry_listing_idx"),
            models.Index(fields=["locale", "type", "latitude", "longitude"], name="search_entry_location_idx"),
            models.Index(fields=["locale", "brand"], name="search_entry_brand_idx"),
        ]
        # PostgreSQL: a GIN index on ``vector`` (migration 0002).

    def __str__(self):
        return f"{self.key} {self.title}"


class SearchFacetValue(models.Model):
    """The previous release's facet values (facets are counted from SearchEntry's columns now):
    written only by servers of that release while this one rolls out; dropped in the next."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["name", "value"], name="search_facet_value_idx")]


class SearchCompletion(models.Model):
    """A title of an entry from one of its first words on, folded ("moka pot & cups", "pot &
    cups", …), for suggestions as the shopper types: a prefix is one range of the index."""

    # No constraint in the table: the previous release's servers delete entries without
    # knowing this table (while a release rolls out); this release's deletes take the rows along.
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="completions", db_constraint=False)
    locale = models.CharField(max_length=12)
    type = models.CharField(max_length=10)
    site_ids = models.CharField(max_length=200, blank=True)  # as the entry's
    tail = CodepointTextField()
    title_sort = CodepointTextField()

    class Meta:
        indexes = [models.Index(fields=["locale", "tail", "title_sort", "entry"], name="search_completion_prefix_idx")]


class SearchTerm(models.Model):
    """The vocabulary of indexed words per language (letters only), to correct a shopper's
    typos; on PostgreSQL found by trigram similarity (pg_trgm, a GIN index: migration 0002)."""

    locale = models.CharField(max_length=12)
    term = models.CharField(max_length=100)
    length = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["locale", "term"], name="unique_search_term_per_locale")]
        indexes = [models.Index(fields=["locale", "length"], name="search_term_length_idx")]  # the previous release's


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
