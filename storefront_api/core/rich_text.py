"""Rich text as the API serves it: internal links as real URLs, in the content's language.

Wagtail expands each rich text value on its own, and a page link costs queries each time
(the page, its specific type, the active locale twice): a story of twenty linked
paragraphs cost four queries a paragraph. Here page links are resolved through a
per-request loader: streams announce the links their rich text holds when they are primed
(``storefront_api/blocks/streams.py``), and the first expansion resolves every announced
link at once. The hrefs are Wagtail's: the linked page's live version in the content's
language, else the page itself.
"""

from collections import defaultdict

from django.utils import translation
from django.utils.html import escape
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page
from wagtail.rich_text import extract_references_from_rich_text, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from cms.publishing import surrogate_keys

from .loaders import RequestLoader


class PageLinkLoader(RequestLoader):
    """Keys are (language code, page id as the rich text writes it); values the href of
    the link, or None when the page no longer exists or has no URL."""

    def batch_load(self, keys):
        ids = {page_id for _language, page_id in keys if page_id.isdigit()}
        pages = {str(page.pk): page for page in Page.objects.filter(pk__in=ids).defer_streamfields().specific()}
        by_language = defaultdict(list)
        for language, page_id in keys:
            if page_id in pages:
                by_language[language].append(pages[page_id])
        found = {}
        for language, linked in by_language.items():
            versions = _live_versions_in(_locale_for(language), linked)
            for page in linked:
                found[(language, str(page.pk))] = versions.get(page.translation_key, page).url
        return found


def _locale_for(language_code):
    try:
        return Locale.objects.get_for_language(language_code)
    except (Locale.DoesNotExist, LookupError):
        return Locale.get_default()


def _live_versions_in(locale, pages):
    """{translation key: live version in ``locale``} of ``pages`` written in another language
    (``Page.localized`` for many pages at once)."""
    keys = {page.translation_key for page in pages if page.locale_id != locale.pk}
    if not keys:
        return {}
    versions = Page.objects.filter(translation_key__in=keys, locale=locale).live().defer_streamfields().specific()
    return {version.translation_key: version for version in versions}


def page_link_keys(value, language_code):
    """The ``PageLinkLoader`` keys of the page links in rich text ``value``."""
    if "linktype=" not in (value or ""):
        return []
    return [
        (language_code, str(object_id))
        for model, object_id, *_path in extract_references_from_rich_text(value)
        if issubclass(model, Page)
    ]


def _rewriter(context, language_code):
    """Wagtail's rewriter with page links read from the request's ``PageLinkLoader``."""
    loader = PageLinkLoader.for_request(context)

    def page_links(attrs_list):
        hrefs = loader.load_many((language_code, str(attrs.get("id"))) for attrs in attrs_list)
        return ["<a>" if href is None else f'<a href="{escape(href)}">' for href in hrefs]

    link_rules = {linktype: handler.expand_db_attributes_many for linktype, handler in features.get_link_types().items()}
    embed_rules = {embedtype: handler.expand_db_attributes_many for embedtype, handler in features.get_embed_types().items()}
    return MultiRuleRewriter([
        LinkRewriter(bulk_rules={**link_rules, "page": page_links}),
        EmbedRewriter(bulk_rules=embed_rules),
    ])


def rich_text_html(value, language_code, context):
    """Rich text as HTML with internal page and document links turned into real URLs. A link
    to a page follows the content's language (the page's published translation in it), never
    the request's; the response depends on the pages and images the text names. Page links
    are resolved with every other link the request's ``context`` was told of."""
    value = value or ""
    if "linktype=" in value or "embedtype=" in value:
        for model, object_id, *_path in extract_references_from_rich_text(value):
            if issubclass(model, Page):
                surrogate_keys.record(surrogate_keys.page(object_id))
            elif issubclass(model, AbstractImage):
                surrogate_keys.record(surrogate_keys.image(object_id))
    else:
        return value
    with translation.override(language_code):
        return _rewriter(context, language_code)(value)
