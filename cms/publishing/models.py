"""What changed for shoppers (content events), who wants to hear about it (webhook
endpoints), what each endpoint was told (deliveries) and what the CDN was told to forget
(cache purges). Deliveries and purges are outbox rows (outbox.py): written after the change
commits, sent by a worker with retries."""

import secrets

from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")
    MOVED = "moved", _("Moved")


class Kind(models.TextChoices):
    PAGE = "page", _("Page")
    SNIPPET = "snippet", _("Snippet")


class ContentEvent(models.Model):
    """One change shoppers can see. Written after the change's transaction commits, so ids
    follow commit order; the object may be gone since (deleted), so the event keeps what a
    static build needs to find the object's file: path, slug, locale."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_type = models.CharField(max_length=100, help_text=_("Model name, e.g. StorePage or Offer."))
    object_id = models.CharField(max_length=64)
    locale = models.CharField(max_length=20, blank=True, help_text=_("Language code of the object."))
    translation_key = models.UUIDField(null=True, blank=True)
    slug = models.CharField(
        max_length=255, blank=True, help_text=_("Page or category slug, product SKU, offer or service code.")
    )
    tree_path = models.CharField(
        max_length=255, blank=True, db_index=True, help_text=_("Pages: position in the page tree (says which site).")
    )
    url_path = models.CharField(max_length=255, blank=True, help_text=_("Pages: Wagtail's URL path (from the tree root)."))
    previous_url_path = models.CharField(max_length=255, blank=True, help_text=_("Moved pages: the URL path before."))

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.type_name} {self.object_type} {self.object_id}"

    @property
    def type_name(self):
        """The webhook event type, e.g. ``page.published``."""
        return f"{self.kind}.{self.action}"


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Who receives these events, e.g. “Static site build”.")
    )
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Receives a signed JSON POST per event. Use https outside a private network."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=new_secret,
        help_text=_("Shared with the receiver, which checks each request's Webhook-Signature with it."),
    )
    actions = models.JSONField(
        _("actions"), default=list, blank=True, help_text=_("Only these actions; none chosen means every action.")
    )
    object_types = models.JSONField(
        _("page types and snippets"),
        default=list,
        blank=True,
        help_text=_("Only these page types and snippets; none chosen means all."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive endpoints receive nothing; events meanwhile are not sent to them later."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name

    def wants(self, event):
        return (not self.actions or event.action in self.actions) and (
            not self.object_types or event.object_type in self.object_types
        )


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed, will retry")
    GAVE_UP = "gave_up", _("Gave up")


class OutboxItem(models.Model):
    """Something a worker sends after the change commits, and how its attempts went."""

    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True, default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    response_time_ms = models.PositiveIntegerField(_("response time (ms)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True


class WebhookDelivery(OutboxItem):
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("endpoint")
    )
    event = models.ForeignKey(ContentEvent, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("event"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.event.type_name} → {self.endpoint}"


class CachePurge(OutboxItem):
    """Surrogate keys (and storefront page URLs) the CDN must forget after one change."""

    reason = models.CharField(
        _("reason"), max_length=200, help_text=_("The change, e.g. “page.published StorePage 42”.")
    )
    keys = models.JSONField(
        _("surrogate keys"), default=list, help_text=_("Surrogate keys to purge (docs/caching.md lists them).")
    )
    urls = models.JSONField(
        _("URLs"), default=list, blank=True, help_text=_("Storefront page URLs, purged through Wagtail's frontend cache backends.")
    )
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="repeats",
        verbose_name=_("repeat of"),
        help_text=_("A second purge of the same keys a few seconds later, for responses that were being built while the first was sent."),
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("cache purge")
        verbose_name_plural = _("cache purges")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="purge_due")]

    def __str__(self):
        return self.reason
