"""The database backend's SQL that differs between PostgreSQL and SQLite: where an entry's
weighted terms live, how a TextQuery matches and scores them, how facets are counted and
how the typo vocabulary is searched. Everything else (filters, sorts, pagination) is
written once with the ORM in search/backends/database.py.

- PostgreSQL: the terms are ``search_searchentry.vector``, a ``tsvector`` with a GIN index;
  a query is a ``tsquery`` of its terms ORed, and each term scores the boost of the best
  weight class holding it (``ts_rank`` with the boosts as class weights). Facets are one pass of GROUPING SETS.
  Typos are looked up by trigram similarity (pg_trgm, a GIN index on the vocabulary).
- SQLite: the terms are in the FTS5 table ``search_entry_text`` (rowid = the entry's id),
  one column per weight class; the same match and score through FTS5 queries. Facets are one
  GROUP BY per facet over the matches, materialized once.
"""

from django.db import connections, transaction
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from ..fields import quoted
from ..models import SearchEntry, SearchTerm

# Weight classes of the terms: (FTS5 column, tsvector weight, boost). The boosts are those of
# the Elasticsearch backend's fields (title^4, brand^3, category^2, city^2, the rest 1); SKU
# and GTIN words count as brand.
WEIGHT_CLASSES = (("title", "A", 4), ("names", "B", 3), ("labels", "C", 2), ("body", "D", 1))
# ts_rank's weights of the classes D, C, B, A (at most 1 each): the boosts over the largest.
MAX_BOOST = max(boost for _, _, boost in WEIGHT_CLASSES)
RANK_WEIGHTS = [boost / MAX_BOOST for _, _, boost in reversed(WEIGHT_CLASSES)]
RANK_SCALE = 1.64493406685  # ts_rank divides each term's weight by π²/6 (PostgreSQL's tsrank.c)
SCORE_PRECISION = 1000  # scores rounded to a thousandth: ts_rank computes in single precision
FTS_TABLE = "search_entry_text"
ENTRY_TABLE = SearchEntry._meta.db_table
TERM_TABLE = SearchTerm._meta.db_table
# Lowest trigram similarity of a vocabulary word to a typed word for it to be a candidate
# correction (pg_trgm's default, 0.3, misses one typo in most four-letter words).
TYPO_SIMILARITY = 0.2
# Facets counted straight from one column each; "category" and "services" are counted per
# stored combination ("/kitchen/coffee/", " parking wifi ") and split by the caller.
FACET_COLUMNS = ("type", "page_type", "brand", "price_band", "city", "locale", "category_path", "services")


class TextIndex:
    """The vendor-specific part of the database backend, for one database connection."""

    def __init__(self, using):
        self.using = using

    def write(self, rows):
        """Store the weighted terms of new entries: ``rows`` is ``[(entry id, {weight: [term, …]})]``."""

    def clear(self):
        """Forget every entry's terms (the entries are being deleted)."""

    def match(self, query):
        """A condition (for ``QuerySet.filter``) true for the entries holding any term of ``query``."""
        raise NotImplementedError

    def score(self, query):
        """An expression: the sum over ``query``'s terms of its weight times the boost of the
        best weight class holding it."""
        raise NotImplementedError

    def facet_rows(self, sql, params):
        """``[(column, value, count)]`` for every FACET_COLUMNS value among the rows of the
        query ``sql`` (which selects those columns), and ``(None, None, total)``."""
        raise NotImplementedError

    def vocabulary_candidates(self, locale, words):
        """Indexed words of ``locale`` that may be within a typo or two of any of ``words``
        (each word itself too, if indexed); the caller checks the edit distance."""
        raise NotImplementedError

    def cursor(self):
        return connections[self.using].cursor()


class PostgresTextIndex(TextIndex):
    def match(self, query):
        tsquery = " | ".join(quoted(term) for term in query.terms)
        return RawSQL(f'"{ENTRY_TABLE}"."vector" @@ %s::tsquery', [tsquery], output_field=BooleanField())

    def score(self, query):
        """One ``ts_rank`` per term weight (typed words, typo corrections): each vector holds
        a term once, in its best class (search.fields.tsvector_literal), so ts_rank of an OR
        query is the sum of the matched terms' class weights divided by RANK_SCALE times the
        number of terms; multiplied back and rounded, equal scores stay equal."""
        vector = f'"{ENTRY_TABLE}"."vector"'
        by_weight = {}
        for term, weight in query.terms.items():
            by_weight.setdefault(weight, []).append(term)
        parts, params = [], []
        for weight, terms in by_weight.items():
            parts.append(f"round(ts_rank(%s::real[], {vector}, %s::tsquery) * %s) / %s")
            scale = weight * RANK_SCALE * MAX_BOOST * len(terms) * SCORE_PRECISION
            params += [RANK_WEIGHTS, " | ".join(quoted(term) for term in terms), scale, SCORE_PRECISION]
        return RawSQL(" + ".join(parts), params, output_field=FloatField())

    def facet_rows(self, sql, params):
        sets = ", ".join(f"({column})" for column in FACET_COLUMNS)
        columns = ", ".join(FACET_COLUMNS)
        with self.cursor() as cursor:
            cursor.execute(f"SELECT {columns}, COUNT(*) FROM ({sql}) matched GROUP BY GROUPING SETS ((), {sets})", params)
            rows = cursor.fetchall()
        found = []
        for *values, count in rows:
            # Columns are never NULL in the table: a NULL one is grouped away in this row.
            grouped = [(column, value) for column, value in zip(FACET_COLUMNS, values) if value is not None]
            found.append((*(grouped[0] if grouped else (None, None)), count))
        return found

    def vocabulary_candidates(self, locale, words):
        if not words:
            return set()
        similar = " OR ".join(["term %% %s"] * len(words))
        with transaction.atomic(using=self.using), self.cursor() as cursor:
            # For this transaction only: pooled connections keep pg_trgm's default.
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(TYPO_SIMILARITY)])
            cursor.execute(f"SELECT term FROM {TERM_TABLE} WHERE locale = %s AND ({similar})", [locale, *words])
            return {term for (term,) in cursor.fetchall()}


class SqliteTextIndex(TextIndex):
    def write(self, rows):
        columns = [column for column, _, _ in WEIGHT_CLASSES]
        with self.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(columns)}) VALUES (%s{', %s' * len(columns)})",
                [(entry_id, *(" ".join(weighted.get(letter, ())) for _, letter, _ in WEIGHT_CLASSES)) for entry_id, weighted in rows],
            )

    def clear(self):
        with self.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

    def match(self, query):
        return RawSQL(f'"{ENTRY_TABLE}"."id" IN ({self._rowids()})', [fts_query(query.terms)], output_field=BooleanField())

    def score(self, query):
        entry_id = f'"{ENTRY_TABLE}"."id"'
        parts, params = [], []
        for term, weight in query.terms.items():
            cases = " ".join(f"WHEN {entry_id} IN ({self._rowids()}) THEN {boost}" for _, _, boost in WEIGHT_CLASSES[:-1])
            parts.append(f"%s * (CASE WHEN {entry_id} NOT IN ({self._rowids()}) THEN 0 {cases} ELSE {WEIGHT_CLASSES[-1][2]} END)")
            params += [weight, fts_query([term]), *(fts_query([term], column) for column, _, _ in WEIGHT_CLASSES[:-1])]
        return RawSQL(" + ".join(parts), params, output_field=FloatField())

    def _rowids(self):
        return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"

    def facet_rows(self, sql, params):
        # No GROUPING SETS in SQLite: the matches once, then one GROUP BY per column.
        groups = " UNION ALL ".join(
            ["SELECT NULL, NULL, COUNT(*) FROM matched"]
            + [f"SELECT '{column}', {column}, COUNT(*) FROM matched GROUP BY {column}" for column in FACET_COLUMNS]
        )
        with self.cursor() as cursor:
            cursor.execute(f"WITH matched AS MATERIALIZED ({sql}) {groups}", params)
            return cursor.fetchall()

    def vocabulary_candidates(self, locale, words):
        if not words:
            return set()
        # Same first letter (no typo there, as in Elasticsearch's prefix_length 1): a range
        # of the (locale, term) index.
        letters = sorted({word[0] for word in words})
        ranges = " OR ".join(["(term >= %s AND term < %s)"] * len(letters))
        bounds = [bound for letter in letters for bound in (letter, chr(ord(letter) + 1))]
        with self.cursor() as cursor:
            cursor.execute(f"SELECT term FROM {TERM_TABLE} WHERE locale = %s AND ({ranges})", [locale, *bounds])
            return {term for (term,) in cursor.fetchall()}


def fts_query(terms, column=None):
    """An FTS5 query for any of ``terms`` (quoted: FTS5 operators in them mean nothing), in
    one column or all."""
    phrases = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return f"{{{column}}} : ({phrases})" if column else phrases


def text_index(using="default"):
    vendor = connections[using].vendor
    if vendor == "postgresql":
        return PostgresTextIndex(using)
    if vendor == "sqlite":
        return SqliteTextIndex(using)
    raise NotImplementedError(f"The database search backend supports PostgreSQL and SQLite, not {vendor}.")
