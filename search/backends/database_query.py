"""What a shopper's text asks of the database backend, analysed and expanded in one place:
the query's words, the indexed words they may be misspellings of, and the whole text as a
product code. search/backends/database_sql.py turns a TextQuery into SQL.

Expansions join here: typo corrections now (words the index does not hold, corrected from
its vocabulary, each worth TYPO_WEIGHT); synonyms or a query's intent would be added the same
way, as more terms with their weights.
"""

from dataclasses import dataclass, field

from .database_text import allowed_typos, correctable, edit_distance, terms

TYPO_WEIGHT = 0.5  # a word found only through a typo correction counts half


@dataclass(frozen=True)
class TextQuery:
    """``terms``: analysed term → weight (1 as typed, TYPO_WEIGHT for a correction), in the
    query's order; ``code``: the text casefolded, matched whole against SKUs and GTINs. A query
    without terms (only stop words) matches nothing."""

    text: str
    terms: dict = field(default_factory=dict)
    code: str = ""

    @property
    def matches_nothing(self):
        return not self.terms


def build_text_query(text, locale, text_index):
    """The TextQuery of ``text`` in ``locale``, or None for no text (everything matches).
    ``text_index`` (database_sql.TextIndex) looks candidate corrections up in the vocabulary."""
    if not text.strip():
        return None
    typed = dict.fromkeys(terms(text, locale), 1.0)
    expanded = dict(typed)
    for term, corrections in typo_corrections(list(typed), locale, text_index).items():
        for correction in corrections:
            expanded.setdefault(correction, TYPO_WEIGHT)
    return TextQuery(text=text, terms=expanded, code=text.strip().casefold())


def typo_corrections(query_terms, locale, text_index):
    """``{term: [indexed words within its allowed edits]}`` for the query terms the index does
    not hold (a word it holds is taken as meant). The first letter is never corrected."""
    correctable_terms = [term for term in query_terms if allowed_typos(term)]
    if not correctable_terms:
        return {}
    vocabulary = text_index.vocabulary_candidates(locale, correctable_terms)
    corrections = {}
    for term in correctable_terms:
        if term in vocabulary:
            continue
        limit = allowed_typos(term)
        corrections[term] = sorted(
            candidate for candidate in vocabulary
            if candidate[0] == term[0] and correctable(candidate) and edit_distance(term, candidate, limit) <= limit
        )
    return corrections
