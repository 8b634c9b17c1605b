"""A translation links to translations.

Wagtail's "Translate" action (``wagtail.contrib.simple_translation``, which runs
``CopyPageForTranslationAction`` for pages and ``copy_for_translation`` for snippets) copies
a page's or snippet's relations as they are: an Italian store would keep the English
services, an Italian gift guide the English products. wagtail-localize does no better for
many-to-many fields (its issues 534 and 820) or inline panels (issue 710), and refuses to
translate a foreign key or chooser block whose object has no version in the target language.

Here, once Wagtail has made the copy (its ``copy_for_translation_done`` signal), every link
to a translatable object moves to that object's version in the target language (the same
``translation_key``). A link whose object has no version there stays on the original, so
nothing is lost; the content checks on the translation's edit view name each of them
(cms/core/content_checks.py) until the editor translates or replaces it.
"""

from wagtail.models import Page, Revision
from wagtail.signals import copy_for_translation_done

from .relations import move_to_locale


def localize_translation_links(sender, source_obj, target_obj, **kwargs):
    move_to_locale(target_obj, target_obj.locale)
    if isinstance(target_obj, Page):
        # Wagtail has saved the page copy and a revision of it; the editor opens that
        # revision, so it must carry the same links as the page.
        target_obj.save(clean=False)
        if target_obj.latest_revision_id:
            Revision.objects.filter(pk=target_obj.latest_revision_id).update(content=target_obj.serializable_data())
    # Snippets: the copy is unsaved here and the translate view saves it.


def connect_signals():
    copy_for_translation_done.connect(localize_translation_links, dispatch_uid="core_localize_translation_links")
