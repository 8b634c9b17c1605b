"""What shoppers may see: live, public pages of the requesting site, in a language.

Restricted pages (login, password, groups) and all their descendants are excluded by
Wagtail's ``public()``; pages outside the site's tree by the path prefix.
"""

from wagtail.models import Locale, Page


def site_home(site, locale):
    """The site's root page in ``locale`` (its translation), or None."""
    root = site.root_page
    if root.locale_id == locale.pk:
        return root
    return root.get_translation_or_none(locale)


def shopper_pages(site, locale, model=Page):
    """A queryset of the pages of ``site`` in ``locale`` that shoppers may see (of ``model``)."""
    home = site_home(site, locale)
    if home is None:
        return model.objects.none()
    return model.objects.live().public().filter(path__startswith=home.path, locale=locale)


def is_visible(page, site):
    return shopper_pages(site, page.locale).filter(pk=page.pk).exists()


def visible_translations(page, site):
    """The other-language versions of ``page`` that shoppers may see on ``site``."""
    translations = []
    for locale in Locale.objects.exclude(pk=page.locale_id).order_by("language_code"):
        translations += shopper_pages(site, locale).filter(translation_key=page.translation_key).specific()
    return translations


def visible_versions_in(site, locale, page_ids):
    """``{chosen page id: its version in locale}`` for links an editor chose: a link follows
    the shopper's language, and points only at a page shoppers may see on ``site``. Chosen
    pages without such a version are absent."""
    chosen = list(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
    shown = {
        page.translation_key: page
        for page in shopper_pages(site, locale).filter(translation_key__in=[key for _, key in chosen]).specific()
    }
    return {pk: shown[key] for pk, key in chosen if key in shown}


def site_locales(site):
    """The locales in which ``site`` has a live home page, the site root's own first."""
    root = site.root_page
    homes = Page.objects.filter(translation_key=root.translation_key, live=True).select_related("locale")
    locales = [home.locale for home in homes]
    return sorted(locales, key=lambda locale: (locale.pk != root.locale_id, locale.language_code))
