"""Parsed queries and their standard validation, kept per query text in each process.

Parsing and graphql-core's standard rules depend only on the text, the schema and whether
introspection is on, and cost 3–7 ms for a typical storefront query — each request paid it
again. The limits (validation.py) depend on the variables and still run per request.
Bounded by the characters of the queries kept, so large queries cannot fill the memory.
"""

from collections import OrderedDict
from threading import Lock

from graphql import parse, validate

from .settings import api_setting
from .validation import repetition_refusal, standard_rules

MAX_KEPT_CHARACTERS = 2_000_000


class CheckedDocuments:
    """Least recently used (query, schema, introspection, repetition limit) → (document,
    standard errors)."""

    def __init__(self, max_characters=MAX_KEPT_CHARACTERS):
        self.max_characters = max_characters
        self.entries = OrderedDict()
        self.characters = 0
        self.lock = Lock()

    def get(self, schema, query, introspection):
        """The parsed document and its validation errors; a syntax error raises GraphQLError."""
        key = (query, id(schema), introspection, api_setting("MAX_REPEATED_FIELDS"))
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        document = parse(query)
        refused = repetition_refusal(document)
        errors = [refused] if refused else validate(schema, document, standard_rules(introspection))
        checked = (document, errors)
        self.keep(key, checked, len(query))
        return checked

    def keep(self, key, checked, characters):
        if characters > self.max_characters:
            return
        with self.lock:
            if key not in self.entries:
                self.characters += characters
            self.entries[key] = checked
            while self.characters > self.max_characters:
                (query, *_), _ = self.entries.popitem(last=False)
                self.characters -= len(query)


checked_documents = CheckedDocuments()
