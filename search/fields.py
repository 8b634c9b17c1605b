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
        return tsvector_literal(value)

    def get_placeholder(self, value, compiler, connection):
        return "%s::tsvector" if connection.vendor == "postgresql" else "%s"


def tsvector_literal(weighted):
    """``{"A": ["moka", "pot"], "D": ["moka"]}`` → ``'moka':1A,4D 'pot':1A``: each term once,
    with one position per weight class it occurs in (position 1 for A … 4 for D): matching
    and ranking need the weights only, never word order."""
    positions = {}
    for number, weight in enumerate("ABCD", 1):
        for term in weighted.get(weight, ()):
            found = positions.setdefault(term, [])
            if not found or found[-1] != f"{number}{weight}":
                found.append(f"{number}{weight}")
    return " ".join(f"{quoted(term)}:{','.join(found)}" for term, found in positions.items())


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
