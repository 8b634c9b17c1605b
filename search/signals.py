"""Signal handlers that queue search index updates (search/indexing.py) for every change a
shopper could see in search: pages published, unpublished, moved, renamed, deleted or made
private; products, categories and services saved or deleted; sites changed.

Stock levels are not in the documents, so stock changes need nothing here.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.catalog.models import Category, Product
from cms.stores.models import Service, StorePage

from . import indexing
from .backends.base import DocumentRef
from .documents import PAGE_MODELS

PAGE_CLASSES = (Page, *PAGE_MODELS, StorePage)


def page_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    indexing.queue([DocumentRef("store" if isinstance(instance, StorePage) else "page", instance.pk)])


def page_subtree_changed(sender, instance, **kwargs):
    indexing.queue(indexing.page_subtree_refs(instance))


def page_moved(sender, instance, **kwargs):
    indexing.queue(indexing.page_subtree_refs(instance))


def restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.queue(indexing.page_subtree_refs(page))


def product_changed(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        indexing.queue([DocumentRef("product", instance.pk)])


def category_changed(sender, instance, **kwargs):
    """A category's name, slug or parent is in the documents of its products and of the
    products of every category below it."""
    if kwargs.get("raw"):
        return
    children = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    subtree, todo = set(), [instance.pk]
    while todo:
        pk = todo.pop()
        if pk not in subtree:
            subtree.add(pk)
            todo += children.get(pk, [])
    products = Product.objects.filter(category_id__in=subtree).values_list("pk", flat=True)
    indexing.queue([DocumentRef("product", pk) for pk in products])


def service_changed(sender, instance, **kwargs):
    stores = StorePage.objects.filter(services=instance).values_list("pk", flat=True)
    indexing.queue([DocumentRef("store", pk) for pk in stores])


def store_services_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, StorePage):
        indexing.queue([DocumentRef("store", instance.pk)])


def site_changed(sender, instance, **kwargs):
    """A site's root decides which pages and stores it shows: all of them may change."""
    rows = Page.objects.type(*PAGE_MODELS, StorePage).values_list("pk", "content_type__model")
    indexing.queue([DocumentRef("store" if model == "storepage" else "page", pk) for pk, model in rows])


def connect():
    for model in PAGE_CLASSES:
        post_save.connect(page_changed, sender=model, dispatch_uid=f"search_page_saved_{model._meta.label}")
        pre_delete.connect(page_subtree_changed, sender=model, dispatch_uid=f"search_page_deleted_{model._meta.label}")
    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
    page_slug_changed.connect(page_moved, dispatch_uid="search_page_slug_changed")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    post_save.connect(product_changed, sender=Product, dispatch_uid="search_product_saved")
    post_delete.connect(product_changed, sender=Product, dispatch_uid="search_product_deleted")
    post_save.connect(category_changed, sender=Category, dispatch_uid="search_category_saved")
    pre_delete.connect(category_changed, sender=Category, dispatch_uid="search_category_deleted")
    post_save.connect(service_changed, sender=Service, dispatch_uid="search_service_saved")
    pre_delete.connect(service_changed, sender=Service, dispatch_uid="search_service_deleted")
    m2m_changed.connect(store_services_changed, sender=StorePage.services.through, dispatch_uid="search_store_services")
    post_save.connect(site_changed, sender=Site, dispatch_uid="search_site_saved")
    post_delete.connect(site_changed, sender=Site, dispatch_uid="search_site_deleted")
