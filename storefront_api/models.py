from django.db import models
from django.utils.translation import gettext_lazy as _


class PersistedQuery(models.Model):
    """A query clients may run by its sha256 instead of its text (storefront_api/persisted_queries.py)."""

    class Source(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatic (sent by a client with its hash)")
        REGISTERED = "registered", _("Registered (manage.py register_queries)")

    sha256 = models.CharField(max_length=64, unique=True, help_text=_("Hex sha256 of the query text, as clients send it."))
    query = models.TextField(help_text=_("The query text, exactly as hashed."))
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.AUTOMATIC)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("persisted query")
        verbose_name_plural = _("persisted queries")

    def __str__(self):
        return self.sha256
