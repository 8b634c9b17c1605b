"""Adding many pages below one parent without ``add_child`` per page.

Wagtail keeps pages in a treebeard materialised-path tree: a page's ``path`` is its
parent's path plus a 4-character base-36 step (``Page.steplen``, ``Page.alphabet``), its
``depth`` is one more than the parent's, and the parent's ``numchild`` counts its children.
``url_path`` is the parent's plus the slug. Here the base ``wagtailcore_page`` rows are
created with ``bulk_create`` and then the subclass's own rows, keyed by ``page_ptr_id``,
with a plain INSERT (Django's ``bulk_create`` refuses multi-table inherited models).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from wagtail.models import Page

from .rows import insert_instances


def bulk_add_children(parent, pages, batch_size=2000, using="default", on_batch=None):
    """Insert unsaved ``pages`` (all of one Page subclass, with ``slug`` and ``title`` set)
    as the last children of ``parent``. Sets path, depth, url_path, content type and draft
    title on each and returns them saved (with ``pk``). ``parent.numchild`` is updated."""
    if not pages:
        return pages
    model = type(pages[0])
    if any(type(page) is not model for page in pages):
        raise ValueError("bulk_add_children takes pages of one model at a time.")
    parent = Page.objects.get(pk=parent.pk)  # the current numchild and path
    last = parent.get_last_child()
    first_step = (Page._str2int(last.path[-Page.steplen:]) + 1) if last is not None else 1
    content_type = ContentType.objects.get_for_model(model)
    depth = parent.depth + 1
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    for offset, page in enumerate(pages):
        page.path = Page._get_path(parent.path, depth, first_step + offset)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.draft_title = page.title
        page.locale_id = page.locale_id or parent.locale_id
    for start in range(0, len(pages), batch_size):
        chunk = pages[start:start + batch_size]
        bases = [Page(**{field.attname: getattr(page, field.attname) for field in base_fields}) for page in chunk]
        Page.objects.using(using).bulk_create(bases)
        for page, base in zip(chunk, bases):
            page.pk = page.id = page.page_ptr_id = base.pk
        if model is not Page:
            insert_instances(model, chunk, using=using)
        if on_batch is not None:
            on_batch(len(chunk))
    Page.objects.using(using).filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    for page in pages:
        page._state.adding = False
        page._state.db = using
    return pages
