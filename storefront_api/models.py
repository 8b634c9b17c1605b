from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class PersistedQuery(models.Model):
    """A query clients may run by its sha256 instead of its text (storefront_api/persisted_queries.py)."""

    class Source(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatic (sent by a client with its hash)")
        REGISTERED = "registered", _("Registered (manage.py register_queries)")

    sha256 = models.CharField(
        _("SHA-256"), max_length=64, unique=True, help_text=_("Hex sha256 of the query text, as clients send it.")
    )
    query = models.TextField(_("query"), help_text=_("The query text, exactly as hashed."))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.AUTOMATIC)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(
        _("last used"),
        # A default in the database too: app servers still running the previous release insert
        # rows without this column while a deployment rolls out (docs/deployment.md).
        db_default=Now(),
        help_text=_(
            "When a client last ran it, to within an hour. Beyond the cap on automatic queries "
            "(GRAPHQL_PERSISTED_QUERIES_MAX) the least recently used automatic ones are removed; "
            "registered queries are never removed."
        ),
    )

    class Meta:
        verbose_name = _("persisted query")
        verbose_name_plural = _("persisted queries")
        indexes = [models.Index(fields=["source", "last_used_at"], name="persisted_query_lru")]

    def __str__(self):
        return self.sha256
