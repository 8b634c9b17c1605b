"""Wagtail's documents become ProtectedDocument rows with the same ids, so rich-text links
(``<a linktype="document" id="…">``) and chooser values keep pointing at them. Tags, history,
the reference index and the admin's search entries follow (their content type is repointed).
The files are not touched: `manage.py move_media_documents` moves them out of MEDIA_ROOT."""

from django.core.management.color import no_style
from django.db import migrations

# (app label, model, content type field): rows that name a document by content type and id.
TYPED_ROWS = [
    ("taggit", "TaggedItem", "content_type"),
    ("wagtailcore", "ModelLogEntry", "content_type"),
    ("wagtailcore", "ReferenceIndex", "content_type"),
    ("wagtailcore", "ReferenceIndex", "base_content_type"),
    ("wagtailcore", "ReferenceIndex", "to_content_type"),
    ("wagtailsearch", "IndexEntry", "content_type"),
]


def move_rows(apps, schema_editor, source_name, target_name):
    """Every row of ``source_name`` into ``target_name`` (``"app_label.Model"``), ids kept."""
    connection = schema_editor.connection
    source, target = apps.get_model(source_name), apps.get_model(target_name)
    columns = [field.column for field in source._meta.concrete_fields]
    if sorted(columns) != sorted(field.column for field in target._meta.concrete_fields):
        raise RuntimeError(f"{source_name} and {target_name} have different columns; copy the rows by hand.")
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    source_table, target_table = (connection.ops.quote_name(model._meta.db_table) for model in (source, target))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {target_table} ({quoted}) SELECT {quoted} FROM {source_table}")
        repoint_content_type(apps, connection.alias, source, target)
        cursor.execute(f"DELETE FROM {source_table}")
        for statement in connection.ops.sequence_reset_sql(no_style(), [target]):
            cursor.execute(statement)


def repoint_content_type(apps, using, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.using(using).filter(app_label=source._meta.app_label, model=source._meta.model_name).first()
    if old is None:
        return
    new, _created = ContentType.objects.using(using).get_or_create(
        app_label=target._meta.app_label, model=target._meta.model_name
    )
    for app_label, model_name, field in TYPED_ROWS:
        apps.get_model(app_label, model_name).objects.using(using).filter(**{field: old}).update(**{field: new})


def forwards(apps, schema_editor):
    move_rows(apps, schema_editor, "wagtaildocs.Document", "core.ProtectedDocument")


def backwards(apps, schema_editor):
    move_rows(apps, schema_editor, "core.ProtectedDocument", "wagtaildocs.Document")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_protected_document"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
