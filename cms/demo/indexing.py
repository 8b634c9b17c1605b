"""Search and reference indexing, deferred to the end of a bulk load.

Normally every save updates Wagtail's search index and reference index straight away; a
page that is created, copied for translation and published is indexed several times. While
the demo loads, saves are only recorded; each object is indexed once at the end, in bulk.
Objects created with ``bulk_create`` send no signals, so the loader records them itself.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


class DeferredIndex:
    def __init__(self):
        self.pending = defaultdict(set)  # model -> primary keys

    def record(self, instance):
        self.pending[type(instance)].add(instance.pk)

    def record_all(self, instances):
        for instance in instances:
            self.record(instance)

    def _on_save(self, sender, instance, raw=False, **kwargs):
        if not raw and (search_index.class_is_indexed(sender) or ReferenceIndex.is_indexed(sender)):
            self.record(instance)

    def flush(self):
        """Index everything recorded; returns the number of objects indexed."""
        backends = list(get_search_backends(with_auto_update=True))
        total = 0
        for model, pks in self.pending.items():
            if search_index.class_is_indexed(model) and getattr(model, "search_auto_update", True):
                objects = list(model.get_indexed_objects().filter(pk__in=pks))
                for backend in backends:
                    backend.add_bulk(model, objects)
            if ReferenceIndex.is_indexed(model):
                for instance in model._default_manager.filter(pk__in=pks):
                    ReferenceIndex.create_or_update_for_object(instance)
            total += len(pks)
        self.pending.clear()
        return total


@contextmanager
def deferred_indexing():
    """Record saves instead of indexing them; index once, in bulk, when the block ends
    without an error."""
    deferred = DeferredIndex()
    disconnected = [
        model
        for model in search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    post_save.connect(deferred._on_save, dispatch_uid="demo-deferred-indexing")
    try:
        with disable_reference_index_auto_update():
            yield deferred
    finally:
        post_save.disconnect(dispatch_uid="demo-deferred-indexing")
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
    deferred.flush()
