from django.core.management.base import BaseCommand

from storefront_api.models import PersistedQuery
from storefront_api.persisted_queries import clear, operation_names
from storefront_api.settings import api_setting

SOURCES = {
    "automatic": [PersistedQuery.Source.AUTOMATIC],
    "registered": [PersistedQuery.Source.REGISTERED],
    "all": [PersistedQuery.Source.AUTOMATIC, PersistedQuery.Source.REGISTERED],
}


class Command(BaseCommand):
    help = (
        "See or clear the persisted queries (storefront_api/persisted_queries.py). `list` counts them by "
        "source against the cap and lists the most recently used; `clear` removes the automatic ones "
        "(clients send them again with their text), or the registered ones with --source registered "
        "(then run register_queries again)."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        listing = commands.add_parser("list", help="Counts, the cap, and the most recently used queries.")
        listing.add_argument("--source", choices=sorted(SOURCES), default="all")
        listing.add_argument("--limit", type=int, default=20, help="Queries to list (default 20; 0: counts only).")
        clearing = commands.add_parser("clear", help="Remove stored queries (automatic ones unless told otherwise).")
        clearing.add_argument("--source", choices=sorted(SOURCES), default="automatic")

    def handle(self, *args, command, source, **options):
        if command == "clear":
            removed = clear(SOURCES[source])
            self.stdout.write(f"Removed {removed} {source} persisted quer{'y' if removed == 1 else 'ies'}.")
            return
        cap = api_setting("PERSISTED_QUERIES_MAX")
        automatic = PersistedQuery.objects.filter(source=PersistedQuery.Source.AUTOMATIC).count()
        registered = PersistedQuery.objects.filter(source=PersistedQuery.Source.REGISTERED).count()
        self.stdout.write(
            f"{automatic} automatic (cap {cap or 'none'}), {registered} registered; "
            f"mode {api_setting('PERSISTED_QUERIES')}."
        )
        queries = PersistedQuery.objects.filter(source__in=SOURCES[source]).order_by("-last_used_at", "-pk")
        for query in queries[: options["limit"]]:
            self.stdout.write(
                f"{query.sha256}  {query.source:<10}  last used {query.last_used_at:%Y-%m-%d %H:%M}  "
                f"{operation_names(query.query)}"
            )
