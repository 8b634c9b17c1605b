"""`manage.py check` builds the configured purger, so a missing token or URL is reported at
deploy time (naming the environment variable) rather than by the first purge."""

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


@register()
def purger_configured(app_configs, **kwargs):
    from .purgers.base import get_purger

    try:
        get_purger()
    except (ImproperlyConfigured, ImportError, TypeError) as error:
        return [Error(f"The CDN purger cannot be built: {error}", id="publishing.E001")]
    return []
