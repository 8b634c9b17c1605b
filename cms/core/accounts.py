"""Editors' admin accounts: a new editor's time zone.

Wagtail shows and reads every date-time of the admin in the editor's time zone (Account →
Preferences), and falls back to the server's ``TIME_ZONE`` (UTC here: logs, the API and the
storefront compute in UTC or in each store's zone) for an editor who never chose one. A new
editor starts in ``ADMIN_TIME_ZONE`` instead, so that "publish at 9:00" means 9:00 where
the chain's editors work; each may choose another.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from wagtail.users.models import UserProfile


def start_in_admin_time_zone(sender, instance, created, raw=False, **kwargs):
    if created and not raw and not instance.current_time_zone:
        instance.current_time_zone = settings.ADMIN_TIME_ZONE
        instance.save(update_fields=["current_time_zone"])


def create_profile(sender, instance, created, raw=False, **kwargs):
    """The profile (and its time zone) exists from the start: without one, Wagtail would
    show the admin in the server's time zone."""
    if created and not raw:
        UserProfile.get_for_user(instance)


def connect_signals():
    post_save.connect(start_in_admin_time_zone, sender=UserProfile, dispatch_uid="core_profile_time_zone")
    post_save.connect(create_profile, sender=get_user_model(), dispatch_uid="core_user_profile")
