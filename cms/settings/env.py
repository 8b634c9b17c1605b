"""Reading configuration from the environment, in one place.

Every variable read here is listed in docs/configuration.md (tests/test_docs.py checks it).
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, got {raw!r}")


def env_int(name, default):
    return env_number(name, default, int, "a whole number")


def env_float(name, default):
    return env_number(name, default, float, "a number (like 0.5 or 2)")


def env_number(name, default, parse, described):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {described}, got {raw!r}") from None


def env_int_or_word(name, word, default):
    """A whole number of 0 or more, or ``word`` (e.g. "auto")."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value == word:
        return word
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be {word!r} or a whole number of 0 or more, got {raw!r}")
    return int(value)


def env_choice(name, choices, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {choices}, got {raw!r}")
    return value


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_origins(name, default=()):
    """Comma-separated web origins (``scheme://host[:port]``, as browsers send in ``Origin``);
    names the variable and the entry when one is not an origin."""
    origins = env_list(name, default)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query or parts.fragment:
            raise ImproperlyConfigured(
                f"{name}: {origin!r} is not an origin; write scheme://host[:port] with no path, e.g. https://shop.example.com"
            )
    return origins


def env_required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in this configuration.")
    return value
