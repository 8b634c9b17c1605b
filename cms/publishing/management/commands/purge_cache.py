from django.core.management.base import BaseCommand

from cms.publishing.outbox import run_worker
from cms.publishing.purges import purge_due, purging_enabled, remove_old_purges


class Command(BaseCommand):
    help = (
        "Tell the CDN (CDN_PURGER) what changed: send due cache purges, their keys merged, with "
        "retries and backoff, and remove finished ones after a week. Runs until stopped; --once "
        "sends what is due and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
        parser.add_argument("--interval", type=float, default=0.5, help="Seconds to wait when nothing is due.")

    def handle(self, *args, once=False, interval=0.5, **options):
        if not purging_enabled():
            self.stdout.write("No CDN purger is configured (CDN_PURGER=none): nothing is queued to purge.")
        sent = run_worker(purge_due, remove_old_purges, once=once, interval=interval)
        self.stdout.write(f"Attempted {sent} cache purges.")
