import time

from django.core.management.base import BaseCommand

from cms.publishing.delivery import deliver_due, remove_old_events


class Command(BaseCommand):
    help = (
        "Send pending webhook deliveries (with retries and backoff) and remove content events "
        "older than the retention. Runs until stopped; --once sends what is due and exits (cron, tests)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now, then exit.")
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds to wait when nothing is due.")

    def handle(self, *args, once=False, interval=2.0, **options):
        removed = remove_old_events()
        if removed:
            self.stdout.write(f"Removed {removed} old content events.")
        last_cleanup = time.monotonic()
        sent = 0
        while True:
            attempted = deliver_due()
            sent += attempted
            if once and not attempted:
                break
            if not attempted:
                time.sleep(interval)
            if time.monotonic() - last_cleanup > 3600:
                remove_old_events()
                last_cleanup = time.monotonic()
        self.stdout.write(f"Attempted {sent} webhook deliveries.")
