"""Stock levels on PostgreSQL keep half of each table page free (fillfactor 50).

Ingestion rewrites levels in place (a newer quantity for the same store and product); with
room on its page the new row version is a heap-only tuple (HOT): neither index is touched
and PostgreSQL writes a fraction of the WAL. A store resync rewrites every row of its pages
at once, so half a page of room lets all of them stay there. Measured on 2,000,000 levels
(benchmarks/scale): a 5,000-row upsert took 105–130 ms with full pages and 28–56 ms with
this, for a table twice the size (150 MB → 300 MB at 2,000,000 levels).

Only pages written from now on follow it; an existing table gets it as rows move, or at
once with ``VACUUM FULL catalog_stocklevel`` (docs/operations.md, "Stock ingestion").
Other databases have no such setting: nothing happens there.
"""

from django.db import migrations

TABLE = "catalog_stocklevel"


def set_fillfactor(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'ALTER TABLE "{TABLE}" SET (fillfactor = {value})')

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_translatable_names"),
    ]

    operations = [
        migrations.RunPython(set_fillfactor(50), set_fillfactor(100), elidable=False),
    ]
