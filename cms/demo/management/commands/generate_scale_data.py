import sys

from django.core.management.base import BaseCommand

from cms.demo.scale.generate import INDEX_SLUG, ScaleGenerator, ScaleOptions, find_scale_data, remove_scale_data

from .load_demo import quiet_logger


class Command(BaseCommand):
    help = """Generate scale data for benchmarks: stores around ~120 real city centres on every
continent (below a store index of their own, slug "scale-stores"), a catalogue and stock
levels, in the default (English) locale. Inserted in bulk in one transaction, without
search indexing (run `manage.py update_index` afterwards if search should see them).
The same --seed and sizes give the same data. Refuses to run again while scale data
exists, unless --replace."""

    def add_arguments(self, parser):
        parser.add_argument("--stores", type=int, default=10_000, help="Number of stores (default 10,000).")
        parser.add_argument("--products", type=int, default=100_000, help="Number of products (default 100,000).")
        parser.add_argument(
            "--stock-rows", type=int, default=2_000_000, help="Number of stock levels (default 2,000,000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--replace", action="store_true", help="Delete existing scale data first.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bars on stderr.")

    def handle(self, *args, **options):
        existing = find_scale_data()
        if existing["index"] or existing["products"] or existing["categories"]:
            if not options["replace"]:
                self.stdout.write(self.style.WARNING(
                    f"Scale data already exists ({existing['stores']:,} stores below “{INDEX_SLUG}”, "
                    f"{existing['products']:,} products): nothing to do. Use --replace to drop and recreate it."
                ))
                return
            with quiet_logger("wagtail", enabled=options["verbosity"] < 3):
                remove_scale_data(write=self.stdout.write)
        scale = ScaleOptions(
            stores=options["stores"], products=options["products"], stock_rows=options["stock_rows"],
            seed=options["seed"],
        )
        generator = ScaleGenerator(
            scale, write=self.stdout.write, progress_stream=sys.stderr,
            show_progress=not options["no_progress"] and options["verbosity"] >= 1,
        )
        with quiet_logger("wagtail", enabled=options["verbosity"] < 3):
            report = generator.run()
        if options["verbosity"] >= 1:
            for part, count in report.counts.items():
                seconds = report.seconds.get(part)
                timing = f"  {seconds:7.1f} s  {count / seconds if seconds else 0:>10,.0f} rows/s" if seconds else ""
                self.stdout.write(f"{part:<18} {count:>10,}{timing}")
        self.stdout.write(self.style.SUCCESS(
            f"Scale data generated in {report.seconds['total']:.1f} s (seed {scale.seed})."
        ))
