"""Search index maintenance.

- ``rebuild``: every document from the database (search.documents.all_documents) into a new
  index of the configured backend, swapped in when complete (searches keep answering), then
  the same for the database fallback if another backend is configured. Pending operations
  recorded before the rebuild started are covered by it and cleared.
- ``sync``: replay the pending operations (recorded while the backend was down) from the
  database's current state.
- ``status``: the backend, whether it answers, each node's answer, the replicas and the
  circuit breakers (Elasticsearch), documents in the index against the database per type,
  and pending operations.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Locale

from search import documents, indexing
from search.backends.base import DOCUMENT_TYPES, SearchRequest, SearchUnavailable
from search.models import PendingIndexOperation
from search.service import get_fallback_backend, get_search_backend
from search.settings import search_setting


class Progress:
    """A one-line progress bar on stderr: documents written of the total, documents per second."""

    def __init__(self, stream, enabled=True):
        self.stream, self.enabled = stream, enabled
        self.started = time.monotonic()

    def __call__(self, done, total):
        if not self.enabled:
            return
        share = min(done / total, 1.0) if total else 1.0
        filled = int(share * 30)
        rate = done / max(time.monotonic() - self.started, 1e-9)
        self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} {done:,}/{total:,} documents {rate:,.0f}/s", ending="")
        self.stream.flush()


def indexed_counts(backend):
    """``{type: documents}`` in ``backend``, from the type facet of a search per language (any
    backend answers that, without a method of its own)."""
    counts = dict.fromkeys(DOCUMENT_TYPES, 0)
    for language in Locale.objects.values_list("language_code", flat=True):
        response = backend.search(SearchRequest(locale=language, limit=1))
        for value in response.facets.get("type", []):
            counts[value.value] += value.count
    return counts


class Command(BaseCommand):
    help = "Rebuild the search index, replay pending index operations, or show the index status."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync", "status"])
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar on stderr.")

    def handle(self, *args, action, no_progress=False, **options):
        return getattr(self, action)(progress=not no_progress)

    def rebuild(self, progress):
        started_at = timezone.now()
        total = sum(documents.count_documents().values())
        configured, fallback = get_search_backend(), get_fallback_backend()
        backends = [configured] if configured.name == fallback.name else [configured, fallback]
        for backend in backends:
            bar = Progress(self.stderr, enabled=progress)
            try:
                report = backend.rebuild(documents.all_documents(), total=total, progress=bar)
            except SearchUnavailable as error:
                raise CommandError(f"The {backend.name} backend is unavailable: {error}") from error
            if progress:
                self.stderr.write("")
            rate = report.documents / max(report.seconds, 1e-9)
            where = f" into {report.index}" if report.index else ""
            self.stdout.write(
                f"{backend.name}: rebuilt {report.documents:,} documents{where} in {report.seconds:.1f} s ({rate:,.0f} documents/s)"
            )
        cleared, _ = PendingIndexOperation.objects.filter(last_failed_at__lte=started_at).delete()
        if cleared:
            self.stdout.write(f"Cleared {cleared:,} pending operation(s) the rebuild covered.")

    def sync(self, progress):
        pending = PendingIndexOperation.objects.count()
        replayed, remaining = indexing.replay_pending(
            progress=(lambda done: self.stderr.write(f"\rreplayed {done:,}/{pending:,}", ending="")) if progress else None
        )
        if progress and replayed:
            self.stderr.write("")
        self.stdout.write(f"Replayed {replayed:,} pending operation(s); {remaining:,} remaining.")
        if remaining:
            raise CommandError(f"{remaining:,} operation(s) could not be replayed: is the {get_search_backend().name} backend reachable?")

    def status(self, progress):
        backend = get_search_backend()
        available = backend.is_available()
        self.stdout.write(f"Backend: {backend.name} ({search_setting('BACKEND')})")
        self.stdout.write(f"Reachable: {'yes' if available else 'no'}")
        for line in backend.diagnostics():
            self.stdout.write(line)
        in_database = documents.count_documents()
        try:
            in_index = indexed_counts(backend) if available else {}
        except SearchUnavailable:
            in_index = {}
        self.stdout.write(f"{'type':<10}{'index':>10}{'database':>10}")
        for kind in DOCUMENT_TYPES:
            indexed = in_index.get(kind)
            self.stdout.write(f"{kind:<10}{'?' if indexed is None else indexed:>10}{in_database[kind]:>10}")
        pending = PendingIndexOperation.objects.order_by("first_failed_at")
        oldest = pending.first()
        since = f", the oldest since {oldest.first_failed_at:%Y-%m-%d %H:%M:%S} UTC" if oldest else ""
        self.stdout.write(f"Pending operations: {pending.count()}{since}")
