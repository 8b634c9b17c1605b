"""Admin: "QR code" downloads on the edit screens of store pages, stories, gift guides and
offers; the admin's own style sheet (choosers, compact rows of opening hours); leading
editors to the drafts autosave left (cms/core/drafts.py)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.action_menu import ActionMenuItem

from .drafts import lead_to_drafts
from .qr import kind_of
from .qr_urls import admin_urlpatterns


def download_url(kind, pk, format):
    return reverse("qr_download", args=[kind, pk, format])


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))


hooks.register("before_create_page", lead_to_drafts)


@hooks.register("register_admin_urls")
def register_qr_urls():
    return admin_urlpatterns


@hooks.register("register_page_header_buttons")
def qr_page_header_buttons(page, user, view_name, next_url=None):
    kind = kind_of(page.specific_class) if page.specific_class else None
    if kind is None or not page.permissions_for_user(user).can_edit():
        return
    for priority, format in ((90, "svg"), (91, "png")):
        yield Button(
            _("QR code (%(format)s)") % {"format": format.upper()},
            download_url(kind, page.pk, format),
            icon_name="download",
            attrs={"download": "", "title": _("Download a QR code for printing, with campaign parameters")},
            priority=priority,
        )


@hooks.register("register_snippet_listing_buttons")
def qr_offer_listing_buttons(snippet, user, next_url=None):
    if kind_of(snippet) != "offer" or not user.has_perm("offers.change_offer"):
        return
    for priority, format in ((90, "svg"), (91, "png")):
        label = _("QR code (%(format)s)") % {"format": format.upper()}
        yield Button(label, download_url("offer", snippet.pk, format), icon_name="download", priority=priority)


class QrCodeMenuItem(ActionMenuItem):
    name = "action-qr-code"
    icon_name = "download"

    def __init__(self, format, order):
        super().__init__(order=order)
        self.format = format
        self.label = _("Download QR code (%(format)s)") % {"format": format.upper()}

    def is_shown(self, context):
        return context["view"] == "edit" and context["request"].user.has_perm("offers.change_offer")

    def get_url(self, context):
        return download_url("offer", context["instance"].pk, self.format)


def qr_offer_action_menu_item(format, order):
    def hook(model):
        return QrCodeMenuItem(format, order) if kind_of(model) == "offer" else None

    return hook


hooks.register("register_snippet_action_menu_item", qr_offer_action_menu_item("svg", 900))
hooks.register("register_snippet_action_menu_item", qr_offer_action_menu_item("png", 901))
