"""The admin works on a network without internet: the dashboard neither loads avatars from
gravatar.com nor checks for newer Wagtail releases (the browser test in
tests/browser/admin_offline.test.mjs fails on any request to another host)."""

import re

from django.urls import reverse


def test_the_dashboard_and_account_pages_name_no_other_host(admin_client, admin_user):
    admin_user.email = "editor@example.com"
    admin_user.save()

    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        html = admin_client.get(url).content.decode()
        assert "gravatar" not in html
        assert "w-upgrade" not in html  # the release check on the dashboard
        # Every resource the page loads comes from this site.
        sources = re.findall(r'<(?:img|script|link)[^>]+(?:src|href)="([^"]+)"', html)
        assert sources and all(source.startswith("/") and not source.startswith("//") for source in sources), sources
