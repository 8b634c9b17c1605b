"""The home page (as the default site's root), the sections below it, the store index,
and the navigation and footer settings."""

from urllib.parse import urlsplit

from django.core.management.base import CommandError
from wagtail.models import Locale, Page, Site

from cms.core.models import FooterSettings, FooterTranslation, HomePage, NavigationSettings, SectionPage
from cms.demo.data import SITE_NAME
from cms.demo.data.content import FOOTER, FOOTER_TRANSLATIONS, HOME, HOME_FEATURES, IMAGES, NAVIGATION, SECTIONS, STORE_INDEX
from cms.demo.data.stores import STORES
from cms.demo.images import ImageSpec
from cms.stores.models import StoreIndexPage

from .base import ensure_page, ensure_page_translation, publish


def content_image(context, key):
    title, _alt_it, palette, motif = IMAGES[key]
    return context.images.get(ImageSpec(title=title, description=title, palette=palette, motif=motif))


DEFAULT_SITE_URL = "http://127.0.0.1:8000"  # where `make demo` serves the site


def site_address(url):
    """``(hostname, port)`` of the Wagtail site for the public address ``url``
    (``http://127.0.0.1:8000``, ``https://shop.example``). Wagtail builds a site's full URLs
    (QR codes, links in e-mails) from its hostname and port, and only port 443 as https, so
    an https address on another port is refused. Raises CommandError naming the option."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise CommandError(
            f"--site-url (DEMO_SITE_URL) {url!r} is not a site address such as http://127.0.0.1:8000 or https://shop.example."
        )
    if parts.scheme == "https" and port not in (None, 443):
        raise CommandError(
            f"--site-url (DEMO_SITE_URL) {url!r}: a Wagtail site serves https on port 443 only; "
            "leave the port out or use http."
        )
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def build_home(context):
    context.report.step("Home page and site")
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = _existing_home(context, site)
    if home is None:
        home = _replace_welcome_page(context, root, site)
        context.report.count("home pages", created=1)
    else:
        context.report.count("home pages", existing=1)
    _point_site_at(context, home, site)
    context.home["en"] = home
    context.home["it"], _ = ensure_page_translation(
        context, "home pages", home, HOME["slug"]["it"], lambda: _home_fields(context, "it"), publish_now=False
    )
    context.report.done("home pages")


def _existing_home(context, site):
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    return HomePage.objects.filter(depth=2, locale=context.en).first()


def _replace_welcome_page(context, root, site):
    """Delete Wagtail's “Welcome to your new Wagtail site!” page and add the home page in its
    place, unpublished until its featured content exists (see ``finish_home``)."""
    top_level = root.get_children().filter(locale=context.en)
    welcome = [page for page in top_level if page.specific_class is Page and page.numchild == 0]
    if site is not None and site.root_page_id in {page.pk for page in welcome}:
        site.root_page = root  # keep the site while its root page is replaced
        site.save()
    for page in welcome:
        context.report.detail(f"removed Wagtail's welcome page “{page.title}”")
        page.delete()
    slug = HOME["slug"]["en"]
    if root.get_children().filter(slug=slug, locale=context.en).exists():
        raise CommandError(
            f"A page with the slug “{slug}” already exists at the top of the page tree and is not a home page. "
            "Load the demo into a freshly migrated database, or move that page first."
        )
    home = HomePage(slug=slug, live=False, has_unpublished_changes=True, **_home_fields(context, "en"))
    root.add_child(instance=home)
    return home


def _point_site_at(context, home, site):
    """The default site: rooted at the home page, named, at the address the demo is served on
    (its QR codes and full URLs use it)."""
    hostname, port = context.site_address
    wanted = {"root_page_id": home.pk, "site_name": SITE_NAME, "hostname": hostname, "port": port}
    if site is None:
        Site.objects.create(is_default_site=True, **wanted)
    elif any(getattr(site, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(site, field, value)
        site.save()
    else:
        return
    context.report.detail(f"the site is at {Site.objects.get(is_default_site=True).root_url}")


def _home_fields(context, language):
    return {
        "title": HOME["title"][language],
        "hero_title": HOME["hero_title"][language],
        "hero_text": HOME["hero_text"][language].format(store_count=len(STORES)),
        "hero_image": content_image(context, HOME["hero_image"]),
        "seo_title": HOME["seo_title"][language],
        "search_description": HOME["search_description"][language],
    }


def build_sections(context):
    context.report.step("Store index and sections")
    index, _ = ensure_page(
        context, "sections", context.home["en"], StoreIndexPage, STORE_INDEX["slug"]["en"],
        lambda: {"title": STORE_INDEX["title"]["en"], "intro": STORE_INDEX["intro"]["en"]},
    )
    index_it, _ = ensure_page_translation(
        context, "sections", index, STORE_INDEX["slug"]["it"],
        lambda: {"title": STORE_INDEX["title"]["it"], "intro": STORE_INDEX["intro"]["it"]},
    )
    context.store_index = {"en": index, "it": index_it}
    for key, data in SECTIONS.items():
        section, _ = ensure_page(
            context, "sections", context.home["en"], SectionPage, data["slug"]["en"],
            lambda data=data: {"title": data["title"]["en"], "intro": data["intro"]["en"]},
        )
        section_it, _ = ensure_page_translation(
            context, "sections", section, data["slug"]["it"],
            lambda data=data: {"title": data["title"]["it"], "intro": data["intro"]["it"]},
        )
        context.sections[key] = {"en": section, "it": section_it}
    context.report.done("sections")


def finish_home(context):
    """Feature guides, stories and offers on both home pages and publish them (once)."""
    context.report.step("Home page features")
    published = []
    for language in ("en", "it"):
        # Fetch it again: children were added since it was loaded, and saving a stale
        # copy would overwrite the tree's child count (numchild). Continue from its
        # latest draft (the Italian fields of the translation are only in its revision).
        home = HomePage.objects.get(pk=context.home[language].pk)
        context.home[language] = home
        if home.live_revision_id is not None:
            continue
        home = home.get_latest_revision_as_object()
        home.featured_guides = context.stream(
            ("guide", context.guides[slug][language].pk) for slug in HOME_FEATURES["guides"]
        )
        home.featured_stories = context.stream(
            ("story", context.stories[slug][language].pk) for slug in HOME_FEATURES["stories"]
        )
        home.featured_offers = context.stream(
            ("offer", context.offers[key][language].pk) for key in HOME_FEATURES["offers"]
        )
        publish(home)
        published.append(language)
    context.report.done(
        message=f"published the home page ({', '.join(published)}) with its features" if published
        else "the home pages were already published"
    )


def build_settings(context):
    context.report.step("Navigation and footer")
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    if not navigation.primary_links:
        navigation.primary_links = context.stream(("link", _link(context, target)) for target in NAVIGATION)
        navigation.save()
        context.report.count("site settings", created=1)
    else:
        context.report.count("site settings", existing=1)
    footer = FooterSettings.for_site(site)
    if not footer.columns:
        footer.columns = _footer_columns(context, FOOTER["columns"])
        footer.contact_email = FOOTER["contact_email"]
        footer.contact_phone = FOOTER["contact_phone"]
        footer.legal_text = FOOTER["legal_text"]
        footer.save()
        context.report.count("site settings", created=1)
    else:
        context.report.count("site settings", existing=1)
    written = {version.locale.language_code for version in footer.translations.select_related("locale")}
    for language, text in FOOTER_TRANSLATIONS.items():
        if language in written:
            context.report.count("footer translations", existing=1)
            continue
        footer.translations.add(FooterTranslation(
            locale=Locale.objects.get(language_code=language),
            columns=_footer_columns(context, text["columns"]),
            legal_text=text["legal_text"],
        ))
        footer.save()
        context.report.count("footer translations", created=1)
    context.report.done("site settings", "footer translations")


def _footer_columns(context, columns):
    return context.stream(
        ("column", {
            "title": title,
            "links": [{"type": "item", "value": _link(context, target), "id": context.block_id()}
                      for target in targets],
        })
        for title, targets in columns
    )


def _link(context, target):
    """A LinkBlock value: a page of the demo (English; shown in the shopper's language) or
    an external (label, url)."""
    if isinstance(target, tuple):
        label, url = target
        return {"label": label, "page": None, "url": url}
    if target == "stores":
        page = context.store_index["en"]
    elif target.startswith("policy:"):
        page = context.policies[target.split(":", 1)[1]]["en"]
    else:
        page = context.sections[target]["en"]
    return {"label": "", "page": page.pk, "url": ""}

