from django.core.management.base import BaseCommand

from cms.publishing.delivery import deliver_due, remove_old_events
from cms.publishing.outbox import run_worker


class Command(BaseCommand):
    help = (
        "Send pending webhook deliveries (with retries and backoff) and remove content events "
        "older than the retention. Runs until stopped; --once sends what is due and exits (cron, tests)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds to wait when nothing is due.")

    def handle(self, *args, once=False, interval=2.0, **options):
        def clean_up():
            removed = remove_old_events()
            if removed:
                self.stdout.write(f"Removed {removed} old content events.")

        sent = run_worker(deliver_due, clean_up, once=once, interval=interval)
        self.stdout.write(f"Attempted {sent} webhook deliveries.")
