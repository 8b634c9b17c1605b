"""``theme`` (the active Theme or None) and ``theme_css_url`` for every template."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .tokens import active_theme


def _request_theme(request):
    if not hasattr(request, "_active_theme"):
        request._active_theme = active_theme(Site.find_for_request(request))
    return request._active_theme


def theme_css_url(theme):
    """The theme's sheet, versioned by its last edit so that browsers may keep it for long."""
    if theme is None:
        return ""
    return f"{reverse('themes:css', args=[theme.slug])}?v={int(theme.updated_at.timestamp())}"


def theme(request):
    # Lazy: admin pages and API responses render templates too, and never look at the theme.
    return {
        "theme": SimpleLazyObject(lambda: _request_theme(request)),
        "theme_css_url": SimpleLazyObject(lambda: theme_css_url(_request_theme(request))),
    }
