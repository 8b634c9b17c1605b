"""Text analysis of the database backend: words, stemming per language, typo distance and
highlighting, in Python so that SQLite and PostgreSQL index and query exactly the same terms.

Stemming uses the Snowball algorithms (the ``snowballstemmer`` package) that PostgreSQL's
``english`` and ``italian`` text search configurations and Elasticsearch's language analyzers
are built on, and accents are folded as PostgreSQL's ``unaccent`` does; other languages are
not stemmed (Elasticsearch's ``standard`` analyzer)."""

import html
import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
# Snowball algorithm per language code.
STEMMER_LANGUAGES = {"en": "english", "it": "italian"}

# Words too common to tell documents apart, left out like the language analyzers do.
STOP_WORDS = {
    "en": set(
        "a an and are as at be but by for if in into is it no not of on or such that the their then there these they "
        "this to was will with".split()
    ),
    "it": set(
        "a ad al allo ai agli all alla alle con col coi da dal dallo dai dagli dall dalla dalle di del dello dei degli "
        "dell della delle e ed i il in la le lo gli l nel nello nei negli nell nella nelle o per su sul sullo sui sugli "
        "sull sulla sulle tra fra un uno una che non si piu".split()
    ),
}


def fold(text):
    """Lower case without accents: "Caffè" → "caffe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    return WORD.findall(fold(text))


_stemmers = threading.local()  # a Snowball stemmer keeps its word in the instance: one per thread


def language(locale):
    return locale.split("-")[0].lower()


@lru_cache(maxsize=100_000)
def stem(word, locale):
    """The stem of a folded ``word``: "grinders" → "grinder", "scarpe" → "scarp"."""
    algorithm = STEMMER_LANGUAGES.get(language(locale))
    if algorithm is None or word.isdigit():
        return word
    stemmers = _stemmers.__dict__
    if algorithm not in stemmers:
        stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmers[algorithm].stemWord(word)


def terms(text, locale):
    """The analysed words of ``text``: folded, without stop words, stemmed."""
    stop_words = STOP_WORDS.get(language(locale), set())
    return [stem(word, locale) for word in words(text) if word not in stop_words]


def allowed_typos(term):
    """Edits an analysed query word may be away from an indexed one (like Elasticsearch's
    AUTO); none for short words and for words with digits (a code or a number typed wrong
    is another code or number, not a typo)."""
    if len(term) < 3 or not correctable(term):
        return 0
    return 1 if len(term) <= 5 else 2


def correctable(term):
    """Whether ``term`` may correct a typo or be corrected: letters only. The vocabulary of
    indexed words (search.models.SearchTerm) holds these only."""
    return term.isalpha() and len(term) <= 100


def edit_distance(a, b, limit):
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it is certainly larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def highlight(text, matched_terms, locale, fragment_size=None, fragments=None):
    """``text`` HTML-escaped with the words whose analysed form is in ``matched_terms`` wrapped
    in <mark>…</mark>. With ``fragment_size``: up to ``fragments`` pieces around the first
    matches instead of the whole text. [] when no word matches."""
    spans = [match.span() for match in WORD.finditer(text) if stem(fold(match.group()), locale) in matched_terms]
    if not spans:
        return []
    if fragment_size is None:
        return [mark(text, 0, len(text), spans)]
    pieces, end_of_last = [], -1
    for start, end in spans:
        if start < end_of_last:
            continue
        begin = max(0, start - fragment_size // 3)
        begin = text.rfind(" ", 0, begin) + 1 if begin else 0
        stop = min(len(text), begin + fragment_size)
        stop = stop if stop == len(text) else max(text.rfind(" ", end, stop), end)
        pieces.append(mark(text, begin, stop, spans))
        end_of_last = stop
        if len(pieces) == fragments:
            break
    return pieces


def mark(text, begin, stop, spans):
    out, position = [], begin
    for start, end in spans:
        if start < begin or end > stop:
            continue
        out.append(html.escape(text[position:start], quote=False))
        out.append(f"<mark>{html.escape(text[start:end], quote=False)}</mark>")
        position = end
    out.append(html.escape(text[position:stop], quote=False))
    return "".join(out).strip()
