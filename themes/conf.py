"""The THEMES settings dict, read in one place. Keys and defaults:

- CSS_MAX_AGE: seconds browsers and proxies may keep /themes/<slug>.css (it changes only when edited).
- ACTIVE_CSS_MAX_AGE: the same for /themes/active.css, whose theme changes when a season starts.
"""

from cms.core.settings_dicts import settings_dict_reader

DEFAULTS = {"CSS_MAX_AGE": 3600, "ACTIVE_CSS_MAX_AGE": 300}


theme_setting = settings_dict_reader("THEMES", DEFAULTS)
