"""Keeping the search index in step with the database, after each commit.

``queue(refs)`` (called by the signal handlers in search/signals.py) collects the documents a
change touches; when the transaction commits they are re-read from the database
(documents.documents_for) and indexed, or deleted when they must no longer be found.

Two backends are written: the database backend (the fallback that answers while
Elasticsearch is down, so it must be current too) and the configured one if it is another.

Nothing is lost: when the configured backend refuses (unreachable, timed out, any error), the
refs are recorded as PendingIndexOperation rows and the save or publish goes on. They are
replayed by ``manage.py search_index sync``, and automatically after a later successful index
operation, at most every SEARCH["PENDING_REPLAY_INTERVAL"] seconds per process. Replay reads
the current state of each row, so several missed changes of one document become one write.

The write happens in the request that committed, and never holds it long: Elasticsearch
gives each node SEARCH["OPTIONS"]["TIMEOUT"] (half a second by default), and once its circuit
breaker for index writes is open it is not asked at all (search/breaker.py), so a publish
costs its database work and one insert per document. Writing in the request keeps a
published page searchable at once with no worker process to run; the pending operations are
the queue that catches up, one mechanism for both.
"""

import logging
import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import documents
from .backends.base import DocumentRef
from .breaker import CircuitOpen
from .models import PendingIndexOperation
from .service import get_fallback_backend, get_search_backend
from .settings import search_setting

logger = logging.getLogger(__name__)

REPLAY_BATCH = 500
_last_replay = {"at": 0.0, "running": False}


def queue(refs):
    """Index (or delete) ``refs`` once the current transaction commits (at once outside one).
    Refs queued in one transaction are written together, once."""
    if not search_setting("AUTO_UPDATE"):
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Join the transaction's latest batch. Savepoints nest, so that batch belongs to the
        # current savepoint or one of its ancestors, or to a released one: whatever drops it
        # on rollback drops the changes queued now as well.
        batches = [callback for _, callback, _ in connection.run_on_commit if isinstance(callback, Batch)]
        if batches and not batches[-1].done:
            batches[-1].refs.update(refs)
            return
    transaction.on_commit(Batch(refs), robust=True)


class Batch:
    """The refs changed in one transaction, written after it commits."""

    def __init__(self, refs):
        self.refs = set(refs)
        self.done = False

    def __call__(self):
        self.done = True
        if self.refs:
            update(self.refs)

    def __repr__(self):
        return f"search index update of {len(self.refs)} document(s)"


def update(refs):
    """Bring ``refs`` in every backend to the database's current state. Never raises for the
    configured backend: a failure is recorded for replay. Returns True if it succeeded."""
    refs = list(refs)
    current = documents.documents_for(refs)
    to_index = [document for document in current.values() if document is not None]
    to_delete = [ref for ref, document in current.items() if document is None]
    configured, fallback = get_search_backend(), get_fallback_backend()
    if configured.name != fallback.name:
        write(fallback, to_index, to_delete)
    try:
        write(configured, to_index, to_delete)
    except Exception as error:  # noqa: BLE001 - whatever the engine's failure, record and go on
        record_pending(to_index, to_delete, error)
        log = logger.info if isinstance(error, CircuitOpen) else logger.warning  # the breaker logged its opening
        log("Search index update of %d document(s) failed (%s); recorded for replay", len(refs), error)
        return False
    PendingIndexOperation.objects.filter(pk__in=pending_ids(refs)).delete()
    replay_if_due()
    return True


def write(backend, to_index, to_delete):
    if to_index:
        backend.index(to_index)
    if to_delete:
        backend.delete(to_delete)


def pending_ids(refs):
    by_type = {}
    for ref in refs:
        by_type.setdefault(ref.type, []).append(ref.id)
    ids = []
    for kind, numbers in by_type.items():
        ids += PendingIndexOperation.objects.filter(ref_type=kind, ref_id__in=numbers).values_list("pk", flat=True)
    return ids


def record_pending(to_index, to_delete, error):
    actions = [(document.ref, PendingIndexOperation.INDEX) for document in to_index]
    actions += [(ref, PendingIndexOperation.DELETE) for ref in to_delete]
    message = f"{type(error).__name__}: {error}"[:2000]
    for ref, action in actions:
        updated = PendingIndexOperation.objects.filter(ref_type=ref.type, ref_id=ref.id).update(
            action=action, attempts=F("attempts") + 1, last_error=message, last_failed_at=timezone.now()
        )
        if not updated:
            PendingIndexOperation.objects.create(ref_type=ref.type, ref_id=ref.id, action=action, last_error=message)


def replay_if_due():
    interval = search_setting("PENDING_REPLAY_INTERVAL")
    if _last_replay["running"] or time.monotonic() - _last_replay["at"] < interval:
        return
    if not PendingIndexOperation.objects.exists():
        return
    _last_replay.update(at=time.monotonic(), running=True)
    try:
        replay_pending()
    finally:
        _last_replay["running"] = False


def replay_pending(progress=None):
    """Replay every recorded operation from the database's current state, in batches.
    Returns ``(replayed, remaining)``; stops at the first batch the backend refuses."""
    replayed = 0
    seen_up_to = 0
    while True:
        batch = list(PendingIndexOperation.objects.filter(pk__gt=seen_up_to).order_by("pk")[:REPLAY_BATCH])
        if not batch:
            break
        seen_up_to = batch[-1].pk
        if not update([DocumentRef(operation.ref_type, operation.ref_id) for operation in batch]):
            break
        replayed += len(batch)
        if progress:
            progress(replayed)
    return replayed, PendingIndexOperation.objects.count()


# --- what a change touches -------------------------------------------------------------------


def page_subtree_refs(page):
    """Refs of ``page`` and every page below it (a move or a privacy change affects them all)."""
    from wagtail.models import Page

    from cms.stores.models import StorePage

    store_type = StorePage._meta.label_lower
    rows = Page.objects.descendant_of(page, inclusive=True).values_list("pk", "content_type__app_label", "content_type__model")
    return [DocumentRef("store" if f"{app}.{model}" == store_type else "page", pk) for pk, app, model in rows]
