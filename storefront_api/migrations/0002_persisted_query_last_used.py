# Expand only (docs/deployment.md "Migrations"): a column with a default in the database, so
# app servers of the previous release keep inserting rows while the release rolls out.

import django.db.models.functions.datetime
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('storefront_api', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='persistedquery',
            name='last_used_at',
            field=models.DateTimeField(db_default=django.db.models.functions.datetime.Now(), help_text='When a client last ran it, to within an hour. Beyond the cap on automatic queries (GRAPHQL_PERSISTED_QUERIES_MAX) the least recently used automatic ones are removed; registered queries are never removed.'),
        ),
        migrations.AddIndex(
            model_name='persistedquery',
            index=models.Index(fields=['source', 'last_used_at'], name='persisted_query_lru'),
        ),
    ]
