"""System checks: a mistyped limit or persisted-query mode fails at startup, not on every request."""

from django.core.checks import Error

from .persisted_queries import MODES
from .settings import api_setting

OPTIONAL_LIMITS = ("MAX_QUERY_LENGTH", "MAX_DEPTH", "MAX_ALIASES", "MAX_COST", "MAX_BATCH", "PERSISTED_QUERIES_MAX")
REQUIRED_LIMITS = ("MAX_PAGE_SIZE", "DEFAULT_PAGE_SIZE")


def check_api_settings(app_configs=None, **kwargs):
    errors = []
    mode = api_setting("PERSISTED_QUERIES")
    if mode not in MODES:
        message = f"STOREFRONT_API['PERSISTED_QUERIES'] is {mode!r}; use one of {', '.join(MODES)}."
        errors.append(Error(message, id="storefront_api.E001"))
    for name in OPTIONAL_LIMITS + REQUIRED_LIMITS:
        value = api_setting(name)
        if value is None and name in OPTIONAL_LIMITS:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            message = f"STOREFRONT_API[{name!r}] must be a whole number of 0 or more, got {value!r}."
            errors.append(Error(message, id="storefront_api.E002"))
    return errors
