"""Model fields of the database search backend whose storage depends on the database."""

from django.db import models


class WeightedTermsField(models.Field):
    """Analysed terms with a weight class each, as ``{"A": [term, …], "B": […], …}``
    (search/backends/database_sql.py: A title, B names and codes, C categories and city,
    D the rest): a ``tsvector`` on PostgreSQL, searched through a GIN index. Other databases
    store nothing here (SQLite keeps the terms in an FTS5 table)."""

    def __init__(self, *args, **kwargs):
        kwargs["null"] = True
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("null", None)
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None or connection.vendor != "postgresql":
            return None
        return value if isinstance(value, str) else tsvector_literal(value)  # a str: as read back

    def get_placeholder(self, value, compiler, connection):
        return "%s::tsvector" if connection.vendor == "postgresql" else "%s"


def tsvector_literal(weighted):
    """``{"A": ["moka", "pot"], "D": ["moka", "cup"]}`` → ``'moka':1A 'pot':1A 'cup':4D``: each
    term once, in the best weight class it occurs in (position 1 for A … 4 for D). Matching
    and ranking need that class only, never word order; and with one position per term,
    ``ts_rank`` gives each matched term exactly its class's weight (database_sql.py)."""
    best = {}
    for number, weight in enumerate("ABCD", 1):
        for term in weighted.get(weight, ()):
            best.setdefault(term, f"{number}{weight}")
    return " ".join(f"{quoted(term)}:{position}" for term, position in best.items())


def quoted(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class CodepointTextField(models.TextField):
    """Text compared and ordered by code point on every database (the "C" collation on
    PostgreSQL, SQLite's default BINARY one), so that every text starting with a prefix lies
    in one range of an index on it."""

    def db_parameters(self, connection):
        parameters = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            parameters["collation"] = "C"
        return parameters
