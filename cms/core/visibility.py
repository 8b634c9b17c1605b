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


def visible_at_paths(site, paths_by_locale_id):
    """``{(locale id, path): page}`` (specific pages) of the pages at those tree paths that
    shoppers may see on ``site``: one query per locale, whatever the number of paths."""
    found = {}
    for locale in Locale.objects.filter(pk__in=paths_by_locale_id):
        pages = shopper_pages(site, locale).filter(path__in=set(paths_by_locale_id[locale.pk])).specific()
        found.update({(locale.pk, page.path): page for page in pages})
    return found


def visible_versions(site, translation_keys):
    """``{translation_key: [page in each language]}`` (specific pages, by language code) that
    shoppers may see on ``site``: one query per locale, whatever the number of keys."""
    found = {}
    for locale in Locale.objects.order_by("language_code"):
        for page in shopper_pages(site, locale).filter(translation_key__in=set(translation_keys)).specific():
            found.setdefault(page.translation_key, []).append(page)
    return found


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
