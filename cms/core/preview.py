"""Draft preview for headless frontends.

In the "Frontend" preview mode the Preview button stores the page as the editor sees it
(unsaved changes included, serialised like a revision) and opens the frontend's preview URL
with a signed token that expires. The API serves that state for the token, and nothing for
a token that was tampered with, is unknown or is too old.
"""

import datetime
import uuid
from urllib.parse import urlencode

from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storefront_api.settings import api_setting

TOKEN_SALT = "cms.core.preview.token"
HEADLESS_MODE = "headless"


class PreviewTokenInvalid(Exception):
    """The token was not signed by us, was altered, or names no stored preview."""


class PreviewTokenExpired(PreviewTokenInvalid):
    """The token is genuine but older than PREVIEW_TOKEN_MAX_AGE."""


class PagePreview(models.Model):
    """A page as an editor previewed it; a token names one of these."""

    token_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        app_label = "core"
        verbose_name = _("page preview")


def _max_age():
    return api_setting("PREVIEW_TOKEN_MAX_AGE")


def create_preview_token(page):
    """Store ``page`` as it is now (a saved page, possibly with unsaved changes) and return
    a signed token for it. Previews older than the token lifetime are removed."""
    PagePreview.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(seconds=_max_age())).delete()
    preview = PagePreview.objects.create(page_id=page.pk, content=page.serializable_data())
    return signing.dumps(str(preview.token_id), salt=TOKEN_SALT)


def page_for_preview_token(token):
    """The page state stored for ``token``; raises PreviewTokenExpired or PreviewTokenInvalid."""
    try:
        token_id = signing.loads(token or "", salt=TOKEN_SALT, max_age=_max_age())
    except signing.SignatureExpired:
        raise PreviewTokenExpired("The preview token has expired.") from None
    except signing.BadSignature:
        raise PreviewTokenInvalid("The preview token is not valid.") from None
    preview = PagePreview.objects.filter(token_id=token_id).select_related("page").first()
    if preview is None:
        raise PreviewTokenInvalid("The preview token is not valid.")
    return preview.page.specific.with_content_json(preview.content)


def frontend_preview_url(token):
    """PREVIEW_URL with the token added to its query string, or "" when none is configured."""
    base = api_setting("PREVIEW_URL")
    if not base:
        return ""
    return f"{base}{'&' if '?' in base else '?'}{urlencode({'token': token})}"


class HeadlessPreviewMixin:
    """For page models: a "Frontend" preview mode next to the site's own templates."""

    @property
    def preview_modes(self):
        return [("", _("Site")), (HEADLESS_MODE, _("Frontend"))]

    def serve_preview(self, request, mode_name):
        if mode_name != HEADLESS_MODE:
            return super().serve_preview(request, mode_name)
        if self.pk is None:
            return TemplateResponse(request, "core/admin/headless_preview.html", {"page": self, "saved": False})
        token = create_preview_token(self)
        url = frontend_preview_url(token)
        if url:
            return HttpResponseRedirect(url)
        return TemplateResponse(request, "core/admin/headless_preview.html", {"page": self, "saved": True, "token": token})
