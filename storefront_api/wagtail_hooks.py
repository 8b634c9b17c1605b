"""Admin: the persisted queries (Settings → Persisted queries): what clients stored and what
was registered, when each was last used, and "Clear automatic queries". Queries are added by
clients and `register_queries`, never typed in here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import PersistedQuery
from .persisted_queries import clear, operation_names
from .settings import api_setting


class PersistedQueryPolicy(ModelPermissionPolicy):
    """Admins read and delete; nobody adds or edits (clients and register_queries do)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(PersistedQuery, PersistedQueryPolicy(PersistedQuery))


class PersistedQueryIndexView(IndexView):
    clear_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "delete"):
            url = reverse(self.clear_url_name)
            buttons.append(HeaderButton(_("Clear automatic queries"), url=url, icon_name="bin"))
        return buttons


class PersistedQueryViewSet(ModelViewSet):
    model = PersistedQuery
    icon = "code"
    menu_label = _("Persisted queries")
    add_to_settings_menu = True
    inspect_view_enabled = True
    index_view_class = PersistedQueryIndexView
    list_display = [
        "sha256", Column("operations", label=_("Operations"), accessor=lambda query: operation_names(query.query)),
        "source", "last_used_at", "created_at",
    ]
    list_filter = ["source"]
    search_fields = ["sha256", "query"]
    ordering = ["-last_used_at"]
    form_fields = ["query"]  # required by ModelViewSet; the policy refuses add and edit
    inspect_view_fields = ["sha256", "source", "query", "created_at", "last_used_at"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(clear_url_name=self.get_url_name("clear"), **kwargs)

    def clear_view(self, request):
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        index_url = reverse(self.get_url_name("index"))
        if request.method == "POST":
            removed = clear([PersistedQuery.Source.AUTOMATIC])
            message = ngettext("%(count)d automatic query removed.", "%(count)d automatic queries removed.", removed)
            messages.success(request, message % {"count": removed})
            return redirect(index_url)
        automatic = PersistedQuery.objects.filter(source=PersistedQuery.Source.AUTOMATIC).count()
        return TemplateResponse(request, "storefront_api/admin/clear_persisted_queries.html", {
            "page_title": _("Clear automatic queries"), "header_icon": self.icon, "automatic": automatic,
            "cap": api_setting("PERSISTED_QUERIES_MAX"), "index_url": index_url,
        })

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("clear/", self.clear_view, name="clear")]


@hooks.register("register_admin_viewset")
def register_persisted_query_viewset():
    return PersistedQueryViewSet("persisted_queries")
