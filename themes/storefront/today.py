"""The moment the storefront renders for: now, or a chosen day in tests.

Seasonal themes change on a date; browser tests need the server's "today" to be a day of
their choosing. With settings.DEBUG and THEMES_TODAY_PARAM on (env THEMES_TODAY_PARAM, off by
default and never honoured without DEBUG), ``?today=YYYY-MM-DD`` renders the page as at noon of
that day in the site's time zone.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from themes.context_processors import theme_css_url
from themes.tokens import active_theme

TODAY_PARAM = "today"


def today_param_allowed():
    return bool(settings.DEBUG and getattr(settings, "THEMES_TODAY_PARAM", False))


def storefront_moment(request):
    """The aware datetime to choose the active theme for; ``None`` means now."""
    value = request.GET.get(TODAY_PARAM) if request is not None and today_param_allowed() else None
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def chosen_day_theme(request):
    """Context processor after ``themes.context_processors.theme``: on a ``?today=`` request
    (tests only, see above) the theme and its sheet are those of that day."""
    moment = storefront_moment(request)
    if moment is None:
        return {}
    theme = active_theme(Site.find_for_request(request), moment)
    return {"theme": theme, "theme_css_url": theme_css_url(theme)}
