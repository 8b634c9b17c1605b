"""Import stock levels from a CSV or JSON Lines file of any size.

The file is read one line at a time and sent in chunks through the same function as the
HTTP API (``cms.catalog.stock.ingest_stock_batch``) with the partial error policy: valid rows
are applied, bad ones reported with their line numbers. No idempotency key is used: the
command is run by an operator, and running a file again is already harmless, since rows
not newer than the stored levels change nothing (they count as unchanged or stale).
"""

import io
import os
import time

from django.core.management.base import BaseCommand, CommandError

from cms.catalog.stock import PARTIAL, StockBatchError, ingest_stock_batch
from cms.catalog.stock_files import FORMATS, StockFileError, file_format, read_stock_file

COUNTS = ("applied", "unchanged", "stale", "rejected")


class Progress:
    """A one-line progress bar on stderr: share of the file read, rows and rows per second."""

    def __init__(self, stream, total_bytes, enabled=True):
        self.stream, self.total_bytes, self.enabled = stream, total_bytes, enabled  # stream: an OutputWrapper
        self.started = time.monotonic()

    def rate(self, rows):
        return rows / max(time.monotonic() - self.started, 1e-9)

    def update(self, rows, bytes_read, counts):
        if not self.enabled:
            return
        share = min(bytes_read / self.total_bytes, 1.0) if self.total_bytes else 1.0
        filled = int(share * 30)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} {rows:,} rows {self.rate(rows):,.0f} rows/s "
            f"applied {counts['applied']:,} stale {counts['stale']:,} rejected {counts['rejected']:,}",
            ending="",
        )
        self.stream.flush()

    def finish(self):
        if self.enabled:
            self.stream.write("")
            self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import stock levels from FILE: CSV with the header store,sku,quantity,source_updated_at, or JSON Lines "
        "with the same keys. store is the store page's slug in the default language. Streams the file in chunks; "
        "a row is applied only when newer than the stored level."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, help="csv or jsonl (default: from the file name)")
        parser.add_argument("--chunk-size", type=int, default=5_000, help="rows per transaction (default 5000)")
        parser.add_argument("--show-errors", type=int, default=20, help="how many errors to list (default 20)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    def handle(self, *args, file, format, chunk_size, show_errors, no_progress, **options):
        if chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1.")
        try:
            fmt = file_format(file, format)
            raw = open(file, "rb")
        except (StockFileError, OSError) as error:
            raise CommandError(str(error)) from error
        counts = dict.fromkeys(COUNTS, 0)
        errors = []
        progress = Progress(self.stderr, os.fstat(raw.fileno()).st_size, enabled=not no_progress)
        total = 0

        def send(rows, numbers):
            try:
                result = ingest_stock_batch(rows, error_policy=PARTIAL, row_numbers=numbers, max_rows=0)
            except StockBatchError as error:  # not expected for a well-formed chunk
                raise CommandError(error.message) from error
            for name in COUNTS:
                counts[name] += getattr(result, name)
            errors.extend(result.errors[: max(show_errors - len(errors), 0)])

        with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
            rows, numbers = [], []
            try:
                for number, row, error in read_stock_file(text, fmt):
                    total += 1
                    if error is not None:
                        counts["rejected"] += 1
                        if len(errors) < show_errors:
                            errors.append(error)
                    else:
                        rows.append(row)
                        numbers.append(number)
                    if len(rows) >= chunk_size:
                        send(rows, numbers)
                        rows, numbers = [], []
                        progress.update(total, raw.tell(), counts)
                if rows:
                    send(rows, numbers)
            except StockFileError as error:
                raise CommandError(str(error)) from error
            except UnicodeDecodeError as error:
                raise CommandError(f"{file} is not UTF-8 text: {error}") from error
            progress.update(total, raw.tell(), counts)
            progress.finish()

        elapsed = time.monotonic() - progress.started
        self.stdout.write(
            f"{total:,} rows in {elapsed:.1f} s ({progress.rate(total):,.0f} rows/s): "
            f"applied {counts['applied']:,}, unchanged {counts['unchanged']:,}, "
            f"stale {counts['stale']:,}, rejected {counts['rejected']:,}"
        )
        if errors:
            shown = f"first {len(errors)} " if counts["rejected"] > len(errors) else ""
            self.stdout.write(f"Errors ({shown}by line):")
            for error in sorted(errors, key=lambda error: error["row"]):
                field = f" {error['field']}:" if error["field"] else ""
                self.stdout.write(f"  line {error['row']}:{field} {error['message']}")
