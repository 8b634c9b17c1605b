"""Inserting many rows fast: plain ``executemany`` of tuples (any database), or PostgreSQL's
COPY through psycopg.

Both take the columns from the model's ``_meta`` and the values already in database form
(``Field.get_db_prep_save``); neither sends signals, like ``bulk_create``.
"""

from django.db import connections


def concrete_columns(model, fields=None):
    """The (field, column) pairs of ``model``'s own table, or of the named fields."""
    if fields is None:
        chosen = model._meta.local_concrete_fields
    else:
        chosen = [model._meta.get_field(name) for name in fields]
    return [(field, field.column) for field in chosen]


def instance_rows(instances, fields, connection):
    """Database values of ``fields`` for each instance, in order."""
    return [
        tuple(field.get_db_prep_save(getattr(instance, field.attname), connection) for field in fields)
        for instance in instances
    ]


def insert_instances(model, instances, using="default"):
    """INSERT the own table row of each instance (for a multi-table child model, the row
    keyed by its parent link, which must already be set). Returns the number inserted."""
    connection = connections[using]
    pairs = concrete_columns(model)
    fields = [field for field, _column in pairs]
    return insert_tuples(model, [column for _field, column in pairs], instance_rows(instances, fields, connection),
                         using=using)


def insert_tuples(model, columns, rows, using="default"):
    """INSERT ``rows`` (tuples in database form, one value per column) into ``model``'s table."""
    if not rows:
        return 0
    connection = connections[using]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(column) for column in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def can_copy(using="default"):
    return connections[using].vendor == "postgresql"


def copy_tuples(model, columns, rows, using="default"):
    """COPY ``rows`` into ``model``'s table (PostgreSQL with psycopg 3)."""
    connection = connections[using]
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(quote(model._meta.db_table), ", ".join(quote(column) for column in columns))
    count = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


class RowBuilder:
    """Rows of ``model``'s own table as tuples in database form, without model instances
    (building a Django instance costs far more than inserting its row). ``row(**values)``
    takes values by attribute name (``category_id``); other columns get the field default."""

    def __init__(self, model, names, using="default"):
        connection = connections[using]
        self.model = model
        fields = [model._meta.get_field(name) for name in names]
        others = [field for field in model._meta.local_concrete_fields
                  if not field.primary_key and field not in fields]
        self.fields = fields + others
        self.columns = [field.column for field in self.fields]
        self.names = [field.attname for field in fields]
        self.defaults = tuple(field.get_db_prep_save(field.get_default(), connection) for field in others)
        # Text, integers, booleans and keys go to the database as they are; the rest
        # (decimals, dates, times, UUIDs) through the field.
        as_is = {"CharField", "TextField", "SlugField", "URLField", "EmailField", "IntegerField", "BigIntegerField",
                 "PositiveIntegerField", "PositiveSmallIntegerField", "BooleanField", "ForeignKey"}
        self._prepare = [
            None if field.get_internal_type() in as_is
            else (lambda value, field=field: field.get_db_prep_save(value, connection))
            for field in fields
        ]

    def row(self, *values):
        """Values in the order of ``names``."""
        return tuple(
            value if prepare is None else prepare(value) for prepare, value in zip(self._prepare, values)
        ) + self.defaults
