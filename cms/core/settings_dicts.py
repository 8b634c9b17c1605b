"""Settings that come as one dict per feature (``STOREFRONT_API``, ``SEARCH``, ``PUBLISHING``,
``STORE_LOCATOR``, ``STOCK_INGESTION``, ``THEMES``), each read with its defaults."""

from django.conf import settings


def settings_dict_reader(setting_name, defaults):
    """A function ``read(key)`` returning ``settings.<setting_name>[key]``, or the default.
    It reads the settings on every call (so ``override_settings`` works) and refuses a key
    that has no default, which catches a misspelt name at its first use."""

    def read(key):
        if key not in defaults:
            raise KeyError(f"Unknown {setting_name} setting {key!r}")
        return getattr(settings, setting_name, {}).get(key, defaults[key])

    read.__name__ = f"{setting_name.lower()}_setting"
    return read
