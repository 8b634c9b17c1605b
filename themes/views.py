"""Themes as style sheets: /themes/<slug>.css and /themes/active.css (the requesting site's theme now)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe
from wagtail.models import Site

from cms.publishing import surrogate_keys

from .conf import theme_setting
from .models import Theme
from .tokens import active_theme, theme_css, theme_keys


def _css_response(request, theme, max_age):
    etag = quote_etag(f"{theme.slug}-{theme.updated_at.timestamp():.6f}")
    last_modified = int(theme.updated_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(theme_css(theme), content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=max_age)
    return surrogate_keys.set_header(response, theme_keys(theme), theme.site_id)


@require_safe
def theme_stylesheet(request, slug):
    theme = get_object_or_404(Theme.objects.select_related("logo", "favicon", "hero_image"), slug=slug)
    return _css_response(request, theme, theme_setting("CSS_MAX_AGE"))


@require_safe
def active_stylesheet(request):
    theme = active_theme(Site.find_for_request(request))
    if theme is None:
        raise Http404("This site has no theme.")
    response = _css_response(request, theme, theme_setting("ACTIVE_CSS_MAX_AGE"))
    response["Vary"] = "Host"
    return response
