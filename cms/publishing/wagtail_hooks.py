"""Admin: webhook endpoints (Settings menu), and the logs of webhook deliveries and cache
purges (read-only, with "Retry now")."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BaseColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page, get_page_models
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import get_snippet_models

from cms.core.columns import yes_no

from .events import is_published_snippet_model
from .models import Action, CachePurge, WebhookDelivery, WebhookEndpoint
from .outbox import retry_now


def object_type_choices():
    """Page types and snippets by the name events carry (``StorePage``), labelled in the
    editor's language: "Store (StorePage)"."""

    def choices(models):
        named = sorted((model.__name__, model) for model in models)
        return [(name, f"{capfirst(model._meta.verbose_name)} ({name})") for name, model in named]

    pages = choices(model for model in get_page_models() if model is not Page)
    snippets = choices(model for model in get_snippet_models() if is_published_snippet_model(model))
    return [(_("Pages"), pages), (_("Snippets"), snippets)]


def model_field_options(name):
    """The label and help text of the endpoint's model field ``name``, for a form field of its own."""
    model_field = WebhookEndpoint._meta.get_field(name)
    return {"label": capfirst(model_field.verbose_name), "help_text": model_field.help_text}


class WebhookEndpointForm(WagtailAdminModelForm):
    actions = forms.MultipleChoiceField(
        choices=Action.choices, required=False, widget=forms.CheckboxSelectMultiple, **model_field_options("actions")
    )
    object_types = forms.MultipleChoiceField(
        choices=object_type_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **model_field_options("object_types"),
    )


class WebhookEndpointViewSet(ModelViewSet):
    """Where publish events are sent (the `deliver_webhooks` worker sends them)."""

    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    list_display = ["name", "url", yes_no(WebhookEndpoint, "is_active"), "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("secret", read_only=True),
            FieldPanel("actions"),
            FieldPanel("object_types"),
            FieldPanel("is_active"),
        ],
        base_form_class=WebhookEndpointForm,
    )


class OutboxLogPolicy(ModelPermissionPolicy):
    """A log written by a worker only; admins read it and may ask for a retry (the "change"
    permission)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        if action == "retry":
            action = "change"
        return super().user_has_permission(user, action)


class RetryColumn(BaseColumn):
    cell_template_name = "publishing/admin/retry_cell.html"

    def __init__(self, viewset):
        super().__init__("retry", label=_("Retry"))
        self.viewset = viewset

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_retry"] = bool(request) and self.viewset.permission_policy.user_has_permission(request.user, "retry")
        context["retry_url_name"] = self.viewset.get_url_name("retry")
        return context


ATTEMPT_COLUMNS = ["status", "attempts", "last_status_code", "last_error", "response_time_ms", "last_attempt_at",
                   "next_attempt_at"]


class OutboxLogViewSet(ModelViewSet):
    """The log of an outbox (outbox.py): what was sent, how it went, "Retry now"."""

    icon = "history"
    add_to_settings_menu = True
    inspect_view_enabled = True
    ordering = ["-id"]
    form_fields = ["status"]  # required by ModelViewSet; the policy refuses add and edit
    first_columns = []

    @property
    def list_display(self):
        return [*self.first_columns, *ATTEMPT_COLUMNS, RetryColumn(self)]

    def retry_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "retry"):
            raise PermissionDenied
        retry_now(get_object_or_404(self.model, pk=pk))
        messages.success(request, _("It will be retried by the next worker pass."))
        return redirect(self.get_url_name("index"))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("retry/<int:pk>/", require_POST(self.retry_view), name="retry")]


class WebhookDeliveryViewSet(OutboxLogViewSet):
    model = WebhookDelivery
    menu_label = _("Webhook deliveries")
    list_filter = ["endpoint", "status"]
    first_columns = ["event", "endpoint"]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("event", "endpoint")


class CachePurgeViewSet(OutboxLogViewSet):
    """What the CDN was told to forget (the `purge_cache` worker), pending and failed first
    when filtered by status."""

    model = CachePurge
    menu_label = _("Cache purges")
    list_filter = ["status"]
    first_columns = ["reason", "created_at"]
    search_fields = ["reason"]


for logged in (WebhookDelivery, CachePurge):
    register_permission_policy(logged, OutboxLogPolicy(logged))


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return [
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
        CachePurgeViewSet("cache_purges"),
    ]
