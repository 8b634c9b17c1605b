"""Database setup the search app's migrations need beyond Django's own operations: the
PostgreSQL extension pg_trgm and SQL for one database vendor only (a GIN index, an FTS5 table)."""

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, migrations, transaction


class RunSQLOn(migrations.RunSQL):
    """``RunSQL`` on databases of one ``vendor`` ("postgresql", "sqlite") only."""

    def __init__(self, vendor, sql, reverse_sql=None, **kwargs):
        self.vendor = vendor
        super().__init__(sql, reverse_sql, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Raw SQL operation on {self.vendor}"


def require_postgres_extension(name):
    """A migration operation making sure the PostgreSQL extension ``name`` is installed in the
    database: created when missing (PostgreSQL 13+ lets a database's owner create a "trusted"
    extension such as pg_trgm), otherwise an error that says what a superuser must run."""

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = %s", [name])
            if cursor.fetchone():
                return
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = %s", [name])
            if not cursor.fetchone():
                raise ImproperlyConfigured(
                    f"The search index needs the PostgreSQL extension {name}, which this PostgreSQL server does not "
                    f"have: install the server's contrib modules (Debian: the postgresql-contrib package)."
                )
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
            except DatabaseError as error:
                raise ImproperlyConfigured(
                    f"The search index needs the PostgreSQL extension {name} in database "
                    f"{connection.settings_dict['NAME']!r}, and this role may not create it ({error}). "
                    f"A superuser can, once: CREATE EXTENSION {name}; in that database. Then migrate again."
                ) from error

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)


def create_sqlite_fts5_table(table, sql):
    """A migration operation creating the FTS5 table ``table`` with ``sql`` (a list of
    statements) on SQLite, or an error saying that this SQLite lacks FTS5."""

    def forwards(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            try:
                for statement in sql:
                    cursor.execute(statement)
            except DatabaseError as error:
                if "fts5" in str(error).lower():
                    raise ImproperlyConfigured(
                        f"The search index needs SQLite's FTS5 extension, which this SQLite ({connection.Database.sqlite_version}) "
                        f"was built without ({error}): use a Python whose sqlite3 has it, or PostgreSQL."
                    ) from error
                raise

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}")

    return migrations.RunPython(forwards, backwards, elidable=False)
