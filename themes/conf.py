"""The THEMES settings dict, read in one place. Keys and defaults:

- CSS_MAX_AGE: seconds browsers and proxies may keep /themes/<slug>.css (it changes only when edited).
- ACTIVE_CSS_MAX_AGE: the same for /themes/active.css, whose theme changes when a season starts.
"""

from django.conf import settings

DEFAULTS = {"CSS_MAX_AGE": 3600, "ACTIVE_CSS_MAX_AGE": 300}


def theme_setting(name):
    return getattr(settings, "THEMES", {}).get(name, DEFAULTS[name])
