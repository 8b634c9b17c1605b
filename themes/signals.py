"""A theme edit changes what the site's API responses say: bump the site's content version so
that the API's response cache does not serve the old tokens."""

from django.db.models.signals import post_delete, post_save

from cms.core.content_version import bump_after_commit, site_scope


def on_theme_change(sender, instance, **kwargs):
    bump_after_commit(site_scope(instance.site_id))


def connect_signals():
    from .models import Theme

    for signal in (post_save, post_delete):
        signal.connect(on_theme_change, sender=Theme, dispatch_uid=f"themes.on_theme_change.{signal}")
