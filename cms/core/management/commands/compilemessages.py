"""``manage.py compilemessages`` for this project: Django's command with the same options,
compiling the project's own catalogs with Babel instead of GNU gettext's msgfmt.

So it needs nothing but the project's Python packages (``make demo`` on a fresh machine),
and it looks only at the project's catalogs (``settings.LOCALE_PATHS`` and each app's
``locale/``), never at a virtualenv or ``node_modules`` below the working directory. Like
msgfmt's ``--check-format`` it refuses a translation that drops or renames a placeholder.
"""

from django.core.management.base import CommandError
from django.core.management.commands import compilemessages
from django.core.management.utils import is_ignored_path

from cms.core.catalogs import catalog_paths, compile_catalog, project_locale_dirs


class Command(compilemessages.Command):
    help = (
        "Compiles the project's .po files (settings.LOCALE_PATHS and each app's locale/ folder) "
        "to the .mo files Django reads, with Babel: GNU gettext is not needed."
    )

    def handle(self, **options):
        verbosity = options["verbosity"]
        ignore_patterns = set(options["ignore_patterns"])
        paths = [
            path
            for path in catalog_paths(project_locale_dirs(), languages=options["locale"], exclude=options["exclude"])
            if not is_ignored_path(str(path), ignore_patterns)
        ]
        failed = False
        for po_path in paths:
            compiled, problems = compile_catalog(po_path, use_fuzzy=options["fuzzy"])
            for problem in problems:
                self.stderr.write(str(problem))
            failed = failed or bool(problems)
            if verbosity > 0 and not problems:
                state = "compiled" if compiled else "already compiled and up to date"
                self.stdout.write(f"{po_path}: {state}")
        if failed:
            raise CommandError("compilemessages found errors in the catalogs above; no .mo was written for them.")
