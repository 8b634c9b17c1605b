from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from storefront_api.persisted_queries import operation_names, query_hash, register
from storefront_api.validation import document_errors


class Command(BaseCommand):
    help = (
        "Register every .graphql file under a folder (recursively) as a persisted query, the only "
        "queries that run when STOREFRONT_API['PERSISTED_QUERIES'] is registered-only. Each file is "
        "validated against the schema first; when any is refused, nothing is registered."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", type=Path, help="Folder holding the .graphql files (one operation per file, as clients send it)."
        )

    def handle(self, *args, folder, **options):
        from storefront_api.schema import schema

        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        files = sorted(folder.rglob("*.graphql"))
        if not files:
            raise CommandError(f"No .graphql files under {folder}.")
        texts = {path: path.read_text(encoding="utf-8") for path in files}
        problems = [
            f"{path.relative_to(folder)}: {message}"
            for path, text in texts.items()
            for message in document_errors(text, schema)
        ]
        if problems:
            raise CommandError("Nothing registered; these files are refused:\n" + "\n".join(problems))
        outcome = register(texts.values())
        for path, text in texts.items():
            self.stdout.write(f"{query_hash(text)}  {path.relative_to(folder)}  {operation_names(text)}")
        self.stdout.write(
            f"{len(outcome.new)} new, {len(outcome.promoted)} promoted from automatic, {len(outcome.unchanged)} unchanged."
        )
