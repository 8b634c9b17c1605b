from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from storefront_api.sdl import default_schema_path, schema_sdl


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) to schema.graphql at the repository root, for frontend code generators."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="Where to write it (default: schema.graphql at the repository root).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with an error when the file differs from the live schema.",
        )

    def handle(self, *args, output=None, check=False, **options):
        path = output or default_schema_path()
        sdl = schema_sdl()
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != sdl:
                state = "is missing" if current is None else "differs from the live schema"
                raise CommandError(f"{path} {state}. Run `python manage.py export_schema` and commit it.")
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(sdl, encoding="utf-8")
        self.stdout.write(f"Wrote the schema to {path}.")
