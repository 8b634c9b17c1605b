"""Which catalogs `compilemessages` compiles: the project's own, never those of packages
installed in a virtualenv inside the checkout (make's .venv)."""

import sys
from pathlib import Path

from django.apps import apps

from cms.core.catalogs import project_locale_dirs


def test_apps_installed_in_a_virtualenv_inside_the_checkout_are_not_the_projects(settings, tmp_path, monkeypatch):
    installed = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages" / "someapp"
    ours = tmp_path / "cms" / "ourapp"
    for app_dir in (installed, ours):
        (app_dir / "locale" / "it" / "LC_MESSAGES").mkdir(parents=True)
    configs = [type("Config", (), {"path": str(installed)}), type("Config", (), {"path": str(ours)})]
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)
    settings.BASE_DIR = tmp_path
    settings.LOCALE_PATHS = []
    assert project_locale_dirs() == [ours / "locale"]


def test_no_catalog_of_this_virtualenv_is_compiled():
    site_packages = Path(sys.prefix).resolve()
    assert not any(path.is_relative_to(site_packages) for path in project_locale_dirs())
